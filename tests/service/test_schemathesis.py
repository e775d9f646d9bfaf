"""Schemathesis against the service's own ``/openapi.json`` (security-reliability.md IN-1).

At least 100 generated examples per operation, authenticated as a chair with a case to work on;
the checks are: no server error, and every response (errors included) matches the schema.
Runs on SQLite only: it tests the HTTP surface, which does not depend on the database.

The example count is verified, not assumed: Hypothesis stops early once it has exhausted an
operation's input space, so each operation's calls are counted and checked when its test ends.
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
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


MIN_EXAMPLES = 100
#: Operations whose whole input space is smaller than MIN_EXAMPLES, and the count they must reach.
#: Both take no parameters, body or (used) headers: every example is the same request, so
#: Hypothesis rightly stops after a few; one call already covers the operation completely.
SMALL_INPUT_SPACE = {
    "GET /healthz": 1,
    "GET /v1/schema": 1,
}


@pytest.fixture
def examples() -> Iterator[list[str]]:
    """Collects one label per generated call; after the operation's last example, checks the count."""
    calls: list[str] = []
    yield calls
    assert calls, "no example was generated"
    label = calls[0]
    minimum = SMALL_INPUT_SPACE.get(label, MIN_EXAMPLES)
    assert len(calls) >= minimum, f"{label}: {len(calls)} examples, at least {minimum} required"


def test_small_input_space_list_is_current() -> None:
    """Every operation listed as having a small input space exists and really takes no input."""
    operations = {op.label: op for op in (result.ok() for result in schema.get_all_operations())}
    for label in SMALL_INPUT_SPACE:
        assert label in operations, label
        definition = operations[label].definition.raw
        assert not definition.get("parameters") and "requestBody" not in definition, label


@schema.parametrize()
@settings(max_examples=MIN_EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck))
def test_api_conforms(case: schemathesis.Case, examples: list[str]) -> None:
    examples.append(case.operation.label)
    case.call_and_validate(headers=_headers, checks=[not_a_server_error, response_schema_conformance])
