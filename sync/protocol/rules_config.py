"""The numbers behind the Wales rules, in one frozen value an administrator can change.

Defaults follow ``domain.md`` section 6 (timescales T2 to T16) and the defaults of its open
questions Q3, Q4, Q6, Q7 and Q10. Services load an administrator's overrides into a
:class:`RulesConfig` and pass it to the rule functions; nothing here reads settings itself. Held
in the protocol (issue 13) beside the timescales; the app imports it through ``desktop.domain.config``.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, fields
from enum import StrEnum

from sync.protocol.rule_errors import InvalidConfigError

logger = logging.getLogger(__name__)


class IcpcAnchor(StrEnum):
    """Which strategy discussion starts the ICPC clock (Q10)."""

    LAST_STRATEGY_DISCUSSION = "last_strategy_discussion"
    FIRST_STRATEGY_DISCUSSION = "first_strategy_discussion"


@dataclass(frozen=True, slots=True)
class RulesConfig:
    """Every configurable number of the rules engine, with the Wales defaults.

    Attributes:
        icpc_working_days: T2, ICPC held within this many WD of the anchor discussion.
        icpc_anchor: T2/Q10, which strategy discussion is the anchor (Wales: the last).
        summary_working_days: T3/Q6, summary and outline plan sent within this many WD.
        full_record_target_working_days: T4/Q6, good-practice target for the full record.
        corrections_working_days: T5/Q6, corrections within this many WD of receipt.
        first_core_group_working_days: T6, first core group within this many WD of registration.
        core_group_interval_weeks: T7/Q4, a later core group is overdue after this many weeks.
        core_group_reminder_weeks: T7/Q4, a reminder shows after this many weeks.
        first_review_months: T9, first review within this many months of the ICPC.
        later_review_months: T10, later reviews within this many months of the previous review.
        review_after_transfer_in_months: First review after a transfer-in conference. Not settled by
            the WSP text found; the stricter first-review interval is the default.
        transfer_in_working_days: T16/Q7, transfer-in conference within this many WD of notification.
        child_seen_alone_working_days: T11, the co-ordinator sees the child alone this often (WD).
        home_visit_weeks: T12, the co-ordinator visits the child at home this often (weeks).
        due_soon_working_days: A pending deadline this many WD away or fewer is "due soon".
        quorum_agencies: T17/Q3, distinct agencies needed for a quorate conference.
        quorum_agencies_with_reason: T17/Q3, the chair may proceed with this many given a reason.
        adulthood_age: Age at which registration ends without a conference.
        adulthood_prompt_days: Calendar days before the birthday that the prompt starts showing.
    """

    icpc_working_days: int = 15
    icpc_anchor: IcpcAnchor = IcpcAnchor.LAST_STRATEGY_DISCUSSION
    summary_working_days: int = 5
    full_record_target_working_days: int = 20
    corrections_working_days: int = 10
    first_core_group_working_days: int = 10
    core_group_interval_weeks: int = 6
    core_group_reminder_weeks: int = 4
    first_review_months: int = 3
    later_review_months: int = 6
    review_after_transfer_in_months: int = 3
    transfer_in_working_days: int = 15
    child_seen_alone_working_days: int = 10
    home_visit_weeks: int = 4
    due_soon_working_days: int = 5
    quorum_agencies: int = 3
    quorum_agencies_with_reason: int = 2
    adulthood_age: int = 18
    adulthood_prompt_days: int = 28

    def __post_init__(self) -> None:
        # Validate eagerly: a bad administrator value must fail at load time, not mid-conference.
        for f in fields(self):
            value = getattr(self, f.name)
            if isinstance(value, bool) or not isinstance(value, int):
                continue
            minimum = 0 if f.name in {"due_soon_working_days", "adulthood_prompt_days"} else 1
            if value < minimum:
                raise InvalidConfigError("config_value_too_small", field=f.name, value=value, minimum=minimum)
        if self.core_group_reminder_weeks >= self.core_group_interval_weeks:
            raise InvalidConfigError("config_reminder_not_before_deadline", field="core_group_reminder_weeks")
        if self.quorum_agencies_with_reason > self.quorum_agencies:
            raise InvalidConfigError("config_quorum_exception_above_quorum", field="quorum_agencies_with_reason")


#: The Wales defaults from domain.md.
DEFAULT_CONFIG = RulesConfig()
