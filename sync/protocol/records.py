"""pydantic models of every record type that is synced, and the payloads of the special ops.

Each model validates the fields it knows and keeps every other field (``extra="allow"``), so a
client reading records from a newer server keeps the fields it does not know (sync-protocol.md §9).
The register service is stricter with what it is sent: an op's ``schema_version`` newer than the
service's is refused (``unsupported_schema``), so at a version it accepts it knows every field, and
it refuses any other (:func:`unknown_fields`, ``validation``): an unknown field can then only be
junk, and a 1 MB one would otherwise be stored and sent to every device. Field lengths are
bounded here, the same for both sides: identifiers 128, short text 500, free text 20,000
characters; only the long texts of a conference (minutes sections, agency reports) take 200,000.
Most fields
are optional because patches carry only what changed; the service validates the *merged* record
(head plus patch) against the model, so the links a record needs (``child_id``,
``conference_id``) are enforced once the record exists.
"""

from __future__ import annotations

import logging
from datetime import date, datetime
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from sync.protocol.canonical import DECISION_SERVER_FIELDS
from sync.protocol.enums import (
    AdvocacyOffer,
    AgencyGrouping,
    AttendanceStatus,
    Category,
    ConferenceStatus,
    ConferenceType,
    DecisionState,
    EndReason,
    Entity,
    Language,
    MinutingMode,
    Outcome,
    ParticipantKind,
    ParticipationMode,
    PractitionerViewKind,
    RecordClass,
    RegisterStatus,
    VenueMode,
)

logger = logging.getLogger(__name__)

#: Free text: reasons, notes, a child's wishes and feelings.
Text = Annotated[str, StringConstraints(max_length=20_000)]
#: The long texts of a conference: a minutes section, an agency's report.
LongText = Annotated[str, StringConstraints(max_length=200_000)]
#: Identifiers: UUIDs in practice, but any short printable token is accepted.
Ident = Annotated[str, StringConstraints(min_length=1, max_length=128, pattern=r"^[A-Za-z0-9_.:\-]+$")]
Short = Annotated[str, StringConstraints(max_length=500)]


class Record(BaseModel):
    """Base of all synced record payloads: unknown fields are kept, never dropped."""

    model_config = ConfigDict(extra="allow", populate_by_name=True)


def unknown_fields(record: BaseModel, prefix: str = "") -> list[str]:
    """Dotted paths of every field ``record`` (and the records nested in it) does not declare."""
    found = [prefix + str(key) for key in record.__pydantic_extra__ or {}]
    for name in type(record).model_fields:
        value = getattr(record, name)
        items = value if isinstance(value, list) else [value]
        for i, item in enumerate(items):
            if isinstance(item, BaseModel):
                where = f"{prefix}{name}.{i}." if isinstance(value, list) else f"{prefix}{name}."
                found += unknown_fields(item, where)
    return found


class Child(Record):
    given_names: Short | None = None
    family_name: Short | None = None
    aliases: list[Short] = Field(default_factory=list, max_length=50)
    date_of_birth: date | None = None
    expected_delivery_date: date | None = None
    sex: Short | None = None
    address: Text | None = None
    nhs_number: Short | None = None
    responsible_la: Short | None = None
    preferred_language: Language | None = None
    communication_medium: Short | None = None
    communication_needs: Text | None = None
    disability: Text | None = None
    unborn: bool | None = None
    looked_after: bool | None = None
    council_id: Ident | None = None  # set by the server from the author's council


class FamilyMember(Record):
    """A family member as related to one child: the person's details and the link's checklist.

    One record per (person, child): the desktop keeps the person once (``person_id``) and a link per
    child; the wire carries the link's id with the person's details copied in.
    """

    child_id: Ident
    person_id: Ident | None = None
    address: Text | None = None
    informed_on: date | None = None
    not_informed_reason: Text | None = None
    name: Short | None = None
    relationship_to_child: Short | None = None
    has_parental_responsibility: bool | None = None
    invited: bool | None = None
    excluded: Literal["none", "part", "whole"] | None = None
    exclusion_reason: Text | None = None
    record_language: Language | None = None


