"""The role x op x record-state matrix (security-reliability.md AZ-1, AZ-2, AZ-3, AZ-5).

Every cell pushes one op as one role against a record in one state and compares the outcome with
the matrix in :mod:`sync.service.authz`; every denial must leave an audit entry and change nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from sync.protocol.enums import Entity, OpKind, Role
from sync.protocol.records import CONFERENCE_LINKED
from sync.service.authz import MATRIX
from tests.service.harness import Case, Device, Service, make_case, new_id

ROLES = [
    Role.CHAIR,
    Role.MINUTE_TAKER,
    Role.COORDINATOR,
    Role.REGISTER_CUSTODIAN,
    Role.ENQUIRER,
    Role.ADMINISTRATOR,
    "other_council_chair",
    "revoked",
]


def _payload(case: Case, entity: Entity) -> dict[str, Any]:
    c, conf = case.child_id, case.conference_id
    return {
        Entity.CHILD: {"given_names": "Test"},
        Entity.FAMILY_MEMBER: {"child_id": c, "name": "Nain"},
        Entity.CONFERENCE: {"type": "review"},
        Entity.CONFERENCE_CHILD: {"conference_id": conf, "child_id": c},
        Entity.ATTENDANCE: {"conference_id": conf, "status": "present_remote", "agency_grouping": "health"},
        Entity.AGENCY_REPORT: {"conference_id": conf, "agency": "health", "summary": "ok"},
        Entity.CHILD_VOICE: {"conference_id": conf, "child_id": c, "wishes_and_feelings": "wants to stay"},
        Entity.MINUTES_SECTION: {"conference_id": conf, "text": "Opening"},
        Entity.DECISION: {
            "conference_id": conf,
            "child_id": c,
            "outcome": "decision_2_registered",
            "categories": ["neglect"],
        },
        Entity.PLAN_ACTION: {"conference_id": conf, "child_id": c, "description": "Weekly visit"},
        Entity.CORE_GROUP_MEMBER: {"conference_id": conf, "child_id": c, "name": "Health visitor"},
        Entity.OUTLINE_PLAN: {"conference_id": conf, "child_id": c, "risks": "Neglect at home"},
        Entity.DOCUMENT_ISSUED: {"conference_id": conf, "kind": "summary", "language": "cy", "sha256": "ab" * 32},
        Entity.COORDINATOR_ASSIGNMENT: {"child_id": c, "coordinator_name": "Gwen"},
        Entity.DISTRIBUTION: {"conference_id": conf, "recipient_name": "Mam", "copy_kind": "partial"},
        Entity.ADDENDUM: {"target_entity": "child", "target_id": c, "text": "Note"},
    }[entity]


CREATE_KIND = {
    Entity.CONFERENCE_CHILD: OpKind.APPEND,
    Entity.ATTENDANCE: OpKind.APPEND,
    Entity.DISTRIBUTION: OpKind.APPEND,
    Entity.DOCUMENT_ISSUED: OpKind.APPEND,
    Entity.ADDENDUM: OpKind.ADDENDUM,
}
ENTITIES = [e for e in Entity if e is not Entity.REGISTER_ENTRY]


@pytest.fixture
def world(svc: Service) -> dict[str, Any]:
    case = make_case(svc)
    devices: dict[Any, Device] = {
        Role.CHAIR: case.chair,
        Role.MINUTE_TAKER: case.minute_taker,
        Role.COORDINATOR: case.coordinator,
        Role.REGISTER_CUSTODIAN: case.custodian,
        Role.ENQUIRER: svc.user_device("enq", case.council_id, Role.ENQUIRER),
        Role.ADMINISTRATOR: svc.user_device("adm", case.council_id, Role.ADMINISTRATOR),
    }
    other = svc.add_council("Other council")
    devices["other_council_chair"] = svc.user_device("chair-other", other, Role.CHAIR)
    revoked = svc.user_device("revoked-chair", case.council_id, Role.CHAIR)
    admin = devices[Role.ADMINISTRATOR]
    assert svc.client.delete(f"/v1/devices/{revoked.device_id}", headers=admin.headers).status_code == 200
    devices["revoked"] = revoked
    # The co-ordinator gets the case through an assignment, as in practice.
    r = case.chair.push1(
        "create",
        "coordinator_assignment",
        new_id(),
        {"child_id": case.child_id, "coordinator_user_id": case.coordinator.user_id},
    )
    assert r["status"] == "applied"
    return {"svc": svc, "case": case, "devices": devices}


def _expect(role: Any, entity: Entity, kind: OpKind) -> bool:
    if role == "other_council_chair":  # may create records in their own council, never link to ours
        return entity in (Entity.CHILD, Entity.CONFERENCE) and kind is OpKind.CREATE
    return isinstance(role, Role) and role in MATRIX.get((entity, kind), frozenset())


def _out_of_scope(role: Any, entity: Entity) -> bool:
    """A co-ordinator's scope is their assigned cases; conference records need the conference."""
    return role == Role.COORDINATOR and entity in CONFERENCE_LINKED


