"""Documents from a real encrypted store: four children, long Welsh minutes, a partial copy, the log."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlalchemy import select

from desktop.documents.model import DocumentKind
from desktop.services.documents import (
    DOCUMENT_ENTITY,
    DocumentService,
    DocumentWriteError,
    UnknownConferenceError,
    UnknownDocumentKindError,
    UnknownRecipientError,
    UnsupportedLanguageError,
)
from desktop.store.orm import AuditEvent, DocumentIssued, OutboxOp
from desktop.store.testing import OpenStore, open_test_store
from tests.integration.documents.builder import CHILD_NAMES, WITHHELD_TEXT, Built, build_conference, make_service
from tests.unit.documents import pdftools

WELSH_HEADINGS = (
    "Cofnod y gynhadledd amddiffyn plant",
    "Manylion y gynhadledd",
    "Y plant a ystyriwyd",
    "Presenoldeb",
    "Ymddiheuriadau ac absenoldebau",
    "Gwaharddiadau",
    "Adroddiadau a ddaeth i law",
    "Llais y plentyn",
    "Trafodaeth",
    "Penderfyniadau",
    "Barn yr ymarferwyr",
    "Anghytuno",
    "Cynllun amlinellol",
    "Camau gweithredu",
    "Y gynhadledd adolygu nesaf",
    "Dosbarthu",
    "Categorïau",
    "Rhesymeg",
    "Tystiolaeth",
)
ENGLISH_HEADINGS = (
    "Record of the child protection conference",
    "Conference details",
    "Children considered",
    "Attendance",
    "Apologies and absences",
    "Exclusions",
    "Reports received",
    "The child's voice",
    "Discussion",
    "Decisions",
    "Practitioners' views",
    "Dissent",
    "Outline plan",
    "Actions",
    "Next review conference",
    "Distribution",
    "Categories",
    "Rationale",
    "Evidence",
)


@dataclass
class World:
    store: OpenStore
    built: Built
    service: DocumentService
    folder: Path


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> Iterator[World]:
    folder = tmp_path_factory.mktemp("documents")
    store = open_test_store(folder)
    built = build_conference(store.sessions, minutes_paragraphs=8)
    yield World(store, built, make_service(store.sessions), folder)
    store.engine.dispose()


@pytest.fixture(scope="module")
def record_cy(world: World) -> Path:
    out = world.folder / "record-cy.pdf"
    world.service.produce(world.built.reference, kind="record", out=out)
    return out


def test_welsh_record_has_every_section_in_welsh_and_no_english_headings(record_cy: Path) -> None:
    text = pdftools.text(record_cy)
    lines = {line.strip() for line in text.splitlines()}
    for heading in WELSH_HEADINGS:
        assert heading in text, heading
    for heading in ENGLISH_HEADINGS:
        assert heading not in lines, heading
    flat = pdftools.flat(record_cy)
    for name in CHILD_NAMES:
        assert f"Penderfyniad: {name}" in flat
    # Attendance with agencies, apologies, the excluded father and his reason, reports, views and dissent.
    for words in (
        "Mair Llŷr",
        "Ymwelydd iechyd",
        "Iechyd",
        "Yr heddlu",
        "Ymddiheuriadau; anfonwyd adroddiad",
        "Heb ddod i'r gynhadledd",
        "Wedi'i wahardd o ran o'r gynhadledd",
        "Gwybodaeth gan yr heddlu na ellir ei rhannu â'r tad.",
        "Nid yw'r heddlu'n credu bod y trothwy wedi'i gyrraedd i Ŵyn.",
        "Dim consensws: penderfynodd y cadeirydd",
        "Cam-drin emosiynol neu seicolegol, Esgeulustod",
        "Cynhelir y gynhadledd adolygu nesaf erbyn 4 Mehefin 2026.",
        "Cyngor Sir Ynys Môn",
        WITHHELD_TEXT,
        "Mae'r gweithiwr cymdeithasol wedi ymweld â'r cartref bedair gwaith",
    ):
        assert words in flat, words
    assert "OFFICIAL-SENSITIVE" not in text and "Page " not in text


def test_every_page_carries_marking_reference_page_x_of_y_version_and_draft(record_cy: Path) -> None:
    pages = pdftools.pages(record_cy)
    assert len(pages) >= 8  # long minutes run over several pages
    for n, page in enumerate(pages, start=1):
        assert page.count("SWYDDOGOL-SENSITIF") == 2
        assert "CAR-2026-0142" in page
        assert f"Tudalen {n} o {len(pages)}" in page
        assert "Fersiwn 1" in page and "Drafft" in page


def test_fonts_are_embedded_and_no_helvetica(record_cy: Path) -> None:
    fonts = pdftools.fonts(record_cy)
    assert {f["name"].split("+")[-1] for f in fonts} >= {"DejaVuSans", "DejaVuSans-Bold"}
    assert all(f["emb"] == "yes" and f["sub"] == "yes" for f in fonts)
    assert not any("Helvetica" in f["name"] for f in fonts)


def test_first_page_renders_to_png_with_the_draft_watermark(record_cy: Path, world: World) -> None:
    png = pdftools.render_png(record_cy, world.folder / "record-cy-page1")
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert png.stat().st_size > 5000
    assert pdftools.watermark_pixels(record_cy) > 1000


def test_english_record_for_an_agency_is_in_english(world: World) -> None:
    out = world.folder / "record-police.pdf"
    doc = world.service.produce(
        world.built.reference, kind="record", recipient=world.built.police_distribution_id, out=out
    )
    assert doc.language == "en" and not doc.partial
    text = pdftools.text(out)
    lines = {line.strip() for line in text.splitlines()}
    for heading in ENGLISH_HEADINGS:
        assert heading in text, heading
    for heading in ("Manylion y gynhadledd", "Llais y plentyn", "Penderfyniadau", "Dosbarthu"):
        assert heading not in lines
    flat = pdftools.flat(out)
    assert "OFFICIAL-SENSITIVE" in flat and "Page 1 of" in flat
    assert "Isle of Anglesey County Council" in flat
    assert "5 March 2026" in flat
    assert WITHHELD_TEXT in flat  # a full copy


def test_partial_copy_leaves_out_the_withheld_section_and_says_so(world: World) -> None:
    out = world.folder / "record-father.pdf"
    doc = world.service.produce(
        world.built.reference, kind="record", recipient=world.built.father_distribution_id, out=out
    )
    assert doc.partial and doc.language == "cy"
    flat = pdftools.flat(out)
    assert "Rhannodd yr heddlu wybodaeth gyfrinachol" not in flat
    assert "Ŵyn Llŷr" not in flat
    assert "Mae rhan o'r cofnod hwn wedi'i hatal o'r copi hwn" in flat
    assert "[Mae rhan o'r cofnod wedi'i hatal o'r copi hwn.]" in flat
    assert "Copi rhannol" in flat
    # The rest of the record is still there.
    assert "Penderfyniad: Dŷlan Prŷs" in flat and "Risgiau a chryfderau" in flat


def test_attendee_id_resolves_to_the_same_partial_copy(world: World) -> None:
    by_attendance = world.service.load(world.built.reference, recipient=world.built.father_attendance_id)
    by_distribution = world.service.load(world.built.reference, recipient=world.built.father_distribution_id)
    assert by_attendance.meta.partial and by_attendance.withheld_sections == 1
    assert by_attendance.minutes == by_distribution.minutes


def test_documents_issued_are_logged_with_the_file_hash(world: World) -> None:
    out = world.folder / "summary-mother.pdf"
    doc = world.service.produce(
        world.built.reference, kind="summary", recipient=world.built.mother_attendance_id, out=out
    )
    digest = hashlib.sha256(out.read_bytes()).hexdigest()
    assert doc.sha256 == digest and doc.pdf == out.read_bytes()
    with world.store.sessions() as s:
        row = s.get(DocumentIssued, doc.document_id)
        assert row is not None
        assert (row.kind, row.language, row.draft, row.partial, row.sha256) == ("summary", "cy", True, False, digest)
        assert row.distribution_id == f"{world.built.conference_id}-dist-mother"
        assert row.produced_by == "user-chair"
        audit = s.scalars(select(AuditEvent).where(AuditEvent.entity_id == doc.document_id)).one()
        assert audit.entity == DOCUMENT_ENTITY and audit.actor_user_id == "user-chair"
        assert json.loads(audit.after_json or "{}")["sha256"] == digest
        op = s.scalars(select(OutboxOp).where(OutboxOp.entity_id == doc.document_id)).one()
        assert (op.kind, op.entity) == ("append", DOCUMENT_ENTITY)
        assert json.loads(op.payload_json)["sha256"] == digest


def test_family_letter_per_child_in_plain_welsh(world: World) -> None:
    out = world.folder / "letter-father.pdf"
    doc = world.service.produce(
        world.built.reference, kind="letter", recipient=world.built.father_attendance_id, out=out
    )
    assert doc.page_count == len(pdftools.pages(out))
    flat = pdftools.flat(out)
    assert flat.count("Annwyl Dafydd Prŷs,") == 2  # the father is linked to two of the four children
    assert "Annwyl Dafydd Prŷs," in flat and "14 Ffordd Caergybi" in flat
    assert "Ynghylch: Dŷlan Prŷs" in flat and "Ynghylch: Gwên Prŷs" in flat and "Siôn Prŷs" not in flat
    assert "Mae enw Dŷlan Prŷs wedi'i ychwanegu at y Gofrestr Amddiffyn Plant" in flat
    assert "Bydd cyfarfod cyntaf y grŵp craidd yn cael ei gynnal erbyn 19 Mawrth 2026." in flat
    assert "Rhys Dafydd yw'r gweithiwr cymdeithasol" in flat
    assert "12 Mawrth 2026" in flat  # the date the letter was produced


def test_mother_gets_a_letter_for_each_of_the_four_children_in_english_when_asked(world: World) -> None:
    out = world.folder / "letter-mother-en.pdf"
    world.service.produce(
        world.built.reference, kind="letter", recipient=world.built.mother_attendance_id, language="en", out=out
    )
    flat = pdftools.flat(out)
    assert flat.count("Dear Catrin Prŷs,") == 4
    assert "decided that Siôn Prŷs's name does not need to go on the Child Protection Register" in flat
    assert "Part 3" not in flat or "Asesiad lles" in flat  # the support plan is the user's own words


def test_register_change_notice(world: World) -> None:
    out = world.folder / "notice-police.pdf"
    world.service.produce(world.built.reference, kind="notice", recipient=world.built.police_distribution_id, out=out)
    flat = pdftools.flat(out)
    assert "Child Protection Register change notice" in flat
    assert flat.count("Added to the register") == 3
    assert "Siôn Prŷs: no change to the register." in flat
    assert "For Tomos Evans" in flat


def test_batch_renders_each_recipient_and_logs_all(world: World) -> None:
    recipients = [world.built.police_distribution_id, world.built.father_distribution_id, None]
    outs = [world.folder / f"batch-{i}.pdf" for i in range(3)]
    docs = world.service.produce_batch(
        world.built.reference, kind=DocumentKind.SUMMARY, recipients=recipients, out=outs
    )
    assert [d.language for d in docs] == ["en", "cy", "cy"]
    assert all(p.exists() for p in outs)
    with world.store.sessions() as s:
        ids = {d.document_id for d in docs}
        assert len(s.scalars(select(DocumentIssued).where(DocumentIssued.id.in_(ids))).all()) == 3


def test_unknown_conference_recipient_kind_and_language_are_typed_errors(world: World) -> None:
    with pytest.raises(UnknownConferenceError) as exc:
        world.service.produce("CAR-1999-0001", kind="record")
    assert exc.value.code == "document_unknown_conference"
    with pytest.raises(UnknownRecipientError) as exc2:
        world.service.produce(world.built.reference, kind="record", recipient="nobody")
    assert exc2.value.code == "document_unknown_recipient"
    with pytest.raises(UnknownDocumentKindError):
        world.service.produce(world.built.reference, kind="minutes")
    with pytest.raises(UnsupportedLanguageError):
        world.service.produce(world.built.reference, kind="record", language="fr")


def test_a_failed_write_logs_nothing_and_leaves_no_file(world: World) -> None:
    with world.store.sessions() as s:
        before = len(s.scalars(select(DocumentIssued)).all())
    missing = world.folder / "no-such-folder" / "record.pdf"
    with pytest.raises(DocumentWriteError):
        world.service.produce(world.built.reference, kind="summary", out=missing)
    assert not missing.parent.exists()
    with world.store.sessions() as s:
        assert len(s.scalars(select(DocumentIssued)).all()) == before


def test_no_watermark_once_the_chair_has_approved(tmp_path: Path) -> None:
    store = open_test_store(tmp_path)
    built = build_conference(store.sessions, reference="CAR-2026-0200", approved=True, minutes_paragraphs=1)
    service = make_service(store.sessions)
    out = tmp_path / "approved.pdf"
    doc = service.produce(built.reference, kind="record", language="en", out=out)
    assert not doc.draft
    flat = pdftools.flat(out)
    assert "Approved by the chair on 10 March 2026" in flat and "Draft" not in flat
    assert pdftools.watermark_pixels(out) < 200
    with store.sessions() as s:
        row = s.get(DocumentIssued, doc.document_id)
        assert row is not None and row.draft is False
    store.engine.dispose()


def test_identical_data_gives_identical_files(world: World) -> None:
    a = world.service.produce(world.built.reference, kind="record", recipient=world.built.father_distribution_id)
    b = world.service.produce(world.built.reference, kind="record", recipient=world.built.father_distribution_id)
    assert a.sha256 == b.sha256 and a.document_id != b.document_id
