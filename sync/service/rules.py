"""How each pushed op is applied: conflict classes, record states and the register's rules.

Every check runs before anything is written, so a rejected op leaves no trace except its journal
row and audit event, and the batch carries on (sync-protocol.md §4: results, not failures).

The register's rules, enforced whatever a client sends, are ``sync.protocol.register_rules`` (the
same the app applies), judged on what the service holds:

- A child is added to the register only by ``finalise_decision`` with an outcome that registers,
  sent by the conference's own chair (``conference.chair_user_id``) who holds the chair role,
  for a quorate conference (counted from the attendance synced for it: 3 agency groupings of
  practitioners present, or 2 with the chair's recorded reason; a claimed count never decides),
  with an outcome its type may reach from the child's register position. The one exception is a
  custodian's ``temporary_registration`` for a child registered by another council.
- A registration ends only by a finalised ``deregister`` decision, or by a custodian's
  ``end_registration`` with a reason that needs no conference, once its precondition holds on
  the service's records (reached 18: the child's date of birth; moved permanently: the receiving
  council's finalised transfer-in decision).
- A finalised decision never changes (database triggers too); only addenda link to it.
- Two decisions made from the same register version (two chairs offline, §8): the first to
  commit takes effect. The second is stored finalised; the same outcome gives a ``conflict`` with
  ``concurrent_same_outcome``; a different outcome stores it ``contested``, flags the register
  entry ``under_review`` and keeps (or puts) the child on the register until a chair sends
  ``resolve_conflict``.

Forbidden ops (a minute-taker finalising, anyone outside the matrix): inside a push the op's
result is ``rejected`` with code ``forbidden``, nothing changes, and the audit chain records the
denial; the batch still answers 200 because every op has a durable outcome. Direct endpoints
(register enquiry, device revocation, history) answer HTTP 403 and audit the denial the same way.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError
from sqlalchemy import select

from sync.protocol import register_rules
from sync.protocol.canonical import decision_content_sha256
from sync.protocol.enums import (
    ChangeKind,
    ConferenceType,
    ConflictKind,
    ConflictState,
    DecisionState,
    EndReason,
    Entity,
    ErrorCode,
    OpKind,
    OpStatus,
    Outcome,
    RecordClass,
    RegisterStatus,
    Role,
)
from sync.protocol.messages import SCHEMA_VERSION, Op, WireOp
from sync.protocol.records import (
    APPEND_ACCEPTED,
    CHILD_LINKED,
    CONFERENCE_LINKED,
    DEFAULT_SERVER_FIELDS,
    RECORD_CLASSES,
    RECORD_MODELS,
    SERVER_FIELDS,
    EndRegistrationPayload,
    FinaliseDecisionPayload,
    ResolveConflictPayload,
    TemporaryRegistrationPayload,
    VoidPayload,
    unknown_fields,
)
from sync.service import authz, scopes
from sync.service.appends import appends_of
from sync.service.context import Ctx, dumps, loads, sha256_of
from sync.service.db import next_counter
from sync.service.models import Change, ConflictRecord, EntityHead, RegisterState

logger = logging.getLogger(__name__)

CREATE_KINDS = frozenset({OpKind.CREATE, OpKind.APPEND, OpKind.ADDENDUM})
FROZEN_DECISION_STATES = frozenset({DecisionState.FINALISED.value, DecisionState.CONTESTED.value})
LINK_FIELDS = frozenset({"child_id", "conference_id", "target_entity", "target_id"})

_Model = TypeVar("_Model", bound=BaseModel)


class Reject(Exception):  # noqa: N818 - reads as "reject this op"
    def __init__(self, code: ErrorCode, detail: str) -> None:
        super().__init__(detail)
        self.code = code
        self.detail = detail


@dataclass(slots=True)
class OpOutcome:
    """What applying an op produced; becomes the op's result and journal row."""

    status: OpStatus
    server_seq: int | None = None
    entity_version: int | None = None
    conflict_id: str | None = None
    conflict_kind: ConflictKind | None = None
    server_version: int | None = None
    code: ErrorCode | None = None
    detail: str | None = None
    decision_number: str | None = None
    first_status: OpStatus | None = None

    def as_dict(self) -> dict[str, Any]:
        return {k: (v.value if hasattr(v, "value") else v) for k, v in self._asdict().items() if v is not None}

    def _asdict(self) -> dict[str, Any]:
        return {name: getattr(self, name) for name in self.__slots__}


# ---- helpers


def _validation_detail(exc: ValidationError) -> str:
    parts = [f"{'.'.join(str(p) for p in e['loc'])}: {e['msg']}" for e in exc.errors()[:5]]
    return "; ".join(parts)[:1000]


def _parsed(model: type[_Model], payload: dict[str, Any], client_keys: Iterable[str] | None = None) -> _Model:
    """``payload`` read as ``model``; an invalid one rejects the op (``validation``).

    Strict: a field the model does not declare, at any depth, under one of ``client_keys`` (the
    top-level fields the client sent; all of ``payload`` by default) is refused too, since the op's
    schema version is one this service knows whole (records.py explains the choice).
    """
    try:
        parsed = model.model_validate(payload)
    except ValidationError as exc:
        raise Reject(ErrorCode.VALIDATION, _validation_detail(exc)) from exc
    sent = set(payload) if client_keys is None else set(client_keys)
    unknown = [path for path in unknown_fields(parsed) if path.split(".", 1)[0] in sent]
    if unknown:
        names = ", ".join(sorted(p[:64] for p in unknown)[:10])
        raise Reject(ErrorCode.VALIDATION, f"unknown fields: {names}"[:1000])
    return parsed


def validate_record(entity: Entity, payload: dict[str, Any], client_keys: Iterable[str] | None = None) -> None:
    _parsed(RECORD_MODELS[entity], payload, client_keys)


