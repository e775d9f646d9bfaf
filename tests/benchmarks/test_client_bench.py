"""Sync client figures over HTTPS on 127.0.0.1: push and pull through ``RegisterClient``, bytes on
the wire per change, and the cost of a sync with nothing to do.

Run with ``pytest -s tests/benchmarks/test_client_bench.py``. The service runs as
``cofnod-register serve`` in a process of its own (SQLite). Only correctness is asserted (every op
applied, every change pulled, one request for a sync with nothing to do), never a timing.
"""

from __future__ import annotations

import statistics
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from sync.client.http import ClientConfig, RegisterClient
from sync.client.tokens import MemoryTokenStore
from sync.protocol.canonical import payload_sha256
from sync.protocol.enums import OpStatus, Role
from sync.protocol.messages import Op, PushRequest
from sync.service.db import Database
from tests.service.harness import PASSWORD, Clock, Service, make_settings
from tests.service.tls import https_server_process

BATCH = 250
BATCHES = 8


@pytest.fixture
def served(tmp_path: Path) -> Iterator[tuple[Service, str, str]]:
    url = f"sqlite:///{tmp_path / 'bench.db'}"
    db = Database(url)
    db.migrate()
    clock = Clock(real=True)
    svc = Service(db, make_settings(url, clock, rate_limit=10**9), clock)
    try:
        with https_server_process(url, tmp_path) as (base, ca):
            yield svc, base, ca
    finally:
        svc.client.close()
        db.dispose()


def _ops(user_id: str, first: int, n: int) -> PushRequest:
    ops = []
    for i in range(n):
        payload = {
            "given_names": f"Plentyn {first + i}",
            "family_name": "Jones",
            "date_of_birth": "2019-05-01",
            "address": "1 Stryd Fawr, Caernarfon",
        }
        ops.append(
            Op(
                op_id=str(uuid.uuid4()),
                device_seq=first + i,
                kind="create",
                entity="child",
                entity_id=str(uuid.uuid4()),
                payload=payload,
                payload_sha256=payload_sha256(payload),
                author_user_id=user_id,
            )
        )
    return PushRequest(protocol=1, first_device_seq=first, ops=ops)


@pytest.mark.parametrize("gzip_bodies", [True, False], ids=["gzip", "identity"])
def test_client_push_pull_and_idle_sync(served: tuple[Service, str, str], gzip_bodies: bool) -> None:
    svc, base, ca = served
    council = svc.add_council("Cyngor Bench")
    svc.add_user("bench-chair", council, Role.CHAIR)
    config = ClientConfig(base, ca_file=ca, gzip_min_bytes=512 if gzip_bodies else 1 << 30)
    with RegisterClient(config, MemoryTokenStore()) as client:
        user_id = client.enrol("bench-chair", PASSWORD).user.user_id
        batches = [_ops(user_id, 1 + b * BATCH, BATCH) for b in range(BATCHES)]
        sent0 = client.bytes_sent
        t0 = time.perf_counter()
        for request in batches:
            results = client.push(request).results
            assert all(r.status is OpStatus.APPLIED for r in results)
        push_s = time.perf_counter() - t0
        push_bytes = client.bytes_sent - sent0
        n = BATCH * BATCHES

        received0 = client.bytes_received
        t0 = time.perf_counter()
        cursor, pulled = 0, 0
        while True:
            page = client.pull(cursor, 1000)
            pulled += len(page.changes)
            cursor = page.next_cursor
            if not page.has_more:
                break
        pull_s = time.perf_counter() - t0
        assert pulled >= n
        pull_bytes = client.bytes_received - received0

        idle = []
        for _ in range(50):
            before = client.requests_sent
            t0 = time.perf_counter()
            page = client.pull(cursor, 250)
            idle.append((time.perf_counter() - t0) * 1000)
            assert page.changes == [] and not page.has_more
            assert client.requests_sent - before == 1  # no meta call, no refresh
        idle.sort()
    mode = "gzip" if gzip_bodies else "identity"
    print(
        f"\nclient [{mode} request bodies]: push {n / push_s:,.0f} ops/s ({push_bytes / n:,.0f} B/op sent), "
        f"pull {pulled / pull_s:,.0f} changes/s ({pull_bytes / pulled:,.0f} B/change received, "
        f"service answers uncompressed), "
        f"idle sync p50 {statistics.median(idle):.1f} ms p99 {idle[int(len(idle) * 0.99) - 1]:.1f} ms, 1 request"
    )
