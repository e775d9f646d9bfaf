"""Services apply the same Wales rules and locks as the rest of the app (review findings)."""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import event, func, select

from desktop.domain.config import RulesConfig
from desktop.services.attendance import NewAttendee
from desktop.services.conferences import ConferenceFilter, NewConference
from desktop.services.errors import PermissionDeniedError, RecordLockedError, ServiceError
from desktop.store.orm import ConferenceChild, OutboxOp, utcnow
from sync.protocol.enums import AgencyGrouping, AttendanceStatus, ConferenceType, ParticipantKind, PractitionerViewKind
from tests.unit.services.seed import Seat, World, make_world
from tests.unit.services.test_workflow import _conference as _scheduled_conference
from tests.unit.services.test_workflow import _full_workflow


def _conference(w: World) -> str:
    """The workflow's initial conference, started."""
    cid = _scheduled_conference(w)
    w.services.conferences.start(cid)
    return cid


def _practitioners(w: World, cid: str, *agencies: AgencyGrouping) -> list[str]:
    return [
        w.services.attendance.add(cid, NewAttendee(f"P{i}", ParticipantKind.PRACTITIONER, agency=a)).id
        for i, a in enumerate(agencies)
    ]


def test_decision_quorum_uses_the_profiles_rules_config(world: World) -> None:
    # An administrator lowers the quorum to two agencies: the attendance panel and the decision
    # screen must agree on it.
    world.services.ctx.config = RulesConfig(quorum_agencies=2, quorum_agencies_with_reason=2)
    cid = _conference(world)
    _practitioners(world, cid, AgencyGrouping.POLICE, AgencyGrouping.HEALTH)
    assert world.services.attendance.quorum(cid).state == "quorate"
    codes = {p.code for p in world.services.decisions.get(cid, world.child_ids[0]).problems}
    assert "quorum_not_met" not in codes


def _approved(w: World) -> str:
    cid = _full_workflow(w)
    for child in w.child_ids:
        preview = w.services.decisions.finalise_preview(cid, child)
        w.services.decisions.finalise(cid, child, preview.content_sha256)
    w.services.conferences.approve_record(cid)
    return cid


def test_approved_record_cannot_change_through_voice_plan_or_attendance(world: World) -> None:
    s = world.services
    cid = _approved(world)
    child = world.child_ids[0]
    action = s.plan.get(cid, child).actions[0].id
    person = s.attendance.list(cid)[0].id
    changes: list[Callable[[], object]] = [
        lambda: s.voice.save(cid, child, {"wishes_and_feelings": "changed after approval"}),
        lambda: s.plan.save(cid, child, {"risks": "changed after approval"}),
        lambda: s.plan.add_action(cid, child, "new action", "SW Price", None),
        lambda: s.plan.remove_action(action),
        lambda: s.plan.add_member(cid, child, "New member", None),
        lambda: s.attendance.add(cid, NewAttendee("Late", ParticipantKind.PRACTITIONER, agency=AgencyGrouping.HOUSING)),
        lambda: s.attendance.update(person, {"status": AttendanceStatus.APOLOGIES_NO_REPORT.value}),
        lambda: s.attendance.remove(person),
    ]
    with world.store.sessions() as db:
        before = db.scalar(select(func.count()).select_from(OutboxOp))
    for change in changes:
        with pytest.raises(RecordLockedError):
            change()
    with world.store.sessions() as db:
        assert db.scalar(select(func.count()).select_from(OutboxOp)) == before
    assert s.voice.get(cid, child).wishes_and_feelings == "Mae hi eisiau aros gyda'i mam-gu."


def test_minute_taker_cannot_undo_or_reword_the_chairs_exclusion(world: World) -> None:
    s = world.services
    cid = _conference(world)
    father = s.attendance.add(cid, NewAttendee("Tad", ParticipantKind.FAMILY)).id
    s.attendance.update(
        father, {"status": AttendanceStatus.EXCLUDED_PART.value, "exclusion_reason": "Risk to the mother"}
    )
    world.seat.user = world.minute_taker
    with pytest.raises(PermissionDeniedError):
        s.attendance.update(father, {"status": AttendanceStatus.PRESENT_IN_PERSON.value})
    with pytest.raises(PermissionDeniedError):
        s.attendance.update(father, {"exclusion_reason": ""})
    # Other attendance details stay the minute-taker's to record.
    assert s.attendance.update(father, {"interpreter_present": True}).interpreter_present
    (row,) = s.attendance.list(cid)
    assert (row.status, row.exclusion_reason) == ("excluded_part", "Risk to the mother")


