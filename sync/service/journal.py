"""Push handling: device sequence checks, the op journal, duplicates and id reuse.

One batch is one transaction (under the service-wide write lock), processed in ``device_seq``
order. Each op gets exactly one journal row holding its first outcome; a replay of the same
``op_id`` with the same hash is answered ``duplicate`` with that stored outcome, and the same
``op_id`` with a different hash is ``rejected``/``id_reuse`` (kept in ``op_anomalies`` and in the
audit chain for administrators). A batch that starts beyond ``last_acked + 1`` is refused with 409
``seq_gap`` and the number to resend from; ops at or below ``last_acked`` are treated as repeats.

A rejection is final (the journal keeps the first outcome; a fixed retry is a new op), and each
one is also put in the pull feed for its author alone (:func:`_announce_rejection`), so the
author's other devices see it, not only the device whose push reply carried it.
"""

from __future__ import annotations

import json
import logging

from sqlalchemy import select

from sync.protocol.enums import ChangeKind, ErrorCode, OpStatus
from sync.protocol.messages import OpResult, PushRequest, PushResponse, WireOp
from sync.service import audit
from sync.service.appends import appends_of
from sync.service.context import Ctx, dumps
from sync.service.errors import ApiError
from sync.service.models import Device, OpAnomaly, OpJournal
from sync.service.rules import OpOutcome, apply_op, prefetch_heads

logger = logging.getLogger(__name__)


def _result(op: WireOp, outcome: OpOutcome) -> OpResult:
    return OpResult(device_seq=op.device_seq, op_id=op.op_id, **outcome.as_dict())


def _stored(row: OpJournal) -> OpOutcome:
    """A journal row's first outcome, re-issued as a ``duplicate`` answer."""
    first = json.loads(row.result_json)
    first_status = OpStatus(first.pop("status"))
    first.pop("first_status", None)
    out = OpOutcome(OpStatus.DUPLICATE, first_status=first_status)
    for key, value in first.items():
        if hasattr(out, key):
            setattr(out, key, value)
    if out.code is not None:
        out.code = ErrorCode(out.code)
    return out


def handle_push(ctx: Ctx, server_id: str, req: PushRequest) -> PushResponse:
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
    prefetch_heads(ctx, [(o.entity, o.entity_id) for o in ops])
    results: list[OpResult] = []
    for op in ops:
        prior = known.get(op.op_id)
        if prior is not None:
            if prior.payload_sha256 == op.payload_sha256:
                outcome = _stored(prior)
            else:
                outcome = _anomaly(ctx, op, ErrorCode.ID_REUSE, "this op_id was already used for different content")
        elif op.device_seq <= last:
            outcome = _anomaly(ctx, op, ErrorCode.SEQ_REUSED, "this device_seq was already used by another op")
        else:
            outcome = apply_op(ctx, op)
            _journal(ctx, op, outcome)
        if outcome.status is OpStatus.REJECTED:
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
            detail={"op_id": op.op_id, "device_seq": op.device_seq, "server_seq": outcome.server_seq},
        )
        results.append(_result(op, outcome))
    device.last_acked_device_seq = last
    return PushResponse(server_id=server_id, acked_through_device_seq=last, results=results)


def _journal(ctx: Ctx, op: WireOp, outcome: OpOutcome) -> None:
    appends_of(ctx.session).journal(
        {
            "op_id": op.op_id,
            "device_id": ctx.principal.device_id,
            "device_seq": op.device_seq,
            "user_id": ctx.principal.user_id,
            "entity": op.entity,
            "entity_id": op.entity_id,
            "kind": op.kind,
            "payload_sha256": op.payload_sha256,
            "op_json": dumps(op.model_dump(mode="json")),
            "status": outcome.status.value,
            "result_json": dumps(outcome.as_dict()),
            "client_time": op.client_time.isoformat() if op.client_time else None,
            "received_at": ctx.received_at,
        }
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
        payload={
            "op_id": op.op_id,
            "device_id": p.device_id,
            "device_seq": op.device_seq,
            "kind": op.kind,
            "entity": op.entity,
            "entity_id": op.entity_id,
            "payload_sha256": op.payload_sha256,
            "code": outcome.code.value if outcome.code else None,
            "detail": (outcome.detail or "")[:300],
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
            op_json=dumps(op.model_dump(mode="json")),
            received_at=ctx.received_at,
        )
    )
    return OpOutcome(OpStatus.REJECTED, code=code, detail=detail)
