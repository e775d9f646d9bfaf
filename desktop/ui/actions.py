"""Every QAction in one place: its text (with mnemonic), shortcut and accessible name.

Windows ask :class:`Actions` for their actions and call :meth:`Actions.retranslate` when the
language changes, so a shortcut or a name is defined exactly once.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, QObject, Qt
from PySide6.QtGui import QAction, QKeySequence

from desktop.catalog import QT_TRANSLATE_NOOP

logger = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class ActionSpec:
    """How one action looks and is reached."""

    key: str
    text: str  # source text, with & mnemonic
    accessible: str  # source accessible name
    shortcut: QKeySequence.StandardKey | str | None = None


# Next and previous section take the keys Qt's tab widgets use to move between pages: Alt+Down
# would steal the key that opens a combo box's list (issue 10).
NEXT_SECTION_KEY = "Ctrl+PgDown"
PREVIOUS_SECTION_KEY = "Ctrl+PgUp"

SPECS: tuple[ActionSpec, ...] = (
    ActionSpec("save", QT_TRANSLATE_NOOP("Actions", "&Save"), QT_TRANSLATE_NOOP("Actions", "Save"),
               QKeySequence.StandardKey.Save),
    ActionSpec("next_section", QT_TRANSLATE_NOOP("Actions", "&Next section"),
               QT_TRANSLATE_NOOP("Actions", "Go to the next section"), NEXT_SECTION_KEY),
    ActionSpec("previous_section", QT_TRANSLATE_NOOP("Actions", "&Previous section"),
               QT_TRANSLATE_NOOP("Actions", "Go to the previous section"), PREVIOUS_SECTION_KEY),
    ActionSpec("finalise", QT_TRANSLATE_NOOP("Actions", "&Finalise decision…"),
               QT_TRANSLATE_NOOP("Actions", "Finalise this child's decision"), "Ctrl+Shift+F"),
    ActionSpec("approve", QT_TRANSLATE_NOOP("Actions", "&Approve record…"),
               QT_TRANSLATE_NOOP("Actions", "Approve the conference record"), "Ctrl+Shift+A"),
    ActionSpec("new_conference", QT_TRANSLATE_NOOP("Actions", "New &conference…"),
               QT_TRANSLATE_NOOP("Actions", "Schedule a new conference"), QKeySequence.StandardKey.New),
    ActionSpec("documents", QT_TRANSLATE_NOOP("Actions", "&Documents…"),
               QT_TRANSLATE_NOOP("Actions", "Produce the conference documents"), "Ctrl+Shift+D"),
    ActionSpec("lock", QT_TRANSLATE_NOOP("Actions", "&Lock"), QT_TRANSLATE_NOOP("Actions", "Lock Cofnod now"),
               "Ctrl+L"),
    ActionSpec("find", QT_TRANSLATE_NOOP("Actions", "&Find"), QT_TRANSLATE_NOOP("Actions", "Search the list"),
               QKeySequence.StandardKey.Find),
    ActionSpec("go_today", QT_TRANSLATE_NOOP("Actions", "&Today"), QT_TRANSLATE_NOOP("Actions", "Go to Today"),
               "Ctrl+1"),
    ActionSpec("go_conferences", QT_TRANSLATE_NOOP("Actions", "C&onferences"),
               QT_TRANSLATE_NOOP("Actions", "Go to Conferences"), "Ctrl+2"),
    ActionSpec("go_children", QT_TRANSLATE_NOOP("Actions", "C&hildren"),
               QT_TRANSLATE_NOOP("Actions", "Go to Children and the register"), "Ctrl+3"),
    ActionSpec("go_settings", QT_TRANSLATE_NOOP("Actions", "S&ettings"), QT_TRANSLATE_NOOP("Actions", "Go to Settings"),
               "Ctrl+4"),
    ActionSpec("go_quality", QT_TRANSLATE_NOOP("Actions", "Q&uality"), QT_TRANSLATE_NOOP("Actions", "Go to Quality"),
               "Ctrl+5"),
    ActionSpec("close_conference", QT_TRANSLATE_NOOP("Actions", "C&lose conference"),
               QT_TRANSLATE_NOOP("Actions", "Close the open conference"), QKeySequence.StandardKey.Close),
    ActionSpec("sign_in", QT_TRANSLATE_NOOP("Actions", "Sign &in to the register…"),
               QT_TRANSLATE_NOOP("Actions", "Sign in to the register to sync")),
    ActionSpec("sync_now", QT_TRANSLATE_NOOP("Actions", "S&ync now"),
               QT_TRANSLATE_NOOP("Actions", "Sync with the register now"), "F5"),
    ActionSpec("attention", QT_TRANSLATE_NOOP("Actions", "Needs &attention"),
               QT_TRANSLATE_NOOP("Actions", "Show what needs attention after syncing"), "Ctrl+6"),
    ActionSpec("quit", QT_TRANSLATE_NOOP("Actions", "&Quit"), QT_TRANSLATE_NOOP("Actions", "Quit Cofnod"),
               QKeySequence.StandardKey.Quit),
    ActionSpec("shortcuts", QT_TRANSLATE_NOOP("Actions", "&Keyboard shortcuts"),
               QT_TRANSLATE_NOOP("Actions", "List the keyboard shortcuts"), QKeySequence.StandardKey.HelpContents),
)  # fmt: skip

# Keys the standard widgets handle themselves, with nothing else in their place: an action must not
# take one (Alt+Down / Alt+Up open a combo box's or a date edit's list; Ctrl+Tab moves between tabs).
RESERVED_KEYS: tuple[str, ...] = ("Alt+Down", "Alt+Up", "F4", "Ctrl+Tab", "Ctrl+Shift+Tab", "Ctrl+Home", "Ctrl+End")

# Keys other than the actions' that the window answers to, for Help → Keyboard shortcuts.
STANDARD_KEYS: tuple[tuple[str, str], ...] = (
    (QT_TRANSLATE_NOOP("Actions", "Next tab of the conference"), "Ctrl+Tab"),
    (QT_TRANSLATE_NOOP("Actions", "Previous tab of the conference"), "Ctrl+Shift+Tab"),
    (QT_TRANSLATE_NOOP("Actions", "Open a list (combo box or date)"), "Alt+Down"),
)


class Actions(QObject):
    """Creates the actions for one window and keeps their texts in the current language."""

    def __init__(self, parent: QObject) -> None:
        super().__init__(parent)
        self._actions: dict[str, QAction] = {}
        for spec in SPECS:
            act = QAction(parent)
            act.setObjectName(f"action_{spec.key}")
            if isinstance(spec.shortcut, QKeySequence.StandardKey):
                act.setShortcuts(spec.shortcut)
            elif spec.shortcut:
                act.setShortcut(QKeySequence(spec.shortcut))
            act.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            self._actions[spec.key] = act
        self.retranslate()

    def shortcut_rows(self) -> list[tuple[str, str]]:
        """(what, keys) for every action with a shortcut and the standard keys, in the current language."""
        rows = []
        for spec in SPECS:
            keys = self._actions[spec.key].shortcuts()
            if keys:
                text = ", ".join(k.toString(QKeySequence.SequenceFormat.NativeText) for k in keys)
                rows.append((QCoreApplication.translate("Actions", spec.accessible), text))
        for source, key in STANDARD_KEYS:
            native = QKeySequence(key).toString(QKeySequence.SequenceFormat.NativeText)
            rows.append((QCoreApplication.translate("Actions", source), native))
        return rows

    def __getitem__(self, key: str) -> QAction:
        return self._actions[key]

    def all(self) -> list[QAction]:
        """Every action."""
        return list(self._actions.values())

    def retranslate(self) -> None:
        """Set texts and accessible names in the current language."""
        for spec in SPECS:
            act = self._actions[spec.key]
            act.setText(QCoreApplication.translate("Actions", spec.text))
            # QAction has no accessibleName; tool buttons and menus read the tooltip / text.
            act.setToolTip(QCoreApplication.translate("Actions", spec.accessible))
            act.setStatusTip(QCoreApplication.translate("Actions", spec.accessible))
