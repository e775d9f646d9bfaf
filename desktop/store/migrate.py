"""Schema migrations at start-up: compare revisions, refuse newer files, back up, upgrade in one go.

Runs on every start, before any window appears (style.md section 4.4):

1. The revision the file is at is read with plain SQL and compared with :data:`HEAD_REVISION`, the
   newest revision this build ships. When they match, Alembic is never imported: that import costs
   about 0.7 s (platform-notes.md section 12), which a normal start should not pay.
2. A revision the scripts do not know means a newer Cofnod wrote the file:
   :class:`~desktop.store.errors.DatabaseTooNewError` names both revisions and nothing is touched.
3. A database that holds data is backed up first through the ``sqlcipher3`` online backup API into
   a file keyed with the same key; the copy is checked to be encrypted and to open before the
   upgrade starts, and only the newest few are kept.
4. The upgrade runs on one connection in one ``BEGIN IMMEDIATE`` transaction, so a failed revision
   leaves the database exactly as it was.

New databases take the same path from empty; the schema is never made with ``create_all``.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
from dataclasses import dataclass
from importlib.resources import files
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

import sqlcipher3
from sqlalchemy import text
from sqlalchemy.engine import Connection, Engine

from desktop.store.engine import SQLITE_HEADER
from desktop.store.errors import (
    BackupFailedError,
    DatabaseTooNewError,
    MigrationFailedError,
    SchemaUnknownError,
    StoreError,
)

if TYPE_CHECKING:
    from alembic.config import Config

logger = logging.getLogger(__name__)

#: The newest revision in ``migrations/versions``; a test checks it against the script directory.
HEAD_REVISION: Final = "0006"

#: How many pre-upgrade backups are kept per database.
DEFAULT_KEEP_BACKUPS: Final = 5


@dataclass(frozen=True, slots=True)
class MigrationResult:
    """What :func:`migrate` did: the revisions before and after, and the backup it made, if any."""

    from_revision: str | None
    to_revision: str
    backup: Path | None

    @property
    def upgraded(self) -> bool:
        """True when the schema changed."""
        return self.from_revision != self.to_revision


def script_location() -> str:
    """The folder holding ``env.py`` and ``versions/``, found through the package, not an ini file."""
    return str(files("desktop.store") / "migrations")


def alembic_config(connection: Connection | None = None) -> Config:
    """An Alembic ``Config`` for the store's scripts, optionally bound to ``connection``."""
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", script_location())
    if connection is not None:
        cfg.attributes["connection"] = connection
    return cfg


def script_head() -> str:
    """The head revision according to the scripts themselves (imports Alembic)."""
    from alembic.script import ScriptDirectory

    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    if head is None:
        raise MigrationFailedError("no_head")
    return head


def _known_to_scripts(revision: str) -> bool:
    from alembic.script import ScriptDirectory
    from alembic.util import CommandError

    try:
        return ScriptDirectory.from_config(alembic_config()).get_revision(revision) is not None
    except (CommandError, KeyError):
        return False


def revision_of(conn: Connection) -> str | None:
    """The revision recorded in ``alembic_version`` (plain SQL), or None for an unversioned file."""
    has_table = conn.execute(
        text("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'alembic_version'")
    ).first()
    if has_table is None:
        return None
    rows = conn.execute(text("SELECT version_num FROM alembic_version")).scalars().all()
    if len(rows) > 1:
        # Branches are never used in this tree; several rows mean the file was edited by hand.
        raise SchemaUnknownError("several_heads")
    return str(rows[0]) if rows else None


def current_revision(engine: Engine) -> str | None:
    """The revision the database behind ``engine`` is at (plain SQL, no Alembic import)."""
    with engine.connect() as conn:
        return revision_of(conn)


def _has_user_tables(conn: Connection) -> bool:
    row = conn.execute(
        text("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' LIMIT 1")
    ).first()
    return row is not None


