"""Issue 14 §4: every protected route authenticates first, and every answer has one error shape.

Walks the OpenAPI document without a token (and with a bad one), whatever the query or body;
checks strict date-times and charsets; and, over real HTTPS with ``requests``, that errors the
HTTP layer answers itself are JSON and that a body over the limit gets a 413 the client can read.
"""

from __future__ import annotations

import gzip
import json
import socket
import ssl
from pathlib import Path
from typing import Any

import pytest
import requests

from sync.protocol.enums import Role
from tests.service.harness import Service, make_case, new_id
from tests.service.tls import https_server

#: The only operations anyone may call without a token; a new route is protected unless listed.
PUBLIC = {"GET /healthz", "GET /v1/schema", "POST /v1/devices", "POST /v1/auth/token"}

#: Bodies that would each get a different error from an authenticated caller.
HOSTILE_BODIES: list[tuple[bytes, dict[str, str]]] = [
    (b"", {}),
    (b"{broken", {"Content-Type": "application/json"}),
    (b'{"ops": []}', {"Content-Type": "application/json"}),
    (b"[" * 5000 + b"]" * 5000, {"Content-Type": "application/json"}),
    (b"\xff\xfe not utf-8", {"Content-Type": "application/json"}),
    (b"{}", {"Content-Type": "application/json; charset=latin-1"}),
    (b"xx", {"Content-Type": "application/json", "Content-Encoding": "br"}),
    (gzip.compress(b" " * (4 << 20)), {"Content-Type": "application/json", "Content-Encoding": "gzip"}),
    (b"a" * ((1 << 20) + 1), {"Content-Type": "application/json"}),
]
HOSTILE_QUERY = {"cursor": "-1", "limit": "0", "protocol": "0", "scope": "nonsense", "reason": ""}


def _operations(svc: Service) -> list[tuple[str, str, dict[str, Any]]]:
    spec = svc.client.get("/openapi.json").json()
    return [(method.upper(), path, op) for path, item in spec["paths"].items() for method, op in item.items()]


def _takes_token(op: dict[str, Any]) -> bool:
    return any(p["in"] == "header" and p["name"].lower() == "authorization" for p in op.get("parameters", []))


def _url(path: str) -> str:
    return (
        path.replace("{entity}", "child")
        .replace("{entity_id}", "x")
        .replace("{device_id}", "x")
        .replace("{child_id}", "x")
    )


def test_the_public_operations_are_exactly_the_known_few(svc: Service) -> None:
    ops = _operations(svc)
    public = {f"{m} {p}" for m, p, op in ops if not _takes_token(op)}
    assert public == PUBLIC
    assert len(ops) > len(PUBLIC) + 5


@pytest.mark.parametrize("token", [None, "Bearer cat_not-a-token", "Basic YW5uOnB3", "Bearer "])
def test_every_protected_route_answers_401_whatever_its_query_or_body(svc: Service, token: str | None) -> None:
    expected = "invalid_token" if token == "Bearer cat_not-a-token" else "unauthenticated"
    protected = [(m, p) for m, p, op in _operations(svc) if _takes_token(op)]
    assert protected
    for method, path in protected:
        for body, headers in HOSTILE_BODIES if method in ("POST", "PUT", "PATCH") else [(b"", {})]:
            h = dict(headers, **({"Authorization": token} if token is not None else {}))
            r = svc.client.request(method, _url(path), params=HOSTILE_QUERY, content=body, headers=h)
            assert r.status_code == 401, (method, path, body[:20], r.status_code, r.text[:200])
            assert r.headers["content-type"].startswith("application/json")
            assert r.json()["error"] == expected, (method, path, r.json())
            assert "schema" not in r.text and "loc" not in r.text  # nothing about the API leaks


def test_an_expired_or_revoked_token_is_401_before_the_body_is_looked_at(svc: Service) -> None:
    case = make_case(svc)
    broken = {"content": b"{broken", "headers": {**case.chair.headers, "Content-Type": "application/json"}}
    assert svc.client.post("/v1/sync/push", **broken).status_code == 400  # authenticated: the body's error
    svc.clock.advance(minutes=6)
    r = svc.client.post("/v1/sync/push", **broken)
    assert r.status_code == 401 and r.json()["error"] == "token_expired"
    r = svc.client.get("/v1/sync/pull", params={"cursor": -1}, headers=case.chair.headers)
    assert r.status_code == 401 and r.json()["error"] == "token_expired"


def test_client_time_must_be_an_rfc3339_date_time(svc: Service) -> None:
    case = make_case(svc)
    d = case.chair
    for bad in (0, 1770000000, "1770000000", "2026-02-11", "2026-02-11T09:42:17", "yesterday"):
        op = d.op("create", "child", new_id(), {"given_names": "Amser"}, client_time=bad)
        r = d.push_raw([op])
        assert r.status_code == 422, (bad, r.text)
        assert any(e["loc"][-1] == "client_time" for e in r.json()["detail"]), r.json()
        d.seq = iter(range(op["device_seq"], 10**6))  # type: ignore[assignment]
    for good in ("2026-02-11T09:42:17Z", "2026-02-11T09:42:17.5+01:00", None):
        op = d.op("create", "child", new_id(), {"given_names": "Amser"}, client_time=good)
        assert d.push(op)[0]["status"] == "applied", good


