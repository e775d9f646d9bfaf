"""The local side of sync: the outbox as wire ops, their outcomes, and pulled pages applied locally.

This is the store the sync engine drives (sync-protocol.md §3–§5). Each method is one unit of work
on the database lane:

- :meth:`SyncStore.pending_ops` reads the oldest pending ops, in ``device_seq`` order, as the op
  envelopes of :class:`sync.protocol.messages.Op` (capped by count and bytes);
- :meth:`SyncStore.record_results` stores each op's outcome; a confirmed finalisation gives the
  local decision its number and state;
- :meth:`SyncStore.apply_page` writes a pulled page and its cursor in one transaction: every
  version goes to ``entity_version``; the record itself is mapped back through
  :mod:`desktop.store.wire`, except while local ops on it still wait to be sent (those are never
  overwritten; the pulled version is kept and the view is recomputed once the outbox drains).

Revision 0006 adds the sync state around that: ``sync_row`` (the service's version of each record:
the next op's ``base_version``), ``sync_conflict`` and ``sync_rejection`` (both versions, from op
results and from the feed, until a person settles them), a lease on ops being sent (frozen while it
runs) and ``sync_scope`` (scope events: a backfill cursor per added scope; a removed scope's local
data is purged, except records with ops still to send).
"""

from __future__ import annotations

import datetime as dt
import json
import logging
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, Final

from sqlalchemy import delete, func, select, text, update
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session, sessionmaker

from desktop.store import wire
from desktop.store.orm import (
    Base,
    Decision,
    EntityVersion,
    OutboxOp,
    SyncConflict,
    SyncRejection,
    SyncRow,
    SyncScope,
    SyncState,
    utcnow,
)
from sync.protocol.enums import (
    ChangeKind,
    ConflictKind,
    ConflictState,
    DecisionState,
    Entity,
    OpKind,
    OpStatus,
    OutboxState,
)

logger = logging.getLogger(__name__)

PULL_CURSOR = "pull_cursor"
SERVER_ID = "server_id"
#: Outbox states whose ops have not reached a durable outcome yet.
WAITING = (OutboxState.PENDING.value, OutboxState.SENDING.value)
#: States of ops the service has answered, and of those a person must look at.
ANSWERED = (OutboxState.APPLIED.value, OutboxState.CONFLICT.value, OutboxState.REJECTED.value)
ATTENTION = (OutboxState.CONFLICT.value, OutboxState.REJECTED.value)
_ENTITIES = {e.value for e in Entity}
#: How long a sender holds the ops it took; a sender that crashed loses them after this.
LEASE: Final = dt.timedelta(minutes=5)
#: Feed entities that are not records: conflict records, rejections and scope events.
CONFLICT_FEED, REJECTION_FEED, SCOPE_FEED = "conflict", "rejection", "scope"
#: Conflicts a person settles; a soft conflict (both changes applied) is kept for information only.
INFO_ONLY = frozenset({ConflictKind.SOFT.value})


def op_envelope(op: OutboxOp) -> dict[str, Any]:
    """One outbox row as the wire op (``sync.protocol.messages.Op``)."""
    return {
        "op_id": op.op_id,
        "device_seq": op.device_seq,
        "kind": op.kind,
        "entity": op.entity,
        "entity_id": op.entity_id,
        "base_version": op.base_version,
        "schema_version": op.schema_version,
        "payload": json.loads(op.payload_json),
        "payload_sha256": op.payload_sha256,
        "author_user_id": op.author_user_id,
        "client_time": wire.wire_value(op.client_time),
    }


def _state_of(result: Mapping[str, Any]) -> str:
    status = result.get("first_status") if result.get("status") == OpStatus.DUPLICATE.value else result.get("status")
    return {
        OpStatus.APPLIED.value: OutboxState.APPLIED.value,
        OpStatus.CONFLICT.value: OutboxState.CONFLICT.value,
        OpStatus.REJECTED.value: OutboxState.REJECTED.value,
    }.get(str(status), OutboxState.REJECTED.value)


