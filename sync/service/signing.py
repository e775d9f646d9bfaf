"""The register's audit-head signer: an Ed25519 key held outside the database, and the witness file.

The private key is read from a file (or given on stdin) when ``cofnod-register serve`` starts; it
is never stored in the database, so someone who can write the database cannot sign a head.
Every signed head is also appended, one JSON line each, to the witness file when one is given
(``serve --audit-witness PATH``): a store outside the database that ``admin verify-audit
--witness`` checks the chain against. Lines are written after the transaction commits (a head is
never witnessed before it is durable in the database) and without fsync: a head lost to a crash
only makes the witness shorter, never wrong. Several workers may share the file: each line is one
``write`` on a file opened with ``O_APPEND``, and the verifier orders lines by count.
"""

from __future__ import annotations

import json
import logging
import os
import threading
from collections.abc import Iterable
from pathlib import Path

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from sync.protocol.audit_head import SignedHead, key_id, load_private_key, sign_head

logger = logging.getLogger(__name__)


class HeadSigner:
    """Signs audit heads with one private key; optionally appends each to a witness file."""

    def __init__(self, private_key: Ed25519PrivateKey, witness: Path | None = None) -> None:
        self._key = private_key
        self.key_id = key_id(private_key.public_key())
        self.witness_path = witness
        self._lock = threading.Lock()
        self._fd: int | None = None
        if witness is not None:
            self._fd = os.open(witness, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)

    @classmethod
    def from_pem(cls, pem: bytes, witness: Path | None = None) -> HeadSigner:
        return cls(load_private_key(pem), witness)

    def sign(self, count: int, head_hash: str, signed_at: str) -> SignedHead:
        return sign_head(self._key, count, head_hash, signed_at)

    def witness(self, heads: Iterable[SignedHead]) -> None:
        """Append heads to the witness file (no-op without one)."""
        if self._fd is None:
            return
        with self._lock:
            for head in heads:
                os.write(self._fd, (head.model_dump_json() + "\n").encode("ascii"))

    def close(self) -> None:
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None


def new_key_files(private_path: Path, public_path: Path) -> str:
    """Write a new key pair (private PEM mode 0600, public PEM); returns the key id. Never overwrites."""
    key = Ed25519PrivateKey.generate()
    private_pem = key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    public_pem = key.public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    fd = os.open(private_path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as f:
        f.write(private_pem)
    fd = os.open(public_path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
    with os.fdopen(fd, "wb") as f:
        f.write(public_pem)
    return key_id(key.public_key())


def read_witness(path: Path) -> list[SignedHead]:
    """The heads in a witness file, in count order; a line that is not a head raises ``ValueError``."""
    heads = []
    lines = path.read_bytes().split(b"\n")
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            heads.append(SignedHead.model_validate(json.loads(line)))
        except ValueError as exc:
            if number == len(lines):
                # An unterminated last line: a write cut off by a crash, never a complete head.
                logger.warning("ignoring the unfinished last line of witness file %s", path)
                continue
            raise ValueError(f"witness line {number} is not a signed head") from exc
    return sorted(heads, key=lambda h: h.count)
