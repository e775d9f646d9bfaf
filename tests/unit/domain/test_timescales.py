"""Timescales T2-T16: due dates (hand-checked against a real calendar) and due states."""

from __future__ import annotations

from datetime import date

import pytest

from desktop.domain.calendar import WorkingDayCalendar
from desktop.domain.config import IcpcAnchor, RulesConfig
from desktop.domain.problems import InvalidConfigError, MissingAnchorError
from desktop.domain.timescales import (
    ConferenceTiming,
    Deadline,
    DueState,
    TimescaleKind,
    child_seen_alone_deadline,
    conference_deadline,
    conference_status,
    corrections_deadline,
    evaluate,
    first_core_group_deadline,
    first_review_deadline,
    full_record_target,
    home_visit_deadline,
    icpc_deadline,
    next_core_group_deadline,
    next_review_deadline,
    summary_deadline,
    transfer_in_deadline,
)
from sync.protocol.enums import ConferenceType

D = date


def test_icpc_counts_from_last_strategy_discussion_across_easter() -> None:
    deadline = icpc_deadline([D(2026, 3, 25), D(2026, 3, 2)])
    assert deadline.anchor == D(2026, 3, 25)
    assert deadline.due == D(2026, 4, 17)  # Good Friday and Easter Monday skipped
    assert deadline.kind is TimescaleKind.ICPC_HELD
    assert not deadline.is_target


def test_icpc_anchor_is_configurable() -> None:
    config = RulesConfig(icpc_anchor=IcpcAnchor.FIRST_STRATEGY_DISCUSSION)
    assert icpc_deadline([D(2026, 3, 25), D(2026, 3, 2)], config=config).due == D(2026, 3, 23)


def test_icpc_without_strategy_discussion_raises_coded_error() -> None:
    with pytest.raises(MissingAnchorError) as raised:
        icpc_deadline([])
    assert raised.value.code == "missing_anchor"
    assert raised.value.params == {"anchor": "strategy_discussion"}


def test_icpc_deadline_skips_closure_day() -> None:
    closed = WorkingDayCalendar({D(2026, 3, 20)})
    assert icpc_deadline([D(2026, 3, 2)], calendar=closed).due == D(2026, 3, 24)


@pytest.mark.parametrize(
    ("held", "core_group", "expected"),
    [
        (D(2026, 3, 30), None, D(2026, 4, 8)),  # 5 WD over Easter
        (D(2026, 3, 30), D(2026, 4, 7), D(2026, 4, 7)),  # first core group comes first
        (D(2026, 3, 30), D(2026, 4, 10), D(2026, 4, 8)),  # core group later: 5 WD stands
        (D(2026, 3, 30), D(2026, 3, 30), D(2026, 3, 30)),  # core group the same day
    ],
)
def test_summary_deadline(held: date, core_group: date | None, expected: date) -> None:
    assert summary_deadline(held, core_group).due == expected


def test_full_record_is_a_target_not_a_breach() -> None:
    target = full_record_target(D(2026, 3, 2))
    assert target.due == D(2026, 3, 30)
    assert target.is_target
    status = evaluate(target, today=D(2026, 4, 1))
    assert status.state is DueState.OVERDUE
    assert not status.is_breach
    summary = summary_deadline(D(2026, 3, 2))
    assert evaluate(summary, today=D(2026, 4, 1)).is_breach


