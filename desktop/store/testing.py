"""Helpers that open a real encrypted store for tests and benchmarks (one seam for every suite).

The schema is made the way the app makes it: an empty encrypted file upgraded to head through the
shipped Alembic scripts (:func:`desktop.store.migrate.migrate`), never ``create_all``.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session, sessionmaker

from desktop.store.engine import create_store_engine, make_session_factory
from desktop.store.migrate import alembic_config, migrate


@dataclass(frozen=True, slots=True)
class OpenStore:
    """An open encrypted database: its path, key, engine and session factory."""

    path: Path
    key: bytes
    engine: Engine
    sessions: sessionmaker[Session]


def open_test_store(folder: Path, key: bytes | None = None) -> OpenStore:
    """A new (or existing) encrypted database ``cofnod.db`` in ``folder``, migrated to head."""
    key = key or os.urandom(32)
    Path(folder).mkdir(parents=True, exist_ok=True)
    path = Path(folder) / "cofnod.db"
    engine = create_store_engine(path, key)
    migrate(engine, path, key)
    return OpenStore(path=path, key=key, engine=engine, sessions=make_session_factory(engine))


def open_store_at_revision(folder: Path, revision: str, key: bytes | None = None) -> OpenStore:
    """A new encrypted database upgraded only as far as ``revision`` (for upgrade tests)."""
    from alembic import command

    key = key or os.urandom(32)
    path = Path(folder) / "cofnod.db"
    engine = create_store_engine(path, key)
    with engine.begin() as conn:
        command.upgrade(alembic_config(conn), revision)
    return OpenStore(path=path, key=key, engine=engine, sessions=make_session_factory(engine))
