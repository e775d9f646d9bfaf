"""Shared helpers for the store tests: raw file reads and small record builders."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from sqlalchemy.orm import Session

from desktop.store.ids import new_id
from desktop.store.orm import Child, Council


def sidecars(db: Path) -> list[Path]:
    """The database file and the SQLite files that travel with it."""
    return [db, db.with_name(db.name + "-wal"), db.with_name(db.name + "-shm"), db.with_name(db.name + "-journal")]


def snapshot_files(folder: Path) -> dict[str, bytes]:
    """Every file under ``folder`` with its bytes, to prove nothing was written."""
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def add_council(session: Session, code: str = "CAR") -> Council:
    council = Council(id=new_id(), code=code, name_en="Carmarthenshire", name_cy="Sir Gâr")
    session.add(council)
    session.flush()
    return council


def add_child(session: Session, council: Council, given: str = "Gwŷn", family: str = "ap Dŵr") -> Child:
    child = Child(
        id=new_id(),
        given_names=given,
        family_name=family,
        council_id=council.id,
        date_of_birth=dt.date(2018, 3, 1),
    )
    session.add(child)
    session.flush()
    return child
