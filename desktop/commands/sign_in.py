"""``cofnod sign-in``: enrol this device with the register service and adopt its ids.

    cofnod sign-in --profile DIR --server URL [--ca FILE] --user NAME --password-stdin

The password is read from the first line of stdin, never from the command line. The refresh
token goes to the OS key store (``cofnod-sync:<profile id>``); the address and CA file are kept in
the profile, so ``cofnod sync`` needs only ``--profile``. Records made before sign-in are
re-authored by the signed-in user and queued for the first upload.

Exit status: 0 signed in; 1 the profile could not be opened (or another failure); 2 bad usage
(no password, an address that is not https); 3 the service refused the user name or password;
4 the service could not be reached.
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path

from desktop.commands.common import EXIT_FAILED, EXIT_OK, CommandFailedError, open_for, say, services_for, sync_client
from desktop.commands.sync_once import EXIT_SIGN_IN, EXIT_UNREACHABLE, exit_for_error
from sync.client.errors import SyncError

logger = logging.getLogger(__name__)

EXIT_USAGE = 2
NAME = "sign-in"


def main(*, profile: str | None, server: str, ca: str | None, user: str, password_stdin: bool) -> int:
    """Sign the profile in; returns the exit status."""
    from desktop.private_files import private_umask

    with private_umask():
        try:
            return _main(profile=profile, server=server, ca=ca, user=user, password_stdin=password_stdin)
        except CommandFailedError as exc:
            return exc.status


def _main(*, profile: str | None, server: str, ca: str | None, user: str, password_stdin: bool) -> int:
    from desktop.config import resolve_profile_dir
    from desktop.services.sync import SyncService

    if not password_stdin:
        say(NAME, "give the password on stdin with --password-stdin", sys.stderr)
        return EXIT_USAGE
    password = sys.stdin.readline().rstrip("\r\n")
    if not password:
        say(NAME, "no password on stdin", sys.stderr)
        return EXIT_USAGE
    if ca is not None and not Path(ca).is_file():
        say(NAME, f"no CA file at {ca}", sys.stderr)
        return EXIT_USAGE
    folder = resolve_profile_dir(profile)
    opened = open_for(NAME, folder, create=True)
    try:
        try:
            client = sync_client(opened, server, str(Path(ca).absolute()) if ca else None)
        except ValueError:
            say(NAME, "the service address must be an https:// URL", sys.stderr)
            return EXIT_USAGE
        services = services_for(opened)
        with client:
            summary = SyncService(services.ctx, opened.folder).sign_in(client, user, password, "cofnod-cli")
    except SyncError as exc:
        status = exit_for_error(exc.kind.value)
        reason = {EXIT_SIGN_IN: "the service refused the sign-in", EXIT_UNREACHABLE: "the service could not be reached"}
        say(NAME, f"{reason.get(status, 'sign-in failed')} ({exc.kind.value}: {exc.code})", sys.stderr)
        return status if status in (EXIT_SIGN_IN, EXIT_UNREACHABLE) else EXIT_FAILED
    finally:
        opened.close()
    say(NAME, f"signed in as {user}; {summary.upload.queued} records queued for upload, "
        f"{summary.ops_reauthored} earlier changes now under this user")  # fmt: skip
    return EXIT_OK