class Conference(Record):
    type: ConferenceType
    subject_is_unborn: bool | None = None
    scheduled_for: datetime | None = None
    due_by: date | None = None
    held_on: date | None = None
    venue_mode: VenueMode | None = None
    language: Language | None = None
    chair_user_id: Ident | None = None
    record_taker_user_id: Ident | None = None
    minuting_mode: MinutingMode | None = None
    quorum_count: int | None = Field(default=None, ge=0, le=1000)
    quorum_override_reason: Text | None = None
    status: ConferenceStatus | None = None
    postponement_reason: Text | None = None
    reference: Short | None = None
    venue: Text | None = None
    language_other: Short | None = None
    welsh_active_offer_made: bool | None = None
    chair_confirmed_no_involvement: bool | None = None
    strategy_discussion_on: date | None = None
    previous_conference_id: Ident | None = None
    previous_conference_on: date | None = None
    transfer_notified_on: date | None = None
    transfer_agreed_permanent_on: date | None = None
    originating_council: Short | None = None
    postponed_to: datetime | None = None
    record_drafted_at: datetime | None = None
    record_approved_at: datetime | None = None
    record_approved_by: Ident | None = None
    summary_sent_on: date | None = None
    record_sent_on: date | None = None
    next_review_on: date | None = None
    council_id: Ident | None = None  # set by the server


class ConferenceChild(Record):
    conference_id: Ident
    child_id: Ident
    position: int | None = Field(default=None, ge=0, le=10_000)


class Attendance(Record):
    conference_id: Ident
    person_id: Ident | None = None
    user_id: Ident | None = None
    name: Short | None = None
    role: Short | None = None
    participant_kind: ParticipantKind | None = None
    agency_grouping: AgencyGrouping | None = None
    status: AttendanceStatus
    #: An ``excluded_part`` exclusion that covered the decision stage (issue 10).
    excluded_from_decision: bool | None = None
    interpreter_present: bool | None = None
    advocate_present: bool | None = None
    supporter_present: bool | None = None
    #: The family member (the person; see FamilyMember.person_id) this row is, for family attendees.
    family_member_id: Ident | None = None
    exclusion_reason: Text | None = None
    language: Language | None = None
    position: int | None = Field(default=None, ge=0, le=10_000)


class AgencyReport(Record):
    conference_id: Ident
    child_id: Ident | None = None
    agency: AgencyGrouping | None = None
    author: Short | None = None
    received_on: date | None = None
    shared_with_parents_on: date | None = None
    summary: LongText | None = None
    view_on_registration: PractitionerViewKind | None = None


class ChildVoice(Record):
    conference_id: Ident
    child_id: Ident
    participation_mode: ParticipationMode | None = None
    advocacy_offer: AdvocacyOffer | None = None
    advocacy_not_offered_reason: Text | None = None
    wishes_and_feelings: Text | None = None
    lived_experience: Text | None = None
    chair_met_child_before: bool | None = None
    debrief_offered: bool | None = None
    social_worker_follow_up: Text | None = None
    language: Language | None = None
    not_recorded_reason: Text | None = None


class MinutesSection(Record):
    """Class B draft text of the conference record, one section per row, versioned."""

    conference_id: Ident
    section_key: Short | None = None
    title: Short | None = None
    text: LongText | None = None
    position: int | None = Field(default=None, ge=0, le=10_000)
    child_id: Ident | None = None
    restricted: bool | None = None


class PractitionerView(Record):
    """One practitioner's view, folded into its decision (so the finalised content hash covers it)."""

    id: Ident | None = None
    attendance_id: Ident | None = None
    position: int | None = Field(default=None, ge=0, le=10_000)
    practitioner: Short | None = None
    agency: AgencyGrouping | None = None
    view: PractitionerViewKind
    categories: list[Category] = Field(default_factory=list, max_length=10)
    reasons: Text | None = None


class Dissent(Record):
    """A practitioner's dissent, folded into its decision like the views."""

    id: Ident | None = None
    attendance_id: Ident | None = None
    practitioner: Short | None = None
    agency: AgencyGrouping | None = None
    reason: Text | None = None


