"""One set of register rules: the app and the service over HTTPS give the same answer (issue 14, section 2).

Every outcome × conference type × register position, every end reason × precondition, and the
quorum cases go once through the app's rules (``desktop.domain``) and once through the register
service over real HTTPS, and each answer is checked against the table from domain.md §5.2–§5.5,
§8 and T17/Q3 written out below. The service judges only on what it holds: the child's date of
birth on its child record, the attendance synced for the conference, the receiving council's
finalised transfer-in decision.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
import requests

from desktop.domain.decisions import DecisionDraft, PractitionerView, assess_decision
from desktop.domain.quorum import Attendee, assess_quorum
from desktop.domain.register import RegistrationEnd, validate_end
from desktop.domain.voice import VoiceRecord
from sync.protocol.enums import (
    REGISTERED_OUTCOMES,
    AdvocacyOffer,
    AgencyGrouping,
    AttendanceStatus,
    Category,
    ConferenceType,
    EndReason,
    Language,
    Outcome,
    ParticipantKind,
    ParticipationMode,
    PractitionerViewKind,
    Role,
)
from sync.protocol.register_rules import ERROR_CODES, Position, Reason, RegisterPosition
from tests.service.harness import Case, Device, Service, make_case, make_conference, new_id
from tests.service.tls import https_server

RULE_CODES = frozenset(r.value for r in Reason)


class _Https(requests.Session):
    """A requests session that speaks to the service at ``base`` over verified TLS, for the harness."""

    def __init__(self, base: str, ca: str) -> None:
        super().__init__()
        self.trust_env = False
        self.verify = ca
        self._base = base

    def request(self, method: str | bytes, url: str | bytes, *args: Any, **kwargs: Any) -> requests.Response:
        kwargs.setdefault("timeout", (5, 60))
        return super().request(method, f"{self._base}{url!s}", *args, **kwargs)


@pytest.fixture
def https_svc(svc: Service, tmp_path: Path) -> Iterator[Service]:
    """The service fixture with every harness request going over HTTPS on 127.0.0.1."""
    with https_server(svc.app, tmp_path) as (base, ca):
        in_process = svc.client
        svc.client = _Https(base, ca)
        try:
            yield svc
        finally:
            svc.client.close()
            svc.client = in_process


def _service_answer(result: dict[str, Any]) -> str | None:
    """The rule a rejected op names (its detail starts with it), or None when applied."""
    if result["status"] == "applied":
        return None
    assert result["status"] == "rejected", result
    reason = str(result["detail"]).split(":", 1)[0]
    assert reason in RULE_CODES, result
    assert result["code"] == ERROR_CODES[Reason(reason)].value, result
    return reason


def _app_answer(problems: Any) -> str | None:
    """The first register rule among the app's blocking problems, or None."""
    found = [p.code for p in problems if p.is_error and p.code in RULE_CODES]
    return found[0] if found else None


# ---- every outcome × conference type × register position

_CT, _O, _P = ConferenceType, Outcome, Position
_TYPE_FIRST = "outcome_not_for_conference_type"


def _expected(ctype: ConferenceType, outcome: Outcome, position: Position) -> str | None:
    """domain.md §5.2, §5.3, §8, Q7, written out as a table."""
    initial = {_O.NOT_REGISTERED, _O.REGISTERED}
    if (ctype is _CT.INITIAL) != (outcome in initial):
        return _TYPE_FIRST
    table = {
        _CT.INITIAL: {
            _P.NONE: None,
            _P.PERMANENT: "already_registered",
            _P.TEMPORARY: "temporary_entry_needs_transfer_in",
        },
        _CT.REVIEW: {_P.NONE: "not_registered", _P.PERMANENT: None, _P.TEMPORARY: "temporary_entry_needs_transfer_in"},
        _CT.TRANSFER_IN: {_P.NONE: None, _P.PERMANENT: "already_registered", _P.TEMPORARY: None},
    }
    return table[ctype][position]


MATRIX = [(t, o, p) for t in ConferenceType for o in Outcome for p in Position]
CURRENT = ["neglect"]


