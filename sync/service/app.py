"""Builds the FastAPI application: the ``/v1`` routes, body limits and JSON errors.

Each request runs in exactly one database transaction (:meth:`Database.write_txn`) which also
authenticates the token (checked once before by :class:`~sync.service.gate.AuthGate`, before the
body is read or anything validated), counts the device's rate limit and appends to the audit chain; nothing is
cached in the process, so any number of workers or hosts can serve one PostgreSQL database.
"""

from __future__ import annotations

import datetime as dt
import logging
import uuid
from collections.abc import Callable
from typing import Annotated, Any, TypeVar

from fastapi import FastAPI, Header, Path, Query, Request
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel
from sqlalchemy import and_, or_, select, text
from sqlalchemy.orm import Session
from starlette.middleware.gzip import GZipMiddleware
from starlette.types import ASGIApp, Receive, Scope, Send

from sync.protocol.canonical import scope_digest
from sync.protocol.enums import ChangeKind, DeviceStatus, Entity, ErrorCode, RegisterStatus, Role
from sync.protocol.messages import (
    DEFAULT_PULL_LIMIT,
    MAX_PULL_LIMIT,
    SCHEMA_VERSION,
    AuditItem,
    Change,
    DeviceInfo,
    DeviceList,
    DigestResponse,
    DirectoryResponse,
    EnquiryResponse,
    EnrolRequest,
    EnrolResponse,
    ErrorBody,
    Health,
    HistoryEntry,
    HistoryResponse,
    MetaResponse,
    PullResponse,
    PushRequest,
    PushResponse,
    QualityResponse,
    TokenRequest,
    TokenResponse,
    UserInfo,
    protocol_json_schema,
)
from sync.protocol.quality import Period
from sync.service import audit, auth, authz, quality, scopes
from sync.service.config import Settings
from sync.service.context import Ctx, Principal, loads
from sync.service.db import SNAPSHOT_OPTION, Database, now_iso, peek_counter
from sync.service.errors import ApiError, install_error_handlers
from sync.service.gate import AuthGate
from sync.service.journal import handle_push, rejection_notice
from sync.service.limits import BodyLimitMiddleware, HeadLimitMiddleware, ParsedBodyRoute
from sync.service.models import AuditEvent, Device, Enquiry, EntityHead, OpJournal, RegisterState, ScopeGrant, User
from sync.service.models import Change as ChangeRow
from sync.service.security import Passwords

logger = logging.getLogger(__name__)

T = TypeVar("T")

ID_PATTERN = r"^[A-Za-z0-9_.:\-]{1,128}$"
SCOPE_PATTERN = r"^(child|conference|council):[A-Za-z0-9_.\-]{1,128}$"
#: The bearer token; optional in the signature so a missing one gets our own 401, not a 422.
Auth = Annotated[str | None, Header(alias="Authorization")]


def _serialised(model: BaseModel) -> Response:
    """The body of a large answer (push results, pull pages), serialised once by pydantic in Rust.

    FastAPI would otherwise validate the returned model against ``response_model`` again (on a
    second threadpool hop) before serialising it; the route keeps ``response_model`` for the schema.
    """
    return Response(model.model_dump_json(), media_type="application/json")


def _errors(*codes: int) -> dict[int | str, dict[str, Any]]:
    base = {400, 401, 413, 414, 415, 422, 429, 431}
    return {c: {"model": ErrorBody} for c in sorted(base | set(codes))}


