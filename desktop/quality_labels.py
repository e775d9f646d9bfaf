"""The words of the quality measures (issue 13): a label per measure code and per breakdown value.

Qt-free, so the CSV export, the board PDF and the Quality page use the same words. The English
source strings are marked for Qt Linguist in the "Quality" context; Welsh comes from
``resources/translations/quality_cy.ts`` (its own catalogue, merged by :func:`desktop.catalog.load_catalog`
and compiled with the others by ``make translations``; ``tests/unit/quality/test_labels.py`` keeps it
complete and in step with this file).
"""

from __future__ import annotations

import logging
from collections.abc import Mapping

from desktop.catalog import QT_TRANSLATE_NOOP, Catalog, load_catalog

logger = logging.getLogger(__name__)

CONTEXT = "Quality"

#: Shown instead of a suppressed count (1 to 4) in anything that leaves the council.
FEWER_THAN_5 = QT_TRANSLATE_NOOP("Quality", "fewer than 5")

GROUP_LABELS: Mapping[str, str] = {
    "timeliness": QT_TRANSLATE_NOOP("Quality", "Timeliness"),
    "voice": QT_TRANSLATE_NOOP("Quality", "The child's voice and language"),
    "multi_agency": QT_TRANSLATE_NOOP("Quality", "Multi-agency working"),
    "decisions": QT_TRANSLATE_NOOP("Quality", "Decisions"),
    "continuity": QT_TRANSLATE_NOOP("Quality", "Continuity"),
    "register_now": QT_TRANSLATE_NOOP("Quality", "The register now"),
}

#: What each group counts, for the page and the board report.
GROUP_DEFINITIONS: Mapping[str, str] = {
    "timeliness": QT_TRANSLATE_NOOP(
        "Quality",
        "On time and late count the deadlines met in the period, late by working days after the due date; "
        "still open and overdue counts the deadlines due in the period and not met by its end. "
        "Working days leave out weekends, bank holidays in Wales and the council's closure days.",
    ),
    "voice": QT_TRANSLATE_NOOP(
        "Quality",
        "Out of the decisions made at conferences held in the period; the Welsh figures are out of those conferences.",
    ),
    "multi_agency": QT_TRANSLATE_NOOP(
        "Quality",
        "Attendance is out of the conferences held in the period; quorate, postponed and inquorate are out of every "
        "sitting in the period, postponed and inquorate ones included.",
    ),
    "decisions": QT_TRANSLATE_NOOP(
        "Quality",
        "Registrations and removals begun or ended in the period; a registration again within 12 months of a removal "
        "is the national indicator of removals made too early.",
    ),
    "continuity": QT_TRANSLATE_NOOP(
        "Quality",
        "Changes of co-ordinator after the first, for children on the register at any time in the period.",
    ),
    "register_now": QT_TRANSLATE_NOOP(
        "Quality", "At the end of the period, or today if the period has not ended; temporary registrations apart."
    ),
}

RULE_LABELS: Mapping[str, str] = {
    "icpc_held": QT_TRANSLATE_NOOP("Quality", "Initial conference within 15 working days of the strategy discussion"),
    "transfer_in_conference": QT_TRANSLATE_NOOP("Quality", "Transfer-in conference within 15 working days"),
    "first_review": QT_TRANSLATE_NOOP("Quality", "First review within 3 months"),
    "next_review": QT_TRANSLATE_NOOP("Quality", "Later review within 6 months"),
    "summary_sent": QT_TRANSLATE_NOOP("Quality", "Summary and outline plan within 5 working days"),
    "full_record_sent": QT_TRANSLATE_NOOP("Quality", "Full record within 20 working days"),
    "first_core_group": QT_TRANSLATE_NOOP("Quality", "First core group within 10 working days"),
}

STATE_LABELS: Mapping[str, str] = {
    "on_time": QT_TRANSLATE_NOOP("Quality", "on time"),
    "late": QT_TRANSLATE_NOOP("Quality", "late"),
    "open_overdue": QT_TRANSLATE_NOOP("Quality", "still open and overdue"),
}

#: "%1: %2" joins a rule and its state.
RULE_STATE = QT_TRANSLATE_NOOP("Quality", "%1: %2")

