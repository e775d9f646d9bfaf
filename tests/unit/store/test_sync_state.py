"""The local sync state of revision 0006 on a real SQLCipher store, fed pages as the service sends them.

Conflict records, rejections and scope events of the pull feed land in their tables; a removed
scope's purge keeps records with pending ops and what they refer to; base versions follow the
service's version, not the local edit count.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from sqlalchemy import select

from desktop.services.attention import AttentionService
from desktop.services.base import CurrentUser
from desktop.store import wire
from desktop.store.ids import new_id
from desktop.store.orm import Child, CoordinatorAssignment, EntityVersion, OutboxOp, SyncRow, SyncScope
from desktop.store.outbox import Actor, record_create, record_update, wire_before
from desktop.store.sync_store import SyncStore
from desktop.store.testing import open_test_store
from sync.protocol.enums import Role
from tests.unit.store.helpers import add_child, add_council

ME = CurrentUser("usr-1", "Eluned", Role.CHAIR)
SERVER = "srv-1"


def _change(seq: int, entity: str, entity_id: str, kind: str, payload: dict[str, Any], **kw: Any) -> dict[str, Any]:
    return {
        "server_seq": seq, "entity": entity, "entity_id": entity_id, "version": kw.pop("version", 1), "kind": kind,
        "payload": payload, "schema_version": 1, "received_at": "2026-03-10T10:00:00Z", **kw,
    }  # fmt: skip


def test_conflict_records_of_the_feed_are_listed_until_the_feed_resolves_them(tmp_path: Path) -> None:
    store = open_test_store(tmp_path)
    sync = SyncStore(store.sessions)
    conflict = {
        "conflict_id": "cf-1", "entity": "child", "entity_id": "c-1", "kind": "hard", "state": "open",
        "op_id": "op-elsewhere", "author_user_id": "usr-2", "base_version": 2, "server_version": 3,
        "detail": {"fields": {"given_names": {"base": "A", "server": "B", "incoming": "C"}},
                   "incoming": {"given_names": "C"}},
        "created_at": "2026-03-10T10:00:00Z", "resolved_at": None, "resolved_by": None, "resolution": None,
    }  # fmt: skip
    sync.apply_page([_change(5, "conflict", "cf-1", "conflict", conflict)], 5, server_id=SERVER)
    assert sync.attention_count() == 1 and sync.cursor() == 5
    [item] = AttentionService(store.sessions).items()
    # Not this device's op: the service's value is what it holds, the other author's is "theirs".
    assert not item.own and item.mine == {"given_names": "B"} and item.theirs == {"given_names": "C"}
    assert item.conflict_kind == "hard" and item.child_id == "c-1" and item.created_at == "2026-03-10T10:00:00Z"

    resolved = {**conflict, "state": "resolved", "resolved_at": "2026-03-10T11:00:00Z", "resolved_by": "usr-2",
                "resolution": {"resolution": "keep_server"}}  # fmt: skip
    sync.apply_page([_change(6, "conflict", "cf-1", "conflict_resolved", resolved, version=2)], 6, server_id=SERVER)
    assert sync.attention_count() == 0 and AttentionService(store.sessions).items() == []

    # A soft conflict (both changes applied) is for information only.
    soft = {**conflict, "conflict_id": "cf-2", "kind": "soft", "state": "resolved"}
    sync.apply_page([_change(7, "conflict", "cf-2", "conflict", soft)], 7, server_id=SERVER)
    assert sync.attention_count() == 0


def test_a_rejection_for_the_author_lands_on_every_device_and_closes_a_lost_answer(tmp_path: Path) -> None:
    store = open_test_store(tmp_path)
    sync = SyncStore(store.sessions)
    with store.sessions.begin() as s:
        child = add_child(s, add_council(s))
        op = record_create(s, Actor(ME.user_id), child)
        s.flush()
        mine, seq = op.op_id, op.device_seq
    other = {"op_id": "op-other", "device_id": "dev-2", "device_seq": 4, "kind": "patch", "entity": "child",
             "entity_id": "c-9", "code": "forbidden", "detail": "no"}  # fmt: skip
    own = {"op_id": mine, "device_id": "dev-1", "device_seq": seq, "kind": "create", "entity": "child",
           "entity_id": child.id, "code": "validation", "detail": "bad"}  # fmt: skip
    sync.apply_page(
        [_change(1, "rejection", "op-other", "rejected", other), _change(2, "rejection", mine, "rejected", own)],
        2,
        server_id=SERVER,
    )
    assert sync.attention_count() == 2 and sync.pending_count() == 0
    items = {i.entity_id: i for i in AttentionService(store.sessions).items()}
    assert not items["c-9"].own and items["c-9"].mine is None and items["c-9"].code == "forbidden"
    sent = items[child.id].mine
    assert items[child.id].own and sent is not None and sent["given_names"] == child.given_names
    with store.sessions() as s:
        assert s.scalars(select(OutboxOp.state).where(OutboxOp.op_id == mine)).one() == "rejected"
    AttentionService(store.sessions).acknowledge_rejection(items["c-9"].id, ME)
    assert sync.attention_count() == 1


def test_base_version_follows_the_service_and_chains_pending_ops(tmp_path: Path) -> None:
    store = open_test_store(tmp_path)
    with store.sessions.begin() as s:
        child = add_child(s, add_council(s))
        child.version = 9  # the local edit count, which the service never sees
        s.add(SyncRow(entity="child", entity_id=child.id, server_version=4, view_version=4))
        bases = []
        for name in ("Un", "Dau"):
            before = wire_before(s, child)
            child.given_names = name
            op = record_update(s, Actor(ME.user_id), child, before)
            assert op is not None
            bases.append(op.base_version)
        s.flush()
    assert bases == [4, 5]


def _assignment(s: Any, child: Child) -> CoordinatorAssignment:
    row = CoordinatorAssignment(id=new_id(), child_id=child.id, social_worker="SW Lewis", from_date=dt.date(2026, 3, 1))
    s.add(row)
    s.flush()
    return row


def test_a_removed_scope_is_purged_but_for_pending_records_and_what_they_refer_to(tmp_path: Path) -> None:
    store = open_test_store(tmp_path)
    sync = SyncStore(store.sessions)
    with store.sessions.begin() as s:
        council = add_council(s)
        kept, gone = add_child(s, council, "Ecs"), add_child(s, council, "Wai")
        pending = _assignment(s, kept)
        old = _assignment(s, gone)
        pages = [
            (e, r, wire.to_wire(s, r)) for e, r in (("child", kept), ("child", gone), ("coordinator_assignment", old))
        ]
        record_create(s, Actor(ME.user_id), pending)  # still to send: kept, and its child with it
        ids = {"kept": kept.id, "gone": gone.id, "old": old.id, "pending": pending.id}
    changes = [
        _change(
            i + 1, e, str(r.id), "created", payload, scope=f"child:{kept.id if e == 'child' and r is kept else gone.id}"
        )
        for i, (e, r, payload) in enumerate(pages)
    ]
    sync.apply_page(changes, 3, server_id=SERVER)
    scope_added = {"scope": f"child:{ids['gone']}", "user_id": ME.user_id}
    sync.apply_page(
        [_change(4, "scope", f"child:{ids['gone']}", "scope_added", scope_added, version=0)], 4, server_id=SERVER
    )
    assert sync.scopes_to_backfill() == [(f"child:{ids['gone']}", 0)]
    sync.scope_backfilled(f"child:{ids['gone']}")
    assert sync.scopes_to_backfill() == []
    with store.sessions.begin() as s:
        s.get(SyncRow, ("child", ids["kept"])).scope = f"child:{ids['gone']}"  # type: ignore[union-attr]
    removed = [
        _change(5, "scope", f"child:{ids['gone']}", "scope_removed", {"scope": f"child:{ids['gone']}"}, version=0)
    ]
    sync.apply_page(removed, 5, server_id=SERVER)
    with store.sessions() as s:
        assert s.get(Child, ids["gone"]) is None and s.get(CoordinatorAssignment, ids["old"]) is None
        # The child the pending assignment refers to stays, as does the assignment itself.
        assert s.get(Child, ids["kept"]) is not None and s.get(CoordinatorAssignment, ids["pending"]) is not None
        assert s.scalars(select(EntityVersion).where(EntityVersion.entity_id == ids["gone"])).all() == []
        assert s.get(SyncScope, f"child:{ids['gone']}").state == "removed"  # type: ignore[union-attr]
    # An older event does not undo a newer one.
    sync.apply_page(
        [_change(4, "scope", f"child:{ids['gone']}", "scope_added", scope_added, version=0)], 5, server_id=SERVER
    )
    assert sync.scopes_to_backfill() == []


def test_upgrade_to_0006_keeps_what_needed_attention(tmp_path: Path) -> None:
    from sqlalchemy import text

    from desktop.store.engine import create_store_engine
    from desktop.store.migrate import migrate
    from desktop.store.testing import open_store_at_revision

    store = open_store_at_revision(tmp_path, "0005")
    with store.engine.begin() as conn:
        for seq, state, result in (
            (1, "applied", '{"status": "applied"}'),
            (2, "rejected", '{"status": "rejected", "code": "forbidden", "detail": "no"}'),
            (3, "conflict", '{"status": "conflict", "conflict_id": "cf-9", "server_version": 4}'),
        ):
            conn.execute(
                text(
                    "INSERT INTO outbox (device_seq, op_id, kind, entity, entity_id, base_version, payload_json,"
                    " payload_sha256, schema_version, author_user_id, client_time, state, result_json)"
                    " VALUES (:seq, :op, 'patch', 'child', 'k1', 3, '{\"given_names\": \"A\"}', 'h', 1, 'u1',"
                    " '2026-01-01 10:00:00.000000', :state, :result)"
                ),
                {"seq": seq, "op": f"op-{seq}", "state": state, "result": result},
            )
    store.engine.dispose()
    engine = create_store_engine(store.path, store.key)
    migrate(engine, store.path, store.key)
    engine.dispose()
    reopened = open_test_store(tmp_path, store.key)
    assert SyncStore(reopened.sessions).attention_count() == 2
    items = {i.kind: i for i in AttentionService(reopened.sessions).items()}
    assert items["rejection"].code == "forbidden" and items["rejection"].mine == {"given_names": "A"}
    assert items["conflict"].id == "conflict:cf-9" and items["conflict"].server_version == 4
    assert items["conflict"].mine == {"given_names": "A"} and items["conflict"].own
