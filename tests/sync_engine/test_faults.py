"""Failure tests of issue 9 §4 against the real service over HTTPS on 127.0.0.1 (sync-protocol.md §16).

Clock skew of two days either way; the service restored from a backup taken in the middle of a
push; access revoked while offline; an old client against a newer service and the reverse; hostile
and malformed answers (hypothesis), which must end the run with a clear ``SyncError`` kind and
change no local data.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select, text

from desktop.store.orm import OutboxOp
from desktop.store.testing import OpenStore
from sync.engine.run import Phase, Progress, run_sync
from sync.service.auth import revoke_device_tokens
from sync.service.db import now_iso
from sync.service.models import Device, EntityHead, OpJournal
from tests.support.faultproxy import Fault, Rule
from tests.sync_engine.conftest import Env, Laptop, make_env
from tests.sync_engine.test_engine import _add_child, _edit_child, _people, _signed_in_with_data
from tests.sync_engine.test_recovery import _copy_db, _restore, p1_twin

#: Columns that count attempts to send, not data: a refused attempt is still an attempt.
SENDER_BOOKKEEPING = {"outbox": {"attempts", "lease_until"}}


def dump(store: OpenStore) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table of the local database (to prove that nothing changed)."""
    out: dict[str, list[tuple[Any, ...]]] = {}
    with store.engine.connect() as conn:
        names = [r[0] for r in conn.execute(text("SELECT name FROM sqlite_master WHERE type = 'table'"))]
        for name in sorted(names):
            skip = SENDER_BOOKKEEPING.get(name, set())
            columns = [r[1] for r in conn.execute(text(f'PRAGMA table_info("{name}")')) if r[1] not in skip]
            listed = ", ".join(f'"{c}"' for c in columns)
            rows = conn.execute(text(f'SELECT {listed} FROM "{name}"')).all()
            out[name] = sorted((tuple(r) for r in rows), key=repr)
    return out


def _journal_states(env: Env, op_ids: set[str]) -> dict[str, str]:
    with env.svc.db.read_txn() as s:
        return {str(o): str(st_) for o, st_ in s.execute(select(OpJournal.op_id, OpJournal.status)) if o in op_ids}


# ---- clock skew


def _skew(lap: Laptop, by: dt.timedelta) -> None:
    """The laptop's clock is ``by`` out: its pending ops claim that time, and its client reads it."""
    with lap.store.sessions.begin() as s:
        for op in s.scalars(select(OutboxOp).where(OutboxOp.state == "pending")):
            op.client_time = op.client_time + by
    lap.client._clock = lambda: dt.datetime.now(dt.UTC) + by


def _race(env: Env, first: Laptop, second: Laptop, child: str, skews: tuple[dt.timedelta, dt.timedelta]) -> list[str]:
    """Both laptops edit ``child`` offline (each with its clock ``skews`` out); ``first`` syncs first.
    Returns the two outcomes and the service's name for the child."""
    _edit_child(first, child, "Cyntaf")
    _edit_child(second, child, "Ail")
    _skew(first, skews[0])
    _skew(second, skews[1])
    r1, r2 = first.run(), second.run()
    assert r1.error_code is None and r2.error_code is None, (r1.error_code, r2.error_code)
    assert first.run().error_code is None
    mine = {op_id for _, op_id, _ in first.outbox()[-1:]} | {op_id for _, op_id, _ in second.outbox()[-1:]}
    states = _journal_states(env, mine)
    with env.svc.db.read_txn() as s:
        head = s.get(EntityHead, ("child", child))
        assert head is not None
        name = json.loads(head.payload_json)["given_names"]
    return [states[first.outbox()[-1][1]], states[second.outbox()[-1][1]], name]


