"""Every quality measure over one small fixture, with the expected figures counted by hand.

The period is 1 December 2026 to 31 January 2027: it crosses Christmas (Friday 25 December, Boxing
Day observed on Monday 28 December, New Year's Day on Friday 1 January 2027) and two month ends.
``today`` is 10 February 2027, so "as at" dates are the period's end, 31 January 2027.

The fixture (children k1..k9, conferences by what they show):

- ``c_on_time``: ICPC, strategy discussion Tue 8 Dec; 15 WD after it is Thu 31 Dec (9-11, 14-18,
  21-24, 29-31 Dec), held on 31 Dec: on time on the last day, a month end. Registers k1.
- ``c_late``: ICPC, strategy discussion Wed 9 Dec, due Mon 4 Jan (Christmas and New Year's Day
  skipped), held Tue 5 Jan: late by one working day. Registers k2. Two agencies with the chair's
  reason. Its first sitting, ``c_postponed`` (22 Dec), was postponed.
- ``c_open``: ICPC, strategy discussion Mon 30 Nov, due Mon 21 Dec, never held: open and overdue.
- ``r1``: the first review of k3 and k9 (ICPC 30 Sep 2026), due Wed 30 Dec, held 30 Dec; k9 is
  removed at it. ``c_inquorate``: k5's review on 12 Jan, inquorate.
- Re-registrations: k2's previous registration ended 10 Feb 2026, 11 months before 5 Jan 2027
  (counts); k1's ended 20 Nov 2025, 13 months before 31 Dec 2026 (does not).
- k3's co-ordinator changed three times in the period (2 Dec, 4 Jan, 25 Jan).
"""

from __future__ import annotations

from datetime import date

import pytest

from sync.protocol.quality import (
    AgencyReportFact,
    AttendanceFact,
    ChildFact,
    ConferenceFact,
    CoordinatorFact,
    CoreGroupFact,
    DecisionFact,
    Measure,
    Period,
    QualityFacts,
    QualityReport,
    RegisterEntryFact,
    VoiceFact,
    compute,
    report_rows,
    suppress,
)

D = date
PERIOD = Period(D(2026, 12, 1), D(2027, 1, 31))
TODAY = D(2027, 2, 10)

SS, POL, HEA, EDU = "social_services", "police", "health", "education"

CONFERENCES = (
    ConferenceFact(
        "c_on_time", "initial", "distributed", D(2026, 12, 31), held_on=D(2026, 12, 31),
        strategy_discussion_on=D(2026, 12, 8), summary_sent_on=D(2027, 1, 8), language="cy",
        welsh_active_offer_made=True, child_ids=("k1",), present_agencies=(HEA, POL, SS),
        quorum_agencies=(HEA, POL, SS), invited_agencies=(EDU, HEA, POL, SS), report_agencies=(EDU,),
    ),
    ConferenceFact(
        "c_late", "initial", "record_drafted", D(2027, 1, 5), held_on=D(2027, 1, 5),
        strategy_discussion_on=D(2026, 12, 9), summary_sent_on=D(2027, 1, 13), quorum_reason_given=True,
        child_ids=("k2", "k8"), present_agencies=(HEA, SS), quorum_agencies=(HEA, SS),
        invited_agencies=(HEA, POL, SS),
    ),
    ConferenceFact(
        "c_postponed", "initial", "postponed", D(2026, 12, 22), strategy_discussion_on=D(2026, 12, 9),
        child_ids=("k2",),
    ),
    ConferenceFact(
        "c_open", "initial", "scheduled", D(2027, 1, 15), strategy_discussion_on=D(2026, 11, 30), child_ids=("k8",)
    ),
    ConferenceFact(
        "r1", "review", "distributed", D(2026, 12, 30), held_on=D(2026, 12, 30),
        previous_conference_on=D(2026, 9, 30), previous_conference_type="initial",
        summary_sent_on=D(2027, 1, 6), record_sent_on=D(2027, 1, 28), welsh_active_offer_made=True,
        child_ids=("k3", "k9"),
    ),
    ConferenceFact(
        "c_inquorate", "review", "inquorate", D(2027, 1, 12), held_on=D(2027, 1, 12),
        previous_conference_on=D(2026, 7, 20), previous_conference_type="review", child_ids=("k5",),
        present_agencies=(SS,), quorum_agencies=(SS,), invited_agencies=(HEA, SS),
    ),
)  # fmt: skip

