"""The HTTP/1.1 server protocol ``cofnod-register serve`` runs: uvicorn's h11 one, with JSON errors.

Requests that never reach the application (a malformed request line or header, or a request line
and headers over ``h11_max_incomplete_event_size``, 16 KiB, which is where an oversized query
string ends up) are answered by the server itself. Uvicorn answers those in plain text; this
protocol answers in the service's JSON error shape, ``{"error": code, "detail": ...}``, with h11's
own status hint: 431 ``headers_too_large`` for the oversized ones, 400 ``bad_request`` otherwise.

The client is usually still sending the head it began (``requests`` reads nothing before it has
sent it all), so the connection is not closed at once, which it would see as an SSL EOF instead of
the answer: what else arrives is read and dropped, up to 1 MiB or until 2 s pass without data.
"""

from __future__ import annotations

import asyncio
import json
import logging
from typing import Any

import h11
from h11._connection import DEFAULT_MAX_INCOMPLETE_EVENT_SIZE
from uvicorn.protocols.http.h11_impl import H11Protocol

from sync.protocol.enums import ErrorCode

logger = logging.getLogger(__name__)


class _Connection(h11.Connection):
    """An h11 connection that remembers the protocol error it last raised (for its status hint)."""

    last_error: h11.RemoteProtocolError | None = None

    def next_event(self) -> Any:
        try:
            return super().next_event()
        except h11.RemoteProtocolError as exc:
            self.last_error = exc
            raise


_DISCARD_BYTES = 1 << 20
_DISCARD_IDLE_SECONDS = 2.0


class JsonErrorsH11Protocol(H11Protocol):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._discard_timer: asyncio.TimerHandle | None = None
        self._discard_left = 0
        size = self.config.h11_max_incomplete_event_size
        self.conn = _Connection(h11.SERVER, size if size is not None else DEFAULT_MAX_INCOMPLETE_EVENT_SIZE)

    def send_400_response(self, msg: str) -> None:
        error = self.conn.last_error if isinstance(self.conn, _Connection) else None
        status = error.error_status_hint if error is not None else 400
        if status == 431:
            code, detail = ErrorCode.HEADERS_TOO_LARGE, "request line and headers must be under 16 KiB"
        else:
            status, code, detail = 400, ErrorCode.BAD_REQUEST, "invalid HTTP request"
        body = json.dumps({"error": code.value, "detail": detail}).encode()
        headers = [
            (b"content-type", b"application/json"),
            (b"content-length", str(len(body)).encode()),
            (b"connection", b"close"),
        ]
        for event in (h11.Response(status_code=status, headers=headers), h11.Data(data=body), h11.EndOfMessage()):
            self.transport.write(self.conn.send(event))
        self._discard_left = _DISCARD_BYTES
        self._discard_timer = self.loop.call_later(_DISCARD_IDLE_SECONDS, self.transport.close)

    def data_received(self, data: bytes) -> None:
        if self._discard_timer is None:
            super().data_received(data)
            return
        self._discard_left -= len(data)
        self._discard_timer.cancel()
        if self._discard_left <= 0:
            self.transport.close()
        else:
            self._discard_timer = self.loop.call_later(_DISCARD_IDLE_SECONDS, self.transport.close)

    def connection_lost(self, exc: Exception | None) -> None:
        if self._discard_timer is not None:
            self._discard_timer.cancel()
        super().connection_lost(exc)
