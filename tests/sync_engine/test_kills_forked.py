"""Sync killed (SIGKILL) at random points of push and pull, many times, then run to the end.

Each round the laptop gets new work (records made and edited locally, and records another chair
pushed meanwhile, so both its push and its pull have something to do), then a forked child
(:mod:`tests.support.kill_child`) syncs it and kills itself at the n-th event of the chosen phase:
an SQL statement or commit of the store, or an HTTP request just before it leaves or just after its
answer came back (the service has committed, the laptop has not recorded it). Kills are aimed by
counts of events, not by sleeps, so they land inside a sync however fast the machine is.

After the last kill a clean sync runs, and the invariants of sync-protocol.md §16 are checked:
every op the laptop saved is on the service exactly once and answered ``applied``; no version on
the service was written twice; nothing needs attention; the cursor agrees with the data;
``PRAGMA integrity_check`` is ok; the witness laptop and the killed one hold equal records; the
finalised decisions on the service are as they were.

``COFNOD_FORK_KILLS`` sets the number of kills (default 50); ``COFNOD_LONG=1`` makes it 400.
"""

from __future__ import annotations

import datetime as dt
import json
import multiprocessing
import os
import random
from pathlib import Path
from typing import Any

from sqlalchemy import func, select, text

from desktop.demo import generate_demo
from desktop.services.base import CurrentUser
from desktop.services.registry import build_services
from desktop.services.sync import SyncService
from desktop.store.orm import Child, EntityVersion, OutboxOp
from desktop.store.outbox import Actor, record_update, wire_before
from desktop.store.sync_store import SyncStore
from desktop.store.testing import open_test_store
from sync.client.http import ClientConfig, RegisterClient
from sync.protocol.enums import Role
from sync.service.models import Change, EntityHead
from tests.service.harness import PASSWORD
from tests.support.kill_child import FileTokenStore, sync_until_killed
from tests.sync_engine.conftest import FAST, Env, Laptop
from tests.sync_engine.test_engine import TODAY, _people
from tests.unit.services.seed import Seat

KILLS = int(os.environ.get("COFNOD_FORK_KILLS", "400" if os.environ.get("COFNOD_LONG") else "50"))
#: Preloaded in the forkserver, so that each child starts in milliseconds.
PRELOAD = ["tests.support.kill_child", "desktop.demo", "sync.protocol.messages"]


def _finalised_decisions(env: Env) -> dict[str, str]:
    with env.svc.db.read_txn() as s:
        rows = s.execute(
            select(EntityHead.entity_id, EntityHead.payload_json).where(
                EntityHead.entity == "decision", EntityHead.state.in_(("finalised", "contested"))
            )
        ).all()
    return {str(i): str(p) for i, p in rows}


def _add_child(services: Any, given: str) -> str:
    council = services.settings.ensure_council("CRD", "Cardiff", "Caerdydd")
    return str(services.children.create(given, "Ŵyn", council_id=council.id, date_of_birth=dt.date(2016, 1, 2)).id)


def _edit(store: Any, actor: Actor, child_id: str, given: str) -> bool:
    with store.sessions.begin() as s:
        child = s.get(Child, child_id)
        if child is None:
            return False
        before = wire_before(s, child)
        child.given_names = given
        record_update(s, actor, child, before)
    return True


