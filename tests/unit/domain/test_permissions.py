"""The role matrix and denial reason codes."""

from __future__ import annotations

import pytest

from desktop.domain.permissions import PERMISSIONS, Action, DenialCode, check_any, check_permission
from sync.protocol.enums import Role

A = Action


@pytest.mark.parametrize(
    ("role", "action", "code"),
    [
        (Role.CHAIR, A.FINALISE_DECISION, None),
        (Role.CHAIR, A.APPROVE_RECORD, None),
        (Role.CHAIR, A.POSTPONE_CONFERENCE, None),
        (Role.CHAIR, A.RECORD_MINUTES, None),  # chairs who minute
        (Role.CHAIR, A.DECIDE_WITHOUT_CONSENSUS, None),
        (Role.CHAIR, A.PROCEED_WITH_TWO_AGENCIES, None),
        (Role.MINUTE_TAKER, A.PROCEED_WITH_TWO_AGENCIES, DenialCode.MINUTE_TAKER_NO_DECISION_RIGHTS),
        (Role.MINUTE_TAKER, A.RECORD_MINUTES, None),
        (Role.MINUTE_TAKER, A.FINALISE_DECISION, DenialCode.MINUTE_TAKER_NO_DECISION_RIGHTS),
        (Role.MINUTE_TAKER, A.APPROVE_RECORD, DenialCode.MINUTE_TAKER_NO_DECISION_RIGHTS),
        (Role.MINUTE_TAKER, A.RECORD_DECISION, DenialCode.MINUTE_TAKER_NO_DECISION_RIGHTS),
        (Role.MINUTE_TAKER, A.POSTPONE_CONFERENCE, DenialCode.MINUTE_TAKER_NO_DECISION_RIGHTS),
        (Role.MINUTE_TAKER, A.RECORD_VISIT, DenialCode.ROLE_NOT_PERMITTED),
        (Role.COORDINATOR, A.RECORD_VISIT, None),
        (Role.COORDINATOR, A.CONVENE_CORE_GROUP, None),
        (Role.COORDINATOR, A.FINALISE_DECISION, DenialCode.ROLE_NOT_PERMITTED),
        (Role.REGISTER_CUSTODIAN, A.END_REGISTRATION, None),
        (Role.REGISTER_CUSTODIAN, A.FINALISE_DECISION, DenialCode.ROLE_NOT_PERMITTED),
        (Role.ENQUIRER, A.LOOKUP_REGISTER, None),
        (Role.ENQUIRER, A.ANSWER_ENQUIRY, DenialCode.ROLE_NOT_PERMITTED),
        (Role.ADMINISTRATOR, A.CONFIGURE_CALENDAR, None),
        (Role.ADMINISTRATOR, A.RECORD_DECISION, DenialCode.ADMINISTRATOR_NO_CASE_ACCESS),
    ],
)
def test_check_permission(role: Role, action: Action, code: DenialCode | None) -> None:
    result = check_permission(role, action)
    assert result.allowed is (code is None)
    assert result.code is code
    assert result.role is role and result.action is action


def test_every_role_has_a_row() -> None:
    assert set(PERMISSIONS) == set(Role)


@pytest.mark.parametrize(
    "action", [A.FINALISE_DECISION, A.APPROVE_RECORD, A.DECIDE_WITHOUT_CONSENSUS, A.PROCEED_WITH_TWO_AGENCIES]
)
def test_only_the_chair_holds_decision_rights(action: Action) -> None:
    assert {role for role, actions in PERMISSIONS.items() if action in actions} == {Role.CHAIR}


def test_check_any_over_several_roles() -> None:
    assert check_any([Role.MINUTE_TAKER, Role.CHAIR], A.FINALISE_DECISION).role is Role.CHAIR
    denied = check_any([Role.MINUTE_TAKER, Role.COORDINATOR], A.FINALISE_DECISION)
    assert not denied.allowed and denied.code is DenialCode.MINUTE_TAKER_NO_DECISION_RIGHTS
    nobody = check_any([], A.LOOKUP_REGISTER)
    assert not nobody.allowed and nobody.code is DenialCode.NO_ROLE
