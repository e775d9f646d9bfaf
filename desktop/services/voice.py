"""The child's voice, per child: participation, the advocacy active offer, wishes and feelings.

The voice is part of the record (it locks when the chair approves the record) and the evidence
the child's decision rests on: once that decision is finalised, the voice is read-only too.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.domain.permissions import Action
from desktop.domain.text import nfc_values
from desktop.domain.voice import VoiceRecord, assess_voice
from desktop.services.base import ServiceContext, open_record, problem_info, record_patch, reject_unknown_fields
from desktop.services.drafts import clear_drafts, link_id
from desktop.services.errors import ProblemInfo, RecordLockedError
from desktop.store.ids import new_id
from desktop.store.orm import ChildVoice, Decision
from desktop.store.outbox import record_create, wire_before
from sync.protocol.enums import AdvocacyOffer, DecisionState, Entity, Language, ParticipationMode

logger = logging.getLogger(__name__)

EDITABLE = frozenset(
    {
        "participation_mode",
        "advocacy_offer",
        "advocacy_not_offered_reason",
        "wishes_and_feelings",
        "lived_experience",
        "language",
        "chair_met_child_before",
        "debrief_offered",
        "social_worker_follow_up",
        "not_recorded_reason",
    }
)


@dataclass(frozen=True, slots=True)
class VoiceView:
    """One child's voice record (``id`` empty when nothing has been saved yet)."""

    id: str
    conference_id: str
    child_id: str
    participation_mode: str | None
    advocacy_offer: str
    advocacy_not_offered_reason: str
    wishes_and_feelings: str
    lived_experience: str
    language: str
    chair_met_child_before: bool
    debrief_offered: bool
    social_worker_follow_up: str
    not_recorded_reason: str
    version: int
    problems: tuple[ProblemInfo, ...]
    #: True once the child's decision at this conference is finalised: the voice was its evidence.
    locked_by_decision: bool = False

    @property
    def complete(self) -> bool:
        """No blocking gaps."""
        return not any(p.is_error for p in self.problems)


def voice_record(v: ChildVoice | None, child_id: str) -> VoiceRecord | None:
    """The rules engine's view of a stored voice record."""
    if v is None:
        return None
    return VoiceRecord(
        child_id=child_id,
        participation_mode=ParticipationMode(v.participation_mode) if v.participation_mode else None,
        advocacy_offer=AdvocacyOffer(v.advocacy_offer) if v.advocacy_offer else None,
        advocacy_not_offered_reason=v.advocacy_not_offered_reason,
        wishes_and_feelings=v.wishes_and_feelings,
        language=Language(v.language) if v.language else None,
        lived_experience=v.lived_experience,
        chair_met_child_before=v.chair_met_child_before,
        debrief_offered=v.debrief_offered,
        not_recorded_reason=v.not_recorded_reason,
    )


def find_voice(s: Session, conference_id: str, child_id: str) -> ChildVoice | None:
    """The stored voice record for a child at a conference."""
    return s.scalar(
        select(ChildVoice).where(ChildVoice.conference_id == conference_id, ChildVoice.child_id == child_id)
    )


def decision_settled(s: Session, conference_id: str, child_id: str) -> bool:
    """Whether the child's decision at this conference has left the draft state (finalised or pending)."""
    states = s.scalars(
        select(Decision.state).where(
            Decision.conference_id == conference_id, Decision.child_id == child_id, Decision.voided_at.is_(None)
        )
    )
    return any(state != DecisionState.DRAFT.value for state in states)


class VoiceService:
    """Reads and saves the child's voice."""

    def __init__(self, ctx: ServiceContext) -> None:
        self._ctx = ctx

    def get(self, conference_id: str, child_id: str) -> VoiceView:
        """The child's voice record at this conference, with its gaps."""
        with self._ctx.sessions() as s:
            locked = decision_settled(s, conference_id, child_id)
            return self._view(find_voice(s, conference_id, child_id), conference_id, child_id, locked)

    @staticmethod
    def _view(v: ChildVoice | None, conference_id: str, child_id: str, locked: bool) -> VoiceView:
        problems = problem_info(assess_voice(voice_record(v, child_id), child_id=child_id))
        if v is None:
            return VoiceView(
                "", conference_id, child_id, None, AdvocacyOffer.NOT_YET_OFFERED.value, "", "", "", "",
                False, False, "", "", 0, problems, locked,
            )  # fmt: skip
        return VoiceView(
            v.id, conference_id, child_id, v.participation_mode, v.advocacy_offer, v.advocacy_not_offered_reason,
            v.wishes_and_feelings, v.lived_experience, v.language, v.chair_met_child_before, v.debrief_offered,
            v.social_worker_follow_up, v.not_recorded_reason, v.version, problems, locked,
        )  # fmt: skip

    def save(self, conference_id: str, child_id: str, changes: Mapping[str, Any]) -> VoiceView:
        """Create or update the record with ``changes``; the saved fields' drafts go in the same transaction."""
        reject_unknown_fields(changes, EDITABLE)
        self._ctx.require(Action.RECORD_MINUTES)
        changes = nfc_values(changes)
        with self._ctx.sessions.begin() as s:
            open_record(s, conference_id)
            if decision_settled(s, conference_id, child_id):
                # The voice is the evidence a finalised decision rested on: it locks with it, and a
                # correction is an addendum to the decision (issue 10).
                raise RecordLockedError("voice_locked_decision_finalised")
            v = find_voice(s, conference_id, child_id)
            actor = self._ctx.actor()
            if v is None:
                v = ChildVoice(id=new_id(), conference_id=conference_id, child_id=child_id, version=1, language="")
                for k, val in changes.items():
                    setattr(v, k, val)
                s.add(v)
                s.flush()
                record_create(s, actor, v)
            else:
                before = wire_before(s, v)
                real = {k: val for k, val in changes.items() if getattr(v, k) != val}
                if real:
                    for k, val in real.items():
                        setattr(v, k, val)
                    record_patch(s, actor, v, before)
            link = link_id(s, conference_id, child_id)
            if link is not None:
                clear_drafts(s, Entity.CHILD_VOICE.value, link, changes)
            return self._view(v, conference_id, child_id, False)
