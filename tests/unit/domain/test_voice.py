"""The child's voice record: complete, incomplete, or absent with a recorded reason."""

from __future__ import annotations

import dataclasses

import pytest

from desktop.domain.problems import Severity, codes
from desktop.domain.voice import VoiceRecord, assess_voice, is_voice_complete
from sync.protocol.enums import AdvocacyOffer, Language, ParticipationMode

COMPLETE = VoiceRecord(
    child_id="c1",
    participation_mode=ParticipationMode.ADVOCATE_ATTENDS,
    advocacy_offer=AdvocacyOffer.ACCEPTED,
    wishes_and_feelings="Wants to stay with nain",
    language=Language.CY,
)


def test_complete_record_has_no_problems() -> None:
    assert assess_voice(COMPLETE) == ()
    assert is_voice_complete(COMPLETE)


@pytest.mark.parametrize(
    ("changes", "code"),
    [
        ({"participation_mode": None}, "voice_participation_mode_missing"),
        ({"advocacy_offer": None}, "voice_advocacy_offer_missing"),
        ({"advocacy_offer": AdvocacyOffer.NOT_YET_OFFERED}, "voice_advocacy_not_offered_reason_missing"),
        (
            {"advocacy_offer": AdvocacyOffer.NOT_YET_OFFERED, "advocacy_not_offered_reason": " "},
            "voice_advocacy_not_offered_reason_missing",
        ),
        ({"wishes_and_feelings": "  "}, "voice_wishes_and_feelings_missing"),
        ({"language": None}, "voice_language_missing"),
        ({"language": Language.OTHER}, "voice_language_name_missing"),
    ],
)
def test_each_gap_is_an_error(changes: dict[str, object], code: str) -> None:
    voice = dataclasses.replace(COMPLETE, **changes)  # type: ignore[arg-type]
    problems = assess_voice(voice)
    assert codes(problems) == [code]
    assert problems[0].severity is Severity.ERROR
    assert problems[0].params == {"child_id": "c1"}
    assert not is_voice_complete(voice)


@pytest.mark.parametrize(
    "changes",
    [
        {"advocacy_offer": AdvocacyOffer.NOT_YET_OFFERED, "advocacy_not_offered_reason": "IPA contacted"},
        {"advocacy_offer": AdvocacyOffer.DECLINED},
        {"language": Language.OTHER, "language_other_name": "Polish"},
    ],
)
def test_variants_that_are_complete(changes: dict[str, object]) -> None:
    assert assess_voice(dataclasses.replace(COMPLETE, **changes)) == ()  # type: ignore[arg-type]


def test_missing_voice_with_reason_is_a_warning_only() -> None:
    voice = VoiceRecord(child_id="unborn", not_recorded_reason="Unborn child")
    problems = assess_voice(voice)
    assert codes(problems) == ["voice_not_recorded_with_reason"]
    assert problems[0].severity is Severity.WARNING
    assert not is_voice_complete(voice)


def test_missing_voice_without_reason_lists_every_gap() -> None:
    assert len(assess_voice(VoiceRecord(child_id="c2"))) == 4
    assert codes(assess_voice(None, child_id="c3")) == ["voice_record_missing"]
