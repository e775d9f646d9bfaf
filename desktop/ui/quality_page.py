"""The Quality page (issue 13): the quality picture of conferences and the register, with charts.

A period picker (from, to; presets "last quarter" and "last 12 months"), "the whole council" for a
register custodian or an administrator (a chair sees the conferences they chair), and "for a
board", which suppresses counts of 1 to 4 ("fewer than 5"), names no child and says so on the page.
The report is computed by :class:`desktop.services.quality.QualityService` off the GUI thread
(``TaskRunner``'s database lane) while a busy bar shows; a newer request makes an older answer moot.

Each measure group gets its heading, its definition, a chart (:mod:`desktop.ui.charts`) where people
would rather look than read, and the table of every figure beside it. A click on a bar, or Enter on
a table row, opens the list of the conferences, children or decisions behind the figure; Enter on a
conference in that list opens it. Export writes the figures shown as a board PDF
(:mod:`desktop.documents.quality`) or CSV, on the general pool, in the interface language.

Measure words come from :mod:`desktop.quality_labels` through Qt's translators (``quality_cy.qm``),
so a language switch relabels everything at once; the page's own words are in ``cofnod_cy.ts``.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QDate, QLocale, QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QScrollArea,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.catalog import QT_TRANSLATE_NOOP, Catalog
from desktop.quality_labels import QualityWords
from desktop.services.quality import QualityRecord, QualityService
from desktop.services.registry import Services
from desktop.ui import messages
from desktop.ui.charts import SUPPRESSED, BarChart, Category, ChartData, Segment
from desktop.ui.labels import label
from desktop.ui.models import Column, DtoTableModel, fmt_date
from desktop.ui.tasks import TaskRunner
from desktop.ui.widgets import buddy, fit_columns
from desktop.ui.workspace import _a11y, _button, _check, _label, _retranslate_labels
from sync.protocol.quality import GROUPS, Measure, Period, QualityReport

logger = logging.getLogger(__name__)

PRESETS = (
    ("last_quarter", QT_TRANSLATE_NOOP("Workspace", "Last quarter")),
    ("last_12_months", QT_TRANSLATE_NOOP("Workspace", "Last 12 months")),
    ("custom", QT_TRANSLATE_NOOP("Workspace", "Dates chosen")),
)

#: Pause after the last change of the period before the figures are counted again.
REFRESH_DEBOUNCE_MS = 250


def _tr(text: str) -> str:
    return QCoreApplication.translate("Workspace", text)


class _QtCatalog(Catalog):
    """The quality words through Qt's translators, so they follow a live language switch."""

    def __init__(self) -> None:
        super().__init__("qt", {})

    def tr(self, context: str, source: str, *args: object) -> str:
        text = QCoreApplication.translate(context, source)
        for i, arg in enumerate(args, start=1):
            text = text.replace(f"%{i}", str(arg))
        return text


WORDS = QualityWords("en", _QtCatalog())
"""The measure words in the interface language (Qt's translators decide the language)."""


