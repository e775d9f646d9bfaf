"""AUD-4 on the real PostgreSQL: the service's database role may only INSERT into the audit tables.

The migration grants ``cofnod_service`` SELECT and INSERT on the append-only tables and nothing
more there. A login role that is a member of it runs the whole service (enrol, push, pull, the
audit chain verifies), and every UPDATE, DELETE and TRUNCATE of ``audit_log`` or ``audit_heads``
it tries fails for lack of privilege, not merely because a trigger objects.
"""

from __future__ import annotations

import os
from collections.abc import Iterator

import psycopg
import pytest
from psycopg import errors

from sync.service.db import Database
from tests.service.conftest import _db_numbers
from tests.service.harness import Clock, Service, make_case, make_settings, new_id
from tests.service.pg import Cluster, create_database

pytestmark = pytest.mark.postgres

LOGIN = "register_app"


@pytest.fixture
def service_as_role(pg_cluster: Cluster, pg_template: str) -> Iterator[tuple[Service, str]]:
    name = f"role_{os.getpid()}_{next(_db_numbers)}"
    create_database(pg_cluster, name, template=pg_template)
    with psycopg.connect(
        host="127.0.0.1", port=pg_cluster.port, user="postgres", dbname="postgres", autocommit=True
    ) as conn:
        if conn.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", (LOGIN,)).fetchone() is None:
            conn.execute(f"CREATE ROLE {LOGIN} LOGIN IN ROLE cofnod_service")
    url = f"postgresql+psycopg://{LOGIN}@127.0.0.1:{pg_cluster.port}/{name}"
    db = Database(url)
    clock = Clock()
    svc = Service(db, make_settings(url, clock), clock)
    try:
        yield svc, name
    finally:
        svc.client.close()
        db.dispose()


DENIED = [
    "UPDATE audit_log SET event_json = event_json",
    "DELETE FROM audit_log",
    "TRUNCATE audit_log",
    "UPDATE audit_heads SET head_hash = head_hash",
    "DELETE FROM audit_heads",
    "TRUNCATE audit_heads",
    "INSERT INTO audit_heads (count, head_hash, signed_at) SELECT count + 1, head_hash, signed_at FROM audit_heads "
    "ON CONFLICT (count) DO UPDATE SET head_hash = 'x'",
    "TRUNCATE op_journal",
    "TRUNCATE changes",
    "DROP TABLE audit_log",
    "ALTER TABLE audit_log DISABLE TRIGGER ALL",
]


def test_the_service_runs_as_its_role_and_cannot_rewrite_the_audit_tables(
    service_as_role: tuple[Service, str], pg_cluster: Cluster
) -> None:
    svc, name = service_as_role
    case = make_case(svc)
    assert case.chair.push1("create", "child", new_id(), {"given_names": "Aled"})["status"] == "applied"
    assert case.chair.pull_all()
    assert svc.verify_audit().ok
    with psycopg.connect(host="127.0.0.1", port=pg_cluster.port, user=LOGIN, dbname=name) as conn:
        for statement in DENIED:
            with pytest.raises(errors.InsufficientPrivilege):
                conn.execute(statement)
            conn.rollback()
        # INSERT is what the role is for (rolled back: only the privilege is checked). A head it
        # inserts is no forgery risk: verify-audit --public-key wants the newest head signed.
        conn.execute(
            "INSERT INTO audit_heads (count, head_hash, signed_at) VALUES (%s, %s, %s)",
            (10**12, "0" * 64, "2026-02-11T09:00:00.000000Z"),
        )
        conn.rollback()
    assert svc.verify_audit().ok
