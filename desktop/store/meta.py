"""Key/value facts about the profile in ``profile_meta`` (who the user is, demo flag, verifiers).

Plain helpers on a caller's session, so a fact can be written in the same unit of work as the
change it goes with. These rows are local to the device and never synced.
"""

from __future__ import annotations

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from desktop.store.orm import ProfileMeta


def get_meta(session: Session, key: str) -> str | None:
    """The value stored under ``key``, or None."""
    return session.execute(select(ProfileMeta.value).where(ProfileMeta.key == key)).scalar_one_or_none()


def set_meta(session: Session, key: str, value: str) -> None:
    """Store ``value`` under ``key`` (insert or replace), in the caller's transaction."""
    row = session.get(ProfileMeta, key)
    if row is None:
        session.add(ProfileMeta(key=key, value=value))
    else:
        row.value = value


def delete_meta(session: Session, key: str) -> None:
    """Remove ``key`` if present."""
    session.execute(delete(ProfileMeta).where(ProfileMeta.key == key))
