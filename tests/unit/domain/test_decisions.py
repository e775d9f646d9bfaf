"""Per-child decisions: outcomes per conference type, views, consensus, dissent, evidence."""

from __future__ import annotations

import dataclasses

import pytest

from desktop.domain.decisions import (
    DecisionDraft,
    Dissent,
    PractitionerView,
    Stance,
    assess_decision,
    has_consensus,
    majority_stance,
)
from desktop.domain.problems import Severity, codes
from desktop.domain.quorum import Attendee, assess_quorum
from desktop.domain.voice import VoiceRecord
from sync.protocol.enums import AdvocacyOffer, Category, ConferenceType, Language, Outcome, ParticipationMode
from sync.protocol.enums import AgencyGrouping as Ag
from sync.protocol.enums import AttendanceStatus as St
from sync.protocol.enums import ParticipantKind as Pk
from sync.protocol.enums import PractitionerViewKind as V
from sync.protocol.register_rules import NOT_ON_REGISTER, Position, RegisterPosition

PRESENT = frozenset({"sw", "pc", "hv"})
AGENCY = {"sw": Ag.SOCIAL_SERVICES, "pc": Ag.POLICE, "hv": Ag.HEALTH}
VOICE = VoiceRecord(
    child_id="c1",
    participation_mode=ParticipationMode.PREPARED_CONTRIBUTION,
    advocacy_offer=AdvocacyOffer.DECLINED,
    wishes_and_feelings="Feels scared when dad shouts",
    language=Language.EN,
)


def views(**kinds: V) -> tuple[PractitionerView, ...]:
    return tuple(PractitionerView(pid, AGENCY[pid], kind) for pid, kind in kinds.items())


def dissent(*pids: str) -> tuple[Dissent, ...]:
    return tuple(Dissent(pid, AGENCY[pid], "Risk is managed by the family") for pid in pids)


REGISTER = DecisionDraft(
    child_id="c1",
    conference_type=ConferenceType.INITIAL,
    outcome=Outcome.REGISTERED,
    categories=frozenset({Category.NEGLECT}),
    views=views(sw=V.REGISTER, pc=V.REGISTER, hv=V.REGISTER),
    rationale="Persistent neglect of health needs",
    evidence=("report:health-visitor-2026-03",),
    outline_plan_actions=3,
    coordinator_id="sw",
    voice=VOICE,
)

REVIEW = dataclasses.replace(
    REGISTER,
    conference_type=ConferenceType.REVIEW,
    outcome=Outcome.REMAIN_SAME_CATEGORY,
    current_categories=frozenset({Category.NEGLECT}),
    views=views(sw=V.STAY_REGISTERED, pc=V.STAY_REGISTERED, hv=V.REGISTER),
    outline_plan_actions=0,
)

DEREGISTER = dataclasses.replace(
    REVIEW,
    outcome=Outcome.DEREGISTER,
    categories=frozenset(),
    views=views(sw=V.DEREGISTER, pc=V.DEREGISTER, hv=V.DO_NOT_REGISTER),
    coordinator_id=None,
    evidence_of_change="Attends school daily; health appointments kept for six months",
    contingency_plan="Care and support plan; re-refer on any missed appointment",
)

NOT_REGISTERED = dataclasses.replace(
    REGISTER,
    outcome=Outcome.NOT_REGISTERED,
    categories=frozenset(),
    views=views(sw=V.DO_NOT_REGISTER, pc=V.DO_NOT_REGISTER, hv=V.DO_NOT_REGISTER),
    plan_if_not_registered="Part 3 well-being assessment; school nurse weekly",
    outline_plan_actions=0,
    coordinator_id=None,
)


@pytest.mark.parametrize("draft", [REGISTER, REVIEW, DEREGISTER, NOT_REGISTERED])
def test_well_formed_drafts_can_be_finalised(draft: DecisionDraft) -> None:
    result = assess_decision(draft, PRESENT)
    assert [p for p in result.problems if p.is_error] == []
    assert result.can_finalise
    assert result.consensus
    assert not result.against_majority


