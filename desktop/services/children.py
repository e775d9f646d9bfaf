"""Children and the register: search, register status and categories, registration history,
co-ordinator changes and the 18th-birthday prompt.

The children list is paged and filtered in SQL on the indexed, folded ``search_name``.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass

from sqlalchemy import and_, or_, select
from sqlalchemy.orm import Session

from desktop.domain.permissions import Action
from desktop.domain.register import adulthood_prompt
from desktop.domain.text import fold_name, nfc
from desktop.services.base import PermissionInfo, ServiceContext
from desktop.services.conferences import child_display_name
from desktop.services.errors import NotFoundError, ServiceError
from desktop.store.ids import new_id
from desktop.store.orm import Child, Conference, ConferenceChild, CoordinatorAssignment, Council, RegisterEntry, User
from desktop.store.outbox import record_create, record_update, wire_before
from sync.protocol.enums import Role

logger = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class ChildRow:
    """One line of the children list."""

    id: str
    name: str
    date_of_birth: dt.date | None
    unborn: bool
    registered: bool
    categories: tuple[str, ...]
    coordinator: str
    adulthood: str  # AdulthoodPromptState value


@dataclass(frozen=True, slots=True)
class RegistrationRow:
    """A registration episode (never deleted; ending adds a date and reason)."""

    registered_on: dt.date
    categories: tuple[str, ...]
    ended_on: dt.date | None
    end_reason: str | None
    temporary: bool
    confirmed: bool


@dataclass(frozen=True, slots=True)
class CoordinatorRow:
    """A co-ordinator assignment."""

    social_worker: str
    from_date: dt.date
    to_date: dt.date | None
    handover_note: str
    told_in_person: bool
    told_in_writing: bool
    family_told: bool = False
    agencies_told: bool = False
    changed_by_name: str = ""


@dataclass(frozen=True, slots=True)
class ChildConferenceRow:
    """A conference the child was considered at."""

    id: str
    reference: str
    type: str
    status: str
    scheduled_for: dt.datetime


@dataclass(frozen=True, slots=True)
class ChildDetail:
    """The child's page."""

    row: ChildRow
    adulthood_birthday: dt.date | None
    adulthood_days: int | None
    registrations: tuple[RegistrationRow, ...]
    coordinators: tuple[CoordinatorRow, ...]
    conferences: tuple[ChildConferenceRow, ...]
    can_add_child: PermissionInfo = PermissionInfo(True)
    can_change_coordinator: PermissionInfo = PermissionInfo(True)


