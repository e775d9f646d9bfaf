"""A throwaway PostgreSQL 15 cluster for the service tests (platform-notes.md section 11).

initdb refuses to run as root, so when the tests run as root the cluster is created and started
as the ``postgres`` account. Each pytest-xdist worker starts its own cluster on its own free port.
A missing PostgreSQL is a failure with a clear message, never a skip: CI installs it.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

PG_BIN = Path(os.environ.get("COFNOD_PG_BIN", "/usr/lib/postgresql/15/bin"))


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _as_postgres(cmd: list[str]) -> list[str]:
    if os.geteuid() != 0:
        return cmd
    return ["su", "postgres", "-s", "/bin/sh", "-c", " ".join(_quote(c) for c in cmd)]


def _quote(arg: str) -> str:
    return "'" + arg.replace("'", "'\\''") + "'"


@dataclass
class Cluster:
    base: Path
    port: int

    @property
    def admin_url(self) -> str:
        return f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/postgres"

    def url(self, dbname: str) -> str:
        return f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/{dbname}"

    def stop(self) -> None:
        subprocess.run(
            _as_postgres([str(PG_BIN / "pg_ctl"), "-D", str(self.base / "data"), "-m", "immediate", "-w", "stop"]),
            capture_output=True,
            timeout=60,
        )
        shutil.rmtree(self.base, ignore_errors=True)


def start_cluster() -> Cluster:
    initdb = PG_BIN / "initdb"
    if not initdb.exists():
        raise RuntimeError(
            f"PostgreSQL 15 not found at {PG_BIN} (set COFNOD_PG_BIN); the service suite needs it: "
            "apt-get install postgresql-15"
        )
    base = Path(tempfile.mkdtemp(prefix="cofnod-pg-"))
    os.chmod(base, 0o755)
    data, sock = base / "data", base / "sock"
    data.mkdir(mode=0o700)
    sock.mkdir()
    if os.geteuid() == 0:
        shutil.chown(data, "postgres", "postgres")
        shutil.chown(sock, "postgres", "postgres")
    run = subprocess.run(
        _as_postgres(
            [
                str(initdb),
                "-D",
                str(data),
                "-A",
                "trust",
                "-U",
                "postgres",
                "--no-sync",
                "-E",
                "UTF8",
                "--locale=C.UTF-8",
            ]
        ),
        capture_output=True,
        text=True,
        timeout=120,
    )
    if run.returncode != 0:
        raise RuntimeError(f"initdb failed: {run.stderr[-2000:]}")
    for _attempt in range(5):
        port = _free_port()
        opts = (
            f"-p {port} -k {sock} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off "
            "-c full_page_writes=off -c max_connections=200"
        )
        run = subprocess.run(
            _as_postgres(
                [str(PG_BIN / "pg_ctl"), "-D", str(data), "-l", str(data / "server.log"), "-o", opts, "-w", "start"]
            ),
            capture_output=True,
            text=True,
            timeout=120,
        )
        if run.returncode == 0:
            cluster = Cluster(base, port)
            _wait_ready(cluster)
            return cluster
        time.sleep(0.2)
    log = (data / "server.log").read_text(errors="replace")[-2000:] if (data / "server.log").exists() else ""
    shutil.rmtree(base, ignore_errors=True)
    raise RuntimeError(f"pg_ctl start failed: {run.stderr[-1000:]} {log}")


def _wait_ready(cluster: Cluster) -> None:
    import psycopg

    deadline = time.monotonic() + 30
    while True:
        try:
            with psycopg.connect(host="127.0.0.1", port=cluster.port, user="postgres", dbname="postgres"):
                return
        except psycopg.OperationalError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.1)


def create_database(cluster: Cluster, name: str, template: str | None = None) -> str:
    import psycopg

    with psycopg.connect(
        host="127.0.0.1", port=cluster.port, user="postgres", dbname="postgres", autocommit=True
    ) as conn:
        conn.execute(f'CREATE DATABASE "{name}"' + (f' TEMPLATE "{template}"' if template else ""))
    return cluster.url(name)
