"""Demo data: deterministic for a seed and a day, realistic in content, due dates from the rules engine."""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select, text

from desktop.demo import CHAIR_NAME, generate_demo
from desktop.domain.timescales import ConferenceTiming, conference_deadline
from desktop.profile import get_identity
from desktop.store.meta import get_meta
from desktop.store.orm import Base, Conference, OutboxOp
from desktop.store.testing import OpenStore, open_test_store
from sync.protocol.enums import ConferenceStatus, ConferenceType

TODAY = dt.date(2026, 11, 27)
REPO = Path(__file__).resolve().parents[2]


def _dump(store: OpenStore) -> dict[str, list[tuple[Any, ...]]]:
    out: dict[str, list[tuple[Any, ...]]] = {}
    with store.engine.connect() as conn:
        for name in Base.metadata.tables:
            out[name] = [tuple(r) for r in conn.execute(text(f"SELECT * FROM {name} ORDER BY 1")).all()]
    return out


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> OpenStore:
    store = open_test_store(tmp_path_factory.mktemp("demo"))
    generate_demo(store, children=400, seed=7, today=TODAY)
    return store


def test_same_seed_and_day_give_identical_data(demo: OpenStore, tmp_path: Path) -> None:
    again = open_test_store(tmp_path / "a")
    generate_demo(again, children=400, seed=7, today=TODAY)
    assert _dump(again) == _dump(demo)
    other = open_test_store(tmp_path / "b")
    generate_demo(other, children=400, seed=8, today=TODAY)
    assert _dump(other)["child"] != _dump(demo)["child"]
    for s in (again, other):
        s.engine.dispose()


def test_content_is_varied_and_realistic(demo: OpenStore) -> None:
    def q(sql: str) -> list[Any]:
        with demo.engine.connect() as conn:
            return list(conn.execute(text(sql)).all())

    assert q("SELECT count(*) FROM child")[0][0] == 400
    names = " ".join(r[0] for r in q("SELECT given_names || ' ' || family_name FROM child"))
    adults = " ".join(r[0] for r in q("SELECT name FROM family_member"))
    assert "ŷ" in names and ("ŵ" in names + adults)
    assert {r[0] for r in q("SELECT DISTINCT type FROM conference")} == {t.value for t in ConferenceType}
    assert {r[0] for r in q("SELECT DISTINCT status FROM conference")} == {s.value for s in ConferenceStatus}
    assert q("SELECT count(*) FROM child WHERE unborn = 1")[0][0] > 0
    # Sibling groups share a parent who holds parental responsibility.
    shared = q(
        "SELECT family_member_id FROM family_link WHERE has_parental_responsibility = 1 "
        "GROUP BY family_member_id HAVING count(*) > 1"
    )
    assert shared
    assert q("SELECT count(DISTINCT agency) FROM attendance WHERE kind = 'practitioner'")[0][0] >= 5
    assert q("SELECT count(*) FROM child_voice WHERE wishes_and_feelings != ''")[0][0] > 0
    assert q("SELECT count(*) FROM minutes_section")[0][0] == q("SELECT count(*) FROM minutes_version")[0][0] > 0
    assert q("SELECT count(*) FROM practitioner_view")[0][0] > 0
    assert q("SELECT count(*) FROM dissent")[0][0] > 0
    assert q("SELECT count(*) FROM plan_action")[0][0] > 0
    assert {r[0] for r in q("SELECT DISTINCT state FROM decision")} >= {"draft", "finalised", "finalisation_pending"}
    assert q("SELECT count(*) FROM register_entry WHERE ended_on IS NULL")[0][0] > 0
    assert q("SELECT count(*) FROM register_entry WHERE ended_on IS NOT NULL AND end_reason IS NOT NULL")[0][0] > 0
    assert q("SELECT count(*) FROM coordinator_assignment WHERE to_date IS NOT NULL")[0][0] > 0
    overdue = q(f"SELECT count(*) FROM conference WHERE status = 'scheduled' AND due_by < '{TODAY.isoformat()}'")[0][0]
    assert overdue > 0
    with demo.sessions() as s:
        assert s.scalar(select(func.count()).select_from(OutboxOp)) == 0
        assert get_meta(s, "demo") == "1"
        chair_refs = s.scalar(select(func.count()).select_from(Conference).where(Conference.chair_user_id.is_not(None)))
        assert chair_refs
    identity = get_identity(demo)
    assert identity is not None and identity.display_name == CHAIR_NAME and identity.roles == ("chair",)
    with demo.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA foreign_key_check").all() == []


def test_due_dates_come_from_the_rules_engine(demo: OpenStore) -> None:
    with demo.sessions() as s:
        initial = s.scalars(select(Conference).where(Conference.type == "initial").limit(20)).all()
        reviews = s.scalars(select(Conference).where(Conference.type == "review").limit(20)).all()
        for c in initial:
            assert c.strategy_discussion_on is not None
            expected = conference_deadline(
                ConferenceTiming(ConferenceType.INITIAL, strategy_discussions=(c.strategy_discussion_on,))
            ).due
            # An overdue booking may have been given an earlier due date on purpose.
            assert c.due_by is not None and c.due_by <= expected
        for c in reviews:
            prev = s.get(Conference, c.previous_conference_id)
            assert prev is not None
            expected = conference_deadline(
                ConferenceTiming(
                    ConferenceType.REVIEW,
                    previous_conference_on=c.previous_conference_on,
                    previous_conference_type=ConferenceType(prev.type),
                )
            ).due
            assert c.due_by is not None and c.due_by <= expected


def test_conferences_per_child_scales_conference_count(tmp_path: Path) -> None:
    store = open_test_store(tmp_path)
    summary = generate_demo(store, children=300, seed=2, today=TODAY, conferences_per_child=2.0)
    assert summary.children == 300
    assert 1.6 * 300 <= summary.conferences <= 2.4 * 300
    store.engine.dispose()


def test_cli_demo_data(tmp_path: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    out = subprocess.run(
        [sys.executable, "-m", "desktop", "demo-data", "--profile", str(tmp_path / "p"), "--children", "30"],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert out.returncode == 0, out.stderr[-2000:]
    assert "30 children" in out.stdout


def test_cli_demo_data_when_the_only_key_store_keeps_plain_text(tmp_path: Path) -> None:
    # keyrings.alt installed, no Secret Service: keyring would choose its plaintext file by itself.
    keyring_file = tmp_path / "keyring_pass.json"
    env = {**os.environ, "PYTHONPATH": str(REPO), "PYTHON_KEYRING_BACKEND": "tests.support.filekeyring.FileKeyring",
           "COFNOD_TEST_KEYRING_FILE": str(keyring_file)}  # fmt: skip
    env.pop("COFNOD_PASSPHRASE", None)
    folder = tmp_path / "p"

    def demo(extra: dict[str, str]) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "desktop", "demo-data", "--profile", str(folder), "--children", "2"],
            cwd=REPO, env={**env, **extra}, capture_output=True, text=True, timeout=120, check=False,
        )  # fmt: skip

    refused = demo({})
    assert refused.returncode == 2
    assert "keeps secrets in a plain file" in refused.stdout and "COFNOD_PASSPHRASE" in refused.stdout
    assert not folder.exists()  # no empty folder left behind

    made = demo({"COFNOD_PASSPHRASE": "Cyfrinair hir iawn ŵ"})
    assert made.returncode == 0, made.stderr[-2000:]
    assert "keeps secrets in a plain file" in made.stdout and "2 children" in made.stdout
    assert json.loads((folder / "profile.json").read_text())["key_mode"] == "passphrase"
    assert not keyring_file.exists()  # nothing was put in it
