"""Conferences: the paged, database-filtered list, creation, details and the status life cycle.

The list never loads every conference: filters (type, status, due state, child name, dates) and
sorting are SQL over indexed columns, and the UI asks for one page at a time. A child's-name filter
takes one of two query shapes (:meth:`ConferenceService._walk_in_order`): with many matching
children it walks conferences in list order and stops after a page; with few it starts from the
matching children (found through the FTS5 index ``child_name_fts``, revision 0003). Due states come from
the stored statutory ``due_by`` date (computed by the timescale rules when the anchor changes) and
a "due soon" cut-off computed once per query with the working-day calendar.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from sqlalchemy import ColumnElement, Select, and_, column, exists, func, literal_column, or_, select, table
from sqlalchemy.orm import Session

from desktop.domain.lifecycle import transition_problem
from desktop.domain.permissions import Action
from desktop.domain.problems import MissingAnchorError
from desktop.domain.text import fold_name
from desktop.domain.timescales import ConferenceTiming, conference_deadline
from desktop.services.base import (
    PermissionInfo,
    ServiceContext,
    local_date,
    local_day_start,
    record_patch,
    reject_unknown_fields,
)
from desktop.services.errors import NotFoundError, ServiceError, ValidationFailedError
from desktop.store.engine import read_only
from desktop.store.ids import new_id
from desktop.store.orm import Child, Conference, ConferenceChild, User, utcnow
from desktop.store.outbox import record_create, wire_before
from sync.protocol.enums import (
    ConferenceStatus,
    ConferenceType,
    DecisionState,
    MinutingMode,
    VenueMode,
)

logger = logging.getLogger(__name__)

#: Revision 0003's FTS5 index of ``child.search_name`` (kept in step by triggers on ``child``).
NAME_INDEX = table("child_name_fts", column("child_id"), column("rowid"))
_NAME_INDEX_MATCH: ColumnElement[Any] = literal_column("child_name_fts")

#: Walking conferences in list order costs about this many times less per conference than
#: starting from a matching child costs per child (measured on 100,000 conferences: the shapes
#: break even at about 1,800 matching children of 50,000 for a page of 200).
WALK_ADVANTAGE = 3

#: SQLite virtual-machine steps between two checks whether a count is still wanted.
_CANCEL_CHECK_STEPS = 20_000

#: The list's columns (the page query reads only these, not whole conferences).
LIST_COLUMNS = (
    Conference.id,
    Conference.reference,
    Conference.type,
    Conference.subject_is_unborn,
    Conference.status,
    Conference.scheduled_for,
    Conference.due_by,
)

#: Conferences not yet held whose statutory date can still be missed.
PENDING_STATUSES = (ConferenceStatus.SCHEDULED.value,)


class DueFilter(StrEnum):
    """The due-state filter of the conference list."""

    ANY = "any"
    OVERDUE = "overdue"
    DUE_SOON = "due_soon"
    ON_TRACK = "on_track"


class SortKey(StrEnum):
    """Sortable columns of the conference list."""

    SCHEDULED = "scheduled_for"
    DUE = "due_by"
    REFERENCE = "reference"
    TYPE = "type"
    STATUS = "status"


@dataclass(frozen=True, slots=True)
class ConferenceFilter:
    """What the conference list shows; empty values mean "any"."""

    text: str = ""
    type: str | None = None
    status: str | None = None
    due: DueFilter = DueFilter.ANY
    scheduled_from: dt.datetime | None = None
    scheduled_to: dt.datetime | None = None


@dataclass(frozen=True, slots=True)
class ConferenceRow:
    """One line of the conference list."""

    id: str
    reference: str
    type: str
    subject_is_unborn: bool
    status: str
    scheduled_for: dt.datetime
    due_by: dt.date | None
    due_state: str  # "overdue" | "due_soon" | "on_track" | "held" | "none"
    children: str


@dataclass(frozen=True, slots=True)
class ChildRef:
    """A child considered at a conference."""

    id: str
    name: str
    date_of_birth: dt.date | None
    unborn: bool


@dataclass(frozen=True, slots=True)
class UserRef:
    """A user who can sit as chair or minute-taker."""

    id: str
    name: str


@dataclass(frozen=True, slots=True)
class ConferenceDetails:
    """Everything on the Details tab, plus what the other tabs need to know."""

    id: str
    version: int
    reference: str
    type: str
    subject_is_unborn: bool
    status: str
    scheduled_for: dt.datetime
    held_on: dt.date | None
    venue: str
    venue_mode: str
    language: str
    language_other: str
    welsh_active_offer_made: bool
    chair_user_id: str | None
    minute_taker_user_id: str | None
    minuting_mode: str
    strategy_discussion_on: dt.date | None
    previous_conference_on: dt.date | None
    transfer_notified_on: dt.date | None
    due_by: dt.date | None
    due_state: str
    quorum_override_reason: str
    postponement_reason: str
    record_approved_at: dt.datetime | None
    next_review_on: dt.date | None
    children: tuple[ChildRef, ...]
    can_finalise: PermissionInfo = field(default_factory=lambda: PermissionInfo(True))
    can_approve: PermissionInfo = field(default_factory=lambda: PermissionInfo(True))
    can_convene: PermissionInfo = field(default_factory=lambda: PermissionInfo(True))
    """Whether the current user may change :data:`CHAIR_FIELDS` (the chair's seat convenes)."""

    @property
    def record_locked(self) -> bool:
        """True once the chair approved the record."""
        return self.status in (ConferenceStatus.RECORD_APPROVED.value, ConferenceStatus.DISTRIBUTED.value)


@dataclass(frozen=True, slots=True)
class NewConference:
    """What the "New conference" dialog collects."""

    type: ConferenceType
    scheduled_for: dt.datetime
    child_ids: Sequence[str]
    subject_is_unborn: bool = False
    venue: str = ""
    venue_mode: VenueMode = VenueMode.IN_PERSON
    language: str = "en"
    strategy_discussion_on: dt.date | None = None
    previous_conference_on: dt.date | None = None
    previous_conference_type: ConferenceType | None = None
    transfer_notified_on: dt.date | None = None
    chair_user_id: str | None = None
    minute_taker_user_id: str | None = None
    minuting_mode: MinutingMode = MinutingMode.SEPARATE_RECORD_TAKER
    #: The conference a review follows, when known: its type tells a first review from a later one.
    previous_conference_id: str | None = None


@dataclass(frozen=True, slots=True)
class TodayOverview:
    """The Today page: today's and this week's conferences and overdue work."""

    today: tuple[ConferenceRow, ...]
    this_week: tuple[ConferenceRow, ...]
    overdue: tuple[ConferenceRow, ...]
    awaiting_approval: tuple[ConferenceRow, ...]
    overdue_count: int


#: Details fields the Details tab may change, with a converter from the submitted value.
EDITABLE_FIELDS: Mapping[str, type] = {
    "type": str,
    "subject_is_unborn": bool,
    "scheduled_for": dt.datetime,
    "venue": str,
    "venue_mode": str,
    "language": str,
    "language_other": str,
    "welsh_active_offer_made": bool,
    "chair_user_id": str,
    "minute_taker_user_id": str,
    "minuting_mode": str,
    "strategy_discussion_on": dt.date,
    "previous_conference_on": dt.date,
    "transfer_notified_on": dt.date,
    "next_review_on": dt.date,
}

#: Details fields the chair's seat decides (section 9: the chair convenes and postpones): what
#: the conference is, when, who sits, and the dates its due date counts from. The minute-taker
#: records the rest (place, mode, language, the Active Offer).
CHAIR_FIELDS: frozenset[str] = frozenset(
    {
        "type",
        "subject_is_unborn",
        "scheduled_for",
        "chair_user_id",
        "minute_taker_user_id",
        "minuting_mode",
        "strategy_discussion_on",
        "previous_conference_on",
        "transfer_notified_on",
        "next_review_on",
    }
)


def child_display_name(child: Child) -> str:
    """A child's name as the lists show it."""
    return f"{child.given_names} {child.family_name}".strip()


class ConferenceService:
    """Lists, creates and changes conferences."""

    def __init__(self, ctx: ServiceContext) -> None:
        self._ctx = ctx

    # ---- the list ------------------------------------------------------------------------------

    def _soon_cutoff(self, session: Session, today: dt.date) -> dt.date:
        return self._ctx.calendar(session).add_working_days(today, self._ctx.config.due_soon_working_days)

    def _filtered(self, session: Session, flt: ConferenceFilter, today: dt.date, *, walk: bool = False) -> Select[Any]:
        """The filtered conferences; ``walk`` picks the name filter's shape (see :meth:`_walk_in_order`)."""
        q = select(Conference).where(Conference.voided_at.is_(None))
        if flt.type:
            q = q.where(Conference.type == flt.type)
        if flt.status:
            q = q.where(Conference.status == flt.status)
        if flt.scheduled_from is not None:
            q = q.where(Conference.scheduled_for >= flt.scheduled_from)
        if flt.scheduled_to is not None:
            q = q.where(Conference.scheduled_for < flt.scheduled_to)
        if flt.due is not DueFilter.ANY:
            cutoff = self._soon_cutoff(session, today)
            pending = and_(Conference.status.in_(PENDING_STATUSES), Conference.due_by.is_not(None))
            if flt.due is DueFilter.OVERDUE:
                q = q.where(pending, Conference.due_by < today)
            elif flt.due is DueFilter.DUE_SOON:
                q = q.where(pending, Conference.due_by >= today, Conference.due_by <= cutoff)
            else:
                q = q.where(pending, Conference.due_by > cutoff)
        text = fold_name(flt.text)
        if text:
            if any(ch.isdigit() for ch in text) or "-" in text:
                ref_match: Any = Conference.reference.ilike(f"%{text}%")
            else:
                ref_match = None
            # Prefix on the name, or a word inside it: what matches, whichever shape the query takes.
            name_match = and_(
                Child.voided_at.is_(None),
                or_(
                    and_(Child.search_name >= text, Child.search_name < text + "\uffff"),
                    Child.search_name.like(f"% {text}%"),
                ),
            )
            child_match: ColumnElement[bool]
            if walk:
                # Walked in list order: does this conference have a matching child? All from indexes.
                child_match = exists().where(
                    ConferenceChild.conference_id == Conference.id,
                    ConferenceChild.voided_at.is_(None),
                    Child.id == ConferenceChild.child_id,
                    name_match,
                )
            else:
                # Driven from the matching children (found through the name index, then checked
                # exactly) to their conferences: the cost follows the matches.
                children = select(Child.id).where(name_match)
                fts = name_index_query(text)
                if fts is not None:
                    children = children.where(Child.id.in_(_name_index_ids(fts)))
                child_match = Conference.id.in_(
                    select(ConferenceChild.conference_id).where(
                        ConferenceChild.voided_at.is_(None), ConferenceChild.child_id.in_(children)
                    )
                )
            q = q.where(or_(child_match, ref_match) if ref_match is not None else child_match)
        return q

    @staticmethod
    def _walk_in_order(s: Session, flt: ConferenceFilter, sort: SortKey, need: int) -> bool:
        """True when walking conferences in list order finds ``need`` name matches sooner than
        starting from the matching children would.

        Walking stops after ``need`` matches, so it is fast when many children match (one letter)
        and slow when few do (it may walk all 100,000); starting from the children costs in
        proportion to their matches. The FTS5 index counts the matching children in well under a
        millisecond, which decides: walk when ``n**2 * WALK_ADVANTAGE > need * children``.
        """
        text = fold_name(flt.text)
        if not text or sort is SortKey.TYPE or any(ch.isdigit() for ch in text) or "-" in text:
            return False  # no name filter; no index in type order; a reference search scans anyway
        fts = name_index_query(text)
        if fts is None:
            return False
        matches = int(
            s.scalar(select(func.count()).select_from(NAME_INDEX).where(_NAME_INDEX_MATCH.op("MATCH")(fts))) or 0
        )
        if matches == 0:
            return False
        last = s.scalar(select(NAME_INDEX.c.rowid).order_by(NAME_INDEX.c.rowid.desc()).limit(1))
        children = max(int(last or 0), matches)  # the highest rowid: about the number of children
        return matches * matches * WALK_ADVANTAGE > need * children

    def count(self, flt: ConferenceFilter, *, cancelled: Callable[[], bool] | None = None) -> int:
        """How many conferences match ``flt``; -1 when ``cancelled()`` turned true meanwhile.

        Counting a one-letter filter reads tens of thousands of rows. The list counts off the GUI
        thread and passes ``cancelled``, asked every few thousand SQLite steps, so a count made
        stale by the next keystroke stops at once instead of running on beside the new page query.
        """
        today = self._ctx.today()
        with self._ctx.sessions() as s:
            read_only(s)
            sub = self._filtered(s, flt, today).with_only_columns(Conference.id).subquery()
            if cancelled is None:
                return int(s.scalar(select(func.count()).select_from(sub)) or 0)
            driver = s.connection().connection.driver_connection
            assert driver is not None
            driver.set_progress_handler(cancelled, _CANCEL_CHECK_STEPS)
            try:
                return int(s.scalar(select(func.count()).select_from(sub)) or 0)
            except Exception:  # the driver's "interrupted" (not wrapped: the engine's creator is sqlcipher3's)
                if cancelled():
                    return -1  # interrupted by the progress handler: nobody wants this count now
                raise
            finally:
                driver.set_progress_handler(None, 0)

    def list_page(
        self,
        flt: ConferenceFilter,
        *,
        sort: SortKey = SortKey.SCHEDULED,
        descending: bool = False,
        offset: int = 0,
        limit: int = 200,
    ) -> tuple[ConferenceRow, ...]:
        """One page of the filtered, sorted list (database-side; never loads every row)."""
        today = self._ctx.today()
        column_ = getattr(Conference, sort.value)
        order = [column_.desc() if descending else column_.asc(), Conference.id]
        with self._ctx.sessions() as s:
            read_only(s)
            walk = self._walk_in_order(s, flt, sort, offset + limit)
            # The page's ids first (from indexes), then only their rows: a sort over thousands of
            # matches never carries whole rows.
            q = self._filtered(s, flt, today, walk=walk).with_only_columns(Conference.id)
            ids = list(s.scalars(q.order_by(*order).offset(offset).limit(limit)))
            if not ids:
                return ()
            found = {r.id: r for r in s.execute(select(*LIST_COLUMNS).where(Conference.id.in_(ids)))}
            return self._rows(s, [found[i] for i in ids], today)

    def _rows(self, s: Session, confs: Sequence[Any], today: dt.date) -> tuple[ConferenceRow, ...]:
        if not confs:
            return ()
        cutoff = self._soon_cutoff(s, today)
        names: dict[str, list[str]] = {c.id: [] for c in confs}
        q = (
            select(ConferenceChild.conference_id, Child.given_names, Child.family_name)
            .join(Child, Child.id == ConferenceChild.child_id)
            .where(
                ConferenceChild.conference_id.in_(list(names)),
                ConferenceChild.voided_at.is_(None),  # removed from the conference
                Child.voided_at.is_(None),
            )
            .order_by(ConferenceChild.conference_id, ConferenceChild.position)
        )
        for conf_id, given, family in s.execute(q):
            names[conf_id].append(f"{given} {family}".strip())
        return tuple(
            ConferenceRow(
                id=c.id,
                reference=c.reference,
                type=c.type,
                subject_is_unborn=c.subject_is_unborn,
                status=c.status,
                scheduled_for=c.scheduled_for,
                due_by=c.due_by,
                due_state=due_state(c.status, c.due_by, today, cutoff),
                children=", ".join(names[c.id]),
            )
            for c in confs
        )

    def today_overview(self) -> TodayOverview:
        """Conferences today and this week, the overdue ones and records awaiting approval."""
        today = self._ctx.today()
        start = local_day_start(today)  # Welsh midnight: an early conference in summer time is today's
        tomorrow = local_day_start(today + dt.timedelta(days=1))
        week_end = local_day_start(today + dt.timedelta(days=7 - today.weekday()))
        overdue = ConferenceFilter(due=DueFilter.OVERDUE)
        with self._ctx.sessions() as s:

            def rows(q: Select[Any], limit: int = 50) -> tuple[ConferenceRow, ...]:
                return self._rows(s, list(s.scalars(q.limit(limit))), today)

            base = select(Conference).where(Conference.voided_at.is_(None))
            todays = rows(
                base.where(Conference.scheduled_for >= start, Conference.scheduled_for < tomorrow).order_by(
                    Conference.scheduled_for
                )
            )
            week = rows(
                base.where(Conference.scheduled_for >= tomorrow, Conference.scheduled_for < week_end).order_by(
                    Conference.scheduled_for
                )
            )
            over_q = self._filtered(s, overdue, today)
            over = rows(over_q.order_by(Conference.due_by))
            over_count = int(
                s.scalar(select(func.count()).select_from(over_q.with_only_columns(Conference.id).subquery())) or 0
            )
            awaiting = rows(
                base.where(
                    Conference.status.in_([ConferenceStatus.IN_PROGRESS.value, ConferenceStatus.RECORD_DRAFTED.value])
                ).order_by(Conference.scheduled_for)
            )
        return TodayOverview(todays, week, over, awaiting, over_count)

    # ---- one conference ------------------------------------------------------------------------

    def _get(self, s: Session, conference_id: str) -> Conference:
        conf = s.get(Conference, conference_id)
        if conf is None or conf.voided_at is not None:
            raise NotFoundError(entity="conference")
        return conf

    def details(self, conference_id: str) -> ConferenceDetails:
        """The conference's details and its children."""
        with self._ctx.sessions() as s:
            return self._details(s, self._get(s, conference_id))

    def _details(self, s: Session, c: Conference) -> ConferenceDetails:
        today = self._ctx.today()
        children = tuple(
            ChildRef(cc.child.id, child_display_name(cc.child), cc.child.date_of_birth, cc.child.unborn)
            for cc in c.children
            if cc.voided_at is None
        )
        return ConferenceDetails(
            id=c.id,
            version=c.version,
            reference=c.reference,
            type=c.type,
            subject_is_unborn=c.subject_is_unborn,
            status=c.status,
            scheduled_for=c.scheduled_for,
            held_on=c.held_on,
            venue=c.venue,
            venue_mode=c.venue_mode,
            language=c.language,
            language_other=c.language_other,
            welsh_active_offer_made=c.welsh_active_offer_made,
            chair_user_id=c.chair_user_id,
            minute_taker_user_id=c.minute_taker_user_id,
            minuting_mode=c.minuting_mode,
            strategy_discussion_on=c.strategy_discussion_on,
            previous_conference_on=c.previous_conference_on,
            transfer_notified_on=c.transfer_notified_on,
            due_by=c.due_by,
            due_state=due_state(c.status, c.due_by, today, self._soon_cutoff(s, today)),
            quorum_override_reason=c.quorum_override_reason,
            postponement_reason=c.postponement_reason,
            record_approved_at=c.record_approved_at,
            next_review_on=c.next_review_on,
            children=children,
            can_finalise=self._ctx.permission(Action.FINALISE_DECISION, chair_user_id=c.chair_user_id),
            can_approve=self._ctx.permission(Action.APPROVE_RECORD, chair_user_id=c.chair_user_id),
            can_convene=self._ctx.permission(Action.CONVENE_CONFERENCE, chair_user_id=c.chair_user_id),
        )

    def users(self) -> tuple[UserRef, ...]:
        """Users who can sit as chair or minute-taker."""
        with self._ctx.sessions() as s:
            return tuple(
                UserRef(u.id, u.display_name)
                for u in s.scalars(select(User).where(User.voided_at.is_(None)).order_by(User.display_name))
            )

    def _due_by(self, s: Session, c: Conference, previous_type: ConferenceType | None = None) -> dt.date | None:
        timing = ConferenceTiming(
            conference_type=ConferenceType(c.type),
            strategy_discussions=(c.strategy_discussion_on,) if c.strategy_discussion_on else (),
            previous_conference_on=c.previous_conference_on,
            previous_conference_type=previous_type or self._previous_type(s, c),
            transfer_notified_on=c.transfer_notified_on,
        )
        try:
            return conference_deadline(timing, calendar=self._ctx.calendar(s), config=self._ctx.config).due
        except MissingAnchorError:
            return None

    def _previous_type(self, s: Session, c: Conference) -> ConferenceType | None:
        if c.previous_conference_id:
            prev = s.get(Conference, c.previous_conference_id)
            if prev is not None:
                return ConferenceType(prev.type)
        if c.type == ConferenceType.REVIEW.value and c.previous_conference_on is not None:
            # Without a linked conference assume a later review: the 6-month rule.
            return ConferenceType.REVIEW
        return None

    def preview_due_by(
        self,
        conference_type: ConferenceType,
        *,
        strategy_discussion_on: dt.date | None = None,
        previous_conference_on: dt.date | None = None,
        previous_conference_type: ConferenceType | None = None,
        transfer_notified_on: dt.date | None = None,
    ) -> dt.date | None:
        """The statutory due date that would follow from these anchors (None when one is missing)."""
        with self._ctx.sessions() as s:
            c = Conference(
                type=conference_type.value,
                strategy_discussion_on=strategy_discussion_on,
                previous_conference_on=previous_conference_on,
                transfer_notified_on=transfer_notified_on,
            )
            return self._due_by(s, c, previous_conference_type)

    def create(self, new: NewConference) -> ConferenceDetails:
        """Schedule a conference for one or more children; the due date follows from its anchor."""
        self._ctx.require(Action.CONVENE_CONFERENCE)
        if not new.child_ids:
            raise ServiceError("children_required")
        if new.scheduled_for.tzinfo is None:
            raise ServiceError("naive_datetime")
        actor = self._ctx.actor()
        with self._ctx.sessions.begin() as s:
            kids = [s.get(Child, cid) for cid in new.child_ids]
            if any(k is None for k in kids):
                raise NotFoundError(entity="child")
            first = kids[0]
            assert first is not None
            previous_on = new.previous_conference_on
            if new.previous_conference_id is not None:
                prev = s.get(Conference, new.previous_conference_id)
                if prev is None or prev.voided_at is not None:
                    raise NotFoundError(entity="conference")
                previous_on = previous_on or prev.held_on or local_date(prev.scheduled_for)
            cid = new_id()
            c = Conference(
                id=cid,
                reference=f"CP-{new.scheduled_for.year}-{cid[-6:].upper()}",
                council_id=first.council_id,
                type=new.type.value,
                subject_is_unborn=new.subject_is_unborn,
                status=ConferenceStatus.SCHEDULED.value,
                scheduled_for=new.scheduled_for,
                venue=new.venue,
                venue_mode=new.venue_mode.value,
                language=new.language,
                strategy_discussion_on=new.strategy_discussion_on,
                previous_conference_id=new.previous_conference_id,
                previous_conference_on=previous_on,
                transfer_notified_on=new.transfer_notified_on,
                chair_user_id=new.chair_user_id or (self._ctx.user.user_id if self._ctx.user.role == "chair" else None),
                minute_taker_user_id=new.minute_taker_user_id,
                minuting_mode=new.minuting_mode.value,
                version=1,
            )
            c.due_by = self._due_by(s, c, new.previous_conference_type)
            s.add(c)
            s.flush()
            record_create(s, actor, c)
            for pos, kid in enumerate(kids):
                assert kid is not None
                link = ConferenceChild(id=new_id(), conference_id=c.id, child_id=kid.id, position=pos, version=1)
                s.add(link)
                s.flush()
                record_create(s, actor, link)
            s.flush()
            s.refresh(c)
            return self._details(s, c)

    def update(self, conference_id: str, changes: Mapping[str, Any]) -> ConferenceDetails:
        """Change Details fields; the due date is recomputed when an anchor changes.

        Recording them needs the right to record attendance; changing any of :data:`CHAIR_FIELDS`
        (sent values that differ from the stored ones) needs the conference chair's seat.
        """
        reject_unknown_fields(changes, EDITABLE_FIELDS)
        self._ctx.require(Action.RECORD_ATTENDANCE)
        with self._ctx.sessions.begin() as s:
            c = self._get(s, conference_id)
            if c.status not in (ConferenceStatus.SCHEDULED.value, ConferenceStatus.IN_PROGRESS.value):
                raise ServiceError("conference_not_editable", status=c.status)
            before = wire_before(s, c)
            real = {k: v for k, v in changes.items() if getattr(c, k) != v}
            if not real:
                return self._details(s, c)
            if real.keys() & CHAIR_FIELDS:
                self._ctx.require(Action.CONVENE_CONFERENCE, chair_user_id=c.chair_user_id)
            for key, value in real.items():
                setattr(c, key, value)
            if real.keys() & {"type", "strategy_discussion_on", "previous_conference_on", "transfer_notified_on"}:
                c.due_by = self._due_by(s, c)
                real["due_by"] = c.due_by
            record_patch(s, self._ctx.actor(), c, before)
            return self._details(s, c)

    def _transition(self, s: Session, c: Conference, target: ConferenceStatus, reason: str = "") -> None:
        problem = transition_problem(ConferenceStatus(c.status), target, reason=reason)
        if problem is not None:
            raise ServiceError(problem.code, **{k: str(v) for k, v in problem.params.items()})
        c.status = target.value

    def start(self, conference_id: str) -> ConferenceDetails:
        """The conference begins: status in progress, held today."""
        with self._ctx.sessions.begin() as s:
            c = self._get(s, conference_id)
            self._ctx.require(Action.START_CONFERENCE, chair_user_id=c.chair_user_id)
            before = wire_before(s, c)
            self._transition(s, c, ConferenceStatus.IN_PROGRESS)
            c.held_on = self._ctx.today()
            self._patch(s, c, before, ("status", "held_on"))
            return self._details(s, c)

    def postpone(self, conference_id: str, reason: str, new_date: dt.datetime | None = None) -> ConferenceDetails:
        """The chair postpones, with a recorded reason (and a new date when known).

        Raises:
            ServiceError: ``conference_has_finalised_decisions`` once a child's decision is finalised
                (or awaiting the register's confirmation): that conference has decided.
        """
        from desktop.store.orm import Decision  # local: keeps the list query module lean

        with self._ctx.sessions.begin() as s:
            c = self._get(s, conference_id)
            self._ctx.require(Action.POSTPONE_CONFERENCE, chair_user_id=c.chair_user_id)
            finalised = int(
                s.scalar(
                    select(func.count()).where(
                        Decision.conference_id == c.id,
                        Decision.state != DecisionState.DRAFT.value,
                        Decision.voided_at.is_(None),
                    )
                )
                or 0
            )
            if finalised:
                raise ServiceError("conference_has_finalised_decisions", count=finalised)
            before = wire_before(s, c)
            self._transition(s, c, ConferenceStatus.POSTPONED, reason)
            c.postponement_reason = reason.strip()
            c.postponed_to = new_date
            self._patch(s, c, before, ("status", "postponement_reason", "postponed_to"))
            return self._details(s, c)

    def approve_record(self, conference_id: str) -> ConferenceDetails:
        """The chair approves the record; every child's decision must be finalised first."""
        from desktop.store.orm import Decision  # local: keeps the list query module lean

        with self._ctx.sessions.begin() as s:
            c = self._get(s, conference_id)
            self._ctx.require(Action.APPROVE_RECORD, chair_user_id=c.chair_user_id)
            child_ids = [cc.child_id for cc in c.children if cc.voided_at is None]
            done = set(
                s.scalars(
                    select(Decision.child_id).where(
                        Decision.conference_id == c.id,
                        Decision.state != "draft",
                        Decision.voided_at.is_(None),
                    )
                )
            )
            missing = [cid for cid in child_ids if cid not in done]
            if missing:
                raise ValidationFailedError((), "decisions_not_finalised", count=len(missing))
            before = wire_before(s, c)
            if c.status == ConferenceStatus.IN_PROGRESS.value:
                self._transition(s, c, ConferenceStatus.RECORD_DRAFTED)
                c.record_drafted_at = utcnow()
            self._transition(s, c, ConferenceStatus.RECORD_APPROVED)
            c.record_approved_at = utcnow()
            c.record_approved_by = self._ctx.user.user_id
            self._patch(s, c, before, ("status", "record_drafted_at", "record_approved_at", "record_approved_by"))
            return self._details(s, c)

    def set_quorum_reason(self, conference_id: str, reason: str) -> ConferenceDetails:
        """The chair's reason for proceeding with the exceptional number of agencies."""
        with self._ctx.sessions.begin() as s:
            c = self._get(s, conference_id)
            self._ctx.require(Action.PROCEED_WITH_TWO_AGENCIES, chair_user_id=c.chair_user_id)
            before = wire_before(s, c)
            c.quorum_override_reason = reason.strip()
            self._patch(s, c, before, ("quorum_override_reason",))
            return self._details(s, c)

    def _patch(self, s: Session, c: Conference, before: dict[str, Any], fields: Sequence[str]) -> None:
        record_patch(s, self._ctx.actor(), c, before)


def name_index_query(text: str) -> str | None:
    """The FTS5 query for names with a word starting with the folded ``text``, or None when
    ``text`` has no letter or digit to look up.

    ``"llyr o"`` becomes ``search_name : "llyr o"*``: the word "llyr" followed by a word starting
    with "o". The index splits words at punctuation too, so it finds a superset of what the list
    shows (a name's prefix, or a word inside it, after a space); the query checks each name again.
    """
    if not any(ch.isalnum() for ch in text):
        return None
    return 'search_name : "' + text.replace('"', '""') + '"*'


def _name_index_ids(fts: str) -> Select[Any]:
    return select(NAME_INDEX.c.child_id).where(_NAME_INDEX_MATCH.op("MATCH")(fts))


def due_state(status: str, due_by: dt.date | None, today: dt.date, soon_cutoff: dt.date) -> str:
    """The badge for a conference: overdue, due soon, on track, held, or none (no anchor)."""
    if status not in PENDING_STATUSES:
        return "held"
    if due_by is None:
        return "none"
    if due_by < today:
        return "overdue"
    if due_by <= soon_cutoff:
        return "due_soon"
    return "on_track"
