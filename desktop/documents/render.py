"""Renders the four conference documents to PDF bytes with reportlab's platypus.

Every page carries the protective marking OFFICIAL-SENSITIVE at the top and bottom, the conference
reference, "Page x of y", the record version and whether it is a draft; a draft also carries a
diagonal watermark until the chair approves the record. Text is set in the bundled DejaVu Sans
(embedded and subset) so Welsh letters such as ŵ and ŷ print on any computer. Every word comes from
the translation catalogue in the recipient's language (:mod:`desktop.documents.strings`).

Output is deterministic: reportlab's ``invariant`` flag fixes the creation date and document id, so
the same data always gives a byte-identical file, wherever it is printed.

reportlab is imported inside the functions, so importing this module costs nothing at app start.
All functions are pure and thread-safe apart from the one-off font registration (locked); they run
on a worker thread in the app.
"""

from __future__ import annotations

import datetime as dt
import io
import logging
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any
from xml.sax.saxutils import escape

from desktop.catalog import Catalog, load_catalog
from desktop.documents import strings as S  # noqa: N812 - read as a table of constants
from desktop.documents.fonts import BOLD, REGULAR, register_fonts
from desktop.documents.model import (
    ActionInfo,
    ConferenceDocumentData,
    DecisionInfo,
    DocumentKind,
    PlanInfo,
)

logger = logging.getLogger(__name__)

#: Outcomes after which a child is on the register (codes of sync.protocol.enums.Outcome).
_REGISTERED_OUTCOMES = frozenset({"decision_2_registered", "remain_same_category", "remain_category_changed"})
_PRESENT = ("present_in_person", "present_remote", "excluded_part")
_ABSENT = ("apologies_with_report", "apologies_no_report", "did_not_attend")
_EXCLUDED = ("excluded_part", "excluded_whole")
_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")


class Words:
    """Translations, labels and dates in one document language ("cy" or "en")."""

    def __init__(self, language: str, catalog: Catalog | None = None) -> None:
        self.language = language if language in ("cy", "en") else "en"
        self._catalog = catalog or load_catalog(self.language)

    def __call__(self, source: str, *args: object) -> str:
        """The translation of ``source`` (a :mod:`strings` constant) with ``%1``... filled."""
        return self._catalog.tr(S.CONTEXT, source, *args)

    def label(self, table: Mapping[str, str], code: str | None) -> str:
        """The translated label for an enum code; the code itself if the table does not know it."""
        if not code:
            return self(S.NOT_RECORDED)
        source = table.get(code)
        return self(source) if source is not None else code

    def labels(self, table: Mapping[str, str], codes: Iterable[str]) -> str:
        """Comma-separated labels, or "None"."""
        parts = [self.label(table, c) for c in codes]
        return ", ".join(parts) if parts else self(S.NONE)

    def date(self, day: dt.date | None) -> str:
        """``5 March 2026`` / ``5 Mawrth 2026``; "To be arranged" for no date."""
        if day is None:
            return self(S.NOT_SET)
        months = S.MONTHS_CY if self.language == "cy" else S.MONTHS_EN
        return f"{day.day} {months[day.month - 1]} {day.year}"

    def yes_no(self, value: bool) -> str:
        """Yes or No."""
        return self(S.YES) if value else self(S.NO)


def format_date(day: dt.date | None, language: str) -> str:
    """A date in ``language``'s words, e.g. ``5 Mawrth 2026``."""
    return Words(language).date(day)


def _text(value: str) -> str:
    """User text made safe for a reportlab Paragraph, line breaks kept."""
    return escape(value.strip()).replace("\n", "<br/>")


@dataclass(slots=True)
class _Styles:
    body: Any
    small: Any
    cell: Any
    cell_head: Any
    title: Any
    label: Any
    h1: Any
    h2: Any
    note: Any
    letter: Any


