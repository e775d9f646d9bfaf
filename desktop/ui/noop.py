"""A typed ``QT_TRANSLATE_NOOP``: marks text for ``pyside6-lupdate`` and returns it unchanged.

PySide6's own is typed as returning ``object``; this one keeps mypy precise. lupdate finds the
calls by name, so the strings are still collected.
"""

from __future__ import annotations


def QT_TRANSLATE_NOOP(context: str, source: str) -> str:  # noqa: N802 - Qt's name, for lupdate
    """Return ``source``; lupdate records it under ``context``."""
    return source
