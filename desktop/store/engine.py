"""The SQLCipher engine: raw-key connections, durability PRAGMAs checked on every connection.

Each connection is opened with ``sqlcipher3`` and keyed with 256 raw bits (no key derivation, so a
new connection costs well under a millisecond). The ``connect`` hook sets and then reads back
``journal_mode=WAL``, ``synchronous=FULL``, ``foreign_keys=ON`` and ``secure_delete=ON``; a
connection that does not hold them is refused (security-reliability.md DUR-1). It also gives each
connection a 64 MB page cache (:data:`PAGE_CACHE_KIB`).

Transactions start with ``BEGIN IMMEDIATE`` (the write lock at once, so two writers never
deadlock), except on a connection marked :data:`READ_ONLY` (see :func:`read_only`): a read-only
unit of work starts a deferred ``BEGIN``, so in WAL mode it neither waits for nor blocks a writer,
and a long count never holds up a keystroke's page query or a save.

Before the first connection, the file is checked: a plaintext SQLite file is refused and left
untouched, and a small key-check file beside the database tells a wrong key from a damaged file.
The key check is an HMAC of a constant under the key, so it reveals nothing about the key.

Driver errors are translated into the typed errors of :mod:`desktop.store.errors` in one place
(:func:`translate_dbapi_error`, hooked into the engine's ``handle_error`` event): a full disk, a
read-only folder, a damaged page (HMAC failure) and the append-only triggers of revision 0002 each
reach callers as their own type, never as a bare driver message.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import sqlcipher3
from sqlalchemy import create_engine, event
from sqlalchemy.engine import Engine, ExceptionContext
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.pool import QueuePool

from desktop.store.errors import (
    CorruptDatabaseError,
    DiskFullError,
    DurabilitySettingsError,
    PlaintextDatabaseError,
    ReadOnlyStorageError,
    RecordFinalisedError,
    StorageIOError,
    StoreError,
    WrongKeyError,
)

logger = logging.getLogger(__name__)

SQLITE_HEADER = b"SQLite format 3\x00"
KEY_BYTES = 32
_KEY_CHECK_LABEL = b"cofnod-database-key-check-v1"

#: SQLite page cache per connection (KiB). Decrypting pages dominates list queries over 100,000
#: conferences; SQLCipher's default cache (about 8 MB) cannot hold the conference list's indexes,
#: so every keystroke decrypted the same pages again. 64 MB keeps them (filter queries ~5x faster).
PAGE_CACHE_KIB = 65536

#: Execution option marking a connection whose transaction only reads (deferred ``BEGIN``).
READ_ONLY = "cofnod_read_only"


def key_check_path(db_path: Path) -> Path:
    """Where the key-check value for ``db_path`` lives."""
    return db_path.with_name(db_path.name + ".keycheck")


def key_check_value(key: bytes) -> str:
    """A value that identifies ``key`` without revealing it."""
    return hmac.new(key, _KEY_CHECK_LABEL, hashlib.sha256).hexdigest()


def is_plaintext_sqlite(path: Path) -> bool:
    """True when ``path`` starts with the plain SQLite header, i.e. is not encrypted."""
    try:
        with path.open("rb") as f:
            return f.read(len(SQLITE_HEADER)) == SQLITE_HEADER
    except FileNotFoundError:
        return False


@dataclass(frozen=True, slots=True)
class PragmaState:
    """What a connection reports for the durability settings."""

    journal_mode: str
    synchronous: int
    foreign_keys: int
    secure_delete: int
    cipher_version: str


#: The durability settings every connection must report (DUR-1): WAL, FULL (2), on, on.
REQUIRED_PRAGMAS = ("wal", 2, 1, 1)


def read_pragmas(conn: Any) -> PragmaState:
    """What a DBAPI (``sqlcipher3``) connection reports for the durability settings and cipher."""
    return PragmaState(
        journal_mode=str(conn.execute("PRAGMA journal_mode").fetchone()[0]).lower(),
        synchronous=int(conn.execute("PRAGMA synchronous").fetchone()[0]),
        foreign_keys=int(conn.execute("PRAGMA foreign_keys").fetchone()[0]),
        secure_delete=int(conn.execute("PRAGMA secure_delete").fetchone()[0]),
        cipher_version=str(conn.execute("PRAGMA cipher_version").fetchone()[0]),
    )


def _apply_pragmas(conn: Any, key_hex: str) -> PragmaState:
    conn.execute(f"PRAGMA key = \"x'{key_hex}'\"")
    # SQLCipher logs HMAC failures to stderr; we report them ourselves as typed errors.
    conn.execute("PRAGMA cipher_log_level = NONE")
    conn.execute("PRAGMA busy_timeout = 5000")
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = FULL")
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute("PRAGMA secure_delete = ON")
    conn.execute(f"PRAGMA cache_size = -{PAGE_CACHE_KIB}")
    state = read_pragmas(conn)
    if (state.journal_mode, state.synchronous, state.foreign_keys, state.secure_delete) != REQUIRED_PRAGMAS:
        raise DurabilitySettingsError(
            journal_mode=state.journal_mode,
            synchronous=state.synchronous,
            foreign_keys=state.foreign_keys,
            secure_delete=state.secure_delete,
        )
    return state


#: Trigger messages of revision 0002 (append-only and finalised records).
_TRIGGER_MESSAGES = ("record_finalised", "record_append_only")


def translate_dbapi_error(exc: BaseException) -> StoreError | None:
    """The typed store error for a driver exception, or None when it is not one we classify.

    Classification uses SQLite's result-code name where the driver gives it, else the message
    (SQLite's messages are fixed strings).
    """
    if not isinstance(exc, sqlcipher3.Error):
        return None
    message = str(exc).lower()
    name = str(getattr(exc, "sqlite_errorname", "") or "")
    for trigger_message in _TRIGGER_MESSAGES:
        if trigger_message in message:
            return RecordFinalisedError(trigger_message)
    if name.startswith("SQLITE_FULL") or "database or disk is full" in message:
        return DiskFullError()
    if name.startswith("SQLITE_READONLY") or "readonly database" in message or "read-only" in message:
        return ReadOnlyStorageError()
    if name.startswith("SQLITE_CANTOPEN") or "unable to open database file" in message:
        return ReadOnlyStorageError("cannot_open")
    if name.startswith("SQLITE_CORRUPT") or name.startswith("SQLITE_NOTADB"):
        return CorruptDatabaseError()
    if "malformed" in message or "file is not a database" in message:
        return CorruptDatabaseError()
    if name.startswith("SQLITE_IOERR") or "disk i/o error" in message:
        return StorageIOError()
    return None


def raw_connect(db_path: Path, key: bytes) -> Any:
    """Open one keyed ``sqlcipher3`` connection with the PRAGMAs applied and checked.

    Raises:
        WrongKeyError: the key-check file says this is not the database's key.
        CorruptDatabaseError: the key looks right but the file cannot be read.
    """
    if len(key) != KEY_BYTES:
        raise ValueError("the database key must be 32 bytes")
    try:
        conn = sqlcipher3.connect(str(db_path), check_same_thread=False, isolation_level=None)
    except sqlcipher3.Error as exc:
        raise (translate_dbapi_error(exc) or StorageIOError()) from exc
    try:
        _apply_pragmas(conn, key.hex())
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlcipher3.Error as exc:
        conn.close()
        typed = translate_dbapi_error(exc)
        if not isinstance(typed, CorruptDatabaseError):
            # Disk full, read-only folder, I/O error: not a key question at all.
            raise (typed or StorageIOError()) from exc
        check = key_check_path(db_path)
        if check.exists() and check.read_text().strip() != key_check_value(key):
            raise WrongKeyError() from exc
        if not check.exists():
            # No key check to compare with (a database from before checks existed): say both.
            raise WrongKeyError("wrong key or damaged file") from exc
        raise CorruptDatabaseError() from exc
    except DurabilitySettingsError:
        conn.close()
        raise
    return conn


class _Transactional:
    """Make pysqlite-style driver behave: SQLAlchemy controls BEGIN, so DDL is transactional too.

    This is the recipe from SQLAlchemy's pysqlite documentation ("Serializable isolation /
    Savepoints / Transactional DDL"); it lets a failed migration roll back completely.
    """

    @staticmethod
    def install(engine: Engine) -> None:
        @event.listens_for(engine, "begin")
        def _do_begin(conn: Any) -> None:
            if conn.get_execution_options().get(READ_ONLY):
                # A reader: a deferred BEGIN takes no write lock, so in WAL mode it runs beside a
                # writer (or a long count on another thread) instead of queueing behind it.
                conn.exec_driver_sql("BEGIN")
                return
            # IMMEDIATE takes the write lock at once, so two writers never deadlock on upgrade.
            conn.exec_driver_sql("BEGIN IMMEDIATE")


def create_store_engine(db_path: Path, key: bytes, *, pool_size: int = 4) -> Engine:
    """Build the engine for an encrypted database file.

    The file is created if missing. A plaintext SQLite file at ``db_path`` is refused and left
    untouched. On first creation the key-check file is written beside the database.

    Called on any thread; the engine is shared, sessions are not.
    """
    db_path = Path(db_path)
    if is_plaintext_sqlite(db_path):
        raise PlaintextDatabaseError(path=str(db_path))
    creating = not db_path.exists() or db_path.stat().st_size == 0
    first = raw_connect(db_path, key)
    if creating or not key_check_path(db_path).exists():
        _write_atomic(key_check_path(db_path), key_check_value(key))

    pending = [first]

    def creator() -> Any:
        # Hand out the connection opened for the checks above before opening new ones.
        return pending.pop() if pending else raw_connect(db_path, key)

    engine = create_engine(
        "sqlite://",
        creator=creator,
        poolclass=QueuePool,
        pool_size=pool_size,
        max_overflow=8,
        pool_pre_ping=False,
        # The most recently used connection first: its page cache is the warm one, so the
        # GUI thread's list queries do not rotate through every pooled connection's cold cache.
        pool_use_lifo=True,
    )
    _Transactional.install(engine)

    @event.listens_for(engine, "handle_error")
    def _translate(context: ExceptionContext) -> BaseException | None:
        # Returning an exception replaces SQLAlchemy's wrapper; the pool still cleans up.
        return translate_dbapi_error(context.original_exception)

    return engine


def engine_pragmas(engine: Engine) -> PragmaState:
    """The durability settings as reported by a pooled connection of ``engine`` (DUR-1)."""
    with engine.connect() as conn:
        return read_pragmas(conn.connection.driver_connection)


def make_session_factory(engine: Engine) -> sessionmaker[Session]:
    """Sessions that keep loaded values after commit, so DTOs can be built after the unit of work."""
    return sessionmaker(engine, expire_on_commit=False)


def read_only(session: Session) -> Session:
    """Mark ``session``'s transaction read-only (a deferred ``BEGIN``); call before its first query.

    Only for units of work that never write: a write inside one would take the lock late and could
    fail with ``SQLITE_BUSY`` instead of waiting its turn.
    """
    session.connection(execution_options={READ_ONLY: True})
    return session


@contextmanager
def unit_of_work(factory: sessionmaker[Session]) -> Iterator[Session]:
    """One transaction: committed on success, rolled back on any error."""
    with factory.begin() as session:
        yield session


def _write_atomic(path: Path, text: str) -> None:
    tmp = path.with_name(path.name + ".tmp")
    with tmp.open("w", encoding="utf-8") as f:
        f.write(text)
        f.flush()
        os.fsync(f.fileno())
    os.replace(tmp, path)