# r1's agencies come as rows, the way a side may extract them: folded in by compute.
ATTENDANCE = (
    AttendanceFact("r1", SS, True, True),
    AttendanceFact("r1", POL, True, True),
    AttendanceFact("r1", EDU, True, True),
    AttendanceFact("r1", "housing", True, True),
    AttendanceFact("r1", HEA, False, False),
)
REPORTS = (AgencyReportFact("r1", HEA),)

DECISIONS = (
    DecisionFact("d1", "c_on_time", "k1", "decision_2_registered", ("neglect",), "finalised", True, False),
    DecisionFact("d2", "c_late", "k2", "decision_2_registered", ("emotional", "physical"), "finalised", False, True, 1),
    DecisionFact("d3", "r1", "k3", "remain_same_category", ("physical",), "finalised", True, False),
    DecisionFact("d4", "c_late", "k8", None, (), "draft", None, False),  # no outcome yet: not counted
    DecisionFact("d5", "r1", "k9", "deregister", (), "finalised", True, False),
)

VOICES = (
    VoiceFact("c_on_time", "k1", "attends_whole", "accepted", True, False),
    VoiceFact("c_late", "k2", None, "not_yet_offered", False, True),
    VoiceFact("r1", "k3", "prepared_contribution", "declined", True, False),
    VoiceFact("r1", "k9", "advocate_attends", "accepted", True, False),
)

ENTRIES = (
    RegisterEntryFact("e_k1_old", "k1", D(2025, 3, 1), ("neglect",), ended_on=D(2025, 11, 20),
                      end_reason="review_no_continuing_risk"),
    RegisterEntryFact("e_k1", "k1", D(2026, 12, 31), ("neglect",), conference_id="c_on_time"),
    RegisterEntryFact("e_k2_old", "k2", D(2025, 6, 1), ("emotional",), ended_on=D(2026, 2, 10),
                      end_reason="review_no_continuing_risk"),
    RegisterEntryFact("e_k2", "k2", D(2027, 1, 5), ("emotional", "physical"), conference_id="c_late"),
    RegisterEntryFact("e_k3", "k3", D(2026, 9, 30), ("physical",)),
    RegisterEntryFact("e_k4", "k4", D(2024, 6, 15), ("physical",), ended_on=D(2027, 1, 20), end_reason="reached_18"),
    RegisterEntryFact("e_k5", "k5", D(2024, 11, 30), ("sexual",)),
    RegisterEntryFact("e_k6", "k6", D(2027, 1, 10), ("neglect",), temporary=True),
    RegisterEntryFact("e_k7", "k7", D(2026, 3, 1), ("neglect",), ended_on=D(2026, 12, 15),
                      end_reason="moved_permanently"),
    RegisterEntryFact("e_k9", "k9", D(2026, 9, 30), ("physical",), ended_on=D(2026, 12, 30),
                      end_reason="review_no_continuing_risk"),
)  # fmt: skip

CHILDREN = (
    ChildFact("k1", D(2020, 5, 1)),
    ChildFact("k2", D(2026, 6, 1)),
    ChildFact("k3", None, unborn=True),
    ChildFact("k4", D(2009, 1, 18)),
    ChildFact("k5", D(2009, 3, 15)),
    ChildFact("k9", D(2015, 8, 8)),
)

COORDINATORS = (
    CoordinatorFact("k1", D(2026, 12, 31)),
    CoordinatorFact("k2", D(2027, 1, 5)),
    CoordinatorFact("k2", D(2027, 1, 20)),
    CoordinatorFact("k3", D(2026, 9, 30)),
    CoordinatorFact("k3", D(2026, 12, 2)),
    CoordinatorFact("k3", D(2027, 1, 4)),
    CoordinatorFact("k3", D(2027, 1, 25)),
    CoordinatorFact("k5", D(2024, 11, 30)),
    CoordinatorFact("k5", D(2026, 6, 1)),
    CoordinatorFact("k5", D(2026, 12, 10)),
    CoordinatorFact("k9", D(2026, 9, 30)),
    CoordinatorFact("k9", D(2026, 12, 1)),
)

