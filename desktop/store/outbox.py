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
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy.orm import Session

from desktop.store import wire
from desktop.store.ids import new_id
from desktop.store.orm import AuditEvent, OutboxOp, utcnow
from sync.protocol.canonical import canonical_json as protocol_canonical_json
from sync.protocol.enums import OpKind, OutboxState

#: Shape of the payloads this build writes; the register service keeps a converter for each.
SCHEMA_VERSION = 1


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
