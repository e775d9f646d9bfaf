"""HTTPS servers on 127.0.0.1 with trustme certificates (platform-notes §8).

:func:`https_server` runs an app in this process (a uvicorn thread), for tests that share the
test's clock and settings. :func:`https_server_process` runs ``cofnod-register serve`` in a process
of its own, as a deployment does: the benchmarks use it so their figures measure the server, not
the server and the client's threads taking turns on one interpreter lock.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

import requests
import trustme
import uvicorn
from fastapi import FastAPI

from sync.service.httpserver import JsonErrorsH11Protocol


def _certificates(directory: Path) -> tuple[str, str, str]:
    """Write a CA and a certificate for 127.0.0.1; returns (ca, cert, key) paths."""
    ca = trustme.CA()
    cert = ca.issue_cert("127.0.0.1", "localhost")
    ca.cert_pem.write_to_path(str(directory / "ca.pem"))
    cert.private_key_pem.write_to_path(str(directory / "server.key"))
    cert.cert_chain_pems[0].write_to_path(str(directory / "server.pem"))
    return str(directory / "ca.pem"), str(directory / "server.pem"), str(directory / "server.key")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def https_server(app: FastAPI, directory: Path) -> Iterator[tuple[str, str]]:
    ca, certfile, keyfile = _certificates(directory)
    port = _free_port()
    server = uvicorn.Server(
        uvicorn.Config(
            app,
            host="127.0.0.1",
            port=port,
            log_level="warning",
            ssl_keyfile=keyfile,
            ssl_certfile=certfile,
            # requests closes its sockets without a TLS close_notify, and asyncio then keeps the
            # server side open waiting for one (up to 30 s); uvicorn's graceful shutdown would
            # wait for those connections, so teardown took the full 10 s join timeout. Every
            # request has been answered when the block exits, so a short grace period suffices.
            timeout_graceful_shutdown=0.5,
            # uvicorn closes an idle keep-alive connection after 5 s; a test client that waits longer
            # (a busy machine between hypothesis examples) then writes to a closed socket and fails
            # with RemoteDisconnected. The app's own client retries that; the tests' plain sessions do not.
            timeout_keep_alive=300,
            # The protocol `cofnod-register serve` runs, so HTTP-layer errors are answered as there.
            http=JsonErrorsH11Protocol,
        )
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 15
    while not server.started:
        if time.monotonic() > deadline:
            raise RuntimeError("test server did not start")
        time.sleep(0.05)
    try:
        yield f"https://127.0.0.1:{port}", ca
    finally:
        server.should_exit = True
        thread.join(timeout=10)


@contextmanager
def https_server_process(db_url: str, directory: Path, extra_args: Sequence[str] = ()) -> Iterator[tuple[str, str]]:
    """``cofnod-register serve --db db_url`` over HTTPS in a child process; yields (base URL, CA file).

    ``extra_args`` go to ``serve`` as they are (``--audit-key``, ``--audit-witness``).

    The server has the deployment's settings (real clock, default rate limit and token lifetimes),
    so tokens given to the test must be issued with the real clock. The database must be migrated.
    """
    ca, certfile, keyfile = _certificates(directory)
    port = _free_port()
    base = f"https://127.0.0.1:{port}"
    log = open(directory / "server.log", "wb")  # noqa: SIM115 - closed in finally
    cmd = [
        sys.executable,
        "-m",
        "sync.service.cli",
        "serve",
        "--db",
        db_url,
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
        "--tls-cert",
        certfile,
        "--tls-key",
        keyfile,
        "--log-level",
        "warning",
        *extra_args,
    ]
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(p for p in sys.path if p)}
    proc = subprocess.Popen(cmd, stdout=log, stderr=subprocess.STDOUT, env=env)
    try:
        deadline = time.monotonic() + 30
        with requests.Session() as s:
            s.trust_env = False
            while True:
                if proc.poll() is not None:
                    raise RuntimeError(
                        f"server exited with {proc.returncode}: {(directory / 'server.log').read_text()[-2000:]}"
                    )
                try:
                    if s.get(f"{base}/healthz", verify=ca, timeout=(1, 5)).status_code == 200:
                        break
                except requests.ConnectionError:
                    pass
                if time.monotonic() > deadline:
                    raise RuntimeError("server process did not start")
                time.sleep(0.05)
        yield base, ca
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        log.close()
