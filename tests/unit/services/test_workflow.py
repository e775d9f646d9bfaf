"""Services end to end: create, quorum, voice, minutes, two siblings' decisions with dissent, finalise, approve."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import func, select

from desktop.services.attendance import NewAttendee
from desktop.services.conferences import ConferenceFilter, DueFilter, NewConference, SortKey
from desktop.services.errors import PermissionDeniedError, RecordLockedError, ServiceError, ValidationFailedError
from desktop.store.orm import Decision, Draft, OutboxOp
from sync.protocol.enums import (
    AdvocacyOffer,
    AgencyGrouping,
    AttendanceStatus,
    Category,
    ConferenceType,
    Outcome,
    ParticipantKind,
    ParticipationMode,
    PractitionerViewKind,
)
from tests.unit.services.seed import TODAY, World


def _conference(w: World) -> str:
    new = NewConference(
        type=ConferenceType.INITIAL,
        scheduled_for=dt.datetime(2026, 3, 12, 10, 0, tzinfo=dt.UTC),
        child_ids=w.child_ids,
        strategy_discussion_on=dt.date(2026, 3, 2),
        chair_user_id=w.chair.user_id,
        minute_taker_user_id=w.minute_taker.user_id,
    )
    return w.services.conferences.create(new).id


def _full_workflow(w: World) -> str:
    s = w.services
    cid = _conference(w)
    s.conferences.start(cid)
    ids = {}
    for name, agency in (("PC Jones", AgencyGrouping.POLICE), ("Nurse Evans", AgencyGrouping.HEALTH)):
        ids[name] = s.attendance.add(cid, NewAttendee(name, ParticipantKind.PRACTITIONER, agency=agency)).id
    assert s.attendance.quorum(cid).state == "reason_required"
    ids["SW Price"] = s.attendance.add(
        cid, NewAttendee("SW Price", ParticipantKind.PRACTITIONER, agency=AgencyGrouping.SOCIAL_SERVICES)
    ).id
    s.attendance.add(cid, NewAttendee("Mam", ParticipantKind.FAMILY, status=AttendanceStatus.APOLOGIES_NO_REPORT))
    assert s.attendance.quorum(cid).state == "quorate"
    for child in w.child_ids:
        s.voice.save(
            cid,
            child,
            {
                "participation_mode": ParticipationMode.PREPARED_CONTRIBUTION.value,
                "advocacy_offer": AdvocacyOffer.ACCEPTED.value,
                "wishes_and_feelings": "Mae hi eisiau aros gyda'i mam-gu.",
                "language": "cy",
            },
        )
        s.plan.add_action(cid, child, "Ymweliad cartref wythnosol", "SW Price", dt.date(2026, 3, 20))
    sections = s.minutes.sections(cid)
    assert len(sections) == 3 + 5 * 2
    s.minutes.save(sections[0].id, "Presennol: PC Jones, Nyrs Evans, SW Price. Ymddiheuriadau: Mam.")
    for child in w.child_ids:
        s.decisions.save(
            cid,
            child,
            {
                "outcome": Outcome.REGISTERED.value,
                "categories": [Category.NEGLECT.value],
                "rationale": "Risk of neglect continues.",
                "evidence": "Health visitor report\nSchool attendance",
                "coordinator_name": "SW Price",
            },
        )
        for name, vid in ids.items():
            view = PractitionerViewKind.DO_NOT_REGISTER if name == "Nurse Evans" else PractitionerViewKind.REGISTER
            s.decisions.set_view(cid, child, vid, view, reasons="seen")
    d = s.decisions.get(cid, w.child_ids[0])
    codes = {p.code for p in d.blocking}
    assert "chair_decision_required" in codes and "dissent_missing" in codes
    for child in w.child_ids:
        s.decisions.set_dissent(cid, child, ids["Nurse Evans"], "Family engaging with health.")
        s.decisions.save(cid, child, {"chair_decided": True, "chair_decision_reason": "Majority view; risk persists."})
    return cid


def test_whole_workflow_finalises_and_approves(world: World) -> None:
    s = world.services
    cid = _full_workflow(world)
    for child in world.child_ids:
        preview = s.decisions.finalise_preview(cid, child)
        assert preview.decision.blocking == ()
        done = s.decisions.finalise(cid, child, preview.content_sha256)
        assert done.state == "finalisation_pending" and done.locked and done.content_sha256 == preview.content_sha256
    with pytest.raises(RecordLockedError):
        s.decisions.save(cid, world.child_ids[0], {"rationale": "changed"})
    details = s.conferences.approve_record(cid)
    assert details.status == "record_approved" and details.record_locked
    with pytest.raises(RecordLockedError):
        s.minutes.save(s.minutes.sections(cid)[0].id, "late edit")
    with world.store.sessions() as db:
        assert db.scalar(select(func.count()).select_from(OutboxOp).where(OutboxOp.kind == "finalise_decision")) == 2
        states = set(db.scalars(select(Decision.state)))
    assert states == {"finalisation_pending"}


def test_finalise_refuses_changed_content(world: World) -> None:
    s = world.services
    cid = _full_workflow(world)
    preview = s.decisions.finalise_preview(cid, world.child_ids[0])
    s.decisions.save(cid, world.child_ids[0], {"rationale": "Something else entirely."})
    with pytest.raises(ServiceError) as err:
        s.decisions.finalise(cid, world.child_ids[0], preview.content_sha256)
    assert err.value.code == "content_changed"


def test_minute_taker_cannot_finalise_or_approve(world: World) -> None:
    s = world.services
    cid = _full_workflow(world)
    world.seat.user = world.minute_taker
    d = s.decisions.get(cid, world.child_ids[0])
    assert not d.can_finalise.allowed and d.can_finalise.code == "minute_taker_no_decision_rights"
    with pytest.raises(PermissionDeniedError) as err:
        s.decisions.finalise(cid, world.child_ids[0], "0" * 64)
    assert err.value.code == "minute_taker_no_decision_rights"
    with pytest.raises(PermissionDeniedError):
        s.conferences.approve_record(cid)
    with pytest.raises(PermissionDeniedError):
        s.decisions.save(cid, world.child_ids[0], {"rationale": "x"})
    # ...but may still minute.
    sec = s.minutes.sections(cid)[1]
    assert s.minutes.save(sec.id, "Adroddiadau: heddlu, iechyd.").text.startswith("Adroddiadau")


def test_approve_needs_every_decision(world: World) -> None:
    cid = _full_workflow(world)
    with pytest.raises(ValidationFailedError) as err:
        world.services.conferences.approve_record(cid)
    assert err.value.code == "decisions_not_finalised"


def test_drafts_never_touch_the_record_and_say_which_is_newer(world: World) -> None:
    s = world.services
    cid = _conference(world)
    sec = s.minutes.sections(cid)[0]
    s.minutes.save(sec.id, "saved text")
    s.drafts.save("minutes_section", sec.id, "text", "saved text and more typed", base_version=2)
    assert s.minutes.sections(cid)[0].text == "saved text"
    (item,) = s.drafts.recoverable()
    assert item.draft_is_newer and item.record_text == "saved text" and item.record_saved_at is not None
    s.minutes.save(sec.id, item.draft_text)
    assert s.drafts.recoverable() == ()
    with world.store.sessions() as db:
        assert db.scalar(select(func.count()).select_from(Draft)) == 0


def test_list_filters_in_the_database(world: World) -> None:
    s = world.services
    cid = _conference(world)
    flt = ConferenceFilter(text="sian")
    assert [r.id for r in s.conferences.list_page(flt)] == [cid]
    assert s.conferences.count(ConferenceFilter(text="wyn")) == 1
    assert s.conferences.count(ConferenceFilter(text="nobody")) == 0
    assert s.conferences.count(ConferenceFilter(type="review")) == 0
    row = s.conferences.list_page(ConferenceFilter(), sort=SortKey.DUE)[0]
    # 15 working days after Mon 2 March 2026 is Mon 23 March; today is 10 March: not yet due soon.
    assert row.due_by == dt.date(2026, 3, 23) and row.due_state == "on_track"
    assert s.conferences.count(ConferenceFilter(due=DueFilter.OVERDUE)) == 0
    assert s.conferences.count(ConferenceFilter(due=DueFilter.ON_TRACK)) == 1
    assert "Siân Ŵyn" in row.children


def test_children_register_history_and_coordinator_change(world: World) -> None:
    s = world.services
    rows = s.children.list_page("dafydd")
    assert [r.name for r in rows] == ["Dafydd Ŵyn"]
    cid = rows[0].id
    s.children.change_coordinator(cid, "SW Price", from_date=dt.date(2026, 1, 5), handover_note="first",
                                  family_told=False, agencies_told=False)  # fmt: skip
    detail = s.children.change_coordinator(
        cid, "SW Lewis", from_date=TODAY, handover_note="Handover meeting held", family_told=True,
        agencies_told=True,
    )  # fmt: skip
    assert [c.social_worker for c in detail.coordinators] == ["SW Price", "SW Lewis"]
    assert detail.coordinators[0].to_date == TODAY - dt.timedelta(days=1)
    assert detail.row.coordinator == "SW Lewis"
    with pytest.raises(ServiceError):
        s.children.change_coordinator(cid, "X", from_date=TODAY, handover_note=" ", family_told=True,
                                      agencies_told=True)  # fmt: skip


def test_adulthood_prompt(world: World) -> None:
    s = world.services
    c = s.children.create("Owain", "Glyn", council_id=world.council_id, date_of_birth=dt.date(2008, 3, 20))
    assert c.adulthood == "upcoming"
    assert s.children.detail(c.id).adulthood_birthday == dt.date(2026, 3, 20)


def test_closure_day_moves_due_date(world: World) -> None:
    s = world.services
    before = s.conferences.preview_due_by(ConferenceType.INITIAL, strategy_discussion_on=dt.date(2026, 3, 2))
    s.settings.add_closure_day(dt.date(2026, 3, 4), "Training day")
    after = s.conferences.preview_due_by(ConferenceType.INITIAL, strategy_discussion_on=dt.date(2026, 3, 2))
    assert before == dt.date(2026, 3, 23) and after == dt.date(2026, 3, 24)
    assert s.settings.closure_days() == ((dt.date(2026, 3, 4), "Training day"),)


def test_idle_lock_setting(world: World) -> None:
    s = world.services.settings
    assert s.idle_lock_minutes() == 5
    s.set_idle_lock_minutes(2)
    assert s.idle_lock_minutes() == 2
    with pytest.raises(ServiceError):
        s.set_idle_lock_minutes(60)


def test_every_change_writes_an_outbox_row(world: World) -> None:
    cid = _conference(world)
    with world.store.sessions() as db:
        kinds = [(o.entity, o.kind) for o in db.scalars(select(OutboxOp).order_by(OutboxOp.device_seq))]
    assert ("conference", "create") in kinds and kinds.count(("conference_child", "append")) == 2
    assert ("child", "create") in kinds
    assert cid