def _categories(outcome: Outcome, position: Position) -> list[str]:
    if outcome is Outcome.REMAIN_SAME_CATEGORY:
        return CURRENT
    return ["physical"] if outcome in (Outcome.REGISTERED, Outcome.REMAIN_CATEGORY_CHANGED) else []


VOICE = VoiceRecord(
    child_id="c1",
    participation_mode=ParticipationMode.PREPARED_CONTRIBUTION,
    advocacy_offer=AdvocacyOffer.DECLINED,
    wishes_and_feelings="Wants to stay at school",
    language=Language.CY,
)


def _app_decision(ctype: ConferenceType, outcome: Outcome, position: Position) -> str | None:
    register = (
        RegisterPosition()
        if position is Position.NONE
        else RegisterPosition(position, frozenset(CURRENT), "Cyngor Gwynedd" if position is Position.TEMPORARY else "")
    )
    view = PractitionerViewKind.REGISTER if outcome in REGISTERED_OUTCOMES else PractitionerViewKind.DO_NOT_REGISTER
    draft = DecisionDraft(
        child_id="c1",
        conference_type=ctype,
        outcome=outcome,
        categories=frozenset(Category(c) for c in _categories(outcome, position)),
        current_categories=frozenset(Category(c) for c in register.categories),
        views=(PractitionerView("sw", AgencyGrouping.SOCIAL_SERVICES, view),),
        rationale="Reasons recorded",
        evidence=("report:sw",),
        plan_if_not_registered="Part 3 assessment",
        outline_plan_actions=2,
        coordinator_id="sw",
        evidence_of_change="Attends school daily",
        voice=VOICE,
        register=register,
    )
    return _app_answer(assess_decision(draft, {"sw"}).problems)


def _batch(device: Device, *ops: dict[str, Any]) -> list[dict[str, Any]]:
    results = device.push(*ops)
    assert all(r["status"] == "applied" for r in results), results
    return results


def _new_child(case: Case, **fields: Any) -> str:
    child_id = new_id()
    _batch(case.chair, case.chair.op("create", "child", child_id, {"given_names": "Cai", **fields}))
    return child_id


def _place(case: Case, svc: Service, child_id: str, position: Position) -> int:
    """Put the child at ``position`` on the register; returns its register version."""
    if position is Position.PERMANENT:
        conf = make_conference(svc, case.chair, child_id)
        d = _decide(case, child_id, conf, Outcome.REGISTERED, CURRENT)
        assert case.chair.push(case.finalise_op(case.chair, d, 0, conference_id=conf))[0]["status"] == "applied"
        return 1
    if position is Position.TEMPORARY:
        payload = {"child_id": child_id, "originating_la": "Cyngor Gwynedd", "categories": CURRENT}
        _batch(case.custodian, case.custodian.op("temporary_registration", "register_entry", new_id(), payload))
        return 1
    return 0


def _decide(case: Case, child_id: str, conf: str, outcome: Outcome, categories: list[str], **fields: Any) -> str:
    decision_id = new_id()
    payload = {"conference_id": conf, "child_id": child_id, "outcome": outcome.value, "categories": categories}
    if outcome is Outcome.DEREGISTER:
        payload |= {"reasons": "No continuing risk", "evidence": "Attends school daily; home visits fine"}
    _batch(case.chair, case.chair.op("create", "decision", decision_id, payload | fields))
    return decision_id


def _entries(case: Case, child_id: str) -> list[dict[str, Any]]:
    return dataclasses.replace(case, child_id=child_id).register_entries()


def _conference_ops(case: Case, child_id: str, ctype: ConferenceType) -> tuple[str, list[dict[str, Any]]]:
    """A quorate conference (three agencies) of ``ctype`` about ``child_id``, as ops for one batch."""
    chair, conf = case.chair, new_id()
    ops = [
        chair.op("create", "conference", conf, {"type": ctype.value, "chair_user_id": chair.user_id}),
        chair.op("append", "conference_child", new_id(), {"conference_id": conf, "child_id": child_id}),
    ]
    ops += [
        chair.op("append", "attendance", new_id(), {"conference_id": conf, **_att(agency)})
        for agency in ("social_services", "police", "health")
    ]
    return conf, ops


