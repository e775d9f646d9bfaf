"""The quality picture of a profile's own data (issue 13): facts read by SQL, measures from the protocol.

:class:`QualityService` reads the narrow :class:`~sync.protocol.quality.QualityFacts` from the
local database with a handful of SQL statements (narrow columns only, filtered by scope and period
in SQL, attendance, reports, children and outline plans aggregated per conference with GROUP BY), so
a year over 100,000 conferences never loads an ORM row. The figures come from
:func:`sync.protocol.quality.compute`, the same function the register service calls, so the app's
and the service's figures agree.

Who sees what (``desktop.domain.permissions``, section 9): a chair sees the conferences they chair
and the children considered at them; a register custodian or an administrator may ask for the
whole council's. A report for a board is suppressed (``suppress``) and names no record.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from sqlalchemy import Connection, bindparam, select, text

from desktop.domain.calendar import calendar_with_closures
from desktop.services.base import CurrentUser, ServiceContext
from desktop.services.errors import PermissionDeniedError
from desktop.store.meta import get_meta
from desktop.store.orm import ClosureDay, User
from sync.protocol.enums import PRESENT_STATUSES, ParticipantKind, Role
from sync.protocol.quality import (
    LOOK_BACK,
    ChildFact,
    ConferenceFact,
    CoordinatorFact,
    CoreGroupFact,
    DecisionFact,
    Measure,
    Period,
    QualityFacts,
    QualityReport,
    QualityScope,
    RegisterEntryFact,
    VoiceFact,
    compute,
    fact_day,
    required_day,
    suppress,
    wales_day,
)

logger = logging.getLogger(__name__)

#: Roles that may see the whole council's figures.
COUNCIL_WIDE_ROLES = frozenset({Role.REGISTER_CUSTODIAN.value, Role.ADMINISTRATOR.value})

_PRESENT_CODES = frozenset(s.value for s in PRESENT_STATUSES)
_PRACTITIONER = ParticipantKind.PRACTITIONER.value


@dataclass(frozen=True, slots=True)
class QualityRecord:
    """One line of the list behind a figure (no free text).

    Attributes:
        id: The record's id.
        kind: ``"conference"``, ``"child"`` or ``"decision"``.
        reference: The conference reference (conferences and decisions), else "".
        name: The child's name (children and decisions), else "".
        on: The conference's date, or the child's date of birth.
        code: The conference type, or the decision's outcome code, else "".
        late_working_days: For a late timescale row, the working days late.
    """

    id: str
    kind: str
    reference: str
    name: str
    on: dt.date | None
    code: str
    late_working_days: int | None = None


class QualityService:
    """Builds quality reports over the profile's database."""

    def __init__(self, ctx: ServiceContext) -> None:
        self._ctx = ctx

    # ---- who may see what

    def roles(self, user: CurrentUser) -> frozenset[str]:
        """Every role ``user`` holds: the seat, the directory's roles, the profile identity's."""
        held = {user.role.value}
        if user.user_id is None:
            return frozenset(held)
        with self._ctx.sessions() as s:
            stored = s.scalar(select(User.roles).where(User.id == user.user_id, User.voided_at.is_(None)))
            held.update(stored or ())
            if get_meta(s, "identity.user_id") == user.user_id:
                held.update(json.loads(get_meta(s, "identity.roles") or "[]"))
        return frozenset(held)

    def may_see_council(self, user: CurrentUser) -> bool:
        """Whether ``user`` may see the whole council's figures (register custodian or administrator)."""
        return bool(self.roles(user) & COUNCIL_WIDE_ROLES)

    def _scope(self, user: CurrentUser, council_wide: bool) -> QualityScope:
        with self._ctx.sessions() as s:
            council = get_meta(s, "identity.council_id")
        if council_wide:
            if not self.may_see_council(user):
                raise PermissionDeniedError(action="quality_council_wide")  # role_not_permitted
            return QualityScope(council, None)
        if user.user_id is None:
            raise PermissionDeniedError(action="quality_own_conferences")  # no user: no own conferences
        return QualityScope(council, user.user_id)

    # ---- the report

    def report(
        self, period: Period, *, user: CurrentUser, council_wide: bool = False, for_board: bool = False
    ) -> QualityReport:
        """Every measure for ``period``: the chair's own conferences, or the council's.

        Args:
            period: The reporting period (inclusive).
            user: Who asks.
            council_wide: The whole council's figures (register custodian or administrator only).
            for_board: Suppress counts of 1 to 4 and name no record (for anything leaving the council).

        Raises:
            PermissionDeniedError: ``role_not_permitted`` (``action=quality_council_wide``) for the council's
                figures without a register custodian's or administrator's role.
        """
        scope = self._scope(user, council_wide)
        with self._ctx.sessions() as s:
            conn = s.connection()
            facts = read_facts(conn, period, scope)
            closures = frozenset(s.scalars(select(ClosureDay.day)).all())
        report = compute(
            facts,
            period,
            today=self._ctx.today(),
            scope=scope,
            calendar=calendar_with_closures(closures),
            config=self._ctx.config,
        )
        return suppress(report) if for_board else report

    def records(self, measure: Measure) -> list[QualityRecord]:
        """The conferences, children or decisions behind a figure, in the measure's order."""
        ids = list(dict.fromkeys(measure.record_ids))
        late = dict(zip(measure.record_ids, measure.late_working_days, strict=False))
        with self._ctx.sessions() as s:
            conn = s.connection()
            rows = _record_rows(conn, measure.record_kind, ids)
        out = []
        for record_id in ids:
            row = rows.get(record_id)
            if row is None:
                continue
            out.append(QualityRecord(record_id, measure.record_kind, *row, late_working_days=late.get(record_id)))
        return out


