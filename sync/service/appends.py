"""The rows one write transaction adds to the append-only tables, collected and inserted at once.

A push of 250 ops adds 250 rows or more to each of the change feed, the op journal and the audit
log, and draws as many numbers from the ``server_seq`` counter. Built as ORM objects that cost
more than applying the ops themselves, so :meth:`Database.write_txn` gives every write transaction
one :class:`Appends`: the service adds plain rows to it, allocates counter values and advances
the audit head in memory, and :meth:`Appends.flush` writes each table's rows with one
``executemany``, each touched counter with one UPDATE and the audit head once (one row of ``audit_heads``,
signed when the service has a signing key).

New records (rows of ``entities``) go the same way: :func:`sync.service.rules.new_head` builds the
:class:`EntityHead` but hands it to :meth:`Appends.new_head` instead of ``Session.add``. The flush
inserts it with the other rows, from its attributes as they are then (so a record created and
changed again before the flush is inserted as changed), and then attaches the same object to the
session as a persistent, clean instance: any later change to it is an ordinary ORM UPDATE, and a
``Session.get`` of its key returns that object.

The flush runs just before commit, and also before any other statement the session executes
(a ``do_orm_execute`` hook), so a query inside the transaction always sees every row appended
before it, exactly as the ORM's autoflush does for ORM objects. Nothing is held across
transactions: counter values and the audit head are read once, under the write lock, by the
first allocation or append that needs them.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection, Table, insert, select, update
from sqlalchemy.orm import Session, make_transient_to_detached

from sync.protocol.audit_head import SignedHead
from sync.service.models import AuditEvent, AuditHeadRow, Change, Counter, EntityHead, OpJournal
from sync.service.signing import HeadSigner

logger = logging.getLogger(__name__)

#: The key under which a write transaction's :class:`Appends` lives in ``Session.info``.
INFO_KEY = "cofnod_appends"

_CHANGES: Table = Change.__table__  # type: ignore[assignment]
_JOURNAL: Table = OpJournal.__table__  # type: ignore[assignment]
_AUDIT: Table = AuditEvent.__table__  # type: ignore[assignment]
_COUNTERS: Table = Counter.__table__  # type: ignore[assignment]
_HEADS: Table = AuditHeadRow.__table__  # type: ignore[assignment]
_ENTITIES: Table = EntityHead.__table__  # type: ignore[assignment]
_ENTITY_COLUMNS: tuple[str, ...] = tuple(c.key for c in _ENTITIES.columns)


@dataclass(slots=True)
class AuditHead:
    """The chain's length and last hash as of the last append (or as stored, before any)."""

    count: int
    head_hash: str
    created_at: str | None


@dataclass(slots=True)
class _CounterState:
    value: int
    stored: bool


