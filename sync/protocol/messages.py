"""Request and response bodies of the ``/v1`` API: the op envelope, push, pull, meta, digest, auth.

These models are the contract between ``sync.client`` and ``sync.service``. Payloads are plain
JSON objects here; :mod:`sync.protocol.records` validates them per entity. Envelopes keep unknown
fields too (``extra="allow"``), so a newer client's additions do not make an older server fail.
"""

from __future__ import annotations

import logging
from datetime import datetime
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

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


class _Open(BaseModel):
    model_config = ConfigDict(extra="allow")


class Op(_Open):
    """One outbox operation (sync-protocol.md §3 and §4)."""

    op_id: Ident  # UUIDv7 on the desktop; any unique id is accepted
    device_seq: int = Field(ge=1, le=2**62)
    kind: OpKind
    entity: Entity
    entity_id: Ident
    base_version: int | None = Field(default=None, ge=0, le=2**31)
    schema_version: int = Field(default=SCHEMA_VERSION, ge=1, le=1000)
    payload: dict[str, Any]
    payload_sha256: Sha256Hex
    author_user_id: Ident
    client_time: datetime | None = None


class PushRequest(_Open):
    protocol: int = Field(ge=0, le=1000)
    device_id: Ident | None = None  # informational: the device is taken from the access token
    first_device_seq: int = Field(ge=1, le=2**62)
    ops: list[Op] = Field(min_length=1, max_length=MAX_OPS_PER_BATCH)


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


class Change(_Open):
    """One entry of the pull feed, in ``server_seq`` order.

    For record changes ``payload`` is the full record at ``version``. For ``scope_added`` /
    ``scope_removed`` the ``scope`` names the case (``child:<id>``) or conference
    (``conference:<id>``); for ``conflict`` the payload is the conflict record.
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
