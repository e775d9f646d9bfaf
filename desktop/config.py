"""Where a profile lives: ``--profile DIR`` > ``$COFNOD_PROFILE`` > the platform's user data folder.

A profile folder holds the encrypted database, its key check, ``profile.json`` and ``backups/``.
SQLite's locking and WAL do not work on network file systems, and synced folders (OneDrive,
Dropbox) copy files mid-transaction, so folders that are cheaply recognisable as either are
refused with :class:`~desktop.store.errors.UnsafeLocationError` (security-reliability.md AR-9).
Detection is best effort: a mount table on Linux, path names elsewhere.

Environment variables read here:

* ``COFNOD_PROFILE``: the profile folder when ``--profile`` is not given.
"""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Mapping
from pathlib import Path, PurePath
from typing import Final

from desktop.store.errors import UnsafeLocationError

logger = logging.getLogger(__name__)

APP_NAME: Final = "Cofnod"
APP_AUTHOR: Final = "Cofnod"
PROFILE_ENV: Final = "COFNOD_PROFILE"

#: File-system types on which SQLite locking is unreliable or files are synced behind our back.
UNSAFE_FS_TYPES: Final = frozenset(
    {
        "nfs",
        "nfs4",
        "cifs",
        "smb",
        "smb2",
        "smb3",
        "smbfs",
        "afs",
        "9p",
        "ceph",
        "glusterfs",
        "davfs",
        "sshfs",
        "fuse",
        "fuseblk",
        "lustre",
        "gpfs",
    }
)

#: Folder names of sync clients; a profile inside one is copied while SQLite writes it.
UNSAFE_FOLDER_MARKERS: Final = ("onedrive", "dropbox", "google drive", "googledrive", "icloud drive", "icloud~")


def default_profile_dir() -> Path:
    """The platform's user data folder for Cofnod (not roaming on Windows)."""
    from platformdirs import user_data_dir

    return Path(user_data_dir(APP_NAME, APP_AUTHOR, roaming=False))


def resolve_profile_dir(cli_value: str | os.PathLike[str] | None, env: Mapping[str, str] | None = None) -> Path:
    """The profile folder: ``--profile`` if given, else ``$COFNOD_PROFILE``, else the default.

    The result is absolute but not checked; call :func:`check_safe_location` before using it.
    """
    environ = os.environ if env is None else env
    if cli_value:
        chosen = Path(cli_value)
    elif environ.get(PROFILE_ENV):
        chosen = Path(environ[PROFILE_ENV])
    else:
        chosen = default_profile_dir()
    return chosen.expanduser().absolute()


def _unescape_mount(field: str) -> str:
    # /proc/mounts writes spaces, tabs, newlines and backslashes as octal escapes.
    return field.replace("\\040", " ").replace("\\011", "\t").replace("\\012", "\n").replace("\\134", "\\")


def read_mounts(mounts_file: Path = Path("/proc/mounts")) -> list[tuple[str, str]]:
    """``(mount point, fs type)`` pairs from a Linux mount table; empty where there is none."""
    try:
        text = mounts_file.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return []
    found: list[tuple[str, str]] = []
    for line in text.splitlines():
        parts = line.split()
        if len(parts) >= 3:
            found.append((_unescape_mount(parts[1]), parts[2]))
    return found


def filesystem_type(path: Path, mounts: list[tuple[str, str]] | None = None) -> str | None:
    """The type of the file system holding ``path`` (longest matching mount point), if known."""
    table = read_mounts() if mounts is None else mounts
    if not table:
        return None
    target = _existing_ancestor(path)
    best: tuple[int, str] | None = None
    for mount_point, fs_type in table:
        mp = PurePath(mount_point)
        if target == mp or mp in target.parents:
            depth = len(mp.parts)
            # Later lines win on ties: a mount over an earlier one at the same point hides it.
            if best is None or depth >= best[0]:
                best = (depth, fs_type)
    return None if best is None else best[1]


def _existing_ancestor(path: Path) -> Path:
    """``path`` with symlinks resolved as far as it exists, and the missing tail kept as given."""
    current = path.absolute()
    tail: list[str] = []
    while not current.exists() and current.parent != current:
        tail.append(current.name)
        current = current.parent
    try:
        current = current.resolve()
    except OSError:
        pass
    return current.joinpath(*reversed(tail))


def _is_unsafe_fs(fs_type: str) -> bool:
    base = fs_type.lower()
    return base in UNSAFE_FS_TYPES or base.startswith("fuse.") or base.startswith("nfs")


def unsafe_reason(path: Path, mounts: list[tuple[str, str]] | None = None) -> str | None:
    """Why ``path`` is not a safe place for a database (a code), or None when nothing says so."""
    text = str(path)
    if text.startswith("\\\\") or text.startswith("//"):
        return "network_path"
    lowered = [part.lower() for part in PurePath(text).parts]
    for part in lowered:
        if any(
            part == marker or part.startswith(marker + " ") or part.startswith(marker + "-")
            for marker in UNSAFE_FOLDER_MARKERS
        ):
            return "synced_folder"
    if sys.platform.startswith("linux"):
        fs_type = filesystem_type(path, mounts)
        if fs_type is not None and _is_unsafe_fs(fs_type):
            return f"filesystem:{fs_type}"
    return None


def check_safe_location(path: Path, mounts: list[tuple[str, str]] | None = None) -> None:
    """Raise :class:`UnsafeLocationError` when ``path`` is on a network share or a synced folder."""
    reason = unsafe_reason(path, mounts)
    if reason is not None:
        logger.warning("profile location refused", extra={"reason": reason})
        raise UnsafeLocationError(reason, reason=reason)


__all__ = [
    "APP_NAME",
    "PROFILE_ENV",
    "UNSAFE_FS_TYPES",
    "check_safe_location",
    "default_profile_dir",
    "filesystem_type",
    "read_mounts",
    "resolve_profile_dir",
    "unsafe_reason",
]
