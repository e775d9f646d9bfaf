"""``make run``'s local register (desktop.devservice): it starts over HTTPS with its own CA, a
demo profile signs in with this run's password and its first sync uploads the demo data, and it
stops; a second start keeps the data and gives a new password."""

from __future__ import annotations

import datetime as dt
import socket
from pathlib import Path

import pytest

from desktop import devservice
from desktop.demo import generate_demo
from desktop.services.base import CurrentUser
from desktop.services.registry import build_services
from desktop.services.sync import SyncService
from desktop.store.testing import open_test_store
from sync.client.errors import SyncError
from sync.client.http import ClientConfig, RegisterClient
from sync.client.tokens import MemoryTokenStore
from sync.protocol.enums import Role
from tests.unit.services.seed import Seat

pytestmark = pytest.mark.xdist_group("devservice")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_start_sign_in_upload_the_demo_and_stop(tmp_path: Path) -> None:
    port = _free_port()
    svc = devservice.start(tmp_path / "profile", port=port)
    try:
        assert svc.url == f"https://127.0.0.1:{port}" and Path(svc.ca_file).is_file()
        assert svc.password not in repr(svc)
        assert not any(svc.password in p.read_text(errors="ignore") for p in (tmp_path / "profile").rglob("*.pem"))
        store = open_test_store(tmp_path / "laptop")
        seat = Seat(CurrentUser(None, "", Role.CHAIR))
        services = build_services(store.sessions, user=seat, today=dt.date.today, device_id="local")
        generate_demo(store, children=3, seed=1, today=dt.date.today())
        sync = SyncService(services.ctx, tmp_path / "laptop")
        client = RegisterClient(ClientConfig(base_url=svc.url, ca_file=svc.ca_file), MemoryTokenStore())
        summary = sync.sign_in(client, svc.username, svc.password, "test")
        assert summary.upload.queued > 0
        report = sync.sync(client)
        assert report.error_kind is None and report.complete
        assert report.applied == report.pushed == summary.upload.queued + summary.upload.finalisations
        client.close()
        store.engine.dispose()
    finally:
        svc.stop()
    assert svc.process is not None and svc.process.poll() is not None

    again = devservice.start(tmp_path / "profile", port=port)
    try:
        assert again.password != svc.password
        old = RegisterClient(ClientConfig(base_url=again.url, ca_file=again.ca_file), MemoryTokenStore())
        with pytest.raises(SyncError) as refused:
            old.enrol(again.username, svc.password, "old password")
        assert refused.value.code == "invalid_credentials"
        old.close()
    finally:
        again.stop()
