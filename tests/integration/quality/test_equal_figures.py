"""The service's quality figures over its register equal the app's over the same demo data.

A demo profile is uploaded through the real service over HTTPS (the first upload of issue 8); the
app's :class:`~desktop.services.quality.QualityService` (council-wide) and the service's
:func:`sync.service.quality.council_report` then compute every measure, and the tabular forms
(``report_rows``) must be equal, measure by measure. The app's side is a register custodian's
laptop that holds only what the service sent it.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from desktop.demo import CHAIR_NAME, MINUTE_TAKER_NAME, generate_demo
from desktop.services.base import CurrentUser, ServiceContext
from desktop.services.quality import QualityService
from sync.protocol.enums import Role
from sync.protocol.quality import Period, report_rows
from sync.service.quality import council_report
from tests.integration.sync.seam import seam

TODAY = dt.date(2026, 3, 10)
YEAR = Period(dt.date(2025, 3, 1), dt.date(2026, 2, 28))


def _rows(report: object) -> dict[tuple[str, str | None], tuple[int, int | None]]:
    rows = report_rows(report)  # type: ignore[arg-type]
    return {(c, b): (n, d) for c, b, n, d in rows}


def test_the_service_and_the_app_give_the_same_figures_over_the_same_demo_data(tmp_path: Path) -> None:
    with seam(tmp_path) as sm:
        sm.add_user("eluned", CHAIR_NAME, Role.CHAIR, Role.REGISTER_CUSTODIAN)
        sm.add_user("tomos", MINUTE_TAKER_NAME, Role.MINUTE_TAKER)
        for name, full in (("rhian", "Rhian Morgan"), ("gareth", "Gareth Hughes"), ("ceri", "Ceri Lloyd")):
            sm.add_user(name, full, Role.CHAIR)
        sm.add_user("carys", "Carys Prys", Role.REGISTER_CUSTODIAN)
        p1 = sm.profile(tmp_path / "p1")
        generate_demo(p1.store, children=60, seed=11, today=TODAY)
        sm.sign_in(p1, "eluned")
        assert all(r["status"] == "applied" for r in sm.push(p1))
        sm.pull(p1)

        # A custodian's laptop that holds only what the service sent it.
        p2 = sm.profile(tmp_path / "p2")
        sm.sign_in(p2, "carys")
        sm.pull(p2)
        user = p2.seat.user
        app = QualityService(ServiceContext(p2.store.sessions, user=lambda: user, today=lambda: TODAY))
        mine = app.report(YEAR, user=CurrentUser(user.user_id, user.display_name, user.role), council_wide=True)
        with sm.svc.db.read_txn() as s:
            theirs = council_report(s, YEAR, sm.council_id, today=TODAY, suppressed=False)

        app_rows, service_rows = _rows(mine), _rows(theirs)
        assert sum(n for n, _ in app_rows.values()) > 100  # the demo data fills the measures
        differ = {
            k: (app_rows.get(k), service_rows.get(k))
            for k in app_rows.keys() | service_rows.keys()
            if app_rows.get(k) != service_rows.get(k)
        }
        assert differ == {}
