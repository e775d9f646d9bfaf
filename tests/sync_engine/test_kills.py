"""``cofnod sync`` killed (SIGKILL) at random moments during push and pull, then run to the end.

Invariants after recovery: every op the profile recorded is on the service exactly once and
answered ``applied``; nothing pulled is half-applied (the cursor equals the newest version held);
the encrypted database passes ``integrity_check``; a second profile of the council pulls the same
records. ``COFNOD_KILLS`` sets the number of kills (default 12; more in a long run).
"""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
import time
from pathlib import Path

from sqlalchemy import func, select, text

from desktop.store.orm import EntityVersion, OutboxOp
from desktop.store.sync_store import SyncStore
from sync.service.models import Change
from tests.service.harness import PASSWORD
from tests.sync_engine.conftest import Env
from tests.sync_engine.test_cli import ROOT, Cli
from tests.sync_engine.test_engine import _people

KILLS = int(os.environ.get("COFNOD_KILLS", "12"))


def test_sync_killed_at_random_points_loses_and_doubles_nothing(env: Env, tmp_path: Path) -> None:
    _people(env)
    cli = Cli(tmp_path)
    # Enough records that a whole sync outlasts the first kills (some 10 s here), so they land in it.
    folder = tmp_path / "killed"
    assert cli("demo-data", "--profile", str(folder), "--children", "80", "--seed", "9").returncode == 0
    sign = ["sign-in", "--profile", str(folder), "--server", env.url, "--ca", env.ca, "--user", "eluned"]
    ok = cli(*sign, "--password-stdin", stdin=PASSWORD + "\n")
    assert ok.returncode == 0, ok.stderr

    rng = random.Random(20261203)
    killed = 0
    finished_early = 0
    for _ in range(KILLS):
        proc = subprocess.Popen(
            [sys.executable, "-m", "desktop", "sync", "--profile", str(folder), "--wait", "30"],
            env=cli.env,
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        try:
            proc.wait(timeout=rng.uniform(1.0, 4.0))
            finished_early += 1
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
            killed += 1
        assert proc.stderr is not None
        err = proc.stderr.read()
        proc.stderr.close()
        assert proc.returncode in (0, -9), err
        if proc.returncode == 0:
            break  # nothing left to interrupt
        time.sleep(rng.uniform(0, 0.2))
    assert killed >= 1
    store = cli.open(folder)
    try:
        with store.sessions() as s:
            answered_before_final = s.scalar(select(func.count()).where(OutboxOp.state != "pending"))
    finally:
        store.close()

    final = cli("sync", "--profile", str(folder), "--wait", "30")
    assert final.returncode == 0, final.stdout + final.stderr

    store = cli.open(folder)
    try:
        with store.sessions() as s:
            assert s.execute(text("PRAGMA integrity_check")).scalar() == "ok"
            ops = {o.op_id: o.state for o in s.scalars(select(OutboxOp))}
            newest = s.scalar(select(func.max(EntityVersion.server_seq)))
        assert ops and set(ops.values()) == {"applied"}
        assert SyncStore(store.sessions).cursor() >= (newest or 0)
    finally:
        store.close()
    assert set(ops) <= env.journal()
    with env.svc.db.read_txn() as s:
        twice = s.execute(
            select(Change.op_id, Change.entity_id, func.count())
            .where(Change.op_id.in_(list(ops)))
            .group_by(Change.op_id, Change.entity, Change.entity_id)
            .having(func.count() > 1)
        ).all()
        on_service = s.scalar(select(func.count(func.distinct(Change.op_id))).where(Change.op_id.in_(list(ops))))
    assert twice == [] and on_service == len(ops)

    p2 = env.laptop("witness", direct=True)
    env.sign_in(p2, "ceri")
    assert p2.run().complete
    exported = cli("export-json", "--profile", str(folder), "--out", str(tmp_path / "k.json"))
    assert exported.returncode == 0
    doc = json.loads((tmp_path / "k.json").read_text(encoding="utf-8"))
    assert {(r["entity"], r["entity_id"]): r["payload"] for r in doc["records"]} == p2.records()
    print(
        f"\nkills: {killed} killed, {finished_early} finished before their kill, {len(ops)} ops,"
        f" {answered_before_final} answered before the last run"
    )
