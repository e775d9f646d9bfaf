"""The document model: immutable data a conference document is drawn from.

The service layer (:mod:`desktop.services.documents`) builds these frozen dataclasses from the store,
already cut down for one recipient (withheld sections removed, ``partial`` set), and the renderers in
:mod:`desktop.documents.render` turn them into PDF bytes. Nothing here touches the database or Qt, so
a document can be rendered on any thread and tested without a store.

Enumerated fields hold the stable codes of :mod:`sync.protocol.enums` as text; the renderers look up
their labels in the recipient's language.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum


class DocumentKind(StrEnum):
    """The four conference documents."""

    RECORD = "record"
    SUMMARY = "summary"
    LETTER = "letter"
    NOTICE = "notice"


class RegisterChangeKind(StrEnum):
    """What a register change notice reports for one child."""

    REGISTERED = "registered"
    CATEGORIES_CHANGED = "categories_changed"
    REMOVED = "removed"


@dataclass(frozen=True, slots=True)
class DocumentMeta:
    """What every page shows: the reference, version, draft state and language."""

    reference: str
    kind: DocumentKind
    language: str
    version: int
    draft: bool
    partial: bool = False


@dataclass(frozen=True, slots=True)
class ChildInfo:
    """A child considered at the conference."""

    id: str
    name: str
    date_of_birth: dt.date | None = None
    unborn: bool = False
    expected_delivery_date: dt.date | None = None


@dataclass(frozen=True, slots=True)
class AttendeeInfo:
    """One invitee and how they took part (AttendanceStatus code in ``status``)."""

    id: str
    name: str
    kind: str
    status: str
    role_title: str = ""
    agency: str | None = None
    exclusion_reason: str = ""
    #: With ``excluded_part``: the part covered the decision (no quorum, no view).
    excluded_from_decision: bool = False
    interpreter_present: bool = False
    advocate_present: bool = False
    supporter_present: bool = False


@dataclass(frozen=True, slots=True)
class ReportInfo:
    """A written report sent to the conference."""

    agency: str
    author: str
    received_on: dt.date | None = None
    shared_with_parents_on: dt.date | None = None
    child_name: str | None = None
    summary: str = ""


@dataclass(frozen=True, slots=True)
class VoiceInfo:
    """How one child's wishes and feelings reached the conference."""

    child_name: str
    participation_mode: str | None = None
    advocacy_offer: str = "not_yet_offered"
    advocacy_not_offered_reason: str = ""
    wishes_and_feelings: str = ""
    lived_experience: str = ""
    chair_met_child_before: bool = False
    debrief_offered: bool = False
    social_worker_follow_up: str = ""
    not_recorded_reason: str = ""


@dataclass(frozen=True, slots=True)
class MinutesBlock:
    """One section of the discussion, or the place where a withheld section was."""

    key: str
    text: str
    child_name: str | None = None
    withheld: bool = False
    #: The store's section id, so a recipient's copy can leave out the sections withheld from them.
    section_id: str = ""


@dataclass(frozen=True, slots=True)
class ViewInfo:
    """One practitioner's view on a child's registration (PractitionerViewKind code in ``view``)."""

    name: str
    agency: str | None
    view: str
    categories: tuple[str, ...] = ()
    reasons: str = ""


@dataclass(frozen=True, slots=True)
class DissentInfo:
    """A recorded disagreement: who, from which agency, and why."""

    name: str
    agency: str | None
    reason: str


@dataclass(frozen=True, slots=True)
class DecisionInfo:
    """The decision about one child (Outcome code in ``outcome``; None while undecided)."""

    child_id: str
    child_name: str
    outcome: str | None
    categories: tuple[str, ...] = ()
    rationale: str = ""
    evidence: str = ""
    evidence_of_change: str = ""
    plan_if_not_registered: str = ""
    contingency_plan: str = ""
    consensus: bool | None = None
    chair_decided: bool = False
    chair_decision_reason: str = ""
    coordinator_name: str = ""
    views: tuple[ViewInfo, ...] = ()
    dissents: tuple[DissentInfo, ...] = ()
    addenda: tuple[str, ...] = ()
    #: Withheld from this copy: nothing of the decision is kept but the child (see :meth:`withheld_from_copy`).
    withheld: bool = False

    def withheld_from_copy(self) -> DecisionInfo:
        """What a partial copy keeps of a withheld decision: which child, and that a decision was made."""
        return DecisionInfo(child_id=self.child_id, child_name=self.child_name, outcome=None, withheld=True)


@dataclass(frozen=True, slots=True)
class ActionInfo:
    """An action in the outline plan, with its owner and timescale."""

    description: str
    owner: str = ""
    owner_agency: str | None = None
    due_on: dt.date | None = None
    child_name: str | None = None


@dataclass(frozen=True, slots=True)
class PlanInfo:
    """The outline care and support protection plan for one child."""

    child_id: str
    child_name: str
    risks: str = ""
    keeping_safe: str = ""
    outcomes: str = ""
    support: str = ""
    monitoring: str = ""
    wishes_and_views: str = ""
    contingency: str = ""
    first_core_group_on: dt.date | None = None
    actions: tuple[ActionInfo, ...] = ()
    core_group: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class DistributionInfo:
    """A recipient on the distribution list."""

    recipient_name: str
    agency: str | None
    full_copy: bool
    language: str
    sent_on: dt.date | None = None


@dataclass(frozen=True, slots=True)
class RecipientInfo:
    """Who this copy is for; ``child_ids`` limits a family letter to that person's children."""

    name: str
    language: str
    address: str = ""
    agency: str | None = None
    is_family: bool = False
    child_ids: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class RegisterChange:
    """A change to the Child Protection Register that followed from the conference."""

    child_name: str
    date_of_birth: dt.date | None
    change: RegisterChangeKind
    effective_on: dt.date | None
    categories: tuple[str, ...] = ()
    previous_categories: tuple[str, ...] = ()
    end_reason: str | None = None
    reason: str = ""
    coordinator: str = ""


@dataclass(frozen=True, slots=True)
class ConferenceDocumentData:
    """Everything the four documents are drawn from, already cut down for one recipient."""

    meta: DocumentMeta
    council_name: str
    conference_type: str
    held_on: dt.date | None
    venue: str = ""
    venue_mode: str = "in_person"
    conference_language: str = "en"
    chair_name: str = ""
    minute_taker_name: str = ""
    minuting_mode: str = "separate_record_taker"
    quorum_override_reason: str = ""
    children: tuple[ChildInfo, ...] = ()
    attendance: tuple[AttendeeInfo, ...] = ()
    reports: tuple[ReportInfo, ...] = ()
    voices: tuple[VoiceInfo, ...] = ()
    minutes: tuple[MinutesBlock, ...] = ()
    decisions: tuple[DecisionInfo, ...] = ()
    plans: tuple[PlanInfo, ...] = ()
    general_actions: tuple[ActionInfo, ...] = ()
    next_review_on: dt.date | None = None
    distribution: tuple[DistributionInfo, ...] = ()
    register_changes: tuple[RegisterChange, ...] = ()
    recipient: RecipientInfo | None = None
    approved_on: dt.date | None = None
    issued_on: dt.date | None = None
    withheld_sections: int = field(default=0)
