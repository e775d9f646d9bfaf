"""``cofnod --self-test`` in a subprocess: JSON report on stdout, non-zero when a check fails."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from desktop.store.migrate import HEAD_REVISION

REPO = Path(__file__).resolve().parents[2]


def _run(tmp_path: Path, backend: str) -> tuple[int, dict[str, object], str]:
    env = {
        **os.environ,
        "PYTHONPATH": str(REPO),
        "PYTHON_KEYRING_BACKEND": backend,
        "QT_QPA_PLATFORM": "offscreen",
    }
    done = subprocess.run(
        [sys.executable, "-m", "desktop", "--self-test", "--profile", str(tmp_path / "profile")],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    return done.returncode, json.loads(done.stdout), done.stderr


def test_self_test_reports_every_check(tmp_path: Path) -> None:
    code, report, summary = _run(tmp_path, "tests.support.memkeyring.MemoryKeyring")
    checks = report["checks"]
    assert isinstance(checks, dict)
    assert code == 0, summary
    assert report["ok"] is True
    assert checks["keyring"]["details"]["backend"] == "tests.support.memkeyring.MemoryKeyring"
    assert checks["encryption"]["details"]["cipher_version"].startswith("4.")
    assert checks["encryption"]["details"]["header_encrypted"] is True
    assert checks["migrations"]["details"]["reached"] == HEAD_REVISION
    assert checks["migrations"]["details"]["from_empty"] is True
    assert "DejaVuSans.ttf" in checks["fonts"]["details"]["present"]
    assert checks["qt"]["details"]["platform"] == "offscreen"
    assert checks["translations"]["status"] in ("ok", "warn")
    assert "Self-test passed." in summary
    assert not (tmp_path / "profile").exists()  # the profile is checked, never written


def test_self_test_passes_with_a_note_without_a_keyring(tmp_path: Path) -> None:
    # No Secret Service: the profile uses a passphrase, a supported way to run (issue 10).
    code, report, summary = _run(tmp_path, "keyring.backends.fail.Keyring")
    checks = report["checks"]
    assert isinstance(checks, dict)
    assert code == 0, summary
    assert report["ok"] is True
    assert checks["keyring"]["status"] == "warn"
    assert checks["keyring"]["details"]["backend"] == "keyring.backends.fail.Keyring"
    assert checks["keyring"]["details"]["note"] == "keyring: none; this profile uses a passphrase"
    assert "WARN keyring (keyring: none; this profile uses a passphrase)" in summary
    assert "FAIL" not in summary.replace("Self-test passed.", "")


def test_self_test_fails_on_a_plaintext_keyring(tmp_path: Path) -> None:
    code, report, summary = _run(tmp_path, "tests.support.memkeyring.PlaintextKeyring")
    checks = report["checks"]
    assert isinstance(checks, dict)
    assert code == 1
    assert report["ok"] is False
    assert checks["keyring"]["status"] == "fail"
    assert checks["keyring"]["error"] == "keyring_insecure"
    assert checks["encryption"]["status"] == "ok"
    assert "FAIL keyring" in summary
