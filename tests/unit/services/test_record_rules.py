"""What the record may show and when it locks (issue 10), through the services a chair uses."""

from __future__ import annotations

import datetime as dt

import pytest

from desktop.services.attendance import NewAttendee
from desktop.services.base import CurrentUser
from desktop.services.conferences import NewConference
from desktop.services.errors import PermissionDeniedError, RecordLockedError, ServiceError
from sync.protocol.enums import (
    AgencyGrouping,
    AttendanceStatus,
    ConferenceType,
    Outcome,
    ParticipantKind,
    PractitionerViewKind,
    Role,
)
from tests.unit.services.seed import World
from tests.unit.services.test_workflow import _full_workflow


def _schedule(w: World, kind: ConferenceType, when: dt.date, **anchors: object) -> str:
    new = NewConference(
        type=kind,
        scheduled_for=dt.datetime.combine(when, dt.time(10, 0), tzinfo=dt.UTC),
        child_ids=w.child_ids[:1],
        chair_user_id=w.chair.user_id,
        minute_taker_user_id=w.minute_taker.user_id,
        **anchors,  # type: ignore[arg-type]
    )
    return w.services.conferences.create(new).id


@pytest.mark.parametrize("first", [ConferenceType.INITIAL, ConferenceType.TRANSFER_IN])
def test_first_review_after_a_transfer_in_prompts_like_any_first_review(world: World, first: ConferenceType) -> None:
    s = world.services
    anchor = (
        {"strategy_discussion_on": dt.date(2025, 11, 20)}
        if first is ConferenceType.INITIAL
        else {"transfer_notified_on": dt.date(2025, 11, 20)}
    )
    earlier = _schedule(world, first, dt.date(2025, 12, 3), **anchor)
    review = _schedule(world, ConferenceType.REVIEW, dt.date(2026, 3, 10), previous_conference_id=earlier)
    s.conferences.start(review)
    child = world.child_ids[0]
    view = s.decisions.save(review, child, {"outcome": Outcome.DEREGISTER.value})
    assert "deregistration_at_first_review" in {p.code for p in view.problems}
    # A later review (after a review) carries no such prompt.
    later = _schedule(world, ConferenceType.REVIEW, dt.date(2026, 9, 8), previous_conference_id=review)
    s.conferences.start(later)
    view = s.decisions.save(later, child, {"outcome": Outcome.DEREGISTER.value})
    assert "deregistration_at_first_review" not in {p.code for p in view.problems}


def test_practitioner_excluded_from_the_decision_neither_counts_nor_gives_a_view(world: World) -> None:
    s = world.services
    cid = _schedule(world, ConferenceType.INITIAL, dt.date(2026, 3, 12), strategy_discussion_on=dt.date(2026, 3, 2))
    s.conferences.start(cid)
    ids = {
        agency: s.attendance.add(cid, NewAttendee(f"P {agency}", ParticipantKind.PRACTITIONER, agency=agency)).id
        for agency in (AgencyGrouping.POLICE, AgencyGrouping.HEALTH, AgencyGrouping.SOCIAL_SERVICES)
    }
    mother = s.attendance.add(cid, NewAttendee("Mam", ParticipantKind.FAMILY)).id
    child = world.child_ids[0]
    police = ids[AgencyGrouping.POLICE]
    # Excluded from part that was not the decision: still counts, still owes a view.
    s.attendance.update(police, {"status": AttendanceStatus.EXCLUDED_PART.value, "exclusion_reason": "Evidence"})
    assert s.attendance.quorum(cid).state == "quorate"
    assert police in {v.attendance_id for v in s.decisions.get(cid, child).views}
    # The part covered the decision: no longer counted, and no view asked of them.
    world.seat.user = world.minute_taker
    with pytest.raises(PermissionDeniedError):
        s.attendance.update(police, {"excluded_from_decision": True})  # the chair's decision (W8)
    world.seat.user = world.chair
    row = s.attendance.update(police, {"excluded_from_decision": True})
    assert row.excluded_from_decision and not row.is_present_practitioner
    quorum = s.attendance.quorum(cid)
    assert (quorum.state, quorum.agency_count) == ("reason_required", 2)
    decision = s.decisions.get(cid, child)
    assert police not in {v.attendance_id for v in decision.views}
    assert "quorum_not_met" in {p.code for p in decision.problems}
    given = s.decisions.set_view(cid, child, police, PractitionerViewKind.REGISTER)
    assert "view_from_absent_practitioner" in {p.code for p in given.problems}
    # Family members never count for quorum, whatever their status.
    s.attendance.update(mother, {"status": AttendanceStatus.PRESENT_IN_PERSON.value})
    assert s.attendance.quorum(cid).agency_count == 2
    # Only a partial exclusion can cover the decision; lifting it clears the flag.
    with pytest.raises(ServiceError) as err:
        s.attendance.update(ids[AgencyGrouping.HEALTH], {"excluded_from_decision": True})
    assert err.value.code == "excluded_from_decision_needs_part_exclusion"
    row = s.attendance.update(police, {"status": AttendanceStatus.PRESENT_IN_PERSON.value})
    assert not row.excluded_from_decision and s.attendance.quorum(cid).state == "quorate"


