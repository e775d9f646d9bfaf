"""``python -m desktop.ui.screenshots``: every main screen is written, at a laptop size, not blank."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from PySide6.QtGui import QImage

ROOT = Path(__file__).resolve().parents[2]
TABS = ("details", "attendance", "voice", "minutes", "decisions", "plan", "distribution")
SCREENS = (
    "today", "conferences", "children", "settings", "quality", "lock", "recovery",
    *(f"conference-{tab}" for tab in TABS),
    *(f"conference-inprogress-{tab}" for tab in TABS),
)  # fmt: skip


def test_screenshots_in_english(tmp_path: Path) -> None:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    done = subprocess.run(
        [sys.executable, "-m", "desktop.ui.screenshots", "--out", str(tmp_path), "--language", "en"],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=300, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-3000:]
    for name in SCREENS:
        path = tmp_path / f"en-{name}.png"
        assert path.exists(), name
        image = QImage(str(path))
        assert image.width() >= 600 and image.height() >= 400, (name, image.size())
        # Not a single colour: sample a grid and expect several distinct colours (text, frames).
        colours = {image.pixel(x * image.width() // 16, y * image.height() // 16) for x in range(16) for y in range(16)}
        assert len(colours) >= 3, name
    main = QImage(str(tmp_path / "en-conferences.png"))
    assert (main.width(), main.height()) == (1366, 768)
    hidpi = QImage(str(tmp_path / "en-conferences@2x.png"))
    assert (hidpi.width(), hidpi.height()) == (2 * 1366, 2 * 768)
    assert not list(tmp_path.glob("cy-*.png"))
