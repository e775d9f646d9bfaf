"""Settings of one register service instance; immutable, passed to :func:`create_app`."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from sync.protocol.messages import PROTOCOL_MAX, PROTOCOL_MIN
from sync.service.quota import DEVICE_BYTES, USER_BYTES
from sync.service.signing import HeadSigner

logger = logging.getLogger(__name__)


def utc_now() -> datetime:
    return datetime.now(UTC)


@dataclass(frozen=True, slots=True)
class Settings:
    """Every knob of the service. Tests inject ``clock`` to expire tokens without sleeping."""

    database_url: str = "sqlite:///cofnod-register.db"
    access_ttl: timedelta = timedelta(minutes=5)
    refresh_ttl: timedelta = timedelta(hours=12)
    #: A rotated refresh token presented again this soon (its answer was lost) gets the same new
    #: pair; later, or once the new pair has been used, reuse revokes the device (RFC 9700 §4.14).
    refresh_grace: timedelta = timedelta(seconds=60)
    #: Requests per device per window (fixed window in the database).
    rate_limit: int = 1200
    rate_window_seconds: int = 60
    max_body_bytes: int = 1 << 20
    max_json_depth: int = 32
    #: Failed sign-ins allowed before the delay starts; the delay then doubles up to the ceiling.
    signin_free_failures: int = 3
    signin_ip_free_failures: int = 20
    signin_max_delay_seconds: int = 900
    #: argon2 parameters; tests lower them to keep the suite fast.
    argon2_time_cost: int = 3
    argon2_memory_cost: int = 65536
    argon2_parallelism: int = 4
    min_client_version: str = "0.1.0"
    #: The protocol versions served. Below the range a push is still taken, op by op (§9), and a
    #: pull answers 426; tests raise ``protocol_min`` to play an old client.
    protocol_min: int = PROTOCOL_MIN
    protocol_max: int = PROTOCOL_MAX
    run_migrations: bool = True
    #: Signs each write transaction's audit head (and writes the witness file); None: unsigned.
    audit_signer: HeadSigner | None = None
    #: Bytes an op may add to what is stored, per UTC day: per device and per user (all devices).
    quota_device_bytes_per_day: int = DEVICE_BYTES
    quota_user_bytes_per_day: int = USER_BYTES
    clock: Callable[[], datetime] = field(default=utc_now)
