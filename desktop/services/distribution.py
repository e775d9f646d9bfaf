"""Distribution of the record: recipients, full or partial copy, language and the date sent."""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass

from sqlalchemy import select

from desktop.domain.permissions import Action
from desktop.domain.text import nfc
from desktop.services.base import ServiceContext
from desktop.services.errors import NotFoundError, ServiceError
from desktop.store.ids import new_id
from desktop.store.orm import Conference, Distribution
from desktop.store.outbox import record_create, record_update, wire_before

logger = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class RecipientRow:
    """One recipient of the record."""

    id: str
    recipient_name: str
    agency: str | None
    full_copy: bool
    language: str
    sent_on: dt.date | None


class DistributionService:
    """Who gets the record, in which language, and when it went."""

    def __init__(self, ctx: ServiceContext) -> None:
        self._ctx = ctx

    def list(self, conference_id: str) -> tuple[RecipientRow, ...]:
        """The distribution list."""
        with self._ctx.sessions() as s:
            q = (
                select(Distribution)
                .where(Distribution.conference_id == conference_id, Distribution.voided_at.is_(None))
                .order_by(Distribution.created_at)
            )
            return tuple(
                RecipientRow(d.id, d.recipient_name, d.agency, d.full_copy, d.language, d.sent_on) for d in s.scalars(q)
            )

    def add(
        self, conference_id: str, name: str, *, agency: str | None = None, full_copy: bool = True, language: str = "en"
    ) -> RecipientRow:
        """Add a recipient; the chair decides full or partial copies (domain rule 9)."""
        with self._ctx.sessions.begin() as s:
            conf = s.get(Conference, conference_id)
            if conf is None:
                raise NotFoundError(entity="conference")
            self._ctx.require(Action.DISTRIBUTE_RECORD, chair_user_id=conf.chair_user_id)
            if not name.strip():
                raise ServiceError("name_required")
            d = Distribution(id=new_id(), conference_id=conference_id, recipient_name=nfc(name.strip()), agency=agency,
                             full_copy=full_copy, language=language, version=1)  # fmt: skip
            s.add(d)
            s.flush()
            record_create(s, self._ctx.actor(), d)
            return RecipientRow(d.id, d.recipient_name, d.agency, d.full_copy, d.language, d.sent_on)

    def mark_sent(self, distribution_id: str, sent_on: dt.date) -> RecipientRow:
        """Record the date the copy was sent; only once the chair approved the record."""
        with self._ctx.sessions.begin() as s:
            d = s.get(Distribution, distribution_id)
            if d is None:
                raise NotFoundError(entity="distribution")
            conf = s.get(Conference, d.conference_id)
            assert conf is not None
            self._ctx.require(Action.DISTRIBUTE_RECORD, chair_user_id=conf.chair_user_id)
            if conf.record_approved_at is None:
                raise ServiceError("record_not_approved")
            before = wire_before(s, d)
            d.sent_on = sent_on
            record_update(s, self._ctx.actor(), d, before)
            return RecipientRow(d.id, d.recipient_name, d.agency, d.full_copy, d.language, d.sent_on)
