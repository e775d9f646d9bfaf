"""Register service benchmarks over HTTPS on 127.0.0.1, on SQLite and on PostgreSQL.

Run with ``pytest -s tests/benchmarks``. They print push throughput (batches of 250), pull
throughput, and p50/p99 latency with 50 devices pushing at once. They assert only correctness
(nothing lost, nothing duplicated), never timings: the figures depend on the machine.

The server runs as ``cofnod-register serve`` in a process of its own, as deployed, so the figures
measure the server rather than the server and the benchmark's client threads sharing one
interpreter lock. Users and devices are set up in this process (same database, real clock).
"""

from __future__ import annotations

import statistics
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import requests

from sync.protocol.enums import Role
from tests.service.harness import Device, Service, new_id
from tests.service.tls import https_server_process

BATCH = 250


def _session(ca: str) -> requests.Session:
    s = requests.Session()
    s.trust_env = False
    s.verify = ca
    return s


def _push(s: requests.Session, base: str, dev: Device, ops: list[dict[str, Any]]) -> list[dict[str, Any]]:
    r = s.post(
        f"{base}/v1/sync/push",
        headers=dev.headers,
        timeout=(5, 120),
        json={"protocol": 1, "first_device_seq": ops[0]["device_seq"], "ops": ops},
    )
    assert r.status_code == 200, r.text
    results: list[dict[str, Any]] = r.json()["results"]
    return results


def _child_ops(dev: Device, n: int) -> list[dict[str, Any]]:
    return [
        dev.op("create", "child", new_id(), {"given_names": f"Plentyn {i}", "address": "Stryd Fawr"}) for i in range(n)
    ]


