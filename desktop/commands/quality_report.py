"""``cofnod quality-report --profile DIR --from DATE --to DATE --out FILE.pdf|.csv [--language cy|en] [--board]``.

Writes the quality report of the profile's own data (:class:`desktop.services.quality.QualityService`):
the whole council's when the profile's user is a register custodian or an administrator, else the
conferences they chair. ``--board`` suppresses counts of 1 to 4 ("fewer than 5") and names no
record, for anything that leaves the council. A ``.csv`` is the figures with their labels; a ``.pdf``
is the board report of :mod:`desktop.documents.quality` (refused with a clear message while that
renderer is not installed). The file is private (0600) and written whole or not at all.

Exit status: 0 written; 1 the profile could not be opened or the file not written; 2 bad arguments.
"""

from __future__ import annotations

import datetime as dt
import importlib
import logging
import os
import sys
from pathlib import Path

from desktop.commands.common import EXIT_FAILED, EXIT_OK, CommandFailedError, open_for, say, services_for
from desktop.services.errors import PermissionDeniedError
from desktop.services.quality import QualityService
from desktop.services.quality_csv import quality_csv
from sync.protocol.quality import Period

logger = logging.getLogger(__name__)

NAME = "quality-report"
EXIT_USAGE = 2


def parse_period(start: str, end: str) -> Period:
    """The period from two ISO dates.

    Raises:
        ValueError: a date is not YYYY-MM-DD, or the end is before the start.
    """
    try:
        first, last = dt.date.fromisoformat(start), dt.date.fromisoformat(end)
    except ValueError:
        raise ValueError("dates must be YYYY-MM-DD") from None
    if last < first:
        raise ValueError("--to is before --from")
    return Period(first, last)


def main(
    *, profile: str | None, start: str, end: str, out: str, language: str | None = None, board: bool = False
) -> int:
    from desktop.private_files import private_umask

    with private_umask():
        try:
            return _main(profile=profile, start=start, end=end, out=out, language=language or "en", board=board)
        except CommandFailedError as exc:
            return exc.status


def _renderer() -> object | None:
    """``desktop.documents.quality.render_quality_report``, when that module is installed."""
    try:
        module = importlib.import_module("desktop.documents.quality")
    except ModuleNotFoundError:
        return None
    return getattr(module, "render_quality_report", None)


def _main(*, profile: str | None, start: str, end: str, out: str, language: str, board: bool) -> int:
    from desktop.config import resolve_profile_dir

    try:
        period = parse_period(start, end)
    except ValueError as exc:
        say(NAME, str(exc), sys.stderr)
        return EXIT_USAGE
    target = Path(out)
    suffix = target.suffix.lower()
    if suffix not in (".csv", ".pdf"):
        say(NAME, "--out must end in .csv or .pdf", sys.stderr)
        return EXIT_USAGE
    render = _renderer() if suffix == ".pdf" else None
    if suffix == ".pdf" and not callable(render):
        say(NAME, "this installation cannot write the PDF report yet; write a .csv instead", sys.stderr)
        return EXIT_FAILED
    opened = open_for(NAME, resolve_profile_dir(profile), create=False)
    try:
        services = services_for(opened)
        user = services.ctx.user
        quality = QualityService(services.ctx)
        council_wide = quality.may_see_council(user)
        try:
            report = quality.report(period, user=user, council_wide=council_wide, for_board=board)
            councils = services.settings.councils()
            named = [c for c in councils if c.id == report.scope.council_id] or (
                list(councils) if len(councils) == 1 else []
            )
            council = ""
            if named:
                council = named[0].name_cy if language == "cy" and named[0].name_cy else named[0].name_en
        except PermissionDeniedError as exc:
            say(NAME, f"not permitted: {exc.code}", sys.stderr)
            return EXIT_FAILED
    finally:
        opened.close()
    tmp = target.with_name(target.name + ".tmp")
    try:
        if suffix == ".csv":
            with open(
                os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600), "w", encoding="utf-8", newline=""
            ) as f:
                f.write(quality_csv(report, language))
                f.flush()
                os.fsync(f.fileno())
        else:
            render(report, language, tmp, council_name=council)  # type: ignore[operator]
        os.replace(tmp, target)
    except OSError as exc:
        say(NAME, f"cannot write {out}: {exc.strerror or type(exc).__name__}", sys.stderr)
        tmp.unlink(missing_ok=True)
        return EXIT_FAILED
    whose = "the council's" if council_wide else "your conferences'"
    note = ", suppressed for a board" if board else ""
    say(NAME, f"{out}: {len(report.measures)} figures, {whose}, {period.start} to {period.end}{note}")
    return EXIT_OK