class SyncStore:
    """The outbox, the outcomes and the pulled feed of one profile's database."""

    def __init__(self, sessions: sessionmaker[Session]) -> None:
        self._sessions = sessions

    # ---- push

    def pending_ops(self, *, limit: int = 250, max_bytes: int = 1024 * 1024) -> list[dict[str, Any]]:
        """Take the oldest ops still to send, in device order, at most ``limit`` and about ``max_bytes``.

        The ops taken are ``sending`` under a lease until their outcome is recorded, and count one
        more attempt. An op is frozen from the start (a trigger refuses any change to what it
        says); an edit made meanwhile is a new op. Ops already ``sending`` are taken again: only
        one sync runs per profile (:mod:`sync.engine.lock`), so a lease still held belongs to a
        run that is gone or to this one.
        """
        out: list[dict[str, Any]] = []
        size = 0
        now = utcnow()
        with self._sessions.begin() as s:
            rows = s.scalars(
                select(OutboxOp).where(OutboxOp.state.in_(WAITING)).order_by(OutboxOp.device_seq).limit(limit)
            )
            for op in rows:
                size += len(op.payload_json) + 400
                if out and size > max_bytes:
                    break
                op.state = OutboxState.SENDING.value
                op.lease_until = now + LEASE
                op.attempts = (op.attempts or 0) + 1
                out.append(op_envelope(op))
        return out

    def release_leases(self, *, expired_only: bool = False) -> int:
        """Ops taken but not answered become pending again (a run's start and end; ``expired_only``:
        only those whose sender's lease ran out). Returns how many."""
        with self._sessions.begin() as s:
            stmt = update(OutboxOp).where(OutboxOp.state == OutboxState.SENDING.value)
            if expired_only:
                stmt = stmt.where(OutboxOp.lease_until.is_(None) | (OutboxOp.lease_until < utcnow()))
            result = s.execute(stmt.values(state=OutboxState.PENDING.value, lease_until=None))
            return int(getattr(result, "rowcount", 0) or 0)

    def ops_from(self, device_seq: int, *, limit: int = 250, max_bytes: int = 1024 * 1024) -> list[dict[str, Any]]:
        """Ops numbered ``device_seq`` and after, in any state: what a restored service lacks (§10)."""
        out: list[dict[str, Any]] = []
        size = 0
        with self._sessions() as s:
            rows = s.scalars(
                select(OutboxOp).where(OutboxOp.device_seq >= device_seq).order_by(OutboxOp.device_seq).limit(limit)
            )
            for op in rows:
                size += len(op.payload_json) + 400
                if out and size > max_bytes:
                    break
                out.append(op_envelope(op))
        return out

    def last_acked_device_seq(self) -> int:
        """The highest ``device_seq`` with an outcome from the service (0 when none has one)."""
        with self._sessions() as s:
            return int(s.scalar(select(func.max(OutboxOp.device_seq)).where(OutboxOp.state.in_(ANSWERED))) or 0)

    def attention_count(self) -> int:
        """Conflicts and rejections a person has not settled yet (the "needs attention" count)."""
        with self._sessions() as s:
            conflicts = s.scalar(
                select(func.count())
                .select_from(SyncConflict)
                .where(
                    SyncConflict.state == ConflictState.OPEN.value,
                    SyncConflict.resolved_at.is_(None),
                    SyncConflict.conflict_kind.not_in(INFO_ONLY),
                )
            )
            rejections = s.scalar(
                select(func.count()).select_from(SyncRejection).where(SyncRejection.resolved_at.is_(None))
            )
            return int(conflicts or 0) + int(rejections or 0)

    def pending_count(self) -> int:
        """How many ops wait to be sent (the status bar's "pending changes")."""
        with self._sessions() as s:
            return int(s.scalar(select(func.count()).where(OutboxOp.state.in_(WAITING))) or 0)

    def record_results(self, results: Sequence[Mapping[str, Any]]) -> None:
        """Store the service's answer for each op (one transaction); never drops an outcome.

        An applied op gives its record's new service version; a conflict or a rejection is kept with
        both versions. Records whose ops are all answered then show the newest version held.
        """
        with self._sessions.begin() as s:
            by_seq = {int(r["device_seq"]): r for r in results}
            touched: set[tuple[str, str]] = set()
            for op in s.scalars(select(OutboxOp).where(OutboxOp.device_seq.in_(list(by_seq)))):
                result = by_seq[op.device_seq]
                op.state = _state_of(result)
                op.server_seq = result.get("server_seq")
                op.result_json = json.dumps(dict(result), sort_keys=True)
                op.lease_until = None
                touched.add((op.entity, op.entity_id))
                self._note_outcome(s, op, result)
                if op.kind == OpKind.FINALISE_DECISION.value and result.get("decision_number"):
                    self._confirm_finalised(s, op.entity_id, result, op.state)
            s.flush()
            _recompute(s, touched)

    @staticmethod
    def _note_outcome(s: Session, op: OutboxOp, result: Mapping[str, Any]) -> None:
        state = op.state
        version = result.get("entity_version") or result.get("server_version")
        if state == OutboxState.APPLIED.value and version is not None:
            own_view = op.kind != OpKind.RESOLVE_CONFLICT.value or _resolution(op) in ("take_incoming", "merge")
            _see_version(s, op.entity, op.entity_id, int(version), result.get("server_seq"), view=own_view)
        elif state == OutboxState.CONFLICT.value and version is not None:
            _see_version(s, op.entity, op.entity_id, int(version), None, view=False)
        if result.get("conflict_id") and state in (OutboxState.CONFLICT.value, OutboxState.APPLIED.value):
            # The kind is in the feed's conflict record too; an applied op's conflict is a soft one.
            fallback = ConflictKind.SOFT if state == OutboxState.APPLIED.value else ConflictKind.DRAFT_COPY
            kind = str(result.get("conflict_kind") or fallback.value)
            row = s.get(SyncConflict, str(result["conflict_id"]))
            if row is None:
                row = SyncConflict(id=str(result["conflict_id"]), entity=op.entity, entity_id=op.entity_id)
                s.add(row)
                row.conflict_kind = kind
                row.state = ConflictState.RESOLVED.value if kind in INFO_ONLY else ConflictState.OPEN.value
                row.detail_json = "{}"
            row.op_id, row.device_seq, row.author_user_id = op.op_id, op.device_seq, op.author_user_id
            row.base_version = op.base_version
            row.server_version = row.server_version or result.get("server_version")
            row.incoming_json = row.incoming_json or op.payload_json
            if row.server_json is None and row.server_version is not None:
                held = _held_payload(s, op.entity, op.entity_id, int(row.server_version))
                sent = json.loads(op.payload_json)
                if held is not None and isinstance(sent, dict) and op.kind == OpKind.PATCH.value:
                    server = json.loads(held)
                    row.server_json = json.dumps({k: server.get(k) for k in sent}, sort_keys=True, ensure_ascii=False)
        elif state == OutboxState.REJECTED.value:
            _reject(s, op, result.get("code"), result.get("detail"), result.get("server_seq"))

    @staticmethod
    def _confirm_finalised(s: Session, decision_id: str, result: Mapping[str, Any], state: str) -> None:
        d = s.get(Decision, decision_id)
        if d is None:
            return
        d.decision_number = str(result["decision_number"])
        if state == OutboxState.APPLIED.value:
            d.state = DecisionState.FINALISED.value
        if result.get("conflict_kind") == "contested_decision":
            d.state = DecisionState.CONTESTED.value

    # ---- pull

    def cursor(self) -> int:
        """The highest ``server_seq`` applied here (0 before the first pull)."""
        with self._sessions() as s:
            row = s.get(SyncState, PULL_CURSOR)
            return int(row.value) if row else 0

    def server_id(self) -> str | None:
        """The ``server_id`` of the service the cursor belongs to (None before the first pull)."""
        with self._sessions() as s:
            row = s.get(SyncState, SERVER_ID)
            return row.value if row else None

    def apply_page(
        self, changes: Iterable[Mapping[str, Any]], next_cursor: int, *, server_id: str, scope: str | None = None
    ) -> int:
        """Write one pulled page and move the cursor, in one transaction; returns records applied.

        Conflict records, rejections and scope events land in their tables. With ``scope`` the page
        is a scope's backfill: that scope's cursor moves, not the global one.
        """
        applied = 0
        with self._sessions.begin() as s:
            # A page may name a record that comes later in it; references are checked at commit.
            s.execute(text("PRAGMA defer_foreign_keys = ON"))
            waiting = {
                (e, i)
                for e, i in s.execute(select(OutboxOp.entity, OutboxOp.entity_id).where(OutboxOp.state.in_(WAITING)))
            }
            page = list(changes)
            _keep_versions(s, page)
            held = _prefetch(s, page, waiting)  # noqa: F841 - keeps the rows in the identity map
            views = _views(s, page)
            # Records of a scope still to be filled wait for its backfill, which brings what they
            # refer to (older than the cursor) in one go: applied now, their parents would be missing.
            filling = set() if scope is not None else _filling(s, page)
            seen: list[dict[str, Any]] = []
            for change in page:
                entity, entity_id = str(change["entity"]), str(change["entity_id"])
                version = int(change["version"])
                if entity == CONFLICT_FEED:
                    _land_conflict(s, change)
                    continue
                if entity == REJECTION_FEED:
                    _land_rejection(s, change)
                    continue
                if entity == SCOPE_FEED:
                    _land_scope_event(s, change, waiting)
                    continue
                if entity not in _ENTITIES or Entity(entity) not in wire.BY_ENTITY:
                    continue
                mine = (entity, entity_id) in waiting or change.get("scope") in filling
                seen.append(
                    {
                        "entity": entity,
                        "entity_id": entity_id,
                        "server_version": version,
                        "server_seq": int(change["server_seq"]),
                        "view_version": None if mine else version,
                        "scope": change.get("scope"),
                    }
                )
                if mine:
                    continue
                view = views.get((entity, entity_id))
                if view is None or view < version:
                    _unblock(s, Entity(entity), entity_id, view)
                wire.apply_wire(s, Entity(entity), entity_id, change.get("payload") or {}, version=version)
                views[(entity, entity_id)] = version
                applied += 1
            _upsert_rows(s, seen)
            if scope is None:
                _set(s, PULL_CURSOR, str(next_cursor))
            else:
                row = s.get(SyncScope, scope)
                if row is not None:
                    row.cursor = next_cursor
                    row.updated_at = utcnow()
            _set(s, SERVER_ID, server_id)
        return applied

    # ---- scopes

    def scopes_to_backfill(self) -> list[tuple[str, int]]:
        """Scopes added since their backfill began, each with its backfill cursor."""
        with self._sessions() as s:
            return [
                (r.scope, r.cursor)
                for r in s.scalars(select(SyncScope).where(SyncScope.state == "backfill").order_by(SyncScope.scope))
            ]

    def scope_backfilled(self, scope: str) -> None:
        """The scope's backfill reached the end of its feed."""
        with self._sessions.begin() as s:
            row = s.get(SyncScope, scope)
            if row is not None and row.state == "backfill":
                row.state = "active"
                row.updated_at = utcnow()

    def server_version(self, entity: str, entity_id: str) -> int | None:
        """The newest version of a record the service said it holds (None: never heard of)."""
        with self._sessions() as s:
            row = s.get(SyncRow, (entity, entity_id))
            return row.server_version if row else None


