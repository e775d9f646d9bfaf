"""The one adapter between the desktop's rows and the register's wire records, both ways.

The wire shape of every synced record type is defined once, in :mod:`sync.protocol.records`. This
module says, per local table, which entity it travels as and how its columns map to that shape:

- :func:`to_wire` gives a row's client-owned fields (never ids, council, version, void or the
  server's decision fields), exactly :func:`sync.protocol.records.client_fields` of its entity;
- :func:`apply_wire` writes a record that came from the service into the local tables (creating
  the row when it is new), which is how a second device's profile fills from the pull feed.

Every table of the local schema is either in :data:`MAPS` or in :data:`LOCAL_ONLY` with its reason;
``tests/unit/store/test_wire.py`` fails on a table that is in neither, so none is forgotten.

Decisions recorded here (see ARCHITECTURE.md): practitioner views and dissent travel inside their
decision (so the content hash a chair finalises covers every view and dissent); a family member
travels once per child it is linked to (the service's ``family_member`` is per child), with the
person's details copied in and ``person_id`` naming the person; the outline plan and each document
issued are entities of their own.

Runs on whichever thread owns the session (the database lane); pure apart from the session.
"""

from __future__ import annotations

import datetime as dt
import enum
import functools
import logging
import typing
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Boolean, Date, Integer, inspect, select
from sqlalchemy.orm import Session

from desktop.domain.text import fold_name
from desktop.store.orm import (
    Addendum,
    AgencyReport,
    Attendance,
    Base,
    Child,
    ChildVoice,
    Conference,
    ConferenceChild,
    CoordinatorAssignment,
    CoreGroupMember,
    Council,
    Decision,
    Dissent,
    Distribution,
    DocumentIssued,
    FamilyLink,
    FamilyMember,
    JSONList,
    MinutesSection,
    MinutesVersion,
    OutlinePlan,
    PlanAction,
    PractitionerView,
    RegisterEntry,
    User,
    UTCDateTime,
)
from sync.protocol.canonical import decision_content_sha256
from sync.protocol.enums import DecisionState, Entity, OpKind

logger = logging.getLogger(__name__)

Wire = dict[str, Any]


def wire_value(value: Any) -> Any:
    """A column value as the wire carries it: dates and datetimes as ISO text (UTC, ``Z``)."""
    if isinstance(value, dt.datetime):
        return value.astimezone(dt.UTC).isoformat().replace("+00:00", "Z")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return [wire_value(v) for v in value]
    return value


def _parse_datetime(text: str) -> dt.datetime:
    moment = dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
    return moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC)


def _local_value(column: Any, value: Any) -> Any:
    """A wire value converted to what ``column`` stores (ISO text to dates, ``None`` to its default)."""
    ctype = column.type
    if value is None:
        if column.nullable:
            return None
        if column.default is not None:
            # SQLAlchemy wraps a callable default to take the execution context.
            return column.default.arg(None) if column.default.is_callable else column.default.arg
        # Another client may leave out a field this build requires: the empty value of its type.
        if isinstance(ctype, Boolean):
            return False
        if isinstance(ctype, Integer):
            return 0
        return ""
    if isinstance(ctype, UTCDateTime):
        return _parse_datetime(str(value))
    if isinstance(ctype, Date):
        return dt.date.fromisoformat(str(value)[:10])
    if isinstance(ctype, Boolean):
        return bool(value)
    if isinstance(ctype, Integer):
        return int(value)
    if isinstance(ctype, JSONList):
        return sorted(str(v) for v in value)
    return value