class Decision(Record):
    """A per-child decision: a class B draft until finalised, then immutable (addenda only)."""

    conference_id: Ident
    child_id: Ident
    outcome: Outcome | None = None
    categories: list[Category] = Field(default_factory=list, max_length=10)
    reasons: Text | None = None
    evidence: Text | None = None
    practitioner_views: list[PractitionerView] = Field(default_factory=list, max_length=100)
    consensus: bool | None = None
    chair_decided: bool | None = None
    dissent: list[Dissent] = Field(default_factory=list, max_length=100)
    plan_if_not_registered: Text | None = None
    evidence_of_change: Text | None = None
    contingency_plan: Text | None = None
    chair_decision_reason: Text | None = None
    coordinator_name: Short | None = None
    # set by the server only
    state: DecisionState | None = None
    decision_number: Short | None = None
    finalised_at: datetime | None = None
    finalised_by: Ident | None = None


class PlanAction(Record):
    """An action of a conference's outline plan; ``child_id`` empty means every child considered."""

    conference_id: Ident
    child_id: Ident | None = None
    description: Text | None = None
    owner: Short | None = None
    owner_agency: AgencyGrouping | None = None
    due_on: date | None = None
    done_on: date | None = None
    status: Short | None = None
    position: int | None = Field(default=None, ge=0, le=10_000)


class CoreGroupMember(Record):
    """A core group member named at a conference; ``child_id`` empty means every child considered."""

    conference_id: Ident
    child_id: Ident | None = None
    name: Short | None = None
    agency: AgencyGrouping | None = None
    role: Short | None = None
    user_id: Ident | None = None


class OutlinePlan(Record):
    """The outline care and support protection plan for one child from one conference (W4, W5)."""

    conference_id: Ident
    child_id: Ident
    risks: Text | None = None
    keeping_safe: Text | None = None
    outcomes: Text | None = None
    support: Text | None = None
    monitoring: Text | None = None
    wishes_and_views: Text | None = None
    contingency: Text | None = None
    first_core_group_on: date | None = None


class DocumentIssued(Record):
    """A document produced from a conference record, with the SHA-256 of the file (append-only)."""

    conference_id: Ident
    distribution_id: Ident | None = None
    kind: Literal["record", "summary", "letter", "notice"]
    language: Language | None = None
    draft: bool | None = None
    partial: bool | None = None
    sha256: Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{64}$")]
    produced_at: datetime | None = None


class CoordinatorAssignment(Record):
    """A named co-ordinator for a child; an open assignment (no ``to_date``) grants case scope."""

    child_id: Ident
    coordinator_user_id: Ident | None = None
    coordinator_name: Short | None = None
    from_date: date | None = None
    to_date: date | None = None
    registration_number: Short | None = None
    handover_note: Text | None = None
    told_in_person: bool | None = None
    told_in_writing: bool | None = None
    family_told: bool | None = None
    agencies_told: bool | None = None
    #: Who named this co-ordinator (the chair or administrator), as they appear on the record.
    changed_by_user_id: Ident | None = None
    changed_by_name: Short | None = None


class RegisterEntry(Record):
    """Server-owned (class D): changed only by validated transitions, never by a client patch."""

    child_id: Ident
    council_id: Ident | None = None
    status: RegisterStatus
    registered_on: date | None = None
    categories: list[Category] = Field(default_factory=list)
    conference_id: Ident | None = None
    decision_id: Ident | None = None
    coordinator_user_id: Ident | None = None
    temporary: bool = False
    originating_la: Short | None = None
    ended_on: date | None = None
    end_reason: EndReason | None = None
    under_review: bool = False
    contested_decision_ids: list[Ident] = Field(default_factory=list)
    #: The child's register version after this change: what a device names when it finalises next.
    register_version: int | None = Field(default=None, ge=0, le=2**31)


