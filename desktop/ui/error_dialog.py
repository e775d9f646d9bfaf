"""The dialog behind the exception hooks: says something went wrong, lets the user copy the report
and open the log folder. The report holds the traceback only, never record text (AUTH-6).
"""

from __future__ import annotations

import logging
import sys
import threading
import traceback
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QObject, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QGuiApplication
from PySide6.QtWidgets import QApplication, QDialog, QDialogButtonBox, QLabel, QPlainTextEdit, QVBoxLayout, QWidget

logger = logging.getLogger(__name__)


class ErrorDialog(QDialog):
    """Shows an unexpected error's report with Copy and Open log folder."""

    def __init__(self, report: str, log_dir: Path | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("error_dialog")
        self.setWindowTitle(self.tr("Something went wrong"))
        layout = QVBoxLayout(self)
        text = QLabel(self.tr("Cofnod met an unexpected error. Your typed text is kept as a draft. You can copy this "
                              "report for your support team."), self)  # fmt: skip
        text.setWordWrap(True)
        layout.addWidget(text)
        self.report = QPlainTextEdit(report, self)
        self.report.setReadOnly(True)
        self.report.setAccessibleName(self.tr("Error report"))
        layout.addWidget(self.report)
        box = QDialogButtonBox(self)
        copy = box.addButton(self.tr("&Copy report"), QDialogButtonBox.ButtonRole.ActionRole)
        copy.clicked.connect(lambda: QGuiApplication.clipboard().setText(report))
        if log_dir is not None:
            folder = box.addButton(self.tr("Open &log folder"), QDialogButtonBox.ButtonRole.ActionRole)
            folder.clicked.connect(lambda: QDesktopServices.openUrl(QUrl.fromLocalFile(str(log_dir))))
        close = box.addButton(self.tr("Close"), QDialogButtonBox.ButtonRole.RejectRole)
        close.clicked.connect(self.reject)
        layout.addWidget(box)


class _Bridge(QObject):
    raised = Signal(str)


class ExceptionHooks(QObject):
    """Installs ``sys.excepthook`` and ``threading.excepthook``: log, then show the dialog on the GUI thread."""

    def __init__(self, log_dir: Path | None, parent: QObject | None = None, *, show: bool = True) -> None:
        super().__init__(parent)
        self._log_dir = log_dir
        self._show = show
        self._bridge = _Bridge(self)
        self._bridge.raised.connect(self._on_raised)
        self.reports: list[str] = []

    def install(self) -> None:
        """Become the process's exception hooks."""
        sys.excepthook = self._hook
        threading.excepthook = self._thread_hook

    def _hook(self, kind: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        report = "".join(traceback.format_exception(kind, exc, tb))
        logger.critical("unhandled exception\n%s", report)
        self._bridge.raised.emit(report)

    def _thread_hook(self, args: threading.ExceptHookArgs) -> None:
        if args.exc_value is not None:
            self._hook(args.exc_type, args.exc_value, args.exc_traceback)

    def _on_raised(self, report: str) -> None:
        self.reports.append(report)
        if self._show and QApplication.instance() is not None:
            ErrorDialog(report, self._log_dir, QApplication.activeWindow()).exec()