class ChildrenService:
    """Children and their register history."""

    def __init__(self, ctx: ServiceContext) -> None:
        self._ctx = ctx

    def _row(self, s: Session, c: Child, entry: RegisterEntry | None, coordinator: str) -> ChildRow:
        prompt = adulthood_prompt(c.date_of_birth, today=self._ctx.today(), config=self._ctx.config)
        return ChildRow(
            c.id, child_display_name(c), c.date_of_birth, c.unborn, entry is not None,
            tuple(entry.categories) if entry else (), coordinator, str(prompt.state),
        )  # fmt: skip

    def list_page(
        self, text: str = "", *, registered_only: bool = False, offset: int = 0, limit: int = 200
    ) -> tuple[ChildRow, ...]:
        """One page of children matching ``text`` (prefix of the name, or of a later word)."""
        folded = fold_name(text)
        with self._ctx.sessions() as s:
            active = and_(RegisterEntry.child_id == Child.id, RegisterEntry.ended_on.is_(None))
            q = select(Child, RegisterEntry).outerjoin(RegisterEntry, active).where(Child.voided_at.is_(None))
            if folded:
                q = q.where(
                    or_(
                        and_(Child.search_name >= folded, Child.search_name < folded + "\uffff"),
                        Child.search_name.like(f"% {folded}%"),
                    )
                )
            if registered_only:
                q = q.where(RegisterEntry.id.is_not(None))
            q = q.order_by(Child.search_name, Child.id).offset(offset).limit(limit)
            rows = [(r[0], r[1]) for r in s.execute(q)]
            ids = [c.id for c, _e in rows]
            coords = {
                r[0]: r[1]
                for r in s.execute(
                    select(CoordinatorAssignment.child_id, CoordinatorAssignment.social_worker).where(
                        CoordinatorAssignment.child_id.in_(ids), CoordinatorAssignment.to_date.is_(None)
                    )
                )
            }
            return tuple(self._row(s, c, e, coords.get(c.id, "")) for c, e in rows)

    def detail(self, child_id: str) -> ChildDetail:
        """Register status, registration history, co-ordinators and conferences."""
        with self._ctx.sessions() as s:
            c = s.get(Child, child_id)
            if c is None:
                raise NotFoundError(entity="child")
            entries = list(
                s.scalars(select(RegisterEntry).where(RegisterEntry.child_id == child_id).order_by(
                    RegisterEntry.registered_on))
            )  # fmt: skip
            coords = list(
                s.scalars(
                    select(CoordinatorAssignment)
                    .where(CoordinatorAssignment.child_id == child_id)
                    .order_by(CoordinatorAssignment.from_date)
                )
            )
            active = next((e for e in reversed(entries) if e.ended_on is None), None)
            current = next((a.social_worker for a in reversed(coords) if a.to_date is None), "")
            confs = s.execute(
                select(Conference)
                .join(ConferenceChild, ConferenceChild.conference_id == Conference.id)
                .where(ConferenceChild.child_id == child_id)
                .order_by(Conference.scheduled_for.desc())
            ).scalars()
            prompt = adulthood_prompt(c.date_of_birth, today=self._ctx.today(), config=self._ctx.config)
            return ChildDetail(
                row=self._row(s, c, active, current),
                adulthood_birthday=prompt.birthday,
                adulthood_days=prompt.days_until,
                registrations=tuple(
                    RegistrationRow(
                        e.registered_on, tuple(e.categories), e.ended_on, e.end_reason, e.temporary, e.confirmed
                    )  # fmt: skip
                    for e in entries
                ),
                coordinators=tuple(
                    CoordinatorRow(
                        a.social_worker,
                        a.from_date,
                        a.to_date,
                        a.handover_note,
                        a.told_in_person,
                        a.told_in_writing,
                        bool(a.family_told),
                        bool(a.agencies_told),
                        a.changed_by_name or "",
                    )  # fmt: skip
                    for a in coords
                ),
                can_add_child=self._ctx.permission(Action.ADD_CHILD),
                can_change_coordinator=self._ctx.permission(Action.CHANGE_COORDINATOR),
                conferences=tuple(
                    ChildConferenceRow(x.id, x.reference, x.type, x.status, x.scheduled_for) for x in confs
                ),
            )

    def create(
        self,
        given_names: str,
        family_name: str,
        *,
        council_id: str,
        date_of_birth: dt.date | None = None,
        unborn: bool = False,
        expected_delivery_date: dt.date | None = None,
        preferred_language: str = "en",
    ) -> ChildRow:
        """Add a child (or unborn baby): a chair or an administrator only (the permission matrix)."""
        self._ctx.require(Action.ADD_CHILD)
        if not (given_names.strip() or family_name.strip()):
            raise ServiceError("name_required")
        with self._ctx.sessions.begin() as s:
            if s.get(Council, council_id) is None:
                raise NotFoundError(entity="council")
            c = Child(
                id=new_id(), given_names=nfc(given_names.strip()), family_name=nfc(family_name.strip()),
                search_name=fold_name(f"{given_names} {family_name}"), date_of_birth=date_of_birth, unborn=unborn,
                expected_delivery_date=expected_delivery_date, council_id=council_id,
                preferred_language=preferred_language, version=1,
            )  # fmt: skip
            s.add(c)
            s.flush()
            record_create(s, self._ctx.actor(), c)
            return self._row(s, c, None, "")

    def change_coordinator(
        self,
        child_id: str,
        social_worker: str,
        *,
        from_date: dt.date,
        handover_note: str,
        family_told: bool,
        agencies_told: bool,
        registration_number: str = "",
        coordinator_user_id: str | None = None,
    ) -> ChildDetail:
        """Name a new co-ordinator; the previous assignment ends the day before (W14).

        A chair or an administrator only. Every naming needs a handover note; a *change* (someone
        was co-ordinator until now) also needs the confirmations that the family and the agencies
        have been told, in person and in writing (domain.md section 7 rule 7). The assignment
        records who made the change.
        ``coordinator_user_id`` names the co-ordinator as a user of the service's directory, when
        they are one: the service then gives them the child's case.
        """
        self._ctx.require(Action.CHANGE_COORDINATOR)
        if not social_worker.strip():
            raise ServiceError("name_required")
        if not handover_note.strip():
            raise ServiceError("handover_note_required")
        with self._ctx.sessions.begin() as s:
            if s.get(Child, child_id) is None:
                raise NotFoundError(entity="child")
            actor = self._ctx.actor()
            current = list(
                s.scalars(
                    select(CoordinatorAssignment).where(
                        CoordinatorAssignment.child_id == child_id, CoordinatorAssignment.to_date.is_(None)
                    )
                )
            )
            if coordinator_user_id is None:
                coordinator_user_id = _directory_coordinator(s, social_worker)
            if current and not family_told:
                raise ServiceError("coordinator_family_not_told")
            if current and not agencies_told:
                raise ServiceError("coordinator_agencies_not_told")
            for old in current:
                before = wire_before(s, old)
                old.to_date = from_date - dt.timedelta(days=1)
                record_update(s, actor, old, before)
            a = CoordinatorAssignment(
                id=new_id(), child_id=child_id, social_worker=nfc(social_worker.strip()),
                coordinator_user_id=coordinator_user_id,
                registration_number=registration_number, from_date=from_date, handover_note=nfc(handover_note.strip()),
                # Each confirmation is "told in person and in writing" (W14).
                told_in_person=family_told and agencies_told, told_in_writing=family_told and agencies_told,
                family_told=family_told, agencies_told=agencies_told,
                changed_by_user_id=self._ctx.user.user_id, changed_by_name=self._ctx.user.display_name, version=1,
            )  # fmt: skip
            s.add(a)
            s.flush()
            record_create(s, actor, a)
        return self.detail(child_id)


def _directory_coordinator(s: Session, name: str) -> str | None:
    """The directory user a co-ordinator's name matches (a signed-in profile's cached service users).

    Only a user holding the co-ordinator role, and only one: a name shared by two stays a name.
    """
    wanted = fold_name(name)
    matches = [
        u.id
        for u in s.scalars(select(User).where(User.voided_at.is_(None)))
        if Role.COORDINATOR.value in (u.roles or []) and fold_name(u.display_name) == wanted
    ]
    return matches[0] if len(matches) == 1 else None
