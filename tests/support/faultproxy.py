"""A fault-injecting HTTPS proxy on loopback, between a sync client and the register service.

The proxy terminates TLS with a certificate of its own CA (:attr:`FaultProxy.ca_file`, which the
client under test trusts), reads each HTTP/1.1 request, and forwards it over a verified HTTPS
connection to the upstream service, unless a :class:`Rule` says otherwise. Faults:

- ``DROP_RESPONSE``: forward, let the service answer (so it has committed), then close the
  client's connection without a byte of the answer.
- ``STATUS``: answer ``status`` (503 by default, with the rule's ``headers``) itself; the service
  never sees the request.
- ``STALL``: forward, then hold the answer for ``stall_seconds`` before sending it (a client with
  a shorter read timeout has given up by then).
- ``CUT``: forward, send the answer's head and half its body, then close.
- ``RESET``: close the connection before forwarding anything.
- ``REWRITE``: forward, let the service answer, then send ``rewrite(status, body)`` instead: a
  ``(status, body, content_type)`` of the test's choosing (the body given is the service's, unzipped).

Rules match on method and path prefix, fire ``times`` times (None: always) or with a
``probability`` drawn from the proxy's seeded random generator, and are tried in order. Every
request is recorded in :attr:`FaultProxy.seen` with the fault applied, so tests can count what
reached the wire. Requests must carry a ``Content-Length`` (requests sends one); chunked request
bodies are not supported.

Use as a context manager::

    with FaultProxy(upstream_url, upstream_ca, tmp_path) as proxy:
        proxy.add(Rule(Fault.DROP_RESPONSE, path="/v1/sync/push"))
        client = RegisterClient(ClientConfig(proxy.url, ca_file=proxy.ca_file), tokens)
"""

from __future__ import annotations

import gzip
import http.client
import random
import socket
import ssl
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from types import TracebackType
from urllib.parse import urlsplit

import trustme

HOP_BY_HOP = frozenset(
    {"connection", "keep-alive", "proxy-connection", "transfer-encoding", "te", "trailer", "upgrade", "host"}
)


class Fault(StrEnum):
    PASS = "pass"
    DROP_RESPONSE = "drop_response"
    STATUS = "status"
    STALL = "stall"
    CUT = "cut"
    RESET = "reset"
    REWRITE = "rewrite"


@dataclass
class Rule:
    """Apply ``fault`` to requests matching ``method`` (None: any) and ``path`` (a prefix)."""

    fault: Fault
    path: str = "/"
    method: str | None = None
    times: int | None = 1
    probability: float = 1.0
    status: int = 503
    #: The ``error`` code and extra headers (``Retry-After``, say) of a ``STATUS`` answer.
    error: str = "internal"
    headers: dict[str, str] = field(default_factory=dict)
    stall_seconds: float = 5.0
    #: For ``REWRITE``: the answer to send instead of the service's.
    rewrite: Callable[[int, bytes], tuple[int, bytes, str]] | None = None
    fired: int = 0

    def matches(self, method: str, path: str) -> bool:
        return (self.method is None or self.method == method) and path.startswith(self.path)


@dataclass(frozen=True)
class Seen:
    method: str
    path: str
    fault: Fault
    status: int | None  # the upstream's status, when the request was forwarded
    content_encoding: str | None = None
    body_bytes: int = 0  # as sent on the wire (compressed, if it was)


