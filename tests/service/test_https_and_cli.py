"""The service over real HTTPS, concurrent pushes, and the admin command line."""

from __future__ import annotations

import io
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
import requests

from sync.protocol.enums import Role
from sync.service.cli import main as cli_main
from tests.service.harness import PASSWORD, Service, make_case, new_id
from tests.service.tls import https_server


def test_sync_over_https_with_concurrent_devices(svc: Service, tmp_path: Path) -> None:
    case = make_case(svc)
    devices = [svc.user_device(f"c{i}", case.council_id, Role.CHAIR) for i in range(4)]
    with https_server(svc.app, tmp_path) as (base, ca):

        def run(dev) -> list[str]:  # type: ignore[no-untyped-def]
            statuses = []
            with requests.Session() as s:
                s.trust_env = False
                s.verify = ca
                statuses += push_all(s, dev)
            return statuses

        def push_all(s: requests.Session, dev) -> list[str]:  # type: ignore[no-untyped-def]
            statuses = []
            for _ in range(5):
                ops = [dev.op("create", "child", new_id(), {"given_names": "x"}) for _ in range(10)]
                r = s.post(
                    f"{base}/v1/sync/push",
                    headers=dev.headers,
                    timeout=(5, 60),
                    json={"protocol": 1, "first_device_seq": ops[0]["device_seq"], "ops": ops},
                )
                assert r.status_code == 200, r.text
                statuses += [x["status"] for x in r.json()["results"]]
            return statuses

        with ThreadPoolExecutor(4) as pool:
            results = list(pool.map(run, devices))
        assert all(s == ["applied"] * 50 for s in results)
        s = requests.Session()
        s.trust_env = False
        r = s.get(
            f"{base}/v1/sync/pull",
            params={"cursor": 0, "limit": 1000},
            headers=case.chair.headers,
            verify=ca,
            timeout=(5, 60),
        )
        seqs = [c["server_seq"] for c in r.json()["changes"]]
        assert seqs == sorted(set(seqs))
        assert len([c for c in r.json()["changes"] if c["entity"] == "child"]) == 1 + 200
        with pytest.raises(requests.exceptions.SSLError):
            s.get(f"{base}/healthz", verify=True, timeout=(5, 10))
        s.close()


def test_admin_cli_end_to_end(db_url: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    def run(*args: str, stdin: str = "") -> tuple[int, str]:
        monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
        rc = cli_main(["admin", "--db", db_url, *args])
        return rc, capsys.readouterr().out.strip()

    assert run("init-db")[0] == 0
    rc, council = run("add-council", "Cyngor Sir Ddinbych")
    assert rc == 0 and council.startswith("la-")
    rc, user_id = run(
        "add-user",
        "ffion",
        "--council",
        "Cyngor Sir Ddinbych",
        "--role",
        "chair",
        "--role",
        "register_custodian",
        "--password-stdin",
        stdin="s3cret-pass\n",
    )
    assert rc == 0 and user_id.startswith("usr-")
    assert run("reset-password", "ffion", "--password-stdin", stdin=PASSWORD + "\n")[0] == 0

    from fastapi.testclient import TestClient

    from sync.service.app import create_app
    from sync.service.config import Settings

    client = TestClient(create_app(Settings(database_url=db_url)))
    r = client.post("/v1/devices", json={"username": "ffion", "password": PASSWORD})
    assert r.status_code == 201 and sorted(r.json()["user"]["roles"]) == ["chair", "register_custodian"]
    device = r.json()["device_id"]
    rc, listing = run("list-devices")
    assert device in listing and "active" in listing
    assert run("revoke-device", device)[0] == 0
    r = client.get("/v1/sync/meta", headers={"Authorization": f"Bearer {r.json()['access_token']}"})
    assert r.status_code == 401 and r.json()["error"] == "device_revoked"
    assert run("verify-audit")[0] == 0


def test_serve_refuses_plain_http_off_loopback() -> None:
    r = subprocess.run(
        [sys.executable, "-m", "sync.service.cli", "serve", "--db", "sqlite://", "--host", "0.0.0.0", "--insecure-dev"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert r.returncode == 2 and "refusing to serve plain HTTP" in r.stderr
    r = subprocess.run(
        [sys.executable, "-m", "sync.service.cli", "serve", "--db", "sqlite://", "--host", "127.0.0.1"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert r.returncode == 2