MEASURE_LABELS: Mapping[str, str] = {
    "voice.recorded": QT_TRANSLATE_NOOP("Quality", "Decisions with the child's voice recorded"),
    "voice.heard": QT_TRANSLATE_NOOP("Quality", "How the child's voice was heard"),
    "voice.advocacy.offered": QT_TRANSLATE_NOOP("Quality", "Advocacy offered"),
    "voice.advocacy.taken_up": QT_TRANSLATE_NOOP("Quality", "Advocacy taken up"),
    "voice.welsh_active_offer": QT_TRANSLATE_NOOP("Quality", "Welsh Active Offer made"),
    "voice.held_in_welsh": QT_TRANSLATE_NOOP("Quality", "Conferences held in Welsh"),
    "multi_agency.attendance": QT_TRANSLATE_NOOP("Quality", "Conferences attended by the agency"),
    "multi_agency.quorate_first_date": QT_TRANSLATE_NOOP("Quality", "Quorate at the first date"),
    "multi_agency.postponed": QT_TRANSLATE_NOOP("Quality", "Postponed"),
    "multi_agency.inquorate": QT_TRANSLATE_NOOP("Quality", "Inquorate"),
    "multi_agency.report_from_absent_agency": QT_TRANSLATE_NOOP(
        "Quality", "Report sent by an agency that did not attend"
    ),
    "multi_agency.two_agency_exception": QT_TRANSLATE_NOOP("Quality", "Chair's exceptional two-agency decision"),
    "decisions.registrations": QT_TRANSLATE_NOOP("Quality", "Registrations"),
    "decisions.removals": QT_TRANSLATE_NOOP("Quality", "Removals from the register"),
    "decisions.removals_by_reason": QT_TRANSLATE_NOOP("Quality", "Removals by reason"),
    "decisions.registrations_by_month": QT_TRANSLATE_NOOP("Quality", "Registrations by month"),
    "decisions.removals_by_month": QT_TRANSLATE_NOOP("Quality", "Removals by month"),
    "decisions.consensus": QT_TRANSLATE_NOOP("Quality", "Decisions by consensus"),
    "decisions.chair_decided": QT_TRANSLATE_NOOP("Quality", "Decisions made by the chair"),
    "decisions.with_dissent": QT_TRANSLATE_NOOP("Quality", "Decisions with dissent recorded"),
    "decisions.removed_at_first_review": QT_TRANSLATE_NOOP("Quality", "Removed at the first review"),
    "decisions.reregistered_within_12_months": QT_TRANSLATE_NOOP(
        "Quality", "Registered again within 12 months of a removal"
    ),
    "decisions.on_register_over_12_months": QT_TRANSLATE_NOOP("Quality", "On the register for over 12 months"),
    "decisions.on_register_over_24_months": QT_TRANSLATE_NOOP("Quality", "On the register for over 24 months"),
    "continuity.changes.median": QT_TRANSLATE_NOOP("Quality", "Co-ordinator changes per child: median"),
    "continuity.changes.maximum": QT_TRANSLATE_NOOP("Quality", "Co-ordinator changes per child: maximum"),
    "continuity.changes": QT_TRANSLATE_NOOP("Quality", "Children by number of co-ordinator changes"),
    "continuity.three_or_more_in_12_months": QT_TRANSLATE_NOOP(
        "Quality", "Children with three or more co-ordinator changes in 12 months"
    ),
    "register_now.on_register": QT_TRANSLATE_NOOP("Quality", "Children on the register"),
    "register_now.by_age": QT_TRANSLATE_NOOP("Quality", "Children on the register by age"),
    "register_now.turning_18_within_90_days": QT_TRANSLATE_NOOP("Quality", "18th birthdays in the next 90 days"),
    "register_now.temporary": QT_TRANSLATE_NOOP("Quality", "Temporary registrations"),
    "register_now.transfers_in": QT_TRANSLATE_NOOP("Quality", "Transfers in"),
    "register_now.transfers_out": QT_TRANSLATE_NOOP("Quality", "Transfers out"),
}

