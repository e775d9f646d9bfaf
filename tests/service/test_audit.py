"""The audit hash chain: every alteration, removal, insertion, swap or truncation is detected."""

from __future__ import annotations

import random

import pytest
from sqlalchemy import text

from sync.protocol.canonical import canonical_json
from sync.service import audit
from sync.service.cli import main as cli_main
from tests.service.harness import Service, make_case


def _rows(n: int) -> tuple[list[tuple[int, str, str, str]], tuple[int, str]]:
    rows = []
    prev = audit.GENESIS
    for i in range(n):
        event = canonical_json({"index": i, "action": "op:create", "outcome": "applied", "detail": {"n": i}}).decode()
        digest = audit.chain_hash(prev, event)
        rows.append((i, prev, digest, event))
        prev = digest
    return rows, (n, prev)


def test_intact_chains_verify() -> None:
    for n in (0, 1, 50):
        rows, cp = _rows(n)
        assert audit.verify_entries(rows, cp).ok


@pytest.mark.parametrize("seed", range(200))
def test_random_tampering_is_always_detected(seed: int) -> None:
    rng = random.Random(seed)
    rows, cp = _rows(60)
    mode = ["alter", "remove", "insert", "swap", "truncate", "rehash"][seed % 6]
    i = rng.randrange(1, 59)
    if mode == "alter":
        idx, prev, digest, event = rows[i]
        rows[i] = (idx, prev, digest, event.replace('"applied"', '"rejected"'))
    elif mode == "remove":
        del rows[i]
    elif mode == "insert":
        rows.insert(i, rows[i])
    elif mode == "swap":
        rows[i], rows[i + 1] = rows[i + 1], rows[i]
    elif mode == "truncate":
        rows = rows[:i]
    else:  # alter and recompute this entry's own hash: the next link still breaks
        idx, prev, _digest, event = rows[i]
        event = event.replace('"applied"', '"rejected"')
        rows[i] = (idx, prev, audit.chain_hash(prev, event), event)
    result = audit.verify_entries(rows, cp)
    assert not result.ok, mode
    assert result.first_bad_index is not None and result.first_bad_index <= i + 1


def _tamper(svc: Service, statements: list[str]) -> None:
    """A privileged connection drops the append-only triggers and edits the log."""
    with svc.db.engine.begin() as conn:
        if conn.dialect.name == "sqlite":
            conn.exec_driver_sql("DROP TRIGGER IF EXISTS audit_log_no_update")
            conn.exec_driver_sql("DROP TRIGGER IF EXISTS audit_log_no_delete")
        else:
            conn.exec_driver_sql("DROP TRIGGER IF EXISTS audit_log_append_only ON audit_log")
        for statement in statements:
            conn.execute(text(statement))


@pytest.mark.parametrize(
    "case_name, statements",
    [
        (
            "alter",
            ['UPDATE audit_log SET event_json = replace(event_json, \'"outcome":"\', \'"outcome":"x\') WHERE idx = 3'],
        ),
        ("delete", ["DELETE FROM audit_log WHERE idx = 4"]),
        (
            "reorder",
            [
                "UPDATE audit_log SET idx = -1 WHERE idx = 2",
                "UPDATE audit_log SET idx = 2 WHERE idx = 3",
                "UPDATE audit_log SET idx = 3 WHERE idx = -1",
            ],
        ),
        ("truncate", ["DELETE FROM audit_log WHERE idx >= 5"]),
    ],
)
def test_tampering_in_the_database_is_detected(svc: Service, case_name: str, statements: list[str]) -> None:
    make_case(svc)
    assert svc.verify_audit().ok
    assert cli_main(["admin", "--db", svc.db.url, "verify-audit"]) == 0
    _tamper(svc, statements)
    result = svc.verify_audit()
    assert not result.ok, case_name
    assert cli_main(["admin", "--db", svc.db.url, "verify-audit"]) == 1


def test_every_write_and_personal_read_is_audited(svc: Service) -> None:
    case = make_case(svc)
    before = svc.audit_count()
    case.chair.pull_all()
    case.chair.get(f"/v1/records/child/{case.child_id}/history")
    events = svc.audit_events()[before:]
    assert [e["action"] for e in events] == ["read:pull", "read:history"]
    assert all(e["actor_user_id"] == case.chair.user_id and e["device_id"] == case.chair.device_id for e in events)
    ops = [e for e in svc.audit_events() if e["action"].startswith("op:")]
    assert len(ops) == 6  # the six ops of make_case, one event each