def _styles() -> _Styles:
    from reportlab.lib import colors
    from reportlab.lib.styles import ParagraphStyle

    body = ParagraphStyle("body", fontName=REGULAR, fontSize=10, leading=13.5, spaceAfter=5)
    return _Styles(
        body=body,
        small=ParagraphStyle("small", parent=body, fontSize=8.5, leading=11),
        cell=ParagraphStyle("cell", parent=body, fontSize=8.5, leading=10.5, spaceAfter=0),
        cell_head=ParagraphStyle("cell_head", parent=body, fontName=BOLD, fontSize=8.5, leading=10.5, spaceAfter=0),
        title=ParagraphStyle("title", parent=body, fontName=BOLD, fontSize=16, leading=20, spaceAfter=10),
        label=ParagraphStyle("label", parent=body, fontName=BOLD, spaceAfter=2, keepWithNext=1),
        h1=ParagraphStyle(
            "h1", parent=body, fontName=BOLD, fontSize=13, leading=16, spaceBefore=10, spaceAfter=5, keepWithNext=1
        ),
        h2=ParagraphStyle(
            "h2", parent=body, fontName=BOLD, fontSize=11, leading=14, spaceBefore=7, spaceAfter=3, keepWithNext=1
        ),
        note=ParagraphStyle(
            "note",
            parent=body,
            fontName=BOLD,
            borderColor=colors.HexColor("#8a1c1c"),
            borderWidth=0.8,
            borderPadding=5,
            spaceBefore=6,
            spaceAfter=10,
            textColor=colors.HexColor("#8a1c1c"),
        ),
        letter=ParagraphStyle("letter", parent=body, fontSize=10.5, leading=14, spaceAfter=5),
    )