@dataclass(frozen=True, slots=True)
class RecordMap:
    """How one local table travels: its entity, its renamed columns, and the parts made by hand."""

    entity: Entity
    table: type[Base]
    #: wire field -> local attribute, for plain columns (the same name when unnamed here).
    columns: Mapping[str, str]
    #: extra wire fields made from the row (and its neighbours) by hand.
    out: Callable[[Session, Any], Wire] | None = None
    #: writes the hand-made wire fields back into a (new or existing) row.
    into: Callable[[Session, Any, Mapping[str, Any]], None] | None = None
    #: The op kind that creates it: ``append`` for the append-only record classes (created once,
    #: never patched), ``addendum`` for addenda; ``tests/unit/store/test_wire.py`` checks it
    #: against the protocol's record classes.
    create_kind: OpKind = OpKind.CREATE
    extra_wire: frozenset[str] = field(default_factory=frozenset)


def _same(*names: str) -> dict[str, str]:
    return {n: n for n in names}


# ---- hand-made parts


def _child_out(s: Session, c: Child) -> Wire:
    aliases = [a.strip() for a in c.aliases.replace("\n", ";").split(";") if a.strip()]
    return {"aliases": aliases}


def _council_in(s: Session, row: Any, w: Mapping[str, Any]) -> None:
    """The service names the council (it owns that field); a profile holds its own council's row."""
    council = w.get("council_id")
    if council and s.get(Council, council) is not None:
        row.council_id = council
    elif not row.council_id:
        row.council_id = s.scalars(select(Council.id)).first() or ""


def _child_in(s: Session, c: Child, w: Mapping[str, Any]) -> None:
    c.aliases = "; ".join(w.get("aliases") or [])
    c.search_name = fold_name(f"{c.given_names} {c.family_name}")
    _council_in(s, c, w)


def _family_out(s: Session, link: FamilyLink) -> Wire:
    person = s.get(FamilyMember, link.family_member_id)
    assert person is not None
    return {
        "person_id": person.id,
        "name": person.name,
        "address": person.address,
        "record_language": person.record_language,
    }


def _family_in(s: Session, link: FamilyLink, w: Mapping[str, Any]) -> None:
    person_id = str(w.get("person_id") or link.id)
    person = s.get(FamilyMember, person_id)
    if person is None:
        person = FamilyMember(id=person_id, name="", version=1)
        s.add(person)
    person.name = str(w.get("name") or "")
    person.address = str(w.get("address") or "")
    person.record_language = str(w.get("record_language") or "en")
    link.family_member_id = person_id


def _users_in(*attrs: str) -> Callable[[Session, Any, Mapping[str, Any]], None]:
    """A conference's council, and its seats: service users (one not yet in the directory gets a row)."""

    def into(s: Session, row: Any, w: Mapping[str, Any]) -> None:
        _council_in(s, row, w)
        for attr in attrs:
            wire_name = "record_taker_user_id" if attr == "minute_taker_user_id" else attr
            uid = w.get(wire_name)
            if uid and s.get(User, uid) is None:
                s.add(User(id=uid, display_name="", roles=[], version=1))
                s.flush()
            setattr(row, attr, uid or None)

    return into


def _attendance_in(s: Session, a: Attendance, w: Mapping[str, Any]) -> None:
    # A family member arrives with its link. (The practitioner list is each laptop's own: the
    # attendance row carries the name and agency, and its link to that list never travels.)
    fid = w.get("family_member_id")
    a.family_member_id = fid if fid and s.get(FamilyMember, fid) is not None else None


def _report_out(s: Session, r: AgencyReport) -> Wire:
    return {"view_on_registration": r.view_on_registration or None}


def _report_in(s: Session, r: AgencyReport, w: Mapping[str, Any]) -> None:
    r.view_on_registration = str(w.get("view_on_registration") or "")


def _decision_out(s: Session, d: Decision) -> Wire:
    views = s.scalars(
        select(PractitionerView)
        .where(PractitionerView.decision_id == d.id, PractitionerView.voided_at.is_(None))
        .order_by(PractitionerView.position, PractitionerView.id)
    )
    dissents = s.scalars(
        select(Dissent).where(Dissent.decision_id == d.id, Dissent.voided_at.is_(None)).order_by(Dissent.id)
    )
    return {
        "practitioner_views": [
            {
                "id": v.id,
                "attendance_id": v.attendance_id,
                "position": v.position,
                "view": v.view,
                "categories": sorted(v.categories),
                "reasons": v.reasons,
            }
            for v in views
        ],
        "dissent": [{"id": x.id, "attendance_id": x.attendance_id, "reason": x.reason} for x in dissents],
    }


