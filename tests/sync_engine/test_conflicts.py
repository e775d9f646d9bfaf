"""Conflicts, rejections, base versions, frozen ops and scopes against the real service over HTTPS.

Each laptop is a real SQLCipher profile syncing through the engine; what a person sees comes from
:class:`desktop.services.attention.AttentionService`, and what the service holds from its database.
"""

from __future__ import annotations

import datetime as dt
import json

import pytest
from sqlalchemy import select

from desktop.services.attention import AttentionService
from desktop.services.conferences import NewConference
from desktop.services.errors import ServiceError
from desktop.store.orm import Child, MinutesSection, OutboxOp, SyncRejection, SyncRow, SyncScope, User
from sync.engine.run import Phase, Progress, run_sync
from sync.protocol.canonical import canonical_json, payload_sha256
from sync.protocol.enums import Category, ConferenceType, Role
from tests.integration.sync.test_contract import _run_conference
from tests.sync_engine.conftest import Env, Laptop
from tests.sync_engine.test_engine import _add_child, _edit_child, _people, _signed_in_with_data

TODAY = dt.date(2026, 3, 10)


def _two_laptops(env: Env, children: int = 1) -> tuple[Laptop, Laptop]:
    _people(env)
    p1 = _signed_in_with_data(env, children=children)
    assert p1.run().complete
    p2 = env.laptop("p2")
    env.sign_in(p2, "ceri")
    assert p2.run().complete
    return p1, p2


def _open_section(lap: Laptop, child_id: str) -> str:
    """A minutes section of a conference in progress, made by the chair of ``lap``."""
    s = lap.services
    cid = s.conferences.create(
        NewConference(
            type=ConferenceType.INITIAL, scheduled_for=dt.datetime(2026, 3, 12, 10, 0, tzinfo=dt.UTC),
            child_ids=(child_id,), strategy_discussion_on=dt.date(2026, 3, 2), chair_user_id=lap.seat.user.user_id,
            venue="Neuadd y Sir",
        )
    ).id  # fmt: skip
    s.conferences.start(cid)
    return s.minutes.sections(cid)[0].id


def _text(lap: Laptop, section_id: str) -> str:
    with lap.store.sessions() as s:
        row = s.get(MinutesSection, section_id)
        assert row is not None
        return row.text


def _given(lap: Laptop, child_id: str) -> str:
    with lap.store.sessions() as s:
        row = s.get(Child, child_id)
        assert row is not None
        return row.given_names


def _bases(lap: Laptop, entity_id: str) -> list[tuple[str, int | None, str]]:
    with lap.store.sessions() as s:
        return [
            (o.kind, o.base_version, o.state)
            for o in s.scalars(select(OutboxOp).where(OutboxOp.entity_id == entity_id).order_by(OutboxOp.device_seq))
        ]


def test_a_draft_edited_on_two_laptops_is_a_conflict_on_both_and_resolving_converges(env: Env) -> None:
    p1, p2 = _two_laptops(env, children=2)
    section = _open_section(p1, _add_child(p1, "Ecs"))
    assert p1.run().complete and p2.run().complete
    p1.services.minutes.save(section, "Testun un")
    p2.services.minutes.save(section, "Testun dau")
    assert p1.run().complete
    report = p2.run()
    assert report.conflicts == 1 and report.needs_attention and report.attention == 1

    # The laptop whose edit lost: its text is "mine", the service's "theirs"; it shows the service's now.
    [item] = AttentionService(p2.services.ctx).items()
    assert item.kind == "conflict" and item.conflict_kind == "draft_copy" and item.own
    assert item.entity == "minutes_section" and item.entity_id == section and item.conference_id
    assert item.mine == {"text": "Testun dau"} and item.theirs == {"text": "Testun un"}
    assert set(item.actions) == {"mine", "theirs", "merged"}
    assert _text(p2, section) == "Testun un"

    # The other laptop learns of it from the feed, the other way round.
    assert p1.run().attention == 1
    [seen] = AttentionService(p1.services.ctx).items()
    assert seen.id == item.id and not seen.own
    assert seen.mine == {"text": "Testun un"} and seen.theirs == {"text": "Testun dau"}

    with pytest.raises(ServiceError):
        AttentionService(p2.services.ctx).resolve_draft(item.id, "merged", None)
    done = AttentionService(p2.services.ctx).resolve_draft(item.id, "mine", None)
    assert done.id == item.id and _text(p2, section) == "Testun dau"  # shown at once
    assert AttentionService(p2.services.ctx).items() == [] and p2.sync.store.attention_count() == 0
    with pytest.raises(ServiceError):
        AttentionService(p2.services.ctx).resolve_draft(item.id, "theirs", None)
    assert p2.run().complete
    assert p1.run().complete
    assert AttentionService(p1.services.ctx).items() == [] and p1.sync.store.attention_count() == 0
    assert _text(p1, section) == _text(p2, section) == "Testun dau"
    assert p2.run().complete and _text(p2, section) == "Testun dau"
    env.assert_exactly_once(p1)
    env.assert_exactly_once(p2)


