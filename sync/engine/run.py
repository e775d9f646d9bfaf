"""One sync run: push the outbox, then pull the feed to its end (sync-protocol.md §4, §5, §10).

:func:`run_sync` is called on a worker thread (never the GUI thread) or by ``cofnod sync``:

1. **Push.** The outbox in ``device_seq`` order, in batches of at most 250 ops and 1 MiB. Each
   answer is recorded before the next batch is sent (``conflict`` and ``rejected`` are outcomes,
   not failures: the rest of the batch and the queue go on). ``TOO_LARGE`` halves the batch;
   ``409 seq_gap`` resends from the service's ``expected`` (ops the device has as acknowledged,
   which a restored service lost; the journal turns any it still has into ``duplicate``).
2. **Restored server.** If the service's ``server_id`` is not the one stored with the cursor, or
   its ``head_seq`` is behind the cursor, the device re-sends what the service's
   ``last_acked_device_seq`` says it lacks and pulls again from 0. Pending ops are never dropped:
   the store keeps records with pending ops as they are (pulled versions go to ``entity_version``).
3. **Pull.** Pages to the end, each applied with its cursor in one local transaction; then each
   scope the feed added is backfilled from its own cursor (``pull?scope=``).

``cancelled()`` is looked at between batches and pages, so a cancel leaves every finished batch
recorded and every finished page applied, and nothing half-done. Progress goes to ``on_progress``
as (phase, ops, bytes). The report holds counts and codes only, never text for a person: the UI
words them. A :class:`~sync.client.errors.SyncError` ends the run and is reported by kind and code.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, Final

from sync.client.errors import ErrorKind, SyncError
from sync.engine.ports import Clock, LocalStore, Remote, monotonic
from sync.protocol.enums import OpStatus
from sync.protocol.messages import MAX_PULL_LIMIT, PROTOCOL_MAX, PushRequest

logger = logging.getLogger(__name__)

MAX_BATCH_OPS: Final = 250
MAX_BATCH_BYTES: Final = 1024 * 1024
PULL_LIMIT: Final = MAX_PULL_LIMIT
#: Resends after ``seq_gap`` within one run before giving up (a service that keeps moving its answer).
_MAX_GAP_RESENDS: Final = 8


class Phase(StrEnum):
    PUSH = "push"
    REPUSH = "repush"
    PULL = "pull"


@dataclass(frozen=True, slots=True)
class Progress:
    """How far a phase has gone: ops (or changes) and the body bytes its requests and answers took on
    the wire (both ways, compressed as sent), counted since the run began."""

    phase: Phase
    ops: int
    bytes: int


@dataclass(slots=True)
class SyncReport:
    """What one run did. ``error_kind``/``error_code`` say why it stopped early (None: it finished)."""

    pushed: int = 0
    applied: int = 0
    duplicates: int = 0
    conflicts: int = 0
    rejected: int = 0
    pulled: int = 0
    written: int = 0
    wire_bytes: int = 0
    restored_server: bool = False
    cancelled: bool = False
    #: Ops still waiting for an outcome, and ops whose outcome needs a person, after the run.
    pending: int = 0
    attention: int = 0
    error_kind: str | None = None
    error_code: str | None = None
    seconds: float = 0.0
    phases: dict[str, Progress] = field(default_factory=dict)

    @property
    def complete(self) -> bool:
        """The run reached the end of the feed with nothing left to send."""
        return self.error_kind is None and not self.cancelled and self.pending == 0

    @property
    def needs_attention(self) -> bool:
        """A conflict or a rejection (from this run or before) waits for a person."""
        return self.attention > 0 or self.conflicts > 0 or self.rejected > 0


class _CancelledError(Exception):
    pass


def _never() -> bool:
    return False


def _outcome(result: Mapping[str, Any]) -> str:
    status = str(result.get("status"))
    if status == OpStatus.DUPLICATE.value:
        return str(result.get("first_status") or OpStatus.REJECTED.value)
    return status


def _contiguous(ops: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The leading run of ops with consecutive ``device_seq`` (the service takes nothing else)."""
    for i in range(1, len(ops)):
        if int(ops[i]["device_seq"]) != int(ops[0]["device_seq"]) + i:
            return ops[:i]
    return ops