class _Builder:
    """Builds the flowables of one document."""

    def __init__(self, data: ConferenceDocumentData) -> None:
        from reportlab.lib import colors
        from reportlab.lib.units import mm
        from reportlab.platypus import PageBreak, Paragraph, Spacer, Table, TableStyle

        self.data = data
        self.w = Words(data.meta.language)
        self.st = _styles()
        self.mm = mm
        self.colors = colors
        self._Paragraph = Paragraph
        self._Spacer = Spacer
        self._Table = Table
        self._TableStyle = TableStyle
        self._PageBreak = PageBreak
        self.out: list[Any] = []
        self.width = 170 * mm

    # ---- primitives
    def para(self, text: str, style: Any = None) -> None:
        self.out.append(self._Paragraph(text, style or self.st.body))

    def heading(self, text: str, level: int = 1) -> None:
        self.para(escape(text), self.st.h1 if level == 1 else self.st.h2)

    def user_text(self, text: str, style: Any = None) -> None:
        """Free text typed by users: one Paragraph per blank-line-separated block, so it flows across pages."""
        for block in _PARAGRAPH_BREAK.split(text.strip()):
            if block.strip():
                self.para(_text(block), style)

    def labelled(self, label: str, text: str) -> None:
        """A bold label followed by user text, skipped when the text is empty."""
        if text.strip():
            self.para(escape(label), self.st.label)
            self.user_text(text)

    def spacer(self, height_mm: float = 3) -> None:
        self.out.append(self._Spacer(1, height_mm * self.mm))

    def page_break(self) -> None:
        self.out.append(self._PageBreak())

    def _cell(self, value: str, head: bool = False) -> Any:
        return self._Paragraph(_text(value) if value else "", self.st.cell_head if head else self.st.cell)

    def table(self, header: Sequence[str], rows: Sequence[Sequence[str]], widths: Sequence[float]) -> None:
        """A grid table whose header row repeats on every page it spans."""
        total = sum(widths)
        col_widths = [self.width * w / total for w in widths]
        body = [[self._cell(h, head=True) for h in header]]
        body += [[self._cell(v) for v in row] for row in rows]
        t = self._Table(body, colWidths=col_widths, repeatRows=1)
        t.setStyle(
            self._TableStyle(
                [
                    ("FONTNAME", (0, 0), (-1, -1), REGULAR),
                    ("GRID", (0, 0), (-1, -1), 0.4, self.colors.HexColor("#777777")),
                    ("BACKGROUND", (0, 0), (-1, 0), self.colors.HexColor("#e4e8ee")),
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("TOPPADDING", (0, 0), (-1, -1), 2.5),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
                ]
            )
        )
        self.out.append(t)
        self.spacer(2)

    def fields(self, pairs: Sequence[tuple[str, str]]) -> None:
        """A two-column table of label and value."""
        rows = [[self._cell(k, head=True), self._cell(v)] for k, v in pairs if v]
        if not rows:
            return
        t = self._Table(rows, colWidths=[self.width * 0.34, self.width * 0.66])
        t.setStyle(
            self._TableStyle(
                [
                    ("FONTNAME", (0, 0), (-1, -1), REGULAR),
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("LINEBELOW", (0, 0), (-1, -1), 0.3, self.colors.HexColor("#bbbbbb")),
                    ("TOPPADDING", (0, 0), (-1, -1), 2),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
                ]
            )
        )
        self.out.append(t)
        self.spacer(2)

    # ---- shared sections
    def title(self, text: str) -> None:
        self.para(escape(text), self.st.title)

    def withheld_notice(self) -> None:
        if self.data.meta.partial:
            self.para(escape(self.w(S.WITHHELD_NOTICE)), self.st.note)

    def details(self, full: bool) -> None:
        d, w = self.data, self.w
        pairs = [
            (w(S.F_REFERENCE), d.meta.reference),
            (w(S.F_COUNCIL), d.council_name),
            (w(S.F_TYPE), w.label(S.CONFERENCE_TYPES, d.conference_type)),
            (w(S.F_DATE), w.date(d.held_on)),
            (w(S.F_CHAIR), d.chair_name),
        ]
        if full:
            pairs += [
                (w(S.F_VENUE), d.venue),
                (w(S.F_MODE), w.label(S.VENUE_MODES, d.venue_mode)),
                (w(S.F_LANGUAGE), w.label(S.LANGUAGES, d.conference_language)),
                (w(S.F_MINUTE_TAKER), d.minute_taker_name),
                (w(S.F_MINUTING), w.label(S.MINUTING_MODES, d.minuting_mode)),
                (w(S.F_QUORUM_REASON), d.quorum_override_reason),
            ]
        self.fields(pairs)

    def children(self) -> None:
        w = self.w
        rows = []
        for c in self.data.children:
            born = w(S.F_EDD, w.date(c.expected_delivery_date)) if c.unborn else w.date(c.date_of_birth)
            rows.append([c.name, born])
        self.heading(w(S.H_CHILDREN))
        self.table([w(S.F_NAME), w(S.F_DOB)], rows, [3, 2])

    def _role(self, kind: str, role_title: str) -> str:
        return role_title or self.w.label(S.PARTICIPANT_KINDS, kind)

    def _agency(self, agency: str | None) -> str:
        return self.w.label(S.AGENCIES, agency) if agency else ""

    def attendance(self) -> None:
        w = self.w
        people = self.data.attendance
        self.heading(w(S.H_ATTENDANCE))
        rows = []
        for a in people:
            if a.status not in _PRESENT:
                continue
            support = [
                w(label)
                for flag, label in (
                    (a.interpreter_present, S.INTERPRETER),
                    (a.advocate_present, S.ADVOCATE),
                    (a.supporter_present, S.SUPPORTER),
                )
                if flag
            ]
            rows.append(
                [
                    a.name,
                    self._role(a.kind, a.role_title),
                    self._agency(a.agency),
                    w.label(S.ATTENDANCE_STATUSES, a.status),
                    ", ".join(support),
                ]
            )
        header = [w(S.F_NAME), w(S.F_ROLE), w(S.F_AGENCY), w(S.F_STATUS), w(S.F_SUPPORT_PRESENT)]
        self.table(header, rows, [3, 3, 2.5, 2.5, 2])

        self.heading(w(S.H_APOLOGIES), 2)
        absent = [
            [a.name, self._role(a.kind, a.role_title), self._agency(a.agency), w.label(S.ATTENDANCE_STATUSES, a.status)]
            for a in people
            if a.status in _ABSENT
        ]
        if absent:
            self.table([w(S.F_NAME), w(S.F_ROLE), w(S.F_AGENCY), w(S.F_STATUS)], absent, [3, 3, 2.5, 3])
        else:
            self.para(escape(w(S.NOBODY_ABSENT)))

        self.heading(w(S.H_EXCLUSIONS), 2)
        excluded = [
            [
                a.name,
                w(S.EXCLUDED_FROM_DECISION)
                if a.excluded_from_decision and a.status == "excluded_part"
                else w.label(S.ATTENDANCE_STATUSES, a.status),
                a.exclusion_reason,
            ]
            for a in people
            if a.status in _EXCLUDED
        ]
        if excluded:
            self.table([w(S.F_NAME), w(S.F_STATUS), w(S.F_REASON)], excluded, [3, 3, 5])
        else:
            self.para(escape(w(S.NOBODY_EXCLUDED)))

    def reports(self) -> None:
        w = self.w
        self.heading(w(S.H_REPORTS))
        if not self.data.reports:
            self.para(escape(w(S.NO_REPORTS)))
            return
        rows = [
            [
                self._agency(r.agency),
                r.author,
                r.child_name or w(S.F_ALL_CHILDREN),
                w.date(r.received_on) if r.received_on else "",
                w.date(r.shared_with_parents_on) if r.shared_with_parents_on else w(S.NO),
            ]
            for r in self.data.reports
        ]
        header = [w(S.F_AGENCY), w(S.F_AUTHOR), w(S.F_ABOUT), w(S.F_RECEIVED), w(S.F_SHARED)]
        self.table(header, rows, [2.5, 3, 3, 2.2, 2.2])
        for r in self.data.reports:
            if r.summary.strip():
                self.para(f"{escape(self._agency(r.agency))} ({escape(r.author)})", self.st.label)
                self.user_text(r.summary)

    def voices(self) -> None:
        w = self.w
        self.heading(w(S.H_VOICE))
        for v in self.data.voices:
            self.heading(v.child_name, 2)
            pairs = [
                (w(S.F_PARTICIPATION), w.label(S.PARTICIPATION_MODES, v.participation_mode)),
                (w(S.F_ADVOCACY), w.label(S.ADVOCACY_OFFERS, v.advocacy_offer)),
                (w(S.F_ADVOCACY_REASON), v.advocacy_not_offered_reason),
                (w(S.F_CHAIR_MET), w.yes_no(v.chair_met_child_before)),
                (w(S.F_DEBRIEF), w.yes_no(v.debrief_offered)),
                (w(S.F_VOICE_NOT_RECORDED), v.not_recorded_reason),
            ]
            self.fields(pairs)
            self.labelled(w(S.F_WISHES), v.wishes_and_feelings)
            self.labelled(w(S.F_LIVED), v.lived_experience)
            self.labelled(w(S.F_FOLLOW_UP), v.social_worker_follow_up)

    def discussion(self) -> None:
        w = self.w
        self.heading(w(S.H_DISCUSSION))
        for block in self.data.minutes:
            if block.withheld:
                self.para(f"<i>{escape(w(S.WITHHELD_PLACEHOLDER))}</i>")
                continue
            title = w(S.MINUTES_SECTIONS.get(block.key, S.H_DISCUSSION))
            if block.child_name:
                title = w(S.SECTION_ABOUT_CHILD, title, block.child_name)
            self.heading(title, 2)
            self.user_text(block.text)

    def _how_decided(self, d: DecisionInfo) -> str:
        w = self.w
        if d.consensus is None and not d.chair_decided:
            return ""
        return w(S.F_CONSENSUS) if d.consensus and not d.chair_decided else w(S.F_NO_CONSENSUS)

    def decision(self, d: DecisionInfo, full: bool) -> None:
        w = self.w
        self.heading(w(S.H_DECISION_FOR, d.child_name), 2)
        if d.withheld:
            self.para(escape(w(S.DECISION_WITHHELD)))
            return
        outcome = w.label(S.OUTCOMES, d.outcome) if d.outcome else w(S.NOT_DECIDED)
        pairs = [
            (w(S.F_OUTCOME), outcome),
            (w(S.F_CATEGORIES), w.labels(S.CATEGORIES, d.categories) if d.outcome in _REGISTERED_OUTCOMES else ""),
            (w(S.F_COORDINATOR), d.coordinator_name),
            (w(S.F_HOW_DECIDED), self._how_decided(d)),
            (w(S.F_CHAIR_REASON), d.chair_decision_reason if d.chair_decided else ""),
        ]
        self.fields(pairs)
        self.labelled(w(S.F_RATIONALE), d.rationale)
        if full:
            self.labelled(w(S.F_EVIDENCE), d.evidence)
            self.labelled(w(S.F_EVIDENCE_OF_CHANGE), d.evidence_of_change)
        self.labelled(w(S.F_PLAN_IF_NOT), d.plan_if_not_registered)
        self.labelled(w(S.F_CONTINGENCY), d.contingency_plan)
        if not full:
            return
        if d.views:
            self.para(escape(w(S.H_VIEWS)), self.st.label)
            rows = [
                [
                    v.name,
                    self._agency(v.agency),
                    w.label(S.VIEW_KINDS, v.view),
                    w.labels(S.CATEGORIES, v.categories),
                    v.reasons,
                ]
                for v in d.views
            ]
            header = [w(S.F_PRACTITIONER), w(S.F_AGENCY), w(S.F_VIEW), w(S.F_CATEGORIES), w(S.F_REASON)]
            self.table(header, rows, [2.6, 2.2, 2, 2.6, 4.5])
        self.para(escape(w(S.H_DISSENT)), self.st.label)
        if d.dissents:
            rows = [[x.name, self._agency(x.agency), x.reason] for x in d.dissents]
            self.table([w(S.F_PRACTITIONER), w(S.F_AGENCY), w(S.F_REASON)], rows, [3, 2.5, 7])
        else:
            self.para(escape(w(S.NO_DISSENT)))
        for text in d.addenda:
            self.labelled(w(S.F_ADDENDUM), text)

    def decisions(self, full: bool) -> None:
        self.heading(self.w(S.H_DECISIONS))
        for d in self.data.decisions:
            self.decision(d, full)

    def actions(self, actions: Sequence[ActionInfo]) -> None:
        w = self.w
        if not actions:
            self.para(escape(w(S.NO_ACTIONS)))
            return
        rows = [
            [
                a.description,
                ", ".join(x for x in (a.owner, self._agency(a.owner_agency)) if x),
                w.date(a.due_on),
            ]
            for a in actions
        ]
        self.table([w(S.F_ACTION), w(S.F_OWNER), w(S.F_DUE)], rows, [7, 3.5, 2.3])

    def plan(self, p: PlanInfo, registered: bool) -> None:
        w = self.w
        self.heading(w(S.H_PLAN_FOR, p.child_name), 2)
        has_content = any((p.risks, p.keeping_safe, p.outcomes, p.support, p.monitoring, p.actions))
        if not registered and not has_content:
            self.para(escape(w(S.NO_PLAN)))
            return
        self.labelled(w(S.F_RISKS), p.risks)
        self.labelled(w(S.F_KEEPING_SAFE), p.keeping_safe)
        self.labelled(w(S.F_OUTCOMES), p.outcomes)
        self.labelled(w(S.F_SUPPORT), p.support)
        self.labelled(w(S.F_MONITORING), p.monitoring)
        self.labelled(w(S.F_WISHES_VIEWS), p.wishes_and_views)
        self.labelled(w(S.F_CONTINGENCY), p.contingency)
        self.para(escape(w(S.H_ACTIONS)), self.st.label)
        self.actions(p.actions)
        self.fields(
            [
                (w(S.F_FIRST_CORE_GROUP), w.date(p.first_core_group_on) if registered else ""),
                (w(S.H_CORE_GROUP), ", ".join(p.core_group)),
            ]
        )

    def plans(self) -> None:
        w = self.w
        self.heading(w(S.H_PLAN))
        outcomes = {d.child_id: d.outcome for d in self.data.decisions}
        withheld = {d.child_id for d in self.data.decisions if d.withheld}
        for p in self.data.plans:
            if p.child_id in withheld:
                # The plan follows from the decision (a CASPP means registration): withheld with it.
                self.heading(w(S.H_PLAN_FOR, p.child_name), 2)
                self.para(escape(w(S.DECISION_WITHHELD)))
                continue
            self.plan(p, outcomes.get(p.child_id) in _REGISTERED_OUTCOMES)
        if self.data.general_actions:
            self.heading(w(S.H_GENERAL_ACTIONS), 2)
            self.actions(self.data.general_actions)

    def next_review(self) -> None:
        w = self.w
        self.heading(w(S.H_NEXT_REVIEW))
        # A withheld decision may be a registration: "no review is needed" would tell its outcome.
        any_registered = any(d.outcome in _REGISTERED_OUTCOMES or d.withheld for d in self.data.decisions)
        if self.data.next_review_on is not None or any_registered:
            self.para(escape(w(S.NEXT_REVIEW_ON, w.date(self.data.next_review_on))))
        else:
            self.para(escape(w(S.NEXT_REVIEW_NONE)))

    def distribution(self) -> None:
        w = self.w
        self.heading(w(S.H_DISTRIBUTION))
        rows = [
            [
                r.recipient_name,
                self._agency(r.agency),
                w(S.F_COPY_FULL) if r.full_copy else w(S.F_COPY_PARTIAL),
                w.label(S.LANGUAGES, r.language),
                w.date(r.sent_on) if r.sent_on else "",
            ]
            for r in self.data.distribution
        ]
        header = [w(S.F_RECIPIENT), w(S.F_AGENCY), w(S.F_COPY), w(S.F_RECORD_LANGUAGE), w(S.F_SENT)]
        self.table(header, rows, [4, 3, 1.6, 1.8, 2.4])


