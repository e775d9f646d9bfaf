"""The interface in Welsh: no English left on any screen, tab or dialog; switching language in Settings
keeps everything typed or chosen and changes every label."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QLabel, QPlainTextEdit

from desktop.i18n import LanguageManager
from desktop.services.conferences import UserRef
from desktop.ui.dialogs import FinaliseDialog, HistoryDialog, NewConferenceDialog, SecretDialog
from desktop.ui.error_dialog import ErrorDialog
from desktop.ui.main_window import MainWindow
from desktop.ui.recovery import RecoveryDialog
from tests.i18n.screens import (
    english_left,
    english_sources,
    open_full_conference,
    screens,
    widget_strings,
    window_strings,
)
from tests.ui.conftest import type_text
from tests.unit.services.seed import World

#: Text that is rightly the same in both languages. Proper nouns and codes only; keep it short.
ALLOWED: set[str] = {"Cofnod", "PIN", "CAFCASS Cymru"}


def test_no_english_left_on_any_screen_or_tab(qtbot: Any, make_window: Callable[[str], MainWindow],
                                              world: World) -> None:  # fmt: skip
    window = make_window("cy")
    ws = open_full_conference(window, world)
    sources = english_sources()
    found: list[str] = []
    walked = 0
    for name, show in screens(window, ws):
        show()
        strings = list(window_strings(window))
        walked += len(strings)
        found += [f"{name}: {x}" for x in english_left(strings, sources, ALLOWED)]
    window.lock()
    found += [f"lock screen: {x}" for x in english_left(window_strings(window), sources, ALLOWED)]
    assert walked > 1000
    assert found == []
    assert "Heddiw" in window.nav.item(0).text() and ws is not None


def test_no_english_left_in_the_dialogs(qtbot: Any, make_window: Callable[[str], MainWindow], world: World) -> None:
    window = make_window("cy")
    ws = open_full_conference(window, world)
    s = world.services
    cid, child = ws.conference_id, world.child_ids[0]
    section = s.minutes.sections(cid)[1]
    dialogs = [
        NewConferenceDialog(s.children.list_page(""), [UserRef("u1", "Gwenllian Morgan")], window),
        FinaliseDialog(s.decisions.finalise_preview(cid, child), window),
        HistoryDialog(s.minutes.history(section.id), window),
        SecretDialog("PIN", "PIN", confirm=True, parent=window),
        ErrorDialog("Traceback: ValueError", None, window),
        RecoveryDialog([], window),
    ]
    sources = english_sources()
    found: list[str] = []
    for dialog in dialogs:
        dialog.show()
        qtbot.waitExposed(dialog)
        found += [f"{type(dialog).__name__}: {x}" for x in english_left(widget_strings(dialog), sources, ALLOWED)]
        dialog.close()
    assert found == []


def _type_at_end(editor: QPlainTextEdit, text: str) -> None:
    editor.setFocus()
    editor.moveCursor(QTextCursor.MoveOperation.End)
    type_text(editor, text)


def test_switching_language_in_settings_keeps_typed_text_and_choices(
    qtbot: Any, make_window: Callable[[str], MainWindow], world: World, lang: LanguageManager
) -> None:
    window = make_window("cy")
    ws = open_full_conference(window, world)
    ws.tabs.setCurrentWidget(ws.minutes)
    _type_at_end(ws.minutes.editor, " Dywedodd Siân ei bod hi'n hapus yn yr ysgol; mae'n hoffi'r ŵyl a'r ŷd.")
    minutes = ws.minutes.editor.toPlainText()
    ws.tabs.setCurrentWidget(ws.decisions)
    d = ws.decisions
    _type_at_end(d.rationale, " Mae'r risg o esgeulustod yn parhau — gwelodd Ŵyn hynny.")
    rationale = d.rationale.toPlainText()
    d.categories["emotional"].setChecked(True)  # chosen, not saved
    assert "Dywedodd Siân" in minutes and "gwelodd Ŵyn" in rationale

    expected = {
        "en": ("Today", "&Minutes", "&Save section", "&Save decision", "&Language:"),
        "cy": ("Heddiw", "C&ofnodion", "&Cadw'r adran", "&Cadw'r penderfyniad", "&Iaith:"),
    }
    settings = window.settings_page
    for code in ("en", "cy"):
        window.go(3)
        assert window.stack.currentWidget() is settings
        settings.language.set_code(code)  # the user's choice in Settings
        assert lang.language == code
        language_label = next(
            lbl for lbl in settings.findChildren(QLabel) if lbl.property("source_text") == "&Language:"
        )
        window.stack.setCurrentWidget(ws)
        got = (window.nav.item(0).text(), ws.tabs.tabText(3), ws.minutes.save_button.text(),
               d.save_button.text(), language_label.text())  # fmt: skip
        assert got == expected[code]
        assert ws.minutes.editor.toPlainText() == minutes
        assert d.rationale.toPlainText() == rationale
        assert d.categories["emotional"].isChecked()
        assert window.workspace is ws