@pytest.mark.parametrize(
    ("conference_type", "outcome", "allowed"),
    [
        (ConferenceType.INITIAL, Outcome.REGISTERED, True),
        (ConferenceType.INITIAL, Outcome.NOT_REGISTERED, True),
        (ConferenceType.INITIAL, Outcome.REMAIN_SAME_CATEGORY, False),
        (ConferenceType.INITIAL, Outcome.DEREGISTER, False),
        (ConferenceType.REVIEW, Outcome.REGISTERED, False),
        (ConferenceType.REVIEW, Outcome.NOT_REGISTERED, False),
        (ConferenceType.REVIEW, Outcome.REMAIN_CATEGORY_CHANGED, True),
        (ConferenceType.REVIEW, Outcome.DEREGISTER, True),
        (ConferenceType.TRANSFER_IN, Outcome.REMAIN_SAME_CATEGORY, True),
        (ConferenceType.TRANSFER_IN, Outcome.DEREGISTER, True),
        (ConferenceType.TRANSFER_IN, Outcome.NOT_REGISTERED, False),
        (ConferenceType.TRANSFER_IN, Outcome.REGISTERED, False),
    ],
)
def test_outcome_must_match_conference_type(conference_type: ConferenceType, outcome: Outcome, allowed: bool) -> None:
    draft = dataclasses.replace(REGISTER, conference_type=conference_type, outcome=outcome)
    result = assess_decision(draft, PRESENT)
    assert ("outcome_not_for_conference_type" in codes(result.problems)) is not allowed


def test_remain_same_category_keeps_the_registers_categories() -> None:
    """The register's categories stand at a review that keeps them; the decision need not repeat them."""
    result = assess_decision(dataclasses.replace(REVIEW, categories=frozenset()), PRESENT)
    assert result.can_finalise, result.problems


@pytest.mark.parametrize(
    ("draft", "code"),
    [
        (dataclasses.replace(REGISTER, outcome=None), "outcome_missing"),
        (dataclasses.replace(REGISTER, categories=frozenset()), "categories_required"),
        (
            dataclasses.replace(REVIEW, outcome=Outcome.REMAIN_CATEGORY_CHANGED, categories=frozenset()),
            "categories_required",
        ),  # fmt: skip
        (dataclasses.replace(REVIEW, register=NOT_ON_REGISTER), "not_registered"),
        (dataclasses.replace(REGISTER, current_categories=frozenset({Category.NEGLECT})), "already_registered"),
        (
            dataclasses.replace(REGISTER, register=RegisterPosition(Position.TEMPORARY, frozenset({"neglect"}))),
            "temporary_entry_needs_transfer_in",
        ),
        (dataclasses.replace(NOT_REGISTERED, categories=frozenset({Category.PHYSICAL})), "categories_not_allowed"),
        (dataclasses.replace(NOT_REGISTERED, plan_if_not_registered=" "), "support_plan_required"),
        (dataclasses.replace(REGISTER, outline_plan_actions=0), "outline_plan_required"),
        (dataclasses.replace(REGISTER, coordinator_id=None), "coordinator_required"),
        (dataclasses.replace(REGISTER, coordinator_id="  "), "coordinator_required"),
        (dataclasses.replace(REVIEW, coordinator_id=None), "coordinator_required"),
        (
            dataclasses.replace(REVIEW, categories=frozenset({Category.NEGLECT, Category.EMOTIONAL})),
            "categories_differ_from_current",
        ),
        (dataclasses.replace(REVIEW, outcome=Outcome.REMAIN_CATEGORY_CHANGED), "categories_unchanged"),
        (dataclasses.replace(REVIEW, current_categories=frozenset()), "current_categories_missing"),
        (dataclasses.replace(REGISTER, rationale="  "), "rationale_required"),
        (dataclasses.replace(REGISTER, evidence=()), "evidence_required"),
        (dataclasses.replace(REGISTER, evidence=(" ",)), "evidence_required"),
        (dataclasses.replace(DEREGISTER, evidence_of_change=""), "evidence_of_change_required"),
        (dataclasses.replace(REGISTER, voice=None), "voice_record_missing"),
        (dataclasses.replace(REGISTER, chair_decided=True, chair_reason=""), "chair_reason_required"),
    ],
)
def test_blocking_problems(draft: DecisionDraft, code: str) -> None:
    result = assess_decision(draft, PRESENT)
    found = [p for p in result.problems if p.code == code]
    assert found and found[0].severity is Severity.ERROR
    assert not result.can_finalise


