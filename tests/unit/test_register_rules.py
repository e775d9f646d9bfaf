"""The shared register rules as pure functions: effects, reading plain records, and refusal details."""

from __future__ import annotations

from datetime import date

from sync.protocol.enums import AttendanceStatus, ConferenceType, EndReason, ErrorCode, Outcome, ParticipantKind
from sync.protocol.register_rules import (
    NOT_ON_REGISTER,
    Position,
    Presence,
    QuorumState,
    Reason,
    RegisterPosition,
    assess_quorum,
    decision_effect,
    decision_verdict,
    end_verdict,
    temporary_registration_verdict,
)

TEMPORARY = RegisterPosition(Position.TEMPORARY, frozenset({"neglect"}), "Cyngor Gwynedd", date(2026, 1, 5))


def test_transfer_in_supersedes_a_temporary_entry() -> None:
    effect = decision_effect(ConferenceType.TRANSFER_IN, Outcome.REMAIN_SAME_CATEGORY, [], TEMPORARY)
    assert effect.registered and effect.open_entry and effect.categories == {"neglect"}
    assert effect.end_current is EndReason.MOVED_PERMANENTLY
    ended = decision_effect(ConferenceType.TRANSFER_IN, Outcome.DEREGISTER, [], TEMPORARY)
    assert not ended.registered and ended.end_current is EndReason.REVIEW_NO_CONTINUING_RISK
    nothing = decision_effect(ConferenceType.TRANSFER_IN, Outcome.DEREGISTER, [], NOT_ON_REGISTER)
    assert not nothing.registered and nothing.end_current is None and not nothing.open_entry


def test_review_changes_categories_on_the_current_entry() -> None:
    current = RegisterPosition(Position.PERMANENT, frozenset({"neglect"}))
    effect = decision_effect(ConferenceType.REVIEW, Outcome.REMAIN_CATEGORY_CHANGED, ["physical"], current)
    assert effect.update_current and not effect.open_entry and effect.categories == {"physical"}


def test_transfer_in_remain_same_needs_categories_from_somewhere() -> None:
    verdict = decision_verdict(ConferenceType.TRANSFER_IN, Outcome.REMAIN_SAME_CATEGORY, [], NOT_ON_REGISTER)
    assert [r.reason for r in verdict.refusals] == [Reason.CATEGORIES_REQUIRED]
    assert decision_verdict(ConferenceType.TRANSFER_IN, Outcome.REMAIN_SAME_CATEGORY, [], TEMPORARY).allowed


def test_a_stale_register_position_checks_only_what_needs_no_state() -> None:
    assert decision_verdict(ConferenceType.REVIEW, Outcome.DEREGISTER, [], None).allowed
    refused = decision_verdict(ConferenceType.INITIAL, Outcome.DEREGISTER, [], None)
    assert refused.first is not None and refused.first.code is ErrorCode.INVALID_TRANSITION


def test_entry_payloads_read_as_positions() -> None:
    assert RegisterPosition.of_entry(None) == NOT_ON_REGISTER
    assert RegisterPosition.of_entry({"status": "ended", "categories": ["neglect"]}) == NOT_ON_REGISTER
    entry = {"status": "registered", "temporary": True, "categories": ["neglect"], "originating_la": "Cyngor Gwynedd"}
    assert RegisterPosition.of_entry(entry | {"registered_on": "2026-01-05"}) == TEMPORARY


def test_attendance_payloads_with_unknown_codes_count_for_nothing() -> None:
    odd = Presence.of_payload({"participant_kind": "ghost", "status": "present_in_person", "agency_grouping": "police"})
    assert odd.kind is None and not odd.counts
    real = Presence.of_payload({"participant_kind": "practitioner", "status": "present_remote", "agency_grouping": "x"})
    assert real.counts and real.agency is None
    assert Presence(ParticipantKind.PRACTITIONER, AttendanceStatus.EXCLUDED_WHOLE, None).counts is False


def test_refusal_details_say_what_is_missing() -> None:
    quorum = assess_quorum([], chair_reason=None)
    assert quorum.state is QuorumState.INQUORATE and quorum.refusal is not None
    assert quorum.refusal.code is ErrorCode.NOT_QUORATE
    assert quorum.refusal.detail.startswith("inquorate: 0 agency groupings of practitioners present (none); 3 needed")
    end = end_verdict(
        EndReason.REACHED_18, ended_on=date(2026, 2, 11), today=date(2026, 2, 11), registered_on=date(2026, 1, 1),
        date_of_birth=date(2019, 5, 1),
    )  # fmt: skip
    assert end.first is not None and end.first.code is ErrorCode.END_REASON_PRECONDITION
    assert end.first.detail == "ended_before_adulthood: reached_18 on 2026-02-11, but the 18th birthday is 2037-05-01"


def test_temporary_registration_names_the_originating_council() -> None:
    refused = temporary_registration_verdict(NOT_ON_REGISTER, originating_la="  ")
    assert [r.reason for r in refused.refusals] == [Reason.ORIGINATING_LA_REQUIRED]
    assert temporary_registration_verdict(TEMPORARY, originating_la="Powys").first is not None