@pytest.mark.parametrize(
    ("rule", "anchor", "expected"),
    [
        (corrections_deadline, D(2026, 12, 18), D(2027, 1, 6)),  # T5 over Christmas and New Year
        (first_core_group_deadline, D(2026, 4, 24), D(2026, 5, 11)),  # T6 over Early May
        (transfer_in_deadline, D(2026, 12, 14), D(2027, 1, 7)),  # T16
        (child_seen_alone_deadline, D(2026, 5, 22), D(2026, 6, 8)),  # T11 over Spring bank holiday
        (home_visit_deadline, D(2026, 8, 3), D(2026, 8, 28)),  # T12: 4 weeks is bank holiday Monday
        (home_visit_deadline, D(2026, 3, 2), D(2026, 3, 30)),
        (first_review_deadline, D(2027, 8, 31), D(2027, 11, 30)),  # T9
        (first_review_deadline, D(2026, 1, 5), D(2026, 4, 2)),  # lands on Easter Sunday
        (first_review_deadline, D(2026, 11, 30), D(2027, 2, 26)),  # 28 Feb 2027 is a Sunday
        (next_review_deadline, D(2027, 8, 31), D(2028, 2, 29)),  # T10, leap year
        (next_review_deadline, D(2025, 8, 31), D(2026, 2, 27)),  # 28 Feb 2026 is a Saturday
        (next_review_deadline, D(2026, 6, 25), D(2026, 12, 24)),  # lands on Christmas Day
    ],
)
def test_rule_due_dates(rule: object, anchor: date, expected: date) -> None:
    assert callable(rule)
    deadline = rule(anchor)
    assert isinstance(deadline, Deadline)
    assert deadline.anchor == anchor
    assert deadline.due == expected


def test_core_group_overdue_at_six_weeks_with_reminder_at_four() -> None:
    deadline = next_core_group_deadline(D(2026, 3, 3))
    assert deadline.due == D(2026, 4, 14)
    assert deadline.reminder_from == D(2026, 3, 31)
    assert evaluate(deadline, today=D(2026, 3, 30)).state is DueState.NOT_YET_DUE
    assert evaluate(deadline, today=D(2026, 3, 31)).state is DueState.DUE_SOON
    assert evaluate(deadline, today=D(2026, 4, 14)).state is DueState.DUE_SOON
    assert evaluate(deadline, today=D(2026, 4, 15)).state is DueState.OVERDUE


def test_core_group_due_on_bank_holiday_moves_back() -> None:
    # 23 Feb + 6 weeks = Easter Monday 6 April 2026; Good Friday is also off.
    assert next_core_group_deadline(D(2026, 2, 23)).due == D(2026, 4, 2)


ICPC = icpc_deadline([D(2026, 3, 25)])  # due Friday 17 April 2026


@pytest.mark.parametrize(
    ("today", "met_on", "state", "remaining", "late"),
    [
        (D(2026, 4, 8), None, DueState.NOT_YET_DUE, 7, 0),
        (D(2026, 4, 9), None, DueState.NOT_YET_DUE, 6, 0),
        (D(2026, 4, 10), None, DueState.DUE_SOON, 5, 0),
        (D(2026, 4, 17), None, DueState.DUE_SOON, 0, 0),
        (D(2026, 4, 18), None, DueState.OVERDUE, None, 1),
        (D(2026, 4, 27), None, DueState.OVERDUE, None, 10),
        (D(2026, 5, 1), D(2026, 4, 17), DueState.MET_ON_TIME, None, 0),
        (D(2026, 4, 1), D(2026, 3, 30), DueState.MET_ON_TIME, None, 0),
        (D(2026, 5, 1), D(2026, 4, 20), DueState.MET_LATE, None, 3),
    ],
)
def test_evaluate_states(today: date, met_on: date | None, state: DueState, remaining: int | None, late: int) -> None:
    status = evaluate(ICPC, today=today, met_on=met_on)
    assert status.state is state
    assert status.working_days_remaining == remaining
    assert status.days_late == late
    assert status.is_breach is (state in (DueState.OVERDUE, DueState.MET_LATE))


@pytest.mark.parametrize(
    ("today", "state"),
    [
        (D(2026, 3, 26), DueState.NOT_YET_DUE),  # 6 WD left
        (D(2026, 3, 27), DueState.DUE_SOON),  # 5 WD left
        (D(2026, 3, 30), DueState.DUE_SOON),  # 4 WD left, though 8 calendar days
    ],
)
def test_due_soon_window_counts_working_days_over_easter(today: date, state: DueState) -> None:
    deadline = Deadline(TimescaleKind.SUMMARY_SENT, D(2026, 3, 20), D(2026, 4, 7))
    assert evaluate(deadline, today=today).state is state


def test_due_soon_window_is_configurable() -> None:
    config = RulesConfig(due_soon_working_days=0)
    assert evaluate(ICPC, today=D(2026, 4, 16), config=config).state is DueState.NOT_YET_DUE
    assert evaluate(ICPC, today=D(2026, 4, 17), config=config).state is DueState.DUE_SOON
    wider = RulesConfig(due_soon_working_days=10)
    assert evaluate(ICPC, today=D(2026, 4, 1), config=wider).state is DueState.DUE_SOON