def test_only_a_chair_or_an_administrator_adds_a_child_or_changes_a_coordinator(world: World) -> None:
    s = world.services
    child = world.child_ids[1]
    world.seat.user = world.minute_taker
    with pytest.raises(PermissionDeniedError) as err:
        s.children.create("Nia", "Ŵyn", council_id=world.council_id)
    assert err.value.code == "chair_or_administrator_only"
    with pytest.raises(PermissionDeniedError):
        s.children.change_coordinator(
            child, "SW Price", from_date=dt.date(2026, 1, 5), handover_note="x", family_told=True, agencies_told=True
        )
    detail = s.children.detail(child)
    assert detail.coordinators == ()
    assert not detail.can_add_child.allowed and detail.can_add_child.code == "chair_or_administrator_only"
    world.seat.user = world.chair
    assert s.children.create("Nia", "Ŵyn", council_id=world.council_id).name == "Nia Ŵyn"
    s.children.change_coordinator(
        child, "SW Price", from_date=dt.date(2026, 1, 5), handover_note="Named at the ICPC", family_told=False,
        agencies_told=False,
    )  # fmt: skip
    # A change needs the family and the agencies told, and records who made it.
    for family, agencies, code in ((False, True, "coordinator_family_not_told"),
                                   (True, False, "coordinator_agencies_not_told")):  # fmt: skip
        with pytest.raises(ServiceError) as refused:
            s.children.change_coordinator(child, "SW Lewis", from_date=dt.date(2026, 3, 1), handover_note="Handover",
                                          family_told=family, agencies_told=agencies)  # fmt: skip
        assert refused.value.code == code
    assert [c.social_worker for c in s.children.detail(child).coordinators] == ["SW Price"]
    admin = s.settings.add_user("Alun Admin", Role.ADMINISTRATOR)
    world.seat.user = CurrentUser(admin, "Alun Admin", Role.ADMINISTRATOR)
    detail = s.children.change_coordinator(
        child, "SW Lewis", from_date=dt.date(2026, 3, 1), handover_note="Handover meeting", family_told=True,
        agencies_told=True,
    )  # fmt: skip
    new = detail.coordinators[-1]
    assert (new.social_worker, new.family_told, new.agencies_told, new.changed_by_name) == (
        "SW Lewis", True, True, "Alun Admin",
    )  # fmt: skip
    assert detail.coordinators[0].to_date == dt.date(2026, 2, 28)


def test_voice_locks_once_the_childs_decision_is_finalised(world: World) -> None:
    s = world.services
    cid = _full_workflow(world)
    decided, sibling = world.child_ids
    preview = s.decisions.finalise_preview(cid, decided)
    s.decisions.finalise(cid, decided, preview.content_sha256)
    assert s.voice.get(cid, decided).locked_by_decision
    with pytest.raises(RecordLockedError) as err:
        s.voice.save(cid, decided, {"wishes_and_feelings": "Changed after the decision"})
    assert err.value.code == "voice_locked_decision_finalised"
    assert s.voice.get(cid, decided).wishes_and_feelings == "Mae hi eisiau aros gyda'i mam-gu."
    # The sibling's decision is still a draft: their voice can still change.
    assert not s.voice.get(cid, sibling).locked_by_decision
    assert s.voice.save(cid, sibling, {"wishes_and_feelings": "Mae e eisiau aros."}).wishes_and_feelings
