"""Push, pull, meta and digest: the fixed semantics of sync-protocol.md sections 4 to 6."""

from __future__ import annotations

from sync.protocol.canonical import payload_sha256, scope_digest
from sync.protocol.enums import Role
from tests.service.harness import Service, make_case, new_id


def test_meta_reports_device_and_server(svc: Service) -> None:
    case = make_case(svc)
    r = case.chair.get("/v1/sync/meta")
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["server_id"].startswith("srv-")
    assert body["protocol_min"] <= 1 <= body["protocol_max"]
    assert body["device_id"] == case.chair.device_id
    assert body["last_acked_device_seq"] == 6  # child, conference, link, three attendances
    assert body["head_seq"] >= 6
    assert body["device_status"] == "active"
    assert body["scopes"] == [f"council:{case.council_id}"]


def test_push_applies_and_pull_returns_in_order(svc: Service) -> None:
    case = make_case(svc)
    changes = case.chair.pull_all()
    seqs = [c["server_seq"] for c in changes]
    assert seqs == sorted(seqs) and len(seqs) == len(set(seqs))
    child = [c for c in changes if c["entity"] == "child"]
    assert child and child[0]["payload"]["council_id"] == case.council_id
    assert child[0]["scope"] == f"child:{case.child_id}"


def test_unknown_fields_are_refused_by_the_service_and_kept_by_readers(svc: Service) -> None:
    """Issue 14 §3: at a schema version the service knows, an unknown field is junk; refused whole.

    Readers stay tolerant (sync-protocol.md §9): the shared models keep a field they do not know.
    """
    from sync.protocol.records import Child, Decision, unknown_fields

    case = make_case(svc)
    child = new_id()
    payload = {"given_names": "Dafydd", "future_field": {"nested": [1, 2, "tri"]}}
    r = case.chair.push1("create", "child", child, payload)
    assert (r["status"], r["code"]) == ("rejected", "validation") and "future_field" in r["detail"]
    assert not [c for c in case.chair.pull_all() if c["entity_id"] == child]
    nested = {"conference_id": case.conference_id, "child_id": case.child_id}
    nested["practitioner_views"] = [{"view": "register", "extra": "x"}]  # type: ignore[list-item]
    r = case.chair.push1("create", "decision", new_id(), nested)
    assert r["status"] == "rejected" and "practitioner_views.0.extra" in r["detail"]
    assert case.chair.push1("create", "child", child, {"given_names": "Dafydd"})["status"] == "applied"
    # A patch may not add one either; the server's own fields on the head do not count against it.
    r = case.chair.push1("patch", "child", child, {"family_name": "Jones", "nickname": "Daf"}, base_version=1)
    assert r["status"] == "rejected" and "nickname" in r["detail"]
    assert case.chair.push1("patch", "child", child, {"family_name": "Jones"}, base_version=1)["status"] == "applied"
    read = Child.model_validate(payload)
    assert read.model_dump()["future_field"] == {"nested": [1, 2, "tri"]}
    assert unknown_fields(read) == ["future_field"]
    assert unknown_fields(Decision.model_validate(nested)) == ["practitioner_views.0.extra"]


def test_field_lengths_follow_the_protocol_only_minutes_and_reports_are_long(svc: Service) -> None:
    case = make_case(svc)
    long_text = "a" * 150_000
    r = case.chair.push1("create", "child", new_id(), {"given_names": "Siân", "address": long_text})
    assert (r["status"], r["code"]) == ("rejected", "validation") and "address" in r["detail"]
    minutes = {"conference_id": case.conference_id, "section_key": "discussion", "text": long_text}
    assert case.minute_taker.push1("create", "minutes_section", new_id(), minutes)["status"] == "applied"
    minutes["text"] = "a" * 200_001
    assert case.minute_taker.push1("create", "minutes_section", new_id(), minutes)["code"] == "validation"


def test_text_is_normalised_to_nfc(svc: Service) -> None:
    case = make_case(svc)
    child = new_id()
    nfd = "Sia\u0302n"  # 'Siân' decomposed
    op = case.chair.op("create", "child", child, {"given_names": nfd})
    # The client hashes the canonical (NFC) form, so the hash matches after server normalisation.
    assert op["payload_sha256"] == payload_sha256({"given_names": "Si\u00e2n"})
    assert case.chair.push(op)[0]["status"] == "applied"
    got = [c for c in case.chair.pull_all() if c["entity_id"] == child]
    assert got[0]["payload"]["given_names"] == "Si\u00e2n"


def test_pull_pages_with_has_more(svc: Service) -> None:
    case = make_case(svc)
    for _ in range(5):
        case.chair.push1("create", "child", new_id(), {"given_names": "X"})
    r = case.chair.get("/v1/sync/pull", params={"cursor": 0, "limit": 3})
    body = r.json()
    assert len(body["changes"]) == 3 and body["has_more"] is True
    assert body["next_cursor"] == body["changes"][-1]["server_seq"]
    assert len(case.chair.pull_all(limit=3)) == len(case.chair.pull_all())


def test_noop_pull_is_one_request_and_empty(svc: Service) -> None:
    case = make_case(svc)
    r = case.chair.get("/v1/sync/pull", params={"cursor": 0, "limit": 1000})
    cursor = r.json()["next_cursor"]
    r = case.chair.get("/v1/sync/pull", params={"cursor": cursor})
    assert r.json()["changes"] == [] and r.json()["has_more"] is False and r.json()["next_cursor"] == cursor


