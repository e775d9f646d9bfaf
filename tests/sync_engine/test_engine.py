"""The engine against the real service over HTTPS: sign-in, push, pull, restore, cancel, rejects.

Records are made through the app's own services (and the demo generator, for volume); two
laptops of one council end with equal records; every op is on the service exactly once.
"""

from __future__ import annotations

import datetime as dt
import json

from sqlalchemy import select

from desktop.demo import CHAIR_NAME, MINUTE_TAKER_NAME, generate_demo
from desktop.store.orm import Child, EntityVersion, OutboxOp
from desktop.store.outbox import Actor, record_update, wire_before
from sync.engine.run import Phase, Progress, run_sync
from sync.protocol.canonical import canonical_json, payload_sha256
from sync.protocol.enums import Role
from tests.support.faultproxy import Fault, Rule
from tests.sync_engine.conftest import Env, Laptop

TODAY = dt.date(2026, 3, 10)


def _people(env: Env) -> None:
    env.add_user("eluned", CHAIR_NAME, Role.CHAIR)
    env.add_user("tomos", MINUTE_TAKER_NAME, Role.MINUTE_TAKER)
    env.add_user("ceri", "Ceri Lloyd", Role.CHAIR)


def _signed_in_with_data(env: Env, name: str = "p1", children: int = 4) -> Laptop:
    lap = env.laptop(name)
    generate_demo(lap.store, children=children, seed=3, today=TODAY)
    env.sign_in(lap, "eluned")
    return lap


def _add_child(lap: Laptop, given: str) -> str:
    council = lap.services.settings.ensure_council("CRD", "Cardiff", "Caerdydd")
    return lap.services.children.create(given, "Ŵyn", council_id=council.id, date_of_birth=dt.date(2016, 1, 2)).id


def test_sign_in_record_sync_and_a_second_laptop_ends_equal(env: Env) -> None:
    _people(env)
    p1 = _signed_in_with_data(env)
    _add_child(p1, "Siân")
    queued = p1.sync.store.pending_count()
    seen: list[Progress] = []
    report = p1.run(on_progress=seen.append)
    assert report.error_code is None and report.complete and not report.needs_attention
    assert report.pushed == queued == report.applied and report.pulled >= queued
    assert {s.phase for s in seen} == {Phase.PUSH, Phase.PULL} and seen[-1].bytes > 0
    assert sum(p.bytes for p in report.phases.values()) == report.wire_bytes > 0
    assert report.phases[Phase.PUSH.value].ops == queued
    env.assert_exactly_once(p1)

    p2 = env.laptop("p2")
    env.sign_in(p2, "ceri")
    report2 = p2.run()
    assert report2.complete and report2.written > 0
    one, two = p1.records(), p2.records()
    assert one.keys() == two.keys() and one == two
    assert p1.sync.store.server_id() == p2.sync.store.server_id() is not None


def test_a_sync_with_nothing_to_do_is_one_request(env: Env) -> None:
    _people(env)
    p1 = _signed_in_with_data(env, children=1)
    assert p1.run().complete
    before = len(env.proxy.seen)
    report = p1.run()
    assert report.complete and report.pushed == report.pulled == 0
    assert [(s.method, s.path) for s in env.proxy.seen[before:]] == [("GET", "/v1/sync/pull")]


