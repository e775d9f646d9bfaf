"""The register service's tables (SQLAlchemy 2 declarative), shared by SQLite and PostgreSQL.

Timestamps are stored as fixed-width ISO-8601 UTC text (``2026-02-11T09:42:17.123456Z``) so they
compare correctly as strings and read back identically on both databases. JSON is stored as
canonical text, so hashes computed over it are stable.
"""

from __future__ import annotations

import logging

from sqlalchemy import BigInteger, Boolean, Index, Integer, String, Text, UniqueConstraint, text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

logger = logging.getLogger(__name__)

TS = String(32)
#: SQLite autoincrements only an INTEGER PRIMARY KEY (the rowid alias), not BIGINT.
AUTO_ID = BigInteger().with_variant(Integer(), "sqlite")
ID = String(128)


class Base(DeclarativeBase):
    pass


class ServerMeta(Base):
    """Key-value facts about this database: ``server_id`` (the epoch), the audit head."""

    __tablename__ = "server_meta"
    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class Counter(Base):
    """Monotonic counters (``server_seq``, decision numbers); bumped only under the write lock."""

    __tablename__ = "counters"
    name: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[int] = mapped_column(BigInteger)


class Council(Base):
    __tablename__ = "councils"
    id: Mapped[str] = mapped_column(ID, primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    created_at: Mapped[str] = mapped_column(TS)


class User(Base):
    __tablename__ = "users"
    id: Mapped[str] = mapped_column(ID, primary_key=True)
    username: Mapped[str] = mapped_column(String(200), unique=True)
    display_name: Mapped[str] = mapped_column(String(200), default="")
    password_hash: Mapped[str] = mapped_column(String(512))
    council_id: Mapped[str | None] = mapped_column(ID, index=True)
    agency: Mapped[str | None] = mapped_column(String(200))
    disabled: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[str] = mapped_column(TS)


class UserRole(Base):
    __tablename__ = "user_roles"
    user_id: Mapped[str] = mapped_column(ID, primary_key=True)
    role: Mapped[str] = mapped_column(String(32), primary_key=True)


class Device(Base):
    __tablename__ = "devices"
    id: Mapped[str] = mapped_column(ID, primary_key=True)
    user_id: Mapped[str] = mapped_column(ID, index=True)
    name: Mapped[str] = mapped_column(String(200), default="")
    created_at: Mapped[str] = mapped_column(TS)
    revoked_at: Mapped[str | None] = mapped_column(TS)
    last_seen_at: Mapped[str | None] = mapped_column(TS)
    last_acked_device_seq: Mapped[int] = mapped_column(BigInteger, default=0)


class AccessToken(Base):
    """Only the SHA-256 of each token is stored; a database leak gives no usable token."""

    __tablename__ = "access_tokens"
    token_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    device_id: Mapped[str] = mapped_column(ID, index=True)
    user_id: Mapped[str] = mapped_column(ID)
    issued_at: Mapped[str] = mapped_column(TS)
    expires_at: Mapped[str] = mapped_column(TS)
    revoked_at: Mapped[str | None] = mapped_column(TS)


class RefreshToken(Base):
    __tablename__ = "refresh_tokens"
    token_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    device_id: Mapped[str] = mapped_column(ID, index=True)
    issued_at: Mapped[str] = mapped_column(TS)
    expires_at: Mapped[str] = mapped_column(TS)  # absolute: the family's sign-in time + 12 h
    rotated_at: Mapped[str | None] = mapped_column(TS)
    revoked_at: Mapped[str | None] = mapped_column(TS)
    #: After rotation: the hash of the refresh token that replaced this one, and the pair issued
    #: then, sealed under a key derived from this (plaintext) token, for the grace window.
    successor_hash: Mapped[str | None] = mapped_column(String(64))
    grace_sealed: Mapped[str | None] = mapped_column(Text)


class AuthThrottle(Base):
    """Failed sign-ins per user name and per client address; lives in the DB for multi-worker."""

    __tablename__ = "auth_throttle"
    key: Mapped[str] = mapped_column(String(300), primary_key=True)
    failures: Mapped[int] = mapped_column(Integer, default=0)
    last_failure_at: Mapped[str | None] = mapped_column(TS)
    blocked_until: Mapped[str | None] = mapped_column(TS)


class RateWindow(Base):
    """Fixed-window request counter per device."""

    __tablename__ = "rate_windows"
    device_id: Mapped[str] = mapped_column(ID, primary_key=True)
    window_start: Mapped[int] = mapped_column(BigInteger)
    count: Mapped[int] = mapped_column(Integer)


class EntityHead(Base):
    """The current version of every synced record. Finalised decisions are frozen by a trigger."""

    __tablename__ = "entities"
    entity: Mapped[str] = mapped_column(String(40), primary_key=True)
    entity_id: Mapped[str] = mapped_column(ID, primary_key=True)
    council_id: Mapped[str] = mapped_column(ID)
    scope_key: Mapped[str] = mapped_column(String(160))
    version: Mapped[int] = mapped_column(Integer)
    payload_json: Mapped[str] = mapped_column(Text)
    create_sha256: Mapped[str] = mapped_column(String(64))
    state: Mapped[str | None] = mapped_column(String(32))
    voided: Mapped[bool] = mapped_column(Boolean, default=False)
    open_conflicts: Mapped[int] = mapped_column(Integer, default=0)
    created_by: Mapped[str] = mapped_column(ID)
    updated_seq: Mapped[int] = mapped_column(BigInteger)

    __table_args__ = (Index("ix_entities_scope", "scope_key"), Index("ix_entities_council", "council_id"))


class Change(Base):
    """The change feed and the version history in one append-only table (ordered by server_seq).

    ``target_user_id`` marks events addressed to one user only (scope added or removed).
    """

    __tablename__ = "changes"
    server_seq: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    council_id: Mapped[str] = mapped_column(ID)
    scope_key: Mapped[str] = mapped_column(String(160))
    target_user_id: Mapped[str | None] = mapped_column(ID)
    entity: Mapped[str] = mapped_column(String(40))
    entity_id: Mapped[str] = mapped_column(ID)
    version: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(32))
    payload_json: Mapped[str] = mapped_column(Text)
    schema_version: Mapped[int] = mapped_column(Integer)
    author_user_id: Mapped[str | None] = mapped_column(ID)
    op_id: Mapped[str | None] = mapped_column(ID)
    received_at: Mapped[str] = mapped_column(TS)

    __table_args__ = (
        Index("ix_changes_council_seq", "council_id", "server_seq"),
        Index("ix_changes_scope_seq", "scope_key", "server_seq"),
        Index("ix_changes_target_seq", "target_user_id", "server_seq"),
        Index("ix_changes_entity", "entity", "entity_id", "version"),
    )


