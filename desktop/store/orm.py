"""SQLAlchemy 2 mapped classes for every record Cofnod keeps on the laptop.

Entities follow ``../shared/docs/domain.md`` section 3. Identifiers are client-made UUIDs (text),
so that a record created offline keeps its id when it reaches the register service. Every synced
entity carries a ``version`` that rises by one on each local change; the outbox row written with
that change names the version it was based on.

Enumerated columns store the stable codes of :mod:`sync.protocol.enums` as text, so the database
never depends on Python enum names. Lists (categories) are stored as JSON text.

These classes never leave ``desktop.store`` and ``desktop.services``: the UI sees DTOs.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    UniqueConstraint,
    false,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship
from sqlalchemy.types import TypeDecorator

# Stable constraint names so Alembic batch migrations on SQLite can find them again.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def utcnow() -> dt.datetime:
    """The current time in UTC, timezone-aware."""
    return dt.datetime.now(dt.UTC)


class UTCDateTime(TypeDecorator[dt.datetime]):
    """Stores aware datetimes as naive UTC and gives them back aware, so comparisons never mix."""

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value: dt.datetime | None, dialect: Any) -> dt.datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to a UTC column")
        return value.astimezone(dt.UTC).replace(tzinfo=None)

    def process_result_value(self, value: dt.datetime | None, dialect: Any) -> dt.datetime | None:
        return None if value is None else value.replace(tzinfo=dt.UTC)


class JSONList(TypeDecorator[list[str]]):
    """A list of codes kept as compact JSON text, sorted so equal sets compare equal."""

    impl = Text
    cache_ok = True

    def process_bind_param(self, value: list[str] | None, dialect: Any) -> str | None:
        return None if value is None else json.dumps(sorted(value), separators=(",", ":"))

    def process_result_value(self, value: str | None, dialect: Any) -> list[str] | None:
        return None if value is None else list(json.loads(value))


class Base(DeclarativeBase):
    """Declarative base with the project's naming convention."""

    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map = {dt.datetime: UTCDateTime, dict[str, Any]: JSON}


class Synced:
    """Columns every synced entity has."""

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    version: Mapped[int] = mapped_column(Integer, default=1)
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(default=utcnow, onupdate=utcnow)
    #: Set when the record is withdrawn; nothing synced is ever hard-deleted.
    voided_at: Mapped[dt.datetime | None] = mapped_column(default=None)
    void_reason: Mapped[str | None] = mapped_column(Text, default=None)


# ---------------------------------------------------------------------------------------------
# People and places
# ---------------------------------------------------------------------------------------------


class Council(Synced, Base):
    """A local authority (LA)."""

    __tablename__ = "council"
    code: Mapped[str] = mapped_column(String(16), unique=True)
    name_en: Mapped[str] = mapped_column(Text)
    name_cy: Mapped[str] = mapped_column(Text)


class User(Synced, Base):
    """Someone who uses Cofnod (mirrors the register service's users)."""

    __tablename__ = "app_user"
    display_name: Mapped[str] = mapped_column(Text)
    #: Role codes (:class:`sync.protocol.enums.Role`) the user holds.
    roles: Mapped[list[str]] = mapped_column(JSONList, default=list)
    council_id: Mapped[str | None] = mapped_column(ForeignKey("council.id"), default=None)
    email: Mapped[str | None] = mapped_column(Text, default=None)


class Practitioner(Synced, Base):
    """A professional who may attend conferences or join a core group."""

    __tablename__ = "practitioner"
    name: Mapped[str] = mapped_column(Text)
    agency: Mapped[str] = mapped_column(String(32))  # AgencyGrouping
    role_title: Mapped[str] = mapped_column(Text, default="")
    organisation: Mapped[str] = mapped_column(Text, default="")
    email: Mapped[str | None] = mapped_column(Text, default=None)
    #: Social Care Wales registration number, for co-ordinators.
    registration_number: Mapped[str | None] = mapped_column(String(32), default=None)


