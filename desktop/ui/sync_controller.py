"""SyncController: when the app syncs, off the GUI thread, one run at a time.

A run is the callable ``run(on_progress, cancelled) -> SyncReport`` the app builds from
:class:`desktop.services.sync.SyncService` and a :class:`~sync.client.http.RegisterClient`; the
controller only decides *when*: soon after a save (debounced), on a timer, on demand, and again
shortly after a network failure (a reachability retry, since QNetworkInformation has no backend
offscreen or on many Linux desktops). It submits the run to the :class:`~desktop.ui.tasks.TaskRunner`'s
general pool (a long sync must not hold the database lane that saves use) and reports back on the
GUI thread through signals. A revoked device (``revoked``) stops every trigger: the window locks
and the controller never syncs again in this session. (A user removed from the council reaches the
client as an expired sign-in, ``auth``/``invalid_token``: the service gives it no code of its own.)
"""

from __future__ import annotations

import datetime as dt
import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, TypeAlias

from PySide6.QtCore import QObject, QTimer, Signal

from desktop.ui.tasks import TaskRunner
from sync.client.errors import ErrorKind, SyncError

if TYPE_CHECKING:  # the engine loads the protocol's pydantic models: not at start-up (wire.warm does, later)
    from sync.engine.run import Progress, SyncReport

logger = logging.getLogger(__name__)

RunSync: TypeAlias = "Callable[[Callable[[Progress], None], Callable[[], bool]], SyncReport]"

#: Kinds meaning the service could not be reached (the app is offline, not broken).
OFFLINE_KINDS = frozenset({ErrorKind.NETWORK.value, ErrorKind.SERVER.value, ErrorKind.RATE_LIMITED.value})
#: Kinds after which nothing may sync until someone signs in again (or an administrator acts).
LOCK_KINDS = frozenset({ErrorKind.REVOKED.value})


@dataclass(frozen=True, slots=True)
class SyncState:
    """What the status bar shows; ``error_kind``/``error_code`` from the last run (None: it went well)."""

    online: bool | None = None  # None: not tried yet
    running: bool = False
    pending: int = 0
    attention: int = 0
    last_success: dt.datetime | None = None
    error_kind: str | None = None
    error_code: str | None = None
    phase: str | None = None
    ops: int = 0
    bytes: int = 0


class SyncController(QObject):
    """Runs syncs when they are due; emits :attr:`state_changed` whenever something shown changes.

    Args:
        runner: The app's task runner.
        run: One sync run (called on a worker thread).
        debounce_ms: Quiet time after a save before syncing.
        interval_ms: Time between routine syncs (0: none).
        retry_ms: Time before trying again after the service could not be reached.
    """

    # ---- Signals
    state_changed = Signal(object)
    """The new :class:`SyncState`."""
    finished = Signal(object)
    """A run ended with this :class:`SyncReport` (on the GUI thread)."""
    locked_out = Signal(str, str)
    """(kind, code): the device was revoked or the user removed; the window must lock."""
    _progress = Signal(object)
    """Progress from the worker thread, delivered queued on the GUI thread."""

    def __init__(
        self,
        runner: TaskRunner,
        run: RunSync,
        parent: QObject | None = None,
        *,
        debounce_ms: int = 3000,
        interval_ms: int = 5 * 60 * 1000,
        retry_ms: int = 30 * 1000,
        now: Callable[[], dt.datetime] = lambda: dt.datetime.now().astimezone(),
    ) -> None:
        super().__init__(parent)
        self._runner, self._run, self._now = runner, run, now
        self._state = SyncState()
        self._again = False
        self._stopped = False
        self._cancel = threading.Event()
        self._debounce = self._single(debounce_ms)
        self._retry = self._single(retry_ms)
        self._interval = QTimer(self)
        self._interval.timeout.connect(self.sync_now)
        if interval_ms > 0:
            self._interval.start(interval_ms)
        self._progress.connect(self._on_progress)

    def _single(self, ms: int) -> QTimer:
        t = QTimer(self)
        t.setSingleShot(True)
        t.setInterval(ms)
        t.timeout.connect(self.sync_now)
        return t

    @property
    def state(self) -> SyncState:
        """What is shown now."""
        return self._state

    @property
    def running(self) -> bool:
        """True while a run is on the worker."""
        return self._state.running

    def _set(self, **changes: object) -> None:
        from dataclasses import replace

        self._state = replace(self._state, **changes)  # type: ignore[arg-type]
        self.state_changed.emit(self._state)

    # ---- triggers

    def note_saved(self) -> None:
        """Something was saved: sync once the user pauses (the debounce restarts on each save)."""
        if not self._stopped:
            self._debounce.start()

    def set_pending(self, pending: int, attention: int | None = None) -> None:
        """Counts read outside a run (at start, say)."""
        self._set(pending=pending, attention=self._state.attention if attention is None else attention)

    def sync_now(self) -> bool:
        """Start a run now; while one runs, ask for one more after it. False when stopped."""
        if self._stopped:
            return False
        self._debounce.stop()
        self._retry.stop()
        if self._state.running:
            self._again = True
            return True
        self._cancel.clear()
        self._set(running=True, phase=None, ops=0, bytes=0)
        emit = self._progress.emit
        self._runner.submit(lambda: self._run(emit, self._cancel.is_set), self._on_done, self._on_error, lane="general")
        return True

    def stop(self, wait_ms: int = 10000) -> None:
        """Cancel a run and every trigger (the window is closing or locked out)."""
        self._stopped = True
        for t in (self._debounce, self._retry, self._interval):
            t.stop()
        self._cancel.set()
        if self._state.running:
            self._runner.wait_for_done(wait_ms)

    # ---- results (GUI thread)

    def _on_progress(self, p: Progress) -> None:
        self._set(phase=str(p.phase), ops=p.ops, bytes=p.bytes)

    def _on_done(self, report: SyncReport) -> None:
        kind = report.error_kind
        changes: dict[str, object] = dict(
            running=False, pending=report.pending, attention=report.attention, error_kind=kind,
            error_code=report.error_code, phase=None,
        )  # fmt: skip
        if kind is None:
            changes.update(online=True, last_success=self._now())
        elif kind in OFFLINE_KINDS:
            changes["online"] = False
        else:
            changes["online"] = True
        self._set(**changes)
        self.finished.emit(report)
        self._after(kind, report.error_code)

    def _on_error(self, exc: BaseException) -> None:
        if isinstance(exc, SyncError):
            kind, code = exc.kind.value, exc.code
        else:
            # SyncBusyError (another process syncs this profile) and the like: try again later.
            logger.warning("sync run failed: %s", type(exc).__name__)
            from sync.engine.lock import SyncBusyError

            kind, code = "busy" if isinstance(exc, SyncBusyError) else "failed", type(exc).__name__
        self._set(running=False, phase=None, error_kind=kind, error_code=code,
                  online=False if kind in OFFLINE_KINDS else self._state.online)  # fmt: skip
        self._after(kind, code)

    def _after(self, kind: str | None, code: str | None) -> None:
        if kind in LOCK_KINDS:
            self.stop(0)
            self.locked_out.emit(kind or "", code or "")
            return
        if self._stopped:
            return
        if kind in OFFLINE_KINDS or kind == "busy":
            self._retry.start()
        if self._again:
            self._again = False
            self.sync_now()


__all__ = ["LOCK_KINDS", "OFFLINE_KINDS", "RunSync", "SyncController", "SyncState"]
