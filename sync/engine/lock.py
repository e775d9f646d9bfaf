"""One sync at a time per profile, also across processes: an OS lock on a file in the profile folder.

:class:`ProfileLock` takes an exclusive, non-blocking lock on ``<profile>/sync.lock``
(``fcntl.flock`` on POSIX, ``msvcrt.locking`` on Windows). The OS drops the lock when its process
ends, however it ends, so a killed sync never leaves a stale lock behind; the file itself stays
(it is empty and holds nothing). ``filelock`` is not a dependency, and this is all that is needed.
"""

from __future__ import annotations

import logging
import os
import sys
import time
from pathlib import Path
from types import TracebackType
from typing import Final

logger = logging.getLogger(__name__)

LOCK_FILE: Final = "sync.lock"


class SyncBusyError(Exception):
    """Another sync of this profile holds the lock."""

    code = "sync_in_progress"


def _try_lock(fd: int) -> bool:
    if sys.platform == "win32":
        import msvcrt

        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True
    import fcntl

    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    return True


def _unlock(fd: int) -> None:
    if sys.platform == "win32":
        import msvcrt

        os.lseek(fd, 0, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)
    else:
        import fcntl

        fcntl.flock(fd, fcntl.LOCK_UN)


class ProfileLock:
    """The sync lock of the profile in ``folder``; a context manager that raises :class:`SyncBusyError`.

    Args:
        folder: The profile folder (the lock file is made there, private).
        wait: Seconds to keep trying before giving up (0: fail at once).
    """

    def __init__(self, folder: Path | str, *, wait: float = 0.0) -> None:
        self.path = Path(folder) / LOCK_FILE
        self.wait = wait
        self._fd: int | None = None

    @property
    def held(self) -> bool:
        return self._fd is not None

    def acquire(self) -> None:
        if self._fd is not None:
            raise RuntimeError("the sync lock is already held by this object")
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
        deadline = time.monotonic() + self.wait
        while not _try_lock(fd):
            if time.monotonic() >= deadline:
                os.close(fd)
                raise SyncBusyError(SyncBusyError.code)
            time.sleep(0.05)
        self._fd = fd

    def release(self) -> None:
        fd, self._fd = self._fd, None
        if fd is None:
            return
        try:
            _unlock(fd)
        finally:
            os.close(fd)

    def __enter__(self) -> ProfileLock:
        self.acquire()
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.release()


__all__ = ["LOCK_FILE", "ProfileLock", "SyncBusyError"]
