"""Sign-in, device enrolment, token rotation and the per-request principal.

- Enrolment (``POST /v1/devices``) checks user name and password (argon2) and creates a device
  with an access token (5 minutes) and a refresh token (12 hours, absolute from sign-in).
- ``POST /v1/auth/token`` rotates the refresh token. Presenting one that was already rotated
  revokes every token of that device (RFC 9700 §4.14); the device must enrol again. The one
  exception is a lost answer on a bad network: presented again within ``Settings.refresh_grace``
  (60 s), and before the new refresh token has itself been used, the old token gets the **same**
  new pair back. Tokens are stored only as hashes, so that pair is kept sealed (AES-GCM) under a
  key derived from the old token's plaintext (:func:`~sync.service.security.seal`): only someone
  presenting the old token can open it, a copy of the database opens nothing, and the pair is
  random (not derived from the old token, which would let a stolen old token compute every later
  one). Outside the window, or once the successor was used, reuse revokes the device as before.
- Failed sign-ins are counted per user name and per client address in the database (so every
  worker sees them); past a few failures each further attempt must wait an exponentially growing
  delay, answered 429 ``too_many_attempts`` with ``Retry-After``.
- Each authenticated request also counts against the device's fixed-window rate limit.
"""

from __future__ import annotations

import json
import logging
import uuid
from dataclasses import asdict, dataclass
from datetime import datetime, timedelta

from sqlalchemy import Connection, select, update
from sqlalchemy.orm import Session

from sync.protocol.enums import ErrorCode, Role
from sync.service import audit
from sync.service.config import Settings
from sync.service.context import Principal
from sync.service.db import now_iso, parse_iso
from sync.service.errors import ApiError
from sync.service.models import (
    AccessToken,
    AuthThrottle,
    Device,
    RateWindow,
    RefreshToken,
    User,
    UserRole,
)
from sync.service.security import new_token, seal, token_hash, unseal

logger = logging.getLogger(__name__)


def roles_of(session: Session, user_id: str) -> frozenset[Role]:
    values = session.scalars(select(UserRole.role).where(UserRole.user_id == user_id))
    return frozenset(Role(v) for v in values if v in Role._value2member_map_)


@dataclass(frozen=True, slots=True)
class IssuedTokens:
    access_token: str
    access_expires_at: str
    refresh_token: str
    refresh_expires_at: str


def issue_tokens(
    session: Session, settings: Settings, now: datetime, device: Device, refresh_expires: datetime | None = None
) -> IssuedTokens:
    access = new_token("cat")
    refresh = new_token("crt")
    access_exp = now + settings.access_ttl
    refresh_exp = refresh_expires or now + settings.refresh_ttl
    session.add(
        AccessToken(
            token_hash=token_hash(access),
            device_id=device.id,
            user_id=device.user_id,
            issued_at=now_iso(now),
            expires_at=now_iso(access_exp),
        )
    )
    session.add(
        RefreshToken(
            token_hash=token_hash(refresh), device_id=device.id, issued_at=now_iso(now), expires_at=now_iso(refresh_exp)
        )
    )
    return IssuedTokens(access, now_iso(access_exp), refresh, now_iso(refresh_exp))


def revoke_device_tokens(session: Session, device_id: str, now: datetime) -> None:
    stamp = now_iso(now)
    session.execute(
        update(AccessToken)
        .where(AccessToken.device_id == device_id, AccessToken.revoked_at.is_(None))
        .values(revoked_at=stamp)
    )
    session.execute(
        update(RefreshToken)
        .where(RefreshToken.device_id == device_id, RefreshToken.revoked_at.is_(None))
        .values(revoked_at=stamp)
    )


# ---- sign-in throttling


def throttle_wait(session: Session, now: datetime, keys: list[str]) -> int:
    """Seconds the caller must still wait before another attempt (0 when free to try)."""
    wait = 0
    for key in keys:
        row = session.get(AuthThrottle, key)
        if row is not None and row.blocked_until is not None:
            remaining = (parse_iso(row.blocked_until) - now).total_seconds()
            if remaining > 0:
                wait = max(wait, int(remaining) + 1)
    return wait


