"""Writes the outbox row and the audit event for a change, inside the caller's transaction.

Every user change goes through :func:`record_change`, called in the same unit of work as the change
itself, so the change, its outbox entry and its audit event are committed together or not at all
(sync-protocol.md section 3). The sync engine that drains the outbox comes later; rows are kept after
acknowledgement as the device's own trail.
"""

from __future__ import annotations

import datetime as dt
import decimal
import hashlib
import json
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.store import wire
from desktop.store.ids import new_id
from desktop.store.orm import AuditEvent, OutboxOp, SyncRow, utcnow
from sync.protocol.canonical import canonical_json as protocol_canonical_json
from sync.protocol.enums import OpKind, OutboxState

#: Shape of the payloads this build writes; the register service keeps a converter for each.
SCHEMA_VERSION = 1

#: Ops that make a record (the service starts it at version 1) and ops that do not move its version.
CREATING = frozenset({OpKind.CREATE, OpKind.APPEND, OpKind.ADDENDUM, OpKind.TEMPORARY_REGISTRATION})
_UNANSWERED = (OutboxState.PENDING.value, OutboxState.SENDING.value)


@dataclass(frozen=True, slots=True)
class Actor:
    """Who is making a change, and on which device."""

    user_id: str | None
    device_id: str | None = None


def _jsonable(value: Any) -> Any:
    if isinstance(value, dt.datetime):
        return value.astimezone(dt.UTC).isoformat().replace("+00:00", "Z")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return str(value)
    if isinstance(value, str):
        return unicodedata.normalize("NFC", value)
    if isinstance(value, Mapping):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        items = [_jsonable(v) for v in value]
        return sorted(items) if isinstance(value, set | frozenset) else items
    return value


def canonical_json(payload: Mapping[str, Any]) -> str:
    """Canonical JSON as text, the same form the register service hashes (``sync.protocol.canonical``).

    Dates and datetimes become ISO text first, since the wire carries them that way.
    """
    return protocol_canonical_json(_jsonable(payload)).decode("utf-8")


def payload_sha256(payload: Mapping[str, Any]) -> str:
    """SHA-256 of the canonical JSON form, hex; equal to the service's ``payload_sha256``."""
    return hashlib.sha256(canonical_json(payload).encode("utf-8")).hexdigest()


def record_create(session: Session, actor: Actor, obj: Any, *, action: str | None = None) -> OutboxOp:
    """Queue the create of ``obj`` with its client-owned wire fields (``desktop.store.wire``)."""
    m = wire.map_for(obj)
    payload = wire.to_wire(session, obj)
    return record_change(
        session, actor, kind=m.create_kind, entity=m.entity.value, entity_id=str(obj.id), payload=payload,
        base_version=None, action=action, after=payload,
    )  # fmt: skip


def wire_before(session: Session, obj: Any) -> dict[str, Any]:
    """``obj``'s wire record now, to hand to :func:`record_update` after changing it."""
    return wire.to_wire(session, obj)


def record_update(
    session: Session, actor: Actor, obj: Any, before: Mapping[str, Any], *, action: str | None = None
) -> OutboxOp | None:
    """Queue a PATCH of the wire fields of ``obj`` that changed since ``before``; bumps its version.

    The payload carries only the changed fields; the audit event keeps their values before and
    after. Nothing is queued (and the version stays) when no wire field changed.
    """
    session.flush()
    after = wire.to_wire(session, obj)
    changed = wire.changed_fields(before, after)
    if not changed:
        return None
    base = int(getattr(obj, "version", None) or 1)
    obj.version = base + 1
    # Flushed now: a caller that expires the object afterwards must not lose the bump.
    session.flush()
    m = wire.map_for(obj)
    return record_change(
        session, actor, kind=OpKind.PATCH, entity=m.entity.value, entity_id=str(obj.id),
        payload=changed, base_version=base, action=action, before={k: before.get(k) for k in changed}, after=changed,
    )  # fmt: skip


def record_void(session: Session, actor: Actor, obj: Any, reason: str) -> OutboxOp:
    """Mark ``obj`` void (never deleted) and queue the VOID with its reason; bumps its version."""
    reason = reason.strip() or "withdrawn"
    obj.voided_at = utcnow()
    obj.void_reason = reason
    base = int(getattr(obj, "version", None) or 1)
    obj.version = base + 1
    session.flush()
    m = wire.map_for(obj)
    return record_change(
        session, actor, kind=OpKind.VOID, entity=m.entity.value, entity_id=str(obj.id),
        payload={"reason": reason}, base_version=base,
    )  # fmt: skip


def _moves_version(op: OutboxOp) -> bool:
    """Whether the op, once applied, gives the record a new service version (keep_server does not)."""
    if op.kind != OpKind.RESOLVE_CONFLICT.value:
        return True
    return bool(json.loads(op.payload_json).get("resolution") in ("take_incoming", "merge"))


def server_base(session: Session, entity: str, entity_id: str, fallback: int | None) -> int | None:
    """The ``base_version`` of a new op on a record: the service version it will meet.

    While earlier ops on the record wait for an answer, the new op follows on from the newest of
    them (each that changes the record moves the service's version on by one; a create starts it at
    1). Otherwise it is the version the service last said it holds (``sync_row``). A record the
    device has no service version for (made before revision 0006) keeps ``fallback``.
    """
    last = session.scalars(
        select(OutboxOp)
        .where(OutboxOp.entity == entity, OutboxOp.entity_id == entity_id, OutboxOp.state.in_(_UNANSWERED))
        .order_by(OutboxOp.device_seq.desc())
        .limit(1)
    ).first()
    if last is not None:
        if OpKind(last.kind) in CREATING:
            return 1
        if last.base_version is None:
            return fallback
        return last.base_version + (1 if _moves_version(last) else 0)
    row = session.get(SyncRow, (entity, entity_id))
    return row.server_version if row is not None else fallback


def record_change(
    session: Session,
    actor: Actor,
    *,
    kind: OpKind,
    entity: str,
    entity_id: str,
    payload: Mapping[str, Any],
    base_version: int | None,
    action: str | None = None,
    before: Mapping[str, Any] | None = None,
    after: Mapping[str, Any] | None = None,
) -> OutboxOp:
    """Add the outbox row and audit event for one change to ``session`` (not committed here).

    Called on the database lane, inside the unit of work that made the change.
    """
    now = utcnow()
    body = canonical_json(payload)
    if kind not in CREATING:
        # Never the local edit counter: the service compares this with the version it holds.
        base_version = server_base(session, entity, entity_id, base_version)
    op = OutboxOp(
        op_id=new_id(),
        kind=kind.value,
        entity=entity,
        entity_id=entity_id,
        base_version=base_version,
        payload_json=body,
        payload_sha256=hashlib.sha256(body.encode("utf-8")).hexdigest(),
        schema_version=SCHEMA_VERSION,
        author_user_id=actor.user_id,
        client_time=now,
        state=OutboxState.PENDING.value,
    )
    session.add(op)
    session.add(
        AuditEvent(
            at=now,
            actor_user_id=actor.user_id,
            device_id=actor.device_id,
            action=action or kind.value,
            entity=entity,
            entity_id=entity_id,
            before_json=None if before is None else canonical_json(before),
            after_json=None if after is None else canonical_json(after),
        )
    )
    return op
