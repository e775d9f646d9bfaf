"""Schemathesis against the service's own ``/openapi.json`` (security-reliability.md IN-1).

At least 100 generated examples per operation, authenticated as a chair with a case to work on;
the checks are: no server error, and every response (errors included) matches the schema.
Runs on SQLite only: it tests the HTTP surface, which does not depend on the database.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import response_schema_conformance

from sync.service.app import create_app
from sync.service.db import Database
from tests.service.harness import Clock, Service, make_case, make_settings

_dir = Path(tempfile.mkdtemp(prefix="cofnod-st-"))
_url = f"sqlite:///{_dir / 'register.db'}"
_db = Database(_url)
_db.migrate()
_svc = Service(_db, make_settings(_url, Clock(), rate_limit=10**9), Clock())
_case = make_case(_svc)
# The injected clock barely moves, so this access token never expires during the run.
_headers = _case.chair.headers

schema = schemathesis.openapi.from_asgi("/openapi.json", create_app(_svc.settings, _db))


@schema.parametrize()
@settings(max_examples=100, deadline=None, suppress_health_check=list(HealthCheck))
def test_api_conforms(case: schemathesis.Case) -> None:
    case.call_and_validate(headers=_headers, checks=[not_a_server_error, response_schema_conformance])
