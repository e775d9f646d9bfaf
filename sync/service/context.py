"""Who is asking, and the per-request context the rules run in."""

from __future__ import annotations

import hashlib
import json
import logging
import unicodedata
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from sync.protocol.canonical import canonical_json
from sync.protocol.enums import ChangeKind, Role
from sync.service.appends import appends_of
from sync.service.authz import COUNCIL_WIDE_ROLES
from sync.service.db import now_iso
from sync.service.models import ScopeGrant

logger = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Principal:
    """The signed-in user and device, taken from the access token (never from the body)."""

    user_id: str
    username: str
    council_id: str | None
    roles: frozenset[Role]
    agency: str | None
    device_id: str

    @property
    def council_wide(self) -> bool:
        return bool(self.roles & COUNCIL_WIDE_ROLES)


def dumps(value: Any) -> str:
    """:func:`canonical_json` of a JSON value (string keys) as text, byte for byte the same.

    Serialises first and walks the value for NFC only if that text is not NFC: text in NFC holds
    only NFC strings (JSON escapes just quotes, backslashes and control characters, which compose
    with nothing), and nearly every value the service writes is ASCII or already NFC.
    """
    text = json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False)
    if text.isascii() or unicodedata.is_normalized("NFC", text):
        return text
    return canonical_json(value).decode("utf-8")


def sha256_of(value: Any) -> str:
    """:func:`sync.protocol.canonical.payload_sha256` by way of :func:`dumps`."""
    return hashlib.sha256(dumps(value).encode("utf-8")).hexdigest()


def loads(text: str) -> dict[str, Any]:
    value = json.loads(text)
    return value if isinstance(value, dict) else {}


@dataclass(slots=True)
class Ctx:
    session: Session
    now: datetime
    principal: Principal
    received_at: str = field(init=False)
    #: Heads looked up in this transaction, misses included (None): a push prefetches the batch's
    #: ids in one query so applying an op does not cost a SELECT (and an autoflush) each.
    head_cache: dict[tuple[str, str], Any] = field(default_factory=dict)
    #: The heads of one entity type in one scope, by (scope_key, entity), once :func:`heads_in_scope`
    #: loaded them; new heads of the transaction join them (:func:`sync.service.rules.new_head`), so
    #: quorum, conference children and co-ordinators cost one SELECT per scope and batch, not per op.
    scope_cache: dict[tuple[str, str], dict[str, Any]] = field(default_factory=dict)
    #: SHA-256 of each op's canonical payload, by op_id, computed once by the push with its size.
    payload_hashes: dict[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.received_at = now_iso(self.now)

    def can_see(self, council_id: str, scope_key: str) -> bool:
        """Whether the principal may see records in ``scope_key`` (same council, role or grant)."""
        p = self.principal
        if p.council_id is None or council_id != p.council_id:
            return False
        if p.council_wide:
            return True
        grant = self.session.scalar(
            select(ScopeGrant.via).where(ScopeGrant.user_id == p.user_id, ScopeGrant.scope_key == scope_key).limit(1)
        )
        return grant is not None

    def emit(
        self,
        *,
        council_id: str,
        scope_key: str,
        entity: str,
        entity_id: str,
        version: int,
        kind: ChangeKind,
        payload: dict[str, Any],
        schema_version: int = 1,
        op_id: str | None = None,
        target_user_id: str | None = None,
        author_user_id: str | None = None,
        payload_json: str | None = None,
    ) -> int:
        """Append one change to the feed, with the next server-wide sequence number."""
        pending = appends_of(self.session)
        seq = pending.next_value("server_seq")
        pending.change(
            {
                "server_seq": seq,
                "council_id": council_id,
                "scope_key": scope_key,
                "target_user_id": target_user_id,
                "entity": entity,
                "entity_id": entity_id,
                "version": version,
                "kind": kind.value,
                "payload_json": payload_json if payload_json is not None else dumps(payload),
                "schema_version": schema_version,
                "author_user_id": author_user_id if author_user_id is not None else self.principal.user_id,
                "op_id": op_id,
                "received_at": self.received_at,
            }
        )
        return seq
