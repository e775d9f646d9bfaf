"""Issue 8 §4: one bad op blocks nothing, old clients can push, rejections are final and reach the
author's other devices, a restored server takes a new epoch, and a lost refresh answer is forgiven."""

from __future__ import annotations

import io
import sys
from collections.abc import Iterator
from typing import Any

import pytest

from sync.protocol.canonical import payload_sha256
from sync.protocol.enums import Role
from sync.service.cli import main as cli_main
from sync.service.db import Database
from tests.service.harness import Clock, Device, Service, make_case, make_settings, new_id


@pytest.fixture
def old_client_svc(db_url: str, clock: Clock) -> Iterator[Service]:
    """A server that has moved on to protocol 2: a client speaking 1 is below its range."""
    db = Database(db_url)
    if db_url.startswith("sqlite"):
        db.migrate()
    service = Service(db, make_settings(db_url, clock, protocol_min=2, protocol_max=2), clock)
    try:
        yield service
    finally:
        service.client.close()
        db.dispose()


def _child_op(dev: Device, name: str = "Elin") -> dict[str, Any]:
    return dev.op("create", "child", new_id(), {"given_names": name})


def test_unknown_entity_or_kind_rejects_only_that_op_in_a_batch_of_250(svc: Service) -> None:
    case = make_case(svc)
    d = case.chair
    ops = [_child_op(d, f"C{i}") for i in range(250)]
    ops[124].update(entity="hologram_from_2099")  # a name no version will ever know
    ops[125].update(kind="teleport")
    r = d.push_raw(ops)
    assert r.status_code == 200, r.text
    body = r.json()
    results = body["results"]
    assert body["acked_through_device_seq"] == ops[-1]["device_seq"]
    assert (results[124]["status"], results[124]["code"]) == ("rejected", "unknown_entity")
    assert (results[125]["status"], results[125]["code"]) == ("rejected", "unsupported_kind")
    others = [x["status"] for i, x in enumerate(results) if i not in (124, 125)]
    assert others == ["applied"] * 248
    # Their outcomes are durable like any other: a replay repeats them.
    again = d.push_raw(ops[124:126]).json()["results"]
    assert [(x["status"], x["first_status"], x["code"]) for x in again] == [
        ("duplicate", "rejected", "unknown_entity"),
        ("duplicate", "rejected", "unsupported_kind"),
    ]
    # A name that is no identifier at all is still a malformed envelope.
    bad = _child_op(d)
    bad["entity"] = "x" * 65
    assert d.push_raw([bad]).status_code == 422


def test_an_old_client_can_always_push_its_outbox_but_must_upgrade_to_pull(old_client_svc: Service) -> None:
    svc = old_client_svc
    case = make_case(svc)  # the harness speaks protocol 1
    meta = case.chair.get("/v1/sync/meta").json()
    assert (meta["protocol_min"], meta["protocol_max"]) == (2, 2)
    r = case.chair.push_raw([_child_op(case.chair)])
    assert r.status_code == 200, r.text
    assert r.json()["results"][0]["status"] == "applied"
    assert "upgrade" in r.json()["upgrade_required"]
    r = case.chair.get("/v1/sync/pull", params={"cursor": 0, "protocol": 1})
    assert r.status_code == 426 and r.json()["error"] == "upgrade_required" and "2..2" in r.json()["detail"]
    assert case.chair.get("/v1/sync/pull", params={"cursor": 0, "protocol": 2}).status_code == 200
    # A client newer than the server is refused whole: nothing recorded, its ops stay pending.
    acked = case.chair.get("/v1/sync/meta").json()["last_acked_device_seq"]
    op = _child_op(case.chair)
    body = {"protocol": 3, "first_device_seq": op["device_seq"], "ops": [op]}
    r = svc.client.post("/v1/sync/push", json=body, headers=case.chair.headers)
    assert r.status_code == 426 and r.json()["error"] == "upgrade_required"
    assert case.chair.get("/v1/sync/meta").json()["last_acked_device_seq"] == acked
    # In range there is no notice.
    body["protocol"] = 2
    r = svc.client.post("/v1/sync/push", json=body, headers=case.chair.headers)
    assert r.status_code == 200 and r.json()["upgrade_required"] is None