BREAKDOWN_LABELS: Mapping[str, str] = {
    # agencies
    "social_services": QT_TRANSLATE_NOOP("Quality", "Social services"),
    "police": QT_TRANSLATE_NOOP("Quality", "Police"),
    "health": QT_TRANSLATE_NOOP("Quality", "Health"),
    "education": QT_TRANSLATE_NOOP("Quality", "Education"),
    "other": QT_TRANSLATE_NOOP("Quality", "Other agencies"),
    # categories
    "physical": QT_TRANSLATE_NOOP("Quality", "Physical abuse"),
    "emotional": QT_TRANSLATE_NOOP("Quality", "Emotional abuse"),
    "sexual": QT_TRANSLATE_NOOP("Quality", "Sexual abuse"),
    "neglect": QT_TRANSLATE_NOOP("Quality", "Neglect"),
    "financial": QT_TRANSLATE_NOOP("Quality", "Financial abuse"),
    # how the child's voice was heard
    "attends_whole": QT_TRANSLATE_NOOP("Quality", "Directly: attended all of it"),
    "attends_part": QT_TRANSLATE_NOOP("Quality", "Directly: attended part"),
    "advocate_attends": QT_TRANSLATE_NOOP("Quality", "Through an advocate"),
    "prepared_contribution": QT_TRANSLATE_NOOP("Quality", "Written or prepared contribution"),
    "via_social_worker": QT_TRANSLATE_NOOP("Quality", "Through a representative (social worker)"),
    "not_attending_chair_decision": QT_TRANSLATE_NOOP("Quality", "Not attending (the chair's decision)"),
    "not_possible_with_reason": QT_TRANSLATE_NOOP("Quality", "Not possible, with the reason recorded"),
    # end reasons
    "review_no_continuing_risk": QT_TRANSLATE_NOOP("Quality", "No continuing risk (review)"),
    "moved_permanently": QT_TRANSLATE_NOOP("Quality", "Moved permanently to another council"),
    "reached_18": QT_TRANSLATE_NOOP("Quality", "Reached 18"),
    "died": QT_TRANSLATE_NOOP("Quality", "Died"),
    "left_uk": QT_TRANSLATE_NOOP("Quality", "Left the UK"),
    # age bands
    "unborn": QT_TRANSLATE_NOOP("Quality", "Unborn"),
    "under_1": QT_TRANSLATE_NOOP("Quality", "Under 1"),
    "1_4": QT_TRANSLATE_NOOP("Quality", "1 to 4"),
    "5_9": QT_TRANSLATE_NOOP("Quality", "5 to 9"),
    "10_15": QT_TRANSLATE_NOOP("Quality", "10 to 15"),
    "16_17": QT_TRANSLATE_NOOP("Quality", "16 to 17"),
    "unknown": QT_TRANSLATE_NOOP("Quality", "Age not known"),
    # co-ordinator changes
    "0": QT_TRANSLATE_NOOP("Quality", "No change"),
    "1": QT_TRANSLATE_NOOP("Quality", "1 change"),
    "2": QT_TRANSLATE_NOOP("Quality", "2 changes"),
    "3_or_more": QT_TRANSLATE_NOOP("Quality", "3 or more changes"),
}

#: The CSV's column headings, in order.
CSV_HEADINGS = (
    QT_TRANSLATE_NOOP("Quality", "code"),
    QT_TRANSLATE_NOOP("Quality", "breakdown"),
    QT_TRANSLATE_NOOP("Quality", "measure"),
    QT_TRANSLATE_NOOP("Quality", "slice"),
    QT_TRANSLATE_NOOP("Quality", "count"),
    QT_TRANSLATE_NOOP("Quality", "out of"),
    QT_TRANSLATE_NOOP("Quality", "value"),
)


class QualityWords:
    """The quality words in one language ("cy" or "en")."""

    def __init__(self, language: str, catalog: Catalog | None = None) -> None:
        self.language = language if language in ("cy", "en") else "en"
        self._catalog = catalog or load_catalog(self.language)

    def tr(self, source: str, *args: object) -> str:
        """Translate a source string of the "Quality" context."""
        return self._catalog.tr(CONTEXT, source, *args)

    def measure(self, code: str) -> str:
        """The label of a measure code; the code itself when it has none (a newer code)."""
        if code.startswith("timeliness."):
            parts = code.split(".")
            if len(parts) == 3 and parts[1] in RULE_LABELS and parts[2] in STATE_LABELS:
                return self.tr(RULE_STATE, self.tr(RULE_LABELS[parts[1]]), self.tr(STATE_LABELS[parts[2]]))
        source = MEASURE_LABELS.get(code)
        return self.tr(source) if source is not None else code

    def breakdown(self, value: str | None) -> str:
        """The label of a breakdown value; a month (``2026-03``) or unknown value is shown as it is."""
        if value is None:
            return ""
        source = BREAKDOWN_LABELS.get(value)
        return self.tr(source) if source is not None else value

    def group(self, group: str) -> str:
        """The label of a measure group."""
        source = GROUP_LABELS.get(group)
        return self.tr(source) if source is not None else group

    def definition(self, group: str) -> str:
        """What a measure group counts."""
        source = GROUP_DEFINITIONS.get(group)
        return self.tr(source) if source is not None else ""

    def count(self, count: int | None) -> str:
        """A count as printed: "fewer than 5" when suppressed, "" when there is none."""
        from sync.protocol.quality import SUPPRESSED

        if count is None:
            return ""
        return self.tr(FEWER_THAN_5) if count == SUPPRESSED else str(count)
