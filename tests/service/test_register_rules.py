"""The register's rules, enforced by the service whatever a client sends (issue 3, section 2)."""

from __future__ import annotations

from typing import Any

import pytest

from sync.protocol.enums import Role
from tests.service.harness import Case, Device, Service, make_case, make_conference, new_id


def _register(case: Case) -> str:
    d = case.decision("decision_2_registered", ["neglect"])
    r = case.chair.push(case.finalise_op(case.chair, d, register_version=0))[0]
    assert r["status"] == "applied", r
    assert r["decision_number"].startswith("DEC-")
    return d


def test_chair_finalises_and_registers(svc: Service) -> None:
    case = make_case(svc)
    d = _register(case)
    head = case.head("decision", d)
    assert head["state"] == "finalised"
    assert head["payload"]["finalised_by"] == case.chair.user_id
    entry = case.active_entry()
    assert entry is not None and entry["categories"] == ["neglect"] and entry["decision_id"] == d


def test_minute_taker_finalising_is_rejected_forbidden_and_audited(svc: Service) -> None:
    case = make_case(svc)
    d = case.decision("decision_2_registered", ["neglect"], chair=case.minute_taker)  # may draft
    before = svc.audit_count()
    op = case.finalise_op(case.minute_taker, d, register_version=0)
    r = case.minute_taker.push_raw([op])
    # A batch answer: 200 with a per-op rejection; the op has a durable outcome.
    assert r.status_code == 200
    result = r.json()["results"][0]
    assert result["status"] == "rejected" and result["code"] == "forbidden"
    assert case.head("decision", d)["state"] == "draft"
    assert case.active_entry() is None
    events = svc.audit_events()[before:]
    assert any(
        e["action"] == "op:finalise_decision"
        and e["outcome"] == "rejected:forbidden"
        and e["actor_user_id"] == case.minute_taker.user_id
        for e in events
    )


def test_only_this_conferences_chair_may_finalise(svc: Service) -> None:
    case = make_case(svc)
    other_chair = svc.user_device("chair2", case.council_id, Role.CHAIR)
    d = case.decision("decision_2_registered", ["neglect"])
    r = other_chair.push(case.finalise_op(other_chair, d, register_version=0))[0]
    assert r["status"] == "rejected" and r["code"] == "not_conference_chair"
    assert case.active_entry() is None


def test_inquorate_conference_cannot_register(svc: Service) -> None:
    case = make_case(svc)
    conf = make_conference(svc, case.chair, case.child_id, agencies=2)
    d = case.decision("decision_2_registered", ["physical"], conference_id=conf)
    r = case.chair.push(case.finalise_op(case.chair, d, 0, conference_id=conf))[0]
    assert r["status"] == "rejected" and r["code"] == "not_quorate"
    # Two agencies with a recorded reason is quorate.
    d2 = case.decision("decision_2_registered", ["physical"], conference_id=conf)
    r = case.chair.push(case.finalise_op(case.chair, d2, 0, conference_id=conf, quorum_override_reason="GP ill"))[0]
    assert r["status"] == "applied", r


def test_content_hash_must_match_the_draft(svc: Service) -> None:
    case = make_case(svc)
    d = case.decision("decision_2_registered", ["neglect"])
    op = case.finalise_op(case.chair, d, 0)
    op["payload"]["content_sha256"] = "a" * 64
    from sync.protocol.canonical import payload_sha256

    op["payload_sha256"] = payload_sha256(op["payload"])
    r = case.chair.push(op)[0]
    assert r["status"] == "rejected" and r["code"] == "content_mismatch"


def test_finalised_decision_never_changes(svc: Service) -> None:
    case = make_case(svc)
    d = _register(case)
    for device, kind, payload, base in [
        (case.chair, "patch", {"reasons": "changed"}, 2),
        (case.minute_taker, "patch", {"reasons": "changed"}, 2),
        (case.chair, "void", {"reason": "oops"}, None),
    ]:
        r = device.push1(kind, "decision", d, payload, base_version=base)
        assert r["status"] == "rejected" and r["code"] in ("record_finalised", "forbidden"), r
    r = case.chair.push(case.finalise_op(case.chair, d, 1))[0]
    assert r["status"] == "rejected" and r["code"] == "record_finalised"
    # An addendum links to it without changing it.
    r = case.chair.push1(
        "addendum",
        "addendum",
        new_id(),
        {"target_entity": "decision", "target_id": d, "text": "Correction to the spelling"},
    )
    assert r["status"] == "applied"
    assert case.head("decision", d)["version"] == 2