class Distribution(Record):
    conference_id: Ident
    recipient_name: Short | None = None
    recipient_role: Short | None = None
    copy_kind: Literal["full", "partial"] | None = None
    language: Language | None = None
    sent_on: date | None = None
    method: Short | None = None
    attendance_id: Ident | None = None
    agency: AgencyGrouping | None = None
    acknowledged_on: date | None = None


class Addendum(Record):
    """An append-only note linked to a record (usually a finalised decision), never changing it."""

    target_entity: Entity
    target_id: Ident
    text: Text
    reason: Text | None = None


# ---- Payloads of the special op kinds


class VoidPayload(Record):
    reason: Annotated[str, StringConstraints(min_length=1, max_length=10_000)]


class FinaliseDecisionPayload(Record):
    """``finalise_decision``: the op's ``base_version`` is the draft version the chair saw."""

    content_sha256: Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{64}$")]
    conference_id: Ident
    #: The child's register version the device saw (0 when the child has never been registered);
    #: how the server detects two chairs deciding from the same state (sync-protocol.md §8).
    register_version: int = Field(ge=0, le=2**31)
    chair_user_id: Ident | None = None
    quorum_agency_count: int | None = Field(default=None, ge=0, le=1000)
    quorum_override_reason: Text | None = None
    held_at: datetime | None = None


class EndRegistrationPayload(Record):
    """``end_registration`` by a custodian, for an end reason that needs no conference."""

    end_reason: EndReason
    ended_on: date | None = None
    note: Text | None = None
    #: ``moved_permanently``: the receiving council's transfer-in conference; the entry closes only
    #: once the service holds a finalised decision of it (domain.md §5.5).
    receiving_conference_id: Ident | None = None


class TemporaryRegistrationPayload(Record):
    """``temporary_registration``: a child registered by another council, staying here a while."""

    child_id: Ident
    originating_la: Annotated[str, StringConstraints(min_length=1, max_length=500)]
    categories: list[Category] = Field(min_length=1, max_length=10)
    coordinator_user_id: Ident | None = None
    expected_until: date | None = None


class ResolveConflictPayload(Record):
    """``resolve_conflict``: settles one open conflict; the op's entity is the conflicted record.

    ``resolution``: ``keep_server`` (head stays), ``take_incoming`` (apply the stored incoming
    values), ``merge`` (apply ``values``). For a contested register entry: ``registered`` (with
    ``categories``) or ``not_registered``.
    """

    conflict_id: Ident
    resolution: Literal["keep_server", "take_incoming", "merge", "registered", "not_registered"]
    values: dict[str, Any] | None = None
    categories: list[Category] | None = Field(default=None, max_length=10)
    reason: Text | None = None


RECORD_MODELS: dict[Entity, type[Record]] = {
    Entity.CHILD: Child,
    Entity.FAMILY_MEMBER: FamilyMember,
    Entity.CONFERENCE: Conference,
    Entity.CONFERENCE_CHILD: ConferenceChild,
    Entity.ATTENDANCE: Attendance,
    Entity.AGENCY_REPORT: AgencyReport,
    Entity.CHILD_VOICE: ChildVoice,
    Entity.MINUTES_SECTION: MinutesSection,
    Entity.DECISION: Decision,
    Entity.PLAN_ACTION: PlanAction,
    Entity.CORE_GROUP_MEMBER: CoreGroupMember,
    Entity.COORDINATOR_ASSIGNMENT: CoordinatorAssignment,
    Entity.REGISTER_ENTRY: RegisterEntry,
    Entity.DISTRIBUTION: Distribution,
    Entity.ADDENDUM: Addendum,
    Entity.OUTLINE_PLAN: OutlinePlan,
    Entity.DOCUMENT_ISSUED: DocumentIssued,
}