@pytest.mark.parametrize("days", [2, -2])
def test_clock_skew_of_two_days_changes_no_order_no_outcome_and_no_token_timing(env: Env, days: int) -> None:
    _people(env)
    a = _signed_in_with_data(env, "a", children=1)
    plain, skewed = _add_child(a, "Plaen"), _add_child(a, "Cam")
    assert a.run().complete
    b = env.laptop("b")
    env.sign_in(b, "ceri")
    assert b.run().complete
    refreshes = a.client.refreshes

    baseline = _race(env, a, b, plain, (dt.timedelta(), dt.timedelta()))
    skew = dt.timedelta(days=days)
    # The first to sync has the clock that would win if clocks decided: commit order decides.
    outcome = _race(env, a, b, skewed, (-skew, skew))
    assert outcome == baseline
    assert baseline[2] == "Cyntaf" and baseline[0] == "applied"

    # The skew is measured against the service's Date, and recorded as the op's claim only.
    assert b.client.clock_skew is not None and abs(b.client.clock_skew + skew) < dt.timedelta(minutes=5)
    last = b.outbox()[-1][1]
    with env.svc.db.read_txn() as s:
        row = s.scalars(select(OpJournal).where(OpJournal.op_id == last)).one()
        claimed = dt.datetime.fromisoformat(str(row.client_time).replace("Z", "+00:00"))
        received = dt.datetime.fromisoformat(str(row.received_at).replace("Z", "+00:00"))
    now = dt.datetime.now(dt.UTC)
    assert abs(claimed - (now + skew)) < dt.timedelta(minutes=5)
    assert abs(received - now) < dt.timedelta(minutes=5)
    # Token lifetimes are judged by the service's clock: no refresh storm from a wrong clock.
    for _ in range(3):
        assert a.run().complete and b.run().complete
    assert a.client.refreshes == refreshes
    # The losing edits are in front of a person on both laptops (the conflict reaches both in the feed).
    assert b.sync.store.attention_count() == 2 and a.sync.store.attention_count() == 2
    raced = {("child", plain), ("child", skewed)}
    assert {k: v for k, v in a.records().items() if k not in raced} == {
        k: v for k, v in b.records().items() if k not in raced
    }


def test_the_laptop_whose_edit_conflicted_shows_the_service_head_after_its_pull(env: Env) -> None:
    _people(env)
    a = _signed_in_with_data(env, "a", children=1)
    child = _add_child(a, "Dadl")
    assert a.run().complete
    b = env.laptop("b")
    env.sign_in(b, "ceri")
    assert b.run().complete
    _edit_child(a, child, "Cyntaf")
    _edit_child(b, child, "Ail")
    assert a.run().complete
    assert b.run().conflicts == 1
    assert b.run().error_code is None and b.sync.store.attention_count() == 1
    with env.svc.db.read_txn() as s:
        head = s.get(EntityHead, ("child", child))
        assert head is not None and json.loads(head.payload_json)["given_names"] == "Cyntaf"
    assert b.records()[("child", child)] == a.records()[("child", child)]


# ---- the service restored from an older backup taken mid-way through a push


def test_a_backup_taken_mid_push_then_restored_loses_nothing(env: Env) -> None:
    _people(env)
    p1 = _signed_in_with_data(env, children=3)
    witness = env.laptop("witness")
    env.sign_in(witness, "ceri")  # enrolled before the backup, so the restored service knows it
    total = p1.sync.store.pending_count()
    backup = env.tmp / "mid.db"
    taken: list[Progress] = []

    def back_up_once(p: Progress) -> None:
        if p.phase is Phase.PUSH and not taken:
            _copy_db(env.tmp / "register.db", backup)  # the nightly job runs while the laptop pushes
            taken.append(p)

    report = run_sync(p1.sync.store, p1.client, on_progress=back_up_once, batch_ops=20)
    assert report.complete and taken and 0 < taken[0].ops < total
    assert witness.run().complete  # pulled everything before the restore
    _restore(env, backup)
    assert len({op_id for _, op_id, _ in p1.outbox()} - env.journal()) == total - taken[0].ops
    later = _add_child(p1, "Wedi")  # made while the service was down

    again = p1.run()
    assert again.complete and again.restored_server, (again.error_kind, again.error_code)
    env.assert_exactly_once(p1)
    assert set(_journal_states(env, {o for _, o, _ in p1.outbox()}).values()) == {"applied"}
    w = witness.run()
    assert w.complete and w.restored_server
    assert ("child", later) in witness.records()
    assert witness.records() == p1.records() == p1_twin(env).records()


# ---- access revoked while offline


