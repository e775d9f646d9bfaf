"""The board PDF of the quality report: its text as a reader extracts it (pdftotext), in both languages."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from desktop.demo import generate_demo
from desktop.documents.quality import chart_spec, quality_report_pdf, render_quality_report
from desktop.quality_labels import QualityWords
from desktop.services.base import CurrentUser, ServiceContext
from desktop.services.quality import QualityService
from desktop.store.testing import open_test_store
from sync.protocol.enums import Role
from sync.protocol.quality import SUPPRESSED, Period, QualityReport, suppress
from tests.unit.documents import pdftools

TODAY = dt.date(2026, 11, 27)
YEAR = Period(dt.date(2025, 12, 1), dt.date(2026, 11, 30))


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> QualityReport:
    store = open_test_store(tmp_path_factory.mktemp("quality_pdf"))
    generate_demo(store, children=80, seed=7, today=TODAY)
    admin = CurrentUser("admin", "Gweinyddwr", Role.ADMINISTRATOR)
    service = QualityService(ServiceContext(store.sessions, user=lambda: admin, today=lambda: TODAY))
    return service.report(YEAR, user=admin, council_wide=True)


def test_the_pdf_names_the_period_council_date_and_definitions(report: QualityReport, tmp_path: Path) -> None:
    path = render_quality_report(report, "en", tmp_path / "q.pdf", council_name="Carmarthenshire County Council")
    assert path.stat().st_mode & 0o777 == 0o600
    text = pdftools.flat(path)
    assert "Quality of child protection conferences and the register" in text
    assert "Carmarthenshire County Council" in text
    assert "1 December 2025 to 30 November 2026" in text
    assert "Date produced 27 November 2026" in text
    assert "Definitions" in text and "Working days leave out weekends" in text
    assert "Exact counts, not suppressed" in text and "fewer than 5" not in text
    icpc = report.get("timeliness.icpc_held.on_time")
    assert icpc is not None
    assert f"strategy discussion: on time {icpc.count} {icpc.denominator}" in text
    assert "OFFICIAL-SENSITIVE" in text and "Page 1 of" in text
    assert [f["emb"] for f in pdftools.fonts(path) if "DejaVu" in f["name"]] == ["yes", "yes"]


def test_a_board_pdf_says_fewer_than_5_and_names_no_child(report: QualityReport, tmp_path: Path) -> None:
    board = suppress(report)
    small = [m for m in board.measures if m.count == SUPPRESSED]
    assert small, "the fixture has small counts to suppress"
    path = tmp_path / "board.pdf"
    path.write_bytes(quality_report_pdf(board, "en", council_name="Carmarthenshire"))
    text = pdftools.flat(path)
    assert "Small numbers are suppressed" in text and "fewer than 5" in text
    assert "Bars of suppressed counts (fewer than 5) are not drawn." in text


def test_the_welsh_pdf_is_in_welsh(report: QualityReport, tmp_path: Path) -> None:
    path = render_quality_report(suppress(report), "cy", tmp_path / "cy.pdf", council_name="Cyngor Sir Gâr")
    text = pdftools.flat(path)
    assert "Ansawdd cynadleddau amddiffyn plant a'r gofrestr" in text
    assert "1 Rhagfyr 2025 i 30 Tachwedd 2026" in text
    assert "Cyngor Sir Gâr" in text and "llai na 5" in text
    assert "Quality of child protection" not in text and "fewer than 5" not in text


def test_the_chart_of_each_group_holds_the_report_figures(report: QualityReport) -> None:
    words = QualityWords("en")
    spec = chart_spec(report, "timeliness", words, lambda m: m)
    assert spec.stacked and len(spec.series) == 3 and len(spec.categories) == 7
    assert spec.cells[0][0] is report.get("timeliness.icpc_held.on_time")
    months = chart_spec(report, "decisions", words, lambda m: m)
    assert not months.horizontal and months.categories[0] == "2025-12" and len(months.categories) == 12
    agencies = chart_spec(report, "multi_agency", words, lambda m: m)
    assert agencies.categories[:2] == ("Social services", "Police")


def test_the_same_report_gives_the_same_bytes(report: QualityReport) -> None:
    assert quality_report_pdf(report, "en") == quality_report_pdf(report, "en")
