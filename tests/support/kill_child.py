"""Test-only sync child: one sync run of a real profile that SIGKILLs itself at a chosen point.

:func:`sync_until_killed` runs in a process forked by a ``multiprocessing`` forkserver (so the
imports are paid once, not per kill). It opens the profile's encrypted store, runs
:meth:`desktop.services.sync.SyncService.sync` against the real service, and counts *events* of
the chosen phase: each SQL statement on the store, each commit, and each HTTP request before it
is sent and after its answer came back. At the ``kill_at``-th event it sends itself ``SIGKILL``:
no ``finally``, no rollback, no flush, as when a laptop loses power or the OS kills the app.
A run that ends first writes the events it saw per phase to ``events.json`` (the parent uses them
to aim later kills) and exits 0.

Tokens live in ``tokens.json`` next to the store (written atomically), so a rotated refresh token
survives the process as it would in the OS key store.
"""

from __future__ import annotations

import json
import logging
import os
import signal
from pathlib import Path
from typing import Any

from sqlalchemy import event

from desktop.services.base import CurrentUser
from desktop.services.registry import build_services
from desktop.services.sync import SyncService
from desktop.store.testing import open_test_store
from sync.client.http import ClientConfig, RegisterClient
from sync.client.tokens import Credentials
from sync.protocol.enums import Role
from tests.unit.services.seed import TODAY, Seat

logger = logging.getLogger(__name__)


class FileTokenStore:
    """A :class:`sync.client.tokens.TokenStore` in one JSON file (test-only: the app uses the keyring)."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def check(self) -> None:
        return None

    def load(self) -> Credentials | None:
        if not self.path.exists():
            return None
        return Credentials(**json.loads(self.path.read_text(encoding="utf-8")))

    def save(self, credentials: Credentials) -> None:
        tmp = self.path.with_suffix(".tmp")
        with open(tmp, "w", encoding="utf-8") as f:
            json.dump(
                {
                    "device_id": credentials.device_id,
                    "refresh_token": credentials.refresh_token,
                    "refresh_expires_at": credentials.refresh_expires_at,
                    "server_id": credentials.server_id,
                },
                f,
            )
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, self.path)

    def clear(self) -> None:
        self.path.unlink(missing_ok=True)


class _Killer:
    """Counts the events of one phase and kills this process at the ``kill_at``-th."""

    def __init__(self, phase: str, kill_at: int) -> None:
        self.target = phase
        self.kill_at = kill_at
        self.phase = "push"  # the engine pushes first
        self.counts: dict[str, int] = {}

    def tick(self, *_args: Any, **_kw: Any) -> None:
        n = self.counts[self.phase] = self.counts.get(self.phase, 0) + 1
        if self.phase == self.target and n >= self.kill_at:
            os.kill(os.getpid(), signal.SIGKILL)

    def enter(self, path: str) -> None:
        if path == "/v1/sync/push":
            self.phase = "push"
        elif path == "/v1/sync/pull":
            self.phase = "pull"


def sync_until_killed(folder: str, key: bytes, url: str, ca: str, phase: str, kill_at: int) -> None:
    """One sync of the profile in ``folder``; SIGKILL at the ``kill_at``-th event of ``phase``."""
    root = Path(folder)
    store = open_test_store(root, key)
    killer = _Killer(phase, kill_at)
    event.listen(store.engine, "before_cursor_execute", killer.tick)
    event.listen(store.engine, "commit", killer.tick)
    seat = Seat(CurrentUser(None, "", Role.CHAIR))
    services = build_services(store.sessions, user=seat, today=lambda: TODAY, device_id="local")
    config = ClientConfig(base_url=url, ca_file=ca, backoff_factor=0.01, backoff_jitter=0.01, backoff_max=0.05)
    client = RegisterClient(config, FileTokenStore(root / "tokens.json"))
    send_once = client._send_once

    def counted(method: str, path: str, *args: Any) -> Any:
        killer.enter(path)
        killer.tick()  # before the request leaves
        answer = send_once(method, path, *args)
        killer.tick()  # the service has answered (and committed); the device has not recorded it yet
        return answer

    client._send_once = counted  # type: ignore[method-assign,assignment]
    report = SyncService(services.ctx, root).sync(client, wait=30)
    (root / "events.json").write_text(
        json.dumps({"counts": killer.counts, "error": report.error_code, "complete": report.complete}),
        encoding="utf-8",
    )
    client.close()
    store.engine.dispose()
