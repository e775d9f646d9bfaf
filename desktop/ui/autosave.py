"""Autosave for text fields: a debounced draft save while typing and a save on leaving the field.

The controller restarts a single-shot timer (1.5 s) on every change and, when it fires or the
field loses focus, hands the text to a callback that writes a draft (never the record). Together
with ``synchronous=FULL`` this bounds what a crash or a flat battery can lose to a few seconds.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QPlainTextEdit

logger = logging.getLogger(__name__)

DEBOUNCE_MS = 1500


class AutosaveController(QObject):
    """Saves a draft of one editor's text shortly after typing stops and on focus-out."""

    def __init__(self, editor: QPlainTextEdit, save: Callable[[str], None], *, delay_ms: int = DEBOUNCE_MS) -> None:
        super().__init__(editor)
        self._editor = editor
        self._save = save
        self._dirty = False
        self._suspended = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(delay_ms)
        self._connect_signals()
        editor.installEventFilter(self)

    def _connect_signals(self) -> None:
        self._editor.textChanged.connect(self._on_editor_text_changed)
        self._timer.timeout.connect(self.flush)

    @property
    def dirty(self) -> bool:
        """True when typed text has not been written as a draft yet."""
        return self._dirty

    def suspend(self, value: bool) -> None:
        """Ignore programmatic changes (loading a section) while True."""
        self._suspended = value

    def mark_clean(self) -> None:
        """The record was saved: nothing pending."""
        self._dirty = False
        self._timer.stop()

    def _on_editor_text_changed(self) -> None:
        if self._suspended:
            return
        self._dirty = True
        self._timer.start()

    def flush(self) -> None:
        """Write the draft now if anything is pending."""
        self._timer.stop()
        if not self._dirty:
            return
        self._dirty = False
        try:
            self._save(self._editor.toPlainText())
        except Exception:
            self._dirty = True
            logger.exception("autosave failed")
            raise

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._editor and event.type() == QEvent.Type.FocusOut:
            self.flush()
        return False
