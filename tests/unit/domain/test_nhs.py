"""NHS number: optional, modulus-11 check digit."""

from __future__ import annotations

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from desktop.domain.nhs import is_valid_nhs_number, nhs_check_digit, nhs_number_problem, normalise_nhs_number


@pytest.mark.parametrize(
    ("raw", "code"),
    [
        (None, None),
        ("", None),
        ("   ", None),
        ("9434765919", None),  # NHS Digital's published example
        ("943 476 5919", None),
        ("943-476-5919", None),
        ("1000000060", None),  # remainder 0 gives check digit 0
        ("9434765918", "nhs_number_check_digit"),
        ("9434765991", "nhs_number_check_digit"),  # last two digits transposed
        ("1000000010", "nhs_number_check_digit"),  # remainder 1 gives 10: no valid number
        ("943476591", "nhs_number_format"),
        ("94347659190", "nhs_number_format"),
        ("94347659a9", "nhs_number_format"),
        ("９４３４７６５９１９", "nhs_number_format"),  # full-width digits are not ASCII
    ],
)
def test_nhs_number_problem(raw: str | None, code: str | None) -> None:
    problem = nhs_number_problem(raw)
    assert (None if problem is None else problem.code) == code


def test_helpers() -> None:
    assert normalise_nhs_number(" 943 476-5919 ") == "9434765919"
    assert nhs_check_digit("943476591") == 9
    assert nhs_check_digit("100000001") is None
    assert is_valid_nhs_number("943 476 5919")
    assert not is_valid_nhs_number("")


nine_digits = st.text(alphabet="0123456789", min_size=9, max_size=9)


@given(first=nine_digits, position=st.integers(0, 9), delta=st.integers(1, 9))
def test_any_single_digit_error_is_caught(first: str, position: int, delta: int) -> None:
    check = nhs_check_digit(first)
    assume(check is not None)
    valid = first + str(check)
    assert is_valid_nhs_number(valid)
    wrong = valid[:position] + str((int(valid[position]) + delta) % 10) + valid[position + 1 :]
    assert not is_valid_nhs_number(wrong)


@given(first=nine_digits, position=st.integers(0, 8))
def test_adjacent_transposition_is_caught(first: str, position: int) -> None:
    check = nhs_check_digit(first)
    assume(check is not None)
    valid = first + str(check)
    assume(valid[position] != valid[position + 1])
    swapped = valid[:position] + valid[position + 1] + valid[position] + valid[position + 2 :]
    assert not is_valid_nhs_number(swapped)
