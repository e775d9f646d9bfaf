"""Fixtures of the sync client's tests: the real register service over HTTPS on 127.0.0.1.

One service (SQLite, real clock, since the client judges token lifetimes by the answers' ``Date``)
serves a whole module; each test signs in a user of its own, so tests do not see each other's data.
A :class:`~tests.support.faultproxy.FaultProxy` in front of it counts and breaks requests.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import update

from sync.client.http import ClientConfig, RegisterClient
from sync.client.tokens import MemoryTokenStore
from sync.protocol.canonical import payload_sha256
from sync.protocol.enums import Role
from sync.protocol.messages import Op, PushRequest
from sync.service.db import Database, now_iso
from sync.service.models import AccessToken, Device, RefreshToken
from tests.service.harness import PASSWORD, Clock, Service, make_settings
from tests.service.tls import https_server
from tests.support.faultproxy import FaultProxy

#: Quick back-off for tests: the retries are real, the waits short.
FAST: dict[str, Any] = dict(backoff_factor=0.01, backoff_jitter=0.01, backoff_max=0.05)


@dataclass
class Register:
    svc: Service
    url: str
    ca: str
    council_id: str

    def new_user(self, *roles: Role) -> str:
        username = "u-" + uuid.uuid4().hex[:10]
        self.svc.add_user(username, self.council_id, *(roles or (Role.CHAIR,)))
        return username

    def revoke_access_tokens(self, device_id: str) -> None:
        with self.svc.db.write_txn() as s:
            s.execute(
                update(AccessToken)
                .where(AccessToken.device_id == device_id)
                .values(revoked_at=now_iso(datetime.now(UTC)))
            )

    def expire_refresh_tokens(self, device_id: str) -> None:
        with self.svc.db.write_txn() as s:
            s.execute(
                update(RefreshToken)
                .where(RefreshToken.device_id == device_id)
                .values(expires_at=now_iso(datetime(2000, 1, 1, tzinfo=UTC)))
            )

    def revoke_device(self, device_id: str) -> None:
        with self.svc.db.write_txn() as s:
            s.execute(update(Device).where(Device.id == device_id).values(revoked_at=now_iso(datetime.now(UTC))))


@pytest.fixture(scope="module")
def register(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Register]:
    directory = tmp_path_factory.mktemp("register")
    url = f"sqlite:///{directory / 'register.db'}"
    db = Database(url)
    db.migrate()
    clock = Clock(real=True)
    svc = Service(db, make_settings(url, clock), clock)
    council = svc.add_council("Cyngor Gwynedd")
    try:
        with https_server(svc.app, directory) as (base, ca):
            yield Register(svc, base, ca, council)
    finally:
        svc.client.close()
        db.dispose()


@pytest.fixture
def proxy(register: Register, tmp_path: Path) -> Iterator[FaultProxy]:
    with FaultProxy(register.url, register.ca, tmp_path) as p:
        yield p


ClientFactory = Callable[..., RegisterClient]


@pytest.fixture
def make_client(proxy: FaultProxy) -> Iterator[ClientFactory]:
    """Clients through the proxy (``direct=True``: straight to the service), closed at teardown."""
    made: list[RegisterClient] = []

    def make(tokens: MemoryTokenStore | None = None, **config: Any) -> RegisterClient:
        settings = {"base_url": proxy.url, "ca_file": proxy.ca_file, **FAST, **config}
        client = RegisterClient(ClientConfig(**settings), tokens or MemoryTokenStore())
        made.append(client)
        return client

    yield make
    for client in made:
        client.close()


def child_op(user_id: str, seq: int, **payload: Any) -> Op:
    body = {"given_names": "Siân", "family_name": "Jones", "date_of_birth": "2019-05-01", **payload}
    return Op(
        op_id=str(uuid.uuid4()),
        device_seq=seq,
        kind="create",
        entity="child",
        entity_id=str(uuid.uuid4()),
        payload=body,
        payload_sha256=payload_sha256(body),
        author_user_id=user_id,
    )


def batch(user_id: str, first: int, count: int, **payload: Any) -> PushRequest:
    ops = [child_op(user_id, first + i, **payload) for i in range(count)]
    return PushRequest(protocol=1, first_device_seq=first, ops=ops)


__all__ = ["FAST", "PASSWORD", "ClientFactory", "Register", "batch", "child_op"]
