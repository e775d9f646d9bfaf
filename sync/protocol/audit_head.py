"""Signed heads of the register's audit chain: what is signed, and the check any holder can run.

A head says "the audit chain had ``count`` events and its last hash was ``head_hash``". The
register signs one (Ed25519) at the end of every write transaction that appends to the chain and
hands it out in every pull response; a witness file keeps them too. Pure and Qt-free: a device
calls :func:`check_head` with the newest head it holds and the one it has just been given.

What a device can tell from two heads alone: a bad signature; a fork (two different hashes for
the same count); a rollback (fewer events than a head it already holds). It cannot prove that a
longer head extends a shorter one (a plain hash chain has no consistency proofs), so it keeps the
newest head and reports the heads it holds; ``cofnod-register admin verify-audit --witness`` then
checks each of them against the chain.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import logging
from enum import StrEnum
from typing import Annotated

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from sync.protocol.canonical import canonical_json

logger = logging.getLogger(__name__)

#: The hash of an empty chain.
GENESIS = "0" * 64
#: Domain separation: a signature over a head can never be mistaken for one over anything else.
HEAD_CONTEXT = "cofnod-audit-head/1"

Sha256Hex = Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{64}$")]


class SignedHead(BaseModel):
    """One signed head of the audit chain (as stored, witnessed and sent in pull responses)."""

    model_config = ConfigDict(extra="ignore", frozen=True)

    count: int = Field(ge=0, le=2**62)
    head_hash: Sha256Hex
    signed_at: Annotated[str, StringConstraints(max_length=40)]
    key_id: Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{16}$")]
    #: Ed25519 signature of :func:`head_message`, base64 (standard alphabet, padded).
    signature: Annotated[str, StringConstraints(min_length=86, max_length=90)]


class HeadCheck(StrEnum):
    OK = "ok"
    BAD_SIGNATURE = "bad_signature"
    #: Same count with a different hash, or fewer events than a head already held.
    FORKED = "forked"


def head_message(count: int, head_hash: str, signed_at: str) -> bytes:
    """The bytes that are signed: canonical JSON of the head and the context string."""
    return canonical_json({"ctx": HEAD_CONTEXT, "count": count, "head_hash": head_hash, "signed_at": signed_at})


def key_id(public_key: Ed25519PublicKey) -> str:
    """A short name of a public key (first 16 hex digits of the SHA-256 of its raw bytes)."""
    raw = public_key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return hashlib.sha256(raw).hexdigest()[:16]


def load_public_key(data: bytes) -> Ed25519PublicKey:
    """A public key from PEM (``SubjectPublicKeyInfo``) or its 32 raw bytes."""
    if len(data) == 32:
        return Ed25519PublicKey.from_public_bytes(data)
    key = serialization.load_pem_public_key(data)
    if not isinstance(key, Ed25519PublicKey):
        raise ValueError("not an Ed25519 public key")
    return key


def load_private_key(data: bytes) -> Ed25519PrivateKey:
    """A private key from unencrypted PEM (PKCS#8)."""
    key = serialization.load_pem_private_key(data, password=None)
    if not isinstance(key, Ed25519PrivateKey):
        raise ValueError("not an Ed25519 private key")
    return key


def sign_head(private_key: Ed25519PrivateKey, count: int, head_hash: str, signed_at: str) -> SignedHead:
    signature = private_key.sign(head_message(count, head_hash, signed_at))
    return SignedHead(
        count=count,
        head_hash=head_hash,
        signed_at=signed_at,
        key_id=key_id(private_key.public_key()),
        signature=base64.b64encode(signature).decode("ascii"),
    )


def signature_valid(head: SignedHead, public_key: Ed25519PublicKey) -> bool:
    """Whether ``head`` was signed by the private half of ``public_key``."""
    try:
        signature = base64.b64decode(head.signature, validate=True)
        public_key.verify(signature, head_message(head.count, head.head_hash, head.signed_at))
    except (InvalidSignature, ValueError, binascii.Error):
        return False
    return True


def check_head(head: SignedHead, public_key: Ed25519PublicKey, previous: SignedHead | None) -> HeadCheck:
    """Check a head just received against the register's public key and the newest head held.

    ``ok`` means: signed by the register, and not in contradiction with ``previous`` (same count
    and hash, or more events). The caller then keeps whichever of the two has the larger count.
    """
    if not signature_valid(head, public_key):
        return HeadCheck.BAD_SIGNATURE
    if previous is None:
        return HeadCheck.OK
    if head.count < previous.count:
        return HeadCheck.FORKED
    if head.count == previous.count and head.head_hash != previous.head_hash:
        return HeadCheck.FORKED
    return HeadCheck.OK