def _rejections(dev: Device) -> list[dict[str, Any]]:
    return [c for c in dev.pull_all() if c["kind"] == "rejected"]


def test_rejections_reach_the_authors_other_devices_and_no_one_else(svc: Service) -> None:
    case = make_case(svc)
    laptop = case.minute_taker
    tablet = svc.enrol(laptop.username)  # the same user's second device
    scopes_version = tablet.get("/v1/sync/meta").json()["scopes_version"]
    d = case.decision("decision_2_registered", ["neglect"])
    op = case.finalise_op(laptop, d, register_version=0)
    assert laptop.push(op)[0]["code"] == "forbidden"
    notices = _rejections(tablet)
    assert len(notices) == 1
    n = notices[0]
    assert (n["entity"], n["entity_id"], n["author_user_id"]) == ("rejection", op["op_id"], laptop.user_id)
    assert n["payload"]["code"] == "forbidden" and n["payload"]["device_id"] == laptop.device_id
    assert n["payload"]["device_seq"] == op["device_seq"]
    what = (n["payload"]["kind"], n["payload"]["entity"], n["payload"]["entity_id"])
    assert what == ("finalise_decision", "decision", d)
    assert "content_sha256" not in str(n["payload"])  # the op's payload is not stored again
    assert _rejections(laptop) == notices
    # Nobody else sees it: not the council-wide chair, not the custodian.
    assert _rejections(case.chair) == [] and _rejections(case.custodian) == []
    # A replay is answered from the journal and does not announce it twice.
    assert laptop.push(op)[0]["status"] == "duplicate"
    assert len(_rejections(tablet)) == 1
    # A notice is not a scope change.
    assert tablet.get("/v1/sync/meta").json()["scopes_version"] == scopes_version


def test_a_rejected_op_id_is_final_and_a_fixed_retry_is_a_new_op(svc: Service) -> None:
    case = make_case(svc)
    d = case.chair
    child = new_id()
    bad = d.op("create", "child", child, {"given_names": "Nia", "council_id": "la-mine"})
    first = d.push(bad)[0]
    assert (first["status"], first["code"]) == ("rejected", "server_owned")
    # The same op again: the stored outcome, not a second try.
    again = d.push_raw([bad]).json()["results"][0]
    assert (again["status"], again["first_status"], again["code"]) == ("duplicate", "rejected", "server_owned")
    # "Fixing" it under the same op_id is id reuse, not a retry.
    fixed_payload = {"given_names": "Nia"}
    same_id = dict(bad, payload=fixed_payload, payload_sha256=payload_sha256(fixed_payload))
    r = d.push_raw([same_id]).json()["results"][0]
    assert (r["status"], r["code"]) == ("rejected", "id_reuse")
    # The fix as a new op (new op_id, the next device_seq) is applied.
    retry = d.op("create", "child", child, fixed_payload)
    assert retry["device_seq"] == bad["device_seq"] + 1
    assert d.push(retry)[0]["status"] == "applied"


def test_creating_with_another_councils_id_is_not_found_like_any_cross_council_access(svc: Service) -> None:
    case = make_case(svc)
    other = svc.user_device("chair-elsewhere", svc.add_council("Elsewhere"), Role.CHAIR)
    same = {"given_names": "Siân", "family_name": "Jones", "date_of_birth": "2019-05-01"}
    taken = other.push1("create", "child", case.child_id, same)
    unused = other.push1("create", "child", new_id(), {"given_names": "Newydd"})
    assert (taken["status"], taken["code"]) == ("rejected", "not_found")
    assert unused["status"] == "applied"
    # A co-ordinator of the same council with no assignment to the child is outside it too.
    r = case.coordinator.push1("create", "child", case.child_id, {"given_names": "X"})
    assert (r["status"], r["code"]) == ("rejected", "not_found")
    # Inside the council the rule is unchanged: other content under a taken id is id reuse.
    r = case.chair.push1("create", "child", case.child_id, {"given_names": "Other"})
    assert (r["status"], r["code"]) == ("rejected", "id_reuse")