def _check_denied(
    svc: Service, device: Device, op: dict[str, Any], before_audit: int, snapshot: Callable[[], Any], before: Any
) -> None:
    r = device.push_raw([op])
    if device.username == "revoked-chair":
        assert r.status_code == 401 and r.json()["error"] == "device_revoked"
        return
    assert r.status_code == 200, r.text
    result = r.json()["results"][0]
    assert result["status"] == "rejected" and result["code"] in ("forbidden", "not_found"), result
    assert snapshot() == before
    events = svc.audit_events()[before_audit:]
    assert any(e["outcome"].startswith("rejected:") and e["detail"]["op_id"] == op["op_id"] for e in events)


def test_create_matrix(world: dict[str, Any]) -> None:
    svc: Service = world["svc"]
    case: Case = world["case"]
    for role, device in world["devices"].items():
        for entity in ENTITIES:
            kind = CREATE_KIND.get(entity, OpKind.CREATE)
            op = device.op(kind.value, entity.value, new_id(), _payload(case, entity))
            if _expect(role, entity, kind) and not _out_of_scope(role, entity):
                result = device.push(op)[0]
                assert result["status"] == "applied", (role, entity, result)
            else:
                before_audit = svc.audit_count()
                _check_denied(
                    svc,
                    device,
                    op,
                    before_audit,
                    lambda: case.head("child", case.child_id),
                    case.head("child", case.child_id),
                )


@pytest.mark.parametrize("state", ["draft", "finalised"])
def test_decision_ops_by_role_and_state(world: dict[str, Any], state: str) -> None:
    svc: Service = world["svc"]
    case: Case = world["case"]
    d = case.decision("decision_2_registered", ["neglect"])
    if state == "finalised":
        assert case.chair.push(case.finalise_op(case.chair, d, 0))[0]["status"] == "applied"
    for role, device in world["devices"].items():
        if role == Role.CHAIR:
            continue
        for kind, payload in [(OpKind.PATCH, {"reasons": f"edit by {role}"}), (OpKind.VOID, {"reason": "x"})]:
            head = case.head("decision", d)
            op = device.op(kind.value, "decision", d, payload, base_version=head["version"])
            before_audit = svc.audit_count()
            if state == "draft" and _expect(role, Entity.DECISION, kind):
                result = device.push(op)[0]
                assert result["status"] == "applied", (role, kind, result)
            elif state == "finalised" and _expect(role, Entity.DECISION, kind):
                result = device.push(op)[0]
                assert result["status"] == "rejected" and result["code"] == "record_finalised"
            else:
                _check_denied(svc, device, op, before_audit, lambda: case.head("decision", d), head)
        # Finalising: only the conference's chair (AZ-2: a minute-taker gets forbidden).
        head = case.head("decision", d)
        op = case.finalise_op(device, d, 0)
        before_audit = svc.audit_count()
        _check_denied(svc, device, op, before_audit, lambda: case.head("decision", d), head)


def test_register_ops_by_role(world: dict[str, Any]) -> None:
    svc: Service = world["svc"]
    case: Case = world["case"]
    payload = {"child_id": case.child_id, "originating_la": "Gwynedd", "categories": ["sexual"]}
    for role, device in world["devices"].items():
        if role == Role.REGISTER_CUSTODIAN:
            continue
        op = device.op("temporary_registration", "register_entry", new_id(), payload)
        _check_denied(svc, device, op, svc.audit_count(), case.active_entry, None)
    assert (
        case.custodian.push(case.custodian.op("temporary_registration", "register_entry", new_id(), payload))[0][
            "status"
        ]
        == "applied"
    )


def test_other_council_sees_nothing_by_any_endpoint(world: dict[str, Any]) -> None:
    case: Case = world["case"]
    outsider: Device = world["devices"]["other_council_chair"]
    d = case.decision("decision_2_registered", ["neglect"])
    assert outsider.pull_all() == []
    for scope in (f"child:{case.child_id}", f"conference:{case.conference_id}", f"council:{case.council_id}"):
        assert outsider.get("/v1/sync/pull", params={"scope": scope}).status_code == 404
        assert outsider.get("/v1/sync/digest", params={"scope": scope}).status_code == 404
    for entity, ident in (("child", case.child_id), ("decision", d), ("conference", case.conference_id)):
        r = outsider.get(f"/v1/records/{entity}/{ident}/history")
        assert r.status_code == 404
        r2 = outsider.get(f"/v1/records/{entity}/{new_id()}/history")
        assert r.json() == r2.json()
    # Writes by guessed id are refused the same way as writes to ids that do not exist.
    for entity, ident, payload in (("child", case.child_id, {"address": "x"}), ("decision", d, {"reasons": "x"})):
        r1 = outsider.push1("patch", entity, ident, payload, base_version=1)
        r2 = outsider.push1("patch", entity, new_id(), payload, base_version=1)
        assert r1["status"] == r2["status"] == "rejected" and r1["code"] == r2["code"] == "not_found"
    r = outsider.push1("create", "family_member", new_id(), {"child_id": case.child_id})
    assert r["code"] == "not_found"
    assert outsider.get(f"/v1/register/children/{case.child_id}", params={"reason": "x"}).status_code == 403