def test_a_rejected_op_in_the_middle_of_a_batch_blocks_nothing(env: Env) -> None:
    _people(env)
    p1 = _signed_in_with_data(env, children=1)
    assert p1.run().complete
    ids = [_add_child(p1, f"Plentyn {i}") for i in range(5)]
    # A bad payload on the third op (as a buggy or old build might queue): the service refuses it.
    with p1.store.sessions.begin() as s:
        op = s.scalars(select(OutboxOp).where(OutboxOp.entity_id == ids[2], OutboxOp.state == "pending")).one()
        payload = json.loads(op.payload_json)
        payload["date_of_birth"] = "not a date"
        op.payload_json = canonical_json(payload).decode("utf-8")
        op.payload_sha256 = payload_sha256(payload)
    report = p1.run()
    assert report.pushed == 5 and report.applied == 4 and report.rejected == 1
    assert report.needs_attention and report.pending == 0 and report.error_code is None
    states = {eid: st for eid, st in _states(p1).items() if eid in ids}
    assert [states[i] for i in ids] == ["applied", "applied", "rejected", "applied", "applied"]
    # The queue goes on: a later op is sent and applied, the rejection stays visible.
    _add_child(p1, "Wedyn")
    later = p1.run()
    assert later.applied == 1 and later.needs_attention and later.attention == 1


def _states(lap: Laptop) -> dict[str, str]:
    with lap.store.sessions() as s:
        return {o.entity_id: o.state for o in s.scalars(select(OutboxOp).order_by(OutboxOp.device_seq))}


def test_faults_converge_with_every_op_on_the_service_exactly_once(env: Env) -> None:
    _people(env)
    p1 = _signed_in_with_data(env, children=6)
    total = p1.sync.store.pending_count()
    assert total > 60
    env.proxy.add(
        Rule(Fault.DROP_RESPONSE, path="/v1/sync/push", times=2),
        Rule(Fault.STATUS, path="/v1/sync/push", status=503, times=2),
        Rule(Fault.CUT, path="/v1/sync/pull", times=2),
        Rule(Fault.RESET, path="/v1/sync/push", times=1),
    )
    report = p1.run()
    # The client's own retries see the faults through; whatever is left, the next run finishes.
    for _ in range(3):
        if report.complete:
            break
        report = p1.run()
    assert report.complete, (report.error_kind, report.error_code)
    assert env.proxy.count("/v1/sync/push", Fault.DROP_RESPONSE) == 2
    env.assert_exactly_once(p1)
    assert sum(1 for *_, st in p1.outbox() if st == "applied") == total


def _edit_child(lap: Laptop, child_id: str, given: str) -> None:
    """A local edit as the services make one: the row changes and a patch op is queued, in one transaction."""
    with lap.store.sessions.begin() as s:
        child = s.get(Child, child_id)
        assert child is not None
        before = wire_before(s, child)
        child.given_names = given
        record_update(s, Actor(lap.seat.user.user_id, lap.client.device_id), child, before)


def test_a_pulled_change_never_overwrites_a_record_with_pending_ops(env: Env) -> None:
    _people(env)
    p1 = _signed_in_with_data(env, children=1)
    x, y = _add_child(p1, "Ecs"), _add_child(p1, "Wai")
    assert p1.run().complete
    p2 = env.laptop("p2")
    env.sign_in(p2, "ceri")
    assert p2.run().complete
    _edit_child(p1, y, "Wai newydd")
    _edit_child(p1, x, "Ecs newydd")
    assert p1.run().complete
    _edit_child(p1, x, "Ecs newyddach")  # the service's X is now ahead of any local count of edits
    assert p1.run().complete

    edited: list[Progress] = []

    def edit_while_pulling(p: Progress) -> None:
        if p.phase is Phase.PULL and not edited:
            _edit_child(p2, x, "Ecs lleol")  # the person edits X while its newer version is on its way
            edited.append(p)

    report = run_sync(p2.sync.store, p2.client, on_progress=edit_while_pulling, pull_limit=1)
    assert edited and report.pulled >= 2 and report.error_code is None and report.pending == 1
    with p2.store.sessions() as s:
        assert s.get(Child, x).given_names == "Ecs lleol"  # type: ignore[union-attr]
        assert s.get(Child, y).given_names == "Wai newydd"  # type: ignore[union-attr]
        kept = s.scalars(select(EntityVersion.raw_json).where(EntityVersion.entity_id == x)).all()
    assert any(json.loads(raw).get("given_names") == "Ecs newyddach" for raw in kept)
