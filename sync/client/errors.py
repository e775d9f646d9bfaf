"""The one error type of the sync client: :class:`SyncError`, a kind and a stable code, no text.

The UI translates ``kind`` (and, where it helps, ``code``) into words (style.md §2 rule 9); the
engine decides from ``kind`` and :attr:`SyncError.retryable` whether to back off, split a batch,
ask for sign-in or lock. Nothing in an error is taken from the server's ``detail`` or from a
request, so no message, ``repr`` or traceback can carry a token, a password or personal data.
"""

from __future__ import annotations

import logging
from enum import StrEnum

logger = logging.getLogger(__name__)


class ErrorKind(StrEnum):
    """What went wrong, as far as the caller needs to act on it."""

    #: Credentials missing, wrong, expired or reused: the person must sign in again.
    AUTH = "auth"
    #: The device was revoked by an administrator: stop syncing and lock (sync-protocol.md §11).
    REVOKED = "revoked"
    #: The caller may not do this (403 ``forbidden``).
    FORBIDDEN = "forbidden"
    #: The scope or record does not exist or is not the caller's (404).
    NOT_FOUND = "not_found"
    #: The service could not be reached, or the connection failed or timed out: retry later.
    NETWORK = "network"
    #: The server's certificate could not be verified. Not retried: a configuration fault or an attack.
    TLS = "tls"
    #: The service failed (5xx) after the client's own retries: retry later.
    SERVER = "server"
    #: Too many requests; ``retry_after`` says how long the service asked us to wait.
    RATE_LIMITED = "rate_limited"
    #: 409 ``seq_gap``: send again from ``expected``.
    CONFLICT = "conflict"
    #: 426: this client is too old (or too new) for the service.
    UPGRADE = "upgrade"
    #: The request body is over the service's limit (refused locally, or 413): split the batch.
    TOO_LARGE = "too_large"
    #: The service refused the request as malformed (400/415/422): a client bug, not retried.
    BAD_REQUEST = "bad_request"
    #: The answer was not what the protocol promises (not JSON, wrong type, too large, wrong shape).
    PROTOCOL = "protocol"
    #: The OS key store cannot hold the tokens (locked, absent, or one that keeps them in plain text).
    KEYSTORE = "keystore"


#: Kinds worth trying again later without anything changing on the device.
RETRYABLE: frozenset[ErrorKind] = frozenset({ErrorKind.NETWORK, ErrorKind.SERVER, ErrorKind.RATE_LIMITED})


class SyncError(Exception):
    """A failed client call. ``code`` is the service's ``ErrorCode`` value or one of the client's own.

    Args:
        kind: What the caller should do about it.
        code: A stable code (``"token_expired"``, ``"timeout"``, ``"not_json"``, ...).
        status: The HTTP status, when there was an answer.
        retry_after: Seconds the service asked to wait (429, 503), capped by the client.
        expected: For ``seq_gap``, the ``device_seq`` to send next.
    """

    def __init__(
        self,
        kind: ErrorKind,
        code: str,
        *,
        status: int | None = None,
        retry_after: float | None = None,
        expected: int | None = None,
    ) -> None:
        super().__init__(f"{kind.value}:{code}")
        self.kind = kind
        self.code = code
        self.status = status
        self.retry_after = retry_after
        self.expected = expected

    @property
    def retryable(self) -> bool:
        return self.kind in RETRYABLE

    def __repr__(self) -> str:
        return f"SyncError(kind={self.kind.value!r}, code={self.code!r}, status={self.status!r})"


__all__ = ["RETRYABLE", "ErrorKind", "SyncError"]
