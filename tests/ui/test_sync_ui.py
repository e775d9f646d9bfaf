"""Sync in the window (issue 9 §3): the controller runs syncs off the GUI thread against the real
register service over HTTPS, the status bar shows them, F5 syncs, saves trigger a debounced sync,
and a revoked device locks the window without wiping anything."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import update

from desktop.ui.main_window import MainWindow
from desktop.ui.sync_controller import SyncController, SyncState
from desktop.ui.tasks import TaskRunner
from sync.client.http import ClientConfig, RegisterClient
from sync.engine.run import SyncReport
from sync.service.db import now_iso
from sync.service.models import Device
from tests.sync_engine.conftest import FAST, Env, Laptop, env  # noqa: F401 - the real service fixture
from tests.sync_engine.test_engine import _add_child, _people
from tests.ui.conftest import PIN

pytestmark = pytest.mark.xdist_group("sync_ui")


class Rig:
    """A signed-in laptop, its window and a controller on a real TaskRunner."""

    def __init__(self, qtbot: Any, lap: Laptop, **kw: Any) -> None:
        self.lap = lap
        self.runner = TaskRunner()
        self.window = MainWindow(lap.services, verify_unlock=lambda s: s == PIN, task_runner=self.runner)
        qtbot.addWidget(self.window)
        self.threads: list[str] = []
        self.states: list[SyncState] = []
        self.reports: list[SyncReport] = []

        def run(on_progress: Any, cancelled: Any) -> SyncReport:
            self.threads.append(threading.current_thread().name)
            return lap.sync.sync(lap.client, on_progress=on_progress, cancelled=cancelled)

        self.controller = SyncController(self.runner, run, self.window, **{"interval_ms": 0, **kw})
        self.controller.state_changed.connect(self.states.append)
        self.controller.finished.connect(self.reports.append)
        self.window.attach_sync(self.controller)
        self.window.show()


@pytest.fixture
def rig(qtbot: Any, env: Env) -> Iterator[Rig]:  # noqa: F811
    _people(env)
    lap = env.laptop("p1", direct=True)
    env.sign_in(lap, "eluned")
    r = Rig(qtbot, lap, debounce_ms=50)
    yield r
    r.controller.stop()
    r.window.close()


def test_f5_syncs_off_the_gui_thread_and_the_status_bar_shows_progress_and_the_result(qtbot: Any, rig: Rig) -> None:
    _add_child(rig.lap, "Siân")
    assert rig.lap.sync.store.pending_count() > 0
    assert rig.window.acts["sync_now"].isEnabled()
    rig.window.acts["sync_now"].trigger()
    assert rig.controller.running
    qtbot.waitUntil(lambda: bool(rig.reports), timeout=30000)
    assert rig.threads and rig.threads[0] != threading.main_thread().name
    report = rig.reports[0]
    assert report.error_kind is None and report.complete
    assert any(s.running and s.phase == "push" and s.ops > 0 for s in rig.states)
    state = rig.controller.state
    assert state.online is True and state.pending == 0 and state.last_success is not None and not state.running
    text = rig.window.sync_status.text()
    assert text.startswith("Online") and "last synced" in text
    assert not rig.window.sync_bar.progress.isVisible() and not rig.window.sync_bar.attention.isVisible()


def test_a_save_triggers_one_debounced_sync_and_requests_during_a_run_queue_one_more(qtbot: Any, rig: Rig) -> None:
    _add_child(rig.lap, "Siân")
    for _ in range(3):
        rig.controller.note_saved()  # each save restarts the quiet period: one run, not three
    qtbot.waitUntil(lambda: len(rig.reports) == 1, timeout=30000)
    qtbot.wait(200)
    assert len(rig.reports) == 1 and rig.lap.sync.store.pending_count() == 0

    _add_child(rig.lap, "Dafydd")
    rig.controller.sync_now()
    rig.controller.sync_now()  # while one runs: asks for one more after it, never two at once
    qtbot.waitUntil(lambda: len(rig.reports) == 3, timeout=30000)
    assert len(rig.threads) == 3 and rig.lap.sync.store.pending_count() == 0


def test_an_unreachable_service_shows_offline_and_retries(qtbot: Any, env: Env, tmp_path: Path) -> None:  # noqa: F811
    _people(env)
    lap = env.laptop("p1", direct=True)
    env.sign_in(lap, "eluned")
    _add_child(lap, "Siân")
    # The same profile and tokens, but a port nothing listens on.
    lap.client = RegisterClient(ClientConfig(base_url="https://127.0.0.1:9", ca_file=env.ca, **FAST), lap.tokens)
    rig = Rig(qtbot, lap, retry_ms=300)
    try:
        rig.controller.sync_now()
        qtbot.waitUntil(lambda: len(rig.reports) >= 1, timeout=30000)
        state = rig.controller.state
        assert state.online is False and state.pending > 0 and state.last_success is None
        assert rig.window.sync_status.text().startswith("Offline")
        qtbot.waitUntil(lambda: len(rig.reports) >= 2, timeout=10000)  # the reachability retry
    finally:
        rig.controller.stop()
        rig.window.close()


def test_a_revoked_device_locks_the_window_and_keeps_the_local_records(qtbot: Any, env: Env, rig: Rig) -> None:  # noqa: F811
    child = _add_child(rig.lap, "Siân")
    with env.svc.db.write_txn() as s:
        s.execute(update(Device).values(revoked_at=now_iso(datetime.now(UTC))))
    rig.controller.sync_now()
    qtbot.waitUntil(lambda: rig.window.is_locked, timeout=30000)
    screen = rig.window.lock_screen
    assert screen.locked_out and not screen.pin.isVisible()
    assert "no longer accepts this computer" in screen.message.text()
    screen.pin.setText(PIN)
    screen.try_unlock()
    assert rig.window.is_locked  # no unlocking once access is withdrawn
    assert not rig.controller.sync_now() and not rig.window.acts["sync_now"].isEnabled()
    assert rig.lap.services.children.detail(child).row.id == child  # nothing wiped
    assert rig.controller.state.error_kind == "revoked"
