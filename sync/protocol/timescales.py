"""Wales timescales: due dates and due states for conferences, records, core groups and visits.

Each rule of ``domain.md`` section 6 becomes a function that returns a :class:`Deadline` from its
anchor date; :func:`evaluate` turns a deadline, ``today`` (always passed in, never read from the
clock) and the date it was met into a :class:`TimescaleStatus`. :func:`conference_deadline` picks
the statutory deadline for a conference from its type and anchors.

Counting (section 6): "N working days after X" is the Nth working day after X, not counting X.
Month and week deadlines land on the same day (clamped to the month end) and, like every due
date, are moved back to the previous working day when they fall on a non-working day.

Held in the protocol (issue 13) so the quality figures of the app and of the register service agree
with the Today page; the app imports them through ``desktop.domain.timescales``.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from enum import StrEnum

from sync.protocol.calendar import WorkingDayCalendar, add_months, default_calendar
from sync.protocol.enums import ConferenceType
from sync.protocol.rule_errors import MissingAnchorError
from sync.protocol.rules_config import DEFAULT_CONFIG, IcpcAnchor, RulesConfig

logger = logging.getLogger(__name__)


class TimescaleKind(StrEnum):
    """Which rule a deadline comes from; values are stable codes (rule numbers in comments)."""

    ICPC_HELD = "icpc_held"  # T2
    SUMMARY_SENT = "summary_sent"  # T3
    FULL_RECORD_SENT = "full_record_sent"  # T4, a target
    CORRECTIONS_RECEIVED = "corrections_received"  # T5
    FIRST_CORE_GROUP = "first_core_group"  # T6
    NEXT_CORE_GROUP = "next_core_group"  # T7
    FIRST_REVIEW = "first_review"  # T9
    NEXT_REVIEW = "next_review"  # T10
    TRANSFER_IN_CONFERENCE = "transfer_in_conference"  # T16
    CHILD_SEEN_ALONE = "child_seen_alone"  # T11
    HOME_VISIT = "home_visit"  # T12


class DueState(StrEnum):
    """Where a deadline stands on a given day."""

    NOT_YET_DUE = "not_yet_due"
    DUE_SOON = "due_soon"
    OVERDUE = "overdue"
    MET_ON_TIME = "met_on_time"
    MET_LATE = "met_late"


@dataclass(frozen=True, slots=True)
class Deadline:
    """A due date computed from an anchor.

    Attributes:
        kind: The rule it comes from.
        anchor: The date the clock started.
        due: The last day on which the event is on time; always a working day.
        is_target: True for good-practice targets (T4): missing one is not a statutory breach.
        reminder_from: When set, the deadline counts as due soon from this date rather than from
            the working-day window (T7's 4-week reminder).
    """

    kind: TimescaleKind
    anchor: date
    due: date
    is_target: bool = False
    reminder_from: date | None = None


@dataclass(frozen=True, slots=True)
class TimescaleStatus:
    """A deadline's state on a given day.

    Attributes:
        deadline: The deadline evaluated.
        state: Its due state.
        working_days_remaining: Working days after ``today`` up to the due date, for pending
            deadlines (0 on the due date); None once met or overdue.
        days_late: Calendar days past the due date when overdue or met late, else 0.
    """

    deadline: Deadline
    state: DueState
    working_days_remaining: int | None = None
    days_late: int = field(default=0)

    @property
    def is_breach(self) -> bool:
        """Overdue or met late on a statutory limit; a missed target (T4) is not a breach."""
        return self.state in (DueState.OVERDUE, DueState.MET_LATE) and not self.deadline.is_target


def _cal(calendar: WorkingDayCalendar | None) -> WorkingDayCalendar:
    return calendar if calendar is not None else default_calendar()


def _wd_deadline(
    kind: TimescaleKind, anchor: date, n: int, calendar: WorkingDayCalendar | None, *, is_target: bool = False
) -> Deadline:
    return Deadline(kind, anchor, _cal(calendar).add_working_days(anchor, n), is_target=is_target)


def _months_deadline(kind: TimescaleKind, anchor: date, months: int, calendar: WorkingDayCalendar | None) -> Deadline:
    return Deadline(kind, anchor, _cal(calendar).on_or_before(add_months(anchor, months)))


def icpc_deadline(
    strategy_discussions: Sequence[date],
    *,
    calendar: WorkingDayCalendar | None = None,
    config: RulesConfig = DEFAULT_CONFIG,
) -> Deadline:
    """T2: the ICPC is held within 15 WD of the last strategy discussion (Q10, configurable).

    Args:
        strategy_discussions: Dates of the strategy discussions/meetings, in any order.
        calendar: Working-day calendar; the shared bank-holiday calendar when omitted.
        config: Rules configuration (limit and which discussion is the anchor).

    Returns:
        The deadline for holding the ICPC.

    Raises:
        MissingAnchorError: ``missing_anchor`` when no strategy discussion is given.
    """
    if not strategy_discussions:
        raise MissingAnchorError("missing_anchor", anchor="strategy_discussion")
    last = config.icpc_anchor is IcpcAnchor.LAST_STRATEGY_DISCUSSION
    anchor = max(strategy_discussions) if last else min(strategy_discussions)
    return _wd_deadline(TimescaleKind.ICPC_HELD, anchor, config.icpc_working_days, calendar)


def summary_deadline(
    conference_on: date,
    first_core_group_on: date | None = None,
    *,
    calendar: WorkingDayCalendar | None = None,
    config: RulesConfig = DEFAULT_CONFIG,
) -> Deadline:
    """T3/Q6: summary of decisions and outline plan sent within 5 WD, or by the first core group.

    Args:
        conference_on: Date the conference was held.
        first_core_group_on: Date of the first core group (held or planned), if known; when it
            comes before the 5-WD limit it becomes the due date.
        calendar: Working-day calendar; the shared bank-holiday calendar when omitted.
        config: Rules configuration.

    Returns:
        The deadline for sending the summary.
    """
    deadline = _wd_deadline(TimescaleKind.SUMMARY_SENT, conference_on, config.summary_working_days, calendar)
    if first_core_group_on is not None and conference_on <= first_core_group_on < deadline.due:
        return Deadline(TimescaleKind.SUMMARY_SENT, conference_on, _cal(calendar).on_or_before(first_core_group_on))
    return deadline


def full_record_target(
    conference_on: date, *, calendar: WorkingDayCalendar | None = None, config: RulesConfig = DEFAULT_CONFIG
) -> Deadline:
    """T4/Q6: full record sent within 20 WD; a good-practice target, so ``is_target`` is True.

    Args:
        conference_on: Date the conference was held.
        calendar: Working-day calendar; the shared bank-holiday calendar when omitted.
        config: Rules configuration.

    Returns:
        The target date, flagged as a target rather than a statutory limit.
    """
    return _wd_deadline(
        TimescaleKind.FULL_RECORD_SENT, conference_on, config.full_record_target_working_days, calendar, is_target=True
    )


def corrections_deadline(
    record_received_on: date, *, calendar: WorkingDayCalendar | None = None, config: RulesConfig = DEFAULT_CONFIG
) -> Deadline:
    """T5/Q6: a participant sends corrections within 10 WD of receiving the record.

    Args:
        record_received_on: Date this participant received the record.
        calendar: Working-day calendar; the shared bank-holiday calendar when omitted.
        config: Rules configuration.

    Returns:
        The last day for corrections.
    """
    return _wd_deadline(
        TimescaleKind.CORRECTIONS_RECEIVED, record_received_on, config.corrections_working_days, calendar
    )


def first_core_group_deadline(
    registered_on: date, *, calendar: WorkingDayCalendar | None = None, config: RulesConfig = DEFAULT_CONFIG
) -> Deadline:
    """T6: the first core group meets within 10 WD of the conference that registered the child.

    Args:
        registered_on: Date of the registering conference.
        calendar: Working-day calendar; the shared bank-holiday calendar when omitted.
        config: Rules configuration.

    Returns:
        The deadline for the first core group.
    """
    return _wd_deadline(TimescaleKind.FIRST_CORE_GROUP, registered_on, config.first_core_group_working_days, calendar)


def next_core_group_deadline(
    previous_meeting_on: date, *, calendar: WorkingDayCalendar | None = None, config: RulesConfig = DEFAULT_CONFIG
) -> Deadline:
    """T7/Q4: a later core group is overdue 6 weeks after the previous one, with a 4-week reminder.

    Args:
        previous_meeting_on: Date of the previous core group meeting.
        calendar: Working-day calendar; the shared bank-holiday calendar when omitted.
        config: Rules configuration.

    Returns:
        The deadline, with ``reminder_from`` set to the reminder date.
    """
    due = _cal(calendar).on_or_before(previous_meeting_on + timedelta(weeks=config.core_group_interval_weeks))
    reminder = previous_meeting_on + timedelta(weeks=config.core_group_reminder_weeks)
    return Deadline(TimescaleKind.NEXT_CORE_GROUP, previous_meeting_on, due, reminder_from=reminder)


def first_review_deadline(
    icpc_on: date, *, calendar: WorkingDayCalendar | None = None, config: RulesConfig = DEFAULT_CONFIG
) -> Deadline:
    """T9: the first review conference is held within 3 months of the ICPC.

    Args:
        icpc_on: Date of the initial conference.
        calendar: Working-day calendar; the shared bank-holiday calendar when omitted.
        config: Rules configuration.

    Returns:
        The deadline for the first review.
    """
    return _months_deadline(TimescaleKind.FIRST_REVIEW, icpc_on, config.first_review_months, calendar)


def next_review_deadline(
    previous_review_on: date, *, calendar: WorkingDayCalendar | None = None, config: RulesConfig = DEFAULT_CONFIG
) -> Deadline:
    """T10: later reviews are held within 6 months of the previous review.

    Args:
        previous_review_on: Date of the previous review conference.
        calendar: Working-day calendar; the shared bank-holiday calendar when omitted.
        config: Rules configuration.

    Returns:
        The deadline for the next review.
    """
    return _months_deadline(TimescaleKind.NEXT_REVIEW, previous_review_on, config.later_review_months, calendar)


def transfer_in_deadline(
    notified_on: date, *, calendar: WorkingDayCalendar | None = None, config: RulesConfig = DEFAULT_CONFIG
) -> Deadline:
    """T16/Q7: the receiving council holds the transfer-in conference within 15 WD of notification.

    Args:
        notified_on: Date the receiving council was notified of the move.
        calendar: Working-day calendar; the shared bank-holiday calendar when omitted.
        config: Rules configuration.

    Returns:
        The deadline for the transfer-in conference.
    """
    return _wd_deadline(TimescaleKind.TRANSFER_IN_CONFERENCE, notified_on, config.transfer_in_working_days, calendar)


def child_seen_alone_deadline(
    last_seen_alone_on: date, *, calendar: WorkingDayCalendar | None = None, config: RulesConfig = DEFAULT_CONFIG
) -> Deadline:
    """T11: the co-ordinator sees the child alone at least every 10 WD.

    Args:
        last_seen_alone_on: The last time the child was seen alone (or the registration date).
        calendar: Working-day calendar; the shared bank-holiday calendar when omitted.
        config: Rules configuration.

    Returns:
        The date by which the child must next be seen alone.
    """
    return _wd_deadline(
        TimescaleKind.CHILD_SEEN_ALONE, last_seen_alone_on, config.child_seen_alone_working_days, calendar
    )


def home_visit_deadline(
    last_home_visit_on: date, *, calendar: WorkingDayCalendar | None = None, config: RulesConfig = DEFAULT_CONFIG
) -> Deadline:
    """T12: the co-ordinator visits the child at home at least every 4 weeks.

    Args:
        last_home_visit_on: The last home visit (or the registration date).
        calendar: Working-day calendar; the shared bank-holiday calendar when omitted.
        config: Rules configuration.

    Returns:
        The date by which the next home visit is due.
    """
    due = _cal(calendar).on_or_before(last_home_visit_on + timedelta(weeks=config.home_visit_weeks))
    return Deadline(TimescaleKind.HOME_VISIT, last_home_visit_on, due)


def evaluate(
    deadline: Deadline,
    *,
    today: date,
    met_on: date | None = None,
    calendar: WorkingDayCalendar | None = None,
    config: RulesConfig = DEFAULT_CONFIG,
) -> TimescaleStatus:
    """Work out where a deadline stands on ``today``.

    A met deadline is on time when met on or before the due date. A pending one is overdue after
    the due date, due soon when at most ``config.due_soon_working_days`` working days remain (or,
    for deadlines with ``reminder_from``, from that date), and otherwise not yet due.

    Args:
        deadline: The deadline to evaluate.
        today: The current date, supplied by the caller.
        met_on: The date the event happened, or None if it has not.
        calendar: Working-day calendar; the shared bank-holiday calendar when omitted.
        config: Rules configuration (the due-soon window).

    Returns:
        The deadline's status.
    """
    due = deadline.due
    if met_on is not None:
        if met_on <= due:
            return TimescaleStatus(deadline, DueState.MET_ON_TIME)
        return TimescaleStatus(deadline, DueState.MET_LATE, days_late=(met_on - due).days)
    if today > due:
        return TimescaleStatus(deadline, DueState.OVERDUE, days_late=(today - due).days)
    remaining = _cal(calendar).working_days_between(today, due)
    if deadline.reminder_from is not None:
        soon = today >= deadline.reminder_from
    else:
        soon = remaining <= config.due_soon_working_days
    return TimescaleStatus(deadline, DueState.DUE_SOON if soon else DueState.NOT_YET_DUE, remaining)


@dataclass(frozen=True, slots=True)
class ConferenceTiming:
    """The anchors that decide when a conference is due.

    Attributes:
        conference_type: Initial, review or transfer-in.
        strategy_discussions: Strategy discussion dates (initial conferences).
        previous_conference_on: Date of the child's previous conference (reviews).
        previous_conference_type: Type of that conference: after an initial conference a review
            is the first review (3 months); after a review it is a later one (6 months).
        transfer_notified_on: Date the receiving council was notified (transfer-in conferences).
        held_on: Date the conference was held, if it has been.
    """

    conference_type: ConferenceType
    strategy_discussions: tuple[date, ...] = ()
    previous_conference_on: date | None = None
    previous_conference_type: ConferenceType | None = None
    transfer_notified_on: date | None = None
    held_on: date | None = None


def conference_deadline(
    timing: ConferenceTiming, *, calendar: WorkingDayCalendar | None = None, config: RulesConfig = DEFAULT_CONFIG
) -> Deadline:
    """The statutory due date of a conference from its type and anchors (T2, T9, T10, T16).

    Args:
        timing: The conference's type and anchor dates.
        calendar: Working-day calendar; the shared bank-holiday calendar when omitted.
        config: Rules configuration.

    Returns:
        The deadline for holding the conference.

    Raises:
        MissingAnchorError: ``missing_anchor`` with the name of the absent anchor.
    """
    kind = timing.conference_type
    if kind is ConferenceType.INITIAL:
        return icpc_deadline(timing.strategy_discussions, calendar=calendar, config=config)
    if kind is ConferenceType.TRANSFER_IN:
        if timing.transfer_notified_on is None:
            raise MissingAnchorError("missing_anchor", anchor="transfer_notified_on")
        return transfer_in_deadline(timing.transfer_notified_on, calendar=calendar, config=config)
    previous = timing.previous_conference_on
    if previous is None or timing.previous_conference_type is None:
        raise MissingAnchorError("missing_anchor", anchor="previous_conference")
    if timing.previous_conference_type is ConferenceType.INITIAL:
        return first_review_deadline(previous, calendar=calendar, config=config)
    if timing.previous_conference_type is ConferenceType.TRANSFER_IN:
        return _months_deadline(TimescaleKind.FIRST_REVIEW, previous, config.review_after_transfer_in_months, calendar)
    return next_review_deadline(previous, calendar=calendar, config=config)


def conference_status(
    timing: ConferenceTiming,
    *,
    today: date,
    calendar: WorkingDayCalendar | None = None,
    config: RulesConfig = DEFAULT_CONFIG,
) -> TimescaleStatus:
    """The due state of a conference: :func:`conference_deadline` evaluated against ``held_on``.

    Args:
        timing: The conference's type, anchors and held date.
        today: The current date, supplied by the caller.
        calendar: Working-day calendar; the shared bank-holiday calendar when omitted.
        config: Rules configuration.

    Returns:
        The conference's timescale status.
    """
    deadline = conference_deadline(timing, calendar=calendar, config=config)
    return evaluate(deadline, today=today, met_on=timing.held_on, calendar=calendar, config=config)
