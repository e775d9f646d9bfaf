"""The quality report for a safeguarding board (issue 13) as a PDF, with its own charts.

:func:`render_quality_report` writes what :class:`~sync.protocol.quality.QualityReport` holds: the
council, the period, whose conferences, the date produced, whether small numbers are suppressed
(and so whether it may leave the council), then per measure group its definition, a bar chart drawn
with ``reportlab.graphics`` and the table of every figure. The page furniture (protective marking,
"Page x of y") and the fonts are those of the conference documents (:mod:`desktop.documents.render`).

Words: the report's own from ``documents_cy.ts`` (:mod:`desktop.documents.strings`), the measures'
from ``quality_cy.ts`` (:mod:`desktop.quality_labels`), so the PDF, the CSV and the Quality page use
the same labels. :func:`chart_spec` is also what the Quality page draws, so the page and the PDF show
the same charts. Deterministic (reportlab's ``invariant``) and thread-safe; the app calls it on a
worker thread.
"""

from __future__ import annotations

import io
import logging
import os
import textwrap
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from desktop.documents import strings as S  # noqa: N812 - read as a table of constants
from desktop.documents.fonts import BOLD, REGULAR, register_fonts
from desktop.documents.render import Words, _numbered_canvas, _styles
from desktop.quality_labels import RULE_LABELS, STATE_LABELS, QualityWords
from sync.protocol.quality import GROUPS, SUPPRESSED, TIMELINESS_RULES, Measure, QualityReport

logger = logging.getLogger(__name__)

#: The series colours of the PDF's charts (each at least 3:1 against white; the page uses the same hues).
CHART_COLOURS = ("#1F5FA8", "#B8430B", "#6A3D9A", "#2E7D32")


@dataclass(frozen=True, slots=True)
class ChartSpec:
    """One group's chart: categories by series, each cell the :class:`Measure` behind it (or None).

    Attributes:
        group: The measure group.
        series: The series' labels.
        categories: The categories' labels.
        cells: Per category, one measure (or None) per series.
        stacked: Series stacked in one bar (timeliness: on time, late, still open).
        horizontal: Bars across (else up, as for months).
    """

    group: str
    series: tuple[str, ...]
    categories: tuple[str, ...]
    cells: tuple[tuple[Measure | None, ...], ...]
    stacked: bool = False
    horizontal: bool = True


def _sliced(report: QualityReport, group: str, code: str, words: QualityWords) -> ChartSpec:
    rows = [m for m in report.measures if m.code == code and m.breakdown is not None]
    return ChartSpec(
        group, (words.measure(code),), tuple(words.breakdown(m.breakdown) for m in rows), tuple((m,) for m in rows)
    )


def chart_spec(report: QualityReport, group: str, words: QualityWords, month: Callable[[str], str]) -> ChartSpec:
    """The chart of ``group``: timescales on time / late / still open; voice by how heard; attendance
    by agency; registrations and removals by month; co-ordinator changes; the register by category.

    Args:
        report: The report.
        group: One of :data:`~sync.protocol.quality.GROUPS`.
        words: The measure words in the language wanted.
        month: Labels a month breakdown (``"2026-03"``).
    """
    if group == "timeliness":
        states = ("on_time", "late", "open_overdue")
        rules = [kind.value for kind, _kind in TIMELINESS_RULES]
        return ChartSpec(
            group,
            tuple(words.tr(STATE_LABELS[s]) for s in states),
            tuple(words.tr(RULE_LABELS[r]) if r in RULE_LABELS else r for r in rules),
            tuple(tuple(report.get(f"timeliness.{r}.{s}") for s in states) for r in rules),
            stacked=True,
        )
    if group == "decisions":
        codes = ("decisions.registrations_by_month", "decisions.removals_by_month")
        months = [m.breakdown for m in report.measures if m.code == codes[0] and m.breakdown is not None]
        return ChartSpec(
            group,
            tuple(words.measure(c) for c in codes),
            tuple(month(x) for x in months),
            tuple(tuple(report.get(c, x) for c in codes) for x in months),
            horizontal=False,
        )
    code = {
        "voice": "voice.heard",
        "multi_agency": "multi_agency.attendance",
        "continuity": "continuity.changes",
        "register_now": "register_now.on_register",
    }[group]
    return _sliced(report, group, code, words)


