"""The quality picture of a whole council's register (issue 13), read from the service's records by SQL.

The service keeps each record as JSON in ``entities.payload_json`` (``EntityHead``).
:func:`read_facts` pulls the narrow :class:`~sync.protocol.quality.QualityFacts` out of it with the database's own JSON
functions (``json_extract`` on SQLite, ``->>`` on PostgreSQL): filtered by council and period in
SQL, only the fields a measure needs, attendance, agency reports, children and outline plans
aggregated per conference with GROUP BY. :func:`council_report` then calls
:func:`sync.protocol.quality.compute`, the same function the app calls over its own database, so the
two sets of figures agree.

The service holds no core group meetings (the app keeps them locally), so its first-core-group
figure counts every registration as still open; see ``LOCAL_ONLY_MEASURES``.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
from collections.abc import Sequence
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import text
from sqlalchemy.orm import Session

from sync.protocol.enums import PRESENT_STATUSES, Entity, ParticipantKind
from sync.protocol.messages import QualityResponse, QualityRow
from sync.protocol.quality import (
    LOOK_BACK,
    SUPPRESSED,
    ChildFact,
    ConferenceFact,
    CoordinatorFact,
    DecisionFact,
    Period,
    QualityFacts,
    QualityReport,
    QualityScope,
    RegisterEntryFact,
    VoiceFact,
    compute,
    fact_day,
    report_rows,
    required_day,
    suppress,
    wales_day,
)
from sync.service.models import ServerMeta

logger = logging.getLogger(__name__)

#: Measure codes the service cannot know: the records behind them stay on the laptops.
LOCAL_ONLY_MEASURES = frozenset({"timeliness.first_core_group"})

#: The longest period a report may cover (five years and a day or two for leap years).
MAX_PERIOD_DAYS = 5 * 366

_WALES = ZoneInfo("Europe/London")
_PRESENT = ", ".join(f"'{s.value}'" for s in sorted(PRESENT_STATUSES))
_PRACTITIONER = ParticipantKind.PRACTITIONER.value


class _Sql:
    """The JSON and aggregate functions of one SQL dialect."""

    def __init__(self, dialect: str) -> None:
        self.pg = dialect == "postgresql"

    def j(self, alias: str, key: str) -> str:
        """One top-level field of a record's payload, as text (booleans and arrays as JSON text)."""
        if self.pg:
            return f"(({alias}.payload_json)::jsonb ->> '{key}')"
        return f"json_extract({alias}.payload_json, '$.{key}')"

    def agg(self, expr: str) -> str:
        """Distinct values joined by commas."""
        if self.pg:
            return f"string_agg(DISTINCT {expr}, ',')"
        return f"group_concat(DISTINCT {expr})"

    def array_length(self, alias: str, key: str) -> str:
        if self.pg:
            return f"coalesce(jsonb_array_length(({alias}.payload_json)::jsonb -> '{key}'), 0)"
        return f"coalesce(json_array_length({alias}.payload_json, '$.{key}'), 0)"

    def is_false(self, alias: str, key: str) -> str:
        """A boolean field that is false or absent."""
        if self.pg:
            return f"coalesce(({alias}.payload_json)::jsonb ->> '{key}', 'false') = 'false'"
        return f"coalesce(json_extract({alias}.payload_json, '$.{key}'), 0) = 0"

    def heads(self, entity: Entity, alias: str) -> str:
        """The live records of one type of the council (a FROM item)."""
        return (
            f"(SELECT * FROM entities WHERE entity = '{entity.value}' AND council_id = :council AND NOT voided) {alias}"
        )


def wales_today(now: dt.datetime) -> dt.date:
    """The day in Wales at the service's ``now`` (aware UTC)."""
    return now.astimezone(_WALES).date()


def _bool(value: Any) -> bool:
    return value in (True, 1, "1", "true")


def _opt_bool(value: Any) -> bool | None:
    return None if value is None else _bool(value)


def _codes(value: str | None) -> tuple[str, ...]:
    return () if not value else tuple(sorted(value.split(",")))


def _array(value: Any) -> tuple[str, ...]:
    if not value:
        return ()
    items = json.loads(value) if isinstance(value, str) else value
    return tuple(str(i) for i in items)


def _rows(session: Session, sql: str, params: dict[str, Any]) -> Sequence[Any]:
    return session.execute(text(sql), params).all()


