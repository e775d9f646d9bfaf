"""Working-day calendar: England and Wales bank holidays plus a council's closure days.

All Wales timescales count working days (``domain.md`` section 6 and Q15). A working day is a
weekday that is neither a bank holiday in England and Wales (from the ``holidays`` package, which
includes substitute days such as Boxing Day observed on a Monday) nor a configured closure day.

Lists of 100,000 conferences compute due states, so :class:`WorkingDayCalendar` precomputes, for a
range of years, a flag per day and a sorted array of working-day ordinals; look-ups are an index
or a bisect. The range grows on demand. Instances are safe to share between threads: the index is
an immutable value swapped in one assignment, and growth is serialised by a lock.

Held in the protocol (issue 13) so the app and the register service count alike; the app imports it
through ``desktop.domain.calendar``.
"""

from __future__ import annotations

import calendar as _stdcalendar
import importlib.util
import logging
import threading
from array import array
from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path
from types import ModuleType

import holidays

logger = logging.getLogger(__name__)


def _united_kingdom() -> type[holidays.HolidayBase]:
    """The ``holidays`` package's United Kingdom calendar, without loading every other country.

    Importing ``holidays.countries.united_kingdom`` (or calling ``holidays.country_holidays``) runs
    ``holidays/countries/__init__.py``, which imports all 250 country modules: about 90 ms of start-up
    spent on calendars Cofnod never uses. The one module is loaded from its file instead (it only
    imports the package's shared modules); where that is not possible, the ordinary import is used.
    """
    origin = Path(holidays.__file__).parent / "countries" / "united_kingdom.py"
    spec = importlib.util.spec_from_file_location("holidays.countries.united_kingdom", origin)
    if spec is None or spec.loader is None or not origin.is_file():
        from holidays.countries.united_kingdom import UnitedKingdom

        return UnitedKingdom
    module: ModuleType = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    uk: type[holidays.HolidayBase] = module.UnitedKingdom
    return uk


_UK: type[holidays.HolidayBase] | None = None

# Grow a few years at a time so a list spanning many years does not rebuild the index repeatedly.
_GROW_YEARS = 4


@lru_cache(maxsize=512)
def bank_holidays(year: int) -> frozenset[date]:
    """England and Wales bank holidays of one year, substitute days included.

    Args:
        year: Calendar year.

    Returns:
        The dates on which banks in Wales close, e.g. Good Friday, Easter Monday, and Boxing Day
        observed on Monday 28 December 2026.
    """
    # subdiv="WLS" gives the England and Wales set; St David's Day is not a bank holiday.
    global _UK
    if _UK is None:
        _UK = _united_kingdom()
    calendar_for_year = _UK(subdiv="WLS", years=year)
    return frozenset(d for d in calendar_for_year if d.year == year)


def add_months(day: date, months: int) -> date:
    """Add calendar months, landing on the same day of the month clamped to the month's end.

    Args:
        day: Anchor date.
        months: Months to add; may be negative.

    Returns:
        For example 31 Aug 2027 + 6 months = 29 Feb 2028 and 31 Aug 2025 + 6 months = 28 Feb 2026.
    """
    index = day.year * 12 + (day.month - 1) + months
    year, month0 = divmod(index, 12)
    last = _stdcalendar.monthrange(year, month0 + 1)[1]
    return date(year, month0 + 1, min(day.day, last))


@dataclass(frozen=True, slots=True)
class _Index:
    first_year: int
    last_year: int
    base: int  # ordinal of 1 January of first_year
    flags: bytes  # flags[ordinal - base] == 1 for a working day
    days: array[int]  # sorted ordinals of working days


