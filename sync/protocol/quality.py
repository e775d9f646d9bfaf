"""The quality measures of issue 13, defined once for the app and the register service.

Both sides extract the same narrow :class:`QualityFacts` from their own database with SQL (ids,
dates and codes only: no names, no free text) and call :func:`compute`, so a figure means the same
on the laptop, on the service and on the Today page (every timescale goes through
:mod:`sync.protocol.timescales` and the working-day calendar). :func:`suppress` applies small-number
suppression for anything that leaves the council, and :func:`report_rows` is the one tabular form
used by every CSV and by the equal-figures test.

Definitions (each :class:`Measure` has a stable ``code``; words for them are in ``desktop.quality_labels``):

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
import statistics
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo

from sync.protocol.calendar import WorkingDayCalendar, add_months, default_calendar
from sync.protocol.enums import (
    AdvocacyOffer,
    AgencyGrouping,
    AttendanceStatus,
    Category,
    ConferenceStatus,
    ConferenceType,
    EndReason,
    Language,
    Outcome,
    ParticipantKind,
    ParticipationMode,
)
from sync.protocol.register_rules import Presence, QuorumState, assess_quorum, birthday
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
        child_ids: The children considered.
        present_agencies: Agency groupings with a practitioner present (in person, remotely or
            excluded for part), sorted.
        quorum_agencies: Agency groupings counting for quorum (present and not excluded from the
            decision stage), sorted.
        invited_agencies: Agency groupings with a practitioner on the attendance list, sorted.
        report_agencies: Agency groupings that sent a written report, sorted.

    The agency tuples may instead be given as :class:`AttendanceFact` and :class:`AgencyReportFact`
    rows; :func:`compute` folds those in.
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
    child_ids: tuple[str, ...] = ()
    present_agencies: tuple[str, ...] = ()
    quorum_agencies: tuple[str, ...] = ()
    invited_agencies: tuple[str, ...] = ()
    report_agencies: tuple[str, ...] = ()

    @property
    def is_held(self) -> bool:
        """Held, and neither postponed nor inquorate."""
        return self.held_on is not None and self.status not in _NOT_HELD

    @property
    def sitting_on(self) -> date:
        """The date the conference counts on: held, else scheduled."""
        return self.held_on if self.held_on is not None else self.scheduled_on


_NOT_HELD = frozenset({ConferenceStatus.POSTPONED.value, ConferenceStatus.INQUORATE.value})
# Codes compared in loops over 100,000 rows (an enum member's .value is a slow property).
_POSTPONED = ConferenceStatus.POSTPONED.value
_INQUORATE = ConferenceStatus.INQUORATE.value
_ACCEPTED = AdvocacyOffer.ACCEPTED.value
_DECLINED = AdvocacyOffer.DECLINED.value
_WELSH = Language.CY.value
_REVIEW = ConferenceType.REVIEW.value
_TRANSFER_IN = ConferenceType.TRANSFER_IN.value
_DEREGISTER = Outcome.DEREGISTER.value
_MOVED = EndReason.MOVED_PERMANENTLY.value
_CATEGORY_CODES = tuple(c.value for c in Category)
_END_REASON_CODES = tuple(r.value for r in EndReason)


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
    # A deadline depends only on its anchors, and a year has a few hundred distinct anchor dates:
    # each is computed once (100,000 conferences would otherwise cost a second of calendar look-ups).
    by_anchors: dict[tuple[str, date | None, date | None, str | None, date | None], Deadline | None] = {}
    summaries: dict[tuple[date, date | None], Deadline] = {}
    records: dict[date, Deadline] = {}
    summary_rows = rules[TimescaleKind.SUMMARY_SENT].rows
    record_rows = rules[TimescaleKind.FULL_RECORD_SENT].rows
    for c in facts.conferences:
        if c.status in _NOT_HELD:
            continue  # the conference rescheduled in its place carries the deadline
        met = c.held_on if c.is_held else None
        key = (c.type, c.strategy_discussion_on, c.previous_conference_on, c.previous_conference_type,
               c.transfer_notified_on)  # fmt: skip
        if key in by_anchors:
            deadline = by_anchors[key]
        else:
            timing = ConferenceTiming(
                ConferenceType(c.type),
                (c.strategy_discussion_on,) if c.strategy_discussion_on is not None else (),
                c.previous_conference_on,
                ConferenceType(c.previous_conference_type) if c.previous_conference_type else None,
                c.transfer_notified_on,
            )
            try:
                deadline = conference_deadline(timing, calendar=calendar, config=config)
            except MissingAnchorError:  # a conference without its anchor has no deadline to miss
                deadline = None
            by_anchors[key] = deadline
        if deadline is not None and deadline.kind in rules:
            rules[deadline.kind].rows.append((c.id, deadline, met))
        if met is not None:
            summary = summaries.get((met, c.first_core_group_on))
            if summary is None:
                summary = summary_deadline(met, c.first_core_group_on, calendar=calendar, config=config)
                summaries[(met, c.first_core_group_on)] = summary
            summary_rows.append((c.id, summary, c.summary_sent_on))
            record = records.get(met)
            if record is None:
                record = records[met] = full_record_target(met, calendar=calendar, config=config)
            record_rows.append((c.id, record, c.record_sent_on))
    meetings: dict[str, list[date]] = defaultdict(list)
    for m in facts.core_groups:
        meetings[m.child_id].append(m.held_on)
    for held in meetings.values():
        held.sort()
    core_groups: dict[date, Deadline] = {}
    for e in facts.register_entries:
        if e.temporary:
            continue
        deadline = core_groups.get(e.registered_on)
        if deadline is None:
            deadline = core_groups[e.registered_on] = first_core_group_deadline(
                e.registered_on, calendar=calendar, config=config
            )
        # The first meeting within this registration episode (not one of a later episode).
        first = next(
            (
                d
                for d in meetings.get(e.child_id, ())
                if d >= e.registered_on and (e.ended_on is None or d <= e.ended_on)
            ),
            None,
        )
        rules[TimescaleKind.FIRST_CORE_GROUP].rows.append((e.child_id, deadline, first))
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
        start, end = period.start, period.end
        for record_id, deadline, met in rule.rows:
            if met is not None and start <= met <= end:
                if met <= deadline.due:
                    on_time.append(record_id)
                else:
                    late.append((record_id, calendar.working_days_between(deadline.due, met)))
            if start <= deadline.due <= end:
                due_in_period += 1
                if deadline.due < as_of and (met is None or met > as_of):
                    overdue.append(record_id)
        met_total = len(on_time) + len(late)
        prefix = f"timeliness.{kind.value}"
        out.add(f"{prefix}.on_time", "timeliness", on_time, met_total, rule.record_kind)
        out.add_late(f"{prefix}.late", late, met_total)
        out.add(f"{prefix}.open_overdue", "timeliness", overdue, due_in_period, rule.record_kind)


AGENCY_BANDS = ("social_services", "police", "health", "education", "other")
AGE_BANDS = ("unborn", "under_1", "1_4", "5_9", "10_15", "16_17", "unknown")
CHANGE_BANDS = ("0", "1", "2", "3_or_more")
_BANDED = frozenset(AGENCY_BANDS[:-1])
_DIRECT = "directly"


def agency_band(agency: str | None) -> str:
    """The report's agency band of an :class:`AgencyGrouping` code (the rest are ``"other"``)."""
    return agency if agency in _BANDED else "other"