def read_facts(session: Session, period: Period, council_id: str) -> QualityFacts:
    """The facts of ``council_id`` that ``period``'s measures need, read by SQL from ``entities``."""
    q = _Sql(session.get_bind().dialect.name)
    lo = period.start - LOOK_BACK
    params: dict[str, Any] = {
        "council": council_id,
        "lo": lo.isoformat(),
        "start": period.start.isoformat(),
        "end": period.end.isoformat(),
    }
    conferences = _conferences(session, q, params)
    held = f"{q.j('c', 'held_on')} BETWEEN :start AND :end"
    decisions = tuple(
        DecisionFact(r[0], r[1], r[2], r[3], _array(r[4]), r[5] or "draft", _opt_bool(r[6]), _bool(r[7]), int(r[8]))
        for r in _rows(
            session,
            f"""
            SELECT d.entity_id, {q.j("d", "conference_id")}, {q.j("d", "child_id")}, {q.j("d", "outcome")},
                   {q.j("d", "categories")}, {q.j("d", "state")}, {q.j("d", "consensus")},
                   {q.j("d", "chair_decided")}, {q.array_length("d", "dissent")}
            FROM {q.heads(Entity.DECISION, "d")}
            JOIN {q.heads(Entity.CONFERENCE, "c")} ON c.entity_id = {q.j("d", "conference_id")}
            WHERE {q.j("d", "outcome")} IS NOT NULL AND {held}
            """,
            params,
        )
    )
    voices = tuple(
        VoiceFact(r[0], r[1], r[2], r[3] or "", bool(r[4] or r[5]), bool(r[6]))
        for r in _rows(
            session,
            f"""
            SELECT {q.j("v", "conference_id")}, {q.j("v", "child_id")}, {q.j("v", "participation_mode")},
                   {q.j("v", "advocacy_offer")}, nullif({q.j("v", "wishes_and_feelings")}, ''),
                   nullif({q.j("v", "lived_experience")}, ''), nullif({q.j("v", "not_recorded_reason")}, '')
            FROM {q.heads(Entity.CHILD_VOICE, "v")}
            JOIN {q.heads(Entity.CONFERENCE, "c")} ON c.entity_id = {q.j("v", "conference_id")}
            WHERE {held}
            """,
            params,
        )
    )
    registered, ended = q.j("e", "registered_on"), q.j("e", "ended_on")
    entry_where = f"{registered} <= :end AND ({ended} IS NULL OR {ended} >= :lo)"
    entries = tuple(
        RegisterEntryFact(r[0], r[1], required_day(r[2]), _array(r[3]), _bool(r[4]), fact_day(r[5]), r[6], r[7])
        for r in _rows(
            session,
            f"""SELECT e.entity_id, {q.j("e", "child_id")}, {registered}, {q.j("e", "categories")},
                       {q.j("e", "temporary")}, {ended}, {q.j("e", "end_reason")}, {q.j("e", "conference_id")}
                FROM {q.heads(Entity.REGISTER_ENTRY, "e")} WHERE {registered} IS NOT NULL AND {entry_where}""",
            params,
        )
    )
    kids = f"SELECT {q.j('e', 'child_id')} FROM {q.heads(Entity.REGISTER_ENTRY, 'e')} WHERE {entry_where}"
    children = tuple(
        ChildFact(r[0], fact_day(r[1]), _bool(r[2]))
        for r in _rows(
            session,
            f"""SELECT ch.entity_id, {q.j("ch", "date_of_birth")}, {q.j("ch", "unborn")}
                FROM {q.heads(Entity.CHILD, "ch")} WHERE ch.entity_id IN ({kids})""",
            params,
        )
    )
    from_date = q.j("a", "from_date")
    coordinators = tuple(
        CoordinatorFact(r[0], required_day(r[1]))
        for r in _rows(
            session,
            f"""SELECT {q.j("a", "child_id")}, {from_date} FROM {q.heads(Entity.COORDINATOR_ASSIGNMENT, "a")}
                WHERE {from_date} IS NOT NULL AND {from_date} <= :end AND {q.j("a", "child_id")} IN ({kids})""",
            params,
        )
    )
    return QualityFacts(
        conferences=conferences,
        decisions=decisions,
        voices=voices,
        register_entries=entries,
        children=children,
        coordinators=coordinators,
    )


def _per_conference(session: Session, params: dict[str, Any], sql: str) -> dict[str, tuple[Any, ...]]:
    """One aggregate per conference (``SELECT conference_id, ...``), keyed by conference id."""
    return {str(r[0]): tuple(r[1:]) for r in _rows(session, sql, params) if r[0] is not None}