def test_a_merge_of_a_shared_record_is_what_both_laptops_end_with(env: Env) -> None:
    p1, p2 = _two_laptops(env)
    x = _add_child(p1, "Ecs")
    assert p1.run().complete and p2.run().complete
    _edit_child(p1, x, "Ecs un")
    _edit_child(p2, x, "Ecs dau")
    assert p1.run().complete
    assert p2.run().conflicts == 1
    [item] = AttentionService(p2.services.ctx).items()
    assert item.conflict_kind == "hard" and item.child_id == x
    assert item.mine == {"given_names": "Ecs dau"} and item.theirs == {"given_names": "Ecs un"}
    with pytest.raises(ServiceError):
        AttentionService(p2.services.ctx).resolve_draft(item.id, "merged", {"date_of_birth": "2016-01-01"})
    AttentionService(p2.services.ctx).resolve_draft(item.id, "merged", {"given_names": "Ecs tri"})
    assert p2.run().complete and p1.run().complete
    assert _given(p1, x) == _given(p2, x) == "Ecs tri"
    assert AttentionService(p1.services.ctx).items() == []


def test_base_version_is_the_service_version_after_several_local_edits(env: Env) -> None:
    p1, p2 = _two_laptops(env)
    x = _add_child(p1, "Ecs")
    assert p1.run().complete and p2.run().complete
    for i in range(3):  # the service's X moves to version 4 while p2's local count stays behind
        _edit_child(p1, x, f"Ecs {i}")
        assert p1.run().complete
    assert p2.run().complete
    assert p2.sync.store.server_version("child", x) == 4
    for name in ("Un", "Dau", "Tri"):
        _edit_child(p2, x, name)
    # Each op follows on from the one before, starting from the version the service holds.
    assert [b for _, b, _ in _bases(p2, x)] == [4, 5, 6]
    report = p2.run()
    assert report.complete and report.applied == 3 and report.conflicts == 0
    assert p2.sync.store.server_version("child", x) == 7
    assert p1.run().complete and _given(p1, x) == "Tri"

    # After a conflict the next edit is based on the service's head, not on the refused op.
    _edit_child(p1, x, "Pell")
    _edit_child(p2, x, "Agos")
    assert p1.run().complete
    assert p2.run().conflicts == 1
    _edit_child(p2, x, "Eto")
    assert _bases(p2, x)[-1][1] == 8
    assert p2.run().applied == 1


def test_a_rejected_op_is_kept_with_both_versions_until_acknowledged(env: Env) -> None:
    p1, _ = _two_laptops(env)
    x = _add_child(p1, "Ecs")
    assert p1.run().complete
    _edit_child(p1, x, "Ecs newydd")
    ids = [_add_child(p1, "Cyntaf"), x, _add_child(p1, "Olaf")]
    with p1.store.sessions.begin() as s:
        op = s.scalars(select(OutboxOp).where(OutboxOp.entity_id == x, OutboxOp.state == "pending")).one()
        payload = json.loads(op.payload_json)
        payload["date_of_birth"] = "not a date"  # as a buggy build might queue it
        op.payload_json = canonical_json(payload).decode("utf-8")
        op.payload_sha256 = payload_sha256(payload)
    report = p1.run()
    assert report.rejected == 1 and report.applied == 2 and report.pending == 0
    assert ids
    [item] = AttentionService(p1.services.ctx).items()
    assert item.kind == "rejection" and item.code == "validation" and item.own and item.child_id == x
    assert item.mine is not None and item.mine["date_of_birth"] == "not a date"
    assert item.theirs is not None and item.theirs["given_names"] == "Ecs" and item.server_version == 1
    assert p1.sync.store.attention_count() == 1
    with pytest.raises(ServiceError):
        AttentionService(p1.services.ctx).resolve_draft(item.id, "mine")
    AttentionService(p1.services.ctx).acknowledge_rejection(item.id)
    assert AttentionService(p1.services.ctx).items() == [] and p1.sync.store.attention_count() == 0
    with p1.store.sessions() as s:
        row = s.get(SyncRejection, item.id.partition(":")[2])
        assert row is not None and row.resolved_by == p1.seat.user.user_id and row.resolution == "acknowledged"


