"""The working-day calendar, re-exported from :mod:`sync.protocol.calendar`.

The calendar moved to the protocol (issue 13) so the register service counts working days exactly
as the app does; the app keeps importing it from here.
"""

from __future__ import annotations

import logging

from sync.protocol.calendar import (
    WorkingDayCalendar,
    add_months,
    bank_holidays,
    calendar_with_closures,
    default_calendar,
)

__all__ = ["WorkingDayCalendar", "add_months", "bank_holidays", "calendar_with_closures", "default_calendar"]

logger = logging.getLogger(__name__)
