"""Services apply the same Wales rules and locks as the rest of the app (review findings)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from desktop.domain.config import RulesConfig
from desktop.services.attendance import NewAttendee
from desktop.services.conferences import NewConference
from sync.protocol.enums import AgencyGrouping, ConferenceType, ParticipantKind
from tests.unit.services.seed import World, make_world


@pytest.fixture
def world(tmp_path: Path) -> World:
    return make_world(tmp_path)


def _conference(w: World) -> str:
    new = NewConference(
        type=ConferenceType.INITIAL,
        scheduled_for=dt.datetime(2026, 3, 12, 10, 0, tzinfo=dt.UTC),
        child_ids=w.child_ids,
        strategy_discussion_on=dt.date(2026, 3, 2),
        chair_user_id=w.chair.user_id,
        minute_taker_user_id=w.minute_taker.user_id,
    )
    cid = w.services.conferences.create(new).id
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
