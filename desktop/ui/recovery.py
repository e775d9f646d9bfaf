"""The recovery offer after a crash: each draft beside the saved text, with both timestamps and a
plain statement of which is newer (so nobody restores an older copy over newer work, Spyder #13924).
"""

from __future__ import annotations

import logging
from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from desktop.catalog import QT_TRANSLATE_NOOP
from desktop.services.drafts import RecoveryItem
from desktop.ui.labels import label
from desktop.ui.models import fmt_datetime

logger = logging.getLogger(__name__)

#: Names of the drafted fields that are not minutes sections (minutes sections use their labels).
FIELD_NAMES = {
    "venue": QT_TRANSLATE_NOOP("RecoveryDialog", "Place"),
    "quorum_override_reason": QT_TRANSLATE_NOOP("RecoveryDialog", "Chair's reason for proceeding"),
    "postponement_reason": QT_TRANSLATE_NOOP("RecoveryDialog", "Reason for postponing"),
    "new_attendee_name": QT_TRANSLATE_NOOP("RecoveryDialog", "Participant's name (not yet added)"),
    "new_attendee_role": QT_TRANSLATE_NOOP("RecoveryDialog", "Participant's role (not yet added)"),
    "new_action_text": QT_TRANSLATE_NOOP("RecoveryDialog", "Plan action (not yet added)"),
    "new_action_owner": QT_TRANSLATE_NOOP("RecoveryDialog", "Action owner (not yet added)"),
    "new_member_name": QT_TRANSLATE_NOOP("RecoveryDialog", "Core group member (not yet added)"),
    "new_recipient_name": QT_TRANSLATE_NOOP("RecoveryDialog", "Recipient (not yet added)"),
    "advocacy_not_offered_reason": QT_TRANSLATE_NOOP("RecoveryDialog", "Why advocacy was not offered"),
    "wishes_and_feelings": QT_TRANSLATE_NOOP("RecoveryDialog", "Wishes and feelings"),
    "not_recorded_reason": QT_TRANSLATE_NOOP("RecoveryDialog", "Why the voice could not be recorded"),
    "coordinator_name": QT_TRANSLATE_NOOP("RecoveryDialog", "Co-ordinator"),
    "rationale": QT_TRANSLATE_NOOP("RecoveryDialog", "Decision rationale"),
    "evidence": QT_TRANSLATE_NOOP("RecoveryDialog", "Decision evidence"),
    "plan_if_not_registered": QT_TRANSLATE_NOOP("RecoveryDialog", "Support plan if not registered"),
    "evidence_of_change": QT_TRANSLATE_NOOP("RecoveryDialog", "Evidence of change"),
    "chair_decision_reason": QT_TRANSLATE_NOOP("RecoveryDialog", "Chair's reason"),
    "dissent": QT_TRANSLATE_NOOP("RecoveryDialog", "Dissent"),
    "risks": QT_TRANSLATE_NOOP("RecoveryDialog", "Risks of harm"),
    "keeping_safe": QT_TRANSLATE_NOOP("RecoveryDialog", "How the plan keeps the child safe"),
}


