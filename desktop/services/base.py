"""The service context: the store's sessions, who is acting, today's date and the rules config.

The current user comes from a callable so that a later sign-in (or the profile's identity set in
Settings) changes who acts without rebuilding the services.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from desktop.domain.calendar import WorkingDayCalendar, calendar_with_closures
from desktop.domain.config import DEFAULT_CONFIG, RulesConfig
from desktop.domain.lifecycle import RECORD_LOCKED
from desktop.domain.permissions import Action, DenialCode, check_permission
from desktop.domain.problems import Problem
from desktop.services.errors import NotFoundError, PermissionDeniedError, ProblemInfo, RecordLockedError, ServiceError
from desktop.store.orm import ClosureDay, Conference
from desktop.store.outbox import Actor, record_update
from sync.protocol.enums import ConferenceStatus, Role

logger = logging.getLogger(__name__)

#: Wales keeps UK time: a day (today, the day a conference is held) starts at midnight here, not UTC.
LOCAL_ZONE = ZoneInfo("Europe/London")


def local_date(moment: dt.datetime) -> dt.date:
    """The day in Wales on which ``moment`` (aware; the store gives UTC) falls.

    Raises:
        ValueError: ``moment`` is naive (its zone would be guessed).
    """
    if moment.tzinfo is None:
        raise ValueError("naive datetime")
    return moment.astimezone(LOCAL_ZONE).date()


def local_day_start(day: dt.date) -> dt.datetime:
    """Midnight at the start of ``day`` in Wales, as an aware UTC datetime (for comparing stored times)."""
    return dt.datetime.combine(day, dt.time(), tzinfo=LOCAL_ZONE).astimezone(dt.UTC)


@dataclass(frozen=True, slots=True)
class CurrentUser:
    """Who is using the app and in which seat they act (chair or minute-taker)."""

    user_id: str | None
    display_name: str
    role: Role


@dataclass(frozen=True, slots=True)
class PermissionInfo:
    """Whether the current user may take an action, and the reason code when not."""

    allowed: bool
    code: str | None = None


def problem_info(problems: Iterable[Problem]) -> tuple[ProblemInfo, ...]:
    """Domain problems as service DTOs (plain strings and values)."""
    out = []
    for p in problems:
        params = {k: (str(v) if not isinstance(v, int | float | bool) else v) for k, v in p.params.items()}
        out.append(ProblemInfo(code=p.code, severity=str(p.severity), params=params))
    return tuple(out)


class ServiceContext:
    """Everything a service needs besides its own logic; shared by all services of a profile."""

    def __init__(
        self,
        sessions: sessionmaker[Session],
        *,
        user: Callable[[], CurrentUser],
        today: Callable[[], dt.date] = dt.date.today,
        device_id: str | None = None,
        config: RulesConfig = DEFAULT_CONFIG,
    ) -> None:
        self.sessions = sessions
        self._user = user
        self._today = today
        self.device_id = device_id
        self.config = config

    @property
    def user(self) -> CurrentUser:
        """The user acting now."""
        return self._user()

    def today(self) -> dt.date:
        """Today's date (injected so tests and benchmarks are deterministic)."""
        return self._today()

    def actor(self) -> Actor:
        """The outbox actor for changes made now."""
        return Actor(user_id=self.user.user_id, device_id=self.device_id)

    def permission(self, action: Action, *, chair_user_id: str | None = None) -> PermissionInfo:
        """Whether the current user may take ``action`` (optionally at a conference with a chair)."""
        user = self.user
        result = check_permission(user.role, action)
        if not result.allowed:
            return PermissionInfo(False, str(result.code or DenialCode.ROLE_NOT_PERMITTED))
        if (
            user.role is Role.CHAIR
            and chair_user_id is not None
            and user.user_id is not None
            and chair_user_id != user.user_id
            and action in _CHAIR_SEAT_ACTIONS
        ):
            return PermissionInfo(False, "not_conference_chair")
        return PermissionInfo(True)

    def require(self, action: Action, *, chair_user_id: str | None = None) -> None:
        """Raise :class:`PermissionDeniedError` unless the current user may take ``action``."""
        info = self.permission(action, chair_user_id=chair_user_id)
        if not info.allowed:
            raise PermissionDeniedError(info.code, action=str(action))

    def calendar(self, session: Session) -> WorkingDayCalendar:
        """The working-day calendar with this profile's closure days."""
        days = frozenset(session.scalars(select(ClosureDay.day)).all())
        return calendar_with_closures(days)


#: Actions that only the conference's own chair may take.
_CHAIR_SEAT_ACTIONS = frozenset(
    {
        Action.CONVENE_CONFERENCE,  # changing a conference's type, date, seats or anchors
        Action.FINALISE_DECISION,
        Action.APPROVE_RECORD,
        Action.DECIDE_WITHOUT_CONSENSUS,
        Action.PROCEED_WITH_TWO_AGENCIES,
        Action.POSTPONE_CONFERENCE,
        Action.DISTRIBUTE_RECORD,
    }
)


def reject_unknown_fields(changes: Mapping[str, Any], editable: Iterable[str]) -> None:
    """Refuse ``changes`` naming any field outside ``editable``.

    Raises:
        ServiceError: ``field_not_editable`` with the unknown fields, sorted and comma-separated.
    """
    unknown = set(changes) - set(editable)
    if unknown:
        raise ServiceError("field_not_editable", fields=",".join(sorted(unknown)))


def open_record(session: Session, conference_id: str) -> Conference:
    """The conference whose record a change belongs to, refusing once the chair approved it.

    Attendance, the child's voice and the outline plan are parts of the record (W6), so they lock
    with it, exactly as the minutes do.

    Raises:
        NotFoundError: no such conference.
        RecordLockedError: ``record_not_mutable`` once the record is approved or distributed.
    """
    conf = session.get(Conference, conference_id)
    if conf is None or conf.voided_at is not None:
        raise NotFoundError(entity="conference")
    if ConferenceStatus(conf.status) in RECORD_LOCKED:
        raise RecordLockedError("record_not_mutable", status=conf.status)
    return conf


def bump(obj: Any) -> int:
    """Raise a synced record's version by one and return the version it was based on."""
    base = int(obj.version or 1)
    obj.version = base + 1
    return base


def record_patch(session: Session, actor: Actor, obj: Any, before: Mapping[str, Any]) -> None:
    """Record the PATCH of the wire fields of ``obj`` changed since ``before`` (bumps its version)."""
    record_update(session, actor, obj, before)
