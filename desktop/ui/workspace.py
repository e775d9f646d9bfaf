"""The conference workspace: Details, Attendance, Child's voice, Minutes, Decisions, Plan, Distribution.

Written in code (style.md 4.9) because its shape follows the conference: one voice, decision and
plan per child, one view row per present practitioner. Widgets call services and receive DTOs;
they never see sessions or ORM objects. Minutes autosave as drafts while typing; other fields are
saved with their tab's Save button (Ctrl+S saves the current tab).
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable, Iterable
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTableView,
    QTabWidget,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from desktop.catalog import QT_TRANSLATE_NOOP
from desktop.domain.permissions import Action
from desktop.services.attendance import AttendeeRow, NewAttendee
from desktop.services.base import LOCAL_ZONE, local_date
from desktop.services.conferences import CHAIR_FIELDS, ConferenceDetails
from desktop.services.decisions import DecisionView
from desktop.services.drafts import CONFERENCE, DISSENT
from desktop.services.errors import ServiceError
from desktop.services.minutes import SectionView
from desktop.services.registry import Services
from desktop.ui import messages
from desktop.ui.autosave import AutosaveController, DraftFields, TextField
from desktop.ui.dialogs import FinaliseDialog, HistoryDialog
from desktop.ui.labels import label, problem_text
from desktop.ui.models import Column, DtoTableModel, fmt_date, fmt_datetime
from desktop.ui.widgets import CodeCombo, ItemCombo, OptionalDateEdit, buddy, fit_columns
from sync.protocol.enums import (
    AdvocacyOffer,
    AgencyGrouping,
    AttendanceStatus,
    Category,
    ConferenceType,
    MinutingMode,
    ParticipantKind,
    ParticipationMode,
    PractitionerViewKind,
    VenueMode,
)

logger = logging.getLogger(__name__)


def _tr(text: str) -> str:
    return QCoreApplication.translate("Workspace", text)


def _guard(parent: QWidget, fn: Callable[[], Any]) -> Any:
    """Run a service call; show its error's translated text instead of failing."""
    try:
        return fn()
    except ServiceError as exc:
        messages.show_error(parent, exc)
        return None


def _label(parent: QWidget, source: str) -> QLabel:
    lbl = QLabel(parent)
    lbl.setProperty("source_text", source)
    lbl.setText(_tr(source))
    return lbl


def _retranslate_labels(root: QWidget) -> None:
    for w in [
        *root.findChildren(QLabel),
        *root.findChildren(QPushButton),
        *root.findChildren(QCheckBox),
        *root.findChildren(QGroupBox),
    ]:
        src = w.property("source_text")
        if src:
            text = _tr(src)
            if isinstance(w, QGroupBox):
                w.setTitle(text)
            elif isinstance(w, QLabel | QPushButton | QCheckBox):
                w.setText(text)
            if isinstance(w, QPushButton | QCheckBox):
                w.setAccessibleName(text.replace("&", ""))
        acc = w.property("source_accessible")
        if acc:
            w.setAccessibleName(_tr(acc))
    for w in root.findChildren(QWidget):
        acc = w.property("source_accessible")
        if acc:
            w.setAccessibleName(_tr(acc))
            if w.property("placeholder") and isinstance(w, QLineEdit):
                w.setPlaceholderText(_tr(acc))
    for combo in root.findChildren(CodeCombo):
        combo.retranslate_ui()


def _button(parent: QWidget, source: str, slot: Callable[[], Any], name: str) -> QPushButton:
    b = QPushButton(parent)
    b.setObjectName(name)
    b.setProperty("source_text", source)
    b.setText(_tr(source))
    b.setAccessibleName(_tr(source).replace("&", ""))
    b.setAutoDefault(False)
    b.clicked.connect(slot)
    return b


def _a11y(w: QWidget, source: str, name: str) -> QWidget:
    w.setObjectName(name)
    w.setProperty("source_accessible", source)
    w.setAccessibleName(_tr(source))
    return w


def _hint(line: QLineEdit) -> QLineEdit:
    """Show the field's accessible name as its placeholder (a row of fields without labels)."""
    line.setProperty("placeholder", True)
    line.setPlaceholderText(line.accessibleName())
    return line


def _check(parent: QWidget, source: str, name: str) -> QCheckBox:
    c = QCheckBox(parent)
    c.setObjectName(name)
    c.setProperty("source_text", source)
    c.setText(_tr(source))
    c.setAccessibleName(_tr(source).replace("&", ""))
    return c


def _row(form: QFormLayout, parent: QWidget, source: str, field: QWidget) -> None:
    form.addRow(buddy(_label(parent, source), field), field)


def _set_editable(widgets: Iterable[QWidget], editable: bool) -> None:
    """Lock or unlock a record's fields, the same way on every tab.

    Text fields become read-only, never disabled: a finalised decision or an approved record keeps
    its normal text colour, can be selected and copied, and is still reached by Tab (screen readers
    read it). Combos, check boxes, dates and buttons are disabled (the theme keeps them legible).
    """
    for w in widgets:
        if isinstance(w, QLineEdit | QPlainTextEdit | QTextEdit):
            w.setEnabled(True)
            w.setReadOnly(not editable)
        else:
            w.setEnabled(editable)


class _LinkKeys:
    """The draft key of a child's voice, decision and plan: the ``conference_child`` id (cached)."""

    def __init__(self, services: Services, conference_id: str, picker: ItemCombo) -> None:
        self._s, self._cid, self._picker = services, conference_id, picker
        self._links: dict[str, str | None] = {}

    def __call__(self) -> str | None:
        child_id = self._picker.item_id()
        if child_id is None:
            return None
        if child_id not in self._links:
            self._links[child_id] = self._s.drafts.link(self._cid, child_id)
        return self._links[child_id]

    def select(self, link: str) -> bool:
        """Choose the child whose key is ``link``; False when none matches."""
        for i in range(self._picker.count()):
            child_id = self._picker.itemData(i)
            if child_id is not None:
                if child_id not in self._links:
                    self._links[str(child_id)] = self._s.drafts.link(self._cid, str(child_id))
                if self._links[str(child_id)] == link:
                    self._picker.setCurrentIndex(i)
                    return True
        return False


class _DraftTab(QWidget):
    """A tab whose free-text fields keep drafts (see ``desktop.ui.autosave.DraftFields``)."""

    # ---- Signals
    drafts_restored = Signal()
    """Kept drafts were put back into some of this tab's fields."""

    def _init_drafts(self, services: Services) -> None:
        self.drafts = DraftFields(services.drafts, self)

    def _restore_drafts(self) -> list[TextField]:
        changed = self.drafts.restore()
        if changed:
            self.drafts_restored.emit()
        return changed


# =============================================================================================
# Details
# =============================================================================================