def _decision_op(case: Case, child_id: str, conf: str, outcome: Outcome, categories: list[str]) -> tuple[str, Any]:
    decision_id = new_id()
    payload = {"conference_id": conf, "child_id": child_id, "outcome": outcome.value, "categories": categories}
    if outcome is Outcome.DEREGISTER:
        payload |= {"reasons": "No continuing risk", "evidence": "Attends school daily; home visits fine"}
    return decision_id, case.chair.op("create", "decision", decision_id, payload)


def test_every_outcome_type_and_position_agree(https_svc: Service) -> None:
    """All 45 cases set up in a few batches, then finalised in one push over HTTPS."""
    svc = https_svc
    case = make_case(svc)
    setup: list[dict[str, Any]] = []
    placing: list[tuple[str, str]] = []  # (decision, conference) registering a child first
    temporary: list[dict[str, Any]] = []
    cases: list[tuple[ConferenceType, Outcome, Position, str, str, str]] = []
    for ctype, outcome, position in MATRIX:
        child_id = new_id()
        setup.append(case.chair.op("create", "child", child_id, {"given_names": "Cai", "date_of_birth": "2015-03-01"}))
        if position is Position.PERMANENT:
            first_conf, ops = _conference_ops(case, child_id, ConferenceType.INITIAL)
            first, op = _decision_op(case, child_id, first_conf, Outcome.REGISTERED, CURRENT)
            setup += [*ops, op]
            placing.append((first, first_conf))
        elif position is Position.TEMPORARY:
            payload = {"child_id": child_id, "originating_la": "Cyngor Gwynedd", "categories": CURRENT}
            temporary.append(case.custodian.op("temporary_registration", "register_entry", new_id(), payload))
        conf, ops = _conference_ops(case, child_id, ctype)
        d, op = _decision_op(case, child_id, conf, outcome, _categories(outcome, position))
        setup += [*ops, op]
        cases.append((ctype, outcome, position, child_id, conf, d))
    _batch(case.chair, *setup)
    _batch(case.chair, *(case.finalise_op(case.chair, d, 0, conference_id=c) for d, c in placing))
    _batch(case.custodian, *temporary)
    finalise = [
        case.finalise_op(case.chair, d, 0 if position is Position.NONE else 1, conference_id=conf)
        for _, _, position, _, conf, d in cases
    ]
    results = case.chair.push(*finalise)

    for (ctype, outcome, position, child_id, _conf, d), result in zip(cases, results, strict=True):
        expected = _expected(ctype, outcome, position)
        label = f"{ctype.value} {outcome.value} at {position.value}"
        assert _app_decision(ctype, outcome, position) == expected, label
        assert _service_answer(result) == expected, (label, result)
        entries = _entries(case, child_id)
        active = [e for e in entries if e["status"] == "registered"]
        if expected is not None:
            assert case.head("decision", d)["state"] == "draft", label
            assert len(active) == (0 if position is Position.NONE else 1), label
            continue
        # Applied: the child is on the register exactly when the outcome keeps or puts them there,
        # always on a permanent entry of this council; a superseded temporary entry has ended.
        assert len(active) == (1 if outcome in REGISTERED_OUTCOMES else 0), label
        if active:
            assert active[0]["temporary"] is False, label
            assert d in (active[0].get("decision_id"), active[0].get("last_decision_id")), label
            want = CURRENT if outcome is Outcome.REMAIN_SAME_CATEGORY else _categories(outcome, position)
            assert active[0]["categories"] == want, label
        for ended in (e for e in entries if e["status"] == "ended"):
            assert ended["end_reason"] in ("moved_permanently", "review_no_continuing_risk"), label
        assert case.head("decision", d)["payload"]["quorum"]["agencies"] == ["health", "police", "social_services"]


