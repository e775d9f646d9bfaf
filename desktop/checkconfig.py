"""``cofnod --check-config`` and ``cofnod preset``: the machine-wide configuration from the command line.

``cofnod preset`` writes the machine-wide file from options (the MSI runs it with its
``SERVICE_URL``, ``CA_BUNDLE``, ``AUTHORITY`` and ``IDLE_LOCK_MINUTES`` properties); the text is
validated before the old file is replaced, so a bad value leaves the machine as it was.

For administrators after presetting a machine (installer/README.md). The machine-wide file is
read and validated; an invalid file is named with the key at fault and the exit status is 2. The
user's own choices are read from the profile when it exists and opens without asking (the key in
the OS key store, or ``COFNOD_PASSPHRASE`` for a passphrase profile); otherwise the report says
why they were not read and shows the values a new profile would get. Output is plain text on
stdout, one setting a line, so it can be pasted into a support ticket: nothing in it is secret.
"""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path
from typing import TextIO

from desktop.config import (
    EffectiveSettings,
    MachineConfig,
    MachineConfigError,
    Setting,
    effective_settings,
    load_machine_config,
    resolve_profile_dir,
)

logger = logging.getLogger(__name__)

EXIT_OK = 0
EXIT_INVALID = 2


def _user_settings(machine: MachineConfig, folder: Path) -> tuple[EffectiveSettings | None, str]:
    """The merged settings with this profile's choices, or None and why they could not be read."""
    from desktop.profile import PROFILE_FILE, open_profile
    from desktop.secrets import KeyringSecretStore
    from desktop.services.base import CurrentUser, ServiceContext
    from desktop.services.settings import SettingsService
    from desktop.store.errors import StoreError
    from sync.protocol.enums import Role

    if not (folder / PROFILE_FILE).is_file():
        return None, "no profile there yet"
    try:
        store = open_profile(folder, secrets=KeyringSecretStore(), create=False)
    except StoreError as exc:
        return None, f"not opened ({exc.code})"
    try:
        ctx = ServiceContext(store.sessions, user=lambda: CurrentUser(None, "", Role.CHAIR))
        return SettingsService(ctx, machine).effective(), "user settings read"
    finally:
        store.close()


def _show(value: object) -> str:
    return "(not set)" if value is None else str(value)


def format_report(settings: EffectiveSettings, profile_line: str) -> str:
    """The text ``--check-config`` prints."""
    found = "found" if settings.machine_file_found else "not found: built-in defaults apply"
    lines = [f"Machine-wide file: {settings.machine_file} ({found})", f"Profile: {profile_line}", ""]
    rows: list[Setting[object]] = list(settings.all())
    width = max(len(s.key) for s in rows)
    value_width = max(len(_show(s.value)) for s in rows)
    for s in rows:
        who = "user may change" if s.user_may_change else "fixed by administrator"
        lines.append(f"{s.key:<{width}}  {_show(s.value):<{value_width}}  from {s.source.value:<12}  {who}")
    return "\n".join(lines)


def run_check_config(profile: str | os.PathLike[str] | None, out: TextIO | None = None) -> int:
    """Print the effective configuration; 0 when the machine-wide file is valid (or absent), else 2."""
    stream = sys.stdout if out is None else out
    try:
        machine = load_machine_config()
    except MachineConfigError as exc:
        print(f"cofnod --check-config: the machine-wide configuration is not valid: {exc}", file=sys.stderr)
        print("Nothing was changed. Correct the file and run cofnod --check-config again.", file=sys.stderr)
        return EXIT_INVALID
    folder = resolve_profile_dir(profile)
    merged, why = _user_settings(machine, folder)
    settings = merged if merged is not None else effective_settings(machine)
    print(format_report(settings, f"{folder} ({why})"), file=stream)
    return EXIT_OK


def run_preset(
    *,
    service_url: str | None,
    ca_bundle: str | None,
    council: str | None,
    idle_lock_minutes: str | None,
    user_may_change: list[str],
    out: str | None,
) -> int:
    """``cofnod preset``: write the machine-wide file; 0 when written, 2 when a value is invalid."""
    from desktop.config import machine_config_path, render_machine_config, write_machine_config

    target = Path(out) if out else machine_config_path()
    minutes: str | int | None = idle_lock_minutes or None
    if minutes is not None:
        try:
            minutes = int(minutes)
        except ValueError:
            pass  # kept as text, so validation names it
    values = {"service_url": service_url, "ca_bundle": ca_bundle, "council": council, "idle_lock_minutes": minutes}
    try:
        written = write_machine_config(render_machine_config(values, user_may_change), target)
    except (MachineConfigError, ValueError) as exc:
        print(f"cofnod preset: not written: {exc}", file=sys.stderr)
        return EXIT_INVALID
    fixed = ", ".join(sorted(written.locked)) or "nothing"
    print(f"cofnod preset: wrote {target} (fixed for users: {fixed})")
    return EXIT_OK
