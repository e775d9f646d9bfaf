"""Withheld parts stay withheld (issue 10): no partial copy in the demo data prints a word of a withheld decision.

The demo withholds a child's decision section from family members excluded from part of a
conference; they (on the distribution list or only on the attendance list) and the family's
solicitor (a partial copy with no list) each get partial copies. Every partial copy of every kind
of document for every such recipient is rendered, read back with ``pdftotext`` as a reader would,
and searched for every text of the withheld decision: outcome sentence, reasons, evidence, each
practitioner's reasons, dissent, addenda and the minutes of the decision.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select

from desktop.demo import generate_demo
from desktop.documents import strings as S  # noqa: N812
from desktop.documents.model import DocumentKind
from desktop.documents.render import Words
from desktop.services.documents import DocumentService, RecipientOption
from desktop.store.orm import (
    Addendum,
    Child,
    Conference,
    Decision,
    Dissent,
    Distribution,
    MinutesSection,
    PractitionerView,
)
from desktop.store.testing import OpenStore, open_test_store
from tests.integration.documents.builder import make_service
from tests.unit.documents import pdftools

TODAY = dt.date(2026, 11, 27)

#: The letter's outcome sentences, each naming the child (%1).
_OUTCOME_SENTENCES = {
    "decision_2_registered": S.LETTER_REGISTERED,
    "decision_1_not_registered": S.LETTER_NOT_REGISTERED,
    "remain_same_category": S.LETTER_REMAIN,
    "remain_category_changed": S.LETTER_REMAIN_CHANGED,
    "deregister": S.LETTER_DEREGISTER,
}


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[OpenStore]:
    store = open_test_store(tmp_path_factory.mktemp("demo"))
    generate_demo(store, children=100, seed=5, today=TODAY)
    try:
        yield store
    finally:
        store.engine.dispose()


def _flat(text: str) -> str:
    return " ".join(text.split())


def _withheld(store: OpenStore) -> dict[str, tuple[str, list[str], str]]:
    """conference id -> (withheld child's name, every text of their decision, its outcome code)."""
    out: dict[str, tuple[str, list[str], str]] = {}
    with store.sessions() as s:
        for section in s.scalars(
            select(MinutesSection).where(MinutesSection.key == "decision", MinutesSection.restricted.is_(True))
        ):
            d = s.scalars(
                select(Decision).where(
                    Decision.conference_id == section.conference_id, Decision.child_id == section.child_id
                )
            ).one()
            child = s.get(Child, section.child_id)
            assert child is not None
            texts = [d.rationale, d.evidence, d.plan_if_not_registered, d.chair_decision_reason, section.text]
            texts += [
                v.reasons for v in s.scalars(select(PractitionerView).where(PractitionerView.decision_id == d.id))
            ]
            texts += [x.reason for x in s.scalars(select(Dissent).where(Dissent.decision_id == d.id))]
            texts += [a.text for a in s.scalars(select(Addendum).where(Addendum.decision_id == d.id))]
            name = f"{child.given_names} {child.family_name}"
            out[section.conference_id] = (name, [_flat(t) for t in texts if t.strip()], d.outcome or "")
    return out


def _kind(r: RecipientOption, linked: bool) -> str:
    if r.source == "attendance":
        return "attendee"
    return "distribution_attendee" if linked else "distribution_no_list"


def test_no_partial_copy_prints_a_withheld_decision(demo: OpenStore, tmp_path: Path) -> None:
    service: DocumentService = make_service(demo.sessions, today=TODAY)
    withheld = _withheld(demo)
    assert len(withheld) >= 3
    with demo.sessions() as s:
        references = {c.id: c.reference for c in s.scalars(select(Conference).where(Conference.id.in_(withheld)))}
    kinds_seen: set[str] = set()
    copies = 0
    started = time.perf_counter()
    for conference_id, (name, texts, outcome) in withheld.items():
        options = [r for r in service.recipients(conference_id) if r.partial]
        assert options, references[conference_id]
        with demo.sessions() as s:
            linked = {d.id for d in s.scalars(select(Distribution).where(Distribution.attendance_id.is_not(None)))}
        kinds_seen |= {_kind(r, r.id in linked) for r in options}
        # The full copy prints the decision: the search below would find it if it leaked.
        full = tmp_path / f"{references[conference_id]}-full.pdf"
        service.produce(conference_id, kind=DocumentKind.RECORD, out=full, language="en")
        full_text = pdftools.flat(full)
        assert texts[0] in full_text and texts[1] in full_text
        for kind in DocumentKind:
            paths = [tmp_path / f"{references[conference_id]}-{kind.value}-{i}.pdf" for i in range(len(options))]
            produced = service.produce_batch(conference_id, kind=kind, recipients=[r.id for r in options], out=paths)
            for doc, path, option in zip(produced, paths, options, strict=True):
                copies += 1
                assert doc.partial, (kind, option.name)
                text = pdftools.flat(path)
                raw = _flat(pdftools.text(path, raw=True))
                leaked = [t for t in texts if t in text or t in raw]
                assert leaked == [], (kind, option.name, leaked)
                words = Words(doc.language)
                sentence = _flat(words(_OUTCOME_SENTENCES[outcome], name)) if outcome else ""
                assert not sentence or sentence not in text, (kind, option.name)
                assert _flat(words(S.DECISION_WITHHELD)) in text, (kind, option.name)
    assert kinds_seen == {"attendee", "distribution_attendee", "distribution_no_list"}
    assert copies >= 4 * len(withheld)
    print(f"{copies} partial copies of {len(withheld)} conferences checked in {time.perf_counter() - started:.1f} s")
