"""The renderers, from the document model alone: page furniture, fonts, Welsh text, determinism."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import pytest

from desktop.documents.model import (
    ActionInfo,
    AttendeeInfo,
    ChildInfo,
    ConferenceDocumentData,
    DecisionInfo,
    DocumentKind,
    DocumentMeta,
    MinutesBlock,
    PlanInfo,
    RecipientInfo,
    RegisterChange,
    RegisterChangeKind,
    ViewInfo,
)
from desktop.documents.render import page_count, render
from tests.unit.documents import pdftools

WELSH = "Mae'r teulu wedi symud i dŷ newydd; mae'r ŵyr hŷn yn hapus â'r ysgol."


def _data(
    kind: DocumentKind = DocumentKind.RECORD, *, language: str = "en", draft: bool = True
) -> ConferenceDocumentData:
    return ConferenceDocumentData(
        meta=DocumentMeta("CAR-2026-0007", kind, language, 4, draft),
        council_name="Cyngor Gwynedd",
        conference_type="review",
        held_on=dt.date(2026, 5, 14),
        chair_name="Siân Ŵyn",
        children=(ChildInfo("c1", "Dŷlan Llŷr", dt.date(2016, 2, 1)),),
        attendance=(AttendeeInfo("a1", "Mair Llŷr", "practitioner", "present_in_person", "", "health"),),
        minutes=(MinutesBlock("discussion", WELSH),),
        decisions=(
            DecisionInfo(
                "c1",
                "Dŷlan Llŷr",
                "remain_category_changed",
                ("neglect",),
                "Rhesymeg <gyda> & nodau arbennig",
                coordinator_name="Rhys Dafydd",
                views=(ViewInfo("Mair Llŷr", "health", "stay_registered", ("neglect",), "Pryder"),),
            ),
        ),
        plans=(PlanInfo("c1", "Dŷlan Llŷr", risks="Risg", actions=(ActionInfo("Ymweld", "Mair", "health", None),)),),
        next_review_on=dt.date(2026, 11, 13),
        register_changes=(
            RegisterChange(
                "Dŷlan Llŷr",
                dt.date(2016, 2, 1),
                RegisterChangeKind.CATEGORIES_CHANGED,
                dt.date(2026, 5, 14),
                ("neglect",),
                ("physical",),
            ),
        ),
        recipient=RecipientInfo("Catrin Llŷr", language, "1 Stryd Fawr\nCaernarfon", is_family=True),
        approved_on=None if draft else dt.date(2026, 5, 20),
    )


def _write(tmp_path: Path, data: ConferenceDocumentData, name: str = "doc.pdf") -> Path:
    path = tmp_path / name
    path.write_bytes(render(data))
    return path


@pytest.mark.parametrize("kind", list(DocumentKind))
def test_every_kind_has_marking_reference_page_numbers_and_embedded_fonts(tmp_path: Path, kind: DocumentKind) -> None:
    pdf = _write(tmp_path, _data(kind))
    pages = pdftools.pages(pdf)
    assert pages
    for n, page in enumerate(pages, start=1):
        assert page.count("OFFICIAL-SENSITIVE") == 2  # top and bottom
        assert "CAR-2026-0007" in page
        assert f"Page {n} of {len(pages)}" in page
        assert "Version 4" in page
    fonts = pdftools.fonts(pdf)
    assert fonts and all(f["emb"] == "yes" for f in fonts)
    assert not any("Helvetica" in f["name"] for f in fonts)
    assert all("DejaVuSans" in f["name"] for f in fonts)


def test_welsh_letters_survive_in_text_and_fonts(tmp_path: Path) -> None:
    pdf = _write(tmp_path, _data(language="cy"))
    out = pdftools.flat(pdf)
    assert "dŷ newydd" in out and "ŵyr hŷn" in out and "â'r ysgol" in out
    assert "Dŷlan Llŷr" in out
    assert "Rhesymeg <gyda> & nodau arbennig" in out  # user text is escaped, not parsed as markup
    assert "SWYDDOGOL-SENSITIF" in out and "Tudalen 1 o" in out
    assert "OFFICIAL-SENSITIVE" not in out


def test_same_data_gives_byte_identical_pdfs() -> None:
    a = render(_data(DocumentKind.RECORD, language="cy"))
    b = render(_data(DocumentKind.RECORD, language="cy"))
    assert a == b
    c = render(_data(DocumentKind.RECORD, language="en"))
    assert c != a


def test_draft_watermark_until_approved(tmp_path: Path) -> None:
    draft = _write(tmp_path, _data(draft=True), "draft.pdf")
    final = _write(tmp_path, _data(draft=False), "final.pdf")
    assert pdftools.watermark_pixels(draft) > 1000
    assert pdftools.watermark_pixels(final) < 200
    assert "Draft: not yet approved by the chair" in pdftools.text(draft)
    final_text = pdftools.text(final)
    assert "Approved by the chair on 20 May 2026" in final_text and "Draft" not in final_text
    # The raw text of the draft's first page holds the watermark letters one by one.
    assert "".join(line for line in pdftools.text(draft, raw=True).splitlines()[:5]) == "DRAFT"


def test_long_minutes_flow_across_pages(tmp_path: Path) -> None:
    long_text = "\n\n".join(f"Paragraff {i}: {WELSH}" for i in range(400))
    data = dataclasses.replace(_data(), minutes=(MinutesBlock("discussion", long_text),))
    pdf_bytes = render(data)
    assert page_count(pdf_bytes) >= 6
    path = tmp_path / "long.pdf"
    path.write_bytes(pdf_bytes)
    out = pdftools.text(path)
    assert "Paragraff 0:" in out and "Paragraff 399:" in out


def test_withheld_block_prints_only_the_notice(tmp_path: Path) -> None:
    data = dataclasses.replace(
        _data(language="cy"),
        meta=dataclasses.replace(_data().meta, language="cy", partial=True),
        minutes=(MinutesBlock("discussion", WELSH), MinutesBlock("information_shared", "", withheld=True)),
    )
    out = pdftools.flat(_write(tmp_path, data))
    assert "Mae rhan o'r cofnod hwn wedi'i hatal o'r copi hwn" in out
    assert "[Mae rhan o'r cofnod wedi'i hatal o'r copi hwn.]" in out
    assert "Copi rhannol" in out


def test_letter_is_plain_words_and_addressed(tmp_path: Path) -> None:
    out = pdftools.flat(_write(tmp_path, _data(DocumentKind.LETTER, language="cy")))
    assert "Annwyl Catrin Llŷr," in out
    assert "1 Stryd Fawr" in out
    assert "y bydd enw Dŷlan Llŷr yn aros ar y Gofrestr Amddiffyn Plant" in out
    assert "Mae'r pryderon yn ymwneud â: esgeulustod." in out
    assert "Rhys Dafydd yw'r gweithiwr cymdeithasol" in out
    assert "10 diwrnod gwaith" in out and "gwyno" in out
    assert "13 Tachwedd 2026" in out


def test_notice_lists_the_change_with_previous_categories(tmp_path: Path) -> None:
    out = pdftools.flat(_write(tmp_path, _data(DocumentKind.NOTICE)))
    assert "Child Protection Register change notice" in out
    assert "Categories changed" in out
    assert "Neglect" in out and "Physical abuse" in out


def test_page_count_counts_pages() -> None:
    assert page_count(render(_data(DocumentKind.NOTICE))) == 1


@pytest.mark.parametrize(
    ("language", "words"),
    [("en", "Excluded from part, including the decision"), ("cy", "gan gynnwys y penderfyniad")],
)
def test_record_says_when_an_exclusion_covered_the_decision(tmp_path: Path, language: str, words: str) -> None:
    data = _data(language=language)
    people = (
        AttendeeInfo("a2", "Tomos Evans", "practitioner", "excluded_part", "", "police", "Evidence", True),
        AttendeeInfo("a3", "Ceri Jenkins", "practitioner", "excluded_part", "", "education", "Evidence"),
    )
    text = pdftools.flat(_write(tmp_path, dataclasses.replace(data, attendance=data.attendance + people)))
    assert text.count(words) == 1  # only the one whose exclusion covered the decision
