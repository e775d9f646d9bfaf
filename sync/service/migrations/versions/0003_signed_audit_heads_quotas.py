"""Signed audit heads, storage quotas, and an INSERT-only database role for the audit tables.

- ``audit_heads`` replaces ``audit_checkpoints``: one append-only row per write transaction that
  appended to the audit chain (count, head hash, Ed25519 signature), instead of one row rewritten
  in place, so the service never needs UPDATE on an audit table. The old checkpoint becomes the
  first (unsigned) head.
- ``storage_usage``: bytes stored per device and per user per UTC day (the push quotas).
- ``audit_log.prev_hash`` goes: it repeated the previous row's ``hash`` (the verifier recomputes
  the chain anyway), and 65 bytes of every event is a tenth of what a rejected op costs.
- PostgreSQL: the role ``cofnod_service`` (created NOLOGIN if missing; the service's login role is
  made a member of it) may SELECT and INSERT the append-only tables (``audit_log``,
  ``audit_heads``, ``op_journal``, ``changes``, ``enquiries``) and nothing more: no UPDATE,
  DELETE or TRUNCATE, which the row triggers cannot stop (TRUNCATE fires no row trigger).
  It may read and write the other tables. A later revision that adds a table grants it too.

Revision ID: 0003
Revises: 0002
"""
from __future__ import annotations

from alembic import op
import sqlalchemy as sa


revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None

SERVICE_ROLE = "cofnod_service"
INSERT_ONLY_TABLES = ("audit_log", "audit_heads", "op_journal", "changes", "enquiries")
READ_WRITE_TABLES = (
    "access_tokens", "auth_throttle", "conflicts", "councils", "counters", "devices", "entities",
    "op_anomalies", "rate_windows", "refresh_tokens", "register_state", "scope_grants", "server_meta",
    "storage_usage", "user_roles", "users",
)


def upgrade() -> None:
    bind = op.get_bind()
    op.create_table('audit_heads',
    sa.Column('count', sa.BigInteger(), autoincrement=False, nullable=False),
    sa.Column('head_hash', sa.String(length=64), nullable=False),
    sa.Column('signed_at', sa.String(length=32), nullable=False),
    sa.Column('key_id', sa.String(length=16), nullable=True),
    sa.Column('signature', sa.String(length=100), nullable=True),
    sa.PrimaryKeyConstraint('count')
    )
    op.create_table('storage_usage',
    sa.Column('subject', sa.String(length=160), nullable=False),
    sa.Column('day', sa.String(length=10), nullable=False),
    sa.Column('bytes', sa.BigInteger(), nullable=False),
    sa.PrimaryKeyConstraint('subject', 'day')
    )
    op.execute(
        "INSERT INTO audit_heads (count, head_hash, signed_at) "
        "SELECT count, head_hash, created_at FROM audit_checkpoints WHERE id = 1"
    )
    op.drop_table('audit_checkpoints')
    # Native DROP COLUMN (SQLite 3.35+): a batch copy of the table would lose its triggers.
    op.execute("ALTER TABLE audit_log DROP COLUMN prev_hash")
    if bind.dialect.name == "sqlite":
        for verb in ("UPDATE", "DELETE"):
            op.execute(
                f"CREATE TRIGGER audit_heads_no_{verb.lower()} BEFORE {verb} ON audit_heads "
                "BEGIN SELECT RAISE(ABORT, 'audit_heads is append-only'); END"
            )
        return
    op.execute(
        "CREATE TRIGGER audit_heads_append_only BEFORE UPDATE OR DELETE ON audit_heads "
        "FOR EACH ROW EXECUTE FUNCTION cofnod_forbid()"
    )
    op.execute(
        f"DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '{SERVICE_ROLE}') "
        f"THEN CREATE ROLE {SERVICE_ROLE} NOLOGIN; END IF; END $$"
    )
    op.execute(f"GRANT USAGE ON SCHEMA public TO {SERVICE_ROLE}")
    op.execute(f"GRANT SELECT, INSERT ON {', '.join(INSERT_ONLY_TABLES)} TO {SERVICE_ROLE}")
    op.execute(f"GRANT SELECT, INSERT, UPDATE, DELETE ON {', '.join(READ_WRITE_TABLES)} TO {SERVICE_ROLE}")
    op.execute(f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {SERVICE_ROLE}")
    # The service checks at start that the schema is current (and never migrates as this role).
    op.execute(f"GRANT SELECT ON alembic_version TO {SERVICE_ROLE}")


def downgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name != "sqlite":
        op.execute(f"REVOKE ALL ON ALL TABLES IN SCHEMA public FROM {SERVICE_ROLE}")
        op.execute(f"REVOKE ALL ON ALL SEQUENCES IN SCHEMA public FROM {SERVICE_ROLE}")
        op.execute("DROP TRIGGER IF EXISTS audit_heads_append_only ON audit_heads")
    op.create_table('audit_checkpoints',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('count', sa.BigInteger(), nullable=False),
    sa.Column('head_hash', sa.String(length=64), nullable=False),
    sa.Column('created_at', sa.String(length=32), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    op.execute(
        "INSERT INTO audit_checkpoints (id, count, head_hash, created_at) "
        "SELECT 1, count, head_hash, signed_at FROM audit_heads ORDER BY count DESC LIMIT 1"
    )
    op.drop_table('storage_usage')
    op.drop_table('audit_heads')
    # The previous hashes can be rebuilt from the chain; the column comes back empty.
    op.execute("ALTER TABLE audit_log ADD COLUMN prev_hash VARCHAR(64)")
