"""Profile-level settings kept in the database: council closure days, the idle-lock time, the
council, and who this profile's user is and in which seat they act.

The idle-lock time is also a machine-wide setting (``desktop.config``): an administrator's fixed
value wins over the profile's, and the profile's cannot then be changed.

(Window geometry and the theme are per-machine preferences and live in QSettings in the UI.)
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass

from sqlalchemy import delete, select
from sqlalchemy.orm import Session, sessionmaker

from desktop.config import (
    EffectiveSettings,
    MachineConfig,
    Setting,
    check_idle_minutes,
    effective_settings,
    machine_config_or_none,
)
from desktop.profile import ProfileIdentity, get_identity, write_identity
from desktop.services.base import CurrentUser, ServiceContext
from desktop.services.errors import ServiceError
from desktop.store.ids import new_id
from desktop.store.orm import ClosureDay, Council, ProfileMeta, User
from sync.protocol.enums import Role

logger = logging.getLogger(__name__)

IDLE_KEY = "settings.idle_lock_minutes"
DEFAULT_IDLE_MINUTES = 5  # desktop.config.DEFAULT_IDLE_LOCK_MINUTES


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


def _seat(roles: tuple[str, ...]) -> Role | None:
    for code in (Role.CHAIR.value, Role.MINUTE_TAKER.value):
        if code in roles:
            return Role(code)
    return None


def read_identity(sessions: sessionmaker[Session]) -> CurrentUser | None:
    """The identity stored in the profile (``desktop.profile``'s keys), or None before one was set.

    The seat is the chair's when the profile's roles include it, else the minute-taker's.
    """
    ident = get_identity(_Sessions(sessions))
    if ident is None:
        return None
    seat = _seat(ident.roles)
    if seat is None:
        return None
    return CurrentUser(ident.user_id, ident.display_name, seat)


@dataclass(frozen=True, slots=True)
class _Sessions:
    sessions: sessionmaker[Session]


class SettingsService:
    """Closure days, idle lock, councils and the profile's identity."""

    def __init__(self, ctx: ServiceContext, machine: MachineConfig | None = None) -> None:
        self._ctx = ctx
        self._machine = machine_config_or_none() if machine is None else machine

    def effective(self) -> EffectiveSettings:
        """The machine-wide presets merged with this profile's own choices, with their sources."""
        return effective_settings(self._machine, {"idle_lock_minutes": self._stored_idle_minutes()})

    def idle_lock_setting(self) -> Setting[int]:
        """The idle-lock minutes, where they came from, and whether the user may change them."""
        return self.effective().idle_lock_minutes

    def _stored_idle_minutes(self) -> int | None:
        with self._ctx.sessions() as s:
            value = _meta(s, IDLE_KEY)
        try:
            return check_idle_minutes(int(value)) if value else None
        except ValueError:
            return None

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
        """Minutes of inactivity before the app locks (the administrator's when fixed, default 5)."""
        return self.idle_lock_setting().value

    def set_idle_lock_minutes(self, minutes: int) -> None:
        """Set the idle time (1-15 minutes: never later than the OS's 900 s, SES-1)."""
        if not 1 <= minutes <= 15:
            raise ServiceError("idle_minutes_out_of_range", minimum=1, maximum=15)
        if not self.idle_lock_setting().user_may_change:
            raise ServiceError("setting_fixed_by_administrator", setting="idle_lock_minutes")
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
        current = get_identity(_Sessions(self._ctx.sessions))
        with self._ctx.sessions.begin() as s:
            uid = user_id or (current.user_id if current else None) or new_id()
            u = s.get(User, uid)
            if u is None:
                s.add(User(id=uid, display_name=display_name.strip(), roles=[role.value], version=1))
            else:
                u.display_name = display_name.strip()
                u.roles = sorted(set(u.roles) | {role.value})
            council = current.council_id if current else None
            write_identity(s, ProfileIdentity(uid, display_name.strip(), council, (role.value,)))
        return CurrentUser(uid, display_name.strip(), role)

    def add_user(self, display_name: str, role: Role) -> str:
        """Add a colleague who can be chosen as chair or minute-taker of a conference."""
        with self._ctx.sessions.begin() as s:
            u = User(id=new_id(), display_name=display_name.strip(), roles=[role.value], version=1)
            s.add(u)
            return u.id
