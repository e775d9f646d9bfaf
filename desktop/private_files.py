"""Private files: a profile folder is 0700 and every file Cofnod writes in it is 0600 (POSIX).

On a shared laptop another account must not be able to copy the encrypted database and its salt
to guess the passphrase offline (issue 14, section 5). Three layers:

* :func:`private_umask` (umask ``077``) around profile creation and opening, so the database, its
  key check, ``profile.json`` and backups are born private. SQLite gives the ``-wal``, ``-shm`` and
  ``-journal`` files the mode of the database file, so they follow it;
* the entry points (the app, ``demo-data``, ``export-record``) hold the same umask for as long as
  they run, so the log files made on rotation, ``settings.ini``, ``running.lock`` and produced
  PDFs are private too (PDFs are already written through ``mkstemp``, which makes them 0600
  whatever the umask);
* :func:`secure_profile_folder` repairs what an older version left readable when a profile is
  opened. It touches only the names a profile holds (:data:`PROFILE_ENTRIES`, and the files of
  ``logs/`` and ``backups/``), never the rest of a folder a user pointed ``--profile`` at, and it
  never follows a symbolic link.

On Windows the permission bits are not the access control; the per-user application data folder's
ACL is, so these functions do nothing there.
"""

from __future__ import annotations

import logging
import os
import stat
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Final

logger = logging.getLogger(__name__)

#: No permission bits for group or others on anything created while it is in force.
PRIVATE_UMASK: Final = 0o077
FOLDER_MODE: Final = 0o700
FILE_MODE: Final = 0o600

#: What a profile folder may hold at its top level (files, or folders whose files are ours).
PROFILE_ENTRIES: Final = (
    "cofnod.db",
    "cofnod.db-wal",
    "cofnod.db-shm",
    "cofnod.db-journal",
    "cofnod.db.keycheck",
    "cofnod.db.keycheck.tmp",
    "profile.json",
    "profile.json.tmp",
    "settings.ini",
    "settings.ini.lock",
    "running.lock",
)
#: Sub-folders whose files are all Cofnod's (log files and their rotations, pre-upgrade backups).
PROFILE_FOLDERS: Final = ("logs", "backups")

_POSIX: Final = os.name == "posix"


@contextmanager
def private_umask() -> Iterator[None]:
    """Files and folders created inside the block get no group or other bits.

    The umask is process-wide; a thread writing a file meanwhile only makes it more private.
    """
    if not _POSIX:
        yield
        return
    previous = os.umask(PRIVATE_UMASK)
    try:
        yield
    finally:
        os.umask(previous)


def make_private_folder(folder: Path) -> None:
    """Create ``folder`` (and missing parents) 0700, or make an existing one 0700."""
    with private_umask():
        folder.mkdir(parents=True, exist_ok=True, mode=FOLDER_MODE)
    _restrict(folder, FOLDER_MODE)


def secure_profile_folder(folder: Path, database: str = "cofnod.db") -> list[Path]:
    """Take group and other bits off the profile folder and the files it holds; returns what changed.

    ``database`` is the database's file name from ``profile.json`` (normally ``cofnod.db``).
    """
    if not _POSIX or not folder.is_dir() or folder.is_symlink():
        return []
    changed: list[Path] = []
    if _restrict(folder, FOLDER_MODE):
        changed.append(folder)
    names = set(PROFILE_ENTRIES)
    names.update(database + suffix for suffix in ("", "-wal", "-shm", "-journal", ".keycheck"))
    for name in sorted(names):
        path = folder / name
        if _restrict(path, FILE_MODE):
            changed.append(path)
    for sub in PROFILE_FOLDERS:
        path = folder / sub
        if path.is_symlink() or not path.is_dir():
            continue
        if _restrict(path, FOLDER_MODE):
            changed.append(path)
        for child in sorted(path.iterdir()):
            if _restrict(child, FILE_MODE):
                changed.append(child)
    if changed:
        # Counts and names of our own files only: nothing personal.
        logger.info("profile file modes repaired", extra={"count": len(changed)})
    return changed


def _restrict(path: Path, private_mode: int) -> bool:
    """Remove group and other bits from ``path`` (a regular file or folder, not a link); True if changed."""
    if not _POSIX:
        return False
    try:
        st = path.lstat()
    except FileNotFoundError:
        return False
    if stat.S_ISLNK(st.st_mode):
        return False
    if stat.S_ISDIR(st.st_mode) != (private_mode == FOLDER_MODE):
        return False  # a folder where a file belongs (or the reverse) is not ours to judge
    mode = stat.S_IMODE(st.st_mode)
    wanted = (mode & ~0o077) | (private_mode & 0o700)
    if mode == wanted:
        return False
    try:
        os.chmod(path, wanted)
    except OSError as exc:
        # Owned by another account, or a read-only medium: opening goes on, the log says so.
        logger.warning("cannot make a profile file private", extra={"name": path.name, "errno": exc.errno})
        return False
    return True


__all__ = [
    "FILE_MODE",
    "FOLDER_MODE",
    "PRIVATE_UMASK",
    "make_private_folder",
    "private_umask",
    "secure_profile_folder",
]
