"""Hostile or broken request bodies: size, gzip, nesting, numbers, unicode; errors are JSON."""

from __future__ import annotations

import gzip
import json
import time

from sync.protocol.enums import Role
from tests.service.harness import Service, make_case, new_id


def _dev(svc: Service):  # type: ignore[no-untyped-def]
    return svc.user_device("ann", None, Role.CHAIR)


def test_body_over_one_mib_is_413_with_and_without_length(svc: Service) -> None:
    dev = _dev(svc)
    big = b'{"x":"' + b"a" * (1 << 20) + b'"}'
    r = svc.client.post("/v1/sync/push", content=big, headers={**dev.headers, "Content-Type": "application/json"})
    assert r.status_code == 413 and r.json()["error"] == "body_too_large"

    def chunks():  # type: ignore[no-untyped-def]
        for i in range(0, len(big), 65536):
            yield big[i : i + 65536]

    r = svc.client.post("/v1/sync/push", content=chunks(), headers={**dev.headers, "Content-Type": "application/json"})
    assert r.status_code == 413 and r.json()["error"] == "body_too_large"


def test_gzip_bodies_accepted_and_bombs_refused(svc: Service) -> None:
    case = make_case(svc)
    op = case.chair.op("create", "child", new_id(), {"given_names": "Gzip"})
    body = json.dumps({"protocol": 1, "first_device_seq": op["device_seq"], "ops": [op]}).encode()
    r = svc.client.post(
        "/v1/sync/push",
        content=gzip.compress(body),
        headers={**case.chair.headers, "Content-Type": "application/json", "Content-Encoding": "gzip"},
    )
    assert r.status_code == 200 and r.json()["results"][0]["status"] == "applied"
    bomb = gzip.compress(b"[" + b" " * (50 << 20) + b"]")
    assert len(bomb) < (1 << 20)
    r = svc.client.post(
        "/v1/sync/push",
        content=bomb,
        headers={**case.chair.headers, "Content-Type": "application/json", "Content-Encoding": "gzip"},
    )
    assert r.status_code == 413
    r = svc.client.post("/v1/sync/push", content=b"xx", headers={**case.chair.headers, "Content-Encoding": "br"})
    assert r.status_code == 415 and r.json()["error"] == "unsupported_encoding"


def test_deep_nesting_refused_quickly(svc: Service) -> None:
    dev = _dev(svc)
    for depth in (33, 1000, 100_000):
        body = b"[" * depth + b"]" * depth
        start = time.perf_counter()
        r = svc.client.post("/v1/sync/push", content=body, headers={**dev.headers, "Content-Type": "application/json"})
        elapsed = time.perf_counter() - start
        assert r.status_code == 400 and r.json()["error"] == "too_deep", depth
        assert elapsed < 0.5, (depth, elapsed)
    # Brackets inside strings do not count.
    ok = json.dumps({"protocol": 1, "first_device_seq": 1, "ops": [], "x": "[" * 100}).encode()
    r = svc.client.post("/v1/sync/push", content=ok, headers={**dev.headers, "Content-Type": "application/json"})
    assert r.status_code == 422


def test_numbers_and_invalid_json(svc: Service) -> None:
    dev = _dev(svc)
    h = {**dev.headers, "Content-Type": "application/json"}
    for body, code in [
        (b'{"a": NaN}', "invalid_json"),
        (b'{"a": 1e999}', "number_out_of_range"),
        (b'{"a": 123456789012345678901234567890}', "number_out_of_range"),
        (b"{not json", "invalid_json"),
        (b'{"a": "\\ud800"}', "invalid_json"),
    ]:
        r = svc.client.post("/v1/sync/push", content=body, headers=h)
        assert r.status_code == 400 and r.json()["error"] == code, (body, r.text)


def test_every_error_is_json_with_a_code(svc: Service) -> None:
    for method, path in [("get", "/nope"), ("put", "/v1/sync/push"), ("get", "/v1/sync/pull?cursor=-1")]:
        r = svc.client.request(method.upper(), path)
        assert r.headers["content-type"].startswith("application/json")
        assert isinstance(r.json()["error"], str)
    assert svc.client.get("/healthz").json() == {"status": "ok"}
    assert "Op" in json.dumps(svc.client.get("/v1/schema").json()["$defs"])


def test_gzip_limit_counts_inflated_bytes_of_every_member_and_refuses_damaged_streams(svc: Service) -> None:
    """The 1 MiB limit applies after decompression, across all members; a cut or padded stream is 400."""
    case = make_case(svc)
    h = {**case.chair.headers, "Content-Type": "application/json", "Content-Encoding": "gzip"}
    seq_before = case.chair.get("/v1/sync/meta").json()["last_acked_device_seq"]
    # Each member alone is under the limit; together they inflate past it.
    half = gzip.compress(b" " * (600 << 10))
    r = svc.client.post("/v1/sync/push", content=half + half + gzip.compress(b"{}"), headers=h)
    assert r.status_code == 413 and r.json()["error"] == "body_too_large"
    # Exactly at the limit after inflation is still fine (here: an invalid push, so 422 not 413).
    at_limit = b"{}" + b" " * ((1 << 20) - 2)
    r = svc.client.post("/v1/sync/push", content=gzip.compress(at_limit), headers=h)
    assert r.status_code == 422, r.text
    op = case.chair.op("create", "child", new_id(), {"given_names": "Aml-aelod"})
    body = json.dumps({"protocol": 1, "first_device_seq": op["device_seq"], "ops": [op]}).encode()
    whole = gzip.compress(body)
    for damaged in (whole[:-8], whole[: len(whole) // 2], whole + b"trailing junk"):
        r = svc.client.post("/v1/sync/push", content=damaged, headers=h)
        assert r.status_code == 400 and r.json()["error"] == "bad_request", r.text
    assert case.chair.get("/v1/sync/meta").json()["last_acked_device_seq"] == seq_before
    # A body split over two gzip members (valid gzip) is read whole.
    r = svc.client.post("/v1/sync/push", content=gzip.compress(body[:40]) + gzip.compress(body[40:]), headers=h)
    assert r.status_code == 200 and r.json()["results"][0]["status"] == "applied", r.text
