"""The main screens: every model passes Qt's model tester, titles never name a person, every control
has an accessible name and is reached by Tab, and the minute-taker's limits show in words."""

from __future__ import annotations

import datetime as dt
import importlib
import inspect
import pkgutil
import time
from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtCore import QAbstractItemModel, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QHeaderView,
    QLineEdit,
    QPlainTextEdit,
    QTabBar,
    QTextEdit,
    QWidget,
)

import desktop.ui
from desktop.services.conferences import NewConference
from desktop.services.errors import PermissionDeniedError
from desktop.ui.main_window import MainWindow
from desktop.ui.workspace import ConferenceWorkspace
from sync.protocol.enums import ConferenceType
from tests.ui import flows
from tests.unit.services.seed import World
from tests.unit.services.test_workflow import _conference, _full_workflow

INTERACTIVE = (QAbstractButton, QLineEdit, QPlainTextEdit, QTextEdit, QComboBox, QAbstractSpinBox,
               QAbstractItemView, QTabBar)  # fmt: skip


def _model_classes() -> set[type]:
    found: set[type] = set()
    for info in pkgutil.walk_packages(desktop.ui.__path__, "desktop.ui."):
        mod = importlib.import_module(info.name)
        for _name, cls in inspect.getmembers(mod, inspect.isclass):
            if issubclass(cls, QAbstractItemModel) and cls.__module__ == mod.__name__:
                found.add(cls)
    return found


def _names(world: World) -> list[str]:
    """Children's and family members' names (given and family) that must never reach a title."""
    out = []
    for cid in world.child_ids:
        d = world.services.children.detail(cid)
        out.extend(part for part in d.row.name.split() if part)
    return out


def _screens(window: MainWindow, ws: ConferenceWorkspace) -> list[tuple[str, QWidget, Any]]:
    """(name, root widget, how to show it) for each main screen and workspace tab."""
    out: list[tuple[str, QWidget, Any]] = []
    for i, page in enumerate((window.today, window.conferences, window.children_page, window.settings_page)):
        out.append((page.objectName(), page, lambda i=i: window.go(i)))
    for i in range(ws.tabs.count()):
        out.append((f"workspace tab {i}", ws.tabs.widget(i), lambda i=i: _show_tab(window, ws, i)))
    return out


def _show_tab(window: MainWindow, ws: ConferenceWorkspace, i: int) -> None:
    window.stack.setCurrentWidget(ws)
    ws.tabs.setCurrentIndex(i)


def test_every_model_passes_the_model_tester(qtbot: Any, qtmodeltester: Any, window: MainWindow,
                                             full: ConferenceWorkspace) -> None:  # fmt: skip
    classes = _model_classes()
    assert classes, "no models found"
    checked: set[type] = set()
    for model in window.findChildren(QAbstractItemModel):
        if type(model) in classes and model.rowCount() > 0:
            qtmodeltester.check(model, force_py=True)
            checked.add(type(model))
    missing = {c.__qualname__ for c in classes - checked}
    assert not missing, f"models with no populated instance on any screen (add them here): {missing}"


def test_window_title_never_names_a_child(qtbot: Any, window: MainWindow, world: World,
                                          full: ConferenceWorkspace) -> None:  # fmt: skip
    names = _names(world)
    assert names
    titles = [window.windowTitle()]  # a conference is open
    for _name, _root, show in _screens(window, full):
        show()
        titles.append(window.windowTitle())
    window.lock()
    titles.append(window.windowTitle())
    assert all("Cofnod" in t for t in titles)
    assert [t for t in titles if any(n in t for n in names)] == []
    assert any(full.details_dto is not None and full.details_dto.reference in t for t in titles if full.details_dto)


def test_every_interactive_widget_has_an_accessible_name(qtbot: Any, window: MainWindow,
                                                         full: ConferenceWorkspace) -> None:  # fmt: skip
    missing = []
    for name, root, show in _screens(window, full):
        show()
        for w in [root, *root.findChildren(QWidget)]:
            if isinstance(w, QHeaderView) or isinstance(w.parentWidget(), QAbstractSpinBox | QComboBox):
                continue  # a table's header and a spin box's or combo's inner editor belong to their owner
            if w.objectName() == "qt_tableview_cornerbutton":
                continue  # Qt's select-all corner of a table: no focus, the table itself is named
            if isinstance(w, INTERACTIVE) and w.isVisibleTo(root) and not w.accessibleName().strip():
                missing.append(f"{name}: {type(w).__name__} {w.objectName()!r}")
    for w in (window.nav, window.lock_screen.pin, window.lock_screen.button, full.tabs):
        if not w.accessibleName().strip():
            missing.append(w.objectName())
    assert missing == []


