"""The append-only, hash-chained audit log of every write and every read of personal data.

Each event is stored as canonical JSON (sorted keys, NFC, UTC times) and chained:
``hash_n = SHA-256(hash_{n-1} || canonical(event_n))`` with ``hash_{-1}`` = 64 zeros. The event
carries its own index, time, entity and entity id, and the verifier checks the row's own columns
(``idx``, ``created_at``, ``entity``, ``entity_id``, ``hash``) against it, so no
column of a row lies outside the hash: an event cannot be moved to another record's history or
another time without breaking the chain. Appends happen only inside :meth:`Database.write_txn`,
which serialises them; the rows are written by its one flush (:mod:`sync.service.appends`).

Every write transaction that appends ends with a **head** (count and last hash) in
``audit_heads``, signed with the service's Ed25519 key when it has one (:mod:`sync.service.signing`;
the key is never in the database). Signed heads also leave the database: the witness file and
every pull response. :func:`verify_entries` then detects, given the public key and a witness
from before the tampering: altered, removed, inserted, moved or re-chained events; a truncated
tail; forged events appended with a rewritten head (no valid signature for the new count); and
rows whose columns no longer match their hashed event.

What it cannot detect: an attacker who holds the signing key can re-chain the log and sign new
heads for it; only heads witnessed before the key was taken (a witness file or devices' heads
the attacker cannot reach) then disagree with the forged chain. Keep the key off the database
host and the witness where the service's database role cannot write.
"""

from __future__ import annotations

import hashlib
import json
import logging
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, NamedTuple

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from sqlalchemy import select
from sqlalchemy.orm import Session

from sync.protocol.audit_head import GENESIS, SignedHead, signature_valid
from sync.protocol.canonical import canonical_json
from sync.service.appends import INFO_KEY, appends_of
from sync.service.context import dumps
from sync.service.db import now_iso
from sync.service.models import AuditEvent, AuditHeadRow

logger = logging.getLogger(__name__)

__all__ = ["GENESIS", "AuditRow", "StoredHead", "Verification", "append", "verify", "verify_entries"]


def chain_hash(prev_hash: str, event_json: str) -> str:
    return hashlib.sha256(prev_hash.encode("ascii") + event_json.encode("utf-8")).hexdigest()


def append(
    session: Session,
    now: datetime,
    *,
    action: str,
    outcome: str,
    actor_user_id: str | None = None,
    device_id: str | None = None,
    entity: str | None = None,
    entity_id: str | None = None,
    detail: Mapping[str, Any] | None = None,
) -> int:
    """Append one event to the chain; only inside :meth:`Database.write_txn`, which serialises them.

    The row and the new checkpoint are written with the transaction's other appends, at flush.
    """
    pending = appends_of(session)
    head = pending.audit_head(GENESIS)
    idx = head.count
    prev = head.head_hash
    at = now_iso(now)
    event = {
        "index": idx,
        "at": at,
        "action": action,
        "outcome": outcome,
        "actor_user_id": actor_user_id,
        "device_id": device_id,
        "entity": entity,
        "entity_id": entity_id,
        "detail": dict(detail or {}),
    }
    event_json = dumps(event)
    pending.audit_event(
        {
            "idx": idx,
            "hash": chain_hash(prev, event_json),
            "event_json": event_json,
            "created_at": at,
            "entity": entity,
            "entity_id": entity_id,
        }
    )
    return idx


class AuditRow(NamedTuple):
    """One stored row of ``audit_log``, every column."""

    idx: int
    hash: str
    event_json: str
    created_at: str
    entity: str | None
    entity_id: str | None


class StoredHead(NamedTuple):
    """One stored row of ``audit_heads``; ``signature`` is None for an unsigned head."""

    count: int  # type: ignore[assignment]  # the field shadows tuple.count, which nothing here uses
    head_hash: str
    signed_at: str
    key_id: str | None
    signature: str | None

    def signed(self) -> SignedHead | None:
        if self.signature is None or self.key_id is None:
            return None
        try:
            return SignedHead(
                count=self.count,
                head_hash=self.head_hash,
                signed_at=self.signed_at,
                key_id=self.key_id,
                signature=self.signature,
            )
        except ValueError:
            return None


@dataclass(frozen=True, slots=True)
class Verification:
    ok: bool
    count: int
    first_bad_index: int | None
    reason: str | None


def _bad(count: int, index: int | None, reason: str) -> Verification:
    return Verification(False, count, index, reason)


