"""The encrypted engine on real files: round trips, nothing readable on disk, wrong key, plaintext
files, corrupt pages, durability settings on every path, typed disk errors, outbox atomicity."""

from __future__ import annotations

import os
import random
import sqlite3
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlcipher3
from sqlalchemy import func, select, text

from desktop.store.engine import (
    SQLITE_HEADER,
    create_store_engine,
    engine_pragmas,
    raw_connect,
    read_pragmas,
)
from desktop.store.errors import (
    CorruptDatabaseError,
    DiskFullError,
    PlaintextDatabaseError,
    WrongKeyError,
)
from desktop.store.ids import new_id
from desktop.store.migrate import backup_database
from desktop.store.orm import AuditEvent, Child, Council, OutboxOp
from desktop.store.outbox import Actor, record_create
from desktop.store.testing import open_test_store
from tests.unit.store.helpers import add_child, add_council, sidecars, snapshot_files

WELSH = "Gwŷn ap Dŵr o Dŷ Ddewi"


def test_welsh_round_trip(tmp_path: Path) -> None:
    store = open_test_store(tmp_path)
    with store.sessions.begin() as s:
        council = add_council(s)
        child_id = add_child(s, council, given="Gwŷneth Llŷr", family="Dŵr").id
    store.engine.dispose()
    again = open_test_store(tmp_path, key=store.key)
    with again.sessions() as s:
        child = s.get(Child, child_id)
        assert child is not None
        assert (child.given_names, child.family_name) == ("Gwŷneth Llŷr", "Dŵr")
        assert s.scalar(select(Council.name_cy)) == "Sir Gâr"
    again.engine.dispose()


def test_nothing_readable_on_disk(tmp_path: Path) -> None:
    store = open_test_store(tmp_path)
    canaries = [f"CANARY-{i:03d}-{os.urandom(6).hex()}-ŵŷ" for i in range(100)]
    with store.sessions.begin() as s:
        council = add_council(s)
        for canary in canaries:
            add_child(s, council, given=canary)
    # Keep the engine open so the -wal and -shm files exist and are scanned too.
    files = [p for p in sidecars(store.path) if p.exists()]
    assert store.path.with_name("cofnod.db-wal") in files
    needles = [c.encode("utf-8") for c in canaries[:10]] + [b"CREATE TABLE", b"conference", b"family_member"]
    needles += [store.key, store.key.hex().encode()]
    for path in files:
        data = path.read_bytes()
        if path == store.path:
            assert not data.startswith(SQLITE_HEADER)
        for needle in needles:
            assert needle not in data, (path.name, needle[:20])
    with pytest.raises(sqlite3.DatabaseError):
        sqlite3.connect(store.path).execute("SELECT count(*) FROM sqlite_master").fetchone()
    store.engine.dispose()


def test_wrong_key_is_refused_and_file_unchanged(tmp_path: Path) -> None:
    store = open_test_store(tmp_path)
    with store.sessions.begin() as s:
        add_council(s)
    store.engine.dispose()
    before = snapshot_files(tmp_path)
    with pytest.raises(WrongKeyError) as info:
        create_store_engine(store.path, os.urandom(32))
    assert info.value.code == "database_wrong_key"
    assert snapshot_files(tmp_path) == before


def test_plaintext_file_left_untouched(tmp_path: Path) -> None:
    path = tmp_path / "cofnod.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE t (x TEXT)")
    conn.execute("INSERT INTO t VALUES ('Tŷ')")
    conn.commit()
    conn.close()
    before = snapshot_files(tmp_path)
    with pytest.raises(PlaintextDatabaseError):
        create_store_engine(path, os.urandom(32))
    assert snapshot_files(tmp_path) == before


