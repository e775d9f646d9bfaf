"""The register version the service stamps on each register entry, and a co-ordinator who is a service user.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-03

Why (issue 8, one system): finalising a decision names the child's register version the device
saw, so the service can tell two chairs deciding from the same state apart (sync-protocol.md §8).
The service stamps ``register_version`` on every register entry it writes; the device keeps it
here and sends the highest it holds for the child (0 when it holds none).

A co-ordinator chosen from the service's directory is named by user id too
(``coordinator_assignment.coordinator_user_id``): the service grants that user the child's case.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    # A plain ADD COLUMN: a batch copy would drop the table's triggers (revision 0002).
    op.add_column("register_entry", sa.Column("register_version", sa.Integer(), nullable=True))
    op.add_column("coordinator_assignment", sa.Column("coordinator_user_id", sa.String(36), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("coordinator_assignment") as batch:
        batch.drop_column("coordinator_user_id")
    with op.batch_alter_table("register_entry") as batch:
        batch.drop_column("register_version")
