"""A local reference register service for ``make run``: HTTPS on 127.0.0.1, a throwaway CA.

:func:`start` makes (once) a trustme CA and a certificate for 127.0.0.1 in ``<profile>/devservice``,
a SQLite service database with one council and the demo's people (``cofnod-register admin``), and
runs ``cofnod-register serve`` in a child process. The demo chair's password is new on every run
(``secrets.token_urlsafe``), handed to the admin command on stdin and kept only in memory: never in a
file, the environment or a command line. The service is a separate process (desktop never imports
``sync.service``); :meth:`DevService.stop` ends it when the app exits.
"""

from __future__ import annotations

import logging
import secrets
import socket
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from desktop.demo import CHAIR_NAME, MINUTE_TAKER_NAME
from desktop.private_files import make_private_folder

logger = logging.getLogger(__name__)

#: A fixed port, so a profile signed in on one run finds its register on the next.
DEV_PORT = 18443
COUNCIL = "Caerdydd"
#: (user name, display name, role): the demo's people, so the first upload matches them by name.
PEOPLE = (
    ("eluned", CHAIR_NAME, "chair"),
    ("tomos", MINUTE_TAKER_NAME, "minute_taker"),
    ("rhian", "Rhian Morgan", "chair"),
    ("gareth", "Gareth Hughes", "chair"),
    ("ceri", "Ceri Lloyd", "chair"),
)
SIGN_IN_AS = "eluned"


@dataclass
class DevService:
    """A running local register; ``password`` is the demo chair's for this run only."""

    url: str
    ca_file: str
    username: str
    password: str = field(repr=False)
    process: subprocess.Popen[bytes] | None = field(default=None, repr=False)

    def stop(self, timeout: float = 10.0) -> None:
        """End the service process (the data in its database stays for the next run)."""
        p = self.process
        if p is None or p.poll() is not None:
            return
        p.terminate()
        try:
            p.wait(timeout)
        except subprocess.TimeoutExpired:
            p.kill()
            p.wait(timeout)


def _register(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "sync.service.cli", *args], input=stdin, capture_output=True, text=True, check=False
    )


def _certificates(folder: Path) -> tuple[Path, Path, Path]:
    ca, cert, key = folder / "ca.pem", folder / "server.pem", folder / "server.key"
    if not (ca.exists() and cert.exists() and key.exists()):
        import trustme  # a development dependency: only ``make run`` makes certificates

        authority = trustme.CA()
        issued = authority.issue_cert("127.0.0.1", "localhost")
        authority.cert_pem.write_to_path(str(ca))
        issued.private_key_pem.write_to_path(str(key))
        issued.cert_chain_pems[0].write_to_path(str(cert))
    return ca, cert, key


def _wait_listening(port: int, process: subprocess.Popen[bytes], timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError("the local register service stopped while starting")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError("the local register service did not start in time")


def start(profile: Path, *, port: int = DEV_PORT, timeout: float = 30.0) -> DevService:
    """Prepare and start the local register for the profile at ``profile``."""
    folder = profile / "devservice"
    make_private_folder(folder)
    ca, cert, key = _certificates(folder)
    db = f"sqlite:///{folder / 'register.db'}"
    _register("admin", "--db", db, "init-db").check_returncode()
    made = _register("admin", "--db", db, "add-council", COUNCIL)
    if made.returncode == 0:
        council = made.stdout.strip()
        for username, display, role in PEOPLE:
            _register("admin", "--db", db, "add-user", username, "--council", council, "--role", role,
                      "--display-name", display, "--password-stdin",
                      stdin=secrets.token_urlsafe(24) + "\n").check_returncode()  # fmt: skip
    password = secrets.token_urlsafe(24)
    _register("admin", "--db", db, "reset-password", SIGN_IN_AS, "--password-stdin",
              stdin=password + "\n").check_returncode()  # fmt: skip
    process = subprocess.Popen(
        [sys.executable, "-m", "sync.service.cli", "serve", "--db", db, "--host", "127.0.0.1", "--port", str(port),
         "--tls-cert", str(cert), "--tls-key", str(key), "--log-level", "warning"],
        stdin=subprocess.DEVNULL,
    )  # fmt: skip
    service = DevService(f"https://127.0.0.1:{port}", str(ca), SIGN_IN_AS, password, process)
    try:
        _wait_listening(port, process, timeout)
    except BaseException:
        service.stop()
        raise
    logger.info("local register service started", extra={"port": port})
    return service


__all__ = ["DEV_PORT", "DevService", "start"]