def test_new_epoch_gives_push_pull_and_meta_a_new_server_id(
    svc: Service, db_url: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    case = make_case(svc)
    d = case.chair
    old = d.get("/v1/sync/meta").json()["server_id"]
    monkeypatch.setattr(sys, "stdin", io.StringIO(""))
    assert cli_main(["admin", "--db", db_url, "new-epoch"]) == 0
    assert old in capsys.readouterr().out
    meta = d.get("/v1/sync/meta").json()
    new = meta["server_id"]
    assert new != old and new.startswith("srv-")
    r = d.push_raw([_child_op(d)])
    assert r.status_code == 200 and r.json()["server_id"] == new
    assert d.get("/v1/sync/pull", params={"cursor": 0}).json()["server_id"] == new
    # What the restored database holds is kept: the device's acknowledged sequence goes on.
    assert meta["last_acked_device_seq"] == 6
    r = svc.client.post("/v1/auth/token", json={"refresh_token": d.refresh_token})
    assert r.json()["server_id"] == new
    assert any(e["action"] == "admin:new_epoch" for e in svc.audit_events())
    assert svc.verify_audit().ok


def _refresh(svc: Service, token: str) -> Any:
    return svc.client.post("/v1/auth/token", json={"refresh_token": token})


def test_refresh_presented_twice_within_the_grace_window_returns_the_same_pair(svc: Service) -> None:
    dev = svc.user_device("ann", None, Role.CHAIR)
    first = _refresh(svc, dev.refresh_token)
    assert first.status_code == 200
    svc.clock.advance(seconds=30)  # the answer was lost; the device tries again
    second = _refresh(svc, dev.refresh_token)
    assert second.status_code == 200, second.text
    keys = ("access_token", "refresh_token", "access_expires_at", "refresh_expires_at", "device_id")
    assert {k: second.json()[k] for k in keys} == {k: first.json()[k] for k in keys}
    # The device is not revoked: the pair works, and rotates on as usual.
    bearer = {"Authorization": f"Bearer {first.json()['access_token']}"}
    assert svc.client.get("/v1/sync/meta", headers=bearer).status_code == 200
    third = _refresh(svc, first.json()["refresh_token"])
    assert third.status_code == 200
    assert any(e["action"] == "refresh_replay" and e["outcome"] == "grace" for e in svc.audit_events())
    # Once the new token has been used, the old one is a replay even within the window: revoked.
    r = _refresh(svc, dev.refresh_token)
    assert r.status_code == 401 and r.json()["error"] == "refresh_reused"
    assert _refresh(svc, third.json()["refresh_token"]).status_code == 401


def test_refresh_reuse_after_the_grace_window_still_revokes(svc: Service) -> None:
    dev = svc.user_device("ann", None, Role.CHAIR)
    first = _refresh(svc, dev.refresh_token)
    assert first.status_code == 200
    svc.clock.advance(seconds=61)
    r = _refresh(svc, dev.refresh_token)
    assert r.status_code == 401 and r.json()["error"] == "refresh_reused"
    assert _refresh(svc, first.json()["refresh_token"]).status_code == 401
    r = svc.client.get("/v1/sync/meta", headers={"Authorization": f"Bearer {first.json()['access_token']}"})
    assert r.status_code == 401


def test_refresh_grace_window_is_configurable(db_url: str, clock: Clock) -> None:
    from datetime import timedelta

    db = Database(db_url)
    if db_url.startswith("sqlite"):
        db.migrate()
    svc = Service(db, make_settings(db_url, clock, refresh_grace=timedelta(0)), clock)
    try:
        dev = svc.user_device("ann", None, Role.CHAIR)
        assert _refresh(svc, dev.refresh_token).status_code == 200
        r = _refresh(svc, dev.refresh_token)
        assert r.status_code == 401 and r.json()["error"] == "refresh_reused"
    finally:
        svc.client.close()
        db.dispose()
