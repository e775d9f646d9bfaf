"""Per-child decisions: practitioners' views, dissent, consensus, the chair's call, finalisation.

Every rule comes from ``desktop.domain.decisions.assess_decision``: this module only gathers the
facts (attendance, quorum, voice, outline plan, current registration) into a ``DecisionDraft``.
Finalising hashes the decision's content (``content_sha256`` over the canonical JSON the chair
was shown), moves it to ``finalisation_pending`` and locks it; the register service confirms it
later through sync. A finalised decision never changes: corrections are addenda.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from desktop.domain.decisions import DecisionDraft, assess_decision, is_first_review, outcomes_for
from desktop.domain.decisions import Dissent as DomainDissent
from desktop.domain.decisions import PractitionerView as DomainView
from desktop.domain.permissions import Action
from desktop.domain.quorum import Attendee, assess_quorum, present_practitioner_ids
from desktop.domain.text import nfc, nfc_values
from desktop.services.attendance import attendee
from desktop.services.base import (
    PermissionInfo,
    ServiceContext,
    bump,
    problem_info,
    record_patch,
    reject_unknown_fields,
)
from desktop.services.conferences import child_display_name
from desktop.services.drafts import DISSENT, clear_drafts, link_id
from desktop.services.errors import NotFoundError, ProblemInfo, RecordLockedError, ServiceError, ValidationFailedError
from desktop.services.voice import find_voice, voice_record
from desktop.store.ids import new_id
from desktop.store.orm import (
    Addendum,
    Attendance,
    Child,
    Conference,
    Decision,
    Dissent,
    PlanAction,
    PractitionerView,
    RegisterEntry,
    utcnow,
)
from desktop.store.outbox import record_change, record_create, record_update, wire_before
from desktop.store.wire import finalise_payload, to_wire
from sync.protocol.canonical import decision_content_sha256
from sync.protocol.enums import (
    AgencyGrouping,
    Category,
    ConferenceStatus,
    ConferenceType,
    DecisionState,
    Entity,
    OpKind,
    Outcome,
    PractitionerViewKind,
)
from sync.protocol.register_rules import NOT_ON_REGISTER, Position, RegisterPosition

logger = logging.getLogger(__name__)

EDITABLE = frozenset(
    {
        "outcome",
        "categories",
        "rationale",
        "evidence",
        "evidence_of_change",
        "plan_if_not_registered",
        "contingency_plan",
        "chair_decided",
        "chair_decision_reason",
        "coordinator_name",
    }
)


@dataclass(frozen=True, slots=True)
class ViewRow:
    """One present practitioner's view on one child (``view`` None until given)."""

    attendance_id: str
    name: str
    agency: str | None
    view: str | None
    categories: tuple[str, ...]
    reasons: str
    dissent: str


@dataclass(frozen=True, slots=True)
class DecisionView:
    """A child's decision as the Decisions tab shows it."""

    id: str
    conference_id: str
    child_id: str
    child_name: str
    conference_type: str
    allowed_outcomes: tuple[str, ...]
    outcome: str | None
    categories: tuple[str, ...]
    current_categories: tuple[str, ...]
    rationale: str
    evidence: str
    evidence_of_change: str
    plan_if_not_registered: str
    contingency_plan: str
    consensus: bool
    chair_decided: bool
    chair_decision_reason: str
    coordinator_name: str
    state: str
    content_sha256: str | None
    finalised_at: dt.datetime | None
    version: int
    views: tuple[ViewRow, ...]
    problems: tuple[ProblemInfo, ...]
    can_record: PermissionInfo
    can_finalise: PermissionInfo

    @property
    def locked(self) -> bool:
        """True once finalised: read-only from then on."""
        return self.state != DecisionState.DRAFT.value

    @property
    def awaiting_register(self) -> bool:
        """Finalised here, waiting for the register service to confirm."""
        return self.state == DecisionState.FINALISATION_PENDING.value

    @property
    def blocking(self) -> tuple[ProblemInfo, ...]:
        """The errors that stop finalisation."""
        return tuple(p for p in self.problems if p.is_error)


@dataclass(frozen=True, slots=True)
class FinalisePreview:
    """Exactly what finalising will lock, and its hash (passed back to :meth:`finalise`)."""

    decision: DecisionView
    content: Mapping[str, Any]
    content_sha256: str


