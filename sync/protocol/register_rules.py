"""The register's rules, held once: what may happen to a child's register entry, and why not.

Both sides call these pure functions: ``desktop.domain`` (to refuse on the laptop, before
anything is queued) and ``sync.service.rules`` (to refuse on the register, whatever a client
sends). They take plain values (enums, dates, small dataclasses built from a record or a payload)
and return a :class:`Verdict`: empty when the change may happen, otherwise one or more
:class:`Refusal` s, each with a stable ``reason`` (the app's problem code) and the wire
:class:`~sync.protocol.enums.ErrorCode` the service answers with.

What is decided here (``../shared/docs/domain.md`` §5.2–§5.5, §7, §8; T17/Q3, Q7):

- **Quorum**: distinct agency groupings among practitioners present (in person, remotely or
  excluded for part), not counting a practitioner excluded from the decision stage; 3 are
  quorate, 2 only with the chair's recorded reason. A claimed count never decides.
- **Outcomes per conference type**: an initial conference registers or not; review and
  transfer-in conferences take the review outcomes (remain, same or changed categories, or
  deregister).
- **Transitions** from the child's register position (none, a permanent entry of this council,
  or a temporary entry naming another council): an initial conference decides only for a child
  not on the register (re-registration after an ended entry is a new initial conference); a
  review needs this council's own registration; a transfer-in conference decides for a child
  registered by another council (with or without a temporary entry here), and registering makes
  a permanent entry that supersedes the temporary one.
- **Temporary registration**: only for a child with no active entry, naming the originating
  council.
- **End reasons**: ``review_no_continuing_risk`` only through a review decision; ``reached_18``
  on or after the 18th birthday, which needs a date of birth; ``died`` and ``left_uk`` need no
  conference; ``moved_permanently`` only on or after the day the receiving council's transfer-in
  conference decided. An end date is never before the registration began, nor in the future.
"""

from __future__ import annotations

import calendar as _stdcalendar
import logging
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from typing import Any

from sync.protocol.enums import (
    END_REASONS_WITHOUT_CONFERENCE,
    INITIAL_OUTCOMES,
    PRESENT_STATUSES,
    REVIEW_OUTCOMES,
    AgencyGrouping,
    AttendanceStatus,
    ConferenceType,
    EndReason,
    ErrorCode,
    Outcome,
    ParticipantKind,
)

logger = logging.getLogger(__name__)

#: T17/Q3 defaults: agencies for a quorate conference, and the exception with the chair's reason.
QUORUM_AGENCIES = 3
QUORUM_AGENCIES_WITH_REASON = 2
#: Age at which a registration ends without a conference (§5.5).
ADULTHOOD_AGE = 18


class Reason(StrEnum):
    """Stable codes of the register's refusals (the app's problem codes; the service's detail)."""

    OUTCOME_NOT_FOR_CONFERENCE_TYPE = "outcome_not_for_conference_type"
    CATEGORIES_REQUIRED = "categories_required"
    ALREADY_REGISTERED = "already_registered"
    NOT_REGISTERED = "not_registered"
    TEMPORARY_ENTRY_NEEDS_TRANSFER_IN = "temporary_entry_needs_transfer_in"
    INQUORATE = "inquorate"
    QUORUM_REASON_REQUIRED = "quorum_reason_required"
    ORIGINATING_LA_REQUIRED = "originating_la_required"
    END_REASON_NEEDS_CONFERENCE = "end_reason_needs_conference"
    REGISTRATION_ALREADY_ENDED = "registration_already_ended"
    END_BEFORE_REGISTRATION = "end_before_registration"
    END_DATE_IN_FUTURE = "end_date_in_future"
    DATE_OF_BIRTH_REQUIRED = "date_of_birth_required"
    ENDED_BEFORE_ADULTHOOD = "ended_before_adulthood"
    RECEIVING_CONFERENCE_REQUIRED = "receiving_conference_required"
    ENDED_BEFORE_RECEIVING_CONFERENCE = "ended_before_receiving_conference"


