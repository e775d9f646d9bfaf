"""Fixtures of the service suite: every test runs on SQLite and on a throwaway PostgreSQL."""

from __future__ import annotations

import itertools
import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from sync.service.db import Database
from tests.service.harness import Clock, Service, make_settings
from tests.service.pg import Cluster, create_database, start_cluster

BACKENDS = [
    pytest.param("sqlite", id="sqlite"),
    pytest.param("postgres", id="postgres", marks=[pytest.mark.postgres]),
]

_db_numbers = itertools.count()


@pytest.fixture(scope="session")
def pg_cluster() -> Iterator[Cluster]:
    cluster = start_cluster()
    try:
        yield cluster
    finally:
        cluster.stop()


@pytest.fixture(scope="session")
def pg_template(pg_cluster: Cluster) -> str:
    """A database migrated once; each test copies it (CREATE DATABASE ... TEMPLATE) in ~50 ms."""
    url = create_database(pg_cluster, "cofnod_template")
    db = Database(url)
    db.migrate()
    db.dispose()
    return "cofnod_template"


def _fresh_url(request: pytest.FixtureRequest, backend: str, tmp_path: Path) -> str:
    if backend == "sqlite":
        return f"sqlite:///{tmp_path / 'register.db'}"
    cluster: Cluster = request.getfixturevalue("pg_cluster")
    template: str = request.getfixturevalue("pg_template")
    return create_database(cluster, f"t_{os.getpid()}_{next(_db_numbers)}", template=template)


@pytest.fixture(params=BACKENDS)
def backend(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture
def db_url(request: pytest.FixtureRequest, backend: str, tmp_path: Path) -> str:
    return _fresh_url(request, backend, tmp_path)


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def svc(db_url: str, clock: Clock) -> Iterator[Service]:
    db = Database(db_url)
    if db_url.startswith("sqlite"):
        db.migrate()
    service = Service(db, make_settings(db_url, clock), clock)
    try:
        yield service
    finally:
        service.client.close()
        db.dispose()
