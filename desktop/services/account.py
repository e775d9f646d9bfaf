"""Signing a profile in to the register service: adopting its ids, its directory and the first upload.

At sign-in the service has told the device who its user is (user, council, roles), which device it
is, and who else works in the council (the directory). :meth:`AccountService.adopt` makes the
profile speak the service's ids in one transaction:

- the profile's user, its council and any colleague the directory names (matched by name) take
  the service's ids everywhere (:func:`desktop.store.identity.rename_ids`), and ops recorded before
  sign-in are re-authored by the signed-in user, in their order;
- the directory is cached in ``app_user`` so that chairs, minute-takers and co-ordinators are
  chosen as service users offline too (a person not in it stays a local record);
- every record that exists in the profile but has never been queued (demo data, data made before
  this build queued it) is queued now, in dependency order (:func:`desktop.store.upload.queue_initial_upload`).

No Qt; the HTTP side lives in ``sync.client``.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.domain.text import fold_name
from desktop.profile import ProfileIdentity, get_identity, write_identity
from desktop.services.base import ServiceContext
from desktop.store.identity import rename_ids
from desktop.store.meta import get_meta, set_meta
from desktop.store.orm import Child, Council, User
from desktop.store.outbox import Actor
from desktop.store.upload import UploadSummary, queue_initial_upload

logger = logging.getLogger(__name__)

META_DEVICE_ID = "sync.device_id"
META_SERVER_ID = "sync.server_id"


@dataclass(frozen=True, slots=True)
class DirectoryUser:
    """A user of the council, as the service lists them."""

    user_id: str
    display_name: str
    roles: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class SignedIn:
    """What the service said at enrolment: the user, their council and this device."""

    user_id: str
    display_name: str
    roles: tuple[str, ...]
    council_id: str
    device_id: str
    server_id: str
    council_name: str = ""
    directory: tuple[DirectoryUser, ...] = ()


@dataclass(frozen=True, slots=True)
class AdoptSummary:
    """What adopting the service's identity changed."""

    ids_replaced: int
    ops_reauthored: int
    upload: UploadSummary


class AccountService:
    """The profile's sign-in state."""

    def __init__(self, ctx: ServiceContext) -> None:
        self._ctx = ctx

    def device_id(self) -> str | None:
        """The service's id of this device, once signed in."""
        with self._ctx.sessions() as s:
            return get_meta(s, META_DEVICE_ID)

    def adopt(self, signed_in: SignedIn) -> AdoptSummary:
        """Make the profile the signed-in user's: ids, directory, identity, then the first upload."""

        class _Store:
            sessions = self._ctx.sessions

        current = get_identity(_Store())
        with self._ctx.sessions.begin() as s:
            mapping: dict[str, str] = {}
            if current is not None:
                mapping[current.user_id] = signed_in.user_id
            local_councils = list(s.scalars(select(Council)))
            if signed_in.council_id and not any(c.id == signed_in.council_id for c in local_councils):
                used = (current.council_id if current else None) or s.scalar(select(Child.council_id).limit(1))
                if used is None and local_councils:
                    used = local_councils[0].id
                if used is not None:
                    mapping[used] = signed_in.council_id
                else:
                    name = signed_in.council_name or signed_in.council_id
                    s.add(Council(id=signed_in.council_id, code=signed_in.council_id[:16], name_en=name,
                                  name_cy=name, version=1))  # fmt: skip
            # Colleagues chosen before sign-in become the directory's users when the names match.
            by_name = {fold_name(u.display_name): u for u in signed_in.directory if u.display_name}
            for local in s.scalars(select(User)):
                match = by_name.get(fold_name(local.display_name))
                if local.id not in mapping and match is not None and match.user_id != local.id:
                    if s.get(User, match.user_id) is None:
                        mapping[local.id] = match.user_id
            ops = rename_ids(s, mapping, author=signed_in.user_id)
            s.flush()
            self._cache_directory(s, signed_in)
            write_identity(
                s,
                ProfileIdentity(
                    signed_in.user_id,
                    signed_in.display_name or (current.display_name if current else ""),
                    signed_in.council_id,
                    tuple(signed_in.roles) or (current.roles if current else ()),
                ),
            )
            set_meta(s, META_DEVICE_ID, signed_in.device_id)
            set_meta(s, META_SERVER_ID, signed_in.server_id)
            s.flush()
            upload = queue_initial_upload(s, Actor(signed_in.user_id, signed_in.device_id))
        self._ctx.device_id = signed_in.device_id
        return AdoptSummary(len(mapping), ops, upload)

    @staticmethod
    def _cache_directory(s: Session, signed_in: SignedIn) -> None:
        for entry in (*signed_in.directory, DirectoryUser(signed_in.user_id, signed_in.display_name, signed_in.roles)):
            row = s.get(User, entry.user_id)
            if row is None:
                row = User(id=entry.user_id, display_name=entry.display_name, roles=list(entry.roles), version=1)
                s.add(row)
            if entry.display_name:
                row.display_name = entry.display_name
            if entry.roles:
                row.roles = sorted(entry.roles)
            row.council_id = signed_in.council_id

    def directory(self) -> Sequence[DirectoryUser]:
        """The cached directory of the council's users (for choosing seats offline)."""
        with self._ctx.sessions() as s:
            return tuple(
                DirectoryUser(u.id, u.display_name, tuple(u.roles))
                for u in s.scalars(select(User).where(User.voided_at.is_(None)).order_by(User.display_name))
            )
