"""Pseudo-locale layout check: with every string twice as long (``COFNOD_PSEUDO_LOCALE=200``), no text
is clipped on any main screen or workspace tab at 1366×768, and the window still fits that width.

Welsh runs longer than English; a layout that survives double length survives Welsh.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QCheckBox,
    QLabel,
    QListWidget,
    QPushButton,
    QRadioButton,
    QTabBar,
    QWidget,
)

from desktop.ui.main_window import MainWindow
from tests.i18n.conftest import PSEUDO_ENV
from tests.i18n.screens import open_full_conference, screens
from tests.unit.services.seed import World

WIDTH, HEIGHT = 1366, 768
SLACK = 1  # px: rounding in font metrics


def _plain(text: str) -> str:
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&")


def _clipped_label(lbl: QLabel) -> str | None:
    text = _plain(lbl.text())
    if not text.strip() or "\n" in text and not lbl.wordWrap():
        lines = text.splitlines() or [""]
    else:
        lines = [text]
    fm = lbl.fontMetrics()
    room = lbl.contentsRect()
    if lbl.wordWrap():
        if lbl.heightForWidth(lbl.width()) > lbl.height() + SLACK:
            return f"wraps to {lbl.heightForWidth(lbl.width())}px high in {lbl.height()}px"
        widest = max((fm.horizontalAdvance(word) for word in text.split()), default=0)
        return f"a word needs {widest}px of {room.width()}px" if widest > room.width() + SLACK else None
    need = max(fm.horizontalAdvance(line) for line in lines)
    return f"needs {need}px of {room.width()}px" if need > room.width() + SLACK else None


def _clipped_button(b: QAbstractButton) -> str | None:
    need = b.sizeHint().width()  # text plus the style's bevel, indicator and padding
    text = b.fontMetrics().horizontalAdvance(_plain(b.text()))
    if need > b.width() + SLACK or text > b.contentsRect().width() + SLACK:
        return f"needs {need}px of {b.width()}px"
    return None


def _clipped_tabs(bar: QTabBar, *, all_in_view: bool) -> list[str]:
    """Tabs whose text does not fit the tab; tabs out of view when they must all be in view (or unreachable)."""
    out = []
    overflow = bar.count() > 0 and bar.tabRect(bar.count() - 1).right() > bar.width()
    if overflow and not bar.usesScrollButtons():
        out.append("tabs overflow the bar with no scroll buttons")
    for i in range(bar.count()):
        rect = bar.tabRect(i)
        text = bar.fontMetrics().horizontalAdvance(_plain(bar.tabText(i)))
        if text > rect.width() + SLACK:
            out.append(f"tab {i} {bar.tabText(i)!r}: needs {text}px, tab {rect.width()}px")
        elif all_in_view and (rect.right() > bar.width() or rect.left() < 0):
            out.append(f"tab {i} {bar.tabText(i)!r}: out of view in a {bar.width()}px bar")
    return out


def _clipped_items(lw: QListWidget) -> list[str]:
    room = lw.viewport().width()
    out = []
    for i in range(lw.count()):
        item = lw.item(i)
        rect = lw.visualItemRect(item)
        if not rect.isValid():
            continue
        need = lw.fontMetrics().horizontalAdvance(item.text())
        if lw.wordWrap():
            need = max((lw.fontMetrics().horizontalAdvance(w) for w in item.text().split()), default=0)
        if need > min(rect.width(), room) + SLACK + 8:  # 8: the item's own margins
            out.append(f"item {i} {item.text()!r}: needs {need}px of {min(rect.width(), room)}px")
    return out


def clipped(root: QWidget, *, all_tabs_in_view: bool = True) -> list[str]:
    """Every clipped text among ``root``'s visible labels, buttons, check boxes, tabs and list items."""
    out = []
    for w in [root, *root.findChildren(QWidget)]:
        if not w.isVisible() or w.width() <= 0:
            continue
        where = f"{type(w).__name__} {w.objectName()!r}"
        problem: str | None = None
        if isinstance(w, QLabel) and w.text():
            problem = _clipped_label(w)
        elif isinstance(w, QPushButton | QCheckBox | QRadioButton) and w.text():
            problem = _clipped_button(w)
        elif isinstance(w, QTabBar):
            out += [f"{where} {p}" for p in _clipped_tabs(w, all_in_view=all_tabs_in_view)]
        elif isinstance(w, QListWidget):
            out += [f"{where} {p}" for p in _clipped_items(w)]
        if problem:
            out.append(f"{where} {_plain(getattr(w, 'text', lambda: '')())[:40]!r}: {problem}")
    return out


def _settle() -> None:
    for _ in range(3):
        QApplication.processEvents()


def _walk(window: MainWindow, world: World, *, all_tabs_in_view: bool) -> list[str]:
    window.resize(WIDTH, HEIGHT)
    ws = open_full_conference(window, world)
    found: list[str] = []
    for name, show in screens(window, ws):
        show()
        _settle()
        assert window.width() <= WIDTH, f"{name}: the window needs {window.width()}px"
        found += [f"{name}: {p}" for p in clipped(window, all_tabs_in_view=all_tabs_in_view)]
    window.lock()
    _settle()
    found += [f"lock screen: {p}" for p in clipped(window)]
    assert window.minimumSizeHint().width() <= WIDTH
    return found


def test_no_layout_clips_double_length_text_at_1366x768(qtbot: Any, monkeypatch: pytest.MonkeyPatch,
                                                         make_window: Callable[[str], MainWindow],
                                                         world: World) -> None:  # fmt: skip
    """Twice the length: nothing clipped. The seven workspace tabs then need about 1,450 px, more than
    the screen, so the tab bar may scroll (every tab whole and reachable); in Welsh they all show."""
    monkeypatch.setenv(PSEUDO_ENV, "200")  # before the translators are installed
    window = make_window("cy")
    assert window.nav.item(0).text() == "[Today ~~~~]"  # the pseudo-locale is in force
    found = _walk(window, world, all_tabs_in_view=False)
    assert found == [], "\n".join(found)


def test_nothing_clipped_in_welsh_at_1366x768(qtbot: Any, make_window: Callable[[str], MainWindow],
                                              world: World) -> None:  # fmt: skip
    """The real Welsh: nothing clipped and every workspace tab in view without scrolling."""
    window = make_window("cy")
    found = _walk(window, world, all_tabs_in_view=True)
    assert found == [], "\n".join(found)