#: The wire code the service answers each refusal with.
ERROR_CODES: Mapping[Reason, ErrorCode] = {
    Reason.OUTCOME_NOT_FOR_CONFERENCE_TYPE: ErrorCode.INVALID_TRANSITION,
    Reason.CATEGORIES_REQUIRED: ErrorCode.VALIDATION,
    Reason.ALREADY_REGISTERED: ErrorCode.ALREADY_REGISTERED,
    Reason.NOT_REGISTERED: ErrorCode.NOT_REGISTERED,
    Reason.TEMPORARY_ENTRY_NEEDS_TRANSFER_IN: ErrorCode.INVALID_TRANSITION,
    Reason.INQUORATE: ErrorCode.NOT_QUORATE,
    Reason.QUORUM_REASON_REQUIRED: ErrorCode.NOT_QUORATE,
    Reason.ORIGINATING_LA_REQUIRED: ErrorCode.VALIDATION,
    Reason.END_REASON_NEEDS_CONFERENCE: ErrorCode.CONFERENCE_REQUIRED,
    Reason.REGISTRATION_ALREADY_ENDED: ErrorCode.NOT_REGISTERED,
    Reason.END_BEFORE_REGISTRATION: ErrorCode.VALIDATION,
    Reason.END_DATE_IN_FUTURE: ErrorCode.VALIDATION,
    Reason.DATE_OF_BIRTH_REQUIRED: ErrorCode.END_REASON_PRECONDITION,
    Reason.ENDED_BEFORE_ADULTHOOD: ErrorCode.END_REASON_PRECONDITION,
    Reason.RECEIVING_CONFERENCE_REQUIRED: ErrorCode.END_REASON_PRECONDITION,
    Reason.ENDED_BEFORE_RECEIVING_CONFERENCE: ErrorCode.END_REASON_PRECONDITION,
}

#: The sentence of each refusal in the service's ``detail`` (English, for logs and operators;
#: people see the app's translated text for the same reason).
_SENTENCES: Mapping[Reason, str] = {
    Reason.OUTCOME_NOT_FOR_CONFERENCE_TYPE: "a {conference_type} conference cannot decide {outcome}",
    Reason.CATEGORIES_REQUIRED: "registration needs at least one category",
    Reason.ALREADY_REGISTERED: "the child is already on this council's register; a review decides",
    Reason.NOT_REGISTERED: "the child is not on this council's register",
    Reason.TEMPORARY_ENTRY_NEEDS_TRANSFER_IN: (
        "the child is on the register temporarily, registered by {originating_la}; a transfer-in conference decides"
    ),
    Reason.INQUORATE: "{detail}",
    Reason.QUORUM_REASON_REQUIRED: "{detail}",
    Reason.ORIGINATING_LA_REQUIRED: "a temporary entry names the council that registered the child",
    Reason.END_REASON_NEEDS_CONFERENCE: "{reason} needs a finalised review decision",
    Reason.REGISTRATION_ALREADY_ENDED: "the registration has already ended",
    Reason.END_BEFORE_REGISTRATION: "ended_on {ended_on} is before the registration began ({registered_on})",
    Reason.END_DATE_IN_FUTURE: "ended_on {ended_on} is in the future",
    Reason.DATE_OF_BIRTH_REQUIRED: "reached_18 needs the child's date of birth on the register",
    Reason.ENDED_BEFORE_ADULTHOOD: "reached_18 on {ended_on}, but the 18th birthday is {birthday}",
    Reason.RECEIVING_CONFERENCE_REQUIRED: (
        "moved_permanently closes only once the receiving council's transfer-in conference has decided"
    ),
    Reason.ENDED_BEFORE_RECEIVING_CONFERENCE: (
        "moved_permanently on {ended_on}, before the receiving council's transfer-in conference decided"
        " ({receiving_conference_on})"
    ),
}

ParamValue = str | int | bool | date | None


