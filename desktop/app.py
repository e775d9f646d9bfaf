"""Wiring: QApplication, translators, exception hooks, faulthandler, the profile, the crash marker,
the recovery offer, the services and the main window.

Start-up imports only what the first window needs: the profile (SQLCipher, SQLAlchemy), the
services and the widgets. Alembic is imported by the store only when an upgrade is due; reportlab
only when a document is produced; requests only by the later sync work.

Crash marker: ``running.lock`` (holding the pid) is created when the window opens and removed on a
clean exit. If it is still there at the next start, the app crashed or the battery went flat, and
any autosaved drafts are offered for recovery (``desktop.ui.recovery``).
"""

from __future__ import annotations

import datetime as dt
import faulthandler
import logging
import logging.handlers
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QSettings, QTimer
from PySide6.QtWidgets import QApplication, QDialog, QWidget

from desktop.i18n import LanguageManager
from desktop.private_files import make_private_folder, private_umask
from desktop.services.base import CurrentUser
from desktop.services.registry import Services, build_services
from desktop.services.settings import read_identity
from desktop.ui import messages
from desktop.ui.error_dialog import ExceptionHooks
from desktop.ui.main_window import MainWindow
from desktop.ui.recovery import RecoveryDialog
from desktop.ui.tasks import TaskRunner
from desktop.ui.theme import apply_theme
from sync.protocol.enums import Role

logger = logging.getLogger(__name__)

LOCK_FILE = "running.lock"
_faulthandler_file: Any = None


class StoreLike:
    """What the app needs from an open profile (``OpenProfile`` or a test ``OpenStore``)."""

    sessions: Any
    engine: Any


def setup_logging(folder: Path) -> Path:
    """Rotating log file and native crash stacks (faulthandler) under ``folder/logs``."""
    global _faulthandler_file
    logs = folder / "logs"
    logs.mkdir(parents=True, exist_ok=True)
    handler = logging.handlers.RotatingFileHandler(logs / "cofnod.log", maxBytes=1_000_000, backupCount=3)
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    root.addHandler(handler)
    root.setLevel(logging.INFO)
    _faulthandler_file = (logs / "crash.log").open("a", encoding="utf-8")
    faulthandler.enable(_faulthandler_file)
    return logs


