"""The service's quality report over 100,000 conferences, on SQLite and PostgreSQL (issue 13: < 2 s).

The register is filled directly (bulk inserts of ``entities`` rows shaped as the wire's records:
conferences with their children, five practitioners each, a decision and a voice per child,
registrations, co-ordinators), then ``GET /v1/reports/quality`` for a year is timed through the
app's TestClient (in-process: the figure is the report, not TLS). Prints seconds and the peak of
Python memory during the request; asserts only that the figures are filled.
``COFNOD_BENCH_QUALITY_CONFERENCES`` changes the size.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import random
import time
import tracemalloc
import uuid
from collections.abc import Iterator
from typing import Any

from sqlalchemy import insert

from sync.protocol.enums import Role
from sync.service.models import EntityHead
from tests.service.harness import Service

CONFERENCES = int(os.environ.get("COFNOD_BENCH_QUALITY_CONFERENCES", "100000"))
START = dt.date(2025, 1, 1)
AGENCIES = ["social_services", "police", "health", "education", "housing"]


def _rows(council: str, n: int, seed: int = 3) -> Iterator[dict[str, Any]]:
    rnd = random.Random(seed)

    def row(entity: str, payload: dict[str, Any], scope: str) -> dict[str, Any]:
        return {
            "entity": entity,
            "entity_id": str(uuid.UUID(int=rnd.getrandbits(128))),
            "council_id": council,
            "scope_key": scope,
            "version": 1,
            "payload_json": json.dumps(payload, separators=(",", ":")),
            "create_sha256": "0" * 64,
            "state": None,
            "voided": False,
            "open_conflicts": 0,
            "created_by": "usr-bench",
            "updated_seq": 1,
        }

    for i in range(n):
        held = START + dt.timedelta(days=rnd.randrange(700))
        conf = row(
            "conference",
            {
                "type": rnd.choice(["initial", "review", "review", "transfer_in"]),
                "status": "distributed",
                "scheduled_for": f"{held.isoformat()}T10:00:00Z",
                "held_on": held.isoformat(),
                "strategy_discussion_on": (held - dt.timedelta(days=rnd.randrange(10, 30))).isoformat(),
                "summary_sent_on": (held + dt.timedelta(days=rnd.randrange(1, 9))).isoformat(),
                "record_sent_on": (held + dt.timedelta(days=rnd.randrange(10, 35))).isoformat(),
                "language": rnd.choice(["en", "en", "cy"]),
                "welsh_active_offer_made": rnd.random() < 0.9,
                "chair_user_id": f"usr-chair{i % 40}",
                "council_id": council,
            },
            f"conference:{i}",
        )
        yield conf
        cid = conf["entity_id"]
        for g in rnd.sample(AGENCIES, rnd.randrange(2, 6)):
            status = "present_in_person" if rnd.random() < 0.85 else "apologies"
            payload = {"conference_id": cid, "participant_kind": "practitioner", "agency_grouping": g, "status": status}
            yield row("attendance", payload, f"conference:{i}")
        for _ in range(1 if rnd.random() < 0.7 else 2):
            birth = held - dt.timedelta(days=rnd.randrange(100, 6500))
            child = row("child", {"date_of_birth": birth.isoformat(), "unborn": False}, f"child:{i}")
            yield child
            kid = child["entity_id"]
            yield row("conference_child", {"conference_id": cid, "child_id": kid}, f"conference:{i}")
            registered = rnd.random() < 0.5
            outcome = "decision_2_registered" if registered else "decision_1_not_registered"
            yield row(
                "decision",
                {
                    "conference_id": cid,
                    "child_id": kid,
                    "outcome": outcome,
                    "categories": ["neglect"] if registered else [],
                    "state": "finalised",
                    "consensus": rnd.random() < 0.9,
                    "chair_decided": False,
                    "dissent": [],
                },
                f"child:{i}",
            )
            yield row(
                "child_voice",
                {
                    "conference_id": cid,
                    "child_id": kid,
                    "participation_mode": rnd.choice(["attends_whole", "advocate", "written", "not_possible"]),
                    "advocacy_offer": rnd.choice(["accepted", "declined", "not_offered"]),
                    "wishes_and_feelings": "x",
                },
                f"child:{i}",
            )
            if registered:
                yield row(
                    "register_entry",
                    {
                        "child_id": kid,
                        "council_id": council,
                        "status": "registered",
                        "registered_on": held.isoformat(),
                        "categories": ["neglect"],
                        "conference_id": cid,
                        "temporary": False,
                    },
                    f"child:{i}",
                )
                yield row("coordinator_assignment", {"child_id": kid, "from_date": held.isoformat()}, f"child:{i}")


def test_the_quality_report_over_a_hundred_thousand_conferences(service: tuple[Service, str]) -> None:
    svc, backend = service
    council = svc.add_council("Powys")
    custodian = svc.user_device("custodian", council, Role.REGISTER_CUSTODIAN)
    started = time.perf_counter()
    batch: list[dict[str, Any]] = []
    total = 0
    with svc.db.write_txn() as s:
        for row in _rows(council, CONFERENCES):
            batch.append(row)
            if len(batch) == 5000:
                s.execute(insert(EntityHead), batch)
                total += len(batch)
                batch = []
        if batch:
            s.execute(insert(EntityHead), batch)
            total += len(batch)
    filled = time.perf_counter() - started
    params = {"from": "2025-07-01", "to": "2026-06-30"}
    times = []
    tracemalloc.start()
    body: dict[str, Any] = {}
    for _ in range(3):
        t0 = time.perf_counter()
        answer = custodian.get("/v1/reports/quality", params=params)
        times.append(time.perf_counter() - t0)
        assert answer.status_code == 200, answer.text
        body = answer.json()
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    held = next(x for x in body["rows"] if x["code"] == "decisions.registrations" and x["breakdown"] is None)
    assert held["count"] > CONFERENCES // 10
    print(
        f"\nquality report, {backend}, {CONFERENCES:,} conferences ({total:,} records, filled in {filled:.1f} s): "
        f"best {min(times):.2f} s, median {sorted(times)[1]:.2f} s (target < 2 s); "
        f"Python peak during the requests {peak / 2**20:.0f} MiB"
    )