class OpJournal(Base):
    """Every pushed op and its first outcome, never updated (sync-protocol.md §4)."""

    __tablename__ = "op_journal"
    id: Mapped[int] = mapped_column(AUTO_ID, primary_key=True, autoincrement=True)
    op_id: Mapped[str] = mapped_column(ID, unique=True)
    device_id: Mapped[str] = mapped_column(ID)
    device_seq: Mapped[int] = mapped_column(BigInteger)
    user_id: Mapped[str] = mapped_column(ID)
    entity: Mapped[str] = mapped_column(String(40))
    entity_id: Mapped[str] = mapped_column(ID)
    kind: Mapped[str] = mapped_column(String(32))
    payload_sha256: Mapped[str] = mapped_column(String(64))
    op_json: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(16))
    result_json: Mapped[str] = mapped_column(Text)
    client_time: Mapped[str | None] = mapped_column(String(64))
    received_at: Mapped[str] = mapped_column(TS)
    #: A rejected op's place in its author's pull feed (the rejection notice is read from here);
    #: None for every other op.
    server_seq: Mapped[int | None] = mapped_column(BigInteger, nullable=True)

    __table_args__ = (
        UniqueConstraint("device_id", "device_seq", name="uq_journal_device_seq"),
        Index(
            "ix_journal_notices",
            "user_id",
            "server_seq",
            sqlite_where=text("server_seq IS NOT NULL"),
            postgresql_where=text("server_seq IS NOT NULL"),
        ),
    )


class OpAnomaly(Base):
    """Ops refused before they could enter the journal (id reuse, reused device_seq): kept for admins."""

    __tablename__ = "op_anomalies"
    id: Mapped[int] = mapped_column(AUTO_ID, primary_key=True, autoincrement=True)
    op_id: Mapped[str] = mapped_column(ID, index=True)
    device_id: Mapped[str] = mapped_column(ID)
    device_seq: Mapped[int] = mapped_column(BigInteger)
    code: Mapped[str] = mapped_column(String(40))
    op_json: Mapped[str] = mapped_column(Text)
    received_at: Mapped[str] = mapped_column(TS)


