"""The first upload: records that exist in a profile but were never queued go through the outbox.

Demo data and anything written before this build queued its changes have no outbox rows. At sign-in
they are queued here, in one transaction, in an order the service can apply: parents before the
records that hang off them (children, family, conferences, their children, attendance, the voice,
minutes, decisions, plans, assignments, distribution, addenda, documents), then a void for each
withdrawn record, then the finalisation of every locked decision, per child in the order the
conferences were held (each naming the register version the previous one led to).

A decision the signed-in user did not chair cannot be finalised from this device (the service
refuses anyone but the conference's chair): it is left out of the upload, with its conference's
other records kept, and counted in :class:`UploadSummary` so the person is told.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.store import wire
from desktop.store.orm import Conference, Decision, OutboxOp
from desktop.store.outbox import Actor, record_change, record_create
from sync.protocol.canonical import decision_content_sha256
from sync.protocol.enums import Entity, OpKind

logger = logging.getLogger(__name__)

#: Parents first: the order the service needs to find each record's parent.
UPLOAD_ORDER: tuple[Entity, ...] = (
    Entity.CHILD,
    Entity.FAMILY_MEMBER,
    Entity.CONFERENCE,
    Entity.CONFERENCE_CHILD,
    Entity.ATTENDANCE,
    Entity.AGENCY_REPORT,
    Entity.CHILD_VOICE,
    Entity.MINUTES_SECTION,
    Entity.DECISION,
    Entity.OUTLINE_PLAN,
    Entity.PLAN_ACTION,
    Entity.CORE_GROUP_MEMBER,
    Entity.COORDINATOR_ASSIGNMENT,
    Entity.DISTRIBUTION,
    Entity.ADDENDUM,
    Entity.DOCUMENT_ISSUED,
)


@dataclass(frozen=True, slots=True)
class UploadSummary:
    """How many records the first upload queued, and how many decisions it had to leave out."""

    queued: int
    finalisations: int
    left_out_decisions: int


def queue_initial_upload(session: Session, actor: Actor) -> UploadSummary:
    """Queue every record never queued before (inside the caller's transaction)."""
    known = {(e, i) for e, i in session.execute(select(OutboxOp.entity, OutboxOp.entity_id))}
    left_out = {
        d.id
        for d, chair in session.execute(
            select(Decision, Conference.chair_user_id).join(Conference, Conference.id == Decision.conference_id)
        )
        if d.state in wire.LOCKED_DECISION_STATES
        and chair != actor.user_id
        and (Entity.DECISION.value, d.id) not in known
    }
    queued = 0
    voids: list[Any] = []
    for entity in UPLOAD_ORDER:
        m = wire.BY_ENTITY[entity]
        table: Any = m.table
        # Oldest first, so a review follows the conference it reviews (and a feed replays in order).
        order = (table.created_at, table.id) if hasattr(table, "created_at") else (table.produced_at, table.id)
        for row in session.scalars(select(table).order_by(*order)):
            if (entity.value, row.id) in known or (entity is Entity.DECISION and row.id in left_out):
                continue
            if entity is Entity.ADDENDUM and getattr(row, "decision_id", None) in left_out:
                continue
            record_create(session, actor, row, action="initial_upload")
            # The service starts the record at version 1: later edits here are based on that.
            if hasattr(row, "version"):
                row.version = 1
            queued += 1
            if getattr(row, "voided_at", None) is not None:
                voids.append(row)
    for row in voids:
        m = wire.map_for(row)
        record_change(
            session, actor, kind=OpKind.VOID, entity=m.entity.value, entity_id=str(row.id),
            payload={"reason": str(getattr(row, "void_reason", "") or "withdrawn")}, base_version=1,
            action="initial_upload",
        )  # fmt: skip
        row.version = 2
    finalisations = _queue_finalisations(session, actor, known, left_out)
    logger.info("initial upload queued %d records and %d finalisations", queued, finalisations)
    return UploadSummary(queued, finalisations, len(left_out))


def _queue_finalisations(session: Session, actor: Actor, known: set[tuple[str, str]], left_out: set[str]) -> int:
    decisions = session.execute(
        select(Decision, Conference)
        .join(Conference, Conference.id == Decision.conference_id)
        .where(Decision.state.in_(wire.LOCKED_DECISION_STATES), Decision.voided_at.is_(None))
        .order_by(Decision.child_id, Conference.scheduled_for, Decision.id)
    ).all()
    register_version: dict[str, int] = {}
    count = 0
    for d, conf in decisions:
        seen = register_version.get(d.child_id, 0)
        # Every finalised decision moves the child's register version on by one, on the service too.
        register_version[d.child_id] = seen + 1
        if d.id in left_out or (Entity.DECISION.value, d.id) in known:
            continue
        content = wire.to_wire(session, d)
        record_change(
            session, actor, kind=OpKind.FINALISE_DECISION, entity=Entity.DECISION.value, entity_id=d.id,
            payload=wire.finalise_payload(
                conf, content_sha256=decision_content_sha256(content), register_version=seen,
                chair_user_id=actor.user_id,
            ),
            base_version=1, action="initial_upload",
        )  # fmt: skip
        d.version = 2
        count += 1
    return count
