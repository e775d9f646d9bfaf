"""Working-day calendar: bank holidays, substitute days, closures, counting and month arithmetic.

Expected dates were checked by hand against a 2026-2028 calendar (Easter Sunday 2026 is 5 April,
Easter Sunday 2027 is 28 March; Christmas 2026 is a Friday and 2027 a Saturday).
"""

from __future__ import annotations

import time
from datetime import date, timedelta

import holidays
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from desktop.domain.calendar import (
    WorkingDayCalendar,
    add_months,
    bank_holidays,
    calendar_with_closures,
    default_calendar,
)

CAL = default_calendar()
D = date


@pytest.mark.parametrize(
    ("day", "working"),
    [
        (D(2026, 4, 3), False),  # Good Friday
        (D(2026, 4, 6), False),  # Easter Monday
        (D(2026, 4, 7), True),
        (D(2026, 5, 4), False),  # Early May bank holiday
        (D(2026, 5, 25), False),  # Spring bank holiday
        (D(2026, 8, 31), False),  # Summer bank holiday
        (D(2026, 12, 25), False),  # Christmas, a Friday
        (D(2026, 12, 28), False),  # Boxing Day (Saturday) observed on Monday
        (D(2026, 12, 29), True),
        (D(2027, 12, 27), False),  # Christmas 2027 is a Saturday: substitute Monday
        (D(2027, 12, 28), False),  # and Boxing Day's substitute Tuesday
        (D(2027, 12, 29), True),
        (D(2028, 1, 3), False),  # New Year's Day 2028 is a Saturday: substitute Monday
        (D(2027, 3, 1), True),  # St David's Day is not a bank holiday
        (D(2026, 3, 7), False),  # Saturday
        (D(2026, 3, 8), False),  # Sunday
        (D(2026, 3, 9), True),
    ],
)
def test_is_working_day(day: date, working: bool) -> None:
    assert CAL.is_working_day(day) is working


def test_bank_holidays_include_easter_and_substitutes() -> None:
    hols = bank_holidays(2027)
    assert {D(2027, 3, 26), D(2027, 3, 29), D(2027, 12, 27), D(2027, 12, 28)} <= hols
    # Weekend Christmas Day itself is listed too, but only weekdays matter for counting.
    assert all(d.year == 2027 for d in hols)


@pytest.mark.parametrize(
    ("start", "n", "expected"),
    [
        (D(2026, 3, 2), 1, D(2026, 3, 3)),
        (D(2026, 3, 2), 15, D(2026, 3, 23)),  # three plain weeks
        (D(2026, 3, 6), 1, D(2026, 3, 9)),  # Friday to Monday
        (D(2026, 3, 7), 1, D(2026, 3, 9)),  # anchor on a Saturday
        (D(2026, 4, 1), 1, D(2026, 4, 2)),
        (D(2026, 4, 1), 2, D(2026, 4, 7)),  # over Good Friday and Easter Monday
        (D(2026, 4, 2), 1, D(2026, 4, 7)),
        (D(2026, 3, 25), 15, D(2026, 4, 17)),  # 15 WD spanning Easter
        (D(2026, 4, 30), 2, D(2026, 5, 5)),  # over the Early May bank holiday
        (D(2026, 12, 24), 1, D(2026, 12, 29)),  # Christmas Friday, Boxing Day observed Monday
        (D(2027, 12, 24), 1, D(2027, 12, 29)),  # both substitute days in 2027
        (D(2027, 12, 24), 3, D(2027, 12, 31)),
        (D(2027, 12, 24), 4, D(2028, 1, 4)),  # and the New Year substitute on 3 Jan 2028
        (D(2026, 12, 14), 15, D(2027, 1, 7)),  # across Christmas and New Year
        (D(2026, 4, 7), -1, D(2026, 4, 2)),  # backwards over Easter
        (D(2026, 3, 9), -1, D(2026, 3, 6)),
        (D(2026, 3, 8), -1, D(2026, 3, 6)),
        (D(2026, 3, 8), 0, D(2026, 3, 8)),
    ],
)
def test_add_working_days(start: date, n: int, expected: date) -> None:
    assert CAL.add_working_days(start, n) == expected


def test_closure_day_is_skipped_only_by_its_calendar() -> None:
    closed = WorkingDayCalendar({D(2026, 3, 3)})
    assert not closed.is_working_day(D(2026, 3, 3))
    assert closed.add_working_days(D(2026, 3, 2), 1) == D(2026, 3, 4)
    assert closed.add_working_days(D(2026, 3, 2), 15) == D(2026, 3, 24)
    assert closed.closures == frozenset({D(2026, 3, 3)})
    assert CAL.add_working_days(D(2026, 3, 2), 1) == D(2026, 3, 3)


