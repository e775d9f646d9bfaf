"""Push handling: device sequence checks, the op journal, duplicates and id reuse.

One batch is one transaction (under the service-wide write lock), processed in ``device_seq``
order. Each op gets exactly one journal row holding its first outcome; a replay of the same
``op_id`` with the same hash is answered ``duplicate`` with that stored outcome, and the same
``op_id`` with a different hash is ``rejected``/``id_reuse`` (kept in ``op_anomalies`` and in the
audit chain for administrators). A batch that starts beyond ``last_acked + 1`` is refused with 409
``seq_gap`` and the number to resend from; ops at or below ``last_acked`` are treated as repeats.

A rejected op is journalled (and an anomaly kept) as its id, hash, size and code, never its
payload: what a client may not store costs the register a few hundred bytes, not the payload's
size. An applied op's journal row keeps the envelope's declared fields only. Pushes count against
the day's quotas (:mod:`sync.service.quota`).

A rejection is final (the journal keeps the first outcome; a fixed retry is a new op), and each
one is also in the pull feed for its author alone, so the author's other devices see it, not
only the device whose push reply carried it: a journalled rejection's row takes a ``server_seq``
and the pull reads the notice from it (:func:`rejection_notice`); an anomaly, which has no
journal row, puts its notice in the change feed (:func:`_announce_rejection`).
"""

from __future__ import annotations

import hashlib
import json
import logging
from typing import Any

from sqlalchemy import select

from sync.protocol.enums import ChangeKind, ErrorCode, OpStatus
from sync.protocol.messages import Change, OpResult, PushRequest, PushResponse, WireOp
from sync.service import audit, auth
from sync.service.appends import appends_of
from sync.service.context import Ctx, dumps
from sync.service.errors import ApiError
from sync.service.models import Device, OpAnomaly, OpJournal
from sync.service.quota import DEVICE_BYTES, USER_BYTES, Quota
from sync.service.rules import OpOutcome, apply_op, prefetch_heads

logger = logging.getLogger(__name__)


def _result(op: WireOp, outcome: OpOutcome) -> OpResult:
    return OpResult(device_seq=op.device_seq, op_id=op.op_id, **outcome.as_dict())


def _stored(row: OpJournal) -> OpOutcome:
    """A journal row's first outcome, re-issued as a ``duplicate`` answer."""
    first = json.loads(row.result_json)
    first_status = OpStatus(first.pop("status", row.status))
    first.pop("first_status", None)
    out = OpOutcome(OpStatus.DUPLICATE, first_status=first_status)
    for key, value in first.items():
        if hasattr(out, key):
            setattr(out, key, value)
    if out.code is not None:
        out.code = ErrorCode(out.code)
    return out