def test_a_body_whose_declared_charset_is_not_utf8_is_415(svc: Service) -> None:
    case = make_case(svc)
    d = case.chair
    for charset in ("latin-1", "ISO-8859-1", '"utf-16"', "windows-1252"):
        op = d.op("create", "child", new_id(), {"given_names": "Siôn"})
        body = json.dumps({"protocol": 1, "first_device_seq": op["device_seq"], "ops": [op]}).encode()
        h = {**d.headers, "Content-Type": f"application/json; charset={charset}"}
        r = svc.client.post("/v1/sync/push", content=body, headers=h)
        assert r.status_code == 415 and r.json()["error"] == "unsupported_charset", (charset, r.text)
        d.seq = iter(range(op["device_seq"], 10**6))  # type: ignore[assignment]
    for charset in ("utf-8", "UTF-8", '"utf-8"'):
        op = d.op("create", "child", new_id(), {"given_names": "Siôn"})
        body = json.dumps({"protocol": 1, "first_device_seq": op["device_seq"], "ops": [op]}).encode()
        h = {**d.headers, "Content-Type": f"application/json; charset={charset}"}
        r = svc.client.post("/v1/sync/push", content=body, headers=h)
        assert r.status_code == 200 and r.json()["results"][0]["status"] == "applied", (charset, r.text)


def _session(ca: str) -> requests.Session:
    s = requests.Session()
    s.trust_env = False
    s.verify = ca
    return s


def test_http_layer_errors_come_back_in_the_json_error_shape(svc: Service, tmp_path: Path) -> None:
    dev = svc.user_device("ann", None, Role.CHAIR)
    with https_server(svc.app, tmp_path) as (base, ca), _session(ca) as s:
        for size in (20 << 10, 200 << 10):  # past the service's limit; past the HTTP server's too
            r = s.get(f"{base}/v1/sync/meta", headers={**dev.headers, "X-Padding": "a" * size}, timeout=(5, 30))
            assert r.status_code == 431 and r.json()["error"] == "headers_too_large", r.text
        r = s.get(f"{base}/v1/sync/pull", params={"scope": "child:" + "a" * (10 << 10)}, timeout=(5, 30))
        assert r.status_code == 414 and r.json()["error"] == "uri_too_long", r.text
        r = s.get(f"{base}/v1/sync/pull", params={"scope": "child:" + "a" * (200 << 10)}, timeout=(5, 30))
        assert r.status_code == 431 and r.json()["error"] == "headers_too_large", r.text
        # Just under the limit the application answers, in the same shape.
        r = s.get(f"{base}/v1/sync/pull", params={"scope": "child:" + "a" * 300}, headers=dev.headers, timeout=(5, 30))
        assert r.status_code == 422 and r.json()["error"] == "validation"
        # A request that is not HTTP at all.
        host, port = base.removeprefix("https://").split(":")
        context = ssl.create_default_context(cafile=ca)
        with socket.create_connection((host, int(port)), timeout=10) as raw:
            with context.wrap_socket(raw, server_hostname=host) as tls:
                tls.sendall(b"NOT HTTP AT ALL\r\n\r\n")
                answer = b""
                while chunk := tls.recv(65536):
                    answer += chunk
        head, _, payload = answer.partition(b"\r\n\r\n")
        assert head.startswith(b"HTTP/1.1 400") and b"application/json" in head.lower()
        assert json.loads(payload)["error"] == "bad_request"


def test_a_body_over_the_limit_gets_a_413_that_requests_can_read(svc: Service, tmp_path: Path) -> None:
    dev = svc.user_device("ann", None, Role.CHAIR)
    h = {**dev.headers, "Content-Type": "application/json"}
    just_over = b'{"x":"' + b"a" * (1 << 20) + b'"}'
    well_over = b'{"x":"' + b"a" * (3 << 20) + b'"}'

    def chunked() -> Any:
        for i in range(0, len(well_over), 65536):
            yield well_over[i : i + 65536]

    with https_server(svc.app, tmp_path) as (base, ca), _session(ca) as s:
        for attempt in range(6):
            for body in (just_over, well_over, chunked()):
                r = s.post(f"{base}/v1/sync/push", data=body, headers=h, timeout=(5, 60))
                assert r.status_code == 413 and r.json()["error"] == "body_too_large", (attempt, r.text)
            # Unauthenticated, the same body gets its 401 the same way.
            r = s.post(f"{base}/v1/sync/push", data=well_over, headers={"Content-Type": "application/json"})
            assert r.status_code == 401 and r.json()["error"] == "unauthenticated"
        # The body was read to its end, so the connection stays usable for the next request.
        assert s.get(f"{base}/v1/sync/meta", headers=dev.headers, timeout=(5, 30)).status_code == 200