def test_push_and_pull_throughput(service: tuple[Service, str], tmp_path: Path) -> None:
    svc, name = service
    council = svc.add_council("Bench")
    dev = svc.user_device("bench-chair", council, Role.CHAIR)
    total = 20 * BATCH
    with https_server_process(svc.db.url, tmp_path) as (base, ca), _session(ca) as s:
        _push(s, base, dev, _child_ops(dev, 10))  # warm up connection and caches
        batches = [_child_ops(dev, BATCH) for _ in range(total // BATCH)]
        start = time.perf_counter()
        statuses = [r["status"] for b in batches for r in _push(s, base, dev, b)]
        push_s = time.perf_counter() - start
        assert statuses == ["applied"] * total
        start = time.perf_counter()
        cursor, pulled, seqs = 0, 0, []
        while True:
            r = s.get(
                f"{base}/v1/sync/pull", params={"cursor": cursor, "limit": 1000}, headers=dev.headers, timeout=(5, 120)
            )
            body = r.json()
            pulled += len(body["changes"])
            seqs += [c["server_seq"] for c in body["changes"]]
            cursor = body["next_cursor"]
            if not body["has_more"]:
                break
        pull_s = time.perf_counter() - start
    assert pulled == total + 10 and len(set(seqs)) == len(seqs) and seqs == sorted(seqs)
    print(
        f"\n[{name}] push: {total} ops in batches of {BATCH}: {total / push_s:,.0f} ops/s "
        f"({push_s / (total / BATCH) * 1000:.0f} ms per batch)"
    )
    print(f"[{name}] pull: {pulled} changes in pages of 1000: {pulled / pull_s:,.0f} changes/s")


def test_fifty_devices_pushing_at_once(service: tuple[Service, str], tmp_path: Path) -> None:
    svc, name = service
    council = svc.add_council("Bench")
    devices = [svc.user_device(f"dev-{i}", council, Role.CHAIR) for i in range(50)]
    rounds, per_batch = 4, 25
    latencies: list[float] = []
    with https_server_process(svc.db.url, tmp_path) as (base, ca):

        def run(dev: Device) -> list[str]:
            ids = []
            with _session(ca) as s:
                for _ in range(rounds):
                    ops = _child_ops(dev, per_batch)
                    t0 = time.perf_counter()
                    results = _push(s, base, dev, ops)
                    latencies.append(time.perf_counter() - t0)
                    assert [r["status"] for r in results] == ["applied"] * per_batch
                    ids += [o["entity_id"] for o in ops]
            return ids

        start = time.perf_counter()
        with ThreadPoolExecutor(50) as pool:
            sent = [i for ids in pool.map(run, devices) for i in ids]
        wall = time.perf_counter() - start
        with _session(ca) as s:
            seen: list[str] = []
            cursor = 0
            while True:
                body = s.get(
                    f"{base}/v1/sync/pull",
                    params={"cursor": cursor, "limit": 1000},
                    headers=devices[0].headers,
                    timeout=(5, 120),
                ).json()
                seen += [c["entity_id"] for c in body["changes"] if c["entity"] == "child"]
                cursor = body["next_cursor"]
                if not body["has_more"]:
                    break
    assert sorted(seen) == sorted(sent), "lost or duplicated changes"
    assert len(set(seen)) == len(seen) == 50 * rounds * per_batch
    q = statistics.quantiles(latencies, n=100)
    print(
        f"\n[{name}] 50 devices x {rounds} batches of {per_batch}: {len(sent) / wall:,.0f} ops/s overall, "
        f"p50 {statistics.median(latencies) * 1000:.0f} ms, p99 {q[98] * 1000:.0f} ms per push; "
        f"{len(seen)} changes, none lost or duplicated"
    )


def test_push_throughput_with_and_without_signed_audit_heads(service: tuple[Service, str], tmp_path: Path) -> None:
    """Issue 14: signing each write transaction's audit head may cost push at most 5%.

    Two servers on the same database, one given ``--audit-key`` and ``--audit-witness``, one not,
    pushed to in alternating rounds (and orders) so drift in the machine falls on both alike.
    """
    from sync.protocol.audit_head import load_public_key, signature_valid
    from sync.service import audit
    from sync.service.signing import new_key_files, read_witness

    svc, name = service
    council = svc.add_council("Bench")
    dev = svc.user_device("bench-signing", council, Role.CHAIR)
    key, pub, witness = tmp_path / "audit.pem", tmp_path / "audit.pub", tmp_path / "witness.jsonl"
    new_key_files(key, pub)
    (tmp_path / "plain").mkdir()
    (tmp_path / "signed").mkdir()
    rounds, batches = 6, 4
    elapsed = {"unsigned": 0.0, "signed": 0.0}
    with (
        https_server_process(svc.db.url, tmp_path / "plain") as (plain, ca_plain),
        https_server_process(
            svc.db.url, tmp_path / "signed", ["--audit-key", str(key), "--audit-witness", str(witness)]
        ) as (signed, ca_signed),
        _session(ca_plain) as s_plain,
        _session(ca_signed) as s_signed,
    ):
        servers = {"unsigned": (s_plain, plain), "signed": (s_signed, signed)}
        for s, base in servers.values():
            _push(s, base, dev, _child_ops(dev, 10))  # warm up
        for round_ in range(rounds):
            order = list(servers.items())
            for label, (s, base) in order if round_ % 2 == 0 else order[::-1]:
                work = [_child_ops(dev, BATCH) for _ in range(batches)]
                start = time.perf_counter()
                statuses = [r["status"] for b in work for r in _push(s, base, dev, b)]
                elapsed[label] += time.perf_counter() - start
                assert statuses == ["applied"] * (BATCH * batches)
    total = rounds * batches * BATCH
    rate = {label: total / seconds for label, seconds in elapsed.items()}
    cost = (rate["unsigned"] - rate["signed"]) / rate["unsigned"] * 100
    heads = read_witness(witness)
    assert len(heads) >= rounds * batches  # one signed head per push at least
    with svc.db.read_txn() as session:
        newest = audit.read_rows(session)[1][-1]
    assert newest.signature is not None or newest.count > heads[-1].count
    assert signature_valid(heads[-1], load_public_key(pub.read_bytes()))
    print(
        f"\n[{name}] push, {total} ops each in batches of {BATCH}: {rate['unsigned']:,.0f} ops/s unsigned, "
        f"{rate['signed']:,.0f} ops/s with signed heads and witness ({cost:+.1f}% cost)"
    )