def migrate(
    engine: Engine,
    db_path: Path,
    key: bytes,
    *,
    backup_dir: Path | None = None,
    keep_backups: int = DEFAULT_KEEP_BACKUPS,
) -> MigrationResult:
    """Bring the database behind ``engine`` to :data:`HEAD_REVISION`.

    Runs on the start-up thread before the app uses the engine; nothing else may write meanwhile.

    Args:
        engine: An engine from :func:`desktop.store.engine.create_store_engine`.
        db_path: The database file (used to name and key the backup).
        key: The database key; the backup is keyed with it too.
        backup_dir: Where backups go; ``backups/`` beside the database when omitted.
        keep_backups: How many backups of this database to keep.

    Raises:
        DatabaseTooNewError: the file is at a revision this build does not know.
        SchemaUnknownError: the file has tables but no revision.
        BackupFailedError: the backup could not be made or verified; nothing was changed.
        MigrationFailedError: a revision failed; the transaction was rolled back.
    """
    db_path = Path(db_path)
    with engine.connect() as conn:
        before = revision_of(conn)
        has_tables = _has_user_tables(conn)
    if before == HEAD_REVISION:
        return MigrationResult(before, HEAD_REVISION, None)
    if before is not None and not _known_to_scripts(before):
        raise DatabaseTooNewError(db_revision=before, app_revision=HEAD_REVISION)
    if before is None and has_tables:
        raise SchemaUnknownError()

    backup: Path | None = None
    if before is not None:
        folder = backup_dir if backup_dir is not None else db_path.parent / "backups"
        backup = backup_database(engine, db_path, key, folder, label=before, keep=keep_backups)

    from alembic import command

    logger.info("upgrading database schema", extra={"from_revision": before, "to_revision": HEAD_REVISION})
    try:
        # engine.begin() issues BEGIN IMMEDIATE (see engine._Transactional); env.py joins that
        # transaction, so every revision commits together or not at all.
        with engine.begin() as conn:
            command.upgrade(alembic_config(conn), "head")
            after = revision_of(conn)
    except StoreError:
        raise
    except Exception as exc:
        raise MigrationFailedError(from_revision=before) from exc
    if after != HEAD_REVISION:
        raise MigrationFailedError("head_mismatch", reached=after, expected=HEAD_REVISION)
    return MigrationResult(before, HEAD_REVISION, backup)


def backup_database(
    engine: Engine, db_path: Path, key: bytes, folder: Path, *, label: str, keep: int = DEFAULT_KEEP_BACKUPS
) -> Path:
    """Copy the live database into ``folder`` with the online backup API, verify it, prune old ones.

    The copy is written under a temporary name, checked (no plain SQLite header; opens with the
    key; ``quick_check`` ok) and only then renamed into place, so a half-made backup never counts.

    Returns:
        The path of the verified backup.

    Raises:
        BackupFailedError: the copy could not be written or did not verify.
    """
    folder.mkdir(parents=True, exist_ok=True)
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%S%fZ")
    final = folder / f"{db_path.stem}-{label}-{stamp}.db"
    partial = final.with_name(final.name + ".partial")
    try:
        target = sqlcipher3.connect(str(partial), isolation_level=None)
        try:
            target.execute(f"PRAGMA key = \"x'{key.hex()}'\"")
            target.execute("PRAGMA cipher_log_level = NONE")
            with engine.connect() as conn:
                source: Any = conn.connection.driver_connection
                source.backup(target)
            # A backup is a single file: no -wal beside it to lose when it is copied around.
            target.execute("PRAGMA journal_mode = DELETE")
        finally:
            target.close()
        _verify_backup(partial, key)
        os.replace(partial, final)
    except (sqlcipher3.Error, OSError, StoreError) as exc:
        partial.unlink(missing_ok=True)
        raise BackupFailedError() from exc
    _prune_backups(folder, db_path.stem, keep)
    return final


def _verify_backup(path: Path, key: bytes) -> None:
    with path.open("rb") as f:
        if f.read(len(SQLITE_HEADER)) == SQLITE_HEADER:
            raise BackupFailedError("not_encrypted")
    conn = sqlcipher3.connect(str(path), isolation_level=None)
    try:
        conn.execute(f"PRAGMA key = \"x'{key.hex()}'\"")
        conn.execute("PRAGMA cipher_log_level = NONE")
        result = conn.execute("PRAGMA quick_check").fetchone()
        if result is None or result[0] != "ok":
            raise BackupFailedError("quick_check")
    finally:
        conn.close()


def verify_backup(path: Path, key: bytes) -> bool:
    """True when ``path`` is encrypted and opens with ``key`` (for tests and the self-test)."""
    try:
        _verify_backup(path, key)
    except (BackupFailedError, sqlcipher3.Error, OSError):
        return False
    return True


def list_backups(folder: Path, stem: str) -> list[Path]:
    """Backups of database ``stem`` in ``folder``, newest first."""
    found = [p for p in folder.glob(f"{stem}-*.db") if p.is_file()]
    return sorted(found, key=lambda p: (p.stat().st_mtime_ns, p.name), reverse=True)


def _prune_backups(folder: Path, stem: str, keep: int) -> None:
    for old in list_backups(folder, stem)[max(keep, 1) :]:
        old.unlink(missing_ok=True)


__all__ = [
    "DEFAULT_KEEP_BACKUPS",
    "HEAD_REVISION",
    "MigrationResult",
    "alembic_config",
    "backup_database",
    "current_revision",
    "list_backups",
    "migrate",
    "revision_of",
    "script_head",
    "script_location",
    "verify_backup",
]