def test_durability_settings_on_every_connection_path(tmp_path: Path) -> None:
    store = open_test_store(tmp_path)
    expected = ("wal", 2, 1, 1)
    states = [engine_pragmas(store.engine)]
    # Several pooled connections at once, so more than one is really opened.
    conns = [store.engine.connect() for _ in range(6)]
    try:
        states += [read_pragmas(c.connection.driver_connection) for c in conns]
    finally:
        for c in conns:
            c.close()
    with store.sessions() as s:
        states.append(read_pragmas(s.connection().connection.driver_connection))
    raw = raw_connect(store.path, store.key)
    states.append(read_pragmas(raw))
    raw.close()
    backup = backup_database(store.engine, store.path, store.key, tmp_path / "b", label="t")
    reopened = create_store_engine(backup, store.key)
    states.append(engine_pragmas(reopened))
    reopened.dispose()
    assert len(states) >= 10
    for state in states:
        assert (state.journal_mode, state.synchronous, state.foreign_keys, state.secure_delete) == expected
        assert state.cipher_version.startswith("4.")
    store.engine.dispose()


@pytest.mark.parametrize("seed", range(12))
def test_corrupt_byte_gives_typed_error_never_changed_value(tmp_path: Path, seed: int) -> None:
    store = open_test_store(tmp_path)
    names = [f"Rhys-{i}-ŵ" * 20 for i in range(300)]
    with store.sessions.begin() as s:
        council = add_council(s)
        for name in names:
            add_child(s, council, given=name)
    store.engine.dispose()
    raw = raw_connect(store.path, store.key)
    raw.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    page_size = int(raw.execute("PRAGMA page_size").fetchone()[0])
    raw.close()
    data = bytearray(store.path.read_bytes())
    rng = random.Random(seed)
    pages = len(data) // page_size
    page = rng.randrange(1, pages)  # page 0 (the first) covered by the header tests
    offset = page * page_size + rng.randrange(page_size)
    data[offset] ^= 1 << rng.randrange(8)
    store.path.write_bytes(bytes(data))
    try:
        again = create_store_engine(store.path, store.key)
    except CorruptDatabaseError:
        return
    try:
        with again.connect() as c:
            rows = c.execute(text("SELECT given_names FROM child ORDER BY given_names")).scalars().all()
            c.execute(text("SELECT * FROM sqlite_master")).all()
            for table in ("council", "child", "alembic_version"):
                c.execute(text(f"SELECT * FROM {table}")).all()
    except CorruptDatabaseError:
        return
    finally:
        again.dispose()
    # A flipped bit in an unused part of a free page may go unnoticed; values must still be the originals.
    assert sorted(rows) == sorted(names)


def test_outbox_change_and_audit_commit_together_or_not_at_all(tmp_path: Path) -> None:
    store = open_test_store(tmp_path)
    with store.sessions.begin() as s:
        council = add_council(s)
    actor = Actor(user_id=new_id(), device_id=new_id())

    class BoomError(Exception):
        pass

    with pytest.raises(BoomError), store.sessions.begin() as s:
        child = add_child(s, council)
        record_create(s, actor, child)
        s.flush()
        raise BoomError()
    with store.sessions() as s:
        assert s.scalar(select(func.count()).select_from(Child)) == 0
        assert s.scalar(select(func.count()).select_from(OutboxOp)) == 0
        assert s.scalar(select(func.count()).select_from(AuditEvent)) == 0

    with store.sessions.begin() as s:
        child = add_child(s, council)
        record_create(s, actor, child)
    with store.sessions() as s:
        assert s.scalar(select(func.count()).select_from(Child)) == 1
        assert s.scalar(select(func.count()).select_from(OutboxOp)) == 1
        assert s.scalar(select(func.count()).select_from(AuditEvent)) == 1
    store.engine.dispose()


def test_disk_full_via_page_limit_loses_no_committed_data(tmp_path: Path) -> None:
    store = open_test_store(tmp_path)
    with store.sessions.begin() as s:
        council = add_council(s)
        kept = add_child(s, council, given="Ffion").id

    store.engine.dispose()
    raw = raw_connect(store.path, store.key)
    pages = int(raw.execute("PRAGMA page_count").fetchone()[0])
    raw.close()
    # A fresh engine whose connections may not grow the file: the next big write hits "full".
    engine = create_store_engine(store.path, store.key, pool_size=1)
    with engine.connect() as c:
        c.exec_driver_sql(f"PRAGMA max_page_count = {pages + 2}")
        c.commit()
        with pytest.raises(DiskFullError) as info, c.begin():
            for i in range(400):
                c.execute(
                    Child.__table__.insert(),
                    {
                        "id": new_id(),
                        "given_names": "Llŷr" * 200 + str(i),
                        "family_name": "Prys",
                        "council_id": council.id,
                    },
                )
        assert info.value.code == "disk_full"
    with engine.connect() as c:
        assert c.exec_driver_sql("PRAGMA integrity_check").scalar_one() == "ok"
        assert c.execute(select(Child.id)).scalars().all() == [kept]
    engine.dispose()


