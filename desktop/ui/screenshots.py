"""``python -m desktop.ui.screenshots --out DIR``: every main screen as PNG, in English and Welsh.

A throwaway profile is made in a temporary folder with its key held in memory only (nothing secret
is written to disk; the folder is deleted afterwards), filled with fictional demo data, and each
screen is rendered with ``QWidget.grab()`` at a laptop size (1366×768 by default):

* ``{lang}-today.png``, ``{lang}-conferences.png``, ``{lang}-children.png`` (a child's register
  history shown), ``{lang}-settings.png``, ``{lang}-quality.png`` (the Quality page's charts);
* ``{lang}-conference-{tab}.png`` for each workspace tab: details, attendance (with the quorum
  indicator), voice, minutes, decisions, plan, distribution, of a conference already held (its
  record locked: read-only text);
* ``{lang}-conference-inprogress-{tab}.png``: the same tabs of a conference in progress, started
  here with three agencies present, so the editable forms show too;
* ``{lang}-lock.png`` and ``{lang}-recovery.png`` (the recovery offer after a crash);
* ``{lang}-conferences@2x.png``: the conference list rendered at device pixel ratio 2 (high DPI).

Run it with ``QT_QPA_PLATFORM=offscreen`` (``make screenshots`` does). Used to look for clipped
text and cramped forms, especially in Welsh, whose strings are often longer.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QSize
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import QApplication, QWidget

#: Demo data is placed around this day, so the screenshots are the same on every run.
TODAY = dt.date(2026, 11, 27)
TABS = ("details", "attendance", "voice", "minutes", "decisions", "plan", "distribution")
DEFAULT_SIZE = QSize(1366, 768)


def _settle(app: QApplication) -> None:
    for _ in range(3):
        app.processEvents()


def _save(widget: QWidget, path: Path, app: QApplication) -> Path:
    _settle(app)
    if not widget.grab().save(str(path)):
        raise OSError(f"could not write {path}")
    return path


def _save_scaled(widget: QWidget, path: Path, app: QApplication, ratio: float) -> Path:
    """Render ``widget`` into a pixmap of ``ratio`` times its size, as a high-DPI screen would."""
    _settle(app)
    pixmap = QPixmap(widget.size() * ratio)
    pixmap.setDevicePixelRatio(ratio)
    widget.render(pixmap)
    if not pixmap.save(str(path)):
        raise OSError(f"could not write {path}")
    return path


def _pick_conference(services: object, status: str = "distributed") -> str:
    """A conference with several children, chaired by the demo user: every tab has something to show."""
    from desktop.services.conferences import ConferenceFilter
    from desktop.services.registry import Services

    assert isinstance(services, Services)
    rows = services.conferences.list_page(ConferenceFilter(status=status), limit=50)
    rows = rows or services.conferences.list_page(ConferenceFilter(), limit=50)
    user = services.ctx.user.user_id

    def chaired(row_id: str) -> bool:
        return services.conferences.details(row_id).chair_user_id == user

    best = max(rows, key=lambda r: (chaired(r.id), r.children.count(",")))
    return best.id


def _start_conference(services: object) -> str:
    """A scheduled conference of the demo user's, started now with three agencies present."""
    from desktop.services.attendance import NewAttendee
    from desktop.services.registry import Services
    from sync.protocol.enums import AgencyGrouping, AttendanceStatus, ParticipantKind

    assert isinstance(services, Services)
    cid = _pick_conference(services, "scheduled")
    if services.conferences.details(cid).status == "scheduled":
        for name, agency, role in (
            ("Rhian Hughes", AgencyGrouping.SOCIAL_SERVICES, "Social worker"),
            ("PC Aled Jones", AgencyGrouping.POLICE, "Public protection"),
            ("Catrin Lloyd", AgencyGrouping.HEALTH, "Health visitor"),
        ):
            services.attendance.add(cid, NewAttendee(
                name=name, kind=ParticipantKind.PRACTITIONER, status=AttendanceStatus.PRESENT_IN_PERSON,
                agency=agency, role_title=role,
            ))  # fmt: skip
        services.conferences.start(cid)
    return cid


