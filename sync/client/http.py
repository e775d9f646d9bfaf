"""The HTTPS client of the register service: one keep-alive session, tokens, retries, typed answers.

:class:`RegisterClient` is made and used on one worker thread (it is not thread-safe) and turns
every call into a :mod:`sync.protocol.messages` model or a :class:`~sync.client.errors.SyncError`.

Transport (sync-protocol.md §13):

- ``trust_env = False`` and an explicit ``ssl.SSLContext`` in the connection pool: the CA bundle
  an administrator configured (only that bundle is trusted) or, when none is, the system store.
  ``REQUESTS_CA_BUNDLE``, proxies and ``.netrc`` cannot change that (platform-notes.md §8).
  Redirects are never followed (a bearer token must not travel to another address).
- ``(connect, read)`` timeouts on every call; request bodies over a few hundred bytes are sent
  ``Content-Encoding: gzip``; answers are asked for gzipped.
- Retries inside a call go through urllib3's ``Retry``: exponential back-off with jitter, a few
  attempts and a ceiling of seconds, a ``Retry-After`` honoured but capped at the same ceiling.
  The long back-off (doubling to 10 minutes) belongs to the engine's timer, which sees
  :attr:`SyncError.retryable`.

What may be sent twice (the reason there are two retry policies, picked by URL prefix):

- ``/v1/sync/*`` (push, pull, meta, digest) is retried after connection errors, timeouts, broken
  answers and 500/502/503/504. Pull, meta and digest only read. Push is idempotent by design: each
  op carries its ``op_id`` and ``device_seq``, the server journals the outcome in the batch's own
  transaction, and a repeat gets ``duplicate`` with the first outcome (sync-protocol.md §4).
- ``/v1/devices`` (enrol) and ``/v1/auth/token`` (refresh) are retried only when the connection
  could not be made, so the server never saw the request. Once it may have been seen they are not
  repeated: a second enrolment would leave an orphan device (and count against the sign-in
  throttle), and a refresh token is single-use: the service rotates it, so repeating a refresh
  whose answer was lost presents a used token, which the service treats as theft and answers by
  revoking the device's tokens (unless its grace rule for a lost answer applies). Either way the
  error comes back as ``NETWORK``; the next refresh presents the same stored token, which is all a
  blind retry would have done, but at a time the engine chose.

Tokens: both live in the :class:`~sync.client.tokens.TokenStore` (the OS key store). The access
token is renewed shortly before it expires (judged by a monotonic clock and the lifetime measured
against the answer's ``Date``, so a wrong laptop clock does not matter), and once more on a 401,
after which the call is tried once again. It is stored with the wall-clock instant at which to
renew it, so a new process (``cofnod sync``) reuses it instead of spending a refresh request; if
the laptop's clock moved between runs, the worst case is that 401 and one refresh.

Nothing secret is logged: log lines name the method, path, status, size and time, never headers,
bodies or query strings. Each answer's ``Date`` updates :attr:`RegisterClient.clock_skew`.
"""

from __future__ import annotations

import dataclasses
import email.utils
import gzip
import json
import logging
import os
import random
import re
import ssl
import sys
import time
from collections.abc import Callable, Generator, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any, Final, TypeVar
from urllib.parse import urlsplit

import requests
import urllib3
from pydantic import BaseModel, ValidationError
from requests.adapters import HTTPAdapter
from urllib3.util.retry import Retry

from sync.client.errors import ErrorKind, SyncError
from sync.client.tokens import Credentials, TokenStore
from sync.protocol.messages import (
    MAX_PULL_LIMIT,
    PROTOCOL_MAX,
    DigestResponse,
    DirectoryResponse,
    EnrolRequest,
    EnrolResponse,
    MetaResponse,
    PullResponse,
    PushRequest,
    PushResponse,
    TokenResponse,
    UserInfo,
)

logger = logging.getLogger(__name__)

M = TypeVar("M", bound=BaseModel)