# ---------------------------------------------------------------------------------------------
# SQL
# ---------------------------------------------------------------------------------------------


@lru_cache(maxsize=1024)
def _json_codes(text: str | None) -> tuple[str, ...]:
    # Category lists are a handful of distinct JSON texts: each is parsed once.
    return tuple(json.loads(text or "[]"))


def _codes(text: str | None) -> tuple[str, ...]:
    return () if not text else tuple(text.split(","))


def _scope_sql(scope: QualityScope, alias: str = "c") -> tuple[str, dict[str, Any]]:
    clauses = [f"{alias}.voided_at IS NULL"]
    params: dict[str, Any] = {}
    if scope.council_id is not None:
        clauses.append(f"{alias}.council_id = :council")
        params["council"] = scope.council_id
    if scope.chair_user_id is not None:
        clauses.append(f"{alias}.chair_user_id = :chair")
        params["chair"] = scope.chair_user_id
    return " AND ".join(clauses), params


def _rows(conn: Connection, sql: str, params: dict[str, Any]) -> Sequence[Any]:
    # The driver's own cursor: plain tuples, without SQLAlchemy's per-row result processing (a few
    # hundred thousand rows for a year). The statements are this module's own, with named parameters.
    dbapi = conn.connection.dbapi_connection
    if dbapi is None:
        raise RuntimeError("connection_closed")
    cursor = dbapi.cursor()
    try:
        cursor.execute(sql, {k: v for k, v in params.items() if f":{k}" in sql})
        return cursor.fetchall()
    finally:
        cursor.close()


