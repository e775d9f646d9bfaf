"""Autosave for text fields: a debounced draft save while typing and a save on leaving the field.

The controller restarts a single-shot timer (1.5 s) on every change and, when it fires or the
field loses focus, hands the text to a callback that writes a draft (never the record). Together
with ``synchronous=FULL`` this bounds what a crash or a flat battery can lose to a few seconds.

:class:`AutosaveController` serves one editor (the minutes); :class:`DraftFields` serves every other
free-text field of a tab, each keyed by (entity, entity id, field) in the ``draft`` table. The key
is taken when the user types, so switching child before the timer fires still writes the draft
to the right record. Tabs load saved values inside :meth:`DraftFields.loading` and then call
:meth:`DraftFields.restore`, which puts any kept draft back into its field.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Protocol

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtWidgets import QLineEdit, QPlainTextEdit

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


TextField = QLineEdit | QPlainTextEdit


class DraftStore(Protocol):
    """What :class:`DraftFields` needs from ``DraftService``."""

    def save(self, entity: str, entity_id: str, field: str, text: str, *, base_version: int = 0) -> dt.datetime: ...

    def drafts_for(self, entity: str, entity_id: str) -> dict[str, tuple[str, dt.datetime]]: ...

    def clear(self, entity: str, entity_id: str, fields: Iterable[str] | None = None) -> None: ...


@dataclass(slots=True)
class _Binding:
    widget: TextField
    entity: str
    field: str
    key: Callable[[], str | None]


def field_text(widget: TextField) -> str:
    """The text of a line or plain-text edit."""
    return widget.toPlainText() if isinstance(widget, QPlainTextEdit) else widget.text()


def set_field_text(widget: TextField, text: str) -> None:
    """Replace the text of a line or plain-text edit."""
    if isinstance(widget, QPlainTextEdit):
        widget.setPlainText(text)
    else:
        widget.setText(text)


class DraftFields(QObject):
    """Keeps drafts of a tab's text fields: debounced while typing, on focus-out, and on flush."""

    # ---- Signals
    draft_saved = Signal(object)
    """A draft was written (its time, a ``datetime``)."""

    def __init__(self, store: DraftStore, parent: QObject | None = None, *, delay_ms: int = DEBOUNCE_MS) -> None:
        super().__init__(parent)
        self._store = store
        self._bindings: dict[int, _Binding] = {}
        self._pending: dict[int, tuple[_Binding, str]] = {}
        self._loading = 0
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(delay_ms)
        self._timer.timeout.connect(self.flush)

    def add(self, widget: TextField, entity: str, field: str, key: Callable[[], str | None]) -> None:
        """Keep drafts of ``widget`` under (entity, key(), field)."""
        b = _Binding(widget, entity, field, key)
        self._bindings[id(widget)] = b
        if isinstance(widget, QPlainTextEdit):
            widget.textChanged.connect(lambda b=b: self._on_edited(b))
        else:
            widget.textEdited.connect(lambda _t, b=b: self._on_edited(b))
        widget.installEventFilter(self)

    def remove(self, widget: TextField) -> None:
        """Stop watching a field that is about to go (its pending text is written first)."""
        self.flush()
        self._bindings.pop(id(widget), None)
        widget.removeEventFilter(self)

    @property
    def pending(self) -> bool:
        """True when typed text has not been written as a draft yet."""
        return bool(self._pending)

    @contextmanager
    def loading(self) -> Iterator[None]:
        """Programmatic changes inside this block are not typing."""
        self._loading += 1
        try:
            yield
        finally:
            self._loading -= 1

    def _on_edited(self, b: _Binding) -> None:
        if self._loading:
            return
        entity_id = b.key()
        if entity_id is None:
            return
        self._pending[id(b.widget)] = (b, entity_id)
        self._timer.start()

    def flush(self) -> None:
        """Write every pending draft now."""
        self._timer.stop()
        pending, self._pending = self._pending, {}
        for b, entity_id in pending.values():
            try:
                when = self._store.save(b.entity, entity_id, b.field, field_text(b.widget))
            except Exception:
                self._pending.setdefault(id(b.widget), (b, entity_id))
                logger.exception("autosave failed")
                raise
            self.draft_saved.emit(when)

    def mark_clean(self, widgets: Iterable[TextField] | None = None) -> None:
        """The record was saved (its drafts went with it): nothing pending for these fields."""
        if widgets is None:
            self._pending.clear()
        else:
            for w in widgets:
                self._pending.pop(id(w), None)
        if not self._pending:
            self._timer.stop()

    def discard(self, widgets: Iterable[TextField]) -> None:
        """Forget the drafts of these fields (their text was used, e.g. a participant was added)."""
        for w in widgets:
            self._pending.pop(id(w), None)
            b = self._bindings.get(id(w))
            entity_id = b.key() if b is not None else None
            if b is not None and entity_id is not None:
                self._store.clear(b.entity, entity_id, [b.field])

    def restore(self) -> list[TextField]:
        """Put each kept draft back into its field; returns the fields that changed."""
        cache: dict[tuple[str, str], dict[str, tuple[str, dt.datetime]]] = {}
        changed: list[TextField] = []
        with self.loading():
            for b in list(self._bindings.values()):
                entity_id = b.key()
                if entity_id is None:
                    continue
                drafts = cache.get((b.entity, entity_id))
                if drafts is None:
                    drafts = cache[(b.entity, entity_id)] = self._store.drafts_for(b.entity, entity_id)
                kept = drafts.get(b.field)
                if kept is not None and kept[0] != field_text(b.widget):
                    set_field_text(b.widget, kept[0])
                    changed.append(b.widget)
        return changed

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.FocusOut and self._pending and id(watched) in self._pending:
            self.flush()
        return False
