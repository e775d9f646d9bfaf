"""Request and response bodies of the ``/v1`` API: the op envelope, push, pull, meta, digest, auth.

These models are the contract between ``sync.client`` and ``sync.service``. Payloads are plain
JSON objects here; :mod:`sync.protocol.records` validates them per entity. Envelopes keep unknown
fields too (``extra="allow"``), so a newer client's additions do not make an older server fail.

A push names each op's ``kind`` and ``entity`` as any short identifier (:class:`WireOp`): one the
server does not know is that op's ``rejected`` (``unsupported_kind`` / ``unknown_entity``), never a
422 for the batch, so nothing waits behind it (sync-protocol.md §4).

**A rejection is final.** The first outcome of an ``op_id`` is stored in the journal and never
changes: pushing the same ``op_id`` with the same ``payload_sha256`` again answers ``duplicate``
with ``first_status: rejected`` and the same ``code``; the same ``op_id`` with another payload is
``rejected: id_reuse``. To retry after fixing what was refused, the client records a **new op**
(a new ``op_id`` and the next ``device_seq``) and keeps the rejected one, rejected, in its outbox.
Rejections also reach the author's other devices through the pull feed, as a change of kind
``rejected`` on entity ``rejection`` (entity_id = the op_id) that only the author can see.
"""

from __future__ import annotations

import logging
import re
from datetime import date, datetime
from typing import Annotated, Any

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, StringConstraints

from sync.protocol.audit_head import SignedHead
from sync.protocol.enums import (
    Category,
    ChangeKind,
    ConflictKind,
    DeviceStatus,
    Entity,
    ErrorCode,
    OpKind,
    OpStatus,
    RegisterStatus,
    Role,
)

logger = logging.getLogger(__name__)

PROTOCOL_MIN = 1
PROTOCOL_MAX = 1
#: Payload shapes this protocol version knows; the server keeps a converter for each older one.
SCHEMA_VERSION = 1
MAX_OPS_PER_BATCH = 1000
MAX_PULL_LIMIT = 1000
DEFAULT_PULL_LIMIT = 250

Ident = Annotated[str, StringConstraints(min_length=1, max_length=128, pattern=r"^[A-Za-z0-9_.:\-]+$")]
Sha256Hex = Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{64}$")]
#: An op's kind or entity as sent: any short identifier, so one this server does not know is that
#: op's rejection rather than a refusal of the whole batch.
OpName = Annotated[str, StringConstraints(min_length=1, max_length=64, pattern=r"^[A-Za-z0-9_.:\-]+$")]

_RFC3339 = re.compile(r"^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(\.\d{1,9})?([Zz]|[+-]\d{2}:\d{2})$")


def _rfc3339_text(value: Any) -> Any:
    """Only an RFC 3339 date-time string with an offset is a date-time on the wire.

    Pydantic's lax mode would also take ``0`` or ``"1700000000"`` as Unix times and a date with
    no time; a client that sends those has a bug that should be refused, not guessed at.
    """
    if isinstance(value, datetime):
        return value
    if not isinstance(value, str) or not _RFC3339.match(value):
        raise ValueError("must be an RFC 3339 date-time string with an offset, e.g. 2026-02-11T09:42:17Z")
    return value


#: A date-time on the wire: RFC 3339 text with an offset (``Z`` or ``+01:00``), nothing else.
WireDateTime = Annotated[datetime, BeforeValidator(_rfc3339_text)]


class _Open(BaseModel):
    model_config = ConfigDict(extra="allow")


class WireOp(_Open):
    """One outbox operation as pushed (sync-protocol.md §3 and §4); see :class:`Op` for the values.

    ``kind`` and ``entity`` are any short identifier here: the server answers an unknown one in
    that op's result, so one op from a newer (or broken) client holds nothing else up.
    """

    op_id: Ident  # UUIDv7 on the desktop; any unique id is accepted
    device_seq: int = Field(ge=1, le=2**62)
    kind: OpName
    entity: OpName
    entity_id: Ident
    base_version: int | None = Field(default=None, ge=0, le=2**31)
    schema_version: int = Field(default=SCHEMA_VERSION, ge=1, le=1000)
    payload: dict[str, Any]
    payload_sha256: Sha256Hex
    author_user_id: Ident
    client_time: WireDateTime | None = None


class Op(WireOp):
    """An op whose ``kind`` and ``entity`` this protocol version knows: what the rules apply."""

    kind: OpKind
    entity: Entity


class PushRequest(_Open):
    protocol: int = Field(ge=0, le=1000)
    device_id: Ident | None = None  # informational: the device is taken from the access token
    first_device_seq: int = Field(ge=1, le=2**62)
    ops: list[WireOp] = Field(min_length=1, max_length=MAX_OPS_PER_BATCH)


class OpResult(_Open):
    """The outcome of one op. ``duplicate`` repeats the first outcome in ``first_status`` etc."""

    device_seq: int
    op_id: str
    status: OpStatus
    first_status: OpStatus | None = None
    server_seq: int | None = None
    entity_version: int | None = None
    conflict_id: str | None = None
    conflict_kind: ConflictKind | None = None
    server_version: int | None = None
    code: ErrorCode | None = None
    detail: str | None = None
    decision_number: str | None = None


class PushResponse(_Open):
    server_id: str
    acked_through_device_seq: int
    results: list[OpResult]
    #: Set when the client's protocol is below the server's range: its outbox is still taken (each
    #: op answered on its own, §9), but it must upgrade before it may pull; a message to show.
    upgrade_required: str | None = None