def _filling(s: Session, page: Sequence[Mapping[str, Any]]) -> set[str]:
    """Scopes that will be backfilled after this page: those waiting, and those the page adds."""
    out = set(s.scalars(select(SyncScope.scope).where(SyncScope.state == "backfill")))
    for c in page:
        if c.get("entity") == SCOPE_FEED:
            name = str((c.get("payload") or {}).get("scope") or c.get("entity_id"))
            if c.get("kind") == ChangeKind.SCOPE_ADDED.value:
                out.add(name)
            else:
                out.discard(name)
    return out


def _resolution(op: OutboxOp) -> str | None:
    value = json.loads(op.payload_json).get("resolution")
    return str(value) if value is not None else None


def _see_version(s: Session, entity: str, entity_id: str, version: int, seq: Any, *, view: bool) -> None:
    """Note that the service holds ``version`` of the record; ``view``: the local record shows it."""
    row = s.get(SyncRow, (entity, entity_id))
    if row is None:
        row = SyncRow(entity=entity, entity_id=entity_id, server_version=version)
        s.add(row)
    row.server_version = max(row.server_version or 0, version)
    if seq is not None:
        row.server_seq = int(seq)
    if view:
        row.view_version = max(row.view_version or 0, version)


def _upsert_rows(s: Session, rows: Sequence[Mapping[str, Any]]) -> None:
    """The page's records into ``sync_row`` in one statement: newest version wins, view only if shown."""
    if not rows:
        return
    stmt = sqlite_insert(SyncRow)
    excluded = stmt.excluded
    stmt = stmt.on_conflict_do_update(
        index_elements=["entity", "entity_id"],
        set_={
            "server_version": func.max(SyncRow.server_version, excluded.server_version),
            "server_seq": func.max(func.coalesce(SyncRow.server_seq, 0), excluded.server_seq),
            "view_version": func.coalesce(excluded.view_version, SyncRow.view_version),
            "scope": func.coalesce(excluded.scope, SyncRow.scope),
        },
    )
    s.execute(stmt, list(rows))