def test_transfer_in_with_an_initial_outcome_is_refused(https_svc: Service) -> None:
    """Found in issue 14: a transfer-in conference's "register" was applied; it takes the review outcomes."""
    case = make_case(https_svc)
    conf = make_conference(https_svc, case.chair, case.child_id, type_="transfer_in")
    d = case.decision("decision_2_registered", ["neglect"], conference_id=conf)
    result = case.chair.push(case.finalise_op(case.chair, d, 0, conference_id=conf))[0]
    assert result["status"] == "rejected" and result["code"] == "invalid_transition", result
    assert case.active_entry() is None
    d = case.decision("remain_same_category", ["neglect"], conference_id=conf)
    result = case.chair.push(case.finalise_op(case.chair, d, 0, conference_id=conf))[0]
    assert result["status"] == "applied", result
    entry = case.active_entry()
    assert entry is not None and entry["categories"] == ["neglect"] and entry["temporary"] is False


# ---- every end reason × precondition

TODAY = date(2026, 2, 11)  # the harness clock's day


@dataclasses.dataclass(frozen=True)
class EndCase:
    label: str
    reason: EndReason
    expected: str | None
    date_of_birth: str | None = "2019-05-01"  # seven years old
    ended_on: date | None = None
    receiving: str | None = None  # none | pending | decided | same_council | review


END_CASES = [
    EndCase("18 for a seven-year-old", EndReason.REACHED_18, "ended_before_adulthood"),
    EndCase("18 with no date of birth held", EndReason.REACHED_18, "date_of_birth_required", date_of_birth=None),
    EndCase("18 on the 18th birthday", EndReason.REACHED_18, None, date_of_birth="2008-02-11"),
    EndCase("18 the day before it", EndReason.REACHED_18, "ended_before_adulthood", date_of_birth="2008-02-12"),
    EndCase("18, born 29 February", EndReason.REACHED_18, "ended_before_adulthood", date_of_birth="2008-02-29"),
    EndCase("18 last month", EndReason.REACHED_18, None, date_of_birth="2008-01-10"),
    EndCase("died", EndReason.DIED, None),
    EndCase("left the UK", EndReason.LEFT_UK, None, date_of_birth=None),
    EndCase("died, dated tomorrow", EndReason.DIED, "end_date_in_future", ended_on=TODAY + timedelta(days=1)),
    EndCase("left, before registration", EndReason.LEFT_UK, "end_before_registration", ended_on=TODAY - timedelta(1)),
    EndCase("review reason without a review", EndReason.REVIEW_NO_CONTINUING_RISK, "end_reason_needs_conference"),
    EndCase("moved, no conference named", EndReason.MOVED_PERMANENTLY, "receiving_conference_required"),
    EndCase(
        "moved, not yet decided", EndReason.MOVED_PERMANENTLY, "receiving_conference_required", receiving="pending"
    ),
    EndCase("moved, decided", EndReason.MOVED_PERMANENTLY, None, receiving="decided"),
    EndCase(
        "moved, own council's conference",
        EndReason.MOVED_PERMANENTLY,
        "receiving_conference_required",
        receiving="same_council",
    ),
    EndCase(
        "moved, a review not a transfer-in",
        EndReason.MOVED_PERMANENTLY,
        "receiving_conference_required",
        receiving="review",
    ),
]


def _receiving_conference(svc: Service, case: Case, kind: str) -> str:
    """A transfer-in conference of another council (``pending``: no decision yet), or a decoy."""
    if kind == "same_council":
        conf = make_conference(svc, case.chair, case.child_id, type_="transfer_in")
        _finalise_remain(case, case.chair, case.child_id, conf)
        return conf
    other = make_case(svc, "Cyngor Caerdydd")
    conf = make_conference(svc, other.chair, other.child_id, type_="review" if kind == "review" else "transfer_in")
    if kind == "review":
        _place(other, svc, other.child_id, Position.PERMANENT)
    if kind != "pending":
        _finalise_remain(other, other.chair, other.child_id, conf, version=1 if kind == "review" else 0)
    return conf


def _finalise_remain(case: Case, chair: Device, child_id: str, conf: str, version: int = 0) -> None:
    d = _decide(case, child_id, conf, Outcome.REMAIN_SAME_CATEGORY, CURRENT)
    assert chair.push(case.finalise_op(chair, d, version, conference_id=conf))[0]["status"] == "applied"


