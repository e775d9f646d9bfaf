"""Several workers on one database: nothing that matters for correctness lives in a process.

Each "worker" here is its own :class:`Database` (own engine, own connection pool, own
:class:`~sync.service.db.FifoLock`) and its own app, as two uvicorn processes or two hosts would
be. On PostgreSQL the only thing they share is the database, so these tests prove that the
server-wide sequence, the rate limit and the sign-in throttle are held there, not in a process.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from sync.protocol.enums import Role
from sync.service.db import Database
from sync.service.models import Change
from tests.service.harness import Clock, Device, Service, make_case, make_settings, new_id


def _worker(db_url: str, clock: Clock, **overrides: Any) -> Service:
    return Service(Database(db_url), make_settings(db_url, clock, **overrides), clock)


@pytest.fixture
def workers(svc: Service, db_url: str) -> Iterator[tuple[Service, Service]]:
    other = _worker(db_url, svc.clock)
    try:
        yield svc, other
    finally:
        other.client.close()
        other.db.dispose()


def test_two_workers_share_one_gapless_server_sequence(workers: tuple[Service, Service]) -> None:
    """Concurrent pushes through two workers, while a reader pulls incrementally through both.

    A reader that ever saw ``server_seq`` N+1 before N committed would move its cursor past N and
    never receive it; the incremental reader must end with exactly the changes a full pull sees.
    """
    a, b = workers
    case = make_case(a)
    writers = [a.user_device(f"w{i}", case.council_id, Role.CHAIR) for i in range(6)]
    done = threading.Event()

    def push(i: int) -> list[str]:
        worker = (a, b)[i % 2]
        dev = writers[i]
        statuses: list[str] = []
        with TestClient(worker.app, raise_server_exceptions=False) as client:
            for _ in range(6):
                ops = [dev.op("create", "child", new_id(), {"given_names": f"w{i}"}) for _ in range(5)]
                r = client.post(
                    "/v1/sync/push",
                    headers=dev.headers,
                    json={"protocol": 1, "first_device_seq": ops[0]["device_seq"], "ops": ops},
                )
                assert r.status_code == 200, r.text
                statuses += [x["status"] for x in r.json()["results"]]
        return statuses

    def read() -> list[int]:
        seen: list[int] = []
        cursor = 0
        clients = [TestClient(w.app, raise_server_exceptions=False) for w in (a, b)]
        try:
            turn = 0
            while True:
                finished = done.is_set()
                r = clients[turn % 2].get(
                    "/v1/sync/pull", params={"cursor": cursor, "limit": 7}, headers=case.chair.headers
                )
                turn += 1
                assert r.status_code == 200, r.text
                body = r.json()
                seen += [c["server_seq"] for c in body["changes"]]
                cursor = body["next_cursor"]
                if finished and not body["has_more"]:
                    return seen
        finally:
            for c in clients:
                c.close()

    with ThreadPoolExecutor(len(writers) + 1) as pool:
        reader = pool.submit(read)
        results = list(pool.map(push, range(len(writers))))
        done.set()
        seen = reader.result(timeout=300)
    assert all(s == ["applied"] * 30 for s in results)
    full = [c["server_seq"] for c in case.chair.pull_all()]
    assert seen == full, "the incremental reader skipped or repeated a change"
    with a.db.read_txn() as s:
        every = list(s.scalars(select(Change.server_seq).order_by(Change.server_seq)))
    assert every == list(range(1, len(every) + 1)), "server_seq has a hole or a repeat"
    assert a.verify_audit().ok


def test_device_rate_limit_is_shared_by_workers(db_url: str, svc: Service) -> None:
    svc.clock.frozen = True
    a = _worker(db_url, svc.clock, rate_limit=6)
    b = _worker(db_url, svc.clock, rate_limit=6)
    try:
        dev = a.user_device("ann", None, Role.CHAIR)  # enrolment is not a device request
        codes = [(a, b)[i % 2].client.get("/v1/sync/meta", headers=dev.headers).status_code for i in range(8)]
        # One worker alone would have allowed 6 of its own; together they allowed 6 in all.
        assert codes == [200] * 6 + [429, 429]
        assert b.client.get("/v1/sync/meta", headers=dev.headers).json()["error"] == "rate_limited"
        svc.clock.advance(seconds=61)
        assert b.client.get("/v1/sync/meta", headers=dev.headers).status_code == 200
    finally:
        for w in (a, b):
            w.client.close()
            w.db.dispose()


def test_sign_in_throttle_is_shared_by_workers(workers: tuple[Service, Service]) -> None:
    a, b = workers
    a.clock.frozen = True
    a.add_user("ann", None, Role.CHAIR)
    bad = {"username": "ann", "password": "wrong"}
    codes = [(a, b)[i % 2].client.post("/v1/devices", json=bad).status_code for i in range(5)]
    assert codes == [401, 401, 401, 401, 429]
    for w in (a, b):
        r = w.client.post("/v1/devices", json={"username": "ann", "password": "correct horse battery staple"})
        assert r.status_code == 429 and r.json()["error"] == "too_many_attempts"


def test_revocation_through_one_worker_holds_on_the_other(workers: tuple[Service, Service]) -> None:
    a, b = workers
    case = make_case(a)
    admin = a.user_device("adm", case.council_id, Role.ADMINISTRATOR)
    mt: Device = case.minute_taker
    assert b.client.get("/v1/sync/meta", headers=mt.headers).status_code == 200
    assert a.client.delete(f"/v1/devices/{mt.device_id}", headers=admin.headers).status_code == 200
    r = b.client.get("/v1/sync/meta", headers=mt.headers)
    assert r.status_code == 401 and r.json()["error"] == "device_revoked"
