"""Driving the workspace as a chair would, shared by the mouse and keyboard tests."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QWidget

from desktop.ui.dialogs import FinaliseDialog, NewConferenceDialog
from desktop.ui.main_window import MainWindow
from desktop.ui.workspace import ConferenceWorkspace
from tests.ui.conftest import type_text

PRACTITIONERS = (("PC Jones", "police"), ("Nurse Evans", "health"), ("SW Price", "social_services"))


def click(qtbot: Any, w: QWidget) -> None:
    assert w.isEnabled(), w.objectName()
    qtbot.mouseClick(w, Qt.MouseButton.LeftButton)


def create_conference_with_dialog(qtbot: Any, window: MainWindow, *, keyboard: bool = False) -> ConferenceWorkspace:
    def fill() -> None:
        dlg = QApplication.activeModalWidget()
        assert isinstance(dlg, NewConferenceDialog)
        for i in range(dlg.children_list.count()):
            if keyboard:
                dlg.children_list.setFocus()
                dlg.children_list.setCurrentRow(i)
                QTest.keyClick(dlg.children_list, Qt.Key.Key_Space)
            else:
                dlg.children_list.item(i).setCheckState(Qt.CheckState.Checked)
        dlg.anchor.setFocus()
        dlg.anchor.set_value(__import__("datetime").date(2026, 3, 2))
        dlg.chair.setCurrentIndex(1)
        if keyboard:
            QTest.keyClick(dlg, Qt.Key.Key_Return)
        else:
            qtbot.mouseClick(dlg.buttons.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton)

    QTimer.singleShot(0, fill)
    if keyboard:
        QTest.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    else:
        window.go(1)
        click(qtbot, window.conferences.new_button)
    ws = window.workspace
    assert ws is not None
    # Focus returns to the main window when the modal dialog closes (offscreen needs telling).
    window.activateWindow()
    qtbot.waitActive(window)
    return ws


def reach_quorum(qtbot: Any, ws: ConferenceWorkspace, *, keyboard: bool = False) -> None:
    att = ws.attendance
    ws.tabs.setCurrentWidget(att)
    for name, agency in PRACTITIONERS:
        att.name.setFocus()
        QTest.keyClicks(att.name, name)
        att.agency.set_code(agency)
        if keyboard:
            att.add_button.setFocus()
            QTest.keyClick(att.add_button, Qt.Key.Key_Space)
        else:
            click(qtbot, att.add_button)
    assert att.quorum.property("state") == "quorate"
    if keyboard:
        att.start_button.setFocus()
        QTest.keyClick(att.start_button, Qt.Key.Key_Space)
    else:
        click(qtbot, att.start_button)


def record_voice(qtbot: Any, ws: ConferenceWorkspace) -> None:
    v = ws.voice
    ws.tabs.setCurrentWidget(v)
    for i in range(v.child.count()):
        v.child.setCurrentIndex(i)
        v.mode.set_code("prepared_contribution")
        v.offer.set_code("accepted")
        v.wishes.setFocus()
        type_text(v.wishes, "Mae hi eisiau aros gyda'i mam-gu ym Mhontypŵl; dywedodd ŷd.")
        v.language.set_code("cy")
        click(qtbot, v.save_button)
        assert "complete" in v.gaps.text()


def minute(qtbot: Any, ws: ConferenceWorkspace, *, keyboard: bool = False) -> None:
    m = ws.minutes
    ws.tabs.setCurrentWidget(m)
    m.sections.setCurrentRow(0)
    m.editor.setFocus()
    type_text(m.editor, "Presennol: PC Jones, Nyrs Evans, SW Price. Ymddiheuriadau: dim.")
    if keyboard:
        m.window().activateWindow()
        qtbot.waitActive(m.window())
        QTest.keyClick(m.editor, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
        QTest.keyClick(m.editor, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
        assert m.sections.currentRow() == 1
    else:
        click(qtbot, m.save_button)
    assert m.status.text()


def plan(qtbot: Any, ws: ConferenceWorkspace) -> None:
    p = ws.plan
    ws.tabs.setCurrentWidget(p)
    for i in range(p.child.count()):
        p.child.setCurrentIndex(i)
        p.action_text.setFocus()
        QTest.keyClicks(p.action_text, "Weekly home visit")
        QTest.keyClicks(p.action_owner, "SW Price")
        click(qtbot, p.findChild(QWidget, "plan_add_action"))
        assert p.actions_model.rowCount() == 1


def decide_and_finalise(qtbot: Any, ws: ConferenceWorkspace, *, keyboard: bool = False) -> None:
    d = ws.decisions
    ws.tabs.setCurrentWidget(d)
    for i in range(d.child.count()):
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
        assert d._view is not None and not d._view.blocking, [p.code for p in d._view.problems]
        assert "no" in d.consensus.text().lower()
        if keyboard:
            d.window().activateWindow()
            qtbot.waitActive(d.window())
            QTest.keyClick(d, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
        else:
            click(qtbot, d.finalise_button)
        dlg = next((x for x in d.findChildren(FinaliseDialog) if x.isVisible()), None)
        assert dlg is not None and "Nurse Evans" in dlg.summary.toPlainText()
        if keyboard:
            QTest.keyClick(dlg, Qt.Key.Key_Return)
        else:
            qtbot.mouseClick(dlg.buttons.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton)
        from tests.ui.conftest import LAST_SHOWN

        qtbot.waitUntil(
            lambda: d._view is not None and d._view.locked, timeout=2000
        ) if not LAST_SHOWN or not LAST_SHOWN[-1].errors else None
        assert not LAST_SHOWN or LAST_SHOWN[-1].errors == [], LAST_SHOWN[-1].errors
        assert not d.rationale.isEnabled() and not d.finalise_button.isEnabled()
        assert "register" in d.why_not.text().lower()


def approve(qtbot: Any, ws: ConferenceWorkspace, *, keyboard: bool = False) -> None:
    if keyboard:
        ws.window().activateWindow()
        qtbot.waitActive(ws.window())
        QTest.keyClick(ws, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    else:
        click(qtbot, ws.approve_button)
    assert ws.details_dto is not None and ws.details_dto.status == "record_approved"
    assert ws.minutes.editor.isReadOnly()
