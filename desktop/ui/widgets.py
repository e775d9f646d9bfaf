"""Small reusable widgets: code combos that show translated labels, and form helpers."""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterable, Sequence

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QComboBox, QDateEdit, QHeaderView, QLabel, QSizePolicy, QTableView, QWidget

from desktop.ui.labels import label

logger = logging.getLogger(__name__)


class CodeCombo(QComboBox):
    """A combo box whose items are stable codes shown as translated labels."""

    def __init__(self, codes: Iterable[str], parent: QWidget | None = None, *, empty: bool = False) -> None:
        super().__init__(parent)
        # Sized by a typical label, not the longest (Welsh labels run long); it widens where there is room.
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.setMinimumContentsLength(16)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, self.sizePolicy().verticalPolicy())
        self._empty = empty
        self._codes: list[str] = []
        self.set_codes(codes)

    def set_codes(self, codes: Iterable[str]) -> None:
        """Replace the choices, keeping the current one when it is still offered."""
        current = self.code()
        self.blockSignals(True)
        self.clear()
        self._codes = list(codes)
        if self._empty:
            self.addItem("—", None)
        for c in self._codes:
            self.addItem(label(c), c)
        self.blockSignals(False)
        self.set_code(current)

    def code(self) -> str | None:
        """The chosen code (None for the empty choice)."""
        data = self.currentData()
        return str(data) if data is not None else None

    def set_code(self, code: str | None) -> None:
        """Choose ``code`` (or the empty choice)."""
        idx = self.findData(code) if code is not None else (0 if self._empty else -1)
        if idx >= 0:
            self.setCurrentIndex(idx)

    def retranslate_ui(self) -> None:
        """Labels in the new language."""
        start = 1 if self._empty else 0
        for i, c in enumerate(self._codes):
            self.setItemText(start + i, label(c))


class ItemCombo(QComboBox):
    """A combo box of (id, text) pairs that are data, not translatable (people, children)."""

    def set_items(self, items: Sequence[tuple[str, str]], *, empty: bool = False) -> None:
        """Replace the items."""
        current = self.currentData()
        self.blockSignals(True)
        self.clear()
        if empty:
            self.addItem("—", None)
        for item_id, text in items:
            self.addItem(text, item_id)
        self.blockSignals(False)
        idx = self.findData(current)
        if idx >= 0:
            self.setCurrentIndex(idx)

    def item_id(self) -> str | None:
        """The chosen id."""
        data = self.currentData()
        return str(data) if data is not None else None

    def set_item_id(self, item_id: str | None) -> None:
        """Choose an item by id."""
        idx = self.findData(item_id)
        if idx >= 0:
            self.setCurrentIndex(idx)


class OptionalDateEdit(QDateEdit):
    """A date edit where the minimum date stands for "no date"."""

    NONE = QDate(1900, 1, 1)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setCalendarPopup(True)
        self.setMinimumDate(self.NONE)
        self.setSpecialValueText("—")
        self.setDate(self.NONE)
        # The year in full, as in the lists (Welsh's short format would show 28/07/25).
        fmt = self.displayFormat()
        if "yyyy" not in fmt:
            self.setDisplayFormat(fmt.replace("yy", "yyyy"))

    def value(self) -> dt.date | None:
        """The date, or None."""
        d = self.date()
        return None if d == self.NONE else dt.date(d.year(), d.month(), d.day())

    def set_value(self, value: dt.date | None) -> None:
        """Show a date, or none."""
        self.setDate(self.NONE if value is None else QDate(value.year, value.month, value.day))

    def focusNextPrevChild(self, next: bool) -> bool:  # noqa: A002 - Qt's name
        # While "—" (no date) shows there are no sections to step through, and QDateTimeEdit would
        # keep Tab inside the field for ever: a keyboard trap. Let Tab leave the field instead.
        if self.value() is None:
            return QWidget.focusNextPrevChild(self, next)
        return super().focusNextPrevChild(next)


def buddy(text_label: QLabel, field: QWidget) -> QLabel:
    """Tie a label to its field so the label's mnemonic focuses the field."""
    text_label.setBuddy(field)
    text_label.setTextFormat(Qt.TextFormat.PlainText)
    return text_label


def fit_columns(table: QTableView, stretch: int) -> None:
    """Columns as wide as their header and text (never cut, never wrapped); column ``stretch`` takes the rest.

    Measured on the first rows only, so a long list stays cheap to show.
    """
    header = table.horizontalHeader()
    header.setStretchLastSection(False)
    header.setResizeContentsPrecision(50)
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
