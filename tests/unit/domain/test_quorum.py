"""Quorum (T17, Q3) and absent key participants (T18)."""

from __future__ import annotations

import pytest

from desktop.domain.config import RulesConfig
from desktop.domain.problems import codes
from desktop.domain.quorum import (
    Attendee,
    QuorumState,
    absent_key_participants,
    assess_quorum,
    present_practitioner_ids,
)
from sync.protocol.enums import AgencyGrouping as Ag
from sync.protocol.enums import AttendanceStatus as St
from sync.protocol.enums import ParticipantKind as Pk


def prac(pid: str, agency: Ag | None, status: St = St.PRESENT_IN_PERSON) -> Attendee:
    return Attendee(pid, Pk.PRACTITIONER, status, agency)


SW = prac("sw", Ag.SOCIAL_SERVICES)
POLICE = prac("pc", Ag.POLICE)
GP = prac("gp", Ag.HEALTH)
HV = prac("hv", Ag.HEALTH, St.PRESENT_REMOTE)
MIDWIFE = prac("mw", Ag.HEALTH)
SCHOOL = prac("school", Ag.EDUCATION, St.PRESENT_REMOTE)
MOTHER = Attendee("mum", Pk.FAMILY, St.PRESENT_IN_PERSON)


@pytest.mark.parametrize(
    ("attendees", "reason", "state", "count", "can_record"),
    [
        ([SW, POLICE, GP], None, QuorumState.QUORATE, 3, True),
        ([SW, POLICE, SCHOOL, GP, HV], None, QuorumState.QUORATE, 4, True),
        # Health roles count once: three health practitioners and social services make two.
        ([SW, GP, HV, MIDWIFE], None, QuorumState.REASON_REQUIRED, 2, False),
        ([SW, GP, HV, MIDWIFE], "   ", QuorumState.REASON_REQUIRED, 2, False),
        ([SW, GP, HV, MIDWIFE], "child safe; police report received", QuorumState.PROCEED_WITH_REASON, 2, True),
        # Social services counts as an agency.
        ([SW, POLICE], "urgent", QuorumState.PROCEED_WITH_REASON, 2, True),
        ([SW, SW, MOTHER], "urgent", QuorumState.INQUORATE, 1, False),
        ([], None, QuorumState.INQUORATE, 0, False),
        # Absent practitioners, even with a report, do not count.
        (
            [SW, prac("pc2", Ag.POLICE, St.APOLOGIES_WITH_REPORT), prac("t", Ag.EDUCATION, St.DID_NOT_ATTEND)],
            None,
            QuorumState.INQUORATE,
            1,
            False,
        ),
        # Family members never count, whatever is filled in for agency.
        (
            [SW, POLICE, Attendee("aunt", Pk.FAMILY, St.PRESENT_IN_PERSON, Ag.HEALTH)],
            None,
            QuorumState.REASON_REQUIRED,
            2,
            False,
        ),
    ],
)
def test_quorum_states(
    attendees: list[Attendee], reason: str | None, state: QuorumState, count: int, can_record: bool
) -> None:
    result = assess_quorum(attendees, chair_reason=reason)
    assert result.state is state
    assert result.agency_count == count
    assert result.can_record_decisions is can_record
    assert result.postpone_offered is not can_record
    if not can_record:
        assert result.consider_postponing


def test_quorum_problem_codes() -> None:
    assert "quorum_reason_required" in codes(assess_quorum([SW, GP]).problems)
    assert "inquorate" in codes(assess_quorum([SW]).problems)
    proceeding = assess_quorum([SW, GP], chair_reason="urgent").problems
    assert codes(proceeding) == ["quorum_proceeding_with_reason"]
    assert not any(p.is_error for p in proceeding)
    assert assess_quorum([SW, GP, POLICE]).problems == ()


def test_practitioner_without_agency_is_not_counted_and_flagged() -> None:
    result = assess_quorum([SW, POLICE, prac("x", None)])
    assert result.agency_count == 2
    assert "practitioner_agency_missing" in codes(result.problems)


def test_quorum_threshold_is_configurable() -> None:
    config = RulesConfig(quorum_agencies=4, quorum_agencies_with_reason=3)
    assert assess_quorum([SW, POLICE, GP], config=config).state is QuorumState.REASON_REQUIRED
    assert assess_quorum([SW, POLICE], chair_reason="r", config=config).state is QuorumState.INQUORATE


def test_absent_key_participants_prompt_postponing_even_when_quorate() -> None:
    attendees = [
        SW,
        POLICE,
        GP,
        prac("teacher", Ag.EDUCATION, St.APOLOGIES_NO_REPORT),
        prac("probation", Ag.PROBATION_YOUTH_JUSTICE, St.DID_NOT_ATTEND),
        prac("housing", Ag.HOUSING, St.APOLOGIES_WITH_REPORT),
        Attendee("dad", Pk.FAMILY, St.DID_NOT_ATTEND),
        Attendee("mum", Pk.FAMILY, St.DID_NOT_ATTEND, is_key=True),
    ]
    assert absent_key_participants(attendees) == ("teacher", "probation", "mum")
    result = assess_quorum(attendees)
    assert result.can_record_decisions
    assert result.consider_postponing
    assert not result.postpone_offered
    assert result.absent_without_report == ("teacher", "probation", "mum")
    assert codes(result.problems).count("key_participant_absent_without_report") == 3


def test_present_practitioner_ids() -> None:
    attendees = [SW, HV, MOTHER, prac("t", Ag.EDUCATION, St.APOLOGIES_WITH_REPORT)]
    assert present_practitioner_ids(attendees) == frozenset({"sw", "hv"})


def test_partial_exclusion_counts_unless_it_covered_the_decision() -> None:
    part = Attendee("pc", Pk.PRACTITIONER, St.EXCLUDED_PART, Ag.POLICE)
    decision = Attendee("pc", Pk.PRACTITIONER, St.EXCLUDED_PART, Ag.POLICE, excluded_from_decision=True)
    assert assess_quorum([SW, GP, part]).state is QuorumState.QUORATE
    assert present_practitioner_ids([SW, GP, part]) == {"sw", "gp", "pc"}
    assert assess_quorum([SW, GP, decision]).state is QuorumState.REASON_REQUIRED
    assert present_practitioner_ids([SW, GP, decision]) == {"sw", "gp"}
    # The flag means nothing without a partial exclusion; family members never count.
    present = Attendee("pc", Pk.PRACTITIONER, St.PRESENT_IN_PERSON, Ag.POLICE, excluded_from_decision=True)
    assert present.is_present_practitioner
    assert assess_quorum([SW, GP, MOTHER]).agency_count == 2
