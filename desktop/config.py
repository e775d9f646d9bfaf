"""Where a profile lives: ``--profile DIR`` > ``$COFNOD_PROFILE`` > the platform's user data folder.

A profile folder holds the encrypted database, its key check, ``profile.json`` and ``backups/``.
SQLite's locking and WAL do not work on network file systems, and synced folders (OneDrive,
Dropbox) copy files mid-transaction, so folders that are cheaply recognisable as either are
refused with :class:`~desktop.store.errors.UnsafeLocationError` (security-reliability.md AR-9).
Detection is best effort: a mount table on Linux, path names elsewhere.

The second half is the machine-wide configuration an administrator presets (installer/README.md):
a TOML file in the platform's system configuration folder holding the register service address,
its CA bundle, the council and the idle-lock minutes, and for each whether the user may change it.
:func:`effective_settings` merges built-in defaults, that file and the user's own choices into
:class:`EffectiveSettings`, which records where every value came from; the sign-in and the idle
lock read it, and ``cofnod --check-config`` prints it. Everything here is Qt-free.

Environment variables read here:

* ``COFNOD_PROFILE``: the profile folder when ``--profile`` is not given.
* ``COFNOD_MACHINE_CONFIG``: another machine-wide file, for tests and source runs only; a frozen
  (installed) build ignores it, so a user cannot swap the administrator's file for their own.
"""

from __future__ import annotations

import enum
import logging
import os
import sys
import tomllib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path, PurePath
from typing import Any, Final, Generic, TypeVar
from urllib.parse import urlsplit

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


# ---------------------------------------------------------------------------------------------
# Machine-wide configuration

MACHINE_CONFIG_ENV: Final = "COFNOD_MACHINE_CONFIG"
MACHINE_CONFIG_NAME: Final = "cofnod.toml"

#: The keys of the machine-wide file, in the order ``--check-config`` prints them.
SETTING_KEYS: Final = ("service_url", "ca_bundle", "council", "idle_lock_minutes")
USER_MAY_CHANGE_TABLE: Final = "user_may_change"

DEFAULT_IDLE_LOCK_MINUTES: Final = 5
#: Never later than the OS's 15-minute screen lock (security-reliability.md SES-1).
IDLE_LOCK_RANGE: Final = (1, 15)
_COUNCIL_MAX = 64

T = TypeVar("T")


class MachineConfigError(ValueError):
    """The machine-wide file cannot be used; ``str()`` is a one-line message naming the file and key."""

    def __init__(self, path: Path, message: str) -> None:
        super().__init__(f"{path}: {message}")
        self.path = path
        self.message = message


class Source(enum.StrEnum):
    """Where an effective value came from."""

    DEFAULT = "default"
    MACHINE = "machine file"
    USER = "user setting"


@dataclass(frozen=True, slots=True)
class Setting(Generic[T]):
    """One effective value, where it came from, and whether the user may change it."""

    key: str
    value: T
    source: Source
    user_may_change: bool


@dataclass(frozen=True, slots=True)
class MachineConfig:
    """The validated machine-wide file: the values it sets and the keys users may not change."""

    path: Path
    found: bool
    values: Mapping[str, object]
    locked: frozenset[str]


@dataclass(frozen=True, slots=True)
class EffectiveSettings:
    """What the sign-in and the idle lock use (read these, never the file)."""

    service_url: Setting[str | None]
    ca_bundle: Setting[Path | None]
    council: Setting[str | None]
    idle_lock_minutes: Setting[int]
    machine_file: Path
    machine_file_found: bool

    def all(self) -> tuple[Setting[Any], ...]:
        """Every setting, in :data:`SETTING_KEYS` order."""
        return (self.service_url, self.ca_bundle, self.council, self.idle_lock_minutes)


def system_config_dir(*, platform: str | None = None, frozen: bool | None = None) -> Path:
    """The platform's system configuration folder for Cofnod.

    ``/etc/xdg/Cofnod`` on Linux, ``C:\\ProgramData\\Cofnod\\Cofnod`` on Windows,
    ``/Library/Application Support/Cofnod`` on macOS. A frozen Linux build ignores
    ``$XDG_CONFIG_DIRS``, which the user controls.
    """
    plat = sys.platform if platform is None else platform
    is_frozen = bool(getattr(sys, "frozen", False)) if frozen is None else frozen
    if plat.startswith("linux") and is_frozen:
        return Path("/etc/xdg") / APP_NAME
    from platformdirs import site_config_dir

    return Path(site_config_dir(APP_NAME, APP_AUTHOR, multipath=False))


