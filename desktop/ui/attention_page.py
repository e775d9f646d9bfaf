"""The "Needs attention" page: what sync could not settle by itself, in plain words.

It lists :class:`~desktop.services.attention.AttentionService` items. For a draft or a field
changed in two places it shows both versions side by side and lets the person keep theirs, take
the other, or write a merged version (text fields); for two decisions about the same child it shows
both and tells the chair to record the decision that settles them; a refused change or a same-outcome
pair is acknowledged. Every action goes through the service; errors are worded by code.
"""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.catalog import QT_TRANSLATE_NOOP
from desktop.services.attention import AttentionItem, AttentionService
from desktop.ui import messages
from desktop.ui.labels import problem_text

logger = logging.getLogger(__name__)

_ENTITIES: dict[str, str] = {
    "child": QT_TRANSLATE_NOOP("Attention", "A child's details"),
    "family_member": QT_TRANSLATE_NOOP("Attention", "A family member's details"),
    "conference": QT_TRANSLATE_NOOP("Attention", "A conference's details"),
    "attendance": QT_TRANSLATE_NOOP("Attention", "An attendance entry"),
    "agency_report": QT_TRANSLATE_NOOP("Attention", "An agency report"),
    "child_voice": QT_TRANSLATE_NOOP("Attention", "The child's voice record"),
    "minutes_section": QT_TRANSLATE_NOOP("Attention", "A section of the minutes"),
    "decision": QT_TRANSLATE_NOOP("Attention", "A decision"),
    "plan_action": QT_TRANSLATE_NOOP("Attention", "A plan action"),
    "outline_plan": QT_TRANSLATE_NOOP("Attention", "The outline plan"),
    "distribution": QT_TRANSLATE_NOOP("Attention", "The distribution list"),
}


def _t(text: str) -> str:
    return QCoreApplication.translate("Attention", text)


def entity_text(entity: str) -> str:
    """What kind of record it is, in words."""
    return _t(_ENTITIES.get(entity, QT_TRANSLATE_NOOP("Attention", "A record")))


def summary(item: AttentionItem) -> str:
    """One plain sentence for the list."""
    what = entity_text(item.entity)
    if item.kind == "rejection":
        why = problem_text(item.code or "validation_failed")
        text = QCoreApplication.translate("Attention", "%1: the register refused a change from this computer. %2")
        return text.replace("%1", what).replace("%2", why)
    if item.conflict_kind == "contested_decision":
        return QCoreApplication.translate(
            "Attention",
            "Two different decisions were recorded for the same child. The chair records the decision that "
            "settles them.",
        )
    if item.conflict_kind == "concurrent_same_outcome":
        return QCoreApplication.translate(
            "Attention", "The same decision was recorded twice for the same child. Nothing on the register changes."
        )
    return QCoreApplication.translate(
        "Attention", "%1 was changed on this computer and elsewhere at the same time."
    ).replace("%1", what)


def version_text(values: dict[str, Any] | None, fields: tuple[str, ...]) -> str:
    """A version's fields, one per line (``fields`` first, then the rest)."""
    if values is None:
        return QCoreApplication.translate("Attention", "(this version did not reach this computer)")
    keys = [k for k in fields if k in values] or sorted(k for k in values if not k.endswith("_id") and k != "id")
    return "\n".join(f"{k}: {'' if values.get(k) is None else values.get(k)}" for k in keys)