#: The service's body limit (sync/service/config.py ``max_body_bytes``), applied after inflating.
DEFAULT_MAX_REQUEST_BYTES: Final = 1 << 20
RETRY_STATUSES: Final = frozenset({500, 502, 503, 504})
#: Paths whose requests may be sent again once the service may have seen them (module docstring).
REPEATABLE_PREFIX: Final = "/v1/sync/"
_ERROR_BODY_BYTES: Final = 64 << 10
_CODE = re.compile(r"^[a-z][a-z0-9_]{0,63}$")
_INT_DIGITS: Final = 20  # 64-bit integers only, as the service accepts
_MAX_TOKEN_LIFETIME: Final = 86_400.0
#: The longest wait the client passes on from a ``Retry-After`` (the engine's back-off ceiling).
MAX_RETRY_AFTER: Final = 600.0


@dataclass(frozen=True, slots=True)
class ClientConfig:
    """How to reach one register service. Times are seconds.

    Args:
        base_url: ``https://host[:port]``; plain HTTP is refused.
        ca_file: A PEM bundle to trust instead of the system store (an administrator's setting).
        retries: Attempts after the first, per call, for what may be repeated (see the module doc).
        backoff_factor: The first back-off; it doubles per attempt, with up to ``backoff_jitter`` added.
        backoff_max: The ceiling of one wait, a ``Retry-After`` included.
        max_request_bytes: Largest JSON body (before gzip) the client sends; over it, ``TOO_LARGE``.
            Counted uncompressed because the service caps the inflated body as well.
        max_response_bytes: Largest answer (after gunzip) the client reads; over it, ``PROTOCOL``.
        gzip_min_bytes: Bodies shorter than this go uncompressed (gzip would only add bytes).
        refresh_margin: Renew the access token this long before it expires (at most a fifth of its life).
        client_version: Sent in the User-Agent.
    """

    base_url: str
    ca_file: str | None = None
    connect_timeout: float = 10.0
    read_timeout: float = 60.0
    retries: int = 4
    backoff_factor: float = 0.5
    backoff_jitter: float = 0.5
    backoff_max: float = 10.0
    max_request_bytes: int = DEFAULT_MAX_REQUEST_BYTES
    max_response_bytes: int = 64 << 20
    gzip_min_bytes: int = 512
    gzip_level: int = 5
    refresh_margin: float = 30.0
    client_version: str = "0"

    def __post_init__(self) -> None:
        parts = urlsplit(self.base_url)
        if parts.scheme != "https" or not parts.hostname:
            raise ValueError("the service address must be an https:// URL")
        if parts.query or parts.fragment or parts.username or parts.password:
            raise ValueError("the service address must not carry a query, fragment or credentials")

    @property
    def root(self) -> str:
        return self.base_url.rstrip("/")


@dataclass(frozen=True, slots=True)
class Enrolment:
    """What a successful sign-in tells the caller; the tokens stay in the client and the key store."""

    device_id: str
    server_id: str
    user: UserInfo


@dataclass(slots=True)
class _Access:
    token: str = field(repr=False)
    renew_at: float  # on the monotonic clock


class _Retry(Retry):
    """urllib3's Retry with two changes: only the listed 5xx are retried (a 413 or 429 is the
    caller's to handle, whatever ``Retry-After`` says), and a ``Retry-After`` is capped at
    ``backoff_max`` and never raises (a junk header waits the ordinary back-off)."""

    def is_retry(self, method: str, status_code: int, has_retry_after: bool = False) -> bool:
        return self._is_method_retryable(method) and status_code in (self.status_forcelist or ())

    def parse_retry_after(self, retry_after: str) -> float:
        try:
            seconds = super().parse_retry_after(retry_after)
        except (ValueError, OverflowError, urllib3.exceptions.InvalidHeader):
            return 0.0
        return max(0.0, min(seconds, self.backoff_max))


class _PinnedAdapter(HTTPAdapter):
    """An adapter whose pools verify with one ``SSLContext`` (the configured CA or the system store)."""

    def __init__(self, context: ssl.SSLContext, retry: Retry) -> None:
        self._context = context
        super().__init__(max_retries=retry, pool_connections=1, pool_maxsize=1)

    def init_poolmanager(self, connections: int, maxsize: int, block: bool = False, **pool_kwargs: Any) -> None:
        # With an ssl_context in the pool, requests passes no CA of its own (certifi) for verify=True.
        pool_kwargs["ssl_context"] = self._context
        super().init_poolmanager(connections, maxsize, block=block, **pool_kwargs)

    def cert_verify(self, conn: Any, url: str, verify: Any, cert: Any) -> None:
        # requests would hand each pool certifi's bundle, which urllib3 then loads into our
        # context on every connection: trusting every public CA besides the configured one (and
        # costing ~0.1 s a connection). The context alone decides; verification is always on.
        conn.cert_reqs = "CERT_REQUIRED"
        conn.ca_certs = None
        conn.ca_cert_dir = None


