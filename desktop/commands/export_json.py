"""``cofnod export-json --profile DIR --out FILE``: every record of the profile in the protocol's JSON form.

Each record is what :func:`desktop.store.wire.to_wire` would send for it (the client-owned wire
fields of its entity), with its entity, id, version and whether it is void; the file is private
(0600) and written whole or not at all. Exit status: 0 written; 1 the profile could not be opened
or the file not written.
"""

from __future__ import annotations

import json
import logging
import os
import sys
from pathlib import Path
from typing import Any

from sqlalchemy import select

from desktop.commands.common import EXIT_FAILED, EXIT_OK, CommandFailedError, open_for, say
from desktop.store import wire
from sync.protocol.messages import PROTOCOL_MAX, SCHEMA_VERSION

logger = logging.getLogger(__name__)

NAME = "export-json"


def records(sessions: Any) -> list[dict[str, Any]]:
    """Every outbound record in its wire form, ordered by entity and id."""
    out: list[dict[str, Any]] = []
    with sessions() as s:
        for entity in wire.outbound_entities():
            m = wire.BY_ENTITY[entity]
            rows: list[Any] = list(s.scalars(select(m.table).order_by(m.table.id)))  # type: ignore[attr-defined]
            for row in rows:
                out.append(
                    {
                        "entity": entity.value,
                        "entity_id": row.id,
                        "version": getattr(row, "version", None),
                        "voided": getattr(row, "voided_at", None) is not None,
                        "payload": wire.to_wire(s, row),
                    }
                )
    return out


def main(*, profile: str | None, out: str) -> int:
    from desktop.private_files import private_umask

    with private_umask():
        try:
            return _main(profile=profile, out=out)
        except CommandFailedError as exc:
            return exc.status


def _main(*, profile: str | None, out: str) -> int:
    from desktop.config import resolve_profile_dir

    opened = open_for(NAME, resolve_profile_dir(profile), create=False)
    try:
        items = records(opened.sessions)
    finally:
        opened.close()
    document = {"protocol": PROTOCOL_MAX, "schema_version": SCHEMA_VERSION, "records": items}
    target = Path(out)
    tmp = target.with_name(target.name + ".tmp")
    try:
        with open(os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600), "w", encoding="utf-8") as f:
            json.dump(document, f, ensure_ascii=False, sort_keys=True, indent=1)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, target)
    except OSError as exc:
        say(NAME, f"cannot write {out}: {exc.strerror or type(exc).__name__}", sys.stderr)
        tmp.unlink(missing_ok=True)
        return EXIT_FAILED
    say(NAME, f"{out}: {len(items)} records")
    return EXIT_OK
