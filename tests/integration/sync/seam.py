"""Both halves over the seam: the real register service over HTTPS and desktop profiles.

A :class:`Seam` runs the service (``sync.service``) on 127.0.0.1 with trustme certificates and
gives each test desktop profiles (real SQLCipher stores and the real services) that sign in,
push their outbox and pull the feed back through :class:`desktop.store.sync_store.SyncStore`.
The HTTP here is plain ``requests`` with the CA passed explicitly (``trust_env`` off); the
sync client and engine of issue 9 will replace it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import requests

from desktop.services.account import AccountService, AdoptSummary, DirectoryUser, SignedIn
from desktop.services.base import CurrentUser
from desktop.services.registry import Services, build_services
from desktop.store.sync_store import SyncStore
from desktop.store.testing import OpenStore, open_test_store
from sync.protocol.enums import Role
from sync.protocol.messages import PullResponse, PushResponse
from tests.service.harness import PASSWORD, Clock, Service, make_settings
from tests.service.tls import https_server, https_server_process
from tests.unit.services.seed import TODAY, Seat


@dataclass
class Profile:
    """A desktop profile: its store, services and sync store, and once signed in its tokens."""

    store: OpenStore
    services: Services
    seat: Seat
    sync: SyncStore
    access_token: str = ""
    user_id: str = ""
    stats: dict[str, int] = field(default_factory=lambda: {"pushed": 0, "pulled": 0, "bytes_out": 0, "bytes_in": 0})


@dataclass
class Seam:
    svc: Service
    base: str
    ca: str
    http: requests.Session
    council_id: str

    # ---- people

    def add_user(self, username: str, display_name: str, *roles: Role) -> str:
        user_id = self.svc.add_user(username, self.council_id, *roles)
        from sync.service.models import User

        with self.svc.db.write_txn() as s:
            row = s.get(User, user_id)
            assert row is not None
            row.display_name = display_name
        return user_id

    def profile(self, folder: Path, *, display_name: str = "", role: Role = Role.CHAIR) -> Profile:
        store = open_test_store(folder)
        seat = Seat(CurrentUser(None, display_name, role))
        services = build_services(store.sessions, user=seat, today=lambda: TODAY, device_id="local")
        return Profile(store, services, seat, SyncStore(store.sessions))

    # ---- HTTP

    def _json(self, method: str, path: str, token: str | None = None, **kw: Any) -> Any:
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        r = self.http.request(method, f"{self.base}{path}", headers=headers, timeout=(5, 120), **kw)
        assert r.status_code in (200, 201), (path, r.status_code, r.text[:2000])
        return r

    def sign_in(self, p: Profile, username: str) -> AdoptSummary:
        """Enrol the device and adopt the service's identity (what the sign-in dialog will do)."""
        body = self._json(
            "POST", "/v1/devices", json={"username": username, "password": PASSWORD, "device_name": "laptop"}
        ).json()
        p.access_token = body["access_token"]
        user = body["user"]
        p.user_id = user["user_id"]
        directory = self._json("GET", "/v1/directory", p.access_token).json()["users"]
        signed = SignedIn(
            user_id=user["user_id"],
            display_name=user.get("display_name") or username,
            roles=tuple(user["roles"]),
            council_id=user["council_id"],
            device_id=body["device_id"],
            server_id=body["server_id"],
            directory=tuple(
                DirectoryUser(u["user_id"], u.get("display_name") or "", tuple(u["roles"])) for u in directory
            ),
        )
        summary = AccountService(p.services.ctx).adopt(signed)
        seat_role = Role.CHAIR if Role.CHAIR.value in signed.roles else Role.MINUTE_TAKER
        p.seat.user = CurrentUser(signed.user_id, signed.display_name, seat_role)
        return summary

    def push(self, p: Profile, *, batch: int = 250) -> list[dict[str, Any]]:
        """Push the whole outbox in batches; returns every result."""
        results: list[dict[str, Any]] = []
        while True:
            ops = p.sync.pending_ops(limit=batch)
            if not ops:
                return results
            r = self._json(
                "POST",
                "/v1/sync/push",
                p.access_token,
                json={"protocol": 1, "first_device_seq": ops[0]["device_seq"], "ops": ops},
            )
            p.stats["bytes_out"] += len(r.request.body or b"")
            answer = PushResponse.model_validate_json(r.content)
            page = [res.model_dump(mode="json", exclude_none=True) for res in answer.results]
            p.sync.record_results(page)
            p.stats["pushed"] += len(page)
            results += page

    def pull(self, p: Profile, *, limit: int = 1000) -> int:
        """Pull every page after the profile's cursor into its store; returns changes received."""
        total = 0
        while True:
            r = self._json("GET", "/v1/sync/pull", p.access_token, params={"cursor": p.sync.cursor(), "limit": limit})
            p.stats["bytes_in"] += len(r.content)
            page = PullResponse.model_validate_json(r.content)
            changes = [c.model_dump(mode="json") for c in page.changes]
            p.sync.apply_page(changes, page.next_cursor, server_id=page.server_id)
            total += len(changes)
            p.stats["pulled"] += len(changes)
            if not page.has_more:
                return total


@contextmanager
def seam(tmp_path: Path, db_url: str | None = None, *, own_process: bool = False) -> Iterator[Seam]:
    """The service on SQLite (or ``db_url``) over HTTPS, with one council.

    ``own_process`` runs ``cofnod-register serve`` in a process of its own, as deployed (for the
    benchmarks: the figures then measure the server, not two sides sharing one interpreter lock).
    """
    from sync.service.db import Database

    url = db_url or f"sqlite:///{tmp_path / 'register.db'}"
    db = Database(url)
    if url.startswith("sqlite") or own_process:
        db.migrate()
    clock = Clock(real=True)
    svc = Service(db, make_settings(url, clock), clock)
    council = svc.add_council("Caerdydd")
    server = https_server_process(url, tmp_path) if own_process else https_server(svc.app, tmp_path)
    with server as (base, ca), requests.Session() as http:
        http.trust_env = False
        http.verify = ca
        try:
            yield Seam(svc, base, ca, http, council)
        finally:
            svc.client.close()
            db.dispose()


def today() -> dt.date:
    return TODAY
