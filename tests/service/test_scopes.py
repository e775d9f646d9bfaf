"""Scope exits: every way a user stops being allowed a case sends them ``scope_removed``.

sync-protocol.md section 6: scope exits travel in the feed as explicit events, never deduced. A
co-ordinator's assignment ending is in test_push_pull; here are the other exits (the conference's
minute-taker changed, the user leaving the council) and grants that must never be made at all.
"""

from __future__ import annotations

from typing import Any

import pytest

from sync.protocol.enums import Role
from sync.service.cli import main as cli_main
from tests.service.harness import Case, Device, Service, make_case, new_id


def _assign(case: Case, coordinator: Device) -> str:
    assignment = new_id()
    r = case.chair.push1(
        "create",
        "coordinator_assignment",
        assignment,
        {"child_id": case.child_id, "coordinator_user_id": coordinator.user_id, "coordinator_name": "Gwen"},
    )
    assert r["status"] == "applied", r
    return assignment


def _cursor(device: Device) -> int:
    r = device.get("/v1/sync/pull", params={"cursor": 0, "limit": 1000})
    assert r.status_code == 200 and not r.json()["has_more"]
    return int(r.json()["next_cursor"])


def _kinds(changes: list[dict[str, Any]]) -> list[tuple[str, str]]:
    return [(c["kind"], c["scope"]) for c in changes]


def _sees_nothing_more(device: Device, *scopes: str) -> None:
    for scope in scopes:
        if not scope.startswith("council:"):
            assert device.get("/v1/sync/pull", params={"scope": scope}).status_code == 404, scope
    assert device.get("/v1/sync/meta").json()["scopes"] == []


def test_record_taker_replaced_loses_the_conference_and_its_child(svc: Service) -> None:
    case = make_case(svc)
    mt2 = svc.user_device("mt2", case.council_id, Role.MINUTE_TAKER)
    cursor = _cursor(case.minute_taker)
    r = case.chair.push1(
        "patch", "conference", case.conference_id, {"record_taker_user_id": mt2.user_id}, base_version=1
    )
    assert r["status"] == "applied", r
    removed = case.minute_taker.pull_all(cursor=cursor)
    scopes = {f"conference:{case.conference_id}", f"child:{case.child_id}"}
    assert sorted(_kinds(removed)) == sorted(("scope_removed", s) for s in scopes)
    _sees_nothing_more(case.minute_taker, *scopes)
    added = [c for c in mt2.pull_all() if c["kind"] == "scope_added"]
    assert {c["scope"] for c in added} == scopes


@pytest.mark.parametrize("who", ["coordinator", "minute_taker", "chair"])
def test_leaving_the_council_removes_every_scope(
    svc: Service, who: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    case = make_case(svc)
    assignment = _assign(case, case.coordinator)
    device: Device = getattr(case, who)
    cursor = _cursor(device)
    before = svc.audit_count()
    assert cli_main(["admin", "--db", svc.db.url, "end-membership", device.username]) == 0
    assert "scopes removed" in capsys.readouterr().out
    expected = {
        "coordinator": {f"child:{case.child_id}"},
        "minute_taker": {f"conference:{case.conference_id}", f"child:{case.child_id}"},
        "chair": {f"council:{case.council_id}"},
    }[who]
    feed = device.pull_all(cursor=cursor)
    assert sorted(_kinds(feed)) == sorted(("scope_removed", s) for s in expected)
    _sees_nothing_more(device, *expected)
    assert device.pull_all() == [c for c in device.pull_all() if c["entity"] == "scope"]
    assert any(e["action"] == "admin:end_membership" for e in svc.audit_events()[before:])
    # Later edits of the records that named them grant nothing back.
    chair = case.chair if who != "chair" else svc.user_device("chair2", case.council_id, Role.CHAIR)
    r = chair.push1("patch", "coordinator_assignment", assignment, {"coordinator_name": "Gwen E."}, 1)
    assert r["status"] == "applied", r
    r = chair.push1("patch", "conference", case.conference_id, {"held_on": "2026-02-12"}, base_version=1)
    assert r["status"] == "applied", r
    assert device.pull_all(cursor=feed[-1]["server_seq"]) == []
    assert device.get("/v1/sync/meta").json()["scopes"] == []
    # Anything they still push is refused, not applied.
    r = device.push1("create", "child", new_id(), {"given_names": "Late"})
    assert r["status"] == "rejected" and r["code"] == "forbidden"
    assert svc.verify_audit().ok


def test_no_grant_to_a_user_of_another_council(svc: Service) -> None:
    """Naming another council's user as co-ordinator or minute-taker tells them nothing, not even ids."""
    case = make_case(svc)
    other = svc.add_council("Elsewhere")
    foreign_co = svc.user_device("co-elsewhere", other, Role.COORDINATOR)
    foreign_mt = svc.user_device("mt-elsewhere", other, Role.MINUTE_TAKER)
    _assign(case, foreign_co)
    r = case.chair.push1(
        "patch", "conference", case.conference_id, {"record_taker_user_id": foreign_mt.user_id}, base_version=1
    )
    assert r["status"] == "applied", r
    for device in (foreign_co, foreign_mt):
        assert device.pull_all() == []
        assert device.get("/v1/sync/meta").json()["scopes"] == []