def _server_fields(entity: Entity) -> frozenset[str]:
    return SERVER_FIELDS.get(entity, DEFAULT_SERVER_FIELDS)


def get_head(ctx: Ctx, entity: Entity | str, entity_id: str) -> EntityHead | None:
    key = (str(entity), entity_id)
    if key in ctx.head_cache:
        cached: EntityHead | None = ctx.head_cache[key]
        return cached
    head = ctx.session.get(EntityHead, key)
    ctx.head_cache[key] = head
    return head


def prefetch_heads(ctx: Ctx, keys: list[tuple[str, str]]) -> None:
    """Load the heads of a batch's records in one query per entity type; remember the misses."""
    by_entity: dict[str, dict[str, None]] = {}
    for entity, entity_id in keys:
        if (entity, entity_id) not in ctx.head_cache:
            by_entity.setdefault(entity, {})[entity_id] = None
    for entity, wanted in by_entity.items():
        ids = list(wanted)
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            found = ctx.session.scalars(
                select(EntityHead).where(EntityHead.entity == entity, EntityHead.entity_id.in_(chunk))
            )
            for head in found:
                ctx.head_cache[(entity, head.entity_id)] = head
            for entity_id in chunk:
                ctx.head_cache.setdefault((entity, entity_id), None)


def visible_head(ctx: Ctx, entity: Entity | str, entity_id: str) -> EntityHead:
    """The head, if it exists and the principal may see it; otherwise one uniform ``not_found``."""
    head = get_head(ctx, entity, entity_id)
    if head is None or not ctx.can_see(head.council_id, head.scope_key):
        raise Reject(ErrorCode.NOT_FOUND, f"{entity} {entity_id} not found")
    return head


def _frozen(head: EntityHead) -> bool:
    return head.entity == Entity.DECISION.value and head.state in FROZEN_DECISION_STATES


def _version_payload(ctx: Ctx, head: EntityHead, version: int) -> dict[str, Any] | None:
    text = ctx.session.scalar(
        select(Change.payload_json).where(
            Change.entity == head.entity,
            Change.entity_id == head.entity_id,
            Change.version == version,
            Change.target_user_id.is_(None),
            Change.kind != ChangeKind.CONFLICT.value,
        )
    )
    return loads(text) if text is not None else None


def write_head(
    ctx: Ctx, head: EntityHead, payload: dict[str, Any], kind: ChangeKind, op: Op | None, *, state: str | None = None
) -> int:
    """Store a new version of an existing record and emit it to the feed; returns its seq.

    The head is changed in one go after the change row is queued, because the freeze trigger
    refuses any later UPDATE of a decision once its state says finalised.
    """
    version = head.version + 1
    payload = _stamp_register_version(ctx, head.entity, payload)
    text = dumps(payload)
    seq = ctx.emit(
        council_id=head.council_id,
        scope_key=head.scope_key,
        entity=head.entity,
        entity_id=head.entity_id,
        version=version,
        kind=kind,
        payload=payload,
        payload_json=text,
        schema_version=op.schema_version if op else SCHEMA_VERSION,
        op_id=op.op_id if op else None,
    )
    head.version = version
    head.payload_json = text
    head.voided = bool(payload.get("voided"))
    head.updated_seq = seq
    if state is not None:
        head.state = state
    return seq


def _stamp_register_version(ctx: Ctx, entity: str, payload: dict[str, Any]) -> dict[str, Any]:
    """A register entry carries the child's register version after the op that writes it.

    Every op that writes register entries raises the child's version by exactly one after writing
    them, so the version after it is the current one plus one; a device names it when it next
    finalises a decision about the child (``register_version``, §8).
    """
    if entity != Entity.REGISTER_ENTRY.value or "child_id" not in payload:
        return payload
    ctx.session.flush()
    rs = ctx.session.get(RegisterState, str(payload["child_id"]))
    return {**payload, "register_version": (rs.version if rs is not None else 0) + 1}


def new_head(
    ctx: Ctx,
    entity: Entity,
    entity_id: str,
    council_id: str,
    scope_key: str,
    payload: dict[str, Any],
    create_sha256: str,
    op: Op | None,
    *,
    state: str | None = None,
    kind: ChangeKind = ChangeKind.CREATED,
) -> EntityHead:
    """Create a record at version 1 and emit it to the feed.

    The row is inserted by the transaction's :class:`~sync.service.appends.Appends` with the change
    feed, not one ORM INSERT per record; the object is cached and attached to the session then.
    """
    payload = _stamp_register_version(ctx, entity.value, payload)
    text = dumps(payload)
    seq = ctx.emit(
        council_id=council_id,
        scope_key=scope_key,
        entity=entity.value,
        entity_id=entity_id,
        version=1,
        kind=kind,
        payload=payload,
        payload_json=text,
        schema_version=op.schema_version if op else SCHEMA_VERSION,
        op_id=op.op_id if op else None,
    )
    head = EntityHead(
        entity=entity.value,
        entity_id=entity_id,
        council_id=council_id,
        scope_key=scope_key,
        version=1,
        payload_json=text,
        create_sha256=create_sha256,
        state=state,
        voided=False,
        open_conflicts=0,
        created_by=ctx.principal.user_id,
        updated_seq=seq,
    )
    appends_of(ctx.session).new_head(head)
    ctx.head_cache[(entity.value, entity_id)] = head
    in_scope = ctx.scope_cache.get((scope_key, entity.value))
    if in_scope is not None:
        in_scope[entity_id] = head
    return head


