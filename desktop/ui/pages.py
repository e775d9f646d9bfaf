"""The main screens: Today, Conferences, Children and the register, Settings.

Each page takes the services and shows DTOs through models; none opens a session.
"""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import QCoreApplication, QLocale, QModelIndex, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QSpinBox,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.catalog import QT_TRANSLATE_NOOP
from desktop.domain.permissions import Action
from desktop.services.conferences import ConferenceFilter, DueFilter
from desktop.services.errors import ServiceError
from desktop.services.registry import Services
from desktop.ui import messages
from desktop.ui.labels import label, problem_text
from desktop.ui.models import CONFERENCE_COLUMNS, Column, ConferenceListModel, DtoTableModel, IdRole, fmt_date
from desktop.ui.theme import THEMES
from desktop.ui.widgets import CodeCombo, OptionalDateEdit, buddy, fit_columns
from desktop.ui.workspace import _a11y, _button, _check, _label, _retranslate_labels
from sync.protocol.enums import ConferenceStatus, ConferenceType, Role

logger = logging.getLogger(__name__)

#: The conference tables' column of children's names, which takes the spare width.
CHILDREN_COLUMN = 3

#: Pause after the last key before the conference list is filtered.
FILTER_DEBOUNCE_MS = 150


def _tr(text: str) -> str:
    return QCoreApplication.translate("Workspace", text)


def _list_table(parent: QWidget, model: Any, source: str, name: str) -> QTableView:
    t = QTableView(parent)
    _a11y(t, source, name)
    t.setModel(model)
    t.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    t.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    t.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    t.horizontalHeader().setStretchLastSection(True)
    t.verticalHeader().setVisible(False)
    t.setTabKeyNavigation(False)
    return t


class ConferenceTable(QTableView):
    """A conference table that opens the conference on double-click or Enter."""

    open_requested = Signal(str)

    def keyPressEvent(self, event: Any) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentIndex().isValid():
            self._emit(self.currentIndex())
            return
        super().keyPressEvent(event)

    def _emit(self, index: QModelIndex) -> None:
        cid = self.model().index(index.row(), 0).data(IdRole)
        if cid:
            self.open_requested.emit(str(cid))


def _conference_table(parent: QWidget, model: Any, source: str, name: str) -> ConferenceTable:
    t = ConferenceTable(parent)
    _a11y(t, source, name)
    t.setModel(model)
    t.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    t.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    t.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    # Columns fit their text (dates, references and Welsh labels are never cut short); the
    # children's names take the rest. Measured on the first rows only, so a page reset stays cheap.
    header = t.horizontalHeader()
    header.setStretchLastSection(False)
    header.setResizeContentsPrecision(50)
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(CHILDREN_COLUMN, QHeaderView.ResizeMode.Stretch)
    t.verticalHeader().setVisible(False)
    t.setTabKeyNavigation(False)
    t.doubleClicked.connect(t._emit)
    return t