@dataclass(frozen=True, slots=True)
class Refusal:
    """One reason the register refuses a change.

    Attributes:
        reason: Stable code (the app's problem code).
        params: Values for the app's translated message and the service's detail.
    """

    reason: Reason
    params: Mapping[str, ParamValue] = field(default_factory=dict, hash=False)

    @property
    def code(self) -> ErrorCode:
        """The service's wire code for this refusal."""
        return ERROR_CODES[self.reason]

    @property
    def detail(self) -> str:
        """``reason: sentence``, the service's ``detail`` of the rejected op."""
        values = {k: ("none" if v is None else str(v)) for k, v in self.params.items()}
        return f"{self.reason.value}: {_SENTENCES[self.reason].format_map(_Blank(values))}"


class _Blank(dict[str, str]):
    def __missing__(self, key: str) -> str:
        return "?"


@dataclass(frozen=True, slots=True)
class Verdict:
    """What the register's rules say about a change: allowed when there is no refusal."""

    refusals: tuple[Refusal, ...] = ()

    @property
    def allowed(self) -> bool:
        """True when nothing stands in the way."""
        return not self.refusals

    @property
    def first(self) -> Refusal | None:
        """The refusal the service answers with (the first found)."""
        return self.refusals[0] if self.refusals else None


def _refuse(code: Reason, /, **params: ParamValue) -> Refusal:
    return Refusal(code, params)


# ---- the child's position on the register


class Position(StrEnum):
    """Where a child stands on this council's register."""

    NONE = "none"  # never registered here, or every entry has ended
    PERMANENT = "permanent"  # an active entry from this council's conference decision
    TEMPORARY = "temporary"  # an active temporary entry naming the originating council


@dataclass(frozen=True, slots=True)
class RegisterPosition:
    """The child's active register entry, reduced to what the rules need.

    Attributes:
        position: None, a permanent entry, or a temporary one.
        categories: The active entry's categories (empty without one).
        originating_la: The council named on a temporary entry.
        registered_on: When the active entry began.
    """

    position: Position = Position.NONE
    categories: frozenset[str] = frozenset()
    originating_la: str = ""
    registered_on: date | None = None

    @property
    def active(self) -> bool:
        """Whether the child has an active entry here."""
        return self.position is not Position.NONE

    @classmethod
    def of_entry(cls, entry: Mapping[str, Any] | None) -> RegisterPosition:
        """The position an entry payload (the wire's ``register_entry``) gives; None or ended is NONE."""
        if not entry or entry.get("status") != "registered":
            return cls()
        raw_on = entry.get("registered_on")
        return cls(
            Position.TEMPORARY if entry.get("temporary") else Position.PERMANENT,
            frozenset(str(c) for c in entry.get("categories") or []),
            str(entry.get("originating_la") or ""),
            date.fromisoformat(str(raw_on)[:10]) if raw_on else None,
        )


NOT_ON_REGISTER = RegisterPosition()


# ---- quorum (T17, Q3)


class QuorumState(StrEnum):
    """Outcome of the quorum check."""

    QUORATE = "quorate"
    PROCEED_WITH_REASON = "proceed_with_reason"
    REASON_REQUIRED = "reason_required"
    INQUORATE = "inquorate"


@dataclass(frozen=True, slots=True)
class Presence:
    """One attendance record, reduced to what quorum counts.

    Attributes:
        kind: Participant kind; only practitioners count (None is not a practitioner).
        status: Attendance status.
        agency: Agency grouping.
        excluded_from_decision: Excluded from the decision stage (does not count at the decision).
        voided: Withdrawn from the list.
    """

    kind: ParticipantKind | None
    status: AttendanceStatus | None
    agency: AgencyGrouping | None
    excluded_from_decision: bool = False
    voided: bool = False

    @property
    def counts(self) -> bool:
        """Whether this person is a practitioner present at the decision."""
        return (
            not self.voided
            and not self.excluded_from_decision
            and self.kind is ParticipantKind.PRACTITIONER
            and self.status in PRESENT_STATUSES
        )

    @classmethod
    def of_payload(cls, payload: Mapping[str, Any]) -> Presence:
        """From a wire ``attendance`` record; unknown codes count as nothing."""

        def code(enum: type[StrEnum], key: str) -> Any:
            try:
                return enum(payload[key]) if payload.get(key) is not None else None
            except ValueError:
                return None

        return cls(
            code(ParticipantKind, "participant_kind"),
            code(AttendanceStatus, "status"),
            code(AgencyGrouping, "agency_grouping"),
            bool(payload.get("excluded_from_decision", False)),
            bool(payload.get("voided", False)),
        )