CHART_TITLES = {
    "timeliness": S.Q_CHART_TIMELINESS,
    "voice": S.Q_CHART_VOICE,
    "multi_agency": S.Q_CHART_AGENCIES,
    "decisions": S.Q_CHART_MONTHS,
    "continuity": S.Q_CHART_CONTINUITY,
    "register_now": S.Q_CHART_REGISTER,
}


def is_month(breakdown: str | None) -> bool:
    """Whether a breakdown is a month (``"2026-03"``)."""
    return breakdown is not None and len(breakdown) == 7 and breakdown[4] == "-" and breakdown[:4].isdigit()


def figure_label(m: Measure, words: QualityWords, month: Callable[[str], str]) -> str:
    """What a figure counts, with its slice."""
    name = words.measure(m.code)
    if m.breakdown is None:
        return name
    part = month(m.breakdown) if is_month(m.breakdown) else words.breakdown(m.breakdown)
    return f"{name} — {part}"


def figure_cells(m: Measure, words: QualityWords) -> tuple[str, str, str]:
    """(count, out of, share) as printed; a statistic (a median) prints its value over its count."""
    if m.value is not None:
        return f"{m.value:g}", words.count(m.count), ""
    share = ""
    if m.denominator is not None and m.denominator > 0 and m.count >= 0:
        share = f"{round(100 * m.count / m.denominator)}%"
    return words.count(m.count), words.count(m.denominator), share


