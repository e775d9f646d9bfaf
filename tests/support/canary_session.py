"""Test-only child process: a scripted Cofnod session through ``desktop.app.run_app`` (canary tests).

Usage: ``python -m tests.support.canary_session PROFILE_DIR``, with ``QT_QPA_PLATFORM=offscreen`` and
the keyring back end set to ``keyring.backends.fail.Keyring`` (so the profile is in passphrase mode).
The canaries come on stdin, never in the command line or the environment: the first line is a JSON
object with ``passphrase``, ``pin``, ``user_name``, ``child_name``, ``practitioner``, ``wishes``,
``minutes``, ``rationale``, ``dissent`` and ``key_out`` (a file outside the scanned folders where the raw database
key is written as hex: the test's stand-in for the OS key store).

The real start-up runs: logging and faulthandler, the exception hooks, ``settings.ini``, the
passphrase and PIN dialogs (answered by a watcher, as a user would), the first-run identity
questions. Then the session: a child (by the service; the app has no form for it), a conference
through the New conference dialog, attendance, minutes typed key by key and saved, a decision with
a dissent, finalised; one action refused by a service (a practitioner without an agency, shown
by ``messages.show_error``), one unhandled exception (a database fault while saving minutes, reported
by the exception hook and its dialog), a draft left unsaved, and a clean quit through the window.

Protocol on stdout (never a canary): ``OPENED`` once the profile is open, after which the child
waits for one line on stdin (the parent inspects ``/proc/<pid>`` meanwhile); ``SEEN <kind>`` for
each dialog answered; ``HOOK_REPORTS <n>``; ``SESSION_DONE`` before quitting, after which it waits for another line (the
parent copies the live ``-wal`` and ``-shm`` files); ``EXIT <code>`` last.
"""

from __future__ import annotations

import datetime as dt
import faulthandler
import json
import sys
import traceback
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import sqlcipher3
from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QApplication,
    QDialogButtonBox,
    QInputDialog,
    QMessageBox,
    QPushButton,
    QWidget,
)
from sqlalchemy import event

import desktop.profile as profile_mod
from desktop import app as app_mod
from desktop.ui.dialogs import FinaliseDialog, NewConferenceDialog, SecretDialog
from desktop.ui.error_dialog import ErrorDialog, ExceptionHooks
from desktop.ui.main_window import MainWindow
from desktop.ui.workspace import ConferenceWorkspace

#: The fault injected into the minutes save: an SQLite error the store does not classify.
FAULT_MESSAGE = "database is locked"
PRACTITIONERS = (("PC Jones", "police"), ("SW Price", "social_services"))


def say(*parts: object) -> None:
    print(*parts, flush=True)


def type_text(widget: QWidget, text: str) -> None:
    """Type any Unicode text one key event at a time."""
    for ch in text:
        QTest.sendKeyEvent(QTest.KeyAction.Click, widget, Qt.Key.Key_unknown, ch, Qt.KeyboardModifier.NoModifier)


def click(button: QWidget) -> None:
    assert button.isEnabled(), button.objectName()
    QTest.mouseClick(button, Qt.MouseButton.LeftButton)


class Watcher:
    """Answers every modal dialog the way the script wants, from its own repeating timer."""

    def __init__(self, canaries: dict[str, str]) -> None:
        self.c = canaries
        self.seen: list[str] = []
        self.timer = QTimer()
        self.timer.setInterval(20)
        self.timer.timeout.connect(self.tick)
        self.timer.start()

    def _saw(self, kind: str) -> None:
        self.seen.append(kind)
        say("SEEN", kind)

    def tick(self) -> None:
        w = QApplication.activeModalWidget()
        if w is None or not w.isVisible():
            return
        if isinstance(w, SecretDialog):
            creating_passphrase = w.windowTitle() == QApplication.translate("App", "Passphrase")
            secret = self.c["passphrase"] if creating_passphrase else self.c["pin"]
            for field in (w.first, w.second):
                if field is not None:
                    field.setFocus()
                    type_text(field, secret)
            self._saw("passphrase" if creating_passphrase else "pin")
            w.accept()
        elif isinstance(w, QInputDialog):
            items = w.comboBoxItems()
            if items:
                w.setTextValue(items[0])  # the chair's seat
                self._saw("seat")
            else:
                w.setTextValue(self.c["user_name"])
                self._saw("name")
            w.accept()
        elif isinstance(w, NewConferenceDialog):
            for i in range(w.children_list.count()):
                w.children_list.item(i).setCheckState(Qt.CheckState.Checked)
            w.anchor.set_value(dt.date.today() - dt.timedelta(days=3))
            w.chair.setCurrentIndex(1)
            self._saw("new_conference")
            click(w.buttons.button(QDialogButtonBox.StandardButton.Ok))
        elif isinstance(w, FinaliseDialog):
            self._saw("finalise")
            click(w.buttons.button(QDialogButtonBox.StandardButton.Ok))
        elif isinstance(w, ErrorDialog):
            self._saw("error_dialog")
            w.reject()
        elif isinstance(w, QMessageBox):
            self._saw("message_box")
            accept = [b for b in w.buttons() if w.buttonRole(b) in (QMessageBox.ButtonRole.AcceptRole,
                                                                     QMessageBox.ButtonRole.YesRole)]  # fmt: skip
            button = accept[0] if accept else w.buttons()[0]
            assert isinstance(button, QPushButton)
            button.click()
        else:
            self._saw(type(w).__name__)
            w.close()


