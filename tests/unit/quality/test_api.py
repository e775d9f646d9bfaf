"""The shared quality API's contract: suppression, the tabular form, look-ups and periods."""

from __future__ import annotations

from datetime import date

import pytest

from sync.protocol.quality import (
    SUPPRESSED,
    Measure,
    Period,
    QualityReport,
    QualityScope,
    report_rows,
    suppress,
)

D = date


def _report(*counts: tuple[int, int | None]) -> QualityReport:
    measures = tuple(
        Measure(f"voice.m{i}", "voice", n, d, "decision", tuple(f"r{j}" for j in range(n)), breakdown=None)
        for i, (n, d) in enumerate(counts)
    )
    return QualityReport(Period(D(2026, 1, 1), D(2026, 12, 31)), QualityScope("la1"), D(2027, 1, 5), measures)


def test_suppress_hides_one_to_four_and_keeps_zero_and_five() -> None:
    report = suppress(_report((0, 0), (1, 4), (4, 5), (5, 12), (7, None)))
    assert report.suppressed
    assert report_rows(report) == [
        ("voice.m0", None, 0, 0),
        ("voice.m1", None, SUPPRESSED, SUPPRESSED),
        ("voice.m2", None, SUPPRESSED, 5),
        ("voice.m3", None, 5, 12),
        ("voice.m4", None, 7, None),
    ]
    # A board report names no record, whatever the count.
    assert all(m.record_ids == () for m in report.measures)


def test_suppress_drops_a_median_over_fewer_than_five() -> None:
    few = Measure("continuity.changes.median", "continuity", 3, None, "child", ("a", "b", "c"), value=2.0)
    many = Measure("continuity.changes.median", "continuity", 6, None, "child", value=1.5, breakdown="x")
    report = suppress(
        QualityReport(Period(D(2026, 1, 1), D(2026, 1, 31)), QualityScope(None), D(2026, 2, 1), (few, many))
    )
    assert report.measures[0].value is None and report.measures[0].count == SUPPRESSED
    assert report.measures[1].value == 1.5


def test_get_finds_by_code_and_breakdown() -> None:
    a = Measure("multi_agency.attendance", "multi_agency", 3, 4, "conference", breakdown="police")
    b = Measure("multi_agency.attendance", "multi_agency", 2, 4, "conference", breakdown="health")
    report = QualityReport(Period(D(2026, 1, 1), D(2026, 1, 31)), QualityScope(None), D(2026, 2, 1), (a, b))
    assert report.get("multi_agency.attendance", "health") is b
    assert report.get("multi_agency.attendance") is None


def test_a_period_ending_before_it_starts_is_refused() -> None:
    with pytest.raises(ValueError, match="period_end_before_start"):
        Period(D(2026, 2, 1), D(2026, 1, 31))
    assert D(2026, 1, 31) in Period(D(2026, 1, 1), D(2026, 1, 31))
