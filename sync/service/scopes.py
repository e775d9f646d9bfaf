"""Scopes: which cases and conferences a user may see, and the events when that changes.

A scope is ``child:<id>`` (a case: the child and everything about them) or ``conference:<id>``.
Chairs and register custodians see every scope of their council. A co-ordinator sees the cases of
their open assignments, a minute-taker the conferences they take the record of (and the children
considered there), and anyone sees what they created. These come from rows in ``scope_grants``,
kept in step with the records that cause them; when a user gains or loses a scope a
``scope_added`` / ``scope_removed`` change addressed to that user goes into the feed.
"""

from __future__ import annotations

import logging
from datetime import datetime
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from sync.protocol.enums import ChangeKind, Entity
from sync.service.appends import appends_of
from sync.service.authz import COUNCIL_WIDE_ROLES
from sync.service.context import Ctx, dumps, loads
from sync.service.db import now_iso
from sync.service.models import EntityHead, ScopeGrant, User, UserRole

logger = logging.getLogger(__name__)


def heads_in_scope(ctx: Ctx, entity: Entity, scope_key: str) -> list[dict[str, Any]]:
    """The payloads of every ``entity`` record in ``scope_key``, as the transaction has them now.

    Loaded once per transaction and scope (the head objects, so later versions written to them
    show); records created after that are added by ``new_head``.
    """
    key = (scope_key, entity.value)
    heads = ctx.scope_cache.get(key)
    if heads is None:
        found = ctx.session.scalars(
            select(EntityHead).where(EntityHead.scope_key == scope_key, EntityHead.entity == entity.value)
        )
        heads = {h.entity_id: h for h in found}
        ctx.scope_cache[key] = heads
        for head in heads.values():
            ctx.head_cache[(head.entity, head.entity_id)] = head
    return [loads(h.payload_json) for h in heads.values()]


def conference_children(ctx: Ctx, conference_id: str) -> set[str]:
    return {
        str(p["child_id"])
        for p in heads_in_scope(ctx, Entity.CONFERENCE_CHILD, f"conference:{conference_id}")
        if not p.get("voided") and p.get("child_id")
    }


def _user_has(ctx: Ctx, user_id: str, scope_key: str) -> bool:
    return (
        ctx.session.scalar(
            select(ScopeGrant.via).where(ScopeGrant.user_id == user_id, ScopeGrant.scope_key == scope_key).limit(1)
        )
        is not None
    )


def set_grants(ctx: Ctx, council_id: str, via: str, desired: set[tuple[str, str]]) -> None:
    """Make the grants that come from ``via`` equal ``desired``; emit scope events for changes.

    Only members of ``council_id`` are granted anything: a record naming a user of another council
    (or one who has left) as its co-ordinator or minute-taker gives that user nothing, not even a
    ``scope_added`` event carrying the id.
    """
    users = {u for u, _ in desired}
    if users:
        members = set(ctx.session.scalars(select(User.id).where(User.id.in_(users), User.council_id == council_id)))
        desired = {(u, k) for u, k in desired if u in members}
    existing = {
        (g.user_id, g.scope_key): g for g in ctx.session.scalars(select(ScopeGrant).where(ScopeGrant.via == via))
    }
    for key in set(existing) - desired:
        user_id, scope_key = key
        ctx.session.delete(existing[key])
        ctx.session.flush()
        if not _user_has(ctx, user_id, scope_key):
            _scope_event(ctx, council_id, user_id, scope_key, ChangeKind.SCOPE_REMOVED)
    for user_id, scope_key in desired - set(existing):
        had = _user_has(ctx, user_id, scope_key)
        ctx.session.add(ScopeGrant(user_id=user_id, scope_key=scope_key, via=via))
        if not had:
            _scope_event(ctx, council_id, user_id, scope_key, ChangeKind.SCOPE_ADDED)


