"""An in-process uvicorn server over HTTPS on 127.0.0.1 with trustme certificates (platform-notes §8)."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import trustme
import uvicorn
from fastapi import FastAPI


@contextmanager
def https_server(app: FastAPI, directory: Path) -> Iterator[tuple[str, str]]:
    ca = trustme.CA()
    cert = ca.issue_cert("127.0.0.1", "localhost")
    ca.cert_pem.write_to_path(str(directory / "ca.pem"))
    cert.private_key_pem.write_to_path(str(directory / "server.key"))
    cert.cert_chain_pems[0].write_to_path(str(directory / "server.pem"))
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = uvicorn.Server(
        uvicorn.Config(
            app,
            host="127.0.0.1",
            port=port,
            log_level="warning",
            ssl_keyfile=str(directory / "server.key"),
            ssl_certfile=str(directory / "server.pem"),
            # requests closes its sockets without a TLS close_notify, and asyncio then keeps the
            # server side open waiting for one (up to 30 s); uvicorn's graceful shutdown would
            # wait for those connections, so teardown took the full 10 s join timeout. Every
            # request has been answered when the block exits, so a short grace period suffices.
            timeout_graceful_shutdown=0.5,
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
        yield f"https://127.0.0.1:{port}", str(directory / "ca.pem")
    finally:
        server.should_exit = True
        thread.join(timeout=10)