def handle_push(
    ctx: Ctx, server_id: str, req: PushRequest, quota_limits: tuple[int, int] = (DEVICE_BYTES, USER_BYTES)
) -> PushResponse:
    """Process one batch; ``quota_limits``: bytes a day for the device and for its user."""
    p = ctx.principal
    session = ctx.session
    ops = sorted(req.ops, key=lambda o: o.device_seq)
    seqs = [o.device_seq for o in ops]
    if len(set(seqs)) != len(seqs):
        raise ApiError(400, ErrorCode.BAD_BATCH, "device_seq repeated within the batch")
    if seqs[0] != req.first_device_seq or seqs[-1] - seqs[0] != len(seqs) - 1:
        raise ApiError(400, ErrorCode.BAD_BATCH, "ops must be numbered contiguously from first_device_seq")
    if len({o.op_id for o in ops}) != len(ops):
        raise ApiError(400, ErrorCode.BAD_BATCH, "op_id repeated within the batch")
    device = session.get(Device, p.device_id)
    assert device is not None
    last = device.last_acked_device_seq
    if req.first_device_seq > last + 1:
        raise ApiError(409, ErrorCode.SEQ_GAP, f"expected device_seq {last + 1}", extra={"expected": last + 1})
    known = {
        row.op_id: row for row in session.scalars(select(OpJournal).where(OpJournal.op_id.in_([o.op_id for o in ops])))
    }
    sizes: dict[str, int] = {}
    for o in ops:
        canonical = dumps(o.payload).encode("utf-8")
        sizes[o.op_id] = len(canonical)
        ctx.payload_hashes[o.op_id] = hashlib.sha256(canonical).hexdigest()
    quota = Quota(session, ctx.now, p.device_id, p.user_id, *quota_limits)
    refusal = quota.refusal(sum(sizes[o.op_id] for o in ops if o.op_id not in known and o.device_seq > last))
    if refusal is not None:
        audit.append(
            session,
            ctx.now,
            action="push",
            outcome=f"denied:{ErrorCode.QUOTA_EXCEEDED.value}",
            actor_user_id=p.user_id,
            device_id=p.device_id,
            detail={"ops": len(ops), "payload_bytes": sum(sizes.values())},
        )
        raise auth.Deferred(refusal)
    prefetch_heads(ctx, [key for o in ops for key in _heads_named(o)])
    results: list[OpResult] = []
    stored = 0
    for op in ops:
        prior = known.get(op.op_id)
        journalled = False
        if prior is not None:
            if prior.payload_sha256 == op.payload_sha256:
                outcome = _stored(prior)
            else:
                outcome = _anomaly(ctx, op, ErrorCode.ID_REUSE, "this op_id was already used for different content")
        elif op.device_seq <= last:
            outcome = _anomaly(ctx, op, ErrorCode.SEQ_REUSED, "this device_seq was already used by another op")
        else:
            outcome = apply_op(ctx, op)
            stored += _journal(ctx, op, outcome, sizes[op.op_id])
            journalled = True
        if outcome.status is OpStatus.REJECTED and not journalled:
            # An anomaly has no journal row to carry its notice (see _journal): the feed holds it.
            _announce_rejection(ctx, op, outcome)
        if op.device_seq > last:
            last = op.device_seq
        audit.append(
            session,
            ctx.now,
            action=f"op:{op.kind}",
            outcome=outcome.status.value if outcome.code is None else f"{outcome.status.value}:{outcome.code.value}",
            actor_user_id=p.user_id,
            device_id=p.device_id,
            entity=op.entity,
            entity_id=op.entity_id,
            detail=_audit_detail(op, outcome),
        )
        results.append(_result(op, outcome))
    device.last_acked_device_seq = last
    quota.add(stored)
    return PushResponse(server_id=server_id, acked_through_device_seq=last, results=results)


def _heads_named(op: WireOp) -> list[tuple[str, str]]:
    """The records an op reads: its own, and the parents its payload links to (loaded per batch)."""
    keys = [(op.entity, op.entity_id)]
    payload = op.payload
    for field_name, entity in (("child_id", "child"), ("conference_id", "conference")):
        value = payload.get(field_name)
        if isinstance(value, str):
            keys.append((entity, value))
    target_entity, target_id = payload.get("target_entity"), payload.get("target_id")
    if isinstance(target_entity, str) and isinstance(target_id, str):
        keys.append((target_entity, target_id))
    return keys


def _audit_detail(op: WireOp, outcome: OpOutcome) -> dict[str, Any]:
    # Kept small: a rejected op's event and journal row are all it may cost the register; its
    # device_seq is in the journal (or anomaly) row that the op_id names.
    if outcome.status is OpStatus.REJECTED:
        return {"op_id": op.op_id}
    return {"op_id": op.op_id, "device_seq": op.device_seq, "server_seq": outcome.server_seq}


#: How much of a rejection's detail the journal keeps (the client got it whole).
REJECTED_DETAIL_CHARS = 160


def _envelope(op: WireOp) -> dict[str, Any]:
    """The op's declared envelope fields without the payload (unknown envelope fields are not kept)."""
    return op.model_dump(mode="json", include=set(_ENVELOPE))


_ENVELOPE = frozenset(WireOp.model_fields) - {"payload"}