#: Decision states in which its content is frozen (here and by the database's triggers, 0002).
LOCKED_DECISION_STATES = frozenset(
    {DecisionState.FINALISATION_PENDING.value, DecisionState.FINALISED.value, DecisionState.CONTESTED.value}
)


def _decision_in(s: Session, d: Decision, w: Mapping[str, Any]) -> None:
    locked = d.state in LOCKED_DECISION_STATES
    if locked:
        # The content is frozen here (and by the database's triggers); only the service's verdict lands.
        if w.get("state") in LOCKED_DECISION_STATES:
            d.state = str(w["state"])
        if w.get("decision_number"):
            d.decision_number = str(w["decision_number"])
            d.confirmed_at = d.confirmed_at or dt.datetime.now(dt.UTC)
        return
    s.flush()
    wanted_views = {str(v["id"]): v for v in w.get("practitioner_views") or [] if v.get("id")}
    for pv in list(s.scalars(select(PractitionerView).where(PractitionerView.decision_id == d.id))):
        if pv.id not in wanted_views:
            s.delete(pv)
    for vid, v in wanted_views.items():
        found = s.get(PractitionerView, vid)
        pv = found if found is not None else PractitionerView(id=vid, decision_id=d.id, version=1)
        if found is None:
            s.add(pv)
        pv.attendance_id = str(v.get("attendance_id"))
        pv.position = int(v.get("position") or 0)
        pv.view = str(v.get("view"))
        pv.categories = sorted(v.get("categories") or [])
        pv.reasons = str(v.get("reasons") or "")
    wanted_dissent = {str(x["id"]): x for x in w.get("dissent") or [] if x.get("id")}
    for old in list(s.scalars(select(Dissent).where(Dissent.decision_id == d.id))):
        if old.id not in wanted_dissent:
            s.delete(old)
    for xid, x in wanted_dissent.items():
        row = s.get(Dissent, xid)
        if row is None:
            row = Dissent(id=xid, decision_id=d.id, version=1)
            s.add(row)
        row.attendance_id = str(x.get("attendance_id"))
        row.reason = str(x.get("reason") or "")
    # What the service has decided about the decision (its state, number and stamp).
    if w.get("state"):
        d.state = str(w["state"])
    if w.get("decision_number"):
        d.decision_number = str(w["decision_number"])
    if w.get("finalised_at"):
        d.finalised_at = _parse_datetime(str(w["finalised_at"]))
        d.confirmed_at = d.finalised_at
    if w.get("finalised_by"):
        d.finalised_by = str(w["finalised_by"])
    if d.state in (DecisionState.FINALISED.value, DecisionState.CONTESTED.value):
        d.content_sha256 = decision_content_sha256(dict(w))


def _distribution_out(s: Session, d: Distribution) -> Wire:
    return {"copy_kind": "full" if d.full_copy else "partial"}


def _distribution_in(s: Session, d: Distribution, w: Mapping[str, Any]) -> None:
    d.full_copy = w.get("copy_kind", "full") != "partial"


def _addendum_out(s: Session, a: Addendum) -> Wire:
    return {"target_entity": Entity.DECISION.value, "target_id": a.decision_id}


def _addendum_in(s: Session, a: Addendum, w: Mapping[str, Any]) -> None:
    a.decision_id = str(w.get("target_id"))


def _register_in(s: Session, e: RegisterEntry, w: Mapping[str, Any]) -> None:
    e.confirmed = True
    _council_in(s, e, w)
    coordinator = s.scalar(
        select(CoordinatorAssignment.social_worker).where(
            CoordinatorAssignment.child_id == e.child_id, CoordinatorAssignment.to_date.is_(None)
        )
    )
    e.coordinator = coordinator or ""