class Child(Synced, Base):
    """A child (or unborn baby) who is, or may be, the subject of a conference."""

    __tablename__ = "child"
    __table_args__ = (
        # Revision 0003: the conference list's name filter checks a child from this index alone.
        Index("ix_child_list", "id", "voided_at", "search_name"),
    )
    given_names: Mapped[str] = mapped_column(Text)
    family_name: Mapped[str] = mapped_column(Text)
    #: Lower-cased, accent-folded "given family" for fast searching.
    search_name: Mapped[str] = mapped_column(Text, index=True, default="")
    aliases: Mapped[str] = mapped_column(Text, default="")
    date_of_birth: Mapped[dt.date | None] = mapped_column(Date, default=None)
    unborn: Mapped[bool] = mapped_column(Boolean, default=False)
    expected_delivery_date: Mapped[dt.date | None] = mapped_column(Date, default=None)
    sex: Mapped[str] = mapped_column(String(16), default="")
    address: Mapped[str] = mapped_column(Text, default="")
    council_id: Mapped[str] = mapped_column(ForeignKey("council.id"))
    nhs_number: Mapped[str | None] = mapped_column(String(10), default=None)
    preferred_language: Mapped[str] = mapped_column(String(8), default="en")  # Language
    communication_medium: Mapped[str] = mapped_column(Text, default="")
    communication_needs: Mapped[str] = mapped_column(Text, default="")
    disability: Mapped[str] = mapped_column(Text, default="")
    looked_after: Mapped[bool] = mapped_column(Boolean, default=False)

    family_links: Mapped[list[FamilyLink]] = relationship(back_populates="child", cascade="all, delete-orphan")


class FamilyMember(Synced, Base):
    """A parent, carer or other family member; may hold parental responsibility for several children."""

    __tablename__ = "family_member"
    name: Mapped[str] = mapped_column(Text)
    address: Mapped[str] = mapped_column(Text, default="")
    record_language: Mapped[str] = mapped_column(String(8), default="en")  # Language


class FamilyLink(Synced, Base):
    """How a family member is related to one child, and the parental-responsibility checklist."""

    __tablename__ = "family_link"
    __table_args__ = (UniqueConstraint("child_id", "family_member_id"),)
    child_id: Mapped[str] = mapped_column(ForeignKey("child.id"), index=True)
    family_member_id: Mapped[str] = mapped_column(ForeignKey("family_member.id"), index=True)
    relationship_to_child: Mapped[str] = mapped_column(Text)
    has_parental_responsibility: Mapped[bool] = mapped_column(Boolean, default=False)
    #: PR checklist (Logan Mwangi review): told about the involvement, or why not.
    informed_on: Mapped[dt.date | None] = mapped_column(Date, default=None)
    not_informed_reason: Mapped[str] = mapped_column(Text, default="")

    child: Mapped[Child] = relationship(back_populates="family_links")
    family_member: Mapped[FamilyMember] = relationship()


# ---------------------------------------------------------------------------------------------
# Conferences
# ---------------------------------------------------------------------------------------------


class Conference(Synced, Base):
    """One child protection conference (initial, review or transfer-in)."""

    __tablename__ = "conference"
    __table_args__ = (
        Index("ix_conference_scheduled_for", "scheduled_for"),
        Index("ix_conference_status_type", "status", "type"),
        Index("ix_conference_due_by", "due_by"),
        # Revision 0003, the conference list: walk conferences in date order without reading rows,
        # and look up matched conferences' dates by id, both from the index alone.
        Index("ix_conference_list_scheduled", "scheduled_for", "voided_at", "id"),
        Index("ix_conference_list_id", "id", "voided_at", "scheduled_for"),
    )
    #: Human reference printed on documents, e.g. "CAR-2026-0142"; never personal data.
    reference: Mapped[str] = mapped_column(String(32), unique=True)
    council_id: Mapped[str] = mapped_column(ForeignKey("council.id"))
    type: Mapped[str] = mapped_column(String(16))  # ConferenceType
    subject_is_unborn: Mapped[bool] = mapped_column(Boolean, default=False)
    status: Mapped[str] = mapped_column(String(20), default="scheduled")  # ConferenceStatus
    scheduled_for: Mapped[dt.datetime] = mapped_column()
    #: Statutory due date, computed from the anchor below by the timescale rules and stored for filtering.
    due_by: Mapped[dt.date | None] = mapped_column(Date, default=None)
    held_on: Mapped[dt.date | None] = mapped_column(Date, default=None)
    venue: Mapped[str] = mapped_column(Text, default="")
    venue_mode: Mapped[str] = mapped_column(String(16), default="in_person")  # VenueMode
    language: Mapped[str] = mapped_column(String(8), default="en")  # Language
    language_other: Mapped[str] = mapped_column(Text, default="")
    welsh_active_offer_made: Mapped[bool] = mapped_column(Boolean, default=False)
    chair_user_id: Mapped[str | None] = mapped_column(ForeignKey("app_user.id"), default=None)
    minute_taker_user_id: Mapped[str | None] = mapped_column(ForeignKey("app_user.id"), default=None)
    minuting_mode: Mapped[str] = mapped_column(String(32), default="separate_record_taker")  # MinutingMode
    chair_confirmed_no_involvement: Mapped[bool] = mapped_column(Boolean, default=False)
    #: Anchors for the statutory due date: the last strategy discussion (initial), the previous
    #: conference (review) or the notification of a move (transfer-in).
    strategy_discussion_on: Mapped[dt.date | None] = mapped_column(Date, default=None)
    previous_conference_id: Mapped[str | None] = mapped_column(ForeignKey("conference.id"), default=None)
    previous_conference_on: Mapped[dt.date | None] = mapped_column(Date, default=None)
    transfer_notified_on: Mapped[dt.date | None] = mapped_column(Date, default=None)
    transfer_agreed_permanent_on: Mapped[dt.date | None] = mapped_column(Date, default=None)
    originating_council: Mapped[str] = mapped_column(Text, default="")
    quorum_override_reason: Mapped[str] = mapped_column(Text, default="")
    postponement_reason: Mapped[str] = mapped_column(Text, default="")
    postponed_to: Mapped[dt.datetime | None] = mapped_column(default=None)
    record_drafted_at: Mapped[dt.datetime | None] = mapped_column(default=None)
    record_approved_at: Mapped[dt.datetime | None] = mapped_column(default=None)
    record_approved_by: Mapped[str | None] = mapped_column(ForeignKey("app_user.id"), default=None)
    summary_sent_on: Mapped[dt.date | None] = mapped_column(Date, default=None)
    record_sent_on: Mapped[dt.date | None] = mapped_column(Date, default=None)
    next_review_on: Mapped[dt.date | None] = mapped_column(Date, default=None)

    children: Mapped[list[ConferenceChild]] = relationship(
        back_populates="conference", cascade="all, delete-orphan", order_by="ConferenceChild.position"
    )
    attendance: Mapped[list[Attendance]] = relationship(
        back_populates="conference", cascade="all, delete-orphan", order_by="Attendance.position"
    )


