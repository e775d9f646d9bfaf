"""What each role may do, as data, and a check that says why an action is denied (section 9).

The matrix is a plain mapping so the UI can grey out and explain actions, and so it can be
compared cell by cell with the server's matrix. Permissions follow the role held, not the screen:
a minute-taker sharing the chair's device still cannot finalise a decision. A chair who minutes
holds the chair role, which includes recording minutes.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from types import MappingProxyType

from sync.protocol.enums import Role

logger = logging.getLogger(__name__)


class Action(StrEnum):
    """Things a user can try to do; values are stable codes."""

    CONVENE_CONFERENCE = "convene_conference"
    START_CONFERENCE = "start_conference"
    POSTPONE_CONFERENCE = "postpone_conference"
    DECLARE_INQUORATE = "declare_inquorate"
    RECORD_ATTENDANCE = "record_attendance"
    DECIDE_EXCLUSION = "decide_exclusion"
    DECIDE_CHILD_ATTENDANCE = "decide_child_attendance"
    RECORD_MINUTES = "record_minutes"
    RECORD_DECISION = "record_decision"
    DECIDE_WITHOUT_CONSENSUS = "decide_without_consensus"
    PROCEED_WITH_TWO_AGENCIES = "proceed_with_two_agencies"  # T17: the chair's exceptional quorum
    FINALISE_DECISION = "finalise_decision"
    APPROVE_RECORD = "approve_record"
    DISTRIBUTE_RECORD = "distribute_record"
    ADD_ADDENDUM = "add_addendum"
    PREPARE_REPORT = "prepare_report"
    SEND_REVIEW_INVITATIONS = "send_review_invitations"
    RECORD_VISIT = "record_visit"
    CONVENE_CORE_GROUP = "convene_core_group"
    UPDATE_PLAN = "update_plan"
    APPLY_REGISTER_CHANGE = "apply_register_change"
    END_REGISTRATION = "end_registration"
    ANSWER_ENQUIRY = "answer_enquiry"
    LOOKUP_REGISTER = "lookup_register"
    CONFIGURE_CALENDAR = "configure_calendar"
    MANAGE_USERS = "manage_users"
    MANAGE_DEVICES = "manage_devices"
    # Added in issue 10: writes to a child's own record, on the same matrix as every other write.
    ADD_CHILD = "add_child"
    CHANGE_COORDINATOR = "change_coordinator"


_A = Action

#: The permission matrix: every action each role may take. Anything absent is denied.
PERMISSIONS: Mapping[Role, frozenset[Action]] = MappingProxyType(
    {
        Role.CHAIR: frozenset(
            {
                _A.CONVENE_CONFERENCE,
                _A.START_CONFERENCE,
                _A.POSTPONE_CONFERENCE,
                _A.DECLARE_INQUORATE,
                _A.RECORD_ATTENDANCE,
                _A.DECIDE_EXCLUSION,
                _A.DECIDE_CHILD_ATTENDANCE,
                _A.RECORD_MINUTES,  # chairs who minute (section 9)
                _A.RECORD_DECISION,
                _A.DECIDE_WITHOUT_CONSENSUS,
                _A.PROCEED_WITH_TWO_AGENCIES,
                _A.FINALISE_DECISION,
                _A.APPROVE_RECORD,
                _A.DISTRIBUTE_RECORD,
                _A.ADD_ADDENDUM,
                _A.ADD_CHILD,
                _A.CHANGE_COORDINATOR,
            }
        ),
        # Drafts the record during the conference; no decision rights (section 9, W6).
        Role.MINUTE_TAKER: frozenset({_A.RECORD_ATTENDANCE, _A.RECORD_MINUTES}),
        Role.COORDINATOR: frozenset(
            {_A.PREPARE_REPORT, _A.SEND_REVIEW_INVITATIONS, _A.RECORD_VISIT, _A.CONVENE_CORE_GROUP, _A.UPDATE_PLAN}
        ),
        Role.REGISTER_CUSTODIAN: frozenset(
            {_A.APPLY_REGISTER_CHANGE, _A.END_REGISTRATION, _A.ANSWER_ENQUIRY, _A.LOOKUP_REGISTER}
        ),
        Role.ENQUIRER: frozenset({_A.LOOKUP_REGISTER}),
        # Configuration only: no access to case content by default. An administrator may set up
        # a child and keep the co-ordinator current (council records work), never the case record.
        Role.ADMINISTRATOR: frozenset(
            {_A.CONFIGURE_CALENDAR, _A.MANAGE_USERS, _A.MANAGE_DEVICES, _A.ADD_CHILD, _A.CHANGE_COORDINATOR}
        ),
    }
)

#: Actions that carry decision rights; denying them to a minute-taker gets its own code.
DECISION_ACTIONS: frozenset[Action] = frozenset(
    {
        _A.RECORD_DECISION,
        _A.DECIDE_WITHOUT_CONSENSUS,
        _A.PROCEED_WITH_TWO_AGENCIES,
        _A.FINALISE_DECISION,
        _A.APPROVE_RECORD,
        _A.DISTRIBUTE_RECORD,
        _A.POSTPONE_CONFERENCE,
        _A.DECLARE_INQUORATE,
        _A.DECIDE_EXCLUSION,
        _A.DECIDE_CHILD_ATTENDANCE,
        _A.ADD_ADDENDUM,
    }
)


#: Writes to a child's own record (not a conference's): a chair or an administrator only.
CHILD_RECORD_ACTIONS: frozenset[Action] = frozenset({_A.ADD_CHILD, _A.CHANGE_COORDINATOR})


class DenialCode(StrEnum):
    """Why an action was denied; the UI shows the translated reason."""

    ROLE_NOT_PERMITTED = "role_not_permitted"
    CHAIR_OR_ADMINISTRATOR_ONLY = "chair_or_administrator_only"
    MINUTE_TAKER_NO_DECISION_RIGHTS = "minute_taker_no_decision_rights"
    ADMINISTRATOR_NO_CASE_ACCESS = "administrator_no_case_access"
    NO_ROLE = "no_role"


@dataclass(frozen=True, slots=True)
class PermissionResult:
    """Answer to "may this role do that?".

    Attributes:
        allowed: Whether the action is allowed.
        action: The action asked about.
        role: The role that allowed it, or the role asked about when denied (None with no roles).
        code: None when allowed, otherwise the reason for the denial.
    """

    allowed: bool
    action: Action
    role: Role | None
    code: DenialCode | None = None


def check_permission(role: Role, action: Action) -> PermissionResult:
    """Whether ``role`` may take ``action``, with a reason code when not.

    Args:
        role: The role held.
        action: The action attempted.

    Returns:
        The answer; denials carry a :class:`DenialCode`.
    """
    if action in PERMISSIONS.get(role, frozenset()):
        return PermissionResult(True, action, role)
    if action in CHILD_RECORD_ACTIONS:
        code = DenialCode.CHAIR_OR_ADMINISTRATOR_ONLY
    elif role is Role.MINUTE_TAKER and action in DECISION_ACTIONS:
        code = DenialCode.MINUTE_TAKER_NO_DECISION_RIGHTS
    elif role is Role.ADMINISTRATOR:
        code = DenialCode.ADMINISTRATOR_NO_CASE_ACCESS
    else:
        code = DenialCode.ROLE_NOT_PERMITTED
    return PermissionResult(False, action, role, code)


def check_any(roles: Iterable[Role], action: Action) -> PermissionResult:
    """Whether any of the roles a user holds allows ``action``.

    Args:
        roles: The roles the user holds at this conference.
        action: The action attempted.

    Returns:
        The first allowing result; otherwise the first denial (``no_role`` with no roles).
    """
    denial: PermissionResult | None = None
    for role in roles:
        result = check_permission(role, action)
        if result.allowed:
            return result
        denial = denial or result
    return denial or PermissionResult(False, action, None, DenialCode.NO_ROLE)
