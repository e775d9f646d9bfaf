"""``cofnod export-record``: write one conference document as PDF, for scripts and batch distribution.

A command (:mod:`desktop.commands`): it opens the profile and calls :class:`DocumentService`.

    cofnod export-record CONFERENCE --profile DIR --out FILE.pdf [--language cy|en]
                         [--recipient ID] [--kind record|summary|letter|notice]

CONFERENCE is the conference reference (e.g. ``CAR-2026-0142``) or its id; ``--recipient`` is a
distribution entry id or an attendee id (the copy then follows their language and leaves out what
was withheld from them). The profile is opened with :func:`desktop.profile.open_profile`: the key
comes from the OS key store, or from ``COFNOD_PASSPHRASE`` for a passphrase profile (automation only).

Exit status: 0 written; 1 the profile could not be opened or the file not written; 2 unknown
conference, recipient, kind or language. Errors are one line on stderr, never a traceback.
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path
from typing import TextIO

logger = logging.getLogger(__name__)

EXIT_OK = 0
EXIT_FAILED = 1
EXIT_USAGE = 2


def _say(stream: TextIO, message: str) -> None:
    print(f"cofnod export-record: {message}", file=stream)


def main(
    conference: str,
    *,
    profile: str | None,
    out: str,
    language: str | None = None,
    recipient: str | None = None,
    kind: str = "record",
) -> int:
    """Produce one document and log it in the profile's distribution record; returns the exit status.

    Runs with umask 077: the profile's files and the PDF (0600) are private.
    """
    from desktop.private_files import private_umask

    with private_umask():
        return _main(conference, profile=profile, out=out, language=language, recipient=recipient, kind=kind)


def _main(
    conference: str, *, profile: str | None, out: str, language: str | None, recipient: str | None, kind: str
) -> int:
    from desktop.config import resolve_profile_dir
    from desktop.profile import cli_open_failure, get_identity, open_profile
    from desktop.secrets import KeyringSecretStore
    from desktop.services.base import CurrentUser, ServiceContext
    from desktop.services.documents import (
        DocumentService,
        DocumentWriteError,
        UnknownConferenceError,
        UnknownDocumentKindError,
        UnknownRecipientError,
        UnsupportedLanguageError,
    )
    from desktop.store.errors import StoreError
    from sync.protocol.enums import Role

    folder = resolve_profile_dir(profile)
    try:
        store = open_profile(folder, secrets=KeyringSecretStore(), create=False)
    except StoreError as exc:
        _say(sys.stderr, f"{folder}: {cli_open_failure(exc)}")
        return EXIT_FAILED
    try:
        identity = get_identity(store)
        roles = [r for r in (identity.roles if identity else ()) if r in Role.__members__.values()]
        user = CurrentUser(
            user_id=identity.user_id if identity else None,
            display_name=identity.display_name if identity else "",
            role=Role(roles[0]) if roles else Role.CHAIR,
        )
        service = DocumentService(ServiceContext(store.sessions, user=lambda: user))
        doc = service.produce(conference, kind=kind, recipient=recipient, language=language, out=Path(out))
    except UnknownConferenceError:
        _say(sys.stderr, f"no conference with reference or id {conference!r}")
        return EXIT_USAGE
    except UnknownRecipientError:
        _say(sys.stderr, f"{recipient!r} is not a recipient or attendee of conference {conference!r}")
        return EXIT_USAGE
    except UnknownDocumentKindError:
        _say(sys.stderr, f"unknown document kind {kind!r} (record, summary, letter or notice)")
        return EXIT_USAGE
    except UnsupportedLanguageError:
        _say(sys.stderr, f"unsupported language {language!r} (cy or en)")
        return EXIT_USAGE
    except DocumentWriteError as exc:
        _say(sys.stderr, f"cannot write {out}: {exc.params.get('reason', exc.code)}")
        return EXIT_FAILED
    except StoreError as exc:
        _say(sys.stderr, f"the profile's database failed ({exc.code})")
        return EXIT_FAILED
    finally:
        store.close()
    state = "draft" if doc.draft else "approved"
    copy = "partial copy" if doc.partial else "full copy"
    print(f"{out}: {doc.kind.value}, {doc.language}, {state}, {copy}, {doc.page_count} pages, sha256 {doc.sha256}")
    return EXIT_OK