def test_config_numbers_change_deadlines() -> None:
    config = RulesConfig(summary_working_days=3, first_review_months=2)
    assert summary_deadline(D(2026, 3, 30), config=config).due == D(2026, 4, 2)
    assert first_review_deadline(D(2026, 1, 5), config=config).due == D(2026, 3, 5)


@pytest.mark.parametrize(
    ("kwargs", "code"),
    [
        ({"icpc_working_days": 0}, "config_value_too_small"),
        ({"due_soon_working_days": -1}, "config_value_too_small"),
        ({"core_group_reminder_weeks": 6}, "config_reminder_not_before_deadline"),
        ({"quorum_agencies_with_reason": 4}, "config_quorum_exception_above_quorum"),
    ],
)
def test_invalid_config_is_refused(kwargs: dict[str, int], code: str) -> None:
    with pytest.raises(InvalidConfigError) as raised:
        RulesConfig(**kwargs)  # type: ignore[arg-type]
    assert raised.value.code == code


@pytest.mark.parametrize(
    ("timing", "kind", "due"),
    [
        (
            ConferenceTiming(ConferenceType.INITIAL, strategy_discussions=(D(2026, 3, 25),)),
            TimescaleKind.ICPC_HELD,
            D(2026, 4, 17),
        ),
        (
            ConferenceTiming(
                ConferenceType.REVIEW,
                previous_conference_on=D(2026, 1, 5),
                previous_conference_type=ConferenceType.INITIAL,
            ),
            TimescaleKind.FIRST_REVIEW,
            D(2026, 4, 2),
        ),
        (
            ConferenceTiming(
                ConferenceType.REVIEW,
                previous_conference_on=D(2027, 8, 31),
                previous_conference_type=ConferenceType.REVIEW,
            ),
            TimescaleKind.NEXT_REVIEW,
            D(2028, 2, 29),
        ),
        (
            ConferenceTiming(
                ConferenceType.REVIEW,
                previous_conference_on=D(2027, 8, 31),
                previous_conference_type=ConferenceType.TRANSFER_IN,
            ),
            TimescaleKind.FIRST_REVIEW,
            D(2027, 11, 30),
        ),
        (
            ConferenceTiming(ConferenceType.TRANSFER_IN, transfer_notified_on=D(2026, 12, 14)),
            TimescaleKind.TRANSFER_IN_CONFERENCE,
            D(2027, 1, 7),
        ),
    ],
)
def test_conference_deadline(timing: ConferenceTiming, kind: TimescaleKind, due: date) -> None:
    deadline = conference_deadline(timing)
    assert deadline.kind is kind
    assert deadline.due == due


@pytest.mark.parametrize(
    ("timing", "anchor"),
    [
        (ConferenceTiming(ConferenceType.INITIAL), "strategy_discussion"),
        (ConferenceTiming(ConferenceType.TRANSFER_IN), "transfer_notified_on"),
        (ConferenceTiming(ConferenceType.REVIEW, previous_conference_on=D(2026, 1, 5)), "previous_conference"),
    ],
)
def test_conference_deadline_missing_anchor(timing: ConferenceTiming, anchor: str) -> None:
    with pytest.raises(MissingAnchorError) as raised:
        conference_deadline(timing)
    assert raised.value.params["anchor"] == anchor


@pytest.mark.parametrize(
    ("held_on", "today", "state"),
    [
        (D(2026, 4, 17), D(2026, 5, 1), DueState.MET_ON_TIME),
        (D(2026, 4, 20), D(2026, 5, 1), DueState.MET_LATE),
        (None, D(2026, 4, 20), DueState.OVERDUE),
        (None, D(2026, 3, 26), DueState.NOT_YET_DUE),
    ],
)
def test_conference_status(held_on: date | None, today: date, state: DueState) -> None:
    timing = ConferenceTiming(ConferenceType.INITIAL, strategy_discussions=(D(2026, 3, 25),), held_on=held_on)
    assert conference_status(timing, today=today).state is state