# ---- the four documents


def _record(b: _Builder) -> None:
    w = b.w
    b.title(w(S.TITLE_RECORD))
    b.withheld_notice()
    b.heading(w(S.H_DETAILS))
    b.details(full=True)
    b.children()
    b.attendance()
    b.reports()
    b.voices()
    b.discussion()
    b.decisions(full=True)
    b.plans()
    b.next_review()
    b.distribution()
    b.spacer(4)
    b.para(escape(w(S.CONFIDENTIAL_NOTE)), b.st.small)


def _summary(b: _Builder) -> None:
    w = b.w
    b.title(w(S.TITLE_SUMMARY))
    b.withheld_notice()
    b.para(escape(w(S.SUMMARY_INTRO)))
    b.heading(w(S.H_DETAILS))
    b.details(full=False)
    b.children()
    b.decisions(full=False)
    b.plans()
    b.next_review()
    b.spacer(4)
    b.para(escape(w(S.CONFIDENTIAL_NOTE)), b.st.small)


def _letter(b: _Builder) -> None:
    w, d = b.w, b.data
    recipient = d.recipient
    wanted = set(recipient.child_ids) if recipient and recipient.child_ids else None
    decisions = [x for x in d.decisions if wanted is None or x.child_id in wanted]
    plans = {p.child_id: p for p in d.plans}
    style = b.st.letter
    for i, dec in enumerate(decisions):
        if i:
            b.page_break()
        b.para(f"<b>{escape(d.council_name)}</b>", style)
        b.para(escape(w.date(d.issued_on or d.held_on)), style)
        if recipient is not None:
            b.para(_text(recipient.name + ("\n" + recipient.address if recipient.address else "")), style)
        b.spacer(4)
        b.para(f"<b>{escape(w(S.LETTER_ABOUT, dec.child_name))}</b>", style)
        b.para(escape(w(S.LETTER_DEAR, recipient.name) if recipient else w(S.LETTER_DEAR_FAMILY)), style)
        if d.held_on:
            b.para(escape(w(S.LETTER_INTRO, w.date(d.held_on), dec.child_name)), style)
        else:
            b.para(escape(w(S.LETTER_INTRO_UNDATED, dec.child_name)), style)

        b.heading(w(S.LETTER_H_DECIDED), 2)
        if dec.withheld:
            # Nothing of a withheld decision: not its outcome, reasons, plan or co-ordinator.
            b.para(escape(w(S.DECISION_WITHHELD)), style)
            _letter_close(b, style)
            continue
        sentence = {
            "decision_2_registered": S.LETTER_REGISTERED,
            "decision_1_not_registered": S.LETTER_NOT_REGISTERED,
            "remain_same_category": S.LETTER_REMAIN,
            "remain_category_changed": S.LETTER_REMAIN_CHANGED,
            "deregister": S.LETTER_DEREGISTER,
        }.get(dec.outcome or "", S.LETTER_UNDECIDED)
        b.para(escape(w(sentence, dec.child_name)), style)
        registered = dec.outcome in _REGISTERED_OUTCOMES
        if registered and dec.categories:
            b.para(escape(w(S.LETTER_WORRIES, w.labels(S.CATEGORIES_PLAIN, dec.categories))), style)
        if dec.rationale.strip():
            b.heading(w(S.LETTER_H_WHY), 2)
            b.user_text(dec.rationale, style)

        b.heading(w(S.LETTER_H_NEXT), 2)
        plan = plans.get(dec.child_id)
        if registered:
            b.para(escape(w(S.LETTER_NEXT_PLAN)), style)
            if plan is not None and plan.first_core_group_on:
                b.para(escape(w(S.LETTER_NEXT_CORE_GROUP, w.date(plan.first_core_group_on))), style)
            if d.next_review_on is not None:
                b.para(escape(w(S.LETTER_NEXT_REVIEW, w.date(d.next_review_on))), style)
        else:
            b.para(escape(w(S.LETTER_NEXT_SUPPORT)), style)
            if dec.plan_if_not_registered.strip():
                b.para(escape(w(S.LETTER_NEXT_SUPPORT_PLAN, dec.plan_if_not_registered.strip())), style)

        b.heading(w(S.LETTER_H_CONTACT), 2)
        if dec.coordinator_name:
            b.para(escape(w(S.LETTER_COORDINATOR, dec.coordinator_name, dec.child_name)), style)
        else:
            b.para(escape(w(S.LETTER_COORDINATOR_NONE, dec.child_name)), style)

        _letter_close(b, style)
    if not decisions:
        b.para(escape(w(S.NOT_DECIDED)), style)


