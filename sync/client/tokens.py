"""Where the device's tokens live: the OS key store, filed under the profile's name.

:class:`KeyringTokenStore` keeps one entry per profile (keyring service ``cofnod-sync:<profile>``)
holding the device id, the refresh token and its expiry, and the latest access token with the
local wall-clock instant at which to renew it, so that a fresh ``cofnod sync`` process need not
spend a refresh request before its first call (sync-protocol.md §15, the one-request no-op sync).
It refuses the back ends that would lose or expose the tokens: keyring's ``fail`` and ``null``
back ends, a chainer of nothing, and anything that keeps secrets in plain text (``keyrings.alt``),
by the one rule of :mod:`sync.client.keystore` that ``desktop.secrets`` uses too.

The access token is short-lived and bound to the device; it is kept beside the refresh token,
which is worth more, so it adds no exposure the entry did not already have.
:class:`MemoryTokenStore` is for tests. Nothing here logs a token; errors are
:class:`~sync.client.errors.SyncError` of kind ``KEYSTORE`` with no back-end message chained.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass, field
from typing import Any, Final, Protocol, runtime_checkable

from sync.client import keystore
from sync.client.errors import ErrorKind, SyncError

logger = logging.getLogger(__name__)

SERVICE_PREFIX: Final = "cofnod-sync:"
#: The keyring "user name" of the one entry a profile has.
ENTRY_NAME: Final = "device-credentials"


@dataclass(frozen=True, slots=True)
class Credentials:
    """What a device keeps between runs. The token itself stays out of ``repr``."""

    device_id: str
    refresh_token: str = field(repr=False)
    refresh_expires_at: str
    server_id: str | None = None
    #: The latest access token and when to renew it (ISO 8601 UTC on this machine's clock, the
    #: refresh margin already taken off); both None when there is none worth keeping.
    access_token: str | None = field(default=None, repr=False)
    access_renew_at: str | None = None


@runtime_checkable
class TokenStore(Protocol):
    """Keeps one device's :class:`Credentials`. Every method raises ``SyncError(KEYSTORE)`` on failure."""

    def check(self) -> None:
        """Raise unless credentials can be stored now (called before enrolling, so none are lost)."""
        ...

    def load(self) -> Credentials | None:
        """The stored credentials, or None when the device has not signed in."""
        ...

    def save(self, credentials: Credentials) -> None:
        """Replace the stored credentials."""
        ...

    def clear(self) -> None:
        """Forget the credentials (sign-out); no error when there are none."""
        ...


class MemoryTokenStore:
    """Credentials in memory for the life of the object (tests)."""

    def __init__(self, credentials: Credentials | None = None) -> None:
        self.credentials = credentials
        self.saves = 0

    def check(self) -> None:
        return None

    def load(self) -> Credentials | None:
        return self.credentials

    def save(self, credentials: Credentials) -> None:
        self.credentials = credentials
        self.saves += 1

    def clear(self) -> None:
        self.credentials = None


def _optional_str(value: object) -> str | None:
    # An entry written before access tokens were kept has neither field, and a damaged cached token
    # is no token: either way the client refreshes once. The refresh token is what must be sound.
    return value if isinstance(value, str) else None


def backend_refusal(backend: object) -> str | None:
    """Why ``backend`` must not hold tokens (a code), or None when it may (the rule of :mod:`keystore`)."""
    verdict = keystore.classify_backend(backend)
    return None if verdict == "ok" else f"keystore_{verdict}"


class KeyringTokenStore:
    """Credentials in the OS key store, one entry under ``cofnod-sync:<profile_id>``.

    Args:
        profile_id: A stable, non-secret name of the profile (its folder's id, say).
        backend: A keyring back end to use instead of ``keyring.get_keyring()`` (tests).
    """

    def __init__(self, profile_id: str, *, backend: Any | None = None) -> None:
        if not profile_id:
            raise ValueError("profile_id is required")
        self.service = SERVICE_PREFIX + profile_id
        self._backend = backend

    def _usable(self) -> Any:
        if self._backend is None:
            import keyring

            self._backend = keyring.get_keyring()
        refusal = backend_refusal(self._backend)
        if refusal is not None:
            logger.warning(
                "key store refused for sync tokens", extra={"backend": keystore.backend_class_name(self._backend)}
            )
            raise SyncError(ErrorKind.KEYSTORE, refusal)
        return self._backend

    def check(self) -> None:
        backend = self._usable()
        self._call(backend.get_password, self.service, "__cofnod_probe__")

    def load(self) -> Credentials | None:
        backend = self._usable()
        raw = self._call(backend.get_password, self.service, ENTRY_NAME)
        if raw is None:
            return None
        try:
            data = json.loads(raw)
            return Credentials(
                device_id=str(data["device_id"]),
                refresh_token=str(data["refresh_token"]),
                refresh_expires_at=str(data["refresh_expires_at"]),
                server_id=None if data.get("server_id") is None else str(data["server_id"]),
                access_token=_optional_str(data.get("access_token")),
                access_renew_at=_optional_str(data.get("access_renew_at")),
            )
        except (ValueError, KeyError, TypeError, AttributeError):
            raise SyncError(ErrorKind.KEYSTORE, "keystore_entry_unreadable") from None

    def save(self, credentials: Credentials) -> None:
        backend = self._usable()
        raw = json.dumps(
            {
                "device_id": credentials.device_id,
                "refresh_token": credentials.refresh_token,
                "refresh_expires_at": credentials.refresh_expires_at,
                "server_id": credentials.server_id,
                "access_token": credentials.access_token,
                "access_renew_at": credentials.access_renew_at,
            }
        )
        self._call(backend.set_password, self.service, ENTRY_NAME, raw)

    def clear(self) -> None:
        from keyring.errors import PasswordDeleteError

        backend = self._usable()
        try:
            self._call(backend.delete_password, self.service, ENTRY_NAME)
        except PasswordDeleteError:
            pass

    @staticmethod
    def _call(func: Any, *args: str) -> Any:
        from keyring.errors import KeyringLocked, PasswordDeleteError

        try:
            return func(*args)
        except PasswordDeleteError:
            raise
        # ``from None``: a back end's message may quote what it was given.
        except KeyringLocked:
            raise SyncError(ErrorKind.KEYSTORE, "keystore_locked") from None
        except Exception:  # noqa: BLE001 - D-Bus and OS errors surface under many types
            raise SyncError(ErrorKind.KEYSTORE, "keystore_unavailable") from None


__all__ = [
    "ENTRY_NAME",
    "SERVICE_PREFIX",
    "Credentials",
    "KeyringTokenStore",
    "MemoryTokenStore",
    "TokenStore",
    "backend_refusal",
]