@pytest.fixture
def small_tmpfs(tmp_path: Path) -> Iterator[Path]:
    """A 2 MiB tmpfs. Mounting needs root, as the suite's PostgreSQL cluster does (CI runs as root)."""
    mount_point = tmp_path / "tiny"
    mount_point.mkdir()
    if os.geteuid() != 0:
        pytest.fail("mounting a tmpfs needs root: run the suite as root, as CI does")
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", str(mount_point)], capture_output=True, check=False
    )
    if done.returncode != 0:
        pytest.fail(f"tmpfs could not be mounted: {done.stderr.decode(errors='replace').strip()}")
    try:
        yield mount_point
    finally:
        subprocess.run(["umount", "-l", str(mount_point)], capture_output=True, check=False)


def test_real_disk_full_and_read_only_on_tmpfs(small_tmpfs: Path) -> None:
    store = open_test_store(small_tmpfs)
    committed: list[str] = []
    with store.sessions.begin() as s:
        council_id = add_council(s).id
    with pytest.raises(DiskFullError):
        for i in range(10_000):
            with store.sessions.begin() as s:
                child = Child(
                    id=new_id(),
                    given_names=f"Iolo {i} " + "ŵ" * 2000,
                    family_name="Hughes",
                    council_id=council_id,
                )
                s.add(child)
            committed.append(child.id)
    assert committed, "some saves must succeed before the disk fills"
    store.engine.dispose()
    # Space comes back: every confirmed save is there and the file is sound.
    filler = [p for p in small_tmpfs.iterdir() if p.name.startswith("cofnod.db")]
    assert filler
    again = create_store_engine(store.path, store.key)
    with again.connect() as c:
        assert c.exec_driver_sql("PRAGMA integrity_check").scalar_one() == "ok"
        assert set(c.execute(select(Child.id)).scalars()) == set(committed)
    again.dispose()
    # The same folder seen read-only (a bind mount): opening or writing gives a typed error.
    ro_view = small_tmpfs.parent / "tiny-ro"
    ro_view.mkdir()
    subprocess.run(["mount", "--bind", str(small_tmpfs), str(ro_view)], check=True)
    try:
        subprocess.run(["mount", "-o", "remount,bind,ro", str(ro_view)], check=True)
        before = snapshot_files(small_tmpfs)
        with pytest.raises(DiskFullError):
            ro_engine = create_store_engine(ro_view / "cofnod.db", store.key)
            try:
                with ro_engine.begin() as c:
                    c.execute(Council.__table__.update().values(name_en="Sir Benfro"))
            finally:
                ro_engine.dispose()
        assert snapshot_files(small_tmpfs) == before
    finally:
        subprocess.run(["umount", "-l", str(ro_view)], capture_output=True, check=False)


def test_read_only_database_gives_typed_error(tmp_path: Path) -> None:
    store = open_test_store(tmp_path)
    with store.sessions.begin() as s:
        add_council(s)
    store.engine.dispose()
    conn = sqlcipher3.connect(f"file:{store.path}?mode=ro", uri=True, isolation_level=None)
    conn.execute(f"PRAGMA key = \"x'{store.key.hex()}'\"")
    try:
        with pytest.raises(sqlcipher3.DatabaseError) as info:
            conn.execute("UPDATE council SET name_en = 'x'")
    finally:
        conn.close()
    from desktop.store.engine import translate_dbapi_error

    assert isinstance(translate_dbapi_error(info.value), DiskFullError)
