"""QualityService over a real encrypted demo profile: the SQL facts, who sees what, suppression, records.

The facts the service reads with SQL are checked against facts built here the slow, obvious way
(every ORM row loaded and reduced in Python): both must give the same figures.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from pathlib import Path

import pytest
from sqlalchemy import select

from desktop.demo import generate_demo
from desktop.services.base import CurrentUser, ServiceContext, local_date
from desktop.services.errors import PermissionDeniedError
from desktop.services.quality import QualityService
from desktop.store import orm
from desktop.store.testing import OpenStore, open_test_store
from sync.protocol.enums import PRESENT_STATUSES, AttendanceStatus, Role
from sync.protocol.quality import (
    SUPPRESSED,
    ChildFact,
    ConferenceFact,
    CoordinatorFact,
    CoreGroupFact,
    DecisionFact,
    Period,
    QualityFacts,
    RegisterEntryFact,
    VoiceFact,
    compute,
    report_rows,
)

TODAY = dt.date(2026, 11, 27)
YEAR = Period(dt.date(2025, 12, 1), dt.date(2026, 11, 30))
PRESENT = {s.value for s in PRESENT_STATUSES}


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> tuple[OpenStore, str]:
    store = open_test_store(tmp_path_factory.mktemp("quality"))
    summary = generate_demo(store, children=300, seed=5, today=TODAY)
    return store, summary.chair_user_id


def _service(store: OpenStore, user: CurrentUser) -> QualityService:
    return QualityService(ServiceContext(store.sessions, user=lambda: user, today=lambda: TODAY))


def _orm_facts(store: OpenStore, chair: str | None) -> QualityFacts:
    """Every row loaded through the ORM and reduced in Python: slow, obvious, independent of the SQL."""
    with store.sessions() as s:
        confs = [c for c in s.scalars(select(orm.Conference)) if c.voided_at is None]
        if chair is not None:
            confs = [c for c in confs if c.chair_user_id == chair]
        ids = {c.id for c in confs}
        by_id = {c.id: c for c in s.scalars(select(orm.Conference))}
        kids: dict[str, list[str]] = defaultdict(list)
        for cc in s.scalars(select(orm.ConferenceChild)):
            if cc.voided_at is None and cc.conference_id in ids:
                kids[cc.conference_id].append(cc.child_id)
        invited: dict[str, set[str]] = defaultdict(set)
        present: dict[str, set[str]] = defaultdict(set)
        quorum: dict[str, set[str]] = defaultdict(set)
        for a in s.scalars(select(orm.Attendance)):
            if a.voided_at is None and a.kind == "practitioner" and a.agency is not None:
                invited[a.conference_id].add(a.agency)
                if a.status in PRESENT:
                    present[a.conference_id].add(a.agency)
                    if not a.excluded_from_decision:
                        quorum[a.conference_id].add(a.agency)
        reports: dict[str, set[str]] = defaultdict(set)
        for r in s.scalars(select(orm.AgencyReport)):
            if r.voided_at is None:
                reports[r.conference_id].add(r.agency)
        first_cg: dict[str, dt.date] = {}
        for p in s.scalars(select(orm.OutlinePlan)):
            if p.voided_at is None and p.first_core_group_on is not None:
                first_cg[p.conference_id] = min(
                    first_cg.get(p.conference_id, p.first_core_group_on), p.first_core_group_on
                )
        conferences = tuple(
            ConferenceFact(
                c.id, c.type, c.status, local_date(c.scheduled_for), c.held_on, c.strategy_discussion_on,
                c.previous_conference_on,
                by_id[c.previous_conference_id].type if c.previous_conference_id else None,
                c.transfer_notified_on, c.summary_sent_on, c.record_sent_on, first_cg.get(c.id), c.language,
                c.welsh_active_offer_made, bool(c.quorum_override_reason), c.chair_user_id, tuple(kids[c.id]),
                tuple(present[c.id]), tuple(quorum[c.id]), tuple(invited[c.id]), tuple(reports[c.id]),
            )
            for c in confs
        )  # fmt: skip
        dissent: dict[str, int] = defaultdict(int)
        for x in s.scalars(select(orm.Dissent)):
            if x.voided_at is None:
                dissent[x.decision_id] += 1
        decisions = tuple(
            DecisionFact(d.id, d.conference_id, d.child_id, d.outcome, tuple(d.categories), d.state, d.consensus,
                         d.chair_decided, dissent[d.id])
            for d in s.scalars(select(orm.Decision))
            if d.voided_at is None and d.conference_id in ids
        )  # fmt: skip
        voices = tuple(
            VoiceFact(v.conference_id, v.child_id, v.participation_mode, v.advocacy_offer,
                      bool(v.wishes_and_feelings or v.lived_experience), bool(v.not_recorded_reason))
            for v in s.scalars(select(orm.ChildVoice))
            if v.voided_at is None and v.conference_id in ids
        )  # fmt: skip
        scope_children = {k for c in confs for k in kids[c.id]} if chair is not None else None
        entries = tuple(
            RegisterEntryFact(e.id, e.child_id, e.registered_on, tuple(e.categories), e.temporary, e.ended_on,
                              e.end_reason, e.conference_id)
            for e in s.scalars(select(orm.RegisterEntry))
            if e.voided_at is None and (scope_children is None or e.child_id in scope_children)
        )  # fmt: skip
        registered = {e.child_id for e in entries}
        children = tuple(
            ChildFact(c.id, c.date_of_birth, c.unborn) for c in s.scalars(select(orm.Child)) if c.id in registered
        )
        coordinators = tuple(
            CoordinatorFact(a.child_id, a.from_date)
            for a in s.scalars(select(orm.CoordinatorAssignment))
            if a.voided_at is None and a.child_id in registered
        )
        core_groups = tuple(
            CoreGroupFact(m.child_id, m.held_on)
            for m in s.scalars(select(orm.CoreGroupMeeting))
            if m.voided_at is None and m.child_id in registered
        )
    return QualityFacts(conferences, (), (), decisions, voices, entries, children, coordinators, core_groups)


def test_council_figures_equal_the_obvious_reading(demo: tuple[OpenStore, str]) -> None:
    store, _chair = demo
    custodian = CurrentUser("custodian-1", "Ceidwad", Role.REGISTER_CUSTODIAN)
    report = _service(store, custodian).report(YEAR, user=custodian, council_wide=True)
    expected = compute(_orm_facts(store, None), YEAR, today=TODAY)
    assert report_rows(report) == report_rows(expected)
    assert [m.record_ids for m in report.measures] == [m.record_ids for m in expected.measures]
    # Not vacuous: the demo fills the figures in.
    held = report.get("multi_agency.attendance", "social_services")
    assert held is not None and held.denominator is not None and held.denominator > 50
    registrations = report.get("decisions.registrations")
    assert registrations is not None and registrations.count > 10


def test_a_chair_sees_only_their_own_conferences(demo: tuple[OpenStore, str]) -> None:
    store, chair_id = demo
    chair = CurrentUser(chair_id, "Cadeirydd", Role.CHAIR)
    service = _service(store, chair)
    mine = service.report(YEAR, user=chair)
    assert report_rows(mine) == report_rows(compute(_orm_facts(store, chair_id), YEAR, today=TODAY))
    with store.sessions() as s:
        theirs = set(s.scalars(select(orm.Conference.id).where(orm.Conference.chair_user_id != chair_id)))
    shown = {i for m in mine.measures if m.record_kind == "conference" for i in m.record_ids}
    assert shown and not shown & theirs
    with pytest.raises(PermissionDeniedError) as refused:
        service.report(YEAR, user=chair, council_wide=True)
    assert refused.value.code == "role_not_permitted"
    assert refused.value.params == {"action": "quality_council_wide"}


def test_a_board_report_is_suppressed_and_names_no_record(demo: tuple[OpenStore, str]) -> None:
    store, _chair = demo
    admin = CurrentUser("admin-1", "Gweinyddwr", Role.ADMINISTRATOR)
    service = _service(store, admin)
    full = service.report(YEAR, user=admin, council_wide=True)
    board = service.report(YEAR, user=admin, council_wide=True, for_board=True)
    assert board.suppressed and all(m.record_ids == () for m in board.measures)
    for open_row, board_row in zip(report_rows(full), report_rows(board), strict=True):
        count = open_row[2]
        assert board_row[2] == (SUPPRESSED if 0 < count < 5 else count)


def test_records_behind_a_figure(demo: tuple[OpenStore, str]) -> None:
    store, _chair = demo
    admin = CurrentUser("admin-1", "Gweinyddwr", Role.ADMINISTRATOR)
    service = _service(store, admin)
    report = service.report(YEAR, user=admin, council_wide=True)
    late = report.get("timeliness.icpc_held.on_time")
    assert late is not None and late.count > 0
    rows = service.records(late)
    assert [r.id for r in rows] == list(late.record_ids)
    assert all(r.reference and r.code == "initial" and r.on is not None and r.on in YEAR for r in rows)
    children = report.get("register_now.on_register")
    assert children is not None
    named = service.records(children)
    assert named and all(r.name and r.kind == "child" for r in named)
    decisions = report.get("voice.recorded")
    assert decisions is not None
    assert all(r.reference and r.name for r in service.records(decisions))


def test_attendance_statuses_the_service_treats_as_present() -> None:
    """The fold of attendance rows uses the protocol's present statuses (a new status must not be missed)."""
    from desktop.services import quality

    assert {s.value for s in PRESENT_STATUSES} == quality._PRESENT_CODES
    assert AttendanceStatus.DID_NOT_ATTEND.value not in quality._PRESENT_CODES