class ConferenceChild(Synced, Base):
    """A child considered at a conference; each gets a separate decision."""

    __tablename__ = "conference_child"
    __table_args__ = (
        UniqueConstraint("conference_id", "child_id"),
        # Revision 0003, the conference list's name filter, from either side, from the index alone.
        Index("ix_conference_child_list", "conference_id", "voided_at", "child_id"),
        Index("ix_conference_child_by_child", "child_id", "conference_id", "voided_at"),
    )
    conference_id: Mapped[str] = mapped_column(ForeignKey("conference.id"), index=True)
    child_id: Mapped[str] = mapped_column(ForeignKey("child.id"), index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)

    conference: Mapped[Conference] = relationship(back_populates="children")
    child: Mapped[Child] = relationship()


class Attendance(Synced, Base):
    """Someone invited to a conference, and whether and how they took part."""

    __tablename__ = "attendance"
    conference_id: Mapped[str] = mapped_column(ForeignKey("conference.id"), index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    name: Mapped[str] = mapped_column(Text)
    kind: Mapped[str] = mapped_column(String(16))  # ParticipantKind
    agency: Mapped[str | None] = mapped_column(String(32), default=None)  # AgencyGrouping, practitioners
    role_title: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[str] = mapped_column(String(32), default="present_in_person")  # AttendanceStatus
    practitioner_id: Mapped[str | None] = mapped_column(ForeignKey("practitioner.id"), default=None)
    family_member_id: Mapped[str | None] = mapped_column(ForeignKey("family_member.id"), default=None)
    exclusion_reason: Mapped[str] = mapped_column(Text, default="")
    #: Revision 0005: an ``excluded_part`` exclusion that covered the decision stage; such a
    #: practitioner neither counts for quorum at the decision nor gives a view.
    excluded_from_decision: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    interpreter_present: Mapped[bool] = mapped_column(Boolean, default=False)
    advocate_present: Mapped[bool] = mapped_column(Boolean, default=False)
    supporter_present: Mapped[bool] = mapped_column(Boolean, default=False)
    language: Mapped[str] = mapped_column(String(8), default="en")  # for the copy of the record

    conference: Mapped[Conference] = relationship(back_populates="attendance")


class AgencyReport(Synced, Base):
    """A written report an agency sent to the conference."""

    __tablename__ = "agency_report"
    conference_id: Mapped[str] = mapped_column(ForeignKey("conference.id"), index=True)
    child_id: Mapped[str | None] = mapped_column(ForeignKey("child.id"), default=None)
    agency: Mapped[str] = mapped_column(String(32))
    author: Mapped[str] = mapped_column(Text)
    received_on: Mapped[dt.date | None] = mapped_column(Date, default=None)
    shared_with_parents_on: Mapped[dt.date | None] = mapped_column(Date, default=None)
    summary: Mapped[str] = mapped_column(Text, default="")
    view_on_registration: Mapped[str] = mapped_column(Text, default="")


class ChildVoice(Synced, Base):
    """How one child's wishes, feelings and lived experience reached the conference."""

    __tablename__ = "child_voice"
    __table_args__ = (UniqueConstraint("conference_id", "child_id"),)
    conference_id: Mapped[str] = mapped_column(ForeignKey("conference.id"), index=True)
    child_id: Mapped[str] = mapped_column(ForeignKey("child.id"))
    participation_mode: Mapped[str | None] = mapped_column(String(40), default=None)  # ParticipationMode
    advocacy_offer: Mapped[str] = mapped_column(String(20), default="not_yet_offered")  # AdvocacyOffer
    advocacy_not_offered_reason: Mapped[str] = mapped_column(Text, default="")
    wishes_and_feelings: Mapped[str] = mapped_column(Text, default="")
    lived_experience: Mapped[str] = mapped_column(Text, default="")
    language: Mapped[str] = mapped_column(String(8), default="en")
    chair_met_child_before: Mapped[bool] = mapped_column(Boolean, default=False)
    debrief_offered: Mapped[bool] = mapped_column(Boolean, default=False)
    social_worker_follow_up: Mapped[str] = mapped_column(Text, default="")
    #: Why the voice could not be recorded, when it could not; lets a decision be finalised.
    not_recorded_reason: Mapped[str] = mapped_column(Text, default="")


class MinutesSection(Synced, Base):
    """One section of the conference record; text is versioned in :class:`MinutesVersion`."""

    __tablename__ = "minutes_section"
    __table_args__ = (UniqueConstraint("conference_id", "key", "child_id"),)
    conference_id: Mapped[str] = mapped_column(ForeignKey("conference.id"), index=True)
    #: Section code (see desktop.services.minutes.SECTION_KEYS); child-specific sections name the child.
    key: Mapped[str] = mapped_column(String(40))
    child_id: Mapped[str | None] = mapped_column(ForeignKey("child.id"), default=None)
    position: Mapped[int] = mapped_column(Integer, default=0)
    text: Mapped[str] = mapped_column(Text, default="")
    #: True when the section must be left out of partial copies (discussed while someone was excluded).
    restricted: Mapped[bool] = mapped_column(Boolean, default=False)

    versions: Mapped[list[MinutesVersion]] = relationship(
        back_populates="section", cascade="all, delete-orphan", order_by="MinutesVersion.version"
    )


class MinutesVersion(Base):
    """An immutable saved version of a minutes section."""

    __tablename__ = "minutes_version"
    __table_args__ = (UniqueConstraint("section_id", "version"),)
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    section_id: Mapped[str] = mapped_column(ForeignKey("minutes_section.id"), index=True)
    version: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)
    saved_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    saved_by: Mapped[str | None] = mapped_column(String(36), default=None)

    section: Mapped[MinutesSection] = relationship(back_populates="versions")


