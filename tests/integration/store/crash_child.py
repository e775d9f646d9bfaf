"""Writer for the SIGKILL crash test: save one record per transaction, then say ``ACK <id>``.

Used in a forked child (the normal suite: no interpreter start-up per kill) or as a program for
long runs: ``python -m tests.integration.store.crash_child DB`` with the key (hex) on stdin, so the
key never appears on a command line. Writes through the real engine and ORM, with an outbox row and
an audit event in every transaction.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TextIO

from desktop.store.engine import create_store_engine, make_session_factory
from desktop.store.ids import new_id
from desktop.store.orm import FamilyMember
from desktop.store.outbox import Actor, record_change
from sync.protocol.enums import OpKind


def write_forever(path: Path, key: bytes, out: TextIO) -> None:
    """Commit records one by one until killed, acknowledging each after its commit returned."""
    sessions = make_session_factory(create_store_engine(path, key, pool_size=1))
    actor = Actor(user_id="crash-child")
    while True:
        record_id = new_id()
        with sessions.begin() as s:
            member = FamilyMember(id=record_id, name=f"Siôn Llŷr {record_id} " + "ŵ" * 20, address="Tŷ Gwyn")
            s.add(member)
            s.flush()
            record_change(
                s,
                actor,
                kind=OpKind.CREATE,
                entity="family_member",
                entity_id=record_id,
                payload={"name": member.name, "address": member.address},
                base_version=None,
            )
        # Only after commit has returned: the parent treats this id as durable.
        out.write(f"ACK {record_id}\n")
        out.flush()


def main() -> None:
    key = bytes.fromhex(sys.stdin.readline().strip())
    write_forever(Path(sys.argv[1]), key, sys.stdout)


if __name__ == "__main__":
    main()