def test_a_device_revoked_while_offline_gets_a_clear_error_and_keeps_its_data(env: Env) -> None:
    _people(env)
    p1 = _signed_in_with_data(env, children=1)
    assert p1.run().complete
    waiting = _add_child(p1, "Aros")
    device = p1.client.device_id
    with env.svc.db.write_txn() as s:
        row = s.get(Device, device)
        assert row is not None
        now = env.svc.clock()
        row.revoked_at = now_iso(now)
        revoke_device_tokens(s, row.id, now)
    before = dump(p1.store)
    report = p1.run()
    assert report.error_kind == "revoked" and report.error_code == "device_revoked"
    assert not report.complete and report.pending == 1
    assert dump(p1.store) == before  # the pending op and everything else stay for a later re-enrolment
    assert ("child", waiting) in p1.records()
    with env.svc.db.read_txn() as s:
        assert s.scalar(select(OpJournal).where(OpJournal.device_id == device, OpJournal.entity_id == waiting)) is None


# ---- client and service of different protocol versions


def test_an_old_client_uploads_its_outbox_to_a_newer_service_but_may_not_pull(tmp_path: Path) -> None:
    with make_env(tmp_path, protocol_min=2, protocol_max=2) as env:
        _people(env)
        p1 = _signed_in_with_data(env, children=1)
        queued = p1.sync.store.pending_count()
        report = p1.run()
        assert report.error_kind == "upgrade" and report.error_code == "upgrade_required"
        assert report.applied == report.pushed == queued and report.pending == 0
        assert report.pulled == 0 and p1.sync.store.cursor() == 0
        env.assert_exactly_once(p1)


def test_a_newer_client_against_an_older_service_sends_nothing_and_keeps_everything(tmp_path: Path) -> None:
    with make_env(tmp_path, protocol_min=0, protocol_max=0) as env:
        _people(env)
        p1 = _signed_in_with_data(env, children=1)
        queued = p1.sync.store.pending_count()
        before = dump(p1.store)
        report = p1.run()
        assert report.error_kind == "upgrade" and report.error_code == "upgrade_required"
        assert report.pending == queued and report.pushed == 0
        assert dump(p1.store) == before
        assert env.journal() == set()


# ---- hostile and malformed answers


def _json_of(value: Any) -> bytes:
    return json.dumps(value).encode("utf-8")


#: Values of no type a pull page's required fields accept (lists and objects are never an int, str or bool).
WRONG = st.one_of(
    st.lists(st.integers(), min_size=1, max_size=3),
    st.dictionaries(st.text(max_size=3), st.integers(), min_size=1, max_size=2),
)
REQUIRED = ["server_id", "changes", "next_cursor", "has_more", "head_seq"]
CHANGE_KEYS = ["server_seq", "entity", "entity_id", "version", "kind"]
Rewrite = Callable[[int, bytes], tuple[int, bytes, str]]


@st.composite
def hostile_pull(draw: st.DrawFn) -> tuple[str, Rewrite]:
    """A rewrite of a real pull page into something the protocol does not allow."""
    how = draw(st.sampled_from(["garbage", "wrong_type", "missing", "bad_change", "backwards", "unordered", "html"]))
    junk = draw(st.binary(max_size=64))
    key = draw(st.sampled_from(REQUIRED))
    ckey = draw(st.sampled_from(CHANGE_KEYS))
    wrong = draw(WRONG)

    def rewrite(status: int, body: bytes) -> tuple[int, bytes, str]:
        page = json.loads(body)
        assert status == 200 and len(page["changes"]) >= 2
        if how == "garbage":
            return 200, b"{" + junk, "application/json"
        if how == "html":
            return 200, b"<html>" + junk, "text/html"
        if how == "wrong_type":
            page[key] = wrong
        elif how == "missing":
            del page[key]
        elif how == "bad_change":
            page["changes"][1][ckey] = wrong
        elif how == "backwards":
            page["next_cursor"], page["has_more"], page["changes"] = 0, True, []
        else:
            page["changes"][0], page["changes"][1] = page["changes"][1], page["changes"][0]
        return 200, _json_of(page), "application/json"

    return how, rewrite


def _another_laptops_records(env: Env) -> None:
    p2 = env.laptop(f"other{len(env.laptops)}")
    env.sign_in(p2, "ceri")
    assert p2.run().complete
    for i in range(8):
        _add_child(p2, f"Arall {i}")
    assert p2.run().complete