MAPS: tuple[RecordMap, ...] = (
    RecordMap(
        Entity.CHILD,
        Child,
        _same(
            "given_names",
            "family_name",
            "date_of_birth",
            "expected_delivery_date",
            "sex",
            "address",
            "nhs_number",
            "preferred_language",
            "communication_medium",
            "communication_needs",
            "disability",
            "unborn",
            "looked_after",
        ),  # fmt: skip
        out=_child_out,
        into=_child_in,
        extra_wire=frozenset({"aliases"}),
    ),
    RecordMap(
        Entity.FAMILY_MEMBER,
        FamilyLink,
        _same("child_id", "relationship_to_child", "has_parental_responsibility", "informed_on", "not_informed_reason"),
        out=_family_out,
        into=_family_in,
        extra_wire=frozenset({"person_id", "name", "address", "record_language"}),
    ),
    RecordMap(
        Entity.CONFERENCE,
        Conference,
        {
            **_same(
                "reference",
                "type",
                "subject_is_unborn",
                "status",
                "scheduled_for",
                "due_by",
                "held_on",
                "venue",
                "venue_mode",
                "language",
                "language_other",
                "welsh_active_offer_made",
                "minuting_mode",
                "chair_confirmed_no_involvement",
                "strategy_discussion_on",
                "previous_conference_id",
                "previous_conference_on",
                "transfer_notified_on",
                "transfer_agreed_permanent_on",
                "originating_council",
                "quorum_override_reason",
                "postponement_reason",
                "postponed_to",
                "record_drafted_at",
                "record_approved_at",
                "summary_sent_on",
                "record_sent_on",
                "next_review_on",
            ),  # fmt: skip
        },
        out=lambda s, c: {
            "chair_user_id": c.chair_user_id,
            "record_taker_user_id": c.minute_taker_user_id,
            "record_approved_by": c.record_approved_by,
        },
        into=_users_in("chair_user_id", "minute_taker_user_id", "record_approved_by"),
        extra_wire=frozenset({"chair_user_id", "record_taker_user_id", "record_approved_by"}),
    ),
    RecordMap(
        Entity.CONFERENCE_CHILD,
        ConferenceChild,
        _same("conference_id", "child_id", "position"),
        create_kind=OpKind.APPEND,
    ),
    RecordMap(
        Entity.ATTENDANCE,
        Attendance,
        {
            **_same(
                "conference_id",
                "name",
                "status",
                "exclusion_reason",
                "interpreter_present",
                "advocate_present",
                "supporter_present",
                "language",
                "position",
                "excluded_from_decision",
            ),  # fmt: skip
            "participant_kind": "kind",
            "agency_grouping": "agency",
            "role": "role_title",
        },
        out=lambda s, a: {"family_member_id": a.family_member_id},
        into=_attendance_in,
        extra_wire=frozenset({"family_member_id"}),
    ),
    RecordMap(
        Entity.AGENCY_REPORT,
        AgencyReport,
        _same("conference_id", "child_id", "agency", "author", "received_on", "shared_with_parents_on", "summary"),
        out=_report_out,
        into=_report_in,
        extra_wire=frozenset({"view_on_registration"}),
    ),
    RecordMap(
        Entity.CHILD_VOICE,
        ChildVoice,
        _same(
            "conference_id",
            "child_id",
            "participation_mode",
            "advocacy_offer",
            "advocacy_not_offered_reason",
            "wishes_and_feelings",
            "lived_experience",
            "language",
            "chair_met_child_before",
            "debrief_offered",
            "social_worker_follow_up",
            "not_recorded_reason",
        ),  # fmt: skip
    ),
    RecordMap(
        Entity.MINUTES_SECTION,
        MinutesSection,
        {**_same("conference_id", "child_id", "position", "text", "restricted"), "section_key": "key"},
    ),
    RecordMap(
        Entity.DECISION,
        Decision,
        {
            **_same(
                "conference_id",
                "child_id",
                "outcome",
                "categories",
                "evidence",
                "evidence_of_change",
                "plan_if_not_registered",
                "contingency_plan",
                "consensus",
                "chair_decided",
                "chair_decision_reason",
                "coordinator_name",
            ),  # fmt: skip
            "reasons": "rationale",
        },
        out=_decision_out,
        into=_decision_in,
        extra_wire=frozenset({"practitioner_views", "dissent"}),
    ),
    RecordMap(
        Entity.OUTLINE_PLAN,
        OutlinePlan,
        _same(
            "conference_id",
            "child_id",
            "risks",
            "keeping_safe",
            "outcomes",
            "support",
            "monitoring",
            "wishes_and_views",
            "contingency",
            "first_core_group_on",
        ),  # fmt: skip
    ),
    RecordMap(
        Entity.PLAN_ACTION,
        PlanAction,
        _same("conference_id", "child_id", "position", "description", "owner", "owner_agency", "due_on", "done_on"),
    ),
    RecordMap(
        Entity.CORE_GROUP_MEMBER,
        CoreGroupMember,
        {**_same("conference_id", "child_id", "name", "agency"), "role": "role_title"},
    ),
    RecordMap(
        Entity.COORDINATOR_ASSIGNMENT,
        CoordinatorAssignment,
        {
            **_same(
                "child_id",
                "coordinator_user_id",
                "registration_number",
                "from_date",
                "to_date",
                "handover_note",
                "told_in_person",
                "told_in_writing",
                "family_told",
                "agencies_told",
                "changed_by_user_id",
                "changed_by_name",
            ),  # fmt: skip
            "coordinator_name": "social_worker",
        },
    ),
    RecordMap(
        Entity.DISTRIBUTION,
        Distribution,
        _same("conference_id", "attendance_id", "recipient_name", "agency", "language", "sent_on", "acknowledged_on"),
        out=_distribution_out,
        into=_distribution_in,
        extra_wire=frozenset({"copy_kind"}),
    ),
    RecordMap(
        Entity.ADDENDUM,
        Addendum,
        _same("text"),
        out=_addendum_out,
        into=_addendum_in,
        create_kind=OpKind.ADDENDUM,
        extra_wire=frozenset({"target_entity", "target_id"}),
    ),
    RecordMap(
        Entity.DOCUMENT_ISSUED,
        DocumentIssued,
        _same("conference_id", "distribution_id", "kind", "language", "draft", "partial", "sha256", "produced_at"),
        create_kind=OpKind.APPEND,
    ),
    # Inbound only: the register is the service's; a device never sends a register entry.
    RecordMap(
        Entity.REGISTER_ENTRY,
        RegisterEntry,
        {
            **_same(
                "child_id",
                "registered_on",
                "categories",
                "conference_id",
                "decision_id",
                "temporary",
                "ended_on",
                "end_reason",
                "under_review",
                "register_version",
            ),  # fmt: skip
            "originating_la": "originating_council",
        },
        into=_register_in,
    ),
)