def test_the_report_reads_the_councils_closure_days(tmp_path: Path) -> None:
    """Closure days are not working days: the report counts with the profile's closures."""
    from desktop.domain.calendar import calendar_with_closures

    store = open_test_store(tmp_path)
    generate_demo(store, children=60, seed=9, today=TODAY)
    admin = CurrentUser("admin-1", "Gweinyddwr", Role.ADMINISTRATOR)
    service = _service(store, admin)
    before = report_rows(service.report(YEAR, user=admin, council_wide=True))
    closed = frozenset(YEAR.start + dt.timedelta(days=n) for n in range(0, 330, 3))
    with store.sessions.begin() as s:
        s.add_all(orm.ClosureDay(day=day) for day in closed)
    after = report_rows(service.report(YEAR, user=admin, council_wide=True))
    assert after != before
    expected = compute(_orm_facts(store, None), YEAR, today=TODAY, calendar=calendar_with_closures(closed))
    assert after == report_rows(expected)


def test_a_late_evening_in_summer_is_the_next_day_in_wales() -> None:
    # The stored time's day in Wales, read by the one function app and service share.
    from sync.protocol.quality import wales_day as _scheduled_day

    assert _scheduled_day("2026-06-30 23:30:00.000000") == dt.date(2026, 7, 1)  # 00:30 BST
    assert _scheduled_day("2026-12-30 23:30:00.000000") == dt.date(2026, 12, 30)  # GMT
    assert _scheduled_day("2026-06-30 09:30:00.000000") == dt.date(2026, 6, 30)
