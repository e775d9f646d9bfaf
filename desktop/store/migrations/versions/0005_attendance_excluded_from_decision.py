"""Attendance records whether an exclusion covered the decision; co-ordinator changes record who told whom.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-03

Why (issue 10):

* ``attendance.excluded_from_decision``: a practitioner excluded from *part* of a conference still
  counts for quorum and gives a view on each child, unless the part they missed was the decision
  stage. The status ``excluded_part`` alone cannot say which, so the row carries this flag; when
  it is set they neither count for quorum at the decision nor give a view. Existing rows were
  recorded under the old rule (an ``excluded_part`` practitioner counted), so they default to
  false and keep the meaning they had.
* ``coordinator_assignment.family_told``, ``agencies_told``, ``changed_by_user_id`` and
  ``changed_by_name``: a change of co-ordinator needs the family and the agencies told
  (domain.md section 7 rule 7, section 10 "co-ordinator history"), and the history records who
  made the change. Assignments made before this revision default to not confirmed and no author:
  nobody recorded either, and the history must not claim otherwise.

Both tables only gain columns. Batch mode adds them with ``ALTER TABLE ... ADD COLUMN`` on SQLite
(no table rebuild, so the triggers of revisions 0002 and 0003 are untouched).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    with op.batch_alter_table("attendance") as batch:
        batch.add_column(sa.Column("excluded_from_decision", sa.Boolean(), nullable=False, server_default=sa.false()))
    with op.batch_alter_table("coordinator_assignment") as batch:
        batch.add_column(sa.Column("family_told", sa.Boolean(), nullable=False, server_default=sa.false()))
        batch.add_column(sa.Column("agencies_told", sa.Boolean(), nullable=False, server_default=sa.false()))
        batch.add_column(sa.Column("changed_by_user_id", sa.String(length=36), nullable=True))
        batch.add_column(sa.Column("changed_by_name", sa.Text(), nullable=False, server_default=""))


def downgrade() -> None:
    with op.batch_alter_table("coordinator_assignment") as batch:
        for name in ("changed_by_name", "changed_by_user_id", "agencies_told", "family_told"):
            batch.drop_column(name)
    with op.batch_alter_table("attendance") as batch:
        batch.drop_column("excluded_from_decision")