class Session:
    """The scripted session, one step per event-loop turn."""

    def __init__(self, app: QApplication, canaries: dict[str, str], watcher: Watcher) -> None:
        self.app, self.c, self.watcher = app, canaries, watcher
        self.store: Any = None
        self.steps: Iterator[None] | None = None

    def open_profile(self, real: Callable[..., Any]) -> Callable[..., Any]:
        """Wrap ``open_profile``: keep the store and hand its key to the stand-in key store."""

        def wrapped(*args: Any, **kwargs: Any) -> Any:
            store = real(*args, **kwargs)
            self.store = store
            Path(self.c["key_out"]).write_text(store.key.hex(), encoding="ascii")
            say("OPENED")
            sys.stdin.readline()  # the parent looks at /proc/<pid>/environ and cmdline now
            return store

        return wrapped

    def poll(self) -> None:
        """Wait for the main window (after the first-run dialogs), then run the script."""
        windows = [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()]
        if not windows or QApplication.activeModalWidget() is not None:
            QTimer.singleShot(20, self.poll)
            return
        self.steps = self.script(windows[0])
        QTimer.singleShot(0, self.next)

    def next(self) -> None:
        assert self.steps is not None
        try:
            next(self.steps)
        except StopIteration:
            return
        except BaseException:  # noqa: BLE001 - a broken script must not pass as a product crash
            traceback.print_exc()
            say("SCRIPT_FAILED")
            self.app.exit(3)
            return
        QTimer.singleShot(10, self.next)

    def script(self, window: MainWindow) -> Iterator[None]:
        s = window.services
        council = s.settings.ensure_council("CRD", "Cardiff", "Caerdydd")
        s.children.create(self.c["child_name"], "Ŵyn", council_id=council.id, date_of_birth=dt.date(2015, 5, 1))
        window.go(2)
        window.children_page.refresh()
        yield
        window.new_conference()  # the watcher fills and accepts the dialog
        ws = window.workspace
        assert isinstance(ws, ConferenceWorkspace)
        yield

        # Attendance. A practitioner typed without an agency is refused by the service, and the
        # refusal is shown by messages.show_error (the handled error); then with the agency.
        att = ws.attendance
        ws.tabs.setCurrentWidget(att)
        boxes = self.watcher.seen.count("message_box")
        att.name.setFocus()
        type_text(att.name, self.c["practitioner"])
        att.agency.set_code(None)
        click(att.add_button)
        assert self.watcher.seen.count("message_box") == boxes + 1, "the practitioner without an agency was not refused"
        assert att.model.rowCount() == 0
        att.name.clear()
        for name, agency in (*PRACTITIONERS, (self.c["practitioner"], "health")):
            att.name.setFocus()
            type_text(att.name, name)
            att.agency.set_code(agency)
            click(att.add_button)
        assert att.model.rowCount() == 3
        click(att.start_button)
        yield

        # Minutes typed and saved.
        m = ws.minutes
        ws.tabs.setCurrentWidget(m)
        m.sections.setCurrentRow(0)
        m.editor.setFocus()
        type_text(m.editor, self.c["minutes"])
        click(m.save_button)
        assert s.minutes.sections(ws.conference_id)[0].text == self.c["minutes"]
        yield

        # The child's voice and the outline plan (finalising needs both).
        v = ws.voice
        ws.tabs.setCurrentWidget(v)
        v.child.setCurrentIndex(0)
        v.mode.set_code("prepared_contribution")
        v.offer.set_code("accepted")
        v.wishes.setFocus()
        type_text(v.wishes, self.c["wishes"])
        v.language.set_code("cy")
        click(v.save_button)
        p = ws.plan
        ws.tabs.setCurrentWidget(p)
        p.child.setCurrentIndex(0)
        p.action_text.setFocus()
        type_text(p.action_text, "Ymweliad cartref wythnosol")
        p.action_owner.setFocus()
        type_text(p.action_owner, "SW Price")
        add = p.findChild(QPushButton, "plan_add_action")
        assert add is not None
        click(add)
        assert p.actions_model.rowCount() == 1
        yield

        # The decision with a dissent, saved and finalised.
        d = ws.decisions
        ws.tabs.setCurrentWidget(d)
        d.outcome.set_code("decision_2_registered")
        click(d.categories["neglect"])
        d.coordinator.setFocus()
        type_text(d.coordinator, "SW Price")
        d.rationale.setFocus()
        type_text(d.rationale, self.c["rationale"])
        d.evidence.setFocus()
        type_text(d.evidence, "Health visitor report")
        views = list(d.view_widgets.values())
        assert len(views) == 3, len(views)
        for i, (combo, dissent) in enumerate(views):
            combo.set_code("do_not_register" if i == 2 else "register")
            if i == 2:
                dissent.setFocus()
                type_text(dissent, self.c["dissent"])
        click(d.chair_decided)
        d.chair_reason.setFocus()
        type_text(d.chair_reason, "Majority view")
        click(d.save_button)
        view = d._view
        assert view is not None
        assert not view.blocking, [problem.code for problem in view.problems]
        assert any(row.dissent == self.c["dissent"] for row in view.views)
        click(d.finalise_button)  # the watcher confirms the Finalise dialog
        yield
        yield
        assert d._view is not None and d._view.locked, "the decision was not finalised"

        # The unhandled exception: a database fault while saving a section with new text.
        ws.tabs.setCurrentWidget(m)
        m.sections.setCurrentRow(1)
        m.editor.setFocus()
        type_text(m.editor, self.c["minutes"] + " (2)")
        armed = [True]

        def fault(_conn: Any, _cursor: Any, statement: str, *_rest: Any) -> None:
            if armed[0] and statement.lstrip().upper().startswith("INSERT INTO MINUTES_VERSION"):
                armed[0] = False
                raise sqlcipher3.OperationalError(FAULT_MESSAGE)

        event.listen(self.store.engine, "before_cursor_execute", fault)
        reports = len(self.hooks().reports)
        try:
            click(m.save_button)
        except sqlcipher3.OperationalError:
            # A PySide that hands a slot's exception back to the emitting Python code: it is
            # unhandled all the same, and reaches the hook as the event loop would send it.
            sys.excepthook(*sys.exc_info())
        event.remove(self.store.engine, "before_cursor_execute", fault)
        assert not armed[0], "the fault was not hit"
        yield
        assert len(self.hooks().reports) == reports + 1, "the exception hook did not report"
        assert "error_dialog" in self.watcher.seen
        say("HOOK_REPORTS", len(self.hooks().reports))

        # Text typed into another section and left unsaved: a draft at shutdown. Then a clean quit.
        m.sections.setCurrentRow(2)
        m.editor.setFocus()
        type_text(m.editor, self.c["minutes"] + " (3)")
        yield
        # Native stacks into the faulthandler file, as a hang or fatal signal would write them.
        faulthandler.dump_traceback(app_mod._faulthandler_file, all_threads=True)
        say("SESSION_DONE")
        sys.stdin.readline()  # the parent copies the live -wal and -shm files meanwhile
        window.close()
        QTimer.singleShot(0, self.app.quit)

    def hooks(self) -> ExceptionHooks:
        found = self.app.findChildren(ExceptionHooks)
        assert len(found) == 1, found
        return found[0]


def main(folder: Path) -> int:
    canaries: dict[str, str] = json.loads(sys.stdin.readline())
    app = QApplication(sys.argv)
    watcher = Watcher(canaries)
    session = Session(app, canaries, watcher)
    profile_mod.open_profile = session.open_profile(profile_mod.open_profile)
    QTimer.singleShot(0, session.poll)
    code = app_mod.run_app(str(folder), language="en")
    say("EXIT", code)
    return code


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1])))