def new_conflict(
    ctx: Ctx,
    head: EntityHead,
    kind: ConflictKind,
    op: Op,
    detail: dict[str, Any],
    *,
    state: ConflictState = ConflictState.OPEN,
) -> tuple[str, int]:
    conflict_id = "cf-" + uuid.uuid4().hex
    record = ConflictRecord(
        id=conflict_id,
        entity=head.entity,
        entity_id=head.entity_id,
        council_id=head.council_id,
        scope_key=head.scope_key,
        kind=kind.value,
        state=state.value,
        op_id=op.op_id,
        author_user_id=ctx.principal.user_id,
        base_version=op.base_version,
        server_version=head.version,
        detail_json=dumps(detail),
        created_at=ctx.received_at,
    )
    ctx.session.add(record)
    if state is ConflictState.OPEN and not _frozen(head):
        head.open_conflicts += 1
    seq = ctx.emit(
        council_id=head.council_id,
        scope_key=head.scope_key,
        entity="conflict",
        entity_id=conflict_id,
        version=1,
        kind=ChangeKind.CONFLICT,
        payload=conflict_payload(record),
        op_id=op.op_id,
    )
    return conflict_id, seq


def _conflicted(
    ctx: Ctx,
    head: EntityHead,
    kind: ConflictKind,
    op: Op,
    detail: dict[str, Any],
    *,
    server_version: int,
    entity_version: int | None = None,
    decision_number: str | None = None,
) -> OpOutcome:
    """Record an open conflict of ``kind`` on ``head`` and answer the op with it."""
    cid, seq = new_conflict(ctx, head, kind, op, detail)
    return OpOutcome(
        OpStatus.CONFLICT,
        server_seq=seq,
        entity_version=entity_version,
        conflict_id=cid,
        conflict_kind=kind,
        server_version=server_version,
        decision_number=decision_number,
    )


def conflict_payload(record: ConflictRecord) -> dict[str, Any]:
    return {
        "conflict_id": record.id,
        "entity": record.entity,
        "entity_id": record.entity_id,
        "kind": record.kind,
        "state": record.state,
        "op_id": record.op_id,
        "author_user_id": record.author_user_id,
        "base_version": record.base_version,
        "server_version": record.server_version,
        "detail": loads(record.detail_json),
        "created_at": record.created_at,
        "resolved_at": record.resolved_at,
        "resolved_by": record.resolved_by,
        "resolution": loads(record.resolution_json) if record.resolution_json else None,
    }


# ---- dispatch


def apply_op(ctx: Ctx, op: WireOp) -> OpOutcome:
    """Apply one op; returns its outcome. Raises only on server faults (the batch then rolls back)."""
    try:
        return _apply(ctx, known_op(op))
    except Reject as rej:
        return OpOutcome(OpStatus.REJECTED, code=rej.code, detail=rej.detail)


def known_op(op: WireOp) -> Op:
    """``op`` with its kind and entity as this protocol's enums; an unknown one rejects the op only."""
    if isinstance(op, Op):
        return op
    entity = Entity._value2member_map_.get(op.entity)
    if entity is None:
        raise Reject(ErrorCode.UNKNOWN_ENTITY, f"{op.entity} is not a record type this server knows")
    kind = OpKind._value2member_map_.get(op.kind)
    if kind is None:
        raise Reject(ErrorCode.UNSUPPORTED_KIND, f"{op.kind} is not an op kind this server knows")
    # Already validated as a WireOp; only the two names are narrowed, so nothing is validated twice.
    values = dict(op)
    values.update(kind=kind, entity=entity)
    return Op.model_construct(op.model_fields_set, **values)


def _apply(ctx: Ctx, op: Op) -> OpOutcome:
    p = ctx.principal
    if op.author_user_id != p.user_id:
        raise Reject(ErrorCode.AUTHOR_MISMATCH, "author_user_id is not the signed-in user")
    if (ctx.payload_hashes.get(op.op_id) or sha256_of(op.payload)) != op.payload_sha256:
        raise Reject(ErrorCode.HASH_MISMATCH, "payload_sha256 does not match the payload")
    if op.schema_version > SCHEMA_VERSION:
        raise Reject(ErrorCode.UNSUPPORTED_SCHEMA, f"schema_version {op.schema_version} is newer than this server")
    if op.kind is OpKind.PATCH and RECORD_CLASSES[op.entity] is RecordClass.APPEND_ONLY:
        raise Reject(ErrorCode.APPEND_ONLY, f"{op.entity.value} records are append-only; void and append instead")
    if p.council_id is None or not authz.allowed(p.roles, op.entity, op.kind):
        raise Reject(ErrorCode.FORBIDDEN, f"role may not {op.kind.value} {op.entity.value}")
    kind = op.kind
    if kind in CREATE_KINDS:
        return _create(ctx, op)
    if kind is OpKind.PATCH:
        return _patch(ctx, op)
    if kind is OpKind.VOID:
        return _void(ctx, op)
    if kind is OpKind.FINALISE_DECISION:
        return _finalise(ctx, op)
    if kind is OpKind.END_REGISTRATION:
        return _end_registration(ctx, op)
    if kind is OpKind.TEMPORARY_REGISTRATION:
        return _temporary_registration(ctx, op)
    if kind is OpKind.RESOLVE_CONFLICT:
        return _resolve(ctx, op)
    raise Reject(ErrorCode.UNSUPPORTED_KIND, f"{kind.value} is not supported")


def _duplicate_of_existing(ctx: Ctx, head: EntityHead, op: Op) -> OpOutcome:
    """Create of an id that exists: identical content is a duplicate, anything else id reuse.

    An id the caller may not see (another council's, or outside their scopes) is ``not_found``,
    as every other cross-council access is: ``id_reuse`` would tell an outsider that it exists.
    """
    if not ctx.can_see(head.council_id, head.scope_key):
        raise Reject(ErrorCode.NOT_FOUND, f"{op.entity.value} {op.entity_id} not found")
    if head.entity == op.entity.value and head.create_sha256 == op.payload_sha256:
        seq = ctx.session.scalar(
            select(Change.server_seq).where(
                Change.entity == head.entity, Change.entity_id == head.entity_id, Change.version == 1
            )
        )
        return OpOutcome(OpStatus.DUPLICATE, first_status=OpStatus.APPLIED, server_seq=seq, entity_version=1)
    raise Reject(ErrorCode.ID_REUSE, "a different record already has this id")