def _conferences(session: Session, q: _Sql, params: dict[str, Any]) -> tuple[ConferenceFact, ...]:
    # Each aggregate is its own GROUP BY scan: joining derived tables keyed by a JSON field leaves
    # the database no index to join on (quadratic on SQLite).
    def c(key: str) -> str:
        return q.j("c", key)

    def conference_of(alias: str = "x") -> str:
        return q.j(alias, "conference_id")

    status, kind, agency = q.j("x", "status"), q.j("x", "participant_kind"), q.j("x", "agency_grouping")
    present = f"CASE WHEN {status} IN ({_PRESENT}) THEN {agency} END"
    quorum = f"CASE WHEN {status} IN ({_PRESENT}) AND {q.is_false('x', 'excluded_from_decision')} THEN {agency} END"
    kids = _per_conference(
        session,
        params,
        f"SELECT {conference_of()}, {q.agg(q.j('x', 'child_id'))} FROM {q.heads(Entity.CONFERENCE_CHILD, 'x')}"
        " GROUP BY 1",
    )
    attendance = _per_conference(
        session,
        params,
        f"""SELECT {conference_of()}, {q.agg(agency)}, {q.agg(present)}, {q.agg(quorum)}
            FROM {q.heads(Entity.ATTENDANCE, "x")}
            WHERE {kind} = '{_PRACTITIONER}' AND {agency} IS NOT NULL GROUP BY 1""",
    )
    reports = _per_conference(
        session,
        params,
        f"SELECT {conference_of()}, {q.agg(q.j('x', 'agency'))} FROM {q.heads(Entity.AGENCY_REPORT, 'x')} GROUP BY 1",
    )
    plans = _per_conference(
        session,
        params,
        f"SELECT {conference_of()}, min({q.j('x', 'first_core_group_on')}) FROM {q.heads(Entity.OUTLINE_PLAN, 'x')}"
        " GROUP BY 1",
    )
    rows = _rows(
        session,
        f"""
        SELECT c.entity_id, {c("type")}, {c("status")}, {c("scheduled_for")}, {c("held_on")},
               {c("strategy_discussion_on")}, {c("previous_conference_on")}, {q.j("p", "type")},
               {c("transfer_notified_on")}, {c("summary_sent_on")}, {c("record_sent_on")},
               {c("language")}, {c("welsh_active_offer_made")}, nullif({c("quorum_override_reason")}, ''),
               {c("chair_user_id")}
        FROM {q.heads(Entity.CONFERENCE, "c")}
        LEFT JOIN {q.heads(Entity.CONFERENCE, "p")} ON p.entity_id = {c("previous_conference_id")}
        WHERE {c("held_on")} >= :lo OR ({c("held_on")} IS NULL AND {c("scheduled_for")} >= :lo)
        """,
        params,
    )
    none: tuple[Any, ...] = (None, None, None)
    out = []
    for r in rows:
        if r[3] is None:
            continue  # a conference not yet given a date has no deadline and no meeting
        cid = str(r[0])
        invited, present_at, quorate = attendance.get(cid, none)
        out.append(
            ConferenceFact(
                cid,
                r[1],
                r[2] or "",
                wales_day(r[3]),
                fact_day(r[4]),
                fact_day(r[5]),
                fact_day(r[6]),
                r[7],
                fact_day(r[8]),
                fact_day(r[9]),
                fact_day(r[10]),
                fact_day(plans.get(cid, (None,))[0]),
                r[11] or "en",
                _bool(r[12]),
                bool(r[13]),
                r[14],
                _codes(kids.get(cid, (None,))[0]),
                _codes(present_at),
                _codes(quorate),
                _codes(invited),
                _codes(reports.get(cid, (None,))[0]),
            )
        )
    return tuple(out)


def council_report(
    session: Session, period: Period, council_id: str, *, today: dt.date, suppressed: bool
) -> QualityReport:
    """Every measure for ``period`` over the whole council's register; suppressed when the council asks."""
    facts = read_facts(session, period, council_id)
    report = compute(facts, period, today=today, scope=QualityScope(council_id, None))
    return suppress(report) if suppressed else report


def suppression_key(council_id: str) -> str:
    """The ``server_meta`` key that says a council's quality reports are suppressed."""
    return f"quality.suppress:{council_id}"


def council_suppresses(session: Session, council_id: str) -> bool:
    """Whether the council asked for small-number suppression of every quality report."""
    row = session.get(ServerMeta, suppression_key(council_id))
    return row is not None and row.value == "on"


def set_council_suppression(session: Session, council_id: str, on: bool) -> None:
    """Record a council's choice (``cofnod-register admin quality-suppression``)."""
    row = session.get(ServerMeta, suppression_key(council_id))
    if row is None:
        session.add(ServerMeta(key=suppression_key(council_id), value="on" if on else "off"))
    else:
        row.value = "on" if on else "off"


def response(report: QualityReport, council_id: str) -> QualityResponse:
    """The report as the API's answer: counts only, a suppressed count as None with its flag."""

    def shown(n: int | None) -> int | None:
        return None if n == SUPPRESSED else n

    return QualityResponse(
        council_id=council_id,
        period_from=report.period.start,
        period_to=report.period.end,
        produced_on=report.produced_on,
        suppressed=report.suppressed,
        rows=[
            QualityRow(
                code=code,
                breakdown=breakdown,
                count=shown(count),
                denominator=shown(denominator),
                fewer_than_five=count == SUPPRESSED,
            )
            for code, breakdown, count, denominator in report_rows(report)
        ],
    )


__all__ = [
    "LOCAL_ONLY_MEASURES",
    "council_report",
    "council_suppresses",
    "read_facts",
    "response",
    "set_council_suppression",
    "suppression_key",
]