def test_digest_matches_client_computation(svc: Service) -> None:
    case = make_case(svc)
    scope = f"child:{case.child_id}"
    changes = case.chair.pull_all(scope=scope)
    heads: dict[tuple[str, str], int] = {}
    for c in changes:
        if c["entity"] not in ("conflict", "scope"):
            heads[(c["entity"], c["entity_id"])] = max(heads.get((c["entity"], c["entity_id"]), 0), c["version"])
    count, digest = scope_digest((e, i, v) for (e, i), v in heads.items())
    r = case.chair.get("/v1/sync/digest", params={"scope": scope})
    assert r.status_code == 200, r.text
    assert r.json()["count"] == count and r.json()["digest"] == digest


def test_rejected_op_does_not_block_the_batch(svc: Service) -> None:
    case = make_case(svc)
    good1 = case.chair.op("create", "child", new_id(), {"given_names": "A"})
    bad = case.chair.op("create", "child", new_id(), {"given_names": "B"})
    bad["payload_sha256"] = "0" * 64
    good2 = case.chair.op("create", "child", new_id(), {"given_names": "C"})
    results = case.chair.push(good1, bad, good2)
    assert [r["status"] for r in results] == ["applied", "rejected", "applied"]
    assert results[1]["code"] == "hash_mismatch"
    # The rejected op is acknowledged (it has a durable outcome) and replays the same way.
    r = case.chair.push_raw([bad])
    assert r.json()["results"][0]["status"] == "duplicate"
    assert r.json()["results"][0]["first_status"] == "rejected"
    assert r.json()["results"][0]["code"] == "hash_mismatch"


def test_protocol_outside_range_gets_426(svc: Service) -> None:
    case = make_case(svc)
    op = case.chair.op("create", "child", new_id(), {})
    r = svc.client.post(
        "/v1/sync/push",
        headers=case.chair.headers,
        json={"protocol": 99, "first_device_seq": op["device_seq"], "ops": [op]},
    )
    assert r.status_code == 426 and r.json()["error"] == "upgrade_required"


def test_scope_events_for_coordinator_assignment(svc: Service) -> None:
    case = make_case(svc)
    scope = f"child:{case.child_id}"
    assert case.coordinator.pull_all() == []
    assignment = new_id()
    r = case.chair.push1(
        "create",
        "coordinator_assignment",
        assignment,
        {
            "child_id": case.child_id,
            "coordinator_user_id": case.coordinator.user_id,
            "coordinator_name": "Gwen",
            "from_date": "2026-02-11",
        },
    )
    assert r["status"] == "applied"
    feed = case.coordinator.pull_all()
    added = [c for c in feed if c["kind"] == "scope_added"]
    assert len(added) == 1 and added[0]["scope"] == scope
    # Visibility is decided at pull time, so records of the new scope may follow; all are in it.
    assert all(c["scope"] == scope for c in feed)
    cursor = feed[-1]["server_seq"]
    backfill = case.coordinator.pull_all(scope=scope)
    assert {c["entity"] for c in backfill} >= {"child", "coordinator_assignment"}
    r = case.chair.push1("patch", "coordinator_assignment", assignment, {"to_date": "2026-03-01"}, base_version=1)
    assert r["status"] == "applied"
    feed = case.coordinator.pull_all(cursor=cursor)
    assert [c["kind"] for c in feed] == ["scope_removed"]
    # Once removed, the case is invisible again, even by scope.
    assert case.coordinator.get("/v1/sync/pull", params={"scope": scope}).status_code == 404
    meta = case.coordinator.get("/v1/sync/meta").json()
    assert meta["scopes"] == [] and meta["scopes_version"] > 0


def test_minute_taker_sees_only_their_conference(svc: Service) -> None:
    case = make_case(svc)
    other_child = new_id()
    case.chair.push1("create", "child", other_child, {"given_names": "Other"})
    seen = {c["entity_id"] for c in case.minute_taker.pull_all()}
    assert case.conference_id in seen and case.child_id in seen
    assert other_child not in seen


def test_enquirer_and_admin_pull_nothing(svc: Service) -> None:
    case = make_case(svc)
    enq = svc.user_device("enq", case.council_id, Role.ENQUIRER)
    adm = svc.user_device("adm", case.council_id, Role.ADMINISTRATOR)
    assert enq.pull_all() == [] and adm.pull_all() == []


def test_published_schema_covers_every_record_type_and_the_op_envelope(svc: Service) -> None:
    """Requirement 1: /v1/schema names the protocol range and has a model per synced record type."""
    from sync.protocol.enums import Entity
    from sync.protocol.messages import PROTOCOL_MAX, PROTOCOL_MIN
    from sync.protocol.records import RECORD_MODELS

    schema = svc.client.get("/v1/schema").json()
    assert (schema["protocol_min"], schema["protocol_max"]) == (PROTOCOL_MIN, PROTOCOL_MAX)
    assert set(RECORD_MODELS) == set(Entity)
    for entity, model in RECORD_MODELS.items():
        assert model.__name__ in schema["$defs"], entity
        assert model.model_config.get("extra") == "allow", entity  # unknown fields are kept
    envelope = set(schema["$defs"]["Op"]["properties"])
    assert {
        "op_id",
        "device_seq",
        "base_version",
        "payload",
        "payload_sha256",
        "schema_version",
        "client_time",
    } <= envelope
