"""The documents dialog: produce, preview, print and save the conference documents."""

from __future__ import annotations

from desktop.ui.documents.dialog import DocumentsDialog

__all__ = ["DocumentsDialog"]