class SectionWithheld(Base):
    """A restricted minutes section withheld from one attendee's copy."""

    __tablename__ = "section_withheld"
    section_id: Mapped[str] = mapped_column(ForeignKey("minutes_section.id"), primary_key=True)
    attendance_id: Mapped[str] = mapped_column(ForeignKey("attendance.id"), primary_key=True)


class Draft(Base):
    """Autosaved text not yet saved to its record; never written over the record itself."""

    __tablename__ = "draft"
    __table_args__ = (UniqueConstraint("entity", "entity_id", "field"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    entity: Mapped[str] = mapped_column(String(40))
    entity_id: Mapped[str] = mapped_column(String(36))
    field: Mapped[str] = mapped_column(String(40))
    text: Mapped[str] = mapped_column(Text)
    #: The record's version the draft started from, to tell which copy is newer on recovery.
    base_version: Mapped[int] = mapped_column(Integer, default=0)
    saved_at: Mapped[dt.datetime] = mapped_column(default=utcnow)


# ---------------------------------------------------------------------------------------------
# Decisions and plans
# ---------------------------------------------------------------------------------------------


class Decision(Synced, Base):
    """The decision about one child at one conference; read-only once finalised."""

    __tablename__ = "decision"
    __table_args__ = (Index("ix_decision_conference_child", "conference_id", "child_id"),)
    conference_id: Mapped[str] = mapped_column(ForeignKey("conference.id"))
    child_id: Mapped[str] = mapped_column(ForeignKey("child.id"), index=True)
    outcome: Mapped[str | None] = mapped_column(String(40), default=None)  # Outcome
    categories: Mapped[list[str]] = mapped_column(JSONList, default=list)
    rationale: Mapped[str] = mapped_column(Text, default="")
    evidence: Mapped[str] = mapped_column(Text, default="")
    evidence_of_change: Mapped[str] = mapped_column(Text, default="")
    plan_if_not_registered: Mapped[str] = mapped_column(Text, default="")
    contingency_plan: Mapped[str] = mapped_column(Text, default="")
    consensus: Mapped[bool | None] = mapped_column(Boolean, default=None)
    chair_decided: Mapped[bool] = mapped_column(Boolean, default=False)
    chair_decision_reason: Mapped[str] = mapped_column(Text, default="")
    coordinator_name: Mapped[str] = mapped_column(Text, default="")
    state: Mapped[str] = mapped_column(String(24), default="draft")  # DecisionState
    content_sha256: Mapped[str | None] = mapped_column(String(64), default=None)
    finalised_at: Mapped[dt.datetime | None] = mapped_column(default=None)
    finalised_by: Mapped[str | None] = mapped_column(String(36), default=None)
    #: Given by the register service when it confirms the finalisation.
    decision_number: Mapped[str | None] = mapped_column(String(32), default=None)
    confirmed_at: Mapped[dt.datetime | None] = mapped_column(default=None)

    views: Mapped[list[PractitionerView]] = relationship(
        back_populates="decision", cascade="all, delete-orphan", order_by="PractitionerView.position"
    )
    dissents: Mapped[list[Dissent]] = relationship(back_populates="decision", cascade="all, delete-orphan")


class PractitionerView(Synced, Base):
    """One practitioner's view on one child's registration; nobody present may abstain."""

    __tablename__ = "practitioner_view"
    __table_args__ = (UniqueConstraint("decision_id", "attendance_id"),)
    decision_id: Mapped[str] = mapped_column(ForeignKey("decision.id"), index=True)
    attendance_id: Mapped[str] = mapped_column(ForeignKey("attendance.id"))
    position: Mapped[int] = mapped_column(Integer, default=0)
    view: Mapped[str] = mapped_column(String(24))  # PractitionerViewKind
    categories: Mapped[list[str]] = mapped_column(JSONList, default=list)
    reasons: Mapped[str] = mapped_column(Text, default="")

    decision: Mapped[Decision] = relationship(back_populates="views")


class Dissent(Synced, Base):
    """A practitioner's recorded disagreement with a decision: who, which agency, why."""

    __tablename__ = "dissent"
    decision_id: Mapped[str] = mapped_column(ForeignKey("decision.id"), index=True)
    attendance_id: Mapped[str] = mapped_column(ForeignKey("attendance.id"))
    reason: Mapped[str] = mapped_column(Text)

    decision: Mapped[Decision] = relationship(back_populates="dissents")


class Addendum(Synced, Base):
    """A correction to a finalised decision; the original is never altered."""

    __tablename__ = "addendum"
    decision_id: Mapped[str] = mapped_column(ForeignKey("decision.id"), index=True)
    text: Mapped[str] = mapped_column(Text)
    author_user_id: Mapped[str | None] = mapped_column(String(36), default=None)


class OutlinePlan(Synced, Base):
    """The outline care and support protection plan (CASPP) for one child from one conference."""

    __tablename__ = "outline_plan"
    __table_args__ = (UniqueConstraint("conference_id", "child_id"),)
    conference_id: Mapped[str] = mapped_column(ForeignKey("conference.id"), index=True)
    child_id: Mapped[str] = mapped_column(ForeignKey("child.id"))
    risks: Mapped[str] = mapped_column(Text, default="")
    keeping_safe: Mapped[str] = mapped_column(Text, default="")
    outcomes: Mapped[str] = mapped_column(Text, default="")
    support: Mapped[str] = mapped_column(Text, default="")
    monitoring: Mapped[str] = mapped_column(Text, default="")
    wishes_and_views: Mapped[str] = mapped_column(Text, default="")
    contingency: Mapped[str] = mapped_column(Text, default="")
    first_core_group_on: Mapped[dt.date | None] = mapped_column(Date, default=None)


class PlanAction(Synced, Base):
    """An action in an outline plan, with its owner and timescale."""

    __tablename__ = "plan_action"
    conference_id: Mapped[str] = mapped_column(ForeignKey("conference.id"), index=True)
    child_id: Mapped[str | None] = mapped_column(ForeignKey("child.id"), default=None)
    position: Mapped[int] = mapped_column(Integer, default=0)
    description: Mapped[str] = mapped_column(Text)
    owner: Mapped[str] = mapped_column(Text, default="")
    owner_agency: Mapped[str | None] = mapped_column(String(32), default=None)
    due_on: Mapped[dt.date | None] = mapped_column(Date, default=None)
    done_on: Mapped[dt.date | None] = mapped_column(Date, default=None)


class CoreGroupMember(Synced, Base):
    """A member of a child's core group, named at the conference."""

    __tablename__ = "core_group_member"
    conference_id: Mapped[str] = mapped_column(ForeignKey("conference.id"), index=True)
    child_id: Mapped[str | None] = mapped_column(ForeignKey("child.id"), default=None)
    name: Mapped[str] = mapped_column(Text)
    agency: Mapped[str | None] = mapped_column(String(32), default=None)
    role_title: Mapped[str] = mapped_column(Text, default="")


class CoreGroupMeeting(Synced, Base):
    """A core group meeting held for a child."""

    __tablename__ = "core_group_meeting"
    child_id: Mapped[str] = mapped_column(ForeignKey("child.id"), index=True)
    held_on: Mapped[dt.date] = mapped_column(Date)
    notes: Mapped[str] = mapped_column(Text, default="")
    access_refused: Mapped[bool] = mapped_column(Boolean, default=False)


class CoordinatorAssignment(Synced, Base):
    """Who is the child's care and support protection plan co-ordinator, and since when."""

    __tablename__ = "coordinator_assignment"
    child_id: Mapped[str] = mapped_column(ForeignKey("child.id"), index=True)
    social_worker: Mapped[str] = mapped_column(Text)
    #: The co-ordinator as a service user, when chosen from the directory (revision 0004).
    coordinator_user_id: Mapped[str | None] = mapped_column(String(36), default=None)
    registration_number: Mapped[str] = mapped_column(String(32), default="")
    from_date: Mapped[dt.date] = mapped_column(Date)
    to_date: Mapped[dt.date | None] = mapped_column(Date, default=None)
    handover_note: Mapped[str] = mapped_column(Text, default="")
    told_in_person: Mapped[bool] = mapped_column(Boolean, default=False)
    told_in_writing: Mapped[bool] = mapped_column(Boolean, default=False)
    #: Revision 0005: the change's notification checklist (W14) and who made the change.
    family_told: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    agencies_told: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    changed_by_user_id: Mapped[str | None] = mapped_column(String(36), default=None)
    changed_by_name: Mapped[str] = mapped_column(Text, default="", server_default="")


class Visit(Synced, Base):
    """A co-ordinator's visit to the child."""

    __tablename__ = "visit"
    child_id: Mapped[str] = mapped_column(ForeignKey("child.id"), index=True)
    visited_on: Mapped[dt.date] = mapped_column(Date)
    seen_alone: Mapped[bool] = mapped_column(Boolean, default=False)
    seen_at_home: Mapped[bool] = mapped_column(Boolean, default=False)
    bedroom_seen: Mapped[bool] = mapped_column(Boolean, default=False)


class RegisterEntry(Synced, Base):
    """A registration episode on the Child Protection Register; ending adds a date and reason, never deletes."""

    __tablename__ = "register_entry"
    child_id: Mapped[str] = mapped_column(ForeignKey("child.id"), index=True)
    council_id: Mapped[str] = mapped_column(ForeignKey("council.id"))
    registered_on: Mapped[dt.date] = mapped_column(Date)
    categories: Mapped[list[str]] = mapped_column(JSONList, default=list)
    conference_id: Mapped[str | None] = mapped_column(ForeignKey("conference.id"), default=None)
    decision_id: Mapped[str | None] = mapped_column(ForeignKey("decision.id"), default=None)
    coordinator: Mapped[str] = mapped_column(Text, default="")
    temporary: Mapped[bool] = mapped_column(Boolean, default=False)
    originating_council: Mapped[str] = mapped_column(Text, default="")
    ended_on: Mapped[dt.date | None] = mapped_column(Date, default=None)
    end_reason: Mapped[str | None] = mapped_column(String(40), default=None)  # EndReason
    under_review: Mapped[bool] = mapped_column(Boolean, default=False)
    #: True once the register service has confirmed this entry (it owns register state).
    confirmed: Mapped[bool] = mapped_column(Boolean, default=False)
    #: The child's register version after this entry's last change, as stamped by the service (0004).
    register_version: Mapped[int | None] = mapped_column(Integer, default=None)


class Distribution(Synced, Base):
    """A recipient of the conference record or summary, with copy type, language and dates."""

    __tablename__ = "distribution"
    conference_id: Mapped[str] = mapped_column(ForeignKey("conference.id"), index=True)
    attendance_id: Mapped[str | None] = mapped_column(ForeignKey("attendance.id"), default=None)
    recipient_name: Mapped[str] = mapped_column(Text)
    agency: Mapped[str | None] = mapped_column(String(32), default=None)
    full_copy: Mapped[bool] = mapped_column(Boolean, default=True)
    language: Mapped[str] = mapped_column(String(8), default="en")
    sent_on: Mapped[dt.date | None] = mapped_column(Date, default=None)
    acknowledged_on: Mapped[dt.date | None] = mapped_column(Date, default=None)


class DocumentIssued(Base):
    """A document produced for a recipient, with the hash of the file (the distribution record)."""

    __tablename__ = "document_issued"
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    conference_id: Mapped[str] = mapped_column(ForeignKey("conference.id"), index=True)
    distribution_id: Mapped[str | None] = mapped_column(ForeignKey("distribution.id"), default=None)
    kind: Mapped[str] = mapped_column(String(16))  # record | summary | letter | notice
    language: Mapped[str] = mapped_column(String(8))
    draft: Mapped[bool] = mapped_column(Boolean)
    partial: Mapped[bool] = mapped_column(Boolean, default=False)
    sha256: Mapped[str] = mapped_column(String(64))
    produced_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    produced_by: Mapped[str | None] = mapped_column(String(36), default=None)


class CorrectionRequest(Synced, Base):
    """A participant's request to correct the record, within the correction window."""

    __tablename__ = "correction_request"
    conference_id: Mapped[str] = mapped_column(ForeignKey("conference.id"), index=True)
    requested_by: Mapped[str] = mapped_column(Text)
    record_received_on: Mapped[dt.date | None] = mapped_column(Date, default=None)
    received_on: Mapped[dt.date] = mapped_column(Date)
    text: Mapped[str] = mapped_column(Text)
    outcome: Mapped[str] = mapped_column(Text, default="")


class ClosureDay(Base):
    """A council closure day that is not a working day (besides bank holidays)."""

    __tablename__ = "closure_day"
    day: Mapped[dt.date] = mapped_column(Date, primary_key=True)
    description: Mapped[str] = mapped_column(Text, default="")


# ---------------------------------------------------------------------------------------------
# Sync bookkeeping and audit
# ---------------------------------------------------------------------------------------------


class OutboxOp(Base):
    """One operation waiting for (or already acknowledged by) the register service.

    Written in the same transaction as the change it describes. Rows are kept after the server
    acknowledges them: they are the device's own trail and what it re-sends after a server restore.
    """

    __tablename__ = "outbox"
    # AUTOINCREMENT so a device_seq is never reused, even after the newest row is gone.
    __table_args__ = (Index("ix_outbox_state", "state", "device_seq"), {"sqlite_autoincrement": True})
    device_seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    op_id: Mapped[str] = mapped_column(String(36), unique=True)
    kind: Mapped[str] = mapped_column(String(24))  # OpKind
    entity: Mapped[str] = mapped_column(String(40))
    entity_id: Mapped[str] = mapped_column(String(36), index=True)
    base_version: Mapped[int | None] = mapped_column(Integer, default=None)
    payload_json: Mapped[str] = mapped_column(Text)
    payload_sha256: Mapped[str] = mapped_column(String(64))
    schema_version: Mapped[int] = mapped_column(Integer)
    author_user_id: Mapped[str | None] = mapped_column(String(36), default=None)
    client_time: Mapped[dt.datetime] = mapped_column(default=utcnow)
    state: Mapped[str] = mapped_column(String(16), default="pending")  # OutboxState
    server_seq: Mapped[int | None] = mapped_column(Integer, default=None)
    result_json: Mapped[str | None] = mapped_column(Text, default=None)
    #: How many times the op was handed to a sender, and until when the last one holds it: an op
    #: under a live lease is frozen (sync-protocol.md §3); a crashed sender's lease runs out.
    attempts: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    lease_until: Mapped[dt.datetime | None] = mapped_column(default=None)


class SyncRow(Base):
    """What this device knows of one synced record on the service (revision 0006).

    ``server_version`` is the newest version the service has said it holds (from the feed or an
    op's result): the ``base_version`` of the next op. ``view_version`` is the service version the
    local record shows (None: the local view is this device's own, not yet answered).
    """

    __tablename__ = "sync_row"
    entity: Mapped[str] = mapped_column(String(40), primary_key=True)
    entity_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    server_version: Mapped[int] = mapped_column(Integer)
    server_seq: Mapped[int | None] = mapped_column(Integer, default=None)
    view_version: Mapped[int | None] = mapped_column(Integer, default=None)
    scope: Mapped[str | None] = mapped_column(String(80), default=None, index=True)


class SyncConflict(Base):
    """A conflict record from the service (op result or pull feed), with both versions, until resolved."""

    __tablename__ = "sync_conflict"
    id: Mapped[str] = mapped_column(String(64), primary_key=True)  # the service's conflict_id
    entity: Mapped[str] = mapped_column(String(40))
    entity_id: Mapped[str] = mapped_column(String(64), index=True)
    conflict_kind: Mapped[str] = mapped_column(String(32))  # ConflictKind
    state: Mapped[str] = mapped_column(String(16), default="open")  # ConflictState
    op_id: Mapped[str | None] = mapped_column(String(36), default=None)
    device_seq: Mapped[int | None] = mapped_column(Integer, default=None)  # set when the op is this device's
    author_user_id: Mapped[str | None] = mapped_column(String(36), default=None)
    base_version: Mapped[int | None] = mapped_column(Integer, default=None)
    server_version: Mapped[int | None] = mapped_column(Integer, default=None)
    #: What this device (or the conflicting author) sent, and the service's values it met.
    incoming_json: Mapped[str | None] = mapped_column(Text, default=None)
    server_json: Mapped[str | None] = mapped_column(Text, default=None)
    detail_json: Mapped[str] = mapped_column(Text, default="{}")
    created_at: Mapped[str | None] = mapped_column(String(40), default=None)  # the service's time
    received_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    server_seq: Mapped[int | None] = mapped_column(Integer, default=None)
    resolved_at: Mapped[dt.datetime | None] = mapped_column(default=None)
    resolved_by: Mapped[str | None] = mapped_column(String(36), default=None)
    resolution: Mapped[str | None] = mapped_column(Text, default=None)
    resolving_op_id: Mapped[str | None] = mapped_column(String(36), default=None)


class SyncRejection(Base):
    """An op the service refused (this device's answer, or the feed's note to its author), both versions."""

    __tablename__ = "sync_rejection"
    op_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    device_seq: Mapped[int | None] = mapped_column(Integer, default=None)
    kind: Mapped[str] = mapped_column(String(24))
    entity: Mapped[str] = mapped_column(String(40))
    entity_id: Mapped[str] = mapped_column(String(64), index=True)
    code: Mapped[str | None] = mapped_column(String(40), default=None)
    detail: Mapped[str | None] = mapped_column(Text, default=None)
    #: The payload this device sent, and the service's version of the record when it was refused.
    sent_json: Mapped[str | None] = mapped_column(Text, default=None)
    server_version: Mapped[int | None] = mapped_column(Integer, default=None)
    server_json: Mapped[str | None] = mapped_column(Text, default=None)
    received_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    server_seq: Mapped[int | None] = mapped_column(Integer, default=None)
    resolved_at: Mapped[dt.datetime | None] = mapped_column(default=None)
    resolved_by: Mapped[str | None] = mapped_column(String(36), default=None)
    resolution: Mapped[str | None] = mapped_column(Text, default=None)


class SyncScope(Base):
    """A scope this user was given (``child:<id>``, ``conference:<id>``), its backfill cursor and digest."""

    __tablename__ = "sync_scope"
    scope: Mapped[str] = mapped_column(String(80), primary_key=True)
    state: Mapped[str] = mapped_column(String(16), default="backfill")  # backfill | active | removed
    cursor: Mapped[int] = mapped_column(Integer, default=0)
    digest: Mapped[str | None] = mapped_column(String(128), default=None)
    changed_seq: Mapped[int] = mapped_column(Integer, default=0)  # server_seq of the event that set state
    updated_at: Mapped[dt.datetime] = mapped_column(default=utcnow)


class EntityVersion(Base):
    """Every version of a record that came from the register service; rows never change."""

    __tablename__ = "entity_version"
    __table_args__ = (UniqueConstraint("entity", "entity_id", "version"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    entity: Mapped[str] = mapped_column(String(40))
    entity_id: Mapped[str] = mapped_column(String(36), index=True)
    version: Mapped[int] = mapped_column(Integer)
    server_seq: Mapped[int] = mapped_column(Integer)
    schema_version: Mapped[int] = mapped_column(Integer)
    raw_json: Mapped[str] = mapped_column(Text)
    received_at: Mapped[dt.datetime] = mapped_column(default=utcnow)


class SyncState(Base):
    """Key/value sync bookkeeping: server id, pull cursor, last acknowledged device sequence, scopes."""

    __tablename__ = "sync_state"
    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class ProfileMeta(Base):
    """Key/value facts about this profile: who its user is, their seat, the unlock verifier, device id."""

    __tablename__ = "profile_meta"
    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class AuditEvent(Base):
    """Who did what to which record and when, with the values before and after."""

    __tablename__ = "audit_event"
    __table_args__ = (Index("ix_audit_entity", "entity", "entity_id"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    actor_user_id: Mapped[str | None] = mapped_column(String(36), default=None)
    device_id: Mapped[str | None] = mapped_column(String(36), default=None)
    action: Mapped[str] = mapped_column(String(40))
    entity: Mapped[str] = mapped_column(String(40))
    entity_id: Mapped[str] = mapped_column(String(36))
    before_json: Mapped[str | None] = mapped_column(Text, default=None)
    after_json: Mapped[str | None] = mapped_column(Text, default=None)
