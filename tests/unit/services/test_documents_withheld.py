"""A partial copy leaves out a withheld part of the record by every route, not only the minutes."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop.store.orm import ChildVoice, MinutesSection, SectionWithheld
from desktop.store.testing import OpenStore, open_test_store
from tests.integration.documents.builder import build_conference, make_service


@pytest.fixture
def store(tmp_path: Path) -> Iterator[OpenStore]:
    opened = open_test_store(tmp_path / "profile")
    try:
        yield opened
    finally:
        opened.engine.dispose()


def test_withheld_child_voice_section_also_withholds_that_childs_voice(store: OpenStore) -> None:
    built = build_conference(store.sessions, children=2)
    child = built.child_ids[0]
    with store.sessions.begin() as s:
        voice = s.query(ChildVoice).filter_by(conference_id=built.conference_id, child_id=child).one()
        secret = voice.wishes_and_feelings
        section = MinutesSection(
            id="voice-section",
            conference_id=built.conference_id,
            key="child_voice",
            child_id=child,
            position=99,
            text="Dywedodd y plentyn wrth yr eiriolwr beth ddigwyddodd gartref.",
            restricted=True,
        )
        s.add(section)
        s.flush()
        s.add(SectionWithheld(section_id=section.id, attendance_id=built.father_attendance_id))
    service = make_service(store.sessions)

    father = service.load(built.reference, recipient=built.father_distribution_id)
    assert father.meta.partial
    assert all(secret not in v.wishes_and_feelings for v in father.voices)
    names = {c.id: c.name for c in father.children}
    assert names[child] not in {v.child_name for v in father.voices}
    assert names[built.child_ids[1]] in {v.child_name for v in father.voices}  # the sibling's is not withheld

    full = service.load(built.reference, recipient=built.police_distribution_id)
    assert names[child] in {v.child_name for v in full.voices}
