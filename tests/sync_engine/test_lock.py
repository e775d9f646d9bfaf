"""One sync at a time per profile, across processes: the sync lock file."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from sync.engine.lock import LOCK_FILE, ProfileLock, SyncBusyError

HOLDER = """
import sys
from sync.engine.lock import ProfileLock
with ProfileLock(sys.argv[1]):
    print("held", flush=True)
    sys.stdin.read()
print("released", flush=True)
"""


def _holder(folder: Path) -> subprocess.Popen[str]:
    proc = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(folder)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )
    assert proc.stdout is not None and proc.stdout.readline().strip() == "held"
    return proc


def test_a_second_process_cannot_take_the_lock_until_the_first_lets_go(tmp_path: Path) -> None:
    proc = _holder(tmp_path)
    try:
        with pytest.raises(SyncBusyError):
            ProfileLock(tmp_path).acquire()
        with pytest.raises(SyncBusyError):
            ProfileLock(tmp_path, wait=0.2).acquire()
    finally:
        assert proc.stdin is not None
        proc.stdin.close()
        proc.wait(timeout=30)
    with ProfileLock(tmp_path) as lock:
        assert lock.held
    assert (tmp_path / LOCK_FILE).stat().st_mode & 0o077 == 0


def test_a_killed_holder_leaves_no_stale_lock(tmp_path: Path) -> None:
    proc = _holder(tmp_path)
    proc.kill()
    proc.wait(timeout=30)
    with ProfileLock(tmp_path) as lock:
        assert lock.held


def test_two_locks_in_one_process_exclude_each_other_too(tmp_path: Path) -> None:
    with ProfileLock(tmp_path):
        with pytest.raises(SyncBusyError):
            ProfileLock(tmp_path).acquire()
    with ProfileLock(tmp_path):
        pass