class ConflictRecord(Base):
    __tablename__ = "conflicts"
    id: Mapped[str] = mapped_column(ID, primary_key=True)
    entity: Mapped[str] = mapped_column(String(40))
    entity_id: Mapped[str] = mapped_column(ID)
    council_id: Mapped[str] = mapped_column(ID)
    scope_key: Mapped[str] = mapped_column(String(160))
    kind: Mapped[str] = mapped_column(String(40))
    state: Mapped[str] = mapped_column(String(16))
    op_id: Mapped[str] = mapped_column(ID)
    author_user_id: Mapped[str] = mapped_column(ID)
    base_version: Mapped[int | None] = mapped_column(Integer)
    server_version: Mapped[int | None] = mapped_column(Integer)
    detail_json: Mapped[str] = mapped_column(Text)
    created_at: Mapped[str] = mapped_column(TS)
    resolved_at: Mapped[str | None] = mapped_column(TS)
    resolved_by: Mapped[str | None] = mapped_column(ID)
    resolution_json: Mapped[str | None] = mapped_column(Text)

    __table_args__ = (Index("ix_conflicts_entity", "entity", "entity_id"),)


class RegisterState(Base):
    """Per child: the version of its register state, bumped by every register transition."""

    __tablename__ = "register_state"
    child_id: Mapped[str] = mapped_column(ID, primary_key=True)
    council_id: Mapped[str] = mapped_column(ID)
    version: Mapped[int] = mapped_column(Integer, default=0)
    active_entry_id: Mapped[str | None] = mapped_column(ID)
    last_decision_id: Mapped[str | None] = mapped_column(ID)


class ScopeGrant(Base):
    """Case or conference access that comes from an assignment rather than a council-wide role."""

    __tablename__ = "scope_grants"
    user_id: Mapped[str] = mapped_column(ID, primary_key=True)
    scope_key: Mapped[str] = mapped_column(String(160), primary_key=True)
    via: Mapped[str] = mapped_column(String(200), primary_key=True)


class Enquiry(Base):
    __tablename__ = "enquiries"
    id: Mapped[str] = mapped_column(ID, primary_key=True)
    enquirer_user_id: Mapped[str] = mapped_column(ID)
    agency: Mapped[str | None] = mapped_column(String(200))
    child_id: Mapped[str] = mapped_column(ID)
    reason: Mapped[str] = mapped_column(Text)
    asked_at: Mapped[str] = mapped_column(TS)
    answer_json: Mapped[str] = mapped_column(Text)


class AuditEvent(Base):
    """The hash chain: ``hash = SHA-256(previous row's hash || canonical(event))``; never updated."""

    __tablename__ = "audit_log"
    idx: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    hash: Mapped[str] = mapped_column(String(64))
    event_json: Mapped[str] = mapped_column(Text)
    created_at: Mapped[str] = mapped_column(TS)
    entity: Mapped[str | None] = mapped_column(String(40))
    entity_id: Mapped[str | None] = mapped_column(ID)

    __table_args__ = (Index("ix_audit_entity", "entity", "entity_id"),)


class AuditHeadRow(Base):
    """The chain's head after each write transaction that appended to it: count, hash, signature.

    Append-only like the log (revision 0003): the newest row is the head; the signature (Ed25519,
    :mod:`sync.protocol.audit_head`) is absent when the service runs without a signing key.
    """

    __tablename__ = "audit_heads"
    count: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    head_hash: Mapped[str] = mapped_column(String(64))
    signed_at: Mapped[str] = mapped_column(TS)
    key_id: Mapped[str | None] = mapped_column(String(16))
    signature: Mapped[str | None] = mapped_column(String(100))


class StorageUsage(Base):
    """Bytes stored per subject (``device:<id>`` or ``user:<id>``) per UTC day, for the quotas."""

    __tablename__ = "storage_usage"
    subject: Mapped[str] = mapped_column(String(160), primary_key=True)
    day: Mapped[str] = mapped_column(String(10), primary_key=True)
    bytes: Mapped[int] = mapped_column(BigInteger, default=0)
