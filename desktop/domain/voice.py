"""The child's voice record for one child and the check that it is complete (section 5.8 to 5.10).

A per-child decision cannot be finalised unless the voice record is complete, or a reason is
recorded for why it could not be (for example an unborn child). ``decisions`` calls
:func:`assess_voice` for that.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from desktop.domain.problems import Problem, error, warning
from sync.protocol.enums import AdvocacyOffer, Language, ParticipationMode

logger = logging.getLogger(__name__)


def _blank(text: str | None) -> bool:
    return not (text and text.strip())


@dataclass(frozen=True, slots=True)
class VoiceRecord:
    """How the child took part and what they said.

    Attributes:
        child_id: The child this record belongs to.
        participation_mode: How the child took part (5.8).
        advocacy_offer: State of the Independent Professional Advocate active offer (5.9).
        advocacy_not_offered_reason: Why the offer has not been made yet (needed for NOT_YET_OFFERED).
        wishes_and_feelings: The child's wishes and feelings, however gathered.
        language: The child's language (5.10).
        language_other_name: The language's name when ``language`` is OTHER.
        lived_experience: The child's day-to-day lived experience.
        chair_met_child_before: Whether the chair met the child beforehand, if known.
        debrief_offered: Whether a debrief was offered afterwards, if known.
        not_recorded_reason: Why the voice could not be recorded at all (e.g. unborn child); when
            given, an otherwise incomplete record does not block finalising.
    """

    child_id: str
    participation_mode: ParticipationMode | None = None
    advocacy_offer: AdvocacyOffer | None = None
    advocacy_not_offered_reason: str = ""
    wishes_and_feelings: str = ""
    language: Language | None = None
    language_other_name: str = ""
    lived_experience: str = ""
    chair_met_child_before: bool | None = None
    debrief_offered: bool | None = None
    not_recorded_reason: str = ""


def _gaps(voice: VoiceRecord) -> list[Problem]:
    gaps: list[Problem] = []
    if voice.participation_mode is None:
        gaps.append(error("voice_participation_mode_missing", child_id=voice.child_id))
    if voice.advocacy_offer is None:
        gaps.append(error("voice_advocacy_offer_missing", child_id=voice.child_id))
    elif voice.advocacy_offer is AdvocacyOffer.NOT_YET_OFFERED and _blank(voice.advocacy_not_offered_reason):
        gaps.append(error("voice_advocacy_not_offered_reason_missing", child_id=voice.child_id))
    if _blank(voice.wishes_and_feelings):
        gaps.append(error("voice_wishes_and_feelings_missing", child_id=voice.child_id))
    if voice.language is None:
        gaps.append(error("voice_language_missing", child_id=voice.child_id))
    elif voice.language is Language.OTHER and _blank(voice.language_other_name):
        gaps.append(error("voice_language_name_missing", child_id=voice.child_id))
    return gaps


def assess_voice(voice: VoiceRecord | None, *, child_id: str = "") -> tuple[Problem, ...]:
    """Check a child's voice record before a decision is finalised.

    Args:
        voice: The record, or None when none was started.
        child_id: The child, used in the problem when ``voice`` is None.

    Returns:
        No problems when complete; a single ``voice_not_recorded_with_reason`` warning when
        incomplete but a reason is recorded; otherwise an error per gap (or
        ``voice_record_missing``).
    """
    if voice is None:
        return (error("voice_record_missing", child_id=child_id),)
    gaps = _gaps(voice)
    if not gaps:
        return ()
    if not _blank(voice.not_recorded_reason):
        # The reason replaces the missing items: the decision may go ahead, but the gap stays visible.
        return (warning("voice_not_recorded_with_reason", child_id=voice.child_id),)
    return tuple(gaps)


def is_voice_complete(voice: VoiceRecord | None) -> bool:
    """Whether every voice item is filled in (a recorded reason does not make it complete).

    Args:
        voice: The record, or None.

    Returns:
        True only when nothing is missing.
    """
    return voice is not None and not _gaps(voice)