class AppController:
    """Owns the services, the main window and the crash marker for one open profile."""

    def __init__(
        self,
        app: QApplication,
        store: Any,
        folder: Path,
        *,
        verify_unlock: Callable[[str], bool],
        language: LanguageManager,
        settings: QSettings | None = None,
        today: Callable[[], dt.date] | None = None,
        task_runner: TaskRunner | None = None,
    ) -> None:
        self.app = app
        self.store = store
        self.folder = folder
        self.lock_path = folder / LOCK_FILE
        self.crashed_last_time = self.lock_path.exists()
        self.language = language
        self.settings = settings
        self._identity: CurrentUser | None = read_identity(store.sessions)
        self.services: Services = build_services(
            store.sessions, user=self._current_user, today=today or dt.date.today, device_id=None
        )
        self.task_runner = task_runner or TaskRunner(app)
        theme = str(settings.value("ui/theme", "system")) if settings is not None else "system"
        apply_theme(app, theme)
        self.window = MainWindow(
            self.services,
            verify_unlock=verify_unlock,
            settings=settings,
            language=language.language,
            theme=theme,
            task_runner=self.task_runner,
        )
        self.window.settings_page.identity_changed.connect(self.refresh_identity)
        self.window.language_requested.connect(self.set_language)
        self.window.theme_requested.connect(lambda t: apply_theme(self.app, t))
        language.language_changed.connect(lambda _code: self.window.retranslate_ui())
        self.window.sign_in_requested.connect(self.sign_in)
        app.aboutToQuit.connect(self.shutdown)

    def start_sync(self, client: Any, *, debounce_ms: int = 3000, interval_ms: int = 5 * 60 * 1000) -> Any:
        """Sync this profile through ``client`` (a signed-in RegisterClient) from now on.

        Returns the :class:`~desktop.ui.sync_controller.SyncController`; the first run starts at once.
        """
        from desktop.services.sync import SyncService
        from desktop.ui.sync_controller import SyncController

        service = SyncService(self.services.ctx, self.folder)

        def run(on_progress: Any, cancelled: Any) -> Any:
            return service.sync(client, on_progress=on_progress, cancelled=cancelled)

        controller = SyncController(
            self.task_runner, run, self.window, debounce_ms=debounce_ms, interval_ms=interval_ms
        )
        controller.set_pending(service.store.pending_count(), service.store.attention_count())
        self.window.attach_sync(controller)
        self.sync_controller = controller
        self.sync_client = client
        controller.sync_now()
        return controller

    def sign_in(self) -> Any:
        """Open the sign-in dialog (non-blocking); once signed in, sync from then on. Returns the dialog."""
        from desktop.commands.common import sync_client
        from desktop.services.sync import SyncService
        from desktop.ui.sign_in import SignInDialog

        service = SyncService(self.services.ctx, self.folder)
        clients: dict[str, Any] = {}

        def attempt(url: str, ca: str | None, user: str, password: str) -> object:
            client = sync_client(self.store, url, ca)
            clients["client"] = client
            return service.sign_in(client, user, password, "Cofnod")

        def signed_in() -> None:
            self.refresh_identity()
            self.window.settings_page.identity_changed.emit()
            old = getattr(self, "sync_controller", None)
            if old is not None:
                old.stop(wait_ms=0)  # cancelled, and cut off from the window by attach_sync: no wait on the GUI thread
            self.start_sync(clients["client"])

        dialog = SignInDialog(self.services.settings.effective(), attempt, self.task_runner, self.window)
        dialog.accepted.connect(signed_in)
        dialog.open()
        return dialog

    def _current_user(self) -> CurrentUser:
        # Called by the services *inside* their transactions (every write asks who acts). Reading
        # the profile here would open a second connection whose BEGIN IMMEDIATE waits for our own
        # write lock ("database is locked"), so the identity is cached and refreshed on change.
        return self._identity or CurrentUser(None, "", Role.MINUTE_TAKER)

    def refresh_identity(self) -> None:
        """Re-read who the user is and their seat (after the first run or a change in Settings)."""
        self._identity = read_identity(self.store.sessions)
        ws = getattr(getattr(self, "window", None), "workspace", None)
        if ws is not None:  # the window's own handler ran first, with the old seat
            ws.reload()

    def set_language(self, code: str) -> None:
        """Switch the interface language live; typed text stays in its widgets."""
        if self.window.workspace is not None:
            self.window.workspace.flush()
        self.language.set_language(code)
        self.window.set_language_code(code)
        if self.settings is not None:
            self.settings.setValue("ui/language", code)

    def start(self) -> MainWindow:
        """Write the crash marker, show the window, then offer recovery if the last run crashed."""
        self.refresh_identity()
        self.lock_path.write_text(str(os.getpid()), encoding="utf-8")
        self.window.show()
        # The first save needs the protocol's models (about 0.3 s to import): load them now, off
        # the GUI thread, rather than at start-up or in the middle of someone's first save.
        from desktop.store import wire

        self.task_runner.submit(wire.warm, lane="general")
        if self.crashed_last_time:
            QTimer.singleShot(0, self.offer_recovery)
        return self.window

    def offer_recovery(self) -> RecoveryDialog | None:
        """Show the recovery dialog for drafts left by a crash (non-blocking; returns it)."""
        items = self.services.drafts.recoverable()
        if not items:
            return None
        dialog = RecoveryDialog(items, self.window)
        dialog.accepted.connect(lambda: self._apply_recovery(dialog))
        dialog.open()
        return dialog

    def _apply_recovery(self, dialog: RecoveryDialog) -> None:
        """Discard the unticked drafts; open the first restored one's conference with the draft in its field.

        A restored draft stays a draft (shown in its field, marked unsaved) until the user saves it:
        recovery never writes over the record by itself.
        """
        restore, discard = dialog.chosen()
        for item in discard:
            self.services.drafts.discard(item.draft_id)
        if restore:
            first = restore[0]
            try:
                ws = self.window.open_conference(first.conference_id)
                ws.show_draft(first.entity, first.entity_id, first.field)
            except Exception as exc:  # noqa: BLE001 - reported by code
                messages.show_error(self.window, exc)

    def shutdown(self) -> None:
        """Clean exit: cancel a sync, write drafts, forget the crash marker."""
        controller = getattr(self, "sync_controller", None)
        if controller is not None:
            controller.stop()
        if self.window.workspace is not None:
            self.window.workspace.flush()
        try:
            self.lock_path.unlink()
        except FileNotFoundError:
            pass