def test_an_op_being_sent_is_frozen_and_an_edit_meanwhile_is_a_new_op(env: Env) -> None:
    p1, _ = _two_laptops(env)
    x = _add_child(p1, "Ecs")
    assert p1.run().complete
    _edit_child(p1, x, "Un")
    [taken] = p1.sync.store.pending_ops()
    with p1.store.sessions() as s:
        sending = s.scalars(select(OutboxOp).where(OutboxOp.op_id == taken["op_id"])).one()
        assert sending.state == "sending" and sending.attempts == 1 and sending.lease_until is not None
    _edit_child(p1, x, "Dau")  # made while the first is on its way
    with pytest.raises(Exception, match="frozen"), p1.store.sessions.begin() as s:
        s.scalars(select(OutboxOp).where(OutboxOp.op_id == taken["op_id"])).one().payload_json = "{}"
    ops = _bases(p1, x)
    assert [(k, st) for k, _, st in ops][-2:] == [("patch", "sending"), ("patch", "pending")]
    assert [b for _, b, _ in ops][-2:] == [1, 2]
    with p1.store.sessions() as s:
        seqs = list(s.scalars(select(OutboxOp.device_seq).order_by(OutboxOp.device_seq)))
    assert seqs == list(range(seqs[0], seqs[0] + len(seqs)))
    # The run takes the unanswered op again (its sender is gone) and sends both in order.
    report = p1.run()
    assert report.complete and report.applied == 2 and _given(p1, x) == "Dau"
    env.assert_exactly_once(p1)


def test_a_version_held_back_by_a_pending_op_is_shown_once_the_outbox_drains(env: Env) -> None:
    p1, p2 = _two_laptops(env)
    y, x = _add_child(p1, "Wai"), _add_child(p1, "Ecs")
    assert p1.run().complete and p2.run().complete
    _edit_child(p1, y, "Wai un")  # comes first in the feed: X's new version arrives after the edit
    _edit_child(p1, x, "Ecs un")
    assert p1.run().complete

    edited: list[Progress] = []

    def edit_while_pulling(p: Progress) -> None:
        if p.phase is Phase.PULL and not edited:
            _edit_child(p2, x, "Ecs dau")
            edited.append(p)

    report = run_sync(p2.sync.store, p2.client, on_progress=edit_while_pulling, pull_limit=1)
    assert edited and report.pending == 1 and _given(p2, x) == "Ecs dau"  # never overwritten
    report = p2.run()
    assert report.conflicts == 1 and report.pulled == 1  # only the conflict record was new
    assert _given(p2, x) == "Ecs un"  # the newest held version, applied once the op was answered
    [item] = AttentionService(p2.services.ctx).items()
    assert item.mine == {"given_names": "Ecs dau"} and item.theirs == {"given_names": "Ecs un"}
    with p2.store.sessions() as s:
        row = s.get(SyncRow, ("child", x))
        assert row is not None and row.view_version == row.server_version == 2


