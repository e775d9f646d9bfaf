"""Register entries that end without a conference of this council, and the 18th-birthday prompt.

Section 5.5: a registration ends with a reason and a date. ``reached_18``, ``died`` and ``left_uk``
need no conference; ``moved_permanently`` closes only once the receiving council has held its
transfer-in conference. ``review_no_continuing_risk`` comes from a review decision instead, so it
is refused here. The checks are the register's own (``sync.protocol.register_rules``), the same
the register service applies. The 18th birthday is known in advance, so the register prompts before it.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from desktop.domain.config import DEFAULT_CONFIG, RulesConfig
from desktop.domain.problems import Problem, error
from sync.protocol.enums import EndReason
from sync.protocol.register_rules import birthday, end_verdict

__all__ = ["AdulthoodPrompt", "AdulthoodPromptState", "RegistrationEnd", "adulthood_prompt", "birthday", "validate_end"]

logger = logging.getLogger(__name__)


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
    verdict = end_verdict(
        end.reason,
        ended_on=end.ended_on,
        today=today,
        registered_on=end.registered_on,
        date_of_birth=end.date_of_birth,
        receiving_conference_on=end.receiving_conference_on,
        adulthood_age=config.adulthood_age,
    )
    return tuple(error(r.reason.value, **r.params) for r in verdict.refusals)