def test_decision_refuses_unknown_codes_and_never_stores_grave_concern(world: World) -> None:
    s = world.services
    cid = _conference(world)
    child = world.child_ids[0]
    (pid,) = _practitioners(world, cid, AgencyGrouping.POLICE)
    with pytest.raises(ServiceError) as err:
        s.decisions.save(cid, child, {"categories": ["neglect", "grave_concern"]})
    assert err.value.code == "invalid_code"
    with pytest.raises(ServiceError):
        s.decisions.save(cid, child, {"outcome": "registered_maybe"})
    with pytest.raises(ServiceError):
        s.decisions.set_view(cid, child, pid, PractitionerViewKind.REGISTER, categories=["grave_concern"])
    # The decision still opens, unchanged.
    view = s.decisions.get(cid, child)
    assert view.categories == () and view.outcome is None and view.views[0].view is None


def _nfd(text: str) -> str:
    return unicodedata.normalize("NFD", text)


def test_free_text_is_stored_in_nfc(world: World) -> None:
    # IN-5: read(store(x)) == NFC(x), whatever form the keyboard or a paste produced.
    s = world.services
    cid = _conference(world)
    child = world.child_ids[0]
    text = "Dywedodd Siân fod Ŵyn a'i frawd yn y tŷ."
    assert _nfd(text) != text
    section = s.minutes.sections(cid)[0]
    assert s.minutes.save(section.id, _nfd(text)).text == text
    assert s.minutes.save(section.id, text).version == 2  # the same words: no new version
    assert s.decisions.save(cid, child, {"rationale": _nfd(text)}).rationale == text
    assert s.voice.save(cid, child, {"wishes_and_feelings": _nfd(text)}).wishes_and_feelings == text
    person = s.attendance.add(cid, NewAttendee(_nfd("Siân Prŷs"), ParticipantKind.FAMILY))
    assert person.name == "Siân Prŷs"
    assert s.attendance.update(person.id, {"role_title": _nfd("Mam-gu Ŵyn")}).role_title == "Mam-gu Ŵyn"
    assert s.plan.save(cid, child, {"risks": _nfd(text)}).texts["risks"] == text
    assert s.plan.add_action(cid, child, _nfd(text), _nfd("Siân"), None).description == text
    (pid,) = _practitioners(world, cid, AgencyGrouping.POLICE)
    view = s.decisions.set_view(cid, child, pid, PractitionerViewKind.REGISTER, reasons=_nfd(text))
    assert view.views[0].reasons == text
    view = s.decisions.set_dissent(cid, child, pid, _nfd(text))
    assert view.views[0].dissent == text
    assert s.distribution.add(cid, _nfd("Siân Prŷs")).recipient_name == "Siân Prŷs"
    assert s.children.create(_nfd("Gwên"), _nfd("Llŷr"), council_id=world.council_id).name == "Gwên Llŷr"


def test_minutes_sections_load_without_a_query_per_section(world: World) -> None:
    s = world.services
    cid = _conference(world)
    sections = s.minutes.sections(cid)
    for section in sections:
        s.minutes.save(section.id, "Testun")
    statements: list[str] = []

    def seen(_conn: object, _cursor: object, statement: str, *_rest: object) -> None:
        statements.append(statement)

    event.listen(world.store.engine, "before_cursor_execute", seen)
    try:
        again = s.minutes.sections(cid)
    finally:
        event.remove(world.store.engine, "before_cursor_execute", seen)
    assert len(again) == len(sections) and all(x.saved_at is not None for x in again)
    assert sum("minutes_version" in q for q in statements) <= 1


def test_postponed_conference_takes_no_decisions(world: World) -> None:
    s = world.services
    cid = _full_workflow(world)
    child = world.child_ids[0]
    preview = s.decisions.finalise_preview(cid, child)
    s.conferences.postpone(cid, "Chair satisfied the children are safe; key agency absent")
    with pytest.raises(ServiceError) as err:
        s.decisions.finalise(cid, child, preview.content_sha256)
    assert err.value.code == "conference_ended_without_decisions"
    with pytest.raises(ServiceError):
        s.decisions.save(cid, child, {"rationale": "changed"})
    assert s.decisions.get(cid, child).state == "draft"


