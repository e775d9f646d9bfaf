"""The engine's ports: what :func:`sync.engine.run.run_sync` needs from the store, the client and a clock.

The engine never imports ``desktop``: the local store is anything with these methods (the app's
:class:`desktop.store.sync_store.SyncStore`), the remote is anything shaped like
:class:`sync.client.http.RegisterClient`. Op envelopes and results travel as plain JSON dicts,
the shapes of :class:`sync.protocol.messages.WireOp` and :class:`~sync.protocol.messages.OpResult`.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, Protocol

from sync.protocol.messages import MetaResponse, PullResponse, PushRequest, PushResponse

logger = logging.getLogger(__name__)


class LocalStore(Protocol):
    """One profile's outbox, outcomes, cursor and server epoch. Each method is one local transaction."""

    def pending_ops(self, *, limit: int = 250, max_bytes: int = 1024 * 1024) -> list[dict[str, Any]]:
        """The oldest ops not yet answered, in ``device_seq`` order, capped by count and bytes."""
        ...

    def pending_count(self) -> int:
        """How many ops wait to be sent."""
        ...

    def ops_from(self, device_seq: int, *, limit: int = 250, max_bytes: int = 1024 * 1024) -> list[dict[str, Any]]:
        """Ops numbered ``device_seq`` and after, whatever their state (to resend what the server lacks)."""
        ...

    def record_results(self, results: Sequence[Mapping[str, Any]]) -> None:
        """Store the service's outcome of each op."""
        ...

    def cursor(self) -> int:
        """The highest ``server_seq`` applied here."""
        ...

    def server_id(self) -> str | None:
        """The epoch of the server the cursor belongs to (None before the first pull)."""
        ...

    def last_acked_device_seq(self) -> int:
        """The highest ``device_seq`` the service has answered."""
        ...

    def attention_count(self) -> int:
        """Ops whose outcome a person must see (conflicts and rejections)."""
        ...

    def apply_page(
        self, changes: Iterable[Mapping[str, Any]], next_cursor: int, *, server_id: str, scope: str | None = None
    ) -> int:
        """Write a pulled page and its cursor (the scope's, for a backfill) in one transaction."""
        ...

    def release_leases(self) -> int:
        """Make ops taken by a sender that never recorded their outcome pending again."""
        ...

    def scopes_to_backfill(self) -> list[tuple[str, int]]:
        """Scopes added by the feed and not yet filled, each with its own cursor."""
        ...

    def scope_backfilled(self, scope: str) -> None:
        """The scope's backfill reached the end of its feed."""
        ...


class Remote(Protocol):
    """The calls of the ``/v1`` API the engine makes; errors are :class:`sync.client.errors.SyncError`."""

    bytes_sent: int
    bytes_received: int

    def push(self, request: PushRequest) -> PushResponse: ...

    def pull(self, cursor: int, limit: int, scope: str | None = None) -> PullResponse: ...

    def meta(self) -> MetaResponse: ...


class Clock(Protocol):
    """A monotonic clock in seconds (tests may step it)."""

    def __call__(self) -> float: ...


def monotonic() -> float:
    """The default :class:`Clock`."""
    return time.monotonic()


__all__ = ["Clock", "LocalStore", "Remote", "monotonic"]
