"""Autosave drafts: typed text kept in the ``draft`` table, never written over the record.

Editors call :meth:`DraftService.save` from a debounce timer (and when a field loses focus); an
explicit save of the record removes the draft in the same transaction. After a crash,
:meth:`DraftService.recoverable` lists each draft beside the saved text with both timestamps and
says which is newer, so the user never restores an older copy over newer work (Spyder #13924).
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass

from sqlalchemy import delete, select

from desktop.services.base import ServiceContext
from desktop.services.conferences import child_display_name
from desktop.store.orm import Child, Conference, Draft, MinutesSection, utcnow
from sync.protocol.enums import Entity

logger = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class RecoveryItem:
    """A draft found after a crash, beside the saved record it belongs to."""

    draft_id: int
    entity: str
    entity_id: str
    field: str
    conference_id: str
    conference_reference: str
    section_key: str
    child_name: str
    draft_text: str
    draft_saved_at: dt.datetime
    record_text: str
    record_saved_at: dt.datetime | None
    base_version: int
    record_version: int

    @property
    def draft_is_newer(self) -> bool:
        """True when the draft was typed after the record was last saved."""
        return self.record_saved_at is None or self.draft_saved_at > self.record_saved_at


class DraftService:
    """Writes, reads and clears autosave drafts."""

    def __init__(self, ctx: ServiceContext) -> None:
        self._ctx = ctx

    def save(self, entity: str, entity_id: str, field: str, text: str, *, base_version: int = 0) -> dt.datetime:
        """Upsert the draft for one field; returns when it was saved."""
        now = utcnow()
        with self._ctx.sessions.begin() as s:
            d = s.scalar(
                select(Draft).where(Draft.entity == entity, Draft.entity_id == entity_id, Draft.field == field)
            )
            if d is None:
                s.add(
                    Draft(entity=entity, entity_id=entity_id, field=field, text=text, base_version=base_version,
                          saved_at=now)
                )  # fmt: skip
            else:
                d.text = text
                d.saved_at = now
        return now

    def get(self, entity: str, entity_id: str, field: str) -> str | None:
        """The draft text for a field, if any."""
        with self._ctx.sessions() as s:
            return s.scalar(
                select(Draft.text).where(Draft.entity == entity, Draft.entity_id == entity_id, Draft.field == field)
            )

    def discard(self, draft_id: int) -> None:
        """Forget a draft (the user chose the saved record)."""
        with self._ctx.sessions.begin() as s:
            s.execute(delete(Draft).where(Draft.id == draft_id))

    def count(self) -> int:
        """How many drafts exist."""
        with self._ctx.sessions() as s:
            return len(s.scalars(select(Draft.id)).all())

    def recoverable(self) -> tuple[RecoveryItem, ...]:
        """Every minutes draft whose text differs from the saved record, with both timestamps."""
        out: list[RecoveryItem] = []
        with self._ctx.sessions() as s:
            for d in s.scalars(select(Draft).where(Draft.entity == Entity.MINUTES_SECTION.value).order_by(Draft.id)):
                m = s.get(MinutesSection, d.entity_id)
                if m is None:
                    continue
                if d.text == m.text:
                    continue
                conf = s.get(Conference, m.conference_id)
                child = s.get(Child, m.child_id) if m.child_id else None
                saved_at = m.versions[-1].saved_at if m.versions else None
                out.append(
                    RecoveryItem(
                        draft_id=d.id,
                        entity=d.entity,
                        entity_id=d.entity_id,
                        field=d.field,
                        conference_id=m.conference_id,
                        conference_reference=conf.reference if conf else "",
                        section_key=m.key,
                        child_name=child_display_name(child) if child else "",
                        draft_text=d.text,
                        draft_saved_at=d.saved_at,
                        record_text=m.text,
                        record_saved_at=saved_at,
                        base_version=d.base_version,
                        record_version=m.version,
                    )
                )
        return tuple(out)