class DetailsTab(_DraftTab):
    """Type, date, place, language, seats, children, the strategy discussion and the due date."""

    saved = Signal()

    def __init__(self, services: Services, conference_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._s, self._cid = services, conference_id
        form = QFormLayout()
        self.type_combo = CodeCombo([t.value for t in ConferenceType], self)
        _a11y(self.type_combo, QT_TRANSLATE_NOOP("Workspace", "Conference type"), "details_type")
        self.unborn = _check(self, QT_TRANSLATE_NOOP("Workspace", "&Unborn child"), "details_unborn")
        self.when = OptionalDateEdit(self)
        _a11y(self.when, QT_TRANSLATE_NOOP("Workspace", "Conference date"), "details_date")
        self.venue = QLineEdit(self)
        _a11y(self.venue, QT_TRANSLATE_NOOP("Workspace", "Place"), "details_venue")
        self.mode = CodeCombo([v.value for v in VenueMode], self)
        _a11y(self.mode, QT_TRANSLATE_NOOP("Workspace", "In person or remote"), "details_mode")
        self.language = CodeCombo(["en", "cy", "other"], self)
        _a11y(self.language, QT_TRANSLATE_NOOP("Workspace", "Language of the conference"), "details_language")
        self.active_offer = _check(self, QT_TRANSLATE_NOOP("Workspace", "Welsh &Active Offer made"), "details_offer")
        self.chair = ItemCombo(self)
        _a11y(self.chair, QT_TRANSLATE_NOOP("Workspace", "Chair"), "details_chair")
        self.minute_taker = ItemCombo(self)
        _a11y(self.minute_taker, QT_TRANSLATE_NOOP("Workspace", "Minute-taker"), "details_minute_taker")
        self.minuting = CodeCombo([m.value for m in MinutingMode], self)
        _a11y(self.minuting, QT_TRANSLATE_NOOP("Workspace", "Minuting"), "details_minuting")
        self.strategy = OptionalDateEdit(self)
        _a11y(self.strategy, QT_TRANSLATE_NOOP("Workspace", "Strategy discussion date"), "details_strategy")
        self.previous = OptionalDateEdit(self)
        _a11y(self.previous, QT_TRANSLATE_NOOP("Workspace", "Previous conference date"), "details_previous")
        self.due = QLabel(self)
        self.due.setObjectName("details_due")
        self.due.setWordWrap(True)
        self.children_label = QLabel(self)
        self.children_label.setObjectName("details_children")
        self.children_label.setWordWrap(True)
        _row(form, self, QT_TRANSLATE_NOOP("Workspace", "&Type:"), self.type_combo)
        form.addRow("", self.unborn)
        _row(form, self, QT_TRANSLATE_NOOP("Workspace", "&Date:"), self.when)
        _row(form, self, QT_TRANSLATE_NOOP("Workspace", "&Place:"), self.venue)
        _row(form, self, QT_TRANSLATE_NOOP("Workspace", "In person or &remote:"), self.mode)
        _row(form, self, QT_TRANSLATE_NOOP("Workspace", "&Language:"), self.language)
        form.addRow("", self.active_offer)
        _row(form, self, QT_TRANSLATE_NOOP("Workspace", "C&hair:"), self.chair)
        _row(form, self, QT_TRANSLATE_NOOP("Workspace", "&Minute-taker:"), self.minute_taker)
        _row(form, self, QT_TRANSLATE_NOOP("Workspace", "M&inuting:"), self.minuting)
        _row(form, self, QT_TRANSLATE_NOOP("Workspace", "&Strategy discussion:"), self.strategy)
        _row(form, self, QT_TRANSLATE_NOOP("Workspace", "Pre&vious conference:"), self.previous)
        _row(form, self, QT_TRANSLATE_NOOP("Workspace", "Statutory due date:"), self.due)
        _row(form, self, QT_TRANSLATE_NOOP("Workspace", "Children considered:"), self.children_label)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        # Why the chair's fields are greyed out (shown only when they are; the code for tests).
        self.why_not = _label(self, QT_TRANSLATE_NOOP("Workspace", "Only the conference's chair can change the "
                                                      "greyed-out fields."))  # fmt: skip
        self.why_not.setObjectName("details_why_not")
        self.why_not.setWordWrap(True)
        self.why_not.setVisible(False)
        layout.addWidget(self.why_not)
        self.save_button = _button(self, QT_TRANSLATE_NOOP("Workspace", "&Save details"), self.save, "details_save")
        layout.addWidget(self.save_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addStretch(1)
        self._details: ConferenceDetails | None = None
        self._init_drafts(services)
        self.drafts.add(self.venue, CONFERENCE, "venue", lambda: self._cid)

    def load(self, d: ConferenceDetails) -> None:
        """Show the conference's details (typed, unsaved text comes back from its draft)."""
        self.drafts.flush()
        with self.drafts.loading():
            self._load(d)
        self._restore_drafts()

    def _load(self, d: ConferenceDetails) -> None:
        self._details = d
        users = [(u.id, u.name) for u in self._s.conferences.users()]
        self.chair.set_items(users, empty=True)
        self.minute_taker.set_items(users, empty=True)
        self.type_combo.set_code(d.type)
        self.unborn.setChecked(d.subject_is_unborn)
        self.when.set_value(local_date(d.scheduled_for))  # the day in Wales, whatever the computer's zone
        self.venue.setText(d.venue)
        self.mode.set_code(d.venue_mode)
        self.language.set_code(d.language)
        self.active_offer.setChecked(d.welsh_active_offer_made)
        self.chair.set_item_id(d.chair_user_id)
        self.minute_taker.set_item_id(d.minute_taker_user_id)
        self.minuting.set_code(d.minuting_mode)
        self.strategy.set_value(d.strategy_discussion_on)
        self.previous.set_value(d.previous_conference_on)
        self.children_label.setText(", ".join(c.name for c in d.children))
        self._show_due(d)
        editable = d.status in ("scheduled", "in_progress")
        _set_editable((self.venue, self.mode, self.language, self.active_offer, self.save_button), editable)
        # What the conference is, when, who sits and its anchors are the chair's seat (CHAIR_FIELDS).
        chairs = d.can_convene.allowed
        for chairs_field in (self.type_combo, self.unborn, self.when, self.chair, self.minute_taker, self.minuting,
                             self.strategy, self.previous):  # fmt: skip
            chairs_field.setEnabled(editable and chairs)
        self.why_not.setVisible(editable and not chairs)
        self.why_not.setProperty("code", "" if chairs else d.can_convene.code or "role_not_permitted")

    def _show_due(self, d: ConferenceDetails) -> None:
        if d.due_by is None:
            self.due.setText(QCoreApplication.translate("Workspace", "Enter the anchor date to work out the due date."))
        else:
            self.due.setText(f"{fmt_date(d.due_by)} — {label(d.due_state)}")

    def save(self) -> None:
        """Save the details (the due date follows from the anchor)."""
        d = self._details
        if d is None:
            return
        day = self.when.value()
        # The same time of day in Wales on the chosen day (across a clock change too), not the computer's zone.
        local = d.scheduled_for.astimezone(LOCAL_ZONE)
        when = local.replace(year=day.year, month=day.month, day=day.day) if day else local
        changes = {
            "type": self.type_combo.code(),
            "subject_is_unborn": self.unborn.isChecked(),
            "scheduled_for": when.astimezone(dt.UTC),
            "venue": self.venue.text(),
            "venue_mode": self.mode.code(),
            "language": self.language.code(),
            "welsh_active_offer_made": self.active_offer.isChecked(),
            "chair_user_id": self.chair.item_id(),
            "minute_taker_user_id": self.minute_taker.item_id(),
            "minuting_mode": self.minuting.code(),
            "strategy_discussion_on": self.strategy.value(),
            "previous_conference_on": self.previous.value(),
        }
        if not d.can_convene.allowed:
            changes = {k: v for k, v in changes.items() if k not in CHAIR_FIELDS}
        result = _guard(self, lambda: self._s.conferences.update(self._cid, changes))
        if result is not None:
            self.drafts.discard([self.venue])
            self.load(result)
            self.saved.emit()

    def retranslate_ui(self) -> None:
        _retranslate_labels(self)
        if self._details is not None:
            self._show_due(self._details)


# =============================================================================================
# Attendance
# =============================================================================================

ATTENDANCE_COLUMNS = (
    Column(QT_TRANSLATE_NOOP("Columns", "Name"), lambda r: r.name),
    Column(QT_TRANSLATE_NOOP("Columns", "Taking part as"), lambda r: label(r.kind)),
    Column(QT_TRANSLATE_NOOP("Columns", "Agency"), lambda r: label(r.agency) if r.agency else ""),
    Column(QT_TRANSLATE_NOOP("Columns", "Role"), lambda r: r.role_title),
    Column(
        QT_TRANSLATE_NOOP("Columns", "Attendance"),
        lambda r: label("excluded_from_decision" if r.excluded_from_decision else r.status),
    ),
)


class AttendanceTab(_DraftTab):
    """Participants, their status, the live quorum indicator, the chair's reason and postponement."""

    changed = Signal()

    def __init__(self, services: Services, conference_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._s, self._cid = services, conference_id
        layout = QVBoxLayout(self)
        self.quorum = QLabel(self)
        self.quorum.setObjectName("quorum_indicator")
        self.quorum.setWordWrap(True)
        self.quorum.setAccessibleName(QCoreApplication.translate("Workspace", "Quorum"))
        layout.addWidget(self.quorum)
        self.model = DtoTableModel(ATTENDANCE_COLUMNS, self)
        self.table = QTableView(self)
        _a11y(self.table, QT_TRANSLATE_NOOP("Workspace", "Participants"), "attendance_table")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        fit_columns(self.table, stretch=0)  # headers fit (long in Welsh); the names get the spare width
        self.table.setTabKeyNavigation(False)
        layout.addWidget(self.table, 1)
        # Everything under the table changes the attendance: hidden once it can no longer change.
        self.edit_panel = QWidget(self)
        self.edit_panel.setObjectName("attendance_edit_panel")
        panel = QVBoxLayout(self.edit_panel)
        panel.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.edit_panel)

        add = QGridLayout()
        self.name = QLineEdit(self)
        _a11y(self.name, QT_TRANSLATE_NOOP("Workspace", "Participant's name"), "attendee_name")
        self.kind = CodeCombo([k.value for k in ParticipantKind], self)
        _a11y(self.kind, QT_TRANSLATE_NOOP("Workspace", "Taking part as"), "attendee_kind")
        self.agency = CodeCombo([a.value for a in AgencyGrouping], self, empty=True)
        _a11y(self.agency, QT_TRANSLATE_NOOP("Workspace", "Agency"), "attendee_agency")
        self.role = QLineEdit(self)
        _a11y(self.role, QT_TRANSLATE_NOOP("Workspace", "Role"), "attendee_role")
        self.status = CodeCombo([s.value for s in AttendanceStatus], self)
        _a11y(self.status, QT_TRANSLATE_NOOP("Workspace", "Attendance"), "attendee_status")
        self.add_button = _button(self, QT_TRANSLATE_NOOP("Workspace", "&Add participant"), self.add, "attendee_add")
        add.addWidget(buddy(_label(self, QT_TRANSLATE_NOOP("Workspace", "&Name:")), self.name), 0, 0)
        add.addWidget(self.name, 0, 1)
        add.addWidget(buddy(_label(self, QT_TRANSLATE_NOOP("Workspace", "As:")), self.kind), 0, 2)
        add.addWidget(self.kind, 0, 3)
        add.addWidget(buddy(_label(self, QT_TRANSLATE_NOOP("Workspace", "A&gency:")), self.agency), 1, 0)
        add.addWidget(self.agency, 1, 1)
        add.addWidget(buddy(_label(self, QT_TRANSLATE_NOOP("Workspace", "Ro&le:")), self.role), 1, 2)
        add.addWidget(self.role, 1, 3)
        add.addWidget(buddy(_label(self, QT_TRANSLATE_NOOP("Workspace", "Attendance:")), self.status), 2, 0)
        add.addWidget(self.status, 2, 1)
        add.addWidget(self.add_button, 2, 3)
        panel.addLayout(add)

        row = QHBoxLayout()
        self.set_status_combo = CodeCombo([s.value for s in AttendanceStatus], self)
        _a11y(self.set_status_combo, QT_TRANSLATE_NOOP("Workspace", "New attendance for the selected participant"),
              "attendee_new_status")  # fmt: skip
        self.set_status_button = _button(self, QT_TRANSLATE_NOOP("Workspace", "Set s&tatus"), self.set_status,
                                         "attendee_set_status")  # fmt: skip
        self.interpreter = _check(self, QT_TRANSLATE_NOOP("Workspace", "Interpreter"), "attendee_interpreter")
        self.advocate = _check(self, QT_TRANSLATE_NOOP("Workspace", "Advocate"), "attendee_advocate")
        # With "excluded in part": the part included the decision (no quorum, no view; issue 10).
        self.excluded_decision = _check(self, QT_TRANSLATE_NOOP("Workspace", "Excluded from the &decision"),
                                        "attendee_excluded_decision")  # fmt: skip
        row.addWidget(self.set_status_combo)
        row.addWidget(self.interpreter)
        row.addWidget(self.advocate)
        row.addWidget(self.excluded_decision)
        row.addWidget(self.set_status_button)
        panel.addLayout(row)

        chair = QFormLayout()
        self.reason = QLineEdit(self)
        _a11y(self.reason, QT_TRANSLATE_NOOP("Workspace", "Chair's reason for proceeding with two agencies"),
              "quorum_reason")  # fmt: skip
        self.reason_button = _button(self, QT_TRANSLATE_NOOP("Workspace", "Record &reason"), self.save_reason,
                                     "quorum_reason_save")  # fmt: skip
        self.postpone_reason = QLineEdit(self)
        _a11y(self.postpone_reason, QT_TRANSLATE_NOOP("Workspace", "Reason for postponing"), "postpone_reason")
        self.postpone_button = _button(self, QT_TRANSLATE_NOOP("Workspace", "&Postpone…"), self.postpone,
                                       "postpone")  # fmt: skip
        self.start_button = _button(self, QT_TRANSLATE_NOOP("Workspace", "Start the &conference"), self.start,
                                    "start_conference")  # fmt: skip
        r1 = QHBoxLayout()
        r1.addWidget(self.reason, 1)
        r1.addWidget(self.reason_button)
        r2 = QHBoxLayout()
        r2.addWidget(self.postpone_reason, 1)
        r2.addWidget(self.postpone_button)
        chair.addRow(buddy(_label(self, QT_TRANSLATE_NOOP("Workspace", "Chair's reason:")), self.reason), r1)
        chair.addRow(buddy(_label(self, QT_TRANSLATE_NOOP("Workspace", "Postponement:")), self.postpone_reason), r2)
        panel.addLayout(chair)
        # Why the chair's reason and postponement are locked (shown only when they are; the code for tests).
        self.why_not = QLabel(self)
        self.why_not.setObjectName("attendance_why_not")
        self.why_not.setWordWrap(True)
        self.why_not.setVisible(False)
        panel.addWidget(self.why_not)
        panel.addWidget(self.start_button, 0, Qt.AlignmentFlag.AlignLeft)
        self._details: ConferenceDetails | None = None
        self._init_drafts(services)
        for w, field in (
            (self.name, "new_attendee_name"),
            (self.role, "new_attendee_role"),
            (self.reason, "quorum_override_reason"),
            (self.postpone_reason, "postponement_reason"),
        ):
            self.drafts.add(w, CONFERENCE, field, lambda: self._cid)  # fmt: skip

    def load(self, d: ConferenceDetails) -> None:
        """Show the attendance list and quorum (typed, unsaved text comes back from its draft)."""
        self.drafts.flush()
        with self.drafts.loading():
            self._load(d)
        self._restore_drafts()

    def _load(self, d: ConferenceDetails) -> None:
        self._details = d
        self.model.set_rows(self._s.attendance.list(self._cid))
        self.reason.setText(d.quorum_override_reason)
        self.postpone_reason.setText(d.postponement_reason)
        start = self._s.ctx.permission(Action.START_CONFERENCE, chair_user_id=d.chair_user_id)
        self.start_button.setEnabled(d.status == "scheduled" and start.allowed)
        open_ = d.status in ("scheduled", "in_progress")
        _set_editable((self.name, self.kind, self.agency, self.role, self.status, self.add_button,
                       self.set_status_combo, self.interpreter, self.advocate, self.excluded_decision,
                       self.set_status_button), open_)  # fmt: skip
        # The reason for proceeding with two agencies and postponing are this conference's chair's
        # (the services refuse anyone else): locked for others, with the reason beside them.
        proceed = self._s.ctx.permission(Action.PROCEED_WITH_TWO_AGENCIES, chair_user_id=d.chair_user_id)
        postpone = self._s.ctx.permission(Action.POSTPONE_CONFERENCE, chair_user_id=d.chair_user_id)
        _set_editable((self.reason, self.reason_button), open_ and proceed.allowed)
        _set_editable((self.postpone_reason, self.postpone_button), open_ and postpone.allowed)
        code = proceed.code or postpone.code or (start.code if d.status == "scheduled" else None) or ""
        self.why_not.setProperty("code", code)
        self._show_why_not()
        self.edit_panel.setVisible(open_)  # a held or approved record keeps its list, not dead controls
        self._show_quorum()

    def _show_why_not(self) -> None:
        code = str(self.why_not.property("code") or "")
        self.why_not.setText(problem_text(code) if code else "")
        self.why_not.setVisible(bool(code))

    def _show_quorum(self) -> None:
        q = self._s.attendance.quorum(self._cid)
        text = QCoreApplication.translate("Workspace", "Quorum: %1 (agencies present: %2)")
        text = text.replace("%1", label(q.state)).replace("%2", str(q.agency_count))
        warnings = [problem_text(p.code, p.params) for p in q.problems if p.code != q.state]
        if warnings:
            text += "\n" + "\n".join(dict.fromkeys(warnings))
        self.quorum.setText(text)
        self.quorum.setProperty("state", q.state)

    def add(self) -> None:
        """Add the participant typed in the form."""
        kind = ParticipantKind(self.kind.code() or "practitioner")
        agency = self.agency.code()
        new = NewAttendee(
            name=self.name.text(), kind=kind, status=AttendanceStatus(self.status.code() or "present_in_person"),
            agency=AgencyGrouping(agency) if agency else None, role_title=self.role.text(),
        )  # fmt: skip
        if _guard(self, lambda: self._s.attendance.add(self._cid, new)) is not None:
            self.drafts.discard([self.name, self.role])
            self.name.clear()
            self.role.clear()
            self.model.set_rows(self._s.attendance.list(self._cid))
            self._show_quorum()
            self.name.setFocus()
            self.changed.emit()

    def _selected(self) -> AttendeeRow | None:
        idx = self.table.currentIndex()
        return self.model.row_at(idx.row()) if idx.isValid() else None

    def set_status(self) -> None:
        """Change the selected participant's status and support flags."""
        row = self._selected()
        if row is None:
            return
        changes: dict[str, Any] = {
            "status": self.set_status_combo.code(),
            "interpreter_present": self.interpreter.isChecked(),
            "advocate_present": self.advocate.isChecked(),
        }
        if changes["status"] == AttendanceStatus.EXCLUDED_PART.value:
            changes["excluded_from_decision"] = self.excluded_decision.isChecked()
        if _guard(self, lambda: self._s.attendance.update(row.id, changes)) is not None:
            self.model.set_rows(self._s.attendance.list(self._cid))
            self._show_quorum()
            self.changed.emit()

    def save_reason(self) -> None:
        """Record the chair's reason for proceeding with two agencies."""
        d = _guard(self, lambda: self._s.conferences.set_quorum_reason(self._cid, self.reason.text()))
        if d is not None:
            self.drafts.discard([self.reason])
            self._show_quorum()
            self.changed.emit()

    def postpone(self) -> None:
        """The chair postpones, with a reason."""
        question = QCoreApplication.translate("Workspace", "Postpone this conference? A new sitting will be needed.")
        if not messages.confirm(
            self,
            QCoreApplication.translate("Workspace", "Postpone"),
            question,
            QCoreApplication.translate("Workspace", "Postpone"),
        ):
            return
        d = _guard(self, lambda: self._s.conferences.postpone(self._cid, self.postpone_reason.text()))
        if d is not None:
            self.drafts.discard([self.postpone_reason])
            self.load(d)
            self.changed.emit()

    def start(self) -> None:
        """The conference begins."""
        d = _guard(self, lambda: self._s.conferences.start(self._cid))
        if d is not None:
            self.load(d)
            self.changed.emit()

    def retranslate_ui(self) -> None:
        _retranslate_labels(self)
        self.model.retranslate()
        if self._details is not None:
            self._show_quorum()
            self._show_why_not()


# =============================================================================================
# The child's voice
# =============================================================================================


class ChildPicker(ItemCombo):
    """Chooses which child a per-child tab shows."""


class VoiceTab(_DraftTab):
    """Per child: how they took part, the advocacy offer and answer, wishes and feelings, language."""

    def __init__(self, services: Services, conference_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._s, self._cid = services, conference_id
        form = QFormLayout()
        self.child = ChildPicker(self)
        _a11y(self.child, QT_TRANSLATE_NOOP("Workspace", "Child"), "voice_child")
        self.mode = CodeCombo([m.value for m in ParticipationMode], self, empty=True)
        _a11y(self.mode, QT_TRANSLATE_NOOP("Workspace", "How the child took part"), "voice_mode")
        self.offer = CodeCombo([a.value for a in AdvocacyOffer], self)
        _a11y(self.offer, QT_TRANSLATE_NOOP("Workspace", "Advocacy offer"), "voice_offer")
        self.not_offered = QLineEdit(self)
        _a11y(self.not_offered, QT_TRANSLATE_NOOP("Workspace", "Why advocacy has not been offered"),
              "voice_not_offered")  # fmt: skip
        self.wishes = QPlainTextEdit(self)
        self.wishes.setTabChangesFocus(True)
        _a11y(self.wishes, QT_TRANSLATE_NOOP("Workspace", "Wishes and feelings"), "voice_wishes")
        self.language = CodeCombo(["cy", "en", "other"], self, empty=True)
        _a11y(self.language, QT_TRANSLATE_NOOP("Workspace", "Child's language"), "voice_language")
        self.met = _check(self, QT_TRANSLATE_NOOP("Workspace", "The chair &met the child beforehand"), "voice_met")
        self.debrief = _check(self, QT_TRANSLATE_NOOP("Workspace", "&Debrief offered"), "voice_debrief")
        self.not_recorded = QLineEdit(self)
        _a11y(self.not_recorded, QT_TRANSLATE_NOOP("Workspace", "Why the voice could not be recorded"),
              "voice_not_recorded")  # fmt: skip
        self.gaps = QLabel(self)
        self.gaps.setObjectName("voice_gaps")
        self.gaps.setWordWrap(True)
        # Why the fields are read-only once the child's decision is finalised (the code for tests).
        self.why_not = QLabel(self)
        self.why_not.setObjectName("voice_why_not")
        self.why_not.setWordWrap(True)
        self.why_not.setVisible(False)
        self._record_locked = False
        _row(form, self, QT_TRANSLATE_NOOP("Workspace", "C&hild:"), self.child)
        _row(form, self, QT_TRANSLATE_NOOP("Workspace", "&Took part:"), self.mode)
        _row(form, self, QT_TRANSLATE_NOOP("Workspace", "Advocacy &offer:"), self.offer)
        _row(form, self, QT_TRANSLATE_NOOP("Workspace", "Not offered because:"), self.not_offered)
        _row(form, self, QT_TRANSLATE_NOOP("Workspace", "&Wishes and feelings:"), self.wishes)
        _row(form, self, QT_TRANSLATE_NOOP("Workspace", "&Language:"), self.language)
        form.addRow("", self.met)
        form.addRow("", self.debrief)
        _row(form, self, QT_TRANSLATE_NOOP("Workspace", "Not recorded because:"), self.not_recorded)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.why_not)
        layout.addWidget(self.gaps)
        self.save_button = _button(self, QT_TRANSLATE_NOOP("Workspace", "&Save voice"), self.save, "voice_save")
        layout.addWidget(self.save_button, 0, Qt.AlignmentFlag.AlignLeft)
        self.child.currentIndexChanged.connect(lambda _i: self.show_child())
        self._init_drafts(services)
        self.link = _LinkKeys(services, conference_id, self.child)
        self._texts: tuple[tuple[TextField, str], ...] = (
            (self.not_offered, "advocacy_not_offered_reason"), (self.wishes, "wishes_and_feelings"),
            (self.not_recorded, "not_recorded_reason"),
        )  # fmt: skip
        for w, field in self._texts:
            self.drafts.add(w, "child_voice", field, self.link)

    def load(self, d: ConferenceDetails) -> None:
        """Fill the child picker and show the first child (read-only once the record is approved)."""
        self._record_locked = d.record_locked
        self.child.set_items([(c.id, c.name) for c in d.children])
        self.show_child()

    def show_child(self) -> None:
        """Show the chosen child's voice record (typed, unsaved text comes back from its draft)."""
        cid = self.child.item_id()
        if cid is None:
            return
        self.drafts.flush()
        with self.drafts.loading():
            self._show_voice(self._s.voice.get(self._cid, cid))
        self._restore_drafts()

    def _show_voice(self, v: Any) -> None:
        self.mode.set_code(v.participation_mode)
        self.offer.set_code(v.advocacy_offer)
        self.not_offered.setText(v.advocacy_not_offered_reason)
        self.wishes.setPlainText(v.wishes_and_feelings)
        self.language.set_code(v.language or None)
        self.met.setChecked(v.chair_met_child_before)
        self.debrief.setChecked(v.debrief_offered)
        self.not_recorded.setText(v.not_recorded_reason)
        self._gaps(v.problems)
        _set_editable((self.mode, self.offer, self.not_offered, self.wishes, self.language, self.met, self.debrief,
                       self.not_recorded, self.save_button),
                      not self._record_locked and not v.locked_by_decision)  # fmt: skip
        self.why_not.setProperty("code", "voice_locked_decision_finalised" if v.locked_by_decision else "")
        self._show_why_not()

    def _show_why_not(self) -> None:
        code = str(self.why_not.property("code") or "")
        self.why_not.setText(problem_text(code) if code else "")
        self.why_not.setVisible(bool(code))

    def _gaps(self, problems: Any) -> None:
        if problems:
            self.gaps.setText("\n".join("• " + problem_text(p.code) for p in problems))
        else:
            self.gaps.setText(QCoreApplication.translate("Workspace", "The child's voice is complete."))

    def save(self) -> None:
        """Save the chosen child's voice."""
        cid = self.child.item_id()
        if cid is None:
            return
        changes = {
            "participation_mode": self.mode.code(),
            "advocacy_offer": self.offer.code(),
            "advocacy_not_offered_reason": self.not_offered.text(),
            "wishes_and_feelings": self.wishes.toPlainText(),
            "language": self.language.code() or "",
            "chair_met_child_before": self.met.isChecked(),
            "debrief_offered": self.debrief.isChecked(),
            "not_recorded_reason": self.not_recorded.text(),
        }
        v = _guard(self, lambda: self._s.voice.save(self._cid, cid, changes))
        if v is not None:
            self.drafts.mark_clean([w for w, _f in self._texts])
            self._gaps(v.problems)

    def clear_content(self) -> None:
        """Empty the text fields (lock screen); pending text is written as a draft first."""
        self.drafts.flush()
        self.wishes.clear()
        self.not_offered.clear()
        self.not_recorded.clear()

    def retranslate_ui(self) -> None:
        _retranslate_labels(self)
        if self.child.item_id():
            self._gaps(self._s.voice.get(self._cid, self.child.item_id() or "").problems)
        self._show_why_not()


# =============================================================================================
# Minutes
# =============================================================================================


class MinutesTab(QWidget):
    """The sections of the record; text autosaves as a draft while typing and on leaving the field."""

    def __init__(self, services: Services, conference_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._s, self._cid = services, conference_id
        self._sections: list[SectionView] = []
        self._current: SectionView | None = None
        self.sections = QListWidget(self)
        self.sections.setWordWrap(True)  # long Welsh section titles wrap instead of being cut off
        _a11y(self.sections, QT_TRANSLATE_NOOP("Workspace", "Sections of the record"), "minutes_sections")
        self.editor = QPlainTextEdit(self)
        _a11y(self.editor, QT_TRANSLATE_NOOP("Workspace", "Section text"), "minutes_editor")
        self.editor.setTabChangesFocus(True)
        self.status = QLabel(self)
        self.status.setObjectName("minutes_status")
        self.save_button = _button(self, QT_TRANSLATE_NOOP("Workspace", "&Save section"), self.save, "minutes_save")
        self.history_button = _button(self, QT_TRANSLATE_NOOP("Workspace", "&History…"), self.history,
                                      "minutes_history")  # fmt: skip
        right = QWidget(self)
        rl = QVBoxLayout(right)
        rl.setContentsMargins(0, 0, 0, 0)
        self.heading = QLabel(right)
        self.heading.setObjectName("minutes_heading")
        rl.addWidget(buddy(self.heading, self.editor))
        rl.addWidget(self.editor, 1)
        row = QHBoxLayout()
        row.addWidget(self.status, 1)
        row.addWidget(self.history_button)
        row.addWidget(self.save_button)
        rl.addLayout(row)
        split = QSplitter(self)
        split.addWidget(self.sections)
        split.addWidget(right)
        split.setStretchFactor(1, 3)
        layout = QVBoxLayout(self)
        layout.addWidget(split)
        self.autosave = AutosaveController(self.editor, self._save_draft)
        self.sections.currentRowChanged.connect(self._on_sections_current_row_changed)
        self._locked = False

    def load(self, d: ConferenceDetails) -> None:
        """Load (and create) the sections; keep the current one selected."""
        self._locked = d.record_locked
        keep = self._current.id if self._current else None
        self._sections = list(self._s.minutes.sections(self._cid))
        self.sections.blockSignals(True)
        self.sections.clear()
        for sec in self._sections:
            QListWidgetItem(self._title(sec), self.sections)
        self.sections.blockSignals(False)
        row = next((i for i, s in enumerate(self._sections) if s.id == keep), 0)
        self._current = None
        if self._sections:
            self.sections.setCurrentRow(row)
            self._show(row)
        _set_editable((self.editor, self.save_button), not self._locked)

    @staticmethod
    def _title(sec: SectionView) -> str:
        return f"{label(sec.key)} — {sec.child_name}" if sec.child_name else label(sec.key)

    def _on_sections_current_row_changed(self, row: int) -> None:
        self.autosave.flush()
        self._show(row)

    def _show(self, row: int) -> None:
        if not (0 <= row < len(self._sections)):
            return
        if self._current is not None and self._current.id == self._sections[row].id:
            return
        sec = self._s_refresh(self._sections[row])
        self._sections[row] = sec
        self._current = sec
        self.heading.setText(self._title(sec))
        self.autosave.suspend(True)
        self.editor.setPlainText(sec.draft_text if sec.draft_text is not None else sec.text)
        self.autosave.suspend(False)
        if sec.draft_text is not None and sec.draft_text != sec.text:
            self.autosave._dirty = False
            self.status.setText(
                QCoreApplication.translate("Workspace", "Unsaved draft from %1 restored.").replace(
                    "%1", fmt_datetime(sec.draft_saved_at)
                )
            )
        else:
            self.status.setText(QCoreApplication.translate("Workspace", "Saved") if sec.saved_at else "")

    def _s_refresh(self, sec: SectionView) -> SectionView:
        fresh = {s.id: s for s in self._s.minutes.sections(self._cid)}
        return fresh.get(sec.id, sec)

    def _save_draft(self, text: str) -> None:
        sec = self._current
        if sec is None or self._locked:
            return
        when = self._s.drafts.save("minutes_section", sec.id, "text", text, base_version=sec.version)
        self.status.setText(
            QCoreApplication.translate("Workspace", "Draft kept at %1").replace("%1", fmt_datetime(when))
        )

    def flush(self) -> None:
        """Write any pending draft now."""
        self.autosave.flush()

    def save(self) -> None:
        """Save the section as a new version (and drop its draft)."""
        sec = self._current
        if sec is None:
            return
        saved = _guard(self, lambda: self._s.minutes.save(sec.id, self.editor.toPlainText()))
        if saved is not None:
            self.autosave.mark_clean()
            self._current = saved
            idx = next(i for i, s in enumerate(self._sections) if s.id == saved.id)
            self._sections[idx] = saved
            self.status.setText(QCoreApplication.translate("Workspace", "Saved"))

    def select_section(self, section_id: str) -> None:
        """Show a section by id."""
        row = next((i for i, sec in enumerate(self._sections) if sec.id == section_id), -1)
        if row >= 0:
            self.sections.setCurrentRow(row)

    def next_section(self, step: int = 1) -> None:
        """Move to the next (or previous) section."""
        row = self.sections.currentRow() + step
        if 0 <= row < self.sections.count():
            self.sections.setCurrentRow(row)
            self.editor.setFocus()

    def history(self) -> None:
        """Show the saved versions of this section."""
        if self._current is not None:
            HistoryDialog(self._s.minutes.history(self._current.id), self).exec()

    def retranslate_ui(self) -> None:
        _retranslate_labels(self)
        for i, sec in enumerate(self._sections):
            self.sections.item(i).setText(self._title(sec))
        if self._current:
            self.heading.setText(self._title(self._current))


# =============================================================================================
# Decisions
# =============================================================================================


class DecisionsTab(_DraftTab):
    """Per child: views, dissent, consensus, the chair's decision, and finalising."""

    changed = Signal()

    def __init__(self, services: Services, conference_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._s, self._cid = services, conference_id
        self._view: DecisionView | None = None
        outer = QVBoxLayout(self)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        body = QWidget(scroll)
        scroll.setWidget(body)
        outer.addWidget(scroll)
        layout = QVBoxLayout(body)
        self.test_text = QLabel(body)
        self.test_text.setObjectName("decision_test")
        self.test_text.setWordWrap(True)
        self.test_text.setProperty(
            "source_text",
            QT_TRANSLATE_NOOP(
                "Workspace",
                "The test: is the child experiencing, or at risk of, abuse (physical, emotional, "
                "psychological, financial or sexual) or neglect? Practitioners decide, for each child separately.",
            ),
        )
        # fmt: skip
        self.test_text.setText(_tr(self.test_text.property("source_text")))
        layout.addWidget(self.test_text)
        form = QFormLayout()
        self.child = ChildPicker(body)
        _a11y(self.child, QT_TRANSLATE_NOOP("Workspace", "Child"), "decision_child")
        self.state = QLabel(body)
        self.state.setObjectName("decision_state")
        self.outcome = CodeCombo([], body, empty=True)
        _a11y(self.outcome, QT_TRANSLATE_NOOP("Workspace", "Outcome"), "decision_outcome")
        cats = QHBoxLayout()
        self.categories: dict[str, QCheckBox] = {}
        for c in Category:
            box = QCheckBox(label(c.value), body)
            box.setObjectName(f"decision_category_{c.value}")
            box.setAccessibleName(label(c.value))
            self.categories[c.value] = box
            cats.addWidget(box)
        self.coordinator = QLineEdit(body)
        _a11y(self.coordinator, QT_TRANSLATE_NOOP("Workspace", "Co-ordinator"), "decision_coordinator")
        self.rationale = QPlainTextEdit(body)
        self.rationale.setTabChangesFocus(True)
        _a11y(self.rationale, QT_TRANSLATE_NOOP("Workspace", "Rationale"), "decision_rationale")
        self.evidence = QPlainTextEdit(body)
        self.evidence.setTabChangesFocus(True)
        _a11y(self.evidence, QT_TRANSLATE_NOOP("Workspace", "Evidence, one item a line"), "decision_evidence")
        self.support_plan = QLineEdit(body)
        _a11y(self.support_plan, QT_TRANSLATE_NOOP("Workspace", "Support plan if not registered"),
              "decision_support_plan")  # fmt: skip
        self.change_evidence = QLineEdit(body)
        _a11y(self.change_evidence, QT_TRANSLATE_NOOP("Workspace", "Evidence of change (deregistration)"),
              "decision_change_evidence")  # fmt: skip
        _row(form, body, QT_TRANSLATE_NOOP("Workspace", "C&hild:"), self.child)
        _row(form, body, QT_TRANSLATE_NOOP("Workspace", "State:"), self.state)
        _row(form, body, QT_TRANSLATE_NOOP("Workspace", "&Outcome:"), self.outcome)
        form.addRow(_label(body, QT_TRANSLATE_NOOP("Workspace", "Categories:")), cats)
        _row(form, body, QT_TRANSLATE_NOOP("Workspace", "Co-or&dinator:"), self.coordinator)
        _row(form, body, QT_TRANSLATE_NOOP("Workspace", "&Rationale:"), self.rationale)
        _row(form, body, QT_TRANSLATE_NOOP("Workspace", "&Evidence:"), self.evidence)
        _row(form, body, QT_TRANSLATE_NOOP("Workspace", "Support plan:"), self.support_plan)
        _row(form, body, QT_TRANSLATE_NOOP("Workspace", "Evidence of change:"), self.change_evidence)
        layout.addLayout(form)
        self.views_box = QGroupBox(body)
        self.views_box.setProperty("source_text", QT_TRANSLATE_NOOP("Workspace", "Each present practitioner's view"))
        self.views_box.setTitle(_tr(self.views_box.property("source_text")))
        self.views_grid = QGridLayout(self.views_box)
        layout.addWidget(self.views_box)
        self.view_widgets: dict[str, tuple[CodeCombo, QLineEdit]] = {}
        self.consensus = QLabel(body)
        self.consensus.setObjectName("decision_consensus")
        layout.addWidget(self.consensus)
        chair = QHBoxLayout()
        self.chair_decided = _check(body, QT_TRANSLATE_NOOP("Workspace", "The c&hair decides (no consensus)"),
                                    "decision_chair_decided")  # fmt: skip
        self.chair_reason = QLineEdit(body)
        _a11y(self.chair_reason, QT_TRANSLATE_NOOP("Workspace", "Chair's reason"), "decision_chair_reason")
        chair.addWidget(self.chair_decided)
        chair.addWidget(self.chair_reason, 1)
        layout.addLayout(chair)
        self.problems = QLabel(body)
        self.problems.setObjectName("decision_problems")
        self.problems.setWordWrap(True)
        layout.addWidget(self.problems)
        buttons = QHBoxLayout()
        self.save_button = _button(body, QT_TRANSLATE_NOOP("Workspace", "&Save decision"), self.save, "decision_save")
        self.finalise_button = _button(body, QT_TRANSLATE_NOOP("Workspace", "&Finalise…"), self.finalise,
                                       "decision_finalise")  # fmt: skip
        self.why_not = QLabel(body)
        self.why_not.setObjectName("decision_why_not")
        self.why_not.setWordWrap(True)
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.finalise_button)
        buttons.addWidget(self.why_not, 1)
        layout.addLayout(buttons)
        layout.addStretch(1)
        self.child.currentIndexChanged.connect(lambda _i: self.show_child())
        self._editors: list[QWidget] = [self.outcome, self.coordinator, self.rationale, self.evidence,
                                        self.support_plan, self.change_evidence, self.chair_decided, self.chair_reason,
                                        *self.categories.values()]  # fmt: skip
        self._init_drafts(services)
        self.link = _LinkKeys(services, conference_id, self.child)
        self._texts: tuple[tuple[TextField, str], ...] = (
            (self.coordinator, "coordinator_name"), (self.rationale, "rationale"), (self.evidence, "evidence"),
            (self.support_plan, "plan_if_not_registered"), (self.change_evidence, "evidence_of_change"),
            (self.chair_reason, "chair_decision_reason"),
        )  # fmt: skip
        for w, field in self._texts:
            self.drafts.add(w, "decision", field, self.link)

    def load(self, d: ConferenceDetails) -> None:
        """Fill the child picker and show the first child's decision."""
        self.child.set_items([(c.id, c.name) for c in d.children])
        self.show_child()

    def show_child(self) -> None:
        """Show the chosen child's decision."""
        cid = self.child.item_id()
        if cid is None:
            return
        self._show(self._s.decisions.get(self._cid, cid))

    def _show(self, v: DecisionView) -> None:
        """Show a decision (typed, unsaved text comes back from its draft)."""
        self.drafts.flush()
        with self.drafts.loading():
            self._show_decision(v)
        self._restore_drafts()
        self._refresh_state()

    def _show_decision(self, v: DecisionView) -> None:
        self._view = v
        self.outcome.set_codes(v.allowed_outcomes)
        self.outcome.set_code(v.outcome)
        for code, box in self.categories.items():
            box.setChecked(code in v.categories)
        self.coordinator.setText(v.coordinator_name)
        self.rationale.setPlainText(v.rationale)
        self.evidence.setPlainText(v.evidence)
        self.support_plan.setText(v.plan_if_not_registered)
        self.change_evidence.setText(v.evidence_of_change)
        self.chair_decided.setChecked(v.chair_decided)
        self.chair_reason.setText(v.chair_decision_reason)
        # one row per present practitioner
        while self.views_grid.count():
            item = self.views_grid.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                if isinstance(widget, QLineEdit):
                    self.drafts.remove(widget)
                widget.hide()  # out of the layout now; hidden so it never shows at a stale place
                widget.deleteLater()
        self.view_widgets.clear()
        previous: QWidget = self.change_evidence
        for i, row in enumerate(v.views):
            name = QLabel(f"{row.name} ({label(row.agency)})", self.views_box)
            combo = CodeCombo([k.value for k in PractitionerViewKind], self.views_box, empty=True)
            combo.setObjectName(f"view_{i}")
            combo.setAccessibleName(QCoreApplication.translate("Workspace", "View of %1").replace("%1", row.name))
            combo.set_code(row.view)
            name.setBuddy(combo)
            dissent = QLineEdit(row.dissent, self.views_box)
            dissent.setObjectName(f"dissent_{i}")
            dissent.setAccessibleName(QCoreApplication.translate("Workspace", "Dissent of %1").replace("%1", row.name))
            dissent.setPlaceholderText(QCoreApplication.translate("Workspace", "Dissent: why they disagree"))
            self.views_grid.addWidget(name, i, 0)
            self.views_grid.addWidget(combo, i, 1)
            self.views_grid.addWidget(dissent, i, 2)
            self.view_widgets[row.attendance_id] = (combo, dissent)
            self.drafts.add(dissent, DISSENT, row.attendance_id, self.link)
            # Rows made now would otherwise come last in the window's tab order (after Finalise).
            QWidget.setTabOrder(previous, combo)
            QWidget.setTabOrder(combo, dissent)
            previous = dissent

    def _refresh_state(self) -> None:
        v = self._view
        if v is None:
            return
        self.state.setText(label(v.state))
        self.consensus.setText(
            QCoreApplication.translate("Workspace", "Consensus: yes")
            if v.consensus and v.views
            else QCoreApplication.translate("Workspace", "Consensus: no")
        )
        self.problems.setText("\n".join("• " + problem_text(p.code, p.params) for p in v.problems))
        editable = not v.locked and v.can_record.allowed
        _set_editable([*self._editors, *(w for pair in self.view_widgets.values() for w in pair), self.save_button],
                      editable)  # fmt: skip
        can = v.can_finalise.allowed and not v.locked
        self.finalise_button.setEnabled(can and not v.blocking)
        if not v.can_finalise.allowed:
            self.why_not.setText(problem_text(v.can_finalise.code or "role_not_permitted"))
        elif v.locked:
            awaiting = QCoreApplication.translate(
                "Workspace", "This decision is read-only. It awaits the register's confirmation, which sync will bring."
            )
            self.why_not.setText(awaiting if v.awaiting_register else "")
        elif v.blocking:
            self.why_not.setText(
                QCoreApplication.translate("Workspace", "Complete the items listed above to finalise.")
            )
        else:
            self.why_not.setText("")
        self.why_not.setProperty("code", v.can_finalise.code or "")

    def save(self) -> DecisionView | None:
        """Save the decision fields, then each practitioner's view and dissent."""
        v = self._view
        if v is None:
            return None
        cid = v.child_id
        changes = {
            "outcome": self.outcome.code(),
            "categories": [c for c, b in self.categories.items() if b.isChecked()],
            "coordinator_name": self.coordinator.text(),
            "rationale": self.rationale.toPlainText(),
            "evidence": self.evidence.toPlainText(),
            "plan_if_not_registered": self.support_plan.text(),
            "evidence_of_change": self.change_evidence.text(),
            "chair_decided": self.chair_decided.isChecked(),
            "chair_decision_reason": self.chair_reason.text(),
        }

        def work() -> DecisionView:
            result = self._s.decisions.save(self._cid, cid, changes)
            before = {r.attendance_id: r for r in result.views}
            for att_id, (combo, dissent) in self.view_widgets.items():
                code = combo.code()
                old = before.get(att_id)
                if code and (old is None or old.view != code):
                    result = self._s.decisions.set_view(self._cid, cid, att_id, PractitionerViewKind(code))
                if old is None or dissent.text().strip() != old.dissent:
                    result = self._s.decisions.set_dissent(self._cid, cid, att_id, dissent.text())
            return result

        result = _guard(self, work)
        if result is not None:
            self.drafts.mark_clean()
            self._show(result)
            self.changed.emit()
        return result

    def finalise(self) -> None:
        """Save, show exactly what will be locked, and finalise when the chair confirms."""
        v = self._view
        if v is None or not v.can_finalise.allowed:
            return
        if not v.locked and v.can_record.allowed and self.save() is None:
            return
        preview = _guard(self, lambda: self._s.decisions.finalise_preview(self._cid, v.child_id))
        if preview is None:
            return
        dialog = FinaliseDialog(preview, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self._finalise_confirmed(preview.decision.child_id, preview.content_sha256))
        dialog.open()

    def _finalise_confirmed(self, child_id: str, digest: str) -> None:
        result = _guard(self, lambda: self._s.decisions.finalise(self._cid, child_id, digest))
        if result is not None:
            if self.child.item_id() == child_id:
                self._show(result)
            self.changed.emit()

    def clear_content(self) -> None:
        """Empty the text fields (lock screen); pending text is written as a draft first."""
        self.drafts.flush()
        self.rationale.clear()
        self.evidence.clear()
        for line in (self.coordinator, self.support_plan, self.change_evidence, self.chair_reason):
            line.clear()

    def retranslate_ui(self) -> None:
        _retranslate_labels(self)
        for code, box in self.categories.items():
            box.setText(label(code))
            box.setAccessibleName(label(code))
        if self._view is not None:
            # Only the words change: no reload, so unsaved choices and typed text stay as they are.
            for i, row in enumerate(self._view.views):
                item = self.views_grid.itemAtPosition(i, 0)
                name = item.widget() if item is not None else None
                if isinstance(name, QLabel):
                    name.setText(f"{row.name} ({label(row.agency)})")
                combo, dissent = self.view_widgets.get(row.attendance_id, (None, None))
                if combo is not None and dissent is not None:
                    combo.setAccessibleName(
                        QCoreApplication.translate("Workspace", "View of %1").replace("%1", row.name)
                    )
                    dissent.setAccessibleName(
                        QCoreApplication.translate("Workspace", "Dissent of %1").replace("%1", row.name)
                    )
                    dissent.setPlaceholderText(QCoreApplication.translate("Workspace", "Dissent: why they disagree"))
            self._refresh_state()


# =============================================================================================
# Outline plan and distribution
# =============================================================================================

ACTION_COLUMNS = (
    Column(QT_TRANSLATE_NOOP("Columns", "Action"), lambda r: r.description),
    Column(QT_TRANSLATE_NOOP("Columns", "Owner"), lambda r: r.owner),
    Column(QT_TRANSLATE_NOOP("Columns", "Due"), lambda r: fmt_date(r.due_on)),
)
MEMBER_COLUMNS = (
    Column(QT_TRANSLATE_NOOP("Columns", "Name"), lambda r: r.name),
    Column(QT_TRANSLATE_NOOP("Columns", "Agency"), lambda r: label(r.agency) if r.agency else ""),
)
RECIPIENT_COLUMNS = (
    Column(QT_TRANSLATE_NOOP("Columns", "Recipient"), lambda r: r.recipient_name),
    Column(QT_TRANSLATE_NOOP("Columns", "Copy"),
           lambda r: QCoreApplication.translate("Workspace", "Full copy") if r.full_copy
           else QCoreApplication.translate("Workspace", "Partial copy")),
    Column(QT_TRANSLATE_NOOP("Columns", "Language"), lambda r: label(r.language)),
    Column(QT_TRANSLATE_NOOP("Columns", "Sent"), lambda r: fmt_date(r.sent_on)),
)  # fmt: skip


def _table(parent: QWidget, model: DtoTableModel, source: str, name: str) -> QTableView:
    t = QTableView(parent)
    _a11y(t, source, name)
    t.setModel(model)
    t.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    fit_columns(t, stretch=0)  # the first column (action, member, recipient) is the long text
    # Room for a few rows even when the text boxes above want the height.
    t.setMinimumHeight(t.horizontalHeader().sizeHint().height() + 3 * t.verticalHeader().defaultSectionSize() + 4)
    t.setTabKeyNavigation(False)
    return t


class PlanTab(_DraftTab):
    """Outline plan: risks, keeping safe, contingency; actions with owner and date; the core group."""

    changed = Signal()

    def __init__(self, services: Services, conference_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._s, self._cid = services, conference_id
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.child = ChildPicker(self)
        _a11y(self.child, QT_TRANSLATE_NOOP("Workspace", "Child"), "plan_child")
        self.risks = QPlainTextEdit(self)
        self.risks.setTabChangesFocus(True)
        _a11y(self.risks, QT_TRANSLATE_NOOP("Workspace", "Risks of harm"), "plan_risks")
        self.keeping_safe = QPlainTextEdit(self)
        self.keeping_safe.setTabChangesFocus(True)
        _a11y(self.keeping_safe, QT_TRANSLATE_NOOP("Workspace", "How the plan keeps the child safe"), "plan_safe")
        self.first_cg = OptionalDateEdit(self)
        _a11y(self.first_cg, QT_TRANSLATE_NOOP("Workspace", "First core group meeting"), "plan_first_core_group")
        self.first_due = QLabel(self)
        self.first_due.setObjectName("plan_first_due")
        _row(form, self, QT_TRANSLATE_NOOP("Workspace", "C&hild:"), self.child)
        _row(form, self, QT_TRANSLATE_NOOP("Workspace", "&Risks:"), self.risks)
        _row(form, self, QT_TRANSLATE_NOOP("Workspace", "&Keeping safe:"), self.keeping_safe)
        _row(form, self, QT_TRANSLATE_NOOP("Workspace", "First &core group:"), self.first_cg)
        form.addRow("", self.first_due)
        layout.addLayout(form)
        self.save_button = _button(self, QT_TRANSLATE_NOOP("Workspace", "&Save plan"), self.save, "plan_save")
        layout.addWidget(self.save_button, 0, Qt.AlignmentFlag.AlignLeft)
        self.actions_model = DtoTableModel(ACTION_COLUMNS, self)
        layout.addWidget(_table(self, self.actions_model, QT_TRANSLATE_NOOP("Workspace", "Plan actions"),
                                "plan_actions"))  # fmt: skip
        row = QHBoxLayout()
        self.action_text = QLineEdit(self)
        _a11y(self.action_text, QT_TRANSLATE_NOOP("Workspace", "Action"), "plan_action_text")
        self.action_owner = QLineEdit(self)
        _a11y(self.action_owner, QT_TRANSLATE_NOOP("Workspace", "Owner"), "plan_action_owner")
        self.action_due = OptionalDateEdit(self)
        _a11y(self.action_due, QT_TRANSLATE_NOOP("Workspace", "Due date"), "plan_action_due")
        row.addWidget(_hint(self.action_text), 2)
        row.addWidget(_hint(self.action_owner), 1)
        row.addWidget(self.action_due)
        self.add_action_button = _button(self, QT_TRANSLATE_NOOP("Workspace", "Add &action"), self.add_action,
                                         "plan_add_action")  # fmt: skip
        row.addWidget(self.add_action_button)
        layout.addLayout(row)
        self.members_model = DtoTableModel(MEMBER_COLUMNS, self)
        layout.addWidget(_table(self, self.members_model, QT_TRANSLATE_NOOP("Workspace", "Core group"),
                                "plan_members"))  # fmt: skip
        row2 = QHBoxLayout()
        self.member_name = QLineEdit(self)
        _a11y(self.member_name, QT_TRANSLATE_NOOP("Workspace", "Core group member"), "plan_member_name")
        self.member_agency = CodeCombo([a.value for a in AgencyGrouping], self, empty=True)
        _a11y(self.member_agency, QT_TRANSLATE_NOOP("Workspace", "Member's agency"), "plan_member_agency")
        row2.addWidget(_hint(self.member_name), 2)
        row2.addWidget(self.member_agency, 1)
        self.add_member_button = _button(self, QT_TRANSLATE_NOOP("Workspace", "Add &member"), self.add_member,
                                         "plan_add_member")  # fmt: skip
        row2.addWidget(self.add_member_button)
        layout.addLayout(row2)
        self.child.currentIndexChanged.connect(lambda _i: self.show_child())
        self._init_drafts(services)
        self.link = _LinkKeys(services, conference_id, self.child)
        self.drafts.add(self.risks, "outline_plan", "risks", self.link)
        self.drafts.add(self.keeping_safe, "outline_plan", "keeping_safe", self.link)
        for w, field in (
            (self.action_text, "new_action_text"),
            (self.action_owner, "new_action_owner"),
            (self.member_name, "new_member_name"),
        ):
            self.drafts.add(w, CONFERENCE, field, lambda: self._cid)  # fmt: skip

    def load(self, d: ConferenceDetails) -> None:
        """Fill the child picker (read-only once the record is approved)."""
        self.child.set_items([(c.id, c.name) for c in d.children])
        self.show_child()
        _set_editable((self.risks, self.keeping_safe, self.first_cg, self.save_button, self.action_text,
                       self.action_owner, self.action_due, self.add_action_button, self.member_name,
                       self.member_agency, self.add_member_button), not d.record_locked)  # fmt: skip

    def show_child(self) -> None:
        """Show the chosen child's plan (typed, unsaved text comes back from its draft)."""
        cid = self.child.item_id()
        if cid is None:
            return
        self.drafts.flush()
        with self.drafts.loading():
            self._show_plan(self._s.plan.get(self._cid, cid))
        self._restore_drafts()

    def _show_plan(self, p: Any) -> None:
        self.risks.setPlainText(p.texts.get("risks", ""))
        self.keeping_safe.setPlainText(p.texts.get("keeping_safe", ""))
        self.first_cg.set_value(p.first_core_group_on)
        self._due = p.first_core_group_due
        due = QCoreApplication.translate("Workspace", "Due by %1 (10 working days after the conference)")
        self.first_due.setText(due.replace("%1", fmt_date(p.first_core_group_due)))
        self.actions_model.set_rows(p.actions)
        self.members_model.set_rows(p.members)

    def save(self) -> None:
        """Save the plan's texts and first core group date."""
        cid = self.child.item_id()
        if cid is None:
            return
        changes = {"risks": self.risks.toPlainText(), "keeping_safe": self.keeping_safe.toPlainText(),
                   "first_core_group_on": self.first_cg.value()}  # fmt: skip
        if _guard(self, lambda: self._s.plan.save(self._cid, cid, changes)) is not None:
            self.drafts.mark_clean([self.risks, self.keeping_safe])
            self.changed.emit()

    def add_action(self) -> None:
        """Add an action with its owner and due date."""
        cid = self.child.item_id()
        ok = _guard(
            self,
            lambda: self._s.plan.add_action(
                self._cid, cid, self.action_text.text(), self.action_owner.text(), self.action_due.value()
            ),
        )
        # fmt: skip
        if ok is not None:
            self.drafts.discard([self.action_text, self.action_owner])
            self.action_text.clear()
            self.show_child()
            self.changed.emit()

    def add_member(self) -> None:
        """Name a core group member."""
        cid = self.child.item_id()
        ok = _guard(self, lambda: self._s.plan.add_member(self._cid, cid, self.member_name.text(),
                                                          self.member_agency.code()))  # fmt: skip
        if ok is not None:
            self.drafts.discard([self.member_name])
            self.member_name.clear()
            self.show_child()

    def retranslate_ui(self) -> None:
        _retranslate_labels(self)
        self.actions_model.retranslate()
        self.members_model.retranslate()
        if self.child.item_id() and getattr(self, "_due", None) is not None:
            # Only the words change: no reload, so an unsaved date or typed text stays as it is.
            due = QCoreApplication.translate("Workspace", "Due by %1 (10 working days after the conference)")
            self.first_due.setText(due.replace("%1", fmt_date(self._due)))


class DistributionTab(_DraftTab):
    """Recipients with full or partial copy, language and the date sent."""

    def __init__(self, services: Services, conference_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._s, self._cid = services, conference_id
        layout = QVBoxLayout(self)
        self.model = DtoTableModel(RECIPIENT_COLUMNS, self)
        self.table = _table(self, self.model, QT_TRANSLATE_NOOP("Workspace", "Recipients"), "distribution_table")
        layout.addWidget(self.table)
        row = QHBoxLayout()
        self.name = QLineEdit(self)
        _a11y(self.name, QT_TRANSLATE_NOOP("Workspace", "Recipient"), "distribution_name")
        self.full = _check(self, QT_TRANSLATE_NOOP("Workspace", "F&ull copy"), "distribution_full")
        self.full.setChecked(True)
        self.language = CodeCombo(["en", "cy"], self)
        _a11y(self.language, QT_TRANSLATE_NOOP("Workspace", "Language of the copy"), "distribution_language")
        row.addWidget(_hint(self.name), 2)
        row.addWidget(self.full)
        row.addWidget(self.language)
        row.addWidget(_button(self, QT_TRANSLATE_NOOP("Workspace", "Add &recipient"), self.add, "distribution_add"))
        layout.addLayout(row)
        self.sent_button = _button(self, QT_TRANSLATE_NOOP("Workspace", "Mark selected as sent &today"),
                                   self.mark_sent, "distribution_sent")  # fmt: skip
        layout.addWidget(self.sent_button, 0, Qt.AlignmentFlag.AlignLeft)
        self._init_drafts(services)
        self.drafts.add(self.name, CONFERENCE, "new_recipient_name", lambda: self._cid)

    def load(self, d: ConferenceDetails) -> None:
        """Show the list."""
        self.model.set_rows(self._s.distribution.list(self._cid))
        self.sent_button.setEnabled(d.record_approved_at is not None)
        self._restore_drafts()

    def add(self) -> None:
        """Add a recipient."""
        ok = _guard(self, lambda: self._s.distribution.add(self._cid, self.name.text(), full_copy=self.full.isChecked(),
                                                           language=self.language.code() or "en"))  # fmt: skip
        if ok is not None:
            self.drafts.discard([self.name])
            self.name.clear()
            self.model.set_rows(self._s.distribution.list(self._cid))

    def mark_sent(self) -> None:
        """Record that the selected recipient's copy went today."""
        idx = self.table.currentIndex()
        if not idx.isValid():
            return
        row = self.model.row_at(idx.row())
        if _guard(self, lambda: self._s.distribution.mark_sent(row.id, self._s.ctx.today())) is not None:
            self.model.set_rows(self._s.distribution.list(self._cid))

    def retranslate_ui(self) -> None:
        _retranslate_labels(self)
        self.model.retranslate()


# =============================================================================================
# The workspace
# =============================================================================================

TAB_TITLES = (
    QT_TRANSLATE_NOOP("Workspace", "De&tails"),
    QT_TRANSLATE_NOOP("Workspace", "&Attendance"),
    QT_TRANSLATE_NOOP("Workspace", "Child's &voice"),
    QT_TRANSLATE_NOOP("Workspace", "&Minutes"),
    QT_TRANSLATE_NOOP("Workspace", "D&ecisions"),
    QT_TRANSLATE_NOOP("Workspace", "Outline &plan"),
    QT_TRANSLATE_NOOP("Workspace", "Distri&bution"),
)


def _documents_available() -> bool:
    import importlib.util

    return importlib.util.find_spec("desktop.ui.documents") is not None


class ConferenceWorkspace(QWidget):
    """One open conference: a header with its state and the chair's actions, and the tabs."""

    # ---- Signals
    changed = Signal()
    """Something that the lists show changed (status, due date)."""

    def __init__(self, services: Services, conference_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("conference_workspace")
        self._s = services
        self.conference_id = conference_id
        layout = QVBoxLayout(self)
        head = QHBoxLayout()
        self.title = QLabel(self)
        self.title.setObjectName("workspace_title")
        self.title.setWordWrap(True)
        f = self.title.font()
        f.setPointSizeF(f.pointSizeF() * 1.25)
        f.setBold(True)
        self.title.setFont(f)
        self.approve_button = _button(self, QT_TRANSLATE_NOOP("Workspace", "Appro&ve record…"), self.approve,
                                      "approve_record")  # fmt: skip
        self.documents_button = _button(self, QT_TRANSLATE_NOOP("Workspace", "Documents…"), self.documents,
                                        "documents")  # fmt: skip
        self.approve_reason = QLabel(self)
        self.approve_reason.setObjectName("approve_why_not")
        self.approve_reason.setWordWrap(True)
        head.addWidget(self.title, 1)
        head.addWidget(self.documents_button)
        head.addWidget(self.approve_button)
        layout.addLayout(head)
        layout.addWidget(self.approve_reason)
        self.draft_note = QLabel(self)
        self.draft_note.setObjectName("draft_note")
        self.draft_note.setWordWrap(True)
        layout.addWidget(self.draft_note)
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("workspace_tabs")
        self.tabs.setAccessibleName(QCoreApplication.translate("Workspace", "Conference sections"))
        self.details = DetailsTab(services, conference_id, self)
        self.attendance = AttendanceTab(services, conference_id, self)
        self.voice = VoiceTab(services, conference_id, self)
        self.minutes = MinutesTab(services, conference_id, self)
        self.decisions = DecisionsTab(services, conference_id, self)
        self.plan = PlanTab(services, conference_id, self)
        self.distribution = DistributionTab(services, conference_id, self)
        self._tabs: list[Any] = [self.details, self.attendance, self.voice, self.minutes, self.decisions, self.plan,
                      self.distribution]  # fmt: skip
        for tab, title in zip(self._tabs, TAB_TITLES, strict=True):
            self.tabs.addTab(tab, _tr(title))
        layout.addWidget(self.tabs, 1)
        self._connect_signals()
        self._details: ConferenceDetails | None = None
        self.reload()

    def _connect_signals(self) -> None:
        for tab in self._draft_tabs():
            tab.drafts_restored.connect(self._on_drafts_restored)
        self.details.saved.connect(self._on_child_changed)
        self.attendance.changed.connect(self._on_child_changed)
        self.decisions.changed.connect(self._on_child_changed)
        self.plan.changed.connect(self._on_plan_changed)
        self.tabs.currentChanged.connect(self._on_tabs_current_changed)

    def _on_child_changed(self) -> None:
        self.reload(keep_tabs=True)
        self.changed.emit()

    def _on_plan_changed(self) -> None:
        self.decisions.show_child()

    def _draft_tabs(self) -> list[_DraftTab]:
        return [t for t in self._tabs if isinstance(t, _DraftTab)]

    def _on_drafts_restored(self) -> None:
        self.draft_note.setText(QCoreApplication.translate(
            "Workspace", "Unsaved text was put back into its fields. It stays a draft until you save it."))  # fmt: skip

    def _on_tabs_current_changed(self, index: int) -> None:
        self.flush()
        if self._tabs[index] is self.decisions:
            self.decisions.show_child()

    def reload(self, keep_tabs: bool = False) -> None:
        """Re-read the conference and refresh every tab."""
        d = self._s.conferences.details(self.conference_id)
        self._details = d
        for tab in self._tabs:
            if keep_tabs and tab is self.minutes:
                continue
            tab.load(d)
        if keep_tabs:
            self.minutes._locked = d.record_locked
            _set_editable((self.minutes.editor, self.minutes.save_button), not d.record_locked)
        self._show_header()

    def _show_header(self) -> None:
        d = self._details
        if d is None:
            return
        # Reference, type and status only: no personal data in titles (also used for the window title).
        self.title.setText(f"{d.reference} — {label(d.type)} — {label(d.status)}")
        approvable = d.status in ("in_progress", "record_drafted")
        self.approve_button.setEnabled(d.can_approve.allowed and approvable)
        # An approved record says so to everyone: who may approve no longer matters once it is done.
        if d.record_locked:
            approved = QCoreApplication.translate("Workspace", "The record was approved on %1.")
            self.approve_reason.setText(approved.replace("%1", fmt_datetime(d.record_approved_at)))
        elif not d.can_approve.allowed:
            self.approve_reason.setText(problem_text(d.can_approve.code or "role_not_permitted"))
        else:
            self.approve_reason.setText("")
        self.approve_reason.setProperty("code", "" if d.record_locked else d.can_approve.code or "")
        self.approve_reason.setVisible(bool(self.approve_reason.text()))  # no blank line under the title
        self.documents_button.setEnabled(_documents_available())

    @property
    def details_dto(self) -> ConferenceDetails | None:
        """The details last shown."""
        return self._details

    def save_current(self) -> None:
        """Ctrl+S: save the current tab."""
        tab = self.tabs.currentWidget()
        save = getattr(tab, "save", None)
        if callable(save):
            save()

    def next_section(self, step: int = 1) -> None:
        """Next section in the minutes, otherwise the next tab."""
        if self.tabs.currentWidget() is self.minutes:
            self.minutes.next_section(step)
        else:
            self.tabs.setCurrentIndex((self.tabs.currentIndex() + step) % self.tabs.count())

    def finalise_current(self) -> None:
        """Ctrl+Shift+F: finalise the shown child's decision."""
        self.tabs.setCurrentWidget(self.decisions)
        self.decisions.finalise()

    def approve(self) -> None:
        """The chair approves the record once every decision is finalised."""
        d = self._details
        if d is None:
            return
        if not d.can_approve.allowed:
            messages.inform(self, problem_text(d.can_approve.code or "role_not_permitted"))
            return
        question = QCoreApplication.translate(
            "Workspace", "Approve the record? Its text cannot change afterwards; it can then be distributed."
        )
        if not messages.confirm(
            self,
            QCoreApplication.translate("Workspace", "Approve the record"),
            question,
            QCoreApplication.translate("Workspace", "Approve"),
        ):
            return
        self.minutes.flush()
        result = _guard(self, lambda: self._s.conferences.approve_record(self.conference_id))
        if result is not None:
            self.reload()
            self.changed.emit()

    def documents(self) -> None:
        """Open the documents dialog (the documents module is imported only now: reportlab is heavy)."""
        try:
            from desktop.services.documents import DocumentService
            from desktop.ui.documents import DocumentsDialog
        except ImportError:
            logger.warning("documents module not available")
            return
        from desktop.ui.tasks import TaskRunner

        runner = getattr(self.window(), "task_runner", None)
        if not isinstance(runner, TaskRunner):
            runner = TaskRunner(self)
        DocumentsDialog(self.conference_id, DocumentService(self._s.ctx), runner, self).exec()

    def flush(self) -> None:
        """Write every pending draft (before locking, closing or switching language)."""
        self.minutes.flush()
        for tab in self._draft_tabs():
            tab.drafts.flush()

    def show_draft(self, entity: str, entity_id: str, field: str) -> None:
        """Bring the field a recovered draft belongs to into view (the draft is already in it)."""
        if entity == "minutes_section":
            self.tabs.setCurrentWidget(self.minutes)
            self.minutes.select_section(entity_id)
            return
        per_child: dict[str, Any] = {"child_voice": self.voice, "decision": self.decisions, DISSENT: self.decisions,
                                     "outline_plan": self.plan}  # fmt: skip
        tab = per_child.get(entity)
        if tab is not None:
            tab.link.select(entity_id)
        elif field == "venue":
            tab = self.details
        elif field.startswith(("new_action", "new_member")):
            tab = self.plan
        elif field == "new_recipient_name":
            tab = self.distribution
        else:
            tab = self.attendance
        self.tabs.setCurrentWidget(tab)

    def retranslate_ui(self) -> None:
        """Every label in the new language; typed text is untouched."""
        _retranslate_labels(self)
        for i, title in enumerate(TAB_TITLES):
            self.tabs.setTabText(i, _tr(title))
        self.tabs.setAccessibleName(QCoreApplication.translate("Workspace", "Conference sections"))
        for tab in self._tabs:
            tab.retranslate_ui()
        self._show_header()
