"""The rules' configurable numbers, re-exported from :mod:`sync.protocol.rules_config`.

:class:`RulesConfig` moved to the protocol (issue 13) with the timescales it parameterises, so the
register service's quality figures use the same numbers; the app keeps importing it from here.
"""

from __future__ import annotations

import logging

from sync.protocol.rules_config import DEFAULT_CONFIG, IcpcAnchor, RulesConfig

__all__ = ["DEFAULT_CONFIG", "IcpcAnchor", "RulesConfig"]

logger = logging.getLogger(__name__)
