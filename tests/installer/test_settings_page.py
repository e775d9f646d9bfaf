"""An administrator's fixed idle-lock time reaches the idle lock and greys out Settings; a value the
user may change stays editable (real widgets offscreen, a real encrypted profile)."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

from desktop.config import parse_machine_config
from desktop.services.settings import SettingsService
from desktop.ui.main_window import MainWindow
from desktop.ui.pages import SettingsPage
from tests.ui.conftest import PIN
from tests.unit.services.seed import make_world

WHERE = Path("/etc/xdg/Cofnod/cofnod.toml")


def _services(tmp_path: Path, machine_text: str) -> Any:
    world = make_world(tmp_path)
    settings = SettingsService(world.services.ctx, parse_machine_config(machine_text, WHERE))
    return dataclasses.replace(world.services, settings=settings)


def test_a_fixed_idle_time_locks_the_setting_and_drives_the_idle_lock(qtbot: Any, tmp_path: Path) -> None:
    services = _services(tmp_path, "idle_lock_minutes = 2\n")
    page = SettingsPage(services)
    qtbot.addWidget(page)
    page.refresh("en", "")
    assert page.idle.value() == 2
    assert not page.idle.isEnabled() and not page.save_idle_button.isEnabled()
    assert page.idle_fixed.isVisibleTo(page) and "administrator" in page.idle_fixed.text()
    window = MainWindow(services, verify_unlock=lambda s: s == PIN)
    qtbot.addWidget(window)
    assert window.idle._timer.interval() == 2 * 60_000


def test_a_changeable_preset_stays_editable(qtbot: Any, tmp_path: Path) -> None:
    services = _services(tmp_path, "idle_lock_minutes = 3\n[user_may_change]\nidle_lock_minutes = true\n")
    page = SettingsPage(services)
    qtbot.addWidget(page)
    page.refresh("en", "")
    assert page.idle.value() == 3 and page.idle.isEnabled() and page.save_idle_button.isEnabled()
    assert not page.idle_fixed.isVisibleTo(page)
    page.idle.setValue(9)
    page.save_idle()
    assert services.settings.idle_lock_minutes() == 9
