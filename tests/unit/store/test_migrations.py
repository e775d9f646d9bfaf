"""Migrations on encrypted files: head constant, schema matches the models, newer files refused,
upgrade from 0001 with a verified backup, rollback on failure, and the append-only triggers."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import delete, select, text, update

from desktop.store.engine import SQLITE_HEADER, create_store_engine
from desktop.store.errors import (
    DatabaseTooNewError,
    MigrationFailedError,
    RecordFinalisedError,
    SchemaUnknownError,
)
from desktop.store.ids import new_id
from desktop.store.migrate import (
    HEAD_REVISION,
    current_revision,
    list_backups,
    migrate,
    script_head,
    verify_backup,
)
from desktop.store.orm import (
    Attendance,
    AuditEvent,
    Base,
    Conference,
    Decision,
    Dissent,
    MinutesSection,
    MinutesVersion,
    PractitionerView,
)
from desktop.store.testing import open_store_at_revision, open_test_store
from tests.unit.store.helpers import add_child, add_council, snapshot_files

REPO = Path(__file__).resolve().parents[3]

#: Revision 0003's FTS5 table of children's names (see test_new_database_is_at_head_and_matches_models).
FTS_TABLE = "child_name_fts"


def test_head_constant_matches_script_directory() -> None:
    assert script_head() == HEAD_REVISION


def test_new_database_is_at_head_and_matches_models(tmp_path: Path) -> None:
    from alembic.autogenerate import compare_metadata
    from alembic.runtime.migration import MigrationContext

    store = open_test_store(tmp_path)
    assert current_revision(store.engine) == HEAD_REVISION

    def modelled(name: str | None, type_: str, _parent: object) -> bool:
        # Revision 0003's FTS5 index of children's names is no model: SQLite keeps it in the
        # virtual table child_name_fts and its shadow tables child_name_fts_data, _idx, _content,
        # _docsize and _config, which reflection would report as tables the models lack.
        return not (type_ == "table" and name is not None and name.startswith(FTS_TABLE))

    with store.engine.connect() as conn:
        ctx = MigrationContext.configure(conn, opts={"compare_type": False, "include_name": modelled})
        diffs = compare_metadata(ctx, Base.metadata)
    assert diffs == []
    store.engine.dispose()


def test_alembic_not_imported_when_at_head(tmp_path: Path) -> None:
    store = open_test_store(tmp_path)
    store.engine.dispose()
    code = (
        "import sys; from pathlib import Path\n"
        "from desktop.store.engine import create_store_engine\n"
        "from desktop.store.migrate import migrate\n"
        f"key = bytes.fromhex({store.key.hex()!r}); path = Path({str(store.path)!r})\n"
        "r = migrate(create_store_engine(path, key), path, key)\n"
        "assert not r.upgraded\n"
        "print('alembic' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_newer_database_is_refused_and_untouched(tmp_path: Path) -> None:
    store = open_test_store(tmp_path)
    with store.engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '0099_from_the_future'"))
    store.engine.dispose()
    before = snapshot_files(tmp_path)
    engine = create_store_engine(store.path, store.key)
    with pytest.raises(DatabaseTooNewError) as info:
        migrate(engine, store.path, store.key)
    engine.dispose()
    assert info.value.code == "database_too_new"
    assert info.value.params == {"db_revision": "0099_from_the_future", "app_revision": HEAD_REVISION}
    assert not (tmp_path / "backups").exists()
    assert snapshot_files(tmp_path) == before


def test_unversioned_tables_are_refused(tmp_path: Path) -> None:
    engine = create_store_engine(tmp_path / "cofnod.db", b"k" * 32)
    with engine.begin() as conn:
        conn.execute(text("CREATE TABLE child (id TEXT)"))
    with pytest.raises(SchemaUnknownError):
        migrate(engine, tmp_path / "cofnod.db", b"k" * 32)
    engine.dispose()


def _seed_0001(tmp_path: Path) -> tuple[Path, bytes, str]:
    store = open_store_at_revision(tmp_path, "0001")
    assert current_revision(store.engine) == "0001"
    with store.engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO council (id, code, name_en, name_cy, version, created_at, updated_at) "
                "VALUES ('c1', 'CAR', 'Carmarthenshire', 'Sir Gâr', 1, '2026-01-01', '2026-01-01')"
            )
        )
        conn.execute(
            text(
                "INSERT INTO child (id, given_names, family_name, search_name, aliases, unborn, sex, address,"
                " council_id, preferred_language, communication_medium, communication_needs, disability,"
                " looked_after, version, created_at, updated_at) VALUES ('k1', 'Gwŷn', 'Dŵr', '', '', 0, '',"
                " '', 'c1', 'cy', '', '', '', 0, 1, '2026-01-01', '2026-01-01')"
            )
        )
    store.engine.dispose()
    return store.path, store.key, "k1"


def test_upgrade_from_first_revision_keeps_data_and_makes_verified_backup(tmp_path: Path) -> None:
    path, key, child_id = _seed_0001(tmp_path)
    engine = create_store_engine(path, key)
    result = migrate(engine, path, key)
    assert (result.from_revision, result.to_revision) == ("0001", HEAD_REVISION)
    with engine.connect() as conn:
        assert conn.execute(text("SELECT given_names || ' ' || family_name FROM child")).scalar_one() == "Gwŷn Dŵr"
        assert conn.execute(text("SELECT id FROM child")).scalar_one() == child_id
    engine.dispose()
    assert result.backup is not None and result.backup.exists()
    assert result.backup.parent == tmp_path / "backups"
    assert not result.backup.read_bytes().startswith(SQLITE_HEADER)
    assert verify_backup(result.backup, key)
    assert not verify_backup(result.backup, b"x" * 32)
    backup_engine = create_store_engine(result.backup, key)
    assert current_revision(backup_engine) == "0001"
    with backup_engine.connect() as conn:
        assert conn.execute(text("SELECT given_names FROM child")).scalar_one() == "Gwŷn"
    backup_engine.dispose()


def test_only_newest_backups_are_kept(tmp_path: Path) -> None:
    from desktop.store.migrate import backup_database

    store = open_test_store(tmp_path)
    for i in range(4):
        backup_database(store.engine, store.path, store.key, tmp_path / "backups", label=f"r{i}", keep=2)
    kept = list_backups(tmp_path / "backups", "cofnod")
    assert [p.name.split("-")[1] for p in kept] == ["r3", "r2"]
    store.engine.dispose()


def test_failed_revision_rolls_back_everything(tmp_path: Path) -> None:
    path, key, _ = _seed_0001(tmp_path)
    engine = create_store_engine(path, key)
    with engine.begin() as conn:
        # A trigger name 0002 wants to create: its CREATE TRIGGER fails half-way through 0002.
        conn.execute(text("CREATE TRIGGER trg_dissent_locked_update BEFORE UPDATE ON dissent BEGIN SELECT 1; END"))
    with pytest.raises(MigrationFailedError):
        migrate(engine, path, key)
    assert current_revision(engine) == "0001"
    with engine.connect() as conn:
        triggers = conn.execute(text("SELECT name FROM sqlite_master WHERE type = 'trigger'")).scalars().all()
    # The triggers 0002 made before the failing one were rolled back with it.
    assert triggers == ["trg_dissent_locked_update"]
    engine.dispose()


# ---- Revision 0002: finalised and append-only records -----------------------------------------


def _decision_with_view(tmp_path: Path, state: str) -> tuple[object, str, str, str]:
    store = open_test_store(tmp_path)
    with store.sessions.begin() as s:
        council = add_council(s)
        child = add_child(s, council)
        conference = Conference(
            id=new_id(),
            reference="CAR-2026-0001",
            council_id=council.id,
            type="initial",
            scheduled_for=dt.datetime(2026, 3, 2, 10, tzinfo=dt.UTC),
        )
        s.add(conference)
        s.flush()
        attendance = Attendance(id=new_id(), conference_id=conference.id, name="Cerys Evans", kind="practitioner")
        s.add(attendance)
        s.flush()
        decision = Decision(
            id=new_id(), conference_id=conference.id, child_id=child.id, rationale="Rheswm", state=state
        )
        s.add(decision)
        s.flush()
        view = PractitionerView(id=new_id(), decision_id=decision.id, attendance_id=attendance.id, view="register")
        dissent = Dissent(id=new_id(), decision_id=decision.id, attendance_id=attendance.id, reason="Anghytuno")
        s.add_all([view, dissent])
        ids = (decision.id, view.id, dissent.id)
    return store, *ids


@pytest.mark.parametrize("state", ["finalised", "finalisation_pending", "contested"])
def test_locked_decision_content_cannot_change(tmp_path: Path, state: str) -> None:
    store, decision_id, view_id, dissent_id = _decision_with_view(tmp_path, state)
    sessions = store.sessions  # type: ignore[attr-defined]
    attempts = [
        update(Decision).where(Decision.id == decision_id).values(rationale="newid"),
        update(Decision).where(Decision.id == decision_id).values(state="draft"),
        delete(Decision).where(Decision.id == decision_id),
        update(PractitionerView).where(PractitionerView.id == view_id).values(reasons="x"),
        delete(PractitionerView).where(PractitionerView.id == view_id),
        update(Dissent).where(Dissent.id == dissent_id).values(reason="x"),
        delete(Dissent).where(Dissent.id == dissent_id),
    ]
    for statement in attempts:
        with pytest.raises(RecordFinalisedError) as info, sessions.begin() as s:
            s.execute(statement)
        assert info.value.code == "record_finalised"
    # The ORM path is refused too.
    with pytest.raises(RecordFinalisedError), sessions.begin() as s:
        decision = s.get(Decision, decision_id)
        decision.evidence = "newydd"
    with sessions() as s:
        assert s.get(Decision, decision_id).rationale == "Rheswm"
    store.engine.dispose()  # type: ignore[attr-defined]


def test_locked_decision_may_move_to_finalised_and_get_its_number(tmp_path: Path) -> None:
    store, decision_id, _, _ = _decision_with_view(tmp_path, "finalisation_pending")
    sessions = store.sessions  # type: ignore[attr-defined]
    with sessions.begin() as s:
        s.execute(
            update(Decision)
            .where(Decision.id == decision_id)
            .values(state="finalised", decision_number="CAR-D-1", version=Decision.version + 1)
        )
    with sessions() as s:
        assert s.get(Decision, decision_id).decision_number == "CAR-D-1"
    store.engine.dispose()  # type: ignore[attr-defined]


def test_draft_decision_is_editable(tmp_path: Path) -> None:
    store, decision_id, view_id, _ = _decision_with_view(tmp_path, "draft")
    sessions = store.sessions  # type: ignore[attr-defined]
    with sessions.begin() as s:
        s.execute(update(Decision).where(Decision.id == decision_id).values(rationale="Newydd"))
        s.execute(delete(PractitionerView).where(PractitionerView.id == view_id))
    store.engine.dispose()  # type: ignore[attr-defined]


def test_minutes_versions_and_audit_events_are_append_only(tmp_path: Path) -> None:
    store = open_test_store(tmp_path)
    with store.sessions.begin() as s:
        council = add_council(s)
        conference = Conference(
            id=new_id(),
            reference="CAR-2026-0002",
            council_id=council.id,
            type="review",
            scheduled_for=dt.datetime(2026, 3, 2, 10, tzinfo=dt.UTC),
        )
        s.add(conference)
        s.flush()
        section = MinutesSection(id=new_id(), conference_id=conference.id, key="purpose", text="Pwrpas")
        s.add(section)
        s.flush()
        s.add(MinutesVersion(id=new_id(), section_id=section.id, version=1, text="Pwrpas"))
        s.add(AuditEvent(action="create", entity="minutes_section", entity_id=section.id))
    for statement in (
        update(MinutesVersion).values(text="x"),
        delete(MinutesVersion),
        update(AuditEvent).values(action="x"),
        delete(AuditEvent),
    ):
        with pytest.raises(RecordFinalisedError) as info, store.sessions.begin() as s:
            s.execute(statement)
        assert info.value.code == "record_finalised"
        assert info.value.args[0] == "record_append_only"
    with store.sessions() as s:
        assert s.scalar(select(MinutesVersion.text)) == "Pwrpas"
    store.engine.dispose()