def record_failure(session: Session, settings: Settings, now: datetime, key: str, free: int) -> None:
    row = session.get(AuthThrottle, key)
    if row is None:
        row = AuthThrottle(key=key, failures=0)
        session.add(row)
    row.failures += 1
    row.last_failure_at = now_iso(now)
    if row.failures > free:
        delay = min(2 ** (row.failures - free - 1), settings.signin_max_delay_seconds)
        row.blocked_until = now_iso(now + timedelta(seconds=delay))


def clear_failures(session: Session, key: str) -> None:
    row = session.get(AuthThrottle, key)
    if row is not None:
        session.delete(row)


# ---- per-request authentication


def _bearer(authorization: str | None) -> str:
    token = authorization[7:].strip() if authorization and authorization.lower().startswith("bearer ") else ""
    if not token:
        raise ApiError(401, ErrorCode.UNAUTHENTICATED, "bearer token required", headers={"WWW-Authenticate": "Bearer"})
    return token


def _verdict(
    now: datetime,
    *,
    found: bool,
    device_ok: bool,
    token_revoked: bool,
    expires_at: str | None,
    user_ok: bool,
) -> None:
    """The one rule for an access token, in the order its 401 codes are chosen."""
    if not found:
        raise ApiError(401, ErrorCode.INVALID_TOKEN, "unknown token", headers={"WWW-Authenticate": "Bearer"})
    if not device_ok:
        raise ApiError(401, ErrorCode.DEVICE_REVOKED, "this device has been revoked")
    if token_revoked:
        raise ApiError(401, ErrorCode.INVALID_TOKEN, "token revoked", headers={"WWW-Authenticate": "Bearer"})
    if expires_at is None or parse_iso(expires_at) <= now:
        raise ApiError(401, ErrorCode.TOKEN_EXPIRED, "access token expired", headers={"WWW-Authenticate": "Bearer"})
    if not user_ok:
        raise ApiError(401, ErrorCode.INVALID_TOKEN, "user disabled")


def peek_access(conn: Connection, now: datetime, authorization: str | None) -> None:
    """Raise the 401 :func:`authenticate` would raise for this header; one read, no ORM, no writes.

    :class:`~sync.service.gate.AuthGate` calls this before a request's body is read (so it must
    cost little); the route then authenticates in its own transaction with :func:`authenticate`.
    """
    token = _bearer(authorization)
    row = conn.execute(
        select(AccessToken.revoked_at, AccessToken.expires_at, Device.id, Device.revoked_at, User.id, User.disabled)
        .select_from(AccessToken)
        .outerjoin(Device, Device.id == AccessToken.device_id)
        .outerjoin(User, User.id == AccessToken.user_id)
        .where(AccessToken.token_hash == token_hash(token))
    ).first()
    _verdict(
        now,
        found=row is not None,
        device_ok=row is not None and row[2] is not None and row[3] is None,
        token_revoked=row is not None and row[0] is not None,
        expires_at=row[1] if row is not None else None,
        user_ok=row is not None and row[4] is not None and not row[5],
    )


def check_access(session: Session, now: datetime, authorization: str | None) -> tuple[Device, User]:
    """The device and user of a valid bearer token, or a 401 with a code saying why."""
    row = session.get(AccessToken, token_hash(_bearer(authorization)))
    device = session.get(Device, row.device_id) if row is not None else None
    user = session.get(User, row.user_id) if row is not None and device is not None else None
    _verdict(
        now,
        found=row is not None,
        device_ok=device is not None and device.revoked_at is None,
        token_revoked=row is not None and row.revoked_at is not None,
        expires_at=row.expires_at if row is not None else None,
        user_ok=user is not None and not user.disabled,
    )
    assert device is not None and user is not None
    return device, user


def authenticate(session: Session, settings: Settings, now: datetime, authorization: str | None) -> Principal:
    """Resolve the bearer token to a principal, or raise a 401 with a code saying why."""
    device, user = check_access(session, now, authorization)
    rate_limit(session, settings, now, device.id)
    device.last_seen_at = now_iso(now)
    return Principal(
        user_id=user.id,
        username=user.username,
        council_id=user.council_id,
        roles=roles_of(session, user.id),
        agency=user.agency,
        device_id=device.id,
    )


