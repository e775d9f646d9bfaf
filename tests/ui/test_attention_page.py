"""The "Needs attention" page (issue 9 §3.4) over the real AttentionService and an encrypted store:
conflicts and refusals come in through the pull feed (SyncStore.apply_page) as they would from sync."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from sqlalchemy import select

from desktop.store.orm import OutboxOp
from desktop.store.sync_store import SyncStore
from desktop.ui.labels import problem_text
from desktop.ui.main_window import MainWindow
from tests.ui.conftest import Shown
from tests.unit.services.seed import World

SERVER = "srv-1"


def _change(seq: int, entity: str, entity_id: str, kind: str, payload: dict[str, Any]) -> dict[str, Any]:
    return {
        "server_seq": seq, "entity": entity, "entity_id": entity_id, "version": 1, "kind": kind,
        "payload": payload, "schema_version": 1, "received_at": "2026-03-10T10:00:00Z",
    }  # fmt: skip


def _hard_conflict(world: World, seq: int = 1, cid: str = "cf-1") -> str:
    child = world.child_ids[0]
    conflict = {
        "conflict_id": cid, "entity": "child", "entity_id": child, "kind": "hard", "state": "open",
        "op_id": "op-elsewhere", "author_user_id": "usr-2", "base_version": 1, "server_version": 2,
        "detail": {"fields": {"given_names": {"base": "Siân", "server": "Siân", "incoming": "Siân Elin"}},
                   "incoming": {"given_names": "Siân Elin"}},
        "created_at": "2026-03-10T10:00:00Z", "resolved_at": None, "resolved_by": None, "resolution": None,
    }  # fmt: skip
    SyncStore(world.store.sessions).apply_page([_change(seq, "conflict", cid, "conflict", conflict)], seq,
                                               server_id=SERVER)  # fmt: skip
    return child


def _resolve_ops(world: World) -> list[str]:
    with world.store.sessions() as s:
        return list(s.scalars(select(OutboxOp.payload_json).where(OutboxOp.kind == "resolve_conflict")))


def test_a_field_conflict_shows_both_versions_and_taking_the_other_applies_it(qtbot: Any, window: MainWindow,
                                                                             world: World) -> None:  # fmt: skip
    child = _hard_conflict(world)
    window.acts["attention"].trigger()
    page = window.attention_page
    assert window.stack.currentWidget() is page and window.windowTitle().startswith("Needs attention")
    assert page.list.count() == 1
    assert page.list.item(0).text() == "A child's details was changed on this computer and elsewhere at the same time."
    assert "given_names: Siân" in page.mine.toPlainText() and "Siân Elin" in page.theirs.toPlainText()
    assert page.keep_mine.isVisibleTo(page) and page.take_theirs.isVisibleTo(page)
    assert not page.acknowledge.isVisibleTo(page) and "given_names" in page.merge_edits
    assert window.sync_bar.attention.text() == "Needs attention: 1"
    QTest.mouseClick(page.take_theirs, Qt.MouseButton.LeftButton)
    assert page.list.count() == 0 and page.empty.isVisibleTo(page)
    assert world.services.children.detail(child).row.name.startswith("Siân Elin ")
    [payload] = _resolve_ops(world)
    assert '"take_incoming"' in payload and '"cf-1"' in payload
    assert not window.sync_bar.attention.isVisibleTo(window)


def test_a_merged_version_is_sent_and_settling_twice_is_refused_with_words(
    qtbot: Any, window: MainWindow, world: World, shown: Shown
) -> None:
    child = _hard_conflict(world)
    page = window.show_attention()
    edit = page.merge_edits["given_names"]
    edit.setPlainText("Siân Eluned")
    QTest.mouseClick(page.save_merged, Qt.MouseButton.LeftButton)
    assert page.list.count() == 0
    assert world.services.children.detail(child).row.name.startswith("Siân Eluned ")
    [payload] = _resolve_ops(world)
    assert '"merge"' in payload and "Siân Eluned" in payload
    # Choosing again after it is settled: worded, nothing lost.
    item_id = "conflict:cf-1"
    try:
        page.service.resolve_draft(item_id, "mine")
    except Exception as exc:  # noqa: BLE001
        assert problem_text(exc.code, exc.params) == problem_text("conflict_already_resolved")  # type: ignore[attr-defined]
    else:
        raise AssertionError("a settled conflict was settled twice")


def test_a_refused_change_is_worded_and_acknowledged_and_the_lock_clears_the_page(qtbot: Any, window: MainWindow,
                                                                                  world: World) -> None:  # fmt: skip
    rejected = {"op_id": "op-other", "device_id": "dev-2", "device_seq": 4, "kind": "patch", "entity": "child",
                "entity_id": world.child_ids[1], "code": "forbidden", "detail": "no"}  # fmt: skip
    SyncStore(world.store.sessions).apply_page([_change(1, "rejection", "op-other", "rejected", rejected)], 1,
                                               server_id=SERVER)  # fmt: skip
    page = window.show_attention()
    assert page.list.item(0).text().endswith(problem_text("forbidden"))
    assert page.acknowledge.isVisibleTo(page) and not page.keep_mine.isVisibleTo(page)
    window.lock()
    assert page.list.count() == 0 and window.stack.currentWidget() is window.lock_screen
    window.lock_screen.pin.setText("2468")
    window.lock_screen.try_unlock()
    page = window.show_attention()
    assert page.list.count() == 1
    page.acknowledge.setFocus()
    QTest.keyClick(page.acknowledge, Qt.Key.Key_Space)
    assert page.list.count() == 0 and page.service.count() == 0
