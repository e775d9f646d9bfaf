"""UI test set-up: a real encrypted store, the services, a main window; no dialog can block."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QMessageBox, QWidget

from desktop.ui import messages
from desktop.ui.main_window import MainWindow
from desktop.ui.workspace import ConferenceWorkspace
from tests.unit.services.seed import World, make_world

PIN = "2468"


def type_text(widget: QWidget, text: str) -> None:
    """Type any Unicode text one key event at a time (keyClicks aborts on non-ASCII)."""
    for ch in text:
        QTest.sendKeyEvent(QTest.KeyAction.Click, widget, Qt.Key.Key_unknown, ch, Qt.KeyboardModifier.NoModifier)


class Shown:
    """What the patched message boxes were asked to show."""

    def __init__(self) -> None:
        self.errors: list[str] = []
        self.confirms: list[str] = []
        self.answer = True


@pytest.fixture(autouse=True)
def shown(monkeypatch: pytest.MonkeyPatch) -> Shown:
    record = Shown()

    def show_error(_parent: Any, exc: BaseException) -> None:
        record.errors.append(getattr(exc, "code", repr(exc)))

    def confirm(_parent: Any, _title: str, text: str, _yes: str) -> bool:
        record.confirms.append(text)
        return record.answer

    monkeypatch.setattr(messages, "show_error", show_error)
    monkeypatch.setattr(messages, "confirm", confirm)
    monkeypatch.setattr(messages, "inform", lambda _p, text: record.confirms.append(text))
    for name in ("information", "warning", "critical", "question"):
        monkeypatch.setattr(QMessageBox, name, staticmethod(lambda *a, **k: QMessageBox.StandardButton.Ok))
    return record


@pytest.fixture
def world(tmp_path: Path) -> World:
    return make_world(tmp_path)


@pytest.fixture
def window(qtbot: Any, world: World) -> Iterator[MainWindow]:
    w = MainWindow(world.services, verify_unlock=lambda s: s == PIN)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    yield w
    w.close()


@pytest.fixture
def full(qtbot: Any, window: MainWindow, world: World) -> ConferenceWorkspace:
    """A conference taken through the whole workflow, open in the workspace, with a recipient added."""
    from tests.unit.services.test_workflow import _full_workflow

    cid = _full_workflow(world)
    window.go(1)
    window.conferences.refresh()
    window.go(2)
    window.children_page.refresh()
    window.today.refresh()
    ws = window.open_conference(cid)
    ws.distribution.name.setText("Teulu")
    ws.distribution.add()
    return ws
