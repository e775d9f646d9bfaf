"""Fixtures of the benchmarks: the register service on SQLite and on a throwaway PostgreSQL."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from sync.service.db import Database
from tests.service.harness import Clock, Service, make_settings, new_id
from tests.service.pg import Cluster, create_database, start_cluster


@pytest.fixture(scope="module")
def pg() -> Iterator[Cluster]:
    cluster = start_cluster()
    try:
        yield cluster
    finally:
        cluster.stop()


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def service(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[tuple[Service, str]]:
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'bench.db'}"
    else:
        url = create_database(request.getfixturevalue("pg"), f"bench_{new_id()[:8]}")
    db = Database(url)
    db.migrate()
    clock = Clock(real=True)
    svc = Service(db, make_settings(url, clock, rate_limit=10**9), clock)
    yield svc, str(request.param)
    svc.client.close()
    db.dispose()
