"""The UI shows why a record is locked: the child's voice after the decision, the children page by seat."""

from __future__ import annotations

from typing import Any

from desktop.ui.labels import problem_text
from desktop.ui.main_window import MainWindow
from tests.unit.services.seed import World
from tests.unit.services.test_workflow import _full_workflow


def test_voice_tab_is_read_only_with_the_reason_once_the_decision_is_finalised(
    qtbot: Any, window: MainWindow, world: World
) -> None:
    s = world.services
    cid = _full_workflow(world)
    decided, sibling = world.child_ids
    s.decisions.finalise(cid, decided, s.decisions.finalise_preview(cid, decided).content_sha256)
    ws = window.open_conference(cid)
    voice = ws.voice
    ws.tabs.setCurrentWidget(voice)
    voice.child.set_item_id(decided)
    assert voice.wishes.isReadOnly() and not voice.save_button.isEnabled() and not voice.mode.isEnabled()
    assert not voice.why_not.isHidden()
    assert voice.why_not.text() == problem_text("voice_locked_decision_finalised")
    voice.child.set_item_id(sibling)
    assert not voice.wishes.isReadOnly() and voice.save_button.isEnabled()
    assert voice.why_not.isHidden()


def test_children_page_locks_adding_and_coordinator_changes_for_a_minute_taker(
    qtbot: Any, window: MainWindow, world: World
) -> None:
    page = window.children_page
    window.go(2)
    assert page.add_button.isEnabled() and page.change_button.isEnabled() and page.why_not.isHidden()
    world.seat.user = world.minute_taker
    page.refresh()
    assert not page.add_button.isEnabled() and not page.change_button.isEnabled()
    assert not page.family_told.isEnabled() and not page.new_given.isEnabled()
    assert not page.why_not.isHidden()
    assert page.why_not.text() == problem_text("chair_or_administrator_only")


def test_attendance_tab_records_an_exclusion_covering_the_decision(
    qtbot: Any, window: MainWindow, world: World, shown: Any
) -> None:
    from desktop.services.attendance import NewAttendee
    from desktop.ui.labels import label
    from sync.protocol.enums import AgencyGrouping, ParticipantKind
    from tests.unit.services.test_workflow import _conference

    s = world.services
    cid = _conference(world)
    s.conferences.start(cid)
    police = s.attendance.add(cid, NewAttendee("PC Jones", ParticipantKind.PRACTITIONER, agency=AgencyGrouping.POLICE))
    ws = window.open_conference(cid)
    tab = ws.attendance
    ws.tabs.setCurrentWidget(tab)
    tab.table.selectRow(0)
    tab.set_status_combo.set_code("excluded_part")
    tab.excluded_decision.setChecked(True)
    tab.set_status()
    assert shown.errors == []
    (row,) = s.attendance.list(cid)
    assert row.id == police.id and row.status == "excluded_part" and row.excluded_from_decision
    shown_status = tab.model.index(0, 4).data()
    assert shown_status == label("excluded_from_decision")
