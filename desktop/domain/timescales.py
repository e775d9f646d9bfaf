"""Wales timescales, re-exported from :mod:`sync.protocol.timescales`.

The timescale rules moved to the protocol (issue 13) so the quality figures of the app and of the
register service agree with the Today page; the app keeps importing them from here.
"""

from __future__ import annotations

import logging

from sync.protocol.timescales import (
    ConferenceTiming,
    Deadline,
    DueState,
    TimescaleKind,
    TimescaleStatus,
    child_seen_alone_deadline,
    conference_deadline,
    conference_status,
    corrections_deadline,
    evaluate,
    first_core_group_deadline,
    first_review_deadline,
    full_record_target,
    home_visit_deadline,
    icpc_deadline,
    next_core_group_deadline,
    next_review_deadline,
    summary_deadline,
    transfer_in_deadline,
)

__all__ = [
    "ConferenceTiming",
    "Deadline",
    "DueState",
    "TimescaleKind",
    "TimescaleStatus",
    "child_seen_alone_deadline",
    "conference_deadline",
    "conference_status",
    "corrections_deadline",
    "evaluate",
    "first_core_group_deadline",
    "first_review_deadline",
    "full_record_target",
    "home_visit_deadline",
    "icpc_deadline",
    "next_core_group_deadline",
    "next_review_deadline",
    "summary_deadline",
    "transfer_in_deadline",
]

logger = logging.getLogger(__name__)
