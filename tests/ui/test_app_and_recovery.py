"""``desktop/app.py`` wiring on a real profile folder, and crash recovery after a real SIGKILL."""

from __future__ import annotations

import datetime as dt
import faulthandler
import json
import logging
import os
import signal
import stat
import subprocess
import sys
import threading
from pathlib import Path
from typing import Any

import keyring
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel

import desktop.app as app_mod
from desktop.profile import open_profile
from desktop.secrets import KeyringSecretStore
from desktop.services.drafts import RecoveryItem
from desktop.ui.dialogs import SecretDialog
from desktop.ui.labels import problem_text
from desktop.ui.messages import error_text
from desktop.ui.models import fmt_datetime
from desktop.ui.recovery import RecoveryDialog
from tests.support.crash_child import TEXT
from tests.support.filekeyring import FileKeyring
from tests.unit.store.helpers import snapshot_files

ROOT = Path(__file__).resolve().parents[2]
PASSPHRASE = "correct horse battery staple ŵ"


@pytest.fixture
def isolated_hooks(monkeypatch: pytest.MonkeyPatch) -> Any:
    """run_app installs logging, excepthooks and faulthandler for the process: put them back."""
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    monkeypatch.setattr(threading, "excepthook", threading.excepthook)
    handlers = list(logging.getLogger().handlers)
    level = logging.getLogger().level
    yield
    root = logging.getLogger()
    for h in list(root.handlers):
        if h not in handlers:
            root.removeHandler(h)
            h.close()
    root.setLevel(level)
    faulthandler.enable(file=sys.__stderr__)


def _capture_controllers(monkeypatch: pytest.MonkeyPatch) -> list[Any]:
    made: list[Any] = []
    original = app_mod.AppController.__init__

    def init(self: Any, *args: Any, **kwargs: Any) -> None:
        original(self, *args, **kwargs)
        made.append(self)

    monkeypatch.setattr(app_mod.AppController, "__init__", init)
    return made


def test_run_app_first_run_marker_and_clean_exit(
    qtbot: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, isolated_hooks: Any
) -> None:
    folder = tmp_path / "profile"
    asked: list[str] = []
    answers = iter(["Gwenllian Morgan", QApplication.translate("Labels", "Chair")])
    monkeypatch.setattr(app_mod, "_ask", lambda _p, prompt, items=None: asked.append(prompt) or next(answers))
    monkeypatch.setattr(SecretDialog, "exec", lambda self: SecretDialog.DialogCode.Accepted)
    monkeypatch.setattr(SecretDialog, "secret", lambda self: "2468")
    made = _capture_controllers(monkeypatch)
    seen: dict[str, Any] = {}

    def fake_exec() -> int:
        ctl = made[-1]
        seen["marker"] = (folder / app_mod.LOCK_FILE).read_text(encoding="utf-8")
        seen["title"] = ctl.window.windowTitle()
        seen["identity"] = ctl.services.settings.identity()
        seen["recovery"] = ctl.window.findChild(RecoveryDialog)
        ctl.shutdown()  # what aboutToQuit runs on a clean exit
        QApplication.instance().aboutToQuit.disconnect(ctl.shutdown)
        ctl.window.close()
        return 0

    monkeypatch.setattr(QApplication, "exec", staticmethod(fake_exec))
    assert app_mod.run_app(str(folder), language="en") == 0
    assert len(asked) == 2
    assert seen["marker"] == str(os.getpid())
    assert seen["identity"].display_name == "Gwenllian Morgan"
    assert "Cofnod" in seen["title"]
    assert seen["recovery"] is None
    assert not (folder / app_mod.LOCK_FILE).exists()
    assert (folder / "logs" / "cofnod.log").exists()
    _assert_private(folder)


def _assert_private(folder: Path) -> None:
    """The profile folder and everything in it is the user's alone (issue 14, section 5)."""
    if os.name != "posix":
        return
    found = {p.name for p in folder.rglob("*")}
    assert {"cofnod.db", "cofnod.db.keycheck", "profile.json", "cofnod.log", "crash.log"} <= found
    for path in [folder, *folder.rglob("*")]:
        assert stat.S_IMODE(path.stat().st_mode) == (0o700 if path.is_dir() else 0o600), path