def _with_attendance(facts: QualityFacts) -> list[ConferenceFact]:
    """Conferences with any attendance and report rows folded into their agency tuples."""
    if not facts.attendance and not facts.agency_reports:
        return list(facts.conferences)
    present: dict[str, set[str]] = defaultdict(set)
    quorum: dict[str, set[str]] = defaultdict(set)
    invited: dict[str, set[str]] = defaultdict(set)
    reports: dict[str, set[str]] = defaultdict(set)
    for a in facts.attendance:
        if a.agency is None:
            continue
        invited[a.conference_id].add(a.agency)
        if a.present:
            present[a.conference_id].add(a.agency)
        if a.counts_for_quorum:
            quorum[a.conference_id].add(a.agency)
    for r in facts.agency_reports:
        reports[r.conference_id].add(r.agency)

    def merged(base: tuple[str, ...], extra: dict[str, set[str]], key: str) -> tuple[str, ...]:
        return tuple(sorted(set(base) | extra.get(key, set())))

    return [
        replace(
            c,
            present_agencies=merged(c.present_agencies, present, c.id),
            quorum_agencies=merged(c.quorum_agencies, quorum, c.id),
            invited_agencies=merged(c.invited_agencies, invited, c.id),
            report_agencies=merged(c.report_agencies, reports, c.id),
        )
        for c in facts.conferences
    ]


