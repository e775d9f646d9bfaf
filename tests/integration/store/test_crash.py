"""DUR-2: a writer killed with SIGKILL at random moments loses no acknowledged commit.

Each round forks a child that writes through the real engine (fork, so no interpreter start-up per
kill), lets it acknowledge a random number of commits, kills it with SIGKILL, and goes on with the
next child on the same file. At the end the database is reopened and checked: ``integrity_check``,
``cipher_integrity_check`` (page HMACs), every acknowledged id present exactly once, and every
record with its outbox row and audit event (nothing half-written). ``COFNOD_CRASH_KILLS`` raises the
count for the long run before a release.
"""

from __future__ import annotations

import os
import random
import signal
import time
from pathlib import Path

import pytest
from sqlalchemy import text

from desktop.store.engine import create_store_engine
from desktop.store.testing import open_test_store
from tests.integration.store.crash_child import write_forever

KILLS = int(os.environ.get("COFNOD_CRASH_KILLS", "20"))


def _run_and_kill(path: Path, key: bytes, acks_wanted: int, linger: float) -> list[str]:
    read_fd, write_fd = os.pipe()
    pid = os.fork()
    if pid == 0:  # child: write until killed; never return into pytest
        os.close(read_fd)
        try:
            with os.fdopen(write_fd, "w") as out:
                write_forever(path, key, out)
        finally:
            os._exit(3)
    os.close(write_fd)
    acknowledged: list[str] = []
    with os.fdopen(read_fd, "r") as pipe:
        while len(acknowledged) < acks_wanted:
            line = pipe.readline()
            assert line.startswith("ACK "), line
            acknowledged.append(line.split()[1])
        # Kill at a random moment up to a few commits later, usually mid-transaction.
        time.sleep(linger * 0.004)
        os.kill(pid, signal.SIGKILL)
        # Lines already in the pipe were acknowledged before death: they count too.
        acknowledged.extend(line.split()[1] for line in pipe.read().splitlines() if line.startswith("ACK "))
    _, status = os.waitpid(pid, 0)
    assert os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGKILL
    return acknowledged


@pytest.mark.xdist_group("crash")
def test_sigkill_while_writing_loses_no_acknowledged_commit(tmp_path: Path) -> None:
    store = open_test_store(tmp_path)
    store.engine.dispose()  # the children must not inherit open connections
    rng = random.Random(20260227)
    acknowledged: list[str] = []
    for _ in range(KILLS):
        acknowledged += _run_and_kill(store.path, store.key, rng.randint(1, 40), rng.random())

    engine = create_store_engine(store.path, store.key)
    with engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA integrity_check").scalar_one() == "ok"
        cipher = conn.exec_driver_sql("PRAGMA cipher_integrity_check").all()
        assert cipher == [], cipher  # SQLCipher lists failing pages; none means ok
        ids = conn.execute(text("SELECT id FROM family_member")).scalars().all()
        outbox = set(conn.execute(text("SELECT entity_id FROM outbox")).scalars())
        audit = set(conn.execute(text("SELECT entity_id FROM audit_event")).scalars())
    engine.dispose()
    assert len(ids) == len(set(ids))
    present = set(ids)
    assert [a for a in acknowledged if a not in present] == []
    assert present == outbox == audit
    assert len(acknowledged) >= KILLS