def _views(s: Session, page: Sequence[Mapping[str, Any]]) -> dict[tuple[str, str], int | None]:
    """The service version each of the page's records shows locally (absent: none known)."""
    ids: dict[str, list[str]] = {}
    for c in page:
        ids.setdefault(str(c["entity"]), []).append(str(c["entity_id"]))
    out: dict[tuple[str, str], int | None] = {}
    for entity, wanted in ids.items():
        for i in range(0, len(wanted), 500):
            for e, i_, v in s.execute(
                select(SyncRow.entity, SyncRow.entity_id, SyncRow.view_version).where(
                    SyncRow.entity == entity, SyncRow.entity_id.in_(wanted[i : i + 500])
                )
            ):
                out[(e, i_)] = v
    return out


def _unblock(s: Session, entity: Entity, entity_id: str, view: int | None) -> None:
    """Let a newer service version replace a local view that only counted local edits past it.

    The local ``version`` counts this device's edits; after a conflict it can be ahead of the
    service's version while showing older content, and ``apply_wire`` skips versions it has passed.
    """
    row: Any = s.get(wire.BY_ENTITY[entity].table, entity_id)
    if row is not None and hasattr(row, "version") and row.version is not None:
        if getattr(row, "state", None) in wire.LOCKED_DECISION_STATES:
            return  # a locked decision changes only through the service's own finalisation
        row.version = min(int(row.version), view or 0)