def _resolve_parent(ctx: Ctx, op: Op, payload: dict[str, Any]) -> tuple[str, str]:
    """Council and scope of a new record, from its parent; the client never chooses either."""
    council = ctx.principal.council_id
    assert council is not None
    entity = op.entity
    if entity is Entity.CHILD:
        return council, f"child:{op.entity_id}"
    if entity is Entity.CONFERENCE:
        return council, f"conference:{op.entity_id}"
    if entity is Entity.ADDENDUM:
        target = visible_head(ctx, str(payload.get("target_entity")), str(payload.get("target_id")))
        return target.council_id, target.scope_key
    if entity in CHILD_LINKED:
        child = visible_head(ctx, Entity.CHILD, str(payload["child_id"]))
        if child.voided:
            raise Reject(ErrorCode.RECORD_VOIDED, "the child record has been voided")
        if "conference_id" in payload and payload["conference_id"] is not None:
            conf = get_head(ctx, Entity.CONFERENCE, str(payload["conference_id"]))
            if conf is None or conf.council_id != child.council_id:
                raise Reject(ErrorCode.NOT_FOUND, "conference not found")
        return child.council_id, child.scope_key
    if entity in CONFERENCE_LINKED:
        conf = visible_head(ctx, Entity.CONFERENCE, str(payload["conference_id"]))
        if conf.voided:
            raise Reject(ErrorCode.RECORD_VOIDED, "the conference has been voided")
        if entity is Entity.CONFERENCE_CHILD:
            linked = get_head(ctx, Entity.CHILD, str(payload["child_id"]))
            if linked is None or linked.council_id != conf.council_id:
                raise Reject(ErrorCode.NOT_FOUND, "child not found")
        return conf.council_id, conf.scope_key
    raise Reject(ErrorCode.UNKNOWN_ENTITY, f"{entity.value} cannot be created by a client")


def _create(ctx: Ctx, op: Op) -> OpOutcome:
    entity = op.entity
    if op.kind is OpKind.APPEND and entity not in APPEND_ACCEPTED:
        raise Reject(ErrorCode.UNSUPPORTED_KIND, f"{entity.value} is not append-only; use create")
    if op.kind is OpKind.ADDENDUM and entity is not Entity.ADDENDUM:
        raise Reject(ErrorCode.UNSUPPORTED_KIND, "addendum ops create addendum records")
    existing = get_head(ctx, entity, op.entity_id)
    if existing is not None:
        return _duplicate_of_existing(ctx, existing, op)
    payload = dict(op.payload)
    touched = set(payload) & _server_fields(entity)
    if touched:
        raise Reject(ErrorCode.SERVER_OWNED, f"fields set by the server only: {sorted(touched)}")
    validate_record(entity, payload)
    council, scope_key = _resolve_parent(ctx, op, payload)
    state = None
    if entity in (Entity.CHILD, Entity.CONFERENCE):
        payload["council_id"] = council
    if entity is Entity.DECISION:
        conf = get_head(ctx, Entity.CONFERENCE, str(payload["conference_id"]))
        if conf is None or conf.council_id != council:
            raise Reject(ErrorCode.NOT_FOUND, "conference not found")
        if not scopes.conference_children(ctx, conf.entity_id) & {str(payload["child_id"])}:
            raise Reject(ErrorCode.VALIDATION, "the child is not considered at this conference")
        state = DecisionState.DRAFT.value
        payload["state"] = state
    head = new_head(ctx, entity, op.entity_id, council, scope_key, payload, op.payload_sha256, op, state=state)
    scopes.after_write(ctx, head, payload, created=True)
    return OpOutcome(OpStatus.APPLIED, server_seq=head.updated_seq, entity_version=1)


def _check_editable(head: EntityHead) -> None:
    if _frozen(head):
        raise Reject(ErrorCode.RECORD_FINALISED, f"decision {head.entity_id} has been finalised")
    if head.voided:
        raise Reject(ErrorCode.RECORD_VOIDED, f"{head.entity} {head.entity_id} has been voided")