def test_database_trigger_freezes_finalised_decisions(svc: Service) -> None:
    from sqlalchemy import text

    case = make_case(svc)
    d = _register(case)
    with pytest.raises(Exception, match="(?i)immutable|not allowed"):
        with svc.db.write_txn() as s:
            s.execute(
                text("UPDATE entities SET payload_json = '{}' WHERE entity = 'decision' AND entity_id = :d"), {"d": d}
            )
    for table in ("op_journal", "changes", "audit_log"):
        with pytest.raises(Exception, match="(?i)append-only|not allowed"):
            with svc.db.write_txn() as s:
                s.execute(text(f"DELETE FROM {table}"))


def test_no_client_can_write_the_register_directly(svc: Service) -> None:
    case = make_case(svc)
    for device in (case.chair, case.custodian, case.coordinator):
        r = device.push1("create", "register_entry", new_id(), {"child_id": case.child_id, "status": "registered"})
        assert r["status"] == "rejected" and r["code"] == "forbidden"
    assert case.active_entry() is None


def test_custodian_temporary_entry_and_end_reasons(svc: Service) -> None:
    case = make_case(svc)
    entry_id = new_id()
    payload = {"child_id": case.child_id, "originating_la": "Cyngor Gwynedd", "categories": ["emotional"]}
    r = case.chair.push1("temporary_registration", "register_entry", entry_id, payload)
    assert r["status"] == "rejected" and r["code"] == "forbidden"
    r = case.custodian.push1("temporary_registration", "register_entry", entry_id, payload)
    assert r["status"] == "applied"
    entry = case.active_entry()
    assert entry is not None and entry["temporary"] is True and entry["originating_la"] == "Cyngor Gwynedd"
    r = case.custodian.push1(
        "end_registration", "register_entry", entry_id, {"end_reason": "review_no_continuing_risk"}
    )
    assert r["status"] == "rejected" and r["code"] == "conference_required"
    r = case.custodian.push1("end_registration", "register_entry", entry_id, {"end_reason": "left_uk"})
    assert r["status"] == "applied"
    assert case.active_entry() is None


def test_review_deregisters_with_evidence_only(svc: Service) -> None:
    case = make_case(svc)
    _register(case)
    review = make_conference(svc, case.chair, case.child_id, type_="review")
    d = case.decision("deregister", conference_id=review)
    r = case.chair.push(case.finalise_op(case.chair, d, 1, conference_id=review))[0]
    assert r["status"] == "rejected" and r["code"] == "evidence_required"
    d = case.decision("deregister", conference_id=review, reasons="Risk reduced", evidence="Dad left; school daily")
    r = case.chair.push(case.finalise_op(case.chair, d, 1, conference_id=review))[0]
    assert r["status"] == "applied", r
    ended = case.register_entries()[0]
    assert ended["status"] == "ended" and ended["end_reason"] == "review_no_continuing_risk"


def test_initial_conference_cannot_deregister(svc: Service) -> None:
    case = make_case(svc)
    d = case.decision("deregister", reasons="x", evidence="y")
    r = case.chair.push(case.finalise_op(case.chair, d, 0))[0]
    assert r["status"] == "rejected" and r["code"] == "invalid_transition"


def _two_chair_setup(svc: Service) -> tuple[Case, str, str, Device]:
    case = make_case(svc)
    _register(case)
    chair_b = svc.user_device("chair-b", case.council_id, Role.CHAIR)
    conf_a = make_conference(svc, case.chair, case.child_id, type_="review")
    conf_b = make_conference(svc, chair_b, case.child_id, type_="review")
    return case, conf_a, conf_b, chair_b


_Pushed = tuple[Device, dict[str, Any], dict[str, Any]]


