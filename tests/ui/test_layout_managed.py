"""Every control on the main screens, the workspace tabs and the new-conference dialog is placed by a
layout. A field created with a parent but never added to a layout still works from code and from Tab,
yet sits piled in its parent's top-left corner where nobody can see or click it."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QAbstractScrollArea, QLayout, QTabWidget, QWidget

from desktop.ui.dialogs import NewConferenceDialog
from desktop.ui.main_window import MainWindow
from desktop.ui.workspace import ConferenceWorkspace
from tests.ui.test_screens import INTERACTIVE, _screens
from tests.unit.services.seed import World


def _managed(layout: QLayout | None) -> set[int]:
    """Ids of every widget placed by ``layout`` or its nested layouts."""
    found: set[int] = set()
    if layout is None:
        return found
    for i in range(layout.count()):
        item = layout.itemAt(i)
        if item.widget() is not None:
            found.add(id(item.widget()))
        found |= _managed(item.layout())
    return found


def _unplaced(root: QWidget) -> list[str]:
    bad = []
    for w in root.findChildren(QWidget):
        if not isinstance(w, INTERACTIVE) or not w.isVisibleTo(root):
            continue
        parent = w.parentWidget()
        # Qt's composite widgets (tab bars, scroll areas' viewports, spin boxes) place their own parts.
        if (
            parent is None
            or isinstance(parent, QTabWidget | QAbstractScrollArea)
            or not isinstance(parent.layout(), QLayout)
        ):
            continue
        if id(w) not in _managed(parent.layout()):
            bad.append(f"{type(w).__name__} {w.objectName() or w.accessibleName()!r}")
    return bad


def test_every_control_is_placed_by_a_layout(qtbot: Any, window: MainWindow, full: ConferenceWorkspace) -> None:
    problems = []
    for name, root, show in _screens(window, full):
        show()
        problems += [f"{name}: {w}" for w in _unplaced(root)]
    assert problems == []


def test_new_conference_dialog_fields_are_placed(qtbot: Any, world: World) -> None:
    services = world.services
    dialog = NewConferenceDialog(services.children.list_page("", limit=50), services.conferences.users())
    qtbot.addWidget(dialog)
    dialog.show()
    assert _unplaced(dialog) == []


def test_the_check_notices_an_unplaced_field(qtbot: Any) -> None:
    from PySide6.QtWidgets import QFormLayout, QLabel, QLineEdit

    root = QWidget()
    qtbot.addWidget(root)
    form = QFormLayout(root)
    QLineEdit(root)
    form.addRow(QLabel("Name:", root))  # the field itself never reaches the layout
    root.show()
    assert _unplaced(root) == ["QLineEdit ''"]