def _patch(ctx: Ctx, op: Op) -> OpOutcome:
    entity = op.entity
    head = visible_head(ctx, entity, op.entity_id)
    rclass = RECORD_CLASSES[entity]
    if rclass is RecordClass.APPEND_ONLY:
        raise Reject(ErrorCode.APPEND_ONLY, f"{entity.value} records are append-only; void and append instead")
    if rclass is RecordClass.REGISTER_STATE:
        raise Reject(ErrorCode.SERVER_OWNED, "register entries change only through register transitions")
    _check_editable(head)
    if op.base_version is None:
        raise Reject(ErrorCode.VALIDATION, "patch needs base_version")
    patch = dict(op.payload)
    touched = set(patch) & _server_fields(entity)
    if touched:
        raise Reject(ErrorCode.SERVER_OWNED, f"fields set by the server only: {sorted(touched)}")
    current = loads(head.payload_json)
    moved = {f for f in set(patch) & LINK_FIELDS if patch[f] != current.get(f)}
    if moved:
        raise Reject(ErrorCode.VALIDATION, f"links cannot change: {sorted(moved)}")
    if op.base_version > head.version:
        raise Reject(ErrorCode.VALIDATION, f"base_version {op.base_version} is ahead of the server ({head.version})")
    merged = {**current, **patch}
    validate_record(entity, merged, patch)
    if op.base_version == head.version:
        seq = write_head(ctx, head, merged, ChangeKind.UPDATED, op)
        scopes.after_write(ctx, head, merged, created=False)
        return OpOutcome(OpStatus.APPLIED, server_seq=seq, entity_version=head.version)
    # Stale base version.
    if rclass is RecordClass.SINGLE_AUTHOR_DRAFT:
        return _conflicted(
            ctx,
            head,
            ConflictKind.DRAFT_COPY,
            op,
            {"incoming": patch, "base_version": op.base_version},
            server_version=head.version,
        )
    base = _version_payload(ctx, head, op.base_version) or {}
    hard: dict[str, Any] = {}
    for field_name, incoming in patch.items():
        server_value = current.get(field_name)
        base_value = base.get(field_name)
        if server_value != base_value and incoming != server_value:
            hard[field_name] = {"base": base_value, "server": server_value, "incoming": incoming}
    if hard:
        return _conflicted(
            ctx, head, ConflictKind.HARD, op, {"fields": hard, "incoming": patch}, server_version=head.version
        )
    seq = write_head(ctx, head, merged, ChangeKind.UPDATED, op)
    scopes.after_write(ctx, head, merged, created=False)
    changed_elsewhere = sorted(k for k in set(current) | set(base) if current.get(k) != base.get(k))
    cid, _ = new_conflict(
        ctx,
        head,
        ConflictKind.SOFT,
        op,
        {"fields_changed_since_base": changed_elsewhere, "incoming": patch},
        state=ConflictState.RESOLVED,
    )
    return OpOutcome(
        OpStatus.APPLIED, server_seq=seq, entity_version=head.version, conflict_id=cid, conflict_kind=ConflictKind.SOFT
    )


def _void(ctx: Ctx, op: Op) -> OpOutcome:
    head = visible_head(ctx, op.entity, op.entity_id)
    _check_editable(head)
    body = _parsed(VoidPayload, op.payload)
    if op.base_version is not None and op.base_version != head.version:
        return _conflicted(
            ctx,
            head,
            ConflictKind.HARD,
            op,
            {"void": body.reason, "base_version": op.base_version},
            server_version=head.version,
        )
    payload = {
        **loads(head.payload_json),
        "voided": True,
        "void_reason": body.reason,
        "voided_by": ctx.principal.user_id,
    }
    seq = write_head(ctx, head, payload, ChangeKind.VOIDED, op)
    scopes.after_write(ctx, head, payload, created=False)
    return OpOutcome(OpStatus.APPLIED, server_seq=seq, entity_version=head.version)


# ---- the register


def _register_state(ctx: Ctx, child: EntityHead) -> RegisterState:
    rs = ctx.session.get(RegisterState, child.entity_id)
    if rs is None:
        rs = RegisterState(child_id=child.entity_id, council_id=child.council_id, version=0)
        ctx.session.add(rs)
    return rs


def _current_entry(ctx: Ctx, rs: RegisterState) -> tuple[EntityHead | None, dict[str, Any]]:
    if rs.active_entry_id is None:
        return None, {}
    head = get_head(ctx, Entity.REGISTER_ENTRY, rs.active_entry_id)
    return head, (loads(head.payload_json) if head else {})


def _is_active(entry: dict[str, Any]) -> bool:
    return entry.get("status") == RegisterStatus.REGISTERED.value


def _coordinator_of(ctx: Ctx, child_id: str) -> str | None:
    for payload in scopes.heads_in_scope(ctx, Entity.COORDINATOR_ASSIGNMENT, f"child:{child_id}"):
        if not payload.get("voided") and not payload.get("to_date") and payload.get("coordinator_user_id"):
            return str(payload["coordinator_user_id"])
    return None


def _quorum(ctx: Ctx, conf: dict[str, Any], conf_id: str, body: FinaliseDecisionPayload) -> register_rules.Quorum:
    """Quorum counted from the attendance the service holds; a claimed count never decides."""
    attendance = scopes.heads_in_scope(ctx, Entity.ATTENDANCE, f"conference:{conf_id}")
    reason = body.quorum_override_reason or conf.get("quorum_override_reason") or ""
    return register_rules.assess_quorum(
        (register_rules.Presence.of_payload(att) for att in attendance), chair_reason=str(reason)
    )


def _refuse(verdict: register_rules.Verdict) -> None:
    """Reject the op with the register's first refusal, if any."""
    refusal = verdict.first
    if refusal is not None:
        raise Reject(refusal.code, refusal.detail)


