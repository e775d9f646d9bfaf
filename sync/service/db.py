"""Database access for the register service: engines, migrations and the one write transaction.

Every request that changes anything runs in :func:`write_txn`, which serialises writers across
all workers and hosts: on PostgreSQL with a transaction-level advisory lock, on SQLite with
``BEGIN IMMEDIATE`` (within one process, writers first queue in arrival order on a
:class:`FifoLock`). That single lock is what makes the server-wide ``server_seq`` safe (a reader
can never see seq N+1 committed before N), keeps the audit chain linear, and stops two chairs'
decisions from both passing the register check under READ COMMITTED.
"""

from __future__ import annotations

import logging
import secrets
import threading
from collections import deque
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event, select, text
from sqlalchemy.orm import Session, sessionmaker

from sync.service.appends import INFO_KEY, Appends, appends_of, flush_before_execute
from sync.service.models import Counter, ServerMeta
from sync.service.signing import HeadSigner

logger = logging.getLogger(__name__)

#: Arbitrary constant naming the service's single PostgreSQL advisory lock.
ADVISORY_LOCK_KEY = 0x436F666E  # "Cofn"
MIGRATIONS_DIR = Path(__file__).with_name("migrations")
#: Execution option marking a connection that only reads (the auth gate's): on SQLite it begins
#: deferred, a WAL snapshot that never waits for a writer.
SNAPSHOT_OPTION = "cofnod_snapshot"


def now_iso(dt: datetime) -> str:
    """Fixed-width UTC text for storage (lexically ordered)."""
    return dt.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def parse_iso(value: str) -> datetime:
    return datetime.strptime(value, "%Y-%m-%dT%H:%M:%S.%fZ").replace(tzinfo=UTC)


def is_sqlite(engine: Engine) -> bool:
    return engine.dialect.name == "sqlite"


def make_engine(url: str) -> Engine:
    """Create an engine; on SQLite set WAL, ``synchronous=FULL`` and take write locks up front."""
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": 60})

        @event.listens_for(engine, "connect")
        def _on_connect(dbapi_conn: Any, _record: Any) -> None:
            # Let SQLAlchemy's "begin" event issue BEGIN itself (pysqlite's own is deferred).
            dbapi_conn.isolation_level = None
            cur = dbapi_conn.cursor()
            cur.execute("PRAGMA journal_mode=WAL")
            cur.execute("PRAGMA synchronous=FULL")
            cur.execute("PRAGMA foreign_keys=ON")
            cur.execute("PRAGMA busy_timeout=60000")
            cur.close()

        @event.listens_for(engine, "begin")
        def _on_begin(conn: Any) -> None:
            # IMMEDIATE: take the write lock at BEGIN so two writers never deadlock on upgrade.
            # A read-only connection (SNAPSHOT_OPTION) begins deferred: it never waits for a writer.
            conn.exec_driver_sql("BEGIN" if conn.get_execution_options().get(SNAPSHOT_OPTION) else "BEGIN IMMEDIATE")

        return engine
    return create_engine(url, pool_pre_ping=True, pool_size=10, max_overflow=20)


def run_migrations(engine: Engine) -> None:
    """Upgrade the database to the newest Alembic revision (idempotent)."""
    from alembic import command
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    with engine.connect() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "head")
        conn.commit()
    with Session(engine) as s, s.begin():
        if s.get(ServerMeta, "server_id") is None:
            s.add(ServerMeta(key="server_id", value="srv-" + secrets.token_hex(8)))
        for name in ("server_seq", "decision_number"):
            if s.get(Counter, name) is None:
                s.add(Counter(name=name, value=0))


class FifoLock:
    """A lock that goes to waiters in arrival order (``threading.Lock`` promises no order).

    Writers of one process queue here before the database lock, so a burst of devices is served
    first come, first served: SQLite's busy handler otherwise re-polls with back-off and lets
    late arrivals overtake (a few waited seconds while others went through), and on PostgreSQL
    waiters would each hold a pooled connection while blocked on the advisory lock.
    """

    def __init__(self) -> None:
        self._mutex = threading.Lock()
        self._waiters: deque[threading.Lock] = deque()
        self._held = False

    def __enter__(self) -> None:
        with self._mutex:
            if not self._held:
                self._held = True
                return
            turn = threading.Lock()
            turn.acquire()
            self._waiters.append(turn)
        turn.acquire()  # released by the holder handing the lock over; we now hold it

    def __exit__(self, *_exc: object) -> None:
        with self._mutex:
            if self._waiters:
                self._waiters.popleft().release()
            else:
                self._held = False


class Database:
    """An engine and a session factory; the only state a worker keeps (no per-user state)."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.engine = make_engine(url)
        self.sessions = sessionmaker(self.engine, expire_on_commit=False)
        self.writers = FifoLock()
        #: Signs the audit head of each write transaction (and witnesses it); None: unsigned.
        self.signer: HeadSigner | None = None
        event.listen(self.sessions, "do_orm_execute", flush_before_execute)

    def migrate(self) -> None:
        run_migrations(self.engine)

    @contextmanager
    def write_txn(self) -> Iterator[Session]:
        """One serialised transaction: commit on success, roll back on any exception.

        The rows it appends to the change feed, the journal and the audit log are collected in
        its :class:`Appends` and written by the one flush just before commit.
        """
        with self.writers:
            with self.sessions() as session, session.begin():
                if not is_sqlite(self.engine):
                    session.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": ADVISORY_LOCK_KEY})
                pending = Appends(session, signer=self.signer)
                session.info[INFO_KEY] = pending
                yield session
                pending.flush(final=True)
            # Committed: only now may its signed heads leave the database (witness file).
            if pending.signed and self.signer is not None:
                self.signer.witness(pending.signed)

    @contextmanager
    def read_txn(self) -> Iterator[Session]:
        with self.sessions() as session, session.begin():
            yield session

    def new_epoch(self, session: Session) -> tuple[str, str]:
        """Give the database a new ``server_id`` (after a restore, §10); returns (old, new)."""
        row = session.get(ServerMeta, "server_id")
        new = "srv-" + secrets.token_hex(8)
        if row is None:
            session.add(ServerMeta(key="server_id", value=new))
            return "", new
        old, row.value = row.value, new
        return old, new

    def server_id(self, session: Session) -> str:
        value = session.scalar(select(ServerMeta.value).where(ServerMeta.key == "server_id"))
        return value or ""

    def dispose(self) -> None:
        self.engine.dispose()


def next_counter(session: Session, name: str, n: int = 1) -> int:
    """Reserve ``n`` values of a counter and return the first; only inside :meth:`Database.write_txn`.

    The counter is read once per transaction (under the write lock) and written once, at flush.
    """
    return appends_of(session).next_value(name, n)


def peek_counter(session: Session, name: str) -> int:
    return session.scalar(select(Counter.value).where(Counter.name == name)) or 0