def _quorum_state(
    c: ConferenceFact, config: RulesConfig, cache: dict[tuple[frozenset[str], bool], QuorumState]
) -> QuorumState:
    key = (frozenset(c.quorum_agencies), c.quorum_reason_given)
    state = cache.get(key)
    if state is not None:
        return state
    agencies = []
    for code in key[0]:
        try:
            agencies.append(
                Presence(ParticipantKind.PRACTITIONER, AttendanceStatus.PRESENT_IN_PERSON, AgencyGrouping(code))
            )
        except ValueError:
            continue  # an agency code this version does not know counts as nothing, as in register_rules
    reason = "given" if c.quorum_reason_given else None
    state = assess_quorum(
        agencies, chair_reason=reason, needed=config.quorum_agencies, with_reason=config.quorum_agencies_with_reason
    ).state
    cache[key] = state
    return state


def _anchor(c: ConferenceFact) -> date | None:
    return c.strategy_discussion_on or c.previous_conference_on or c.transfer_notified_on


def _first_date(held: ConferenceFact, lost: dict[str, list[ConferenceFact]]) -> bool:
    """No postponed or inquorate sitting of the same type for one of its children since the anchor."""
    anchor = _anchor(held)
    for child_id in held.child_ids:
        for other in lost.get(child_id, ()):
            if other.type == held.type and other.sitting_on <= held.sitting_on:
                if anchor is None or other.sitting_on >= anchor:
                    return False
    return True


def _voice_and_language(
    out: _Builder, facts: QualityFacts, held: dict[str, ConferenceFact], decisions: list[DecisionFact]
) -> None:
    g = "voice"
    voices = {(v.conference_id, v.child_id): v for v in facts.voices}
    total = len(decisions)
    recorded: list[str] = []
    heard: dict[str, list[str]] = {mode.value: [] for mode in ParticipationMode}
    not_possible: list[str] = []
    offered: list[str] = []
    taken_up: list[str] = []
    for d in decisions:
        v = voices.get((d.conference_id, d.child_id))
        if v is None:
            continue
        if v.has_content and v.participation_mode is not None:
            recorded.append(d.id)
        if v.participation_mode in heard:
            heard[v.participation_mode].append(d.id)
        elif v.not_recorded_reason_given:
            not_possible.append(d.id)
        if v.advocacy_offer in (_ACCEPTED, _DECLINED):
            offered.append(d.id)
            if v.advocacy_offer == _ACCEPTED:
                taken_up.append(d.id)
    out.add("voice.recorded", g, recorded, total, "decision")
    for mode, ids in heard.items():
        out.add("voice.heard", g, ids, total, "decision", breakdown=mode)
    out.add("voice.heard", g, not_possible, total, "decision", breakdown="not_possible_with_reason")
    out.add("voice.advocacy.offered", g, offered, total, "decision")
    out.add("voice.advocacy.taken_up", g, taken_up, len(offered), "decision")
    out.add(
        "voice.welsh_active_offer",
        g,
        (c.id for c in held.values() if c.welsh_active_offer_made),
        len(held),
        "conference",
    )
    out.add(
        "voice.held_in_welsh",
        g,
        (c.id for c in held.values() if c.language == _WELSH),
        len(held),
        "conference",
    )


