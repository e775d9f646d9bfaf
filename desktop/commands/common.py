"""What the commands share: opening the profile, the services over it, and the sync client."""

from __future__ import annotations

import logging
import sys
from pathlib import Path
from typing import TextIO

from desktop.profile import OpenProfile, cli_fallback_notice, cli_open_failure, get_identity, open_profile
from desktop.secrets import KeyringSecretStore
from desktop.services.base import CurrentUser
from desktop.services.registry import Services, build_services
from desktop.store.errors import StoreError
from sync.client.http import ClientConfig, RegisterClient
from sync.client.tokens import KeyringTokenStore
from sync.protocol.enums import Role

logger = logging.getLogger(__name__)

EXIT_OK = 0
EXIT_FAILED = 1


class CommandFailedError(Exception):
    """The command cannot go on; ``status`` is its exit status (the message is already printed)."""

    def __init__(self, status: int) -> None:
        super().__init__(status)
        self.status = status


def say(command: str, message: str, stream: TextIO | None = None) -> None:
    print(f"cofnod {command}: {message}", file=stream or sys.stdout)


def open_for(command: str, folder: Path, *, create: bool) -> OpenProfile:
    """Open the profile or say why not (exit 1)."""
    try:
        profile = open_profile(folder, secrets=KeyringSecretStore(), create=create)
    except StoreError as exc:
        say(command, f"{folder}: {cli_open_failure(exc)}", sys.stderr)
        raise CommandFailedError(EXIT_FAILED) from None
    notice = cli_fallback_notice(profile)
    if notice:
        say(command, notice)
    return profile


def services_for(profile: OpenProfile) -> Services:
    """The services acting as the profile's user (a chair's seat before anyone signed in)."""
    identity = get_identity(profile)
    roles = [r for r in (identity.roles if identity else ()) if r in Role.__members__.values()]
    user = CurrentUser(
        user_id=identity.user_id if identity else None,
        display_name=identity.display_name if identity else "",
        role=Role(roles[0]) if roles else Role.CHAIR,
    )
    from desktop.services.account import AccountService

    services = build_services(profile.sessions, user=lambda: user)
    services.ctx.device_id = AccountService(services.ctx).device_id()
    return services


def sync_client(profile: OpenProfile, url: str, ca_file: str | None) -> RegisterClient:
    """A client of the service at ``url`` whose tokens live in the OS key store under this profile."""
    from desktop import __version__

    config = ClientConfig(base_url=url, ca_file=ca_file, client_version=__version__)
    return RegisterClient(config, KeyringTokenStore(profile.info.profile_id))
