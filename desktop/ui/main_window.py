"""The main window: navigation (Today, Conferences, Children and the register, Settings, Quality), the open
conference's workspace, the idle lock, and room for sign-in, sync status and "Needs attention".

The window title never names a child or family: it shows the app and the page (and a conference's
reference at most).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import replace

from PySide6.QtCore import QCoreApplication, QSettings, Qt, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QStackedWidget,
    QStatusBar,
    QToolBar,
    QWidget,
)

from desktop.catalog import QT_TRANSLATE_NOOP
from desktop.services.attention import AttentionService
from desktop.services.registry import Services
from desktop.ui import messages
from desktop.ui.actions import Actions
from desktop.ui.attention_page import AttentionPage
from desktop.ui.dialogs import NewConferenceDialog, ShortcutsDialog
from desktop.ui.lock import IdleWatcher, LockScreen
from desktop.ui.pages import ChildrenPage, ConferencesPage, SettingsPage, TodayPage
from desktop.ui.quality_page import QualityPage
from desktop.ui.sync_controller import SyncController, SyncState
from desktop.ui.sync_status import SyncStatus
from desktop.ui.tasks import TaskRunner
from desktop.ui.workspace import ConferenceWorkspace

logger = logging.getLogger(__name__)

NAV = (
    ("today", QT_TRANSLATE_NOOP("MainWindow", "Today")),
    ("conferences", QT_TRANSLATE_NOOP("MainWindow", "Conferences")),
    ("children", QT_TRANSLATE_NOOP("MainWindow", "Children and the register")),
    ("settings", QT_TRANSLATE_NOOP("MainWindow", "Settings")),
    ("quality", QT_TRANSLATE_NOOP("MainWindow", "Quality")),
)


def _tr(text: str) -> str:
    return QCoreApplication.translate("MainWindow", text)


class MainWindow(QMainWindow):
    """Cofnod's one window."""

    # ---- Signals
    language_requested = Signal(str)
    """The user chose another interface language in Settings."""
    theme_requested = Signal(str)
    """The user chose another colour scheme in Settings."""
    locked_changed = Signal(bool)
    """The window locked (True) or unlocked (False)."""
    sign_in_requested = Signal()
    """The user asked to sign in to the register (Sync → Sign in)."""

    def __init__(
        self,
        services: Services,
        *,
        verify_unlock: Callable[[str], bool],
        settings: QSettings | None = None,
        language: str = "en",
        theme: str = "system",
        on_lock: Callable[[], None] | None = None,
        task_runner: object | None = None,
    ) -> None:
        super().__init__()
        self.setObjectName("main_window")
        self.services = services
        self.task_runner = task_runner
        self._settings = settings
        self._language = language
        self._theme = theme
        self._on_lock = on_lock
        self.workspace: ConferenceWorkspace | None = None
        self._locked = False
        self._reopen: tuple[str, int] | None = None
        self._nav_row = 0  # the page to go back to on unlocking
        self.acts = Actions(self)

        central = QWidget(self)
        row = QHBoxLayout(central)
        self.nav = QListWidget(central)
        self.nav.setObjectName("navigation")
        self.nav.setMaximumWidth(260)
        self.nav.setWordWrap(True)  # a long Welsh page name takes two lines rather than being cut off
        for key, _title in NAV:
            item = QListWidgetItem(self.nav)
            item.setData(Qt.ItemDataRole.UserRole, key)
        self.stack = QStackedWidget(central)
        self.today = TodayPage(services, self.stack)
        self.conferences = ConferencesPage(services, self.stack)
        self.children_page = ChildrenPage(services, self.stack)
        self.settings_page = SettingsPage(services, self.stack)
        runner = task_runner if isinstance(task_runner, TaskRunner) else None
        self.quality = QualityPage(services, self.stack, runner=runner)
        self.quality.language = language
        self.lock_screen = LockScreen(verify_unlock, self.stack)
        self.attention_page = AttentionPage(AttentionService(services.ctx), self.stack)
        for page in (self.today, self.conferences, self.children_page, self.settings_page, self.quality,
                     self.lock_screen, self.attention_page):  # fmt: skip
            self.stack.addWidget(page)
        row.addWidget(self.nav)
        row.addWidget(self.stack, 1)
        self.setCentralWidget(central)

        self.toolbar = QToolBar(self)
        self.toolbar.setObjectName("main_toolbar")
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        for key in ("new_conference", "save", "finalise", "documents", "close_conference", "lock"):
            self.toolbar.addAction(self.acts[key])
        self.addToolBar(self.toolbar)
        self.sync_menu = self.menuBar().addMenu("")
        self.sync_menu.setObjectName("sync_menu")
        self.sync_menu.addAction(self.acts["sign_in"])
        self.sync_menu.addAction(self.acts["sync_now"])
        self.sync_menu.addAction(self.acts["attention"])
        self.help_menu = self.menuBar().addMenu("")
        self.help_menu.setObjectName("help_menu")
        self.help_menu.addAction(self.acts["shortcuts"])
        for act in self.acts.all():
            self.addAction(act)
        status = QStatusBar(self)
        self.sync_bar = SyncStatus(status)
        self.sync_status = self.sync_bar.text
        status.addPermanentWidget(self.sync_bar)
        self.sync: SyncController | None = None
        self.user_label = QLabel(status)
        self.user_label.setObjectName("user_label")
        status.addWidget(self.user_label)
        self.setStatusBar(status)

        self.idle = IdleWatcher(services.settings.idle_lock_minutes(), self)
        submit = getattr(task_runner, "submit", None)
        if submit is not None:
            # Count the whole list on the database lane: filtering never waits for a full count.
            self.conferences.model.set_count_runner(lambda work, done: submit(work, done, lane="db"))
        self._connect_signals()
        self.retranslate_ui()
        self.nav.setCurrentRow(0)
        self._restore_geometry()
        self._update_actions()

    # ---- wiring ---------------------------------------------------------------------------------

    def _connect_signals(self) -> None:
        self.nav.currentRowChanged.connect(self._on_nav_current_row_changed)
        self.today.open_conference.connect(self.open_conference)
        self.conferences.open_conference.connect(self.open_conference)
        self.quality.open_conference.connect(self.open_conference)
        self.conferences.new_requested.connect(self.new_conference)
        self.settings_page.language_chosen.connect(self.language_requested)
        self.settings_page.theme_chosen.connect(self._on_settings_theme_chosen)
        self.settings_page.identity_changed.connect(self._on_settings_identity_changed)
        self.lock_screen.unlocked.connect(self.unlock)
        self.idle.idle.connect(self.lock)
        a = self.acts
        a["save"].triggered.connect(self._on_save)
        a["next_section"].triggered.connect(lambda: self._in_workspace(lambda w: w.next_section(1)))
        a["previous_section"].triggered.connect(lambda: self._in_workspace(lambda w: w.next_section(-1)))
        a["finalise"].triggered.connect(lambda: self._in_workspace(lambda w: w.finalise_current()))
        a["approve"].triggered.connect(lambda: self._in_workspace(lambda w: w.approve()))
        a["documents"].triggered.connect(lambda: self._in_workspace(lambda w: w.documents()))
        a["new_conference"].triggered.connect(self.new_conference)
        a["lock"].triggered.connect(self.lock)
        a["close_conference"].triggered.connect(self.close_conference)
        a["quit"].triggered.connect(self.close)
        a["find"].triggered.connect(self._on_find)
        a["shortcuts"].triggered.connect(self.show_shortcuts)
        a["sync_now"].triggered.connect(self._on_sync_now)
        a["attention"].triggered.connect(self.show_attention)
        a["sign_in"].triggered.connect(self.sign_in_requested)
        self.sync_bar.attention_requested.connect(self.show_attention)
        self.attention_page.count_changed.connect(self._on_attention_count_changed)
        for i, key in enumerate(("go_today", "go_conferences", "go_children", "go_settings", "go_quality")):
            a[key].triggered.connect(lambda _c=False, row=i: self.go(row))

    def show_shortcuts(self) -> ShortcutsDialog:
        """Help → Keyboard shortcuts (modeless, so it can stay open beside the work)."""
        dialog = ShortcutsDialog(self.acts.shortcut_rows(), self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()
        return dialog

    def _in_workspace(self, fn: Callable[[ConferenceWorkspace], None]) -> None:
        if self.workspace is not None and not self._locked:
            fn(self.workspace)

    def _on_save(self) -> None:
        if self.workspace is not None and self.stack.currentWidget() is self.workspace:
            self.workspace.save_current()

    def _on_find(self) -> None:
        self.go(1)
        self.conferences.search.setFocus()
        self.conferences.search.selectAll()

    def _on_settings_theme_chosen(self, theme: str) -> None:
        self._theme = theme
        if self._settings is not None:
            self._settings.setValue("ui/theme", theme)
        self.theme_requested.emit(theme)

    def _on_settings_identity_changed(self) -> None:
        self._show_user()
        if self.workspace is not None:
            self.workspace.reload()

    def _on_nav_current_row_changed(self, row: int) -> None:
        if self._locked or row < 0:
            return
        if self.workspace is not None:
            self.workspace.flush()
        page = (self.today, self.conferences, self.children_page, self.settings_page, self.quality)[row]
        if page is self.today:
            self.today.refresh()
        elif page is self.conferences and self.conferences.model.rowCount() == 0:
            self.conferences.refresh()
        elif page is self.children_page:
            self.children_page.refresh()
        elif page is self.settings_page:
            self.settings_page.refresh(self._language, self._theme)
        elif page is self.quality:
            self.quality.refresh()
        self.stack.setCurrentWidget(page)
        self._update_title()
        self._update_actions()

    def go(self, row: int) -> None:
        """Show a navigation page (0 Today ... 3 Settings, 4 Quality)."""
        self.nav.setCurrentRow(row)
        self._on_nav_current_row_changed(row)

    # ---- conferences ----------------------------------------------------------------------------

    def open_conference(self, conference_id: str, tab: int = 0) -> ConferenceWorkspace:
        """Open a conference's workspace (closing any other)."""
        self.close_conference()
        ws = ConferenceWorkspace(self.services, conference_id, self.stack)
        ws.changed.connect(self._on_workspace_changed)
        ws.changed.connect(self._on_saved)
        self.workspace = ws
        self.stack.addWidget(ws)
        self.stack.setCurrentWidget(ws)
        ws.tabs.setCurrentIndex(tab)
        self.nav.blockSignals(True)
        self.nav.clearSelection()
        self.nav.blockSignals(False)
        self._update_title()
        self._update_actions()
        ws.tabs.setFocus()
        return ws

    def close_conference(self) -> None:
        """Close the open workspace (drafts are written first)."""
        ws = self.workspace
        if ws is None:
            return
        ws.flush()
        self.workspace = None
        self.stack.removeWidget(ws)
        ws.hide()
        ws.deleteLater()
        if not self._locked:
            self.go(max(0, self.nav.currentRow()))
        self._update_actions()

    def _on_workspace_changed(self) -> None:
        self._update_title()
        self.conferences.model.reload() if self.conferences.model.rowCount() else None

    def new_conference(self) -> None:
        """Schedule a conference."""
        children = self.services.children.list_page("", limit=500)
        dialog = NewConferenceDialog(children, self.services.conferences.users(), self)
        if dialog.exec() != NewConferenceDialog.DialogCode.Accepted:
            return
        try:
            details = self.services.conferences.create(dialog.value())
        except Exception as exc:  # noqa: BLE001 - shown to the user by code
            messages.show_error(self, exc)
            return
        self.conferences.refresh()
        self.open_conference(details.id)

    # ---- lock -----------------------------------------------------------------------------------

    @property
    def is_locked(self) -> bool:
        """True while the lock screen is shown."""
        return self._locked

    def lock(self) -> None:
        """Hide every record: write drafts, destroy the workspace, empty every model (AR-7)."""
        if self._locked:
            return
        self._reopen = None
        if self.workspace is not None:
            self._reopen = (self.workspace.conference_id, self.workspace.tabs.currentIndex())
            self.close_conference()
        self._locked = True
        for page in (self.today, self.conferences, self.children_page, self.quality, self.attention_page):
            page.clear_content()
        # Nothing behind the lock hints at what was open: no page stays highlighted.
        self._nav_row = max(0, self.nav.currentRow())
        self.nav.blockSignals(True)
        self.nav.setCurrentRow(-1)
        self.nav.clearSelection()
        self.nav.blockSignals(False)
        self.nav.setEnabled(False)
        self.toolbar.setEnabled(False)
        self.stack.setCurrentWidget(self.lock_screen)
        self.idle.stop()
        if self._on_lock is not None:
            self._on_lock()
        self._update_title()
        self._update_actions()
        self.lock_screen.pin.setFocus()
        self.locked_changed.emit(True)

    def unlock(self) -> None:
        """Back to where the user was; the minutes editor restores drafted text."""
        if not self._locked:
            return
        self._locked = False
        self.nav.setEnabled(True)
        self.toolbar.setEnabled(True)
        self.idle.set_minutes(self.services.settings.idle_lock_minutes())
        self.nav.blockSignals(True)
        self.nav.setCurrentRow(self._nav_row)  # the page highlighted again (opening a conference clears it)
        self.nav.blockSignals(False)
        if self._reopen is not None:
            cid, tab = self._reopen
            self._reopen = None
            self.open_conference(cid, tab)
        else:
            self.go(self._nav_row)
        self.locked_changed.emit(False)

    # ---- chrome ---------------------------------------------------------------------------------

    def _update_title(self) -> None:
        if self._locked:
            page = QCoreApplication.translate("MainWindow", "Locked")
        elif self.stack.currentWidget() is self.attention_page:
            page = QCoreApplication.translate("MainWindow", "Needs attention")
        elif self.workspace is not None and self.stack.currentWidget() is self.workspace:
            d = self.workspace.details_dto
            page = d.reference if d else QCoreApplication.translate("MainWindow", "Conference")
        else:
            row = max(0, self.nav.currentRow())
            page = _tr(NAV[row][1])
        self.setWindowTitle(QCoreApplication.translate("MainWindow", "%1 — Cofnod").replace("%1", page))

    def _update_actions(self) -> None:
        in_ws = self.workspace is not None and not self._locked
        for key in ("save", "next_section", "previous_section", "finalise", "approve", "documents", "close_conference"):
            self.acts[key].setEnabled(in_ws)
        self.acts["new_conference"].setEnabled(not self._locked)
        self.acts["sync_now"].setEnabled(self.sync is not None and not self._locked)
        self.acts["attention"].setEnabled(not self._locked)
        self.acts["sign_in"].setEnabled(not self._locked)

    def _show_user(self) -> None:
        ident = self.services.settings.identity()
        if ident is None:
            self.user_label.setText(
                QCoreApplication.translate("MainWindow", "No user set: choose yourself and your seat in Settings")
            )
        else:
            from desktop.ui.labels import label

            acting = QCoreApplication.translate("MainWindow", "%1, acting as %2")
            self.user_label.setText(acting.replace("%2", label(ident.role.value)).replace("%1", ident.display_name))
        if self.sync is None:
            self.sync_status.setText(QCoreApplication.translate("MainWindow", "Working offline"))

    def set_language_code(self, language: str) -> None:
        """Remember the language now in force (for the Settings page)."""
        self._language = language
        self.quality.language = language

    def retranslate_ui(self) -> None:
        """Every text in the new language; typed text stays where it is."""
        self.acts.retranslate()
        for i, (_key, title) in enumerate(NAV):
            self.nav.item(i).setText(_tr(title))
        self.nav.setAccessibleName(QCoreApplication.translate("MainWindow", "Navigation"))
        self.toolbar.setWindowTitle(QCoreApplication.translate("MainWindow", "Actions"))
        self.toolbar.setAccessibleName(QCoreApplication.translate("MainWindow", "Actions"))
        self.help_menu.setTitle(QCoreApplication.translate("MainWindow", "&Help"))
        self.sync_menu.setTitle(QCoreApplication.translate("MainWindow", "&Sync"))
        self.sync_bar.retranslate_ui()
        for page in (self.today, self.conferences, self.children_page, self.settings_page, self.quality,
                     self.lock_screen, self.attention_page):  # fmt: skip
            page.retranslate_ui()
        if self.workspace is not None:
            self.workspace.retranslate_ui()
        self._show_user()
        self._update_title()

    def _restore_geometry(self) -> None:
        if self._settings is not None:
            geo = self._settings.value("ui/geometry")
            if geo is not None:
                self.restoreGeometry(geo)
                return
        self.resize(1200, 780)

    # ---- sync -----------------------------------------------------------------------------------

    def attach_sync(self, controller: SyncController) -> None:
        """Sync with ``controller``: saves trigger it, the status bar shows it, F5 runs it.

        A controller attached before (a sign-in as someone else) is cut off first, so a run of its
        that ends late cannot overwrite what the new one shows.
        """
        old = self.sync
        if old is not None and old is not controller:
            old.state_changed.disconnect(self._on_sync_state_changed)
            old.locked_out.disconnect(self._on_sync_locked_out)
            old.finished.disconnect(self._on_sync_finished)
        self.sync = controller
        controller.state_changed.connect(self._on_sync_state_changed)
        controller.locked_out.connect(self._on_sync_locked_out)
        controller.finished.connect(self._on_sync_finished)
        self._on_sync_state_changed(controller.state)
        self._update_actions()

    def _on_sync_state_changed(self, state: SyncState) -> None:
        self.sync_bar.show_state(state)

    def _on_sync_finished(self, _report: object) -> None:
        if self.stack.currentWidget() is self.attention_page and not self._locked:
            self.attention_page.refresh()

    def _on_attention_count_changed(self, count: int) -> None:
        if self.sync is not None:
            self.sync.set_pending(self.sync.state.pending, count)
        else:
            self.sync_bar.show_state(replace(self.sync_bar.state, attention=count))

    def show_attention(self) -> AttentionPage:
        """The "Needs attention" page (conflicts and refused changes), read afresh."""
        if self._locked:
            return self.attention_page
        if self.workspace is not None:
            self.close_conference()
        self.attention_page.refresh()
        self.stack.setCurrentWidget(self.attention_page)
        self.nav.blockSignals(True)
        self.nav.clearSelection()
        self.nav.blockSignals(False)
        self._update_title()
        self.attention_page.list.setFocus()
        return self.attention_page

    def _on_sync_now(self) -> None:
        if self.sync is not None and not self._locked:
            if self.workspace is not None:
                self.workspace.flush()
            self.sync.sync_now()

    def _on_saved(self) -> None:
        if self.sync is not None:
            self.sync.note_saved()

    def _on_sync_locked_out(self, kind: str, code: str) -> None:
        """The register no longer accepts this device: lock, keeping every local record."""
        logger.warning("sync locked out", extra={"kind": kind, "code": code})
        self.lock()
        self.lock_screen.lock_out()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.sync is not None:
            self.sync.stop()
        if self.workspace is not None:
            self.workspace.flush()
        if self._settings is not None:
            self._settings.setValue("ui/geometry", self.saveGeometry())
        super().closeEvent(event)