@dataclass
class _State:
    rules: list[Rule] = field(default_factory=list)
    seen: list[Seen] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: _ProxyServer

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - stdlib signature
        return None  # quiet: tests scan logs, and the request line is noise

    def do_GET(self) -> None:  # noqa: N802 - stdlib naming
        self._proxy()

    def do_POST(self) -> None:  # noqa: N802
        self._proxy()

    def do_DELETE(self) -> None:  # noqa: N802
        self._proxy()

    def _proxy(self) -> None:
        proxy = self.server.owner
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        path = self.path.split("?", 1)[0]
        rule = proxy._choose(self.command, path)
        fault = rule.fault if rule else Fault.PASS
        encoding = self.headers.get("Content-Encoding")

        def seen(status: int | None) -> Seen:
            return Seen(self.command, path, fault, status, encoding, len(body))

        if fault is Fault.RESET:
            proxy._record(seen(None))
            self._close()
            return
        if fault is Fault.STATUS:
            assert rule is not None
            proxy._record(seen(None))
            payload = b'{"error":"%s","detail":null}' % rule.error.encode()
            self.send_response(rule.status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(payload)))
            for name, value in rule.headers.items():
                self.send_header(name, value)
            self.end_headers()
            self.wfile.write(payload)
            return
        try:
            status, reason, headers, content = proxy._forward(self.command, self.path, self.headers.items(), body)
        except (OSError, http.client.HTTPException):
            proxy._record(seen(None))
            self._close()
            return
        proxy._record(seen(status))
        if fault is Fault.DROP_RESPONSE:
            self._close()
            return
        if fault is Fault.REWRITE:
            assert rule is not None and rule.rewrite is not None
            if any(k.lower() == "content-encoding" and v.lower() == "gzip" for k, v in headers):
                content = gzip.decompress(content)
            status, content, content_type = rule.rewrite(status, content)
            try:
                self.send_response(status)
                self.send_header("Content-Type", content_type)
                self.send_header("Content-Length", str(len(content)))
                self.end_headers()
                self.wfile.write(content)
            except OSError:
                self.close_connection = True
            return
        if fault is Fault.STALL:
            assert rule is not None
            if proxy._stopping.wait(rule.stall_seconds):
                self._close()
                return
        try:
            self.send_response_only(status, reason)
            for name, value in headers:
                if name.lower() not in HOP_BY_HOP and name.lower() != "content-length":
                    self.send_header(name, value)
            self.send_header("Content-Length", str(len(content)))
            self.end_headers()
            if fault is Fault.CUT:
                self.wfile.write(content[: len(content) // 2])
                self.wfile.flush()
                self._close()
                return
            self.wfile.write(content)
        except OSError:
            self.close_connection = True

    def _close(self) -> None:
        self.close_connection = True
        try:
            self.connection.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass


class _ProxyServer(ThreadingHTTPServer):
    daemon_threads = True
    owner: FaultProxy


class FaultProxy:
    """See the module docstring. ``seed`` fixes the random draws of probabilistic rules."""

    def __init__(
        self,
        upstream: str,
        upstream_ca: str,
        directory: Path,
        *,
        seed: int = 0,
        server_context: ssl.SSLContext | None = None,
    ) -> None:
        parts = urlsplit(upstream)
        assert parts.scheme == "https" and parts.hostname and parts.port
        self._upstream_host = parts.hostname
        self._upstream_port = parts.port
        self._upstream_context = ssl.create_default_context(cafile=upstream_ca)
        self._state = _State()
        self._random = random.Random(seed)
        self._stopping = threading.Event()
        # The proxy's own CA and certificate, unless a test brings a context (with a bad certificate, say).
        ca = trustme.CA()
        self.ca_file = str(directory / f"proxy-ca-{id(self)}.pem")
        ca.cert_pem.write_to_path(self.ca_file)
        context = server_context
        if context is None:
            context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
            ca.issue_cert("127.0.0.1", "localhost").configure_cert(context)
        self._server = _ProxyServer(("127.0.0.1", 0), _Handler, bind_and_activate=True)
        self._server.owner = self
        # The handshake happens on the handler's thread, so one slow client cannot hold up accept().
        self._server.socket = context.wrap_socket(self._server.socket, server_side=True, do_handshake_on_connect=False)
        self.port = int(self._server.server_address[1])
        self.url = f"https://127.0.0.1:{self.port}"
        self._thread = threading.Thread(target=self._server.serve_forever, name="faultproxy", daemon=True)

    # ---- rules and records

    def add(self, *rules: Rule) -> None:
        with self._state.lock:
            self._state.rules.extend(rules)

    def clear(self) -> None:
        with self._state.lock:
            self._state.rules.clear()

    @property
    def seen(self) -> list[Seen]:
        with self._state.lock:
            return list(self._state.seen)

    def count(self, path: str, fault: Fault | None = None) -> int:
        return sum(1 for s in self.seen if s.path.startswith(path) and (fault is None or s.fault is fault))

    def _choose(self, method: str, path: str) -> Rule | None:
        with self._state.lock:
            for rule in self._state.rules:
                if not rule.matches(method, path) or (rule.times is not None and rule.fired >= rule.times):
                    continue
                if rule.probability < 1.0 and self._random.random() >= rule.probability:
                    continue
                rule.fired += 1
                return rule
        return None

    def _record(self, seen: Seen) -> None:
        with self._state.lock:
            self._state.seen.append(seen)

    # ---- upstream

    def _forward(
        self, method: str, target: str, headers: list[tuple[str, str]], body: bytes
    ) -> tuple[int, str, list[tuple[str, str]], bytes]:
        """Send one request upstream on a connection of its own, never twice (so no fault of the
        proxy's own can repeat a refresh or an enrolment)."""
        send_headers = {k: v for k, v in headers if k.lower() not in HOP_BY_HOP}
        send_headers["Host"] = f"{self._upstream_host}:{self._upstream_port}"
        send_headers["Connection"] = "close"
        conn = http.client.HTTPSConnection(
            self._upstream_host, self._upstream_port, context=self._upstream_context, timeout=60
        )
        try:
            conn.request(method, target, body=body or None, headers=send_headers)
            response = conn.getresponse()
            return response.status, response.reason, response.getheaders(), response.read()
        finally:
            conn.close()

    # ---- life cycle

    def __enter__(self) -> FaultProxy:
        self._thread.start()
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    def close(self) -> None:
        self._stopping.set()
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=10)


__all__ = ["Fault", "FaultProxy", "Rule", "Seen"]