def end_membership(session: Session, now: datetime, user: User) -> list[str]:
    """``user`` leaves their council: every scope they held is removed, each with a ``scope_removed``.

    Council-wide roles lose ``council:<id>``; assignment and minute-taker grants are deleted (and,
    as :func:`set_grants` grants only members, are not given back by a later edit of the record).
    Only inside :meth:`Database.write_txn`. Returns the scopes removed.
    """
    council_id = user.council_id
    if council_id is None:
        return []
    removed = set(session.scalars(select(ScopeGrant.scope_key).where(ScopeGrant.user_id == user.id)))
    roles = set(session.scalars(select(UserRole.role).where(UserRole.user_id == user.id)))
    if roles & {r.value for r in COUNCIL_WIDE_ROLES}:
        removed.add(f"council:{council_id}")
    session.execute(delete(ScopeGrant).where(ScopeGrant.user_id == user.id))
    user.council_id = None
    pending = appends_of(session)
    for scope_key in sorted(removed):
        pending.change(
            {
                "server_seq": pending.next_value("server_seq"),
                "council_id": council_id,
                "scope_key": scope_key,
                "target_user_id": user.id,
                "entity": "scope",
                "entity_id": scope_key,
                "version": 0,
                "kind": ChangeKind.SCOPE_REMOVED.value,
                "payload_json": dumps({"scope": scope_key, "user_id": user.id}),
                "schema_version": 1,
                "author_user_id": None,
                "op_id": None,
                "received_at": now_iso(now),
            }
        )
    return sorted(removed)


def _scope_event(ctx: Ctx, council_id: str, user_id: str, scope_key: str, kind: ChangeKind) -> None:
    ctx.emit(
        council_id=council_id,
        scope_key=scope_key,
        entity="scope",
        entity_id=scope_key,
        version=0,
        kind=kind,
        payload={"scope": scope_key, "user_id": user_id},
        target_user_id=user_id,
    )


def _conference_grants(ctx: Ctx, conf: EntityHead) -> None:
    payload = loads(conf.payload_json)
    desired: set[tuple[str, str]] = set()
    taker = payload.get("record_taker_user_id")
    if taker and not payload.get("voided"):
        desired.add((str(taker), conf.scope_key))
        desired |= {(str(taker), f"child:{c}") for c in conference_children(ctx, conf.entity_id)}
    set_grants(ctx, conf.council_id, f"record_taker:{conf.entity_id}", desired)


def after_write(ctx: Ctx, head: EntityHead, payload: dict[str, Any], *, created: bool) -> None:
    """Keep grants in step after a record was created, patched or voided."""
    entity = head.entity
    if created and entity in (Entity.CHILD.value, Entity.CONFERENCE.value) and not ctx.principal.council_wide:
        set_grants(
            ctx, head.council_id, f"creator:{entity}:{head.entity_id}", {(ctx.principal.user_id, head.scope_key)}
        )
    if entity == Entity.COORDINATOR_ASSIGNMENT.value:
        desired: set[tuple[str, str]] = set()
        user = payload.get("coordinator_user_id")
        if user and not payload.get("voided") and not payload.get("to_date"):
            desired.add((str(user), f"child:{payload['child_id']}"))
        set_grants(ctx, head.council_id, f"assignment:{head.entity_id}", desired)
    elif entity == Entity.CONFERENCE.value:
        ctx.session.flush()
        _conference_grants(ctx, head)
    elif entity == Entity.CONFERENCE_CHILD.value:
        ctx.session.flush()
        conf = ctx.session.get(EntityHead, (Entity.CONFERENCE.value, str(payload["conference_id"])))
        if conf is not None:
            _conference_grants(ctx, conf)


def user_scopes(ctx: Ctx) -> list[str]:
    """Scopes listed in ``/v1/sync/meta``: ``council:<id>`` for council-wide roles, else grants."""
    p = ctx.principal
    if p.council_id is None:
        return []
    if p.council_wide:
        return [f"council:{p.council_id}"]
    return sorted(set(ctx.session.scalars(select(ScopeGrant.scope_key).where(ScopeGrant.user_id == p.user_id))))
