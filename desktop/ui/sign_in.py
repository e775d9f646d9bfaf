"""The sign-in dialog: the register's address, its CA file, a user name and a password.

When the administrator's machine-wide file sets the address or the CA bundle and does not let users
change them (``desktop.config``), those fields are filled in and read-only. Signing in (enrolling the
device through :class:`~desktop.services.sync.SyncService`) runs on the TaskRunner, never on the GUI
thread; a failure is one plain sentence by the :class:`~sync.client.errors.SyncError`'s kind and
code, and the typed address and user name stay where they are. The password is never stored.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from desktop.config import EffectiveSettings
from desktop.ui import messages
from desktop.ui.tasks import TaskRunner
from sync.client.errors import SyncError

logger = logging.getLogger(__name__)

#: (address, CA file or None, user name, password) -> anything; raises SyncError on failure.
Attempt = Callable[[str, str | None, str, str], Any]


def sign_in_error_text(exc: BaseException) -> str:
    """What went wrong signing in, in words."""
    if isinstance(exc, SyncError):
        kind, code = exc.kind.value, exc.code
        if code == "invalid_credentials" or kind == "auth":
            return QCoreApplication.translate("SignIn", "The user name or password is not right. Try again.")
        if code == "too_many_attempts" or kind == "rate_limited":
            return QCoreApplication.translate("SignIn", "Too many tries. Wait a few minutes, then try again.")
        if kind == "tls":
            return QCoreApplication.translate(
                "SignIn",
                "The register's certificate is not trusted, so Cofnod did not send your password. Check the "
                "address and the CA file with your administrator.",
            )
        if kind in ("network", "server"):
            return QCoreApplication.translate(
                "SignIn", "The register could not be reached. Check the address and the network, then try again."
            )
        if kind == "revoked":
            return QCoreApplication.translate("SignIn", "An administrator has withdrawn this computer's access.")
        if kind == "upgrade":
            return QCoreApplication.translate("SignIn", "This version of Cofnod is too old for the register.")
    if isinstance(exc, ValueError):  # the client refuses a plain http:// or malformed address
        return QCoreApplication.translate("SignIn", "Enter the register's address, starting https://.")
    return messages.error_text(exc)


class SignInDialog(QDialog):
    """Asks for the address (unless provisioned), the user name and password; signs in off the GUI thread."""

    def __init__(
        self, settings: EffectiveSettings, attempt: Attempt, runner: TaskRunner, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("sign_in_dialog")
        self._attempt, self._runner = attempt, runner
        self.result_value: Any = None
        layout = QVBoxLayout(self)
        self.intro = QLabel(self)
        self.intro.setWordWrap(True)
        form = QFormLayout()
        self.address = QLineEdit(self)
        self.address.setObjectName("sign_in_address")
        self.ca_file = QLineEdit(self)
        self.ca_file.setObjectName("sign_in_ca_file")
        self.username = QLineEdit(self)
        self.username.setObjectName("sign_in_username")
        self.password = QLineEdit(self)
        self.password.setObjectName("sign_in_password")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.address_label, self.ca_label = QLabel(self), QLabel(self)
        self.username_label, self.password_label = QLabel(self), QLabel(self)
        for label, edit in ((self.address_label, self.address), (self.ca_label, self.ca_file),
                            (self.username_label, self.username), (self.password_label, self.password)):  # fmt: skip
            label.setBuddy(edit)
            form.addRow(label, edit)
        self.provisioned = QLabel(self)
        self.provisioned.setObjectName("sign_in_provisioned")
        self.provisioned.setWordWrap(True)
        self.error = QLabel(self)
        self.error.setObjectName("sign_in_error")
        self.error.setWordWrap(True)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.intro)
        layout.addLayout(form)
        for widget in (self.provisioned, self.error, self.buttons):
            layout.addWidget(widget)

        url, ca = settings.service_url, settings.ca_bundle
        self.address.setText(url.value or "")
        self.ca_file.setText(str(ca.value) if ca.value else "")
        self.address.setReadOnly(url.value is not None and not url.user_may_change)
        self.ca_file.setReadOnly(ca.value is not None and not ca.user_may_change)
        self._locked_any = self.address.isReadOnly() or self.ca_file.isReadOnly()
        self.retranslate_ui()
        (self.username if self.address.text() else self.address).setFocus()

    def retranslate_ui(self) -> None:
        """Every text in the current language."""
        self.setWindowTitle(QCoreApplication.translate("SignIn", "Sign in to the register"))
        self.intro.setText(
            QCoreApplication.translate(
                "SignIn", "Sign in once on this computer so Cofnod can sync with your council's register."
            )
        )
        self.address_label.setText(QCoreApplication.translate("SignIn", "Register &address:"))
        self.ca_label.setText(QCoreApplication.translate("SignIn", "&CA file (if your administrator gave one):"))
        self.username_label.setText(QCoreApplication.translate("SignIn", "&User name:"))
        self.password_label.setText(QCoreApplication.translate("SignIn", "&Password:"))
        for label, edit in ((self.address_label, self.address), (self.ca_label, self.ca_file),
                            (self.username_label, self.username), (self.password_label, self.password)):  # fmt: skip
            edit.setAccessibleName(label.text().replace("&", "").rstrip(":"))
        self.provisioned.setText(
            QCoreApplication.translate("SignIn", "Your administrator has set the register for this computer.")
            if self._locked_any
            else ""
        )
        self.provisioned.setVisible(self._locked_any)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(
            QCoreApplication.translate("SignIn", "&Sign in")
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(
            QCoreApplication.translate("SignIn", "Cancel")
        )

    @property
    def busy(self) -> bool:
        """True while signing in."""
        return not self.buttons.isEnabled()

    def submit(self) -> None:
        """Sign in with what was typed (off the GUI thread)."""
        url, ca = self.address.text().strip(), self.ca_file.text().strip() or None
        user, password = self.username.text().strip(), self.password.text()
        if not url.startswith("https://"):
            self.error.setText(QCoreApplication.translate("SignIn", "Enter the register's address, starting https://."))
            self.address.setFocus()
            return
        if not user or not password:
            self.error.setText(QCoreApplication.translate("SignIn", "Enter your user name and password."))
            (self.username if not user else self.password).setFocus()
            return
        self.error.setText(QCoreApplication.translate("SignIn", "Signing in…"))
        self.buttons.setEnabled(False)
        self._runner.submit(lambda: self._attempt(url, ca, user, password), self._on_ok, self._on_error, lane="general")

    def _on_ok(self, result: Any) -> None:
        self.buttons.setEnabled(True)
        self.password.clear()
        self.result_value = result
        self.error.clear()
        self.accept()

    def _on_error(self, exc: BaseException) -> None:
        self.buttons.setEnabled(True)
        self.password.clear()
        self.error.setText(sign_in_error_text(exc))
        self.password.setFocus()


__all__ = ["Attempt", "SignInDialog", "sign_in_error_text"]