CORE_GROUPS = (CoreGroupFact("k1", D(2027, 1, 15)), CoreGroupFact("k2", D(2027, 1, 20)))

FACTS = QualityFacts(
    conferences=CONFERENCES,
    attendance=ATTENDANCE,
    agency_reports=REPORTS,
    decisions=DECISIONS,
    voices=VOICES,
    register_entries=ENTRIES,
    children=CHILDREN,
    coordinators=COORDINATORS,
    core_groups=CORE_GROUPS,
)


@pytest.fixture(scope="module")
def report() -> QualityReport:
    return compute(FACTS, PERIOD, today=TODAY)


def _m(report: QualityReport, code: str, breakdown: str | None = None) -> Measure:
    measure = report.get(code, breakdown)
    assert measure is not None, (code, breakdown)
    return measure


def _fig(report: QualityReport, code: str, breakdown: str | None = None) -> tuple[int, int | None, tuple[str, ...]]:
    m = _m(report, code, breakdown)
    assert m.count == len(m.record_ids)
    return m.count, m.denominator, m.record_ids


def test_timeliness_icpc_across_christmas_and_a_month_end(report: QualityReport) -> None:
    # Met in the period: c_on_time (31 Dec, due 31 Dec) and c_late (5 Jan, due 4 Jan): 2.
    assert _fig(report, "timeliness.icpc_held.on_time") == (1, 2, ("c_on_time",))
    late = _m(report, "timeliness.icpc_held.late")
    assert (late.count, late.denominator, late.record_ids) == (1, 2, ("c_late",))
    assert late.late_working_days == (1,)  # due Mon 4 Jan, held Tue 5 Jan
    # Due in the period: c_on_time (31 Dec), c_late (4 Jan), c_open (21 Dec) = 3; the postponed
    # sitting is not a deadline of its own. Not met by 31 Jan: c_open.
    assert _fig(report, "timeliness.icpc_held.open_overdue") == (1, 3, ("c_open",))


def test_timeliness_reviews_records_and_core_groups(report: QualityReport) -> None:
    # r1: ICPC 30 Sep + 3 months = Wed 30 Dec, held 30 Dec.
    assert _fig(report, "timeliness.first_review.on_time") == (1, 1, ("r1",))
    # The inquorate review is no deadline of its own: nothing for later reviews.
    assert _fig(report, "timeliness.next_review.on_time") == (0, 0, ())
    # Summaries, 5 WD: c_on_time due Fri 8 Jan, sent 8 Jan; r1 due Thu 7 Jan, sent 6 Jan;
    # c_late due Tue 12 Jan, sent Wed 13 Jan (one working day late). 2 on time + 1 late = 3.
    assert _fig(report, "timeliness.summary_sent.on_time") == (2, 3, ("c_on_time", "r1"))
    summary_late = _m(report, "timeliness.summary_sent.late")
    assert (summary_late.record_ids, summary_late.late_working_days) == (("c_late",), (1,))
    assert _fig(report, "timeliness.summary_sent.open_overdue") == (0, 3, ())
    # Full record, 20 WD: r1 due Thu 28 Jan, sent 28 Jan; c_on_time due Fri 29 Jan, not sent
    # (overdue at 31 Jan); c_late due Tue 2 Feb, outside the period. Due in the period: 2.
    assert _fig(report, "timeliness.full_record_sent.on_time") == (1, 1, ("r1",))
    assert _fig(report, "timeliness.full_record_sent.open_overdue") == (1, 2, ("c_on_time",))
    # First core group, 10 WD: k1 registered 31 Dec, due Fri 15 Jan, met 15 Jan; k2 registered
    # 5 Jan, due Tue 19 Jan, met Wed 20 Jan (1 WD late). k1's old episode's due date is in 2025.
    assert _fig(report, "timeliness.first_core_group.on_time") == (1, 2, ("k1",))
    core_late = _m(report, "timeliness.first_core_group.late")
    assert (core_late.record_ids, core_late.late_working_days) == (("k2",), (1,))
    assert _fig(report, "timeliness.transfer_in_conference.on_time") == (0, 0, ())