def rate_limit(session: Session, settings: Settings, now: datetime, device_id: str) -> None:
    window = int(now.timestamp()) // settings.rate_window_seconds
    row = session.get(RateWindow, device_id)
    if row is None:
        session.add(RateWindow(device_id=device_id, window_start=window, count=1))
        return
    if row.window_start != window:
        row.window_start = window
        row.count = 1
        return
    if row.count >= settings.rate_limit:
        retry = settings.rate_window_seconds - int(now.timestamp()) % settings.rate_window_seconds
        raise ApiError(
            429, ErrorCode.RATE_LIMITED, "too many requests from this device", headers={"Retry-After": str(retry)}
        )
    row.count += 1


def new_device(session: Session, user: User, name: str, now: datetime) -> Device:
    device = Device(
        id="dev-" + uuid.uuid4().hex, user_id=user.id, name=name, created_at=now_iso(now), last_acked_device_seq=0
    )
    session.add(device)
    return device


def rotate_refresh(
    session: Session, settings: Settings, now: datetime, refresh_token: str
) -> tuple[Device, IssuedTokens]:
    """Swap a refresh token for new tokens; a reused one revokes the device's whole family."""
    row = session.get(RefreshToken, token_hash(refresh_token))
    if row is None:
        raise ApiError(401, ErrorCode.INVALID_TOKEN, "unknown refresh token")
    device = session.get(Device, row.device_id)
    if device is None or device.revoked_at is not None:
        raise ApiError(401, ErrorCode.DEVICE_REVOKED, "this device has been revoked")
    if row.rotated_at is not None:
        replayed = _grace_replay(session, settings, now, row, refresh_token)
        if replayed is not None:
            audit.append(
                session,
                now,
                action="refresh_replay",
                outcome="grace",
                actor_user_id=device.user_id,
                device_id=device.id,
            )
            return device, replayed
        revoke_device_tokens(session, device.id, now)
        audit.append(
            session,
            now,
            action="refresh_reuse",
            outcome="tokens_revoked",
            actor_user_id=device.user_id,
            device_id=device.id,
        )
        raise _Deferred(
            ApiError(401, ErrorCode.REFRESH_REUSED, "refresh token reused; the device's tokens are revoked")
        )
    if row.revoked_at is not None:
        raise ApiError(401, ErrorCode.INVALID_TOKEN, "refresh token revoked")
    if parse_iso(row.expires_at) <= now:
        raise ApiError(401, ErrorCode.TOKEN_EXPIRED, "refresh token expired; sign in again")
    user = session.get(User, device.user_id)
    if user is None or user.disabled:
        raise ApiError(401, ErrorCode.INVALID_TOKEN, "user disabled")
    row.rotated_at = now_iso(now)
    tokens = issue_tokens(session, settings, now, device, refresh_expires=parse_iso(row.expires_at))
    row.successor_hash = token_hash(tokens.refresh_token)
    row.grace_sealed = seal(refresh_token, json.dumps(asdict(tokens)).encode(), row.token_hash.encode())
    return device, tokens


def _grace_replay(
    session: Session, settings: Settings, now: datetime, row: RefreshToken, presented: str
) -> IssuedTokens | None:
    """The pair ``row``'s rotation issued, if it may be handed out again now (module docstring)."""
    if row.revoked_at is not None or row.rotated_at is None or not row.grace_sealed or not row.successor_hash:
        return None
    if now - parse_iso(row.rotated_at) > settings.refresh_grace:
        return None
    successor = session.get(RefreshToken, row.successor_hash)
    if successor is None or successor.rotated_at is not None or successor.revoked_at is not None:
        return None  # the new pair has been used (or revoked): this is a replay, not a lost answer
    opened = unseal(presented, row.grace_sealed, row.token_hash.encode())
    if opened is None:
        return None
    tokens = IssuedTokens(**json.loads(opened))
    return tokens if token_hash(tokens.refresh_token) == successor.token_hash else None


class _Deferred(Exception):  # noqa: N818 - a control-flow carrier, not an error type
    """Carries an error to raise *after* the transaction commits (so its side effects persist)."""

    def __init__(self, error: ApiError) -> None:
        super().__init__(error.code.value)
        self.error = error


Deferred = _Deferred