def preset_period(preset: str, today: dt.date) -> Period:
    """The period a preset stands for: the last whole calendar quarter, or the 12 months to today."""
    if preset == "last_quarter":
        first_month = ((today.month - 1) // 3) * 3 + 1  # this quarter's first month
        end = dt.date(today.year, first_month, 1) - dt.timedelta(days=1)
        start = dt.date(end.year, end.month - 2, 1)
        return Period(start, end)
    month, year = today.month + 1, today.year - 1  # the first day of the month, eleven months back
    if month == 13:
        month, year = 1, year + 1
    return Period(dt.date(year, month, 1), today)


def month_label(breakdown: str | None) -> str:
    """``2026-03`` as the interface language's short month and year ("Mar 2026", "Maw 2026")."""
    from desktop.documents.quality import is_month  # the PDF's module: loaded when a page is first drawn

    if breakdown is None or not is_month(breakdown):
        return WORDS.breakdown(breakdown)
    year, month = int(breakdown[:4]), int(breakdown[5:])
    return QLocale().toString(QDate(year, month, 1), "MMM yyyy")


def slice_label(m: Measure) -> str:
    """The figure's slice: an agency, a category, a month ("" for none)."""
    if m.breakdown is None:
        return ""
    from desktop.documents.quality import is_month

    return month_label(m.breakdown) if is_month(m.breakdown) else WORDS.breakdown(m.breakdown)


def figure_label(m: Measure) -> str:
    """What a figure counts, with its slice ("Registrations — Neglect")."""
    name = WORDS.measure(m.code)
    return f"{name} — {slice_label(m)}" if m.breakdown is not None else name


def count_text(m: Measure) -> str:
    """The figure as printed: a statistic's value, "fewer than 5" when suppressed, else the count."""
    if m.value is not None:
        return f"{m.value:g}"
    return WORDS.count(m.count)


def out_of_text(m: Measure) -> str:
    """What the figure is out of (for a statistic, how many records it was computed over)."""
    return WORDS.count(m.count) if m.value is not None else WORDS.count(m.denominator)


def share_text(m: Measure) -> str:
    """The share as a whole percentage, where both numbers are known."""
    if m.value is not None or m.denominator is None or m.denominator <= 0 or m.count < 0:
        return ""
    return QLocale().toString(round(100 * m.count / m.denominator)) + "%"


FIGURE_COLUMNS = (
    Column(QT_TRANSLATE_NOOP("Columns", "Figure"), figure_label),
    Column(QT_TRANSLATE_NOOP("Columns", "Count"), count_text),
    Column(QT_TRANSLATE_NOOP("Columns", "Out of"), out_of_text),
    Column(QT_TRANSLATE_NOOP("Columns", "Share"), share_text),
)


def _late(r: QualityRecord) -> str:
    return "" if r.late_working_days is None else QLocale().toString(r.late_working_days)


RECORD_COLUMNS = (
    Column(QT_TRANSLATE_NOOP("Columns", "Reference"), lambda r: r.reference),
    Column(QT_TRANSLATE_NOOP("Columns", "Child"), lambda r: r.name),
    Column(QT_TRANSLATE_NOOP("Columns", "Date"), lambda r: fmt_date(r.on)),
    Column(QT_TRANSLATE_NOOP("Columns", "Type or outcome"), lambda r: label(r.code) if r.code else ""),
    Column(QT_TRANSLATE_NOOP("Columns", "Working days late"), _late),
)


# ---- charts per group ---------------------------------------------------------------------------


def _segment(m: Measure | None) -> Segment | None:
    return None if m is None else Segment(m.count, m)


def _suppressed() -> str:
    return WORDS.count(SUPPRESSED)


def chart_data(report: QualityReport, group: str) -> ChartData:
    """The chart of a group, as the board PDF draws it (:func:`desktop.documents.quality.chart_spec`)."""
    from desktop.documents.quality import chart_spec

    spec = chart_spec(report, group, WORDS, month_label)
    cats = tuple(
        Category(name, tuple(_segment(m) for m in row)) for name, row in zip(spec.categories, spec.cells, strict=True)
    )
    return ChartData(_tr(TITLES[group]), spec.series, cats, stacked=spec.stacked, horizontal=spec.horizontal,
                     suppressed_text=_suppressed())  # fmt: skip


TITLES = {
    "timeliness": QT_TRANSLATE_NOOP("Workspace", "Timescales met on time and late"),
    "voice": QT_TRANSLATE_NOOP("Workspace", "How the child's voice was heard"),
    "multi_agency": QT_TRANSLATE_NOOP("Workspace", "Conferences attended, by agency"),
    "decisions": QT_TRANSLATE_NOOP("Workspace", "Registrations and removals by month"),
    "continuity": QT_TRANSLATE_NOOP("Workspace", "Children by number of co-ordinator changes"),
    "register_now": QT_TRANSLATE_NOOP("Workspace", "Children on the register by category"),
}

# ---- widgets ------------------------------------------------------------------------------------


class FigureTable(QTableView):
    """A group's figures; Enter or a double-click opens the records behind the current one."""

    # ---- Signals
    figure_activated = Signal(object)
    """The :class:`Measure` of the row activated."""

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentIndex().isValid():
            self._emit(self.currentIndex())
            return
        super().keyPressEvent(event)

    def _emit(self, index: QModelIndex) -> None:
        model = self.model()
        if isinstance(model, DtoTableModel) and 0 <= index.row() < model.rowCount():
            self.figure_activated.emit(model.row_at(index.row()))


class GroupSection(QWidget):
    """One measure group: heading, definition, chart and the table of its figures."""

    def __init__(self, group: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.group = group
        self.setObjectName(f"quality_{group}")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.heading = QLabel(self)
        self.heading.setObjectName(f"quality_{group}_heading")
        font = self.heading.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.15)
        self.heading.setFont(font)
        self.definition = QLabel(self)
        self.definition.setObjectName(f"quality_{group}_definition")
        self.definition.setWordWrap(True)
        layout.addWidget(self.heading)
        layout.addWidget(self.definition)
        row = QHBoxLayout()
        self.chart = BarChart(self)
        self.chart.setObjectName(f"quality_{group}_chart")
        self.model = DtoTableModel(FIGURE_COLUMNS, self)
        self.table = FigureTable(self)
        self.table.setObjectName(f"quality_{group}_table")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.setTabKeyNavigation(False)
        self.table.doubleClicked.connect(self.table._emit)
        fit_columns(self.table, stretch=0)
        self.table.setMinimumHeight(self.table.fontMetrics().height() * 10)
        row.addWidget(self.chart, 1)
        row.addWidget(self.table, 1)
        layout.addLayout(row)
        self.heading.setBuddy(self.table)

    def show_report(self, report: QualityReport | None) -> None:
        """Fill the chart and the table (None: empty)."""
        measures = report.group(self.group) if report is not None else ()
        self.model.set_rows(measures)
        if report is not None:
            self.chart.set_data(chart_data(report, self.group))
        else:
            self.chart.set_data(ChartData("", (), ()))
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.heading.setText(WORDS.group(self.group))
        self.definition.setText(WORDS.definition(self.group))
        name = QCoreApplication.translate("Workspace", "Figures: %1").replace("%1", WORDS.group(self.group))
        self.table.setAccessibleName(name)
        self.model.retranslate()


class RecordsDialog(QDialog):
    """The conferences, children or decisions behind one figure; Enter on a conference opens it."""

    # ---- Signals
    open_conference = Signal(str)

    def __init__(self, measure: Measure, records: Sequence[QualityRecord], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("quality_records")
        self.measure = measure
        self.setWindowTitle(figure_label(measure))
        layout = QVBoxLayout(self)
        self.summary = QLabel(self)
        self.summary.setObjectName("quality_records_summary")
        self.summary.setWordWrap(True)
        self.summary.setText(
            QCoreApplication.translate("Workspace", "%1: %2 records")
            .replace("%1", figure_label(measure))
            .replace("%2", QLocale().toString(len(records)))
        )
        self.model = DtoTableModel(RECORD_COLUMNS, self)
        self.model.set_rows(records)
        self.table = FigureTable(self)
        _a11y(self.table, QT_TRANSLATE_NOOP("Workspace", "Records behind the figure"), "quality_records_table")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.setTabKeyNavigation(False)
        fit_columns(self.table, stretch=1)
        self.table.doubleClicked.connect(self.table._emit)
        self.table.figure_activated.connect(self._open)
        hide = measure.record_kind == "conference"
        self.table.setColumnHidden(1, hide)  # a conference row names no child
        self.table.setColumnHidden(4, measure.late_working_days == ())
        close = _button(self, QT_TRANSLATE_NOOP("Workspace", "&Close"), self.close, "quality_records_close")
        layout.addWidget(self.summary)
        layout.addWidget(buddy(self.summary, self.table))
        layout.addWidget(self.table, 1)
        layout.addWidget(close, 0, Qt.AlignmentFlag.AlignRight)
        if records:
            self.table.selectRow(0)
        self.resize(760, 480)

    def _open(self, record: object) -> None:
        if isinstance(record, QualityRecord) and record.kind == "conference":
            self.open_conference.emit(record.id)
            self.close()


class QualityPage(QWidget):
    """The quality picture: period, scope, board suppression, charts and figures, export."""

    # ---- Signals
    open_conference = Signal(str)
    """A conference from the list behind a figure is to be opened."""
    filled = Signal()
    """The figures on the page are those of the current choices."""
    exported = Signal(str)
    """A PDF or CSV was written (its path)."""

    def __init__(self, services: Services, parent: QWidget | None = None, *, runner: TaskRunner | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("page_quality")
        self._s = services
        self.quality = QualityService(services.ctx)
        self.runner = runner if runner is not None else TaskRunner(self)
        self.language = "en"
        self.report: QualityReport | None = None
        self.records_dialog: RecordsDialog | None = None
        self._generation = 0
        self._period_chosen = False
        self._build()
        self._connect_signals()
        self.retranslate_ui()

    # ---- building

    def _build(self) -> None:
        outer = QVBoxLayout(self)
        bar = QHBoxLayout()
        self.preset = QComboBox(self)
        _a11y(self.preset, QT_TRANSLATE_NOOP("Workspace", "Period"), "quality_preset")
        for code, _source in PRESETS:
            self.preset.addItem("", code)
        self.start = QDateEdit(self)
        _a11y(self.start, QT_TRANSLATE_NOOP("Workspace", "From"), "quality_from")
        self.end = QDateEdit(self)
        _a11y(self.end, QT_TRANSLATE_NOOP("Workspace", "To"), "quality_to")
        for edit in (self.start, self.end):
            edit.setCalendarPopup(True)
            fmt = edit.displayFormat()
            if "yyyy" not in fmt:
                edit.setDisplayFormat(fmt.replace("yy", "yyyy"))
        bar.addWidget(buddy(_label(self, QT_TRANSLATE_NOOP("Workspace", "&Period:")), self.preset))
        bar.addWidget(self.preset)
        bar.addWidget(buddy(_label(self, QT_TRANSLATE_NOOP("Workspace", "F&rom:")), self.start))
        bar.addWidget(self.start)
        bar.addWidget(buddy(_label(self, QT_TRANSLATE_NOOP("Workspace", "&To:")), self.end))
        bar.addWidget(self.end)
        bar.addStretch(1)
        outer.addLayout(bar)
        options = QHBoxLayout()
        self.council_wide = _check(self, QT_TRANSLATE_NOOP("Workspace", "The &whole council"), "quality_council_wide")
        self.for_board = _check(self, QT_TRANSLATE_NOOP("Workspace", "For a &board (fewer than 5)"),
                                "quality_for_board")  # fmt: skip
        self.export_pdf = _button(self, QT_TRANSLATE_NOOP("Workspace", "Export &PDF…"), lambda: self.export("pdf"),
                                  "quality_export_pdf")  # fmt: skip
        self.export_csv = _button(self, QT_TRANSLATE_NOOP("Workspace", "Export &CSV…"), lambda: self.export("csv"),
                                  "quality_export_csv")  # fmt: skip
        options.addWidget(self.council_wide)
        options.addWidget(self.for_board)
        options.addStretch(1)
        options.addWidget(self.export_pdf)
        options.addWidget(self.export_csv)
        outer.addLayout(options)
        status = QHBoxLayout()
        self.progress = QProgressBar(self)
        self.progress.setObjectName("quality_progress")
        self.progress.setRange(0, 0)  # busy: the service reports no steps
        self.progress.setMaximumWidth(self.fontMetrics().averageCharWidth() * 24)
        self.progress.setVisible(False)
        self.status = QLabel(self)
        self.status.setObjectName("quality_status")
        self.status.setWordWrap(True)
        status.addWidget(self.progress)
        status.addWidget(self.status, 1)
        outer.addLayout(status)
        self.board_note = _label(self, QT_TRANSLATE_NOOP(
            "Workspace",
            "For a board: counts from 1 to 4 show as \u201cfewer than 5\u201d, no child is named and the lists "
            "behind the figures are not shown. The PDF and CSV say the same.",
        ))  # fmt: skip
        self.board_note.setObjectName("quality_board_note")
        self.board_note.setWordWrap(True)
        self.board_note.setVisible(False)
        outer.addWidget(self.board_note)
        self.scroll_area = QScrollArea(self)
        self.scroll_area.setObjectName("quality_scroll")
        self.scroll_area.setWidgetResizable(True)
        content = QWidget(self.scroll_area)
        column = QVBoxLayout(content)
        self.sections = {g: GroupSection(g, content) for g in GROUPS}
        for section in self.sections.values():
            column.addWidget(section)
            section.chart.segment_activated.connect(self.show_records)
            section.table.figure_activated.connect(self.show_records)
        column.addStretch(1)
        self.scroll_area.setWidget(content)
        outer.addWidget(self.scroll_area, 1)
        chain: list[QWidget] = [self.preset, self.start, self.end, self.council_wide, self.for_board,
                                self.export_pdf, self.export_csv]  # fmt: skip
        for section in self.sections.values():
            chain += [section.chart, section.table]
        for a, b in zip(chain, chain[1:], strict=False):
            QWidget.setTabOrder(a, b)

    def _connect_signals(self) -> None:
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(REFRESH_DEBOUNCE_MS)
        self.timer.timeout.connect(self.fill)
        self.preset.currentIndexChanged.connect(self._on_preset_changed)
        self.start.dateChanged.connect(self._on_date_changed)
        self.end.dateChanged.connect(self._on_date_changed)
        self.council_wide.toggled.connect(lambda _b: self.fill())
        self.for_board.toggled.connect(self._on_board_toggled)

    # ---- choices

    def period(self) -> Period | None:
        """The period the pickers show, or None when its end is before its start."""
        a, b = self.start.date(), self.end.date()
        start, end = dt.date(a.year(), a.month(), a.day()), dt.date(b.year(), b.month(), b.day())
        return Period(start, end) if start <= end else None

    def set_period(self, period: Period) -> None:
        """Show ``period`` in the pickers (and count again, after the pause)."""
        self._period_chosen = True
        for edit, day in ((self.start, period.start), (self.end, period.end)):
            edit.blockSignals(True)
            edit.setDate(QDate(day.year, day.month, day.day))
            edit.blockSignals(False)
        self.timer.start()

    def _on_preset_changed(self, _index: int) -> None:
        code = self.preset.currentData()
        if code in ("last_quarter", "last_12_months"):
            self.set_period(preset_period(str(code), self._s.ctx.today()))

    def _on_date_changed(self, _date: QDate) -> None:
        self._period_chosen = True
        self.preset.blockSignals(True)
        self.preset.setCurrentIndex(self.preset.findData("custom"))
        self.preset.blockSignals(False)
        self.timer.start()

    def _on_board_toggled(self, on: bool) -> None:
        self.board_note.setVisible(on)
        self.fill()

    # ---- filling

    def refresh(self) -> None:
        """The page is shown: who may see the council, then the figures (the last 12 months at first)."""
        may = self.quality.may_see_council(self._s.ctx.user)
        self.council_wide.setVisible(may)
        if not may:
            self.council_wide.blockSignals(True)
            self.council_wide.setChecked(False)
            self.council_wide.blockSignals(False)
        if not self._period_chosen:
            self.preset.blockSignals(True)
            self.preset.setCurrentIndex(self.preset.findData("last_12_months"))
            self.preset.blockSignals(False)
            self.set_period(preset_period("last_12_months", self._s.ctx.today()))
        self.timer.stop()
        self.fill()

    def fill(self) -> None:
        """Count the figures for the current choices off the GUI thread."""
        self.timer.stop()
        period = self.period()
        if period is None:
            self.status.setText(QCoreApplication.translate("Workspace", "The end of the period is before its start."))
            return
        self._generation += 1
        generation = self._generation
        user = self._s.ctx.user
        council_wide = self.council_wide.isChecked() and self.council_wide.isVisible()
        board = self.for_board.isChecked()
        quality = self.quality
        self.progress.setVisible(True)
        self.status.setText(QCoreApplication.translate("Workspace", "Counting…"))
        self._set_busy(True)

        def work() -> QualityReport:
            return quality.report(period, user=user, council_wide=council_wide, for_board=board)

        self.runner.submit(work, lambda r: self._on_report(generation, r), lambda e: self._on_error(generation, e))

    def _set_busy(self, busy: bool) -> None:
        for button in (self.export_pdf, self.export_csv):
            button.setEnabled(not busy and self.report is not None)

    def _on_report(self, generation: int, report: object) -> None:
        if generation != self._generation or not isinstance(report, QualityReport):
            return  # a newer request is on its way
        self.report = report
        self.progress.setVisible(False)
        for section in self.sections.values():
            section.show_report(report)
        self._show_status()
        self._set_busy(False)
        self.filled.emit()

    def _on_error(self, generation: int, exc: BaseException) -> None:
        if generation != self._generation:
            return
        self.progress.setVisible(False)
        self.status.setText("")
        self._set_busy(False)
        messages.show_error(self, exc)

    def _show_status(self) -> None:
        r = self.report
        if r is None:
            self.status.setText("")
            return
        whose = (
            QCoreApplication.translate("Workspace", "the whole council")
            if r.scope.chair_user_id is None
            else QCoreApplication.translate("Workspace", "the conferences you chair")
        )
        text = QCoreApplication.translate("Workspace", "%1 to %2, %3; produced on %4.")
        for i, part in enumerate((fmt_date(r.period.start), fmt_date(r.period.end), whose, fmt_date(r.produced_on)), 1):
            text = text.replace(f"%{i}", part)
        self.status.setText(text)

    # ---- the records behind a figure

    def show_records(self, measure: object) -> None:
        """Open the list of the records behind ``measure`` (read off the GUI thread)."""
        if not isinstance(measure, Measure):
            return
        if self.report is not None and self.report.suppressed:
            self.status.setText(
                QCoreApplication.translate(
                    "Workspace", "A report for a board names no record: clear \u201cFor a board\u201d to see them."
                )
            )
            return
        quality = self.quality

        def work() -> list[QualityRecord]:
            return quality.records(measure)

        self.runner.submit(work, lambda rows: self._open_records(measure, rows), lambda e: messages.show_error(self, e))

    def _open_records(self, measure: Measure, rows: object) -> None:
        if self.records_dialog is not None:
            self.records_dialog.close()
        dialog = RecordsDialog(measure, list(rows) if isinstance(rows, list) else [], self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open_conference.connect(self.open_conference)
        dialog.destroyed.connect(lambda _o=None: self._forget_dialog(dialog))
        self.records_dialog = dialog
        dialog.show()
        dialog.table.setFocus()

    def _forget_dialog(self, dialog: RecordsDialog) -> None:
        if self.records_dialog is dialog:
            self.records_dialog = None

    # ---- export

    def export(self, kind: str) -> None:
        """Ask where to write the PDF or CSV, then write it off the GUI thread."""
        if self.report is None:
            return
        r = self.report
        name = f"quality-{r.period.start.isoformat()}-{r.period.end.isoformat()}.{kind}"
        filters = (
            QCoreApplication.translate("Workspace", "PDF documents (*.pdf)")
            if kind == "pdf"
            else QCoreApplication.translate("Workspace", "CSV files (*.csv)")
        )
        path, _chosen = QFileDialog.getSaveFileName(
            self, QCoreApplication.translate("Workspace", "Export the quality report"), name, filters
        )
        if path:
            if not path.lower().endswith(f".{kind}"):
                path += f".{kind}"
            self.export_to(Path(path))

    def export_to(self, path: Path) -> None:
        """Write the figures shown to ``path`` (``.pdf`` or ``.csv``) on the general pool."""
        report = self.report
        if report is None:
            return
        language = self.language
        council = self.council_name(report, language)
        pdf = path.suffix.lower() == ".pdf"

        def work() -> str:
            if pdf:
                from desktop.documents.quality import quality_report_pdf

                data = quality_report_pdf(report, language, council_name=council)
            else:
                from desktop.services.quality_csv import quality_csv

                data = quality_csv(report, language).encode("utf-8")
            write_private(path, data)
            return str(path)

        self.status.setText(QCoreApplication.translate("Workspace", "Writing %1…").replace("%1", path.name))
        self.runner.submit(work, self._on_exported, self._on_export_failed, lane="general")

    def _on_exported(self, path: object) -> None:
        self.status.setText(QCoreApplication.translate("Workspace", "Written: %1").replace("%1", str(path)))
        self.exported.emit(str(path))

    def _on_export_failed(self, exc: BaseException) -> None:
        self.status.setText(QCoreApplication.translate("Workspace", "The file could not be written."))
        messages.show_error(self, exc)

    def council_name(self, report: QualityReport, language: str) -> str:
        """The council's name in ``language`` (the only council when the report names none)."""
        councils = self._s.settings.councils()
        match = [c for c in councils if c.id == report.scope.council_id] or (councils if len(councils) == 1 else [])
        if not match:
            return ""
        c = match[0]
        return c.name_cy if language == "cy" and c.name_cy else c.name_en

    # ---- lock and language

    def clear_content(self) -> None:
        """Forget the figures and close any list of records (the lock screen)."""
        self._generation += 1  # an answer still on its way is dropped
        self.report = None
        if self.records_dialog is not None:
            self.records_dialog.close()
            self.records_dialog = None
        for section in self.sections.values():
            section.show_report(None)
        self.progress.setVisible(False)
        self.status.setText("")
        self._set_busy(False)

    def retranslate_ui(self) -> None:
        _retranslate_labels(self)
        for i, (_code, source) in enumerate(PRESETS):
            self.preset.setItemText(i, _tr(source))
        for section in self.sections.values():
            if self.report is not None:
                section.show_report(self.report)
            else:
                section.retranslate_ui()
        self._show_status()


def write_private(path: Path, data: bytes) -> None:
    """Write ``data`` whole or not at all, readable by the user only (0600)."""
    tmp = path.with_name(path.name + ".tmp")
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with open(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


__all__ = ["QualityPage", "RecordsDialog", "preset_period", "write_private"]