def test_voice_and_language(report: QualityReport) -> None:
    # Decisions of conferences held in the period with an outcome: d1, d2, d3, d5 = 4 (d4 has none).
    assert _fig(report, "voice.recorded") == (3, 4, ("d1", "d3", "d5"))
    assert _fig(report, "voice.heard", "attends_whole") == (1, 4, ("d1",))
    assert _fig(report, "voice.heard", "prepared_contribution") == (1, 4, ("d3",))
    assert _fig(report, "voice.heard", "advocate_attends") == (1, 4, ("d5",))
    assert _fig(report, "voice.heard", "via_social_worker") == (0, 4, ())
    assert _fig(report, "voice.heard", "not_possible_with_reason") == (1, 4, ("d2",))
    # Offered (accepted or declined): d1, d3, d5 = 3 of 4; taken up: d1, d5 = 2 of those 3.
    assert _fig(report, "voice.advocacy.offered") == (3, 4, ("d1", "d3", "d5"))
    assert _fig(report, "voice.advocacy.taken_up") == (2, 3, ("d1", "d5"))
    # Held in the period: c_on_time, c_late, r1 = 3; the offer at c_on_time and r1; Welsh at c_on_time.
    assert _fig(report, "voice.welsh_active_offer") == (2, 3, ("c_on_time", "r1"))
    assert _fig(report, "voice.held_in_welsh") == (1, 3, ("c_on_time",))


def test_multi_agency(report: QualityReport) -> None:
    # Held: c_on_time (ss, police, health), c_late (ss, health), r1 (ss, police, education, housing) = 3.
    assert _fig(report, "multi_agency.attendance", "social_services") == (3, 3, ("c_late", "c_on_time", "r1"))
    assert _fig(report, "multi_agency.attendance", "police") == (2, 3, ("c_on_time", "r1"))
    assert _fig(report, "multi_agency.attendance", "health") == (2, 3, ("c_late", "c_on_time"))
    assert _fig(report, "multi_agency.attendance", "education") == (1, 3, ("r1",))
    assert _fig(report, "multi_agency.attendance", "other") == (1, 3, ("r1",))
    # Sittings in the period: 3 held + c_postponed + c_inquorate = 5. At the first date and quorate:
    # c_on_time, r1 (c_late's first sitting was postponed).
    assert _fig(report, "multi_agency.quorate_first_date") == (2, 5, ("c_on_time", "r1"))
    assert _fig(report, "multi_agency.postponed") == (1, 5, ("c_postponed",))
    assert _fig(report, "multi_agency.inquorate") == (1, 5, ("c_inquorate",))
    # Absent but invited: education at c_on_time (sent a report), police at c_late (did not),
    # health at r1 (sent one).
    assert _fig(report, "multi_agency.report_from_absent_agency", "education") == (1, 1, ("c_on_time",))
    assert _fig(report, "multi_agency.report_from_absent_agency", "police") == (0, 1, ())
    assert _fig(report, "multi_agency.report_from_absent_agency", "health") == (1, 1, ("r1",))
    assert _fig(report, "multi_agency.two_agency_exception") == (1, 3, ("c_late",))


def test_decisions_registrations_removals_and_reregistration(report: QualityReport) -> None:
    # Begun in the period: k1 (31 Dec), k2 (5 Jan) = 2; k6's temporary entry is not a registration.
    assert _fig(report, "decisions.registrations") == (2, None, ("k1", "k2"))
    assert _fig(report, "decisions.registrations", "neglect") == (1, 2, ("k1",))
    assert _fig(report, "decisions.registrations", "physical") == (1, 2, ("k2",))
    assert _fig(report, "decisions.registrations_by_month", "2026-12") == (1, None, ("k1",))
    assert _fig(report, "decisions.registrations_by_month", "2027-01") == (1, None, ("k2",))
    # Ended in the period: k7 (15 Dec), k9 (30 Dec), k4 (20 Jan) = 3.
    assert _fig(report, "decisions.removals") == (3, None, ("k4", "k7", "k9"))
    assert _fig(report, "decisions.removals", "physical") == (2, 3, ("k4", "k9"))
    assert _fig(report, "decisions.removals_by_reason", "reached_18") == (1, 3, ("k4",))
    assert _fig(report, "decisions.removals_by_month", "2026-12") == (2, None, ("k7", "k9"))
    # Re-registered within 12 months: k2 (previous ended 11 months before); k1's 13 months: no.
    assert _fig(report, "decisions.reregistered_within_12_months") == (1, 2, ("k2",))
    # Decisions (4): consensus d1, d3, d5; the chair decided d2, which has a dissent.
    assert _fig(report, "decisions.consensus") == (3, 4, ("d1", "d3", "d5"))
    assert _fig(report, "decisions.chair_decided") == (1, 4, ("d2",))
    assert _fig(report, "decisions.with_dissent") == (1, 4, ("d2",))
    # First review decisions: d3 (remains), d5 (removed) = 2.
    assert _fig(report, "decisions.removed_at_first_review") == (1, 2, ("d5",))
    # On the register at 31 Jan: k1, k2, k3, k5 = 4; k5 since 30 Nov 2024 (over 12 and 24 months).
    assert _fig(report, "decisions.on_register_over_12_months") == (1, 4, ("k5",))
    assert _fig(report, "decisions.on_register_over_24_months") == (1, 4, ("k5",))