@dataclass(frozen=True, slots=True)
class Quorum:
    """The quorum of a sitting, counted from attendance.

    Attributes:
        state: Quorate, proceeding with the chair's reason, reason required, or inquorate.
        agencies: Distinct agency groupings counted.
        refusal: Why decisions cannot be recorded, or None.
    """

    state: QuorumState
    agencies: frozenset[AgencyGrouping]
    refusal: Refusal | None

    @property
    def can_decide(self) -> bool:
        """Whether per-child decisions may be recorded and finalised."""
        return self.refusal is None


def assess_quorum(
    attendance: Iterable[Presence],
    *,
    chair_reason: str | None,
    needed: int = QUORUM_AGENCIES,
    with_reason: int = QUORUM_AGENCIES_WITH_REASON,
) -> Quorum:
    """Count quorum from attendance records; nobody's claimed count takes part.

    Args:
        attendance: Every attendance record of the sitting (voided and non-practitioners ignored).
        chair_reason: The chair's recorded reason for proceeding with ``with_reason`` agencies.
        needed: Agencies for a quorate conference.
        with_reason: Agencies enough with the chair's reason.

    Returns:
        The state, the agencies counted, and the refusal (``inquorate`` or
        ``quorum_reason_required``, saying how many agencies were present and what is missing).
    """
    agencies = frozenset(p.agency for p in attendance if p.counts and p.agency is not None)
    count = len(agencies)
    present = ", ".join(sorted(agencies)) or "none"
    reason_given = bool(chair_reason and chair_reason.strip())
    head = f"{count} agency groupings of practitioners present ({present}); {needed} needed"
    if count >= needed:
        return Quorum(QuorumState.QUORATE, agencies, None)
    if count >= with_reason and reason_given:
        return Quorum(QuorumState.PROCEED_WITH_REASON, agencies, None)
    if count >= with_reason:
        detail = f"{head}, or {count} with the chair's recorded reason: record the reason or add {needed - count} more"
        return Quorum(
            QuorumState.REASON_REQUIRED,
            agencies,
            _refuse(Reason.QUORUM_REASON_REQUIRED, agency_count=count, required=needed, detail=detail),
        )
    detail = f"{head}, or {with_reason} with the chair's recorded reason: {with_reason - count} more at least"
    return Quorum(
        QuorumState.INQUORATE,
        agencies,
        _refuse(Reason.INQUORATE, agency_count=count, minimum=with_reason, detail=detail),
    )


# ---- conference decisions (§5.2, §5.3, §8)


def outcomes_for(conference_type: ConferenceType) -> frozenset[Outcome]:
    """The outcomes a conference of this type may reach (§5.2, §5.3, Q7).

    Args:
        conference_type: Initial, review or transfer-in.

    Returns:
        The initial outcomes for an ICPC; the review outcomes for reviews and transfer-ins.
    """
    return INITIAL_OUTCOMES if conference_type is ConferenceType.INITIAL else REVIEW_OUTCOMES


@dataclass(frozen=True, slots=True)
class Effect:
    """What a finalised decision does to the register.

    Attributes:
        registered: Whether the child is on the register afterwards.
        categories: The categories afterwards (empty when not registered).
        end_current: End the active entry with this reason (a temporary entry superseded, or a
            deregistration).
        open_entry: Open a new permanent entry (with ``categories``).
        update_current: Record the decision on the active entry (and its categories).
    """

    registered: bool
    categories: frozenset[str] = frozenset()
    end_current: EndReason | None = None
    open_entry: bool = False
    update_current: bool = False


