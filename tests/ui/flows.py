"""Driving the workspace as a chair would, shared by the mouse and keyboard tests.

The keyboard variant sends key events only to the widget that has focus, as a real keyboard does:
Tab to move between fields (which also proves the tab order reaches them), Space to press buttons
and tick boxes, Home/Down in combo boxes, Ctrl+Tab between the workspace's tabs, and the actions'
shortcuts (Ctrl+N, Ctrl+S, Ctrl+PgDown, Ctrl+Shift+F, Ctrl+Shift+A). The one exception is the anchor
date in the new-conference dialog, which is set directly (a date edit's sections are not what is
under test here).

Offscreen there is no window manager: when a modal dialog closes nothing re-activates the main
window, and shortcuts (WindowShortcut context) and the focus widget need an active window. So
:func:`activate` activates the window and *waits* until Qt reports it active (``qtbot.waitActive``
is a context manager; calling it bare waits for nothing, which is what made the keyboard run
depend on timing).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractButton, QApplication, QCheckBox, QComboBox, QDialogButtonBox, QWidget

from desktop.ui.dialogs import FinaliseDialog, NewConferenceDialog
from desktop.ui.main_window import MainWindow
from desktop.ui.workspace import ConferenceWorkspace
from tests.ui.conftest import type_text

PRACTITIONERS = (("PC Jones", "police"), ("Nurse Evans", "health"), ("SW Price", "social_services"))
CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier
ALT = Qt.KeyboardModifier.AltModifier


def click(qtbot: Any, w: QWidget) -> None:
    assert w.isEnabled(), w.objectName()
    if isinstance(w, QCheckBox):
        # A check box reacts to its box and text only, not to the empty width a layout gives it.
        qtbot.mouseClick(w, Qt.MouseButton.LeftButton, pos=QPoint(6, w.height() // 2))
    else:
        qtbot.mouseClick(w, Qt.MouseButton.LeftButton)


# ---- keyboard ----------------------------------------------------------------------------------


def activate(qtbot: Any, w: QWidget) -> None:
    """Make ``w``'s window the active window and wait until it is."""
    win = w.window()
    if QApplication.activeWindow() is win:
        return
    win.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is win, timeout=3000)


def focused() -> QWidget:
    f = QApplication.focusWidget()
    assert f is not None, "nothing has keyboard focus (is the window active?)"
    return f


