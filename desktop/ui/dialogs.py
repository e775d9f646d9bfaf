"""Dialogs: new conference, finalise confirmation, version history, passphrase, unlock PIN and
Help → Keyboard shortcuts."""

from __future__ import annotations

import datetime as dt
import json
import logging
from collections.abc import Sequence

from PySide6.QtCore import QCoreApplication, QDate, QDateTime, Qt, QTime
from PySide6.QtWidgets import (
    QCheckBox,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.services.base import LOCAL_ZONE
from desktop.services.children import ChildRow
from desktop.services.conferences import NewConference, UserRef
from desktop.services.decisions import FinalisePreview
from desktop.services.minutes import VersionView
from desktop.ui.labels import label
from desktop.ui.models import fmt_datetime
from desktop.ui.widgets import CodeCombo, ItemCombo, OptionalDateEdit, buddy
from sync.protocol.enums import ConferenceType, MinutingMode, VenueMode

logger = logging.getLogger(__name__)


def _buttons(dialog: QDialog, ok_text: str) -> QDialogButtonBox:
    box = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, dialog)
    box.button(QDialogButtonBox.StandardButton.Ok).setText(ok_text)
    cancel = QCoreApplication.translate("Dialogs", "Cancel")
    box.button(QDialogButtonBox.StandardButton.Cancel).setText(cancel)
    box.button(QDialogButtonBox.StandardButton.Ok).setAccessibleName(ok_text.replace("&", ""))
    box.button(QDialogButtonBox.StandardButton.Cancel).setAccessibleName(cancel)
    box.accepted.connect(dialog.accept)
    box.rejected.connect(dialog.reject)
    return box


