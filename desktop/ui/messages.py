"""Message boxes with translated buttons (Qt ships no Welsh qtbase translation) and error display.

Every dialog the app shows for a service error goes through :func:`show_error`, which turns the
error's code into translated text. Tests replace these functions so nothing blocks.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget

from desktop.services.errors import ServiceError, ValidationFailedError
from desktop.ui.labels import problem_text

logger = logging.getLogger(__name__)


def error_text(exc: BaseException) -> str:
    """The translated sentence(s) for an error from a service or the store."""
    code = getattr(exc, "code", None)
    if isinstance(exc, ValidationFailedError) and exc.problems:
        lines = [problem_text(exc.code, exc.params)] + ["• " + problem_text(p.code, p.params) for p in exc.problems]
        return "\n".join(lines)
    if isinstance(code, str):
        return problem_text(code, getattr(exc, "params", {}))
    return QCoreApplication.translate(
        "Messages", "Something unexpected went wrong. Your typed text is kept as a draft."
    )


def show_error(parent: QWidget | None, exc: BaseException) -> None:
    """Tell the user why an action failed (never a traceback)."""
    if not isinstance(exc, ServiceError) and getattr(exc, "code", None) is None:
        logger.error("unexpected error", exc_info=exc)
    box = QMessageBox(QMessageBox.Icon.Warning, "Cofnod", error_text(exc), QMessageBox.StandardButton.Ok, parent)
    box.button(QMessageBox.StandardButton.Ok).setText(QCoreApplication.translate("Messages", "OK"))
    box.exec()


def confirm(parent: QWidget | None, title: str, text: str, yes_text: str) -> bool:
    """Ask a yes/no question with translated buttons; True when the user agrees."""
    box = QMessageBox(QMessageBox.Icon.Question, title, text, QMessageBox.StandardButton.NoButton, parent)
    yes = box.addButton(yes_text, QMessageBox.ButtonRole.AcceptRole)
    box.addButton(QCoreApplication.translate("Messages", "Cancel"), QMessageBox.ButtonRole.RejectRole)
    box.exec()
    return box.clickedButton() is yes


def inform(parent: QWidget | None, text: str) -> None:
    """A plain notice with a translated OK button."""
    box = QMessageBox(QMessageBox.Icon.Information, "Cofnod", text, QMessageBox.StandardButton.Ok, parent)
    box.button(QMessageBox.StandardButton.Ok).setText(QCoreApplication.translate("Messages", "OK"))
    box.exec()