class _Session(requests.Session):
    """A session that never follows a redirect, nor reads one's body to prepare ``Response.next``
    (requests does that even with ``allow_redirects=False``, outside our size cap and error mapping)."""

    def resolve_redirects(self, *args: Any, **kwargs: Any) -> Generator[Any, None, None]:
        return
        yield


def ssl_context(ca_file: str | None) -> ssl.SSLContext:
    """A verifying client context: only ``ca_file`` when given, else the system's trust store.

    The system store is read from the OpenSSL build's own locations (Windows: the certificate
    stores), not through ``SSL_CERT_FILE``/``SSL_CERT_DIR``, so no environment variable can swap it.
    """
    try:
        if ca_file:
            context = ssl.create_default_context(cafile=ca_file)
        elif sys.platform == "win32":
            context = ssl.create_default_context()
        else:
            context = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)  # verifies and checks host names
            paths = ssl.get_default_verify_paths()
            cafile = paths.openssl_cafile if os.path.isfile(paths.openssl_cafile) else None
            capath = paths.openssl_capath if os.path.isdir(paths.openssl_capath) else None
            if cafile or capath:
                context.load_verify_locations(cafile=cafile, capath=capath)
    except (OSError, ssl.SSLError):
        raise SyncError(ErrorKind.TLS, "ca_file_unreadable") from None
    context.minimum_version = ssl.TLSVersion.TLSv1_2
    return context


def _reject_constant(_name: str) -> Any:
    raise ValueError("non-finite number")


def _parse_int(text: str) -> int:
    if len(text) > _INT_DIGITS:
        raise ValueError("integer too long")
    return int(text)


def _parse_float(text: str) -> float:
    value = float(text)
    if value in (float("inf"), float("-inf")):
        raise ValueError("non-finite number")
    return value


def loads_strict(body: bytes) -> Any:
    """Parse JSON as the service writes it: no NaN or Infinity, integers within 64 bits."""
    return json.loads(body, parse_constant=_reject_constant, parse_int=_parse_int, parse_float=_parse_float)


def _parse_http_date(value: str | None) -> datetime | None:
    if not value or len(value) > 64:
        return None
    try:
        parsed = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError, OverflowError):
        return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def _parse_instant(value: str) -> datetime:
    try:
        parsed = datetime.fromisoformat(value)
    except (TypeError, ValueError):
        raise SyncError(ErrorKind.PROTOCOL, "bad_timestamp") from None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def _retry_after(headers: Mapping[str, str], ceiling: float) -> float | None:
    value = headers.get("Retry-After")
    if value is None or len(value) > 64:
        return None
    value = value.strip()
    if value.isdigit() and len(value) <= 10:
        return min(float(value), ceiling)
    when = _parse_http_date(value)
    if when is None:
        return None
    return max(0.0, min((when - datetime.now(UTC)).total_seconds(), ceiling))


class _BodyCutError(SyncError):
    """The answer's head arrived but its body did not (cut off or stalled)."""


@dataclass(frozen=True, slots=True)
class _Answer:
    status: int
    headers: Mapping[str, str]
    body: bytes


