"""A whole demo profile made before sign-in reaches the service through the first upload.

``demo-data --children 50`` writes rows without outbox entries; signing in queues them
(:mod:`desktop.store.upload`), every op is applied, and a second user of the council who pulls the
feed ends with the same records: every client-owned wire record equal, and the same register.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from sqlalchemy import select

from desktop.demo import CHAIR_NAME, MINUTE_TAKER_NAME, generate_demo
from desktop.store import wire
from desktop.store.orm import RegisterEntry
from sync.protocol.enums import Role
from tests.integration.sync.seam import Profile, seam

TODAY = dt.date(2026, 3, 10)


def _records(p: Profile) -> dict[tuple[str, str], dict[str, Any]]:
    """Every record of the profile in its wire form, keyed by (entity, id)."""
    out: dict[tuple[str, str], dict[str, Any]] = {}
    with p.store.sessions() as s:
        for entity in wire.outbound_entities():
            m = wire.BY_ENTITY[entity]
            for row in s.scalars(select(m.table)):
                out[(entity.value, row.id)] = {
                    **wire.to_wire(s, row),
                    "voided": getattr(row, "voided_at", None) is not None,
                }
    return out


def _register(p: Profile) -> dict[str, tuple[str, ...]]:
    """Each child on the register now, with the categories."""
    with p.store.sessions() as s:
        return {
            e.child_id: tuple(sorted(e.categories))
            for e in s.scalars(select(RegisterEntry).where(RegisterEntry.ended_on.is_(None)))
        }


def test_a_demo_profile_uploads_whole_and_a_second_profile_matches(tmp_path: Path) -> None:
    with seam(tmp_path) as sm:
        sm.add_user("eluned", CHAIR_NAME, Role.CHAIR)
        sm.add_user("tomos", MINUTE_TAKER_NAME, Role.MINUTE_TAKER)
        sm.add_user("rhian", "Rhian Morgan", Role.CHAIR)
        sm.add_user("gareth", "Gareth Hughes", Role.CHAIR)
        sm.add_user("ceri", "Ceri Lloyd", Role.CHAIR)
        p1 = sm.profile(tmp_path / "p1")
        generate_demo(p1.store, children=50, seed=7, today=TODAY)
        summary = sm.sign_in(p1, "eluned")
        assert summary.upload.queued > 500 and summary.upload.left_out_decisions == 0
        results = sm.push(p1)
        bad = [r for r in results if r["status"] != "applied"]
        assert bad == [], [(r["code"], r.get("detail")) for r in bad]
        assert len(results) == summary.upload.queued + summary.upload.finalisations + summary.ops_reauthored
        sm.pull(p1)

        p2 = sm.profile(tmp_path / "p2")
        sm.sign_in(p2, "ceri")
        sm.pull(p2)
        one, two = _records(p1), _records(p2)
        assert one.keys() == two.keys()
        differ = [k for k in one if one[k] != two[k]]
        assert differ == [], [
            (k, {f: (one[k][f], two[k].get(f)) for f in one[k] if one[k][f] != two[k].get(f)}) for k in differ[:3]
        ]
        assert _register(p1) == _register(p2) and _register(p2)
