"""The database key round-trips through a real Secret Service (gnome-keyring on a private D-Bus).

Starts ``dbus-run-session`` and ``gnome-keyring-daemon --unlock`` itself (platform-notes.md s.6),
with a throwaway HOME, so it runs in ``make test`` on a headless machine and never touches the
user's keychain. The memory keyring set by tests/conftest.py is switched off for the child.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[3]

SCRIPT = """
set -e
export HOME="$1" XDG_RUNTIME_DIR="$2"
eval "$(printf 'cofnod-test-pass' | gnome-keyring-daemon --unlock --components=secrets)"
export GNOME_KEYRING_CONTROL
exec "$3" -m tests.integration.store.secret_service_child "$4"
"""


@pytest.mark.xdist_group("secret_service")
def test_database_key_round_trips_through_secret_service(tmp_path: Path) -> None:
    for tool in ("dbus-run-session", "gnome-keyring-daemon"):
        assert shutil.which(tool), f"{tool} is required (apt: dbus gnome-keyring; see Makefile sysdeps)"
    home = tmp_path / "home"
    runtime = tmp_path / "run"
    home.mkdir()
    runtime.mkdir(mode=0o700)
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHON_KEYRING_BACKEND", "DBUS_SESSION_BUS_ADDRESS")}
    env["PYTHONPATH"] = str(REPO)
    done = subprocess.run(
        [
            "dbus-run-session",
            "--",
            "bash",
            "-c",
            SCRIPT,
            "bash",
            str(home),
            str(runtime),
            sys.executable,
            str(tmp_path / "profile"),
        ],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    lines = [line for line in done.stdout.splitlines() if line.startswith("RESULT ")]
    assert done.returncode == 0 and lines, done.stderr[-2000:]
    report = json.loads(lines[-1][len("RESULT ") :])
    assert report["backend"] == "keyring.backends.SecretService.Keyring"
    assert report["state"] == "ok"
    assert report["key_mode"] == "keyring"
    assert report["same_key"] is True
    assert report["name_cy"] == "Gwynedd Ŵ"
