"""TaskRunner: the one way off the GUI thread for one-off work (saving, documents, imports).

``submit(fn, on_ok, on_error)`` runs ``fn`` on a worker thread and calls ``on_ok(result)`` or
``on_error(exc)`` back on the GUI thread, through a queued signal (Anki's operations, Picard's
``run_task``). Database writes go to a lane with a single thread so they happen one at a time;
other work (PDF rendering, say) uses a general pool.

Contract for ``fn``: it runs on a worker thread; it must not touch widgets and must not share a
Session with any other thread. Exceptions always reach ``on_error``; none is swallowed.

Tests can pass ``immediate=True`` to run every job on the spot, deterministically.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, SignalInstance, Slot

logger = logging.getLogger(__name__)

OnOk = Callable[[Any], None]
OnError = Callable[[BaseException], None]


class _Job(QRunnable):
    def __init__(self, fn: Callable[[], Any], done: SignalInstance, on_ok: OnOk, on_error: OnError) -> None:
        super().__init__()
        self._fn, self._done, self._on_ok, self._on_error = fn, done, on_ok, on_error

    def run(self) -> None:
        try:
            result = self._fn()
        except BaseException as exc:  # noqa: BLE001 - every failure must reach on_error
            self._done.emit(self._on_error, exc)
        else:
            self._done.emit(self._on_ok, result)


def _log_error(exc: BaseException) -> None:
    logger.error("background task failed", exc_info=exc)


class TaskRunner(QObject):
    """Runs callables off the GUI thread and delivers their results back on it."""

    # ---- Signals
    _done = Signal(object, object)
    """(callback, payload), delivered on the GUI thread."""
    busy_changed = Signal(bool)
    """True while any job is running, so the window can show activity."""

    def __init__(self, parent: QObject | None = None, *, immediate: bool = False) -> None:
        super().__init__(parent)
        self._immediate = immediate
        self._db_lane = QThreadPool(self)
        self._db_lane.setMaxThreadCount(1)
        self._general = QThreadPool(self)
        self._general.setMaxThreadCount(2)
        self._running = 0
        self._done.connect(self._on_done)

    def submit(
        self,
        fn: Callable[[], Any],
        on_ok: OnOk | None = None,
        on_error: OnError | None = None,
        *,
        lane: str = "db",
    ) -> None:
        """Run ``fn`` on the database lane (``"db"``) or the general pool (``"general"``)."""
        ok = on_ok or (lambda _result: None)
        err = on_error or _log_error
        if self._immediate:
            try:
                result = fn()
            except BaseException as exc:  # noqa: BLE001
                err(exc)
            else:
                ok(result)
            return
        self._running += 1
        if self._running == 1:
            self.busy_changed.emit(True)
        pool = self._db_lane if lane == "db" else self._general
        pool.start(_Job(fn, self._done, ok, err))

    def wait_for_done(self, msecs: int = 30000) -> bool:
        """Block until every queued job has finished (used at shutdown and in tests)."""
        return self._db_lane.waitForDone(msecs) and self._general.waitForDone(msecs)

    @Slot(object, object)
    def _on_done(self, callback: Callable[[Any], None], payload: Any) -> None:
        self._running -= 1
        if self._running == 0:
            self.busy_changed.emit(False)
        callback(payload)