def _ask_passphrase(request: Any) -> str | None:
    from desktop.ui.dialogs import SecretDialog

    creating = str(getattr(request, "reason", "")) == "create"
    if creating and str(getattr(request, "key_store", "")) == "insecure":
        prompt = QApplication.translate(
            "App",
            "This computer's key store keeps secrets in a plain file that other programs could read, so "
            "Cofnod will not keep its key there. Choose a passphrase to protect Cofnod's data instead; "
            "it cannot be recovered.",
        )
    elif creating:
        prompt = QApplication.translate(
            "App",
            "This computer has no key store. Choose a passphrase to protect Cofnod's data; it cannot be recovered.",
        )
    else:
        prompt = QApplication.translate("App", "Enter the passphrase that protects Cofnod's data.")
    dialog = SecretDialog(QApplication.translate("App", "Passphrase"), prompt, confirm=creating)
    return dialog.secret() if dialog.exec() == QDialog.DialogCode.Accepted else None


def _ask(parent: QWidget | None, prompt: str, items: list[str] | None = None) -> str | None:
    """One question in an input dialog whose buttons are translated (Qt has no Welsh of its own)."""
    from PySide6.QtWidgets import QInputDialog

    dialog = QInputDialog(parent)
    dialog.setWindowTitle("Cofnod")
    dialog.setLabelText(prompt)
    dialog.setOkButtonText(QApplication.translate("App", "OK"))
    dialog.setCancelButtonText(QApplication.translate("App", "Cancel"))
    if items is not None:
        dialog.setComboBoxItems(items)
        dialog.setComboBoxEditable(False)
    return dialog.textValue() if dialog.exec() == QDialog.DialogCode.Accepted else None


def _first_run(services: Services, store: Any, parent: QWidget | None, *, ask_identity: bool = True) -> bool:
    """Ask who the user is, their seat, and an unlock PIN (set when the profile is created).

    A demonstration profile brings its own identity (the demo chair), so only the PIN is asked.
    """
    from desktop.profile import set_unlock_secret
    from desktop.ui.dialogs import SecretDialog

    if ask_identity:
        name = _ask(parent, QApplication.translate("App", "Your name:"))
        if name is None or not name.strip():
            return False
        seats = [QApplication.translate("Labels", "Chair"), QApplication.translate("Labels", "Minute-taker")]
        seat = _ask(parent, QApplication.translate("App", "Your seat:"), seats)
        if seat is None:
            return False
        services.settings.set_identity(name, Role.CHAIR if seat == seats[0] else Role.MINUTE_TAKER)
    pin = SecretDialog(
        QApplication.translate("App", "Unlock PIN"),
        QApplication.translate("App", "Choose a PIN or passphrase to unlock Cofnod after it locks itself."),
        confirm=True,
    )
    if pin.exec() != QDialog.DialogCode.Accepted:
        return False
    set_unlock_secret(store, pin.secret())
    return True


def run_app(profile_dir: str | None, *, language: str | None = None) -> int:
    """Start Cofnod on a profile and run until the window closes; returns the exit status.

    While it runs, everything the process creates is private (umask 077): the profile folder,
    logs and their rotations, ``settings.ini``, the crash marker (issue 14, section 5).
    """
    with private_umask():
        return _run_app(profile_dir, language=language)


def _run_app(profile_dir: str | None, *, language: str | None) -> int:
    from desktop.config import resolve_profile_dir
    from desktop.profile import open_profile, verify_unlock_secret
    from desktop.secrets import KeyringSecretStore

    app = QApplication.instance() or QApplication(sys.argv)
    assert isinstance(app, QApplication)
    app.setApplicationName("Cofnod")
    app.setOrganizationName("Cofnod")
    folder = resolve_profile_dir(profile_dir)
    make_private_folder(folder)
    logs = setup_logging(folder)
    hooks = ExceptionHooks(logs, app)
    hooks.install()
    settings = QSettings(str(folder / "settings.ini"), QSettings.Format.IniFormat)
    lm = LanguageManager(app)
    lm.set_language(language or str(settings.value("ui/language", "cy" if os.environ.get("LANG", "").startswith(
        "cy") else "en")))  # fmt: skip
    try:
        store = open_profile(folder, secrets=KeyringSecretStore(), ask_passphrase=_ask_passphrase)
    except Exception as exc:  # noqa: BLE001 - shown by code, then exit
        messages.show_error(None, exc)
        return 2
    controller = AppController(
        app, store, folder, verify_unlock=lambda s: verify_unlock_secret(store, s), language=lm, settings=settings
    )
    demo = os.environ.get("COFNOD_DEMO") == "1"
    if controller.services.settings.identity() is None and not _first_run(
        controller.services, store, None, ask_identity=not demo
    ):
        return 1
    controller.window.retranslate_ui()
    controller.start()
    controller.window.go(0)
    if os.environ.get(BENCH_ENV) == "1":
        QTimer.singleShot(0, lambda: _bench_report_ready(app, controller))
    if demo:
        QTimer.singleShot(0, lambda: _maybe_demo(controller, store))
    else:
        _maybe_sync(controller, store)
    code = app.exec()
    store.close()
    return int(code)


