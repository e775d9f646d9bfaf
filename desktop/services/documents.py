"""Produces conference documents: loads a conference into the document model, renders, writes, logs.

:class:`DocumentService` is Qt-free. It reads one conference with one or two queries per table,
cuts the data down for a recipient (their language; a partial copy leaves out the sections withheld
from them and says so), renders the PDF (:mod:`desktop.documents.render`), writes the file atomically
(temporary file, flush, fsync, ``os.replace``) and records, in one unit of work, a
:class:`~desktop.store.orm.DocumentIssued` row (the distribution record), an audit event and an
``append`` outbox operation of entity ``document_issued``, each carrying the file's SHA-256.

Threading: every public method opens and closes its own sessions; call it from the TaskRunner's
database lane in the app, or directly from the CLI. Results are immutable DTOs.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import os
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, TypeVar

from sqlalchemy import or_, select
from sqlalchemy.orm import InstrumentedAttribute, Session

from desktop.documents.model import (
    ActionInfo,
    AttendeeInfo,
    ChildInfo,
    ConferenceDocumentData,
    DecisionInfo,
    DissentInfo,
    DistributionInfo,
    DocumentKind,
    DocumentMeta,
    MinutesBlock,
    PlanInfo,
    RecipientInfo,
    RegisterChange,
    RegisterChangeKind,
    ReportInfo,
    ViewInfo,
    VoiceInfo,
)
from desktop.documents.render import page_count, render
from desktop.domain.timescales import first_core_group_deadline, first_review_deadline, next_review_deadline
from desktop.services.base import ServiceContext, local_date
from desktop.services.errors import NotFoundError, ServiceError
from desktop.store.ids import new_id
from desktop.store.orm import (
    Addendum,
    AgencyReport,
    Attendance,
    Child,
    ChildVoice,
    Conference,
    ConferenceChild,
    CoreGroupMember,
    Council,
    Decision,
    Dissent,
    Distribution,
    DocumentIssued,
    FamilyLink,
    FamilyMember,
    MinutesSection,
    OutlinePlan,
    PlanAction,
    PractitionerView,
    RegisterEntry,
    SectionWithheld,
    User,
)
from desktop.store.outbox import record_create
from sync.protocol.enums import AttendanceStatus, ConferenceType, DecisionState, Outcome

logger = logging.getLogger(__name__)

#: Outbox / audit entity name of a produced document.
DOCUMENT_ENTITY = "document_issued"
_EXCLUDED = frozenset({AttendanceStatus.EXCLUDED_PART.value, AttendanceStatus.EXCLUDED_WHOLE.value})
_REGISTERED = frozenset(
    {Outcome.REGISTERED.value, Outcome.REMAIN_SAME_CATEGORY.value, Outcome.REMAIN_CATEGORY_CHANGED.value}
)
_SETTLED_STATES = frozenset({DecisionState.FINALISED.value, DecisionState.FINALISATION_PENDING.value})
_LANGUAGES = frozenset({"cy", "en"})
#: The minutes section (``services.minutes.SECTION_KEYS``) that discusses a child's voice.
_VOICE_SECTION = "child_voice"
#: The minutes section holding a child's decision; withholding it withholds that decision (issue 10).
_DECISION_SECTION = "decision"


# ---- errors (codes only; the UI words them)


class UnknownConferenceError(NotFoundError):
    """No conference has that reference or id."""

    code = "document_unknown_conference"


class UnknownRecipientError(NotFoundError):
    """The recipient id is neither a distribution entry nor an attendee of the conference."""

    code = "document_unknown_recipient"


class UnknownDocumentKindError(ServiceError):
    """The document kind is not record, summary, letter or notice."""

    code = "document_unknown_kind"


class UnsupportedLanguageError(ServiceError):
    """Documents are produced in Welsh (cy) or English (en) only."""

    code = "document_unsupported_language"


class DocumentWriteError(ServiceError):
    """The PDF could not be written (folder missing, disk full, no permission)."""

    code = "document_write_failed"


# ---- DTOs


@dataclass(frozen=True, slots=True)
class ConferenceRef:
    """A conference as the documents dialog names it."""

    id: str
    reference: str
    held_on: dt.date | None
    language: str
    approved: bool


@dataclass(frozen=True, slots=True)
class RecipientOption:
    """Someone a document can be produced for (a distribution entry or an attendee)."""

    id: str
    name: str
    source: str  # "distribution" | "attendance"
    language: str
    partial: bool
    agency: str | None = None
    is_family: bool = False


@dataclass(frozen=True, slots=True)
class ProducedDocument:
    """A rendered document and where its issue was recorded."""

    document_id: str
    conference_id: str
    reference: str
    kind: DocumentKind
    language: str
    draft: bool
    partial: bool
    sha256: str
    page_count: int
    pdf: bytes
    recipient_name: str | None
    path: Path | None = None

    @property
    def suggested_file_name(self) -> str:
        """A file name without personal data: reference, kind, language, draft."""
        parts = [self.reference, self.kind.value, self.language]
        if self.partial:
            parts.append("partial")
        if self.draft:
            parts.append("draft")
        return "-".join(parts) + ".pdf"


# ---- helpers


def write_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` so a reader never sees half a file (style.md section 4.6).

    Raises:
        DocumentWriteError: the folder is missing or not writable, or the disk is full.
    """
    path = Path(path)
    try:
        fd, tmp_name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    except OSError as exc:
        raise DocumentWriteError(path=str(path), reason=exc.strerror or str(exc)) from exc
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp_name, path)
    except OSError as exc:
        Path(tmp_name).unlink(missing_ok=True)
        raise DocumentWriteError(path=str(path), reason=exc.strerror or str(exc)) from exc
    if hasattr(os, "O_DIRECTORY"):
        # Make the rename itself durable (POSIX); best effort elsewhere.
        try:
            dir_fd = os.open(path.parent, os.O_DIRECTORY)
        except OSError:
            return
        try:
            os.fsync(dir_fd)
        except OSError:
            pass
        finally:
            os.close(dir_fd)