def test_continuity(report: QualityReport) -> None:
    # On the register during the period: k1, k2, k3, k4, k5, k7, k9 = 7. Changes in the period
    # (assignments after the first): k1 0, k2 1, k3 3, k4 0, k5 1 (its June change is outside), k7 0,
    # k9 1 (on 1 Dec, the first day) -> sorted 0 0 0 1 1 1 3: median 1, maximum 3.
    median = _m(report, "continuity.changes.median")
    assert (median.count, median.value) == (7, 1.0)
    assert _m(report, "continuity.changes.maximum").value == 3.0
    assert _fig(report, "continuity.changes", "0") == (3, 7, ("k1", "k4", "k7"))
    assert _fig(report, "continuity.changes", "1") == (3, 7, ("k2", "k5", "k9"))
    assert _fig(report, "continuity.changes", "2") == (0, 7, ())
    assert _fig(report, "continuity.changes", "3_or_more") == (1, 7, ("k3",))
    # In the 12 months to 31 Jan 2027: k3 three changes; k5 two (June and December).
    assert _fig(report, "continuity.three_or_more_in_12_months") == (1, 7, ("k3",))


def test_register_now(report: QualityReport) -> None:
    # As at 31 Jan 2027: k1 (neglect), k2 (emotional, physical), k3 (physical), k5 (sexual) = 4.
    assert _fig(report, "register_now.on_register") == (4, None, ("k1", "k2", "k3", "k5"))
    assert _fig(report, "register_now.on_register", "physical") == (2, 4, ("k2", "k3"))
    assert _fig(report, "register_now.on_register", "financial") == (0, 4, ())
    # Ages at 31 Jan 2027: k1 6, k2 under 1, k3 unborn, k5 17.
    assert _fig(report, "register_now.by_age", "5_9") == (1, 4, ("k1",))
    assert _fig(report, "register_now.by_age", "under_1") == (1, 4, ("k2",))
    assert _fig(report, "register_now.by_age", "unborn") == (1, 4, ("k3",))
    assert _fig(report, "register_now.by_age", "16_17") == (1, 4, ("k5",))
    # k5 turns 18 on 15 Mar 2027, within 90 days of 31 Jan (to 1 May).
    assert _fig(report, "register_now.turning_18_within_90_days") == (1, 4, ("k5",))
    assert _fig(report, "register_now.temporary") == (1, None, ("k6",))
    assert _fig(report, "register_now.transfers_out") == (1, None, ("k7",))
    assert _fig(report, "register_now.transfers_in") == (0, None, ())


def test_the_configured_limit_moves_the_figures() -> None:
    """The rules' numbers come from the configuration: a 16-WD limit puts c_late on time."""
    from sync.protocol.rules_config import RulesConfig

    relaxed = compute(FACTS, PERIOD, today=TODAY, config=RulesConfig(icpc_working_days=16))
    assert _fig(relaxed, "timeliness.icpc_held.on_time") == (2, 2, ("c_late", "c_on_time"))


def test_suppressed_report_of_the_fixture() -> None:
    rows = dict(((code, b), (n, d)) for code, b, n, d in report_rows(suppress(compute(FACTS, PERIOD, today=TODAY))))
    assert rows[("voice.recorded", None)] == (-1, -1)  # 3 of 4
    assert rows[("continuity.changes", "0")] == (-1, 7)  # 3 of 7
    assert rows[("voice.heard", "via_social_worker")] == (0, -1)  # 0 of 4