@pytest.fixture
def hostile(env: Env) -> tuple[Env, Laptop]:
    """A laptop, nothing pending, with pages to pull (another laptop's records) that it has not pulled."""
    _people(env)
    p1 = _signed_in_with_data(env, "p1", children=1)
    assert p1.run().complete
    _another_laptops_records(env)
    assert p1.sync.store.pending_count() == 0 and p1.sync.store.cursor() > 0
    return env, p1


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(case=hostile_pull())
def test_a_hostile_pull_page_is_a_protocol_error_and_changes_nothing(
    hostile: tuple[Env, Laptop], case: tuple[str, Rewrite]
) -> None:
    env, p1 = hostile
    how, rewrite = case
    before = dump(p1.store)
    env.proxy.clear()
    env.proxy.add(Rule(Fault.REWRITE, path="/v1/sync/pull", times=None, rewrite=rewrite))
    report = run_sync(p1.sync.store, p1.client, pull_limit=5)
    env.proxy.clear()
    assert report.error_kind == "protocol", (how, report.error_kind, report.error_code)
    assert report.error_code in {
        "invalid_json",
        "invalid_answer",
        "not_json",
        "cursor_not_advancing",
        "changes_out_of_order",
    }, how
    assert dump(p1.store) == before


def test_hostile_answers_to_a_push_change_no_local_data_and_a_clean_run_finishes(env: Env) -> None:
    _people(env)
    p1 = _signed_in_with_data(env, children=1)
    assert p1.run().complete
    ids = [_add_child(p1, f"Plentyn {i}") for i in range(3)]
    answers: list[Rewrite] = [
        lambda st_, b: (200, b'{"results": "no"}', "application/json"),
        lambda st_, b: (200, _json_of({**json.loads(b), "results": json.loads(b)["results"][:1]}), "application/json"),
        lambda st_, b: (200, b"[]", "application/json"),
        lambda st_, b: (200, b"\xff\xfe", "application/json"),
        lambda st_, b: (200, b'{"a":' * 5000 + b"1" + b"}" * 5000, "application/json"),
        lambda st_, b: (299, b"{}", "application/json"),
    ]
    for rewrite in answers:
        before = dump(p1.store)
        env.proxy.clear()
        env.proxy.add(Rule(Fault.REWRITE, path="/v1/sync/push", times=None, rewrite=rewrite))
        report = p1.run()
        assert report.error_kind == "protocol" and report.pending == 3, report.error_code
        assert dump(p1.store) == before
    env.proxy.clear()
    done = p1.run()  # the service committed the first time: the journal answers duplicate
    assert done.complete and done.duplicates == 3, (done.error_kind, done.error_code)
    env.assert_exactly_once(p1)
    assert all(("child", c) in p1.records() for c in ids)


def test_a_huge_answer_is_refused_before_it_is_read_whole(tmp_path: Path) -> None:
    with make_env(tmp_path) as env:
        _people(env)
        lap = env.laptop("small", max_response_bytes=64 << 10)
        _add_child(lap, "Un")
        env.sign_in(lap, "eluned")
        assert lap.run().complete
        _add_child(lap, "Dau")
        before = dump(lap.store)
        env.proxy.add(
            Rule(
                Fault.REWRITE,
                path="/v1/sync/push",
                times=None,
                rewrite=lambda s, b: (200, b" " * (1 << 20), "application/json"),
            )
        )
        report = lap.run()
        assert (report.error_kind, report.error_code) == ("protocol", "answer_too_large")
        assert dump(lap.store) == before


def test_unknown_entities_in_a_page_are_kept_raw_and_touch_no_known_record(env: Env) -> None:
    _people(env)
    p1 = _signed_in_with_data(env, "p1", children=1)
    assert p1.run().complete
    _another_laptops_records(env)
    records = p1.records()

    def future(status: int, body: bytes) -> tuple[int, bytes, str]:
        page = json.loads(body)
        for c in page["changes"]:
            c["entity"] = "hovercraft"  # an entity of a later protocol version
        return status, _json_of(page), "application/json"

    env.proxy.add(Rule(Fault.REWRITE, path="/v1/sync/pull", times=None, rewrite=future))
    report = p1.run()
    assert report.complete and report.pulled > 0 and report.written == 0
    assert p1.records() == records
    with p1.store.sessions() as s:
        kept = s.execute(text("SELECT count(*) FROM entity_version WHERE entity = 'hovercraft'")).scalar()
    assert kept == report.pulled