def decision_verdict(
    conference_type: ConferenceType,
    outcome: Outcome,
    categories: Iterable[str],
    register: RegisterPosition | None,
) -> Verdict:
    """Whether a conference of ``conference_type`` may finalise ``outcome`` for a child at ``register``.

    Args:
        conference_type: The deciding conference's type.
        outcome: The decision's outcome.
        categories: The decision's categories.
        register: The child's position on this council's register now; None when the decision
            was made from a register state that has since moved on (two chairs, sync-protocol.md
            §8): then only what does not depend on the register's state is checked.

    Returns:
        The verdict: outcome for the type, transition from the position, categories.
    """
    cats = frozenset(str(c) for c in categories)
    refusals: list[Refusal] = []
    if outcome not in outcomes_for(conference_type):
        refusals.append(
            _refuse(
                Reason.OUTCOME_NOT_FOR_CONFERENCE_TYPE, outcome=outcome.value, conference_type=conference_type.value
            )
        )
    if register is None:
        if outcome in (Outcome.REGISTERED, Outcome.REMAIN_CATEGORY_CHANGED) and not cats:
            refusals.append(_refuse(Reason.CATEGORIES_REQUIRED))
        return Verdict(tuple(refusals))
    pos = register.position
    if conference_type is ConferenceType.INITIAL:
        if pos is Position.PERMANENT:
            refusals.append(_refuse(Reason.ALREADY_REGISTERED))
        elif pos is Position.TEMPORARY:
            refusals.append(_refuse(Reason.TEMPORARY_ENTRY_NEEDS_TRANSFER_IN, originating_la=register.originating_la))
    elif conference_type is ConferenceType.REVIEW:
        if pos is Position.NONE:
            refusals.append(_refuse(Reason.NOT_REGISTERED))
        elif pos is Position.TEMPORARY:
            refusals.append(_refuse(Reason.TEMPORARY_ENTRY_NEEDS_TRANSFER_IN, originating_la=register.originating_la))
    elif pos is Position.PERMANENT:  # transfer-in: for a child registered by another council
        refusals.append(_refuse(Reason.ALREADY_REGISTERED))
    if outcome in (Outcome.REGISTERED, Outcome.REMAIN_CATEGORY_CHANGED) and not cats:
        refusals.append(_refuse(Reason.CATEGORIES_REQUIRED))
    elif outcome is Outcome.REMAIN_SAME_CATEGORY and not (cats or register.categories):
        # At a transfer-in without a temporary entry, the categories are the originating council's.
        refusals.append(_refuse(Reason.CATEGORIES_REQUIRED))
    return Verdict(tuple(refusals))


def decision_effect(
    conference_type: ConferenceType,
    outcome: Outcome,
    categories: Iterable[str],
    register: RegisterPosition,
) -> Effect:
    """What finalising ``outcome`` does to the register (call after :func:`decision_verdict` allows it).

    Args:
        conference_type: The deciding conference's type.
        outcome: The decision's outcome.
        categories: The decision's categories.
        register: The child's position now.

    Returns:
        The effect to apply.
    """
    cats = frozenset(str(c) for c in categories)
    temporary = register.position is Position.TEMPORARY
    if outcome is Outcome.NOT_REGISTERED:
        return Effect(registered=False)
    if outcome is Outcome.DEREGISTER:
        ends = EndReason.REVIEW_NO_CONTINUING_RISK if register.active else None
        return Effect(registered=False, end_current=ends)
    kept = cats if outcome is not Outcome.REMAIN_SAME_CATEGORY else (register.categories or cats)
    if outcome is Outcome.REGISTERED or conference_type is ConferenceType.TRANSFER_IN:
        # A new permanent entry here; a temporary one it supersedes ends as the child has moved for good.
        return Effect(
            registered=True,
            categories=kept,
            end_current=EndReason.MOVED_PERMANENTLY if temporary else None,
            open_entry=True,
        )
    return Effect(registered=True, categories=kept, update_current=True)


