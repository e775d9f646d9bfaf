"""Bar charts drawn with QPainter (QtCharts is not installed), for the Quality page.

:class:`BarChart` draws :class:`ChartData`: one bar (or group of bars) per category, one segment per
series, stacked or side by side, horizontal or vertical. Painting is in logical coordinates with
anti-aliasing, so it is sharp at any device pixel ratio. Colours come from the palette's scheme
(light or dark) and keep at least 3:1 against the background (WCAG 1.4.11 for graphics); the second
and fourth series are also hatched, so the chart reads without colour too.

Screen readers get the figures as text: the widget's accessible description lists every category
and value (:func:`describe`), and the page puts a keyboard-focusable table of the same figures
beside each chart. A click on a segment (or Enter on the focused one; arrow keys move) emits
:attr:`BarChart.segment_activated` with its payload, so the page can open the records behind it.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QCoreApplication, QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFocusEvent, QKeyEvent, QMouseEvent, QPainter, QPaintEvent, QPalette, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

logger = logging.getLogger(__name__)

#: A value that is suppressed ("fewer than 5"): drawn as no bar, written as its marker text.
SUPPRESSED = -1

# Okabe-Ito based hues, darkened for a light background and lightened for a dark one: each at least
# 3:1 against white (light) or #1E1F22 (dark).
_LIGHT = ("#1F5FA8", "#B8430B", "#6A3D9A", "#2E7D32")
_DARK = ("#7FB2EE", "#F4A261", "#C8A2E8", "#81C784")


@dataclass(frozen=True, slots=True)
class Segment:
    """One value of one series in one category; ``payload`` is what a click opens."""

    value: int
    payload: Any = None


@dataclass(frozen=True, slots=True)
class Category:
    """One bar (stacked) or group of bars (grouped): a label and a segment per series (None: no figure)."""

    label: str
    segments: tuple[Segment | None, ...]


@dataclass(frozen=True, slots=True)
class ChartData:
    """What a chart shows, already in the interface language."""

    title: str
    series: tuple[str, ...]
    categories: tuple[Category, ...]
    stacked: bool = False
    horizontal: bool = True
    suppressed_text: str = "<5"


def series_colours(dark: bool) -> tuple[QColor, ...]:
    """The series colours for a light or a dark background."""
    return tuple(QColor(c) for c in (_DARK if dark else _LIGHT))


def contrast_ratio(a: QColor, b: QColor) -> float:
    """WCAG contrast ratio of two colours (1 to 21)."""

    def lum(c: QColor) -> float:
        def ch(v: float) -> float:
            return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4

        return 0.2126 * ch(c.redF()) + 0.7152 * ch(c.greenF()) + 0.0722 * ch(c.blueF())

    hi, lo = sorted((lum(a), lum(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def _tr(text: str) -> str:
    return QCoreApplication.translate("Charts", text)


def value_text(value: int, data: ChartData) -> str:
    """A value as written beside its bar and in the description."""
    return data.suppressed_text if value == SUPPRESSED else str(value)


def describe(data: ChartData) -> str:
    """The chart in words, for screen readers: every category with each series' value."""
    parts = []
    for cat in data.categories:
        values = []
        for name, seg in zip(data.series, cat.segments, strict=False):
            if seg is not None:
                values.append(f"{name} {value_text(seg.value, data)}" if len(data.series) > 1 else value_text(
                    seg.value, data))  # fmt: skip
        parts.append(f"{cat.label}: {', '.join(values)}")
    kind = (
        QCoreApplication.translate("Charts", "Stacked bar chart")
        if data.stacked
        else QCoreApplication.translate("Charts", "Bar chart")
    )
    return (
        f"{kind}: {data.title}. "
        + "; ".join(parts)
        + ("." if parts else QCoreApplication.translate("Charts", "No figures."))
    )