def machine_config_path(env: Mapping[str, str] | None = None, *, frozen: bool | None = None) -> Path:
    """The machine-wide file: ``$COFNOD_MACHINE_CONFIG`` in a source run, else the system folder's."""
    environ = os.environ if env is None else env
    is_frozen = bool(getattr(sys, "frozen", False)) if frozen is None else frozen
    override = environ.get(MACHINE_CONFIG_ENV)
    if override and not is_frozen:
        return Path(override).expanduser().absolute()
    return system_config_dir(frozen=is_frozen) / MACHINE_CONFIG_NAME


def _check_service_url(path: Path, value: object) -> str:
    if not isinstance(value, str):
        raise MachineConfigError(path, 'service_url must be a string such as "https://register.example.org"')
    parts = urlsplit(value)
    if parts.scheme != "https" or not parts.hostname:
        raise MachineConfigError(path, f"service_url must be an https:// address, not {value!r}")
    if parts.username or parts.password or parts.query or parts.fragment:
        raise MachineConfigError(path, "service_url must not carry a user name, password, query or fragment")
    return value.rstrip("/")


def _check_ca_bundle(path: Path, value: object) -> Path:
    if not isinstance(value, str) or not value:
        raise MachineConfigError(path, "ca_bundle must be the path of a PEM file, as a string")
    bundle = Path(value)
    if not bundle.is_absolute():
        raise MachineConfigError(path, f"ca_bundle must be an absolute path, not {value!r}")
    if not bundle.is_file():
        raise MachineConfigError(path, f"ca_bundle {value!r} does not exist or is not a file")
    return bundle


def _check_council(path: Path, value: object) -> str:
    if not isinstance(value, str) or not value.strip() or len(value) > _COUNCIL_MAX:
        raise MachineConfigError(path, f"council must be a council code of 1 to {_COUNCIL_MAX} characters")
    return value.strip()


def check_idle_minutes(value: object) -> int | None:
    """``value`` as idle-lock minutes when it is a whole number in :data:`IDLE_LOCK_RANGE`, else None."""
    if isinstance(value, bool) or not isinstance(value, int):
        return None
    low, high = IDLE_LOCK_RANGE
    return value if low <= value <= high else None


def _check_idle(path: Path, value: object) -> int:
    minutes = check_idle_minutes(value)
    if minutes is None:
        low, high = IDLE_LOCK_RANGE
        raise MachineConfigError(path, f"idle_lock_minutes must be a whole number from {low} to {high}, not {value!r}")
    return minutes


_CHECKS = {
    "service_url": _check_service_url,
    "ca_bundle": _check_ca_bundle,
    "council": _check_council,
    "idle_lock_minutes": _check_idle,
}


def parse_machine_config(text: str, path: Path) -> MachineConfig:
    """Validate the machine-wide file's text.

    A key the file sets is fixed (users may not change it) unless ``[user_may_change]`` says
    ``key = true``; ``key = false`` there fixes a key the file leaves at its default.

    Raises:
        MachineConfigError: not TOML, an unknown key, or a value of the wrong kind.
    """
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise MachineConfigError(path, f"not valid TOML ({exc})") from None
    values: dict[str, object] = {}
    may_change: dict[str, bool] = {}
    for key, raw in data.items():
        if key == USER_MAY_CHANGE_TABLE:
            if not isinstance(raw, dict):
                raise MachineConfigError(path, f"[{USER_MAY_CHANGE_TABLE}] must be a table of key = true/false")
            for sub, flag in raw.items():
                if sub not in _CHECKS:
                    raise MachineConfigError(path, f"unknown key {sub!r} in [{USER_MAY_CHANGE_TABLE}]")
                if not isinstance(flag, bool):
                    raise MachineConfigError(path, f"{USER_MAY_CHANGE_TABLE}.{sub} must be true or false")
                may_change[sub] = flag
        elif key in _CHECKS:
            values[key] = _CHECKS[key](path, raw)
        else:
            known = ", ".join((*SETTING_KEYS, f"[{USER_MAY_CHANGE_TABLE}]"))
            raise MachineConfigError(path, f"unknown key {key!r} (known: {known})")
    locked = frozenset(k for k in SETTING_KEYS if not may_change.get(k, k not in values))
    return MachineConfig(path=path, found=True, values=values, locked=locked)


def load_machine_config(path: Path | None = None) -> MachineConfig:
    """Read and validate the machine-wide file; a missing file means no presets and no locks.

    Raises:
        MachineConfigError: the file exists but cannot be read or is invalid.
    """
    where = machine_config_path() if path is None else path
    try:
        text = where.read_text(encoding="utf-8")
    except FileNotFoundError:
        return MachineConfig(path=where, found=False, values={}, locked=frozenset())
    except (OSError, UnicodeDecodeError) as exc:
        raise MachineConfigError(where, f"cannot be read ({type(exc).__name__}: {exc})") from None
    return parse_machine_config(text, where)