class TodayPage(QWidget):
    """Conferences today and this week, overdue ones, and records awaiting approval."""

    open_conference = Signal(str)

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("page_today")
        self._s = services
        layout = QVBoxLayout(self)
        self.models: dict[str, DtoTableModel] = {}
        self.tables: dict[str, ConferenceTable] = {}
        self.empty: dict[str, QLabel] = {}
        for key, title, nothing in (
            ("today", QT_TRANSLATE_NOOP("Workspace", "Today's conferences"),
             QT_TRANSLATE_NOOP("Workspace", "No conferences today.")),
            ("week", QT_TRANSLATE_NOOP("Workspace", "Later this week"),
             QT_TRANSLATE_NOOP("Workspace", "No more conferences this week.")),
            ("overdue", QT_TRANSLATE_NOOP("Workspace", "Overdue"),
             QT_TRANSLATE_NOOP("Workspace", "Nothing is overdue.")),
            ("awaiting", QT_TRANSLATE_NOOP("Workspace", "Records awaiting approval"),
             QT_TRANSLATE_NOOP("Workspace", "No records are waiting for approval.")),
        ):  # fmt: skip
            heading = _label(self, title)
            heading.setObjectName(f"today_{key}_heading")
            model = DtoTableModel(CONFERENCE_COLUMNS, self)
            table = _conference_table(self, model, title, f"today_{key}")
            table.open_requested.connect(self.open_conference)
            heading.setBuddy(table)
            # An empty list is a short sentence, not a table of headers squeezed over blank rows.
            empty = _label(self, nothing)
            empty.setObjectName(f"today_{key}_empty")
            empty.setWordWrap(True)
            empty.setIndent(empty.fontMetrics().averageCharWidth() * 2)
            empty.setContentsMargins(0, 0, 0, empty.fontMetrics().height() // 2)  # room before the next heading
            layout.addWidget(heading)
            layout.addWidget(table, 1)
            layout.addWidget(empty)
            self.models[key], self.tables[key], self.empty[key] = model, table, empty
            model.modelReset.connect(lambda key=key: self._show_empty(key))
            self._show_empty(key)
        layout.addStretch(0)  # takes the room only when every list is empty (the tables stretch otherwise)

    def _show_empty(self, key: str) -> None:
        has_rows = self.models[key].rowCount() > 0
        self.tables[key].setVisible(has_rows)
        self.empty[key].setVisible(not has_rows)

    def refresh(self) -> None:
        """Re-read the overview."""
        o = self._s.conferences.today_overview()
        self.models["today"].set_rows(o.today)
        self.models["week"].set_rows(o.this_week)
        self.models["overdue"].set_rows(o.overdue)
        self.models["awaiting"].set_rows(o.awaiting_approval)

    def clear_content(self) -> None:
        """Empty every model (lock screen)."""
        for m in self.models.values():
            m.clear()

    def retranslate_ui(self) -> None:
        _retranslate_labels(self)
        for m in self.models.values():
            m.retranslate()


class ConferencesPage(QWidget):
    """The whole conference list, filtered and sorted in the database."""

    open_conference = Signal(str)
    new_requested = Signal()

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("page_conferences")
        self._s = services
        layout = QVBoxLayout(self)
        bar = QHBoxLayout()
        self.search = QLineEdit(self)
        _a11y(self.search, QT_TRANSLATE_NOOP("Workspace", "Search by child's name or reference"), "conference_search")
        self.search.setPlaceholderText(QCoreApplication.translate("Workspace", "Child's name or reference"))
        self.search.setMinimumWidth(self.search.fontMetrics().averageCharWidth() * 28)  # room for the hint
        self.type_filter = CodeCombo([t.value for t in ConferenceType], self, empty=True)
        _a11y(self.type_filter, QT_TRANSLATE_NOOP("Workspace", "Filter by type"), "conference_type_filter")
        self.status_filter = CodeCombo([s.value for s in ConferenceStatus], self, empty=True)
        _a11y(self.status_filter, QT_TRANSLATE_NOOP("Workspace", "Filter by status"), "conference_status_filter")
        self.due_filter = CodeCombo([d.value for d in DueFilter], self)
        _a11y(self.due_filter, QT_TRANSLATE_NOOP("Workspace", "Filter by timescale"), "conference_due_filter")
        bar.addWidget(buddy(_label(self, QT_TRANSLATE_NOOP("Workspace", "&Search:")), self.search))
        bar.addWidget(self.search, 2)
        # The filters get a row of their own: with Welsh labels one row would not fit a 1366-pixel screen.
        filters = QHBoxLayout()
        filters.addWidget(buddy(_label(self, QT_TRANSLATE_NOOP("Workspace", "T&ype:")), self.type_filter))
        filters.addWidget(self.type_filter)
        filters.addWidget(buddy(_label(self, QT_TRANSLATE_NOOP("Workspace", "Stat&us:")), self.status_filter))
        filters.addWidget(self.status_filter)
        filters.addWidget(buddy(_label(self, QT_TRANSLATE_NOOP("Workspace", "Ti&mescale:")), self.due_filter))
        filters.addWidget(self.due_filter)
        self.new_button = _button(self, QT_TRANSLATE_NOOP("Workspace", "&New conference…"), self.new_requested.emit,
                                  "conference_new")  # fmt: skip
        bar.addWidget(self.new_button)
        layout.addLayout(bar)
        layout.addLayout(filters)
        self.model = ConferenceListModel(services.conferences, self)
        self.table = _conference_table(self, self.model, QT_TRANSLATE_NOOP("Workspace", "Conferences"),
                                       "conference_table")  # fmt: skip
        self.table.setSortingEnabled(True)
        self.table.horizontalHeader().setSortIndicator(0, Qt.SortOrder.DescendingOrder)
        self.table.open_requested.connect(self.open_conference)
        layout.addWidget(self.table, 1)
        self.count = QLabel(self)
        self.count.setObjectName("conference_count")
        layout.addWidget(self.count)
        self._connect_signals()

    def _connect_signals(self) -> None:
        # Typing is debounced: one query once the user pauses, not one per key.
        self.filter_timer = QTimer(self)
        self.filter_timer.setSingleShot(True)
        self.filter_timer.setInterval(FILTER_DEBOUNCE_MS)
        self.filter_timer.timeout.connect(self.refresh)
        self.search.textChanged.connect(lambda _t: self.filter_timer.start())
        self.model.total_changed.connect(lambda _n: self._show_count())
        self.type_filter.currentIndexChanged.connect(self._on_filter_changed)
        self.status_filter.currentIndexChanged.connect(self._on_filter_changed)
        self.due_filter.currentIndexChanged.connect(self._on_filter_changed)

    def current_filter(self) -> ConferenceFilter:
        """The filter the bar describes."""
        return ConferenceFilter(
            text=self.search.text(),
            type=self.type_filter.code(),
            status=self.status_filter.code(),
            due=DueFilter(self.due_filter.code() or "any"),
        )

    def _on_filter_changed(self, *_args: Any) -> None:
        self.refresh()

    def refresh(self) -> None:
        """Query the database for the first page under the current filter."""
        self.filter_timer.stop()
        self.model.set_filter(self.current_filter())

    def _show_count(self) -> None:
        self.count.setText(
            QCoreApplication.translate("Workspace", "Conferences found: %1").replace(
                "%1", QLocale().toString(self.model.total) if self.model.total >= 0 else "…"
            )
        )

    def clear_content(self) -> None:
        """Empty the model (lock screen)."""
        self.model.clear()

    def retranslate_ui(self) -> None:
        _retranslate_labels(self)
        self.search.setPlaceholderText(QCoreApplication.translate("Workspace", "Child's name or reference"))
        self.model.retranslate()
        self._show_count()


_ADULT_BADGE = {"upcoming": "due_soon", "reached": "overdue"}

CHILD_COLUMNS = (
    Column(QT_TRANSLATE_NOOP("Columns", "Name"), lambda r: r.name),
    Column(QT_TRANSLATE_NOOP("Columns", "Date of birth"), lambda r: fmt_date(r.date_of_birth)),
    Column(QT_TRANSLATE_NOOP("Columns", "Register"),
           lambda r: ", ".join(label(c) for c in r.categories) if r.registered
           else QCoreApplication.translate("Workspace", "Not registered")),
    Column(QT_TRANSLATE_NOOP("Columns", "Co-ordinator"), lambda r: r.coordinator),
    Column(QT_TRANSLATE_NOOP("Columns", "18th birthday"),
           lambda r: label(r.adulthood) if r.adulthood in ("upcoming", "reached") else "",
           None, lambda r: _ADULT_BADGE.get(r.adulthood, "")),
)  # fmt: skip


class ChildrenPage(QWidget):
    """Children and the register: status, categories, history, co-ordinator changes, 18th birthday."""

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("page_children")
        self._s = services
        layout = QVBoxLayout(self)
        bar = QHBoxLayout()
        self.search = QLineEdit(self)
        _a11y(self.search, QT_TRANSLATE_NOOP("Workspace", "Search children by name"), "child_search")
        self.registered = _check(self, QT_TRANSLATE_NOOP("Workspace", "&Registered only"), "child_registered_only")
        bar.addWidget(buddy(_label(self, QT_TRANSLATE_NOOP("Workspace", "&Search:")), self.search))
        bar.addWidget(self.search, 1)
        bar.addWidget(self.registered)
        layout.addLayout(bar)
        split = QSplitter(self)
        self.model = DtoTableModel(CHILD_COLUMNS, self)
        self.table = _list_table(split, self.model, QT_TRANSLATE_NOOP("Workspace", "Children"), "child_table")
        fit_columns(self.table, stretch=2)  # names and headers in full; the register's categories wrap
        split.addWidget(self.table)
        right = QWidget(split)
        rl = QVBoxLayout(right)
        self.detail = QPlainTextEdit(right)
        self.detail.setReadOnly(True)
        _a11y(self.detail, QT_TRANSLATE_NOOP("Workspace", "Register history"), "child_detail")
        rl.addWidget(self.detail, 1)
        form = QFormLayout()
        self.new_coordinator = QLineEdit(right)
        _a11y(self.new_coordinator, QT_TRANSLATE_NOOP("Workspace", "New co-ordinator"), "coordinator_name")
        self.coordinator_from = OptionalDateEdit(right)
        _a11y(self.coordinator_from, QT_TRANSLATE_NOOP("Workspace", "From"), "coordinator_from")
        self.handover = QLineEdit(right)
        _a11y(self.handover, QT_TRANSLATE_NOOP("Workspace", "Handover note"), "coordinator_handover")
        self.family_told = _check(right, QT_TRANSLATE_NOOP("Workspace", "Family &told, in person and in writing"),
                                  "coordinator_family_told")  # fmt: skip
        self.agencies_told = _check(right, QT_TRANSLATE_NOOP("Workspace", "A&gencies told, in person and in writing"),
                                    "coordinator_agencies_told")  # fmt: skip
        form.addRow(
            buddy(_label(right, QT_TRANSLATE_NOOP("Workspace", "New &co-ordinator:")), self.new_coordinator),
            self.new_coordinator,
        )
        form.addRow(
            buddy(_label(right, QT_TRANSLATE_NOOP("Workspace", "&From:")), self.coordinator_from), self.coordinator_from
        )
        form.addRow(
            buddy(_label(right, QT_TRANSLATE_NOOP("Workspace", "&Handover note:")), self.handover), self.handover
        )
        form.addRow("", self.family_told)
        form.addRow("", self.agencies_told)
        rl.addLayout(form)
        self.change_button = _button(right, QT_TRANSLATE_NOOP("Workspace", "Change co-&ordinator"),
                                     self.change_coordinator, "coordinator_change")  # fmt: skip
        rl.addWidget(self.change_button)
        add = QFormLayout()
        self.new_given = QLineEdit(right)
        _a11y(self.new_given, QT_TRANSLATE_NOOP("Workspace", "New child's given names"), "child_new_given")
        self.new_family = QLineEdit(right)
        _a11y(self.new_family, QT_TRANSLATE_NOOP("Workspace", "New child's family name"), "child_new_family")
        self.new_dob = OptionalDateEdit(right)
        _a11y(self.new_dob, QT_TRANSLATE_NOOP("Workspace", "New child's date of birth"), "child_new_dob")
        add.addRow(
            buddy(_label(right, QT_TRANSLATE_NOOP("Workspace", "Gi&ven names:")), self.new_given), self.new_given
        )
        add.addRow(
            buddy(_label(right, QT_TRANSLATE_NOOP("Workspace", "Famil&y name:")), self.new_family), self.new_family
        )
        add.addRow(buddy(_label(right, QT_TRANSLATE_NOOP("Workspace", "Date of &birth:")), self.new_dob), self.new_dob)
        rl.addLayout(add)
        self.add_button = _button(right, QT_TRANSLATE_NOOP("Workspace", "A&dd child"), self.add_child, "child_add")
        rl.addWidget(self.add_button)
        # Why adding a child or changing a co-ordinator is locked for this seat (the code for tests).
        self.why_not = QLabel(right)
        self.why_not.setObjectName("children_why_not")
        self.why_not.setWordWrap(True)
        self.why_not.setVisible(False)
        rl.addWidget(self.why_not)
        split.addWidget(right)
        split.setStretchFactor(0, 3)  # the register table gets the room: categories are long in Welsh
        split.setStretchFactor(1, 2)
        split.setSizes([640, 360])  # at first too: names, dates and headers in full leave the register room
        layout.addWidget(split, 1)
        self.search.textChanged.connect(lambda _t: self.refresh())
        self.registered.toggled.connect(lambda _b: self.refresh())
        self.table.selectionModel().currentRowChanged.connect(lambda cur, _p: self._show(cur.row()))

    def refresh(self) -> None:
        """Query one page of children."""
        self.model.set_rows(self._s.children.list_page(self.search.text(), registered_only=self.registered.isChecked()))
        self.detail.clear()
        self._show_permissions()

    def _show_permissions(self) -> None:
        """Lock what this seat may not do, with the reason beside it (the same matrix as the services)."""
        add = self._s.ctx.permission(Action.ADD_CHILD)
        change = self._s.ctx.permission(Action.CHANGE_COORDINATOR)
        adding: tuple[QWidget, ...] = (self.new_given, self.new_family, self.new_dob, self.add_button)
        changing: tuple[QWidget, ...] = (self.new_coordinator, self.coordinator_from, self.handover,
                                         self.family_told, self.agencies_told, self.change_button)  # fmt: skip
        for w in adding:
            w.setEnabled(add.allowed)
        for w in changing:
            w.setEnabled(change.allowed)
        code = add.code or change.code or ""
        self.why_not.setProperty("code", code)
        self.why_not.setText(problem_text(code) if code else "")
        self.why_not.setVisible(bool(code))

    def _show(self, row: int) -> None:
        if row < 0 or row >= self.model.rowCount():
            return
        d = self._s.children.detail(self.model.row_at(row).id)
        lines = [d.row.name, ""]
        if d.adulthood_birthday:
            birthday = QCoreApplication.translate("Workspace", "18th birthday: %1")
            lines.append(birthday.replace("%1", fmt_date(d.adulthood_birthday)) + (
                f" — {label(d.row.adulthood)}" if d.row.adulthood in ("upcoming", "reached") else ""))  # fmt: skip
        lines.append("")
        lines.append(QCoreApplication.translate("Workspace", "Registrations:"))
        for r in d.registrations:
            end = f" → {fmt_date(r.ended_on)} ({label(r.end_reason) if r.end_reason else ''})" if r.ended_on else ""
            lines.append(f"  {fmt_date(r.registered_on)}{end}: {', '.join(label(c) for c in r.categories)}")
        if not d.registrations:
            lines.append("  " + QCoreApplication.translate("Workspace", "None"))
        lines.append("")
        lines.append(QCoreApplication.translate("Workspace", "Co-ordinators:"))
        for c in d.coordinators:
            line = f"  {c.social_worker}: {fmt_date(c.from_date)} – {fmt_date(c.to_date)}"
            if c.changed_by_name:
                line += " " + QCoreApplication.translate("Workspace", "(named by %1)").replace("%1", c.changed_by_name)
            lines.append(line)
        lines.append("")
        lines.append(QCoreApplication.translate("Workspace", "Conferences:"))
        for x in d.conferences:
            lines.append(f"  {x.reference} {label(x.type)} — {label(x.status)}")
        self.detail.setPlainText("\n".join(lines))

    def change_coordinator(self) -> None:
        """Name a new co-ordinator with a handover note and the notification checklist."""
        idx = self.table.currentIndex()
        if not idx.isValid():
            return
        child = self.model.row_at(idx.row())
        try:
            self._s.children.change_coordinator(
                child.id, self.new_coordinator.text(), from_date=self.coordinator_from.value() or self._s.ctx.today(),
                handover_note=self.handover.text(), family_told=self.family_told.isChecked(),
                agencies_told=self.agencies_told.isChecked(),
            )  # fmt: skip
        except ServiceError as exc:
            messages.show_error(self, exc)
            return
        row = idx.row()
        self.refresh()
        self.table.selectRow(row)

    def add_child(self) -> None:
        """Add the child typed in the form to this profile's council."""
        councils = self._s.settings.councils()
        try:
            if not councils:
                raise ServiceError("not_found", entity="council")
            self._s.children.create(
                self.new_given.text(), self.new_family.text(), council_id=councils[0].id,
                date_of_birth=self.new_dob.value(),
            )  # fmt: skip
        except ServiceError as exc:
            messages.show_error(self, exc)
            return
        self.new_given.clear()
        self.new_family.clear()
        self.refresh()

    def clear_content(self) -> None:
        """Empty the model and the detail (lock screen)."""
        self.model.clear()
        self.detail.clear()

    def retranslate_ui(self) -> None:
        _retranslate_labels(self)
        self.model.retranslate()


class SettingsPage(QWidget):
    """Language (switches live), theme, the idle lock, who this profile's user is, closure days."""

    language_chosen = Signal(str)
    theme_chosen = Signal(str)
    identity_changed = Signal()

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("page_settings")
        self._s = services
        form = QFormLayout()
        self.language = CodeCombo(["cy", "en"], self)
        _a11y(self.language, QT_TRANSLATE_NOOP("Workspace", "Interface language"), "settings_language")
        self.theme = QListWidget(self)
        self.theme_combo = CodeCombo([], self)
        self.theme.hide()
        _a11y(self.theme_combo, QT_TRANSLATE_NOOP("Workspace", "Colour scheme"), "settings_theme")
        self.idle = QSpinBox(self)
        self.idle.setRange(1, 15)
        _a11y(self.idle, QT_TRANSLATE_NOOP("Workspace", "Minutes before locking"), "settings_idle")
        self.name = QLineEdit(self)
        _a11y(self.name, QT_TRANSLATE_NOOP("Workspace", "Your name"), "settings_name")
        self.seat = CodeCombo([Role.CHAIR.value, Role.MINUTE_TAKER.value], self)
        _a11y(self.seat, QT_TRANSLATE_NOOP("Workspace", "Your seat"), "settings_seat")
        self.closure = OptionalDateEdit(self)
        _a11y(self.closure, QT_TRANSLATE_NOOP("Workspace", "Closure day"), "settings_closure")
        self.closures = QLabel(self)
        self.closures.setObjectName("settings_closures")
        self.closures.setWordWrap(True)
        form.addRow(buddy(_label(self, QT_TRANSLATE_NOOP("Workspace", "&Language:")), self.language), self.language)
        form.addRow(
            buddy(_label(self, QT_TRANSLATE_NOOP("Workspace", "Colour &scheme:")), self.theme_combo), self.theme_combo
        )
        form.addRow(buddy(_label(self, QT_TRANSLATE_NOOP("Workspace", "&Lock after (minutes):")), self.idle), self.idle)
        # Shown when the machine-wide configuration fixes the idle time (desktop.config).
        self.idle_fixed = _label(self, QT_TRANSLATE_NOOP("Workspace", "Set by your administrator for this computer."))
        self.idle_fixed.setObjectName("settings_idle_fixed")
        self.idle_fixed.hide()
        form.addRow("", self.idle_fixed)
        form.addRow(buddy(_label(self, QT_TRANSLATE_NOOP("Workspace", "Your &name:")), self.name), self.name)
        form.addRow(buddy(_label(self, QT_TRANSLATE_NOOP("Workspace", "Your s&eat:")), self.seat), self.seat)
        form.addRow(buddy(_label(self, QT_TRANSLATE_NOOP("Workspace", "&Closure day:")), self.closure), self.closure)
        form.addRow("", self.closures)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        row = QHBoxLayout()
        row.addWidget(_button(self, QT_TRANSLATE_NOOP("Workspace", "Save &you and your seat"), self.save_identity,
                              "settings_save_identity"))  # fmt: skip
        self.save_idle_button = _button(self, QT_TRANSLATE_NOOP("Workspace", "Save lock &time"), self.save_idle,
                                        "settings_save_idle")  # fmt: skip
        row.addWidget(self.save_idle_button)
        row.addWidget(_button(self, QT_TRANSLATE_NOOP("Workspace", "&Add closure day"), self.add_closure,
                              "settings_add_closure"))  # fmt: skip
        row.addStretch(1)
        layout.addLayout(row)
        layout.addStretch(1)
        self.theme_combo.set_codes(THEMES)
        self.language.currentIndexChanged.connect(lambda _i: self.language_chosen.emit(self.language.code() or "en"))
        self.theme_combo.currentIndexChanged.connect(lambda _i: self.theme_chosen.emit(self.theme_combo.code() or ""))

    def refresh(self, language: str, theme: str) -> None:
        """Show the current settings."""
        self.language.blockSignals(True)
        self.language.set_code(language)
        self.language.blockSignals(False)
        self.theme_combo.blockSignals(True)
        self.theme_combo.set_code(theme)
        self.theme_combo.blockSignals(False)
        idle = self._s.settings.idle_lock_setting()
        self.idle.setValue(idle.value)
        self.idle.setEnabled(idle.user_may_change)
        self.save_idle_button.setEnabled(idle.user_may_change)
        self.idle_fixed.setVisible(not idle.user_may_change)
        ident = self._s.settings.identity()
        if ident is not None:
            self.name.setText(ident.display_name)
            self.seat.set_code(ident.role.value)
        self._show_closures()

    def _show_closures(self) -> None:
        days = self._s.settings.closure_days()
        self.closures.setText(
            ", ".join(fmt_date(d) for d, _desc in days) or QCoreApplication.translate("Workspace", "No closure days")
        )

    def save_identity(self) -> None:
        """Set who the profile's user is and in which seat they act."""
        try:
            self._s.settings.set_identity(self.name.text(), Role(self.seat.code() or "chair"))
        except ServiceError as exc:
            messages.show_error(self, exc)
            return
        self.identity_changed.emit()

    def save_idle(self) -> None:
        """Save the idle lock time."""
        try:
            self._s.settings.set_idle_lock_minutes(self.idle.value())
        except ServiceError as exc:
            messages.show_error(self, exc)

    def add_closure(self) -> None:
        """Add a council closure day."""
        day = self.closure.value()
        if day is not None:
            self._s.settings.add_closure_day(day)
            self._show_closures()

    def retranslate_ui(self) -> None:
        _retranslate_labels(self)
        self._show_closures()