def test_category_change_at_review_is_accepted_when_categories_differ() -> None:
    draft = dataclasses.replace(
        REVIEW, outcome=Outcome.REMAIN_CATEGORY_CHANGED, categories=frozenset({Category.EMOTIONAL})
    )
    assert assess_decision(draft, PRESENT).can_finalise


@pytest.mark.parametrize(
    ("draft", "code"),
    [
        (dataclasses.replace(DEREGISTER, contingency_plan=""), "contingency_plan_prompt"),
        (dataclasses.replace(DEREGISTER, is_first_review=True), "deregistration_at_first_review"),
        (
            dataclasses.replace(REGISTER, coordinator_id=None, senior_manager_informed=True),
            "coordinator_not_named_manager_informed",
        ),
        (
            dataclasses.replace(REGISTER, voice=VoiceRecord("c1", not_recorded_reason="Too young; observed only")),
            "voice_not_recorded_with_reason",
        ),
    ],
)
def test_warnings_do_not_block(draft: DecisionDraft, code: str) -> None:
    result = assess_decision(draft, PRESENT)
    found = [p for p in result.problems if p.code == code]
    assert found and found[0].severity is Severity.WARNING
    assert result.can_finalise


def test_incomplete_voice_without_reason_blocks() -> None:
    draft = dataclasses.replace(REGISTER, voice=dataclasses.replace(VOICE, wishes_and_feelings=""))
    result = assess_decision(draft, PRESENT)
    assert "voice_wishes_and_feelings_missing" in codes(result.problems)
    assert not result.can_finalise


def test_deregistration_needs_no_coordinator_and_no_categories() -> None:
    result = assess_decision(DEREGISTER, PRESENT)
    assert "coordinator_required" not in codes(result.problems)
    assert "categories_required" not in codes(result.problems)


@pytest.mark.parametrize(
    ("kinds", "consensus", "majority"),
    [
        ({"sw": V.REGISTER, "pc": V.REGISTER, "hv": V.REGISTER}, True, Stance.ON_REGISTER),
        # Different words, same meaning: both keep the child on the register.
        ({"sw": V.REGISTER, "pc": V.STAY_REGISTERED, "hv": V.STAY_REGISTERED}, True, Stance.ON_REGISTER),
        ({"sw": V.DEREGISTER, "pc": V.DO_NOT_REGISTER}, True, Stance.OFF_REGISTER),
        ({"sw": V.REGISTER, "pc": V.REGISTER, "hv": V.DO_NOT_REGISTER}, False, Stance.ON_REGISTER),
        ({"sw": V.STAY_REGISTERED, "pc": V.DEREGISTER, "hv": V.DEREGISTER}, False, Stance.OFF_REGISTER),
        ({"sw": V.REGISTER, "pc": V.DO_NOT_REGISTER}, False, None),
        ({}, False, None),
    ],
)
def test_consensus_and_majority(kinds: dict[str, V], consensus: bool, majority: Stance | None) -> None:
    vs = views(**kinds)
    assert has_consensus(vs) is consensus
    assert majority_stance(vs) is majority


def test_categories_do_not_break_consensus() -> None:
    vs = (
        PractitionerView("sw", Ag.SOCIAL_SERVICES, V.REGISTER, frozenset({Category.NEGLECT})),
        PractitionerView("pc", Ag.POLICE, V.REGISTER, frozenset({Category.PHYSICAL})),
    )
    assert has_consensus(vs)


def test_without_consensus_the_chair_must_decide() -> None:
    draft = dataclasses.replace(
        REGISTER, views=views(sw=V.REGISTER, pc=V.REGISTER, hv=V.DO_NOT_REGISTER), dissents=dissent("hv")
    )
    result = assess_decision(draft, PRESENT)
    assert not result.consensus
    assert "chair_decision_required" in codes(result.problems)
    decided = assess_decision(dataclasses.replace(draft, chair_decided=True, chair_reason="No consensus"), PRESENT)
    assert decided.can_finalise
    assert not decided.against_majority


