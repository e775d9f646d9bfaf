"""Indexes and a full-text index of children's names for the conference list's filter.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-27

Why (issue 4): with 100,000 conferences and 50,000 children a filter keystroke must update the
list in under 50 ms, including the first letter ("g" matches about 34,000 conferences). The list
query (``desktop.services.conferences``) now takes one of two shapes, chosen per keystroke from how
many children match:

* many matches (a short prefix): walk conferences in list order and keep those with a matching
  child, stopping after one page. ``ix_conference_list_scheduled`` (scheduled_for, voided_at, id)
  gives that order, ``ix_conference_child_list`` (conference_id, voided_at, child_id) a
  conference's children and ``ix_child_list`` (id, voided_at, search_name) the name check, each
  from the index alone, without decrypting and reading table rows;
* few matches (a longer prefix): start from the matching children and follow
  ``ix_conference_child_by_child`` (child_id, conference_id, voided_at) to their conferences,
  whose dates come from ``ix_conference_list_id`` (id, voided_at, scheduled_for) for the sort.

``child_name_fts`` is an FTS5 index of ``child.search_name`` (already lower-cased and accent-free):
a word-prefix query (``search_name : "gw"*``) finds the matching children without scanning every
child, and counting its matches is the cheap estimate that picks the shape. The query treats it as
a superset and checks every name again exactly, so it never changes what matches. It holds every
child (voided ones are excluded by the query) and is kept in step by triggers on ``child``. Each
row carries the child's id as an indexed column, so a trigger finds a child's row through the
index (``child_id : "<id>"``) rather than by scanning 50,000 rows; the FTS rowid is not tied to
``child``'s rowid, which ``VACUUM`` may renumber (``child`` has a text primary key).
"""

from __future__ import annotations

from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | None = None
depends_on: str | None = None

#: (name, table, columns) of the plain indexes; declared in desktop/store/orm.py too.
_INDEXES = (
    ("ix_child_list", "child", ("id", "voided_at", "search_name")),
    ("ix_conference_list_scheduled", "conference", ("scheduled_for", "voided_at", "id")),
    ("ix_conference_list_id", "conference", ("id", "voided_at", "scheduled_for")),
    ("ix_conference_child_list", "conference_child", ("conference_id", "voided_at", "child_id")),
    ("ix_conference_child_by_child", "conference_child", ("child_id", "conference_id", "voided_at")),
)

#: The FTS5 table (not a model: tests/unit/store/test_migrations.py leaves it out of the comparison).
FTS_TABLE = "child_name_fts"

# The FTS row of child OLD.id, found through the index of the child_id column and then compared exactly.
_OLD_ROW = (
    f"SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH "
    f"'child_id : \"' || replace(OLD.id, '\"', '\"\"') || '\"' AND child_id = OLD.id"
)


def upgrade() -> None:
    for name, table, columns in _INDEXES:
        op.create_index(name, table, list(columns))
    # unicode61 splits words as the query does; prefix='1 2' keeps one- and two-letter prefix
    # queries (the first keystrokes) to a single index lookup.
    op.execute(
        f"CREATE VIRTUAL TABLE {FTS_TABLE} USING fts5(search_name, child_id, tokenize='unicode61', prefix='1 2')"
    )
    op.execute(f"INSERT INTO {FTS_TABLE} (search_name, child_id) SELECT search_name, id FROM child")
    op.execute(
        f"""
        CREATE TRIGGER trg_child_name_fts_insert AFTER INSERT ON child
        BEGIN
            INSERT INTO {FTS_TABLE} (search_name, child_id) VALUES (NEW.search_name, NEW.id);
        END
        """
    )
    op.execute(
        f"""
        CREATE TRIGGER trg_child_name_fts_update AFTER UPDATE OF id, search_name ON child
        BEGIN
            DELETE FROM {FTS_TABLE} WHERE rowid IN ({_OLD_ROW});
            INSERT INTO {FTS_TABLE} (search_name, child_id) VALUES (NEW.search_name, NEW.id);
        END
        """
    )
    op.execute(
        f"""
        CREATE TRIGGER trg_child_name_fts_delete AFTER DELETE ON child
        BEGIN
            DELETE FROM {FTS_TABLE} WHERE rowid IN ({_OLD_ROW});
        END
        """
    )


def downgrade() -> None:
    for event in ("insert", "update", "delete"):
        op.execute(f"DROP TRIGGER IF EXISTS trg_child_name_fts_{event}")
    op.execute(f"DROP TABLE IF EXISTS {FTS_TABLE}")
    for name, table, _columns in reversed(_INDEXES):
        op.drop_index(name, table_name=table)