#: Statuses that end a sitting without decisions (``ConferenceStatus``): nothing is decided at them.
_NO_DECISIONS = frozenset({ConferenceStatus.POSTPONED.value, ConferenceStatus.INQUORATE.value})

_OUTCOME_CODES = frozenset(o.value for o in Outcome)
_CATEGORY_CODES = frozenset(c.value for c in Category)


def _check_codes(field: str, values: Sequence[str | None], allowed: frozenset[str]) -> None:
    """Refuse a code the enums do not know before it is stored (e.g. the never-offered "grave concern").

    A stored unknown code would make every later read of the decision fail.
    """
    bad = sorted(str(v) for v in values if v is not None and v not in allowed)
    if bad:
        raise ServiceError("invalid_code", field=field, values=",".join(bad))


def _lines(text: str) -> tuple[str, ...]:
    return tuple(line.strip() for line in text.splitlines() if line.strip())


class DecisionService:
    """Records and finalises per-child decisions."""

    def __init__(self, ctx: ServiceContext) -> None:
        self._ctx = ctx

    # ---- reading -------------------------------------------------------------------------------

    def get(self, conference_id: str, child_id: str) -> DecisionView:
        """The child's decision at this conference (an empty draft when none is saved yet)."""
        with self._ctx.sessions() as s:
            return self._view(s, conference_id, child_id)

    def _decision(self, s: Session, conference_id: str, child_id: str) -> Decision | None:
        return s.scalar(
            select(Decision).where(
                Decision.conference_id == conference_id, Decision.child_id == child_id, Decision.voided_at.is_(None)
            )
        )

    def _attendance(self, s: Session, conference_id: str) -> list[Attendance]:
        return list(
            s.scalars(
                select(Attendance)
                .where(Attendance.conference_id == conference_id, Attendance.voided_at.is_(None))
                .order_by(Attendance.position, Attendance.created_at)
            )
        )

    def _current_categories(self, s: Session, child_id: str) -> frozenset[Category]:
        entry = self._active_entry(s, child_id)
        return frozenset(Category(c) for c in entry.categories) if entry else frozenset()

    @staticmethod
    def _active_entry(s: Session, child_id: str) -> RegisterEntry | None:
        return s.scalar(
            select(RegisterEntry)
            .where(RegisterEntry.child_id == child_id, RegisterEntry.ended_on.is_(None))
            .order_by(RegisterEntry.registered_on.desc())
        )

    def _register_position(self, s: Session, child_id: str) -> RegisterPosition:
        """The child's register position as the register's rules read it (temporary or this council's)."""
        entry = self._active_entry(s, child_id)
        if entry is None:
            return NOT_ON_REGISTER
        kind = Position.TEMPORARY if entry.temporary else Position.PERMANENT
        return RegisterPosition(kind, frozenset(entry.categories), entry.originating_council, entry.registered_on)

    def _view(self, s: Session, conference_id: str, child_id: str) -> DecisionView:
        conf = s.get(Conference, conference_id)
        child = s.get(Child, child_id)
        if conf is None or child is None:
            raise NotFoundError(entity="decision")
        d = self._decision(s, conference_id, child_id)
        attendance = self._attendance(s, conference_id)
        views = {v.attendance_id: v for v in d.views} if d else {}
        dissents = {x.attendance_id: x.reason for x in d.dissents} if d else {}
        draft = self._draft(s, conf, child_id, d, attendance)
        quorum = assess_quorum(
            self._attendees(attendance), chair_reason=conf.quorum_override_reason, config=self._ctx.config
        )
        assessment = assess_decision(draft, present_practitioner_ids(self._attendees(attendance)), quorum=quorum)
        rows = tuple(
            ViewRow(
                a.id, a.name, a.agency,
                views[a.id].view if a.id in views else None,
                tuple(views[a.id].categories) if a.id in views else (),
                views[a.id].reasons if a.id in views else "",
                dissents.get(a.id, ""),
            )  # fmt: skip
            for a in attendance
            if attendee(a).is_present_practitioner
        )  # fmt: skip
        return DecisionView(
            id=d.id if d else "",
            conference_id=conference_id,
            child_id=child_id,
            child_name=child_display_name(child),
            conference_type=conf.type,
            allowed_outcomes=tuple(o.value for o in Outcome if o in outcomes_for(ConferenceType(conf.type))),
            outcome=d.outcome if d else None,
            categories=tuple(d.categories) if d else (),
            current_categories=tuple(sorted(draft.current_categories)),
            rationale=d.rationale if d else "",
            evidence=d.evidence if d else "",
            evidence_of_change=d.evidence_of_change if d else "",
            plan_if_not_registered=d.plan_if_not_registered if d else "",
            contingency_plan=d.contingency_plan if d else "",
            consensus=assessment.consensus,
            chair_decided=d.chair_decided if d else False,
            chair_decision_reason=d.chair_decision_reason if d else "",
            coordinator_name=d.coordinator_name if d else "",
            state=d.state if d else DecisionState.DRAFT.value,
            content_sha256=d.content_sha256 if d else None,
            finalised_at=d.finalised_at if d else None,
            version=d.version if d else 0,
            views=rows,
            problems=problem_info(assessment.problems),
            can_record=self._ctx.permission(Action.RECORD_DECISION, chair_user_id=conf.chair_user_id),
            can_finalise=self._ctx.permission(Action.FINALISE_DECISION, chair_user_id=conf.chair_user_id),
        )

    @staticmethod
    def _attendees(attendance: Sequence[Attendance]) -> list[Attendee]:
        return [attendee(a) for a in attendance]

    def _draft(
        self, s: Session, conf: Conference, child_id: str, d: Decision | None, attendance: Sequence[Attendance]
    ) -> DecisionDraft:
        agencies = {a.id: a.agency for a in attendance}
        actions = int(
            s.scalar(
                select(func.count()).where(
                    PlanAction.conference_id == conf.id,
                    PlanAction.voided_at.is_(None),
                    (PlanAction.child_id == child_id) | PlanAction.child_id.is_(None),
                )
            )
            or 0
        )
        prev = s.get(Conference, conf.previous_conference_id) if conf.previous_conference_id else None
        first_review = is_first_review(ConferenceType(conf.type), ConferenceType(prev.type) if prev else None)
        voice = voice_record(find_voice(s, conf.id, child_id), child_id)
        if d is None:
            return DecisionDraft(
                child_id=child_id,
                conference_type=ConferenceType(conf.type),
                current_categories=self._current_categories(s, child_id),
                outline_plan_actions=actions,
                is_first_review=first_review,
                voice=voice,
                register=self._register_position(s, child_id),
            )
        return DecisionDraft(
            child_id=child_id,
            conference_type=ConferenceType(conf.type),
            outcome=Outcome(d.outcome) if d.outcome else None,
            categories=frozenset(Category(c) for c in d.categories),
            current_categories=self._current_categories(s, child_id),
            views=tuple(
                DomainView(
                    practitioner_id=v.attendance_id,
                    agency=AgencyGrouping(agencies.get(v.attendance_id) or AgencyGrouping.SOCIAL_SERVICES.value),
                    view=PractitionerViewKind(v.view),
                    categories=frozenset(Category(c) for c in v.categories),
                    reasons=v.reasons,
                )
                for v in d.views
                if v.attendance_id in agencies
            ),
            rationale=d.rationale,
            evidence=_lines(d.evidence),
            chair_decided=d.chair_decided,
            chair_reason=d.chair_decision_reason,
            dissents=tuple(
                DomainDissent(
                    practitioner_id=x.attendance_id,
                    agency=AgencyGrouping(agencies.get(x.attendance_id) or AgencyGrouping.SOCIAL_SERVICES.value),
                    reason=x.reason,
                )
                for x in d.dissents
            ),
            plan_if_not_registered=d.plan_if_not_registered,
            outline_plan_actions=actions,
            coordinator_id=d.coordinator_name.strip() or None,
            evidence_of_change=d.evidence_of_change,
            contingency_plan=d.contingency_plan,
            is_first_review=first_review,
            voice=voice,
            register=self._register_position(s, child_id),
        )

    # ---- recording -----------------------------------------------------------------------------

    def _deciding_conference(self, s: Session, conference_id: str, action: Action) -> Conference:
        """The conference, once ``action`` is allowed (chair's seat) and it can still have decisions."""
        conf = s.get(Conference, conference_id)
        if conf is None:
            raise NotFoundError(entity="conference")
        self._ctx.require(action, chair_user_id=conf.chair_user_id)
        if conf.status in _NO_DECISIONS:
            raise ServiceError("conference_ended_without_decisions", status=conf.status)
        return conf

    def _editable(self, s: Session, conference_id: str, child_id: str) -> tuple[Conference, Decision]:
        conf = self._deciding_conference(s, conference_id, Action.RECORD_DECISION)
        d = self._decision(s, conference_id, child_id)
        if d is None:
            d = Decision(id=new_id(), conference_id=conference_id, child_id=child_id, version=1,
                         state=DecisionState.DRAFT.value)  # fmt: skip
            s.add(d)
            s.flush()
            record_create(s, self._ctx.actor(), d)
        elif d.state != DecisionState.DRAFT.value:
            raise RecordLockedError("decision_not_mutable", state=d.state)
        return conf, d

    def _patched(self, s: Session, d: Decision, before: dict[str, Any], fields: Sequence[str]) -> None:
        record_patch(s, self._ctx.actor(), d, before)

    def save(self, conference_id: str, child_id: str, changes: Mapping[str, Any]) -> DecisionView:
        """Change the decision's outcome, categories, rationale, evidence or the chair's call."""
        reject_unknown_fields(changes, EDITABLE)
        changes = nfc_values(changes)
        if "outcome" in changes:
            _check_codes("outcome", [changes["outcome"]], _OUTCOME_CODES)
        if "categories" in changes:
            _check_codes("categories", list(changes["categories"]), _CATEGORY_CODES)
        with self._ctx.sessions.begin() as s:
            conf, d = self._editable(s, conference_id, child_id)
            if changes.get("chair_decided"):
                self._ctx.require(Action.DECIDE_WITHOUT_CONSENSUS, chair_user_id=conf.chair_user_id)
            before = wire_before(s, d)
            real = {}
            for k, v in changes.items():
                value = sorted(v) if k == "categories" else v
                if getattr(d, k) != value:
                    real[k] = value
                    setattr(d, k, value)
            if real:
                self._patched(s, d, before, list(real))
            link = link_id(s, conference_id, child_id)
            if link is not None:
                clear_drafts(s, Entity.DECISION.value, link, changes)
            s.flush()
            return self._view(s, conference_id, child_id)

    def set_view(
        self,
        conference_id: str,
        child_id: str,
        attendance_id: str,
        view: PractitionerViewKind,
        *,
        categories: Sequence[str] = (),
        reasons: str = "",
    ) -> DecisionView:
        """Record one present practitioner's view (nobody may abstain)."""
        _check_codes("categories", list(categories), _CATEGORY_CODES)
        reasons = nfc(reasons)
        with self._ctx.sessions.begin() as s:
            _conf, d = self._editable(s, conference_id, child_id)
            before = wire_before(s, d)
            pv = next((v for v in d.views if v.attendance_id == attendance_id), None)
            if pv is None:
                pv = PractitionerView(
                    id=new_id(), decision_id=d.id, attendance_id=attendance_id, position=len(d.views),
                    view=view.value, categories=sorted(categories), reasons=reasons, version=1,
                )  # fmt: skip
                d.views.append(pv)
            else:
                pv.view = view.value
                pv.categories = sorted(categories)
                pv.reasons = reasons
                pv.version += 1
            record_update(s, self._ctx.actor(), d, before, action="practitioner_view")
            s.expire(d)
            return self._view(s, conference_id, child_id)

    def set_dissent(self, conference_id: str, child_id: str, attendance_id: str, reason: str) -> DecisionView:
        """Record (or clear, with an empty reason) a practitioner's dissent: who, agency, why."""
        reason = nfc(reason)
        with self._ctx.sessions.begin() as s:
            _conf, d = self._editable(s, conference_id, child_id)
            before = wire_before(s, d)
            x = next((x for x in d.dissents if x.attendance_id == attendance_id), None)
            if x is None and reason.strip():
                x = Dissent(id=new_id(), decision_id=d.id, attendance_id=attendance_id, reason=reason.strip(),
                            version=1)  # fmt: skip
                d.dissents.append(x)
            elif x is not None and not reason.strip():
                d.dissents.remove(x)
            elif x is not None:
                x.reason = reason.strip()
                x.version += 1
            record_update(s, self._ctx.actor(), d, before, action="dissent")
            link = link_id(s, conference_id, child_id)
            if link is not None:
                clear_drafts(s, DISSENT, link, [attendance_id])
            s.expire(d)
            return self._view(s, conference_id, child_id)

    def add_addendum(self, conference_id: str, child_id: str, text: str) -> str:
        """Add a correction to a finalised decision as an addendum; the decision itself never changes.

        Raises:
            ServiceError: ``text_required``; ``decision_not_finalised`` for a draft (edit it instead).
        """
        self._ctx.require(Action.ADD_ADDENDUM)
        text = nfc(text).strip()
        if not text:
            raise ServiceError("text_required")
        with self._ctx.sessions.begin() as s:
            d = self._decision(s, conference_id, child_id)
            if d is None:
                raise NotFoundError(entity="decision")
            if d.state == DecisionState.DRAFT.value:
                raise ServiceError("decision_not_finalised")
            a = Addendum(id=new_id(), decision_id=d.id, text=text, author_user_id=self._ctx.user.user_id, version=1)
            s.add(a)
            s.flush()
            record_create(s, self._ctx.actor(), a)
            return a.id

    # ---- finalising ----------------------------------------------------------------------------

    @staticmethod
    def _content(s: Session, d: Decision, view: DecisionView) -> dict[str, Any]:
        """The decision's wire record as it will be finalised (with the consensus the rules found).

        Its hash is the service's ``decision_content_sha256`` of the draft it holds, so the chair
        finalises exactly the wording (views and dissent included) that the register has.
        """
        return {**to_wire(s, d), "consensus": view.consensus}

    def finalise_preview(self, conference_id: str, child_id: str) -> FinalisePreview:
        """What finalising would lock; raises when the rules or the seat forbid it."""
        view = self.get(conference_id, child_id)
        if not view.can_finalise.allowed:
            from desktop.services.errors import PermissionDeniedError

            raise PermissionDeniedError(view.can_finalise.code)
        if view.locked:
            raise RecordLockedError("decision_not_mutable", state=view.state)
        if view.blocking:
            raise ValidationFailedError(view.blocking, "decision_incomplete")
        with self._ctx.sessions() as s:
            d = self._decision(s, conference_id, child_id)
            assert d is not None
            content = self._content(s, d, view)
        return FinalisePreview(view, content, decision_content_sha256(content))

    def finalise(self, conference_id: str, child_id: str, content_sha256: str) -> DecisionView:
        """Lock the decision exactly as previewed: state ``finalisation_pending`` with its hash."""
        with self._ctx.sessions.begin() as s:
            self._deciding_conference(s, conference_id, Action.FINALISE_DECISION)
            view = self._view(s, conference_id, child_id)
            if view.locked:
                raise RecordLockedError("decision_not_mutable", state=view.state)
            if view.blocking:
                raise ValidationFailedError(view.blocking, "decision_incomplete")
            d = self._decision(s, conference_id, child_id)
            assert d is not None
            content = self._content(s, d, view)
            digest = decision_content_sha256(content)
            if digest != content_sha256:
                raise ServiceError("content_changed")
            conf = s.get(Conference, conference_id)
            assert conf is not None
            # The consensus the rules found is part of the content: the register gets it first.
            before = wire_before(s, d)
            d.consensus = view.consensus
            record_update(s, self._ctx.actor(), d, before)
            d.state = DecisionState.FINALISATION_PENDING.value
            d.content_sha256 = digest
            d.finalised_at = utcnow()
            d.finalised_by = self._ctx.user.user_id
            base = bump(d)
            register_version = s.scalar(
                select(func.max(RegisterEntry.register_version)).where(RegisterEntry.child_id == child_id)
            )
            payload = finalise_payload(
                conf,
                content_sha256=digest,
                register_version=int(register_version or 0),
                chair_user_id=self._ctx.user.user_id,
            )
            record_change(
                s, self._ctx.actor(), kind=OpKind.FINALISE_DECISION, entity=Entity.DECISION, entity_id=d.id,
                payload=payload, base_version=base, before={"state": DecisionState.DRAFT.value},
                after={"state": d.state, "content_sha256": digest},
            )  # fmt: skip
            s.flush()
            return self._view(s, conference_id, child_id)
