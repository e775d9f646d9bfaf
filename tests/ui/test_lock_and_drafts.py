"""Idle lock (SES-1, AR-7) and drafts of every free-text field: kept through the lock, then restored."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractItemModel, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractItemView, QLabel, QLineEdit, QPlainTextEdit, QTextEdit, QWidget

from desktop.ui.main_window import MainWindow
from desktop.ui.workspace import ConferenceWorkspace
from tests.ui.conftest import PIN, type_text
from tests.unit.services.seed import World
from tests.unit.services.test_workflow import _conference

CANARY = "CANARY-Ŵ-7f3a"


def _texts_reachable(root: QWidget) -> list[str]:
    """Every text a widget or a view's model holds (what AR-7's inspection would find)."""
    out: list[str] = [root.windowTitle()]
    for w in root.findChildren(QWidget):
        if isinstance(w, QLineEdit):
            out.append(w.text())
        elif isinstance(w, QPlainTextEdit):
            out.append(w.toPlainText())
        elif isinstance(w, QTextEdit):
            out.append(w.toPlainText())
        elif isinstance(w, QLabel):
            out.append(w.text())
        out.append(w.accessibleName())
        out.append(w.accessibleDescription())
        if isinstance(w, QAbstractItemView) and w.model() is not None:
            out.extend(_model_texts(w.model()))
    return out


def _model_texts(model: QAbstractItemModel) -> list[str]:
    from PySide6.QtCore import QModelIndex

    out = []
    for r in range(model.rowCount(QModelIndex())):
        c = 0
        while True:
            idx = model.index(r, c)
            if not idx.isValid():
                break
            value = idx.data(Qt.ItemDataRole.DisplayRole)
            if value is not None:
                out.append(str(value))
            c += 1
    return out


def _unsaved_everywhere(ws: ConferenceWorkspace) -> dict[QWidget, str]:
    """Type (not save) a canary into one field of each drafted kind."""
    typed: dict[QWidget, str] = {
        ws.voice.wishes: f"{CANARY} wishes",
        ws.decisions.rationale: f"{CANARY} rationale",
        ws.plan.risks: f"{CANARY} risks",
        ws.attendance.reason: f"{CANARY} reason",
        ws.details.venue: f"{CANARY} venue",
    }
    for tab, field in ((ws.voice, ws.voice.wishes), (ws.decisions, ws.decisions.rationale), (ws.plan, ws.plan.risks),
                       (ws.attendance, ws.attendance.reason), (ws.details, ws.details.venue)):  # fmt: skip
        ws.tabs.setCurrentWidget(tab)
        field.setFocus()
        type_text(field, typed[field])
    # A dissent line too (a field made per practitioner).
    return typed


def _open_with_practitioner(qtbot: Any, window: MainWindow, world: World) -> ConferenceWorkspace:
    from desktop.services.attendance import NewAttendee
    from sync.protocol.enums import AgencyGrouping, ParticipantKind

    cid = _conference(world)
    world.services.conferences.start(cid)
    world.services.attendance.add(cid, NewAttendee("PC Jones", ParticipantKind.PRACTITIONER,
                                                   agency=AgencyGrouping.POLICE))  # fmt: skip
    return window.open_conference(cid, 0)


def test_idle_lock_hides_every_record_and_pin_restores_unsaved_text(
    qtbot: Any, window: MainWindow, world: World
) -> None:
    ws = _open_with_practitioner(qtbot, window, world)
    typed = _unsaved_everywhere(ws)
    ws.tabs.setCurrentWidget(ws.decisions)
    dissent = next(iter(ws.decisions.view_widgets.values()))[1]
    dissent.setFocus()
    type_text(dissent, f"{CANARY} dissent")
    ws.tabs.setCurrentWidget(ws.minutes)
    ws.minutes.editor.setFocus()
    type_text(ws.minutes.editor, f"{CANARY} minutes")
    assert any(CANARY in t for t in _texts_reachable(window))

    # Injected clock: the watcher's interval is shortened; the lock comes from its timer, not a call.
    with qtbot.waitSignal(window.locked_changed, timeout=3000) as blocker:
        window.idle.set_interval_ms(50)
    assert blocker.args == [True]
    assert window.is_locked and window.stack.currentWidget() is window.lock_screen
    qtbot.waitUntil(lambda: window.findChild(ConferenceWorkspace) is None, timeout=3000)
    leaked = [t for t in _texts_reachable(window) if CANARY in t or "Ŵyn" in t]
    assert leaked == []
    assert "Locked" in window.windowTitle()

    window.lock_screen.pin.setFocus()
    QTest.keyClicks(window.lock_screen.pin, "0000")
    QTest.keyClick(window.lock_screen.pin, Qt.Key.Key_Return)
    assert window.is_locked and window.lock_screen.error.text()
    assert window.workspace is None

    QTest.keyClicks(window.lock_screen.pin, PIN)
    with qtbot.waitSignal(window.locked_changed, timeout=3000):
        QTest.keyClick(window.lock_screen.pin, Qt.Key.Key_Return)
    ws2 = window.workspace
    assert ws2 is not None and not window.is_locked
    assert ws2.voice.wishes.toPlainText() == typed[ws.voice.wishes]
    assert ws2.decisions.rationale.toPlainText() == typed[ws.decisions.rationale]
    assert ws2.plan.risks.toPlainText() == typed[ws.plan.risks]
    assert ws2.attendance.reason.text() == typed[ws.attendance.reason]
    assert ws2.details.venue.text() == typed[ws.details.venue]
    assert next(iter(ws2.decisions.view_widgets.values()))[1].text() == f"{CANARY} dissent"
    assert ws2.minutes.editor.toPlainText() == f"{CANARY} minutes"
    assert ws2.draft_note.text()
    # Nothing was written over the records: it is all still draft.
    child = world.child_ids[0]
    assert world.services.voice.get(ws2.conference_id, child).wishes_and_feelings == ""
    assert world.services.decisions.get(ws2.conference_id, child).rationale == ""


def test_autosave_debounce_and_explicit_save_drops_drafts(qtbot: Any, window: MainWindow, world: World) -> None:
    ws = _open_with_practitioner(qtbot, window, world)
    v = ws.voice
    ws.tabs.setCurrentWidget(v)
    v.wishes.setFocus()
    with qtbot.waitSignal(v.drafts.draft_saved, timeout=4000):  # the 1.5 s debounce fires by itself
        type_text(v.wishes, "Eisiau chwarae pêl-droed")
    assert world.services.drafts.count() == 1
    recovered = world.services.drafts.recoverable()
    assert [(r.entity, r.field, r.draft_text, r.draft_is_newer) for r in recovered] == [
        ("child_voice", "wishes_and_feelings", "Eisiau chwarae pêl-droed", True)
    ]
    assert recovered[0].child_name.startswith("Siân")
    # Focus-out writes at once (no timer wait).
    ws.tabs.setCurrentWidget(ws.plan)
    ws.plan.risks.setFocus()
    type_text(ws.plan.risks, "Risg")
    ws.plan.keeping_safe.setFocus()
    assert world.services.drafts.count() == 2
    # Explicit saves: record + outbox + draft removal together.
    ws.plan.save()
    ws.tabs.setCurrentWidget(v)
    v.save()
    assert world.services.drafts.count() == 0
    assert world.services.voice.get(ws.conference_id, world.child_ids[0]).wishes_and_feelings.startswith("Eisiau")


def test_switching_child_keeps_each_childs_draft_apart(qtbot: Any, window: MainWindow, world: World) -> None:
    ws = _open_with_practitioner(qtbot, window, world)
    d = ws.decisions
    ws.tabs.setCurrentWidget(d)
    d.rationale.setFocus()
    type_text(d.rationale, "first child")
    d.child.setCurrentIndex(1)  # before the debounce fires
    assert d.rationale.toPlainText() == ""
    d.child.setCurrentIndex(0)
    assert d.rationale.toPlainText() == "first child"


def test_lock_leaves_no_page_highlighted_and_unlock_restores_it(qtbot: Any, window: MainWindow, world: World) -> None:
    window.go(3)
    assert window.nav.currentRow() == 3
    window.lock()
    assert window.nav.currentRow() == -1 and window.nav.selectedItems() == []
    window.lock_screen.pin.setText(PIN)
    window.lock_screen.try_unlock()
    assert not window.is_locked
    assert window.nav.currentRow() == 3 and window.stack.currentWidget() is window.settings_page
    assert [i.text() for i in window.nav.selectedItems()] == [window.nav.item(3).text()]
    # A conference open when locking comes back, with the page it was opened from behind it.
    window.go(1)
    cid = _conference(world)
    window.open_conference(cid)
    window.lock()
    assert window.nav.currentRow() == -1 and window.nav.selectedItems() == []
    window.lock_screen.pin.setText(PIN)
    window.lock_screen.try_unlock()
    assert window.workspace is not None and window.workspace.conference_id == cid
    assert window.nav.selectedItems() == []
    window.close_conference()
    assert window.stack.currentWidget() is window.conferences and window.nav.currentRow() == 1