def take_screenshots(out: Path, languages: Sequence[str] = ("en", "cy"), size: QSize = DEFAULT_SIZE) -> list[Path]:
    """Write every screen of every language to ``out``; returns the files written."""
    from desktop.demo import generate_demo
    from desktop.i18n import LanguageManager
    from desktop.profile import open_profile
    from desktop.secrets import InMemorySecretStore
    from desktop.services.registry import build_services
    from desktop.services.settings import read_identity
    from desktop.ui.main_window import MainWindow
    from desktop.ui.theme import apply_theme

    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    apply_theme(app, "light")
    out.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    lm = LanguageManager(app)
    with tempfile.TemporaryDirectory(prefix="cofnod-shots-") as tmp:
        # The key lives in this in-memory store only; the profile folder is deleted on exit.
        profile = open_profile(Path(tmp) / "profile", secrets=InMemorySecretStore(), env={})
        try:
            generate_demo(profile, children=40, seed=4, today=TODAY)
            ident = read_identity(profile.sessions)
            assert ident is not None
            services = build_services(profile.sessions, user=lambda: ident, today=lambda: TODAY)
            conference_id = _pick_conference(services)
            in_progress_id = _start_conference(services)
            for language in languages:
                lm.set_language(language)
                window = MainWindow(services, verify_unlock=lambda _s: False, language=language)
                window.resize(size)
                window.retranslate_ui()
                window.show()
                for row, name in enumerate(("today", "conferences", "children", "settings")):
                    window.go(row)
                    if name == "children":
                        page = window.children_page
                        if page.model.rowCount():
                            page.table.selectRow(min(2, page.model.rowCount() - 1))
                    written.append(_save(window, out / f"{language}-{name}.png", app))
                    if name == "conferences":
                        written.append(_save_scaled(window, out / f"{language}-conferences@2x.png", app, 2.0))
                written.append(_quality(window, out / f"{language}-quality.png", app))
                for cid, kind in ((conference_id, "conference"), (in_progress_id, "conference-inprogress")):
                    for i, tab in enumerate(TABS):
                        window.open_conference(cid, i)
                        written.append(_save(window, out / f"{language}-{kind}-{tab}.png", app))
                    window.close_conference()
                window.lock()
                written.append(_save(window, out / f"{language}-lock.png", app))
                window.unlock()
                written.append(_recovery(services, window, out / f"{language}-recovery.png", app))
                window.close()
                window.deleteLater()
                _settle(app)
        finally:
            profile.close()
    return written


def _quality(window: object, path: Path, app: QApplication) -> Path:
    """The Quality page filled for the last 12 months (counted off the GUI thread, waited for here)."""
    from desktop.ui.main_window import MainWindow

    assert isinstance(window, MainWindow)
    window.go(4)
    window.quality.fill()
    window.quality.runner.wait_for_done()
    _settle(app)
    return _save(window, path, app)


def _recovery(services: object, window: QWidget, path: Path, app: QApplication) -> Path:
    """The recovery offer for a draft typed into a minutes section before a (pretend) crash."""
    from desktop.services.minutes import DRAFT_FIELD
    from desktop.services.registry import Services
    from desktop.ui.recovery import RecoveryDialog
    from sync.protocol.enums import Entity

    assert isinstance(services, Services)
    if not services.drafts.recoverable():
        from desktop.services.conferences import ConferenceFilter

        section = next(
            section
            for row in services.conferences.list_page(ConferenceFilter(), limit=200)
            for section in services.minutes.sections(row.id)
            if section.text
        )
        services.drafts.save(
            Entity.MINUTES_SECTION.value,
            section.id,
            DRAFT_FIELD,
            section.text + "\n\nMae'r teulu'n cytuno â'r cynllun; bydd Gwŷn yn aros gyda'i nain am y tro.",
        )
    dialog = RecoveryDialog(services.drafts.recoverable(), window)
    dialog.resize(900, 560)
    dialog.show()
    if dialog.list.count():
        dialog.list.setCurrentRow(0)
    try:
        return _save(dialog, path, app)
    finally:
        dialog.close()
        dialog.deleteLater()


def _size(text: str) -> QSize:
    width, _, height = text.lower().partition("x")
    return QSize(int(width), int(height))


def main(argv: Sequence[str] | None = None) -> int:
    """Entry for ``python -m desktop.ui.screenshots``."""
    parser = argparse.ArgumentParser(prog="python -m desktop.ui.screenshots", description=__doc__.splitlines()[0])
    parser.add_argument("--out", required=True, type=Path, metavar="DIR", help="folder for the PNG files")
    parser.add_argument("--language", choices=("en", "cy", "both"), default="both")
    parser.add_argument("--size", type=_size, default=DEFAULT_SIZE, metavar="WxH", help="window size (1366x768)")
    args = parser.parse_args(argv)
    languages = ("en", "cy") if args.language == "both" else (args.language,)
    files = take_screenshots(args.out, languages, args.size)
    print(f"{len(files)} screenshots in {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
