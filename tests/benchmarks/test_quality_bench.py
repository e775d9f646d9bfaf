"""The app side of the quality report (issue 13): a year over a profile of 100,000 conferences.

Run with ``.venv/bin/python -m pytest tests/benchmarks/test_quality_bench.py -s`` (or ``make bench``).
Figures are printed; only correctness is asserted, never timings. Target: ``QualityService.report``
for a year, council-wide, under 1 s (the Quality page shows it; the page's own painting is measured
by ``test_quality_page_bench.py``). Peak memory is Python's allocation peak during the report
(``tracemalloc``) and the process's resident peak.

The profile (``demo-data --children 50000``, about 100,000 conferences) is built once per session;
``COFNOD_BENCH_QUALITY_PROFILE=DIR`` keeps it in ``DIR`` and reuses it next time (the build takes a
minute or two).
"""

from __future__ import annotations

import datetime as dt
import os
import resource
import statistics
import time
import tracemalloc
from pathlib import Path

import pytest

from desktop.demo import generate_demo
from desktop.services.base import CurrentUser, ServiceContext
from desktop.services.quality import QualityService, read_facts
from desktop.store.testing import OpenStore, open_test_store
from sync.protocol.enums import Role
from sync.protocol.quality import Period, QualityScope, compute

CHILDREN = 50_000
TODAY = dt.date(2026, 11, 27)
YEAR = Period(dt.date(2025, 12, 1), dt.date(2026, 11, 30))
KEY = bytes(range(32))  # a throwaway benchmark key, never a real one
RUNS = 3

# Building 100,000 conferences on a shared machine can outlast the suite's 300 s per-test limit.
pytestmark = pytest.mark.timeout(1800)


@pytest.fixture(scope="module")
def big(tmp_path_factory: pytest.TempPathFactory) -> OpenStore:
    given = os.environ.get("COFNOD_BENCH_QUALITY_PROFILE")
    folder = Path(given) if given else tmp_path_factory.mktemp("quality_bench")
    done = folder / "bench-built.txt"
    store = open_test_store(folder, KEY)
    if done.exists():
        print(f"\n[bench] reusing {folder}: {done.read_text(encoding='utf-8').strip()}")
        return store
    started = time.perf_counter()
    summary = generate_demo(store, children=CHILDREN, seed=13, today=TODAY, conferences_per_child=2.0)
    line = (
        f"{summary.children:,} children, {summary.conferences:,} conferences in {time.perf_counter() - started:.0f} s"
    )
    print(f"\n[bench] demo profile: {line}")
    assert summary.conferences >= 95_000
    done.write_text(line + "\n", encoding="utf-8")
    return store


def test_bench_quality_report_for_a_year(big: OpenStore) -> None:
    admin = CurrentUser("admin-bench", "Gweinyddwr", Role.ADMINISTRATOR)
    service = QualityService(ServiceContext(big.sessions, user=lambda: admin, today=lambda: TODAY))
    service.report(YEAR, user=admin, council_wide=True)  # warm: page cache, calendar index
    seconds = []
    for _ in range(RUNS):
        started = time.perf_counter()
        report = service.report(YEAR, user=admin, council_wide=True)
        seconds.append(time.perf_counter() - started)

    # Where the time goes: the SQL and building the facts, then computing.
    with big.sessions() as s:
        started = time.perf_counter()
        facts = read_facts(s.connection(), YEAR, QualityScope(None, None))
        read_s = time.perf_counter() - started
    started = time.perf_counter()
    compute(facts, YEAR, today=TODAY)
    compute_s = time.perf_counter() - started

    tracemalloc.start()
    service.report(YEAR, user=admin, council_wide=True)
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    rss_peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

    held = report.get("multi_agency.attendance", "social_services")
    assert held is not None and held.denominator is not None and held.denominator > 30_000
    print(
        f"\n[bench] QualityService.report, a year, council-wide, {len(facts.conferences):,} conferences read,"
        f" {held.denominator:,} held in the year, {len(facts.decisions):,} decisions:"
        f"\n  median {statistics.median(seconds):.3f} s, best {min(seconds):.3f} s (target < 1 s)"
        f"\n  of which reading the facts by SQL {read_s:.3f} s, computing {compute_s:.3f} s"
        f"\n  Python allocation peak {peak / 1e6:.0f} MB, process RSS peak {rss_peak_mb:.0f} MB"
    )
