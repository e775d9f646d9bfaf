"""A malformed or hostile service: whatever comes back, the client returns a model or raises SyncError.

A tiny HTTPS server on loopback answers every request with bytes hypothesis generates: any status,
content type and encoding, a wrong or missing ``Content-Length``, junk ``Date`` and ``Retry-After``,
bodies that are random bytes, JSON of the wrong shape, valid answers with one field broken, deep
nesting, huge arrays, non-finite numbers, 65-bit integers, false gzip. Each call must end in the
expected model (when the answer happens to be valid) or a typed :class:`SyncError`; anything else
(a ``KeyError``, a pydantic error, a urllib3 exception, a hang) fails the test.
``COFNOD_HOSTILE_EXAMPLES`` sets the number of examples (200; 1,500 passed when this was written).
"""

from __future__ import annotations

import copy
import gzip
import json
import math
import os
import socket
import socketserver
import ssl
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import trustme
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sync.client.errors import SyncError
from sync.client.http import ClientConfig, RegisterClient, _Access
from sync.client.tokens import Credentials, MemoryTokenStore
from sync.protocol.messages import (
    DigestResponse,
    MetaResponse,
    Op,
    PullResponse,
    PushRequest,
    PushResponse,
)
from tests.sync_client.conftest import FAST, child_op

EXPIRES = "2030-01-01T00:00:00.000000Z"
USER = {"user_id": "usr-1", "username": "ffion", "council_id": "la-1", "roles": ["chair"]}
TOKEN = {
    "device_id": "dev-1",
    "access_token": "cat-new",
    "access_expires_at": EXPIRES,
    "refresh_token": "crt-new",
    "refresh_expires_at": EXPIRES,
    "server_id": "srv-1",
}
CHANGE = {
    "server_seq": 1,
    "entity": "child",
    "entity_id": "c-1",
    "version": 1,
    "kind": "created",
    "payload": {"given_names": "Siân"},
    "schema_version": 1,
    "received_at": "2026-02-11T09:00:00.000000Z",
}
VALID: dict[str, dict[str, Any]] = {
    "refresh": TOKEN,
    "enrol": {**TOKEN, "user": USER},
    "meta": {
        "server_id": "srv-1",
        "protocol_min": 1,
        "protocol_max": 1,
        "min_client_version": "0.1.0",
        "schema_version": 1,
        "head_seq": 1,
        "device_id": "dev-1",
        "device_status": "active",
        "last_acked_device_seq": 0,
        "scopes": [],
        "scopes_version": 0,
        "server_time": "2026-02-11T09:00:00.000000Z",
        "user": USER,
    },
    "pull": {"server_id": "srv-1", "changes": [CHANGE], "next_cursor": 1, "has_more": False, "head_seq": 1},
    "push": {
        "server_id": "srv-1",
        "acked_through_device_seq": 1,
        "results": [{"device_seq": 1, "op_id": "op-1", "status": "applied", "server_seq": 1, "entity_version": 1}],
    },
    "digest": {"scope": "council:la-1", "count": 1, "digest": "ab" * 32, "head_seq": 1},
}
EXPECTED: dict[str, type | None] = {
    "refresh": None,
    "enrol": None,
    "meta": MetaResponse,
    "pull": PullResponse,
    "push": PushResponse,
    "digest": DigestResponse,
}

json_scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**70), max_value=2**70),
    st.floats(allow_nan=False, allow_infinity=False),
    st.text(max_size=30),
)
json_values = st.recursive(
    json_scalars,
    lambda inner: st.lists(inner, max_size=5) | st.dictionaries(st.text(max_size=10), inner, max_size=5),
    max_leaves=20,
)


