"""Start-up stays lean: importing the app does not import reportlab, alembic or requests.

style.md 1.7 and 4.10, platform-notes.md 12: these cost 0.2-0.9 s each and are needed only for a
document, a schema upgrade or sync, all after the window shows.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
LATE = ("reportlab", "alembic", "requests", "pydantic")


def test_importing_the_app_leaves_heavy_modules_out() -> None:
    code = (
        "import json, sys\n"
        "import desktop.__main__, desktop.app, desktop.ui.main_window\n"
        f"print(json.dumps(sorted(m for m in sys.modules if m.split('.')[0] in {LATE!r})))\n"
    )
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120, check=False
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert json.loads(done.stdout.strip().splitlines()[-1]) == []