class AttentionPage(QWidget):
    """The list, the two versions of the chosen item, and what may be done about it."""

    # ---- Signals
    count_changed = Signal(int)
    """How many items are left (after a refresh or an action)."""

    def __init__(self, service: AttentionService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("attention_page")
        self.service = service
        self._items: list[AttentionItem] = []
        layout = QVBoxLayout(self)
        self.heading = QLabel(self)
        self.heading.setObjectName("attention_heading")
        self.heading.setWordWrap(True)
        self.list = QListWidget(self)
        self.list.setObjectName("attention_list")
        self.list.setWordWrap(True)
        self.list.currentRowChanged.connect(self._on_list_current_row_changed)
        self.empty = QLabel(self)
        self.empty.setObjectName("attention_empty")
        versions = QHBoxLayout()
        self.mine_box = QGroupBox(self)
        self.mine = QPlainTextEdit(self.mine_box)
        self.mine.setObjectName("attention_mine")
        self.theirs_box = QGroupBox(self)
        self.theirs = QPlainTextEdit(self.theirs_box)
        self.theirs.setObjectName("attention_theirs")
        for box, edit in ((self.mine_box, self.mine), (self.theirs_box, self.theirs)):
            edit.setReadOnly(True)
            QVBoxLayout(box).addWidget(edit)
            versions.addWidget(box)
        self.merge_box = QGroupBox(self)
        self.merge_form = QFormLayout(self.merge_box)
        self.merge_edits: dict[str, QPlainTextEdit] = {}
        self.advice = QLabel(self)
        self.advice.setObjectName("attention_advice")
        self.advice.setWordWrap(True)
        buttons = QHBoxLayout()
        self.keep_mine = QPushButton(self)
        self.keep_mine.setObjectName("attention_keep_mine")
        self.take_theirs = QPushButton(self)
        self.take_theirs.setObjectName("attention_take_theirs")
        self.save_merged = QPushButton(self)
        self.save_merged.setObjectName("attention_save_merged")
        self.acknowledge = QPushButton(self)
        self.acknowledge.setObjectName("attention_acknowledge")
        for b in (self.keep_mine, self.take_theirs, self.save_merged, self.acknowledge):
            buttons.addWidget(b)
        buttons.addStretch(1)
        self.keep_mine.clicked.connect(lambda: self._resolve("mine"))
        self.take_theirs.clicked.connect(lambda: self._resolve("theirs"))
        self.save_merged.clicked.connect(lambda: self._resolve("merged"))
        self.acknowledge.clicked.connect(self._acknowledge)
        for w in (self.heading, self.list, self.empty):
            layout.addWidget(w)
        layout.addLayout(versions, 1)
        layout.addWidget(self.merge_box)
        layout.addWidget(self.advice)
        layout.addLayout(buttons)
        self.retranslate_ui()
        self._show(None)

    # ---- content

    def refresh(self) -> None:
        """Read the items again and keep the same one chosen where it is still listed."""
        current = self.current()
        self._items = self.service.items()
        self.list.blockSignals(True)
        self.list.clear()
        for item in self._items:
            entry = QListWidgetItem(summary(item), self.list)
            entry.setData(Qt.ItemDataRole.UserRole, item.id)
        self.list.blockSignals(False)
        ids = [i.id for i in self._items]
        row = ids.index(current.id) if current is not None and current.id in ids else (0 if ids else -1)
        self.list.setCurrentRow(row)
        self._show(self._items[row] if row >= 0 else None)
        self.empty.setVisible(not self._items)
        self.count_changed.emit(len(self._items))

    def clear_content(self) -> None:
        """Forget every item (the window locks)."""
        self._items = []
        self.list.clear()
        self._show(None)

    def current(self) -> AttentionItem | None:
        """The chosen item."""
        row = self.list.currentRow()
        return self._items[row] if 0 <= row < len(self._items) else None

    def _on_list_current_row_changed(self, row: int) -> None:
        self._show(self._items[row] if 0 <= row < len(self._items) else None)

    def _show(self, item: AttentionItem | None) -> None:
        while self.merge_form.rowCount():
            self.merge_form.removeRow(0)
        self.merge_edits = {}
        actions = item.actions if item is not None else ()
        self.mine.setPlainText(version_text(item.mine, item.fields) if item else "")
        self.theirs.setPlainText(version_text(item.theirs, item.fields) if item else "")
        for box in (self.mine_box, self.theirs_box):
            box.setVisible(item is not None)
        mergeable = [f for f in (item.fields if item else ()) if self._is_text(item, f)]
        if "merged" in actions and mergeable:
            assert item is not None
            for f in mergeable:
                edit = QPlainTextEdit(self.merge_box)
                edit.setObjectName(f"attention_merge_{f}")
                edit.setPlainText(str((item.mine or {}).get(f) or ""))
                edit.setAccessibleName(QCoreApplication.translate("Attention", "Merged %1").replace("%1", f))
                edit.setTabChangesFocus(True)
                self.merge_form.addRow(f, edit)
                self.merge_edits[f] = edit
        self.merge_box.setVisible(bool(self.merge_edits))
        self.keep_mine.setVisible("mine" in actions)
        self.take_theirs.setVisible("theirs" in actions)
        self.save_merged.setVisible(bool(self.merge_edits))
        self.acknowledge.setVisible("acknowledge" in actions)
        if "record_decision" in actions:
            self.advice.setText(
                QCoreApplication.translate(
                    "Attention",
                    "Both decisions are shown. Open the child's conference and, as chair, record a further "
                    "decision that settles them; this item leaves the list when the register confirms it.",
                )
            )
        else:
            self.advice.setText("")
        self.advice.setVisible(bool(self.advice.text()))

    @staticmethod
    def _is_text(item: AttentionItem | None, field: str) -> bool:
        if item is None:
            return False
        values = [v.get(field) for v in (item.mine, item.theirs) if v is not None]
        return bool(values) and all(v is None or isinstance(v, str) for v in values)

    # ---- actions

    def _resolve(self, choice: str) -> None:
        item = self.current()
        if item is None:
            return
        merged = {f: e.toPlainText() for f, e in self.merge_edits.items()} if choice == "merged" else None
        try:
            self.service.resolve_draft(item.id, choice, merged)  # type: ignore[arg-type]
        except Exception as exc:  # noqa: BLE001 - worded by code; the item stays as it was
            messages.show_error(self, exc)
            return
        self.refresh()

    def _acknowledge(self) -> None:
        item = self.current()
        if item is None:
            return
        try:
            self.service.acknowledge(item.id)
        except Exception as exc:  # noqa: BLE001 - worded by code
            messages.show_error(self, exc)
            return
        self.refresh()

    def retranslate_ui(self) -> None:
        """Every text in the current language."""
        self.heading.setText(
            QCoreApplication.translate(
                "Attention", "Changes that sync could not settle by itself. Nothing here is lost: choose what to keep."
            )
        )
        self.list.setAccessibleName(QCoreApplication.translate("Attention", "Items that need attention"))
        self.empty.setText(QCoreApplication.translate("Attention", "Nothing needs attention."))
        self.mine_box.setTitle(QCoreApplication.translate("Attention", "On this computer"))
        self.mine.setAccessibleName(QCoreApplication.translate("Attention", "The version on this computer"))
        self.theirs_box.setTitle(QCoreApplication.translate("Attention", "The other version"))
        self.theirs.setAccessibleName(QCoreApplication.translate("Attention", "The other version"))
        self.merge_box.setTitle(QCoreApplication.translate("Attention", "Merged version"))
        self.keep_mine.setText(QCoreApplication.translate("Attention", "&Keep mine"))
        self.take_theirs.setText(QCoreApplication.translate("Attention", "&Take the other version"))
        self.save_merged.setText(QCoreApplication.translate("Attention", "Save the &merged version"))
        self.acknowledge.setText(QCoreApplication.translate("Attention", "&Acknowledge"))
        for b in (self.keep_mine, self.take_theirs, self.save_merged, self.acknowledge):
            b.setAccessibleName(b.text().replace("&", ""))
        for i, item in enumerate(self._items):
            self.list.item(i).setText(summary(item))


__all__ = ["AttentionPage", "entity_text", "summary", "version_text"]