def _multi_agency(
    out: _Builder,
    conferences: list[ConferenceFact],
    period: Period,
    held: dict[str, ConferenceFact],
    config: RulesConfig,
) -> None:
    g = "multi_agency"
    sittings = [c for c in conferences if (c.is_held or c.status in _NOT_HELD) and c.sitting_on in period]
    lost: dict[str, list[ConferenceFact]] = defaultdict(list)
    for c in conferences:
        if c.status in _NOT_HELD:
            for child_id in c.child_ids:
                lost[child_id].append(c)
    present_bands = {c.id: {agency_band(a) for a in c.present_agencies} for c in held.values()}
    for band in AGENCY_BANDS:
        ids = [cid for cid, bands in present_bands.items() if band in bands]
        out.add("multi_agency.attendance", g, ids, len(held), "conference", breakdown=band)
    quorum_cache: dict[tuple[frozenset[str], bool], QuorumState] = {}
    states = {c.id: _quorum_state(c, config, quorum_cache) for c in held.values()}
    decided = (QuorumState.QUORATE, QuorumState.PROCEED_WITH_REASON)
    first = [c.id for c in held.values() if states[c.id] in decided and _first_date(c, lost)]
    out.add("multi_agency.quorate_first_date", g, first, len(sittings), "conference")
    out.add(
        "multi_agency.postponed",
        g,
        (c.id for c in sittings if c.status == _POSTPONED),
        len(sittings),
        "conference",
    )
    out.add(
        "multi_agency.inquorate",
        g,
        (c.id for c in sittings if c.status == _INQUORATE),
        len(sittings),
        "conference",
    )
    absent_bands: dict[str, set[str]] = {}
    report_bands: dict[str, set[str]] = {}
    for c in held.values():
        absent_bands[c.id] = {agency_band(a) for a in c.invited_agencies} - present_bands[c.id]
        report_bands[c.id] = {agency_band(a) for a in c.report_agencies}
    for band in AGENCY_BANDS:
        absent = [cid for cid, bands in absent_bands.items() if band in bands]
        sent = [cid for cid in absent if band in report_bands[cid]]
        out.add("multi_agency.report_from_absent_agency", g, sent, len(absent), "conference", breakdown=band)
    exceptional = [cid for cid, state in states.items() if state is QuorumState.PROCEED_WITH_REASON]
    out.add("multi_agency.two_agency_exception", g, exceptional, len(held), "conference")


def _active(e: RegisterEntryFact, day: date) -> bool:
    return e.registered_on <= day and (e.ended_on is None or e.ended_on > day)


def _decisions(
    out: _Builder,
    facts: QualityFacts,
    period: Period,
    as_of: date,
    held: dict[str, ConferenceFact],
    decisions: list[DecisionFact],
) -> None:
    g = "decisions"
    entries = [e for e in facts.register_entries if not e.temporary]
    begun = [e for e in entries if e.registered_on in period]
    ended = [e for e in entries if e.ended_on is not None and e.ended_on in period]
    out.add("decisions.registrations", g, (e.child_id for e in begun), None, "child")
    for category in _CATEGORY_CODES:
        ids = [e.child_id for e in begun if category in e.categories]
        out.add("decisions.registrations", g, ids, len(begun), "child", breakdown=category)
    out.add("decisions.removals", g, (e.child_id for e in ended), None, "child")
    for category in _CATEGORY_CODES:
        ids = [e.child_id for e in ended if category in e.categories]
        out.add("decisions.removals", g, ids, len(ended), "child", breakdown=category)
    for reason in _END_REASON_CODES:
        ids = [e.child_id for e in ended if e.end_reason == reason]
        out.add("decisions.removals_by_reason", g, ids, len(ended), "child", breakdown=reason)
    begun_by_month: dict[str, list[str]] = defaultdict(list)
    for e in begun:
        begun_by_month[month_key(e.registered_on)].append(e.child_id)
    ended_by_month: dict[str, list[str]] = defaultdict(list)
    for e in ended:
        if e.ended_on is not None:
            ended_by_month[month_key(e.ended_on)].append(e.child_id)
    for month in _months(period):
        out.add("decisions.registrations_by_month", g, begun_by_month.get(month, ()), None, "child", breakdown=month)
        out.add("decisions.removals_by_month", g, ended_by_month.get(month, ()), None, "child", breakdown=month)

    total = len(decisions)
    out.add("decisions.consensus", g, (d.id for d in decisions if d.consensus is True), total, "decision")
    out.add("decisions.chair_decided", g, (d.id for d in decisions if d.chair_decided), total, "decision")
    out.add("decisions.with_dissent", g, (d.id for d in decisions if d.dissent_count > 0), total, "decision")
    first_reviews = [
        d
        for d in decisions
        if held[d.conference_id].type == _REVIEW
        and held[d.conference_id].previous_conference_type in _BEFORE_FIRST_REVIEW
    ]
    removed = [d.id for d in first_reviews if d.outcome == _DEREGISTER]
    out.add("decisions.removed_at_first_review", g, removed, len(first_reviews), "decision")

    by_child: dict[str, list[RegisterEntryFact]] = defaultdict(list)
    for e in entries:
        by_child[e.child_id].append(e)
    again = []
    for e in begun:
        window = add_months(e.registered_on, -12)
        if any(
            p is not e and p.ended_on is not None and window <= p.ended_on <= e.registered_on
            for p in by_child[e.child_id]
        ):
            again.append(e.child_id)
    out.add("decisions.reregistered_within_12_months", g, again, len(begun), "child")
    active = [e for e in entries if _active(e, as_of)]
    for months in (12, 24):
        cut = add_months(as_of, -months)
        ids = [e.child_id for e in active if e.registered_on <= cut]
        out.add(f"decisions.on_register_over_{months}_months", g, ids, len(active), "child")


