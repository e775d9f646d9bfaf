"""The "Needs attention" list: conflicts and rejections from sync, and what a person does about them.

:class:`AttentionService` reads ``sync_conflict`` and ``sync_rejection`` (filled by
:class:`desktop.store.sync_store.SyncStore` from op results and the pull feed) and gives the view
plain DTOs with codes only (the UI words them):

- a draft or a shared record edited in two places (``draft_copy``, ``hard``): both versions, and
  :meth:`AttentionService.resolve_draft` queues the ``resolve_conflict`` op (sync-protocol.md §2)
  for "mine", "theirs" or a merge, shows the choice locally at once, and marks the item resolved;
- two decisions about the same child (``contested_decision``, ``concurrent_same_outcome``): both
  decisions. A contested one is settled by a chair's further decision through the normal
  :class:`~desktop.services.decisions.DecisionService` flow (§8); it leaves the list when the
  service's ``conflict_resolved`` arrives. A same-outcome one is only acknowledged;
- a rejected op: what this device sent and the service's version, until its author acknowledges it.

Errors carry the services' worded codes (``not_found``, ``stale_version`` for an item already
settled, ``validation_failed`` with a ``reason`` param); no Qt; each method is one unit of work.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Literal

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from desktop.services.base import CurrentUser, ServiceContext
from desktop.services.errors import NotFoundError, PermissionDeniedError, StaleVersionError, ValidationFailedError
from desktop.store import wire
from desktop.store.engine import unit_of_work
from desktop.store.orm import AuditEvent, EntityVersion, OutboxOp, SyncConflict, SyncRejection, utcnow
from desktop.store.outbox import Actor, record_change
from desktop.store.sync_store import INFO_ONLY
from sync.protocol.enums import ConflictKind, ConflictState, Entity, OpKind

logger = logging.getLogger(__name__)

Choice = Literal["mine", "theirs", "merged"]
#: Conflicts a person settles by choosing or merging values.
DRAFT_KINDS = frozenset({ConflictKind.DRAFT_COPY.value, ConflictKind.HARD.value})
#: Conflicts between two decisions about the same child.
DECISION_KINDS = frozenset({ConflictKind.CONTESTED_DECISION.value, ConflictKind.CONCURRENT_SAME_OUTCOME.value})
_CONFLICT, _REJECTION = "conflict", "rejection"


@dataclass(frozen=True, slots=True)
class AttentionItem:
    """One thing a person must look at. Codes only: ``code`` is the rejection's error code (or the
    conflict kind), ``conflict_kind`` the :class:`~sync.protocol.enums.ConflictKind` (None for a
    rejection). ``mine`` is what this device holds or sent, ``theirs`` the other side (the service's
    version, or the other device's); either may be None when it never reached this device.

    ``actions`` says what may be done: ``mine``/``theirs``/``merged`` (:meth:`AttentionService.resolve_draft`),
    ``acknowledge`` (:meth:`AttentionService.acknowledge`) or ``record_decision`` (a chair records the
    resolving decision). ``decision_ids`` names both decisions of a decision conflict.
    """

    id: str
    kind: Literal["conflict", "rejection"]
    entity: str
    entity_id: str
    code: str | None
    conflict_kind: str | None
    mine: dict[str, Any] | None
    theirs: dict[str, Any] | None
    created_at: str | None
    child_id: str | None
    conference_id: str | None
    fields: tuple[str, ...] = ()
    decision_ids: tuple[str, ...] = ()
    actions: tuple[str, ...] = ()
    own: bool = False  # the op behind it was sent by this device
    server_version: int | None = None


def _loads(text: str | None) -> dict[str, Any] | None:
    if not text:
        return None
    value = json.loads(text)
    return value if isinstance(value, dict) else None


def _held(s: Session, entity: str, entity_id: str, version: int | None = None) -> dict[str, Any] | None:
    q = select(EntityVersion.raw_json).where(EntityVersion.entity == entity, EntityVersion.entity_id == entity_id)
    if version is not None:
        q = q.where(EntityVersion.version == version)
    return _loads(s.scalar(q.order_by(EntityVersion.version.desc()).limit(1)))


def _local(s: Session, entity: str, entity_id: str) -> dict[str, Any] | None:
    """The record as this device shows it, in wire form (None: not held here)."""
    try:
        m = wire.BY_ENTITY[Entity(entity)]
    except (KeyError, ValueError):
        return None
    row = s.get(m.table, entity_id)
    return dict(wire.to_wire(s, row)) if row is not None else None


def _only(values: Mapping[str, Any] | None, keys: set[str]) -> dict[str, Any] | None:
    if values is None:
        return None
    return {k: values.get(k) for k in sorted(keys)} if keys else dict(values)


def _links(entity: str, entity_id: str, *records: Mapping[str, Any] | None) -> tuple[str | None, str | None]:
    """The child and conference a record belongs to, from itself or its wire fields."""
    child = entity_id if entity == Entity.CHILD.value else None
    conference = entity_id if entity == Entity.CONFERENCE.value else None
    for r in records:
        if r:
            child = child or (str(r["child_id"]) if r.get("child_id") else None)
            conference = conference or (str(r["conference_id"]) if r.get("conference_id") else None)
    return child, conference


class AttentionService:
    """Conflicts and rejections of one profile, for the "Needs attention" view.

    Args:
        ctx: The profile's service context (or just its sessions; then every change names its ``user``).
    """

    def __init__(self, ctx: ServiceContext | sessionmaker[Session]) -> None:
        self._ctx = ctx if isinstance(ctx, ServiceContext) else None
        self._sessions = ctx.sessions if isinstance(ctx, ServiceContext) else ctx

    # ---- reading

    def items(self) -> list[AttentionItem]:
        """Every unresolved conflict and unacknowledged rejection, oldest first."""
        with unit_of_work(self._sessions) as s:
            out: list[tuple[Any, AttentionItem]] = []
            conflicts = s.scalars(
                select(SyncConflict)
                .where(
                    SyncConflict.state == ConflictState.OPEN.value,
                    SyncConflict.resolved_at.is_(None),
                    SyncConflict.conflict_kind.not_in(INFO_ONLY),
                )
                .order_by(SyncConflict.received_at, SyncConflict.id)
            )
            out += [(c.received_at, self._conflict_item(s, c)) for c in conflicts]
            rejections = s.scalars(
                select(SyncRejection)
                .where(SyncRejection.resolved_at.is_(None))
                .order_by(SyncRejection.received_at, SyncRejection.op_id)
            )
            out += [(r.received_at, self._rejection_item(s, r)) for r in rejections]
            return [item for _, item in sorted(out, key=lambda pair: (pair[0], pair[1].id))]

    def item(self, item_id: str) -> AttentionItem:
        """One item by id, resolved or not (:class:`NotFoundError` when there is none)."""
        with unit_of_work(self._sessions) as s:
            kind, _, key = item_id.partition(":")
            if kind == _CONFLICT and (c := s.get(SyncConflict, key)) is not None:
                return self._conflict_item(s, c)
            if kind == _REJECTION and (r := s.get(SyncRejection, key)) is not None:
                return self._rejection_item(s, r)
        raise NotFoundError(entity="attention_item")

    def count(self) -> int:
        """How many items :meth:`items` lists."""
        return len(self.items())

    def _conflict_item(self, s: Session, c: SyncConflict) -> AttentionItem:
        detail = _loads(c.detail_json) or {}
        own = c.device_seq is not None
        if c.conflict_kind in DECISION_KINDS:
            return self._decision_item(s, c, detail, own)
        incoming = _loads(c.incoming_json)
        keys = set(incoming or {}) | set(detail.get("fields") or {})
        server = _loads(c.server_json)
        if server is None and c.server_version is not None:
            server = _only(_held(s, c.entity, c.entity_id, c.server_version), keys)
        if server is None and not own:
            # The other device's text met this device's version: what this device shows is the head.
            server = _only(_local(s, c.entity, c.entity_id), keys)
        mine, theirs = (incoming, server) if own else (server, incoming)
        child, conference = _links(c.entity, c.entity_id, _local(s, c.entity, c.entity_id), mine, theirs)
        return AttentionItem(
            id=f"{_CONFLICT}:{c.id}",
            kind="conflict",
            entity=c.entity,
            entity_id=c.entity_id,
            code=c.conflict_kind,
            conflict_kind=c.conflict_kind,
            mine=mine,
            theirs=theirs,
            created_at=c.created_at,
            child_id=child,
            conference_id=conference,
            fields=tuple(sorted(keys)),
            actions=("mine", "theirs", "merged") if c.conflict_kind in DRAFT_KINDS else ("acknowledge",),
            own=own,
            server_version=c.server_version,
        )

    def _decision_item(self, s: Session, c: SyncConflict, detail: Mapping[str, Any], own: bool) -> AttentionItem:
        ids = tuple(str(d) for d in (detail.get("decisions") or []) if d)
        # The op behind the conflict finalised the later decision (the last one named).
        later = ids[-1] if ids else None
        if c.op_id is not None and later is None:
            later = s.scalar(select(OutboxOp.entity_id).where(OutboxOp.op_id == c.op_id))
        earlier = next((d for d in ids if d != later), None)
        decisions = {d: _held(s, Entity.DECISION.value, d) or _local(s, Entity.DECISION.value, d) for d in ids}
        ours, other = (later, earlier) if own else (earlier, later)
        mine = {"decision_id": ours, **(decisions.get(ours or "") or {})} if ours else None
        theirs = {"decision_id": other, **(decisions.get(other or "") or {})} if other else None
        child, conference = _links(c.entity, c.entity_id, _local(s, c.entity, c.entity_id), mine, theirs)
        contested = c.conflict_kind == ConflictKind.CONTESTED_DECISION.value
        return AttentionItem(
            id=f"{_CONFLICT}:{c.id}",
            kind="conflict",
            entity=c.entity,
            entity_id=c.entity_id,
            code=c.conflict_kind,
            conflict_kind=c.conflict_kind,
            mine=mine,
            theirs=theirs,
            created_at=c.created_at,
            child_id=child,
            conference_id=None if contested else conference,
            decision_ids=ids,
            actions=("record_decision",) if contested else ("acknowledge",),
            own=own,
            server_version=c.server_version,
        )

    def _rejection_item(self, s: Session, r: SyncRejection) -> AttentionItem:
        sent = _loads(r.sent_json)
        server = _loads(r.server_json)
        if server is None:
            server = _held(s, r.entity, r.entity_id)
        child, conference = _links(r.entity, r.entity_id, _local(s, r.entity, r.entity_id), sent, server)
        return AttentionItem(
            id=f"{_REJECTION}:{r.op_id}",
            kind="rejection",
            entity=r.entity,
            entity_id=r.entity_id,
            code=r.code,
            conflict_kind=None,
            mine=sent,
            theirs=server,
            created_at=r.received_at.isoformat() if r.received_at else None,
            child_id=child,
            conference_id=conference,
            fields=tuple(sorted(sent or {})),
            actions=("acknowledge",),
            own=r.device_seq is not None,
            server_version=r.server_version,
        )

    # ---- acting

    def _who(self, user: CurrentUser | None) -> CurrentUser:
        who = user or (self._ctx.user if self._ctx is not None else None)
        if who is None or who.user_id is None:
            raise PermissionDeniedError(action="resolve_conflict")
        return who

    def _actor(self, who: CurrentUser) -> Actor:
        return Actor(user_id=who.user_id, device_id=self._ctx.device_id if self._ctx is not None else None)

    def resolve_draft(
        self, item_id: str, choice: Choice, merged: Mapping[str, Any] | None = None, user: CurrentUser | None = None
    ) -> AttentionItem:
        """Settle a draft or field conflict: keep ``mine``, take ``theirs`` or send ``merged`` values.

        Queues ``resolve_conflict`` (``keep_server``, ``take_incoming`` or ``merge``, as seen from
        the op's author) and shows the chosen values locally now; the item leaves :meth:`items`.
        """
        who = self._who(user)
        kind, _, key = item_id.partition(":")
        if choice not in ("mine", "theirs", "merged"):
            raise ValidationFailedError((), reason="resolution_choice_unknown")
        if choice == "merged" and not merged:
            raise ValidationFailedError((), reason="merged_values_required")
        with unit_of_work(self._sessions) as s:
            c = s.get(SyncConflict, key) if kind == _CONFLICT else None
            if c is None:
                raise NotFoundError(entity="attention_item")
            if c.resolved_at is not None or c.state != ConflictState.OPEN.value:
                raise StaleVersionError(reason="conflict_already_resolved")
            if c.conflict_kind not in DRAFT_KINDS:
                raise ValidationFailedError(
                    (), reason="conflict_needs_decision" if c.conflict_kind in DECISION_KINDS else "conflict_kind"
                )
            item = self._conflict_item(s, c)
            incoming_wins = (choice == "mine") == item.own
            values: dict[str, Any] | None = None
            if choice == "merged":
                assert merged is not None
                unknown = set(merged) - set(item.fields)
                if unknown:
                    raise ValidationFailedError((), reason="merged_fields_unknown", fields=",".join(sorted(unknown)))
                resolution, values = "merge", dict(merged)
            elif incoming_wins:
                resolution = "take_incoming"
                values = dict((item.mine if item.own else item.theirs) or {})
            else:
                resolution = "keep_server"
            server_side = item.theirs if item.own else item.mine
            payload: dict[str, Any] = {"conflict_id": c.id, "resolution": resolution}
            if resolution == "merge":
                payload["values"] = values
            op = record_change(
                s, self._actor(who), kind=OpKind.RESOLVE_CONFLICT, entity=c.entity, entity_id=c.entity_id,
                payload=payload, base_version=c.server_version, action="resolve_conflict",
                before=item.mine, after=values if resolution != "keep_server" else server_side,
            )  # fmt: skip
            self._show_locally(s, c, values if resolution != "keep_server" else None)
            c.resolved_at = utcnow()
            c.resolved_by = who.user_id
            c.resolution = json.dumps({"choice": choice, "resolution": resolution}, sort_keys=True)
            c.resolving_op_id = op.op_id
            s.flush()
            logger.info("conflict resolved locally", extra={"resolution": resolution})
            return self._conflict_item(s, c)

    @staticmethod
    def _show_locally(s: Session, c: SyncConflict, values: Mapping[str, Any] | None) -> None:
        """The record shows the service's version, with ``values`` over it (None: as the service has it)."""
        try:
            entity = Entity(c.entity)
        except ValueError:
            return
        if entity not in wire.BY_ENTITY:
            return
        base = _held(s, c.entity, c.entity_id, c.server_version) if c.server_version is not None else None
        full = {**(base or _local(s, c.entity, c.entity_id) or {}), **(values or {})}
        if full:
            # No version given: the local record keeps its own counter; the resolving op is pending,
            # so no pulled version replaces this until the service has answered it.
            wire.apply_wire(s, entity, c.entity_id, full)

    def acknowledge(self, item_id: str, user: CurrentUser | None = None) -> AttentionItem:
        """Acknowledge a rejection (local), or a same-outcome decision conflict (queues ``keep_server``)."""
        who = self._who(user)
        kind, _, key = item_id.partition(":")
        with unit_of_work(self._sessions) as s:
            if kind == _REJECTION and (r := s.get(SyncRejection, key)) is not None:
                if r.resolved_at is None:
                    r.resolved_at, r.resolved_by, r.resolution = utcnow(), who.user_id, "acknowledged"
                    s.add(
                        AuditEvent(
                            at=r.resolved_at, actor_user_id=who.user_id,
                            device_id=self._ctx.device_id if self._ctx is not None else None,
                            action="rejection_acknowledged", entity=r.entity, entity_id=r.entity_id,
                            after_json=json.dumps({"op_id": r.op_id, "code": r.code}, sort_keys=True),
                        )
                    )  # fmt: skip
                s.flush()
                return self._rejection_item(s, r)
            c = s.get(SyncConflict, key) if kind == _CONFLICT else None
            if c is None:
                raise NotFoundError(entity="attention_item")
            if c.conflict_kind in DRAFT_KINDS or c.conflict_kind == ConflictKind.CONTESTED_DECISION.value:
                raise ValidationFailedError((), reason="conflict_needs_resolution")
            if c.resolved_at is None:
                op = record_change(
                    s, self._actor(who), kind=OpKind.RESOLVE_CONFLICT, entity=c.entity, entity_id=c.entity_id,
                    payload={"conflict_id": c.id, "resolution": "keep_server"}, base_version=c.server_version,
                    action="resolve_conflict",
                )  # fmt: skip
                c.resolved_at, c.resolved_by, c.resolving_op_id = utcnow(), who.user_id, op.op_id
                c.resolution = json.dumps({"choice": "acknowledge", "resolution": "keep_server"}, sort_keys=True)
            s.flush()
            return self._conflict_item(s, c)

    def acknowledge_rejection(self, item_id: str, user: CurrentUser | None = None) -> AttentionItem:
        """The author has seen that the service refused their change (nothing is sent)."""
        if not item_id.startswith(f"{_REJECTION}:"):
            raise NotFoundError(entity="attention_item")
        return self.acknowledge(item_id, user)


__all__ = ["DECISION_KINDS", "DRAFT_KINDS", "AttentionItem", "AttentionService", "Choice"]
