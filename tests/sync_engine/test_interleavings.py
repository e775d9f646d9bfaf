"""Random interleavings (hypothesis) of edits, syncs, kills and network faults across three laptops.

Each example signs in three fresh laptops of one council (real encrypted stores, the real service
over HTTPS through the fault proxy), then runs a drawn sequence of steps: a laptop adds a child or
edits one it holds (so laptops edit the same records and conflicts happen), syncs, or syncs in a
forked child that SIGKILLs itself at a drawn event (:mod:`tests.support.kill_child`); or the proxy
is told to drop the next answer after the service committed, answer 503, cut a body or reset a
connection. Then the faults stop, every laptop syncs until nothing is pending, and the invariants
of sync-protocol.md §16 are checked: every op on the service exactly once; every conflict and
rejection on the service visible on the laptop that made it (and counted by ``attention_count``);
the laptops hold the same records; finalised decisions unchanged; ``integrity_check`` ok.

A few examples in ``make test``; ``COFNOD_LONG=1`` runs many more.
"""

from __future__ import annotations

import datetime as dt
import json
import multiprocessing
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select, text

from desktop.demo import generate_demo
from desktop.profile import get_identity
from desktop.services.base import CurrentUser
from desktop.services.registry import Services, build_services
from desktop.services.sync import SyncService
from desktop.store import wire
from desktop.store.orm import Child, OutboxOp
from desktop.store.outbox import Actor, record_update, wire_before
from desktop.store.sync_store import SyncStore
from desktop.store.testing import OpenStore, open_test_store
from sync.client.http import ClientConfig, RegisterClient
from sync.engine.run import SyncReport
from sync.protocol.enums import Role
from sync.service.models import Change, EntityHead, OpJournal, User
from tests.service.harness import PASSWORD
from tests.support.faultproxy import Fault, Rule
from tests.support.kill_child import FileTokenStore, sync_until_killed
from tests.sync_engine.conftest import FAST, Env
from tests.sync_engine.test_kills_forked import PRELOAD
from tests.unit.services.seed import TODAY, Seat

LONG = bool(os.environ.get("COFNOD_LONG"))
USERS = ("eluned", "ceri", "gwen")
FAULTS = [
    Rule(Fault.DROP_RESPONSE, path="/v1/sync/push"),
    Rule(Fault.STATUS, path="/v1/sync/", status=503),
    Rule(Fault.CUT, path="/v1/sync/pull"),
    Rule(Fault.RESET, path="/v1/sync/"),
]


@dataclass
class Device:
    """A laptop whose tokens live in a file, so that a forked sync and this process share them."""

    folder: Path
    store: OpenStore
    services: Services
    seat: Seat
    env: Env
    actor: Actor | None = None

    def client(self) -> RegisterClient:
        config = ClientConfig(base_url=self.env.proxy.url, ca_file=self.env.proxy.ca_file, **FAST)
        return RegisterClient(config, FileTokenStore(self.folder / "tokens.json"))

    def sync(self) -> SyncReport:
        with self.client() as client:
            return SyncService(self.services.ctx, self.folder).sync(client, wait=30)

    def records(self) -> dict[tuple[str, str], dict[str, Any]]:
        out: dict[tuple[str, str], dict[str, Any]] = {}
        with self.store.sessions() as s:
            for entity in wire.outbound_entities():
                for row in s.scalars(select(wire.BY_ENTITY[entity].table)):
                    out[(entity.value, str(row.id))] = wire.to_wire(s, row)
        return out

    def ops(self) -> dict[str, tuple[str, str, str]]:
        with self.store.sessions() as s:
            return {o.op_id: (o.state, o.entity, o.entity_id) for o in s.scalars(select(OutboxOp))}


def _device(env: Env, name: str, user: str, demo: bool) -> Device:
    folder = env.tmp / name
    store = open_test_store(folder)
    if demo:
        generate_demo(store, children=1, seed=11, today=TODAY)
    seat = Seat(CurrentUser(None, "", Role.CHAIR))
    services = build_services(store.sessions, user=seat, today=lambda: TODAY, device_id="local")
    dev = Device(folder, store, services, seat, env)
    with dev.client() as client:
        SyncService(services.ctx, folder).sign_in(client, user, PASSWORD, name)
        device_id = client.device_id
    ident = get_identity(store)
    assert ident is not None and device_id is not None
    seat.user = CurrentUser(ident.user_id, ident.display_name, Role.CHAIR)
    dev.actor = Actor(ident.user_id, device_id)
    return dev


def _add(dev: Device, n: int) -> None:
    council = dev.services.settings.ensure_council("CRD", "Cardiff", "Caerdydd")
    dev.services.children.create(f"Plentyn {n}", "Ŵyn", council_id=council.id, date_of_birth=dt.date(2016, 1, 2))


def _edit(dev: Device, pick: int, n: int) -> None:
    assert dev.actor is not None
    with dev.store.sessions.begin() as s:
        ids = sorted(s.scalars(select(Child.id)))
        if not ids:
            return
        child = s.get(Child, ids[pick % len(ids)])
        assert child is not None
        before = wire_before(s, child)
        child.given_names = f"Golygiad {n}"
        record_update(s, dev.actor, child, before)