_BEFORE_FIRST_REVIEW = frozenset({ConferenceType.INITIAL.value, _TRANSFER_IN})


def _months(period: Period) -> list[str]:
    months = []
    day = date(period.start.year, period.start.month, 1)
    while day <= period.end:
        months.append(month_key(day))
        day = add_months(day, 1)
    return months


def _continuity(out: _Builder, facts: QualityFacts, period: Period, as_of: date) -> None:
    g = "continuity"
    children = sorted(
        {
            e.child_id
            for e in facts.register_entries
            if not e.temporary and e.registered_on <= period.end and (e.ended_on is None or e.ended_on >= period.start)
        }
    )
    starts: dict[str, list[date]] = defaultdict(list)
    for a in facts.coordinators:
        starts[a.child_id].append(a.from_date)
    window = (add_months(as_of, -12), as_of)
    changes: dict[str, int] = {}
    recent: list[str] = []
    for child_id in children:
        # The first assignment is not a change; every later one is.
        later = sorted(starts.get(child_id, ()))[1:]
        changes[child_id] = sum(1 for d in later if d in period)
        if sum(1 for d in later if window[0] < d <= window[1]) >= 3:
            recent.append(child_id)
    values = sorted(changes.values())
    median = statistics.median(values) if values else None
    out.measures.append(
        Measure("continuity.changes.median", g, len(values), None, "child", tuple(children), value=median)
    )
    top = float(values[-1]) if values else None
    out.measures.append(
        Measure("continuity.changes.maximum", g, len(values), None, "child", tuple(children), value=top)
    )
    for band in CHANGE_BANDS:
        ids = [cid for cid, n in changes.items() if (str(n) == band if band != "3_or_more" else n >= 3)]
        out.add("continuity.changes", g, ids, len(children), "child", breakdown=band)
    out.add("continuity.three_or_more_in_12_months", g, recent, len(children), "child")


def _age_band(child: ChildFact | None, day: date) -> str:
    if child is None:
        return "unknown"
    if child.unborn:
        return "unborn"
    if child.date_of_birth is None:
        return "unknown"
    dob = child.date_of_birth
    age = day.year - dob.year - ((day.month, day.day) < (dob.month, dob.day))
    if age < 1:
        return "under_1"
    for band, top in (("1_4", 4), ("5_9", 9), ("10_15", 15)):
        if age <= top:
            return band
    return "16_17"