#: The read and device endpoints, as data: the status each role gets (AZ-1's endpoint axis).
#: The co-ordinator holds the case through an assignment and the minute-taker through their
#: conference, so both see its digest; enquirers and administrators see no case content.
ENDPOINT_MATRIX: dict[str, dict[Any, int]] = {
    "meta": dict.fromkeys(ROLES, 200),
    "pull": dict.fromkeys(ROLES, 200),
    "digest": {
        Role.CHAIR: 200,
        Role.MINUTE_TAKER: 200,
        Role.COORDINATOR: 200,
        Role.REGISTER_CUSTODIAN: 200,
        Role.ENQUIRER: 404,
        Role.ADMINISTRATOR: 404,
        "other_council_chair": 404,
    },
    "history": {
        Role.CHAIR: 200,
        Role.MINUTE_TAKER: 403,
        Role.COORDINATOR: 403,
        Role.REGISTER_CUSTODIAN: 200,
        Role.ENQUIRER: 403,
        Role.ADMINISTRATOR: 403,
        "other_council_chair": 404,
    },
    "enquiry": {
        Role.CHAIR: 403,
        Role.MINUTE_TAKER: 403,
        Role.COORDINATOR: 403,
        Role.REGISTER_CUSTODIAN: 200,
        Role.ENQUIRER: 200,
        Role.ADMINISTRATOR: 403,
        "other_council_chair": 403,
    },
    "list_devices": {
        Role.CHAIR: 403,
        Role.MINUTE_TAKER: 403,
        Role.COORDINATOR: 403,
        Role.REGISTER_CUSTODIAN: 403,
        Role.ENQUIRER: 403,
        Role.ADMINISTRATOR: 200,
        "other_council_chair": 403,
    },
    "revoke_device": {
        Role.CHAIR: 403,
        Role.MINUTE_TAKER: 403,
        Role.COORDINATOR: 403,
        Role.REGISTER_CUSTODIAN: 403,
        Role.ENQUIRER: 403,
        Role.ADMINISTRATOR: 200,
        "other_council_chair": 403,
    },
}


def test_endpoint_matrix(world: dict[str, Any]) -> None:
    """Every role against every authenticated endpoint; each denial leaves a matching audit event."""
    svc: Service = world["svc"]
    case: Case = world["case"]
    for endpoint, expected in ENDPOINT_MATRIX.items():
        for role, device in world["devices"].items():
            before = svc.audit_count()
            if endpoint == "revoke_device":
                victim = svc.user_device(f"victim-{new_id()[:8]}", case.council_id, Role.COORDINATOR)
                before = svc.audit_count()
                r = svc.client.delete(f"/v1/devices/{victim.device_id}", headers=device.headers)
            else:
                url, params = {
                    "meta": ("/v1/sync/meta", {}),
                    "pull": ("/v1/sync/pull", {}),
                    "digest": ("/v1/sync/digest", {"scope": f"child:{case.child_id}"}),
                    "history": (f"/v1/records/child/{case.child_id}/history", {}),
                    "enquiry": (f"/v1/register/children/{case.child_id}", {"reason": "Safeguarding check"}),
                    "list_devices": ("/v1/devices", {}),
                }[endpoint]
                r = device.get(url, params=params)
            if role == "revoked":
                assert r.status_code == 401 and r.json()["error"] == "device_revoked", (endpoint, r.text)
                continue
            assert r.status_code == expected[role], (endpoint, role, r.status_code, r.text)
            if r.status_code in (403, 404):
                events = svc.audit_events()[before:]
                assert [e["outcome"] for e in events] == [f"denied:{r.json()['error']}"], (endpoint, role, events)
                assert events[0]["actor_user_id"] == device.user_id, (endpoint, role)
            if endpoint == "pull" and role in (Role.ENQUIRER, Role.ADMINISTRATOR, "other_council_chair"):
                assert r.json()["changes"] == [], (endpoint, role)
    # Another council's administrator cannot see or revoke our devices either.
    other_admin = svc.user_device("adm-other", svc.add_council("Third"), Role.ADMINISTRATOR)
    assert case.chair.device_id not in {d["device_id"] for d in other_admin.get("/v1/devices").json()["devices"]}
    before = svc.audit_count()
    r = svc.client.delete(f"/v1/devices/{case.chair.device_id}", headers=other_admin.headers)
    assert r.status_code == 404 and r.json()["error"] == "not_found"
    assert [(e["outcome"], e["entity_id"]) for e in svc.audit_events()[before:]] == [
        ("denied:not_found", case.chair.device_id)
    ]
    assert case.chair.get("/v1/sync/meta").status_code == 200
