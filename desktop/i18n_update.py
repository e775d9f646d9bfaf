"""Refresh ``resources/translations/cofnod_cy.ts`` from the interface sources with ``pyside6-lupdate``.

``python -m desktop.i18n_update`` adds new strings (unfinished, for a translator to fill in) and keeps
every existing translation; strings no longer in the code are dropped (``-no-obsolete``). Source
locations are not stored (``-locations none``), so moving code does not churn the file.

The sources are ``desktop/app.py`` and ``desktop/ui`` **except** ``desktop/ui/documents``, whose
strings live with the documents' own in ``documents_cy.ts`` (``tests/unit/documents`` checks that
file against its own lupdate run). ``tests/i18n`` runs this command on a copy and fails when a string
is missing or untranslated.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

from desktop.i18n_build import pyside6_tool
from desktop.resources import translations_dir

ROOT = Path(__file__).resolve().parent.parent
TS_NAME = "cofnod_cy.ts"
EXCLUDED = ("desktop/ui/documents",)
"""Folders under ``desktop/ui`` whose strings belong to another catalogue."""


def lupdate_executable() -> str:
    """Path of ``pyside6-lupdate`` next to this interpreter, else on PATH."""
    return pyside6_tool("pyside6-lupdate")


def sources(root: Path = ROOT) -> list[str]:
    """The Python files lupdate reads, relative to ``root`` (sorted, so the command is stable)."""
    files = [root / "desktop" / "app.py", *sorted((root / "desktop" / "ui").rglob("*.py"))]
    rel = [f.relative_to(root).as_posix() for f in files]
    return [p for p in rel if not any(p.startswith(ex + "/") for ex in EXCLUDED)]


def lupdate_command(ts: Path, root: Path = ROOT) -> list[str]:
    """The exact lupdate command line that refreshes ``ts`` (run from ``root``)."""
    return [
        lupdate_executable(),
        "-silent",
        "-locations",
        "none",
        "-no-obsolete",
        "-source-language",
        "en_GB",
        "-target-language",
        "cy_GB",
        *sources(root),
        "-ts",
        str(ts),
    ]


def update(ts: Path | None = None, root: Path = ROOT) -> Path:
    """Run lupdate into ``ts`` (default: the shipped ``cofnod_cy.ts``); return its path."""
    ts = (ts or translations_dir() / TS_NAME).resolve()
    subprocess.run(lupdate_command(ts, root), cwd=root, check=True, capture_output=True)
    return ts


def main(argv: list[str] | None = None) -> int:
    """Entry for ``python -m desktop.i18n_update``."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--ts", type=Path, help="write to this .ts file instead of the shipped one")
    args = parser.parse_args(argv)
    print(update(args.ts))
    return 0


if __name__ == "__main__":
    sys.exit(main())