class Service:
    """Request handlers; holds settings and the database handle, never per-user state."""

    def __init__(self, settings: Settings, db: Database) -> None:
        self.settings = settings
        self.db = db
        self.passwords = Passwords(settings)

    def txn(self, fn: Callable[[Session], T]) -> T:
        """Run ``fn`` in the write transaction; a :class:`auth.Deferred` commits, then raises."""
        deferred: ApiError | None = None
        result: T | None = None
        with self.db.write_txn() as session:
            try:
                result = fn(session)
            except auth.Deferred as d:
                deferred = d.error
        if deferred is not None:
            raise deferred
        return result  # type: ignore[return-value]

    def authed(self, authorization: str | None, fn: Callable[[Ctx], T]) -> T:
        def run(session: Session) -> T:
            now = self.settings.clock()
            principal = auth.authenticate(session, self.settings, now, authorization)
            return fn(Ctx(session=session, now=now, principal=principal))

        return self.txn(run)

    def check_token(self, authorization: str | None) -> None:
        """Raise the 401 a request with this ``Authorization`` header would get (for the gate)."""
        with self.db.engine.connect() as conn:
            conn.execution_options(**{SNAPSHOT_OPTION: True})
            auth.peek_access(conn, self.settings.clock(), authorization)

    def protocol_range(self) -> str:
        return f"this server speaks protocol {self.settings.protocol_min}..{self.settings.protocol_max}"

    def deny(self, ctx: Ctx, action: str, status: int, code: ErrorCode, detail: str, **where: str | None) -> None:
        """Audit a refused request, then make :meth:`txn` commit and answer with the error."""
        audit.append(
            ctx.session,
            ctx.now,
            action=action,
            outcome=f"denied:{code.value}",
            actor_user_id=ctx.principal.user_id,
            device_id=ctx.principal.device_id,
            entity=where.get("entity"),
            entity_id=where.get("entity_id"),
        )
        raise auth.Deferred(ApiError(status, code, detail))

    def require_scope(self, ctx: Ctx, scope: str, action: str) -> None:
        """Refuse (404, audited under ``action``) a scope that does not exist or is not the caller's."""
        if not _scope_visible(ctx, scope):
            self.deny(ctx, action, 404, ErrorCode.NOT_FOUND, "scope not found", entity="scope", entity_id=scope)

    def require_roles(self, ctx: Ctx, roles: frozenset[Role], action: str, detail: str, **where: str | None) -> None:
        """Refuse (403, audited under ``action``) a caller who holds none of ``roles``."""
        if not ctx.principal.roles & roles:
            self.deny(ctx, action, 403, ErrorCode.FORBIDDEN, detail, **where)

    def user_info(self, session: Session, user: User) -> UserInfo:
        return UserInfo(
            user_id=user.id,
            username=user.username,
            council_id=user.council_id,
            roles=sorted(auth.roles_of(session, user.id)),
            display_name=user.display_name,
        )


def _visible_changes_filter(p: Principal) -> Any:
    if p.council_id is None:
        return ChangeRow.target_user_id == p.user_id
    if p.council_wide:
        return or_(
            and_(ChangeRow.council_id == p.council_id, ChangeRow.target_user_id.is_(None)),
            ChangeRow.target_user_id == p.user_id,
        )
    granted = select(ScopeGrant.scope_key).where(ScopeGrant.user_id == p.user_id)
    return or_(
        and_(
            ChangeRow.council_id == p.council_id,
            ChangeRow.target_user_id.is_(None),
            ChangeRow.scope_key.in_(granted),
        ),
        ChangeRow.target_user_id == p.user_id,
    )


def _change_out(row: ChangeRow) -> Change:
    return Change(
        server_seq=row.server_seq,
        entity=row.entity,
        entity_id=row.entity_id,
        version=row.version,
        kind=ChangeKind(row.kind),
        scope=row.scope_key,
        payload=loads(row.payload_json),
        schema_version=row.schema_version,
        author_user_id=row.author_user_id,
        received_at=row.received_at,
    )


def _scope_visible(ctx: Ctx, scope: str) -> bool:
    """Whether ``scope`` exists and the caller may see it (one answer for both, so ids don't leak)."""
    p = ctx.principal
    kind, _, ident = scope.partition(":")
    if kind == "council":
        return ident == p.council_id and p.council_wide
    entity = Entity.CHILD if kind == "child" else Entity.CONFERENCE
    head = ctx.session.get(EntityHead, (entity.value, ident))
    return head is not None and ctx.can_see(head.council_id, head.scope_key)


class SyncGzipMiddleware:
    """Gzip the sync routes' answers for clients that send ``Accept-Encoding: gzip``.

    A pull page is about ten times smaller gzipped. Only ``/v1/sync/``: the answers that carry
    tokens (enrolment, token refresh) stay uncompressed, so their length never depends on secret
    bytes beside anything a request put in (BREACH).
    """

    PREFIX = "/v1/sync/"

    def __init__(self, app: ASGIApp, minimum_size: int = 512, compresslevel: int = 5) -> None:
        self.app = app
        self.gzip = GZipMiddleware(app, minimum_size=minimum_size, compresslevel=compresslevel)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and str(scope.get("path", "")).startswith(self.PREFIX):
            await self.gzip(scope, receive, send)
        else:
            await self.app(scope, receive, send)


