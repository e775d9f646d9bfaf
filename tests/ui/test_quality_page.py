"""The Quality page with real widgets offscreen: charts paint, a click opens the records, keyboard, Welsh."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtTest import QTest

from desktop.demo import generate_demo
from desktop.i18n import LanguageManager
from desktop.services.base import CurrentUser
from desktop.services.registry import Services, build_services
from desktop.services.settings import read_identity
from desktop.store.testing import open_test_store
from desktop.ui.charts import contrast_ratio, series_colours
from desktop.ui.quality_page import QualityPage, preset_period
from desktop.ui.tasks import TaskRunner
from sync.protocol.enums import Role
from sync.protocol.quality import Period

TODAY = dt.date(2026, 11, 27)


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> tuple[Any, CurrentUser]:
    store = open_test_store(tmp_path_factory.mktemp("quality_ui"))
    generate_demo(store, children=60, seed=3, today=TODAY)
    ident = read_identity(store.sessions)
    assert ident is not None
    return store, ident


def _page(qtbot: Any, demo: tuple[Any, CurrentUser], user: CurrentUser | None = None) -> tuple[QualityPage, Services]:
    store, ident = demo
    who = user or ident
    services = build_services(store.sessions, user=lambda: who, today=lambda: TODAY)
    page = QualityPage(services, runner=TaskRunner(immediate=True))
    qtbot.addWidget(page)
    page.resize(1300, 900)
    page.show()
    qtbot.waitExposed(page)
    page.refresh()
    return page, services


def test_presets() -> None:
    assert preset_period("last_quarter", TODAY) == Period(dt.date(2026, 7, 1), dt.date(2026, 9, 30))
    assert preset_period("last_quarter", dt.date(2026, 2, 3)) == Period(dt.date(2025, 10, 1), dt.date(2025, 12, 31))
    assert preset_period("last_12_months", TODAY) == Period(dt.date(2025, 12, 1), TODAY)


def test_a_chair_sees_their_own_figures_and_the_chart_paints(qtbot: Any, demo: tuple[Any, CurrentUser]) -> None:
    page, _ = _page(qtbot, demo)
    assert page.report is not None and page.report.scope.chair_user_id == demo[1].user_id
    assert not page.council_wide.isVisible()  # a chair only
    section = page.sections["multi_agency"]
    assert section.model.rowCount() == len(page.report.group("multi_agency"))
    chart = section.chart
    assert "Social services" in chart.accessibleDescription() and chart.accessibleName()
    image = chart.grab().toImage()
    rect = chart.segment_rect(0, 0)
    assert rect is not None and rect.width() > 5
    colour = QColor(image.pixel(int(rect.center().x()), int(rect.center().y())))
    assert colour == series_colours(dark=False)[0]


def test_series_colours_have_contrast_on_both_schemes() -> None:
    for dark, base in ((False, QColor("#ffffff")), (True, QColor("#1e1f22"))):
        assert all(contrast_ratio(c, base) >= 3.0 for c in series_colours(dark))


def test_clicking_a_bar_opens_the_records_behind_it(qtbot: Any, demo: tuple[Any, CurrentUser]) -> None:
    page, _ = _page(qtbot, demo)
    chart = page.sections["multi_agency"].chart
    page.scroll_area.ensureWidgetVisible(chart)
    rect = chart.segment_rect(0, 0)
    assert rect is not None
    QTest.mouseClick(chart, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, rect.center().toPoint())
    dialog = page.records_dialog
    assert dialog is not None
    measure = dialog.measure
    assert measure.code == "multi_agency.attendance" and measure.breakdown == "social_services"
    assert dialog.model.rowCount() == measure.count > 0
    opened: list[str] = []
    page.open_conference.connect(opened.append)
    QTest.keyClick(dialog.table, Qt.Key.Key_Return)
    assert opened == [dialog.model.row_at(0).id] if page.records_dialog is None else opened


def test_enter_on_a_figure_and_the_keyboard_order(qtbot: Any, demo: tuple[Any, CurrentUser]) -> None:
    page, _ = _page(qtbot, demo)
    order = [page.preset, page.start, page.end, page.council_wide, page.for_board, page.export_pdf, page.export_csv]
    order += [w for s in page.sections.values() for w in (s.chart, s.table)]
    visible = [w for w in order if w.isVisible()]
    visible[0].setFocus()
    seen = [visible[0]]
    for _ in visible[1:]:
        page.focusNextChild()
        seen.append(page.focusWidget())  # type: ignore[arg-type]
    # Date edits hold Tab on their sections; compare the widgets that take focus as a whole.
    assert [w for w in seen if w in visible][-4:] == visible[-4:]
    table = page.sections["decisions"].table
    table.setFocus()
    table.selectRow(0)
    QTest.keyClick(table, Qt.Key.Key_Return)
    assert page.records_dialog is not None and page.records_dialog.measure.code == "decisions.registrations"


def test_for_a_board_suppresses_and_says_so(qtbot: Any, demo: tuple[Any, CurrentUser], tmp_path: Path) -> None:
    admin = CurrentUser(demo[1].user_id, "Gweinyddwr", Role.ADMINISTRATOR)
    page, _ = _page(qtbot, demo, admin)
    assert page.council_wide.isVisible()
    page.council_wide.setChecked(True)
    assert page.report is not None and page.report.scope.chair_user_id is None
    page.for_board.setChecked(True)
    assert page.report.suppressed and page.board_note.isVisible()
    # Counts only: a statistic (the median of co-ordinator changes) is a value, not a count.
    texts = {page.sections[g].model.index(r, 1).data() for g in page.sections for r in
             range(page.sections[g].model.rowCount()) if page.sections[g].model.row_at(r).value is None}  # fmt: skip
    assert "fewer than 5" in texts and not texts & {"1", "2", "3", "4"}
    page.show_records(page.report.measures[0])
    assert page.records_dialog is None and "names no record" in page.status.text()
    out = tmp_path / "board.csv"
    page.export_to(out)
    assert "fewer than 5" in out.read_text(encoding="utf-8") and out.stat().st_mode & 0o777 == 0o600
    pdf = tmp_path / "board.pdf"
    page.export_to(pdf)
    assert pdf.read_bytes().startswith(b"%PDF")


def test_welsh_strings(qtbot: Any, demo: tuple[Any, CurrentUser], qapp: Any) -> None:
    lang = LanguageManager(qapp)
    lang.set_language("cy")
    try:
        page, _ = _page(qtbot, demo)
        page.retranslate_ui()
        assert page.sections["timeliness"].heading.text() == "Amseroldeb"
        assert page.for_board.text() == "Ar gyfer &bwrdd (llai na 5)"
        assert page.preset.itemText(1) == "Y 12 mis diwethaf"
        assert "Siart bar" in page.sections["voice"].chart.accessibleDescription()
    finally:
        lang.set_language("en")


def test_the_page_through_a_threaded_runner_and_lock(qtbot: Any, demo: tuple[Any, CurrentUser]) -> None:
    store, ident = demo
    services = build_services(store.sessions, user=lambda: ident, today=lambda: TODAY)
    page = QualityPage(services)
    qtbot.addWidget(page)
    with qtbot.waitSignal(page.filled, timeout=20000):
        page.refresh()
    assert page.report is not None
    page.clear_content()
    assert page.report is None and page.sections["voice"].model.rowCount() == 0
