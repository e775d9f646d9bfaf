"""NHS number: optional on a child, validated with its modulus-11 check digit (Q13).

Health alert systems match on the NHS number, so a mistyped one is worse than none; the check
digit catches most single-digit errors and transpositions.
"""

from __future__ import annotations

import logging

from desktop.domain.problems import Problem, error

logger = logging.getLogger(__name__)

# People type NHS numbers as "943 476 5919" or "943-476-5919".
_SEPARATORS = str.maketrans("", "", " -")


def normalise_nhs_number(raw: str) -> str:
    """Remove spaces and hyphens.

    Args:
        raw: The number as typed.

    Returns:
        The digits (and any other characters) without separators.
    """
    return raw.strip().translate(_SEPARATORS)


def nhs_check_digit(first_nine: str) -> int | None:
    """The modulus-11 check digit for the first nine digits.

    Args:
        first_nine: Exactly nine ASCII digits.

    Returns:
        The check digit 0-9, or None when the remainder gives 10 (no valid number has those
        first nine digits).
    """
    total = sum(int(d) * w for d, w in zip(first_nine, range(10, 1, -1), strict=True))
    check = 11 - total % 11
    if check == 11:
        return 0
    return None if check == 10 else check


def nhs_number_problem(raw: str | None) -> Problem | None:
    """Validate an optional NHS number.

    Args:
        raw: The number as typed; None or blank means not given, which is allowed.

    Returns:
        None when absent or valid; ``nhs_number_format`` when it is not ten digits;
        ``nhs_number_check_digit`` when the check digit does not match.
    """
    if raw is None or not raw.strip():
        return None
    digits = normalise_nhs_number(raw)
    if len(digits) != 10 or not (digits.isascii() and digits.isdigit()):
        return error("nhs_number_format")
    if nhs_check_digit(digits[:9]) != int(digits[9]):
        return error("nhs_number_check_digit")
    return None


def is_valid_nhs_number(raw: str) -> bool:
    """Whether ``raw`` is a well-formed NHS number with a correct check digit.

    Args:
        raw: The number as typed.

    Returns:
        True for a valid number; False for blank or invalid input.
    """
    return bool(raw.strip()) and nhs_number_problem(raw) is None
