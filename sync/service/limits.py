"""ASGI middleware guarding every request body before FastAPI sees it.

In order: refuse a declared ``Content-Length`` over the limit; read the body while counting (so a
chunked upload is cut off at the limit too); inflate ``Content-Encoding: gzip`` with a bounded
output (a gzip bomb stops at limit + 1 byte); scan JSON nesting depth without building anything;
then parse once, refusing NaN/Infinity and integers beyond 64 bits, and normalise every string to
NFC. The value goes to the routes in the ASGI scope (:data:`PARSED_KEY`): the app's routes are
:class:`ParsedBodyRoute`, whose requests answer ``json()`` with it, so a body is parsed only once.
A declared charset other than UTF-8 is refused with 415 (JSON is UTF-8, RFC 8259 §8.1).

A refusal is sent only after the rest of the body has been read and dropped (up to
``max_drain_bytes``). HTTP/1.1 clients such as ``requests`` send the whole body before they read
the answer; a server that answers early and closes leaves the client writing into a closed TLS
connection, which it reports as an SSL EOF or a broken pipe instead of the 413. Drained, the
connection even stays open for the next request. A body declared larger than ``max_drain_bytes``
is not read at all: it is answered at once and the connection closed.
"""

from __future__ import annotations

import json
import logging
import re
import unicodedata
import zlib
from collections.abc import Awaitable, Callable, Coroutine, MutableMapping
from typing import Any

from fastapi.routing import APIRoute
from starlette.requests import Request
from starlette.responses import Response

from sync.protocol.canonical import INT_MAX, INT_MIN, nfc
from sync.protocol.enums import ErrorCode

logger = logging.getLogger(__name__)

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

# Strings (with escapes) are matched whole so brackets inside them are skipped; regex runs in C.
# Unrolled ("normal* (special normal*)*"): one step per run of plain characters, not one
# alternation per character, which cost half a second per megabyte of string.
_STRINGS = re.compile(rb'"[^"\\]*(?:\\.[^"\\]*)*"', re.DOTALL)
#: Every byte except the four brackets, for bytes.translate(None, delete=...).
_NOT_BRACKETS = bytes(b for b in range(256) if b not in b"[]{}")
_NOT_PARSED = object()


class BodyError(Exception):
    def __init__(self, status: int, code: ErrorCode, detail: str) -> None:
        super().__init__(detail)
        self.status = status
        self.code = code
        self.detail = detail


def check_depth(body: bytes, max_depth: int) -> None:
    """Raise :class:`BodyError` if arrays/objects nest deeper than ``max_depth``; O(n), no parse.

    Strings are cut out and everything but brackets deleted (both in C), so the Python loop
    only walks the brackets themselves.
    """
    depth = 0
    for byte in _STRINGS.sub(b"", body).translate(None, _NOT_BRACKETS):
        if byte in (0x5B, 0x7B):  # [ {
            depth += 1
            if depth > max_depth:
                raise BodyError(400, ErrorCode.TOO_DEEP, f"JSON nested deeper than {max_depth} levels")
        else:
            depth -= 1


def _reject_constant(name: str) -> Any:
    raise BodyError(400, ErrorCode.INVALID_JSON, f"{name} is not allowed")


def _parse_int(text: str) -> int:
    if len(text) > 20:
        raise BodyError(400, ErrorCode.NUMBER_OUT_OF_RANGE, "integer out of 64-bit range")
    value = int(text)
    if not INT_MIN <= value <= INT_MAX:
        raise BodyError(400, ErrorCode.NUMBER_OUT_OF_RANGE, "integer out of 64-bit range")
    return value


def _parse_float(text: str) -> float:
    value = float(text)
    if value in (float("inf"), float("-inf")):
        raise BodyError(400, ErrorCode.NUMBER_OUT_OF_RANGE, "number out of range")
    return value


#: Where the middleware leaves a JSON body's parsed, normalised value for the route to use.
PARSED_KEY = "cofnod.parsed_json"


def parse_json(body: bytes, max_depth: int) -> Any:
    """Validate a JSON body and return its value with every string in NFC (parsed once).

    A body that is valid UTF-8 with no ``\\u`` escapes and whose text is ASCII or NFC holds only
    NFC strings (its strings are slices of it; other escapes are ASCII) and is returned as
    parsed. Anything else is re-encoded, as before, to refuse lone surrogates and normalise.
    """
    check_depth(body, max_depth)
    try:
        value = json.loads(body, parse_constant=_reject_constant, parse_int=_parse_int, parse_float=_parse_float)
    except BodyError:
        raise
    except (ValueError, UnicodeDecodeError, RecursionError) as exc:
        raise BodyError(400, ErrorCode.INVALID_JSON, "body is not valid JSON") from exc
    try:
        raw = body.decode("utf-8")
    except UnicodeDecodeError:
        raw = None
    if raw is not None and "\\u" not in raw and (raw.isascii() or unicodedata.is_normalized("NFC", raw)):
        return value
    try:
        text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
        # NFC text holds only NFC strings (JSON escapes just quotes, backslashes and control
        # characters, which compose with nothing), so only a text that is not NFC needs nfc().
        if not (text.isascii() or unicodedata.is_normalized("NFC", text)):
            value = nfc(value)
            text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
        text.encode("utf-8")
    except UnicodeEncodeError as exc:  # lone surrogates from \ud800 escapes
        raise BodyError(400, ErrorCode.INVALID_JSON, "invalid unicode in body") from exc
    return value


