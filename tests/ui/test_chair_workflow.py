"""The whole chair workflow through real widgets on a real encrypted store: mouse, then keyboard."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import select

from desktop.store.orm import Decision
from desktop.ui.main_window import MainWindow
from tests.ui import flows
from tests.ui.conftest import Shown
from tests.unit.services.seed import World


@pytest.mark.parametrize("keyboard", [False, True], ids=["mouse", "keyboard"])
def test_chair_workflow(qtbot: Any, window: MainWindow, world: World, shown: Shown, keyboard: bool) -> None:
    ws = flows.create_conference_with_dialog(qtbot, window, keyboard=keyboard)
    flows.reach_quorum(qtbot, ws, keyboard=keyboard)
    flows.record_voice(qtbot, ws, keyboard=keyboard)
    flows.minute(qtbot, ws, keyboard=keyboard)
    flows.plan(qtbot, ws, keyboard=keyboard)
    flows.decide_and_finalise(qtbot, ws, shown, keyboard=keyboard)
    flows.approve(qtbot, ws, keyboard=keyboard)
    assert shown.errors == []
    with world.store.sessions() as s:
        decisions = list(s.scalars(select(Decision)))
        assert len(decisions) == 2
        assert {d.state for d in decisions} == {"finalisation_pending"}
        assert all(len(d.dissents) == 1 and d.chair_decided and d.content_sha256 for d in decisions)
    assert world.services.drafts.count() == 0  # every explicit save took its drafts with it
