"""The status bar's sync part: online or offline, changes waiting, the last good sync, progress,
and how many things need attention (a button that opens the "Needs attention" page).

It only shows a :class:`~desktop.ui.sync_controller.SyncState`; every text is translated here.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QCoreApplication, QLocale, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QPushButton, QWidget

from desktop.ui.models import fmt_datetime
from desktop.ui.sync_controller import OFFLINE_KINDS, SyncState

logger = logging.getLogger(__name__)


def state_text(state: SyncState) -> str:
    """One sentence for the status bar."""
    if state.running:
        phase = {
            "push": QCoreApplication.translate("SyncStatus", "sending"),
            "repush": QCoreApplication.translate("SyncStatus", "sending again"),
            "pull": QCoreApplication.translate("SyncStatus", "receiving"),
        }.get(state.phase or "", QCoreApplication.translate("SyncStatus", "connecting"))
        size = QLocale().formattedDataSize(state.bytes)
        return (
            QCoreApplication.translate("SyncStatus", "Syncing: %1, %2 changes, %3")
            .replace("%1", phase)
            .replace("%2", str(state.ops))
            .replace("%3", size)
        )
    if state.error_kind == "revoked":
        head = QCoreApplication.translate("SyncStatus", "This computer's access to the register was withdrawn")
    elif state.error_kind == "auth":
        head = QCoreApplication.translate("SyncStatus", "Sign in again to sync")
    elif state.error_kind == "tls":
        head = QCoreApplication.translate("SyncStatus", "The register's certificate is not trusted: not syncing")
    elif state.error_kind == "busy":
        head = QCoreApplication.translate("SyncStatus", "Another Cofnod is syncing this profile")
    elif state.online is False or state.error_kind in OFFLINE_KINDS:
        head = QCoreApplication.translate("SyncStatus", "Offline")
    elif state.online is None:
        head = QCoreApplication.translate("SyncStatus", "Not synced yet")
    elif state.error_kind is not None:
        head = QCoreApplication.translate("SyncStatus", "The last sync did not finish")
    else:
        head = QCoreApplication.translate("SyncStatus", "Online")
    parts = [head]
    if state.pending:
        parts.append(
            QCoreApplication.translate("SyncStatus", "%1 changes waiting to be sent").replace("%1", str(state.pending))
        )
    if state.last_success is not None:
        parts.append(
            QCoreApplication.translate("SyncStatus", "last synced %1").replace("%1", fmt_datetime(state.last_success))
        )
    return "; ".join(parts)


class SyncStatus(QWidget):
    """Status text, a progress bar while syncing, and the needs-attention button."""

    # ---- Signals
    attention_requested = Signal()
    """The person asked to see what needs attention."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("sync_status_bar")
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        self.text = QLabel(self)
        self.text.setObjectName("sync_status")
        self.progress = QProgressBar(self)
        self.progress.setObjectName("sync_progress")
        self.progress.setRange(0, 0)  # the total is not known in advance: a busy indicator
        self.progress.setMaximumWidth(120)
        self.progress.hide()
        self.attention = QPushButton(self)
        self.attention.setObjectName("attention_link")
        self.attention.setFlat(True)
        self.attention.clicked.connect(self.attention_requested)
        self.attention.hide()
        row.addWidget(self.text)
        row.addWidget(self.progress)
        row.addWidget(self.attention)
        self._state = SyncState()
        self.retranslate_ui()

    @property
    def state(self) -> SyncState:
        """What is shown."""
        return self._state

    def show_state(self, state: SyncState) -> None:
        """Show ``state``."""
        self._state = state
        self.text.setText(state_text(state))
        self.text.setAccessibleName(self.text.text())
        self.progress.setVisible(state.running)
        n = state.attention
        self.attention.setVisible(n > 0)
        self.attention.setText(QCoreApplication.translate("SyncStatus", "Needs attention: %1").replace("%1", str(n)))
        self.attention.setAccessibleName(self.attention.text())

    def retranslate_ui(self) -> None:
        """Every text in the current language."""
        self.progress.setAccessibleName(QCoreApplication.translate("SyncStatus", "Sync progress"))
        self.show_state(self._state)


__all__ = ["SyncStatus", "state_text"]