def _held_payload(s: Session, entity: str, entity_id: str, version: int | None = None) -> str | None:
    """A version of the record the service sent (the newest when ``version`` is None), as JSON."""
    q = select(EntityVersion.raw_json).where(EntityVersion.entity == entity, EntityVersion.entity_id == entity_id)
    q = q.where(EntityVersion.version == version) if version is not None else q
    return s.scalar(q.order_by(EntityVersion.version.desc()).limit(1))


def _recompute(s: Session, keys: Iterable[tuple[str, str]]) -> None:
    """Records whose ops are all answered show the newest version held, if newer than their view."""
    for entity, entity_id in keys:
        if entity not in _ENTITIES or Entity(entity) not in wire.BY_ENTITY:
            continue
        if s.scalar(
            select(func.count())
            .select_from(OutboxOp)
            .where(OutboxOp.entity == entity, OutboxOp.entity_id == entity_id, OutboxOp.state.in_(WAITING))
        ):
            continue
        newest = s.scalars(
            select(EntityVersion)
            .where(EntityVersion.entity == entity, EntityVersion.entity_id == entity_id)
            .order_by(EntityVersion.version.desc())
            .limit(1)
        ).first()
        row = s.get(SyncRow, (entity, entity_id))
        view = row.view_version if row is not None else None
        if newest is None or (view is not None and newest.version <= view):
            continue
        _unblock(s, Entity(entity), entity_id, view)
        wire.apply_wire(s, Entity(entity), entity_id, json.loads(newest.raw_json), version=newest.version)
        _see_version(s, entity, entity_id, newest.version, newest.server_seq, view=True)


def _reject(s: Session, op: OutboxOp, code: Any, detail: Any, seq: Any) -> None:
    """Keep a refused op with both versions: what was sent and the service's record as last seen."""
    row = s.get(SyncRejection, op.op_id)
    if row is None:
        row = SyncRejection(op_id=op.op_id, kind=op.kind, entity=op.entity, entity_id=op.entity_id)
        s.add(row)
    row.device_seq = op.device_seq
    row.code = str(code) if code is not None else row.code
    row.detail = str(detail) if detail is not None else row.detail
    row.sent_json = op.payload_json
    known = s.get(SyncRow, (op.entity, op.entity_id))
    row.server_version = known.server_version if known is not None else row.server_version
    row.server_json = _held_payload(s, op.entity, op.entity_id) or row.server_json
    if seq is not None:
        row.server_seq = int(seq)


