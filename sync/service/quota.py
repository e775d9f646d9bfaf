"""Per-device and per-user quotas on the bytes a push may add to what the register stores, per UTC day.

A push is refused whole, before anything is applied, when its new ops' payloads would take the
device or its user past the day's allowance: HTTP 429 ``quota_exceeded`` with ``Retry-After`` at
the next UTC midnight, the refusal audited. Whole, because a rejected op is final for the client
(sync-protocol.md §4) and a legitimate save must not be lost to a quota; the client sends the same
batch again later. What counts, once the batch has run: the payload bytes of every op that was
stored (applied or kept as a conflict), and the small record a rejected op leaves (its id, hash,
size and code, :mod:`sync.service.journal`); a replayed duplicate stores nothing and counts nothing.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy.orm import Session

from sync.protocol.enums import ErrorCode
from sync.service.errors import ApiError
from sync.service.models import StorageUsage

logger = logging.getLogger(__name__)

#: Default allowances: a day of heavy minuting is a few MB; these stop a client filling the disk.
DEVICE_BYTES = 100 << 20
USER_BYTES = 250 << 20


@dataclass(slots=True)
class _Allowance:
    row: StorageUsage
    limit: int


class Quota:
    """Today's usage of one device and its user; read and written inside the push's transaction."""

    def __init__(
        self, session: Session, now: datetime, device_id: str, user_id: str, device_limit: int, user_limit: int
    ) -> None:
        self.now = now
        day = now.astimezone(UTC).date().isoformat()
        self._allowances = [
            _Allowance(self._row(session, f"device:{device_id}", day), device_limit),
            _Allowance(self._row(session, f"user:{user_id}", day), user_limit),
        ]

    @staticmethod
    def _row(session: Session, subject: str, day: str) -> StorageUsage:
        row = session.get(StorageUsage, (subject, day))
        if row is None:
            row = StorageUsage(subject=subject, day=day, bytes=0)
            session.add(row)
        return row

    def refusal(self, new_bytes: int) -> ApiError | None:
        """The error to answer when ``new_bytes`` more would pass an allowance, else None."""
        for allowance in self._allowances:
            if allowance.row.bytes + new_bytes > allowance.limit:
                midnight = datetime.combine(
                    self.now.astimezone(UTC).date() + timedelta(days=1), datetime.min.time(), UTC
                )
                wait = max(1, int((midnight - self.now).total_seconds()))
                who = "device" if allowance.row.subject.startswith("device:") else "user"
                return ApiError(
                    429,
                    ErrorCode.QUOTA_EXCEEDED,
                    f"this {who} may store {allowance.limit} bytes a day; {allowance.row.bytes} used, "
                    f"this batch needs {new_bytes}; try again after midnight UTC",
                    headers={"Retry-After": str(wait)},
                )
        return None

    def add(self, stored_bytes: int) -> None:
        if stored_bytes:
            for allowance in self._allowances:
                allowance.row.bytes += stored_bytes
