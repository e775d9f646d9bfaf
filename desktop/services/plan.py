"""The outline plan (CASPP) per child, its actions with owners and dates, and the core group."""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select

from desktop.domain.permissions import Action
from desktop.domain.text import nfc, nfc_values
from desktop.domain.timescales import first_core_group_deadline
from desktop.services.base import ServiceContext, local_date, open_record, reject_unknown_fields
from desktop.services.drafts import clear_drafts, link_id
from desktop.services.errors import NotFoundError, ServiceError
from desktop.store.ids import new_id
from desktop.store.orm import Conference, CoreGroupMember, OutlinePlan, PlanAction
from desktop.store.outbox import record_create, record_update, record_void, wire_before
from sync.protocol.enums import Entity

logger = logging.getLogger(__name__)

PLAN_FIELDS = frozenset(
    {"risks", "keeping_safe", "outcomes", "support", "monitoring", "wishes_and_views", "contingency",
     "first_core_group_on"}
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class ActionRow:
    """An action in the outline plan."""

    id: str
    child_id: str | None
    description: str
    owner: str
    owner_agency: str | None
    due_on: dt.date | None


@dataclass(frozen=True, slots=True)
class MemberRow:
    """A core group member."""

    id: str
    child_id: str | None
    name: str
    agency: str | None
    role_title: str


@dataclass(frozen=True, slots=True)
class PlanView:
    """The outline plan for one child, with the conference's actions and core group."""

    conference_id: str
    child_id: str
    texts: Mapping[str, str]
    first_core_group_on: dt.date | None
    first_core_group_due: dt.date | None
    actions: tuple[ActionRow, ...]
    members: tuple[MemberRow, ...]


class PlanService:
    """Outline plan, actions and core group."""

    def __init__(self, ctx: ServiceContext) -> None:
        self._ctx = ctx

    def get(self, conference_id: str, child_id: str) -> PlanView:
        """The child's outline plan; the first core group is due 10 WD after the conference (T6)."""
        with self._ctx.sessions() as s:
            conf = s.get(Conference, conference_id)
            if conf is None:
                raise NotFoundError(entity="conference")
            p = s.scalar(
                select(OutlinePlan).where(OutlinePlan.conference_id == conference_id, OutlinePlan.child_id == child_id)
            )
            held = conf.held_on or local_date(conf.scheduled_for)
            due = first_core_group_deadline(held, calendar=self._ctx.calendar(s), config=self._ctx.config).due
            texts = {k: (getattr(p, k) if p else "") for k in sorted(PLAN_FIELDS - {"first_core_group_on"})}
            actions = tuple(
                ActionRow(a.id, a.child_id, a.description, a.owner, a.owner_agency, a.due_on)
                for a in s.scalars(
                    select(PlanAction)
                    .where(PlanAction.conference_id == conference_id, PlanAction.voided_at.is_(None))
                    .where((PlanAction.child_id == child_id) | PlanAction.child_id.is_(None))
                    .order_by(PlanAction.position)
                )
            )
            members = tuple(
                MemberRow(m.id, m.child_id, m.name, m.agency, m.role_title)
                for m in s.scalars(
                    select(CoreGroupMember)
                    .where(CoreGroupMember.conference_id == conference_id, CoreGroupMember.voided_at.is_(None))
                    .where((CoreGroupMember.child_id == child_id) | CoreGroupMember.child_id.is_(None))
                    .order_by(CoreGroupMember.created_at)
                )
            )
            return PlanView(conference_id, child_id, texts, p.first_core_group_on if p else None, due, actions, members)

    def save(self, conference_id: str, child_id: str, changes: Mapping[str, Any]) -> PlanView:
        """Save the outline plan's texts and first core group date (and drop their drafts, same transaction)."""
        reject_unknown_fields(changes, PLAN_FIELDS)
        self._ctx.require(Action.RECORD_MINUTES)
        changes = nfc_values(changes)
        with self._ctx.sessions.begin() as s:
            open_record(s, conference_id)
            p = s.scalar(
                select(OutlinePlan).where(OutlinePlan.conference_id == conference_id, OutlinePlan.child_id == child_id)
            )
            if p is None:
                p = OutlinePlan(id=new_id(), conference_id=conference_id, child_id=child_id, version=1, **changes)
                s.add(p)
                s.flush()
                record_create(s, self._ctx.actor(), p)
            else:
                before = wire_before(s, p)
                for k, v in changes.items():
                    setattr(p, k, v)
                record_update(s, self._ctx.actor(), p, before)
            link = link_id(s, conference_id, child_id)
            if link is not None:
                clear_drafts(s, "outline_plan", link, changes)
        return self.get(conference_id, child_id)

    def add_action(
        self, conference_id: str, child_id: str | None, description: str, owner: str, due_on: dt.date | None,
        owner_agency: str | None = None,
    ) -> ActionRow:  # fmt: skip
        """Add an action with its owner and due date."""
        self._ctx.require(Action.RECORD_MINUTES)
        if not description.strip():
            raise ServiceError("description_required")
        with self._ctx.sessions.begin() as s:
            open_record(s, conference_id)
            pos = int(s.scalar(select(func.count()).where(PlanAction.conference_id == conference_id)) or 0)
            a = PlanAction(id=new_id(), conference_id=conference_id, child_id=child_id, position=pos,
                           description=nfc(description.strip()), owner=nfc(owner.strip()), owner_agency=owner_agency,
                           due_on=due_on, version=1)  # fmt: skip
            s.add(a)
            s.flush()
            record_create(s, self._ctx.actor(), a)
            return ActionRow(a.id, a.child_id, a.description, a.owner, a.owner_agency, a.due_on)

    def remove_action(self, action_id: str) -> None:
        """Withdraw an action (voided, never deleted)."""
        self._void(PlanAction, Entity.PLAN_ACTION, action_id)

    def add_member(
        self, conference_id: str, child_id: str | None, name: str, agency: str | None, role_title: str = ""
    ) -> MemberRow:
        """Name a core group member."""
        self._ctx.require(Action.RECORD_MINUTES)
        if not name.strip():
            raise ServiceError("name_required")
        with self._ctx.sessions.begin() as s:
            open_record(s, conference_id)
            m = CoreGroupMember(id=new_id(), conference_id=conference_id, child_id=child_id, name=nfc(name.strip()),
                                agency=agency, role_title=nfc(role_title), version=1)  # fmt: skip
            s.add(m)
            s.flush()
            record_create(s, self._ctx.actor(), m)
            return MemberRow(m.id, m.child_id, m.name, m.agency, m.role_title)

    def remove_member(self, member_id: str) -> None:
        """Withdraw a core group member."""
        self._void(CoreGroupMember, Entity.CORE_GROUP_MEMBER, member_id)

    def _void(self, cls: type[PlanAction] | type[CoreGroupMember], entity: Entity, row_id: str) -> None:
        self._ctx.require(Action.RECORD_MINUTES)
        with self._ctx.sessions.begin() as s:
            row = s.get(PlanAction, row_id) if cls is PlanAction else s.get(CoreGroupMember, row_id)
            if row is None:
                raise NotFoundError(entity=str(entity))
            open_record(s, row.conference_id)
            record_void(s, self._ctx.actor(), row, "removed from the outline plan")
