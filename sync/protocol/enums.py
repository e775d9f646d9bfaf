"""Enumerations shared by the desktop client, the local store and the register service.

The values are the stable codes written to the database and to the wire; never rename one (add a
new member and deprecate the old). Labels for people live in the UI's translation catalogue.
Codes follow ``../shared/docs/domain.md`` sections 4, 5 and 9.
"""

from __future__ import annotations

from enum import StrEnum


class ConferenceType(StrEnum):
    """Conference types (domain.md section 4); an unborn subject is a flag, not a type."""

    INITIAL = "initial"
    REVIEW = "review"
    TRANSFER_IN = "transfer_in"


class ConferenceStatus(StrEnum):
    """The conference life cycle; ``postponed`` and ``inquorate`` end a sitting without decisions."""

    SCHEDULED = "scheduled"
    IN_PROGRESS = "in_progress"
    RECORD_DRAFTED = "record_drafted"
    RECORD_APPROVED = "record_approved"
    DISTRIBUTED = "distributed"
    POSTPONED = "postponed"
    INQUORATE = "inquorate"


class VenueMode(StrEnum):
    IN_PERSON = "in_person"
    REMOTE = "remote"
    HYBRID = "hybrid"


class MinutingMode(StrEnum):
    SEPARATE_RECORD_TAKER = "separate_record_taker"
    CHAIR_MINUTES = "chair_minutes"


class Outcome(StrEnum):
    """Per-child decision outcomes: ICPC outcomes (5.2) and review / transfer-in outcomes (5.3)."""

    NOT_REGISTERED = "decision_1_not_registered"
    REGISTERED = "decision_2_registered"
    REMAIN_SAME_CATEGORY = "remain_same_category"
    REMAIN_CATEGORY_CHANGED = "remain_category_changed"
    DEREGISTER = "deregister"


INITIAL_OUTCOMES: frozenset[Outcome] = frozenset({Outcome.NOT_REGISTERED, Outcome.REGISTERED})
REVIEW_OUTCOMES: frozenset[Outcome] = frozenset(
    {Outcome.REMAIN_SAME_CATEGORY, Outcome.REMAIN_CATEGORY_CHANGED, Outcome.DEREGISTER}
)
#: Outcomes after which the child is on the register.
REGISTERED_OUTCOMES: frozenset[Outcome] = frozenset(
    {Outcome.REGISTERED, Outcome.REMAIN_SAME_CATEGORY, Outcome.REMAIN_CATEGORY_CHANGED}
)


class Category(StrEnum):
    """Registration categories (5.4). There is deliberately no 'grave concern'."""

    PHYSICAL = "physical"
    EMOTIONAL = "emotional"
    SEXUAL = "sexual"
    NEGLECT = "neglect"
    FINANCIAL = "financial"


class EndReason(StrEnum):
    """Why a registration ended (5.5)."""

    REVIEW_NO_CONTINUING_RISK = "review_no_continuing_risk"
    MOVED_PERMANENTLY = "moved_permanently"
    REACHED_18 = "reached_18"
    DIED = "died"
    LEFT_UK = "left_uk"


#: End reasons a register custodian may record without a conference of this council.
END_REASONS_WITHOUT_CONFERENCE: frozenset[EndReason] = frozenset(
    {EndReason.REACHED_18, EndReason.DIED, EndReason.LEFT_UK, EndReason.MOVED_PERMANENTLY}
)


class AttendanceStatus(StrEnum):
    """Attendance status (5.6)."""

    PRESENT_IN_PERSON = "present_in_person"
    PRESENT_REMOTE = "present_remote"
    APOLOGIES_WITH_REPORT = "apologies_with_report"
    APOLOGIES_NO_REPORT = "apologies_no_report"
    DID_NOT_ATTEND = "did_not_attend"
    EXCLUDED_PART = "excluded_part"
    EXCLUDED_WHOLE = "excluded_whole"


#: Statuses that count as present for quorum and for giving a view.
PRESENT_STATUSES: frozenset[AttendanceStatus] = frozenset(
    {AttendanceStatus.PRESENT_IN_PERSON, AttendanceStatus.PRESENT_REMOTE, AttendanceStatus.EXCLUDED_PART}
)