def test_a_scope_added_is_backfilled_and_a_removed_one_purged_but_for_pending_ops(env: Env) -> None:
    _people(env)
    env.add_user("lewis", "SW Lewis", Role.COORDINATOR)
    env.add_user("price", "SW Price", Role.COORDINATOR)
    p1 = _signed_in_with_data(env, children=1)
    x, y = _add_child(p1, "Ecs"), _add_child(p1, "Wai")
    assert p1.run().complete
    p3 = env.laptop("p3")
    env.sign_in(p3, "lewis")
    assert p3.run().complete
    with p3.store.sessions() as s:
        assert s.get(Child, x) is None

    for child in (x, y):
        p1.services.children.change_coordinator(
            child, "SW Lewis", from_date=dt.date(2026, 3, 1), handover_note="Cyntaf", family_told=True,
            agencies_told=True,
        )  # fmt: skip
    assert p1.run().complete
    report = p3.run()
    assert report.complete
    with p3.store.sessions() as s:
        assert s.get(Child, x) is not None and s.get(Child, y) is not None  # older than its cursor: backfilled
        states = {r.scope: r.state for r in s.scalars(select(SyncScope))}
    assert states == {f"child:{x}": "active", f"child:{y}": "active"}

    for child in (y, x):  # Y's scope goes first: X is edited in between
        p1.services.children.change_coordinator(
            child, "SW Price", from_date=dt.date(2026, 3, 5), handover_note="Ail", family_told=True,
            agencies_told=True,
        )  # fmt: skip
    assert p1.run().complete

    edited: list[Progress] = []

    def edit_while_pulling(p: Progress) -> None:
        if p.phase is Phase.PULL and not edited:
            _edit_child(p3, x, "Ecs lleol")  # an edit made just before the scope goes
            edited.append(p)

    report = run_sync(p3.sync.store, p3.client, on_progress=edit_while_pulling, pull_limit=1)
    assert edited and report.error_code is None and report.pending == 1
    with p3.store.sessions() as s:
        assert s.get(Child, y) is None  # purged
        assert s.get(Child, x) is not None and s.get(Child, x).given_names == "Ecs lleol"  # type: ignore[union-attr]
        states = {r.scope: r.state for r in s.scalars(select(SyncScope))}
    assert states == {f"child:{x}": "removed", f"child:{y}": "removed"}
    # The kept op is pushed; the service refuses it, and it stays in front of its author.
    report = p3.run()
    assert report.rejected == 1 and report.pending == 0
    [item] = AttentionService(p3.services.ctx).items()
    assert item.kind == "rejection" and item.entity_id == x and item.mine == {"given_names": "Ecs lleol"}


def _decide(lap: Laptop, children: tuple[str, str], minute_taker: str, categories: list[str]) -> str:
    """A whole initial conference about ``children`` on ``lap``, the first one's decision finalised."""
    cid, _ = _run_conference(lap, minute_taker, children)  # type: ignore[arg-type]
    child = children[0]
    lap.services.decisions.save(cid, child, {"categories": categories})
    preview = lap.services.decisions.finalise_preview(cid, child)
    lap.services.decisions.finalise(cid, child, preview.content_sha256)
    return cid


def test_two_chairs_deciding_about_one_child_offline_both_decisions_are_shown(env: Env) -> None:
    _people(env)
    p1 = env.laptop("p1")
    env.sign_in(p1, "eluned")
    p2 = env.laptop("p2")
    env.sign_in(p2, "ceri")
    child, sibling = _add_child(p1, "Siân"), _add_child(p1, "Dafydd")
    assert p1.run().complete and p2.run().complete
    with p1.store.sessions() as s:
        mt = next(u.id for u in s.scalars(select(User)) if Role.MINUTE_TAKER.value in u.roles)
    _decide(p1, (child, sibling), mt, [Category.NEGLECT.value])
    _decide(p2, (child, sibling), mt, [Category.EMOTIONAL.value])
    assert p1.run().complete
    report = p2.run()
    assert report.conflicts == 1 and report.attention == 1
    [item] = AttentionService(p2.services.ctx).items()
    assert item.conflict_kind == "contested_decision" and item.entity == "register_entry"
    assert item.actions == ("record_decision",) and item.child_id == child and len(item.decision_ids) == 2
    assert item.mine is not None and item.theirs is not None and item.own
    assert item.mine["categories"] == ["emotional"] and item.theirs["categories"] == ["neglect"]
    assert {item.mine["decision_id"], item.theirs["decision_id"]} == set(item.decision_ids)
    with pytest.raises(ServiceError):
        AttentionService(p2.services.ctx).resolve_draft(item.id, "mine")
    assert p1.run().attention == 1
    [seen] = AttentionService(p1.services.ctx).items()
    assert seen.id == item.id and not seen.own and seen.mine == item.theirs and seen.theirs == item.mine
