"""Where the shipped resources (fonts, translations, icons, styles) live, frozen or not."""

from __future__ import annotations

import sys
from pathlib import Path


def resources_dir() -> Path:
    """The ``resources/`` folder: inside a PyInstaller bundle, or at the top of the source tree."""
    frozen_root = getattr(sys, "_MEIPASS", None)
    if frozen_root is not None:
        return Path(frozen_root) / "resources"
    return Path(__file__).resolve().parent.parent / "resources"


def translations_dir() -> Path:
    """Folder of the ``.ts`` sources and the ``.qm`` files built from them."""
    return resources_dir() / "translations"


def fonts_dir() -> Path:
    """Folder of the bundled TrueType fonts used by documents."""
    return resources_dir() / "fonts"