_PerDecision = TypeVar("_PerDecision", PractitionerView, Dissent, Addendum)


def _live_by_decision(
    s: Session, model: type[_PerDecision], decision_ids: list[str], order_by: InstrumentedAttribute[Any]
) -> dict[str, list[_PerDecision]]:
    """The unvoided ``model`` rows of the given decisions, grouped by decision in ``order_by`` order."""
    grouped: dict[str, list[_PerDecision]] = {}
    for row in s.scalars(
        select(model).where(model.decision_id.in_(decision_ids), model.voided_at.is_(None)).order_by(order_by)
    ):
        grouped.setdefault(row.decision_id, []).append(row)
    return grouped


def _child_name(child: Child) -> str:
    return f"{child.given_names} {child.family_name}".strip()


@dataclass(frozen=True, slots=True)
class _Loaded:
    """A conference's uncut document data and its council's names in both languages."""

    data: ConferenceDocumentData
    council_cy: str
    council_en: str


@dataclass(frozen=True, slots=True)
class _Recipient:
    distribution: Distribution | None
    attendance: Attendance | None


class DocumentService:
    """Loads, renders, writes and logs conference documents.

    Args:
        ctx: The profile's service context (sessions, acting user, today's date, rules config).
    """

    def __init__(self, ctx: ServiceContext) -> None:
        self._ctx = ctx

    # ---- look-ups for the dialog and the CLI

    def conference(self, conference: str) -> ConferenceRef:
        """The conference with reference or id ``conference``.

        Raises:
            UnknownConferenceError: there is none.
        """
        with self._ctx.sessions() as s:
            c = self._find_conference(s, conference)
            return ConferenceRef(
                id=c.id,
                reference=c.reference,
                held_on=c.held_on or local_date(c.scheduled_for),
                language=c.language,
                approved=c.record_approved_at is not None,
            )

    def recipients(self, conference: str) -> tuple[RecipientOption, ...]:
        """Everyone a document can be produced for: the distribution list, then other attendees.

        Raises:
            UnknownConferenceError: there is no such conference.
        """
        with self._ctx.sessions() as s:
            c = self._find_conference(s, conference)
            people = {a.id: a for a in self._attendance(s, c.id)}
            withheld = self._withheld_by_attendee(s, c.id)
            out: list[RecipientOption] = []
            linked: set[str] = set()
            for d in self._distribution(s, c.id):
                a = people.get(d.attendance_id or "")
                if a is not None:
                    linked.add(a.id)
                out.append(
                    RecipientOption(
                        id=d.id,
                        name=d.recipient_name,
                        source="distribution",
                        language=d.language,
                        partial=self._is_partial(d, a, withheld),
                        agency=d.agency,
                        is_family=a is not None and a.kind == "family",
                    )
                )
            for a in people.values():
                if a.id in linked:
                    continue
                out.append(
                    RecipientOption(
                        id=a.id,
                        name=a.name,
                        source="attendance",
                        language=a.language,
                        partial=self._is_partial(None, a, withheld),
                        agency=a.agency,
                        is_family=a.kind == "family",
                    )
                )
            return tuple(out)

    # ---- loading

    def load(
        self,
        conference: str,
        *,
        kind: DocumentKind | str = DocumentKind.RECORD,
        recipient: str | None = None,
        language: str | None = None,
    ) -> ConferenceDocumentData:
        """The document model for ``conference``, cut down for ``recipient`` (None: a full copy).

        The language is ``language`` when given, else the recipient's, else the conference's.

        Raises:
            UnknownConferenceError, UnknownRecipientError, UnknownDocumentKindError,
            UnsupportedLanguageError.
        """
        kind = self._kind(kind)
        self._check_language(language)
        with self._ctx.sessions() as s:
            c = self._find_conference(s, conference)
            base = self._load_full(s, c)
            who = self._resolve_recipient(s, c.id, recipient)
            return self._for_recipient(s, base, c, who, kind, language)

    # ---- producing

    def produce(
        self,
        conference: str,
        *,
        kind: DocumentKind | str = DocumentKind.RECORD,
        recipient: str | None = None,
        language: str | None = None,
        out: Path | str | None = None,
    ) -> ProducedDocument:
        """Render one document, write it to ``out`` (atomically) when given, and log its issue.

        The DocumentIssued row, audit event and outbox operation are committed together; if that
        fails, a file just written is removed again.

        Raises:
            UnknownConferenceError, UnknownRecipientError, UnknownDocumentKindError,
            UnsupportedLanguageError, DocumentWriteError.
        """
        return self.produce_batch(
            conference, kind=kind, recipients=[recipient], language=language, out=[out] if out else None
        )[0]

    def produce_batch(
        self,
        conference: str,
        *,
        kind: DocumentKind | str,
        recipients: Sequence[str | None],
        language: str | None = None,
        out: Sequence[Path | str] | None = None,
    ) -> list[ProducedDocument]:
        """Render one document per recipient from a single load, write each, and log them all at once.

        Args:
            conference: Reference or id.
            kind: record, summary, letter or notice.
            recipients: Distribution or attendance ids (None: a full copy with no addressee).
            language: Force one language for all; by default each recipient's own.
            out: One path per recipient, or None to keep the files in memory only.

        Raises:
            The errors of :meth:`produce`; nothing is logged unless every document was written.
        """
        kind = self._kind(kind)
        self._check_language(language)
        if out is not None and len(out) != len(recipients):
            raise ValueError("one output path per recipient")
        with self._ctx.sessions() as s:
            c = self._find_conference(s, conference)
            base = self._load_full(s, c)
            whos = [self._resolve_recipient(s, c.id, r) for r in recipients]
            datas = [self._for_recipient(s, base, c, who, kind, language) for who in whos]
            dist_ids = [who.distribution.id if who.distribution is not None else None for who in whos]
        produced: list[ProducedDocument] = []
        written: list[Path] = []
        try:
            for i, data in enumerate(datas):
                pdf = render(data)
                path = Path(out[i]) if out is not None else None
                if path is not None:
                    write_atomic(path, pdf)
                    written.append(path)
                produced.append(
                    ProducedDocument(
                        document_id=new_id(),
                        conference_id=c.id,
                        reference=data.meta.reference,
                        kind=kind,
                        language=data.meta.language,
                        draft=data.meta.draft,
                        partial=data.meta.partial,
                        sha256=hashlib.sha256(pdf).hexdigest(),
                        page_count=page_count(pdf),
                        pdf=pdf,
                        recipient_name=data.recipient.name if data.recipient else None,
                        path=path,
                    )
                )
            self._log(produced, dist_ids)
        except BaseException:
            for path in written:
                path.unlink(missing_ok=True)
            raise
        return produced

    def save_copy(self, document: ProducedDocument, path: Path | str) -> Path:
        """Write an already produced (and logged) document to ``path`` atomically; same bytes, same hash.

        Raises:
            DocumentWriteError: the file could not be written.
        """
        target = Path(path)
        write_atomic(target, document.pdf)
        return target

    # ---- internals

    @staticmethod
    def _kind(kind: DocumentKind | str) -> DocumentKind:
        try:
            return DocumentKind(kind)
        except ValueError:
            raise UnknownDocumentKindError(kind=str(kind)) from None

    @staticmethod
    def _check_language(language: str | None) -> None:
        if language is not None and language not in _LANGUAGES:
            raise UnsupportedLanguageError(language=language)

    @staticmethod
    def _find_conference(s: Session, ref: str) -> Conference:
        c = s.scalars(
            select(Conference).where(
                or_(Conference.reference == ref, Conference.id == ref), Conference.voided_at.is_(None)
            )
        ).first()
        if c is None:
            raise UnknownConferenceError(conference=ref)
        return c

    @staticmethod
    def _attendance(s: Session, conference_id: str) -> list[Attendance]:
        return list(
            s.scalars(
                select(Attendance)
                .where(Attendance.conference_id == conference_id, Attendance.voided_at.is_(None))
                .order_by(Attendance.position, Attendance.name)
            )
        )

    @staticmethod
    def _distribution(s: Session, conference_id: str) -> list[Distribution]:
        return list(
            s.scalars(
                select(Distribution)
                .where(Distribution.conference_id == conference_id, Distribution.voided_at.is_(None))
                .order_by(Distribution.recipient_name, Distribution.id)
            )
        )

    @staticmethod
    def _withheld_by_attendee(s: Session, conference_id: str) -> dict[str, set[str]]:
        rows = s.execute(
            select(SectionWithheld.attendance_id, SectionWithheld.section_id)
            .join(MinutesSection, MinutesSection.id == SectionWithheld.section_id)
            .where(MinutesSection.conference_id == conference_id)
        )
        out: dict[str, set[str]] = {}
        for attendance_id, section_id in rows:
            out.setdefault(attendance_id, set()).add(section_id)
        return out

    @staticmethod
    def _is_partial(d: Distribution | None, a: Attendance | None, withheld: dict[str, set[str]]) -> bool:
        if d is not None and not d.full_copy:
            return True
        return a is not None and (a.status in _EXCLUDED or bool(withheld.get(a.id)))

    def _resolve_recipient(self, s: Session, conference_id: str, recipient: str | None) -> _Recipient:
        if recipient is None:
            return _Recipient(None, None)
        d = s.get(Distribution, recipient)
        if d is not None and d.conference_id == conference_id and d.voided_at is None:
            a = s.get(Attendance, d.attendance_id) if d.attendance_id else None
            return _Recipient(d, a)
        a = s.get(Attendance, recipient)
        if a is not None and a.conference_id == conference_id and a.voided_at is None:
            linked = s.scalars(
                select(Distribution).where(
                    Distribution.conference_id == conference_id,
                    Distribution.attendance_id == a.id,
                    Distribution.voided_at.is_(None),
                )
            ).first()
            return _Recipient(linked, a)
        raise UnknownRecipientError(recipient=recipient)

    def _load_full(self, s: Session, c: Conference) -> _Loaded:
        """Everything about the conference, uncut, in one or two queries per table."""
        council = s.get(Council, c.council_id)
        users = {
            u.id: u.display_name
            for u in s.scalars(
                select(User).where(User.id.in_([x for x in (c.chair_user_id, c.minute_taker_user_id) if x]))
            )
        }
        held_on = c.held_on or local_date(c.scheduled_for)
        child_rows = s.execute(
            select(ConferenceChild, Child)
            .join(Child, Child.id == ConferenceChild.child_id)
            .where(ConferenceChild.conference_id == c.id, ConferenceChild.voided_at.is_(None))
            .order_by(ConferenceChild.position, Child.family_name, Child.given_names)
        ).all()
        kids = [ch for _, ch in child_rows]
        names = {ch.id: _child_name(ch) for ch in kids}
        order = {ch.id: i for i, ch in enumerate(kids)}
        children = tuple(
            ChildInfo(
                id=ch.id,
                name=names[ch.id],
                date_of_birth=ch.date_of_birth,
                unborn=ch.unborn,
                expected_delivery_date=ch.expected_delivery_date,
            )
            for ch in kids
        )
        people = self._attendance(s, c.id)
        by_attendance = {a.id: a for a in people}
        attendance = tuple(
            AttendeeInfo(
                id=a.id,
                name=a.name,
                kind=a.kind,
                status=a.status,
                role_title=a.role_title,
                agency=a.agency,
                exclusion_reason=a.exclusion_reason,
                excluded_from_decision=bool(a.excluded_from_decision),
                interpreter_present=a.interpreter_present,
                advocate_present=a.advocate_present,
                supporter_present=a.supporter_present,
            )
            for a in people
        )
        reports = tuple(
            ReportInfo(
                agency=r.agency,
                author=r.author,
                received_on=r.received_on,
                shared_with_parents_on=r.shared_with_parents_on,
                child_name=names.get(r.child_id or ""),
                summary=r.summary,
            )
            for r in s.scalars(
                select(AgencyReport)
                .where(AgencyReport.conference_id == c.id, AgencyReport.voided_at.is_(None))
                .order_by(AgencyReport.received_on, AgencyReport.agency, AgencyReport.id)
            )
        )
        voice_rows = sorted(
            s.scalars(select(ChildVoice).where(ChildVoice.conference_id == c.id, ChildVoice.voided_at.is_(None))),
            key=lambda v: order.get(v.child_id, len(order)),
        )
        voices = tuple(
            VoiceInfo(
                child_name=names.get(v.child_id, ""),
                participation_mode=v.participation_mode,
                advocacy_offer=v.advocacy_offer,
                advocacy_not_offered_reason=v.advocacy_not_offered_reason,
                wishes_and_feelings=v.wishes_and_feelings,
                lived_experience=v.lived_experience,
                chair_met_child_before=v.chair_met_child_before,
                debrief_offered=v.debrief_offered,
                social_worker_follow_up=v.social_worker_follow_up,
                not_recorded_reason=v.not_recorded_reason,
            )
            for v in voice_rows
            if v.child_id in names
        )
        minutes = tuple(
            MinutesBlock(key=m.key, text=m.text, child_name=names.get(m.child_id or ""), section_id=m.id)
            for m in s.scalars(
                select(MinutesSection)
                .where(MinutesSection.conference_id == c.id, MinutesSection.voided_at.is_(None))
                .order_by(MinutesSection.position, MinutesSection.key)
            )
            if m.text.strip()
        )
        decisions = self._decisions(s, c.id, names, order, by_attendance)
        plans, general = self._plans(s, c, names, order, decisions, held_on)
        distribution = tuple(
            DistributionInfo(
                recipient_name=d.recipient_name,
                agency=d.agency,
                full_copy=d.full_copy,
                language=d.language,
                sent_on=d.sent_on,
            )
            for d in self._distribution(s, c.id)
        )
        next_review = c.next_review_on
        if next_review is None and held_on is not None and any(d.outcome in _REGISTERED for d in decisions):
            cal = self._ctx.calendar(s)
            if c.type == ConferenceType.INITIAL.value:
                next_review = first_review_deadline(held_on, calendar=cal, config=self._ctx.config).due
            else:
                next_review = next_review_deadline(held_on, calendar=cal, config=self._ctx.config).due
        data = ConferenceDocumentData(
            meta=DocumentMeta(
                reference=c.reference,
                kind=DocumentKind.RECORD,
                language=c.language if c.language in _LANGUAGES else "en",
                version=int(c.version or 1),
                draft=c.record_approved_at is None,
            ),
            council_name="",
            conference_type=c.type,
            held_on=held_on,
            venue=c.venue,
            venue_mode=c.venue_mode,
            conference_language=c.language,
            chair_name=users.get(c.chair_user_id or "", ""),
            minute_taker_name=users.get(c.minute_taker_user_id or "", ""),
            minuting_mode=c.minuting_mode,
            quorum_override_reason=c.quorum_override_reason,
            children=children,
            attendance=attendance,
            reports=reports,
            voices=voices,
            minutes=minutes,
            decisions=decisions,
            plans=plans,
            general_actions=general,
            next_review_on=next_review,
            distribution=distribution,
            register_changes=self._register_changes(s, c, kids, decisions, held_on),
            approved_on=local_date(c.record_approved_at) if c.record_approved_at else None,
            issued_on=self._ctx.today(),
        )
        return _Loaded(data, council.name_cy if council else "", council.name_en if council else "")

    def _decisions(
        self,
        s: Session,
        conference_id: str,
        names: dict[str, str],
        order: dict[str, int],
        by_attendance: dict[str, Attendance],
    ) -> tuple[DecisionInfo, ...]:
        rows = list(
            s.scalars(select(Decision).where(Decision.conference_id == conference_id, Decision.voided_at.is_(None)))
        )
        # One decision per child: a settled one before a draft, then the newest.
        best: dict[str, Decision] = {}
        for d in sorted(rows, key=lambda d: (d.state in _SETTLED_STATES, d.updated_at)):
            best[d.child_id] = d
        ids = [d.id for d in best.values()]
        views = _live_by_decision(s, PractitionerView, ids, PractitionerView.position)
        dissents = _live_by_decision(s, Dissent, ids, Dissent.created_at)
        addenda = _live_by_decision(s, Addendum, ids, Addendum.created_at)

        def who(attendance_id: str) -> tuple[str, str | None]:
            a = by_attendance.get(attendance_id)
            return (a.name, a.agency) if a is not None else ("", None)

        out = []
        for d in sorted(best.values(), key=lambda d: order.get(d.child_id, len(order))):
            if d.child_id not in names:
                continue
            out.append(
                DecisionInfo(
                    child_id=d.child_id,
                    child_name=names[d.child_id],
                    outcome=d.outcome,
                    categories=tuple(d.categories or ()),
                    rationale=d.rationale,
                    evidence=d.evidence,
                    evidence_of_change=d.evidence_of_change,
                    plan_if_not_registered=d.plan_if_not_registered,
                    contingency_plan=d.contingency_plan,
                    consensus=d.consensus,
                    chair_decided=d.chair_decided,
                    chair_decision_reason=d.chair_decision_reason,
                    coordinator_name=d.coordinator_name,
                    views=tuple(
                        ViewInfo(
                            *who(v.attendance_id), view=v.view, categories=tuple(v.categories or ()), reasons=v.reasons
                        )
                        for v in views.get(d.id, [])
                    ),
                    dissents=tuple(DissentInfo(*who(x.attendance_id), reason=x.reason) for x in dissents.get(d.id, [])),
                    addenda=tuple(ad.text for ad in addenda.get(d.id, [])),
                )
            )
        return tuple(out)

    def _plans(
        self,
        s: Session,
        c: Conference,
        names: dict[str, str],
        order: dict[str, int],
        decisions: tuple[DecisionInfo, ...],
        held_on: dt.date | None,
    ) -> tuple[tuple[PlanInfo, ...], tuple[ActionInfo, ...]]:
        plans = {
            p.child_id: p
            for p in s.scalars(
                select(OutlinePlan).where(OutlinePlan.conference_id == c.id, OutlinePlan.voided_at.is_(None))
            )
        }
        actions: dict[str | None, list[ActionInfo]] = {}
        for a in s.scalars(
            select(PlanAction)
            .where(PlanAction.conference_id == c.id, PlanAction.voided_at.is_(None))
            .order_by(PlanAction.position, PlanAction.due_on)
        ):
            actions.setdefault(a.child_id, []).append(
                ActionInfo(
                    description=a.description,
                    owner=a.owner,
                    owner_agency=a.owner_agency,
                    due_on=a.due_on,
                    child_name=names.get(a.child_id or ""),
                )
            )
        members: dict[str | None, list[str]] = {}
        for m in s.scalars(
            select(CoreGroupMember)
            .where(CoreGroupMember.conference_id == c.id, CoreGroupMember.voided_at.is_(None))
            .order_by(CoreGroupMember.name)
        ):
            members.setdefault(m.child_id, []).append(m.name)
        registered = {d.child_id for d in decisions if d.outcome in _REGISTERED}
        cal = self._ctx.calendar(s) if registered and held_on else None
        out = []
        for child_id in sorted(names, key=lambda cid: order.get(cid, 0)):
            p = plans.get(child_id)
            first = p.first_core_group_on if p is not None else None
            if first is None and child_id in registered and held_on is not None:
                first = first_core_group_deadline(held_on, calendar=cal, config=self._ctx.config).due
            group = tuple(members.get(child_id, []) + members.get(None, []))
            out.append(
                PlanInfo(
                    child_id=child_id,
                    child_name=names[child_id],
                    risks=p.risks if p else "",
                    keeping_safe=p.keeping_safe if p else "",
                    outcomes=p.outcomes if p else "",
                    support=p.support if p else "",
                    monitoring=p.monitoring if p else "",
                    wishes_and_views=p.wishes_and_views if p else "",
                    contingency=p.contingency if p else "",
                    first_core_group_on=first,
                    actions=tuple(actions.get(child_id, [])),
                    core_group=group,
                )
            )
        return tuple(out), tuple(actions.get(None, []))

    def _register_changes(
        self,
        s: Session,
        c: Conference,
        kids: list[Child],
        decisions: tuple[DecisionInfo, ...],
        held_on: dt.date | None,
    ) -> tuple[RegisterChange, ...]:
        entries: dict[str, list[RegisterEntry]] = {}
        for e in s.scalars(
            select(RegisterEntry)
            .where(RegisterEntry.child_id.in_([k.id for k in kids]), RegisterEntry.voided_at.is_(None))
            .order_by(RegisterEntry.registered_on)
        ):
            entries.setdefault(e.child_id, []).append(e)
        settled = {
            d.child_id
            for d in s.scalars(
                select(Decision).where(
                    Decision.conference_id == c.id, Decision.voided_at.is_(None), Decision.state.in_(_SETTLED_STATES)
                )
            )
        }
        dobs = {k.id: k.date_of_birth for k in kids}
        out = []
        for d in decisions:
            if d.child_id not in settled or d.outcome is None:
                continue
            own = [e for e in entries.get(d.child_id, []) if e.conference_id == c.id]
            earlier = [e for e in entries.get(d.child_id, []) if e.conference_id != c.id]
            entry = own[-1] if own else (earlier[-1] if earlier else None)
            coordinator = d.coordinator_name or (entry.coordinator if entry else "")
            if d.outcome == Outcome.REGISTERED.value:
                change = RegisterChange(
                    child_name=d.child_name,
                    date_of_birth=dobs.get(d.child_id),
                    change=RegisterChangeKind.REGISTERED,
                    effective_on=own[-1].registered_on if own else held_on,
                    categories=d.categories,
                    coordinator=coordinator,
                )
            elif d.outcome == Outcome.REMAIN_CATEGORY_CHANGED.value:
                change = RegisterChange(
                    child_name=d.child_name,
                    date_of_birth=dobs.get(d.child_id),
                    change=RegisterChangeKind.CATEGORIES_CHANGED,
                    effective_on=held_on,
                    categories=d.categories,
                    previous_categories=tuple(earlier[-1].categories) if earlier else (),
                    coordinator=coordinator,
                )
            elif d.outcome == Outcome.DEREGISTER.value:
                ended = entry if entry is not None and entry.ended_on is not None else None
                change = RegisterChange(
                    child_name=d.child_name,
                    date_of_birth=dobs.get(d.child_id),
                    change=RegisterChangeKind.REMOVED,
                    effective_on=ended.ended_on if ended else held_on,
                    previous_categories=tuple(entry.categories) if entry else (),
                    end_reason=(ended.end_reason if ended and ended.end_reason else "review_no_continuing_risk"),
                    coordinator=coordinator,
                )
            else:
                continue
            out.append(change)
        return tuple(out)

    def _for_recipient(
        self,
        s: Session,
        loaded: _Loaded,
        c: Conference,
        who: _Recipient,
        kind: DocumentKind,
        language: str | None,
    ) -> ConferenceDocumentData:
        base = loaded.data
        d, a = who.distribution, who.attendance
        lang = language or (d.language if d else None) or (a.language if a else None) or base.meta.language
        if lang not in _LANGUAGES:
            lang = "en"
        withheld_ids: set[str] = set()
        partial = False
        recipient: RecipientInfo | None = None
        if d is not None or a is not None:
            attendee_withheld = self._withheld_by_attendee(s, c.id).get(a.id, set()) if a is not None else set()
            partial = self._is_partial(d, a, {a.id: attendee_withheld} if a is not None else {})
            withheld_ids = set(attendee_withheld)
            if partial and not withheld_ids:
                # Excluded or given a partial copy with no list: leave out every restricted section.
                withheld_ids = set(
                    s.scalars(
                        select(MinutesSection.id).where(
                            MinutesSection.conference_id == c.id, MinutesSection.restricted.is_(True)
                        )
                    )
                )
            recipient = self._recipient_info(s, d, a, lang)
        minutes = base.minutes
        voices = base.voices
        withheld_count = 0
        if withheld_ids:
            cut = []
            for block in minutes:
                if block.section_id in withheld_ids:
                    withheld_count += 1
                    cut.append(MinutesBlock(key=block.key, text="", withheld=True))
                else:
                    cut.append(block)
            minutes = tuple(cut)
            # A withheld "child's voice" section withholds that child's voice record too: it holds
            # the same words (wishes, feelings, lived experience) the section discusses.
            silenced = set(
                s.scalars(
                    select(MinutesSection.child_id).where(
                        MinutesSection.id.in_(withheld_ids),
                        MinutesSection.key == _VOICE_SECTION,
                        MinutesSection.child_id.is_not(None),
                    )
                )
            )
            if silenced:
                silenced_names = {ch.name for ch in base.children if ch.id in silenced}
                voices = tuple(v for v in voices if v.child_name not in silenced_names)
        decisions, register_changes = base.decisions, base.register_changes
        hidden = self._withheld_decisions(s, withheld_ids, base) if withheld_ids else set()
        if hidden:
            # A withheld "decision" section withholds everything of that child's decision, in every
            # document: outcome, reasons, evidence, views, dissent, addenda, plan, register change.
            decisions = tuple(d.withheld_from_copy() if d.child_id in hidden else d for d in decisions)
            hidden_names = {ch.name for ch in base.children if ch.id in hidden}
            register_changes = tuple(c for c in register_changes if c.child_name not in hidden_names)
        # The record carries the minutes; the other documents are partial only when a decision is withheld.
        partial = partial and (kind is DocumentKind.RECORD or bool(hidden))
        meta = replace(base.meta, kind=kind, language=lang, partial=partial)
        return replace(
            base,
            meta=meta,
            council_name=(loaded.council_cy if lang == "cy" else loaded.council_en) or loaded.council_en,
            minutes=minutes,
            voices=voices,
            decisions=decisions,
            register_changes=register_changes,
            recipient=recipient,
            withheld_sections=withheld_count,
        )

    @staticmethod
    def _withheld_decisions(s: Session, withheld_ids: set[str], base: ConferenceDocumentData) -> set[str]:
        """Children whose decision is withheld: their "decision" section is (one for all children: every child)."""
        rows = s.execute(
            select(MinutesSection.child_id).where(
                MinutesSection.id.in_(withheld_ids), MinutesSection.key == _DECISION_SECTION
            )
        ).all()
        if any(child_id is None for (child_id,) in rows):
            return {ch.id for ch in base.children}
        return {child_id for (child_id,) in rows if child_id is not None}

    @staticmethod
    def _recipient_info(s: Session, d: Distribution | None, a: Attendance | None, lang: str) -> RecipientInfo:
        name = d.recipient_name if d is not None else (a.name if a is not None else "")
        address = ""
        child_ids: tuple[str, ...] = ()
        is_family = a is not None and a.kind == "family"
        if a is not None and a.family_member_id:
            member = s.get(FamilyMember, a.family_member_id)
            if member is not None:
                address = member.address
            child_ids = tuple(
                s.scalars(
                    select(FamilyLink.child_id).where(
                        FamilyLink.family_member_id == a.family_member_id, FamilyLink.voided_at.is_(None)
                    )
                )
            )
        agency = d.agency if d is not None else (a.agency if a is not None else None)
        return RecipientInfo(
            name=name, language=lang, address=address, agency=agency, is_family=is_family, child_ids=child_ids
        )

    def _log(self, produced: Sequence[ProducedDocument], distribution_ids: Sequence[str | None]) -> None:
        actor = self._ctx.actor()
        with self._ctx.sessions.begin() as s:
            for doc, dist_id in zip(produced, distribution_ids, strict=True):
                row = DocumentIssued(
                    id=doc.document_id,
                    conference_id=doc.conference_id,
                    distribution_id=dist_id,
                    kind=doc.kind.value,
                    language=doc.language,
                    draft=doc.draft,
                    partial=doc.partial,
                    sha256=doc.sha256,
                    produced_by=actor.user_id,
                )
                s.add(row)
                s.flush()
                record_create(s, actor, row, action="document_produced")
        logger.info("logged %d document(s) issued", len(produced))
