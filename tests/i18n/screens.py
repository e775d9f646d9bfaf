"""Walking the interface: every main screen and workspace tab, and the user-visible strings on them."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterator
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QComboBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QTabBar,
    QWidget,
)

from desktop.resources import translations_dir
from desktop.ui.main_window import MainWindow
from desktop.ui.workspace import ConferenceWorkspace
from tests.unit.services.seed import World
from tests.unit.services.test_workflow import _full_workflow

LETTERS = re.compile(r"[A-Za-z]{2}")


def open_full_conference(window: MainWindow, world: World) -> ConferenceWorkspace:
    """A conference with attendance, voices, minutes, views, dissent and a recipient; every list filled."""
    cid = _full_workflow(world)
    for i in (2, 0, 1):
        window.go(i)
    window.conferences.refresh()
    ws = window.open_conference(cid)
    ws.distribution.name.setText("Teulu")
    ws.distribution.add()
    ws.minutes.sections.setCurrentRow(1)
    return ws


def screens(window: MainWindow, ws: ConferenceWorkspace) -> list[tuple[str, Callable[[], None]]]:
    """(name, show it) for each main screen and each workspace tab."""
    out: list[tuple[str, Callable[[], None]]] = []
    for i, page in enumerate((window.today, window.conferences, window.children_page, window.settings_page)):
        out.append((page.objectName(), lambda i=i: window.go(i)))

    def tab(i: int) -> None:
        window.stack.setCurrentWidget(ws)
        ws.tabs.setCurrentIndex(i)

    for i in range(ws.tabs.count()):
        out.append((f"workspace tab {i} ({ws.tabs.widget(i).__class__.__name__})", lambda i=i: tab(i)))
    return out


def widget_strings(root: QWidget) -> Iterator[tuple[str, str]]:
    """(where, text) for every user-facing string of ``root`` and its visible children."""
    for w in [root, *root.findChildren(QWidget)]:
        if not w.isVisible():
            continue
        where = f"{type(w).__name__} {w.objectName()!r}"
        yield from ((f"{where} {kind}", text) for kind, text in _strings_of(w) if text)


def _strings_of(w: QWidget) -> Iterator[tuple[str, str]]:
    yield "accessibleName", w.accessibleName()
    yield "toolTip", w.toolTip()
    yield "statusTip", w.statusTip()
    if w.isWindow():
        yield "windowTitle", w.windowTitle()
    if isinstance(w, QLabel):
        yield "text", w.text()
    if isinstance(w, QAbstractButton):
        yield "text", w.text()
    if isinstance(w, QGroupBox):
        yield "title", w.title()
    if isinstance(w, QTabBar):
        for i in range(w.count()):
            yield f"tab {i}", w.tabText(i)
            yield f"tab {i} toolTip", w.tabToolTip(i)
    if isinstance(w, QComboBox):
        for i in range(w.count()):
            yield f"item {i}", w.itemText(i)
    if isinstance(w, QLineEdit):
        yield "placeholder", w.placeholderText()
    if isinstance(w, QPlainTextEdit):
        yield "placeholder", w.placeholderText()
        if w.isReadOnly():  # text the app wrote (a child's register history), not typed by the user
            for line in w.toPlainText().splitlines():
                yield "line", line.strip()
    if isinstance(w, QListWidget):
        for i in range(w.count()):
            yield f"item {i}", w.item(i).text()
    elif isinstance(w, QAbstractItemView) and w.model() is not None:
        model, root = w.model(), w.rootIndex()
        for c in range(model.columnCount(root)):
            yield f"header {c}", str(model.headerData(c, Qt.Orientation.Horizontal) or "")
            for r in range(min(model.rowCount(root), 30)):
                yield f"cell {r},{c}", str(model.index(r, c, root).data() or "")


def window_strings(window: MainWindow) -> Iterator[tuple[str, str]]:
    """The window's own strings (title, actions) and everything visible in it."""
    yield "windowTitle", window.windowTitle()
    for act in window.acts.all():
        for kind, text in (("text", act.text()), ("toolTip", act.toolTip()), ("statusTip", act.statusTip())):
            yield f"QAction {act.objectName()} {kind}", text
    yield from widget_strings(window)


def english_sources() -> dict[str, str]:
    """Each English source text (and its forms without mnemonic or ellipsis) -> where it comes from.

    Sources whose Welsh is the same text (a proper noun) are left out.
    """
    out: dict[str, str] = {}
    for ts in sorted(translations_dir().glob("*_cy.ts")):
        for ctx in ET.parse(ts).getroot().iter("context"):
            name = ctx.findtext("name", default="")
            for msg in ctx.iter("message"):
                source = msg.findtext("source", default="")
                tr = msg.find("translation")
                if tr is not None and (tr.text or "") == source:
                    continue
                plain = source.replace("&&", "\0").replace("&", "").replace("\0", "&")
                for form in {source, plain, plain.removesuffix("…").removesuffix("...")}:
                    if LETTERS.search(form):
                        out.setdefault(form, f"[{name}] {source!r}")
    return out


def english_left(strings: Any, sources: dict[str, str], allowed: set[str]) -> list[str]:
    """The strings that are still an English source text."""
    return sorted({f"{where}: {text!r} (source {sources[text]})" for where, text in strings
                   if text in sources and text not in allowed})  # fmt: skip