class AgencyGrouping(StrEnum):
    """Agency or professional grouping, counted for quorum (5.7)."""

    SOCIAL_SERVICES = "social_services"
    POLICE = "police"
    HEALTH = "health"
    EDUCATION = "education"
    PROBATION_YOUTH_JUSTICE = "probation_youth_justice"
    ADULT_SERVICES = "adult_services"
    HOUSING = "housing"
    VOLUNTARY = "voluntary"
    CAFCASS_CYMRU = "cafcass_cymru"
    LA_LEGAL = "la_legal"


class ParticipantKind(StrEnum):
    """Whether an attendee is a practitioner (gives a view, counts for quorum) or family/other."""

    PRACTITIONER = "practitioner"
    FAMILY = "family"
    CHILD = "child"
    ADVOCATE = "advocate"
    INTERPRETER = "interpreter"
    OTHER = "other"


class ParticipationMode(StrEnum):
    """How the child took part (5.8)."""

    ATTENDS_WHOLE = "attends_whole"
    ATTENDS_PART = "attends_part"
    ADVOCATE_ATTENDS = "advocate_attends"
    PREPARED_CONTRIBUTION = "prepared_contribution"
    VIA_SOCIAL_WORKER = "via_social_worker"
    NOT_ATTENDING_CHAIR_DECISION = "not_attending_chair_decision"


class AdvocacyOffer(StrEnum):
    """Independent Professional Advocate active offer (5.9)."""

    NOT_YET_OFFERED = "not_yet_offered"
    ACCEPTED = "accepted"
    DECLINED = "declined"


class Language(StrEnum):
    """Language of a conference, a child or a recipient (5.10)."""

    CY = "cy"
    EN = "en"
    OTHER = "other"


class PractitionerViewKind(StrEnum):
    """What a practitioner says about registration for one child."""

    REGISTER = "register"
    DO_NOT_REGISTER = "do_not_register"
    STAY_REGISTERED = "stay_registered"
    DEREGISTER = "deregister"


class DecisionState(StrEnum):
    """A decision's state: a draft until finalised; then pending until the register confirms it."""

    DRAFT = "draft"
    FINALISATION_PENDING = "finalisation_pending"
    FINALISED = "finalised"
    CONTESTED = "contested"


class Role(StrEnum):
    """User roles (domain.md section 9)."""

    CHAIR = "chair"
    MINUTE_TAKER = "minute_taker"
    COORDINATOR = "coordinator"
    REGISTER_CUSTODIAN = "register_custodian"
    ENQUIRER = "enquirer"
    ADMINISTRATOR = "administrator"


class OpStatus(StrEnum):
    """The four fixed result words of a pushed operation (sync-protocol.md section 4)."""

    APPLIED = "applied"
    DUPLICATE = "duplicate"
    CONFLICT = "conflict"
    REJECTED = "rejected"


class OutboxState(StrEnum):
    """Life of an outbox row on the device."""

    PENDING = "pending"
    SENDING = "sending"
    APPLIED = "applied"
    CONFLICT = "conflict"
    REJECTED = "rejected"


class OpKind(StrEnum):
    """What a synced operation does."""

    CREATE = "create"
    PATCH = "patch"
    APPEND = "append"
    VOID = "void"
    FINALISE_DECISION = "finalise_decision"
    ADDENDUM = "addendum"
    END_REGISTRATION = "end_registration"
    TEMPORARY_REGISTRATION = "temporary_registration"
    RESOLVE_CONFLICT = "resolve_conflict"


# ---- Added for the wire protocol and the register service (issue 3). Only ever add members.


class Entity(StrEnum):
    """Every record type that travels through sync (the ``entity`` of an op or a change)."""

    CHILD = "child"
    FAMILY_MEMBER = "family_member"
    CONFERENCE = "conference"
    CONFERENCE_CHILD = "conference_child"
    ATTENDANCE = "attendance"
    AGENCY_REPORT = "agency_report"
    CHILD_VOICE = "child_voice"
    MINUTES_SECTION = "minutes_section"
    DECISION = "decision"
    PLAN_ACTION = "plan_action"
    CORE_GROUP_MEMBER = "core_group_member"
    COORDINATOR_ASSIGNMENT = "coordinator_assignment"
    REGISTER_ENTRY = "register_entry"
    DISTRIBUTION = "distribution"
    ADDENDUM = "addendum"
    # Added with the one-system mapping (issue 8): the desktop's outline plan and the documents it issued.
    OUTLINE_PLAN = "outline_plan"
    DOCUMENT_ISSUED = "document_issued"


class RecordClass(StrEnum):
    """Conflict classes of sync-protocol.md section 2."""

    APPEND_ONLY = "A"
    SINGLE_AUTHOR_DRAFT = "B"
    SHARED_DESCRIPTIVE = "C"
    REGISTER_STATE = "D"


