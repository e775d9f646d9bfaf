"""Conference life cycle, immutability of finalised decisions and approved records, and addenda.

Scheduled → in progress → record drafted → record approved by the chair → distributed; a
scheduled or in-progress sitting may instead end as postponed or inquorate, each with a reason.
A finalised decision never changes: a correction is an :class:`Addendum` that points to it.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from types import MappingProxyType

from desktop.domain.permissions import Action
from desktop.domain.problems import IllegalTransitionError, ImmutableRecordError, Problem, error
from sync.protocol.enums import ConferenceStatus, DecisionState

logger = logging.getLogger(__name__)

_S = ConferenceStatus

#: Legal moves from each status. Postponed and inquorate end a sitting; a new date is a new sitting.
TRANSITIONS: Mapping[ConferenceStatus, frozenset[ConferenceStatus]] = MappingProxyType(
    {
        _S.SCHEDULED: frozenset({_S.IN_PROGRESS, _S.POSTPONED, _S.INQUORATE}),
        _S.IN_PROGRESS: frozenset({_S.RECORD_DRAFTED, _S.POSTPONED, _S.INQUORATE}),
        _S.RECORD_DRAFTED: frozenset({_S.RECORD_APPROVED}),
        _S.RECORD_APPROVED: frozenset({_S.DISTRIBUTED}),
        _S.DISTRIBUTED: frozenset(),
        _S.POSTPONED: frozenset(),
        _S.INQUORATE: frozenset(),
    }
)

#: Statuses whose move-in needs a recorded reason.
REASON_REQUIRED: frozenset[ConferenceStatus] = frozenset({_S.POSTPONED, _S.INQUORATE})

#: The permission needed to move a conference into each status (see ``permissions``).
TRANSITION_ACTIONS: Mapping[ConferenceStatus, Action] = MappingProxyType(
    {
        _S.IN_PROGRESS: Action.START_CONFERENCE,
        _S.RECORD_DRAFTED: Action.RECORD_MINUTES,
        _S.RECORD_APPROVED: Action.APPROVE_RECORD,
        _S.DISTRIBUTED: Action.DISTRIBUTE_RECORD,
        _S.POSTPONED: Action.POSTPONE_CONFERENCE,
        _S.INQUORATE: Action.DECLARE_INQUORATE,
    }
)

#: Record statuses after which the record's text may no longer be edited.
RECORD_LOCKED: frozenset[ConferenceStatus] = frozenset({_S.RECORD_APPROVED, _S.DISTRIBUTED})


def transition_problem(current: ConferenceStatus, target: ConferenceStatus, *, reason: str = "") -> Problem | None:
    """Check a status change without raising.

    Args:
        current: The conference's status now.
        target: The status asked for.
        reason: The recorded reason (needed for postponed and inquorate).

    Returns:
        None when allowed; ``illegal_transition`` or ``transition_reason_required`` otherwise.
    """
    if target not in TRANSITIONS[current]:
        return error("illegal_transition", from_status=current, to_status=target)
    if target in REASON_REQUIRED and not reason.strip():
        return error("transition_reason_required", to_status=target)
    return None


def transition(current: ConferenceStatus, target: ConferenceStatus, *, reason: str = "") -> ConferenceStatus:
    """Move a conference to ``target`` or refuse.

    Args:
        current: The conference's status now.
        target: The status asked for.
        reason: The recorded reason (needed for postponed and inquorate).

    Returns:
        ``target`` when the move is legal.

    Raises:
        IllegalTransitionError: With the code from :func:`transition_problem`.
    """
    problem = transition_problem(current, target, reason=reason)
    if problem is not None:
        raise IllegalTransitionError(problem.code, **problem.params)
    return target


def ensure_mutable(state: DecisionState) -> None:
    """Guard before changing a decision: only drafts may change.

    A decision being finalised, finalised, or contested between devices is settled through the
    finalisation or conflict path, never by editing.

    Args:
        state: The decision's state.

    Raises:
        ImmutableRecordError: ``decision_not_mutable`` for any state but DRAFT.
    """
    if state is not DecisionState.DRAFT:
        raise ImmutableRecordError("decision_not_mutable", state=state)


def ensure_record_mutable(status: ConferenceStatus) -> None:
    """Guard before editing a conference record's text.

    Args:
        status: The conference's status.

    Raises:
        ImmutableRecordError: ``record_not_mutable`` once the chair has approved the record.
    """
    if status in RECORD_LOCKED:
        raise ImmutableRecordError("record_not_mutable", status=status)


@dataclass(frozen=True, slots=True)
class Addendum:
    """A correction to a finalised decision; the decision itself stays unchanged.

    Attributes:
        addendum_id: Stable identifier of the addendum.
        decision_id: The finalised decision it corrects.
        author_id: Who made it.
        made_on: When.
        text: The correction.
        reason: Why it was needed.
    """

    addendum_id: str
    decision_id: str
    author_id: str
    made_on: date
    text: str
    reason: str


def validate_addendum(addendum: Addendum, *, target_state: DecisionState) -> tuple[Problem, ...]:
    """Check an addendum before it is stored.

    Args:
        addendum: The proposed addendum.
        target_state: The state of the decision it points to.

    Returns:
        Coded problems: a draft is edited, not amended (``addendum_target_not_finalised``); text
        and reason are required.
    """
    problems: list[Problem] = []
    if target_state is not DecisionState.FINALISED:
        problems.append(error("addendum_target_not_finalised", state=target_state))
    if not addendum.decision_id.strip():
        problems.append(error("addendum_target_missing"))
    if not addendum.text.strip():
        problems.append(error("addendum_text_required"))
    if not addendum.reason.strip():
        problems.append(error("addendum_reason_required"))
    return tuple(problems)