def test_run_app_on_a_plaintext_key_store_makes_a_passphrase_profile_and_says_why(
    qtbot: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, isolated_hooks: Any
) -> None:
    # keyrings.alt installed, no Secret Service: the only key store keeps secrets in a plain file.
    plain = FileKeyring(tmp_path / "keyring_pass.json")
    previous_backend = keyring.get_keyring()
    keyring.set_keyring(plain)
    monkeypatch.delenv("COFNOD_PASSPHRASE", raising=False)
    folder = tmp_path / "profile"
    prompts: list[str] = []

    def exec_(self: SecretDialog) -> int:
        prompts.append(" ".join(label.text() for label in self.findChildren(QLabel)))
        return SecretDialog.DialogCode.Accepted

    monkeypatch.setattr(app_mod, "_ask", lambda _p, _prompt, items=None: items[0] if items else "Gwenllian Morgan")
    monkeypatch.setattr(SecretDialog, "exec", exec_)
    monkeypatch.setattr(SecretDialog, "secret", lambda self: "cyfrinair hir iawn ŵ")
    made = _capture_controllers(monkeypatch)

    def fake_exec() -> int:
        ctl = made[-1]
        ctl.shutdown()
        QApplication.instance().aboutToQuit.disconnect(ctl.shutdown)
        ctl.window.close()
        return 0

    monkeypatch.setattr(QApplication, "exec", staticmethod(fake_exec))
    umask_before = os.umask(0o022)
    try:
        assert app_mod.run_app(str(folder), language="en") == 0
        assert os.umask(0o022) == 0o022  # run_app put the process umask back
    finally:
        os.umask(umask_before)
        keyring.set_keyring(previous_backend)
    assert "keeps secrets in a plain file" in prompts[0]  # the passphrase dialog says why
    assert json.loads((folder / "profile.json").read_text())["key_mode"] == "passphrase"
    assert plain.calls == [] and not (tmp_path / "keyring_pass.json").exists()
    _assert_private(folder)


def test_crash_then_restart_offers_recovery_with_both_times(
    qtbot: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "profile"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "COFNOD_PASSPHRASE": PASSPHRASE,
           "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring", "PYTHONPATH": str(ROOT)}  # fmt: skip
    proc = subprocess.Popen(
        [sys.executable, "-m", "tests.support.crash_child", str(folder)],
        cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, encoding="utf-8",
    )  # fmt: skip
    lines: dict[str, str] = {}
    try:
        assert proc.stdout is not None
        for line in proc.stdout:  # bounded by the suite's timeout; the child never exits by itself
            key, _, value = line.strip().partition(" ")
            lines[key] = value
            if key == "AUTOSAVED":
                break
        assert "AUTOSAVED" in lines, lines
        os.kill(proc.pid, signal.SIGKILL)
    finally:
        if proc.poll() is None:
            proc.kill()
        proc.wait(timeout=30)
    assert proc.returncode == -signal.SIGKILL
    assert (folder / app_mod.LOCK_FILE).exists()  # no clean exit

    monkeypatch.setenv("COFNOD_PASSPHRASE", PASSPHRASE)
    store = open_profile(folder, secrets=KeyringSecretStore())
    try:
        lm = app_mod.LanguageManager(QApplication.instance())
        ctl = app_mod.AppController(QApplication.instance(), store, folder, verify_unlock=lambda s: False, language=lm)
        assert ctl.crashed_last_time
        window = ctl.start()
        qtbot.addWidget(window)
        qtbot.waitUntil(lambda: window.findChild(RecoveryDialog) is not None, timeout=5000)
        dialog = window.findChild(RecoveryDialog)
        assert dialog is not None and len(dialog.items) == 1
        item = dialog.items[0]
        assert item.entity_id == lines["SECTION"] and item.draft_text == TEXT
        assert item.draft_is_newer and item.record_saved_at is None
        line = dialog.list.item(0).text()
        assert dialog.tr("The draft is newer than the saved record.") in line
        assert app_mod.fmt_datetime(item.draft_saved_at) in line if hasattr(app_mod, "fmt_datetime") else True
        assert dialog.draft_text.toPlainText() == TEXT
        dialog.accept()
        ws = window.workspace
        assert ws is not None and ws.conference_id == lines["CONFERENCE"]
        assert ws.tabs.currentWidget() is ws.minutes
        assert ws.minutes.editor.toPlainText() == TEXT
        assert ws.minutes.status.text()  # says it is an unsaved draft
        ctl.shutdown()
        QApplication.instance().aboutToQuit.disconnect(ctl.shutdown)
        assert not (folder / app_mod.LOCK_FILE).exists()
    finally:
        store.close()


