"""Password hashing (argon2id) and opaque tokens of which only SHA-256 hashes are stored.

:func:`seal` / :func:`unseal` keep a value readable only by whoever presents a given token: the
key is derived from the token itself (HKDF-SHA256), which the database never holds, only its hash.
"""

from __future__ import annotations

import base64
import hashlib
import logging
import secrets

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from sync.service.config import Settings

logger = logging.getLogger(__name__)

#: A real argon2 hash of a random password, verified when the user name is unknown so that the
#: response time does not reveal whether an account exists.
_DUMMY_PASSWORD = secrets.token_urlsafe(16)


class Passwords:
    def __init__(self, settings: Settings) -> None:
        self._hasher = PasswordHasher(
            time_cost=settings.argon2_time_cost,
            memory_cost=settings.argon2_memory_cost,
            parallelism=settings.argon2_parallelism,
        )
        self._dummy = self._hasher.hash(_DUMMY_PASSWORD)

    def hash(self, password: str) -> str:
        return self._hasher.hash(password)

    def verify(self, stored_hash: str | None, password: str) -> bool:
        try:
            return self._hasher.verify(stored_hash or self._dummy, password) and stored_hash is not None
        except (VerifyMismatchError, VerificationError, InvalidHashError):
            return False


def new_token(prefix: str) -> str:
    """An opaque bearer token: 256 random bits, prefixed so a leaked one is recognisable."""
    return f"{prefix}_{secrets.token_urlsafe(32)}"


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def _sealing_key(token: str) -> bytes:
    # The token has 256 random bits, so HKDF needs no salt; the info string keeps this key apart
    # from the SHA-256 of the token that the database stores (knowing one gives not the other).
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=b"cofnod sealed-by-token v1").derive(
        token.encode("utf-8")
    )


def seal(token: str, plaintext: bytes, context: bytes) -> str:
    """AES-256-GCM ``plaintext`` under a key derived from ``token``, bound to ``context``."""
    nonce = secrets.token_bytes(12)
    return base64.b64encode(nonce + AESGCM(_sealing_key(token)).encrypt(nonce, plaintext, context)).decode("ascii")


def unseal(token: str, sealed: str, context: bytes) -> bytes | None:
    """What :func:`seal` sealed, or None if ``token`` or ``context`` is not the one it was sealed with."""
    try:
        raw = base64.b64decode(sealed, validate=True)
        return AESGCM(_sealing_key(token)).decrypt(raw[:12], raw[12:], context)
    except (ValueError, InvalidTag):
        return None
