"""The local sync state: server versions per record, conflicts, rejections, leases and scopes.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-03

Why (issue 9 §2):

* ``sync_row``: the service's version and ``server_seq`` of each synced record. The local
  ``version`` counts local edits and cannot be the ``base_version`` an op sends; the next op is
  based on the version the device last saw from the service. ``view_version`` says which service
  version the local record shows, so pulled versions held back while ops were pending are applied
  once the outbox drains. ``scope`` is the scope the feed named, for a scope's purge.
* ``sync_conflict`` and ``sync_rejection``: conflicts and rejections from op results and from the
  pull feed, with both versions, kept until a person resolves or acknowledges them.
* ``outbox.attempts`` and ``outbox.lease_until``: how often an op was handed to a sender, and until
  when the last one holds it (a crashed sender's lease expires). Existing rows start with none.
  The trigger ``outbox_op_frozen`` enforces the freeze rule (sync-protocol.md §3): once an op has
  been handed to a sender, what it says never changes (an edit made meanwhile is a new op) and
  its ``device_seq`` is never renumbered; only its state, lease and answer move. An op never sent
  may still be re-authored at sign-in (``desktop.store.identity``).
* ``sync_scope``: one row per scope event (backfill cursor, digest); the global ``pull_cursor`` in
  ``sync_state`` keeps working as before.

Ops already answered ``conflict`` or ``rejected`` are copied into the new tables (what was sent,
the code and the conflict id from the stored answer), so the "needs attention" count keeps them.

Only new tables and added columns (``ALTER TABLE ... ADD COLUMN``): no table is rebuilt. Rows
already synced have no ``sync_row`` yet: their next op falls back to the local version, as before.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | None = None
depends_on: str | None = None


FROZEN_TRIGGER = """
CREATE TRIGGER outbox_op_frozen BEFORE UPDATE OF
    device_seq, op_id, kind, entity, entity_id, base_version, payload_json, payload_sha256,
    schema_version, author_user_id, client_time ON outbox
WHEN OLD.state <> 'pending' OR OLD.attempts > 0
BEGIN
    SELECT RAISE(ABORT, 'outbox ops are frozen: record a new op');
