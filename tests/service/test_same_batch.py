"""Records created and changed again within one push batch (new records are written by the flush).

A batch's new rows of ``entities`` are inserted together by the transaction's one flush rather
than one ORM INSERT each; these check that a record created and then patched, voided, linked or
finalised in the same batch ends up exactly as if each op had come in a batch of its own.
"""

from __future__ import annotations

import json

import pytest
from sqlalchemy import text

from sync.protocol.canonical import decision_content_sha256, payload_sha256
from sync.protocol.enums import Role
from sync.service.models import EntityHead
from tests.service.harness import Service, new_id


def _head(svc: Service, entity: str, entity_id: str) -> EntityHead:
    with svc.db.read_txn() as s:
        row = s.get(EntityHead, (entity, entity_id))
        assert row is not None, (entity, entity_id)
        return row


def test_create_then_patch_and_void_in_one_batch(svc: Service) -> None:
    council = svc.add_council("Gwynedd")
    chair = svc.user_device("chair-sb", council, Role.CHAIR)
    child, sibling = new_id(), new_id()
    ops = [
        chair.op("create", "child", child, {"given_names": "Elin", "address": "1 Stryd"}),
        chair.op("patch", "child", child, {"address": "2 Heol"}, base_version=1),
        chair.op("patch", "child", child, {"family_name": "Owen"}, base_version=2),
        chair.op("create", "family_member", sibling, {"child_id": child, "name": "Brawd"}),
        chair.op("void", "family_member", sibling, {"reason": "wrong child"}, base_version=1),
    ]
    results = chair.push(*ops)
    assert [r["status"] for r in results] == ["applied"] * 5, results
    assert [r["entity_version"] for r in results] == [1, 2, 3, 1, 2]
    head = _head(svc, "child", child)
    payload = json.loads(head.payload_json)
    assert head.version == 3 and head.updated_seq == results[2]["server_seq"]
    assert payload["address"] == "2 Heol" and payload["family_name"] == "Owen" and payload["given_names"] == "Elin"
    assert head.create_sha256 == ops[0]["payload_sha256"]
    fm = _head(svc, "family_member", sibling)
    assert fm.version == 2 and fm.voided and json.loads(fm.payload_json)["void_reason"] == "wrong child"
    changes = [c for c in chair.pull_all() if c["entity_id"] == child]
    assert [c["version"] for c in changes] == [1, 2, 3]
    assert changes[-1]["payload"] == payload
    # The stored records carry on like any other: a later batch patches them, a replay is duplicate.
    again = chair.push1("patch", "child", child, {"address": "3 Ffordd"}, base_version=3)
    assert again["status"] == "applied" and again["entity_version"] == 4
    replay = chair.push_raw(ops, first=ops[0]["device_seq"]).json()["results"]
    assert [r["status"] for r in replay] == ["duplicate"] * 5
    assert svc.verify_audit().ok


def test_a_whole_conference_decided_in_one_batch(svc: Service) -> None:
    council = svc.add_council("Powys")
    chair = svc.user_device("chair-sb2", council, Role.CHAIR)
    child, conf, link, decision = new_id(), new_id(), new_id(), new_id()
    ops = [
        chair.op("create", "child", child, {"given_names": "Siôn"}),
        chair.op(
            "create",
            "conference",
            conf,
            {"type": "initial", "chair_user_id": chair.user_id, "scheduled_for": "2026-02-11T10:00:00Z"},
        ),
        chair.op("append", "conference_child", link, {"conference_id": conf, "child_id": child}),
    ]
    for g in ("social_services", "police", "health"):
        ops.append(
            chair.op(
                "append",
                "attendance",
                new_id(),
                {
                    "conference_id": conf,
                    "participant_kind": "practitioner",
                    "agency_grouping": g,
                    "status": "present_in_person",
                    "name": f"{g} rep",
                },
            )
        )
    draft = {"conference_id": conf, "child_id": child, "outcome": "decision_2_registered", "categories": ["neglect"]}
    ops.append(chair.op("create", "decision", decision, draft))
    finalise = {"content_sha256": decision_content_sha256(draft), "conference_id": conf, "register_version": 0}
    ops.append(chair.op("finalise_decision", "decision", decision, finalise, base_version=1))
    ops.append(chair.op("patch", "decision", decision, {"outcome": "decision_1_not_registered"}, base_version=2))
    results = chair.push(*ops)
    assert [r["status"] for r in results[:-1]] == ["applied"] * (len(ops) - 1), results
    assert results[-1]["status"] == "rejected" and results[-1]["code"] == "record_finalised"
    head = _head(svc, "decision", decision)
    assert head.state == "finalised" and head.version == 2
    assert json.loads(head.payload_json)["decision_number"] == results[-2]["decision_number"]
    entries = [c for c in chair.pull_all() if c["entity"] == "register_entry"]
    assert len(entries) == 1 and entries[0]["payload"]["status"] == "registered"
    assert entries[0]["payload"]["categories"] == ["neglect"]
    # The decision went in finalised within the batch, and the database freezes it all the same.
    with pytest.raises(Exception, match="(?i)immutable|not allowed"):
        with svc.db.write_txn() as s:
            s.execute(text("UPDATE entities SET payload_json = '{}' WHERE entity_id = :d"), {"d": decision})
    assert svc.verify_audit().ok


def test_create_twice_in_one_batch_is_a_duplicate(svc: Service) -> None:
    council = svc.add_council("Conwy")
    chair = svc.user_device("chair-sb3", council, Role.CHAIR)
    child = new_id()
    payload = {"given_names": "Gwen"}
    first = chair.op("create", "child", child, payload)
    same = chair.op("create", "child", child, payload)
    other = chair.op("create", "child", child, {"given_names": "Arall"})
    results = chair.push(first, same, other)
    assert results[0]["status"] == "applied"
    assert results[1]["status"] == "duplicate" and results[1]["server_seq"] == results[0]["server_seq"]
    assert results[2]["status"] == "rejected" and results[2]["code"] == "id_reuse"
    assert _head(svc, "child", child).create_sha256 == payload_sha256(payload)
