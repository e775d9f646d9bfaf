"""The quality words: every code and breakdown a report can hold has a label, in Welsh too."""

from __future__ import annotations

import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

from desktop.catalog import parse_ts
from desktop.quality_labels import BREAKDOWN_LABELS, CONTEXT, QualityWords
from desktop.resources import translations_dir
from sync.protocol.quality import SUPPRESSED, compute
from tests.unit.quality.test_measures import FACTS, PERIOD, TODAY

ROOT = Path(__file__).resolve().parents[3]
TS = translations_dir() / "quality_cy.ts"


def _keys(path: Path) -> set[tuple[str, str]]:
    root = ET.parse(path).getroot()
    return {
        (ctx.findtext("name", default=""), msg.findtext("source", default=""))
        for ctx in root.iter("context")
        for msg in ctx.iter("message")
    }


def test_catalogue_matches_what_lupdate_finds(tmp_path: Path) -> None:
    lupdate = Path(sys.executable).with_name("pyside6-lupdate")
    fresh = tmp_path / "fresh.ts"
    source = ROOT / "desktop" / "quality_labels.py"
    subprocess.run([str(lupdate), "-silent", str(source), "-ts", str(fresh)], check=True, capture_output=True)
    assert len(_keys(fresh)) > 80
    assert _keys(fresh) == _keys(TS)


def test_every_message_is_translated() -> None:
    finished = parse_ts(TS)
    assert {key for key in _keys(TS) if key not in finished} == set()
    assert all(context == CONTEXT for context, _ in finished)


def test_every_code_and_breakdown_of_a_report_has_a_label() -> None:
    report = compute(FACTS, PERIOD, today=TODAY)
    for language in ("en", "cy"):
        words = QualityWords(language)
        for m in report.measures:
            assert words.measure(m.code) != m.code, (language, m.code)
            if m.breakdown is not None and not m.breakdown[:4].isdigit():  # months print as they are
                assert m.breakdown in BREAKDOWN_LABELS, m.breakdown
                assert words.breakdown(m.breakdown) != m.breakdown or m.breakdown.isdigit(), m.breakdown
            assert words.group(m.group) != m.group


def test_counts_print_fewer_than_5_when_suppressed() -> None:
    assert QualityWords("cy").count(SUPPRESSED) == "llai na 5"
    assert QualityWords("en").count(SUPPRESSED) == "fewer than 5"
    assert QualityWords("en").count(0) == "0" and QualityWords("en").count(None) == ""
    assert QualityWords("en").measure("voice.new_measure") == "voice.new_measure"