class RecoveryDialog(QDialog):
    """Lists recovered drafts; ticked ones are restored, the rest discarded."""

    def __init__(self, items: Sequence[RecoveryItem], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("recovery_dialog")
        self.setWindowTitle(self.tr("Recover unsaved text"))
        self.items = list(items)
        layout = QVBoxLayout(self)
        intro = QLabel(self.tr("Cofnod did not close properly last time. Unsaved text was kept. Tick what to "
                               "restore; the rest is discarded."), self)  # fmt: skip
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.list = QListWidget(self)
        self.list.setAccessibleName(self.tr("Recovered drafts"))
        # Each description wraps to the list's width: nothing hides behind a horizontal scroll bar.
        self.list.setWordWrap(True)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.setResizeMode(QListWidget.ResizeMode.Adjust)
        for i, item in enumerate(self.items):
            row = QListWidgetItem(self.describe(item), self.list)
            row.setData(Qt.ItemDataRole.UserRole, i)
            row.setFlags(row.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            row.setCheckState(Qt.CheckState.Checked if item.draft_is_newer else Qt.CheckState.Unchecked)
        split = QSplitter(Qt.Orientation.Vertical, self)
        split.addWidget(self.list)
        panes = QWidget(split)
        below = QVBoxLayout(panes)
        below.setContentsMargins(0, 0, 0, 0)
        # Which text is newer, in bold above both texts, so nobody restores the older one by mistake.
        self.newer = QLabel(panes)
        self.newer.setObjectName("recovery_newer")
        self.newer.setWordWrap(True)
        bold = self.newer.font()
        bold.setBold(True)
        self.newer.setFont(bold)
        below.addWidget(self.newer)
        texts = QSplitter(panes)
        self.draft_text, self.draft_heading = self._pane(texts, self.tr("Recovered draft text"), "recovery_draft")
        self.record_text, self.record_heading = self._pane(texts, self.tr("Saved record text"), "recovery_record")
        below.addWidget(texts, 1)
        split.addWidget(panes)
        split.setStretchFactor(0, 1)
        split.setStretchFactor(1, 3)
        layout.addWidget(split, 1)
        box = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        box.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("&Restore ticked drafts"))
        box.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Decide &later"))
        box.accepted.connect(self.accept)
        box.rejected.connect(self.reject)
        layout.addWidget(box)
        self.buttons = box
        self.list.currentRowChanged.connect(self._show)
        if self.items:
            self.list.setCurrentRow(0)

    def describe(self, item: RecoveryItem) -> str:
        """One line: where the text belongs, both times, and which is newer."""
        name = FIELD_NAMES.get(item.section_key)
        place = self.tr(name) if name is not None else label(item.section_key)
        where = place + (f" — {item.child_name}" if item.child_name else "")
        newer = (
            self.tr("The draft is newer than the saved record.")
            if item.draft_is_newer
            else self.tr("The saved record is newer than the draft.")
        )
        saved = fmt_datetime(item.record_saved_at) if item.record_saved_at else self.tr("never")
        return (
            self.tr("%1, %2: draft from %3; record saved %4. %5")
            .replace("%1", item.conference_reference)
            .replace("%2", where)
            .replace("%3", fmt_datetime(item.draft_saved_at))
            .replace("%4", saved)
            .replace("%5", newer)
        )

    def _pane(self, parent: QSplitter, name: str, object_name: str) -> tuple[QPlainTextEdit, QLabel]:
        """A read-only text under its heading (the heading says whose text it is and when it was saved)."""
        box = QWidget(parent)
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 0, 0, 0)
        heading = QLabel(box)
        heading.setObjectName(f"{object_name}_heading")
        heading.setWordWrap(True)
        text = QPlainTextEdit(box)
        text.setObjectName(f"{object_name}_text")
        text.setReadOnly(True)
        text.setAccessibleName(name)
        heading.setBuddy(text)
        column.addWidget(heading)
        column.addWidget(text, 1)
        return text, heading

    def headings(self, item: RecoveryItem) -> tuple[str, str]:
        """The draft's and the record's headings: whose text, when it was saved, and which is newer."""
        when = fmt_datetime(item.draft_saved_at)
        if item.draft_is_newer:
            draft = self.tr("Your unsaved draft (saved at %1) — newer").replace("%1", when)
        else:
            draft = self.tr("Your unsaved draft (saved at %1) — older").replace("%1", when)
        if item.record_saved_at is None:
            record = self.tr("The saved record (never saved)")
        elif item.draft_is_newer:
            record = self.tr("The saved record (saved at %1) — older").replace("%1", fmt_datetime(item.record_saved_at))
        else:
            record = self.tr("The saved record (saved at %1) — newer").replace("%1", fmt_datetime(item.record_saved_at))
        return draft, record

    def _show(self, row: int) -> None:
        if 0 <= row < len(self.items):
            item = self.items[row]
            self.draft_text.setPlainText(item.draft_text)
            self.record_text.setPlainText(item.record_text)
            draft, record = self.headings(item)
            self.draft_heading.setText(draft)
            self.record_heading.setText(record)
            self.newer.setText(
                self.tr("The draft is newer than the saved record.")
                if item.draft_is_newer
                else self.tr("The saved record is newer than the draft.")
            )
            self.newer.setProperty("draft_is_newer", item.draft_is_newer)
            # The newer text's heading is bold too, and each text's description names its heading.
            for heading, text, newer in (
                (self.draft_heading, self.draft_text, item.draft_is_newer),
                (self.record_heading, self.record_text, not item.draft_is_newer),
            ):
                f = heading.font()
                f.setBold(newer)
                heading.setFont(f)
                text.setAccessibleDescription(heading.text())

    def chosen(self) -> tuple[list[RecoveryItem], list[RecoveryItem]]:
        """(to restore, to discard)."""
        restore: list[RecoveryItem] = []
        discard: list[RecoveryItem] = []
        for i in range(self.list.count()):
            row = self.list.item(i)
            item = self.items[int(row.data(Qt.ItemDataRole.UserRole))]
            (restore if row.checkState() == Qt.CheckState.Checked else discard).append(item)
        return restore, discard
