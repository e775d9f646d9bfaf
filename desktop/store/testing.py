"""Helpers that open a real encrypted store for tests and benchmarks (one seam for every suite)."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session, sessionmaker

from desktop.store.engine import create_store_engine, make_session_factory
from desktop.store.orm import Base


@dataclass(frozen=True, slots=True)
class OpenStore:
    """An open encrypted database: its path, key, engine and session factory."""

    path: Path
    key: bytes
    engine: Engine
    sessions: sessionmaker[Session]


def open_test_store(folder: Path, key: bytes | None = None) -> OpenStore:
    """A new encrypted database in ``folder`` with the schema at head."""
    key = key or os.urandom(32)
    path = Path(folder) / "cofnod.db"
    engine = create_store_engine(path, key)
    # TODO(store): replace with the Alembic upgrade path once migrations land.
    with engine.begin() as conn:
        Base.metadata.create_all(conn)
    return OpenStore(path=path, key=key, engine=engine, sessions=make_session_factory(engine))