class _Run:
    def __init__(
        self,
        store: LocalStore,
        client: Remote,
        on_progress: Callable[[Progress], None] | None,
        cancelled: Callable[[], bool],
        batch_ops: int,
        batch_bytes: int,
        pull_limit: int,
    ) -> None:
        self.store = store
        self.client = client
        self.on_progress = on_progress
        self.cancelled = cancelled
        self.batch_ops = batch_ops
        self.batch_bytes = batch_bytes
        self.pull_limit = pull_limit
        self.report = SyncReport()
        self._bytes0 = self._mark = self._wire_bytes()

    def _wire_bytes(self) -> int:
        return int(getattr(self.client, "bytes_sent", 0)) + int(getattr(self.client, "bytes_received", 0))

    def _progress(self, phase: Phase, ops: int) -> None:
        """Add a finished batch or page to its phase: the ops, and the bytes on the wire since the last one."""
        done = self.report.phases.get(phase.value)
        now = self._wire_bytes()
        step = Progress(phase, (done.ops if done else 0) + ops, (done.bytes if done else 0) + now - self._mark)
        self._mark = now
        self.report.phases[phase.value] = step
        if self.on_progress is not None:
            self.on_progress(step)

    def _check(self) -> None:
        if self.cancelled():
            raise _CancelledError

    # ---- push

    def _send(self, ops: list[dict[str, Any]], phase: Phase) -> int:
        """Push ``ops`` (halving on TOO_LARGE, resending from ``expected`` on seq_gap); returns the
        ``device_seq`` after the last op answered."""
        gaps = 0
        while True:
            ops = _contiguous(ops)
            request = PushRequest.model_validate(
                {"protocol": PROTOCOL_MAX, "first_device_seq": ops[0]["device_seq"], "ops": ops}
            )
            try:
                answer = self.client.push(request)
            except SyncError as exc:
                if exc.kind is ErrorKind.TOO_LARGE and len(ops) > 1:
                    ops = ops[: len(ops) // 2]
                    continue
                if exc.kind is ErrorKind.CONFLICT and exc.code == "seq_gap" and exc.expected is not None:
                    gaps += 1
                    resend = self.store.ops_from(exc.expected, limit=self.batch_ops, max_bytes=self.batch_bytes)
                    if gaps > _MAX_GAP_RESENDS or not resend or int(resend[0]["device_seq"]) != exc.expected:
                        raise SyncError(ErrorKind.PROTOCOL, "seq_gap_unresolvable") from None
                    logger.info("service asked to resend", extra={"from_device_seq": exc.expected})
                    self.report.restored_server = self.report.restored_server or exc.expected <= self._acked()
                    ops = resend
                    continue
                raise
            results = [r.model_dump(mode="json", exclude_none=True) for r in answer.results]
            self.store.record_results(results)
            self._count(results)
            self._progress(phase, len(results))
            return int(ops[-1]["device_seq"]) + 1

    def _acked(self) -> int:
        return self.store.last_acked_device_seq()

    def _count(self, results: Sequence[Mapping[str, Any]]) -> None:
        r = self.report
        r.pushed += len(results)
        for result in results:
            if result.get("status") == OpStatus.DUPLICATE.value:
                r.duplicates += 1
            outcome = _outcome(result)
            if outcome == OpStatus.APPLIED.value:
                r.applied += 1
            elif outcome == OpStatus.CONFLICT.value:
                r.conflicts += 1
            else:
                r.rejected += 1

    def push(self) -> None:
        while True:
            self._check()
            ops = self.store.pending_ops(limit=self.batch_ops, max_bytes=self.batch_bytes)
            if not ops:
                return
            self._send(ops, Phase.PUSH)

    def repush(self, server_acked: int) -> None:
        """Send again every op after ``server_acked`` (the restored service's last acknowledged one)."""
        seq = server_acked + 1
        while seq <= self._acked():
            self._check()
            ops = self.store.ops_from(seq, limit=self.batch_ops, max_bytes=self.batch_bytes)
            if not ops:
                return
            seq = self._send(ops, Phase.REPUSH)

    # ---- pull

    def pull(self) -> None:
        cursor = self.store.cursor()
        known = self.store.server_id()
        first = True
        while True:
            self._check()
            page = self.client.pull(cursor, self.pull_limit)
            if first and cursor > 0 and (page.server_id != known or page.head_seq < cursor):
                self._restored()
                cursor = 0
                first = False
                continue
            first = False
            if not page.changes and page.next_cursor == cursor and page.server_id == known:
                # Nothing new (the no-op sync): no local write either. The client has checked that
                # a page with more to come moves the cursor, so this is the end of the feed.
                self._progress(Phase.PULL, 0)
                break
            changes = [c.model_dump(mode="json") for c in page.changes]
            self.report.written += self.store.apply_page(changes, page.next_cursor, server_id=page.server_id)
            self.report.pulled += len(changes)
            self._progress(Phase.PULL, len(changes))
            cursor = page.next_cursor
            if not page.has_more:
                break
        self.backfill()

    def backfill(self) -> None:
        """Fill each scope the feed added, from its own cursor (sync-protocol.md §6)."""
        for scope, cursor in self.store.scopes_to_backfill():
            while True:
                self._check()
                page = self.client.pull(cursor, self.pull_limit, scope)
                changes = [c.model_dump(mode="json") for c in page.changes]
                self.report.written += self.store.apply_page(
                    changes, page.next_cursor, server_id=page.server_id, scope=scope
                )
                self.report.pulled += len(changes)
                self._progress(Phase.PULL, len(changes))
                cursor = page.next_cursor
                if not page.has_more:
                    self.store.scope_backfilled(scope)
                    break

    def _restored(self) -> None:
        """The service went back in time: give it back what it lost, then pull everything again."""
        logger.warning("the register service was restored; re-sending and pulling again")
        self.report.restored_server = True
        meta = self.client.meta()
        if meta.last_acked_device_seq < self._acked():
            self.repush(meta.last_acked_device_seq)
        self.push()


def run_sync(
    store: LocalStore,
    client: Remote,
    *,
    on_progress: Callable[[Progress], None] | None = None,
    cancelled: Callable[[], bool] = _never,
    clock: Clock = monotonic,
    batch_ops: int = MAX_BATCH_OPS,
    batch_bytes: int = MAX_BATCH_BYTES,
    pull_limit: int = PULL_LIMIT,
) -> SyncReport:
    """Push the outbox, then pull to the end of the feed; returns what happened (never raises
    :class:`SyncError`: its kind and code are in the report)."""
    started = clock()
    run = _Run(store, client, on_progress, cancelled, min(batch_ops, MAX_BATCH_OPS), batch_bytes, pull_limit)
    report = run.report
    # Only one sync runs per profile: ops a crashed run left ``sending`` are this run's to send.
    store.release_leases()
    try:
        run.push()
        run.pull()
    except _CancelledError:
        report.cancelled = True
    except SyncError as exc:
        logger.info("sync stopped", extra={"kind": exc.kind.value, "code": exc.code})
        report.error_kind, report.error_code = exc.kind.value, exc.code
    finally:
        store.release_leases()
    report.pending = store.pending_count()
    report.attention = store.attention_count()
    report.wire_bytes = run._wire_bytes() - run._bytes0
    report.seconds = clock() - started
    return report


__all__ = ["MAX_BATCH_BYTES", "MAX_BATCH_OPS", "Phase", "Progress", "SyncReport", "run_sync"]
