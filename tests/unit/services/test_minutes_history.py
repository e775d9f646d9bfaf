"""Saving a minutes section and recovering its draft do not read the section's version history.

Issue 14, section 5: ``MinutesService.save`` and draft recovery read ``versions[-1]``, which loads
every saved version, so save time grew with the record. Here the work is counted, not timed: the
number of version rows the ORM loads and the statements that touch ``minutes_version`` must be the
same for a section with 3 versions and one with 300.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import event

from desktop.services.minutes import DRAFT_FIELD
from desktop.store.ids import new_id
from desktop.store.orm import MinutesSection, MinutesVersion, utcnow
from sync.protocol.enums import Entity
from tests.unit.services.seed import World
from tests.unit.services.test_workflow import _conference


@contextmanager
def _counting(world: World) -> Iterator[dict[str, int]]:
    """Version rows loaded into objects, and statements naming ``minutes_version``, inside the block."""
    seen = {"loaded": 0, "statements": 0}

    def loaded(_target: Any, _context: Any) -> None:
        seen["loaded"] += 1

    def statement(_conn: Any, _cursor: Any, sql: str, *_rest: Any) -> None:
        seen["statements"] += "minutes_version" in sql

    event.listen(MinutesVersion, "load", loaded)
    event.listen(world.store.engine, "before_cursor_execute", statement)
    try:
        yield seen
    finally:
        event.remove(MinutesVersion, "load", loaded)
        event.remove(world.store.engine, "before_cursor_execute", statement)


def _section_with_history(world: World, versions: int) -> str:
    cid = _conference(world)
    section = world.services.minutes.sections(cid)[0]
    with world.store.sessions.begin() as s:
        m = s.get(MinutesSection, section.id)
        assert m is not None
        s.add_all(
            MinutesVersion(id=new_id(), section_id=m.id, version=v, text=f"Fersiwn {v}", saved_at=utcnow())
            for v in range(2, versions + 2)
        )
        m.version = versions + 1
        m.text = f"Fersiwn {versions + 1}"
    return section.id


def _work(world: World, section_id: str) -> tuple[dict[str, int], dict[str, int]]:
    s = world.services
    with _counting(world) as on_save:
        view = s.minutes.save(section_id, "Testun newydd")
    assert view.text == "Testun newydd" and view.saved_at is not None
    s.drafts.save(
        Entity.MINUTES_SECTION.value, section_id, DRAFT_FIELD, "Drafft ar ôl y cadw", base_version=view.version
    )
    with _counting(world) as on_recovery:
        (item,) = s.drafts.recoverable()
    assert item.record_saved_at == view.saved_at and item.record_text == "Testun newydd"
    return on_save, on_recovery


def test_save_and_recovery_cost_does_not_grow_with_history(world: World) -> None:
    short = _work(world, _section_with_history(world, 3))
    s = world.services
    for draft in s.drafts.recoverable():
        s.drafts.discard(draft.draft_id)
    long = _work(world, _section_with_history(world, 300))
    assert long == short
    on_save, on_recovery = long
    assert on_save["loaded"] == 0 and on_recovery["loaded"] == 0
    assert on_save["statements"] <= 2 and on_recovery["statements"] <= 1  # the new row; the latest one
    history = s.minutes.history(_section_with_history(world, 5))
    assert [v.version for v in history][:2] == [6, 5]  # the history itself is still all there
