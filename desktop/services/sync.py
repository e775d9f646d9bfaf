"""Sync as the app and ``cofnod`` commands use it: sign in, one sync run, where the service is.

:class:`SyncService` joins the sync client (:mod:`sync.client`), the engine (:mod:`sync.engine`)
and the profile's store: :meth:`SyncService.sign_in` enrols the device, fetches the council's
directory and adopts the service's ids (:meth:`AccountService.adopt`, which queues the first
upload); :meth:`SyncService.sync` runs :func:`sync.engine.run.run_sync` under the profile's sync
lock, so two app instances or a command and the app never sync one profile at the same time.

The service's address and CA file (not secret) are kept in ``profile_meta``; tokens only in the
:class:`~sync.client.tokens.TokenStore` the caller gives the client (the OS key store). No Qt.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from desktop.services.account import AccountService, AdoptSummary, DirectoryUser, SignedIn
from desktop.services.base import ServiceContext
from desktop.store.engine import unit_of_work
from desktop.store.meta import get_meta, set_meta
from desktop.store.sync_store import SyncStore
from sync.client.http import RegisterClient
from sync.engine.lock import ProfileLock
from sync.engine.run import Progress, SyncReport, run_sync

logger = logging.getLogger(__name__)

META_SERVICE_URL = "sync.service_url"
META_CA_FILE = "sync.ca_file"


@dataclass(frozen=True, slots=True)
class ServiceAddress:
    """Where the profile's register service is (an https URL) and the CA bundle to trust, if any."""

    url: str
    ca_file: str | None = None


class SyncService:
    """Sign-in and sync of one profile.

    Args:
        ctx: The profile's service context.
        folder: The profile folder (its ``sync.lock`` keeps syncs one at a time).
    """

    def __init__(self, ctx: ServiceContext, folder: Path | str) -> None:
        self._ctx = ctx
        self._folder = Path(folder)
        self.store = SyncStore(ctx.sessions)

    # ---- the service's address

    def address(self) -> ServiceAddress | None:
        with unit_of_work(self._ctx.sessions) as s:
            url = get_meta(s, META_SERVICE_URL)
            return ServiceAddress(url, get_meta(s, META_CA_FILE) or None) if url else None

    def set_address(self, address: ServiceAddress) -> None:
        with unit_of_work(self._ctx.sessions) as s:
            set_meta(s, META_SERVICE_URL, address.url)
            set_meta(s, META_CA_FILE, address.ca_file or "")

    # ---- sign-in and sync

    def sign_in(self, client: RegisterClient, username: str, password: str, device_name: str = "") -> AdoptSummary:
        """Enrol this device, fetch the directory and adopt the service's ids (SyncError on failure)."""
        enrolled = client.enrol(username, password, device_name)
        directory = client.directory()
        user = enrolled.user
        signed = SignedIn(
            user_id=user.user_id,
            display_name=user.display_name or user.username,
            roles=tuple(r.value for r in user.roles),
            council_id=user.council_id or "",
            device_id=enrolled.device_id,
            server_id=enrolled.server_id,
            directory=tuple(
                DirectoryUser(u.user_id, u.display_name or "", tuple(r.value for r in u.roles)) for u in directory
            ),
        )
        summary = AccountService(self._ctx).adopt(signed)
        self.set_address(ServiceAddress(client.config.base_url, client.config.ca_file))
        return summary

    def sync(
        self,
        client: RegisterClient,
        *,
        on_progress: Callable[[Progress], None] | None = None,
        cancelled: Callable[[], bool] | None = None,
        wait: float = 0.0,
    ) -> SyncReport:
        """One run under the profile's lock; raises :class:`sync.engine.lock.SyncBusyError` when
        another sync of this profile (in any process) holds it for longer than ``wait`` seconds."""
        with ProfileLock(self._folder, wait=wait):
            if cancelled is None:
                return run_sync(self.store, client, on_progress=on_progress)
            return run_sync(self.store, client, on_progress=on_progress, cancelled=cancelled)


__all__ = ["META_CA_FILE", "META_SERVICE_URL", "ServiceAddress", "SyncService"]