def test_minute_taker_cannot_change_what_the_chairs_seat_decides(world: World) -> None:
    # Section 9: the chair convenes and postpones, so the type, the date, the seats and the
    # anchors the due date counts from are the chair's; the minute-taker records the rest.
    s = world.services
    cid = _conference(world)
    world.seat.user = world.minute_taker
    chairs: list[dict[str, object]] = [
        {"chair_user_id": world.minute_taker.user_id},
        {"type": ConferenceType.REVIEW.value},
        {"scheduled_for": dt.datetime(2026, 3, 19, 10, 0, tzinfo=dt.UTC)},
        {"strategy_discussion_on": dt.date(2026, 2, 20)},
        {"previous_conference_on": dt.date(2025, 12, 1)},
        {"transfer_notified_on": dt.date(2026, 3, 1)},
    ]
    for change in chairs:
        with pytest.raises(PermissionDeniedError) as err:
            s.conferences.update(cid, change)
        assert err.value.code == "role_not_permitted"
    # What the minute-taker records still saves, even when sent beside the chair's unchanged fields.
    d = s.conferences.update(
        cid, {"venue": "Neuadd y Sir", "welsh_active_offer_made": True, "chair_user_id": world.chair.user_id}
    )
    assert (d.venue, d.welsh_active_offer_made, d.type) == ("Neuadd y Sir", True, "initial")
    assert not d.can_convene.allowed and d.can_convene.code == "role_not_permitted"
    world.seat.user = world.chair
    assert s.conferences.details(cid).can_convene.allowed
    assert s.conferences.update(cid, {"strategy_discussion_on": dt.date(2026, 3, 3)}).strategy_discussion_on


def test_details_tab_greys_out_the_chairs_fields_for_the_minute_taker(qtbot: Any, world: World) -> None:
    from desktop.ui.workspace import DetailsTab

    cid = _conference(world)
    world.seat.user = world.minute_taker
    tab = DetailsTab(world.services, cid)
    qtbot.addWidget(tab)
    tab.load(world.services.conferences.details(cid))
    for w in (tab.type_combo, tab.when, tab.chair, tab.minute_taker, tab.minuting, tab.strategy, tab.previous):
        assert not w.isEnabled(), w.objectName()
    for recorded in (tab.venue, tab.mode, tab.language, tab.active_offer, tab.save_button):
        assert recorded.isEnabled(), recorded.objectName()
    assert tab.why_not.text() and tab.why_not.property("code") == "role_not_permitted"
    tab.venue.setText("Canolfan Ddinesig")
    tab.save()
    assert world.services.conferences.details(cid).venue == "Canolfan Ddinesig"
    world.seat.user = world.chair
    tab.load(world.services.conferences.details(cid))
    assert tab.chair.isEnabled() and tab.strategy.isEnabled() and not tab.why_not.property("code")


def test_conference_with_a_finalised_decision_cannot_be_postponed(world: World) -> None:
    s = world.services
    cid = _full_workflow(world)
    child = world.child_ids[0]
    s.decisions.finalise(cid, child, s.decisions.finalise_preview(cid, child).content_sha256)
    assert s.decisions.get(cid, child).state == "finalisation_pending"
    with pytest.raises(ServiceError) as err:
        s.conferences.postpone(cid, "A key agency is absent")
    assert err.value.code == "conference_has_finalised_decisions"
    d = s.conferences.details(cid)
    assert (d.status, d.postponement_reason) == ("in_progress", "")


