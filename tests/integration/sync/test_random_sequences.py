"""Hypothesis: any sequence of the app's service calls queues ops that validate and that the service applies.

Each example is a fresh, signed-in profile driving the real services with random calls (a call
the rules refuse writes nothing and is skipped); every queued op must validate against the
protocol's models and come back ``applied`` from the real service over HTTPS.
"""

from __future__ import annotations

import datetime as dt
import itertools
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from desktop.services.attendance import NewAttendee
from desktop.services.conferences import NewConference
from desktop.services.errors import ServiceError
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
    Role,
)
from tests.integration.sync.seam import Profile, Seam, seam
from tests.integration.sync.test_contract import _check_ops_against_protocol

TEXT = st.text(alphabet=st.sampled_from("abc ŵŷâ'-\nTŷ"), min_size=0, max_size=30)
_folders = itertools.count()


@pytest.fixture(scope="module")
def service(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Seam]:
    folder = tmp_path_factory.mktemp("random-seam")
    with seam(folder) as sm:
        sm.add_user("chair", "Gwenllian Morgan", Role.CHAIR)
        sm.add_user("mt", "Rhys Ifans", Role.MINUTE_TAKER)
        yield sm


class _Run:
    """The random caller: remembers what exists so later calls can refer to it."""

    def __init__(self, p: Profile, data: st.DataObject) -> None:
        self.p, self.data = p, data
        self.children: list[str] = []
        self.conferences: list[str] = []
        self.attendees: dict[str, list[str]] = {}
        self.actions: list[str] = []

    def pick(self, items: list[str]) -> str:
        return str(self.data.draw(st.sampled_from(items)))

    def step(self, name: str) -> None:
        s, d = self.p.services, self.data
        council = s.settings.ensure_council("CRD", "Cardiff", "Caerdydd").id
        if name == "child" or not self.children:
            self.children.append(
                s.children.create(
                    d.draw(TEXT) or "Siân", "Ŵyn", council_id=council, date_of_birth=dt.date(2016, 1, 2)
                ).id
            )
            return
        if name == "conference" or not self.conferences:
            kids = d.draw(st.lists(st.sampled_from(self.children), min_size=1, max_size=3, unique=True))
            cid = s.conferences.create(
                NewConference(
                    type=ConferenceType.INITIAL,
                    scheduled_for=dt.datetime(2026, 3, 12, 10, tzinfo=dt.UTC),
                    child_ids=kids,
                    strategy_discussion_on=dt.date(2026, 3, 2),
                    chair_user_id=self.p.user_id,
                )
            ).id
            s.conferences.start(cid)
            self.conferences.append(cid)
            self.attendees[cid] = []
            return
        cid = self.pick(self.conferences)
        kids = [c.id for c in s.conferences.details(cid).children]
        child = self.pick(kids)
        if name == "attend":
            agency = d.draw(st.sampled_from(list(AgencyGrouping)))
            self.attendees[cid].append(
                s.attendance.add(cid, NewAttendee(d.draw(TEXT) or "PC", ParticipantKind.PRACTITIONER, agency=agency)).id
            )
        elif name == "status" and self.attendees[cid]:
            status = d.draw(st.sampled_from([AttendanceStatus.PRESENT_REMOTE, AttendanceStatus.APOLOGIES_WITH_REPORT]))
            s.attendance.update(self.pick(self.attendees[cid]), {"status": status.value})
        elif name == "voice":
            s.voice.save(
                cid,
                child,
                {
                    "wishes_and_feelings": d.draw(TEXT),
                    "participation_mode": d.draw(st.sampled_from(list(ParticipationMode))).value,
                    "advocacy_offer": d.draw(st.sampled_from(list(AdvocacyOffer))).value,
                },
            )
        elif name == "minutes":
            section = self.pick([x.id for x in s.minutes.sections(cid)])
            s.minutes.save(section, d.draw(TEXT))
        elif name == "decision":
            s.decisions.save(
                cid,
                child,
                {
                    "outcome": d.draw(st.sampled_from([Outcome.REGISTERED, Outcome.NOT_REGISTERED])).value,
                    "categories": d.draw(
                        st.lists(st.sampled_from([c.value for c in Category]), unique=True, max_size=2)
                    ),
                    "rationale": d.draw(TEXT),
                },
            )
        elif name == "view" and self.attendees[cid]:
            s.decisions.set_view(
                cid,
                child,
                self.pick(self.attendees[cid]),
                d.draw(st.sampled_from(list(PractitionerViewKind))),
                reasons=d.draw(TEXT),
            )
        elif name == "dissent" and self.attendees[cid]:
            s.decisions.set_dissent(cid, child, self.pick(self.attendees[cid]), d.draw(TEXT))
        elif name == "plan":
            s.plan.save(cid, child, {"risks": d.draw(TEXT), "support": d.draw(TEXT)})
        elif name == "action":
            self.actions.append(s.plan.add_action(cid, child, d.draw(TEXT) or "Ymweld", "SW", None).id)
        elif name == "unaction" and self.actions:
            s.plan.remove_action(self.actions.pop())
        elif name == "member":
            s.plan.add_member(cid, None, d.draw(TEXT) or "Nyrs", AgencyGrouping.HEALTH.value)
        elif name == "coordinator":
            s.children.change_coordinator(
                child,
                d.draw(TEXT) or "SW",
                from_date=dt.date(2026, 3, d.draw(st.integers(1, 28))),
                handover_note="nodyn",
                family_told=True,
                agencies_told=True,
            )
        elif name == "reason":
            s.conferences.set_quorum_reason(cid, d.draw(TEXT))


STEPS = [
    "child",
    "conference",
    "attend",
    "status",
    "voice",
    "minutes",
    "decision",
    "view",
    "dissent",
    "plan",
    "action",
    "unaction",
    "member",
    "coordinator",
    "reason",
]


# One real service serves every example (a fresh one each would cost seconds), so a shrinking
# replay meets a service that has moved on; examples are generated only, from a fixed seed, and a
# failure prints its draws. COFNOD_LONG=1 explores further with fresh random examples.
@settings(
    max_examples=200 if os.environ.get("COFNOD_LONG") else 20,
    deadline=None,
    derandomize=not os.environ.get("COFNOD_LONG"),
    phases=[Phase.explicit, Phase.generate],
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(steps=st.lists(st.sampled_from(STEPS), min_size=3, max_size=25), data=st.data())
def test_random_service_calls_queue_ops_that_validate_and_apply(
    service: Seam, tmp_path: Path, steps: list[str], data: st.DataObject
) -> None:
    p = service.profile(tmp_path / f"p{next(_folders)}")
    p.seat.user = p.services.settings.set_identity("Gwenllian Morgan", Role.CHAIR)
    service.sign_in(p, "chair")
    run = _Run(p, data)
    for step in steps:
        try:
            run.step(step)
        except ServiceError:
            pass  # refused by the rules: nothing was queued
    _check_ops_against_protocol(p)
    results: list[dict[str, Any]] = service.push(p)
    assert [r for r in results if r["status"] != "applied"] == []
    assert p.sync.pending_count() == 0