def test_tab_order_reaches_every_control_of_each_screen(qtbot: Any, window: MainWindow,
                                                        full: ConferenceWorkspace) -> None:  # fmt: skip
    flows.activate(qtbot, window)
    for name, root, show in _screens(window, full):
        show()
        qtbot.waitUntil(lambda root=root: root.isVisible())
        wanted = {
            w for w in root.findChildren(QWidget)
            if w.isVisible() and w.isEnabled() and w.focusPolicy() & Qt.FocusPolicy.TabFocus
            and w.focusProxy() is None and not isinstance(w.parentWidget(), QAbstractSpinBox | QComboBox)
        }  # fmt: skip
        assert wanted, name
        first = next(w for w in root.findChildren(QWidget) if w in wanted)
        first.setFocus()
        qtbot.waitUntil(lambda first=first: QApplication.focusWidget() is first)
        reached = set()
        for _ in range(400):
            f = QApplication.focusWidget()
            reached.add(f)
            if wanted <= reached:
                break
            QTest.keyClick(f, Qt.Key.Key_Tab)
        missed = sorted(f"{type(w).__name__}:{w.objectName()}" for w in wanted - reached)
        assert missed == [], name


def test_minute_taker_cannot_finalise_or_approve(qtbot: Any, window: MainWindow, world: World) -> None:
    cid = _full_workflow(world)
    world.seat.user = world.minute_taker
    ws = window.open_conference(cid)
    d = ws.decisions
    ws.tabs.setCurrentWidget(d)
    assert not d.finalise_button.isEnabled()
    assert d.why_not.text() and d.why_not.property("code")
    assert not ws.approve_button.isEnabled()
    assert ws.approve_reason.text() and ws.approve_reason.property("code")
    # The minute-taker still minutes.
    assert ws.minutes.save_button.isEnabled() and not ws.minutes.editor.isReadOnly()
    # The shortcuts do nothing either, and the services refuse on their own.
    d.finalise()
    assert not [x for x in d.findChildren(QWidget) if x.objectName() == "finalise_dialog" and x.isVisible()]
    with pytest.raises(PermissionDeniedError):
        world.services.decisions.finalise_preview(cid, world.child_ids[0])
    with pytest.raises(PermissionDeniedError):
        world.services.conferences.approve_record(cid)
    assert ws.details_dto is not None and ws.details_dto.status != "record_approved"


def test_smoke_all_tabs_of_a_fresh_conference(qtbot: Any, window: MainWindow, world: World) -> None:
    ws = window.open_conference(_conference(world))
    for i in range(ws.tabs.count()):
        ws.tabs.setCurrentIndex(i)
        assert ws.tabs.currentIndex() == i


def _approved(world: World) -> str:
    """A conference whose decisions are finalised and whose record the chair approved."""
    s = world.services
    cid = _full_workflow(world)
    for child in world.child_ids:
        s.decisions.finalise(cid, child, s.decisions.finalise_preview(cid, child).content_sha256)
    s.conferences.approve_record(cid)
    return cid


def test_approved_record_says_so_before_who_may_approve(qtbot: Any, window: MainWindow, world: World) -> None:
    cid = _approved(world)
    for seat in (world.chair, world.minute_taker):
        world.seat.user = seat
        ws = window.open_conference(cid)
        assert ws.details_dto is not None and ws.details_dto.record_locked
        assert ws.approve_reason.text().startswith("The record was approved on "), seat
        assert ws.approve_reason.isVisibleTo(ws) and not ws.approve_button.isEnabled()


def test_attendance_of_a_locked_record_shows_the_list_only(qtbot: Any, window: MainWindow, world: World) -> None:
    ws = window.open_conference(_approved(world))
    window.stack.setCurrentWidget(ws)
    ws.tabs.setCurrentWidget(ws.attendance)
    a = ws.attendance
    assert a.table.isVisible() and a.quorum.isVisible() and a.model.rowCount() > 0
    assert not a.edit_panel.isVisible()
    for w in (a.name, a.add_button, a.set_status_button, a.reason, a.reason_button, a.postpone_button, a.start_button):
        assert not w.isVisible(), w.objectName()
    open_ws = window.open_conference(_conference(world))
    window.stack.setCurrentWidget(open_ws)
    open_ws.tabs.setCurrentWidget(open_ws.attendance)
    assert open_ws.attendance.edit_panel.isVisible() and open_ws.attendance.add_button.isEnabled()