BY_ENTITY: dict[Entity, RecordMap] = {m.entity: m for m in MAPS}
BY_TABLE: dict[type[Base], RecordMap] = {m.table: m for m in MAPS}

#: Local tables that never travel, and why.
LOCAL_ONLY: dict[str, str] = {
    "council": "the council comes from the signed-in user (adopted at sign-in)",
    "app_user": "the directory of service users, cached for offline use",
    "practitioner": "a laptop's own list of practitioners; attendance carries name and agency",
    "family_member": "the person behind each family link; travels inside each link's family_member record",
    "practitioner_view": "folded into its decision's practitioner_views",
    "dissent": "folded into its decision's dissent",
    "minutes_version": "local history of saved texts; the service keeps every version itself",
    "section_withheld": "who may not see a section is the chair's choice for this laptop's copies",
    "draft": "autosaved text not yet saved to its record",
    "closure_day": "this profile's working-day calendar",
    "core_group_meeting": "not yet written by any service of the app",
    "visit": "not yet written by any service of the app",
    "correction_request": "not yet written by any service of the app",
    "outbox": "the sync queue itself",
    "entity_version": "versions received from the service",
    "sync_state": "sync bookkeeping",
    "sync_row": "the service's version of each synced record, as last seen",
    "sync_conflict": "conflicts the service reported, kept until a person resolves them",
    "sync_rejection": "ops the service refused, kept until their author acknowledges them",
    "sync_scope": "the scopes the feed added or removed, with their backfill cursors",
    "profile_meta": "facts about this profile",
    "audit_event": "this laptop's own audit trail",
    "alembic_version": "schema bookkeeping",
}