@st.composite
def broken_valid(draw: st.DrawFn, method: str) -> bytes:
    """A valid answer for ``method`` with up to three fields deleted, retyped or made extreme."""
    value = copy.deepcopy(VALID[method])
    for _ in range(draw(st.integers(0, 3))):
        target: Any = value
        # Walk down into nested dicts/lists sometimes.
        while isinstance(target, (dict, list)) and target and draw(st.booleans()):
            key = draw(st.sampled_from(sorted(target) if isinstance(target, dict) else list(range(len(target)))))
            if not isinstance(target[key], (dict, list)) or not target[key]:
                break
            target = target[key]
        if isinstance(target, dict) and target:
            key = draw(st.sampled_from(sorted(target)))
            if draw(st.booleans()):
                del target[key]
            else:
                target[key] = draw(
                    json_values
                    | st.sampled_from(["NaN", 2**64, -1, 0, "", "x" * 300])
                    | st.builds(lambda n: [CHANGE] * n, st.integers(0, 3000))
                )
        elif isinstance(target, list):
            target.append(draw(json_values))
    return json.dumps(value).encode()


@st.composite
def bodies(draw: st.DrawFn, method: str) -> bytes:
    return draw(
        st.one_of(
            st.just(json.dumps(VALID[method]).encode()),
            broken_valid(method),
            st.binary(max_size=500),
            json_values.map(lambda v: json.dumps(v).encode()),
            st.integers(1, 3000).map(lambda n: b"[" * n + b"]" * n),
            st.sampled_from([b"NaN", b'{"server_id": Infinity}', b'{"head_seq": 1e999}', b"1" * 5000, b"", b"{"]),
            st.builds(lambda v: json.dumps({"error": v, "expected": v}).encode(), json_values),
        )
    )


@st.composite
def answers(draw: st.DrawFn, method: str) -> bytes:
    status = draw(
        st.sampled_from([200, 200, 200, 201, 204, 301, 400, 401, 403, 404, 409, 413, 422, 426, 429, 500, 503])
        | st.integers(100, 999)
    )
    body = draw(bodies(method))
    headers: list[tuple[str, str]] = []
    content_type = draw(
        st.sampled_from(["application/json", "application/json; charset=utf-8", "text/html", None, "x/y"])
    )
    if content_type:
        headers.append(("Content-Type", content_type))
    encoding = draw(st.sampled_from(["none", "gzip", "false-gzip", "deflate"]))
    if encoding == "gzip":
        body = gzip.compress(body)
        headers.append(("Content-Encoding", "gzip"))
    elif encoding in ("false-gzip", "deflate"):
        headers.append(("Content-Encoding", encoding.replace("false-", "")))
    length = draw(st.sampled_from(["right", "right", "missing", "short", "long", "junk", "chunked-junk"]))
    if length == "right":
        headers.append(("Content-Length", str(len(body))))
    elif length == "short":
        headers.append(("Content-Length", str(max(0, len(body) - 3))))
    elif length == "long":
        headers.append(("Content-Length", str(len(body) + 100)))
    elif length == "junk":
        headers.append(("Content-Length", draw(st.sampled_from(["abc", "-5", "1" * 30, "1, 2"]))))
    elif length == "chunked-junk":
        headers.append(("Transfer-Encoding", "chunked"))
        body = draw(st.sampled_from([b"zz\r\n" + body, b"5\r\nab", f"{len(body):x}\r\n".encode() + body]))
    for name in draw(st.lists(st.sampled_from(["Date", "Retry-After", "Location"]), max_size=3, unique=True)):
        headers.append((name, draw(st.text(alphabet=st.characters(min_codepoint=32, max_codepoint=126), max_size=40))))
    head = f"HTTP/1.1 {status} X\r\n" + "".join(f"{k}: {v}\r\n" for k, v in headers) + "Connection: close\r\n\r\n"
    return head.encode("latin-1") + body


