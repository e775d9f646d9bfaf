"""``cofnod sync --profile DIR``: one sync run, with a printed summary.

Exit status: 0 everything synced; 2 synced, but a conflict or a rejection needs a person
(or the run stopped on an answer this build does not expect); 3 sign-in needed (never signed in,
credentials refused or expired, device revoked, no usable key store); 4 the service could not be
reached (network, TLS, the service failing); 5 another sync of this profile is running; 1 the
profile could not be opened.
"""

from __future__ import annotations

import logging
import sys

from desktop.commands.common import EXIT_FAILED, EXIT_OK, CommandFailedError, open_for, say, services_for, sync_client
from sync.client.errors import ErrorKind
from sync.engine.lock import SyncBusyError
from sync.engine.run import SyncReport

logger = logging.getLogger(__name__)

EXIT_ATTENTION = 2
EXIT_SIGN_IN = 3
EXIT_UNREACHABLE = 4
EXIT_BUSY = 5
NAME = "sync"

_SIGN_IN = frozenset({ErrorKind.AUTH, ErrorKind.REVOKED, ErrorKind.KEYSTORE})
_UNREACHABLE = frozenset({ErrorKind.NETWORK, ErrorKind.TLS, ErrorKind.SERVER, ErrorKind.RATE_LIMITED})


def exit_for_error(kind: str) -> int:
    """The exit status for a run stopped by an error of ``kind``."""
    k = ErrorKind(kind)
    if k in _SIGN_IN:
        return EXIT_SIGN_IN
    if k in _UNREACHABLE:
        return EXIT_UNREACHABLE
    return EXIT_ATTENTION


def exit_status(report: SyncReport) -> int:
    if report.error_kind is not None:
        return exit_for_error(report.error_kind)
    if report.needs_attention or not report.complete:
        return EXIT_ATTENTION
    return EXIT_OK


def summary(report: SyncReport) -> str:
    parts = [
        f"sent {report.pushed} (applied {report.applied}, conflicts {report.conflicts}, rejected {report.rejected})",
        f"received {report.pulled}",
        f"waiting {report.pending}",
        f"needs attention {report.attention}",
    ]
    if report.restored_server:
        parts.append("the service was restored from a backup; what it lacked was sent again")
    if report.error_kind is not None:
        parts.append(f"stopped: {report.error_kind}: {report.error_code}")
    return "; ".join(parts)


def main(*, profile: str | None, wait: float = 0.0) -> int:
    """One sync run of the profile; returns the exit status."""
    from desktop.private_files import private_umask

    with private_umask():
        try:
            return _main(profile=profile, wait=wait)
        except CommandFailedError as exc:
            return exc.status


def _main(*, profile: str | None, wait: float) -> int:
    from desktop.config import resolve_profile_dir
    from desktop.services.sync import SyncService

    opened = open_for(NAME, resolve_profile_dir(profile), create=False)
    try:
        services = services_for(opened)
        sync = SyncService(services.ctx, opened.folder)
        address = sync.address()
        if address is None:
            say(NAME, "this profile has not signed in; run cofnod sign-in first", sys.stderr)
            return EXIT_SIGN_IN
        with sync_client(opened, address.url, address.ca_file) as client:
            try:
                report = sync.sync(client, wait=wait)
            except SyncBusyError:
                say(NAME, "another sync of this profile is running", sys.stderr)
                return EXIT_BUSY
    finally:
        opened.close()
    status = exit_status(report)
    say(NAME, summary(report), sys.stdout if status == EXIT_OK else sys.stderr)
    return status if status != EXIT_FAILED else EXIT_ATTENTION