def normalise_json(body: bytes, max_depth: int) -> bytes:
    """Validate and normalise a JSON body; returns the UTF-8 re-encoding with NFC strings."""
    return json.dumps(parse_json(body, max_depth), ensure_ascii=False, separators=(",", ":")).encode("utf-8")


class ParsedBodyRequest(Request):
    """A request whose :meth:`json` is the value the middleware parsed and normalised, if any."""

    async def json(self) -> Any:
        if PARSED_KEY in self.scope:
            return self.scope[PARSED_KEY]
        return await super().json()


class ParsedBodyRoute(APIRoute):
    """Route class: FastAPI reads JSON bodies from the middleware's parse instead of parsing again."""

    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        handler = super().get_route_handler()

        async def parsed_body_handler(request: Request) -> Response:
            return await handler(ParsedBodyRequest(request.scope, request.receive))

        return parsed_body_handler


#: How much of a refused request's body is read and dropped so the client can read the answer.
DEFAULT_MAX_DRAIN_BYTES = 16 << 20


class Receiver:
    """An ASGI ``receive`` that remembers whether the request body has been read to its end."""

    def __init__(self, receive: Receive) -> None:
        self._receive = receive
        self.complete = False
        self.disconnected = False

    async def __call__(self) -> Message:
        message = await self._receive()
        if message["type"] == "http.disconnect":
            self.disconnected = True
        elif not message.get("more_body", False):
            self.complete = True
        return message

    async def drain(self, scope: Scope, limit: int) -> bool:
        """Read and drop the rest of the body, at most ``limit`` bytes; True if it was all read."""
        declared = _declared_length(scope)
        if declared is not None and declared > limit:
            return False
        seen = 0
        while not (self.complete or self.disconnected):
            seen += len((await self()).get("body", b""))
            if seen > limit:
                return False
        return self.complete


def _declared_length(scope: Scope) -> int | None:
    for key, value in scope.get("headers") or []:
        if key.lower() == b"content-length":
            try:
                return int(value)
            except ValueError:
                return None
    return None


async def refuse(
    scope: Scope,
    receiver: Receiver,
    send: Send,
    exc: BodyError,
    *,
    max_drain_bytes: int,
    headers: list[tuple[bytes, bytes]] | None = None,
) -> None:
    """Answer ``exc`` in the service's JSON error shape, after draining the body (module docstring)."""
    drained = await receiver.drain(scope, max_drain_bytes)
    await send_error(send, exc, close=not drained, headers=headers)


def _charset(content_type: bytes) -> bytes | None:
    """The ``charset`` parameter of a Content-Type header, lower-cased, if there is one."""
    for param in content_type.split(b";")[1:]:
        name, _, value = param.partition(b"=")
        if name.strip().lower() == b"charset":
            return value.strip().strip(b'"').lower()
    return None


#: Limits on the request line and headers, checked by :class:`HeadLimitMiddleware` (the HTTP
#: server's own limit, 16 KiB, applies only to a head that arrives in pieces).
DEFAULT_MAX_QUERY_BYTES = 8 << 10
DEFAULT_MAX_HEADER_BYTES = 16 << 10


class HeadLimitMiddleware:
    """Refuse an oversized query string (414) or header block (431) in the JSON error shape."""

    def __init__(
        self,
        app: ASGIApp,
        *,
        max_query_bytes: int = DEFAULT_MAX_QUERY_BYTES,
        max_header_bytes: int = DEFAULT_MAX_HEADER_BYTES,
        max_drain_bytes: int = DEFAULT_MAX_DRAIN_BYTES,
    ) -> None:
        self.app = app
        self.max_query_bytes = max_query_bytes
        self.max_header_bytes = max_header_bytes
        self.max_drain_bytes = max_drain_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            error = None
            if len(scope.get("query_string") or b"") + len(scope.get("raw_path") or b"") > self.max_query_bytes:
                error = BodyError(414, ErrorCode.URI_TOO_LONG, f"path and query over {self.max_query_bytes} bytes")
            elif sum(len(k) + len(v) + 4 for k, v in scope.get("headers") or []) > self.max_header_bytes:
                error = BodyError(431, ErrorCode.HEADERS_TOO_LARGE, f"headers over {self.max_header_bytes} bytes")
            if error is not None:
                await refuse(scope, Receiver(receive), send, error, max_drain_bytes=self.max_drain_bytes)
                return
        await self.app(scope, receive, send)


