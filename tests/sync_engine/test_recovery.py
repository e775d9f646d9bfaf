"""Recovery: a service restored from an older backup, a cancel in mid-push, batches over the size cap."""

from __future__ import annotations

import sqlite3
import threading
import time
from pathlib import Path

import pytest
from sqlalchemy import func, select

from desktop.demo import generate_demo
from desktop.services.sync import SyncService
from desktop.store.orm import EntityVersion
from sync.client.errors import ErrorKind
from sync.client.http import RegisterClient
from sync.engine.lock import SyncBusyError
from sync.engine.run import Phase, Progress, run_sync
from sync.protocol.messages import MetaResponse, PullResponse, PushRequest, PushResponse
from tests.support.faultproxy import Fault, Rule
from tests.sync_engine.conftest import Env, Laptop
from tests.sync_engine.test_engine import TODAY, _add_child, _people, _signed_in_with_data


def _copy_db(src: Path, dst: Path) -> None:
    """A consistent copy of a SQLite database (the backup API: what a backup job does)."""
    with sqlite3.connect(src) as a, sqlite3.connect(dst) as b:
        a.backup(b)
    a.close()
    b.close()


def _restore(env: Env, backup: Path) -> None:
    """Put the register back as it was at ``backup``, then run ``admin new-epoch`` as an operator must."""
    env.svc.db.engine.dispose()
    _copy_db(backup, env.tmp / "register.db")
    env.svc.db.engine.dispose()
    with env.svc.db.write_txn() as s:
        env.svc.db.new_epoch(s)


def test_a_restored_service_gets_back_what_it_lost_and_the_laptop_pulls_again(env: Env) -> None:
    _people(env)
    p1 = _signed_in_with_data(env, children=2)
    assert p1.run().complete
    old_server = p1.sync.store.server_id()
    backup = env.tmp / "backup.db"
    _copy_db(env.tmp / "register.db", backup)
    lost = [_add_child(p1, f"Coll {i}") for i in range(3)]
    assert p1.run().complete  # acknowledged by the service, then lost in its restore
    _restore(env, backup)
    missing = {op_id for _, op_id, _ in p1.outbox()} - env.journal()
    assert len(missing) == 3

    report = p1.run()
    assert report.restored_server and report.complete, (report.error_kind, report.error_code)
    assert report.phases[Phase.REPUSH.value].ops >= 3
    assert p1.sync.store.server_id() not in (None, old_server)
    env.assert_exactly_once(p1)

    p2 = p1_twin(env)
    assert {k[1] for k in p2.records()} >= set(lost)
    assert p2.records() == p1.records()


def test_a_restore_with_work_pending_resends_from_where_the_service_asks(env: Env) -> None:
    _people(env)
    p1 = _signed_in_with_data(env, children=1)
    assert p1.run().complete
    backup = env.tmp / "backup.db"
    _copy_db(env.tmp / "register.db", backup)
    _add_child(p1, "Coll")
    assert p1.run().complete
    _restore(env, backup)
    pending = _add_child(p1, "Newydd")  # made offline meanwhile: never dropped
    report = p1.run()
    assert report.complete and report.restored_server, (report.error_kind, report.error_code)
    env.assert_exactly_once(p1)
    assert ("child", pending) in p1.records()
    assert p1_twin(env).records() == p1.records()


def p1_twin(env: Env) -> Laptop:
    """A second laptop of the council, synced from scratch."""
    p2 = env.laptop(f"twin{len(env.laptops)}")
    env.sign_in(p2, "ceri")
    assert p2.run().complete
    return p2


def test_cancel_in_mid_push_leaves_a_consistent_state_and_the_next_run_finishes(env: Env) -> None:
    _people(env)
    p1 = _signed_in_with_data(env, children=4)
    total = p1.sync.store.pending_count()
    seen: list[Progress] = []

    def stop_after_first_batch() -> bool:
        return len(seen) >= 1

    report = run_sync(p1.sync.store, p1.client, on_progress=seen.append, cancelled=stop_after_first_batch, batch_ops=25)
    assert report.cancelled and not report.complete and report.pushed == 25
    states = [st for *_, st in p1.outbox()]
    assert states.count("applied") == 25 and states.count("pending") == total - 25 and "sending" not in states
    assert env.journal() >= {op_id for _, op_id, st in p1.outbox() if st == "applied"}
    assert p1.sync.store.cursor() == 0  # no pull ran
    again = p1.run()
    assert again.complete and again.pushed == total - 25
    env.assert_exactly_once(p1)


