"""Shared set-up for service and UI tests: a real encrypted store with a council, users and siblings."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from desktop.services.base import CurrentUser
from desktop.services.registry import Services, build_services
from desktop.store.testing import OpenStore, open_test_store
from sync.protocol.enums import Role

TODAY = dt.date(2026, 3, 10)  # a Tuesday


@dataclass
class Seat:
    """The mutable identity the services read (a test can swap seats)."""

    user: CurrentUser = field(default_factory=lambda: CurrentUser(None, "", Role.CHAIR))

    def __call__(self) -> CurrentUser:
        return self.user


@dataclass
class World:
    """A store, its services and the seeded ids."""

    store: OpenStore
    services: Services
    seat: Seat
    chair: CurrentUser
    minute_taker: CurrentUser
    council_id: str
    child_ids: tuple[str, str]


def make_world(folder: Path, *, today: dt.date = TODAY) -> World:
    """Seed a council, a chair, a minute-taker and two siblings (one with a Welsh name)."""
    store = open_test_store(folder)
    seat = Seat()
    services = build_services(store.sessions, user=seat, today=lambda: today, device_id="dev-1")
    chair = services.settings.set_identity("Gwenllian Morgan", Role.CHAIR)
    mt_id = services.settings.add_user("Rhys Ifans", Role.MINUTE_TAKER)
    minute_taker = CurrentUser(mt_id, "Rhys Ifans", Role.MINUTE_TAKER)
    seat.user = chair
    council = services.settings.ensure_council("CRD", "Cardiff", "Caerdydd")
    a = services.children.create("Siân", "Ŵyn", council_id=council.id, date_of_birth=dt.date(2015, 5, 1))
    b = services.children.create("Dafydd", "Ŵyn", council_id=council.id, date_of_birth=dt.date(2018, 9, 12))
    return World(store, services, seat, chair, minute_taker, council.id, (a.id, b.id))
