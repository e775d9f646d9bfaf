"""Errors of the service: every one becomes JSON ``{"error": <stable code>, "detail": ...}``.

No handler ever returns a stack trace, SQL fragment or token; unexpected exceptions are logged
server-side and answered with ``internal``.
"""

from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from sync.protocol.enums import ErrorCode

logger = logging.getLogger(__name__)


class ApiError(Exception):
    """An error with an HTTP status and a stable code; raise it anywhere inside a request."""

    def __init__(
        self,
        status: int,
        code: ErrorCode,
        detail: Any = None,
        *,
        headers: dict[str, str] | None = None,
        extra: dict[str, Any] | None = None,
    ) -> None:
        super().__init__(code.value)
        self.status = status
        self.code = code
        self.detail = detail
        self.headers = headers or {}
        self.extra = extra or {}


def error_response(
    status: int,
    code: ErrorCode,
    detail: Any = None,
    headers: dict[str, str] | None = None,
    extra: dict[str, Any] | None = None,
) -> JSONResponse:
    body: dict[str, Any] = {"error": code.value, "detail": detail}
    body.update(extra or {})
    return JSONResponse(body, status_code=status, headers=headers)


_STATUS_CODES: dict[int, ErrorCode] = {
    400: ErrorCode.BAD_REQUEST,
    401: ErrorCode.UNAUTHENTICATED,
    403: ErrorCode.FORBIDDEN,
    404: ErrorCode.NOT_FOUND,
    405: ErrorCode.METHOD_NOT_ALLOWED,
    413: ErrorCode.BODY_TOO_LARGE,
    414: ErrorCode.URI_TOO_LONG,
    415: ErrorCode.UNSUPPORTED_ENCODING,
    431: ErrorCode.HEADERS_TOO_LARGE,
    429: ErrorCode.RATE_LIMITED,
}


def _safe_validation_errors(exc: RequestValidationError) -> list[dict[str, Any]]:
    # Keep location, type and message only: ``input`` may echo personal data or huge values.
    out = []
    for err in exc.errors()[:20]:
        out.append(
            {
                "loc": [str(p) for p in err.get("loc", ())],
                "type": str(err.get("type", "")),
                "msg": str(err.get("msg", "")),
            }
        )
    return out


def install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(ApiError)
    async def _api_error(_req: Request, exc: ApiError) -> JSONResponse:
        return error_response(exc.status, exc.code, exc.detail, exc.headers, exc.extra)

    @app.exception_handler(RequestValidationError)
    async def _validation(_req: Request, exc: RequestValidationError) -> JSONResponse:
        return error_response(422, ErrorCode.VALIDATION, _safe_validation_errors(exc))

    @app.exception_handler(StarletteHTTPException)
    async def _http(_req: Request, exc: StarletteHTTPException) -> JSONResponse:
        code = _STATUS_CODES.get(exc.status_code, ErrorCode.BAD_REQUEST)
        return error_response(exc.status_code, code, None, dict(exc.headers or {}))

    @app.exception_handler(Exception)
    async def _unexpected(_req: Request, exc: Exception) -> JSONResponse:
        logger.exception("unhandled error", exc_info=exc)
        return error_response(500, ErrorCode.INTERNAL, None)