@dataclass
class Appends:
    """One transaction's pending change-feed, journal and audit rows, counters and audit head."""

    session: Session
    rows: dict[Table, list[dict[str, Any]]] = field(default_factory=lambda: {_CHANGES: [], _JOURNAL: [], _AUDIT: []})
    _heads: list[EntityHead] = field(default_factory=list)
    _counters: dict[str, _CounterState] = field(default_factory=dict)
    _dirty_counters: set[str] = field(default_factory=set)
    _audit_head: AuditHead | None = None
    _audit_dirty: bool = False  # the head moved since it was last sealed
    _head_rows: list[dict[str, Any]] = field(default_factory=list)
    _flushing: bool = False
    #: Signs each sealed head (None: heads are stored unsigned).
    signer: HeadSigner | None = None
    #: The heads this transaction signed, for the witness file once it has committed.
    signed: list[SignedHead] = field(default_factory=list)

    # ---- collecting

    def change(self, row: dict[str, Any]) -> None:
        """Queue one change-feed row (every column of :class:`Change`)."""
        self.rows[_CHANGES].append(row)

    def journal(self, row: dict[str, Any]) -> None:
        """Queue one op-journal row (every column of :class:`OpJournal` except ``id``)."""
        self.rows[_JOURNAL].append(row)

    def new_head(self, head: EntityHead) -> None:
        """Queue a new record (transient, every column set); inserted and attached at flush."""
        self._heads.append(head)

    def next_value(self, name: str, n: int = 1) -> int:
        """Reserve ``n`` values of counter ``name``; returns the first. The row is written at flush."""
        state = self._counters.get(name)
        if state is None:
            value = self._connection().scalar(select(_COUNTERS.c.value).where(_COUNTERS.c.name == name))
            state = _CounterState(value or 0, value is not None)
            self._counters[name] = state
        first = state.value + 1
        state.value += n
        self._dirty_counters.add(name)
        return first

    def audit_head(self, genesis: str) -> AuditHead:
        """The head the next audit event chains onto (``genesis`` as the hash of an empty chain)."""
        if self._audit_head is None:
            row = (
                self._connection()
                .execute(
                    select(_HEADS.c.count, _HEADS.c.head_hash, _HEADS.c.signed_at)
                    .order_by(_HEADS.c.count.desc())
                    .limit(1)
                )
                .first()
            )
            if row is None:
                self._audit_head = AuditHead(0, genesis, None)
            else:
                self._audit_head = AuditHead(int(row[0]), str(row[1]), row[2])
        return self._audit_head

    def seal(self) -> SignedHead | None:
        """Sign the head as it is now and queue its ``audit_heads`` row (once per position).

        Runs at the transaction's last flush; a handler that must hand the head out (pull) calls
        it earlier, through :func:`sync.service.audit.signed_head`. Returns the newest head this
        transaction signed, or None when it signed none (no appends, or no signing key).
        """
        head = self._audit_head
        if head is not None and self._audit_dirty:
            assert head.created_at is not None
            row: dict[str, Any] = {
                "count": head.count,
                "head_hash": head.head_hash,
                "signed_at": head.created_at,
                "key_id": None,
                "signature": None,
            }
            if self.signer is not None:
                signed = self.signer.sign(head.count, head.head_hash, head.created_at)
                row["key_id"], row["signature"] = signed.key_id, signed.signature
                self.signed.append(signed)
            self._head_rows.append(row)
            self._audit_dirty = False
        return self.signed[-1] if self.signed else None

    def audit_event(self, row: dict[str, Any]) -> None:
        """Queue one chained audit row and move the head past it; call :meth:`audit_head` first."""
        head = self._audit_head
        assert head is not None and row["idx"] == head.count, "audit rows must be appended in chain order"
        self.rows[_AUDIT].append(row)
        head.count = row["idx"] + 1
        head.head_hash = row["hash"]
        head.created_at = row["created_at"]
        self._audit_dirty = True

    # ---- writing

    def flush(self, *, final: bool = False) -> None:
        """Insert every queued row (one executemany per table) and store counters.

        The audit head is sealed (signed, one ``audit_heads`` row) only by the ``final`` flush
        before commit, or by an explicit :meth:`seal`: once per transaction, not per statement.
        """
        if final:
            self.seal()
        if self._flushing or not (any(self.rows.values()) or self._heads or self._dirty_counters or self._head_rows):
            return
        self._flushing = True
        try:
            conn = self._connection()
            if self._heads:
                heads, self._heads = self._heads, []
                _insert_rows(conn, _ENTITIES, [{c: getattr(h, c) for c in _ENTITY_COLUMNS} for h in heads])
                for new in heads:
                    # Now a stored row: attach it clean, so later changes are ORM UPDATEs.
                    make_transient_to_detached(new)
                self.session.add_all(heads)
            for table, rows in self.rows.items():
                if rows:
                    _insert_rows(conn, table, rows)
                    rows.clear()
            for name in sorted(self._dirty_counters):
                state = self._counters[name]
                if state.stored:
                    conn.execute(update(_COUNTERS).where(_COUNTERS.c.name == name).values(value=state.value))
                else:
                    conn.execute(insert(_COUNTERS).values(name=name, value=state.value))
                    state.stored = True
            self._dirty_counters.clear()
            if self._head_rows:
                conn.execute(insert(_HEADS), self._head_rows)
                self._head_rows.clear()
        finally:
            self._flushing = False

    def _connection(self) -> Connection:
        # The session's own connection (same transaction); Connection.execute fires no ORM
        # events, so neither loading nor flushing re-enters the do_orm_execute hook.
        return self.session.connection()


def _insert_rows(conn: Connection, table: Table, rows: list[dict[str, Any]]) -> None:
    """Insert ``rows`` (dicts with the same keys) in one go: COPY on PostgreSQL, else executemany.

    COPY is twice as fast as psycopg's pipelined executemany for these rows; it runs on the
    transaction's own connection, and the tables have no INSERT triggers it could bypass.
    """
    if conn.dialect.name != "postgresql":
        conn.execute(insert(table), rows)
        return
    columns = list(rows[0])
    names = ", ".join(conn.dialect.identifier_preparer.quote(c) for c in columns)
    with conn.connection.driver_connection.cursor() as cur:  # type: ignore[union-attr]
        with cur.copy(f"COPY {conn.dialect.identifier_preparer.format_table(table)} ({names}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row([row[c] for c in columns])


def appends_of(session: Session) -> Appends:
    """The transaction's :class:`Appends`; only :meth:`Database.write_txn` sessions have one."""
    pending = session.info.get(INFO_KEY)
    if pending is None:
        raise RuntimeError("append-only rows are written only inside Database.write_txn")
    assert isinstance(pending, Appends)
    return pending


def flush_before_execute(state: Any) -> None:
    """``do_orm_execute`` hook: statements see every row appended earlier in the transaction."""
    pending = state.session.info.get(INFO_KEY)
    if pending is not None:
        pending.flush()
