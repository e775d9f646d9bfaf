"""Profile-level settings kept in the database: council closure days, the idle-lock time an
administrator sets, the council, and who this profile's user is and in which seat they act.

(Window geometry and the theme are per-machine preferences and live in QSettings in the UI.)
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from desktop.services.base import CurrentUser, ServiceContext
from desktop.services.errors import ServiceError
from desktop.store.ids import new_id
from desktop.store.orm import ClosureDay, Council, ProfileMeta, User
from sync.protocol.enums import Role

logger = logging.getLogger(__name__)

IDLE_KEY = "settings.idle_lock_minutes"
DEFAULT_IDLE_MINUTES = 5
#: Identity keys, until sign-in (issue on sync) supplies the user.
USER_KEY, NAME_KEY, ROLE_KEY = "identity.user_id", "identity.display_name", "identity.role"


@dataclass(frozen=True, slots=True)
class CouncilRow:
    """A local authority."""

    id: str
    code: str
    name_en: str
    name_cy: str


def _meta(s: Session, key: str) -> str | None:
    row = s.get(ProfileMeta, key)
    return row.value if row else None


def _set_meta(s: Session, key: str, value: str) -> None:
    row = s.get(ProfileMeta, key)
    if row is None:
        s.add(ProfileMeta(key=key, value=value))
    else:
        row.value = value


def read_identity(ctx_sessions: object) -> CurrentUser | None:
    """The identity stored in the profile (None before one was set)."""
    from sqlalchemy.orm import sessionmaker

    assert isinstance(ctx_sessions, sessionmaker)
    with ctx_sessions() as s:
        uid, name, role = _meta(s, USER_KEY), _meta(s, NAME_KEY), _meta(s, ROLE_KEY)
        if not uid or not role:
            return None
        return CurrentUser(uid, name or "", Role(role))


class SettingsService:
    """Closure days, idle lock, councils and the profile's identity."""

    def __init__(self, ctx: ServiceContext) -> None:
        self._ctx = ctx

    def closure_days(self) -> tuple[tuple[dt.date, str], ...]:
        """The council's closure days (non-working days besides bank holidays)."""
        with self._ctx.sessions() as s:
            return tuple((c.day, c.description) for c in s.scalars(select(ClosureDay).order_by(ClosureDay.day)))

    def add_closure_day(self, day: dt.date, description: str = "") -> None:
        """Add a closure day; due dates computed afterwards skip it."""
        with self._ctx.sessions.begin() as s:
            if s.get(ClosureDay, day) is None:
                s.add(ClosureDay(day=day, description=description))

    def remove_closure_day(self, day: dt.date) -> None:
        """Remove a closure day."""
        with self._ctx.sessions.begin() as s:
            s.execute(delete(ClosureDay).where(ClosureDay.day == day))

    def idle_lock_minutes(self) -> int:
        """Minutes of inactivity before the app locks (administrator setting, default 5)."""
        with self._ctx.sessions() as s:
            value = _meta(s, IDLE_KEY)
        try:
            return max(1, min(15, int(value))) if value else DEFAULT_IDLE_MINUTES
        except ValueError:
            return DEFAULT_IDLE_MINUTES

    def set_idle_lock_minutes(self, minutes: int) -> None:
        """Set the idle time (1-15 minutes: never later than the OS's 900 s, SES-1)."""
        if not 1 <= minutes <= 15:
            raise ServiceError("idle_minutes_out_of_range", minimum=1, maximum=15)
        with self._ctx.sessions.begin() as s:
            _set_meta(s, IDLE_KEY, str(minutes))

    def councils(self) -> tuple[CouncilRow, ...]:
        """Every council known to this profile."""
        with self._ctx.sessions() as s:
            return tuple(CouncilRow(c.id, c.code, c.name_en, c.name_cy) for c in s.scalars(select(Council)))

    def ensure_council(self, code: str, name_en: str, name_cy: str) -> CouncilRow:
        """The council with ``code``, created when missing."""
        with self._ctx.sessions.begin() as s:
            c = s.scalar(select(Council).where(Council.code == code))
            if c is None:
                c = Council(id=new_id(), code=code, name_en=name_en, name_cy=name_cy, version=1)
                s.add(c)
            return CouncilRow(c.id, c.code, c.name_en, c.name_cy)

    def identity(self) -> CurrentUser | None:
        """Who this profile's user is and their seat."""
        return read_identity(self._ctx.sessions)

    def set_identity(self, display_name: str, role: Role, user_id: str | None = None) -> CurrentUser:
        """Set who the profile's user is and in which seat they act (chair or minute-taker)."""
        if role not in (Role.CHAIR, Role.MINUTE_TAKER):
            raise ServiceError("seat_not_supported", role=str(role))
        if not display_name.strip():
            raise ServiceError("name_required")
        with self._ctx.sessions.begin() as s:
            uid = user_id or _meta(s, USER_KEY) or new_id()
            u = s.get(User, uid)
            if u is None:
                s.add(User(id=uid, display_name=display_name.strip(), roles=[role.value], version=1))
            else:
                u.display_name = display_name.strip()
                u.roles = sorted(set(u.roles) | {role.value})
            _set_meta(s, USER_KEY, uid)
            _set_meta(s, NAME_KEY, display_name.strip())
            _set_meta(s, ROLE_KEY, role.value)
        return CurrentUser(uid, display_name.strip(), role)

    def add_user(self, display_name: str, role: Role) -> str:
        """Add a colleague who can be chosen as chair or minute-taker of a conference."""
        with self._ctx.sessions.begin() as s:
            u = User(id=new_id(), display_name=display_name.strip(), roles=[role.value], version=1)
            s.add(u)
            return u.id
