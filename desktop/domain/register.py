"""Register entries that end without a conference of this council, and the 18th-birthday prompt.

Section 5.5: a registration ends with a reason and a date. ``reached_18``, ``died`` and ``left_uk``
need no conference; ``moved_permanently`` closes only once the receiving council has held its
transfer-in conference. ``review_no_continuing_risk`` comes from a review decision instead, so it
is refused here. The 18th birthday is known in advance, so the register prompts before it.
"""

from __future__ import annotations

import calendar as _stdcalendar
import logging
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from desktop.domain.config import DEFAULT_CONFIG, RulesConfig
from desktop.domain.problems import Problem, error
from sync.protocol.enums import END_REASONS_WITHOUT_CONFERENCE, EndReason

logger = logging.getLogger(__name__)


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


class AdulthoodPromptState(StrEnum):
    """Where a child stands relative to the age at which registration ends."""

    NO_DATE_OF_BIRTH = "no_date_of_birth"
    NOT_YET = "not_yet"
    UPCOMING = "upcoming"
    REACHED = "reached"


@dataclass(frozen=True, slots=True)
class AdulthoodPrompt:
    """The 18th-birthday prompt for one child.

    Attributes:
        state: Prompt state.
        birthday: The 18th birthday, or None without a date of birth (e.g. unborn).
        days_until: Calendar days from today to the birthday (0 or negative once reached).
    """

    state: AdulthoodPromptState
    birthday: date | None = None
    days_until: int | None = None


def adulthood_prompt(
    date_of_birth: date | None, *, today: date, config: RulesConfig = DEFAULT_CONFIG
) -> AdulthoodPrompt:
    """Whether to prompt the custodian about a child turning 18.

    Args:
        date_of_birth: The child's date of birth; None for an unborn child.
        today: The current date, supplied by the caller.
        config: Rules configuration (age and prompt window).

    Returns:
        UPCOMING within ``config.adulthood_prompt_days`` before the birthday, REACHED on or after
        it, NOT_YET before the window, NO_DATE_OF_BIRTH without a date of birth.
    """
    if date_of_birth is None:
        return AdulthoodPrompt(AdulthoodPromptState.NO_DATE_OF_BIRTH)
    day = birthday(date_of_birth, config.adulthood_age)
    days_until = (day - today).days
    if days_until <= 0:
        state = AdulthoodPromptState.REACHED
    elif days_until <= config.adulthood_prompt_days:
        state = AdulthoodPromptState.UPCOMING
    else:
        state = AdulthoodPromptState.NOT_YET
    return AdulthoodPrompt(state, day, days_until)


@dataclass(frozen=True, slots=True)
class RegistrationEnd:
    """An end to a registration recorded without a conference of this council.

    Attributes:
        reason: Why the registration ended.
        ended_on: The date it ended.
        registered_on: When the registration began.
        date_of_birth: The child's date of birth, needed for ``reached_18``.
        receiving_conference_on: The receiving council's transfer-in conference date, needed for
            ``moved_permanently``.
        notes: Free-text details (who reported it, source of the information).
    """

    reason: EndReason
    ended_on: date
    registered_on: date
    date_of_birth: date | None = None
    receiving_conference_on: date | None = None
    notes: str = ""


def validate_end(end: RegistrationEnd, *, today: date, config: RulesConfig = DEFAULT_CONFIG) -> tuple[Problem, ...]:
    """Check an end of registration before the custodian records it.

    Args:
        end: The proposed end.
        today: The current date, supplied by the caller.
        config: Rules configuration (age of adulthood).

    Returns:
        Coded problems; empty when the end may be recorded.
    """
    problems: list[Problem] = []
    if end.reason not in END_REASONS_WITHOUT_CONFERENCE:
        problems.append(error("end_reason_needs_conference", reason=end.reason))
    if end.ended_on < end.registered_on:
        problems.append(error("end_before_registration", ended_on=end.ended_on, registered_on=end.registered_on))
    if end.ended_on > today:
        problems.append(error("end_date_in_future", ended_on=end.ended_on))
    if end.reason is EndReason.REACHED_18:
        if end.date_of_birth is None:
            problems.append(error("date_of_birth_required"))
        else:
            adult_on = birthday(end.date_of_birth, config.adulthood_age)
            if end.ended_on < adult_on:
                problems.append(error("ended_before_adulthood", ended_on=end.ended_on, birthday=adult_on))
    if end.reason is EndReason.MOVED_PERMANENTLY:
        if end.receiving_conference_on is None:
            problems.append(error("receiving_conference_required"))
        elif end.ended_on < end.receiving_conference_on:
            # The entry stays open until the new council has decided (section 5.5).
            problems.append(
                error(
                    "ended_before_receiving_conference",
                    ended_on=end.ended_on,
                    receiving_conference_on=end.receiving_conference_on,
                )
            )
    return tuple(problems)