def _finalise_both(
    case: Case, chair_b: Device, order: str, a: tuple[str, str], b: tuple[str, str]
) -> tuple[_Pushed, _Pushed]:
    """Chair A finalises decision ``a`` and chair B decision ``b`` (each ``(decision, conference)``), both
    from register version 1, one after the other: A first when ``order`` is ``a_first``.

    Returns ``(device, op, result)`` for the first and the second push.
    """
    op_a = case.finalise_op(case.chair, a[0], 1, conference_id=a[1])
    op_b = case.finalise_op(chair_b, b[0], 1, conference_id=b[1])
    pushes = [(case.chair, op_a), (chair_b, op_b)]
    if order != "a_first":
        pushes.reverse()
    (d1, op1), (d2, op2) = pushes
    return (d1, op1, d1.push(op1)[0]), (d2, op2, d2.push(op2)[0])


@pytest.mark.parametrize("order", ["a_first", "b_first"])
def test_two_chairs_same_outcome_is_soft_conflict(svc: Service, order: str) -> None:
    case, conf_a, conf_b, chair_b = _two_chair_setup(svc)
    assert isinstance(chair_b, type(case.chair))
    ev = {"reasons": "Safe now", "evidence": "Home visits fine"}
    da = case.decision("deregister", conference_id=conf_a, **ev)
    db = case.decision("deregister", conference_id=conf_b, chair=chair_b, **ev)
    (first, op1, r1), (second, op2, r2) = _finalise_both(case, chair_b, order, (da, conf_a), (db, conf_b))
    assert r1["status"] == "applied"
    assert r2["status"] == "conflict" and r2["conflict_kind"] == "concurrent_same_outcome"
    assert case.head("decision", da)["state"] == "finalised" and case.head("decision", db)["state"] == "finalised"
    entries = case.register_entries()
    assert len(entries) == 1 and entries[0]["status"] == "ended" and not entries[0]["under_review"]
    # A replay of each op repeats its first outcome.
    assert first.push_raw([op1]).json()["results"][0]["first_status"] == "applied"
    assert second.push_raw([op2]).json()["results"][0]["first_status"] == "conflict"


@pytest.mark.parametrize("order", ["a_first", "b_first"])
def test_two_chairs_different_outcomes_is_hard_conflict(svc: Service, order: str) -> None:
    case, conf_a, conf_b, chair_b = _two_chair_setup(svc)
    assert isinstance(chair_b, type(case.chair))
    da = case.decision("deregister", conference_id=conf_a, reasons="Safe", evidence="Visits fine")
    db = case.decision("remain_same_category", conference_id=conf_b, chair=chair_b)
    (_, _, r1), (_, _, r2) = _finalise_both(case, chair_b, order, (da, conf_a), (db, conf_b))
    assert r1["status"] == "applied"
    assert r2["status"] == "conflict" and r2["conflict_kind"] == "contested_decision"
    states = {case.head("decision", da)["state"], case.head("decision", db)["state"]}
    assert states == {"finalised", "contested"}
    # Both orders end the same way: registered (fail safe), flagged under review, both decisions kept.
    entry = case.active_entry()
    assert entry is not None and entry["under_review"] is True and entry["categories"] == ["neglect"]
    assert set(entry["contested_decision_ids"]) == {da, db}
    # A chair resolves it through push.
    r = case.chair.push1(
        "resolve_conflict",
        "register_entry",
        entry["id"],
        {"conflict_id": r2["conflict_id"], "resolution": "not_registered", "reason": "Panel"},
    )
    assert r["status"] == "applied", r
    assert case.active_entry() is None
    # A minute-taker may not resolve.
    r = case.minute_taker.push1(
        "resolve_conflict",
        "register_entry",
        entry["id"],
        {"conflict_id": r2["conflict_id"], "resolution": "registered"},
    )
    assert r["status"] == "rejected" and r["code"] in ("forbidden", "not_found")


