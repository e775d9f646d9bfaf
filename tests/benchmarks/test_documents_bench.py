"""Benchmarks for conference documents (issue 5 section 4); run with ``make bench``.

Prints the time to render a record of at least 20 pages (target under 1 s), the summary, and a batch
of 100 family letters produced and logged in one go (median of a few runs). The test asserts the page
count, not the time, so a slow CI machine does not fail it; the figures are for the report.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from desktop.documents.render import page_count, render
from desktop.store.testing import open_test_store
from tests.integration.documents.builder import build_conference, make_service

RUNS = 3


def _median(fn: Callable[[], Any], runs: int = RUNS) -> tuple[float, Any]:
    times, result = [], None
    for _ in range(runs):
        start = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def test_document_timings(tmp_path: Path) -> None:
    store = open_test_store(tmp_path)
    built = build_conference(store.sessions, minutes_paragraphs=17)
    service = make_service(store.sessions)

    start = time.perf_counter()
    render(service.load(built.reference, kind="notice"))  # first use: imports reportlab, loads the fonts
    first_use = time.perf_counter() - start

    record = service.load(built.reference, kind="record")
    record_s, record_pdf = _median(lambda: render(record))
    pages = page_count(record_pdf)
    assert pages >= 20
    produce_s, produced = _median(lambda: service.produce(built.reference, kind="record"))
    assert produced.page_count == pages

    summary = service.load(built.reference, kind="summary")
    summary_s, summary_pdf = _median(lambda: render(summary))

    recipients = [built.mother_attendance_id, built.father_attendance_id] * 50
    letters_s, letters = _median(lambda: service.produce_batch(built.reference, kind="letter", recipients=recipients))
    assert len(letters) == 100
    letter_pages = sum(d.page_count for d in letters)

    print()
    print(f"first document in a process (reportlab import + fonts): {first_use:.3f} s")
    print(f"record, {pages} pages, Welsh, four children: render {record_s:.3f} s; load+render+log {produce_s:.3f} s")
    print(f"summary of decisions and outline plan, {page_count(summary_pdf)} pages: render {summary_s:.3f} s")
    print(
        f"100 family letters in a batch ({letter_pages} pages, one letter per child): "
        f"{letters_s:.3f} s including load and logging ({letters_s / 100 * 1000:.1f} ms per letter document)"
    )
    store.engine.dispose()