class RegisterClient:
    """Calls of the ``/v1`` API for one device. Use as a context manager, or call :meth:`close`.

    Args:
        config: Where the service is and how to talk to it.
        tokens: Where the refresh token is kept (the OS key store in the app).
        clock: The wall clock (UTC), only used to measure skew and token lifetimes without a ``Date``.
        monotonic: The clock that decides when the access token is renewed.
    """

    def __init__(
        self,
        config: ClientConfig,
        tokens: TokenStore,
        *,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
        monotonic: Callable[[], float] = time.monotonic,
    ) -> None:
        self.config = config
        self._tokens = tokens
        self._clock = clock
        self._monotonic = monotonic
        self._access: _Access | None = None
        self._credentials: Credentials | None = None
        #: Server time minus local time, from the latest answer's ``Date`` (None before any answer).
        self.clock_skew: timedelta | None = None
        #: Requests sent on the wire by this client, retries by urllib3 not included (for figures).
        self.requests_sent = 0
        #: Body bytes sent and received on the wire (after gzip), for the figures of the benchmarks.
        self.bytes_sent = 0
        self.bytes_received = 0
        self.refreshes = 0
        self._session = self._make_session()

    # ---- set-up

    def _make_session(self) -> requests.Session:
        c = self.config
        context = ssl_context(c.ca_file)
        common: dict[str, Any] = dict(
            total=c.retries,
            connect=c.retries,
            other=0,  # TLS verification failures and the like: never worth a second try
            redirect=0,
            status_forcelist=RETRY_STATUSES,
            backoff_factor=c.backoff_factor,
            backoff_jitter=c.backoff_jitter,
            backoff_max=c.backoff_max,
            raise_on_status=False,
            raise_on_redirect=False,
            respect_retry_after_header=True,
        )
        # Repeatable: reads and the idempotent push.
        sync_retry = _Retry(read=c.retries, status=c.retries, allowed_methods=frozenset({"GET", "POST"}), **common)
        # Enrol and refresh: only when the request cannot have reached the service.
        auth_retry = _Retry(read=0, status=0, allowed_methods=frozenset({"GET"}), **common)
        session = _Session()
        session.trust_env = False
        session.verify = True
        session.max_redirects = 0
        session.headers.clear()
        session.headers.update(
            {
                "User-Agent": f"cofnod/{c.client_version}",
                "Accept": "application/json",
                "Accept-Encoding": "gzip",
            }
        )
        for prefix in ("https://", "http://"):
            session.adapters.pop(prefix, None)
        session.mount(c.root + "/", _PinnedAdapter(context, auth_retry))
        session.mount(c.root + REPEATABLE_PREFIX, _PinnedAdapter(context, sync_retry))
        return session

    def close(self) -> None:
        self._session.close()
        self._access = None

    def __enter__(self) -> RegisterClient:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    @property
    def device_id(self) -> str | None:
        creds = self._credentials or self._tokens.load()
        return creds.device_id if creds else None

    # ---- the API

    def enrol(self, username: str, password: str, device_name: str = "") -> Enrolment:
        """Sign in and enrol this device (``POST /v1/devices``); the tokens go to the key store.

        The key store is checked first, so a device is not enrolled whose tokens could not be kept.
        """
        self._tokens.check()
        try:
            request = EnrolRequest(username=username, password=password, device_name=device_name)
        except ValidationError:
            raise SyncError(ErrorKind.BAD_REQUEST, "invalid_sign_in_fields") from None
        answer = self._send("POST", "/v1/devices", body=request.model_dump_json().encode("utf-8"), token=None)
        if answer.status != 201:
            raise self._error(answer)
        enrolled = self._model(answer, EnrolResponse)
        self._keep_tokens(enrolled, answer)
        return Enrolment(device_id=enrolled.device_id, server_id=enrolled.server_id, user=enrolled.user)

    def refresh(self) -> None:
        """Swap the stored refresh token for new tokens now (``POST /v1/auth/token``)."""
        creds = self._credentials or self._tokens.load()
        if creds is None:
            raise SyncError(ErrorKind.AUTH, "not_signed_in")
        body = json.dumps({"refresh_token": creds.refresh_token}).encode("utf-8")
        self.refreshes += 1
        answer = self._send("POST", "/v1/auth/token", body=body, token=None)
        if answer.status != 200:
            raise self._error(answer)
        self._keep_tokens(self._model(answer, TokenResponse), answer)

    def sign_out(self) -> None:
        """Forget this device's tokens here (the service keeps the device until an administrator acts)."""
        self._access = None
        self._credentials = None
        self._tokens.clear()

    def meta(self) -> MetaResponse:
        return self._call("GET", "/v1/sync/meta", MetaResponse)

    def directory(self) -> list[UserInfo]:
        """The users of the signed-in user's council (``GET /v1/directory``), for choosing seats offline."""
        return self._call("GET", "/v1/directory", DirectoryResponse).users

    def push(self, request: PushRequest) -> PushResponse:
        """Send one batch. Over ``max_request_bytes`` of JSON it is not sent: ``TOO_LARGE``, split it."""
        body = request.model_dump_json().encode("utf-8")
        if len(body) > self.config.max_request_bytes:
            raise SyncError(ErrorKind.TOO_LARGE, "request_too_large")
        answer = self._call("POST", "/v1/sync/push", PushResponse, body=body)
        sent = sorted(op.device_seq for op in request.ops)
        if sorted(r.device_seq for r in answer.results) != sent:
            raise SyncError(ErrorKind.PROTOCOL, "results_mismatch")
        return answer

    def pull(self, cursor: int, limit: int, scope: str | None = None) -> PullResponse:
        """One page of changes after ``cursor``; checked to move forward and stay in order."""
        if not 0 <= cursor <= 2**62 or not 1 <= limit <= MAX_PULL_LIMIT:
            raise ValueError("cursor or limit out of range")
        params: dict[str, str | int] = {"cursor": cursor, "limit": limit, "protocol": PROTOCOL_MAX}
        if scope is not None:
            params["scope"] = scope
        page = self._call("GET", "/v1/sync/pull", PullResponse, params=params)
        if len(page.changes) > limit:
            raise SyncError(ErrorKind.PROTOCOL, "page_over_limit")
        last = cursor
        for change in page.changes:
            if change.server_seq <= last:
                raise SyncError(ErrorKind.PROTOCOL, "changes_out_of_order")
            last = change.server_seq
        if page.next_cursor < last or (page.has_more and page.next_cursor <= cursor):
            raise SyncError(ErrorKind.PROTOCOL, "cursor_not_advancing")
        return page

    def digest(self, scope: str) -> DigestResponse:
        return self._call("GET", "/v1/sync/digest", DigestResponse, params={"scope": scope})

    # ---- tokens

    def _keep_tokens(self, answer_model: TokenResponse, answer: _Answer) -> None:
        creds = Credentials(
            device_id=answer_model.device_id,
            refresh_token=answer_model.refresh_token,
            refresh_expires_at=answer_model.refresh_expires_at,
            server_id=answer_model.server_id,
        )
        # The service has rotated the refresh token: nothing may fail before both copies are kept.
        # Memory first, so that if the key store fails now this run can still use the new token.
        renew_at = self._renew_at(answer_model.access_expires_at, answer)
        self._access = _Access(answer_model.access_token, renew_at)
        wall_renew_at = self._clock() + timedelta(seconds=max(0.0, renew_at - self._monotonic()))
        creds = dataclasses.replace(
            creds,
            access_token=answer_model.access_token,
            access_renew_at=wall_renew_at.isoformat(timespec="seconds"),
        )
        self._credentials = creds
        self._tokens.save(creds)

    def _renew_at(self, expires_at: str, answer: _Answer) -> float:
        """When to renew, on the monotonic clock: lifetime by the server's own clock, less a margin."""
        received = self._monotonic()
        issued = _parse_http_date(answer.headers.get("Date"))
        if issued is None:
            issued = self._clock() + (self.clock_skew or timedelta())
        try:
            lifetime = (_parse_instant(expires_at) - issued).total_seconds()
        except SyncError:
            lifetime = 0.0  # renewed at the next call rather than losing the rotated refresh token
        lifetime = max(0.0, min(lifetime, _MAX_TOKEN_LIFETIME))
        margin = min(self.config.refresh_margin, lifetime / 5)
        return received + lifetime - margin

    def _stored_access(self) -> _Access | None:
        """The access token an earlier run kept, while it is still worth using (else None)."""
        creds = self._credentials or self._tokens.load()
        if creds is None or creds.access_token is None or creds.access_renew_at is None:
            return None
        self._credentials = creds
        try:
            renew_at = datetime.fromisoformat(creds.access_renew_at)
        except ValueError:
            return None
        if renew_at.tzinfo is None:
            return None
        left = (renew_at - self._clock()).total_seconds()
        # More left than any token lives means the clock went back: do not trust it.
        if not 0.0 < left <= _MAX_TOKEN_LIFETIME:
            return None
        return _Access(creds.access_token, self._monotonic() + left)

    def _access_token(self) -> str:
        if self._access is None:
            self._access = self._stored_access()
        if self._access is None or self._monotonic() >= self._access.renew_at:
            self.refresh()
        assert self._access is not None
        return self._access.token

    # ---- requests and answers

    def _call(
        self,
        method: str,
        path: str,
        model: type[M],
        *,
        params: Mapping[str, str | int] | None = None,
        body: bytes | None = None,
    ) -> M:
        answer = self._send(method, path, params=params, body=body, token=self._access_token())
        if answer.status == 401 and self._error_code(answer) != "device_revoked":
            # One refresh, one more try (sync-protocol.md §11); a second 401 is the caller's.
            self.refresh()
            assert self._access is not None
            answer = self._send(method, path, params=params, body=body, token=self._access.token)
        if answer.status != 200:
            raise self._error(answer)
        return self._model(answer, model)

    def _send(
        self,
        method: str,
        path: str,
        *,
        token: str | None,
        params: Mapping[str, str | int] | None = None,
        body: bytes | None = None,
    ) -> _Answer:
        """One call on the wire. urllib3 retries up to the answer's head; an answer cut off or
        stalled in its body is retried here, for the repeatable paths only, on the same terms."""
        c = self.config
        headers: dict[str, str] = {}
        if token is not None:
            headers["Authorization"] = f"Bearer {token}"
        data = body
        if body is not None:
            headers["Content-Type"] = "application/json"
            if len(body) >= c.gzip_min_bytes:
                data = gzip.compress(body, compresslevel=c.gzip_level, mtime=0)
                headers["Content-Encoding"] = "gzip"
        attempts = 1 + (c.retries if path.startswith(REPEATABLE_PREFIX) else 0)
        for attempt in range(attempts):
            try:
                return self._send_once(method, path, params, data, headers)
            except _BodyCutError:
                if attempt + 1 >= attempts:
                    raise
                delay = min(c.backoff_max, c.backoff_factor * 2**attempt + random.uniform(0, c.backoff_jitter))
                time.sleep(delay)
        raise AssertionError("unreachable")

    def _send_once(
        self,
        method: str,
        path: str,
        params: Mapping[str, str | int] | None,
        data: bytes | None,
        headers: dict[str, str],
    ) -> _Answer:
        c = self.config
        started = time.perf_counter()
        self.requests_sent += 1
        self.bytes_sent += len(data or b"")
        try:
            response = self._session.request(
                method,
                c.root + path,
                params=params,
                data=data,
                headers=headers,
                timeout=(c.connect_timeout, c.read_timeout),
                allow_redirects=False,
                stream=True,
            )
        except requests.exceptions.SSLError:
            logger.info("TLS verification failed", extra={"method": method, "path": path})
            raise SyncError(ErrorKind.TLS, "tls_verify_failed") from None
        except (requests.exceptions.ConnectTimeout, requests.exceptions.ReadTimeout):
            raise SyncError(ErrorKind.NETWORK, "timeout") from None
        except (requests.exceptions.RequestException, urllib3.exceptions.HTTPError, OSError) as exc:
            logger.info("request failed", extra={"method": method, "path": path, "error": type(exc).__name__})
            raise SyncError(ErrorKind.NETWORK, "connection_failed") from None
        with response:
            self._note_date(response.headers.get("Date"))
            limit = c.max_response_bytes if response.status_code < 300 else _ERROR_BODY_BYTES
            content = self._read_capped(response, limit)
            self.bytes_received += int(response.raw.tell())
        logger.debug(
            "%s %s -> %s (%d bytes, %.1f ms)",
            method,
            path,
            response.status_code,
            len(content),
            (time.perf_counter() - started) * 1000,
        )
        return _Answer(response.status_code, response.headers, content)

    @staticmethod
    def _read_capped(response: requests.Response, limit: int) -> bytes:
        declared = response.headers.get("Content-Length")
        if declared is not None:
            if not declared.strip().isdigit() or len(declared) > 20:
                raise SyncError(ErrorKind.PROTOCOL, "bad_content_length")
            if int(declared) > limit:
                raise SyncError(ErrorKind.PROTOCOL, "answer_too_large")
        chunks: list[bytes] = []
        size = 0
        try:
            for chunk in response.iter_content(chunk_size=64 << 10):
                size += len(chunk)
                if size > limit:
                    raise SyncError(ErrorKind.PROTOCOL, "answer_too_large")
                chunks.append(chunk)
        except requests.exceptions.ContentDecodingError:
            raise SyncError(ErrorKind.PROTOCOL, "bad_content_encoding") from None
        except requests.exceptions.ConnectionError as exc:
            # requests wraps a read timeout met while streaming the body in a ConnectionError.
            stalled = any(isinstance(a, urllib3.exceptions.ReadTimeoutError) for a in exc.args)
            raise _BodyCutError(ErrorKind.NETWORK, "timeout" if stalled else "cut_off") from None
        except (requests.exceptions.RequestException, urllib3.exceptions.HTTPError, OSError):
            raise _BodyCutError(ErrorKind.NETWORK, "cut_off") from None
        return b"".join(chunks)

    def _note_date(self, value: str | None) -> None:
        server = _parse_http_date(value)
        if server is not None:
            self.clock_skew = server - self._clock()

    @staticmethod
    def _json(answer: _Answer) -> Any:
        content_type = answer.headers.get("Content-Type", "").split(";")[0].strip().lower()
        if content_type != "application/json":
            raise SyncError(ErrorKind.PROTOCOL, "not_json", status=answer.status)
        try:
            return loads_strict(answer.body)
        except (ValueError, RecursionError):
            raise SyncError(ErrorKind.PROTOCOL, "invalid_json", status=answer.status) from None

    def _model(self, answer: _Answer, model: type[M]) -> M:
        value = self._json(answer)
        if not isinstance(value, dict):
            raise SyncError(ErrorKind.PROTOCOL, "invalid_answer", status=answer.status)
        try:
            return model.model_validate(value)
        except (ValidationError, RecursionError):
            raise SyncError(ErrorKind.PROTOCOL, "invalid_answer", status=answer.status) from None

    def _error_body(self, answer: _Answer) -> dict[str, Any]:
        try:
            value = self._json(answer)
        except SyncError:
            return {}
        return value if isinstance(value, dict) else {}

    def _error_code(self, answer: _Answer) -> str | None:
        code = self._error_body(answer).get("error")
        return code if isinstance(code, str) and _CODE.match(code) else None

    def _error(self, answer: _Answer) -> SyncError:
        """The SyncError for a non-success answer; only the stable code is taken from its body."""
        status = answer.status
        body = self._error_body(answer)
        code = body.get("error")
        code = code if isinstance(code, str) and _CODE.match(code) else f"http_{status}"
        wait = _retry_after(answer.headers, MAX_RETRY_AFTER)
        if status == 401 or (status == 403 and code == "device_revoked"):
            kind = ErrorKind.REVOKED if code == "device_revoked" else ErrorKind.AUTH
            return SyncError(kind, code, status=status)
        if status == 403:
            return SyncError(ErrorKind.FORBIDDEN, code, status=status)
        if status == 404:
            return SyncError(ErrorKind.NOT_FOUND, code, status=status)
        if status == 409:
            expected = body.get("expected")
            valid = isinstance(expected, int) and not isinstance(expected, bool) and expected >= 1
            return SyncError(ErrorKind.CONFLICT, code, status=status, expected=expected if valid else None)
        if status == 413:
            return SyncError(ErrorKind.TOO_LARGE, code, status=status)
        if status == 426:
            return SyncError(ErrorKind.UPGRADE, code, status=status)
        if status == 429:
            return SyncError(ErrorKind.RATE_LIMITED, code, status=status, retry_after=wait)
        if status in (400, 411, 415, 422):
            return SyncError(ErrorKind.BAD_REQUEST, code, status=status)
        if 500 <= status <= 599:
            return SyncError(ErrorKind.SERVER, code, status=status, retry_after=wait)
        # 2xx other than promised, 3xx (never followed) and anything else are not this protocol.
        return SyncError(ErrorKind.PROTOCOL, f"unexpected_status_{status}" if 100 <= status <= 999 else "bad_status")


__all__ = ["ClientConfig", "Enrolment", "RegisterClient", "loads_strict", "ssl_context"]