def test_minute_taker_cannot_record_the_chairs_reason(qtbot: Any, window: MainWindow, world: World) -> None:
    cid = _full_workflow(world)
    world.seat.user = world.minute_taker
    ws = window.open_conference(cid)
    window.stack.setCurrentWidget(ws)
    ws.tabs.setCurrentWidget(ws.attendance)
    a = ws.attendance
    assert not a.reason_button.isEnabled() and a.reason.isReadOnly()
    assert not a.postpone_button.isEnabled() and a.postpone_reason.isReadOnly()
    assert a.why_not.isVisible() and a.why_not.property("code") == "minute_taker_no_decision_rights"
    assert a.why_not.text()
    # The minute-taker still records who attended.
    assert a.add_button.isEnabled() and a.set_status_button.isEnabled() and not a.name.isReadOnly()
    with pytest.raises(PermissionDeniedError):
        world.services.conferences.set_quorum_reason(cid, "Two agencies will do.")
    world.seat.user = world.chair
    ws = window.open_conference(cid)
    assert ws.attendance.reason_button.isEnabled() and not ws.attendance.reason.isReadOnly()
    assert not ws.attendance.why_not.isVisibleTo(ws.attendance) and not ws.attendance.why_not.property("code")


@pytest.fixture
def new_york(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The computer's own zone is New York (a laptop set up abroad); Cofnod must still use Wales's."""
    monkeypatch.setenv("TZ", "America/New_York")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def test_details_show_and_save_the_date_in_wales(qtbot: Any, window: MainWindow, world: World,
                                                 new_york: None) -> None:  # fmt: skip
    # 02:00 in Wales on 12 March is still 11 March in New York.
    new = NewConference(type=ConferenceType.INITIAL, scheduled_for=dt.datetime(2026, 3, 12, 2, 0, tzinfo=dt.UTC),
                        child_ids=world.child_ids, strategy_discussion_on=dt.date(2026, 3, 2),
                        chair_user_id=world.chair.user_id)  # fmt: skip
    cid = world.services.conferences.create(new).id
    details = window.open_conference(cid).details
    assert details.when.value() == dt.date(2026, 3, 12)
    details.save()  # unchanged: the time stays where it was
    assert world.services.conferences.details(cid).scheduled_for == dt.datetime(2026, 3, 12, 2, 0, tzinfo=dt.UTC)
    details.when.set_value(dt.date(2026, 3, 13))
    details.save()
    assert world.services.conferences.details(cid).scheduled_for == dt.datetime(2026, 3, 13, 2, 0, tzinfo=dt.UTC)
    # Across the clocks going forward the time of day in Wales is kept: 02:00 GMT becomes 02:00 BST.
    details.when.set_value(dt.date(2026, 4, 2))
    details.save()
    assert world.services.conferences.details(cid).scheduled_for == dt.datetime(2026, 4, 2, 1, 0, tzinfo=dt.UTC)
    assert details.when.value() == dt.date(2026, 4, 2)


def test_today_shows_a_sentence_for_an_empty_list(qtbot: Any, window: MainWindow, world: World) -> None:
    window.go(0)
    today = window.today
    for key in today.models:
        assert today.models[key].rowCount() == 0
        assert today.empty[key].isVisible() and today.empty[key].text()
        assert not today.tables[key].isVisible()
    _conference(world)  # on Thursday: later this week
    today.refresh()
    assert today.models["week"].rowCount() == 1
    assert today.tables["week"].isVisible() and not today.empty["week"].isVisible()
    assert today.empty["today"].text() == "No conferences today." and today.empty["today"].isVisible()
    today.clear_content()  # the lock empties the lists
    assert not today.tables["week"].isVisible() and today.empty["week"].isVisible()


def test_times_are_shown_and_scheduled_in_wales(qtbot: Any, world: World, new_york: None) -> None:
    from desktop.ui.dialogs import NewConferenceDialog
    from desktop.ui.models import fmt_datetime

    summer = dt.datetime(2026, 7, 1, 8, 30, tzinfo=dt.UTC)  # 09:30 BST; 04:30 in New York
    assert "09:30" in fmt_datetime(summer) and "04:30" not in fmt_datetime(summer)
    dialog = NewConferenceDialog([], [], now=summer)
    qtbot.addWidget(dialog)
    assert dialog.when.dateTime().time().hour() == 9  # the clock in Wales
    assert dialog.value().scheduled_for == summer


def test_minute_taker_cannot_start_the_conference(qtbot: Any, window: MainWindow, world: World) -> None:
    cid = _conference(world)
    world.seat.user = world.minute_taker
    ws = window.open_conference(cid)
    window.stack.setCurrentWidget(ws)
    ws.tabs.setCurrentWidget(ws.attendance)
    assert not ws.attendance.start_button.isEnabled()
    assert ws.attendance.why_not.property("code") == "minute_taker_no_decision_rights"
    with pytest.raises(PermissionDeniedError):
        world.services.conferences.start(cid)
    world.seat.user = world.chair
    ws = window.open_conference(cid)
    assert ws.attendance.start_button.isEnabled()