def machine_config_or_none(path: Path | None = None) -> MachineConfig:
    """:func:`load_machine_config` for the running app: an invalid file is logged and ignored.

    The app must still open in a conference room when the administrator's file is broken;
    ``cofnod --check-config`` is where the error is shown.
    """
    try:
        return load_machine_config(path)
    except MachineConfigError as exc:
        logger.error("machine-wide configuration ignored: %s", exc.message, extra={"path": str(exc.path)})
        return MachineConfig(path=exc.path, found=False, values={}, locked=frozenset())


def render_machine_config(values: Mapping[str, str | int | None], user_may_change: Sequence[str] = ()) -> str:
    """The TOML text of a machine-wide file setting ``values`` (``None`` and ``""`` are left out).

    Strings are written as TOML literal strings, so Windows paths need no escaping.

    Raises:
        ValueError: a key is unknown or a string holds a quote or a line break.
    """
    lines = ["# Cofnod machine-wide configuration, written by `cofnod preset`. Check: cofnod --check-config"]
    for key, value in values.items():
        if key not in _CHECKS:
            raise ValueError(f"unknown key {key!r}")
        if value is None or value == "":
            continue
        if isinstance(value, int):
            lines.append(f"{key} = {value}")
        elif "'" in value or "\n" in value or "\r" in value:
            raise ValueError(f"{key} must not contain a quote or a line break")
        else:
            lines.append(f"{key} = '{value}'")
    if user_may_change:
        lines += ["", f"[{USER_MAY_CHANGE_TABLE}]"]
        for key in user_may_change:
            if key not in _CHECKS:
                raise ValueError(f"unknown key {key!r}")
            lines.append(f"{key} = true")
    return "\n".join(lines) + "\n"


def write_machine_config(text: str, path: Path) -> MachineConfig:
    """Validate ``text`` and only then replace ``path`` with it (atomically); returns what it sets.

    Raises:
        MachineConfigError: the text is not a valid machine-wide file (``path`` is left as it was).
    """
    parsed = parse_machine_config(text, path)
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(path.name + ".new")
    partial.write_text(text, encoding="utf-8")
    os.replace(partial, path)
    return parsed


_DEFAULTS: Mapping[str, object] = {
    "service_url": None,
    "ca_bundle": None,
    "council": None,
    "idle_lock_minutes": DEFAULT_IDLE_LOCK_MINUTES,
}


def _resolve(key: str, machine: MachineConfig, user: Mapping[str, object]) -> Setting[Any]:
    may_change = key not in machine.locked
    if may_change and user.get(key) is not None:
        return Setting(key, user[key], Source.USER, True)
    if key in machine.values:
        return Setting(key, machine.values[key], Source.MACHINE, may_change)
    return Setting(key, _DEFAULTS[key], Source.DEFAULT, may_change)


def effective_settings(machine: MachineConfig, user: Mapping[str, object] | None = None) -> EffectiveSettings:
    """Defaults, overlaid by the machine-wide file, overlaid by the user's choices where allowed.

    ``user`` holds the user's own (already validated) values by key; a user value for a key the
    administrator fixed is ignored, whatever it is.
    """
    mine = user or {}
    return EffectiveSettings(
        service_url=_resolve("service_url", machine, mine),
        ca_bundle=_resolve("ca_bundle", machine, mine),
        council=_resolve("council", machine, mine),
        idle_lock_minutes=_resolve("idle_lock_minutes", machine, mine),
        machine_file=machine.path,
        machine_file_found=machine.found,
    )


__all__ = [
    "APP_NAME",
    "DEFAULT_IDLE_LOCK_MINUTES",
    "IDLE_LOCK_RANGE",
    "MACHINE_CONFIG_ENV",
    "EffectiveSettings",
    "MachineConfig",
    "MachineConfigError",
    "Setting",
    "Source",
    "check_idle_minutes",
    "effective_settings",
    "load_machine_config",
    "machine_config_or_none",
    "machine_config_path",
    "parse_machine_config",
    "render_machine_config",
    "write_machine_config",
    "system_config_dir",
    "PROFILE_ENV",
    "UNSAFE_FS_TYPES",
    "check_safe_location",
    "default_profile_dir",
    "filesystem_type",
    "read_mounts",
    "resolve_profile_dir",
    "unsafe_reason",
]