def _register_now(
    out: _Builder,
    facts: QualityFacts,
    period: Period,
    as_of: date,
    conferences: list[ConferenceFact],
    config: RulesConfig,
) -> None:
    g = "register_now"
    active = [e for e in facts.register_entries if _active(e, as_of)]
    permanent = [e for e in active if not e.temporary]
    out.add("register_now.on_register", g, (e.child_id for e in permanent), None, "child")
    for category in _CATEGORY_CODES:
        ids = [e.child_id for e in permanent if category in e.categories]
        out.add("register_now.on_register", g, ids, len(permanent), "child", breakdown=category)
    kids = {c.id: c for c in facts.children}
    by_band: dict[str, list[str]] = defaultdict(list)
    for e in permanent:
        by_band[_age_band(kids.get(e.child_id), as_of)].append(e.child_id)
    for band in AGE_BANDS:
        out.add("register_now.by_age", g, by_band.get(band, ()), len(permanent), "child", breakdown=band)
    soon = as_of + timedelta(days=90)
    turning = []
    for e in permanent:
        child = kids.get(e.child_id)
        if child is not None and child.date_of_birth is not None and not child.unborn:
            if as_of < birthday(child.date_of_birth, config.adulthood_age) <= soon:
                turning.append(e.child_id)
    out.add("register_now.turning_18_within_90_days", g, turning, len(permanent), "child")
    out.add("register_now.temporary", g, (e.child_id for e in active if e.temporary), None, "child")
    transfers_in = [c.id for c in conferences if c.type == _TRANSFER_IN and c.is_held and c.held_on in period]
    out.add("register_now.transfers_in", g, transfers_in, None, "conference")
    moved = [
        e.child_id
        for e in facts.register_entries
        if e.end_reason == _MOVED and e.ended_on is not None and e.ended_on in period
    ]
    out.add("register_now.transfers_out", g, moved, None, "child")


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
    as_of = min(period.end, today)
    conferences = _with_attendance(facts)
    held = {c.id: c for c in conferences if c.is_held and c.held_on in period}
    decisions = [d for d in facts.decisions if d.conference_id in held and d.outcome is not None]
    out = _Builder()
    _timeliness(out, replace(facts, conferences=tuple(conferences)), period, today, cal, cfg)
    _voice_and_language(out, facts, held, decisions)
    _multi_agency(out, conferences, period, held, cfg)
    _decisions(out, facts, period, as_of, held, decisions)
    _continuity(out, facts, period, as_of)
    _register_now(out, facts, period, as_of, conferences, cfg)
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


#: How far before the period both sides read facts: a deadline met in the period may be anchored a year back.
LOOK_BACK = timedelta(days=400)

_WALES = ZoneInfo("Europe/London")


@lru_cache(maxsize=4096)
def fact_day(text: str | None) -> date | None:
    """The date of a stored or wire date (or the date part of a time); None for none."""
    return None if not text else date.fromisoformat(text[:10])


def required_day(text: str | None) -> date:
    """:func:`fact_day` of a date a fact cannot be without.

    Raises:
        ValueError: ``date_missing``.
    """
    day = fact_day(text)
    if day is None:
        raise ValueError("date_missing")
    return day


def wales_day(text: str) -> date:
    """The day in Wales of a stored or wire time (naive means UTC; ``Z`` or an offset is honoured).

    Wales is UTC or UTC+1, so a UTC time before 23:00 falls on its own date and needs no zone
    arithmetic; only the others are converted (each distinct text once).
    """
    tail = text[19:]
    in_utc = not any(c in tail for c in "+-") or tail.endswith("+00:00")
    if in_utc and text[11:13] < "23":
        return required_day(text[:10])
    return _converted_day(text)


@lru_cache(maxsize=4096)
def _converted_day(text: str) -> date:
    moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(_WALES).date()


def month_key(day: date) -> str:
    """The month breakdown of a date, e.g. ``"2026-03"``."""
    return f"{day.year:04d}-{day.month:02d}"


__all__ = [
    "GROUPS",
    "LOOK_BACK",
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
    "AGE_BANDS",
    "AGENCY_BANDS",
    "CHANGE_BANDS",
    "add_months",
    "agency_band",
    "compute",
    "fact_day",
    "required_day",
    "wales_day",
    "month_key",
    "report_rows",
    "suppress",
]