def test_calendar_with_closures_is_shared() -> None:
    closures = frozenset({D(2026, 7, 1)})
    assert calendar_with_closures(closures) is calendar_with_closures(frozenset({D(2026, 7, 1)}))
    assert calendar_with_closures(closures) is not default_calendar()


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        (D(2026, 4, 2), D(2026, 4, 7), 1),  # Easter weekend
        (D(2026, 3, 6), D(2026, 3, 9), 1),
        (D(2026, 3, 6), D(2026, 3, 6), 0),
        (D(2026, 3, 7), D(2026, 3, 8), 0),
        (D(2026, 4, 7), D(2026, 4, 2), -1),
        (D(2025, 12, 31), D(2026, 12, 31), 253),  # 261 weekdays minus 8 weekday bank holidays
    ],
)
def test_working_days_between(start: date, end: date, expected: int) -> None:
    assert CAL.working_days_between(start, end) == expected


@pytest.mark.parametrize(
    ("day", "before", "after"),
    [
        (D(2026, 3, 7), D(2026, 3, 6), D(2026, 3, 9)),
        (D(2026, 4, 6), D(2026, 4, 2), D(2026, 4, 7)),
        (D(2027, 12, 28), D(2027, 12, 24), D(2027, 12, 29)),
        (D(2026, 3, 10), D(2026, 3, 10), D(2026, 3, 10)),
    ],
)
def test_on_or_before_and_after(day: date, before: date, after: date) -> None:
    assert CAL.on_or_before(day) == before
    assert CAL.on_or_after(day) == after


@pytest.mark.parametrize(
    ("start", "months", "expected"),
    [
        (D(2027, 8, 31), 6, D(2028, 2, 29)),  # leap year
        (D(2025, 8, 31), 6, D(2026, 2, 28)),
        (D(2026, 1, 31), 1, D(2026, 2, 28)),
        (D(2028, 1, 31), 1, D(2028, 2, 29)),
        (D(2026, 3, 31), -1, D(2026, 2, 28)),
        (D(2026, 11, 30), 3, D(2027, 2, 28)),
        (D(2026, 10, 31), 3, D(2027, 1, 31)),
        (D(2026, 5, 15), 12, D(2027, 5, 15)),
        (D(2026, 1, 15), 0, D(2026, 1, 15)),
    ],
)
def test_add_months(start: date, months: int, expected: date) -> None:
    assert add_months(start, months) == expected


def test_index_grows_backwards_and_far_forwards() -> None:
    cal = WorkingDayCalendar()
    assert cal.add_working_days(D(2026, 3, 2), 1) == D(2026, 3, 3)
    assert cal.is_working_day(D(2010, 4, 5)) is False  # Easter Monday 2010
    assert cal.add_working_days(D(2026, 3, 2), 2500) > D(2035, 1, 1)
    assert cal.add_working_days(D(2026, 3, 2), -2500) < D(2017, 1, 1)


def _naive_is_working(day: date) -> bool:
    # An independent oracle: ask the holidays package directly, day by day.
    return day.weekday() < 5 and day not in holidays.country_holidays("GB", subdiv="WLS", years=day.year)


def _naive_add(start: date, n: int) -> date:
    day = start
    while n > 0:
        day += timedelta(days=1)
        if _naive_is_working(day):
            n -= 1
    return day


dates = st.dates(min_value=D(2000, 1, 1), max_value=D(2060, 12, 31))


@settings(max_examples=150, deadline=None)
@given(start=dates, n=st.integers(min_value=1, max_value=60))
def test_add_working_days_matches_a_naive_count(start: date, n: int) -> None:
    assert CAL.add_working_days(start, n) == _naive_add(start, n)


@settings(max_examples=300, deadline=None)
@given(start=dates, n=st.integers(min_value=1, max_value=400))
def test_add_working_days_lands_on_working_day_after_start(start: date, n: int) -> None:
    result = CAL.add_working_days(start, n)
    assert result > start
    assert CAL.is_working_day(result)
    assert CAL.working_days_between(start, result) == n
    assert CAL.add_working_days(start, n + 1) > result


@settings(max_examples=300, deadline=None)
@given(a=dates, b=dates, n=st.integers(min_value=1, max_value=100))
def test_add_working_days_is_monotonic(a: date, b: date, n: int) -> None:
    lo, hi = sorted((a, b))
    assert CAL.add_working_days(lo, n) <= CAL.add_working_days(hi, n)


@settings(max_examples=300, deadline=None)
@given(start=dates, n=st.integers(min_value=1, max_value=100))
def test_backwards_undoes_forwards(start: date, n: int) -> None:
    assert CAL.add_working_days(CAL.add_working_days(start, n), -n) == CAL.on_or_before(start)


@settings(max_examples=200, deadline=None)
@given(day=dates)
def test_on_or_before_is_latest_working_day(day: date) -> None:
    result = CAL.on_or_before(day)
    assert result <= day and CAL.is_working_day(result)
    assert all(not CAL.is_working_day(result + timedelta(days=k)) for k in range(1, (day - result).days + 1))


def test_is_fast_enough_for_large_lists() -> None:
    start = D(2026, 1, 5)
    CAL.add_working_days(start, 15)  # build the index outside the timing
    began = time.perf_counter()
    for i in range(100_000):
        day = start + timedelta(days=i % 700)
        CAL.add_working_days(day, 15)
        CAL.is_working_day(day)
    # Measured at about 0.2 s; the bound only catches an accidental per-call rebuild.
    assert time.perf_counter() - began < 5.0