def _finalise(ctx: Ctx, op: Op) -> OpOutcome:
    if op.entity is not Entity.DECISION:
        raise Reject(ErrorCode.UNSUPPORTED_KIND, "finalise_decision applies to decisions")
    body = _parsed(FinaliseDecisionPayload, op.payload)
    head = visible_head(ctx, Entity.DECISION, op.entity_id)
    if _frozen(head):
        raise Reject(ErrorCode.RECORD_FINALISED, f"decision {head.entity_id} has been finalised")
    if head.voided:
        raise Reject(ErrorCode.RECORD_VOIDED, "the decision has been voided")
    decision = loads(head.payload_json)
    if body.conference_id != decision.get("conference_id"):
        raise Reject(ErrorCode.VALIDATION, "conference_id does not match the decision")
    conf_head = get_head(ctx, Entity.CONFERENCE, body.conference_id)
    if conf_head is None or conf_head.council_id != head.council_id or conf_head.voided:
        raise Reject(ErrorCode.NOT_FOUND, "conference not found")
    conf = loads(conf_head.payload_json)
    if conf.get("chair_user_id") != ctx.principal.user_id or Role.CHAIR not in ctx.principal.roles:
        raise Reject(ErrorCode.NOT_CONFERENCE_CHAIR, "only the chair of this conference may finalise its decisions")
    if op.base_version != head.version:
        raise Reject(ErrorCode.CONTENT_MISMATCH, f"the draft is at version {head.version}, not {op.base_version}")
    if decision_content_sha256(decision) != body.content_sha256:
        raise Reject(ErrorCode.CONTENT_MISMATCH, "content_sha256 does not match the draft held by the server")
    quorum = _quorum(ctx, conf, conf_head.entity_id, body)
    if quorum.refusal is not None:
        raise Reject(quorum.refusal.code, quorum.refusal.detail)
    raw_outcome = decision.get("outcome")
    if raw_outcome is None:
        raise Reject(ErrorCode.VALIDATION, "the decision has no outcome")
    outcome = Outcome(raw_outcome)
    ctype = ConferenceType(conf["type"])
    categories = [str(c) for c in decision.get("categories") or []]
    if outcome is Outcome.DEREGISTER and not (
        str(decision.get("reasons") or "").strip() and str(decision.get("evidence") or "").strip()
    ):
        raise Reject(ErrorCode.EVIDENCE_REQUIRED, "deregistration needs reasons and evidence of change")
    child = get_head(ctx, Entity.CHILD, str(decision["child_id"]))
    if child is None:
        raise Reject(ErrorCode.NOT_FOUND, "child not found")
    rs = _register_state(ctx, child)
    entry_head, entry = _current_entry(ctx, rs)
    if body.register_version > rs.version:
        raise Reject(ErrorCode.VALIDATION, f"register_version {body.register_version} is ahead of the server")
    fresh = body.register_version == rs.version
    position = register_rules.RegisterPosition.of_entry(entry)
    # Outcome for the conference type always; the transition only from the state the chair saw
    # (a stale one is the two-chairs case of sync-protocol.md §8, settled below).
    _check_transition(ctype, outcome, categories, position if fresh else None)

    # All checks passed: from here on we write.
    number = f"DEC-{ctx.now.year}-{next_counter(ctx.session, 'decision_number'):05d}"
    finalised = {
        **decision,
        "decision_number": number,
        "finalised_at": ctx.received_at,
        "finalised_by": ctx.principal.user_id,
        # What the service counted (this decides), and what the device claimed (kept for the record).
        "quorum": {
            "agencies": sorted(quorum.agencies),
            "state": quorum.state.value,
            "claimed_agency_count": body.quorum_agency_count
            if body.quorum_agency_count is not None
            else conf.get("quorum_count"),
            "chair_reason": body.quorum_override_reason or conf.get("quorum_override_reason"),
        },
    }
    if fresh:
        finalised.update(state=DecisionState.FINALISED.value, transition_applied=True)
        seq = write_head(ctx, head, finalised, ChangeKind.FINALISED, op, state=DecisionState.FINALISED.value)
        effect = register_rules.decision_effect(ctype, outcome, categories, position)
        _apply_transition(
            ctx, op, rs, child, entry_head, entry, effect, head.entity_id, conf_head.entity_id, _decided_on(ctx, conf)
        )
        rs.version += 1
        rs.last_decision_id = head.entity_id
        return OpOutcome(OpStatus.APPLIED, server_seq=seq, entity_version=head.version, decision_number=number)

    # Two chairs decided from the same register state; the first to commit has taken effect.
    now_registered = _is_active(entry)
    now_categories = frozenset(entry.get("categories", [])) if now_registered else frozenset()
    intended = register_rules.decision_effect(ctype, outcome, categories, position)
    want_registered, want_categories = intended.registered, intended.categories
    same = want_registered == now_registered and (not want_registered or want_categories == now_categories)
    first = rs.last_decision_id
    detail = {
        "decisions": [first, head.entity_id],
        "outcome": outcome.value,
        "register_version_assumed": body.register_version,
        "register_version_now": rs.version,
        "claimed_held_at": body.held_at.isoformat() if body.held_at else None,
    }
    if same:
        finalised.update(state=DecisionState.FINALISED.value, transition_applied=False, concurrent_with=first)
        write_head(ctx, head, finalised, ChangeKind.FINALISED, op, state=DecisionState.FINALISED.value)
        return _conflicted(
            ctx,
            head,
            ConflictKind.CONCURRENT_SAME_OUTCOME,
            op,
            detail,
            server_version=rs.version,
            entity_version=head.version,
            decision_number=number,
        )
    finalised.update(
        state=DecisionState.CONTESTED.value, transition_applied=False, concurrent_with=first, contested=True
    )
    write_head(ctx, head, finalised, ChangeKind.FINALISED, op, state=DecisionState.CONTESTED.value)
    # Fail safe: the child is treated as registered, flagged under review, until a chair resolves it.
    if now_registered:
        flagged_categories = sorted(now_categories)
    else:
        flagged_categories = sorted(want_categories or frozenset(entry.get("categories", [])))
    if entry_head is None:
        entry_head = _new_decided_entry(
            ctx,
            op,
            rs,
            child,
            flagged_categories,
            conf_head.entity_id,
            head.entity_id,
            _decided_on(ctx, conf),
            contested_decision_ids=[d for d in (first, head.entity_id) if d],
        )
    else:
        contested = list(
            dict.fromkeys([*entry.get("contested_decision_ids", []), *(d for d in (first, head.entity_id) if d)])
        )
        reopened = {
            **entry,
            "status": RegisterStatus.REGISTERED.value,
            "ended_on": None,
            "end_reason": None,
            "categories": flagged_categories,
            "under_review": True,
            "contested_decision_ids": contested,
        }
        write_head(ctx, entry_head, reopened, ChangeKind.UPDATED, op)
    rs.version += 1
    return _conflicted(
        ctx,
        entry_head,
        ConflictKind.CONTESTED_DECISION,
        op,
        detail,
        server_version=rs.version,
        entity_version=head.version,
        decision_number=number,
    )