class NewConferenceDialog(QDialog):
    """Schedules a conference: type, date, children, anchor, seats."""

    def __init__(
        self, children: Sequence[ChildRow], users: Sequence[UserRef], parent: QWidget | None = None,
        *, now: dt.datetime | None = None,
    ) -> None:  # fmt: skip
        super().__init__(parent)
        self.setObjectName("new_conference_dialog")
        self.setWindowTitle(self.tr("New conference"))
        form = QFormLayout()
        self.type_combo = CodeCombo([t.value for t in ConferenceType], self)
        self.type_combo.setAccessibleName(self.tr("Conference type"))
        self.unborn = QCheckBox(self.tr("The subject is an &unborn child"), self)
        self.unborn.setAccessibleName(self.tr("Unborn child"))
        self.when = QDateTimeEdit(self)
        self.when.setCalendarPopup(True)
        start = (now or dt.datetime.now(dt.UTC)).astimezone(LOCAL_ZONE)  # the wall clock in Wales
        self.when.setDateTime(QDateTime(QDate(start.year, start.month, start.day), QTime(start.hour, start.minute)))
        self.when.setAccessibleName(self.tr("Date and time"))
        self.anchor = OptionalDateEdit(self)
        self.anchor.setAccessibleName(self.tr("Strategy discussion or previous conference date"))
        self.venue = QLineEdit(self)
        self.venue.setAccessibleName(self.tr("Place"))
        self.mode = CodeCombo([v.value for v in VenueMode], self)
        self.mode.setAccessibleName(self.tr("In person or remote"))
        self.language = CodeCombo(["en", "cy", "other"], self)
        self.language.setAccessibleName(self.tr("Language of the conference"))
        self.chair = ItemCombo(self)
        self.chair.set_items([(u.id, u.name) for u in users], empty=True)
        self.chair.setAccessibleName(self.tr("Chair"))
        self.minute_taker = ItemCombo(self)
        self.minute_taker.set_items([(u.id, u.name) for u in users], empty=True)
        self.minute_taker.setAccessibleName(self.tr("Minute-taker"))
        self.minuting = CodeCombo([m.value for m in MinutingMode], self)
        self.minuting.setAccessibleName(self.tr("Minuting"))
        self.children_list = QListWidget(self)
        self.children_list.setAccessibleName(self.tr("Children considered"))
        for c in children:
            item = QListWidgetItem(c.name, self.children_list)
            item.setData(Qt.ItemDataRole.UserRole, c.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
        form.addRow(buddy(QLabel(self.tr("&Type:"), self), self.type_combo), self.type_combo)
        form.addRow("", self.unborn)
        form.addRow(buddy(QLabel(self.tr("&Date and time:"), self), self.when), self.when)
        anchor_label = QLabel(self.tr("&Strategy discussion / previous conference:"), self)
        form.addRow(buddy(anchor_label, self.anchor), self.anchor)
        form.addRow(buddy(QLabel(self.tr("&Place:"), self), self.venue), self.venue)
        form.addRow(buddy(QLabel(self.tr("In person or &remote:"), self), self.mode), self.mode)
        form.addRow(buddy(QLabel(self.tr("&Language:"), self), self.language), self.language)
        form.addRow(buddy(QLabel(self.tr("C&hair:"), self), self.chair), self.chair)
        form.addRow(buddy(QLabel(self.tr("&Minute-taker:"), self), self.minute_taker), self.minute_taker)
        form.addRow(buddy(QLabel(self.tr("M&inuting:"), self), self.minuting), self.minuting)
        form.addRow(buddy(QLabel(self.tr("&Children considered:"), self), self.children_list), self.children_list)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        self.buttons = _buttons(self, self.tr("&Schedule"))
        layout.addWidget(self.buttons)

    def value(self) -> NewConference:
        """What the user entered."""
        kind = ConferenceType(self.type_combo.code() or "initial")
        anchor = self.anchor.value()
        when = self.when.dateTime().toPython()
        assert isinstance(when, dt.datetime)
        ids = [
            str(self.children_list.item(i).data(Qt.ItemDataRole.UserRole))
            for i in range(self.children_list.count())
            if self.children_list.item(i).checkState() == Qt.CheckState.Checked
        ]
        return NewConference(
            type=kind,
            scheduled_for=when.replace(tzinfo=LOCAL_ZONE).astimezone(dt.UTC),  # typed in Wales's time
            child_ids=ids,
            subject_is_unborn=self.unborn.isChecked(),
            venue=self.venue.text(),
            venue_mode=VenueMode(self.mode.code() or "in_person"),
            language=self.language.code() or "en",
            strategy_discussion_on=anchor if kind is ConferenceType.INITIAL else None,
            previous_conference_on=anchor if kind is ConferenceType.REVIEW else None,
            transfer_notified_on=anchor if kind is ConferenceType.TRANSFER_IN else None,
            chair_user_id=self.chair.item_id(),
            minute_taker_user_id=self.minute_taker.item_id(),
            minuting_mode=MinutingMode(self.minuting.code() or "separate_record_taker"),
        )


class ShortcutsDialog(QDialog):
    """Help → Keyboard shortcuts: every action's keys and the standard ones, in the interface language."""

    def __init__(self, rows: Sequence[tuple[str, str]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("shortcuts_dialog")
        self.setWindowTitle(self.tr("Keyboard shortcuts"))
        self.table = QTableWidget(len(rows), 2, self)
        self.table.setObjectName("shortcuts_table")
        self.table.setAccessibleName(self.tr("Keyboard shortcuts"))
        self.table.setHorizontalHeaderLabels([self.tr("What it does"), self.tr("Keys")])
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setStretchLastSection(True)
        for i, (what, keys) in enumerate(rows):
            self.table.setItem(i, 0, QTableWidgetItem(what))
            self.table.setItem(i, 1, QTableWidgetItem(keys))
        self.table.resizeColumnsToContents()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addWidget(self.buttons)
        self.resize(560, 480)


class FinaliseDialog(QDialog):
    """Shows exactly what finalising will lock and asks the chair to confirm.

    (The sign-in issue adds re-entry of the chair's password here.)
    """

    def __init__(self, preview: FinalisePreview, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("finalise_dialog")
        self.preview = preview
        d = preview.decision
        self.setWindowTitle(self.tr("Finalise decision"))
        layout = QVBoxLayout(self)
        intro = QLabel(
            self.tr(
                "Finalising locks this decision for %1. It cannot be changed afterwards; corrections are "
                "added as addenda. The register will confirm it when Cofnod next syncs."
            ).replace("%1", d.child_name),
            self,
        )  # fmt: skip
        intro.setWordWrap(True)
        layout.addWidget(intro)
        yes, no = self.tr("Yes"), self.tr("No")
        lines = [
            self.tr("Outcome: %1").replace("%1", label(d.outcome)),
            self.tr("Categories: %1").replace("%1", ", ".join(label(c) for c in d.categories) or "—"),
            self.tr("Consensus: %1").replace("%1", yes if d.consensus else no),
            self.tr("Chair decided: %1").replace("%1", yes if d.chair_decided else no)
            + (f" — {d.chair_decision_reason}" if d.chair_decided else ""),
            self.tr("Rationale: %1").replace("%1", d.rationale),
            self.tr("Evidence: %1").replace("%1", d.evidence),
            self.tr("Co-ordinator: %1").replace("%1", d.coordinator_name),
            "",
            self.tr("Views:"),
        ]
        for v in d.views:
            lines.append(f"  {v.name} ({label(v.agency)}): {label(v.view)}")
            if v.dissent:
                lines.append("    " + self.tr("Dissent: %1").replace("%1", v.dissent))
        lines.append("")
        lines.append(self.tr("Content fingerprint: %1").replace("%1", f"{preview.content_sha256[:16]}…"))
        self.summary = QPlainTextEdit("\n".join(lines), self)
        self.summary.setReadOnly(True)
        self.summary.setAccessibleName(self.tr("What will be locked"))
        self.summary.setProperty("payload", json.dumps(dict(preview.content), ensure_ascii=False))
        layout.addWidget(self.summary)
        self.buttons = _buttons(self, self.tr("&Finalise"))
        layout.addWidget(self.buttons)
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setDefault(False)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setDefault(True)


class HistoryDialog(QDialog):
    """A section's saved versions, newest first."""

    def __init__(self, versions: Sequence[VersionView], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Version history"))
        layout = QVBoxLayout(self)
        self.list = QListWidget(self)
        self.list.setAccessibleName(self.tr("Saved versions"))
        self.text = QPlainTextEdit(self)
        self.text.setReadOnly(True)
        self.text.setAccessibleName(self.tr("Text of the version"))
        for v in versions:
            item = QListWidgetItem(self.tr("Version %1, %2").replace("%1", str(v.version)).replace(
                "%2", fmt_datetime(v.saved_at)), self.list)  # fmt: skip
            item.setData(Qt.ItemDataRole.UserRole, v.text)
        self.list.currentItemChanged.connect(
            lambda cur, _prev: self.text.setPlainText(cur.data(Qt.ItemDataRole.UserRole) if cur else "")
        )
        layout.addWidget(self.list)
        layout.addWidget(self.text)
        box = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        box.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("Close"))
        box.rejected.connect(self.reject)
        layout.addWidget(box)
        if versions:
            self.list.setCurrentRow(0)


class SecretDialog(QDialog):
    """Asks for a passphrase or PIN (twice when creating one)."""

    def __init__(self, title: str, prompt: str, *, confirm: bool = False, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        layout = QVBoxLayout(self)
        text = QLabel(prompt, self)
        text.setWordWrap(True)
        layout.addWidget(text)
        self.first = QLineEdit(self)
        self.first.setEchoMode(QLineEdit.EchoMode.Password)
        self.first.setAccessibleName(title)
        layout.addWidget(self.first)
        self.second: QLineEdit | None = None
        if confirm:
            self.second = QLineEdit(self)
            self.second.setEchoMode(QLineEdit.EchoMode.Password)
            self.second.setAccessibleName(self.tr("Repeat it"))
            layout.addWidget(QLabel(self.tr("Repeat it:"), self))
            layout.addWidget(self.second)
        self.error = QLabel("", self)
        layout.addWidget(self.error)
        layout.addWidget(_buttons(self, self.tr("OK")))

    def accept(self) -> None:
        if not self.first.text():
            self.error.setText(self.tr("Enter it to continue."))
            return
        if self.second is not None and self.second.text() != self.first.text():
            self.error.setText(self.tr("The two entries differ."))
            return
        super().accept()

    def secret(self) -> str:
        """What was typed."""
        return self.first.text()
