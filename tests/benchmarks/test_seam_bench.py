"""Push and pull across the seam: a whole demo profile uploaded over HTTPS, beside the service alone.

Prints, in one run: the service-only push benchmark (creates of children, batches of 250, as in
``test_service_bench``); the first upload of a demo profile from the app (its real op mix:
children, family, conferences, attendance, voice, minutes, decisions with views, plans,
finalisations), pushed from the encrypted local store in batches of 250; and the same records
pulled into a second profile and applied (changes/s), with bytes on the wire per op. The server
runs in a process of its own. Asserts only correctness (every op applied), never timings.
"""

from __future__ import annotations

import datetime as dt
import statistics
import time
from pathlib import Path

from desktop.demo import CHAIR_NAME, generate_demo
from sync.protocol.enums import Role
from tests.integration.sync.seam import seam
from tests.service.harness import new_id

BATCH = 250


def test_bench_demo_upload_push_and_pull_beside_service_push(tmp_path: Path) -> None:
    with seam(tmp_path, own_process=True) as sm:
        sm.add_user("eluned", CHAIR_NAME, Role.CHAIR)
        sm.add_user("ceri", "Ceri Lloyd", Role.CHAIR)

        # The service alone: creates of one entity type, as the issue-3 benchmark measures.
        dev = sm.svc.enrol("eluned")
        runs = []
        for _ in range(5):
            ops = [
                dev.op("create", "child", new_id(), {"given_names": "Plentyn", "address": "Stryd"})
                for _ in range(BATCH * 4)
            ]
            started = time.perf_counter()
            for i in range(0, len(ops), BATCH):
                batch = ops[i : i + BATCH]
                r = sm.http.post(
                    f"{sm.base}/v1/sync/push",
                    headers=dev.headers,
                    timeout=(5, 120),
                    json={"protocol": 1, "first_device_seq": batch[0]["device_seq"], "ops": batch},
                )
                assert r.status_code == 200 and {x["status"] for x in r.json()["results"]} == {"applied"}
            runs.append(len(ops) / (time.perf_counter() - started))
        service_only = statistics.median(runs)

        # The app: a demo profile's first upload, then a second profile pulling it all.
        p1 = sm.profile(tmp_path / "p1")
        generate_demo(p1.store, children=300, seed=3, today=dt.date(2026, 3, 10))
        summary = sm.sign_in(p1, "eluned")
        ops_total = p1.sync.pending_count()
        started = time.perf_counter()
        results = sm.push(p1, batch=BATCH)
        push_s = time.perf_counter() - started
        assert len(results) == ops_total and {r["status"] for r in results} == {"applied"}

        p2 = sm.profile(tmp_path / "p2")
        sm.sign_in(p2, "ceri")
        started = time.perf_counter()
        changes = sm.pull(p2, limit=1000)
        pull_s = time.perf_counter() - started
        print(
            f"\n[seam] service alone, creates of children: push {service_only:,.0f} ops/s (median of 5 x 1,000)"
            f"\n[seam] demo upload ({summary.upload.queued:,} records, {summary.upload.finalisations} finalisations,"
            f" {ops_total:,} ops): push {ops_total / push_s:,.0f} ops/s over HTTPS, batches of {BATCH},"
            f" {p1.stats['bytes_out'] / ops_total:,.0f} B/op sent"
            f"\n[seam] second profile: pull and apply {changes / pull_s:,.0f} changes/s ({changes:,} changes,"
            f" {p2.stats['bytes_in'] / max(changes, 1):,.0f} B/change received)"
        )