class BarChart(QWidget):
    """A bar chart of :class:`ChartData`; click or Enter on a segment emits its payload."""

    # ---- Signals
    segment_activated = Signal(object)
    """The payload of the segment clicked (or activated with Enter)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._data = ChartData("", (), ())
        self._hits: list[tuple[QRectF, int, int]] = []
        self._current = -1  # index into the list of segments with a payload, for the keyboard
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.setMouseTracking(True)

    # ---- data

    @property
    def data(self) -> ChartData:
        """What the chart shows."""
        return self._data

    def set_data(self, data: ChartData) -> None:
        """Show ``data``; the accessible name and description follow."""
        self._data = data
        self._current = -1
        self.setAccessibleName(data.title)
        self.setAccessibleDescription(describe(data))
        self.setToolTip(describe(data))
        self.updateGeometry()
        self.update()

    def sizeHint(self) -> QSize:
        line = self.fontMetrics().height()
        n = max(1, len(self._data.categories))
        if self._data.horizontal:
            # Room for a category label on two lines (long Welsh labels wrap).
            per = line * max(2.4, 0.5 + 1.1 * (1 if self._data.stacked else len(self._data.series)))
            legend = 1.6 if len(self._data.series) > 1 else 0.0
            return QSize(line * 30, int(line * (1 + legend) + n * per))
        return QSize(line * 30, line * 16)

    def minimumSizeHint(self) -> QSize:
        line = self.fontMetrics().height()
        return QSize(line * 16, line * 8)

    # ---- geometry

    def _max(self) -> int:
        top = 0
        for cat in self._data.categories:
            values = [max(0, s.value) for s in cat.segments if s is not None]
            top = max(top, sum(values) if self._data.stacked else max(values, default=0))
        return max(top, 1)

    def _layout(self) -> tuple[list[tuple[QRectF, int, int]], list[tuple[QRectF, str]], QRectF]:
        """(segment rects with category and series, category label rects, plot area)."""
        fm = self.fontMetrics()
        line = fm.height()
        d = self._data
        legend_h = line * 1.6 if len(d.series) > 1 else 0.0
        area = QRectF(self.rect()).adjusted(4, 4 + legend_h, -4, -4)
        segs: list[tuple[QRectF, int, int]] = []
        labels: list[tuple[QRectF, str]] = []
        n = len(d.categories)
        if n == 0:
            return segs, labels, area
        top = self._max()
        nseries = max(1, len(d.series))
        if d.horizontal:
            label_w = min(area.width() * 0.45, max(fm.horizontalAdvance(c.label) for c in d.categories) + line)
            value_w = fm.horizontalAdvance(" 00000 ")
            plot = QRectF(area.left() + label_w, area.top(), max(1.0, area.width() - label_w - value_w), area.height())
            band = plot.height() / n
            for i, cat in enumerate(d.categories):
                y0 = plot.top() + i * band
                labels.append((QRectF(area.left(), y0, label_w - line * 0.5, band), cat.label))
                inner = band * 0.75
                y = y0 + (band - inner) / 2
                x = plot.left()
                for j, seg in enumerate(cat.segments):
                    if seg is None:
                        continue
                    length = plot.width() * max(0, seg.value) / top
                    if d.stacked:
                        segs.append((QRectF(x, y, length, inner), i, j))
                        x += length
                    else:
                        h = inner / nseries
                        segs.append((QRectF(plot.left(), y + j * h, length, h * 0.9), i, j))
            return segs, labels, plot
        label_h = line * 2.4
        plot = QRectF(area.left() + line * 0.5, area.top() + line, area.width() - line, area.height() - label_h - line)
        band = plot.width() / n
        for i, cat in enumerate(d.categories):
            x0 = plot.left() + i * band
            labels.append((QRectF(x0, plot.bottom() + 2, band, label_h), cat.label))
            inner = band * 0.75
            x = x0 + (band - inner) / 2
            y = plot.bottom()
            for j, seg in enumerate(cat.segments):
                if seg is None:
                    continue
                length = plot.height() * max(0, seg.value) / top
                if d.stacked:
                    segs.append((QRectF(x, y - length, inner, length), i, j))
                    y -= length
                else:
                    w = inner / nseries
                    segs.append((QRectF(x + j * w, plot.bottom() - length, w * 0.9, length), i, j))
        return segs, labels, plot

    def _active(self) -> list[tuple[int, int]]:
        """(category, series) of every segment with a payload, in reading order."""
        return [
            (i, j)
            for i, cat in enumerate(self._data.categories)
            for j, seg in enumerate(cat.segments)
            if seg is not None and seg.payload is not None
        ]

    def segment_rect(self, category: int, series: int) -> QRectF | None:
        """Where a segment is drawn (None when it is not drawn), in widget coordinates."""
        for rect, i, j in self._layout()[0]:
            if (i, j) == (category, series):
                return rect
        return None

    # ---- painting

    def paintEvent(self, event: QPaintEvent) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        pal = self.palette()
        base = pal.color(QPalette.ColorRole.Base)
        text = pal.color(QPalette.ColorRole.Text)
        p.fillRect(self.rect(), base)
        dark = base.lightness() < 128
        colours = series_colours(dark)
        d = self._data
        fm = self.fontMetrics()
        line = fm.height()
        segs, labels, plot = self._layout()
        self._hits = segs
        p.setPen(text)
        if len(d.series) > 1:  # legend
            x = 6.0
            for j, name in enumerate(d.series):
                swatch = QRectF(x, 6, line * 0.9, line * 0.9)
                self._fill(p, swatch, j, colours, base)
                p.setPen(text)
                p.drawText(QPointF(swatch.right() + 4, swatch.top() + fm.ascent() * 0.85), name)
                x = swatch.right() + 4 + fm.horizontalAdvance(name) + line
        if not d.categories:
            p.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, QCoreApplication.translate("Charts", "No figures."))
            p.end()
            return
        align = (
            Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
            if d.horizontal
            else Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop
        )
        for rect, label in labels:
            p.drawText(rect, int(align | Qt.TextFlag.TextWordWrap), label)
        axis = QPen(text, 1)
        p.setPen(axis)
        if d.horizontal:
            p.drawLine(plot.topLeft(), plot.bottomLeft())
        else:
            p.drawLine(plot.bottomLeft(), plot.bottomRight())
        for rect, _i, j in segs:
            self._fill(p, rect, j, colours, base)
        # Values beside each bar (the total of a stacked one; each bar's own when grouped).
        p.setPen(text)
        for i, cat in enumerate(d.categories):
            own = [(r, j) for r, ci, j in segs if ci == i]
            if not own:
                continue
            present = [s for s in cat.segments if s is not None]
            if d.stacked:
                if any(s.value == SUPPRESSED for s in present):
                    words = " + ".join(value_text(s.value, d) for s in present)
                else:
                    words = str(sum(s.value for s in present))
                spots = [(self._union([r for r, _ in own]), words)]
            else:
                spots = [(r, value_text(cat.segments[j].value, d)) for r, j in own]  # type: ignore[union-attr]
            for rect, words in spots:
                if d.horizontal:
                    p.drawText(QPointF(rect.right() + 4, rect.center().y() + fm.ascent() / 2 - 1), words)
                else:
                    p.drawText(
                        QRectF(rect.left() - line, rect.top() - line * 1.2, rect.width() + 2 * line, line),
                        int(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignBottom),
                        words,
                    )
        active = self._active()
        if self.hasFocus() and 0 <= self._current < len(active):
            focused = self.segment_rect(*active[self._current])
            if focused is not None:
                p.setPen(QPen(pal.color(QPalette.ColorRole.Highlight), 2, Qt.PenStyle.DashLine))
                p.setBrush(Qt.BrushStyle.NoBrush)
                p.drawRect(focused.adjusted(-3, -3, 3, 3))
        p.end()

    @staticmethod
    def _union(rects: list[QRectF]) -> QRectF:
        out = rects[0]
        for r in rects[1:]:
            out = out.united(r)
        return out

    @staticmethod
    def _fill(p: QPainter, rect: QRectF, series: int, colours: tuple[QColor, ...], base: QColor) -> None:
        colour = colours[series % len(colours)]
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(colour)
        p.drawRect(rect)
        if series % 2 == 1:  # hatched as well as coloured: the chart reads in greyscale too
            hatch = QBrush(base, Qt.BrushStyle.BDiagPattern)
            p.setBrush(hatch)
            p.drawRect(rect)

    # ---- interaction

    def _payload_at(self, pos: QPointF) -> tuple[int, int] | None:
        for rect, i, j in self._layout()[0]:
            # A thin bar still takes a click: the hit area is at least a few pixels wide.
            hit = rect.adjusted(0, 0, 3 if rect.width() < 3 else 0, 3 if rect.height() < 3 else 0)
            seg = self._data.categories[i].segments[j]
            if hit.contains(pos) and seg is not None and seg.payload is not None:
                return i, j
        return None

    def mousePressEvent(self, event: QMouseEvent) -> None:
        found = self._payload_at(event.position())
        if found is None or event.button() != Qt.MouseButton.LeftButton:
            super().mousePressEvent(event)
            return
        active = self._active()
        self._current = active.index(found)
        self.update()
        self._emit(*found)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        over = self._payload_at(event.position()) is not None
        self.setCursor(Qt.CursorShape.PointingHandCursor if over else Qt.CursorShape.ArrowCursor)
        super().mouseMoveEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        active = self._active()
        key = event.key()
        forward = (Qt.Key.Key_Right, Qt.Key.Key_Down)
        back = (Qt.Key.Key_Left, Qt.Key.Key_Up)
        if active and key in forward + back:
            step = 1 if key in forward else -1
            self._current = (self._current + step) % len(active) if self._current >= 0 else 0
            i, j = active[self._current]
            seg = self._data.categories[i].segments[j]
            if seg is not None:
                name = self._data.series[j] if len(self._data.series) > 1 else ""
                self.setToolTip(f"{self._data.categories[i].label} {name} {value_text(seg.value, self._data)}")
            self.update()
            return
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space) and 0 <= self._current < len(active):
            self._emit(*active[self._current])
            return
        super().keyPressEvent(event)

    def focusInEvent(self, event: QFocusEvent) -> None:
        self.update()
        super().focusInEvent(event)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        self.update()
        super().focusOutEvent(event)

    def _emit(self, category: int, series: int) -> None:
        seg = self._data.categories[category].segments[series]
        if seg is not None and seg.payload is not None:
            self.segment_activated.emit(seg.payload)
