"""The local side of sync: the outbox as wire ops, their outcomes, and pulled pages applied locally.

This is the store the sync engine drives (sync-protocol.md §3–§5). Each method is one unit of work
on the database lane:

- :meth:`SyncStore.pending_ops` reads the oldest pending ops, in ``device_seq`` order, as the op
  envelopes of :class:`sync.protocol.messages.Op` (capped by count and bytes);
- :meth:`SyncStore.record_results` stores each op's outcome; a confirmed finalisation gives the
  local decision its number and state;
- :meth:`SyncStore.apply_page` writes a pulled page and its cursor in one transaction: every
  version goes to ``entity_version``; the record itself is mapped back through
  :mod:`desktop.store.wire`, except while local ops on it still wait to be sent (those are never
  overwritten; the pulled version is kept and the view is recomputed once the outbox drains).
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from sqlalchemy import func, select, text
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session, sessionmaker

from desktop.store import wire
from desktop.store.orm import Decision, EntityVersion, OutboxOp, SyncState
from sync.protocol.enums import DecisionState, Entity, OpKind, OpStatus, OutboxState

logger = logging.getLogger(__name__)

PULL_CURSOR = "pull_cursor"
SERVER_ID = "server_id"
#: Outbox states whose ops have not reached a durable outcome yet.
WAITING = (OutboxState.PENDING.value, OutboxState.SENDING.value)
#: States of ops the service has answered, and of those a person must look at.
ANSWERED = (OutboxState.APPLIED.value, OutboxState.CONFLICT.value, OutboxState.REJECTED.value)
ATTENTION = (OutboxState.CONFLICT.value, OutboxState.REJECTED.value)
_ENTITIES = {e.value for e in Entity}


def op_envelope(op: OutboxOp) -> dict[str, Any]:
    """One outbox row as the wire op (``sync.protocol.messages.Op``)."""
    return {
        "op_id": op.op_id,
        "device_seq": op.device_seq,
        "kind": op.kind,
        "entity": op.entity,
        "entity_id": op.entity_id,
        "base_version": op.base_version,
        "schema_version": op.schema_version,
        "payload": json.loads(op.payload_json),
        "payload_sha256": op.payload_sha256,
        "author_user_id": op.author_user_id,
        "client_time": wire.wire_value(op.client_time),
    }


def _state_of(result: Mapping[str, Any]) -> str:
    status = result.get("first_status") if result.get("status") == OpStatus.DUPLICATE.value else result.get("status")
    return {
        OpStatus.APPLIED.value: OutboxState.APPLIED.value,
        OpStatus.CONFLICT.value: OutboxState.CONFLICT.value,
        OpStatus.REJECTED.value: OutboxState.REJECTED.value,
    }.get(str(status), OutboxState.REJECTED.value)


class SyncStore:
    """The outbox, the outcomes and the pulled feed of one profile's database."""

    def __init__(self, sessions: sessionmaker[Session]) -> None:
        self._sessions = sessions

    # ---- push

    def pending_ops(self, *, limit: int = 250, max_bytes: int = 1024 * 1024) -> list[dict[str, Any]]:
        """The oldest ops still to send, in device order, at most ``limit`` and about ``max_bytes``."""
        out: list[dict[str, Any]] = []
        size = 0
        with self._sessions() as s:
            rows = s.scalars(
                select(OutboxOp).where(OutboxOp.state.in_(WAITING)).order_by(OutboxOp.device_seq).limit(limit)
            )
            for op in rows:
                size += len(op.payload_json) + 400
                if out and size > max_bytes:
                    break
                out.append(op_envelope(op))
        return out

    def ops_from(self, device_seq: int, *, limit: int = 250, max_bytes: int = 1024 * 1024) -> list[dict[str, Any]]:
        """Ops numbered ``device_seq`` and after, in any state: what a restored service lacks (§10)."""
        out: list[dict[str, Any]] = []
        size = 0
        with self._sessions() as s:
            rows = s.scalars(
                select(OutboxOp).where(OutboxOp.device_seq >= device_seq).order_by(OutboxOp.device_seq).limit(limit)
            )
            for op in rows:
                size += len(op.payload_json) + 400
                if out and size > max_bytes:
                    break
                out.append(op_envelope(op))
        return out

    def last_acked_device_seq(self) -> int:
        """The highest ``device_seq`` with an outcome from the service (0 when none has one)."""
        with self._sessions() as s:
            return int(s.scalar(select(func.max(OutboxOp.device_seq)).where(OutboxOp.state.in_(ANSWERED))) or 0)

    def attention_count(self) -> int:
        """Ops whose outcome a person must see: conflicts and rejections (the "needs attention" count)."""
        with self._sessions() as s:
            return int(s.scalar(select(func.count()).where(OutboxOp.state.in_(ATTENTION))) or 0)

    def pending_count(self) -> int:
        """How many ops wait to be sent (the status bar's "pending changes")."""
        with self._sessions() as s:
            return int(s.scalar(select(func.count()).where(OutboxOp.state.in_(WAITING))) or 0)

    def record_results(self, results: Sequence[Mapping[str, Any]]) -> None:
        """Store the service's answer for each op (one transaction); never drops an outcome."""
        with self._sessions.begin() as s:
            by_seq = {int(r["device_seq"]): r for r in results}
            for op in s.scalars(select(OutboxOp).where(OutboxOp.device_seq.in_(list(by_seq)))):
                result = by_seq[op.device_seq]
                op.state = _state_of(result)
                op.server_seq = result.get("server_seq")
                op.result_json = json.dumps(dict(result), sort_keys=True)
                if op.kind == OpKind.FINALISE_DECISION.value and result.get("decision_number"):
                    self._confirm_finalised(s, op.entity_id, result, op.state)

    @staticmethod
    def _confirm_finalised(s: Session, decision_id: str, result: Mapping[str, Any], state: str) -> None:
        d = s.get(Decision, decision_id)
        if d is None:
            return
        d.decision_number = str(result["decision_number"])
        if state == OutboxState.APPLIED.value:
            d.state = DecisionState.FINALISED.value
        if result.get("conflict_kind") == "contested_decision":
            d.state = DecisionState.CONTESTED.value

    # ---- pull

    def cursor(self) -> int:
        """The highest ``server_seq`` applied here (0 before the first pull)."""
        with self._sessions() as s:
            row = s.get(SyncState, PULL_CURSOR)
            return int(row.value) if row else 0

    def server_id(self) -> str | None:
        """The ``server_id`` of the service the cursor belongs to (None before the first pull)."""
        with self._sessions() as s:
            row = s.get(SyncState, SERVER_ID)
            return row.value if row else None

    def apply_page(self, changes: Iterable[Mapping[str, Any]], next_cursor: int, *, server_id: str) -> int:
        """Write one pulled page and move the cursor, in one transaction; returns records applied."""
        applied = 0
        with self._sessions.begin() as s:
            # A page may name a record that comes later in it; references are checked at commit.
            s.execute(text("PRAGMA defer_foreign_keys = ON"))
            waiting = {
                (e, i)
                for e, i in s.execute(select(OutboxOp.entity, OutboxOp.entity_id).where(OutboxOp.state.in_(WAITING)))
            }
            page = list(changes)
            _keep_versions(s, page)
            held = _prefetch(s, page, waiting)  # noqa: F841 - keeps the rows in the identity map
            for change in page:
                entity, entity_id = str(change["entity"]), str(change["entity_id"])
                version = int(change["version"])
                if entity not in _ENTITIES or (entity, entity_id) in waiting:
                    continue
                if Entity(entity) not in wire.BY_ENTITY:
                    continue
                wire.apply_wire(s, Entity(entity), entity_id, change.get("payload") or {}, version=version)
                applied += 1
            _set(s, PULL_CURSOR, str(next_cursor))
            _set(s, SERVER_ID, server_id)
        return applied


