"""Attendance: who was invited, how they took part, and the live quorum indicator.

Quorum is the rules engine's ``assess_quorum`` over the recorded attendance; the chair's reason
for proceeding with two agencies lives on the conference (``ConferenceService.set_quorum_reason``).
"""

from __future__ import annotations

import builtins
import logging
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from desktop.domain.permissions import Action
from desktop.domain.quorum import Attendee, assess_quorum
from desktop.domain.text import nfc, nfc_values
from desktop.services.base import ServiceContext, open_record, problem_info, record_patch, reject_unknown_fields
from desktop.services.errors import NotFoundError, ProblemInfo, ServiceError
from desktop.store.ids import new_id
from desktop.store.orm import Attendance, Conference
from desktop.store.outbox import record_create, record_void, wire_before
from sync.protocol.enums import AgencyGrouping, AttendanceStatus, ParticipantKind

logger = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class AttendeeRow:
    """One participant on the attendance list."""

    id: str
    name: str
    kind: str
    agency: str | None
    role_title: str
    status: str
    exclusion_reason: str
    interpreter_present: bool
    advocate_present: bool
    supporter_present: bool
    version: int
    excluded_from_decision: bool = False

    @property
    def is_present_practitioner(self) -> bool:
        """Present practitioners each give a view on every child (not one excluded from the decision)."""
        return attendee(self).is_present_practitioner


@dataclass(frozen=True, slots=True)
class NewAttendee:
    """A participant to add."""

    name: str
    kind: ParticipantKind
    status: AttendanceStatus = AttendanceStatus.PRESENT_IN_PERSON
    agency: AgencyGrouping | None = None
    role_title: str = ""


@dataclass(frozen=True, slots=True)
class QuorumView:
    """The live quorum indicator."""

    state: str  # QuorumState value
    agency_count: int
    agencies: tuple[str, ...]
    can_record_decisions: bool
    postpone_offered: bool
    consider_postponing: bool
    reason: str
    problems: tuple[ProblemInfo, ...]


#: Statuses only the chair may set or lift (exclusion is the chair's decision, W8).
_EXCLUDED_STATUSES = frozenset({AttendanceStatus.EXCLUDED_PART.value, AttendanceStatus.EXCLUDED_WHOLE.value})

EDITABLE = frozenset(
    {
        "name",
        "kind",
        "agency",
        "role_title",
        "status",
        "exclusion_reason",
        "excluded_from_decision",
        "interpreter_present",
        "advocate_present",
        "supporter_present",
    }
)


def _row(a: Attendance) -> AttendeeRow:
    return AttendeeRow(
        a.id,
        a.name,
        a.kind,
        a.agency,
        a.role_title,
        a.status,
        a.exclusion_reason,
        a.interpreter_present,
        a.advocate_present,
        a.supporter_present,
        a.version,
        bool(a.excluded_from_decision),
    )


def attendee(a: Attendance | AttendeeRow) -> Attendee:
    """The rules engine's view of a stored attendance row (quorum, who gives a view)."""
    return Attendee(
        person_id=a.id,
        kind=ParticipantKind(a.kind),
        status=AttendanceStatus(a.status),
        agency=AgencyGrouping(a.agency) if a.agency else None,
        excluded_from_decision=bool(a.excluded_from_decision),
    )


