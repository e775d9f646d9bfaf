"""Fixtures of the engine's tests: the real register service over HTTPS on 127.0.0.1, a fault proxy
in front of it, and desktop profiles (real SQLCipher stores, the real services) that sign in and
sync through :class:`desktop.services.sync.SyncService` with a real :class:`RegisterClient`.

Each test gets a service of its own (SQLite, real clock), so profiles never see another test's data.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from desktop.services.base import CurrentUser
from desktop.services.registry import Services, build_services
from desktop.services.sync import SyncService
from desktop.store import wire
from desktop.store.orm import OutboxOp
from desktop.store.testing import OpenStore, open_test_store
from sync.client.http import ClientConfig, RegisterClient
from sync.client.tokens import MemoryTokenStore
from sync.engine.run import SyncReport
from sync.protocol.enums import Role
from sync.service.db import Database
from sync.service.models import Change, OpJournal
from tests.service.harness import PASSWORD, Clock, Service, make_settings
from tests.service.tls import https_server
from tests.support.faultproxy import FaultProxy
from tests.unit.services.seed import TODAY, Seat

#: Quick back-off: the retries are real, the waits short.
FAST: dict[str, Any] = dict(backoff_factor=0.01, backoff_jitter=0.01, backoff_max=0.05)


@dataclass
class Laptop:
    """One desktop profile with its services, sync service and a client of its own."""

    folder: Path
    store: OpenStore
    services: Services
    seat: Seat
    sync: SyncService
    client: RegisterClient
    tokens: MemoryTokenStore = field(default_factory=MemoryTokenStore)

    def run(self, **kw: Any) -> SyncReport:
        return self.sync.sync(self.client, **kw)

    def records(self) -> dict[tuple[str, str], dict[str, Any]]:
        """Every outbound record in its wire form, keyed by (entity, id)."""
        out: dict[tuple[str, str], dict[str, Any]] = {}
        with self.store.sessions() as s:
            for entity in wire.outbound_entities():
                m = wire.BY_ENTITY[entity]
                rows: list[Any] = list(s.scalars(select(m.table)))
                for row in rows:
                    out[(entity.value, str(row.id))] = wire.to_wire(s, row)
        return out

    def outbox(self) -> list[tuple[int, str, str]]:
        with self.store.sessions() as s:
            return [(o.device_seq, o.op_id, o.state) for o in s.scalars(select(OutboxOp).order_by(OutboxOp.device_seq))]


@dataclass
class Env:
    svc: Service
    url: str
    ca: str
    proxy: FaultProxy
    council_id: str
    tmp: Path
    laptops: list[Laptop] = field(default_factory=list)

    def add_user(self, username: str, display_name: str, *roles: Role) -> str:
        from sync.service.models import User

        user_id = self.svc.add_user(username, self.council_id, *roles)
        with self.svc.db.write_txn() as s:
            row = s.get(User, user_id)
            assert row is not None
            row.display_name = display_name
        return user_id

    def laptop(self, name: str, *, direct: bool = False, **config: Any) -> Laptop:
        folder = self.tmp / name
        store = open_test_store(folder)
        seat = Seat(CurrentUser(None, "", Role.CHAIR))
        services = build_services(store.sessions, user=seat, today=lambda: TODAY, device_id="local")
        tokens = MemoryTokenStore()
        url, ca = (self.url, self.ca) if direct else (self.proxy.url, self.proxy.ca_file)
        client = RegisterClient(ClientConfig(base_url=url, ca_file=ca, **{**FAST, **config}), tokens)
        lap = Laptop(folder, store, services, seat, SyncService(services.ctx, folder), client, tokens)
        self.laptops.append(lap)
        return lap

    def sign_in(self, lap: Laptop, username: str) -> None:
        lap.sync.sign_in(lap.client, username, PASSWORD, "laptop")
        user = lap.client.device_id
        assert user is not None
        from desktop.profile import get_identity

        ident = get_identity(lap.store)
        assert ident is not None
        lap.seat.user = CurrentUser(
            ident.user_id, ident.display_name, Role.CHAIR if "chair" in ident.roles else Role.MINUTE_TAKER
        )

    def journal(self) -> set[str]:
        """The op_ids in the service's journal."""
        with self.svc.db.read_txn() as s:
            return {str(o) for o in s.scalars(select(OpJournal.op_id))}

    def assert_exactly_once(self, lap: Laptop) -> None:
        """Every op of ``lap`` has one outcome on the service, and no op made a record's change twice."""
        local = {op_id for _, op_id, _ in lap.outbox()}
        assert local <= self.journal()
        assert all(state != "pending" for *_, state in lap.outbox())
        with self.svc.db.read_txn() as s:
            twice = s.execute(
                select(Change.op_id, Change.entity, Change.entity_id, func.count())
                .where(Change.op_id.in_(local))
                .group_by(Change.op_id, Change.entity, Change.entity_id)
                .having(func.count() > 1)
            ).all()
        assert twice == []


@contextmanager
def make_env(tmp_path: Path, **settings: Any) -> Iterator[Env]:
    """A service of its own (SQLite, real clock, ``settings`` overriding the test defaults) over
    HTTPS, with a fault proxy in front and one council."""
    url = f"sqlite:///{tmp_path / 'register.db'}"
    db = Database(url)
    db.migrate()
    clock = Clock(real=True)
    svc = Service(db, make_settings(url, clock, **settings), clock)
    council = svc.add_council("Caerdydd")
    made: list[Laptop] = []
    try:
        with https_server(svc.app, tmp_path) as (base, ca), FaultProxy(base, ca, tmp_path) as proxy:
            e = Env(svc, base, ca, proxy, council, tmp_path)
            made = e.laptops
            yield e
    finally:
        for lap in made:
            lap.client.close()
            lap.store.engine.dispose()
        svc.client.close()
        db.dispose()


@pytest.fixture
def env(tmp_path: Path) -> Iterator[Env]:
    with make_env(tmp_path) as e:
        yield e


def today() -> dt.date:
    return TODAY