def _killed_sync(dev: Device, phase: str, kill_at: int) -> None:
    dev.store.engine.dispose()
    ctx = multiprocessing.get_context("forkserver")
    ctx.set_forkserver_preload(PRELOAD)
    args = (str(dev.folder), dev.store.key, dev.env.proxy.url, dev.env.proxy.ca_file, phase, kill_at)
    proc = ctx.Process(target=sync_until_killed, args=args)
    proc.start()
    proc.join(60)
    assert proc.exitcode in (0, -9), proc.exitcode


STEP = st.one_of(
    st.tuples(st.just("add"), st.integers(0, 2)),
    st.tuples(st.just("edit"), st.integers(0, 2), st.integers(0, 50)),
    st.tuples(st.just("sync"), st.integers(0, 2)),
    st.tuples(st.just("kill"), st.integers(0, 2), st.sampled_from(["push", "pull"]), st.integers(1, 40)),
    st.tuples(st.just("fault"), st.integers(0, len(FAULTS) - 1)),
)


def _finalised(env: Env) -> dict[str, str]:
    with env.svc.db.read_txn() as s:
        rows = s.execute(
            select(EntityHead.entity_id, EntityHead.payload_json).where(
                EntityHead.entity == "decision", EntityHead.state.in_(("finalised", "contested"))
            )
        )
        return {str(i): str(p) for i, p in rows}


@settings(
    max_examples=60 if LONG else 3,
    deadline=None,
    derandomize=not LONG,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(steps=st.lists(STEP, min_size=4, max_size=40 if LONG else 16))
def test_random_interleavings_converge_and_keep_the_invariants(env: Env, steps: list[tuple[Any, ...]]) -> None:
    with env.svc.db.read_txn() as s:
        known = set(s.scalars(select(User.username)))
    for i, user in enumerate(USERS):
        if user not in known:  # hypothesis runs its examples on one service
            env.add_user(user, f"Cadeirydd {i}", Role.CHAIR)
    run = len(list(env.tmp.glob("x*-0")))
    devs = [_device(env, f"x{run}-{i}", user, demo=i == 0) for i, user in enumerate(USERS)]
    try:
        _play(env, devs, steps)
    finally:
        env.proxy.clear()
        for d in devs:
            d.store.engine.dispose()


def _play(env: Env, devs: list[Device], steps: list[tuple[Any, ...]]) -> None:
    assert devs[0].sync().complete
    finalised = _finalised(env)
    for n, step in enumerate(steps):
        match step:
            case ("add", i):
                _add(devs[i], n)
            case ("edit", i, pick):
                _edit(devs[i], pick, n)
            case ("sync", i):
                devs[i].sync()  # faults may stop it early: that is the point
            case ("kill", i, phase, at):
                _killed_sync(devs[i], phase, at)
            case ("fault", k):
                r = FAULTS[k]
                env.proxy.add(Rule(r.fault, path=r.path, status=r.status))

    env.proxy.clear()
    for _ in range(3):  # each laptop's last pushes reach the others on the next round
        reports = [d.sync() for d in devs]
        assert all(r.error_code is None for r in reports), [(r.error_kind, r.error_code) for r in reports]
    assert all(r.complete for r in reports)

    journal: dict[str, str] = {}
    with env.svc.db.read_txn() as s:
        for op_id, status, result in s.execute(select(OpJournal.op_id, OpJournal.status, OpJournal.result_json)):
            # A create the service already held as sent is journalled ``duplicate`` with its first outcome.
            first = json.loads(result).get("first_status") if status == "duplicate" else None
            journal[str(op_id)] = str(first or status)
    attention: set[tuple[str, str]] = set()
    for d in devs:
        ops = d.ops()
        assert set(ops) <= set(journal)
        for op_id, (state, entity, entity_id) in ops.items():
            # Duplicates keep the first outcome; the device holds the same outcome as the service.
            assert state == journal[op_id], (op_id, state, journal[op_id])
            if state in ("conflict", "rejected"):
                attention.add((entity, entity_id))
        waiting = sum(1 for st_, *_ in ops.values() if st_ in ("conflict", "rejected"))
        assert SyncStore(d.store.sessions).attention_count() == waiting
        with d.store.sessions() as s:
            assert s.execute(text("PRAGMA integrity_check")).scalar() == "ok"
        with env.svc.db.read_txn() as s:
            twice = s.execute(
                select(Change.op_id, Change.entity_id, func.count())
                .where(Change.op_id.in_(list(ops)))
                .group_by(Change.op_id, Change.entity, Change.entity_id)
                .having(func.count() > 1)
            ).all()
        assert twice == []
    # Records whose edits conflicted are left out (the known divergence marked xfail in test_faults).
    views = [{k: v for k, v in d.records().items() if k not in attention} for d in devs]
    assert views[0] == views[1] == views[2]
    after = _finalised(env)
    assert {k: after.get(k) for k in finalised} == finalised