def _land_conflict(s: Session, change: Mapping[str, Any]) -> None:
    """A ``conflict`` / ``conflict_resolved`` record of the feed into ``sync_conflict``."""
    p = change.get("payload") or {}
    cid = str(p.get("conflict_id") or change["entity_id"])
    row = s.get(SyncConflict, cid)
    if row is None:
        row = SyncConflict(id=cid)
        s.add(row)
    row.entity = str(p.get("entity") or row.entity or "")
    row.entity_id = str(p.get("entity_id") or row.entity_id or "")
    row.conflict_kind = str(p.get("kind") or row.conflict_kind or ConflictKind.DRAFT_COPY.value)
    row.op_id = p.get("op_id") or row.op_id
    row.author_user_id = p.get("author_user_id") or row.author_user_id
    row.base_version = p.get("base_version") if p.get("base_version") is not None else row.base_version
    row.server_version = p.get("server_version") if p.get("server_version") is not None else row.server_version
    detail = p.get("detail") or {}
    row.detail_json = json.dumps(detail, sort_keys=True, ensure_ascii=False)
    row.created_at = p.get("created_at") or row.created_at
    row.server_seq = int(change["server_seq"])
    if row.op_id is not None and row.device_seq is None:
        row.device_seq = s.scalar(select(OutboxOp.device_seq).where(OutboxOp.op_id == row.op_id))
    if row.incoming_json is None and isinstance(detail.get("incoming"), dict):
        row.incoming_json = json.dumps(detail["incoming"], sort_keys=True, ensure_ascii=False)
    if row.server_json is None and isinstance(detail.get("fields"), dict):
        row.server_json = json.dumps(
            {k: v.get("server") for k, v in detail["fields"].items() if isinstance(v, dict)},
            sort_keys=True,
            ensure_ascii=False,
        )
    state = str(p.get("state") or ConflictState.OPEN.value)
    if change.get("kind") == ChangeKind.CONFLICT_RESOLVED.value or state == ConflictState.RESOLVED.value:
        row.state = ConflictState.RESOLVED.value
        row.resolved_at = row.resolved_at or _when(p.get("resolved_at"))
        row.resolved_by = p.get("resolved_by") or row.resolved_by
        resolution = p.get("resolution")
        if resolution is not None:
            row.resolution = json.dumps(resolution, sort_keys=True, ensure_ascii=False)
    elif row.state is None:
        row.state = ConflictState.OPEN.value


def _land_rejection(s: Session, change: Mapping[str, Any]) -> None:
    """A rejection addressed to this user (any of their devices) into ``sync_rejection``.

    On the device that sent the op it also closes the op, if its answer was lost on the way.
    """
    p = change.get("payload") or {}
    op_id = str(p.get("op_id") or change["entity_id"])
    op = s.scalar(select(OutboxOp).where(OutboxOp.op_id == op_id))
    if op is not None:
        if op.state in WAITING:
            op.state = OutboxState.REJECTED.value
            op.lease_until = None
            op.result_json = json.dumps(
                {"device_seq": op.device_seq, "op_id": op_id, "status": "rejected", "code": p.get("code")},
                sort_keys=True,
            )
        _reject(s, op, p.get("code"), p.get("detail"), change.get("server_seq"))
        return
    if s.get(SyncRejection, op_id) is not None:
        return
    entity, entity_id = str(p.get("entity") or ""), str(p.get("entity_id") or "")
    known = s.get(SyncRow, (entity, entity_id))
    s.add(
        SyncRejection(
            op_id=op_id,
            device_seq=None,  # another device of this user sent it
            kind=str(p.get("kind") or ""),
            entity=entity,
            entity_id=entity_id,
            code=p.get("code"),
            detail=p.get("detail"),
            sent_json=None,
            server_version=known.server_version if known is not None else None,
            server_json=_held_payload(s, entity, entity_id),
            server_seq=int(change["server_seq"]),
        )
    )


def _land_scope_event(s: Session, change: Mapping[str, Any], waiting: set[tuple[str, str]]) -> None:
    """``scope_added``: backfill it from 0; ``scope_removed``: purge its data but pending records."""
    p = change.get("payload") or {}
    scope = str(p.get("scope") or change.get("scope") or change["entity_id"])
    seq = int(change["server_seq"])
    row = s.get(SyncScope, scope)
    if row is None:
        row = SyncScope(scope=scope, state="backfill", cursor=0, changed_seq=0)
        s.add(row)
    if seq < (row.changed_seq or 0):
        return  # an older event than the one that set the scope's state
    row.changed_seq, row.updated_at = seq, utcnow()
    if change.get("kind") == ChangeKind.SCOPE_ADDED.value:
        row.state, row.cursor = "backfill", 0
    elif change.get("kind") == ChangeKind.SCOPE_REMOVED.value:
        row.state, row.cursor = "removed", 0
        s.flush()
        purge_scope(s, scope, waiting)