class BodyLimitMiddleware:
    def __init__(
        self, app: ASGIApp, *, max_bytes: int, max_depth: int, max_drain_bytes: int = DEFAULT_MAX_DRAIN_BYTES
    ) -> None:
        self.app = app
        self.max_bytes = max_bytes
        self.max_depth = max_depth
        self.max_drain_bytes = max(max_drain_bytes, max_bytes)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] in ("GET", "HEAD", "OPTIONS", "DELETE"):
            await self.app(scope, receive, send)
            return
        receiver = receive if isinstance(receive, Receiver) else Receiver(receive)
        try:
            body, headers, parsed = await self._read(scope, receiver)
        except BodyError as exc:
            await refuse(scope, receiver, send, exc, max_drain_bytes=self.max_drain_bytes)
            return
        new_scope = dict(scope)
        new_scope["headers"] = headers
        if parsed is not _NOT_PARSED:
            new_scope[PARSED_KEY] = parsed
        sent = False

        async def replay() -> Message:
            nonlocal sent
            if not sent:
                sent = True
                return {"type": "http.request", "body": body, "more_body": False}
            return await receive()

        await self.app(new_scope, replay, send)

    async def _read(self, scope: Scope, receive: Receive) -> tuple[bytes, list[tuple[bytes, bytes]], Any]:
        headers: list[tuple[bytes, bytes]] = list(scope.get("headers") or [])
        lookup = {k.lower(): v for k, v in headers}
        declared = lookup.get(b"content-length")
        if declared is not None:
            try:
                if int(declared) > self.max_bytes:
                    raise BodyError(413, ErrorCode.BODY_TOO_LARGE, f"body over {self.max_bytes} bytes")
            except ValueError as exc:
                raise BodyError(400, ErrorCode.BAD_REQUEST, "bad Content-Length") from exc
        encoding = lookup.get(b"content-encoding", b"identity").strip().lower()
        if encoding not in (b"identity", b"gzip", b""):
            raise BodyError(415, ErrorCode.UNSUPPORTED_ENCODING, "only gzip is accepted")
        content_type = lookup.get(b"content-type", b"").lower()
        if _charset(content_type) not in (None, b"utf-8", b"utf8"):
            raise BodyError(415, ErrorCode.UNSUPPORTED_CHARSET, "bodies are UTF-8 JSON; declare charset=utf-8 or none")
        chunks: list[bytes] = []
        size = 0
        while True:
            message = await receive()
            if message["type"] == "http.disconnect":
                raise BodyError(400, ErrorCode.BAD_REQUEST, "client disconnected")
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > self.max_bytes:
                raise BodyError(413, ErrorCode.BODY_TOO_LARGE, f"body over {self.max_bytes} bytes")
            chunks.append(chunk)
            if not message.get("more_body", False):
                break
        body = b"".join(chunks)
        if encoding == b"gzip":
            body = self._gunzip(body)
        parsed: Any = _NOT_PARSED
        if body and (b"json" in content_type or not content_type):
            # Parsed once, here; the routes take this value (ParsedBodyRoute) rather than the bytes.
            parsed = parse_json(body, self.max_depth)
        headers = [
            (k, v)
            for k, v in headers
            if k.lower() not in (b"content-length", b"content-encoding", b"transfer-encoding")
        ]
        headers.append((b"content-length", str(len(body)).encode()))
        return body, headers, parsed

    def _gunzip(self, data: bytes) -> bytes:
        """Inflate a gzip body, every member of it (RFC 1952 §2.2), to at most ``max_bytes`` in all.

        A stream cut short (no end of member, so its CRC was never checked) or followed by bytes
        that are not another member is refused rather than read as the part that happened to inflate.
        """
        out = bytearray()
        while True:
            inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
            try:
                out += inflater.decompress(data, self.max_bytes + 1 - len(out))
            except zlib.error as exc:
                raise BodyError(400, ErrorCode.BAD_REQUEST, "invalid gzip body") from exc
            if len(out) > self.max_bytes or inflater.unconsumed_tail:
                raise BodyError(413, ErrorCode.BODY_TOO_LARGE, f"inflated body over {self.max_bytes} bytes")
            if not inflater.eof:
                raise BodyError(400, ErrorCode.BAD_REQUEST, "gzip body is truncated")
            data = inflater.unused_data
            if not data:
                return bytes(out)


async def send_error(
    send: Send, exc: BodyError, *, close: bool = True, headers: list[tuple[bytes, bytes]] | None = None
) -> None:
    """Send ``exc`` as ``{"error": code, "detail": ...}``; ``close`` ends the connection after it."""
    payload = json.dumps({"error": exc.code.value, "detail": exc.detail}).encode()
    out = [
        (b"content-type", b"application/json"),
        (b"content-length", str(len(payload)).encode()),
        *(headers or []),
    ]
    if close:
        out.append((b"connection", b"close"))
    await send({"type": "http.response.start", "status": exc.status, "headers": out})
    await send({"type": "http.response.body", "body": payload})
