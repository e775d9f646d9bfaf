"""The quality report as CSV: one row per figure, codes beside their translated labels.

The rows are :func:`sync.protocol.quality.report_rows` (the one tabular form the register service
writes too) with the measure's and the breakdown's labels from :mod:`desktop.quality_labels`, and a
suppressed count printed as "fewer than 5". The first row is the headings.
"""

from __future__ import annotations

import csv
import io
import logging

from desktop.quality_labels import CSV_HEADINGS, QualityWords
from sync.protocol.quality import QualityReport, report_rows

logger = logging.getLogger(__name__)


def quality_csv(report: QualityReport, language: str = "en") -> str:
    """The report as CSV text (``\\r\\n`` line ends, as RFC 4180 and spreadsheets expect).

    Args:
        report: Any report; a suppressed one prints "fewer than 5" for counts of 1 to 4.
        language: "cy" or "en", for the headings and labels.

    Returns:
        The CSV document.
    """
    words = QualityWords(language)
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([words.tr(h) for h in CSV_HEADINGS])
    for measure, (code, breakdown, count, denominator) in zip(report.measures, report_rows(report), strict=True):
        value = "" if measure.value is None else f"{measure.value:g}"
        writer.writerow(
            [
                code,
                breakdown or "",
                words.measure(code),
                words.breakdown(breakdown),
                words.count(count),
                words.count(denominator),
                value,
            ]
        )
    return out.getvalue()