def _letter_close(b: _Builder, style: Any) -> None:
    """The end of each child's letter: how to correct or complain, the language offer, the chair."""
    w = b.w
    b.heading(w(S.LETTER_H_WRONG), 2)
    b.para(escape(w(S.LETTER_CORRECTIONS)), style)
    b.para(escape(w(S.LETTER_COMPLAIN)), style)
    b.para(escape(w(S.LETTER_LANGUAGE)), style)
    b.spacer(4)
    b.para(escape(w(S.LETTER_SIGN_OFF)), style)
    b.spacer(6)
    b.para(escape(b.data.chair_name), style)
    b.para(escape(w(S.LETTER_CHAIR_TITLE)), style)


def _notice(b: _Builder) -> None:
    w, d = b.w, b.data
    b.title(w(S.TITLE_NOTICE))
    b.fields(
        [
            (w(S.F_COUNCIL), d.council_name),
            (w(S.F_REFERENCE), d.meta.reference),
            (w(S.F_DATE), w.date(d.issued_on or d.held_on)),
            (w(S.F_FOR), d.recipient.name if d.recipient else ""),
        ]
    )
    b.para(escape(w(S.NOTICE_INTRO, w.date(d.held_on))))
    b.heading(w(S.H_CHANGES) if d.register_changes else w(S.H_NO_CHANGES))
    for c in d.register_changes:
        b.heading(c.child_name, 2)
        b.fields(
            [
                (w(S.F_DOB), w.date(c.date_of_birth) if c.date_of_birth else ""),
                (w(S.F_CHANGE), w.label(S.REGISTER_CHANGES, c.change)),
                (w(S.F_EFFECTIVE), w.date(c.effective_on)),
                (w(S.F_CATEGORIES), w.labels(S.CATEGORIES, c.categories) if c.categories else ""),
                (
                    w(S.F_PREVIOUS_CATEGORIES),
                    w.labels(S.CATEGORIES, c.previous_categories) if c.previous_categories else "",
                ),
                (w(S.F_REASON), w.label(S.END_REASONS, c.end_reason) if c.end_reason else c.reason),
                (w(S.F_COORDINATOR), c.coordinator),
            ]
        )
    changed = {c.child_name for c in d.register_changes}
    withheld = {x.child_id for x in d.decisions if x.withheld}
    for child in d.children:
        if child.id in withheld:
            # Neither a change nor "no change": either would tell the withheld outcome.
            b.heading(child.name, 2)
            b.para(escape(w(S.DECISION_WITHHELD)))
        elif child.name not in changed:
            b.para(escape(w(S.NOTICE_NO_CHANGE_FOR, child.name)))
    b.spacer(4)
    b.para(escape(w(S.CONFIDENTIAL_NOTE)), b.st.small)


