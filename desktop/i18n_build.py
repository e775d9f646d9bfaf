"""Build step: compile every ``resources/translations/*.ts`` into ``.qm`` with ``pyside6-lrelease``.

Run by ``make translations`` (and so by ``make run`` and ``make test``); the ``.qm`` files are build
output and are not committed.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from desktop.resources import translations_dir


def pyside6_tool(name: str) -> str:
    """Path of the PySide6 tool ``name`` (``pyside6-lrelease``, ...) next to this interpreter, else on PATH."""
    beside = Path(sys.executable).with_name(name)
    if beside.exists():
        return str(beside)
    found = shutil.which(name)
    if found is None:
        raise SystemExit(f"{name} not found: install PySide6")
    return found


def lrelease_command() -> str:
    """Path of ``pyside6-lrelease`` next to this interpreter, else on PATH."""
    return pyside6_tool("pyside6-lrelease")


def build(folder: Path | None = None) -> list[Path]:
    """Compile each ``.ts`` in ``folder`` whose ``.qm`` is missing or older; return the ``.qm`` paths."""
    folder = folder or translations_dir()
    built: list[Path] = []
    for ts in sorted(folder.glob("*.ts")):
        qm = ts.with_suffix(".qm")
        if not qm.exists() or qm.stat().st_mtime < ts.stat().st_mtime:
            subprocess.run([lrelease_command(), "-silent", str(ts), "-qm", str(qm)], check=True)
        built.append(qm)
    return built


def main() -> int:
    """Entry for ``python -m desktop.i18n_build``."""
    build()
    return 0


if __name__ == "__main__":
    sys.exit(main())