def create_app(settings: Settings | None = None, db: Database | None = None) -> FastAPI:
    """Build the ASGI app. Migrates the database to head unless ``settings.run_migrations`` is off."""
    settings = settings or Settings()
    db = db or Database(settings.database_url)
    if settings.audit_signer is not None:
        db.signer = settings.audit_signer
    if settings.run_migrations:
        db.migrate()
    svc = Service(settings, db)
    app = FastAPI(
        title="Cofnod central register",
        version="1.0.0",
        description="Reference register service for Cofnod (sync protocol v1).",
    )
    # Before any route is declared: JSON bodies come parsed from BodyLimitMiddleware.
    app.router.route_class = ParsedBodyRoute
    app.state.service = svc
    install_error_handlers(app)
    app.add_middleware(BodyLimitMiddleware, max_bytes=settings.max_body_bytes, max_depth=settings.max_json_depth)
    # Added later, so outer: a protected route's token is checked before its body is read, and
    # the request line and headers before that.
    app.add_middleware(AuthGate, routes=app.router.routes, check=svc.check_token)
    app.add_middleware(SyncGzipMiddleware)
    app.add_middleware(HeadLimitMiddleware)

    @app.get("/healthz", response_model=Health, tags=["ops"], responses={503: {"model": ErrorBody}})
    def healthz() -> Health | JSONResponse:
        try:
            with db.read_txn() as s:
                s.execute(text("SELECT 1"))
        except Exception:  # noqa: BLE001 - health reports, never raises
            return JSONResponse({"error": ErrorCode.INTERNAL.value, "detail": "database unavailable"}, status_code=503)
        return Health(status="ok")

    @app.get("/v1/schema", tags=["meta"])
    def schema() -> dict[str, Any]:
        return protocol_json_schema()

    # ---- devices and tokens

    @app.post("/v1/devices", response_model=EnrolResponse, status_code=201, tags=["auth"], responses=_errors())
    def enrol(body: EnrolRequest, request: Request) -> EnrolResponse:
        ip = request.client.host if request.client else "unknown"
        user_key, ip_key = f"user:{body.username.casefold()}", f"ip:{ip}"

        def check(session: Session) -> str | None:
            now = settings.clock()
            wait = auth.throttle_wait(session, now, [user_key, ip_key])
            if wait:
                audit.append(session, now, action="signin", outcome="throttled", detail={"username": body.username})
                raise auth.Deferred(
                    ApiError(
                        429,
                        ErrorCode.TOO_MANY_ATTEMPTS,
                        "too many failed sign-ins; wait",
                        headers={"Retry-After": str(wait)},
                    )
                )
            user = session.scalar(select(User).where(User.username == body.username))
            return user.password_hash if user is not None and not user.disabled else None

        stored = svc.txn(check)
        ok = svc.passwords.verify(stored, body.password)

        def finish(session: Session) -> EnrolResponse:
            now = settings.clock()
            user = session.scalar(select(User).where(User.username == body.username))
            if not ok or user is None or user.disabled:
                auth.record_failure(session, settings, now, user_key, settings.signin_free_failures)
                auth.record_failure(session, settings, now, ip_key, settings.signin_ip_free_failures)
                audit.append(session, now, action="signin", outcome="failed", detail={"username": body.username})
                raise auth.Deferred(ApiError(401, ErrorCode.INVALID_CREDENTIALS, "user name or password is wrong"))
            auth.clear_failures(session, user_key)
            device = auth.new_device(session, user, body.device_name, now)
            session.flush()
            tokens = auth.issue_tokens(session, settings, now, device)
            audit.append(session, now, action="enrol", outcome="ok", actor_user_id=user.id, device_id=device.id)
            return EnrolResponse(
                device_id=device.id,
                access_token=tokens.access_token,
                access_expires_at=tokens.access_expires_at,
                refresh_token=tokens.refresh_token,
                refresh_expires_at=tokens.refresh_expires_at,
                server_id=db.server_id(session),
                user=svc.user_info(session, user),
            )

        return svc.txn(finish)

    @app.post("/v1/auth/token", response_model=TokenResponse, tags=["auth"], responses=_errors())
    def token(body: TokenRequest) -> TokenResponse:
        def run(session: Session) -> TokenResponse:
            now = settings.clock()
            device, tokens = auth.rotate_refresh(session, settings, now, body.refresh_token)
            return TokenResponse(
                device_id=device.id,
                access_token=tokens.access_token,
                access_expires_at=tokens.access_expires_at,
                refresh_token=tokens.refresh_token,
                refresh_expires_at=tokens.refresh_expires_at,
                server_id=db.server_id(session),
            )

        return svc.txn(run)

    @app.get("/v1/devices", response_model=DeviceList, tags=["auth"], responses=_errors(403))
    def list_devices(authorization: Auth = None) -> DeviceList:
        def run(ctx: Ctx) -> DeviceList:
            svc.require_roles(ctx, authz.ADMIN_ROLES, "list_devices", "administrators only")
            rows = ctx.session.execute(
                select(Device, User)
                .join(User, User.id == Device.user_id)
                .where(User.council_id == ctx.principal.council_id)
            ).all()
            return DeviceList(devices=[_device_info(d, u) for d, u in rows])

        return svc.authed(authorization, run)

    @app.delete("/v1/devices/{device_id}", response_model=DeviceInfo, tags=["auth"], responses=_errors(403, 404))
    def revoke_device(device_id: Annotated[str, Path(pattern=ID_PATTERN)], authorization: Auth = None) -> DeviceInfo:
        def run(ctx: Ctx) -> DeviceInfo:
            svc.require_roles(
                ctx, authz.ADMIN_ROLES, "revoke_device", "administrators only", entity="device", entity_id=device_id
            )
            device = ctx.session.get(Device, device_id)
            user = ctx.session.get(User, device.user_id) if device else None
            if device is None or user is None or user.council_id != ctx.principal.council_id:
                svc.deny(
                    ctx,
                    "revoke_device",
                    404,
                    ErrorCode.NOT_FOUND,
                    "device not found",
                    entity="device",
                    entity_id=device_id,
                )
            assert device is not None and user is not None
            if device.revoked_at is None:
                device.revoked_at = now_iso(ctx.now)
                auth.revoke_device_tokens(ctx.session, device.id, ctx.now)
            audit.append(
                ctx.session,
                ctx.now,
                action="revoke_device",
                outcome="ok",
                actor_user_id=ctx.principal.user_id,
                device_id=ctx.principal.device_id,
                entity="device",
                entity_id=device_id,
            )
            return _device_info(device, user)

        return svc.authed(authorization, run)

    # ---- sync

    @app.get("/v1/sync/meta", response_model=MetaResponse, tags=["sync"], responses=_errors())
    def meta(authorization: Auth = None) -> MetaResponse:
        def run(ctx: Ctx) -> MetaResponse:
            s = ctx.session
            device = s.get(Device, ctx.principal.device_id)
            user = s.get(User, ctx.principal.user_id)
            assert device is not None and user is not None
            scope_seq = s.scalar(
                select(ChangeRow.server_seq)
                .where(
                    ChangeRow.target_user_id == ctx.principal.user_id,
                    # Rejections are addressed to the user too, but do not change their scopes.
                    ChangeRow.kind.in_([ChangeKind.SCOPE_ADDED.value, ChangeKind.SCOPE_REMOVED.value]),
                )
                .order_by(ChangeRow.server_seq.desc())
                .limit(1)
            )
            return MetaResponse(
                server_id=db.server_id(s),
                protocol_min=settings.protocol_min,
                protocol_max=settings.protocol_max,
                min_client_version=settings.min_client_version,
                schema_version=SCHEMA_VERSION,
                head_seq=peek_counter(s, "server_seq"),
                device_id=device.id,
                device_status=DeviceStatus.REVOKED if device.revoked_at else DeviceStatus.ACTIVE,
                last_acked_device_seq=device.last_acked_device_seq,
                scopes=scopes.user_scopes(ctx),
                scopes_version=scope_seq or 0,
                server_time=now_iso(ctx.now),
                user=svc.user_info(s, user),
            )

        return svc.authed(authorization, run)

    @app.get("/v1/directory", response_model=DirectoryResponse, tags=["sync"], responses=_errors())
    def directory(authorization: Auth = None) -> DirectoryResponse:
        def run(ctx: Ctx) -> DirectoryResponse:
            council = ctx.principal.council_id
            if council is None:
                return DirectoryResponse(users=[])
            users = ctx.session.scalars(
                select(User).where(User.council_id == council, User.disabled.is_(False)).order_by(User.id)
            )
            return DirectoryResponse(users=[svc.user_info(ctx.session, u) for u in users])

        return svc.authed(authorization, run)

    @app.post("/v1/sync/push", response_model=PushResponse, tags=["sync"], responses=_errors(409, 426))
    def push(body: PushRequest, authorization: Auth = None) -> Response:
        def run(ctx: Ctx) -> PushResponse:
            if body.protocol > settings.protocol_max:
                # A client newer than the server: nothing is recorded, so its ops stay pending.
                raise ApiError(426, ErrorCode.UPGRADE_REQUIRED, f"{svc.protocol_range()}; this client is newer")
            limits = (settings.quota_device_bytes_per_day, settings.quota_user_bytes_per_day)
            response = handle_push(ctx, db.server_id(ctx.session), body, limits)
            if body.protocol < settings.protocol_min:
                # §9: an old client may always upload its outbox; each op is answered on its own.
                response.upgrade_required = f"{svc.protocol_range()}: upgrade Cofnod to receive changes"
            return response

        return _serialised(svc.authed(authorization, run))

    @app.get("/v1/sync/pull", response_model=PullResponse, tags=["sync"], responses=_errors(404, 426))
    def pull(
        authorization: Auth = None,
        cursor: Annotated[int, Query(ge=0, le=2**62)] = 0,
        limit: Annotated[int, Query(ge=1, le=MAX_PULL_LIMIT)] = DEFAULT_PULL_LIMIT,
        scope: Annotated[str | None, Query(pattern=SCOPE_PATTERN)] = None,
        protocol: Annotated[int | None, Query(ge=0, le=1000)] = None,
    ) -> Response:
        def run(ctx: Ctx) -> PullResponse:
            if protocol is not None and not settings.protocol_min <= protocol <= settings.protocol_max:
                raise ApiError(426, ErrorCode.UPGRADE_REQUIRED, f"{svc.protocol_range()}: upgrade Cofnod to pull")
            s = ctx.session
            head = peek_counter(s, "server_seq")
            where = [ChangeRow.server_seq > cursor, _visible_changes_filter(ctx.principal)]
            if scope is not None:
                svc.require_scope(ctx, scope, "read:pull")
                if not scope.startswith("council:"):
                    where.append(ChangeRow.scope_key == scope)
            rows = list(s.scalars(select(ChangeRow).where(*where).order_by(ChangeRow.server_seq).limit(limit + 1)))
            page: list[tuple[int, str, ChangeRow | OpJournal]] = [(r.server_seq, r.scope_key, r) for r in rows]
            if scope is None or scope.startswith("council:"):
                # The principal's rejection notices live in the op journal (journal.rejection_notice).
                notices = s.scalars(
                    select(OpJournal)
                    .where(
                        OpJournal.user_id == ctx.principal.user_id,
                        OpJournal.server_seq.is_not(None),
                        OpJournal.server_seq > cursor,
                    )
                    .order_by(OpJournal.server_seq)
                    .limit(limit + 1)
                )
                page += [(int(n.server_seq or 0), f"user:{n.user_id}", n) for n in notices]
                page.sort(key=lambda item: item[0])
            has_more = len(page) > limit
            page = page[:limit]
            changes = [rejection_notice(r) if isinstance(r, OpJournal) else _change_out(r) for _, _, r in page]
            last_seq = page[-1][0] if page else 0
            next_cursor = last_seq if has_more else max(head, cursor, last_seq)
            if changes:
                audit.append(
                    s,
                    ctx.now,
                    action="read:pull",
                    outcome="ok",
                    actor_user_id=ctx.principal.user_id,
                    device_id=ctx.principal.device_id,
                    detail={
                        "cursor": cursor,
                        "count": len(changes),
                        "through": next_cursor,
                        "scope": scope,
                        # Which cases and conferences were read (AUD-1 names the records read).
                        "scopes": sorted({key for _, key, _ in page}),
                    },
                )
            return PullResponse(
                server_id=db.server_id(s),
                changes=changes,
                next_cursor=next_cursor,
                has_more=has_more,
                head_seq=head,
                audit_head=audit.signed_head(s),
            )

        return _serialised(svc.authed(authorization, run))

    @app.get("/v1/sync/digest", response_model=DigestResponse, tags=["sync"], responses=_errors(404))
    def digest(scope: Annotated[str, Query(pattern=SCOPE_PATTERN)], authorization: Auth = None) -> DigestResponse:
        def run(ctx: Ctx) -> DigestResponse:
            svc.require_scope(ctx, scope, "read:digest")
            if scope.startswith("council:"):
                cond = EntityHead.council_id == ctx.principal.council_id
            else:
                cond = EntityHead.scope_key == scope
            rows = ctx.session.execute(select(EntityHead.entity, EntityHead.entity_id, EntityHead.version).where(cond))
            count, value = scope_digest((r[0], r[1], r[2]) for r in rows)
            return DigestResponse(
                scope=scope, count=count, digest=value, head_seq=peek_counter(ctx.session, "server_seq")
            )

        return svc.authed(authorization, run)

    # ---- register enquiries and history

    @app.get(
        "/v1/register/children/{child_id}",
        response_model=EnquiryResponse,
        tags=["register"],
        responses=_errors(403, 404),
    )
    def enquire(
        child_id: Annotated[str, Path(pattern=ID_PATTERN)],
        authorization: Auth = None,
        reason: Annotated[str | None, Query(max_length=2000)] = None,
    ) -> EnquiryResponse:
        def run(ctx: Ctx) -> EnquiryResponse:
            p = ctx.principal
            svc.require_roles(
                ctx,
                authz.ENQUIRY_ROLES,
                "register_enquiry",
                "enquirers and custodians only",
                entity="child",
                entity_id=child_id,
            )
            if not reason or not reason.strip():
                svc.deny(
                    ctx,
                    "register_enquiry",
                    400,
                    ErrorCode.REASON_REQUIRED,
                    "state the reason for the enquiry",
                    entity="child",
                    entity_id=child_id,
                )
            child = ctx.session.get(EntityHead, (Entity.CHILD.value, child_id))
            if child is None or child.council_id != p.council_id:
                svc.deny(
                    ctx,
                    "register_enquiry",
                    404,
                    ErrorCode.NOT_FOUND,
                    "child not found",
                    entity="child",
                    entity_id=child_id,
                )
            assert child is not None
            rs = ctx.session.get(RegisterState, child_id)
            entry: dict[str, Any] = {}
            if rs is not None and rs.active_entry_id:
                eh = ctx.session.get(EntityHead, (Entity.REGISTER_ENTRY.value, rs.active_entry_id))
                entry = loads(eh.payload_json) if eh else {}
            registered = entry.get("status") == RegisterStatus.REGISTERED.value
            coordinator_id, coordinator_name = None, None
            for a in scopes.heads_in_scope(ctx, Entity.COORDINATOR_ASSIGNMENT, child.scope_key):
                if not a.get("voided") and not a.get("to_date"):
                    coordinator_id, coordinator_name = a.get("coordinator_user_id"), a.get("coordinator_name")
            enquiry_id = "enq-" + uuid.uuid4().hex
            answer = EnquiryResponse(
                child_id=child_id,
                registered=registered,
                status=RegisterStatus(entry["status"]) if entry.get("status") else None,
                under_review=bool(entry.get("under_review")),
                temporary=bool(entry.get("temporary")),
                categories=entry.get("categories", []) if registered else [],
                registered_on=entry.get("registered_on") if registered else None,
                coordinator_name=coordinator_name,
                coordinator_user_id=coordinator_id,
                enquiry_id=enquiry_id,
            )
            ctx.session.add(
                Enquiry(
                    id=enquiry_id,
                    enquirer_user_id=p.user_id,
                    agency=p.agency,
                    child_id=child_id,
                    reason=reason,
                    asked_at=now_iso(ctx.now),
                    answer_json=answer.model_dump_json(),
                )
            )
            audit.append(
                ctx.session,
                ctx.now,
                action="read:register_enquiry",
                outcome="ok",
                actor_user_id=p.user_id,
                device_id=p.device_id,
                entity="child",
                entity_id=child_id,
                detail={"enquiry_id": enquiry_id, "reason": reason, "agency": p.agency, "registered": registered},
            )
            return answer

        return svc.authed(authorization, run)

    @app.get(
        "/v1/records/{entity}/{entity_id}/history",
        response_model=HistoryResponse,
        tags=["register"],
        responses=_errors(403, 404),
    )
    def history(
        entity: Entity, entity_id: Annotated[str, Path(pattern=ID_PATTERN)], authorization: Auth = None
    ) -> HistoryResponse:
        def run(ctx: Ctx) -> HistoryResponse:
            p = ctx.principal
            svc.require_roles(
                ctx,
                authz.HISTORY_ROLES,
                "read:history",
                "chairs and custodians only",
                entity=entity.value,
                entity_id=entity_id,
            )
            head = ctx.session.get(EntityHead, (entity.value, entity_id))
            if head is None or not ctx.can_see(head.council_id, head.scope_key):
                svc.deny(
                    ctx,
                    "read:history",
                    404,
                    ErrorCode.NOT_FOUND,
                    "record not found",
                    entity=entity.value,
                    entity_id=entity_id,
                )
            versions = ctx.session.scalars(
                select(ChangeRow)
                .where(ChangeRow.entity == entity.value, ChangeRow.entity_id == entity_id)
                .order_by(ChangeRow.server_seq)
            )
            events = ctx.session.scalars(
                select(AuditEvent)
                .where(AuditEvent.entity == entity.value, AuditEvent.entity_id == entity_id)
                .order_by(AuditEvent.idx)
            )
            out = HistoryResponse(
                entity=entity.value,
                entity_id=entity_id,
                versions=[
                    HistoryEntry(
                        server_seq=v.server_seq,
                        version=v.version,
                        kind=ChangeKind(v.kind),
                        payload=loads(v.payload_json),
                        author_user_id=v.author_user_id,
                        received_at=v.received_at,
                    )
                    for v in versions
                ],
                audit=[_audit_item(e.event_json) for e in events],
            )
            audit.append(
                ctx.session,
                ctx.now,
                action="read:history",
                outcome="ok",
                actor_user_id=p.user_id,
                device_id=p.device_id,
                entity=entity.value,
                entity_id=entity_id,
            )
            return out

        return svc.authed(authorization, run)

    # ---- the quality picture (issue 13)

    @app.get(
        "/v1/reports/quality",
        response_model=QualityResponse,
        tags=["register"],
        responses=_errors(400, 403),
    )
    def quality_report(
        period_from: Annotated[dt.date, Query(alias="from")],
        period_to: Annotated[dt.date, Query(alias="to")],
        authorization: Auth = None,
        board: bool = False,
    ) -> QualityResponse:
        def run(ctx: Ctx) -> QualityResponse:
            p = ctx.principal
            svc.require_roles(
                ctx, authz.QUALITY_ROLES, "read:quality_report", "register custodians and administrators only"
            )
            if period_to < period_from or (period_to - period_from).days > quality.MAX_PERIOD_DAYS:
                svc.deny(
                    ctx,
                    "read:quality_report",
                    400,
                    ErrorCode.VALIDATION,
                    f"the period must run forwards and last at most {quality.MAX_PERIOD_DAYS} days",
                )
            if p.council_id is None:
                svc.deny(ctx, "read:quality_report", 403, ErrorCode.FORBIDDEN, "members of a council only")
            assert p.council_id is not None
            suppressed = board or quality.council_suppresses(ctx.session, p.council_id)
            report = quality.council_report(
                ctx.session,
                Period(period_from, period_to),
                p.council_id,
                today=quality.wales_today(ctx.now),
                suppressed=suppressed,
            )
            audit.append(
                ctx.session,
                ctx.now,
                action="read:quality_report",
                outcome="ok",
                actor_user_id=p.user_id,
                device_id=p.device_id,
                detail={"from": period_from.isoformat(), "to": period_to.isoformat(), "suppressed": suppressed},
            )
            return quality.response(report, p.council_id)

        return svc.authed(authorization, run)

    return app


def _audit_item(event_json: str) -> AuditItem:
    e = loads(event_json)
    return AuditItem(
        index=int(e.get("index", 0)),
        at=str(e.get("at", "")),
        action=str(e.get("action", "")),
        actor_user_id=e.get("actor_user_id"),
        device_id=e.get("device_id"),
        outcome=str(e.get("outcome", "")),
    )


def _device_info(d: Device, u: User) -> DeviceInfo:
    return DeviceInfo(
        device_id=d.id,
        user_id=u.id,
        username=u.username,
        name=d.name,
        status=DeviceStatus.REVOKED if d.revoked_at else DeviceStatus.ACTIVE,
        created_at=d.created_at,
        last_seen_at=d.last_seen_at,
        last_acked_device_seq=d.last_acked_device_seq,
    )


__all__ = ["Role", "create_app"]