def _recovery_item(draft_at: dt.datetime, record_at: dt.datetime | None) -> RecoveryItem:
    return RecoveryItem(
        draft_id=1, entity="minutes_section", entity_id="s1", field="text", conference_id="c1",
        conference_reference="CAR-2026-000001", section_key="attendance_apologies", child_name="",
        draft_text="draft words", draft_saved_at=draft_at, record_text="record words", record_saved_at=record_at,
        base_version=1, record_version=2,
    )  # fmt: skip


def test_recovery_dialog_labels_both_texts_and_says_which_is_newer(qtbot: Any) -> None:
    noon = dt.datetime(2026, 11, 27, 12, 0, tzinfo=dt.UTC)
    older_draft = _recovery_item(noon - dt.timedelta(hours=3), noon)
    newer_draft = _recovery_item(noon, noon - dt.timedelta(hours=3))
    dialog = RecoveryDialog([older_draft, newer_draft])
    qtbot.addWidget(dialog)
    # The descriptions wrap: nothing runs off behind a horizontal scroll bar.
    assert dialog.list.wordWrap()
    assert dialog.list.horizontalScrollBarPolicy() == Qt.ScrollBarPolicy.ScrollBarAlwaysOff
    dialog.list.setCurrentRow(0)
    assert dialog.newer.text() == dialog.tr("The saved record is newer than the draft.")
    assert dialog.draft_heading.text().startswith("Your unsaved draft (saved at ")
    assert dialog.draft_heading.text().endswith("older") and not dialog.draft_heading.font().bold()
    assert dialog.record_heading.text().startswith("The saved record (saved at ")
    assert dialog.record_heading.text().endswith("newer") and dialog.record_heading.font().bold()
    assert fmt_datetime(noon) in dialog.record_heading.text()
    assert dialog.draft_heading.buddy() is dialog.draft_text and dialog.record_heading.buddy() is dialog.record_text
    dialog.list.setCurrentRow(1)
    assert dialog.newer.text() == dialog.tr("The draft is newer than the saved record.")
    assert dialog.draft_heading.text().endswith("newer") and dialog.draft_heading.font().bold()
    assert dialog.record_heading.text().endswith("older") and not dialog.record_heading.font().bold()
    assert dialog.draft_text.toPlainText() == "draft words" and dialog.record_text.toPlainText() == "record words"
    never = RecoveryDialog([_recovery_item(noon, None)])
    qtbot.addWidget(never)
    assert never.record_heading.text() == "The saved record (never saved)"
    assert never.draft_heading.text().endswith("newer")


def test_run_app_on_a_keyring_profile_when_only_a_plaintext_store_is_left_explains(
    qtbot: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, isolated_hooks: Any
) -> None:
    folder = tmp_path / "profile"
    open_profile(folder, secrets=KeyringSecretStore(), env={}).close()  # a keyring profile (memory keyring)
    before = snapshot_files(folder)
    plain = FileKeyring(tmp_path / "keyring_pass.json")
    previous_backend = keyring.get_keyring()
    keyring.set_keyring(plain)
    shown: list[str] = []
    monkeypatch.setattr(app_mod.messages, "show_error", lambda _parent, exc: shown.append(error_text(exc)))
    try:
        assert app_mod.run_app(str(folder), language="en") == 2
    finally:
        keyring.set_keyring(previous_backend)
    assert shown == [problem_text("keyring_insecure")] and "plain file" in shown[0]
    assert plain.calls == []
    after = snapshot_files(folder)
    assert {k: v for k, v in after.items() if not k.startswith("logs/")} == before
