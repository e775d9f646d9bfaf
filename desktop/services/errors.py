"""Typed service errors. Each has a stable ``code`` and parameters; the UI translates them."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True, slots=True)
class ProblemInfo:
    """A rules-engine finding as plain data: code, ``error`` or ``warning``, parameters."""

    code: str
    severity: str
    params: dict[str, Any] = field(default_factory=dict, hash=False, compare=False)

    @property
    def is_error(self) -> bool:
        """True for blocking findings."""
        return self.severity == "error"


class ServiceError(Exception):
    """Base class of every service error; ``code`` is stable, ``params`` fill the translated text."""

    code = "service_error"

    def __init__(self, code: str | None = None, **params: Any) -> None:
        if code is not None:
            self.code = code
        super().__init__(self.code)
        self.params = params


class NotFoundError(ServiceError):
    """The record asked for does not exist (or was voided)."""

    code = "not_found"


class PermissionDeniedError(ServiceError):
    """The current user's seat does not allow the action; ``code`` is the denial reason."""

    code = "role_not_permitted"


class ValidationFailedError(ServiceError):
    """The rules engine found blocking problems; they travel in ``problems``."""

    code = "validation_failed"

    def __init__(self, problems: Sequence[ProblemInfo], code: str | None = None, **params: Any) -> None:
        super().__init__(code, **params)
        self.problems = tuple(problems)


class RecordLockedError(ServiceError):
    """The record is finalised or approved and cannot change."""

    code = "record_finalised"


class StaleVersionError(ServiceError):
    """The record changed since the caller read it (another window or a sync)."""

    code = "stale_version"
