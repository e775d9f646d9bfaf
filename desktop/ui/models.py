"""Table models over lists of DTOs, with their columns described once as data.

:class:`DtoTableModel` shows any tuple of DTOs given a list of :class:`Column` specs (a title
wrapped in ``QT_TRANSLATE_NOOP``, a value function and a sort key). :class:`ConferenceListModel`
is windowed: it asks the service for one page at a time (``canFetchMore``/``fetchMore``) and lets
the database filter and sort, so 100,000 conferences stay instant.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QDate,
    QDateTime,
    QLocale,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    QTime,
    QTimeZone,
    Signal,
)
from PySide6.QtGui import QGuiApplication

from desktop.catalog import QT_TRANSLATE_NOOP
from desktop.services.base import LOCAL_ZONE
from desktop.services.conferences import ConferenceFilter, ConferenceRow, ConferenceService, SortKey
from desktop.ui.labels import label
from desktop.ui.theme import badge_colours

logger = logging.getLogger(__name__)

IdRole = Qt.ItemDataRole.UserRole + 1
SortRole = Qt.ItemDataRole.UserRole + 2
StateRole = Qt.ItemDataRole.UserRole + 3

Index = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()

#: Roles answered from a row's cached texts, and the other roles :meth:`DtoTableModel.data` answers
#: (the view asks for a dozen roles per cell on every paint; the rest return at once).
_TEXT_ROLES = frozenset((int(Qt.ItemDataRole.DisplayRole), int(Qt.ItemDataRole.AccessibleTextRole)))
_OTHER_ROLES = frozenset(
    (int(IdRole), int(StateRole), int(Qt.ItemDataRole.BackgroundRole), int(Qt.ItemDataRole.ForegroundRole))
)


@dataclass(frozen=True, slots=True)
class Column:
    """One column: translatable title, displayed value, sort key, optional badge state."""

    title: str
    value: Callable[[Any], str]
    sort_key: str | None = None
    state: Callable[[Any], str] | None = None


def _four_digit_year(fmt: str) -> str:
    """A short date format with the year in full: Welsh's short format has "yy" (15/01/27), and a
    conference record's dates must not be ambiguous."""
    return fmt if "yyyy" in fmt else fmt.replace("yy", "yyyy")


def fmt_date(value: dt.date | None) -> str:
    """A date in the interface language's short format, with a four-digit year."""
    if value is None:
        return ""
    locale = QLocale()
    fmt = _four_digit_year(locale.dateFormat(QLocale.FormatType.ShortFormat))
    return locale.toString(QDate(value.year, value.month, value.day), fmt)


def fmt_datetime(value: dt.datetime | None) -> str:
    """A date and time (Wales's time, whatever the computer's zone) in the interface language's short format."""
    if value is None:
        return ""
    local = value.astimezone(LOCAL_ZONE) if value.tzinfo else value
    # Already local: built as UTC so Qt does not look the local zone up again (30 µs a call, paid
    # for every row each time the list is measured); the short format shows no zone.
    qdt = QDateTime(QDate(local.year, local.month, local.day), QTime(local.hour, local.minute), QTimeZone.utc())
    locale = QLocale()
    return locale.toString(qdt, _four_digit_year(locale.dateTimeFormat(QLocale.FormatType.ShortFormat)))


class DtoTableModel(QAbstractTableModel):
    """A read-only table over a tuple of DTOs that have an ``id``."""

    def __init__(self, columns: Sequence[Column], parent: Any = None) -> None:
        super().__init__(parent)
        self._columns = tuple(columns)
        self._rows: tuple[Any, ...] = ()
        self._texts: dict[int, tuple[str, ...]] = {}  # a row's displayed texts, made on first paint

    def set_rows(self, rows: Sequence[Any]) -> None:
        """Replace every row (a model reset)."""
        self.beginResetModel()
        self._rows = tuple(rows)
        self._texts = {}
        self.endResetModel()

    def clear(self) -> None:
        """Drop every row (the lock screen calls this)."""
        self.set_rows(())

    def row_at(self, row: int) -> Any:
        """The DTO on a row."""
        return self._rows[row]

    def rowCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._columns)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            if 0 <= section < len(self._columns):
                return QCoreApplication.translate("Columns", self._columns[section].title)
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role in _TEXT_ROLES:
            r = index.row()
            texts = self._texts.get(r)
            if texts is None:
                if not index.isValid() or not (0 <= r < len(self._rows)):
                    return None
                row = self._rows[r]
                texts = self._texts[r] = tuple(c.value(row) for c in self._columns)
            return texts[index.column()]
        if role not in _OTHER_ROLES or not index.isValid() or not (0 <= index.row() < len(self._rows)):
            return None
        col = self._columns[index.column()]
        row = self._rows[index.row()]
        if role == IdRole:
            return getattr(row, "id", None)
        if role == StateRole and col.state is not None:
            return col.state(row)
        if role in (Qt.ItemDataRole.BackgroundRole, Qt.ItemDataRole.ForegroundRole) and col.state is not None:
            colours = badge_colours(col.state(row), QGuiApplication.styleHints().colorScheme())
            if colours is not None:
                return colours[0] if role == Qt.ItemDataRole.BackgroundRole else colours[1]
        return None

    def retranslate(self) -> None:
        """Headers and labels follow the new language."""
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, max(0, len(self._columns) - 1))
        self._texts = {}
        if self._rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._rows) - 1, len(self._columns) - 1))


