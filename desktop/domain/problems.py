"""Problems and typed errors of the rules engine: stable codes with parameters, never sentences.

Every rule in ``desktop.domain`` reports what is wrong as a :class:`Problem` (a value the caller
shows or stores) or raises a :class:`DomainError` (when the caller asked for something that must
not happen, such as an illegal status change). Both carry a snake_case ``code`` and parameters;
only ``desktop.ui`` turns a code into Welsh or English text.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum

# The base error and the calendar's/timescales' errors live in the protocol, shared with the service.
from sync.protocol.rule_errors import DomainError, InvalidConfigError, MissingAnchorError, ParamValue

__all__ = [
    "DomainError",
    "IllegalTransitionError",
    "ImmutableRecordError",
    "InvalidConfigError",
    "MissingAnchorError",
    "ParamValue",
    "Problem",
    "Severity",
    "codes",
    "error",
    "has_errors",
    "warning",
]

logger = logging.getLogger(__name__)


class Severity(StrEnum):
    """How much a problem matters: an error blocks the action, a warning only informs."""

    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, slots=True)
class Problem:
    """One finding of a rule.

    Attributes:
        code: Stable snake_case code, e.g. ``"view_missing"``; the UI translates it.
        severity: Whether the finding blocks the action (``ERROR``) or only informs (``WARNING``).
        params: Values the translated message may interpolate, e.g. ``{"practitioner_id": "p1"}``.
    """

    code: str
    severity: Severity = Severity.ERROR
    # Excluded from the hash because a dict is unhashable; still part of equality.
    params: Mapping[str, ParamValue] = field(default_factory=dict, hash=False)

    @property
    def is_error(self) -> bool:
        """Whether this problem blocks the action."""
        return self.severity is Severity.ERROR


def error(code: str, **params: ParamValue) -> Problem:
    """Build a blocking problem.

    Args:
        code: Stable snake_case code.
        **params: Values for the translated message.

    Returns:
        A problem with ``Severity.ERROR``.
    """
    return Problem(code, Severity.ERROR, params)


def warning(code: str, **params: ParamValue) -> Problem:
    """Build a non-blocking problem.

    Args:
        code: Stable snake_case code.
        **params: Values for the translated message.

    Returns:
        A problem with ``Severity.WARNING``.
    """
    return Problem(code, Severity.WARNING, params)


def has_errors(problems: Iterable[Problem]) -> bool:
    """Whether any of ``problems`` blocks the action.

    Args:
        problems: Findings from one or more rules.

    Returns:
        True when at least one problem is an error.
    """
    return any(p.is_error for p in problems)


def codes(problems: Iterable[Problem]) -> list[str]:
    """The codes of ``problems`` in order; handy for logs and tests.

    Args:
        problems: Findings from one or more rules.

    Returns:
        The codes, duplicates kept.
    """
    return [p.code for p in problems]


class IllegalTransitionError(DomainError):
    """A conference status change that the life cycle does not allow."""


class ImmutableRecordError(DomainError):
    """An attempt to change a finalised decision or an approved record; use an addendum instead."""
