"""Conference life cycle, immutability guards and addenda."""

from __future__ import annotations

from datetime import date

import pytest

from desktop.domain.lifecycle import (
    TRANSITION_ACTIONS,
    Addendum,
    ensure_mutable,
    ensure_record_mutable,
    transition,
    transition_problem,
    validate_addendum,
)
from desktop.domain.permissions import check_permission
from desktop.domain.problems import IllegalTransitionError, ImmutableRecordError, codes
from sync.protocol.enums import ConferenceStatus as S
from sync.protocol.enums import DecisionState, Role

# Written out independently of lifecycle.TRANSITIONS so a change there has to be deliberate.
LEGAL = {
    (S.SCHEDULED, S.IN_PROGRESS),
    (S.SCHEDULED, S.POSTPONED),
    (S.SCHEDULED, S.INQUORATE),
    (S.IN_PROGRESS, S.RECORD_DRAFTED),
    (S.IN_PROGRESS, S.POSTPONED),
    (S.IN_PROGRESS, S.INQUORATE),
    (S.RECORD_DRAFTED, S.RECORD_APPROVED),
    (S.RECORD_APPROVED, S.DISTRIBUTED),
}
ALL_PAIRS = [(a, b) for a in S for b in S]


@pytest.mark.parametrize(("current", "target"), sorted(LEGAL))
def test_legal_transitions(current: S, target: S) -> None:
    assert transition(current, target, reason="Chair unwell") is target


@pytest.mark.parametrize(("current", "target"), [p for p in ALL_PAIRS if p not in LEGAL])
def test_illegal_transitions_are_refused_with_a_code(current: S, target: S) -> None:
    with pytest.raises(IllegalTransitionError) as raised:
        transition(current, target, reason="any")
    assert raised.value.code == "illegal_transition"
    assert raised.value.params == {"from_status": current, "to_status": target}


@pytest.mark.parametrize("target", [S.POSTPONED, S.INQUORATE])
@pytest.mark.parametrize("current", [S.SCHEDULED, S.IN_PROGRESS])
def test_postponing_needs_a_reason(current: S, target: S) -> None:
    problem = transition_problem(current, target, reason="  ")
    assert problem is not None and problem.code == "transition_reason_required"
    with pytest.raises(IllegalTransitionError):
        transition(current, target)
    assert transition_problem(current, target, reason="Key agencies absent") is None


@pytest.mark.parametrize(
    ("state", "mutable"),
    [
        (DecisionState.DRAFT, True),
        (DecisionState.FINALISATION_PENDING, False),
        (DecisionState.FINALISED, False),
        (DecisionState.CONTESTED, False),
    ],
)
def test_ensure_mutable(state: DecisionState, mutable: bool) -> None:
    if mutable:
        ensure_mutable(state)
    else:
        with pytest.raises(ImmutableRecordError) as raised:
            ensure_mutable(state)
        assert raised.value.code == "decision_not_mutable"


@pytest.mark.parametrize(
    ("status", "mutable"),
    [
        (S.IN_PROGRESS, True),
        (S.RECORD_DRAFTED, True),
        (S.RECORD_APPROVED, False),
        (S.DISTRIBUTED, False),
    ],
)
def test_ensure_record_mutable(status: S, mutable: bool) -> None:
    if mutable:
        ensure_record_mutable(status)
    else:
        with pytest.raises(ImmutableRecordError, match="record_not_mutable"):
            ensure_record_mutable(status)


ADDENDUM = Addendum("a1", "d1", "chair1", date(2026, 4, 20), "Category should read neglect", "Typing error")


@pytest.mark.parametrize(
    ("addendum", "state", "expected"),
    [
        (ADDENDUM, DecisionState.FINALISED, []),
        (ADDENDUM, DecisionState.DRAFT, ["addendum_target_not_finalised"]),
        (
            Addendum("a2", " ", "chair1", date(2026, 4, 20), "", ""),
            DecisionState.FINALISED,
            ["addendum_target_missing", "addendum_text_required", "addendum_reason_required"],
        ),
    ],
)
def test_validate_addendum(addendum: Addendum, state: DecisionState, expected: list[str]) -> None:
    assert codes(validate_addendum(addendum, target_state=state)) == expected


def test_every_move_has_a_permission_and_minute_taker_can_only_submit_the_draft() -> None:
    targets = {b for _, b in LEGAL}
    assert targets <= set(TRANSITION_ACTIONS)
    allowed = {t for t in targets if check_permission(Role.MINUTE_TAKER, TRANSITION_ACTIONS[t]).allowed}
    assert allowed == {S.RECORD_DRAFTED}
    assert all(check_permission(Role.CHAIR, TRANSITION_ACTIONS[t]).allowed for t in targets)