def test_enquiry_gives_status_and_is_logged(svc: Service) -> None:
    case = make_case(svc)
    case.chair.push1(
        "create",
        "coordinator_assignment",
        new_id(),
        {"child_id": case.child_id, "coordinator_user_id": case.coordinator.user_id, "coordinator_name": "Gwen Evans"},
    )
    _register(case)
    enq = svc.user_device("police-1", case.council_id, Role.ENQUIRER, agency="police")
    r = enq.get(f"/v1/register/children/{case.child_id}")
    assert r.status_code == 400 and r.json()["error"] == "reason_required"
    r = enq.get(f"/v1/register/children/{case.child_id}", params={"reason": "Domestic incident call-out"})
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["registered"] is True and body["categories"] == ["neglect"]
    assert body["coordinator_name"] == "Gwen Evans"
    assert "given_names" not in body  # only what an enquirer may see
    events = [e for e in svc.audit_events() if e["action"] == "read:register_enquiry" and e["outcome"] == "ok"]
    assert events[-1]["detail"]["reason"] == "Domestic incident call-out"
    assert events[-1]["detail"]["agency"] == "police"
    # Other roles get 403 (audited); other councils get a uniform 404.
    r = case.minute_taker.get(f"/v1/register/children/{case.child_id}", params={"reason": "x"})
    assert r.status_code == 403 and r.json()["error"] == "forbidden"
    assert svc.audit_events()[-1]["outcome"] == "denied:forbidden"
    other = svc.add_council("Elsewhere")
    enq2 = svc.user_device("police-2", other, Role.ENQUIRER)
    r1 = enq2.get(f"/v1/register/children/{case.child_id}", params={"reason": "x"})
    r2 = enq2.get(f"/v1/register/children/{new_id()}", params={"reason": "x"})
    assert r1.status_code == r2.status_code == 404 and r1.json() == r2.json()


#: Tables a refused op must leave exactly as they were (the journal and audit log gain its outcome).
RECORD_TABLES = ("entities", "changes", "conflicts", "register_state", "scope_grants", "counters", "enquiries")


def _tables(svc: Service) -> dict[str, list[tuple[Any, ...]]]:
    """The record tables, less what a refusal adds by design: its author's rejection notice (and
    the ``server_seq`` it took), checked on their own by :func:`_rejection_notices`."""
    from sqlalchemy import text

    with svc.db.read_txn() as s:
        return {
            t: sorted(
                tuple(map(str, row))
                for row in s.execute(
                    text(
                        f"SELECT * FROM {t}"
                        + {"changes": " WHERE kind != 'rejected'", "counters": " WHERE name != 'server_seq'"}.get(t, "")
                    )
                )
            )
            for t in RECORD_TABLES
        }


def _rejection_notices(svc: Service) -> list[tuple[str, str, str]]:
    from sqlalchemy import text

    with svc.db.read_txn() as s:
        # A journalled rejection's notice is its journal row (it takes a server_seq); an anomaly's
        # is a row of the feed.
        rows = s.execute(
            text(
                "SELECT user_id, 'rejection', op_id FROM op_journal WHERE server_seq IS NOT NULL"
                " UNION ALL SELECT target_user_id, entity, entity_id FROM changes WHERE kind = 'rejected'"
            )
        )
        return [tuple(map(str, r)) for r in rows]  # type: ignore[misc]


@pytest.mark.parametrize("who", ["minute_taker", "coordinator", "custodian", "other_chair"])
def test_refused_finalise_changes_nothing_and_is_audited(svc: Service, who: str) -> None:
    """AZ-2 to the letter: not one row of any record, feed, register or counter table changes."""
    case = make_case(svc)
    d = case.decision("decision_2_registered", ["neglect"])
    device = svc.user_device("chair2", case.council_id, Role.CHAIR) if who == "other_chair" else getattr(case, who)
    before_tables, before_audit = _tables(svc), svc.audit_count()
    head_seq = case.chair.get("/v1/sync/meta").json()["head_seq"]
    op = case.finalise_op(device, d, register_version=0)
    result = device.push(op)[0]
    assert result["status"] == "rejected"
    assert result["code"] == ("not_conference_chair" if who == "other_chair" else "forbidden"), result
    assert _tables(svc) == before_tables
    # Only the refused op's author is told, through the feed (one notice, one server_seq).
    assert _rejection_notices(svc) == [(device.user_id, "rejection", op["op_id"])]
    assert case.chair.get("/v1/sync/meta").json()["head_seq"] == head_seq + 1
    events = svc.audit_events()[before_audit:]
    assert [(e["action"], e["outcome"], e["actor_user_id"], e["entity_id"]) for e in events] == [
        ("op:finalise_decision", f"rejected:{result['code']}", device.user_id, d)
    ]
    # The refusal is durable: a replay repeats it, still changing nothing.
    again = device.push_raw([op]).json()["results"][0]
    assert again["status"] == "duplicate" and again["first_status"] == "rejected"
    assert _tables(svc) == before_tables
    assert len(_rejection_notices(svc)) == 1
    # The conference's own chair can still finalise the untouched draft.
    assert case.chair.push(case.finalise_op(case.chair, d, 0))[0]["status"] == "applied"