def read_facts(conn: Connection, period: Period, scope: QualityScope) -> QualityFacts:
    """The facts of ``scope`` that ``period``'s measures need, read by SQL.

    Args:
        conn: A connection to the profile's database.
        period: The reporting period.
        scope: The council (and, for a chair, their conferences only).

    Returns:
        The facts; rows outside what the period needs are harmless.
    """
    where, params = _scope_sql(scope)
    lo = period.start - LOOK_BACK
    params.update(lo=lo.isoformat(), start=period.start.isoformat(), end=period.end.isoformat())
    params["lo_dt"] = dt.datetime.combine(lo, dt.time()).isoformat(sep=" ")
    conferences = _conferences(conn, where, params)
    held_where = f"{where} AND c.held_on BETWEEN :start AND :end"
    decisions = tuple(
        DecisionFact(r[0], r[1], r[2], r[3], _json_codes(r[4]), r[5], _bool(r[6]), bool(r[7]), r[8])
        for r in _rows(
            conn,
            f"""
            SELECT d.id, d.conference_id, d.child_id, d.outcome, d.categories, d.state, d.consensus, d.chair_decided,
                   (SELECT count(*) FROM dissent x WHERE x.decision_id = d.id AND x.voided_at IS NULL)
            FROM decision d JOIN conference c ON c.id = d.conference_id
            WHERE d.voided_at IS NULL AND d.outcome IS NOT NULL AND {held_where}
            """,
            params,
        )
    )
    voices = tuple(
        VoiceFact(r[0], r[1], r[2], r[3], bool(r[4]), bool(r[5]))
        for r in _rows(
            conn,
            f"""
            SELECT v.conference_id, v.child_id, v.participation_mode, v.advocacy_offer,
                   (v.wishes_and_feelings != '' OR v.lived_experience != ''), v.not_recorded_reason != ''
            FROM child_voice v JOIN conference c ON c.id = v.conference_id
            WHERE v.voided_at IS NULL AND {held_where}
            """,
            params,
        )
    )
    # The children whose register history counts: the council's, or those at the chair's conferences.
    entry_where = "e.voided_at IS NULL AND e.registered_on <= :end AND (e.ended_on IS NULL OR e.ended_on >= :lo)"
    if scope.council_id is not None:
        entry_where += " AND e.council_id = :council"
    if scope.chair_user_id is not None:
        entry_where += (
            " AND e.child_id IN (SELECT cc.child_id FROM conference_child cc JOIN conference c"
            f" ON c.id = cc.conference_id WHERE cc.voided_at IS NULL AND {where})"
        )
    entries = tuple(
        RegisterEntryFact(r[0], r[1], required_day(r[2]), _json_codes(r[3]), bool(r[4]), fact_day(r[5]), r[6], r[7])
        for r in _rows(
            conn,
            f"""SELECT e.id, e.child_id, e.registered_on, e.categories, e.temporary, e.ended_on, e.end_reason,
                       e.conference_id FROM register_entry e WHERE {entry_where}""",
            params,
        )
    )
    kids = f"SELECT e.child_id FROM register_entry e WHERE {entry_where}"
    children = tuple(
        ChildFact(r[0], fact_day(r[1]), bool(r[2]))
        for r in _rows(conn, f"SELECT id, date_of_birth, unborn FROM child WHERE id IN ({kids})", params)
    )
    coordinators = tuple(
        CoordinatorFact(r[0], required_day(r[1]))
        for r in _rows(
            conn,
            f"""SELECT child_id, from_date FROM coordinator_assignment
                WHERE voided_at IS NULL AND from_date <= :end AND child_id IN ({kids})""",
            params,
        )
    )
    core_groups = tuple(
        CoreGroupFact(r[0], required_day(r[1]))
        for r in _rows(
            conn,
            f"""SELECT child_id, held_on FROM core_group_meeting
                WHERE voided_at IS NULL AND held_on BETWEEN :lo AND :end AND child_id IN ({kids})""",
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
        core_groups=core_groups,
    )


def _bool(value: Any) -> bool | None:
    return None if value is None else bool(value)


def _per_conference(conn: Connection, sql: str, params: dict[str, Any]) -> dict[str, tuple[Any, ...]]:
    return {r[0]: r[1:] for r in _rows(conn, sql, params)}


def _conferences(conn: Connection, where: str, params: dict[str, Any]) -> tuple[ConferenceFact, ...]:
    # One GROUP BY per table, merged here: SQLite runs these faster apart than joined in one statement.
    rows = _rows(
        conn,
        f"""
        SELECT c.id, c.type, c.status, c.scheduled_for, c.held_on, c.strategy_discussion_on,
               c.previous_conference_on, p.type, c.transfer_notified_on, c.summary_sent_on, c.record_sent_on,
               c.language, c.welsh_active_offer_made, c.quorum_override_reason != '', c.chair_user_id
        FROM conference c
        LEFT JOIN conference p ON p.id = c.previous_conference_id
        WHERE {where} AND (c.held_on >= :lo OR (c.held_on IS NULL AND c.scheduled_for >= :lo_dt))
        """,
        params,
    )
    kids = _per_conference(
        conn,
        "SELECT conference_id, group_concat(child_id) FROM conference_child WHERE voided_at IS NULL"
        " GROUP BY conference_id",
        {},
    )
    # Attendance is read as narrow rows and folded here: SQLite's GROUP BY with three DISTINCT
    # group_concats sorts 400,000 rows and took twice as long as reading them.
    agencies: dict[str, tuple[set[str], set[str], set[str]]] = {}
    for conference_id, agency, status, excluded in _rows(
        conn,
        f"""SELECT conference_id, agency, status, excluded_from_decision FROM attendance
            WHERE voided_at IS NULL AND kind = '{_PRACTITIONER}' AND agency IS NOT NULL""",
        {},
    ):
        sets = agencies.get(conference_id)
        if sets is None:
            sets = agencies[conference_id] = (set(), set(), set())
        sets[0].add(agency)
        if status in _PRESENT_CODES:
            sets[1].add(agency)
            if not excluded:
                sets[2].add(agency)
    reports = _per_conference(
        conn,
        "SELECT conference_id, group_concat(DISTINCT agency) FROM agency_report WHERE voided_at IS NULL"
        " GROUP BY conference_id",
        {},
    )
    plans = _per_conference(
        conn,
        "SELECT conference_id, min(first_core_group_on) FROM outline_plan WHERE voided_at IS NULL"
        " GROUP BY conference_id",
        {},
    )
    none: tuple[Any, ...] = (None, None, None)
    empty: tuple[set[str], set[str], set[str]] = (set(), set(), set())
    out = []
    for r in rows:
        cid = r[0]
        invited, present, quorum = agencies.get(cid, empty)
        out.append(
            ConferenceFact(
                cid,
                r[1],
                r[2],
                wales_day(r[3]),
                fact_day(r[4]),
                fact_day(r[5]),
                fact_day(r[6]),
                r[7],
                fact_day(r[8]),
                fact_day(r[9]),
                fact_day(r[10]),
                fact_day(plans.get(cid, none)[0]),
                r[11],
                bool(r[12]),
                bool(r[13]),
                r[14],
                _codes(kids.get(cid, none)[0]),
                tuple(sorted(present)),
                tuple(sorted(quorum)),
                tuple(sorted(invited)),
                _codes(reports.get(cid, none)[0]),
            )
        )
    return tuple(out)


def _chunks(ids: Sequence[str], size: int = 500) -> Iterable[Sequence[str]]:
    for i in range(0, len(ids), size):
        yield ids[i : i + size]


def _record_rows(conn: Connection, kind: str, ids: Sequence[str]) -> dict[str, tuple[str, str, dt.date | None, str]]:
    """(reference, name, date, code) per id, read in chunks of a few hundred ids."""
    out: dict[str, tuple[str, str, dt.date | None, str]] = {}
    if kind == "conference":
        sql = "SELECT id, reference, held_on, scheduled_for, type FROM conference WHERE id IN :ids"
    elif kind == "child":
        sql = "SELECT id, given_names, family_name, date_of_birth FROM child WHERE id IN :ids"
    else:
        sql = """SELECT d.id, c.reference, ch.given_names, ch.family_name, c.held_on, d.outcome
                 FROM decision d JOIN conference c ON c.id = d.conference_id JOIN child ch ON ch.id = d.child_id
                 WHERE d.id IN :ids"""
    statement = text(sql).bindparams(bindparam("ids", expanding=True))
    for chunk in _chunks(list(ids)):
        for r in conn.execute(statement, {"ids": list(chunk)}).all():
            if kind == "conference":
                on = fact_day(r[2]) or wales_day(r[3])
                out[r[0]] = (r[1], "", on, r[4])
            elif kind == "child":
                out[r[0]] = ("", f"{r[1]} {r[2]}".strip(), fact_day(r[3]), "")
            else:
                out[r[0]] = (r[1], f"{r[2]} {r[3]}".strip(), fact_day(r[4]), r[5] or "")
    return out