class WorkingDayCalendar:
    """Answers working-day questions quickly for one set of closure days.

    Args:
        closures: Extra non-working days configured by the council (none by default, Q15).
    """

    __slots__ = ("_closures", "_index", "_lock")

    def __init__(self, closures: Iterable[date] = ()) -> None:
        self._closures: frozenset[date] = frozenset(closures)
        self._index: _Index | None = None
        self._lock = threading.Lock()

    @property
    def closures(self) -> frozenset[date]:
        """The council's closure days this calendar excludes."""
        return self._closures

    # ---- index management

    def _build(self, first_year: int, last_year: int) -> _Index:
        base = date(first_year, 1, 1).toordinal()
        end = date(last_year, 12, 31).toordinal()
        off: set[int] = {d.toordinal() for y in range(first_year, last_year + 1) for d in bank_holidays(y)}
        off.update(d.toordinal() for d in self._closures)
        flags = bytearray(end - base + 1)
        days: array[int] = array("l")
        for o in range(base, end + 1):
            # date.fromordinal(o).weekday() == (o + 6) % 7; avoiding the object keeps the build fast.
            if (o + 6) % 7 < 5 and o not in off:
                flags[o - base] = 1
                days.append(o)
        return _Index(first_year, last_year, base, bytes(flags), days)

    def _covering(self, first_year: int, last_year: int) -> _Index:
        index = self._index
        if index is not None and index.first_year <= first_year and last_year <= index.last_year:
            return index
        with self._lock:
            index = self._index
            if index is None:
                lo, hi = first_year - 1, last_year + _GROW_YEARS
            else:
                lo = min(index.first_year, first_year - (_GROW_YEARS if first_year < index.first_year else 0))
                hi = max(index.last_year, last_year + (_GROW_YEARS if last_year > index.last_year else 0))
                if lo == index.first_year and hi == index.last_year:
                    return index
            lo, hi = max(lo, date.min.year + 1), min(hi, date.max.year - 1)
            index = self._build(lo, hi)
            self._index = index
            return index

    def _index_for(self, ordinal: int) -> _Index:
        index = self._index
        if index is not None and index.base <= ordinal < index.base + len(index.flags):
            return index
        year = date.fromordinal(ordinal).year
        return self._covering(year, year)

    # ---- queries

    def is_working_day(self, day: date) -> bool:
        """Whether ``day`` is a working day.

        Args:
            day: Any date.

        Returns:
            False on weekends, England and Wales bank holidays and closure days.
        """
        o = day.toordinal()
        index = self._index_for(o)
        return index.flags[o - index.base] == 1

    def add_working_days(self, start: date, n: int) -> date:
        """The Nth working day after ``start``, not counting ``start`` itself (section 6).

        Args:
            start: Anchor date; it may itself be a non-working day.
            n: Working days to move; negative moves back (the Nth working day before ``start``),
                zero returns ``start`` unchanged.

        Returns:
            A working day whenever ``n`` is not zero.
        """
        if n == 0:
            return start
        o = start.toordinal()
        # Cover enough years up front: n working days span at most about n * 7 / 5 + holidays.
        span_days = abs(n) * 7 // 5 + 30
        while True:
            lo_day = date.fromordinal(max(o - (span_days if n < 0 else 0), 1))
            hi_day = date.fromordinal(o + (span_days if n > 0 else 0))
            index = self._covering(lo_day.year, hi_day.year)
            days = index.days
            position = bisect_right(days, o) + n - 1 if n > 0 else bisect_left(days, o) + n
            if 0 <= position < len(days):
                return date.fromordinal(days[position])
            span_days *= 2

    def working_days_between(self, start: date, end: date) -> int:
        """Count the working days in ``(start, end]``, i.e. after ``start`` up to and including ``end``.

        Args:
            start: Exclusive lower date.
            end: Inclusive upper date.

        Returns:
            The count; negative (the count in ``(end, start]``) when ``end`` is before ``start``.
        """
        if end < start:
            return -self.working_days_between(end, start)
        index = self._covering(start.year, end.year)
        return bisect_right(index.days, end.toordinal()) - bisect_right(index.days, start.toordinal())

    def on_or_before(self, day: date) -> date:
        """``day`` if it is a working day, otherwise the previous working day.

        This is how a due date that lands on a non-working day is shown (section 6), so the
        event is never late because of a weekend or holiday.

        Args:
            day: Any date.

        Returns:
            The latest working day not after ``day``.
        """
        return day if self.is_working_day(day) else self.add_working_days(day, -1)

    def on_or_after(self, day: date) -> date:
        """``day`` if it is a working day, otherwise the next working day.

        Args:
            day: Any date.

        Returns:
            The earliest working day not before ``day``.
        """
        return day if self.is_working_day(day) else self.add_working_days(day, 1)


@lru_cache(maxsize=32)
def calendar_with_closures(closures: frozenset[date] = frozenset()) -> WorkingDayCalendar:
    """A shared calendar for a set of closure days, so its index is built once per process.

    Args:
        closures: The council's closure days.

    Returns:
        The same instance for the same set of closures.
    """
    return WorkingDayCalendar(closures)


def default_calendar() -> WorkingDayCalendar:
    """The shared calendar with bank holidays only (the Q15 default: no closure days).

    Returns:
        A process-wide :class:`WorkingDayCalendar` without closure days.
    """
    return calendar_with_closures(frozenset())
