"""Autosave drafts: typed text kept in the ``draft`` table, never written over the record.

Editors call :meth:`DraftService.save` from a debounce timer (and when a field loses focus); an
explicit save of the record removes the draft in the same transaction. After a crash,
:meth:`DraftService.recoverable` lists each draft beside the saved text with both timestamps and
says which is newer, so the user never restores an older copy over newer work (Spyder #13924).

Keys (``entity``, ``entity_id``, ``field``):

- a minutes section: (``minutes_section``, section id, ``text``);
- a conference's own text (place, chair's quorum reason, postponement reason, and the inputs for
  a new participant, action, member or recipient): (``conference``, conference id, field);
- a child's voice, decision or outline plan at a conference: (``child_voice`` | ``decision`` |
  ``outline_plan``, the ``conference_child`` id, field). The link row exists before the record
  does, so a draft can be kept before the first save;
- a practitioner's dissent: (``dissent``, ``conference_child`` id, attendance id).
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from desktop.services.base import ServiceContext
from desktop.services.conferences import child_display_name
from desktop.services.minutes import last_saved_at
from desktop.store.orm import (
    Attendance,
    Child,
    ChildVoice,
    Conference,
    ConferenceChild,
    Decision,
    Dissent,
    Draft,
    MinutesSection,
    OutlinePlan,
    utcnow,
)
from sync.protocol.enums import Entity

#: Draft entities keyed by the ``conference_child`` link row.
PER_CHILD: dict[str, type[ChildVoice] | type[Decision] | type[OutlinePlan]] = {
    Entity.CHILD_VOICE.value: ChildVoice,
    Entity.DECISION.value: Decision,
    "outline_plan": OutlinePlan,
}
#: A practitioner's dissent: field = attendance id.
DISSENT = "dissent"
#: Text belonging to the conference itself.
CONFERENCE = Entity.CONFERENCE.value

logger = logging.getLogger(__name__)


def link_id(s: Session, conference_id: str, child_id: str) -> str | None:
    """The ``conference_child`` id that keys a child's voice, decision and plan drafts."""
    return s.scalar(
        select(ConferenceChild.id).where(
            ConferenceChild.conference_id == conference_id, ConferenceChild.child_id == child_id
        )
    )


def clear_drafts(s: Session, entity: str, entity_id: str, fields: Iterable[str] | None = None) -> None:
    """Delete drafts inside the caller's transaction (an explicit save of the record)."""
    q = delete(Draft).where(Draft.entity == entity, Draft.entity_id == entity_id)
    if fields is not None:
        q = q.where(Draft.field.in_(list(fields)))
    s.execute(q)


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

    def drafts_for(self, entity: str, entity_id: str) -> dict[str, tuple[str, dt.datetime]]:
        """Every draft of one record: field -> (text, saved at)."""
        with self._ctx.sessions() as s:
            rows = s.scalars(select(Draft).where(Draft.entity == entity, Draft.entity_id == entity_id))
            return {d.field: (d.text, d.saved_at) for d in rows}

    def clear(self, entity: str, entity_id: str, fields: Iterable[str] | None = None) -> None:
        """Forget the drafts of one record (or some of its fields)."""
        with self._ctx.sessions.begin() as s:
            clear_drafts(s, entity, entity_id, fields)

    def link(self, conference_id: str, child_id: str) -> str | None:
        """The key of a child's voice, decision and plan drafts at a conference."""
        with self._ctx.sessions() as s:
            return link_id(s, conference_id, child_id)

    def count(self) -> int:
        """How many drafts exist."""
        with self._ctx.sessions() as s:
            return len(s.scalars(select(Draft.id)).all())

    def recoverable(self) -> tuple[RecoveryItem, ...]:
        """Every draft whose text differs from the saved record, with both timestamps."""
        out: list[RecoveryItem] = []
        with self._ctx.sessions() as s:
            for d in s.scalars(select(Draft).order_by(Draft.id)):
                item = self._item(s, d)
                if item is not None and item.draft_text != item.record_text:
                    out.append(item)
        return tuple(out)

    @staticmethod
    def _item(s: Session, d: Draft) -> RecoveryItem | None:
        conf: Conference | None = None
        child: Child | None = None
        record: Any = None
        record_text = ""
        saved_at: dt.datetime | None = None
        version = 0
        key = d.field
        if d.entity == Entity.MINUTES_SECTION.value:
            m = s.get(MinutesSection, d.entity_id)
            if m is None:
                return None
            conf = s.get(Conference, m.conference_id)
            child = s.get(Child, m.child_id) if m.child_id else None
            record_text, key, version = m.text, m.key, m.version
            saved_at = last_saved_at(s, m.id)
        elif d.entity == CONFERENCE:
            conf = s.get(Conference, d.entity_id)
            if conf is None:
                return None
            record = conf
        elif d.entity in PER_CHILD or d.entity == DISSENT:
            cc = s.get(ConferenceChild, d.entity_id)
            if cc is None:
                return None
            conf, child = s.get(Conference, cc.conference_id), s.get(Child, cc.child_id)
            if d.entity == DISSENT:
                dec = s.scalar(select(Decision).where(Decision.conference_id == cc.conference_id,
                                                      Decision.child_id == cc.child_id,
                                                      Decision.voided_at.is_(None)))  # fmt: skip
                x = s.scalar(select(Dissent).where(Dissent.decision_id == dec.id, Dissent.attendance_id == d.field)
                             ) if dec else None  # fmt: skip
                att = s.get(Attendance, d.field)
                key = "dissent"
                record_text = x.reason if x else ""
                saved_at = dec.updated_at if (dec and x) else None
                child_name = (child_display_name(child) if child else "") + (f" / {att.name}" if att else "")
                return RecoveryItem(
                    d.id, d.entity, d.entity_id, d.field, cc.conference_id, conf.reference if conf else "", key,
                    child_name, d.text, d.saved_at, record_text, saved_at, d.base_version, dec.version if dec else 0,
                )  # fmt: skip
            cls = PER_CHILD[d.entity]
            record = s.scalars(select(cls).where(cls.conference_id == cc.conference_id, cls.child_id == cc.child_id)
                               ).first()  # fmt: skip
        else:
            return None
        if record is not None:
            value = getattr(record, d.field, "")
            record_text = value if isinstance(value, str) else ""
            saved_at = record.updated_at
            version = record.version
        return RecoveryItem(
            draft_id=d.id,
            entity=d.entity,
            entity_id=d.entity_id,
            field=d.field,
            conference_id=conf.id if conf else "",
            conference_reference=conf.reference if conf else "",
            section_key=key,
            child_name=child_display_name(child) if child else "",
            draft_text=d.text,
            draft_saved_at=d.saved_at,
            record_text=record_text,
            record_saved_at=saved_at,
            base_version=d.base_version,
            record_version=version,
        )
