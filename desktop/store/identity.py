"""Adopting the service's ids at sign-in: local user and council ids become the service's.

Before sign-in a profile names its user, its colleagues and its council with ids it made itself.
At sign-in (issue 8, "identity and ids") the service's ids replace them everywhere in one
transaction: the rows, every column that refers to them, and the payloads of ops not yet sent,
whose author becomes the signed-in user. Ops keep their ``device_seq`` (their order); their hash is
recomputed. Ops already sent are frozen (sync-protocol.md §3) and left as they are.

Ids are UUIDs or the service's prefixed ids, so replacing exact matches of a whole value cannot
touch anything else. Append-only tables (the local audit trail, saved minutes versions) keep the
ids they were written with; the audit trail gains an event naming the mapping instead.
"""

from __future__ import annotations

import hashlib
import json
import logging
from collections.abc import Mapping
from typing import Any

from sqlalchemy import String, Text, text, update
from sqlalchemy.orm import Session

from desktop.store.orm import AuditEvent, Base, OutboxOp, utcnow
from desktop.store.outbox import canonical_json
from sync.protocol.enums import OutboxState

logger = logging.getLogger(__name__)

#: Tables whose rows are never rewritten (append-only by trigger) or that hold no references.
_UNTOUCHED = frozenset({"audit_event", "minutes_version", "outbox", "entity_version", "alembic_version"})
#: Columns of locked decisions that the freeze trigger guards; who pressed "Finalise" stays as recorded.
_FROZEN_COLUMNS = frozenset({("decision", "finalised_by")})


def _replace(value: Any, mapping: Mapping[str, str]) -> Any:
    if isinstance(value, str):
        return mapping.get(value, value)
    if isinstance(value, list):
        return [_replace(v, mapping) for v in value]
    if isinstance(value, dict):
        return {k: _replace(v, mapping) for k, v in value.items()}
    return value


def rename_ids(session: Session, mapping: Mapping[str, str], *, author: str) -> int:
    """Replace every id in ``mapping`` (old -> new) throughout the profile; returns ops re-authored.

    Runs inside the caller's transaction; foreign keys are checked at its commit, once every
    reference has moved. Pending ops get ``author`` as their author.
    """
    mapping = {old: new for old, new in mapping.items() if old and new and old != new}
    session.execute(text("PRAGMA defer_foreign_keys = ON"))
    if mapping:
        for table in Base.metadata.sorted_tables:
            if table.name in _UNTOUCHED:
                continue
            for column in table.columns:
                if not isinstance(column.type, String | Text) or (table.name, column.name) in _FROZEN_COLUMNS:
                    continue
                for old, new in mapping.items():
                    session.execute(update(table).where(column == old).values({column.name: new}))
    count = 0
    for op in session.query(OutboxOp).filter(OutboxOp.state == OutboxState.PENDING.value).order_by(OutboxOp.device_seq):
        payload = _replace(json.loads(op.payload_json), mapping)
        body = canonical_json(payload)
        op.payload_json = body
        op.payload_sha256 = hashlib.sha256(body.encode("utf-8")).hexdigest()
        op.entity_id = mapping.get(op.entity_id, op.entity_id)
        op.author_user_id = author
        count += 1
    session.add(
        AuditEvent(
            at=utcnow(),
            actor_user_id=author,
            action="identity_adopted",
            entity="profile",
            entity_id="profile",
            after_json=canonical_json({"ids": dict(sorted(mapping.items())), "ops_reauthored": count}),
        )
    )
    logger.info("adopted the service's ids: %d ids, %d pending ops re-authored", len(mapping), count)
    return count