def test_day_boundaries_are_welsh_local_time_not_utc(tmp_path: Path) -> None:
    # 10 June 2026 is in British Summer Time: 00:30 in Cardiff is 23:30 UTC the day before.
    from desktop.services.documents import DocumentService

    summer = dt.date(2026, 6, 10)
    w = make_world(tmp_path, today=summer)
    s = w.services

    def convene(at: dt.datetime) -> str:
        new = NewConference(
            type=ConferenceType.INITIAL, scheduled_for=at, child_ids=w.child_ids, chair_user_id=w.chair.user_id
        )
        return s.conferences.create(new).id

    early = convene(dt.datetime(2026, 6, 9, 23, 30, tzinfo=dt.UTC))  # 00:30 on 10 June in Wales
    late = convene(dt.datetime(2026, 6, 10, 23, 30, tzinfo=dt.UTC))  # 00:30 on 11 June in Wales
    overview = s.conferences.today_overview()
    assert [r.id for r in overview.today] == [early]
    assert [r.id for r in overview.this_week] == [late]
    # Not yet held: the plan and the documents fall back to the scheduled day, in Wales.
    assert s.plan.get(early, w.child_ids[0]).first_core_group_due == dt.date(2026, 6, 24)  # 10 WD after 10 June
    docs = DocumentService(s.ctx)
    assert docs.conference(early).held_on == summer
    assert docs.load(early).held_on == summer


def test_list_names_leave_out_children_removed_from_the_conference(world: World) -> None:
    s = world.services
    cid = _conference(world)
    removed, kept = world.child_ids
    with world.store.sessions.begin() as db:
        link = db.scalar(
            select(ConferenceChild).where(ConferenceChild.conference_id == cid, ConferenceChild.child_id == removed)
        )
        assert link is not None
        link.voided_at = utcnow()
    (row,) = s.conferences.list_page(ConferenceFilter())
    assert row.children == "Dafydd Ŵyn" and [c.id for c in s.conferences.details(cid).children] == [kept]
    (today,) = s.conferences.today_overview().awaiting_approval
    assert today.children == "Dafydd Ŵyn"


def test_proceeding_with_two_agencies_is_the_chairs_own_call(world: World) -> None:
    # T17: exceptionally two agencies, at the chair's discretion; not the "decide without consensus" right.
    s = world.services
    cid = _conference(world)
    world.seat.user = world.minute_taker
    with pytest.raises(PermissionDeniedError) as err:
        s.conferences.set_quorum_reason(cid, "Health sent a full report")
    assert err.value.code == "minute_taker_no_decision_rights"
    assert err.value.params["action"] == "proceed_with_two_agencies"
    world.seat.user = world.chair
    assert s.conferences.set_quorum_reason(cid, "Health sent a full report").quorum_override_reason


def test_build_services_passes_the_rules_config_to_every_service(tmp_path: Path) -> None:
    from desktop.domain.config import DEFAULT_CONFIG
    from desktop.services.registry import build_services
    from desktop.store.testing import open_test_store

    store = open_test_store(tmp_path / "profile")
    try:
        seat = Seat()
        assert build_services(store.sessions, user=seat).ctx.config is DEFAULT_CONFIG
        config = RulesConfig(quorum_agencies=2, quorum_agencies_with_reason=2)
        services = build_services(store.sessions, user=seat, config=config)
        assert services.ctx.config is config
        assert all(svc._ctx is services.ctx for svc in (services.attendance, services.decisions, services.plan))
    finally:
        store.engine.dispose()


def _raised_codes() -> set[str]:
    """Every code the services raise by name, and the codes of the concrete service errors."""
    import ast

    import desktop.services
    import desktop.services.errors as errors
    from desktop.domain.permissions import DenialCode

    classes = {n: c for n, c in vars(errors).items() if isinstance(c, type) and issubclass(c, ServiceError)}
    codes = {str(c) for c in DenialCode} | {"not_conference_chair"} | {c.code for c in classes.values()}
    codes.discard(ServiceError.code)  # the abstract base; every raise names its own
    for path in Path(desktop.services.__file__).parent.glob("*.py"):
        if path.name == "documents.py":
            continue  # the documents dialog words its own errors (desktop/ui/documents)
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id in classes
                and node.args
                and isinstance(node.args[0], ast.Constant)
                and isinstance(node.args[0].value, str)
            ):
                codes.add(node.args[0].value)
    return codes


def test_every_code_a_service_raises_has_wording() -> None:
    from desktop.ui.labels import all_problem_codes

    codes = _raised_codes()
    assert {"invalid_code", "conference_ended_without_decisions", "conference_has_finalised_decisions"} <= codes
    assert sorted(codes - set(all_problem_codes())) == []