#: Client fields of the protocol that this build's tables do not hold (it never sends them; a pulled
#: value is kept in ``entity_version``), with the reason.
NOT_HELD: dict[Entity, dict[str, str]] = {
    Entity.CHILD: {"responsible_la": "the responsible council is the service's own council_id"},
    Entity.FAMILY_MEMBER: {
        "invited": "invitations are recorded per conference, on its attendance",
        "excluded": "exclusion is recorded per conference, on its attendance",
        "exclusion_reason": "exclusion is recorded per conference, on its attendance",
    },
    Entity.CONFERENCE: {"quorum_count": "quorum is counted from the attendance, never claimed"},
    Entity.ATTENDANCE: {
        "person_id": "a family attendee names its family_member_id; practitioners are each laptop's own list",
        "user_id": "practitioners at a conference are not service users",
    },
    Entity.MINUTES_SECTION: {"title": "a section's title follows from its key, in the reader's language"},
    Entity.PLAN_ACTION: {"status": "an action is done once done_on is set"},
    Entity.CORE_GROUP_MEMBER: {"user_id": "core group members are named people, not service users"},
    Entity.DISTRIBUTION: {
        "method": "how a copy went is not recorded by this build",
        "recipient_role": "the recipient's role follows from their attendance",
    },
    Entity.ADDENDUM: {"reason": "an addendum's text says why it was added"},
}


def map_for(obj: Any) -> RecordMap:
    """The map of ``obj``'s table. Raises KeyError for a local-only table."""
    return BY_TABLE[type(obj)]


@functools.cache
def _coded_fields(entity: Entity) -> frozenset[str]:
    """Fields of ``entity`` that take a code (an enum or a literal): an empty local text is no code.

    The protocol's pydantic models are imported here, not at start-up (they cost about 0.3 s);
    :func:`warm` loads them off the GUI thread once the window is shown.
    """
    from sync.protocol.records import RECORD_MODELS

    coded = set()
    for name, info in RECORD_MODELS[entity].model_fields.items():
        kinds = typing.get_args(info.annotation) or (info.annotation,)
        if any(
            typing.get_origin(k) is typing.Literal or (isinstance(k, type) and issubclass(k, enum.Enum)) for k in kinds
        ):
            coded.add(name)
    return frozenset(coded)


@functools.cache
def _columns(table: type[Base]) -> Mapping[str, Any]:
    """``table``'s columns by attribute key, built once rather than for every applied record."""
    return {c.key: c for c in inspect(table).columns}


def to_wire(session: Session, obj: Any) -> Wire:
    """``obj`` as the wire record of its entity: exactly the client-owned fields, JSON-ready.

    A code column left empty locally ("" where no language or mode was chosen) travels as null.
    """
    m = map_for(obj)
    out: Wire = {wire: wire_value(getattr(obj, local)) for wire, local in m.columns.items()}
    if m.out is not None:
        out.update({k: wire_value(v) for k, v in m.out(session, obj).items()})
    for name in _coded_fields(m.entity) & out.keys():
        if out[name] == "":
            out[name] = None
    return out


