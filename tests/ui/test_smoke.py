"""The main window opens on a real store, each page shows, and a conference opens."""

from __future__ import annotations

from typing import Any

from desktop.ui.main_window import MainWindow
from tests.unit.services.seed import World


def test_pages_and_workspace_open(qtbot: Any, window: MainWindow, world: World) -> None:
    for row in range(4):
        window.go(row)
    from tests.unit.services.test_workflow import _conference

    cid = _conference(world)
    ws = window.open_conference(cid)
    for i in range(ws.tabs.count()):
        ws.tabs.setCurrentIndex(i)
    assert ws.minutes.sections.count() == 13