def _keep_versions(s: Session, page: Sequence[Mapping[str, Any]]) -> None:
    """Every pulled version into ``entity_version``, in one statement; one already held stays as it is."""
    if not page:
        return
    rows = [
        {
            "entity": str(c["entity"]),
            "entity_id": str(c["entity_id"]),
            "version": int(c["version"]),
            "server_seq": int(c["server_seq"]),
            "schema_version": int(c.get("schema_version") or 1),
            "raw_json": json.dumps(c.get("payload") or {}, sort_keys=True, ensure_ascii=False),
        }
        for c in page
    ]
    stmt = sqlite_insert(EntityVersion).on_conflict_do_nothing(index_elements=["entity", "entity_id", "version"])
    s.execute(stmt, rows)


def _prefetch(s: Session, page: Sequence[Mapping[str, Any]], waiting: set[tuple[str, str]]) -> list[Any]:
    """Load the page's existing records in one query per entity, so applying each finds it in memory.

    The session's identity map holds rows weakly: the caller keeps the returned list alive.
    """
    wanted: dict[Entity, list[str]] = {}
    for c in page:
        entity, entity_id = str(c["entity"]), str(c["entity_id"])
        if entity in _ENTITIES and (entity, entity_id) not in waiting and Entity(entity) in wire.BY_ENTITY:
            wanted.setdefault(Entity(entity), []).append(entity_id)
    held: list[Any] = []
    for entity, ids in wanted.items():
        table: Any = wire.BY_ENTITY[entity].table
        for i in range(0, len(ids), 500):
            held.extend(s.scalars(select(table).where(table.id.in_(ids[i : i + 500]))))
    return held


def _set(s: Session, key: str, value: str) -> None:
    row = s.get(SyncState, key)
    if row is None:
        s.add(SyncState(key=key, value=value))
    else:
        row.value = value
