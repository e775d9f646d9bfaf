"""Store benchmarks: saving a minutes section, opening a profile, generating demo data.

Run with ``.venv/bin/python -m pytest tests/benchmarks/test_store_bench.py -s``. Figures are printed;
only correctness is asserted, never timings (targets: save p95 < 15 ms, open < 100 ms).

``test_bench_minutes_save_by_history`` is issue 14's save figure: ``MinutesService.save`` on a
section that already has 10 and 5,000 saved versions (target: p95 under 15 ms at both).
"""

from __future__ import annotations

import datetime as dt
import statistics
import time
from pathlib import Path

from sqlalchemy import func, select

from desktop.demo import generate_demo
from desktop.profile import open_profile
from desktop.secrets import KeyringSecretStore
from desktop.services.minutes import DRAFT_FIELD
from desktop.store.ids import new_id
from desktop.store.orm import Conference, Council, MinutesSection, MinutesVersion, utcnow
from desktop.store.outbox import Actor, record_change
from desktop.store.testing import open_test_store
from sync.protocol.enums import Entity, OpKind
from tests.unit.services.seed import make_world
from tests.unit.services.test_workflow import _conference

SAVES = 300


def _pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def test_bench_save_minutes_section(tmp_path: Path) -> None:
    store = open_test_store(tmp_path)
    generate_demo(store, children=200, seed=1, today=dt.date(2026, 11, 27))
    with store.sessions.begin() as s:
        council_id = s.scalar(select(Council.id))
        conference = Conference(
            id=new_id(),
            reference="BENCH-1",
            council_id=council_id,
            type="initial",
            scheduled_for=utcnow(),
        )
        s.add(conference)
        s.flush()
        section = MinutesSection(id=new_id(), conference_id=conference.id, key="analysis", text="")
        s.add(section)
        section_id = section.id
    actor = Actor(user_id=new_id(), device_id=new_id())
    times: list[float] = []
    for i in range(SAVES):
        text = f"Trafodaeth {i}: mae Gwŷn yn hapus yn yr ysgol; pryderon am Dŷ Dŵr. " * 20
        started = time.perf_counter()
        with store.sessions.begin() as s:
            sec = s.get(MinutesSection, section_id)
            assert sec is not None
            base = sec.version
            sec.text = text
            sec.version = base + 1
            s.add(
                MinutesVersion(id=new_id(), section_id=section_id, version=base + 1, text=text, saved_by=actor.user_id)
            )
            s.flush()
            record_change(
                s,
                actor,
                kind=OpKind.PATCH,
                entity="minutes_section",
                entity_id=section_id,
                payload={"text": text},  # a patch carries the changed field (wire.py)
                base_version=base,
            )
        times.append((time.perf_counter() - started) * 1000)
    print(
        f"\n[bench] save minutes section x{SAVES}: p50 {statistics.median(times):.2f} ms, "
        f"p95 {_pct(times, 0.95):.2f} ms, max {max(times):.2f} ms (target p95 < 15 ms)"
    )
    with store.sessions() as s:
        assert (
            s.scalar(select(func.count()).select_from(MinutesVersion).where(MinutesVersion.section_id == section_id))
            == SAVES
        )
    store.engine.dispose()


HISTORY_SAVES = 200


def test_bench_minutes_save_by_history(tmp_path: Path) -> None:
    world = make_world(tmp_path)
    generate_demo(world.store, children=200, seed=1, today=dt.date(2026, 11, 27))
    s = world.services
    figures: list[str] = []
    for history in (10, 5_000):
        section_id = s.minutes.sections(_conference(world))[0].id
        with world.store.sessions.begin() as session:
            section = session.get(MinutesSection, section_id)
            assert section is not None
            session.add_all(
                MinutesVersion(id=new_id(), section_id=section_id, version=v, text=f"Fersiwn {v}. " * 100)
                for v in range(2, history + 2)
            )
            section.version = history + 1
        save_ms: list[float] = []
        recover_ms: list[float] = []
        for i in range(HISTORY_SAVES):
            text = f"Trafodaeth {i}: mae Gwŷn yn hapus yn yr ysgol; pryderon am Dŷ Dŵr. " * 20
            started = time.perf_counter()
            view = s.minutes.save(section_id, text)
            save_ms.append((time.perf_counter() - started) * 1000)
            if i % 10 == 0:
                s.drafts.save(
                    Entity.MINUTES_SECTION.value, section_id, DRAFT_FIELD, text + " ...", base_version=view.version
                )
                started = time.perf_counter()
                (item,) = s.drafts.recoverable()
                recover_ms.append((time.perf_counter() - started) * 1000)
                s.drafts.discard(item.draft_id)
        assert view.version == history + 1 + HISTORY_SAVES
        figures.append(
            f"{history:>5} versions: save p50 {statistics.median(save_ms):.2f} ms, p95 {_pct(save_ms, 0.95):.2f} ms; "
            f"draft recovery p50 {statistics.median(recover_ms):.2f} ms"
        )
    print(f"\n[bench] MinutesService.save x{HISTORY_SAVES} (target p95 < 15 ms at both):\n  " + "\n  ".join(figures))
    world.store.engine.dispose()


def test_bench_open_profile(tmp_path: Path) -> None:
    secrets = KeyringSecretStore()  # the in-memory keyring set by tests/conftest.py
    first = open_profile(tmp_path, secrets=secrets, env={})
    generate_demo(first, children=500, seed=2, today=dt.date(2026, 11, 27))
    first.close()
    times: list[float] = []
    for _ in range(9):
        fresh = KeyringSecretStore()  # no cached key: read from the keyring each time
        started = time.perf_counter()
        profile = open_profile(tmp_path, secrets=fresh, env={})
        with profile.sessions() as s:
            count = s.scalar(select(func.count()).select_from(Conference))
        times.append((time.perf_counter() - started) * 1000)
        profile.close()
        assert count and count > 0
        assert not profile.migration.upgraded
    print(
        f"\n[bench] open profile (keyring key, connect, migrate check, first query): best {min(times):.1f} ms, "
        f"median {statistics.median(times):.1f} ms (target < 100 ms)"
    )


def test_bench_generate_demo_10k(tmp_path: Path) -> None:
    store = open_test_store(tmp_path)
    started = time.perf_counter()
    summary = generate_demo(store, children=10_000, seed=3, today=dt.date(2026, 11, 27))
    elapsed = time.perf_counter() - started
    rows = sum(summary.counts.values())
    print(
        f"\n[bench] demo data: {summary.children} children, {summary.conferences} conferences, "
        f"{rows} rows in {elapsed:.2f} s ({rows / elapsed:,.0f} rows/s)"
    )
    assert summary.children == 10_000
    store.engine.dispose()
