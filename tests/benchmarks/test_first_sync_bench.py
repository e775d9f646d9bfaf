"""First-sync figures: a new laptop pulls a register of 10,000 records (100,000 with
``COFNOD_BENCH_LARGE=1``) over HTTPS on 127.0.0.1 into the encrypted local store.

The service (``cofnod-register serve`` in a process of its own, SQLite) is filled through its own
push API by a device of the council; the laptop then signs in and :func:`sync.engine.run.run_sync`
pulls and applies the whole feed. Printed: seconds, changes/s, body bytes per change on the wire
(gzip), the process's peak memory, and the no-op sync after it (median and p95 of 7 runs).

Run with ``pytest -s tests/benchmarks/test_first_sync_bench.py``. Only correctness is asserted
(every record arrives, one request for a no-op sync), never a timing.
"""

from __future__ import annotations

import os
import platform
import resource
import statistics
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import func, select

from desktop.store.orm import Child
from sync.engine.run import run_sync
from sync.protocol.enums import Role
from sync.service.db import Database
from tests.benchmarks.test_engine_bench import _laptop
from tests.service.harness import PASSWORD, Clock, Device, Service, make_settings
from tests.service.tls import https_server_process

SIZES = [10_000, 100_000] if os.environ.get("COFNOD_BENCH_LARGE") == "1" else [10_000]
BATCH = 250
#: A new pushing device every so many ops, so its 5-minute access token never runs out mid-fill.
PER_DEVICE = 20_000


@pytest.fixture
def served(tmp_path: Path) -> Iterator[tuple[Service, str, str]]:
    url = f"sqlite:///{tmp_path / 'bench.db'}"
    db = Database(url)
    db.migrate()
    clock = Clock(real=True)
    svc = Service(db, make_settings(url, clock, rate_limit=10**9), clock)
    council = svc.add_council("Bench")
    svc.add_user("eluned", council, Role.CHAIR)
    svc.add_user("ceri", council, Role.CHAIR)
    try:
        with https_server_process(url, tmp_path) as (base, ca):
            yield svc, base, ca
    finally:
        svc.client.close()
        db.dispose()


def _fill(svc: Service, records: int) -> None:
    """``records`` children on the service, pushed in batches as a device would."""
    device: Device | None = None
    for start in range(0, records, BATCH):
        if start % PER_DEVICE == 0:
            device = svc.enrol("eluned")
        assert device is not None
        ops = []
        for i in range(start, min(records, start + BATCH)):
            payload = {"given_names": f"Plentyn {i}", "family_name": "Jones", "date_of_birth": "2019-05-01"}
            ops.append(device.op("create", "child", str(uuid.uuid4()), payload))
        results = device.push(*ops)
        assert all(r["status"] == "applied" for r in results), results[:1]


@pytest.mark.parametrize("records", SIZES)
def test_first_sync_of_a_large_register(served: tuple[Service, str, str], tmp_path: Path, records: int) -> None:
    svc, base, ca = served
    filled = time.perf_counter()
    _fill(svc, records)
    fill_s = time.perf_counter() - filled
    lap = _laptop(tmp_path / "new-laptop", base, ca)
    try:
        lap.sync.sign_in(lap.client, "ceri", PASSWORD)
        received0 = lap.client.bytes_received
        started = time.perf_counter()
        report = run_sync(lap.sync.store, lap.client)
        seconds = time.perf_counter() - started
        assert report.complete and report.pulled >= records
        with lap.store.sessions() as s:
            assert s.scalar(select(func.count()).select_from(Child)) == records
        per_change = (lap.client.bytes_received - received0) / max(1, report.pulled)
        idle: list[float] = []
        for _ in range(7):
            before = lap.client.requests_sent
            t0 = time.perf_counter()
            again = run_sync(lap.sync.store, lap.client)
            idle.append((time.perf_counter() - t0) * 1000)
            assert again.complete and again.pulled == 0 and lap.client.requests_sent - before == 1
        idle.sort()
        p95 = idle[min(len(idle) - 1, round(0.95 * (len(idle) - 1)))]
        peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(
            f"\nfirst sync ({platform.machine()}, {os.cpu_count()} cores), {records} records"
            f" (service filled in {fill_s:.1f} s):"
            f"\n  pull+apply {seconds:8.2f} s, {report.pulled / seconds:.0f} changes/s,"
            f" {per_change:.0f} B/change received (gzip), peak RSS {peak_mb:.0f} MB"
            f"\n  no-op      {statistics.median(idle):8.1f} ms median, {p95:.1f} ms p95, 1 request"
        )
    finally:
        lap.client.close()
        lap.store.engine.dispose()
