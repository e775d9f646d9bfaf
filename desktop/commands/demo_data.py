"""``cofnod demo-data --profile DIR --children N [--seed S]``: fill an empty profile with fictional data.

The data itself comes from :func:`desktop.demo.generate_demo`. Exit status: 0 written; 2 the
profile could not be opened; 3 the profile already holds data.
"""

from __future__ import annotations

import logging
from pathlib import Path

from sqlalchemy import select

from desktop.demo import generate_demo
from desktop.store import orm

logger = logging.getLogger(__name__)


def main(profile_dir: str | Path | None, *, children: int = 60, seed: int = 1) -> int:
    """``cofnod demo-data``: open (or create) the profile and fill it. Returns the exit status.

    The profile is private like one the app makes (folder 0700, files 0600).
    """
    from desktop.private_files import private_umask

    with private_umask():
        return _main(profile_dir, children=children, seed=seed)


def _main(profile_dir: str | Path | None, *, children: int, seed: int) -> int:
    from desktop.config import resolve_profile_dir
    from desktop.profile import cli_fallback_notice, cli_open_failure, open_profile
    from desktop.secrets import KeyringSecretStore
    from desktop.store.errors import StoreError

    folder = resolve_profile_dir(profile_dir)
    try:
        profile = open_profile(folder, secrets=KeyringSecretStore())
    except StoreError as exc:
        print(f"cofnod demo-data: {cli_open_failure(exc)}")
        return 2
    notice = cli_fallback_notice(profile)
    if notice:
        print(f"cofnod demo-data: {notice}")
    try:
        with profile.sessions() as session:
            if session.execute(select(orm.Child.id).limit(1)).first() is not None:
                print("cofnod demo-data: the profile already holds data; use an empty profile folder")
                return 3
        summary = generate_demo(profile, children=children, seed=seed)
    finally:
        profile.close()
    print(
        f"cofnod demo-data: {summary.children} children, {summary.conferences} conferences "
        f"in {summary.seconds:.2f} s (seed {seed})"
    )
    return 0
