"""The Welsh document catalogue is complete, well formed and used for every printed word."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

from desktop.catalog import load_catalog, placeholders
from desktop.documents import strings as S  # noqa: N812
from desktop.documents.render import Words, format_date
from desktop.resources import translations_dir

TS = translations_dir() / "documents_cy.ts"
ROOT = Path(__file__).resolve().parents[3]


def _messages() -> list[tuple[str, str, ET.Element | None]]:
    root = ET.parse(TS).getroot()
    out = []
    for ctx in root.iter("context"):
        name = ctx.findtext("name", default="")
        for msg in ctx.iter("message"):
            out.append((name, msg.findtext("source", default=""), msg.find("translation")))
    return out


def test_every_document_string_has_a_finished_welsh_translation() -> None:
    finished = {(c, s) for c, s, t in _messages() if t is not None and t.get("type") is None and (t.text or "")}
    missing = [s for s in S.all_sources() if (S.CONTEXT, s) not in finished]
    assert missing == []
    assert len(S.all_sources()) > 200


def test_no_message_is_unfinished_and_placeholders_match() -> None:
    bad = []
    for ctx, source, tr in _messages():
        if tr is None or tr.get("type") in {"unfinished", "obsolete", "vanished"} or not (tr.text or "").strip():
            bad.append((ctx, source, "unfinished"))
        elif placeholders(tr.text or "") != placeholders(source):
            bad.append((ctx, source, "placeholders"))
    assert bad == []


def test_welsh_is_not_a_copy_of_the_english() -> None:
    # Names and codes may stay the same; anything else left in English is a missed translation.
    allowed_same = {"CAFCASS Cymru"}
    same = [s for c, s, t in _messages() if c == S.CONTEXT and t is not None and t.text == s and s not in allowed_same]
    assert same == []


def test_the_catalogue_reader_gives_welsh_and_english() -> None:
    cy, en = load_catalog("cy"), load_catalog("en")
    assert cy.tr(S.CONTEXT, S.MARKING) == "SWYDDOGOL-SENSITIF"
    assert cy.tr(S.CONTEXT, S.PAGE_X_OF_Y, 2, 7) == "Tudalen 2 o 7"
    assert cy.tr(S.CONTEXT, S.H_ATTENDANCE) == "Presenoldeb"
    assert cy.tr(S.CONTEXT, S.CATEGORIES["neglect"]) == "Esgeulustod"
    assert en.tr(S.CONTEXT, S.PAGE_X_OF_Y, 2, 7) == "Page 2 of 7"


def test_dates_follow_the_document_language() -> None:
    day = dt.date(2026, 3, 5)
    assert format_date(day, "cy") == "5 Mawrth 2026"
    assert format_date(day, "en") == "5 March 2026"
    months = [format_date(dt.date(2026, m, 1), "cy").split()[1] for m in range(1, 13)]
    assert months == [
        "Ionawr",
        "Chwefror",
        "Mawrth",
        "Ebrill",
        "Mai",
        "Mehefin",
        "Gorffennaf",
        "Awst",
        "Medi",
        "Hydref",
        "Tachwedd",
        "Rhagfyr",
    ]
    assert format_date(None, "cy") == "I'w drefnu"


def test_labels_fall_back_to_the_code_for_an_unknown_value() -> None:
    w = Words("cy")
    assert w.label(S.OUTCOMES, "decision_2_registered") == "Wedi'i gofrestru (penderfyniad 2)"
    assert w.label(S.OUTCOMES, "something_new") == "something_new"
    assert w.labels(S.CATEGORIES, []) == "Dim"
    assert Words("other").language == "en"


def test_catalogue_matches_what_lupdate_finds_in_the_source(tmp_path: Path) -> None:
    """Drift check: every string marked in the documents code and dialog is in documents_cy.ts, and no more."""
    lupdate = Path(sys.executable).with_name("pyside6-lupdate")
    out = tmp_path / "fresh.ts"
    sources = [ROOT / "desktop/documents/strings.py", ROOT / "desktop/ui/documents/dialog.py"]
    subprocess.run([str(lupdate), "-silent", *map(str, sources), "-ts", str(out)], check=True, capture_output=True)

    def keys(path: Path) -> set[tuple[str, str]]:
        root = ET.parse(path).getroot()
        return {
            (ctx.findtext("name", default=""), msg.findtext("source", default=""))
            for ctx in root.iter("context")
            for msg in ctx.iter("message")
        }

    fresh = keys(out)
    assert len(fresh) > 250
    assert fresh == keys(TS)
