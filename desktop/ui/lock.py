"""The idle lock: after the administrator's idle time the window hides every record and asks for
the user's unlock PIN or passphrase (security-reliability.md SES-1, AR-7).

:class:`IdleWatcher` watches input events application-wide and fires ``idle`` after the set
minutes without any. Locking is done by the main window: it writes pending drafts, destroys the
open workspace and empties every model, so no record text stays in a widget while locked; unlocking
reopens the workspace, whose minutes editor restores the drafted text.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

logger = logging.getLogger(__name__)

_INPUT_EVENTS = frozenset(
    {
        QEvent.Type.KeyPress,
        QEvent.Type.MouseButtonPress,
        QEvent.Type.MouseMove,
        QEvent.Type.Wheel,
        QEvent.Type.TouchBegin,
    }
)


class IdleWatcher(QObject):
    """Emits ``idle`` after ``minutes`` without keyboard, mouse or touch input."""

    # ---- Signals
    idle = Signal()
    """No input for the configured time."""

    def __init__(self, minutes: int, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.idle)
        self.set_minutes(minutes)
        app = QCoreApplication.instance()
        if app is not None:
            app.installEventFilter(self)

    def set_minutes(self, minutes: int) -> None:
        """Change the idle time (restarts the clock)."""
        self.set_interval_ms(max(1, minutes) * 60_000)

    def set_interval_ms(self, ms: int) -> None:
        """Set the idle time in milliseconds (tests use short times)."""
        self._timer.setInterval(ms)
        self._timer.start()

    def stop(self) -> None:
        """Stop watching (while locked)."""
        self._timer.stop()

    def restart(self) -> None:
        """Start counting again (after unlocking)."""
        self._timer.start()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in _INPUT_EVENTS and self._timer.isActive():
            self._timer.start()
        return False


class LockScreen(QWidget):
    """Shown instead of every record while locked; asks for the unlock PIN or passphrase."""

    # ---- Signals
    unlocked = Signal()
    """The right PIN or passphrase was entered."""

    def __init__(self, verify: Callable[[str], bool], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("lock_screen")
        self._verify = verify
        self._locked_out = False
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        self.message = QLabel(self)
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message.setWordWrap(True)
        self.pin = QLineEdit(self)
        self.pin.setObjectName("unlock_pin")
        self.pin.setEchoMode(QLineEdit.EchoMode.Password)
        self.pin.returnPressed.connect(self.try_unlock)
        self.button = QPushButton(self)
        self.button.setObjectName("unlock_button")
        self.button.clicked.connect(self.try_unlock)
        self.error = QLabel(self)
        self.error.setObjectName("unlock_error")
        self.error.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(self.message)  # the full width, so a long text wraps (it centres itself)
        for w in (self.pin, self.button, self.error):
            layout.addWidget(w, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addStretch(1)
        self.retranslate_ui()

    @property
    def locked_out(self) -> bool:
        """True once the register has withdrawn this computer's access (no unlocking this session)."""
        return self._locked_out

    def lock_out(self) -> None:
        """The register no longer accepts this device or user: say so; the PIN no longer unlocks.

        Nothing local is wiped: the records stay in the encrypted profile for an administrator.
        """
        self._locked_out = True
        self.pin.hide()
        self.button.hide()
        self.error.clear()
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        """Texts in the current language."""
        if self._locked_out:
            text = QCoreApplication.translate(
                "Lock",
                "The register no longer accepts this computer: an administrator has withdrawn its access or "
                "removed your account. Your work on this computer is kept, but Cofnod cannot sync or show "
                "records. Ask your administrator, then open Cofnod again and sign in.",
            )
        else:
            text = QCoreApplication.translate(
                "Lock", "Cofnod is locked. Enter your unlock PIN or passphrase to carry on; your unsaved text is kept."
            )
        self.message.setText(text)
        self.message.setAccessibleName(text)
        self.pin.setAccessibleName(QCoreApplication.translate("Lock", "Unlock PIN or passphrase"))
        self.button.setText(QCoreApplication.translate("Lock", "&Unlock"))
        self.button.setAccessibleName(QCoreApplication.translate("Lock", "Unlock"))

    def try_unlock(self) -> None:
        """Check the PIN; emit ``unlocked`` when right."""
        secret = self.pin.text()
        self.pin.clear()
        if self._locked_out:
            return
        if self._verify(secret):
            self.error.clear()
            self.unlocked.emit()
        else:
            self.error.setText(QCoreApplication.translate("Lock", "That is not right. Try again."))
