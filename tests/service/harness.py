"""Test helpers: a service with councils, users and enrolled devices, and an op builder."""

from __future__ import annotations

import itertools
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from fastapi.testclient import TestClient
from sqlalchemy import func, select

from sync.protocol.canonical import decision_content_sha256, payload_sha256
from sync.protocol.enums import Role
from sync.service import audit
from sync.service.config import Settings
from sync.service.db import Database, now_iso
from sync.service.models import AuditEvent, Council, User, UserRole
from sync.service.security import Passwords

PASSWORD = "correct horse battery staple"


class Clock:
    """An injectable clock; tests move it forward to expire tokens.

    ``Clock(real=True)`` reads the wall clock, for a service shared with a server process of
    its own (which issues and checks tokens by the real time).
    """

    def __init__(self, *, real: bool = False) -> None:
        self.now = datetime(2026, 2, 11, 9, 0, tzinfo=UTC)
        self.frozen = False
        self.real = real

    def __call__(self) -> datetime:
        if self.real:
            return datetime.now(UTC)
        if not self.frozen:
            self.now += timedelta(microseconds=1)
        return self.now

    def advance(self, **kw: float) -> None:
        self.now += timedelta(**kw)


def make_settings(url: str, clock: Clock, **overrides: Any) -> Settings:
    base: dict[str, Any] = dict(
        database_url=url,
        argon2_time_cost=1,
        argon2_memory_cost=1024,
        argon2_parallelism=1,
        rate_limit=100_000,
        clock=clock,
        run_migrations=False,
    )
    base.update(overrides)
    return Settings(**base)


def new_id() -> str:
    return str(uuid.uuid4())


@dataclass
class Device:
    svc: Service
    username: str
    user_id: str
    device_id: str
    access_token: str
    refresh_token: str
    seq: itertools.count[int] = field(default_factory=lambda: itertools.count(1))

    @property
    def headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.access_token}"}

    def op(
        self,
        kind: str,
        entity: str,
        entity_id: str,
        payload: dict[str, Any],
        base_version: int | None = None,
        **extra: Any,
    ) -> dict[str, Any]:
        op = {
            "op_id": new_id(),
            "device_seq": next(self.seq),
            "kind": kind,
            "entity": entity,
            "entity_id": entity_id,
            "base_version": base_version,
            "schema_version": 1,
            "payload": payload,
            "payload_sha256": payload_sha256(payload),
            "author_user_id": self.user_id,
            "client_time": "2026-02-11T09:42:17Z",
        }
        op.update(extra)
        return op

    def push_raw(self, ops: list[dict[str, Any]], first: int | None = None, **kw: Any) -> Any:
        body = {
            "protocol": 1,
            "device_id": self.device_id,
            "first_device_seq": first if first is not None else min(o["device_seq"] for o in ops),
            "ops": ops,
        }
        return self.svc.client.post("/v1/sync/push", json=body, headers=self.headers, **kw)

    def push(self, *ops: dict[str, Any]) -> list[dict[str, Any]]:
        r = self.push_raw(list(ops))
        assert r.status_code == 200, r.text
        results: list[dict[str, Any]] = r.json()["results"]
        return results

    def push1(
        self,
        kind: str,
        entity: str,
        entity_id: str,
        payload: dict[str, Any],
        base_version: int | None = None,
        **extra: Any,
    ) -> dict[str, Any]:
        return self.push(self.op(kind, entity, entity_id, payload, base_version, **extra))[0]

    def pull_all(self, cursor: int = 0, scope: str | None = None, limit: int = 1000) -> list[dict[str, Any]]:
        changes: list[dict[str, Any]] = []
        while True:
            params: dict[str, Any] = {"cursor": cursor, "limit": limit}
            if scope:
                params["scope"] = scope
            r = self.svc.client.get("/v1/sync/pull", params=params, headers=self.headers)
            assert r.status_code == 200, r.text
            body = r.json()
            changes.extend(body["changes"])
            cursor = body["next_cursor"]
            if not body["has_more"]:
                return changes

    def get(self, path: str, **kw: Any) -> Any:
        return self.svc.client.get(path, headers=self.headers, **kw)


class Service:
    """A migrated database, an app and a TestClient, plus shortcuts to set up people."""

    def __init__(self, db: Database, settings: Settings, clock: Clock) -> None:
        from sync.service.app import create_app

        self.db = db
        self.settings = settings
        self.clock = clock
        self.app = create_app(settings, db)
        self.client = TestClient(self.app, raise_server_exceptions=False)
        self._passwords = Passwords(settings)
        self._hash = self._passwords.hash(PASSWORD)

    def add_council(self, name: str) -> str:
        council_id = "la-" + uuid.uuid4().hex[:10]
        with self.db.write_txn() as s:
            s.add(Council(id=council_id, name=name, created_at=now_iso(self.clock())))
        return council_id

    def add_user(self, username: str, council_id: str | None, *roles: Role, agency: str | None = None) -> str:
        user_id = "usr-" + uuid.uuid4().hex[:12]
        with self.db.write_txn() as s:
            s.add(
                User(
                    id=user_id,
                    username=username,
                    display_name=username,
                    password_hash=self._hash,
                    council_id=council_id,
                    agency=agency,
                    disabled=False,
                    created_at=now_iso(self.clock()),
                )
            )
            for role in roles:
                s.add(UserRole(user_id=user_id, role=role.value))
        return user_id

    def enrol(self, username: str, password: str = PASSWORD) -> Device:
        r = self.client.post("/v1/devices", json={"username": username, "password": password, "device_name": "laptop"})
        assert r.status_code == 201, r.text
        body = r.json()
        return Device(
            self, username, body["user"]["user_id"], body["device_id"], body["access_token"], body["refresh_token"]
        )

    def user_device(self, username: str, council_id: str | None, *roles: Role, agency: str | None = None) -> Device:
        self.add_user(username, council_id, *roles, agency=agency)
        return self.enrol(username)

    def audit_count(self) -> int:
        with self.db.read_txn() as s:
            return int(s.scalar(select(func.count()).select_from(AuditEvent)) or 0)

    def audit_events(self) -> list[dict[str, Any]]:
        import json

        with self.db.read_txn() as s:
            return [json.loads(e) for e in s.scalars(select(AuditEvent.event_json).order_by(AuditEvent.idx))]

    def verify_audit(self) -> audit.Verification:
        with self.db.read_txn() as s:
            return audit.verify(s)