CONFERENCE_COLUMNS: tuple[Column, ...] = (
    Column(QT_TRANSLATE_NOOP("Columns", "Date"), lambda r: fmt_datetime(r.scheduled_for), SortKey.SCHEDULED),
    Column(QT_TRANSLATE_NOOP("Columns", "Reference"), lambda r: r.reference, SortKey.REFERENCE),
    Column(QT_TRANSLATE_NOOP("Columns", "Type"), lambda r: label(r.type), SortKey.TYPE),
    Column(QT_TRANSLATE_NOOP("Columns", "Children"), lambda r: r.children, None),
    Column(QT_TRANSLATE_NOOP("Columns", "Status"), lambda r: label(r.status), SortKey.STATUS),
    Column(QT_TRANSLATE_NOOP("Columns", "Due by"), lambda r: fmt_date(r.due_by), SortKey.DUE),
    Column(QT_TRANSLATE_NOOP("Columns", "Timescale"), lambda r: label(r.due_state), None, lambda r: r.due_state),
)


#: Runs ``work`` off the GUI thread and calls ``done`` with its result on the GUI thread.
CountRunner = Callable[[Callable[[], int], Callable[[int], None]], None]


class ConferenceListModel(DtoTableModel):
    """The conference list, windowed over the database one page at a time.

    The first page is read on the GUI thread; counting every match (a scan of up to 100,000 rows)
    runs through ``count_runner`` when one is set, so typing in the filter never waits for it.
    Until the count arrives :attr:`total` is -1 and a full page means "maybe more".
    """

    #: Rows read per page: a screenful or two. Fewer rows per page is what keeps a filter keystroke
    #: under 50 ms with 100,000 conferences; scrolling fetches the next page.
    PAGE = 60

    # ---- Signals
    total_changed = Signal(int)
    """The number of matching conferences is known (or changed)."""

    def __init__(self, service: ConferenceService, parent: Any = None) -> None:
        super().__init__(CONFERENCE_COLUMNS, parent)
        self._service = service
        self._filter = ConferenceFilter()
        self._sort = SortKey.SCHEDULED
        self._descending = True
        self._total = 0
        self._more = False
        self._generation = 0
        self._loaded = False
        self._count_runner: CountRunner | None = None

    def set_count_runner(self, runner: CountRunner | None) -> None:
        """Count matches off the GUI thread with ``runner`` (None: count in place, as tests do)."""
        self._count_runner = runner

    @property
    def total(self) -> int:
        """How many conferences match the filter (not just those loaded); -1 while counting."""
        return self._total

    @property
    def current_filter(self) -> ConferenceFilter:
        """The filter in force."""
        return self._filter

    def set_filter(self, flt: ConferenceFilter) -> None:
        """Apply a filter: count and load the first page from the database."""
        self._filter = flt
        self.reload()

    def reload(self) -> None:
        """Re-read the first page (after a change or a sort)."""
        self._generation += 1  # first: a count still running for the previous filter stops now
        rows = self._service.list_page(self._filter, sort=self._sort, descending=self._descending, limit=self.PAGE)
        self._loaded = True
        self._more = len(rows) == self.PAGE
        if not self._more:
            self._total = len(rows)
        elif self._count_runner is None:
            self._total = self._service.count(self._filter)
        else:
            self._total = -1
            generation, flt = self._generation, self._filter

            def stale() -> bool:  # read on the worker thread: a later filter makes this count useless
                return generation != self._generation

            # A stale count is skipped if still queued and interrupted if running, so counts never
            # pile up on the database lane behind fast typing.
            self._count_runner(
                lambda: -1 if stale() else self._service.count(flt, cancelled=stale),
                lambda n: self._counted(generation, n),
            )
        self.set_rows(rows)
        self.total_changed.emit(self._total)

    def _counted(self, generation: int, total: int) -> None:
        if generation == self._generation and total >= 0:  # a later filter supersedes this count
            self._total = total
            self.total_changed.emit(total)

    def clear(self) -> None:
        self._generation += 1
        self._total = 0
        self._more = False
        super().clear()
        self.total_changed.emit(0)

    def canFetchMore(self, parent: Index = _ROOT) -> bool:
        if parent.isValid():
            return False
        return self._more if self._total < 0 else len(self._rows) < self._total

    def fetchMore(self, parent: Index = _ROOT) -> None:
        if parent.isValid():
            return
        more = self._service.list_page(
            self._filter, sort=self._sort, descending=self._descending, offset=len(self._rows), limit=self.PAGE
        )
        self._more = len(more) == self.PAGE
        if not more:
            self._total = len(self._rows)
            return
        first = len(self._rows)
        self.beginInsertRows(QModelIndex(), first, first + len(more) - 1)
        self._rows = self._rows + tuple(more)
        self.endInsertRows()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        key = self._columns[column].sort_key if 0 <= column < len(self._columns) else None
        if key is None:
            return
        self._sort = SortKey(key)
        self._descending = order == Qt.SortOrder.DescendingOrder
        if self._loaded:  # the view sorts once when it is set up: no query before the page is shown
            self.reload()

    def row_for(self, row: int) -> ConferenceRow:
        """The conference on a row."""
        return self._rows[row]
