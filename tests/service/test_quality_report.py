"""GET /v1/reports/quality and ``cofnod-register admin quality-report`` (issue 13), on SQLite and PostgreSQL.

A council registers one child at a conference held on 11 February; its register custodian asks for
February's figures. Only custodians and administrators may ask (others 403, unauthenticated 401),
counts only leave, a count of 1 to 4 is hidden when the council asks or the caller says it is for a
board, and every request is written to the audit chain.
"""

from __future__ import annotations

import csv
import io
import json
from typing import Any

import pytest

from sync.protocol.enums import Role
from sync.service import cli, quality
from tests.service.harness import Case, Service, make_case

FEB = {"from": "2026-02-01", "to": "2026-02-28"}


def _registered_case(svc: Service) -> Case:
    case = make_case(svc)
    r = case.chair.push1("patch", "conference", case.conference_id, {"held_on": "2026-02-11"}, base_version=1)
    assert r["status"] == "applied", r
    d = case.decision("decision_2_registered", ["physical"], consensus=True)
    r = case.chair.push(case.finalise_op(case.chair, d, register_version=0))[0]
    assert r["status"] == "applied", r
    return case


def _row(body: dict[str, Any], code: str, breakdown: str | None = None) -> dict[str, Any]:
    return next(r for r in body["rows"] if r["code"] == code and r["breakdown"] == breakdown)


def test_the_register_dates_a_registration_by_the_conference_not_by_the_sync(svc: Service) -> None:
    case = _registered_case(svc)
    (entry,) = [e for e in case.register_entries() if e["child_id"] == case.child_id]
    assert entry["registered_on"] == "2026-02-11"


def test_a_custodian_gets_the_councils_counts_and_the_request_is_audited(svc: Service) -> None:
    case = _registered_case(svc)
    before = svc.audit_count()
    r = case.custodian.get("/v1/reports/quality", params=FEB)
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["council_id"] == case.council_id and body["suppressed"] is False
    assert _row(body, "decisions.registrations", "physical")["count"] == 1
    assert _row(body, "decisions.registrations")["count"] == 1
    assert "record_ids" not in json.dumps(body) and case.child_id not in r.text  # counts only
    (event,) = [e for e in svc.audit_events()[before:] if e["action"] == "read:quality_report"]
    assert event["outcome"] == "ok" and event["actor_user_id"] == case.custodian.user_id
    assert svc.verify_audit().ok


def test_another_councils_custodian_sees_none_of_it(svc: Service) -> None:
    _registered_case(svc)
    other = make_case(svc, "Gwynedd")
    body = other.custodian.get("/v1/reports/quality", params=FEB).json()
    assert _row(body, "decisions.registrations")["count"] == 0


def test_small_numbers_are_hidden_for_a_board_or_when_the_council_asks(svc: Service) -> None:
    case = _registered_case(svc)
    board = case.custodian.get("/v1/reports/quality", params={**FEB, "board": "true"}).json()
    row = _row(board, "decisions.registrations", "physical")
    assert board["suppressed"] is True and row["count"] is None and row["fewer_than_five"] is True
    plain = case.custodian.get("/v1/reports/quality", params=FEB).json()
    assert plain["suppressed"] is False
    with svc.db.write_txn() as s:
        quality.set_council_suppression(s, case.council_id, True)
    asked = case.custodian.get("/v1/reports/quality", params=FEB).json()
    assert asked["suppressed"] is True and _row(asked, "decisions.registrations")["fewer_than_five"] is True
    zero = _row(asked, "decisions.removals")
    assert zero["count"] == 0 and zero["fewer_than_five"] is False  # 0 is not hidden


@pytest.mark.parametrize("role", [Role.CHAIR, Role.MINUTE_TAKER, Role.COORDINATOR, Role.ENQUIRER])
def test_other_roles_are_refused_and_the_refusal_is_audited(svc: Service, role: Role) -> None:
    case = make_case(svc)
    device = svc.user_device(f"u-{role.value}", case.council_id, role)
    before = svc.audit_count()
    r = device.get("/v1/reports/quality", params=FEB)
    assert r.status_code == 403, r.text
    assert any(
        e["action"] == "read:quality_report" and e["outcome"].startswith("denied") for e in svc.audit_events()[before:]
    )


def test_an_administrator_may_ask_and_a_stranger_may_not(svc: Service) -> None:
    case = make_case(svc)
    admin = svc.user_device("admin-q", case.council_id, Role.ADMINISTRATOR)
    assert admin.get("/v1/reports/quality", params=FEB).status_code == 200
    assert svc.client.get("/v1/reports/quality", params=FEB).status_code == 401


@pytest.mark.parametrize(
    "params", [{"from": "2026-03-01", "to": "2026-02-01"}, {"from": "2010-01-01", "to": "2026-01-01"}, {"from": "x"}]
)
def test_a_bad_period_is_a_clear_error(svc: Service, params: dict[str, str]) -> None:
    case = make_case(svc)
    r = case.custodian.get("/v1/reports/quality", params=params)
    assert r.status_code in (400, 422), r.text
    assert r.json().get("error") in ("validation", "bad_request"), r.text


@pytest.mark.parametrize("fmt", ["csv", "json"])
def test_the_command_gives_the_same_figures(
    svc: Service, db_url: str, fmt: str, capsys: pytest.CaptureFixture[str]
) -> None:
    case = _registered_case(svc)
    api = case.custodian.get("/v1/reports/quality", params=FEB).json()
    code = cli.main(
        [
            "admin",
            "--db",
            db_url,
            "quality-report",
            "--council",
            case.council_id,
            "--from",
            FEB["from"],
            "--to",
            FEB["to"],
            "--format",
            fmt,
            "--today",
            svc.settings.clock().date().isoformat(),
        ]
    )
    assert code == 0
    out = capsys.readouterr().out
    if fmt == "json":
        rows = json.loads(out)["rows"]
    else:
        rows = [
            {
                "code": r["code"],
                "breakdown": r["breakdown"] or None,
                "count": int(r["count"]),
                "denominator": int(r["denominator"]) if r["denominator"] else None,
            }
            for r in csv.DictReader(io.StringIO(out))
        ]
    assert _figures(rows) == _figures(api["rows"])


def _figures(rows: list[dict[str, Any]]) -> list[tuple[Any, ...]]:
    return [(r["code"], r["breakdown"], r["count"], r["denominator"]) for r in rows]
