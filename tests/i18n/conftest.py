"""Interface-language test set-up: the catalogues compiled into a temporary folder, a language manager
that puts the app back into English afterwards, and a main window wired for live language switching
the way ``desktop.app.AppController`` wires it.

The main window, the seeded world and the non-blocking message boxes come from ``tests/ui/conftest.py``.
"""

from __future__ import annotations

import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QLocale
from PySide6.QtWidgets import QApplication

import desktop.i18n
from desktop.i18n import LanguageManager
from desktop.i18n_build import lrelease_command
from desktop.resources import translations_dir
from desktop.ui.main_window import MainWindow
from tests.ui.conftest import PIN, shown, world  # noqa: F401 - fixtures shared with the UI tests
from tests.unit.services.seed import World

PSEUDO_ENV = "COFNOD_PSEUDO_LOCALE"


@pytest.fixture(scope="session")
def compiled(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Every ``.ts`` compiled with lrelease into a private folder (no race with ``make translations``)."""
    out = tmp_path_factory.mktemp("qm")
    for ts in sorted(translations_dir().glob("*.ts")):
        subprocess.run([lrelease_command(), "-silent", str(ts), "-qm", str(out / f"{ts.stem}.qm")], check=True)
    return out


@pytest.fixture
def lang(qapp: QApplication, compiled: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[LanguageManager]:
    """A LanguageManager loading the compiled catalogues; English and the old locale again afterwards."""
    monkeypatch.setattr(desktop.i18n, "translations_dir", lambda: compiled)
    saved_locale = QLocale()
    lm = LanguageManager(qapp)
    yield lm
    monkeypatch.delenv(PSEUDO_ENV, raising=False)
    lm.set_language("en")  # removes every translator it installed
    QLocale.setDefault(saved_locale)
    lm.setParent(None)
    lm.deleteLater()


def wire(window: MainWindow, lm: LanguageManager) -> Callable[[str], None]:
    """Connect Settings' language choice like AppController.set_language; return the switch function."""

    def switch(code: str) -> None:
        if window.workspace is not None:
            window.workspace.flush()
        lm.set_language(code)
        window.set_language_code(code)

    window.language_requested.connect(switch)
    lm.language_changed.connect(lambda _code: window.retranslate_ui())
    return switch


@pytest.fixture
def make_window(qtbot: Any, world: World, lang: LanguageManager) -> Iterator[Callable[[str], MainWindow]]:  # noqa: F811
    """Build the main window after the translators for ``language`` are installed (as the app starts)."""
    made: list[MainWindow] = []

    def build(language: str) -> MainWindow:
        lang.set_language(language)
        w = MainWindow(world.services, verify_unlock=lambda s: s == PIN, language=language)
        wire(w, lang)
        qtbot.addWidget(w)
        w.show()
        qtbot.waitExposed(w)
        made.append(w)
        return w

    yield build
    for w in made:
        w.close()
