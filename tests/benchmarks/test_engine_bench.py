"""Sync engine figures over HTTPS on 127.0.0.1 with the encrypted local store and a real op mix.

A demo profile of 200 children (children, family links, conferences, attendance, voice, minutes,
decisions with views, plans, distribution: what real conferences produce) signs in and
:func:`sync.engine.run.run_sync` pushes its first upload; a second profile of the council then
pulls and applies the whole feed. Printed: push ops/s, pull-and-apply changes/s, the no-op sync
(median and p95 of 7 runs, and its request count), and body bytes on the wire per change both ways
(gzip). The service runs as ``cofnod-register serve`` in a process of its own (SQLite).

Run with ``pytest -s tests/benchmarks/test_engine_bench.py``. Only correctness is asserted (every
op applied, equal records, one request for a no-op sync), never a timing.
"""

from __future__ import annotations

import datetime as dt
import os
import platform
import statistics
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop.demo import CHAIR_NAME, MINUTE_TAKER_NAME, generate_demo
from desktop.services.base import CurrentUser
from desktop.services.registry import build_services
from desktop.services.sync import SyncService
from desktop.store.testing import open_test_store
from sync.client.http import ClientConfig, RegisterClient
from sync.client.tokens import MemoryTokenStore
from sync.engine.run import Phase, Progress, run_sync
from sync.protocol.enums import Role
from sync.service.db import Database
from sync.service.models import User
from tests.service.harness import PASSWORD, Clock, Service, make_settings
from tests.service.tls import https_server_process
from tests.sync_engine.conftest import Laptop, Seat

TODAY = dt.date(2026, 3, 10)
CHILDREN = int(os.environ.get("COFNOD_BENCH_CHILDREN", "200"))


@pytest.fixture
def served(tmp_path: Path) -> Iterator[tuple[Service, str, str, str]]:
    url = f"sqlite:///{tmp_path / 'bench.db'}"
    db = Database(url)
    db.migrate()
    clock = Clock(real=True)
    svc = Service(db, make_settings(url, clock, rate_limit=10**9), clock)
    council = svc.add_council("Bench")
    for username, name, role in (
        ("eluned", CHAIR_NAME, Role.CHAIR),
        ("tomos", MINUTE_TAKER_NAME, Role.MINUTE_TAKER),
        ("ceri", "Ceri Lloyd", Role.CHAIR),
    ):
        user_id = svc.add_user(username, council, role)
        with svc.db.write_txn() as s:
            row = s.get(User, user_id)
            assert row is not None
            row.display_name = name
    try:
        with https_server_process(url, tmp_path) as (base, ca):
            yield svc, base, ca, council
    finally:
        svc.client.close()
        db.dispose()


def _laptop(folder: Path, base: str, ca: str) -> Laptop:
    store = open_test_store(folder)
    seat = Seat(CurrentUser(None, "", Role.CHAIR))
    services = build_services(store.sessions, user=seat, today=lambda: TODAY, device_id="local")
    tokens = MemoryTokenStore()
    client = RegisterClient(ClientConfig(base_url=base, ca_file=ca), tokens)
    return Laptop(folder, store, services, seat, SyncService(services.ctx, folder), client, tokens)


def test_engine_push_pull_and_idle_sync(served: tuple[Service, str, str, str], tmp_path: Path) -> None:
    _svc, base, ca, _council = served
    p1 = _laptop(tmp_path / "p1", base, ca)
    p2 = _laptop(tmp_path / "p2", base, ca)
    try:
        generate_demo(p1.store, children=CHILDREN, seed=11, today=TODAY)
        p1.sync.sign_in(p1.client, "eluned", PASSWORD)
        ops = p1.sync.store.pending_count()

        marks: list[tuple[float, Progress]] = []
        sent0, recv0 = p1.client.bytes_sent, p1.client.bytes_received
        started = time.perf_counter()
        report = run_sync(p1.sync.store, p1.client, on_progress=lambda p: marks.append((time.perf_counter(), p)))
        assert report.complete and report.applied == ops and report.rejected == report.conflicts == 0
        push_end, push_done = next((t, p) for t, p in reversed(marks) if p.phase is Phase.PUSH)
        push_s = push_end - started
        push_bytes = push_done.bytes
        assert p1.client.bytes_sent - sent0 <= push_bytes + (p1.client.bytes_received - recv0)

        p2.sync.sign_in(p2.client, "ceri", PASSWORD)
        recv1 = p2.client.bytes_received
        started = time.perf_counter()
        pulled = run_sync(p2.sync.store, p2.client)
        pull_s = time.perf_counter() - started
        assert pulled.complete and pulled.pulled >= ops
        pull_bytes = p2.client.bytes_received - recv1
        assert p2.records() == p1.records()

        idle: list[float] = []
        for _ in range(7):
            before = p2.client.requests_sent
            t0 = time.perf_counter()
            again = run_sync(p2.sync.store, p2.client)
            idle.append((time.perf_counter() - t0) * 1000)
            assert again.complete and again.pulled == 0 and p2.client.requests_sent - before == 1
        idle.sort()
        p95 = idle[min(len(idle) - 1, round(0.95 * (len(idle) - 1)))]
        print(
            f"\nengine ({platform.machine()}, {os.cpu_count()} cores, {CHILDREN} demo children, {ops} ops):"
            f"\n  push      {ops / push_s:8.0f} ops/s      ({ops} ops in {push_s:.2f} s,"
            f" {push_bytes / ops:.0f} B/op on the wire both ways, gzip)"
            f"\n  pull      {pulled.pulled / pull_s:8.0f} changes/s  ({pulled.pulled} changes in {pull_s:.2f} s,"
            f" {pull_bytes / max(1, pulled.pulled):.0f} B/change received, gzip)"
            f"\n  no-op     {statistics.median(idle):8.1f} ms median, {p95:.1f} ms p95, 1 request"
        )
    finally:
        for lap in (p1, p2):
            lap.client.close()
            lap.store.engine.dispose()
