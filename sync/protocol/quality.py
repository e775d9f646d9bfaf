"""The quality measures of issue 13, defined once for the app and the register service.

Both sides extract the same narrow :class:`QualityFacts` from their own database with SQL (ids,
dates and codes only: no names, no free text) and call :func:`compute`, so a figure means the same
on the laptop, on the service and on the Today page (every timescale goes through
:mod:`sync.protocol.timescales` and the working-day calendar). :func:`suppress` applies small-number
suppression for anything that leaves the council, and :func:`report_rows` is the one tabular form
used by every CSV and by the equal-figures test.

Definitions (each :class:`Measure` has a stable ``code``; see :data:`DEFINITIONS`):

- **Timeliness** (``timeliness.<rule>.<state>``): per rule, ``on_time`` and ``late`` count the
  deadlines *met in the period* (denominator: all met in the period; ``late_working_days`` gives
  the working days after the due date, aligned with ``record_ids``); ``open_overdue`` counts the
  deadlines that *fell due in the period* and were not met by its end (or by today, if earlier),
  over all deadlines that fell due in the period.
- **Voice** (``voice.*``): over the decisions of conferences held in the period.
- **Multi-agency** (``multi_agency.*``): over the conferences whose date (held, or scheduled when
  postponed) is in the period.
- **Decisions** (``decisions.*``): register entries begun or ended in the period, and decisions of
  conferences held in the period; the over-12/24-month figures are as at the period's end.
- **Continuity** (``continuity.*``): co-ordinator changes of children on the register at any time
  in the period.
- **The register now** (``register_now.*``): as at the period's end, or today when earlier.

A conference "held" has ``held_on`` set and is neither postponed nor inquorate.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date

from sync.protocol.calendar import WorkingDayCalendar, add_months, default_calendar
from sync.protocol.enums import ConferenceStatus, ConferenceType
from sync.protocol.rule_errors import MissingAnchorError
from sync.protocol.rules_config import DEFAULT_CONFIG, RulesConfig
from sync.protocol.timescales import (
    ConferenceTiming,
    Deadline,
    TimescaleKind,
    conference_deadline,
    first_core_group_deadline,
    full_record_target,
    summary_deadline,
)

logger = logging.getLogger(__name__)

#: The value a suppressed count (1 to 4) takes in a report that leaves the council.
SUPPRESSED = -1
#: Counts below this (and above zero) are suppressed.
SUPPRESSION_THRESHOLD = 5

GROUPS = ("timeliness", "voice", "multi_agency", "decisions", "continuity", "register_now")


# ---------------------------------------------------------------------------------------------
# The API shared by the app and the service
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Period:
    """A reporting period, both ends inclusive."""

    start: date
    end: date

    def __post_init__(self) -> None:
        if self.end < self.start:
            raise ValueError("period_end_before_start")

    def __contains__(self, day: object) -> bool:
        return isinstance(day, date) and self.start <= day <= self.end


@dataclass(frozen=True, slots=True)
class QualityScope:
    """Whose records a report covers: a council's, or one chair's conferences (None: not narrowed)."""

    council_id: str | None
    chair_user_id: str | None = None


@dataclass(frozen=True, slots=True)
class Measure:
    """One figure of a report.

    Attributes:
        code: Stable code, e.g. ``"timeliness.icpc_held.on_time"``.
        group: One of :data:`GROUPS`.
        count: The figure (``SUPPRESSED`` once suppressed).
        denominator: What it is a share of, or None where it is not a share.
        record_kind: ``"conference"``, ``"child"`` or ``"decision"``: what ``record_ids`` name.
        record_ids: The records behind the figure, sorted (empty once suppressed).
        late_working_days: For timeliness ``late`` rows, the working days late, aligned with ``record_ids``.
        breakdown: The slice, e.g. an agency, a category, an age band or a month ``"2026-03"``.
        value: For statistics that are not counts (a median), the value; ``count`` is then how
            many records it was computed over.
    """

    code: str
    group: str
    count: int
    denominator: int | None
    record_kind: str
    record_ids: tuple[str, ...] = ()
    late_working_days: tuple[int, ...] = ()
    breakdown: str | None = None
    value: float | None = None


@dataclass(frozen=True, slots=True)
class QualityReport:
    """Every measure for one period and scope."""

    period: Period
    scope: QualityScope
    produced_on: date
    measures: tuple[Measure, ...]
    suppressed: bool = False

    def get(self, code: str, breakdown: str | None = None) -> Measure | None:
        """The measure with this code and breakdown, or None."""
        for measure in self.measures:
            if measure.code == code and measure.breakdown == breakdown:
                return measure
        return None

    def group(self, group: str) -> tuple[Measure, ...]:
        """The measures of one group, in report order."""
        return tuple(m for m in self.measures if m.group == group)


# ---------------------------------------------------------------------------------------------
# Facts: what both sides read from their database, narrowly
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ConferenceFact:
    """One (not voided) conference.

    Attributes:
        id: Conference id.
        type: :class:`ConferenceType` code.
        status: :class:`ConferenceStatus` code.
        scheduled_on: The date it was (first) scheduled for.
        held_on: The date it was held, if it was.
        strategy_discussion_on: T2 anchor (initial conferences).
        previous_conference_on: T9/T10 anchor (reviews).
        previous_conference_type: Type of the previous conference (first review or later).
        transfer_notified_on: T16 anchor (transfer-in conferences).
        summary_sent_on: T3, when the summary and outline plan went out.
        record_sent_on: T4, when the full record went out.
        first_core_group_on: The earliest first core group date in its outline plans (T3's limit).
        language: :class:`Language` code the conference was held in.
        welsh_active_offer_made: Whether the Welsh Active Offer was made.
        quorum_reason_given: Whether the chair recorded a reason to proceed with two agencies.
        chair_user_id: The chair.
    """

    id: str
    type: str
    status: str
    scheduled_on: date
    held_on: date | None = None
    strategy_discussion_on: date | None = None
    previous_conference_on: date | None = None
    previous_conference_type: str | None = None
    transfer_notified_on: date | None = None
    summary_sent_on: date | None = None
    record_sent_on: date | None = None
    first_core_group_on: date | None = None
    language: str = "en"
    welsh_active_offer_made: bool = False
    quorum_reason_given: bool = False
    chair_user_id: str | None = None

    @property
    def is_held(self) -> bool:
        """Held, and neither postponed nor inquorate."""
        return self.held_on is not None and self.status not in _NOT_HELD

    @property
    def sitting_on(self) -> date:
        """The date the conference counts on: held, else scheduled."""
        return self.held_on if self.held_on is not None else self.scheduled_on


_NOT_HELD = frozenset({ConferenceStatus.POSTPONED.value, ConferenceStatus.INQUORATE.value})


@dataclass(frozen=True, slots=True)
class AttendanceFact:
    """One practitioner's attendance (not voided): agency and whether they counted as present.

    Attributes:
        conference_id: The conference.
        agency: :class:`AgencyGrouping` code, or None.
        present: Present in person, remotely or excluded for part.
        counts_for_quorum: Present and not excluded from the decision stage.
    """

    conference_id: str
    agency: str | None
    present: bool
    counts_for_quorum: bool


@dataclass(frozen=True, slots=True)
class AgencyReportFact:
    """A report an agency sent to a conference (not voided)."""

    conference_id: str
    agency: str


@dataclass(frozen=True, slots=True)
class DecisionFact:
    """One child's decision at a conference (not voided, not a draft without an outcome).

    Attributes:
        id: Decision id.
        conference_id: The conference.
        child_id: The child.
        outcome: :class:`Outcome` code, or None.
        categories: Category codes, sorted.
        state: :class:`DecisionState` code.
        consensus: True for consensus, False for no consensus, None when not recorded.
        chair_decided: The chair decided for want of consensus.
        dissent_count: Dissents recorded against it.
    """

    id: str
    conference_id: str
    child_id: str
    outcome: str | None
    categories: tuple[str, ...]
    state: str
    consensus: bool | None
    chair_decided: bool
    dissent_count: int = 0


@dataclass(frozen=True, slots=True)
class VoiceFact:
    """How one child's voice reached one conference (no text, only whether there is some).

    Attributes:
        conference_id: The conference.
        child_id: The child.
        participation_mode: :class:`ParticipationMode` code, or None.
        advocacy_offer: :class:`AdvocacyOffer` code.
        has_content: Wishes and feelings or lived experience recorded.
        not_recorded_reason_given: A reason why the voice could not be recorded.
    """

    conference_id: str
    child_id: str
    participation_mode: str | None
    advocacy_offer: str
    has_content: bool
    not_recorded_reason_given: bool


@dataclass(frozen=True, slots=True)
class RegisterEntryFact:
    """One registration episode (not voided).

    Attributes:
        id: Entry id.
        child_id: The child.
        registered_on: When it began.
        categories: Category codes, sorted.
        temporary: A temporary registration for another council.
        ended_on: When it ended, if it has.
        end_reason: :class:`EndReason` code, if ended.
        conference_id: The registering conference, if any.
    """

    id: str
    child_id: str
    registered_on: date
    categories: tuple[str, ...] = ()
    temporary: bool = False
    ended_on: date | None = None
    end_reason: str | None = None
    conference_id: str | None = None


@dataclass(frozen=True, slots=True)
class ChildFact:
    """A child's age facts."""

    id: str
    date_of_birth: date | None
    unborn: bool = False


@dataclass(frozen=True, slots=True)
class CoordinatorFact:
    """One co-ordinator assignment of a child (who is not needed: only when it began)."""

    child_id: str
    from_date: date


@dataclass(frozen=True, slots=True)
class CoreGroupFact:
    """One core group meeting of a child."""

    child_id: str
    held_on: date


@dataclass(frozen=True, slots=True)
class QualityFacts:
    """Everything :func:`compute` needs, as extracted by either side.

    Each side narrows these to the report's scope (council, or a chair's conferences and their
    children) and may narrow them to the dates the period needs; extra rows do no harm.
    """

    conferences: tuple[ConferenceFact, ...] = ()
    attendance: tuple[AttendanceFact, ...] = ()
    agency_reports: tuple[AgencyReportFact, ...] = ()
    decisions: tuple[DecisionFact, ...] = ()
    voices: tuple[VoiceFact, ...] = ()
    register_entries: tuple[RegisterEntryFact, ...] = ()
    children: tuple[ChildFact, ...] = ()
    coordinators: tuple[CoordinatorFact, ...] = ()
    core_groups: tuple[CoreGroupFact, ...] = ()


# ---------------------------------------------------------------------------------------------
# Computing
# ---------------------------------------------------------------------------------------------


class _Builder:
    """Collects measures in report order."""

    def __init__(self) -> None:
        self.measures: list[Measure] = []

    def add(
        self,
        code: str,
        group: str,
        ids: Iterable[str],
        denominator: int | None,
        record_kind: str,
        *,
        breakdown: str | None = None,
    ) -> None:
        record_ids = tuple(sorted(ids))
        self.measures.append(Measure(code, group, len(record_ids), denominator, record_kind, record_ids, (), breakdown))

    def add_late(self, code: str, late: Sequence[tuple[str, int]], denominator: int) -> None:
        rows = sorted(late)
        self.measures.append(
            Measure(
                code,
                "timeliness",
                len(rows),
                denominator,
                "conference" if not code.startswith("timeliness.first_core_group") else "child",
                tuple(r[0] for r in rows),
                tuple(r[1] for r in rows),
            )
        )


@dataclass(slots=True)
class _RuleRows:
    """The deadlines of one timescale rule: (record id, deadline, date met)."""

    record_kind: str
    rows: list[tuple[str, Deadline, date | None]] = field(default_factory=list)


#: Timescale rules in report order, with what their records are.
TIMELINESS_RULES: tuple[tuple[TimescaleKind, str], ...] = (
    (TimescaleKind.ICPC_HELD, "conference"),
    (TimescaleKind.TRANSFER_IN_CONFERENCE, "conference"),
    (TimescaleKind.FIRST_REVIEW, "conference"),
    (TimescaleKind.NEXT_REVIEW, "conference"),
    (TimescaleKind.SUMMARY_SENT, "conference"),
    (TimescaleKind.FULL_RECORD_SENT, "conference"),
    (TimescaleKind.FIRST_CORE_GROUP, "child"),
)


def _deadlines(
    facts: QualityFacts, calendar: WorkingDayCalendar, config: RulesConfig
) -> dict[TimescaleKind, _RuleRows]:
    rules = {kind: _RuleRows(record_kind) for kind, record_kind in TIMELINESS_RULES}
    for c in facts.conferences:
        met = c.held_on if c.is_held else None
        timing = ConferenceTiming(
            ConferenceType(c.type),
            (c.strategy_discussion_on,) if c.strategy_discussion_on is not None else (),
            c.previous_conference_on,
            ConferenceType(c.previous_conference_type) if c.previous_conference_type else None,
            c.transfer_notified_on,
            met,
        )
        try:
            deadline = conference_deadline(timing, calendar=calendar, config=config)
        except MissingAnchorError:  # a conference without its anchor has no deadline to miss
            deadline = None
        if deadline is not None and deadline.kind in rules:
            rules[deadline.kind].rows.append((c.id, deadline, met))
        if met is not None:
            summary = summary_deadline(met, c.first_core_group_on, calendar=calendar, config=config)
            rules[TimescaleKind.SUMMARY_SENT].rows.append((c.id, summary, c.summary_sent_on))
            record = full_record_target(met, calendar=calendar, config=config)
            rules[TimescaleKind.FULL_RECORD_SENT].rows.append((c.id, record, c.record_sent_on))
    meetings: dict[str, list[date]] = defaultdict(list)
    for m in facts.core_groups:
        meetings[m.child_id].append(m.held_on)
    for held in meetings.values():
        held.sort()
    for e in facts.register_entries:
        if e.temporary:
            continue
        deadline = first_core_group_deadline(e.registered_on, calendar=calendar, config=config)
        first = next((d for d in meetings.get(e.child_id, ()) if d >= e.registered_on), None)
        rules[TimescaleKind.FIRST_CORE_GROUP].rows.append((e.id, deadline, first))
    return rules


def _timeliness(
    out: _Builder, facts: QualityFacts, period: Period, today: date, calendar: WorkingDayCalendar, config: RulesConfig
) -> None:
    as_of = min(period.end, today)
    for kind, rule in _deadlines(facts, calendar, config).items():
        on_time: list[str] = []
        late: list[tuple[str, int]] = []
        due_in_period = 0
        overdue: list[str] = []
        for record_id, deadline, met in rule.rows:
            if met is not None and met in period:
                if met <= deadline.due:
                    on_time.append(record_id)
                else:
                    late.append((record_id, calendar.working_days_between(deadline.due, met)))
            if deadline.due in period:
                due_in_period += 1
                if deadline.due < as_of and (met is None or met > as_of):
                    overdue.append(record_id)
        met_total = len(on_time) + len(late)
        prefix = f"timeliness.{kind.value}"
        out.add(f"{prefix}.on_time", "timeliness", on_time, met_total, rule.record_kind)
        out.add_late(f"{prefix}.late", late, met_total)
        out.add(f"{prefix}.open_overdue", "timeliness", overdue, due_in_period, rule.record_kind)


def compute(
    facts: QualityFacts,
    period: Period,
    *,
    today: date,
    scope: QualityScope | None = None,
    calendar: WorkingDayCalendar | None = None,
    config: RulesConfig | None = None,
) -> QualityReport:
    """Every measure of issue 13 over ``facts`` for ``period``.

    Args:
        facts: The narrow facts of the scope, extracted by the caller.
        period: The reporting period.
        today: The current date, supplied by the caller (never read from the clock).
        scope: Whose records these are, recorded on the report.
        calendar: Working-day calendar (the council's closures); bank holidays only when omitted.
        config: Rules configuration; the Wales defaults when omitted.

    Returns:
        The report, unsuppressed.
    """
    cal = calendar if calendar is not None else default_calendar()
    cfg = config if config is not None else DEFAULT_CONFIG
    out = _Builder()
    _timeliness(out, facts, period, today, cal, cfg)
    return QualityReport(period, scope or QualityScope(None, None), today, tuple(out.measures), False)


# ---------------------------------------------------------------------------------------------
# Suppression and the tabular form
# ---------------------------------------------------------------------------------------------


def _small(value: int | None) -> bool:
    return value is not None and 0 < value < SUPPRESSION_THRESHOLD


def suppress(report: QualityReport) -> QualityReport:
    """Small-number suppression for anything that leaves the council.

    Counts and denominators from 1 to 4 become :data:`SUPPRESSED`; 0 and 5 or more stay. Every
    measure loses its record ids (a board report names no child), and a statistic computed over
    fewer than 5 records loses its value.

    Args:
        report: An unsuppressed (or already suppressed) report.

    Returns:
        The suppressed report, ``suppressed=True``.
    """
    measures = []
    for m in report.measures:
        few = _small(m.count) or m.count == SUPPRESSED
        measures.append(
            replace(
                m,
                count=SUPPRESSED if _small(m.count) else m.count,
                denominator=SUPPRESSED if _small(m.denominator) else m.denominator,
                record_ids=(),
                late_working_days=(),
                value=None if (m.value is not None and few) else m.value,
            )
        )
    return replace(report, measures=tuple(measures), suppressed=True)


def report_rows(report: QualityReport) -> list[tuple[str, str | None, int, int | None]]:
    """The report as rows of (code, breakdown, count, denominator), in report order.

    Args:
        report: Any report.

    Returns:
        One row per measure; the form every CSV writes and the equal-figures test compares.
    """
    return [(m.code, m.breakdown, m.count, m.denominator) for m in report.measures]


def month_key(day: date) -> str:
    """The month breakdown of a date, e.g. ``"2026-03"``."""
    return f"{day.year:04d}-{day.month:02d}"


__all__ = [
    "GROUPS",
    "SUPPRESSED",
    "SUPPRESSION_THRESHOLD",
    "TIMELINESS_RULES",
    "AgencyReportFact",
    "AttendanceFact",
    "ChildFact",
    "ConferenceFact",
    "CoordinatorFact",
    "CoreGroupFact",
    "DecisionFact",
    "Measure",
    "Period",
    "QualityFacts",
    "QualityReport",
    "QualityScope",
    "RegisterEntryFact",
    "VoiceFact",
    "add_months",
    "compute",
    "month_key",
    "report_rows",
    "suppress",
]