@pytest.mark.parametrize("end", END_CASES, ids=[c.label for c in END_CASES])
def test_every_end_reason_and_precondition_agree(https_svc: Service, end: EndCase) -> None:
    svc = https_svc
    case = make_case(svc)
    fields = {"date_of_birth": end.date_of_birth} if end.date_of_birth else {}
    child_id = _new_child(case, **fields)
    entry_id = new_id()
    payload = {"child_id": child_id, "originating_la": "Cyngor Gwynedd", "categories": CURRENT}
    _batch(case.custodian, case.custodian.op("temporary_registration", "register_entry", entry_id, payload))
    conference = _receiving_conference(svc, case, end.receiving) if end.receiving else None
    decided = end.receiving == "decided"

    app = validate_end(
        RegistrationEnd(
            end.reason,
            end.ended_on or TODAY,
            registered_on=TODAY,
            date_of_birth=date.fromisoformat(end.date_of_birth) if end.date_of_birth else None,
            receiving_conference_on=TODAY if decided else None,
        ),
        today=TODAY,
    )
    assert _app_answer(app) == end.expected, end.label

    body: dict[str, Any] = {"end_reason": end.reason.value}
    if end.ended_on:
        body["ended_on"] = end.ended_on.isoformat()
    if conference:
        body["receiving_conference_id"] = conference
    result = case.custodian.push1("end_registration", "register_entry", entry_id, body)
    assert _service_answer(result) == end.expected, (end.label, result)
    entry = next(e for e in _entries(case, child_id) if e["id"] == entry_id)
    assert entry["status"] == ("ended" if end.expected is None else "registered"), end.label


def test_moved_permanently_waits_for_the_receiving_decision_day(https_svc: Service) -> None:
    """An end dated before the receiving council's transfer-in decision is refused by both sides."""
    svc = https_svc
    case = make_case(svc)
    entry_id = new_id()
    payload = {"child_id": case.child_id, "originating_la": "Cyngor Gwynedd", "categories": CURRENT}
    _batch(case.custodian, case.custodian.op("temporary_registration", "register_entry", entry_id, payload))
    svc.clock.advance(days=3)
    other = make_case(svc, "Cyngor Caerdydd")
    conf = make_conference(svc, other.chair, other.child_id, type_="transfer_in")
    _finalise_remain(other, other.chair, other.child_id, conf)
    custodian = svc.enrol(case.custodian.username)  # the old token has expired meanwhile
    decided_on = TODAY + timedelta(days=3)
    for ended_on, expected in ((TODAY + timedelta(days=1), "ended_before_receiving_conference"), (decided_on, None)):
        app = validate_end(
            RegistrationEnd(EndReason.MOVED_PERMANENTLY, ended_on, TODAY, receiving_conference_on=decided_on),
            today=decided_on,
        )
        assert _app_answer(app) == expected
        body = {"end_reason": "moved_permanently", "ended_on": ended_on.isoformat(), "receiving_conference_id": conf}
        result = custodian.push1("end_registration", "register_entry", entry_id, body)
        assert _service_answer(result) == expected, result


# ---- quorum, counted from attendance


def _att(agency: str | None, **fields: Any) -> dict[str, Any]:
    return {"participant_kind": "practitioner", "agency_grouping": agency, "status": "present_in_person", **fields}