class ChangeKind(StrEnum):
    """What a change in the pull feed records."""

    CREATED = "created"
    UPDATED = "updated"
    VOIDED = "voided"
    FINALISED = "finalised"
    CONFLICT = "conflict"
    CONFLICT_RESOLVED = "conflict_resolved"
    SCOPE_ADDED = "scope_added"
    SCOPE_REMOVED = "scope_removed"
    #: A rejected op, addressed to its author only (entity ``rejection``, entity_id the op_id), so
    #: the author's other devices learn of it too, not only the device that pushed it.
    REJECTED = "rejected"


class ConflictKind(StrEnum):
    """Why a conflict record exists."""

    DRAFT_COPY = "draft_copy"  # class B: stale base_version, incoming text kept as a copy
    SOFT = "soft"  # class C: different fields changed concurrently; both applied
    HARD = "hard"  # class C: the same field set to two values; head unchanged
    CONCURRENT_SAME_OUTCOME = "concurrent_same_outcome"  # two decisions, same register outcome
    CONTESTED_DECISION = "contested_decision"  # two decisions, different outcomes


class ConflictState(StrEnum):
    OPEN = "open"
    RESOLVED = "resolved"


class RegisterStatus(StrEnum):
    """A register entry's state; ``under_review`` is a separate flag on a registered entry."""

    REGISTERED = "registered"
    ENDED = "ended"


class DeviceStatus(StrEnum):
    ACTIVE = "active"
    REVOKED = "revoked"


class ErrorCode(StrEnum):
    """Stable error codes: the ``error`` of an HTTP error body, or the ``code`` of a rejected op."""

    # whole-request errors
    BAD_REQUEST = "bad_request"
    INVALID_JSON = "invalid_json"
    TOO_DEEP = "too_deep"
    NUMBER_OUT_OF_RANGE = "number_out_of_range"
    BODY_TOO_LARGE = "body_too_large"
    UNSUPPORTED_ENCODING = "unsupported_encoding"
    UNSUPPORTED_CHARSET = "unsupported_charset"
    HEADERS_TOO_LARGE = "headers_too_large"
    URI_TOO_LONG = "uri_too_long"
    VALIDATION = "validation"
    UNAUTHENTICATED = "unauthenticated"
    INVALID_TOKEN = "invalid_token"
    TOKEN_EXPIRED = "token_expired"
    REFRESH_REUSED = "refresh_reused"
    DEVICE_REVOKED = "device_revoked"
    INVALID_CREDENTIALS = "invalid_credentials"
    TOO_MANY_ATTEMPTS = "too_many_attempts"
    RATE_LIMITED = "rate_limited"
    FORBIDDEN = "forbidden"
    NOT_FOUND = "not_found"
    METHOD_NOT_ALLOWED = "method_not_allowed"
    SEQ_GAP = "seq_gap"
    BAD_BATCH = "bad_batch"
    UPGRADE_REQUIRED = "upgrade_required"
    REASON_REQUIRED = "reason_required"
    INTERNAL = "internal"
    QUOTA_EXCEEDED = "quota_exceeded"
    # per-op rejection codes
    ID_REUSE = "id_reuse"
    SEQ_REUSED = "seq_reused"
    HASH_MISMATCH = "hash_mismatch"
    UNSUPPORTED_SCHEMA = "unsupported_schema"
    UNKNOWN_ENTITY = "unknown_entity"
    UNSUPPORTED_KIND = "unsupported_kind"
    AUTHOR_MISMATCH = "author_mismatch"
    RECORD_FINALISED = "record_finalised"
    RECORD_VOIDED = "record_voided"
    APPEND_ONLY = "append_only"
    SERVER_OWNED = "server_owned"
    ALREADY_EXISTS = "already_exists"
    NOT_DRAFT = "not_draft"
    CONTENT_MISMATCH = "content_mismatch"
    NOT_QUORATE = "not_quorate"
    NOT_CONFERENCE_CHAIR = "not_conference_chair"
    INVALID_TRANSITION = "invalid_transition"
    EVIDENCE_REQUIRED = "evidence_required"
    CONFERENCE_REQUIRED = "conference_required"
    ALREADY_REGISTERED = "already_registered"
    NOT_REGISTERED = "not_registered"
    CONFLICT_NOT_OPEN = "conflict_not_open"
    END_REASON_PRECONDITION = "end_reason_precondition"