#: ``COFNOD_BENCH_EXIT_WHEN_READY=1`` (benchmarks only): once the window is shown and the conference
#: list holds its first page, print ``SHOWN``/``READY`` (ms since process start), ``ROWS`` and ``RSS``
#: (kB) lines on stdout and quit. ``COFNOD_BENCH_T0`` (epoch seconds, set by the parent just before it
#: spawns the process) is the start; without it the kernel's start time from /proc/self/stat is used.
BENCH_ENV = "COFNOD_BENCH_EXIT_WHEN_READY"


def _process_start_epoch() -> float:
    given = os.environ.get("COFNOD_BENCH_T0")
    if given:
        return float(given)
    with open("/proc/self/stat", encoding="ascii") as f:
        start_ticks = int(f.read().rsplit(")", 1)[1].split()[19])
    with open("/proc/stat", encoding="ascii") as f:
        boot = next(int(line.split()[1]) for line in f if line.startswith("btime"))
    return boot + start_ticks / os.sysconf("SC_CLK_TCK")


def _bench_report_ready(app: QApplication, controller: AppController) -> None:
    import time

    def ms() -> float:
        return (time.time() - _process_start_epoch()) * 1000

    window = controller.window
    app.processEvents()  # the first frame (Today) is painted
    print(f"SHOWN {ms():.1f}", flush=True)
    window.go(1)
    app.processEvents()  # the conference list is painted with its first page
    model = window.conferences.model
    visible = window.isVisible() and window.conferences.table.isVisible()
    print(f"READY {ms():.1f}", flush=True)
    print(f"ROWS {model.rowCount() if visible else 0} {model.total}", flush=True)
    with open("/proc/self/status", encoding="ascii") as f:
        rss = next((line.split()[1] for line in f if line.startswith("VmRSS:")), "0")
    print(f"RSS {rss}", flush=True)
    QTimer.singleShot(0, app.quit)


#: ``make run`` only (set by :mod:`desktop.devrun`): the local register to sign in to, a
#: :class:`desktop.devservice.DevService` holding this run's password in memory.
DEV_SERVICE: Any = None


def _maybe_sync(controller: AppController, store: Any) -> None:
    """Sync from start-up when the profile has signed in to a register service; under ``make run``
    sign a new profile in to the local register first (off the GUI thread; the first sync uploads
    the demo data)."""
    from desktop.commands.common import sync_client
    from desktop.services.sync import SyncService

    service = SyncService(controller.services.ctx, controller.folder)
    address = service.address()
    if address is not None:
        controller.start_sync(sync_client(store, address.url, address.ca_file))
        return
    dev = DEV_SERVICE
    if dev is None:
        return
    client = sync_client(store, dev.url, dev.ca_file)

    def signed_in(_summary: object) -> None:
        controller.refresh_identity()
        controller.window.settings_page.identity_changed.emit()
        controller.start_sync(client)

    controller.task_runner.submit(
        lambda: service.sign_in(client, dev.username, dev.password, "make run"),
        signed_in,
        lambda exc: messages.show_error(controller.window, exc),
        lane="general",
    )


def _maybe_demo(controller: AppController, store: Any) -> None:
    """Fill an empty profile with demo data off the GUI thread, with progress."""
    if controller.services.children.list_page("", limit=1):
        _maybe_sync(controller, store)
        return
    try:
        from desktop.demo import generate_demo
    except ImportError:
        return
    from PySide6.QtWidgets import QProgressDialog

    progress = QProgressDialog(QApplication.translate("App", "Creating demonstration data…"), "", 0, 0,
                               controller.window)  # fmt: skip
    progress.setCancelButton(None)
    progress.show()

    def done(_result: object) -> None:
        progress.close()
        # The demo brings its chair's identity: announce it as Settings would.
        controller.window.settings_page.identity_changed.emit()
        controller.window.go(0)
        _maybe_sync(controller, store)

    def failed(exc: BaseException) -> None:
        progress.close()
        messages.show_error(controller.window, exc)

    controller.task_runner.submit(
        lambda: generate_demo(store, children=60, seed=1, today=dt.date.today()), done, failed, lane="db"
    )