def _journal(ctx: Ctx, op: WireOp, outcome: OpOutcome, size: int) -> int:
    """Queue the op's journal row; returns the bytes it stores against the quotas."""
    result = outcome.as_dict()
    row: dict[str, Any] = {
        "op_id": op.op_id,
        "device_id": ctx.principal.device_id,
        "device_seq": op.device_seq,
        "user_id": ctx.principal.user_id,
        "entity": op.entity,
        "entity_id": op.entity_id,
        "kind": op.kind,
        "payload_sha256": op.payload_sha256,
        "status": outcome.status.value,
        "client_time": op.client_time.isoformat() if op.client_time else None,
        "received_at": ctx.received_at,
        "server_seq": None,
    }
    if outcome.status is OpStatus.REJECTED:
        # Its id, hash, size and code (the device, seq and time make the keys), never its payload.
        # The row is also the rejection's notice in its author's pull feed (:func:`rejection_notice`),
        # so it takes a place in the feed instead of a second row there.
        row["op_json"] = dumps({"payload_bytes": size})
        row["client_time"] = None
        row["server_seq"] = appends_of(ctx.session).next_value("server_seq")
        del result["status"]
        if outcome.detail and len(outcome.detail) > REJECTED_DETAIL_CHARS:
            result["detail"] = outcome.detail[: REJECTED_DETAIL_CHARS - 1] + "…"
        counted = len(row["op_json"]) + len(dumps(result))
    else:
        row["op_json"] = dumps({**_envelope(op), "payload": op.payload})
        counted = size
    row["result_json"] = dumps(result)
    appends_of(ctx.session).journal(row)
    return counted


def rejection_notice(row: OpJournal) -> Change:
    """A journalled rejection as the notice its author's devices pull (what the feed row said)."""
    result = json.loads(row.result_json)
    return Change(
        server_seq=row.server_seq,
        entity="rejection",
        entity_id=row.op_id,
        version=1,
        kind=ChangeKind.REJECTED,
        scope=f"user:{row.user_id}",
        payload={
            "op_id": row.op_id,
            "device_id": row.device_id,
            "device_seq": row.device_seq,
            "kind": row.kind,
            "entity": row.entity,
            "entity_id": row.entity_id,
            "payload_sha256": row.payload_sha256,
            "code": result.get("code"),
            "detail": str(result.get("detail") or "")[:REJECTED_DETAIL_CHARS],
        },
        schema_version=1,
        author_user_id=row.user_id,
        received_at=row.received_at,
    )


def _announce_rejection(ctx: Ctx, op: WireOp, outcome: OpOutcome) -> None:
    """Put a rejection in the pull feed for its author only (``target_user_id``), on every device.

    It carries what the author needs to find the op in their outbox and the reason, not the
    payload: the author's devices hold that already, and the feed must not store it again.
    """
    p = ctx.principal
    ctx.emit(
        council_id=p.council_id or "",
        scope_key=f"user:{p.user_id}",
        entity="rejection",
        entity_id=op.op_id,
        version=1,
        kind=ChangeKind.REJECTED,
        # Only what finds the op in the author's outbox and says why: it is stored once per
        # rejection, so it is kept as small as the rejection's journal row (issue 14 §3).
        payload={
            "op_id": op.op_id,
            "device_id": p.device_id,
            "device_seq": op.device_seq,
            "kind": op.kind,
            "entity": op.entity,
            "entity_id": op.entity_id,
            "code": outcome.code.value if outcome.code else None,
            "detail": (outcome.detail or "")[:REJECTED_DETAIL_CHARS],
        },
        op_id=op.op_id,
        target_user_id=p.user_id,
    )


def _anomaly(ctx: Ctx, op: WireOp, code: ErrorCode, detail: str) -> OpOutcome:
    logger.warning("op anomaly %s for op %s from device %s", code.value, op.op_id, ctx.principal.device_id)
    ctx.session.add(
        OpAnomaly(
            op_id=op.op_id,
            device_id=ctx.principal.device_id,
            device_seq=op.device_seq,
            code=code.value,
            op_json=dumps({**_envelope(op), "payload_bytes": len(dumps(op.payload).encode("utf-8"))}),
            received_at=ctx.received_at,
        )
    )
    return OpOutcome(OpStatus.REJECTED, code=code, detail=detail)