def test_chair_decision_against_the_majority_is_allowed_and_says_so() -> None:
    # Two of three practitioners say "do not register"; the chair registers.
    draft = dataclasses.replace(
        REGISTER,
        views=views(sw=V.REGISTER, pc=V.DO_NOT_REGISTER, hv=V.DO_NOT_REGISTER),
        dissents=dissent("pc", "hv"),
    )
    not_chair = assess_decision(draft, PRESENT)
    assert not_chair.against_majority
    assert "against_majority_requires_chair" in codes(not_chair.problems)
    assert not not_chair.can_finalise

    chair = assess_decision(dataclasses.replace(draft, chair_decided=True, chair_reason="Police evidence"), PRESENT)
    assert chair.against_majority
    assert chair.majority is Stance.OFF_REGISTER
    assert chair.can_finalise
    flagged = [p for p in chair.problems if p.code == "decision_against_majority"]
    assert flagged and flagged[0].severity is Severity.WARNING


def test_tie_has_no_majority_to_go_against() -> None:
    draft = dataclasses.replace(
        REGISTER,
        views=views(sw=V.REGISTER, pc=V.DO_NOT_REGISTER),
        dissents=dissent("pc"),
        chair_decided=True,
        chair_reason="Tie",
    )
    result = assess_decision(draft, {"sw", "pc"})
    assert result.majority is None
    assert not result.against_majority
    assert result.can_finalise


def test_every_present_practitioner_must_give_a_view() -> None:
    draft = dataclasses.replace(REGISTER, views=views(sw=V.REGISTER, pc=V.REGISTER))
    result = assess_decision(draft, PRESENT)
    assert result.missing_views == ("hv",)
    assert [p.params for p in result.problems if p.code == "view_missing"] == [{"practitioner_id": "hv"}]
    assert not result.can_finalise


@pytest.mark.parametrize(
    ("extra", "code"),
    [
        (PractitionerView("gp", Ag.HEALTH, V.REGISTER), "view_from_absent_practitioner"),
        (PractitionerView("sw", Ag.SOCIAL_SERVICES, V.REGISTER), "duplicate_view"),
    ],
)
def test_unexpected_views(extra: PractitionerView, code: str) -> None:
    result = assess_decision(dataclasses.replace(REGISTER, views=(*REGISTER.views, extra)), PRESENT)
    assert code in codes(result.problems)
    assert not result.can_finalise


@pytest.mark.parametrize(
    ("dissents", "missing"),
    [
        ((), ("pc",)),
        ((Dissent("pc", Ag.POLICE, "  "),), ("pc",)),
        ((Dissent("sw", Ag.SOCIAL_SERVICES, "wrong person"),), ("pc",)),
        ((Dissent("pc", Ag.POLICE, "Mother now engages with police"),), ()),
    ],
)
def test_dissent_needed_from_each_practitioner_who_disagrees(
    dissents: tuple[Dissent, ...], missing: tuple[str, ...]
) -> None:
    draft = dataclasses.replace(
        REGISTER,
        views=views(sw=V.REGISTER, pc=V.DO_NOT_REGISTER, hv=V.REGISTER),
        dissents=dissents,
        chair_decided=True,
        chair_reason="No consensus",
    )
    result = assess_decision(draft, PRESENT)
    assert result.missing_dissent == missing
    dissent_problems = [p for p in result.problems if p.code == "dissent_missing"]
    assert [p.params for p in dissent_problems] == [{"practitioner_id": pid, "agency": AGENCY[pid]} for pid in missing]
    assert result.can_finalise is (not missing)


def test_deregistration_at_a_review_counts_stay_registered_as_dissent() -> None:
    draft = dataclasses.replace(
        DEREGISTER,
        views=views(sw=V.DEREGISTER, pc=V.STAY_REGISTERED, hv=V.DEREGISTER),
        chair_decided=True,
        chair_reason="No consensus",
    )
    assert assess_decision(draft, PRESENT).missing_dissent == ("pc",)


def test_decisions_cannot_be_recorded_without_quorum() -> None:
    attendees = [
        Attendee("sw", Pk.PRACTITIONER, St.PRESENT_IN_PERSON, Ag.SOCIAL_SERVICES),
        Attendee("hv", Pk.PRACTITIONER, St.PRESENT_REMOTE, Ag.HEALTH),
    ]
    draft = dataclasses.replace(REGISTER, views=views(sw=V.REGISTER, hv=V.REGISTER))
    blocked = assess_decision(draft, {"sw", "hv"}, quorum=assess_quorum(attendees))
    assert "quorum_not_met" in codes(blocked.problems)
    allowed = assess_decision(draft, {"sw", "hv"}, quorum=assess_quorum(attendees, chair_reason="Child safe"))
    assert allowed.can_finalise