class _JunkServer(socketserver.ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = True
    answer: bytes = b""
    requests = 0


class _JunkHandler(socketserver.BaseRequestHandler):
    server: _JunkServer

    def handle(self) -> None:
        conn = self.request
        conn.settimeout(5)
        try:
            data = b""
            while b"\r\n\r\n" not in data:
                chunk = conn.recv(65536)
                if not chunk:
                    return
                data += chunk
            head, _, rest = data.partition(b"\r\n\r\n")
            length = 0
            for line in head.split(b"\r\n")[1:]:
                name, _, value = line.partition(b":")
                if name.strip().lower() == b"content-length":
                    length = int(value)
            while len(rest) < length:
                chunk = conn.recv(65536)
                if not chunk:
                    return
                rest += chunk
            self.server.requests += 1
            conn.sendall(self.server.answer)
            conn.shutdown(socket.SHUT_RDWR)
        except (OSError, ValueError):
            return


@pytest.fixture(scope="module")
def junk_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[_JunkServer, str, str]]:
    directory: Path = tmp_path_factory.mktemp("junk")
    ca = trustme.CA()
    ca_file = str(directory / "ca.pem")
    ca.cert_pem.write_to_path(ca_file)
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    ca.issue_cert("127.0.0.1").configure_cert(context)
    server = _JunkServer(("127.0.0.1", 0), _JunkHandler)
    server.socket = context.wrap_socket(server.socket, server_side=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server, f"https://127.0.0.1:{server.server_address[1]}", ca_file
    finally:
        server.shutdown()
        server.server_close()


def _push_request() -> PushRequest:
    op: Op = child_op("usr-1", 1)
    return PushRequest(protocol=1, first_device_seq=1, ops=[op])


@settings(
    max_examples=int(os.environ.get("COFNOD_HOSTILE_EXAMPLES", "200")),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(data=st.data())
def test_any_answer_is_a_model_or_a_typed_error(junk_server: tuple[_JunkServer, str, str], data: st.DataObject) -> None:
    server, url, ca_file = junk_server
    method = data.draw(st.sampled_from(sorted(VALID)))
    server.answer = data.draw(answers(method))
    tokens = MemoryTokenStore(Credentials("dev-1", "crt-old", EXPIRES, "srv-1"))
    config = ClientConfig(url, ca_file=ca_file, retries=1, read_timeout=3, max_response_bytes=256 << 10, **FAST)
    with RegisterClient(config, tokens) as client:
        client._access = _Access("cat-old", math.inf)
        try:
            result: Any
            if method == "enrol":
                result = client.enrol("ffion", "a password")
            elif method == "refresh":
                result = client.refresh()
            elif method == "meta":
                result = client.meta()
            elif method == "pull":
                result = client.pull(0, 250)
            elif method == "push":
                result = client.push(_push_request())
            else:
                result = client.digest("council:la-1")
        except SyncError as exc:
            assert exc.kind and exc.code
            assert "crt-" not in repr(exc) and "cat-" not in str(exc)
            return
    expected = EXPECTED[method]
    if expected is not None:
        assert isinstance(result, expected)
    else:
        # A valid token answer was taken and stored.
        assert tokens.credentials is not None and tokens.credentials.refresh_token == "crt-new"


def test_a_gzip_bomb_stops_at_the_cap(junk_server: tuple[_JunkServer, str, str]) -> None:
    server, url, ca_file = junk_server
    bomb = gzip.compress(b"[" + b"0," * (32 << 20) + b"0]", compresslevel=9)  # 64 MiB inflated
    assert len(bomb) < 1 << 20
    server.answer = (
        b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Encoding: gzip\r\n"
        + f"Content-Length: {len(bomb)}\r\nConnection: close\r\n\r\n".encode()
        + bomb
    )
    config = ClientConfig(url, ca_file=ca_file, retries=0, max_response_bytes=1 << 20, **FAST)
    with RegisterClient(config, MemoryTokenStore()) as client:
        client._access = _Access("cat-old", math.inf)
        with pytest.raises(SyncError) as err:
            client.meta()
    assert err.value.code == "answer_too_large"  # stopped at the cap, not inflated to the end