END
"""


def upgrade() -> None:
    with op.batch_alter_table("outbox") as batch:
        batch.add_column(sa.Column("attempts", sa.Integer(), nullable=False, server_default="0"))
        batch.add_column(sa.Column("lease_until", sa.DateTime(), nullable=True))
    op.execute(FROZEN_TRIGGER)
    op.create_table(
        "sync_row",
        sa.Column("entity", sa.String(length=40), nullable=False),
        sa.Column("entity_id", sa.String(length=64), nullable=False),
        sa.Column("server_version", sa.Integer(), nullable=False),
        sa.Column("server_seq", sa.Integer(), nullable=True),
        sa.Column("view_version", sa.Integer(), nullable=True),
        sa.Column("scope", sa.String(length=80), nullable=True),
        sa.PrimaryKeyConstraint("entity", "entity_id", name=op.f("pk_sync_row")),
    )
    op.create_index(op.f("ix_sync_row_scope"), "sync_row", ["scope"], unique=False)
    op.create_table(
        "sync_conflict",
        sa.Column("id", sa.String(length=64), nullable=False),
        sa.Column("entity", sa.String(length=40), nullable=False),
        sa.Column("entity_id", sa.String(length=64), nullable=False),
        sa.Column("conflict_kind", sa.String(length=32), nullable=False),
        sa.Column("state", sa.String(length=16), nullable=False),
        sa.Column("op_id", sa.String(length=36), nullable=True),
        sa.Column("device_seq", sa.Integer(), nullable=True),
        sa.Column("author_user_id", sa.String(length=36), nullable=True),
        sa.Column("base_version", sa.Integer(), nullable=True),
        sa.Column("server_version", sa.Integer(), nullable=True),
        sa.Column("incoming_json", sa.Text(), nullable=True),
        sa.Column("server_json", sa.Text(), nullable=True),
        sa.Column("detail_json", sa.Text(), nullable=False),
        sa.Column("created_at", sa.String(length=40), nullable=True),
        sa.Column("received_at", sa.DateTime(), nullable=False),
        sa.Column("server_seq", sa.Integer(), nullable=True),
        sa.Column("resolved_at", sa.DateTime(), nullable=True),
        sa.Column("resolved_by", sa.String(length=36), nullable=True),
        sa.Column("resolution", sa.Text(), nullable=True),
        sa.Column("resolving_op_id", sa.String(length=36), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sync_conflict")),
    )
    op.create_index(op.f("ix_sync_conflict_entity_id"), "sync_conflict", ["entity_id"], unique=False)
    op.create_table(
        "sync_rejection",
        sa.Column("op_id", sa.String(length=36), nullable=False),
        sa.Column("device_seq", sa.Integer(), nullable=True),
        sa.Column("kind", sa.String(length=24), nullable=False),
        sa.Column("entity", sa.String(length=40), nullable=False),
        sa.Column("entity_id", sa.String(length=64), nullable=False),
        sa.Column("code", sa.String(length=40), nullable=True),
        sa.Column("detail", sa.Text(), nullable=True),
        sa.Column("sent_json", sa.Text(), nullable=True),
        sa.Column("server_version", sa.Integer(), nullable=True),
        sa.Column("server_json", sa.Text(), nullable=True),
        sa.Column("received_at", sa.DateTime(), nullable=False),
        sa.Column("server_seq", sa.Integer(), nullable=True),
        sa.Column("resolved_at", sa.DateTime(), nullable=True),
        sa.Column("resolved_by", sa.String(length=36), nullable=True),
        sa.Column("resolution", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("op_id", name=op.f("pk_sync_rejection")),
    )
    op.create_index(op.f("ix_sync_rejection_entity_id"), "sync_rejection", ["entity_id"], unique=False)
    op.create_table(
        "sync_scope",
        sa.Column("scope", sa.String(length=80), nullable=False),
        sa.Column("state", sa.String(length=16), nullable=False),
        sa.Column("cursor", sa.Integer(), nullable=False),
        sa.Column("digest", sa.String(length=128), nullable=True),
        sa.Column("changed_seq", sa.Integer(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("scope", name=op.f("pk_sync_scope")),
    )


    # What needed attention before this revision still does: the outbox answers, copied over.
    op.execute(
        """
        INSERT INTO sync_rejection (op_id, device_seq, kind, entity, entity_id, code, detail, sent_json,
                                    server_seq, received_at)
        SELECT op_id, device_seq, kind, entity, entity_id, json_extract(result_json, '$.code'),
               json_extract(result_json, '$.detail'), payload_json, server_seq, client_time
        FROM outbox WHERE state = 'rejected'
        """
    )
    op.execute(
        """
        INSERT OR IGNORE INTO sync_conflict (id, entity, entity_id, conflict_kind, state, op_id, device_seq,
                                             author_user_id, base_version, server_version, incoming_json,
                                             detail_json, server_seq, received_at)
        SELECT coalesce(json_extract(result_json, '$.conflict_id'), 'local-' || op_id), entity, entity_id,
               coalesce(json_extract(result_json, '$.conflict_kind'), 'draft_copy'), 'open', op_id, device_seq,
               author_user_id, base_version, json_extract(result_json, '$.server_version'),
               CASE WHEN kind = 'patch' THEN payload_json END, '{}', server_seq, client_time
        FROM outbox WHERE state = 'conflict'
        """
    )


def downgrade() -> None:
    op.drop_table("sync_scope")
    op.drop_index(op.f("ix_sync_rejection_entity_id"), table_name="sync_rejection")
    op.drop_table("sync_rejection")
    op.drop_index(op.f("ix_sync_conflict_entity_id"), table_name="sync_conflict")
    op.drop_table("sync_conflict")
    op.drop_index(op.f("ix_sync_row_scope"), table_name="sync_row")
    op.drop_table("sync_row")
    op.execute("DROP TRIGGER IF EXISTS outbox_op_frozen")
    with op.batch_alter_table("outbox") as batch:
        batch.drop_column("lease_until")
        batch.drop_column("attempts")