RECORD_CLASSES: dict[Entity, RecordClass] = {
    Entity.CHILD: RecordClass.SHARED_DESCRIPTIVE,
    Entity.FAMILY_MEMBER: RecordClass.SHARED_DESCRIPTIVE,
    Entity.CONFERENCE: RecordClass.SHARED_DESCRIPTIVE,
    Entity.CONFERENCE_CHILD: RecordClass.APPEND_ONLY,
    # Attendance and distribution change while the conference runs (status, sent and acknowledged
    # dates), so they are shared descriptive data patched field by field, not append-only facts.
    Entity.ATTENDANCE: RecordClass.SHARED_DESCRIPTIVE,
    Entity.AGENCY_REPORT: RecordClass.SHARED_DESCRIPTIVE,
    Entity.CHILD_VOICE: RecordClass.SHARED_DESCRIPTIVE,
    Entity.MINUTES_SECTION: RecordClass.SINGLE_AUTHOR_DRAFT,
    Entity.DECISION: RecordClass.SINGLE_AUTHOR_DRAFT,
    Entity.PLAN_ACTION: RecordClass.SHARED_DESCRIPTIVE,
    Entity.CORE_GROUP_MEMBER: RecordClass.SHARED_DESCRIPTIVE,
    Entity.COORDINATOR_ASSIGNMENT: RecordClass.SHARED_DESCRIPTIVE,
    Entity.REGISTER_ENTRY: RecordClass.REGISTER_STATE,
    Entity.DISTRIBUTION: RecordClass.SHARED_DESCRIPTIVE,
    Entity.ADDENDUM: RecordClass.APPEND_ONLY,
    Entity.OUTLINE_PLAN: RecordClass.SHARED_DESCRIPTIVE,
    Entity.DOCUMENT_ISSUED: RecordClass.APPEND_ONLY,
}

#: Fields of each record that only the server may set; a client patch touching one is rejected.
SERVER_FIELDS: dict[Entity, frozenset[str]] = {
    Entity.CHILD: frozenset({"council_id", "voided", "void_reason", "voided_by"}),
    Entity.CONFERENCE: frozenset({"council_id", "voided", "void_reason", "voided_by"}),
    Entity.DECISION: DECISION_SERVER_FIELDS,
}
DEFAULT_SERVER_FIELDS: frozenset[str] = frozenset({"voided", "void_reason", "voided_by"})

#: Which parent a record hangs off, and so which scope it belongs to.
CHILD_LINKED: frozenset[Entity] = frozenset(
    {
        Entity.FAMILY_MEMBER,
        Entity.CHILD_VOICE,
        Entity.DECISION,
        Entity.COORDINATOR_ASSIGNMENT,
        Entity.REGISTER_ENTRY,
    }
)
CONFERENCE_LINKED: frozenset[Entity] = frozenset(
    {
        Entity.CONFERENCE_CHILD,
        Entity.ATTENDANCE,
        Entity.AGENCY_REPORT,
        Entity.MINUTES_SECTION,
        Entity.DISTRIBUTION,
        Entity.PLAN_ACTION,
        Entity.CORE_GROUP_MEMBER,
        Entity.OUTLINE_PLAN,
        Entity.DOCUMENT_ISSUED,
    }
)


#: Record types a client may create with ``append``: the append-only ones, and those that were
#: append-only in protocol 1's first release (older clients keep sending ``append`` for them).
APPEND_ACCEPTED: frozenset[Entity] = frozenset(
    {e for e, c in RECORD_CLASSES.items() if c is RecordClass.APPEND_ONLY} | {Entity.ATTENDANCE, Entity.DISTRIBUTION}
)


def server_fields(entity: Entity) -> frozenset[str]:
    """Fields of ``entity`` that only the server sets; a client op naming one is rejected."""
    return SERVER_FIELDS.get(entity, DEFAULT_SERVER_FIELDS)


#: Record types that only the server writes; clients receive them and never send them.
SERVER_OWNED_ENTITIES: frozenset[Entity] = frozenset({Entity.REGISTER_ENTRY})


def client_fields(entity: Entity) -> frozenset[str]:
    """The fields a client may send for ``entity``: the record's model fields less the server's.

    The desktop adapter maps its rows to exactly these fields (``desktop.store.wire``), and a test
    checks that it never sends anything else.
    """
    if entity in SERVER_OWNED_ENTITIES:
        return frozenset()
    return frozenset(RECORD_MODELS[entity].model_fields) - server_fields(entity)
