"""Refresh-token grace window: each rotated refresh token keeps its successor and the sealed pair.

``successor_hash`` names the refresh token that replaced this one; ``grace_sealed`` holds the pair
issued at rotation, AES-GCM sealed under a key derived from this token's plaintext (which the
database never stores), so a refresh presented twice within the grace window (its answer was lost
on a bad network) gets the same pair back instead of revoking the device (RFC 9700 §4.14).

Revision ID: 0002
Revises: 0001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("refresh_tokens", schema=None) as batch_op:
        batch_op.add_column(sa.Column("successor_hash", sa.String(length=64), nullable=True))
        batch_op.add_column(sa.Column("grace_sealed", sa.Text(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("refresh_tokens", schema=None) as batch_op:
        batch_op.drop_column("grace_sealed")
        batch_op.drop_column("successor_hash")