class AttendanceService:
    """Records attendance and assesses quorum."""

    def __init__(self, ctx: ServiceContext) -> None:
        self._ctx = ctx

    def list(self, conference_id: str) -> tuple[AttendeeRow, ...]:
        """Everyone on the attendance list, in order."""
        with self._ctx.sessions() as s:
            return tuple(_row(a) for a in self._rows(s, conference_id))

    @staticmethod
    def _rows(s: Session, conference_id: str) -> builtins.list[Attendance]:
        q = (
            select(Attendance)
            .where(Attendance.conference_id == conference_id, Attendance.voided_at.is_(None))
            .order_by(Attendance.position, Attendance.created_at)
        )
        return list(s.scalars(q))

    def add(self, conference_id: str, new: NewAttendee) -> AttendeeRow:
        """Add a participant."""
        self._ctx.require(Action.RECORD_ATTENDANCE)
        if not new.name.strip():
            raise ServiceError("name_required")
        if new.kind is ParticipantKind.PRACTITIONER and new.agency is None:
            raise ServiceError("agency_required")
        with self._ctx.sessions.begin() as s:
            open_record(s, conference_id)
            pos = int(s.scalar(select(func.count()).where(Attendance.conference_id == conference_id)) or 0)
            a = Attendance(
                id=new_id(),
                conference_id=conference_id,
                position=pos,
                name=nfc(new.name.strip()),
                kind=new.kind.value,
                agency=new.agency.value if new.agency else None,
                role_title=nfc(new.role_title),
                status=new.status.value,
                version=1,
            )
            s.add(a)
            s.flush()
            record_create(s, self._ctx.actor(), a)
            return _row(a)

    def update(self, attendance_id: str, changes: Mapping[str, Any]) -> AttendeeRow:
        """Change a participant's status, agency, role or support flags."""
        reject_unknown_fields(changes, EDITABLE)
        if ("status" in changes and changes["status"] in _EXCLUDED_STATUSES) or "excluded_from_decision" in changes:
            self._ctx.require(Action.DECIDE_EXCLUSION)
        else:
            self._ctx.require(Action.RECORD_ATTENDANCE)
        changes = nfc_values(changes)
        with self._ctx.sessions.begin() as s:
            a = s.get(Attendance, attendance_id)
            if a is None or a.voided_at is not None:
                raise NotFoundError(entity="attendance")
            open_record(s, a.conference_id)
            real = {k: v for k, v in changes.items() if getattr(a, k) != v}
            status = real.get("status", a.status)
            if status != AttendanceStatus.EXCLUDED_PART.value:
                if real.get("excluded_from_decision"):
                    # Only a partial exclusion can cover (or not) the decision stage.
                    raise ServiceError("excluded_from_decision_needs_part_exclusion")
                if a.excluded_from_decision:
                    real["excluded_from_decision"] = False
            if "exclusion_reason" in real or ("status" in real and a.status in _EXCLUDED_STATUSES):
                # Exclusion is the chair's decision (W8): lifting or rewording one is too.
                self._ctx.require(Action.DECIDE_EXCLUSION)
            before = wire_before(s, a)
            if real:
                for k, v in real.items():
                    setattr(a, k, v)
                record_patch(s, self._ctx.actor(), a, before)
            return _row(a)

    def remove(self, attendance_id: str, reason: str = "removed from the list") -> None:
        """Withdraw a participant added by mistake (voided, never deleted)."""
        self._ctx.require(Action.RECORD_ATTENDANCE)
        with self._ctx.sessions.begin() as s:
            a = s.get(Attendance, attendance_id)
            if a is None:
                raise NotFoundError(entity="attendance")
            open_record(s, a.conference_id)
            record_void(s, self._ctx.actor(), a, reason)

    def quorum(self, conference_id: str) -> QuorumView:
        """The quorum indicator for the attendance recorded so far."""
        with self._ctx.sessions() as s:
            c = s.get(Conference, conference_id)
            if c is None:
                raise NotFoundError(entity="conference")
            attendees = [attendee(a) for a in self._rows(s, conference_id)]
            result = assess_quorum(attendees, chair_reason=c.quorum_override_reason, config=self._ctx.config)
            return QuorumView(
                state=str(result.state),
                agency_count=result.agency_count,
                agencies=tuple(sorted(str(a) for a in result.agencies)),
                can_record_decisions=result.can_record_decisions,
                postpone_offered=result.postpone_offered,
                consider_postponing=result.consider_postponing,
                reason=c.quorum_override_reason,
                problems=problem_info(result.problems),
            )