def changed_fields(before: Mapping[str, Any], after: Mapping[str, Any]) -> dict[str, Any]:
    """The wire fields whose values differ between two :func:`to_wire` results (new values)."""
    return {k: v for k, v in after.items() if before.get(k) != v}


def apply_wire(
    session: Session, entity: Entity, entity_id: str, payload: Mapping[str, Any], *, version: int | None = None
) -> Any:
    """Write a record received from the service into the local tables; returns the row.

    A voided record is kept and marked void (nothing synced is ever deleted). The local ``version``
    follows the service's, so the next local edit is based on the version the service holds.
    """
    m = BY_ENTITY[entity]
    row: Any = session.get(m.table, entity_id)
    new = row is None
    if not new:
        held = getattr(row, "version", None)
        # A version this row already has (or passed) changes nothing: pulled feeds repeat what was pushed.
        if held is None or (version is not None and held >= version):
            return row
    if new:
        row = m.table(id=entity_id)
    columns = _columns(m.table)
    coded = _coded_fields(entity)
    for wire, local in m.columns.items():
        if wire in payload:
            if payload[wire] is None and wire in coded and not columns[local].nullable:
                setattr(row, local, "")  # no code chosen, as to_wire sent it
                continue
            setattr(row, local, _local_value(columns[local], payload[wire]))
        elif new and not columns[local].nullable:
            setattr(row, local, _local_value(columns[local], None))
    # Not flushed half-made: the hand-made parts may query before the row is complete.
    with session.no_autoflush:
        if new:
            session.add(row)
        if m.into is not None:
            m.into(session, row, payload)
    if hasattr(row, "version") and version is not None:
        row.version = version
    if hasattr(row, "voided_at"):
        if payload.get("voided") and row.voided_at is None:
            row.voided_at = dt.datetime.now(dt.UTC)
            row.void_reason = str(payload.get("void_reason") or "")
    if isinstance(row, MinutesSection) and "text" in payload:
        session.flush()
        latest = session.scalar(
            select(MinutesVersion.version)
            .where(MinutesVersion.section_id == row.id)
            .order_by(MinutesVersion.version.desc())
            .limit(1)
        )
        if version is not None and (latest is None or latest < version):
            from desktop.store.ids import new_id

            session.add(MinutesVersion(id=new_id(), section_id=row.id, version=version, text=row.text))
    if new:
        # A new row gets its identity now, so a later change in the same page finds it by id.
        session.flush()
    return row


def wire_fields(entity: Entity) -> frozenset[str]:
    """The wire fields :func:`to_wire` produces for ``entity`` (a test compares them with the protocol)."""
    m = BY_ENTITY[entity]
    return frozenset(m.columns) | m.extra_wire


def outbound_entities() -> tuple[Entity, ...]:
    """Entities a device sends (all mapped ones but the server-owned register)."""
    from sync.protocol.records import SERVER_OWNED_ENTITIES

    return tuple(m.entity for m in MAPS if m.entity not in SERVER_OWNED_ENTITIES)


def warm() -> None:
    """Load what the first save needs (the protocol's models); run once, off the GUI thread."""
    for m in MAPS:
        _coded_fields(m.entity)


def finalise_payload(
    conf: Conference, *, content_sha256: str, register_version: int, chair_user_id: str | None
) -> Wire:
    """The ``finalise_decision`` payload (``FinaliseDecisionPayload``) of a decision made at ``conf``.

    ``content_sha256`` is the service's ``decision_content_sha256`` of the decision's wire record;
    ``register_version`` the child's register version the device saw (0 when it holds none).
    """
    return {
        "content_sha256": content_sha256,
        "conference_id": conf.id,
        "register_version": register_version,
        "chair_user_id": chair_user_id,
        "quorum_override_reason": conf.quorum_override_reason or None,
        "held_at": wire_value(conf.scheduled_for),
    }