def temporary_registration_verdict(register: RegisterPosition, *, originating_la: str) -> Verdict:
    """Whether a custodian may add a temporary entry (§8: the sole exception to "only a conference").

    Args:
        register: The child's position now.
        originating_la: The council that registered the child.

    Returns:
        Refused for a child with an active entry, or without the originating council.
    """
    refusals: list[Refusal] = []
    if register.active:
        refusals.append(_refuse(Reason.ALREADY_REGISTERED))
    if not originating_la.strip():
        refusals.append(_refuse(Reason.ORIGINATING_LA_REQUIRED))
    return Verdict(tuple(refusals))


# ---- ending a registration without a conference of this council (§5.5)


def birthday(date_of_birth: date, age: int) -> date:
    """The day a person born on ``date_of_birth`` reaches ``age``.

    Someone born on 29 February reaches an age on 1 March in a common year, as English and Welsh
    law counts it (the anniversary begins once 28 February has ended).

    Args:
        date_of_birth: Date of birth.
        age: Age in whole years.

    Returns:
        The birthday on which ``age`` is reached.
    """
    year = date_of_birth.year + age
    if date_of_birth.month == 2 and date_of_birth.day == 29 and not _stdcalendar.isleap(year):
        return date(year, 3, 1)
    return date_of_birth.replace(year=year)


def end_verdict(
    reason: EndReason,
    *,
    ended_on: date,
    today: date,
    registered_on: date | None,
    active: bool = True,
    date_of_birth: date | None = None,
    receiving_conference_on: date | None = None,
    adulthood_age: int = ADULTHOOD_AGE,
) -> Verdict:
    """Whether a custodian may end a registration for ``reason`` on ``ended_on``.

    Args:
        reason: The end reason.
        ended_on: The day it ends.
        today: The current date (the service's clock, or the laptop's ``today``).
        registered_on: When the registration began (None when not known).
        active: Whether the entry is still active.
        date_of_birth: The child's date of birth as the register holds it.
        receiving_conference_on: The day the receiving council's transfer-in conference decided.
        adulthood_age: Age at which registration ends.

    Returns:
        The verdict, with every precondition that fails.
    """
    refusals: list[Refusal] = []
    if reason not in END_REASONS_WITHOUT_CONFERENCE:
        refusals.append(_refuse(Reason.END_REASON_NEEDS_CONFERENCE, reason=reason.value))
    if not active:
        refusals.append(_refuse(Reason.REGISTRATION_ALREADY_ENDED))
    if registered_on is not None and ended_on < registered_on:
        refusals.append(_refuse(Reason.END_BEFORE_REGISTRATION, ended_on=ended_on, registered_on=registered_on))
    if ended_on > today:
        refusals.append(_refuse(Reason.END_DATE_IN_FUTURE, ended_on=ended_on))
    if reason is EndReason.REACHED_18:
        if date_of_birth is None:
            refusals.append(_refuse(Reason.DATE_OF_BIRTH_REQUIRED))
        else:
            adult_on = birthday(date_of_birth, adulthood_age)
            if ended_on < adult_on:
                refusals.append(_refuse(Reason.ENDED_BEFORE_ADULTHOOD, ended_on=ended_on, birthday=adult_on))
    if reason is EndReason.MOVED_PERMANENTLY:
        if receiving_conference_on is None:
            refusals.append(_refuse(Reason.RECEIVING_CONFERENCE_REQUIRED))
        elif ended_on < receiving_conference_on:
            # The entry stays open until the new council has decided (§5.5).
            refusals.append(
                _refuse(
                    Reason.ENDED_BEFORE_RECEIVING_CONFERENCE,
                    ended_on=ended_on,
                    receiving_conference_on=receiving_conference_on,
                )
            )
    return Verdict(tuple(refusals))