def _decided_on(ctx: Ctx, conference: dict[str, Any]) -> str:
    """The day a conference's decision takes effect on the register: the day it was held.

    A laptop may sync days after the conference; the register must show the conference's date, not
    the day the decision reached the service (the received day only when the record has no date).
    """
    held = conference.get("held_on")
    return str(held)[:10] if held else ctx.received_at[:10]


def _new_decided_entry(
    ctx: Ctx,
    op: Op,
    rs: RegisterState,
    child: EntityHead,
    categories: list[str],
    conference_id: str,
    decision_id: str,
    decided_on: str,
    *,
    contested_decision_ids: list[str] | None = None,
) -> EntityHead:
    """Open a permanent register entry for ``child`` from a conference decision; it becomes the active one.

    With ``contested_decision_ids`` the entry is the fail-safe one of a contested decision: flagged
    under review until a chair resolves it.
    """
    entry_id = str(uuid.uuid4())
    payload = {
        "child_id": child.entity_id,
        "council_id": child.council_id,
        "status": RegisterStatus.REGISTERED.value,
        "registered_on": decided_on,
        "categories": categories,
        "conference_id": conference_id,
        "decision_id": decision_id,
        "coordinator_user_id": _coordinator_of(ctx, child.entity_id),
        "temporary": False,
        "under_review": contested_decision_ids is not None,
        "contested_decision_ids": contested_decision_ids or [],
    }
    entry_head = new_head(ctx, Entity.REGISTER_ENTRY, entry_id, child.council_id, child.scope_key, payload, "", op)
    rs.active_entry_id = entry_id
    return entry_head


def _check_transition(
    ctype: ConferenceType, outcome: Outcome, categories: list[str], position: register_rules.RegisterPosition | None
) -> None:
    """The register's rules on a decision (``position`` None: only what needs no register state)."""
    _refuse(register_rules.decision_verdict(ctype, outcome, categories, position))


def _apply_transition(
    ctx: Ctx,
    op: Op,
    rs: RegisterState,
    child: EntityHead,
    entry_head: EntityHead | None,
    entry: dict[str, Any],
    effect: register_rules.Effect,
    decision_id: str,
    conference_id: str,
    decided_on: str,
) -> None:
    if entry_head is not None and _is_active(entry) and effect.end_current is not None:
        ended = {
            **entry,
            "status": RegisterStatus.ENDED.value,
            "ended_on": decided_on,
            "end_reason": effect.end_current.value,
            "last_decision_id": decision_id,
        }
        write_head(ctx, entry_head, ended, ChangeKind.UPDATED, op)
    if effect.open_entry:
        _new_decided_entry(ctx, op, rs, child, sorted(effect.categories), conference_id, decision_id, decided_on)
    elif effect.update_current:
        assert entry_head is not None
        updated = {**entry, "categories": sorted(effect.categories), "last_decision_id": decision_id}
        write_head(ctx, entry_head, updated, ChangeKind.UPDATED, op)


def _receiving_conference_on(ctx: Ctx, entry_council: str, conference_id: str | None) -> date | None:
    """The day the receiving council's transfer-in conference decided, from what the service holds.

    ``conference_id`` names it (the custodian has it from the receiving council, §7.11); it
    counts only as a transfer-in conference of another council with a finalised (or contested)
    decision, and the day is the service's own ``finalised_at``, never a client's claim. Anything
    else gives None, whether or not such an id exists, so another council's records stay unseen.
    """
    if not conference_id:
        return None
    conf = get_head(ctx, Entity.CONFERENCE, conference_id)
    if conf is None or conf.voided or conf.council_id == entry_council:
        return None
    if loads(conf.payload_json).get("type") != ConferenceType.TRANSFER_IN.value:
        return None
    days = [
        str(p["finalised_at"])[:10]
        for child_id in scopes.conference_children(ctx, conference_id)
        for p in scopes.heads_in_scope(ctx, Entity.DECISION, f"child:{child_id}")
        if p.get("conference_id") == conference_id
        and p.get("state") in FROZEN_DECISION_STATES
        and p.get("finalised_at")
    ]
    return date.fromisoformat(min(days)) if days else None


def _date_of(value: Any) -> date | None:
    try:
        return date.fromisoformat(str(value)[:10]) if value else None
    except ValueError:
        return None


def _end_registration(ctx: Ctx, op: Op) -> OpOutcome:
    if op.entity is not Entity.REGISTER_ENTRY:
        raise Reject(ErrorCode.UNSUPPORTED_KIND, "end_registration applies to register entries")
    body = _parsed(EndRegistrationPayload, op.payload)
    head = visible_head(ctx, Entity.REGISTER_ENTRY, op.entity_id)
    entry = loads(head.payload_json)
    if not _is_active(entry) and entry.get("end_reason") == body.end_reason.value:
        return OpOutcome(
            OpStatus.DUPLICATE,
            first_status=OpStatus.APPLIED,
            server_seq=head.updated_seq,
            entity_version=head.version,
        )
    today = date.fromisoformat(ctx.received_at[:10])
    ended_on = body.ended_on or today
    child = get_head(ctx, Entity.CHILD, str(entry["child_id"]))
    # The preconditions are judged on what the register holds: the child's date of birth on the
    # child record, the receiving council's conference by its finalised decisions.
    _refuse(
        register_rules.end_verdict(
            body.end_reason,
            ended_on=ended_on,
            today=today,
            registered_on=_date_of(entry.get("registered_on")),
            active=_is_active(entry),
            date_of_birth=_date_of(loads(child.payload_json).get("date_of_birth")) if child else None,
            receiving_conference_on=_receiving_conference_on(ctx, head.council_id, body.receiving_conference_id),
        )
    )
    if op.base_version is not None and op.base_version != head.version:
        raise Reject(ErrorCode.VALIDATION, f"register entry is at version {head.version}")
    updated = {
        **entry,
        "status": RegisterStatus.ENDED.value,
        "ended_on": ended_on.isoformat(),
        "end_reason": body.end_reason.value,
        "under_review": False,
        "end_note": body.note,
        "ended_by": ctx.principal.user_id,
    }
    if body.receiving_conference_id:
        updated["receiving_conference_id"] = body.receiving_conference_id
    seq = write_head(ctx, head, updated, ChangeKind.UPDATED, op)
    rs = ctx.session.get(RegisterState, str(entry["child_id"]))
    if rs is not None:
        rs.version += 1
    return OpOutcome(OpStatus.APPLIED, server_seq=seq, entity_version=head.version)


