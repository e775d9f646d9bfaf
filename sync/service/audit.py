"""The append-only, hash-chained audit log of every write and every read of personal data.

Each event is stored as canonical JSON (sorted keys, NFC, UTC times) and chained:
``hash_n = SHA-256(hash_{n-1} || canonical(event_n))`` with ``hash_{-1}`` = 64 zeros. The event
carries its own index, so a swap breaks the chain even where contents are equal. Every
transaction that appends also writes the new head (count and hash) to ``audit_checkpoints``, in
the same commit as its events, so cutting entries off the end is detected too. Appends happen only
inside :meth:`Database.write_txn`, which serialises them; the rows and the checkpoint are written
by its one flush (:mod:`sync.service.appends`).

Known limit: the checkpoint lives in the same database. Production should also copy it to a store
the application role cannot write (security-reliability.md §3.4); the verifier accepts any
``(count, head_hash)`` pair for that purpose.
"""

from __future__ import annotations

import hashlib
import json
import logging
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from sync.protocol.canonical import canonical_json
from sync.service.appends import appends_of
from sync.service.context import dumps
from sync.service.db import now_iso
from sync.service.models import AuditCheckpoint, AuditEvent

logger = logging.getLogger(__name__)

GENESIS = "0" * 64


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
            "prev_hash": prev,
            "hash": chain_hash(prev, event_json),
            "event_json": event_json,
            "created_at": at,
            "entity": entity,
            "entity_id": entity_id,
        }
    )
    return idx


@dataclass(frozen=True, slots=True)
class Verification:
    ok: bool
    count: int
    first_bad_index: int | None
    reason: str | None


def verify_entries(rows: Iterable[tuple[int, str, str, str]], checkpoint: tuple[int, str] | None) -> Verification:
    """Check ``(idx, prev_hash, hash, event_json)`` rows in stored order against a checkpoint.

    Reports the position of the first entry that does not fit: altered content, a removed or
    inserted row, a swap, or a chain shorter or longer than the checkpoint says.
    """
    prev = GENESIS
    n = 0
    for position, (idx, prev_hash, digest, event_json) in enumerate(rows):
        try:
            event = json.loads(event_json)
        except ValueError:
            return Verification(False, position, position, "event is not JSON")
        if idx != position or event.get("index") != position:
            return Verification(False, position, position, "index out of sequence (entry removed, added or moved)")
        if canonical_json(event).decode("utf-8") != event_json:
            return Verification(False, position, position, "event is not in canonical form")
        if prev_hash != prev:
            return Verification(False, position, position, "previous hash does not match")
        if chain_hash(prev, event_json) != digest:
            return Verification(False, position, position, "hash does not match content")
        prev = digest
        n += 1
    if checkpoint is not None:
        count, head_hash = checkpoint
        if n < count:
            return Verification(False, n, n, f"chain has {n} entries; checkpoint says {count} (truncated)")
        if n > count:
            return Verification(False, n, count, f"chain has {n} entries; checkpoint says {count}")
        if n and head_hash != prev:
            return Verification(False, n, n - 1, "head hash differs from checkpoint")
    return Verification(True, n, None, None)


def verify(session: Session) -> Verification:
    """Verify the whole chain in the database against its stored checkpoint."""
    rows = session.execute(
        select(AuditEvent.idx, AuditEvent.prev_hash, AuditEvent.hash, AuditEvent.event_json).order_by(AuditEvent.idx)
    )
    head = session.get(AuditCheckpoint, 1)
    checkpoint = (head.count, head.head_hash) if head else (0, GENESIS)
    return verify_entries(((r[0], r[1], r[2], r[3]) for r in rows), checkpoint)
