"""Finalised decisions, minutes versions and audit events become unchangeable in the database itself.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-27

Why: a finalised decision is a legal record; corrections are addenda (domain.md section 7), saved
minutes versions and audit events are an append-only trail (security-reliability.md 1.5). The
service layer already refuses such edits, but a bug, a sync pull or a hand-run SQL statement must
not be able to get round it, so SQLite triggers refuse them too. Each trigger aborts with the
message ``record_finalised`` or ``record_append_only``, which the engine turns into
:class:`desktop.store.errors.RecordFinalisedError`.

What a locked decision may still do: move between ``finalisation_pending``, ``finalised`` and
``contested`` and receive its register number and confirmation time from the register service
(those columns, ``version`` and ``updated_at`` are bookkeeping). Its content never changes, it
never returns to ``draft``, and it is never deleted. Its practitioner views and dissents are
frozen with it. Inserting new rows is not blocked here (a sync pull inserts a finalised decision's
views after the decision), so the service layer stays the guard for that.
"""

from __future__ import annotations

from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | None = None
depends_on: str | None = None

_LOCKED = "('finalised', 'finalisation_pending', 'contested')"

#: Decision columns that hold the decision's content; any change to them on a locked decision aborts.
_DECISION_CONTENT = (
    "id",
    "conference_id",
    "child_id",
    "outcome",
    "categories",
    "rationale",
    "evidence",
    "evidence_of_change",
    "plan_if_not_registered",
    "contingency_plan",
    "consensus",
    "chair_decided",
    "chair_decision_reason",
    "coordinator_name",
    "content_sha256",
    "finalised_at",
    "finalised_by",
    "created_at",
    "voided_at",
    "void_reason",
)

_CHILD_TABLES = ("practitioner_view", "dissent")
_APPEND_ONLY = ("minutes_version", "audit_event")


def _changed(columns: tuple[str, ...]) -> str:
    # IS NOT compares NULLs as values, so NULL -> 'x' counts as a change.
    return " OR ".join(f"NEW.{c} IS NOT OLD.{c}" for c in columns)


def upgrade() -> None:
    op.execute(
        f"""
        CREATE TRIGGER trg_decision_locked_update
        BEFORE UPDATE ON decision
        WHEN OLD.state IN {_LOCKED}
         AND (NEW.state NOT IN {_LOCKED} OR {_changed(_DECISION_CONTENT)})
        BEGIN
            SELECT RAISE(ABORT, 'record_finalised');
        END
        """
    )
    op.execute(
        f"""
        CREATE TRIGGER trg_decision_locked_delete
        BEFORE DELETE ON decision
        WHEN OLD.state IN {_LOCKED}
        BEGIN
            SELECT RAISE(ABORT, 'record_finalised');
        END
        """
    )
    for table in _CHILD_TABLES:
        locked_parent = f"(SELECT state FROM decision WHERE id = OLD.decision_id) IN {_LOCKED}"
        op.execute(
            f"""
            CREATE TRIGGER trg_{table}_locked_update
            BEFORE UPDATE ON {table}
            WHEN {locked_parent}
            BEGIN
                SELECT RAISE(ABORT, 'record_finalised');
            END
            """
        )
        op.execute(
            f"""
            CREATE TRIGGER trg_{table}_locked_delete
            BEFORE DELETE ON {table}
            WHEN {locked_parent}
            BEGIN
                SELECT RAISE(ABORT, 'record_finalised');
            END
            """
        )
    for table in _APPEND_ONLY:
        for event in ("UPDATE", "DELETE"):
            op.execute(
                f"""
                CREATE TRIGGER trg_{table}_no_{event.lower()}
                BEFORE {event} ON {table}
                BEGIN
                    SELECT RAISE(ABORT, 'record_append_only');
                END
                """
            )


def downgrade() -> None:
    for table in _APPEND_ONLY:
        for event in ("update", "delete"):
            op.execute(f"DROP TRIGGER IF EXISTS trg_{table}_no_{event}")
    for table in (*_CHILD_TABLES, "decision"):
        for event in ("update", "delete"):
            op.execute(f"DROP TRIGGER IF EXISTS trg_{table}_locked_{event}")
