"""Registers the bundled DejaVu Sans fonts with reportlab, once per process.

Helvetica, reportlab's default, draws ŵ and ŷ as black squares (platform-notes.md section 9), so
every document uses DejaVu Sans, shipped in ``resources/fonts`` with its licence so a document looks
the same on any computer. reportlab embeds a subset of each TrueType font it uses.
"""

from __future__ import annotations

import logging
import threading
from pathlib import Path

from desktop.resources import fonts_dir

logger = logging.getLogger(__name__)

REGULAR = "DejaVuSans"
BOLD = "DejaVuSans-Bold"
ITALIC = "DejaVuSans-Oblique"
BOLD_ITALIC = "DejaVuSans-BoldOblique"
FAMILY = "DejaVuSans"

_FILES = {
    REGULAR: "DejaVuSans.ttf",
    BOLD: "DejaVuSans-Bold.ttf",
    ITALIC: "DejaVuSans-Oblique.ttf",
    BOLD_ITALIC: "DejaVuSans-BoldOblique.ttf",
}

_lock = threading.Lock()
_registered = False


class FontMissingError(Exception):
    """A bundled font file is missing: the installation is damaged."""

    code = "document_font_missing"

    def __init__(self, path: Path) -> None:
        super().__init__(str(path))
        self.params = {"path": str(path)}


def register_fonts(folder: Path | None = None) -> None:
    """Register the DejaVu Sans family with reportlab (idempotent, thread-safe).

    Runs on whichever thread renders the first document.

    Raises:
        FontMissingError: a font file is not in ``folder`` (default: the bundled fonts).
    """
    global _registered
    with _lock:
        if _registered:
            return
        from reportlab.lib.fonts import addMapping
        from reportlab.pdfbase import pdfmetrics
        from reportlab.pdfbase.ttfonts import TTFont

        base = folder or fonts_dir()
        for name, file_name in _FILES.items():
            path = base / file_name
            if not path.is_file():
                raise FontMissingError(path)
            pdfmetrics.registerFont(TTFont(name, str(path)))
        pdfmetrics.registerFontFamily(FAMILY, normal=REGULAR, bold=BOLD, italic=ITALIC, boldItalic=BOLD_ITALIC)
        addMapping(FAMILY, 0, 0, REGULAR)
        addMapping(FAMILY, 1, 0, BOLD)
        addMapping(FAMILY, 0, 1, ITALIC)
        addMapping(FAMILY, 1, 1, BOLD_ITALIC)
        _registered = True
        logger.debug("document fonts registered from %s", base)