def test_batches_over_the_request_cap_are_split(env: Env) -> None:
    _people(env)
    lap = env.laptop("small", max_request_bytes=16_000)
    generate_demo(lap.store, children=3, seed=3, today=TODAY)
    env.sign_in(lap, "eluned")
    report = lap.run()
    assert report.complete, (report.error_kind, report.error_code)
    env.assert_exactly_once(lap)
    pushes = [s for s in env.proxy.seen if s.path == "/v1/sync/push"]
    assert len(pushes) > 1 and report.pushed == sum(1 for _ in lap.outbox())


def test_an_op_bigger_than_the_cap_stops_the_run_with_a_code(env: Env) -> None:
    _people(env)
    lap = env.laptop("tiny", max_request_bytes=300)
    env.sign_in(lap, "eluned")
    _add_child(lap, "Mawr")
    report = lap.run()
    assert report.error_kind == ErrorKind.TOO_LARGE.value and report.pending == 1


def test_cancel_in_mid_pull_keeps_cursor_and_data_together_and_resumes(env: Env) -> None:
    _people(env)
    p1 = _signed_in_with_data(env, children=3)
    assert p1.run().complete
    p2 = env.laptop("p2")
    env.sign_in(p2, "ceri")
    pages: list[Progress] = []
    report = run_sync(
        p2.sync.store, p2.client, on_progress=pages.append, cancelled=lambda: len(pages) >= 2, pull_limit=40
    )
    assert report.cancelled and report.pulled == 80
    with p2.store.sessions() as s:
        top = s.scalar(select(func.max(EntityVersion.server_seq)))
    assert p2.sync.store.cursor() == top  # the cursor never runs ahead of (or behind) the data
    again = run_sync(p2.sync.store, p2.client, pull_limit=40)
    assert again.complete and again.pulled > 0
    assert p2.records() == p1.records()


class _CursorLog:
    """The real client, with the cursor of each pull it is asked for written down."""

    def __init__(self, client: RegisterClient) -> None:
        self.client = client
        self.cursors: list[int] = []

    @property
    def bytes_sent(self) -> int:
        return self.client.bytes_sent

    @property
    def bytes_received(self) -> int:
        return self.client.bytes_received

    def push(self, request: PushRequest) -> PushResponse:
        return self.client.push(request)

    def pull(self, cursor: int, limit: int, scope: str | None = None) -> PullResponse:
        self.cursors.append(cursor)
        return self.client.pull(cursor, limit, scope)

    def meta(self) -> MetaResponse:
        return self.client.meta()


def test_an_interrupted_first_sync_resumes_from_its_cursor_not_from_0(env: Env) -> None:
    _people(env)
    p1 = _signed_in_with_data(env, children=3)
    assert p1.run().complete
    whole = env.laptop("whole")
    env.sign_in(whole, "ceri")
    total = whole.run().pulled
    p2 = env.laptop("p2")
    env.sign_in(p2, "ceri")
    pages: list[Progress] = []
    first = run_sync(
        p2.sync.store, p2.client, on_progress=pages.append, cancelled=lambda: len(pages) >= 3, pull_limit=25
    )
    assert first.cancelled and first.pulled == 75 < total
    stopped_at = p2.sync.store.cursor()
    assert stopped_at > 0
    log = _CursorLog(p2.client)
    again = run_sync(p2.sync.store, log, pull_limit=25)
    assert again.complete
    assert log.cursors[0] == stopped_at  # not 0: nothing pulled before is asked for again
    assert first.pulled + again.pulled == total
    assert p2.records() == whole.records()


def test_two_syncs_of_one_profile_at_once_only_one_runs(env: Env) -> None:
    _people(env)
    p1 = _signed_in_with_data(env, children=1)
    env.proxy.add(Rule(Fault.STALL, path="/v1/sync/pull", stall_seconds=2.0))
    results: list[object] = []
    first = threading.Thread(target=lambda: results.append(p1.run()))
    first.start()
    deadline = time.monotonic() + 30
    while env.proxy.count("/v1/sync/pull") == 0 and time.monotonic() < deadline:
        time.sleep(0.02)
    other = env.laptop("same-folder-other-client")
    other_sync = SyncService(p1.services.ctx, p1.folder)  # a second sync of the same profile folder
    with pytest.raises(SyncBusyError):
        other_sync.sync(other.client)
    first.join(timeout=60)
    assert len(results) == 1 and getattr(results[0], "complete", False)
    env.assert_exactly_once(p1)