QUORUM_CASES: list[tuple[str, list[dict[str, Any]], str | None, str | None]] = [
    ("three agencies", [_att("health"), _att("police"), _att("education")], None, None),
    ("no attendance at all", [], None, "inquorate"),
    ("one agency", [_att("health")], "urgent", "inquorate"),
    ("two, no reason", [_att("health"), _att("police")], None, "quorum_reason_required"),
    ("two with the chair's reason", [_att("health"), _att("police")], "GP unwell; child safe", None),
    ("health counts once", [_att("health"), _att("health"), _att("police")], None, "quorum_reason_required"),
    (
        "family do not count",
        [_att("health"), _att("police"), _att("education", participant_kind="family")],
        None,
        "quorum_reason_required",
    ),  # fmt: skip
    (
        "apologies do not count",
        [_att("health"), _att("police"), _att("education", status="apologies_with_report")],
        None,
        "quorum_reason_required",
    ),  # fmt: skip
    (
        "excluded part still counts",
        [_att("health"), _att("police"), _att("education", status="excluded_part")],
        None,
        None,
    ),  # fmt: skip
    (
        "excluded from the decision",
        [_att("health"), _att("police"), _att("education", excluded_from_decision=True)],
        None,
        "quorum_reason_required",
    ),  # fmt: skip
]


@pytest.mark.parametrize(("label", "attendance", "reason", "expected"), QUORUM_CASES, ids=[c[0] for c in QUORUM_CASES])
def test_quorum_is_counted_from_attendance(
    https_svc: Service, label: str, attendance: list[dict[str, Any]], reason: str | None, expected: str | None
) -> None:
    svc = https_svc
    app = assess_quorum(
        [
            Attendee(
                f"p{i}",
                ParticipantKind(a["participant_kind"]),
                AttendanceStatus(a["status"]),
                AgencyGrouping(a["agency_grouping"]),
                excluded_from_decision=bool(a.get("excluded_from_decision")),
            )
            for i, a in enumerate(attendance)
        ],
        chair_reason=reason,
    )
    assert _app_answer(app.problems) == expected, label

    case = make_case(svc)
    conf = make_conference(svc, case.chair, case.child_id, agencies=0)
    if attendance:
        _batch(
            case.chair,
            *(case.chair.op("append", "attendance", new_id(), {"conference_id": conf, **a}) for a in attendance),
        )
    d = case.decision("decision_2_registered", ["neglect"], conference_id=conf)
    # The device's claimed count says five agencies; only the attendance held decides.
    extra: dict[str, Any] = {"quorum_agency_count": 5}
    if reason:
        extra["quorum_override_reason"] = reason
    result = case.chair.push(case.finalise_op(case.chair, d, 0, conference_id=conf, **extra))[0]
    assert _service_answer(result) == expected, (label, result)
    if expected is not None:
        assert "needed" in result["detail"] and case.active_entry() is None
    else:
        assert case.head("decision", d)["payload"]["quorum"]["claimed_agency_count"] == 5


def test_voided_and_unkinded_attendance_do_not_count(https_svc: Service) -> None:
    svc = https_svc
    case = make_case(svc)
    conf = make_conference(svc, case.chair, case.child_id, agencies=2)
    withdrawn, unkinded = new_id(), new_id()
    _batch(
        case.chair,
        case.chair.op("append", "attendance", withdrawn, {"conference_id": conf, **_att("education")}),
        case.chair.op(
            "append",
            "attendance",
            unkinded,
            {"conference_id": conf, "agency_grouping": "housing", "status": "present_remote"},
        ),
    )
    _batch(case.chair, case.chair.op("void", "attendance", withdrawn, {"reason": "added by mistake"}))
    d = case.decision("decision_2_registered", ["neglect"], conference_id=conf)
    result = case.chair.push(case.finalise_op(case.chair, d, 0, conference_id=conf, quorum_agency_count=4))[0]
    assert result["code"] == "not_quorate" and result["detail"].startswith("quorum_reason_required"), result
    assert "(police, social_services)" in result["detail"]


def test_a_second_chairs_attendance_is_its_own_conference(svc: Service) -> None:
    """Attendance of another conference never lends quorum (counted per conference held)."""
    case = make_case(svc)
    other_chair = svc.user_device("chair-x", case.council_id, Role.CHAIR)
    thin = make_conference(svc, other_chair, case.child_id, agencies=1)
    d = case.decision("decision_2_registered", ["neglect"], conference_id=thin, chair=other_chair)
    result = other_chair.push(case.finalise_op(other_chair, d, 0, conference_id=thin))[0]
    assert result["code"] == "not_quorate" and result["detail"].startswith("inquorate"), result