_CONTENT: dict[DocumentKind, tuple[Callable[[_Builder], None], str, str]] = {
    DocumentKind.RECORD: (_record, S.TITLE_RECORD, S.SHORT_RECORD),
    DocumentKind.SUMMARY: (_summary, S.TITLE_SUMMARY, S.SHORT_SUMMARY),
    DocumentKind.LETTER: (_letter, S.TITLE_LETTER, S.SHORT_LETTER),
    DocumentKind.NOTICE: (_notice, S.TITLE_NOTICE, S.SHORT_NOTICE),
}


# ---- page furniture


def _numbered_canvas(page_label: Callable[[int, int], str], x: float, y: float) -> type:
    """A canvas that holds pages back until the end, so each can say "Page x of y"."""
    from reportlab.pdfgen.canvas import Canvas

    class NumberedCanvas(Canvas):  # type: ignore[misc]
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._held: list[dict[str, Any]] = []

        def showPage(self) -> None:
            self._held.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._held)
            for number, state in enumerate(self._held, start=1):
                self.__dict__.update(state)
                self.setFont(REGULAR, 8)
                self.setFillGray(0)
                self.drawRightString(x, y, page_label(number, total))
                Canvas.showPage(self)
            Canvas.save(self)

    return NumberedCanvas


def render(data: ConferenceDocumentData) -> bytes:
    """Render ``data`` as the PDF named by ``data.meta.kind`` and return the file's bytes.

    Runs on any thread (a worker thread in the app); the same data always gives the same bytes.

    Raises:
        FontMissingError: the bundled fonts are missing.
    """
    from reportlab import rl_config
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm
    from reportlab.pdfbase.pdfmetrics import stringWidth
    from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate

    # Binary (not ASCII85) streams: PDFs are written as files, never pasted as text; 10-15% faster.
    rl_config.useA85 = 0
    register_fonts()
    meta = data.meta
    builder = _Builder(data)
    w = builder.w
    content, title_source, short_source = _CONTENT[meta.kind]
    content(builder)

    page_w, page_h = A4
    left, right = 20 * mm, page_w - 20 * mm
    marking = w(S.MARKING)
    short_title = w(short_source)
    if meta.draft:
        status = w(S.DRAFT_STATUS)
    elif data.approved_on is not None:
        status = w(S.APPROVED_STATUS, w.date(data.approved_on))
    else:
        status = ""
    footer_left = " · ".join(
        x for x in (w(S.VERSION_N, meta.version), status, w(S.PARTIAL_COPY) if meta.partial else "") if x
    )
    watermark = w(S.DRAFT)

    def furniture(canv: Any, doc: Any) -> None:
        canv.saveState()
        if meta.draft:
            # Drawn first, under the text, in a light grey that never hides a word.
            size = min(110.0, 0.95 * (page_w**2 + page_h**2) ** 0.5 / max(stringWidth(watermark, BOLD, 1), 1))
            canv.setFillGray(0.88)
            canv.setFont(BOLD, size)
            canv.translate(page_w / 2, page_h / 2)
            canv.rotate(54.7)
            canv.drawCentredString(0, -size / 3, watermark)
            canv.rotate(-54.7)
            canv.translate(-page_w / 2, -page_h / 2)
        canv.setFillColorRGB(0.55, 0.07, 0.07)
        canv.setFont(BOLD, 9)
        canv.drawCentredString(page_w / 2, page_h - 11 * mm, marking)
        canv.drawCentredString(page_w / 2, 8 * mm, marking)
        canv.setFillGray(0)
        canv.setFont(REGULAR, 8)
        canv.drawString(left, page_h - 16 * mm, short_title)
        canv.drawRightString(right, page_h - 16 * mm, meta.reference)
        canv.setLineWidth(0.4)
        canv.line(left, page_h - 17.5 * mm, right, page_h - 17.5 * mm)
        canv.line(left, 16.5 * mm, right, 16.5 * mm)
        canv.drawString(left, 13 * mm, footer_left)
        canv.restoreState()

    buffer = io.BytesIO()
    doc = BaseDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=20 * mm,
        rightMargin=20 * mm,
        topMargin=22 * mm,
        bottomMargin=21 * mm,
        title=f"{w(title_source)} {meta.reference}",
        author=data.council_name,
        subject=meta.reference,
        creator="Cofnod",
        invariant=1,
        initialFontName=REGULAR,
        lang=meta.language,
    )
    frame = Frame(doc.leftMargin, doc.bottomMargin, doc.width, doc.height, id="body", leftPadding=0, rightPadding=0)
    doc.addPageTemplates([PageTemplate(id="page", frames=[frame], onPage=furniture)])
    canvas_class = _numbered_canvas(lambda n, total: w(S.PAGE_X_OF_Y, n, total), right, 13 * mm)
    doc.build(builder.out, canvasmaker=canvas_class)
    return buffer.getvalue()


def page_count(pdf: bytes) -> int:
    """The number of pages in a PDF this module wrote (counts page objects; no parser needed)."""
    return len(re.findall(rb"/Type /Page\b(?!s)", pdf))
