"""Registration ends without a conference, and the 18th-birthday prompt."""

from __future__ import annotations

from datetime import date

import pytest

from desktop.domain.config import RulesConfig
from desktop.domain.problems import codes
from desktop.domain.register import AdulthoodPromptState, RegistrationEnd, adulthood_prompt, birthday, validate_end
from sync.protocol.enums import EndReason

D = date
TODAY = D(2026, 7, 1)


@pytest.mark.parametrize(
    ("dob", "age", "expected"),
    [
        (D(2008, 6, 10), 18, D(2026, 6, 10)),
        (D(2008, 2, 29), 18, D(2026, 3, 1)),  # leap-day birth, common year
        (D(2012, 2, 29), 18, D(2030, 3, 1)),
        (D(2000, 2, 29), 16, D(2016, 2, 29)),  # reached in a leap year
        (D(2008, 12, 31), 18, D(2026, 12, 31)),
    ],
)
def test_birthday(dob: date, age: int, expected: date) -> None:
    assert birthday(dob, age) == expected


@pytest.mark.parametrize(
    ("dob", "today", "state", "days_until"),
    [
        (None, TODAY, AdulthoodPromptState.NO_DATE_OF_BIRTH, None),  # unborn
        (D(2008, 6, 10), D(2026, 5, 12), AdulthoodPromptState.NOT_YET, 29),
        (D(2008, 6, 10), D(2026, 5, 13), AdulthoodPromptState.UPCOMING, 28),
        (D(2008, 6, 10), D(2026, 6, 9), AdulthoodPromptState.UPCOMING, 1),
        (D(2008, 6, 10), D(2026, 6, 10), AdulthoodPromptState.REACHED, 0),
        (D(2008, 6, 10), D(2026, 7, 1), AdulthoodPromptState.REACHED, -21),
        (D(2020, 1, 1), TODAY, AdulthoodPromptState.NOT_YET, (D(2038, 1, 1) - TODAY).days),
    ],
)
def test_adulthood_prompt(dob: date | None, today: date, state: AdulthoodPromptState, days_until: int | None) -> None:
    prompt = adulthood_prompt(dob, today=today)
    assert prompt.state is state
    assert prompt.days_until == days_until
    assert prompt.birthday == (None if dob is None else birthday(dob, 18))


def test_adulthood_prompt_window_is_configurable() -> None:
    config = RulesConfig(adulthood_prompt_days=60)
    assert adulthood_prompt(D(2008, 6, 10), today=D(2026, 4, 12), config=config).state is AdulthoodPromptState.UPCOMING


REGISTERED_ON = D(2025, 1, 10)


@pytest.mark.parametrize(
    ("end", "expected"),
    [
        (RegistrationEnd(EndReason.REACHED_18, D(2026, 6, 10), REGISTERED_ON, date_of_birth=D(2008, 6, 10)), []),
        (RegistrationEnd(EndReason.REACHED_18, D(2026, 6, 30), REGISTERED_ON, date_of_birth=D(2008, 6, 10)), []),
        (
            RegistrationEnd(EndReason.REACHED_18, D(2026, 6, 9), REGISTERED_ON, date_of_birth=D(2008, 6, 10)),
            ["ended_before_adulthood"],
        ),
        (
            RegistrationEnd(EndReason.REACHED_18, D(2026, 2, 28), REGISTERED_ON, date_of_birth=D(2008, 2, 29)),
            ["ended_before_adulthood"],
        ),
        (RegistrationEnd(EndReason.REACHED_18, D(2026, 6, 10), REGISTERED_ON), ["date_of_birth_required"]),
        (RegistrationEnd(EndReason.DIED, D(2026, 3, 2), REGISTERED_ON), []),
        (RegistrationEnd(EndReason.LEFT_UK, D(2026, 3, 2), REGISTERED_ON), []),
        (RegistrationEnd(EndReason.LEFT_UK, D(2024, 12, 1), REGISTERED_ON), ["end_before_registration"]),
        (RegistrationEnd(EndReason.DIED, D(2026, 7, 2), REGISTERED_ON), ["end_date_in_future"]),
        (
            RegistrationEnd(
                EndReason.MOVED_PERMANENTLY, D(2026, 3, 20), REGISTERED_ON, receiving_conference_on=D(2026, 3, 20)
            ),
            [],
        ),
        (
            RegistrationEnd(EndReason.MOVED_PERMANENTLY, D(2026, 3, 20), REGISTERED_ON),
            ["receiving_conference_required"],
        ),
        (
            RegistrationEnd(
                EndReason.MOVED_PERMANENTLY, D(2026, 3, 19), REGISTERED_ON, receiving_conference_on=D(2026, 3, 20)
            ),
            ["ended_before_receiving_conference"],
        ),
        (
            RegistrationEnd(EndReason.REVIEW_NO_CONTINUING_RISK, D(2026, 3, 2), REGISTERED_ON),
            ["end_reason_needs_conference"],
        ),
    ],
)
def test_validate_end(end: RegistrationEnd, expected: list[str]) -> None:
    assert codes(validate_end(end, today=TODAY)) == expected