def press(key: Qt.Key, mod: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
    """One key press, delivered where the keyboard would deliver it: the focus widget."""
    QTest.keyClick(focused(), key, mod)


def tab_to(target: QWidget, *, limit: int = 80) -> None:
    """Press Tab until ``target`` has focus (fails if the tab order never reaches it)."""
    for _ in range(limit):
        if focused() is target:
            return
        press(Qt.Key.Key_Tab)
    raise AssertionError(f"Tab never reached {target.objectName() or target}")


def press_button(target: QAbstractButton) -> None:
    assert target.isEnabled(), target.objectName()
    tab_to(target)
    press(Qt.Key.Key_Space)


def choose(combo: QComboBox, code: str | None) -> None:
    """Pick an item by its data with Home and Down."""
    idx = combo.findData(code)
    assert idx >= 0, code
    tab_to(combo)
    press(Qt.Key.Key_Home)
    for _ in range(idx):
        press(Qt.Key.Key_Down)
    assert combo.currentIndex() == idx


def type_into(target: QWidget, text: str) -> None:
    tab_to(target)
    type_text(target, text)


def goto_tab(ws: ConferenceWorkspace, page: QWidget) -> None:
    """Ctrl+Tab through the workspace's tabs until ``page`` shows."""
    for _ in range(ws.tabs.count()):
        if ws.tabs.currentWidget() is page:
            break
        if not ws.tabs.isAncestorOf(focused()):
            tab_to(ws.tabs.tabBar())
        press(Qt.Key.Key_Tab, CTRL)
    assert ws.tabs.currentWidget() is page


def show_tab(ws: ConferenceWorkspace, page: QWidget, *, keyboard: bool) -> None:
    """Bring ``page`` forward: by the keyboard (:func:`goto_tab`) or, without it, directly."""
    if keyboard:
        goto_tab(ws, page)
    else:
        ws.tabs.setCurrentWidget(page)


# ---- the workflow ------------------------------------------------------------------------------


def create_conference_with_dialog(qtbot: Any, window: MainWindow, *, keyboard: bool = False) -> ConferenceWorkspace:
    def fill() -> None:
        dlg = QApplication.activeModalWidget()
        assert isinstance(dlg, NewConferenceDialog)
        try:
            fill_dialog(dlg)
        except BaseException:
            dlg.reject()  # never leave a modal loop running behind a failed assertion
            raise

    def fill_dialog(dlg: NewConferenceDialog) -> None:
        if keyboard:
            activate(qtbot, dlg)
            tab_to(dlg.children_list)
            for i in range(dlg.children_list.count()):
                if i:
                    press(Qt.Key.Key_Down)
                press(Qt.Key.Key_Space)
                assert dlg.children_list.item(i).checkState() == Qt.CheckState.Checked
            dlg.anchor.set_value(dt.date(2026, 3, 2))
            choose(dlg.chair, dlg.chair.itemData(1))
            press(Qt.Key.Key_Return)
        else:
            for i in range(dlg.children_list.count()):
                dlg.children_list.item(i).setCheckState(Qt.CheckState.Checked)
            dlg.anchor.set_value(dt.date(2026, 3, 2))
            dlg.chair.setCurrentIndex(1)
            qtbot.mouseClick(dlg.buttons.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton)

    QTimer.singleShot(0, fill)
    if keyboard:
        activate(qtbot, window)
        press(Qt.Key.Key_N, CTRL)
    else:
        window.go(1)
        click(qtbot, window.conferences.new_button)
    ws = window.workspace
    assert ws is not None
    activate(qtbot, window)
    return ws


def reach_quorum(qtbot: Any, ws: ConferenceWorkspace, *, keyboard: bool = False) -> None:
    att = ws.attendance
    show_tab(ws, att, keyboard=keyboard)
    for name, agency in PRACTITIONERS:
        if keyboard:
            type_into(att.name, name)
            choose(att.agency, agency)
            press_button(att.add_button)
        else:
            att.name.setFocus()
            QTest.keyClicks(att.name, name)
            att.agency.set_code(agency)
            click(qtbot, att.add_button)
    assert att.quorum.property("state") == "quorate"
    if keyboard:
        press_button(att.start_button)
    else:
        click(qtbot, att.start_button)


WISHES = "Mae hi eisiau aros gyda'i mam-gu ym Mhontypŵl; dywedodd ŷd."


def record_voice(qtbot: Any, ws: ConferenceWorkspace, *, keyboard: bool = False) -> None:
    v = ws.voice
    show_tab(ws, v, keyboard=keyboard)
    for i in range(v.child.count()):
        if keyboard:
            choose(v.child, v.child.itemData(i))
            choose(v.mode, "prepared_contribution")
            choose(v.offer, "accepted")
            type_into(v.wishes, WISHES)
            choose(v.language, "cy")
            press(Qt.Key.Key_S, CTRL)
        else:
            v.child.setCurrentIndex(i)
            v.mode.set_code("prepared_contribution")
            v.offer.set_code("accepted")
            v.wishes.setFocus()
            type_text(v.wishes, WISHES)
            v.language.set_code("cy")
            click(qtbot, v.save_button)
        assert "complete" in v.gaps.text()


def minute(qtbot: Any, ws: ConferenceWorkspace, *, keyboard: bool = False) -> None:
    m = ws.minutes
    text = "Presennol: PC Jones, Nyrs Evans, SW Price. Ymddiheuriadau: dim."
    if keyboard:
        goto_tab(ws, m)
        tab_to(m.sections)
        press(Qt.Key.Key_Home)
        type_into(m.editor, text)
        press(Qt.Key.Key_S, CTRL)
        assert m.status.text() == "Saved"
        press(Qt.Key.Key_PageDown, CTRL)
        assert m.sections.currentRow() == 1
        assert focused() is m.editor
    else:
        ws.tabs.setCurrentWidget(m)
        m.sections.setCurrentRow(0)
        m.editor.setFocus()
        type_text(m.editor, text)
        click(qtbot, m.save_button)
        assert m.status.text() == "Saved"
    assert ws._s.minutes.sections(ws.conference_id)[0].text == text


def plan(qtbot: Any, ws: ConferenceWorkspace, *, keyboard: bool = False) -> None:
    p = ws.plan
    show_tab(ws, p, keyboard=keyboard)
    for i in range(p.child.count()):
        add = p.findChild(QAbstractButton, "plan_add_action")
        assert add is not None
        if keyboard:
            choose(p.child, p.child.itemData(i))
            type_into(p.action_text, "Weekly home visit")
            type_into(p.action_owner, "SW Price")
            press_button(add)
        else:
            p.child.setCurrentIndex(i)
            p.action_text.setFocus()
            QTest.keyClicks(p.action_text, "Weekly home visit")
            QTest.keyClicks(p.action_owner, "SW Price")
            click(qtbot, add)
        assert p.actions_model.rowCount() == 1


def _decide_one_with_keys(d: Any) -> None:
    choose(d.outcome, "decision_2_registered")
    tab_to(d.categories["neglect"])
    press(Qt.Key.Key_Space)
    type_into(d.coordinator, "SW Price")
    type_into(d.rationale, "Mae'r risg o esgeulustod yn parhau.")
    type_into(d.evidence, "Health visitor report")
    views = d.view_widgets
    assert len(views) == 3
    for (combo, dissent), (name, _agency) in zip(views.values(), PRACTITIONERS, strict=True):
        choose(combo, "do_not_register" if name == "Nurse Evans" else "register")
        if name == "Nurse Evans":
            type_into(dissent, "Family engaging with health visitor")
    tab_to(d.chair_decided)
    press(Qt.Key.Key_Space)
    type_into(d.chair_reason, "Majority view; risk persists")
    press(Qt.Key.Key_S, CTRL)


def decide_and_finalise(qtbot: Any, ws: ConferenceWorkspace, shown: Any, *, keyboard: bool = False) -> None:
    d = ws.decisions
    show_tab(ws, d, keyboard=keyboard)
    for i in range(d.child.count()):
        if keyboard:
            choose(d.child, d.child.itemData(i))
            # The view rows are made per child; a layout shows new rows from the event loop.
            qtbot.waitUntil(lambda: all(c.isVisible() and x.isVisible() for c, x in d.view_widgets.values()))
            _decide_one_with_keys(d)
        else:
            d.child.setCurrentIndex(i)
            d.outcome.set_code("decision_2_registered")
            click(qtbot, d.categories["neglect"])
            QTest.keyClicks(d.coordinator, "SW Price")
            d.rationale.setFocus()
            type_text(d.rationale, "Mae'r risg o esgeulustod yn parhau.")
            d.evidence.setFocus()
            QTest.keyClicks(d.evidence, "Health visitor report")
            views = d.view_widgets
            assert len(views) == 3
            for (combo, dissent), (name, _agency) in zip(views.values(), PRACTITIONERS, strict=True):
                combo.set_code("do_not_register" if name == "Nurse Evans" else "register")
                if name == "Nurse Evans":
                    dissent.setFocus()
                    QTest.keyClicks(dissent, "Family engaging with health visitor")
            click(qtbot, d.chair_decided)
            QTest.keyClicks(d.chair_reason, "Majority view; risk persists")
            click(qtbot, d.save_button)
        assert shown.errors == []
        assert d._view is not None and not d._view.blocking, [p.code for p in d._view.problems]
        assert "no" in d.consensus.text().lower()
        if keyboard:
            press(Qt.Key.Key_F, CTRL | SHIFT)
        else:
            click(qtbot, d.finalise_button)
        dlg = next((x for x in d.findChildren(FinaliseDialog) if x.isVisible()), None)
        assert dlg is not None and "Nurse Evans" in dlg.summary.toPlainText()
        if keyboard:
            activate(qtbot, dlg)
            press(Qt.Key.Key_Return)
            activate(qtbot, ws)
        else:
            qtbot.mouseClick(dlg.buttons.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton)
        assert shown.errors == []
        qtbot.waitUntil(lambda: d._view is not None and d._view.locked, timeout=3000)
        assert d.rationale.isReadOnly() and not d.finalise_button.isEnabled()
        assert "register" in d.why_not.text().lower()


def approve(qtbot: Any, ws: ConferenceWorkspace, *, keyboard: bool = False) -> None:
    if keyboard:
        activate(qtbot, ws)
        press(Qt.Key.Key_A, CTRL | SHIFT)
    else:
        click(qtbot, ws.approve_button)
    assert ws.details_dto is not None and ws.details_dto.status == "record_approved"
    assert ws.minutes.editor.isReadOnly()