class _Report:
    """Builds the flowables of the quality report."""

    def __init__(self, report: QualityReport, language: str, council_name: str) -> None:
        from reportlab.lib.units import mm

        self.report = report
        self.w = Words(language)
        self.q = QualityWords(self.w.language)
        self.st = _styles()
        self.council = council_name
        self.mm = mm
        self.width = 170 * mm
        self.out: list[Any] = []

    def month(self, key: str) -> str:
        months = S.MONTHS_CY if self.w.language == "cy" else S.MONTHS_EN
        year, number = key[:4], int(key[5:7])
        return f"{months[number - 1]} {year}"

    def para(self, text: str, style: Any = None) -> None:
        from reportlab.platypus import Paragraph

        self.out.append(Paragraph(escape(text), style or self.st.body))

    def fields(self, pairs: list[tuple[str, str]]) -> None:
        from reportlab.lib import colors
        from reportlab.platypus import Paragraph, Table, TableStyle

        rows = [[Paragraph(escape(k), self.st.cell_head), Paragraph(escape(v), self.st.cell)] for k, v in pairs if v]
        t = Table(rows, colWidths=[self.width * 0.3, self.width * 0.7])
        t.setStyle(TableStyle([
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LINEBELOW", (0, 0), (-1, -1), 0.3, colors.HexColor("#bbbbbb")),
        ]))  # fmt: skip
        self.out.append(t)

    def table(self, measures: tuple[Measure, ...]) -> None:
        from reportlab.lib import colors
        from reportlab.platypus import Paragraph, Table, TableStyle

        w = self.w
        head = [Paragraph(escape(w(x)), self.st.cell_head) for x in (S.Q_FIGURE, S.Q_COUNT, S.Q_OUT_OF, S.Q_SHARE)]
        rows = [head]
        for m in measures:
            cells = figure_cells(m, self.q)
            rows.append([Paragraph(escape(figure_label(m, self.q, self.month)), self.st.cell),
                         *(Paragraph(escape(c), self.st.cell) for c in cells)])  # fmt: skip
        t = Table(rows, colWidths=[self.width * f for f in (0.58, 0.16, 0.14, 0.12)], repeatRows=1)
        t.setStyle(TableStyle([
            ("GRID", (0, 0), (-1, -1), 0.4, colors.HexColor("#777777")),
            ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e4e8ee")),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ]))  # fmt: skip
        self.out.append(t)

    def chart(self, spec: ChartSpec) -> Any:
        """A reportlab Drawing of ``spec`` (suppressed values are drawn as no bar)."""
        from reportlab.graphics.charts.barcharts import HorizontalBarChart, VerticalBarChart
        from reportlab.graphics.charts.legends import Legend
        from reportlab.graphics.shapes import Drawing, String
        from reportlab.lib import colors

        mm = self.mm
        n = max(1, len(spec.categories))
        data = [
            [max(0, cell.count) if cell is not None and cell.count != SUPPRESSED else 0 for cell in
             (row[j] for row in spec.cells)]
            for j in range(len(spec.series))
        ]  # fmt: skip
        legend_h = 8 * mm if len(spec.series) > 1 else 0
        if spec.horizontal:
            per = 7 * mm if spec.stacked or len(spec.series) == 1 else 5 * mm * len(spec.series)
            height = n * per + 14 * mm + legend_h
            drawing = Drawing(self.width, height)
            bc: Any = HorizontalBarChart()
            bc.x, bc.y = 70 * mm, 8 * mm
            bc.width, bc.height = self.width - 82 * mm, n * per
            names = ["\n".join(textwrap.wrap(c, 46)) or " " for c in spec.categories]
            bc.categoryAxis.reverseDirection = 1  # the first category at the top, as in the table
            bc.categoryAxis.labels.boxAnchor = "e"
        else:
            height = 70 * mm + legend_h
            drawing = Drawing(self.width, height)
            bc = VerticalBarChart()
            bc.x, bc.y = 12 * mm, 16 * mm
            bc.width, bc.height = self.width - 16 * mm, 48 * mm
            names = [c.replace(" ", "\n", 1) for c in spec.categories]
            bc.categoryAxis.labels.boxAnchor = "n"
        bc.data = data or [[0] * n]
        bc.categoryAxis.categoryNames = names
        bc.categoryAxis.labels.fontName = REGULAR
        bc.categoryAxis.labels.fontSize = 6.5
        bc.valueAxis.labels.fontName = REGULAR
        bc.valueAxis.labels.fontSize = 7
        bc.valueAxis.valueMin = 0
        bc.valueAxis.forceZero = 1
        if max((sum(col) if spec.stacked else max(col, default=0)) for col in zip(*data, strict=False)) == 0:
            bc.valueAxis.valueMax = 5  # an empty chart still gets an axis
        if spec.stacked:
            bc.categoryAxis.style = "stacked"
        else:
            # Each bar's own figure, so a suppressed one reads "fewer than 5", not 0.
            bc.barLabelFormat = "values"
            bc.barLabelArray = [
                [self.q.count(cell.count) if cell is not None else "" for cell in (row[j] for row in spec.cells)]
                for j in range(len(spec.series))
            ]
            bc.barLabels.fontName = REGULAR
            bc.barLabels.fontSize = 6.5
            bc.barLabels.boxAnchor = "w" if spec.horizontal else "s"
            bc.barLabels.dx = 2 if spec.horizontal else 0
            bc.barLabels.dy = 0 if spec.horizontal else 2
        for j in range(len(spec.series)):
            bc.bars[j].fillColor = colors.HexColor(CHART_COLOURS[j % len(CHART_COLOURS)])
            bc.bars[j].strokeColor = None
        drawing.add(bc)
        if len(spec.series) > 1:
            legend = Legend()
            legend.fontName = REGULAR
            legend.fontSize = 7
            legend.alignment = "right"
            legend.columnMaximum = 1
            legend.deltax = 60 * mm
            legend.x, legend.y = bc.x, height - 3 * mm
            legend.colorNamePairs = [
                (colors.HexColor(CHART_COLOURS[j % len(CHART_COLOURS)]), name) for j, name in enumerate(spec.series)
            ]
            drawing.add(legend)
        if self.report.suppressed:
            drawing.add(String(0, 1 * mm, self.w(S.Q_CHART_SUPPRESSED), fontName=REGULAR, fontSize=6.5))
        return drawing

    def build(self) -> None:
        from reportlab.platypus import CondPageBreak, KeepTogether, Spacer

        r, w, q = self.report, self.w, self.q
        self.para(w(S.TITLE_QUALITY), self.st.title)
        self.para(w(S.Q_FOR_BOARD), self.st.h2)
        scope = w(S.Q_SCOPE_CHAIR) if r.scope.chair_user_id is not None else w(S.Q_SCOPE_COUNCIL)
        self.fields([
            (w(S.Q_COUNCIL), self.council),
            (w(S.Q_PERIOD), w(S.Q_PERIOD_VALUE, w.date(r.period.start), w.date(r.period.end))),
            (w(S.Q_SCOPE), scope),
            (w(S.Q_PRODUCED), w.date(r.produced_on)),
        ])  # fmt: skip
        self.para(w(S.Q_SUPPRESSED_NOTE) if r.suppressed else w(S.Q_NOT_SUPPRESSED_NOTE), self.st.note)
        self.para(w(S.Q_DEFINITIONS), self.st.h1)
        self.para(w(S.Q_DEFINITIONS_INTRO))
        for group in GROUPS:
            self.para(f"{q.group(group)}: {q.definition(group)}", self.st.small)
        for group in GROUPS:
            measures = r.group(group)
            if not measures:
                continue
            self.out.append(CondPageBreak(60 * self.mm))
            self.para(q.group(group), self.st.h1)
            spec = chart_spec(r, group, q, self.month)
            self.out.append(KeepTogether([_caption(self, w(CHART_TITLES[group])), self.chart(spec)]))
            self.out.append(Spacer(1, 3 * self.mm))
            self.table(measures)


def _caption(b: _Report, text: str) -> Any:
    from reportlab.platypus import Paragraph

    return Paragraph(escape(text), b.st.label)


def quality_report_pdf(report: QualityReport, language: str, *, council_name: str = "") -> bytes:
    """The board report as PDF bytes (the same report and language give the same bytes).

    Args:
        report: The report; a suppressed one says so and prints "fewer than 5".
        language: "cy" or "en".
        council_name: The council's name as printed (its id is never printed).

    Raises:
        FontMissingError: the bundled fonts are missing.
    """
    from reportlab import rl_config
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm
    from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate

    rl_config.useA85 = 0
    register_fonts()
    b = _Report(report, language, council_name)
    b.build()
    w = b.w
    page_w, page_h = A4
    left, right = 20 * mm, page_w - 20 * mm
    marking, short = w(S.MARKING), w(S.SHORT_QUALITY)
    period = w(S.Q_PERIOD_VALUE, w.date(report.period.start), w.date(report.period.end))

    def furniture(canv: Any, _doc: Any) -> None:
        canv.saveState()
        canv.setFillColorRGB(0.55, 0.07, 0.07)
        canv.setFont(BOLD, 9)
        canv.drawCentredString(page_w / 2, page_h - 11 * mm, marking)
        canv.drawCentredString(page_w / 2, 8 * mm, marking)
        canv.setFillGray(0)
        canv.setFont(REGULAR, 8)
        canv.drawString(left, page_h - 16 * mm, short)
        canv.drawRightString(right, page_h - 16 * mm, period)
        canv.setLineWidth(0.4)
        canv.line(left, page_h - 17.5 * mm, right, page_h - 17.5 * mm)
        canv.line(left, 16.5 * mm, right, 16.5 * mm)
        canv.drawString(left, 13 * mm, b.council)
        canv.restoreState()

    buffer = io.BytesIO()
    doc = BaseDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=20 * mm,
        rightMargin=20 * mm,
        topMargin=22 * mm,
        bottomMargin=21 * mm,
        title=f"{w(S.TITLE_QUALITY)} {period}",
        author=council_name,
        subject=w(S.Q_FOR_BOARD),
        creator="Cofnod",
        invariant=1,
        initialFontName=REGULAR,
        lang=w.language,
    )
    frame = Frame(doc.leftMargin, doc.bottomMargin, doc.width, doc.height, id="body", leftPadding=0, rightPadding=0)
    doc.addPageTemplates([PageTemplate(id="page", frames=[frame], onPage=furniture)])
    doc.build(b.out, canvasmaker=_numbered_canvas(lambda n, total: w(S.PAGE_X_OF_Y, n, total), right, 13 * mm))
    return buffer.getvalue()


def render_quality_report(report: QualityReport, language: str, path: Path | str, *, council_name: str = "") -> Path:
    """Write the board report to ``path`` as a PDF (private to the user, 0600) and return the path.

    Args:
        report: The report (suppress it first for anything that leaves the council).
        language: "cy" or "en".
        path: Where to write.
        council_name: The council's name as printed.
    """
    target = Path(path)
    data = quality_report_pdf(report, language, council_name=council_name)
    fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with open(fd, "wb") as f:
        f.write(data)
        f.flush()
        os.fsync(f.fileno())
    return target
