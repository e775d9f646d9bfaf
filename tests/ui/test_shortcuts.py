"""Keyboard shortcuts leave standard widgets their keys, and Help → Keyboard shortcuts lists them (issue 10)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, QTranslator
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication

from desktop.resources import translations_dir
from desktop.ui.actions import RESERVED_KEYS
from desktop.ui.main_window import MainWindow
from tests.ui.flows import activate, press
from tests.unit.services.seed import World
from tests.unit.services.test_workflow import _conference

CTRL = Qt.KeyboardModifier.ControlModifier
ALT = Qt.KeyboardModifier.AltModifier


def test_no_action_takes_a_key_standard_widgets_use(window: MainWindow) -> None:
    reserved = {QKeySequence(k) for k in RESERVED_KEYS}
    taken = {(a.objectName(), k.toString()) for a in window.acts.all() for k in a.shortcuts() if k in reserved}
    assert taken == set()


def test_alt_down_opens_a_combo_box_and_ctrl_page_down_moves_section(
    qtbot: Any, window: MainWindow, world: World
) -> None:
    ws = window.open_conference(_conference(world))
    activate(qtbot, window)
    ws.tabs.setCurrentWidget(ws.voice)
    ws.voice.mode.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is ws.voice.mode)
    press(Qt.Key.Key_Down, ALT)
    qtbot.waitUntil(lambda: ws.voice.mode.view().isVisible(), timeout=2000)
    ws.voice.mode.hidePopup()
    ws.tabs.setCurrentWidget(ws.minutes)
    ws.minutes.sections.setCurrentRow(0)
    ws.minutes.editor.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is ws.minutes.editor)
    press(Qt.Key.Key_PageDown, CTRL)
    assert ws.minutes.sections.currentRow() == 1
    press(Qt.Key.Key_PageUp, CTRL)
    assert ws.minutes.sections.currentRow() == 0


def _rows(window: MainWindow) -> dict[str, str]:
    dialog = window.show_shortcuts()
    try:
        table = dialog.table
        return {table.item(r, 0).text(): table.item(r, 1).text() for r in range(table.rowCount())}
    finally:
        dialog.close()


def test_help_lists_the_shortcuts_in_both_languages(qtbot: Any, window: MainWindow) -> None:
    assert window.help_menu.actions() == [window.acts["shortcuts"]]
    native = QKeySequence.SequenceFormat.NativeText
    english = _rows(window)
    assert english["Go to the next section"] == QKeySequence("Ctrl+PgDown").toString(native)
    assert english["Go to the previous section"] == QKeySequence("Ctrl+PgUp").toString(native)
    assert english["Finalise this child's decision"] == QKeySequence("Ctrl+Shift+F").toString(native)
    assert "Alt+Down" not in {english[k] for k in english if "section" in k}
    translator = QTranslator()
    assert translator.load(str(translations_dir() / "cofnod_cy.qm"))
    QCoreApplication.installTranslator(translator)
    try:
        window.retranslate_ui()
        assert window.help_menu.title() != "&Help"
        welsh = _rows(window)
        assert len(welsh) == len(english)
        assert set(welsh.values()) == set(english.values())
        assert not set(welsh) & set(english)  # every description is in Welsh
    finally:
        QCoreApplication.removeTranslator(translator)
        window.retranslate_ui()