def verify_entries(
    rows: Iterable[AuditRow],
    heads: Sequence[StoredHead] = (),
    *,
    witness: Sequence[SignedHead] = (),
    public_key: Ed25519PublicKey | None = None,
) -> Verification:
    """Check the rows of ``audit_log`` (in stored order) against the stored and witnessed heads.

    Pure: runs on rows from any database, or on copies in memory. Reports the position of the
    first entry that does not fit (altered content or columns, a removed, inserted or moved row),
    or of the first head the chain contradicts.

    - Every stored head and every witness head must name the chain's hash at its count.
    - The newest stored head must be the chain's end (nothing appended or cut off after it).
    - With ``public_key``: the newest stored head must carry a valid signature (a forged append
      comes with a head nobody could sign), and so must every witness head.
    """
    wanted = {h.count for h in heads} | {h.count for h in witness}
    hash_at: dict[int, str] = {0: GENESIS}
    prev = GENESIS
    n = 0
    for position, row in enumerate(rows):
        idx, digest, event_json, created_at, entity, entity_id = row
        try:
            event = json.loads(event_json)
        except ValueError:
            return _bad(position, position, "event is not JSON")
        if not isinstance(event, dict):
            return _bad(position, position, "event is not a JSON object")
        if idx != position or event.get("index") != position:
            return _bad(position, position, "index out of sequence (entry removed, added or moved)")
        if canonical_json(event).decode("utf-8") != event_json:
            return _bad(position, position, "event is not in canonical form")
        if chain_hash(prev, event_json) != digest:
            return _bad(position, position, "hash does not match content")
        if created_at != event.get("at") or entity != event.get("entity") or entity_id != event.get("entity_id"):
            return _bad(position, position, "row columns differ from the hashed event (created_at, entity, entity_id)")
        prev = digest
        n += 1
        if n in wanted:
            hash_at[n] = digest
    named = [("stored head", h.count, h.head_hash) for h in heads]
    named += [("witness head", h.count, h.head_hash) for h in witness]
    for label, count, head_hash in sorted(named, key=lambda c: (c[0], c[1])):
        if count > n:
            return _bad(n, n, f"chain has {n} entries; a {label} says {count} (truncated)")
        if hash_at.get(count) != head_hash:
            return _bad(n, max(count - 1, 0), f"chain differs from the {label} at count {count}")
    if public_key is not None:
        for head in witness:
            if not signature_valid(head, public_key):
                return _bad(n, None, f"witness head at count {head.count} has a bad signature")
    if not heads:
        if n:
            return _bad(n, 0, f"chain has {n} entries and no stored head")
        return Verification(True, 0, None, None)
    newest = max(heads, key=lambda h: h.count)
    if newest.count < n:
        return _bad(n, newest.count, f"chain has {n} entries; the newest stored head says {newest.count}")
    if public_key is not None:
        signed = newest.signed()
        if signed is None or not signature_valid(signed, public_key):
            return _bad(n, max(newest.count - 1, 0), f"the newest head (count {newest.count}) is not validly signed")
    return Verification(True, n, None, None)


def read_rows(session: Session) -> tuple[list[AuditRow], list[StoredHead]]:
    """Every row of ``audit_log`` and ``audit_heads``, in order."""
    rows = [
        AuditRow(*r)
        for r in session.execute(
            select(
                AuditEvent.idx,
                AuditEvent.hash,
                AuditEvent.event_json,
                AuditEvent.created_at,
                AuditEvent.entity,
                AuditEvent.entity_id,
            ).order_by(AuditEvent.idx)
        )
    ]
    heads = [
        StoredHead(*r)
        for r in session.execute(
            select(
                AuditHeadRow.count,
                AuditHeadRow.head_hash,
                AuditHeadRow.signed_at,
                AuditHeadRow.key_id,
                AuditHeadRow.signature,
            ).order_by(AuditHeadRow.count)
        )
    ]
    return rows, heads


def verify(
    session: Session, *, witness: Sequence[SignedHead] = (), public_key: Ed25519PublicKey | None = None
) -> Verification:
    """Verify the whole chain in the database against its stored heads (and a witness, a key)."""
    rows, heads = read_rows(session)
    return verify_entries(rows, heads, witness=witness, public_key=public_key)


def signed_head(session: Session) -> SignedHead | None:
    """The newest signed head, this transaction's own appends included (signed now if needed)."""
    if INFO_KEY in session.info:
        sealed = appends_of(session).seal()
        if sealed is not None:
            return sealed
    row = session.execute(select(AuditHeadRow).order_by(AuditHeadRow.count.desc()).limit(1)).scalar_one_or_none()
    if row is None:
        return None
    return StoredHead(row.count, row.head_hash, row.signed_at, row.key_id, row.signature).signed()
