"""The permission matrix, as data: which roles may send which op kind for which record type.

Record-state rules (finalised, voided, draft, chair of this conference, quorum, register
transitions) are checked in :mod:`sync.service.rules`; this table answers only "may this role ever
do this". A user holds one or more roles inside one council; cross-council access never exists.
The administrator and the enquirer have no access to case content (domain.md §9).
"""

from __future__ import annotations

import logging
from collections.abc import Iterable

from sync.protocol.enums import Entity, OpKind, Role

logger = logging.getLogger(__name__)

C, MT, CO, RC, EN, AD = (
    Role.CHAIR,
    Role.MINUTE_TAKER,
    Role.COORDINATOR,
    Role.REGISTER_CUSTODIAN,
    Role.ENQUIRER,
    Role.ADMINISTRATOR,
)
K = OpKind

# (entity, kind) -> roles allowed. Absent means nobody.
MATRIX: dict[tuple[Entity, OpKind], frozenset[Role]] = {}


def _allow(entity: Entity, kinds: Iterable[OpKind], roles: Iterable[Role]) -> None:
    for kind in kinds:
        MATRIX[(entity, kind)] = frozenset(roles)


_allow(Entity.CHILD, [K.CREATE, K.PATCH], [C, CO, RC])
_allow(Entity.CHILD, [K.VOID, K.RESOLVE_CONFLICT], [C, CO])
_allow(Entity.FAMILY_MEMBER, [K.CREATE, K.PATCH, K.VOID, K.RESOLVE_CONFLICT], [C, CO])
_allow(Entity.CONFERENCE, [K.CREATE, K.PATCH, K.RESOLVE_CONFLICT], [C, CO])
_allow(Entity.CONFERENCE, [K.VOID], [C])
_allow(Entity.CONFERENCE_CHILD, [K.APPEND, K.CREATE, K.VOID], [C, CO])
_allow(Entity.ATTENDANCE, [K.APPEND, K.CREATE, K.PATCH, K.VOID, K.RESOLVE_CONFLICT], [C, MT])
_allow(Entity.AGENCY_REPORT, [K.CREATE, K.APPEND, K.PATCH, K.VOID, K.RESOLVE_CONFLICT], [C, MT, CO])
_allow(Entity.CHILD_VOICE, [K.CREATE, K.PATCH, K.VOID, K.RESOLVE_CONFLICT], [C, MT, CO])
_allow(Entity.MINUTES_SECTION, [K.CREATE, K.PATCH, K.RESOLVE_CONFLICT], [C, MT])
_allow(Entity.MINUTES_SECTION, [K.VOID], [C])
_allow(Entity.DECISION, [K.CREATE, K.PATCH], [C, MT])
_allow(Entity.DECISION, [K.VOID, K.FINALISE_DECISION, K.RESOLVE_CONFLICT], [C])
_allow(Entity.PLAN_ACTION, [K.CREATE, K.PATCH, K.VOID, K.RESOLVE_CONFLICT], [C, MT, CO])
_allow(Entity.CORE_GROUP_MEMBER, [K.CREATE, K.PATCH, K.VOID, K.RESOLVE_CONFLICT], [C, MT, CO])
_allow(Entity.OUTLINE_PLAN, [K.CREATE, K.PATCH, K.VOID, K.RESOLVE_CONFLICT], [C, MT, CO])
_allow(Entity.COORDINATOR_ASSIGNMENT, [K.CREATE, K.PATCH, K.RESOLVE_CONFLICT], [C, CO, RC])
_allow(Entity.COORDINATOR_ASSIGNMENT, [K.VOID], [C, RC])
_allow(Entity.REGISTER_ENTRY, [K.TEMPORARY_REGISTRATION, K.END_REGISTRATION], [RC])
_allow(Entity.REGISTER_ENTRY, [K.RESOLVE_CONFLICT], [C])
_allow(Entity.DISTRIBUTION, [K.APPEND, K.CREATE, K.PATCH, K.VOID, K.RESOLVE_CONFLICT], [C])
# The hash of every document produced reaches the register's audit (drafts too: who printed what).
_allow(Entity.DOCUMENT_ISSUED, [K.APPEND, K.CREATE], [C, MT])
_allow(Entity.ADDENDUM, [K.ADDENDUM, K.APPEND, K.CREATE], [C, RC])

#: Roles that see every case and conference of their council; the others see only what an
#: assignment grants (a co-ordinator their open assignments, a minute-taker their conferences).
COUNCIL_WIDE_ROLES: frozenset[Role] = frozenset({C, RC})
CASE_ROLES: frozenset[Role] = frozenset({C, MT, CO, RC})
#: Roles that may make a register enquiry (GET /v1/register/children/{id}).
ENQUIRY_ROLES: frozenset[Role] = frozenset({EN, RC})
#: Roles that may read a record's full history (GET /v1/records/{entity}/{id}/history).
HISTORY_ROLES: frozenset[Role] = frozenset({C, RC})
ADMIN_ROLES: frozenset[Role] = frozenset({AD})
#: Roles that may read the council's quality report (counts only, GET /v1/reports/quality).
QUALITY_ROLES: frozenset[Role] = frozenset({RC, AD})


def allowed(roles: Iterable[Role], entity: Entity, kind: OpKind) -> bool:
    permitted = MATRIX.get((entity, kind), frozenset())
    return any(r in permitted for r in roles)
