"""Test-only child process: Cofnod on a real passphrase profile, minutes typed, killed by the parent.

Usage: ``python -m tests.support.crash_child PROFILE_DIR``, with ``QT_QPA_PLATFORM=offscreen``,
``COFNOD_PASSPHRASE`` set and the keyring backend set to ``keyring.backends.fail.Keyring`` (so the
profile is in passphrase mode and the key survives the process). Prints ``CONFERENCE <id>`` and
``SECTION <id>``, types into the first minutes section, and prints ``AUTOSAVED`` once the debounce
timer (not this script) has written the draft. Then it keeps running until it is killed.
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from desktop.app import AppController
from desktop.i18n import LanguageManager
from desktop.profile import open_profile, verify_unlock_secret
from desktop.secrets import KeyringSecretStore
from desktop.services.conferences import NewConference
from sync.protocol.enums import ConferenceType, Role

TEXT = "Trafodaeth: mae'r teulu'n cydweithio. Ŵ ŷ â"


def main(folder: Path) -> int:
    app = QApplication(sys.argv)
    store = open_profile(folder, secrets=KeyringSecretStore())
    ctl = AppController(app, store, folder, verify_unlock=lambda s: verify_unlock_secret(store, s),
                        language=LanguageManager(app))  # fmt: skip
    s = ctl.services
    s.settings.set_identity("Gwenllian Morgan", Role.CHAIR)
    window = ctl.start()
    council = s.settings.ensure_council("CRD", "Cardiff", "Caerdydd")
    child = s.children.create("Siân", "Ŵyn", council_id=council.id, date_of_birth=dt.date(2015, 5, 1))
    conf = s.conferences.create(
        NewConference(
            type=ConferenceType.INITIAL,
            scheduled_for=dt.datetime(2026, 3, 12, 10, tzinfo=dt.UTC),
            child_ids=[child.id],
            strategy_discussion_on=dt.date(2026, 3, 2),
        )
    )
    ws = window.open_conference(conf.id)
    ws.tabs.setCurrentWidget(ws.minutes)
    ws.minutes.sections.setCurrentRow(0)
    ws.minutes.editor.setFocus()
    print("CONFERENCE", conf.id, flush=True)
    print("SECTION", s.minutes.sections(conf.id)[0].id, flush=True)
    for ch in TEXT:
        QTest.sendKeyEvent(QTest.KeyAction.Click, ws.minutes.editor, Qt.Key.Key_unknown, ch,
                           Qt.KeyboardModifier.NoModifier)  # fmt: skip

    def check() -> None:
        if s.drafts.count():
            print("AUTOSAVED", flush=True)
        else:
            QTimer.singleShot(50, check)

    QTimer.singleShot(50, check)
    return app.exec()


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1])))