class Change(_Open):
    """One entry of the pull feed, in ``server_seq`` order.

    For record changes ``payload`` is the full record at ``version``. For ``scope_added`` /
    ``scope_removed`` the ``scope`` names the case (``child:<id>``) or conference
    (``conference:<id>``); for ``conflict`` the payload is the conflict record; for ``rejected``
    (entity ``rejection``, entity_id the op_id, seen only by the op's author) the payload names the
    op (``device_id``, ``device_seq``, ``kind``, ``entity``, ``entity_id``, ``payload_sha256``) and
    gives ``code`` and ``detail``: a device marks its outbox op with that op_id *and* hash rejected.
    """

    server_seq: int
    entity: str
    entity_id: str
    version: int
    kind: ChangeKind
    scope: str | None = None
    payload: dict[str, Any]
    schema_version: int
    author_user_id: str | None = None
    received_at: str


class PullResponse(_Open):
    server_id: str
    changes: list[Change]
    next_cursor: int
    has_more: bool
    head_seq: int
    #: The newest signed head of the audit chain, for the device to keep (absent when unsigned).
    audit_head: SignedHead | None = None


class UserInfo(_Open):
    user_id: str
    username: str
    council_id: str | None
    roles: list[Role]
    display_name: str | None = None


class DirectoryResponse(_Open):
    """``GET /v1/directory``: the users of the caller's council, whom a conference can name.

    A device caches it so that chairs, minute-takers and co-ordinators are chosen as service users
    offline too; nobody outside the council is ever listed.
    """

    users: list[UserInfo]


class MetaResponse(_Open):
    server_id: str
    protocol_min: int
    protocol_max: int
    min_client_version: str
    schema_version: int
    head_seq: int
    device_id: str
    device_status: DeviceStatus
    last_acked_device_seq: int
    scopes: list[str]
    scopes_version: int
    server_time: str
    user: UserInfo


class DigestResponse(_Open):
    scope: str
    count: int
    digest: str
    head_seq: int


class EnrolRequest(_Open):
    username: Annotated[str, StringConstraints(min_length=1, max_length=200)]
    password: Annotated[str, StringConstraints(min_length=1, max_length=1024)]
    device_name: Annotated[str, StringConstraints(max_length=200)] = ""


class TokenRequest(_Open):
    refresh_token: Annotated[str, StringConstraints(min_length=1, max_length=512)]


class TokenResponse(_Open):
    device_id: str
    access_token: str
    access_expires_at: str
    refresh_token: str
    refresh_expires_at: str
    token_type: str = "Bearer"
    server_id: str


class EnrolResponse(TokenResponse):
    user: UserInfo


class DeviceInfo(_Open):
    device_id: str
    user_id: str
    username: str
    name: str
    status: DeviceStatus
    created_at: str
    last_seen_at: str | None
    last_acked_device_seq: int


class DeviceList(_Open):
    devices: list[DeviceInfo]


class EnquiryResponse(_Open):
    """Answer to a register enquiry: only what an enquirer may see (domain.md §8)."""

    child_id: str
    registered: bool
    status: RegisterStatus | None
    under_review: bool
    temporary: bool
    categories: list[Category]
    registered_on: str | None
    coordinator_name: str | None
    coordinator_user_id: str | None
    enquiry_id: str


class HistoryEntry(_Open):
    server_seq: int
    version: int
    kind: ChangeKind
    payload: dict[str, Any]
    author_user_id: str | None
    received_at: str


class AuditItem(_Open):
    index: int
    at: str
    action: str
    actor_user_id: str | None
    device_id: str | None
    outcome: str


class HistoryResponse(_Open):
    entity: str
    entity_id: str
    versions: list[HistoryEntry]
    audit: list[AuditItem]


class ErrorBody(_Open):
    """Every error response: a stable ``error`` code and an optional ``detail``."""

    error: ErrorCode
    detail: Any = None
    expected: int | None = None  # for ``seq_gap``: the device_seq to send next


class Health(_Open):
    status: str


def protocol_json_schema() -> dict[str, Any]:
    """The JSON schema of the protocol's records and messages, as published at ``/v1/schema``."""
    from pydantic.json_schema import models_json_schema

    from sync.protocol.records import (
        RECORD_MODELS,
        EndRegistrationPayload,
        FinaliseDecisionPayload,
        ResolveConflictPayload,
        TemporaryRegistrationPayload,
        VoidPayload,
    )

    models: list[type[BaseModel]] = [
        WireOp,
        Op,
        PushRequest,
        PushResponse,
        PullResponse,
        MetaResponse,
        DigestResponse,
        ErrorBody,
        VoidPayload,
        FinaliseDecisionPayload,
        EndRegistrationPayload,
        TemporaryRegistrationPayload,
        ResolveConflictPayload,
        *RECORD_MODELS.values(),
    ]
    _, schema = models_json_schema([(m, "validation") for m in models], title="Cofnod sync protocol")
    schema["protocol_min"] = PROTOCOL_MIN
    schema["protocol_max"] = PROTOCOL_MAX
    schema["schema_version"] = SCHEMA_VERSION
    schema["records"] = {e.value: m.__name__ for e, m in RECORD_MODELS.items()}
    return schema


class QualityRow(_Open):
    """One figure of a quality report (``sync.protocol.quality.report_rows``); counts only, no records.

    ``count`` and ``denominator`` are None where small-number suppression hides a count of 1 to 4
    (``fewer_than_five`` then says so).
    """

    code: str
    breakdown: str | None = None
    count: int | None
    denominator: int | None = None
    fewer_than_five: bool = False


class QualityResponse(_Open):
    """``GET /v1/reports/quality``: every measure of issue 13 over the caller's council's register."""

    council_id: str
    period_from: date
    period_to: date
    produced_on: date
    suppressed: bool
    rows: list[QualityRow]
