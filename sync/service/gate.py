"""The authentication gate: every protected route checks its bearer token before anything else.

A protected route is one that takes the ``Authorization`` header (every ``/v1`` route but the
schema, enrolment and token refresh). For those the gate runs outside the body middleware and
FastAPI's validation, so an unauthenticated request is answered 401 whatever its query or body:
a broken, oversized, gzip-bombed or wrongly encoded body, a cursor of -1 or an old protocol
number tells an outsider nothing about the API (and costs the service no parsing). The check only
reads (token, device, user); the route authenticates again inside its own transaction, which is
what counts the rate limit and sees a revocation made in between.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

import anyio.to_thread
from fastapi.routing import APIRoute
from starlette.routing import BaseRoute, Match

from sync.service.errors import ApiError
from sync.service.limits import (
    DEFAULT_MAX_DRAIN_BYTES,
    ASGIApp,
    BodyError,
    Receive,
    Receiver,
    Scope,
    Send,
    refuse,
)

logger = logging.getLogger(__name__)

#: Checks an ``Authorization`` header value; raises :class:`ApiError` (401) if it is not valid.
TokenCheck = Callable[[str | None], None]


def is_protected(route: BaseRoute) -> bool:
    """Whether ``route`` takes a bearer token (its endpoint has the ``Authorization`` header)."""
    if not isinstance(route, APIRoute):
        return False
    return any(p.alias.lower() == "authorization" for p in route.dependant.header_params)


class AuthGate:
    def __init__(
        self,
        app: ASGIApp,
        *,
        routes: list[BaseRoute],
        check: TokenCheck,
        max_drain_bytes: int = DEFAULT_MAX_DRAIN_BYTES,
    ) -> None:
        self.app = app
        # The app's own route list: read at the first request, when every route is declared.
        self._all_routes = routes
        self._protected: list[BaseRoute] | None = None
        self.check = check
        self.max_drain_bytes = max_drain_bytes

    def _needs_token(self, scope: Scope) -> bool:
        if self._protected is None:
            self._protected = [r for r in self._all_routes if is_protected(r)]
        return any(route.matches(scope)[0] is Match.FULL for route in self._protected)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or not self._needs_token(scope):
            await self.app(scope, receive, send)
            return
        authorization = None
        for key, value in scope.get("headers") or []:
            if key.lower() == b"authorization":
                authorization = value.decode("latin-1")
                break
        try:
            await anyio.to_thread.run_sync(self.check, authorization)
        except ApiError as exc:
            receiver = Receiver(receive)
            headers = [(k.lower().encode("latin-1"), v.encode("latin-1")) for k, v in exc.headers.items()]
            error = BodyError(exc.status, exc.code, str(exc.detail))
            await refuse(scope, receiver, send, error, max_drain_bytes=self.max_drain_bytes, headers=headers)
            return
        await self.app(scope, receive, send)