def _temporary_registration(ctx: Ctx, op: Op) -> OpOutcome:
    if op.entity is not Entity.REGISTER_ENTRY:
        raise Reject(ErrorCode.UNSUPPORTED_KIND, "temporary_registration creates a register entry")
    existing = get_head(ctx, Entity.REGISTER_ENTRY, op.entity_id)
    if existing is not None:
        return _duplicate_of_existing(ctx, existing, op)
    body = _parsed(TemporaryRegistrationPayload, op.payload)
    child = visible_head(ctx, Entity.CHILD, body.child_id)
    rs = _register_state(ctx, child)
    _entry_head, entry = _current_entry(ctx, rs)
    _refuse(
        register_rules.temporary_registration_verdict(
            register_rules.RegisterPosition.of_entry(entry), originating_la=body.originating_la
        )
    )
    payload = {
        "child_id": child.entity_id,
        "council_id": child.council_id,
        "status": RegisterStatus.REGISTERED.value,
        "registered_on": ctx.received_at[:10],
        "categories": sorted(c.value for c in body.categories),
        "coordinator_user_id": body.coordinator_user_id or _coordinator_of(ctx, child.entity_id),
        "temporary": True,
        "originating_la": body.originating_la,
        "expected_until": body.expected_until.isoformat() if body.expected_until else None,
        "under_review": False,
        "contested_decision_ids": [],
    }
    head = new_head(
        ctx, Entity.REGISTER_ENTRY, op.entity_id, child.council_id, child.scope_key, payload, op.payload_sha256, op
    )
    rs.active_entry_id = op.entity_id
    rs.version += 1
    return OpOutcome(OpStatus.APPLIED, server_seq=head.updated_seq, entity_version=1)


def _resolve(ctx: Ctx, op: Op) -> OpOutcome:
    body = _parsed(ResolveConflictPayload, op.payload)
    head = visible_head(ctx, op.entity, op.entity_id)
    record = ctx.session.get(ConflictRecord, body.conflict_id)
    if record is None or record.entity != head.entity or record.entity_id != head.entity_id:
        raise Reject(ErrorCode.NOT_FOUND, "conflict not found for this record")
    if record.state != ConflictState.OPEN.value:
        raise Reject(ErrorCode.CONFLICT_NOT_OPEN, "the conflict is already resolved")
    kind = ConflictKind(record.kind)
    detail = loads(record.detail_json)
    seq: int | None = None
    if kind is ConflictKind.CONTESTED_DECISION:
        if body.resolution not in ("registered", "not_registered"):
            raise Reject(ErrorCode.VALIDATION, "a contested register entry is resolved as registered or not_registered")
        entry = loads(head.payload_json)
        if body.resolution == "registered":
            cats = sorted(c.value for c in body.categories) if body.categories else entry.get("categories", [])
            if not cats:
                raise Reject(ErrorCode.VALIDATION, "registration needs at least one category")
            updated = {**entry, "status": RegisterStatus.REGISTERED.value, "categories": cats, "under_review": False}
        else:
            updated = {
                **entry,
                "status": RegisterStatus.ENDED.value,
                "ended_on": ctx.received_at[:10],
                "end_reason": EndReason.REVIEW_NO_CONTINUING_RISK.value,
                "under_review": False,
            }
        updated["resolved_by_conflict"] = record.id
        seq = write_head(ctx, head, updated, ChangeKind.UPDATED, op)
        rs = ctx.session.get(RegisterState, str(entry["child_id"]))
        if rs is not None:
            rs.version += 1
    elif kind in (ConflictKind.DRAFT_COPY, ConflictKind.HARD):
        if body.resolution in ("take_incoming", "merge"):
            _check_editable(head)
            values = detail.get("incoming", {}) if body.resolution == "take_incoming" else (body.values or {})
            touched = set(values) & (_server_fields(Entity(head.entity)) | LINK_FIELDS)
            if touched:
                raise Reject(ErrorCode.SERVER_OWNED, f"cannot set {sorted(touched)}")
            merged = {**loads(head.payload_json), **values}
            validate_record(Entity(head.entity), merged, values)
            seq = write_head(ctx, head, merged, ChangeKind.UPDATED, op)
        elif body.resolution != "keep_server":
            raise Reject(ErrorCode.VALIDATION, "resolve with keep_server, take_incoming or merge")
    elif body.resolution != "keep_server":
        raise Reject(ErrorCode.VALIDATION, "acknowledge this conflict with keep_server")
    record.state = ConflictState.RESOLVED.value
    record.resolved_at = ctx.received_at
    record.resolved_by = ctx.principal.user_id
    record.resolution_json = dumps({"resolution": body.resolution, "reason": body.reason, "op_id": op.op_id})
    if not _frozen(head) and head.open_conflicts > 0:
        head.open_conflicts -= 1
    cseq = ctx.emit(
        council_id=record.council_id,
        scope_key=record.scope_key,
        entity="conflict",
        entity_id=record.id,
        version=2,
        kind=ChangeKind.CONFLICT_RESOLVED,
        payload=conflict_payload(record),
        op_id=op.op_id,
    )
    return OpOutcome(OpStatus.APPLIED, server_seq=seq or cseq, entity_version=head.version)
