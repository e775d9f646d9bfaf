"""Quorum (T17, Q3) and absent key participants (T18) for a conference sitting.

Quorum counts distinct agency groupings among practitioners present in person or remotely
(health counts once, social services counts), by the register's own rule
(``sync.protocol.register_rules.assess_quorum``, which the register service applies at
finalise). A practitioner excluded from part of the conference still counts and gives a view,
unless the exclusion covered the decision stage (the attendance row's ``excluded_from_decision``);
family members and the child never count. With the defaults, 3 or more is quorate, exactly 2 lets
the chair proceed only with a recorded reason, and fewer is inquorate. When decisions cannot
be recorded the result offers the postpone path, which needs its own reason (see ``lifecycle``).
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass

from desktop.domain.config import DEFAULT_CONFIG, RulesConfig
from desktop.domain.problems import Problem, error, warning
from sync.protocol import register_rules
from sync.protocol.enums import PRESENT_STATUSES, AgencyGrouping, AttendanceStatus, ParticipantKind
from sync.protocol.register_rules import QuorumState

__all__ = [
    "ABSENT_WITHOUT_REPORT",
    "Attendee",
    "QuorumResult",
    "QuorumState",
    "absent_key_participants",
    "assess_quorum",
    "present_practitioner_ids",
]

logger = logging.getLogger(__name__)

#: Statuses meaning "absent and sent nothing in writing" (T18).
ABSENT_WITHOUT_REPORT: frozenset[AttendanceStatus] = frozenset(
    {AttendanceStatus.APOLOGIES_NO_REPORT, AttendanceStatus.DID_NOT_ATTEND}
)


@dataclass(frozen=True, slots=True)
class Attendee:
    """One invitee's attendance at a conference.

    Attributes:
        person_id: Stable identifier of the person.
        kind: Practitioner, family member, child, advocate, interpreter or other.
        status: Attendance status (section 5.6).
        agency: Agency grouping; required for practitioners, ignored for others.
        is_key: Marks a non-practitioner (e.g. a parent) whose absence without a report should
            also prompt the chair to consider postponing; practitioners are always key.
        excluded_from_decision: With ``excluded_part``, the exclusion covered the decision stage.
    """

    person_id: str
    kind: ParticipantKind
    status: AttendanceStatus
    agency: AgencyGrouping | None = None
    is_key: bool = False
    excluded_from_decision: bool = False

    @property
    def is_present_practitioner(self) -> bool:
        """Whether this attendee counts for quorum at the decision and must give a view on each child."""
        if self.kind is not ParticipantKind.PRACTITIONER or self.status not in PRESENT_STATUSES:
            return False
        return not (self.status is AttendanceStatus.EXCLUDED_PART and self.excluded_from_decision)


@dataclass(frozen=True, slots=True)
class QuorumResult:
    """What the quorum and attendance panel shows.

    Attributes:
        state: The quorum state.
        agencies: Distinct agency groupings counted.
        can_record_decisions: Whether per-child decisions may be recorded.
        postpone_offered: Whether the UI offers the postpone path (with a reason).
        absent_without_report: Person ids of key participants absent with no written report.
        consider_postponing: True when quorum fails or key participants sent nothing (T18).
        problems: Coded findings, e.g. ``quorum_reason_required`` or ``inquorate``.
    """

    state: QuorumState
    agencies: frozenset[AgencyGrouping]
    can_record_decisions: bool
    postpone_offered: bool
    absent_without_report: tuple[str, ...]
    consider_postponing: bool
    problems: tuple[Problem, ...]

    @property
    def agency_count(self) -> int:
        """How many distinct agency groupings are present."""
        return len(self.agencies)


def present_practitioner_ids(attendees: Sequence[Attendee]) -> frozenset[str]:
    """The practitioners who must each give a view on every child.

    Args:
        attendees: Everyone's attendance at the sitting.

    Returns:
        Person ids of practitioners present in person or remotely.
    """
    return frozenset(a.person_id for a in attendees if a.is_present_practitioner)


def absent_key_participants(attendees: Sequence[Attendee]) -> tuple[str, ...]:
    """T18: key participants who are absent and sent no written report.

    Args:
        attendees: Everyone's attendance at the sitting.

    Returns:
        Their person ids, in input order.
    """
    return tuple(
        a.person_id
        for a in attendees
        if a.status in ABSENT_WITHOUT_REPORT and (a.kind is ParticipantKind.PRACTITIONER or a.is_key)
    )


def assess_quorum(
    attendees: Sequence[Attendee], *, chair_reason: str | None = None, config: RulesConfig = DEFAULT_CONFIG
) -> QuorumResult:
    """Check quorum and absences for a sitting.

    Args:
        attendees: Everyone's attendance at the sitting.
        chair_reason: The chair's recorded reason for proceeding with the exceptional number of
            agencies; blank or None counts as not recorded.
        config: Rules configuration (agencies needed, and the exception with a reason).

    Returns:
        The quorum result with coded problems.
    """
    problems: list[Problem] = [
        warning("practitioner_agency_missing", person_id=a.person_id)
        for a in attendees
        # A practitioner without an agency cannot be counted; the panel must ask for it.
        if a.is_present_practitioner and a.agency is None
    ]
    quorum = register_rules.assess_quorum(
        (
            register_rules.Presence(a.kind, a.status, a.agency, excluded_from_decision=a.excluded_from_decision)
            for a in attendees
        ),
        chair_reason=chair_reason,
        needed=config.quorum_agencies,
        with_reason=config.quorum_agencies_with_reason,
    )
    state, agencies, count = quorum.state, quorum.agencies, len(quorum.agencies)
    if state is QuorumState.REASON_REQUIRED:
        problems.append(error("quorum_reason_required", agency_count=count, required=config.quorum_agencies))
    elif state is QuorumState.INQUORATE:
        problems.append(error("inquorate", agency_count=count, minimum=config.quorum_agencies_with_reason))
    elif state is QuorumState.PROCEED_WITH_REASON:
        problems.append(warning("quorum_proceeding_with_reason", agency_count=count))
    absent = absent_key_participants(attendees)
    for person_id in absent:
        problems.append(warning("key_participant_absent_without_report", person_id=person_id))
    can_record = quorum.can_decide
    return QuorumResult(
        state=state,
        agencies=agencies,
        can_record_decisions=can_record,
        postpone_offered=not can_record,
        absent_without_report=absent,
        consider_postponing=not can_record or bool(absent),
        problems=tuple(problems),
    )
