"""What the record may show and when it locks (issue 10), through the services a chair uses."""

from __future__ import annotations

import datetime as dt

import pytest

from desktop.services.attendance import NewAttendee
from desktop.services.conferences import NewConference
from desktop.services.errors import PermissionDeniedError, RecordLockedError, ServiceError
from sync.protocol.enums import (
    AgencyGrouping,
    AttendanceStatus,
    ConferenceType,
    Outcome,
    ParticipantKind,
    PractitionerViewKind,
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
