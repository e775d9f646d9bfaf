"""Light and dark: follow the system colour scheme, with a Light / Dark / System override.

``QGuiApplication.styleHints().colorScheme()`` (Qt 6.5+) tells the system scheme; the override is
kept in QSettings under ``ui/theme``. The Fusion style with a palette keeps contrast consistent on
every platform; the badge colours are chosen per scheme.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication

logger = logging.getLogger(__name__)

THEMES = ("system", "light", "dark")


def effective_scheme(choice: str) -> Qt.ColorScheme:
    """The scheme to use for the user's choice."""
    if choice == "light":
        return Qt.ColorScheme.Light
    if choice == "dark":
        return Qt.ColorScheme.Dark
    scheme = QGuiApplication.styleHints().colorScheme()
    return Qt.ColorScheme.Dark if scheme == Qt.ColorScheme.Dark else Qt.ColorScheme.Light


def _dark_palette() -> QPalette:
    p = QPalette()
    base, text, window = QColor(0x1E, 0x1F, 0x22), QColor(0xE8, 0xE8, 0xE8), QColor(0x2B, 0x2D, 0x30)
    p.setColor(QPalette.ColorRole.Window, window)
    p.setColor(QPalette.ColorRole.WindowText, text)
    p.setColor(QPalette.ColorRole.Base, base)
    p.setColor(QPalette.ColorRole.AlternateBase, window)
    p.setColor(QPalette.ColorRole.Text, text)
    p.setColor(QPalette.ColorRole.Button, window)
    p.setColor(QPalette.ColorRole.ButtonText, text)
    p.setColor(QPalette.ColorRole.ToolTipBase, window)
    p.setColor(QPalette.ColorRole.ToolTipText, text)
    p.setColor(QPalette.ColorRole.Highlight, QColor(0x4A, 0x8F, 0xD9))
    p.setColor(QPalette.ColorRole.HighlightedText, QColor(0xFF, 0xFF, 0xFF))
    p.setColor(QPalette.ColorRole.PlaceholderText, QColor(0x9A, 0x9A, 0x9A))
    _legible_disabled(p, QColor(0x9A, 0x9A, 0x9A))
    return p


def _light_palette(app: QApplication) -> QPalette:
    p = app.style().standardPalette()
    _legible_disabled(p, QColor(0x6D, 0x6D, 0x6D))
    return p


def _legible_disabled(p: QPalette, colour: QColor) -> None:
    """Greyed-out text still readable (at least 4.5:1 on the window colour): a locked record's
    combos and check boxes are disabled, and the chair still has to read them."""
    for role in (QPalette.ColorRole.Text, QPalette.ColorRole.WindowText, QPalette.ColorRole.ButtonText):
        p.setColor(QPalette.ColorGroup.Disabled, role, colour)


def apply_theme(app: QApplication, choice: str = "system") -> Qt.ColorScheme:
    """Apply the palette for ``choice`` and return the scheme in effect."""
    scheme = effective_scheme(choice)
    app.setStyle("Fusion")
    app.setPalette(_dark_palette() if scheme == Qt.ColorScheme.Dark else _light_palette(app))
    return scheme


def badge_colours(state: str, scheme: Qt.ColorScheme) -> tuple[QColor, QColor] | None:
    """(background, text) of a due-state badge, readable in both schemes."""
    dark = scheme == Qt.ColorScheme.Dark
    if state == "overdue":
        return (
            (QColor(0x8B, 0x1A, 0x1A), QColor(0xFF, 0xFF, 0xFF))
            if dark
            else (QColor(0xF8, 0xD7, 0xDA), QColor(0x72, 0x1C, 0x24))
        )
    if state == "due_soon":
        return (
            (QColor(0x7A, 0x5A, 0x00), QColor(0xFF, 0xFF, 0xFF))
            if dark
            else (QColor(0xFF, 0xF3, 0xCD), QColor(0x66, 0x4D, 0x03))
        )
    return None
