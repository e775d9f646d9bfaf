"""The rules' typed errors shared by the app and the register service: a stable code and parameters.

:class:`DomainError` is raised when a caller asks a rule for something that must not happen (a
deadline without its anchor, a configuration that cannot work). It lives here, beside the
working-day calendar and the timescales, so that ``sync`` never imports ``desktop``;
``desktop.domain.problems`` re-exports these classes and adds the app's own subclasses.
"""

from __future__ import annotations

import logging
from datetime import date

logger = logging.getLogger(__name__)

#: Values an error parameter may hold; kept simple so they serialise and translate easily.
ParamValue = str | int | bool | date | None


class DomainError(Exception):
    """Raised when a caller asks the domain for something its rules forbid.

    Attributes:
        code: Stable snake_case code the UI translates.
        params: Values for the translated message.
    """

    def __init__(self, code: str, **params: ParamValue) -> None:
        # The code doubles as the exception message so logs stay readable without translation.
        super().__init__(code)
        self.code = code
        self.params: dict[str, ParamValue] = dict(params)

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.code!r}, {self.params!r})"


class InvalidConfigError(DomainError):
    """A rules configuration value that cannot work (e.g. a negative number of days)."""


class MissingAnchorError(DomainError):
    """A deadline was asked for without the date its clock starts from."""