def test_forked_syncs_killed_at_random_events_lose_and_double_nothing(env: Env, tmp_path: Path) -> None:
    _people(env)
    folder = tmp_path / "killed"
    store = open_test_store(folder)
    generate_demo(store, children=3, seed=5, today=TODAY)
    seat = Seat(CurrentUser(None, "", Role.CHAIR))
    services = build_services(store.sessions, user=seat, today=lambda: TODAY, device_id="local")
    tokens = FileTokenStore(folder / "tokens.json")
    with RegisterClient(ClientConfig(base_url=env.url, ca_file=env.ca, **FAST), tokens) as client:
        SyncService(services.ctx, folder).sign_in(client, "eluned", PASSWORD, "laptop")
        device_id = client.device_id
    from desktop.profile import get_identity

    ident = get_identity(store)
    assert ident is not None and device_id is not None
    seat.user = CurrentUser(ident.user_id, ident.display_name, Role.CHAIR)
    actor = Actor(ident.user_id, device_id)

    other = env.laptop("other", direct=True)
    generate_demo(other.store, children=2, seed=6, today=TODAY)
    env.sign_in(other, "ceri")
    assert other.run().complete
    decisions_before = _finalised_decisions(env)
    assert decisions_before  # the demo data finalises decisions; they must never change

    ctx = multiprocessing.get_context("forkserver")
    ctx.set_forkserver_preload(PRELOAD)
    rng = random.Random(20261203)
    seen_max = {"push": 30, "pull": 30}
    killed = {"push": 0, "pull": 0}
    mine: list[str] = []
    finished = rounds = 0
    while sum(killed.values()) < KILLS:
        rounds += 1
        assert rounds < KILLS * 4, (killed, finished)
        # New work for both directions.
        for _ in range(rng.randint(1, 4)):
            mine.append(_add_child(services, f"Lleol {rounds}"))
        if mine and rng.random() < 0.6:
            _edit(store, actor, rng.choice(mine), f"Golygwyd {rounds}")
        if rng.random() < 0.7:
            _add_child(other.services, f"Arall {rounds}")
            assert other.run().complete
        store.engine.dispose()  # the child owns the file while it runs

        phase = "push" if killed["push"] <= killed["pull"] else "pull"
        kill_at = rng.randint(1, max(1, seen_max[phase]))
        (folder / "events.json").unlink(missing_ok=True)
        proc = ctx.Process(target=sync_until_killed, args=(str(folder), store.key, env.url, env.ca, phase, kill_at))
        proc.start()
        proc.join(60)
        assert proc.exitcode in (0, -9), proc.exitcode
        if proc.exitcode == -9:
            killed[phase] += 1
        else:
            finished += 1
            counts = json.loads((folder / "events.json").read_text(encoding="utf-8"))["counts"]
            for p in seen_max:
                seen_max[p] = max(seen_max[p] // 2, int(counts.get(p, 0)))

    # The last, clean run, in this process.
    with RegisterClient(ClientConfig(base_url=env.url, ca_file=env.ca, **FAST), tokens) as client:
        report = SyncService(services.ctx, folder).sync(client)
    assert report.complete and not report.needs_attention, (report.error_kind, report.error_code)
    assert other.run().complete

    with store.sessions() as s:
        assert s.execute(text("PRAGMA integrity_check")).scalar() == "ok"
        ops = {o.op_id: o.state for o in s.scalars(select(OutboxOp))}
        newest = s.scalar(select(func.max(EntityVersion.server_seq)))
    assert ops and set(ops.values()) == {"applied"}
    sync_store = SyncStore(store.sessions)
    assert sync_store.cursor() >= (newest or 0) and sync_store.attention_count() == 0
    assert set(ops) <= env.journal()
    with env.svc.db.read_txn() as s:
        twice = s.execute(
            select(Change.op_id, Change.entity_id, func.count())
            .where(Change.op_id.in_(list(ops)))
            .group_by(Change.op_id, Change.entity, Change.entity_id)
            .having(func.count() > 1)
        ).all()
        versions_twice = s.execute(
            select(Change.entity, Change.entity_id, Change.version, func.count())
            .group_by(Change.entity, Change.entity_id, Change.version)
            .having(func.count() > 1)
        ).all()
        on_service = s.scalar(select(func.count(func.distinct(Change.op_id))).where(Change.op_id.in_(list(ops))))
    assert twice == [] and versions_twice == [] and on_service == len(ops)
    after = _finalised_decisions(env)
    assert {k: after.get(k) for k in decisions_before} == decisions_before

    killed_laptop = Laptop(folder, store, services, seat, SyncService(services.ctx, folder), client)
    witness = env.laptop("witness", direct=True)
    env.add_user("gwen", "Gwen Prys", Role.CHAIR)
    env.sign_in(witness, "gwen")
    assert witness.run().complete
    assert killed_laptop.records() == witness.records() == other.records()
    assert all(("child", c) in witness.records() for c in mine)
    store.engine.dispose()
    print(f"\nforked kills: {killed} in {rounds} rounds ({finished} finished first), {len(ops)} ops")
