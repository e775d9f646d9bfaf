"""``cofnod sign-in``, ``cofnod sync`` and ``cofnod export-json`` as scripts run them: in processes
of their own, against the real service over HTTPS, with a key store the processes share.

Exit statuses: 0 all synced, 2 something needs attention, 3 sign-in needed, 4 service
unreachable, 5 another sync of the profile is running.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import select, update

from desktop.profile import open_profile
from desktop.secrets import KeyringSecretStore
from desktop.store import wire
from desktop.store.orm import OutboxOp
from sync.engine.lock import ProfileLock
from sync.protocol.canonical import canonical_json, payload_sha256
from sync.service.db import now_iso
from sync.service.models import Device
from tests.service.harness import PASSWORD
from tests.support.faultproxy import Fault, Rule
from tests.support.sharedkeyring import SharedTestKeyring
from tests.sync_engine.conftest import Env
from tests.sync_engine.test_engine import _people

ROOT = Path(__file__).resolve().parents[2]


class Cli:
    def __init__(self, tmp: Path) -> None:
        self.keyring_file = tmp / "shared-keyring.json"
        self.env = {
            **os.environ,
            "PYTHON_KEYRING_BACKEND": "tests.support.sharedkeyring.SharedTestKeyring",
            "COFNOD_TEST_KEYRING_FILE": str(self.keyring_file),
            "PYTHONPATH": str(ROOT),
        }
        self.env.pop("COFNOD_PASSPHRASE", None)

    def __call__(self, *args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "desktop", *args],
            input=stdin,
            capture_output=True,
            text=True,
            env=self.env,
            cwd=ROOT,
            timeout=120,
        )

    def open(self, folder: Path) -> Any:
        secrets = KeyringSecretStore(backend=SharedTestKeyring(self.keyring_file))
        return open_profile(folder, secrets=secrets, create=False, env={})


def _reject_next_child(cli: Cli, folder: Path) -> None:
    """Queue a child whose op the service must refuse (a broken date, as a buggy build might send)."""
    store = cli.open(folder)
    try:
        with store.sessions.begin() as s:
            op = s.scalars(select(OutboxOp).where(OutboxOp.entity == "child").order_by(OutboxOp.device_seq)).first()
            assert op is not None
            payload = {**json.loads(op.payload_json), "date_of_birth": "not a date"}
            seq = s.scalar(select(OutboxOp.device_seq).order_by(OutboxOp.device_seq.desc()).limit(1))
            s.add(
                OutboxOp(
                    op_id="01930a7e-4c2b-7d10-8f3e-" + os.urandom(6).hex(), device_seq=(seq or 0) + 1, kind="create",
                    entity="child", entity_id=os.urandom(8).hex(), base_version=None,
                    schema_version=op.schema_version, payload_json=canonical_json(payload).decode("utf-8"),
                    payload_sha256=payload_sha256(payload), author_user_id=op.author_user_id,
                    client_time=op.client_time, state="pending",
                )
            )  # fmt: skip
    finally:
        store.close()


def test_sign_in_sync_and_export_through_the_commands(env: Env, tmp_path: Path) -> None:
    _people(env)
    cli = Cli(tmp_path)
    folder = tmp_path / "cli-profile"
    made = cli("demo-data", "--profile", str(folder), "--children", "2", "--seed", "5")
    assert made.returncode == 0, made.stderr

    never = cli("sync", "--profile", str(folder))
    assert never.returncode == 3, never.stderr
    sign = ["sign-in", "--profile", str(folder), "--server", env.url, "--ca", env.ca, "--user", "eluned"]
    wrong = cli(*sign, "--password-stdin", stdin="not the password\n")
    assert wrong.returncode == 3, wrong.stderr
    assert "not the password" not in wrong.stdout + wrong.stderr
    nopass = cli(*sign)
    assert nopass.returncode == 2
    ok = cli(*sign, "--password-stdin", stdin=PASSWORD + "\n")
    assert ok.returncode == 0, ok.stderr
    assert PASSWORD not in cli.keyring_file.read_text(encoding="utf-8")
    assert PASSWORD not in ok.stdout + ok.stderr

    first = cli("sync", "--profile", str(folder))
    assert first.returncode == 0, first.stderr
    assert "sent " in first.stdout and "needs attention 0" in first.stdout
    store = cli.open(folder)
    try:
        with store.sessions() as s:
            ops = {o.op_id: o.state for o in s.scalars(select(OutboxOp))}
    finally:
        store.close()
    assert ops and set(ops.values()) == {"applied"} and set(ops) <= env.journal()
    again = cli("sync", "--profile", str(folder))
    assert again.returncode == 0 and "sent 0" in again.stdout

    out = tmp_path / "export.json"
    exported = cli("export-json", "--profile", str(folder), "--out", str(out))
    assert exported.returncode == 0, exported.stderr
    assert os.stat(out).st_mode & 0o077 == 0
    doc = json.loads(out.read_text(encoding="utf-8"))
    store = cli.open(folder)
    try:
        with store.sessions() as s:
            expected = {
                (e.value, row.id): wire.to_wire(s, row)
                for e in wire.outbound_entities()
                for row in s.scalars(select(wire.BY_ENTITY[e].table))
            }
    finally:
        store.close()
    assert {(r["entity"], r["entity_id"]): r["payload"] for r in doc["records"]} == expected
    assert doc["protocol"] == 1 and {r["entity"] for r in doc["records"]} >= {"child", "conference", "decision"}

    _reject_next_child(cli, folder)
    attention = cli("sync", "--profile", str(folder))
    assert attention.returncode == 2, attention.stdout + attention.stderr
    assert "rejected 1" in attention.stderr
    still = cli("sync", "--profile", str(folder))
    assert still.returncode == 2  # the rejection stays in front of a person until resolved

    with ProfileLock(folder):
        busy = cli("sync", "--profile", str(folder))
    assert busy.returncode == 5, busy.stderr
    lock = ProfileLock(folder)
    lock.acquire()
    threading.Timer(1.0, lock.release).start()
    waited = cli("sync", "--profile", str(folder), "--wait", "60")
    assert waited.returncode == 2 and not lock.held

    with env.svc.db.write_txn() as s:
        s.execute(update(Device).values(revoked_at=now_iso(datetime.now(UTC))))
    revoked = cli("sync", "--profile", str(folder))
    assert revoked.returncode == 3, revoked.stderr


def test_a_service_that_cannot_be_reached_is_exit_4(env: Env, tmp_path: Path) -> None:
    _people(env)
    cli = Cli(tmp_path)
    folder = tmp_path / "cli-far"
    sign = ["sign-in", "--profile", str(folder), "--server", env.proxy.url, "--ca", env.proxy.ca_file]
    ok = cli(*sign, "--user", "ceri", "--password-stdin", stdin=PASSWORD + "\n")
    assert ok.returncode == 0, ok.stderr
    env.proxy.add(Rule(Fault.STATUS, path="/v1/", status=503, times=None))
    started = time.monotonic()
    down = cli("sync", "--profile", str(folder))
    assert down.returncode == 4, down.stderr
    assert time.monotonic() - started < 100
    env.proxy.clear()
    up = cli("sync", "--profile", str(folder))
    assert up.returncode == 0, up.stderr


def test_a_fresh_sync_process_with_nothing_to_do_makes_one_request(env: Env, tmp_path: Path) -> None:
    _people(env)
    cli = Cli(tmp_path)
    folder = tmp_path / "noop-profile"
    assert cli("demo-data", "--profile", str(folder), "--children", "1", "--seed", "2").returncode == 0
    # Through the fault proxy, which records every request that reaches the service.
    sign = ["sign-in", "--profile", str(folder), "--server", env.proxy.url, "--ca", env.proxy.ca_file]
    ok = cli(*sign, "--user", "eluned", "--password-stdin", stdin=PASSWORD + "\n")
    assert ok.returncode == 0, ok.stderr
    first = cli("sync", "--profile", str(folder))
    assert first.returncode == 0, first.stderr
    # The sign-in's access token, kept in the key store, served the first sync's process too.
    assert env.proxy.count("/v1/auth/token") == 0
    before = len(env.proxy.seen)
    again = cli("sync", "--profile", str(folder))
    assert again.returncode == 0 and "sent 0" in again.stdout and "received 0" in again.stdout
    assert [(s.method, s.path, s.status) for s in env.proxy.seen[before:]] == [("GET", "/v1/sync/pull", 200)]
