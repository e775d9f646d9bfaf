"""Rejection notices are read from the op journal instead of a second row in the change feed.

- ``op_journal.server_seq``: a rejected op's journal row takes the ``server_seq`` its notice has
  in its author's pull feed, and the pull serves the notice from that row (issue 14 §3: each
  rejected op cost a journal row, an audit event and a feed row with four index entries; the
  feed row goes). Null for every other op, so the partial index ``ix_journal_notices`` holds
  only rejections. Rows journalled before this revision keep their notices in ``changes``.

Revision ID: 0004
Revises: 0003
"""
from __future__ import annotations

from alembic import op
import sqlalchemy as sa


revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Native ADD COLUMN: a batch copy of the table would lose its append-only triggers.
    op.add_column('op_journal', sa.Column('server_seq', sa.BigInteger(), nullable=True))
    op.create_index(
        'ix_journal_notices',
        'op_journal',
        ['user_id', 'server_seq'],
        sqlite_where=sa.text('server_seq IS NOT NULL'),
        postgresql_where=sa.text('server_seq IS NOT NULL'),
    )


def downgrade() -> None:
    op.drop_index('ix_journal_notices', table_name='op_journal')
    op.drop_column('op_journal', 'server_seq')