@dataclass
class Case:
    """A council with a chair, a minute-taker, a co-ordinator and a custodian, and one child."""

    svc: Service
    council_id: str
    chair: Device
    minute_taker: Device
    coordinator: Device
    custodian: Device
    child_id: str
    conference_id: str

    def decision(
        self,
        outcome: str,
        categories: list[str] | None = None,
        conference_id: str | None = None,
        chair: Device | None = None,
        **fields: Any,
    ) -> str:
        decision_id = new_id()
        payload = {
            "conference_id": conference_id or self.conference_id,
            "child_id": self.child_id,
            "outcome": outcome,
            "categories": categories or [],
            **fields,
        }
        r = (chair or self.chair).push1("create", "decision", decision_id, payload)
        assert r["status"] == "applied", r
        return decision_id

    def finalise_op(
        self, device: Device, decision_id: str, register_version: int, conference_id: str | None = None, **extra: Any
    ) -> dict[str, Any]:
        head = self.head("decision", decision_id)
        payload = {
            "content_sha256": decision_content_sha256(head["payload"]),
            "conference_id": conference_id or self.conference_id,
            "register_version": register_version,
            **extra,
        }
        return device.op("finalise_decision", "decision", decision_id, payload, base_version=head["version"])

    def head(self, entity: str, entity_id: str) -> dict[str, Any]:
        import json

        from sync.service.models import EntityHead

        with self.svc.db.read_txn() as s:
            row = s.get(EntityHead, (entity, entity_id))
            assert row is not None, (entity, entity_id)
            return {
                "version": row.version,
                "payload": json.loads(row.payload_json),
                "state": row.state,
                "open_conflicts": row.open_conflicts,
            }

    def register_entries(self) -> list[dict[str, Any]]:
        import json

        from sync.service.models import EntityHead

        with self.svc.db.read_txn() as s:
            rows = s.scalars(
                select(EntityHead).where(
                    EntityHead.entity == "register_entry", EntityHead.scope_key == f"child:{self.child_id}"
                )
            )
            return [{"id": r.entity_id, "version": r.version, **json.loads(r.payload_json)} for r in rows]

    def active_entry(self) -> dict[str, Any] | None:
        active = [e for e in self.register_entries() if e["status"] == "registered"]
        assert len(active) <= 1
        return active[0] if active else None


def make_conference(
    svc: Service,
    chair: Device,
    child_id: str,
    *,
    type_: str = "initial",
    record_taker: str | None = None,
    agencies: int = 3,
    chair_user_id: str | None = None,
) -> str:
    conference_id = new_id()
    r = chair.push1(
        "create",
        "conference",
        conference_id,
        {
            "type": type_,
            "chair_user_id": chair_user_id or chair.user_id,
            "record_taker_user_id": record_taker,
            "scheduled_for": "2026-02-11T10:00:00Z",
        },
    )
    assert r["status"] == "applied", r
    r = chair.push1("append", "conference_child", new_id(), {"conference_id": conference_id, "child_id": child_id})
    assert r["status"] == "applied", r
    groups = ["social_services", "police", "health", "education", "housing"][:agencies]
    for g in groups:
        r = chair.push1(
            "append",
            "attendance",
            new_id(),
            {
                "conference_id": conference_id,
                "participant_kind": "practitioner",
                "agency_grouping": g,
                "status": "present_in_person",
                "name": f"{g} rep",
            },
        )
        assert r["status"] == "applied", r
    return conference_id


def make_case(svc: Service, name: str = "Ynys Môn") -> Case:
    council = svc.add_council(name + " " + uuid.uuid4().hex[:6])
    tag = uuid.uuid4().hex[:6]
    chair = svc.user_device(f"chair-{tag}", council, Role.CHAIR)
    mt = svc.user_device(f"mt-{tag}", council, Role.MINUTE_TAKER)
    co = svc.user_device(f"co-{tag}", council, Role.COORDINATOR)
    cu = svc.user_device(f"cust-{tag}", council, Role.REGISTER_CUSTODIAN)
    child_id = new_id()
    r = chair.push1(
        "create", "child", child_id, {"given_names": "Siân", "family_name": "Jones", "date_of_birth": "2019-05-01"}
    )
    assert r["status"] == "applied", r
    conf = make_conference(svc, chair, child_id, record_taker=mt.user_id)
    return Case(svc, council, chair, mt, co, cu, child_id, conf)