def purge_scope(s: Session, scope: str, waiting: set[tuple[str, str]]) -> int:
    """Delete the local records of ``scope`` (as the feed named them), keeping those with ops to send.

    A record that a kept one refers to is kept too, as is one that another local row still refers
    to, and a locked decision (its triggers forbid deletion). Returns how many records went.
    """
    rows = list(s.scalars(select(SyncRow).where(SyncRow.scope == scope)))
    doomed: dict[str, set[str]] = {}
    for r in rows:
        if r.entity in _ENTITIES and Entity(r.entity) in wire.BY_ENTITY and (r.entity, r.entity_id) not in waiting:
            doomed.setdefault(r.entity, set()).add(r.entity_id)
    tables = {e: wire.BY_ENTITY[Entity(e)].table for e in doomed}
    if doomed.get(Entity.DECISION.value):
        doomed[Entity.DECISION.value] -= set(
            s.scalars(
                select(Decision.id).where(
                    Decision.id.in_(doomed[Entity.DECISION.value]), Decision.state.in_(wire.LOCKED_DECISION_STATES)
                )
            )
        )
    by_table = {t.__table__.name: e for e, t in tables.items()}  # type: ignore[attr-defined]
    changed = bool(tables)
    while changed:
        changed = False
        for referring in Base.metadata.sorted_tables:
            going_too = doomed.get(by_table.get(referring.name, ""), set())
            pk = next(iter(referring.primary_key.columns))
            for fk in referring.foreign_keys:
                target = by_table.get(fk.column.table.name)
                if target is None or not doomed[target]:
                    continue
                for value, ref_id in s.execute(select(fk.parent, pk).where(fk.parent.in_(doomed[target]))):
                    if str(ref_id) in going_too or value not in doomed[target]:
                        continue
                    doomed[target].discard(value)  # still referred to: kept
                    changed = True
    removed = 0
    for entity, ids in doomed.items():
        if not ids:
            continue
        table: Any = tables[entity]
        s.execute(delete(table).where(table.id.in_(ids)))
        s.execute(delete(EntityVersion).where(EntityVersion.entity == entity, EntityVersion.entity_id.in_(ids)))
        s.execute(delete(SyncRow).where(SyncRow.entity == entity, SyncRow.entity_id.in_(ids)))
        removed += len(ids)
    logger.info("scope purged", extra={"records": removed})
    return removed


def _when(value: Any) -> dt.datetime:
    if isinstance(value, str):
        try:
            return dt.datetime.fromisoformat(value.replace("Z", "+00:00")).astimezone(dt.UTC)
        except ValueError:
            pass
    return utcnow()


def _keep_versions(s: Session, page: Sequence[Mapping[str, Any]]) -> None:
    """Every pulled version into ``entity_version``, in one statement; one already held stays as it is."""
    if not page:
        return
    rows = [
        {
            "entity": str(c["entity"]),
            "entity_id": str(c["entity_id"]),
            "version": int(c["version"]),
            "server_seq": int(c["server_seq"]),
            "schema_version": int(c.get("schema_version") or 1),
            "raw_json": json.dumps(c.get("payload") or {}, sort_keys=True, ensure_ascii=False),
        }
        for c in page
    ]
    stmt = sqlite_insert(EntityVersion).on_conflict_do_nothing(index_elements=["entity", "entity_id", "version"])
    s.execute(stmt, rows)


def _prefetch(s: Session, page: Sequence[Mapping[str, Any]], waiting: set[tuple[str, str]]) -> list[Any]:
    """Load the page's existing records in one query per entity, so applying each finds it in memory.

    The session's identity map holds rows weakly: the caller keeps the returned list alive.
    """
    wanted: dict[Entity, list[str]] = {}
    for c in page:
        entity, entity_id = str(c["entity"]), str(c["entity_id"])
        if entity in _ENTITIES and (entity, entity_id) not in waiting and Entity(entity) in wire.BY_ENTITY:
            wanted.setdefault(Entity(entity), []).append(entity_id)
    held: list[Any] = []
    for entity, ids in wanted.items():
        table: Any = wire.BY_ENTITY[entity].table
        for i in range(0, len(ids), 500):
            held.extend(s.scalars(select(table).where(table.id.in_(ids[i : i + 500]))))
    return held


def _set(s: Session, key: str, value: str) -> None:
    row = s.get(SyncState, key)
    if row is None:
        s.add(SyncState(key=key, value=value))
    else:
        row.value = value
