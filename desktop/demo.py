"""Fictional demonstration data: ``cofnod demo-data --profile DIR --children N [--seed S]``.

Every person, address and event here is invented. The data set is meant to look like a real
council's register so the UI, the documents and the benchmarks have something honest to show:
Welsh and English names (with ŵ and ŷ), sibling groups sharing parents with parental
responsibility, unborn children, conferences of every type and status, attendance from several
agencies (some inquorate), the child's voice, minutes, decisions with practitioner views and
dissent, outline plans with actions, register entries (some ended), co-ordinator changes, and
some conferences overdue against their statutory due date. Where a family member was excluded from
part of a conference, a child's decision section is withheld from them (with partial copies on the
distribution list), so partial copies have something real to leave out; a few decisions carry addenda.

Deterministic: the same ``seed`` and ``today`` give identical rows, ids included (every id and
every timestamp comes from the seeded generator and ``today``, never from the clock).

Fast: rows are built as plain dicts and written with SQLAlchemy Core bulk inserts in one
transaction (10,000 children in a few seconds). Demo rows stand for data already on the register,
so no outbox rows or audit events are written; ``demo=1`` is recorded in ``profile_meta``.

Conference due dates come from the Wales rules engine (:mod:`desktop.domain.timescales`) through
:func:`conference_due_by`, the one place the demo computes them.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import random
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

from sqlalchemy import Date, column, insert, table
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.sql.expression import TableClause

from desktop.domain.calendar import WorkingDayCalendar, add_months, default_calendar
from desktop.domain.nhs import nhs_check_digit
from desktop.domain.text import fold_name
from desktop.domain.timescales import ConferenceTiming, conference_deadline
from desktop.store import orm
from desktop.store.meta import set_meta
from sync.protocol.enums import (
    AdvocacyOffer,
    AgencyGrouping,
    AttendanceStatus,
    Category,
    ConferenceStatus,
    ConferenceType,
    DecisionState,
    EndReason,
    Language,
    Outcome,
    ParticipationMode,
    PractitionerViewKind,
    Role,
)

logger = logging.getLogger(__name__)

GIVEN_GIRLS = (
    "Gwenllian", "Eluned", "Ffion", "Cerys", "Gwŷneth", "Elin", "Nia", "Mali", "Seren", "Lowri",
    "Alys", "Catrin", "Heledd", "Mererid", "Olivia", "Amelia", "Isla", "Ava", "Grace", "Sophie",
)  # fmt: skip
GIVEN_BOYS = (
    "Dafydd", "Rhys", "Siôn", "Llŷr", "Tomos", "Iolo", "Gwŷn", "Osian", "Macsen", "Cai", "Deio",
    "Harri", "Ianto", "Jac", "Noah", "Oliver", "Leo", "Charlie", "George", "Alfie",
)  # fmt: skip
ADULT_GIVEN = (
    "Gwenllian", "Eluned", "Rhian", "Sioned", "Angharad", "Dafydd", "Rhys", "Gareth", "Huw", "Emyr",
    "Gwŷn", "Bethan", "Sarah", "Emma", "Kelly", "Darren", "Craig", "Lee", "Michelle", "Dŵr",
)  # fmt: skip
SURNAMES = (
    "Jones", "Davies", "Williams", "Evans", "Thomas", "Roberts", "Hughes", "Lewis", "ap Gwyn",
    "Morgan", "Pritchard", "Prys", "Griffiths", "Rees", "Jenkins", "Price", "Owen", "Powell",
)  # fmt: skip
STREETS = (
    "Heol y Dŵr", "Stryd Fawr", "Ffordd yr Orsaf", "Lôn Glan-yr-afon", "Maes y Ffynnon", "Rhodfa'r Môr",
    "Station Road", "Church Street", "Heol Tŷ Gwyn", "Cae Ŵyn",
)  # fmt: skip
TOWNS = ("Caerfyrddin", "Llanelli", "Rhydaman", "Cydweli", "Llandeilo", "Sanclêr", "Porth Tywyn")

AGENCY_ROLES: dict[str, tuple[str, ...]] = {
    AgencyGrouping.SOCIAL_SERVICES: ("Social worker", "Team manager"),
    AgencyGrouping.POLICE: ("Detective constable", "PPU officer"),
    AgencyGrouping.HEALTH: ("Health visitor", "School nurse", "GP", "Midwife"),
    AgencyGrouping.EDUCATION: ("Head teacher", "Designated safeguarding lead"),
    AgencyGrouping.PROBATION_YOUTH_JUSTICE: ("Probation officer",),
    AgencyGrouping.HOUSING: ("Housing officer",),
    AgencyGrouping.VOLUNTARY: ("Family support worker",),
}

#: Demo minutes by section key (the keys of desktop.services.minutes.SECTION_KEYS); True = one per child.
SECTION_TEXT: dict[str, tuple[bool, str]] = {
    "attendance_apologies": (
        False,
        "Roedd y cadeirydd, y cydgysylltydd, yr heddlu ac iechyd yn bresennol. "
        "Apologies were received from education, who sent a written report.",
    ),
    "reports_received": (
        False,
        "Cafwyd adroddiadau gan y gwasanaethau cymdeithasol, yr heddlu ac iechyd. "
        "Reports were shared with the family before the conference.",
    ),
    "information_shared": (
        True,
        "Diben y gynhadledd yw ystyried a yw {child} yn parhau i fod mewn perygl o niwed sylweddol. "
        "The chair explained the purpose of the conference and the family's right to be heard.",
    ),
    "risks_strengths": (
        True,
        "Mae'r pryderon yn ymwneud â {category}. Strengths: the family engaged with the plan; "
        "worries remain about home conditions at Tŷ {family}.",
    ),
    "decision": (
        True,
        "Trafododd y gynhadledd y penderfyniad am {child}. The conference's decision about {child} is recorded "
        "with every practitioner's view.",
    ),
    "next_review": (False, "Y cam nesaf: grŵp craidd o fewn 10 diwrnod gwaith. Next review as the plan sets out."),
}

CHAIR_NAME = "Eluned Prys"
MINUTE_TAKER_NAME = "Tomos Pritchard"


class HasEngine(Protocol):
    """An open store (OpenProfile, OpenStore)."""

    @property
    def engine(self) -> Engine: ...

    @property
    def sessions(self) -> sessionmaker[Session]: ...


@dataclass(slots=True)
class DemoSummary:
    """How many rows of each table were written, and how long it took."""

    counts: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0
    chair_user_id: str = ""
    minute_taker_user_id: str = ""

    @property
    def children(self) -> int:
        return self.counts.get("child", 0)

    @property
    def conferences(self) -> int:
        return self.counts.get("conference", 0)


def conference_due_by(
    kind: ConferenceType,
    *,
    strategy_discussion_on: dt.date | None,
    previous_on: dt.date | None,
    previous_type: ConferenceType | None,
    transfer_notified_on: dt.date | None,
    calendar: WorkingDayCalendar,
) -> dt.date:
    """The statutory due date of a demo conference, from the Wales rules engine (T2, T9, T10, T16)."""
    timing = ConferenceTiming(
        conference_type=kind,
        strategy_discussions=(strategy_discussion_on,) if strategy_discussion_on else (),
        previous_conference_on=previous_on,
        previous_conference_type=previous_type,
        transfer_notified_on=transfer_notified_on,
    )
    return conference_deadline(timing, calendar=calendar).due


#: RFC 4122 variant nibble for each hex digit (10xx).
_VARIANT = {c: "89ab"[int(c, 16) % 4] for c in "0123456789abcdef"}


class _Builder:
    """Accumulates rows per table; all randomness comes from one seeded generator."""

    def __init__(self, seed: int, today: dt.date) -> None:
        self.rng = random.Random(seed)
        self.today = today
        self.now = dt.datetime.combine(today, dt.time(9, 0), tzinfo=dt.UTC)
        self.calendar = default_calendar()
        self.rows: dict[str, list[dict[str, Any]]] = {}
        self._reference_seq = 0
        self._working: dict[dt.date, dt.date] = {}

    def new_id(self) -> str:
        # UUIDv4-shaped ids from the seeded generator: the same seed gives the same ids. Built by
        # slicing hex rather than through uuid.UUID, which costs a second per 400,000 ids.
        h = f"{self.rng.getrandbits(128):032x}"
        return f"{h[:8]}-{h[8:12]}-4{h[13:16]}-{_VARIANT[h[16]]}{h[17:20]}-{h[20:32]}"

    def stamp(self, day: dt.date | None = None) -> dict[str, Any]:
        at = self.now if day is None else dt.datetime.combine(day, dt.time(12, 0), tzinfo=dt.UTC)
        return {"version": 1, "created_at": at, "updated_at": at, "voided_at": None, "void_reason": None}

    def add(self, table: str, row: dict[str, Any]) -> dict[str, Any]:
        self.rows.setdefault(table, []).append(row)
        return row

    def pick(self, seq: Sequence[str]) -> str:
        return seq[self.rng.randrange(len(seq))]

    def working_day(self, day: dt.date) -> dt.date:
        found = self._working.get(day)
        if found is None:
            found = self._working[day] = self.calendar.on_or_before(day)
        return found

    def nhs_number(self) -> str:
        # 999 000 0000 - 999 999 9999 is the NHS range reserved for testing: never a real person.
        while True:
            first = f"999{self.rng.randrange(1_000_000):06d}"
            check = nhs_check_digit(first)
            if check is not None:
                return f"{first}{check}"

    def reference(self, day: dt.date) -> str:
        self._reference_seq += 1
        return f"CAR-{day.year}-{self._reference_seq:06d}"


def _demo_users(b: _Builder, council_id: str) -> tuple[str, str, list[str]]:
    chair = b.new_id()
    taker = b.new_id()
    b.add(
        "app_user",
        {"id": chair, "display_name": CHAIR_NAME, "roles": [Role.CHAIR.value], "council_id": council_id,
         "email": "eluned.prys@example.invalid", **b.stamp()},
    )  # fmt: skip
    b.add(
        "app_user",
        {"id": taker, "display_name": MINUTE_TAKER_NAME, "roles": [Role.MINUTE_TAKER.value],
         "council_id": council_id, "email": "tomos.pritchard@example.invalid", **b.stamp()},
    )  # fmt: skip
    chairs = [chair]
    for name in ("Rhian Morgan", "Gareth Hughes"):
        other = b.new_id()
        chairs.append(other)
        b.add(
            "app_user",
            {"id": other, "display_name": name, "roles": [Role.CHAIR.value], "council_id": council_id,
             "email": None, **b.stamp()},
        )  # fmt: skip
    return chair, taker, chairs


def _practitioners(b: _Builder) -> dict[str, list[tuple[str, str, str]]]:
    """A pool per agency: (id, name, role title)."""
    pool: dict[str, list[tuple[str, str, str]]] = {}
    for agency, roles in AGENCY_ROLES.items():
        for _ in range(8):
            pid = b.new_id()
            name = f"{b.pick(ADULT_GIVEN)} {b.pick(SURNAMES)}"
            role = b.pick(roles)
            reg = f"SCW{b.rng.randrange(100000, 999999)}" if agency == AgencyGrouping.SOCIAL_SERVICES else None
            b.add(
                "practitioner",
                {"id": pid, "name": name, "agency": str(agency), "role_title": role, "organisation": "",
                 "email": None, "registration_number": reg, **b.stamp()},
            )  # fmt: skip
            pool.setdefault(str(agency), []).append((pid, name, role))
    return pool


def _status_for(b: _Builder, day: dt.date, last: bool) -> str:
    if day > b.today:
        return ConferenceStatus.POSTPONED.value if b.rng.random() < 0.05 else ConferenceStatus.SCHEDULED.value
    age = (b.today - day).days
    roll = b.rng.random()
    if roll < 0.04:
        return ConferenceStatus.INQUORATE.value
    if roll < 0.08:
        return ConferenceStatus.POSTPONED.value
    if age == 0:
        return ConferenceStatus.IN_PROGRESS.value
    if last and age <= 6:
        return ConferenceStatus.RECORD_DRAFTED.value
    if last and age <= 20:
        return ConferenceStatus.RECORD_APPROVED.value
    return ConferenceStatus.DISTRIBUTED.value


_HELD = frozenset(
    {
        ConferenceStatus.IN_PROGRESS.value,
        ConferenceStatus.RECORD_DRAFTED.value,
        ConferenceStatus.RECORD_APPROVED.value,
        ConferenceStatus.DISTRIBUTED.value,
    }
)


def _family(
    b: _Builder,
    council_id: str,
    size: int,
    conferences: int,
    users: tuple[str, str, list[str]],
    pool: dict[str, list[tuple[str, str, str]]],
) -> None:
    rng = b.rng
    surname = b.pick(SURNAMES)
    welsh = rng.random() < 0.45
    lang = Language.CY.value if welsh else Language.EN.value
    address = f"{rng.randrange(1, 120)} {b.pick(STREETS)}, {b.pick(TOWNS)}"

    # Parents / carers: shared by the sibling group; each may or may not hold PR.
    members: list[tuple[str, str, str, bool]] = []
    for relation, pr in (("mother", True), ("father", rng.random() < 0.7), ("stepfather", False)):
        if relation == "stepfather" and rng.random() < 0.7:
            continue
        mid = b.new_id()
        name = f"{b.pick(ADULT_GIVEN)} {surname if relation != 'stepfather' else b.pick(SURNAMES)}"
        b.add(
            "family_member",
            {"id": mid, "name": name, "address": address, "record_language": lang, **b.stamp()},
        )
        members.append((mid, name, relation, pr))

    # Children: the youngest may be unborn. Siblings never share a given name.
    child_ids: list[tuple[str, str, bool]] = []
    for i in range(size):
        cid = b.new_id()
        unborn = i == size - 1 and rng.random() < 0.06
        girl = rng.random() < 0.5
        taken = {g for _c, g, _u in child_ids}
        given = "Baby" if unborn else b.pick([n for n in (GIVEN_GIRLS if girl else GIVEN_BOYS) if n not in taken])
        dob = None if unborn else b.today - dt.timedelta(days=rng.randrange(60, 17 * 365))
        edd = b.today + dt.timedelta(days=rng.randrange(20, 150)) if unborn else None
        b.add(
            "child",
            {"id": cid, "given_names": given, "family_name": surname,
             "search_name": fold_name(f"{given} {surname}"), "aliases": "",
             "date_of_birth": dob, "unborn": unborn, "expected_delivery_date": edd,
             "sex": "" if unborn else ("female" if girl else "male"), "address": address,
             "council_id": council_id, "nhs_number": None if unborn else b.nhs_number(),
             "preferred_language": lang, "communication_medium": "", "communication_needs": "",
             "disability": "", "looked_after": rng.random() < 0.08, **b.stamp()},
        )  # fmt: skip
        child_ids.append((cid, given, unborn))
        for mid, _name, relation, pr in members:
            b.add(
                "family_link",
                {"id": b.new_id(), "child_id": cid, "family_member_id": mid, "relationship_to_child": relation,
                 "has_parental_responsibility": pr, "informed_on": b.today - dt.timedelta(days=rng.randrange(30, 400)),
                 "not_informed_reason": "", **b.stamp()},
            )  # fmt: skip

    # Conference history, oldest first, ending near today.
    start_transfer = rng.random() < 0.1
    last_day = b.today + dt.timedelta(days=rng.randrange(-50, 45))
    days: list[dt.date] = [last_day]
    for k in range(conferences - 1):
        gap_months = 3 if k == conferences - 2 else 6
        days.append(add_months(days[-1], -gap_months))
    days.reverse()
    days = [b.working_day(d) for d in days]

    chair, taker, chairs = users
    previous: tuple[str, dt.date, ConferenceType] | None = None
    registered_on: dt.date | None = None
    register_ids: dict[str, str] = {}
    for index, day in enumerate(days):
        last = index == len(days) - 1
        # A family moving in starts with a transfer-in conference; later, a review only for a family on
        # the register, otherwise a new referral (an initial conference).
        if index == 0 and start_transfer:
            kind = ConferenceType.TRANSFER_IN
        else:
            kind = ConferenceType.REVIEW if index > 0 and register_ids else ConferenceType.INITIAL
        initial = kind is ConferenceType.INITIAL
        strategy_on = b.calendar.add_working_days(day, -rng.randrange(5, 14)) if initial else None
        notified_on = day - dt.timedelta(days=rng.randrange(10, 25)) if kind is ConferenceType.TRANSFER_IN else None
        due = conference_due_by(
            kind,
            strategy_discussion_on=strategy_on,
            previous_on=previous[1] if previous else None,
            previous_type=previous[2] if previous else None,
            transfer_notified_on=notified_on,
            calendar=b.calendar,
        )
        if last and day > b.today and rng.random() < 0.12:
            # Booked later than the rules allow: shows as overdue once the due date passes.
            day = b.working_day(max(day, due + dt.timedelta(days=rng.randrange(3, 20))))
            due = min(due, b.today - dt.timedelta(days=rng.randrange(1, 10)))
        status = _status_for(b, day, last)
        held = status in _HELD
        conf_id = b.new_id()
        scheduled = dt.datetime.combine(day, dt.time(rng.choice((9, 10, 13, 14)), 30), tzinfo=dt.UTC)
        b.add(
            "conference",
            {"id": conf_id, "reference": b.reference(day), "council_id": council_id, "type": kind.value,
             "subject_is_unborn": any(u for _c, _g, u in child_ids), "status": status,
             "scheduled_for": scheduled, "due_by": due, "held_on": day if held else None,
             "venue": "Neuadd y Sir, Caerfyrddin" if rng.random() < 0.6 else "Microsoft Teams",
             "venue_mode": rng.choice(("in_person", "remote", "hybrid")), "language": lang, "language_other": "",
             "welsh_active_offer_made": True, "chair_user_id": chair if rng.random() < 0.5 or held else b.pick(chairs),
             "minute_taker_user_id": taker, "minuting_mode": "separate_record_taker",
             "chair_confirmed_no_involvement": held,
             "strategy_discussion_on": strategy_on, "previous_conference_id": previous[0] if previous else None,
             "previous_conference_on": previous[1] if previous else None, "transfer_notified_on": notified_on,
             "transfer_agreed_permanent_on": notified_on, "originating_council": "Ceredigion" if notified_on else "",
             "quorum_override_reason": "", "postponement_reason": "Teulu'n sâl / family illness"
             if status == ConferenceStatus.POSTPONED.value else "",
             "postponed_to": scheduled + dt.timedelta(days=7) if status == ConferenceStatus.POSTPONED.value else None,
             "record_drafted_at": b.now if status != ConferenceStatus.IN_PROGRESS.value and held else None,
             "record_approved_at": b.now if status in (ConferenceStatus.RECORD_APPROVED.value,
                                                       ConferenceStatus.DISTRIBUTED.value) else None,
             "record_approved_by": chair if status == ConferenceStatus.DISTRIBUTED.value else None,
             "summary_sent_on": day + dt.timedelta(days=3) if status == ConferenceStatus.DISTRIBUTED.value else None,
             "record_sent_on": day + dt.timedelta(days=15) if status == ConferenceStatus.DISTRIBUTED.value else None,
             "next_review_on": add_months(day, 3 if kind is not ConferenceType.REVIEW else 6) if held else None,
             **b.stamp(min(day, b.today))},
        )  # fmt: skip

        # Attendance: practitioners from several agencies, and the family.
        inquorate = status == ConferenceStatus.INQUORATE.value
        agencies = [str(AgencyGrouping.SOCIAL_SERVICES)]
        others = [a for a in AGENCY_ROLES if a != AgencyGrouping.SOCIAL_SERVICES]
        agencies += rng.sample(others, 1 if inquorate else rng.randrange(2, 5))
        present_practitioners: list[tuple[str, str]] = []
        position = 0
        for agency in agencies:
            pid, pname, prole = pool[agency][rng.randrange(len(pool[agency]))]
            if inquorate and agency != AgencyGrouping.SOCIAL_SERVICES:
                att_status = AttendanceStatus.APOLOGIES_NO_REPORT.value
            else:
                att_status = (
                    AttendanceStatus.APOLOGIES_WITH_REPORT.value
                    if rng.random() < 0.1
                    else rng.choice((AttendanceStatus.PRESENT_IN_PERSON.value, AttendanceStatus.PRESENT_REMOTE.value))
                )
            aid = b.new_id()
            b.add(
                "attendance",
                {"id": aid, "conference_id": conf_id, "position": position, "name": pname, "kind": "practitioner",
                 "agency": agency, "role_title": prole, "status": att_status, "practitioner_id": pid,
                 "family_member_id": None, "exclusion_reason": "", "interpreter_present": False,
                 "advocate_present": False, "supporter_present": False, "language": lang, **b.stamp()},
            )  # fmt: skip
            position += 1
            if att_status in (AttendanceStatus.PRESENT_IN_PERSON.value, AttendanceStatus.PRESENT_REMOTE.value):
                present_practitioners.append((aid, agency))
            if held and rng.random() < 0.5:
                b.add(
                    "agency_report",
                    {"id": b.new_id(), "conference_id": conf_id, "child_id": None, "agency": agency, "author": pname,
                     "received_on": day - dt.timedelta(days=3), "shared_with_parents_on": day - dt.timedelta(days=2),
                     "summary": "Adroddiad asiantaeth / agency report.", "view_on_registration": "", **b.stamp()},
                )  # fmt: skip
        if not inquorate:
            _quorate(b, conf_id, present_practitioners)
        excluded_family: list[tuple[str, str]] = []
        for mid, mname, _relation, _pr in members:
            excluded = rng.random() < 0.04
            family_aid = b.new_id()
            if excluded:
                excluded_family.append((family_aid, mname))
            b.add(
                "attendance",
                {"id": family_aid, "conference_id": conf_id, "position": position, "name": mname, "kind": "family",
                 "agency": None, "role_title": "", "status": AttendanceStatus.EXCLUDED_PART.value if excluded
                 else rng.choice((AttendanceStatus.PRESENT_IN_PERSON.value, AttendanceStatus.DID_NOT_ATTEND.value)),
                 "practitioner_id": None, "family_member_id": mid,
                 "exclusion_reason": "Risg i'r plentyn / risk to the child" if excluded else "",
                 "interpreter_present": False, "advocate_present": rng.random() < 0.2,
                 "supporter_present": False, "language": lang, **b.stamp()},
            )  # fmt: skip
            position += 1

        decision_sections: dict[str, str] = {}
        if held:
            key_position = 0
            for key, (per_child, template) in SECTION_TEXT.items():
                targets = child_ids if per_child else [(None, child_ids[0][1], False)]
                for section_child_id, child_given, _unborn in targets:
                    sid = b.new_id()
                    if key == "decision" and section_child_id is not None:
                        decision_sections[section_child_id] = sid
                    text = template.format(child=child_given, category="esgeulustod / neglect", family=surname)
                    b.add(
                        "minutes_section",
                        {"id": sid, "conference_id": conf_id, "key": key, "child_id": section_child_id,
                         "position": key_position, "text": text, "restricted": False, **b.stamp()},
                    )  # fmt: skip
                    b.add(
                        "minutes_version",
                        {"id": b.new_id(), "section_id": sid, "version": 1, "text": text, "saved_at": b.now,
                         "saved_by": taker},
                    )  # fmt: skip
                    key_position += 1
            if excluded_family:
                _withhold_decision(b, conf_id, decision_sections[child_ids[0][0]], excluded_family, lang)

        # Siblings considered together come to the same outcome here (one draw per conference).
        family_draw: float | None = None
        for position_child, (cid, given, unborn) in enumerate(child_ids):
            b.add(
                "conference_child",
                {"id": b.new_id(), "conference_id": conf_id, "child_id": cid, "position": position_child, **b.stamp()},
            )
            if not held:
                continue
            b.add(
                "child_voice",
                {"id": b.new_id(), "conference_id": conf_id, "child_id": cid,
                 "participation_mode": None if unborn else rng.choice(list(ParticipationMode)).value,
                 "advocacy_offer": rng.choice(list(AdvocacyOffer)).value, "advocacy_not_offered_reason": "",
                 "wishes_and_feelings": "" if unborn else f"Dywedodd {given} ei fod yn hoffi'r ysgol; poeni am y tŷ.",
                 "lived_experience": "Bywyd bob dydd yn y cartref.", "language": lang,
                 "chair_met_child_before": rng.random() < 0.3, "debrief_offered": True,
                 "social_worker_follow_up": "", "not_recorded_reason": "Plentyn heb ei eni / unborn" if unborn else "",
                 **b.stamp()},
            )  # fmt: skip
            family_draw = family_draw if family_draw is not None else rng.random()
            _decision(
                b, conf_id, cid, given, kind, status, present_practitioners, day, council_id, register_ids, taker,
                family_draw=family_draw,
            )  # fmt: skip
        if held and any(r for r in register_ids.values()):
            registered_on = registered_on or day
        previous = (conf_id, day, kind)

    # Co-ordinators: registered children get one, some had a change.
    for cid, _given, _unborn in child_ids:
        if cid not in register_ids:
            continue
        since = registered_on or b.today - dt.timedelta(days=90)
        worker = pool[str(AgencyGrouping.SOCIAL_SERVICES)][rng.randrange(8)]
        if rng.random() < 0.3:
            change = since + dt.timedelta(days=rng.randrange(20, 80))
            b.add("coordinator_assignment", _assignment(b, cid, worker, since, change))
            worker = pool[str(AgencyGrouping.SOCIAL_SERVICES)][rng.randrange(8)]
            since = change
        b.add("coordinator_assignment", _assignment(b, cid, worker, since, None))
        if rng.random() < 0.5:
            b.add(
                "visit",
                {"id": b.new_id(), "child_id": cid, "visited_on": b.today - dt.timedelta(days=rng.randrange(1, 30)),
                 "seen_alone": rng.random() < 0.7, "seen_at_home": True, "bedroom_seen": rng.random() < 0.5,
                 **b.stamp()},
            )  # fmt: skip


def _assignment(
    b: _Builder, cid: str, worker: tuple[str, str, str], since: dt.date, until: dt.date | None
) -> dict[str, Any]:
    return {
        "id": b.new_id(),
        "child_id": cid,
        "social_worker": worker[1],
        "registration_number": "",
        "from_date": since,
        "to_date": until,
        "handover_note": "Trosglwyddo / handover" if until else "",
        "told_in_person": until is not None,
        "told_in_writing": until is not None,
        # The next assignment is the change: it carries the checklist and who made it.
        "family_told": until is None,
        "agencies_told": until is None,
        "changed_by_user_id": None,
        "changed_by_name": CHAIR_NAME if until is None else "",
        **b.stamp(),
    }


def _quorate(b: _Builder, conf_id: str, present: list[tuple[str, str]]) -> None:
    """A conference that went ahead had three agencies present, or two and the chair's reason (T17).

    Apologies can leave fewer: then enough of those who sent apologies are made present, and with
    two the chair records why the conference went ahead, as the rules (and the register) require.
    """
    agencies = {agency for _aid, agency in present}
    if len(agencies) < 2:
        for row in b.rows["attendance"]:
            if row["conference_id"] == conf_id and row["kind"] == "practitioner" and row["agency"] not in agencies:
                row["status"] = AttendanceStatus.PRESENT_IN_PERSON.value
                present.append((row["id"], row["agency"]))
                agencies.add(row["agency"])
                if len(agencies) >= 2:
                    break
    if len(agencies) == 2:
        for row in reversed(b.rows["conference"]):
            if row["id"] == conf_id:
                row["quorum_override_reason"] = "Adroddiadau ysgrifenedig gan yr asiantaethau eraill / written reports"
                break


def _withhold_decision(b: _Builder, conf_id: str, section_id: str, excluded: list[tuple[str, str]], lang: str) -> None:
    """The family members excluded from part of the conference missed the first child's decision.

    The section is restricted and withheld from each of them, so their copy leaves out everything of
    that decision. Some get a distribution entry (a partial copy); and sometimes the family's
    solicitor is sent a partial copy with no list, which leaves out every restricted section.
    """
    for row in reversed(b.rows["minutes_section"]):
        if row["id"] == section_id:
            row["restricted"] = True
            break
    for aid, name in excluded:
        b.add("section_withheld", {"section_id": section_id, "attendance_id": aid})
        if b.rng.random() < 0.5:
            b.add(
                "distribution",
                {"id": b.new_id(), "conference_id": conf_id, "attendance_id": aid, "recipient_name": name,
                 "agency": None, "full_copy": False, "language": lang, "sent_on": None, "acknowledged_on": None,
                 **b.stamp()},
            )  # fmt: skip
    if b.rng.random() < 0.5:
        b.add(
            "distribution",
            {"id": b.new_id(), "conference_id": conf_id, "attendance_id": None,
             "recipient_name": "Cyfreithiwr y teulu / family's solicitor", "agency": None, "full_copy": False,
             "language": lang, "sent_on": None, "acknowledged_on": None, **b.stamp()},
        )  # fmt: skip


def _decision(
    b: _Builder,
    conf_id: str,
    cid: str,
    given: str,
    kind: ConferenceType,
    status: str,
    present: list[tuple[str, str]],
    day: dt.date,
    council_id: str,
    register_ids: dict[str, str],
    taker: str,
    *,
    family_draw: float,
) -> None:
    rng = b.rng
    on_register = cid in register_ids
    if kind is ConferenceType.TRANSFER_IN:
        # The receiving council takes over the registration, under the categories it finds (§5.3).
        outcome = Outcome.REMAIN_CATEGORY_CHANGED
    elif kind is ConferenceType.REVIEW and on_register:
        if family_draw < 0.6:
            outcome = Outcome.REMAIN_SAME_CATEGORY
        else:
            outcome = Outcome.REMAIN_CATEGORY_CHANGED if family_draw < 0.7 else Outcome.DEREGISTER
    else:
        outcome = Outcome.REGISTERED if family_draw < 0.75 else Outcome.NOT_REGISTERED
    categories = (
        sorted(rng.sample([c.value for c in Category], rng.choice((1, 1, 2))))
        if outcome not in (Outcome.NOT_REGISTERED, Outcome.DEREGISTER)
        else []
    )
    if status == ConferenceStatus.IN_PROGRESS.value:
        state = DecisionState.DRAFT.value
    elif status == ConferenceStatus.RECORD_DRAFTED.value:
        state = DecisionState.FINALISATION_PENDING.value
    else:
        # One decision alone is never contested (that takes two chairs deciding from one state), and
        # a profile holds finalised decisions its own chair made: other chairs' arrive by sync.
        rng.random()
        state = DecisionState.FINALISED.value
    finalised = state != DecisionState.DRAFT.value
    did = b.new_id()
    registers = outcome in (Outcome.REGISTERED, Outcome.REMAIN_SAME_CATEGORY, Outcome.REMAIN_CATEGORY_CHANGED)
    dissent = rng.random() < 0.1
    b.add(
        "decision",
        {"id": did, "conference_id": conf_id, "child_id": cid, "outcome": outcome.value, "categories": categories,
         # Each child's words are their own (their name in each), as in a real record.
         "rationale": f"Mae'r dystiolaeth yn dangos risg barhaus i {given}. The evidence shows continuing risk."
         if registers else f"Nid oes risg barhaus o niwed sylweddol i {given}.",
         "evidence": f"Adroddiadau'r asiantaethau am {given}.", "evidence_of_change": "", "plan_if_not_registered":
         "" if registers else f"Cynllun gofal a chymorth i {given} / care and support plan",
         "contingency_plan": "", "consensus": not dissent, "chair_decided": dissent,
         "chair_decision_reason": f"Dim consensws am {given} / no consensus" if dissent else "",
         "coordinator_name": "", "state": state,
         "content_sha256": f"{rng.getrandbits(256):064x}" if finalised else None,
         "finalised_at": b.now if finalised else None, "finalised_by": None,
         "decision_number": f"CAR-D-{rng.randrange(10**7):07d}" if state == DecisionState.FINALISED.value else None,
         "confirmed_at": b.now if state == DecisionState.FINALISED.value else None, **b.stamp()},
    )  # fmt: skip
    for position, (aid, _agency) in enumerate(present):
        if kind is ConferenceType.TRANSFER_IN or (kind is ConferenceType.REVIEW and on_register):
            view = PractitionerViewKind.STAY_REGISTERED if registers else PractitionerViewKind.DEREGISTER
        else:
            view = PractitionerViewKind.REGISTER if registers else PractitionerViewKind.DO_NOT_REGISTER
        b.add(
            "practitioner_view",
            {"id": b.new_id(), "decision_id": did, "attendance_id": aid, "position": position, "view": view.value,
             "categories": categories, "reasons": f"Barn am {given}: yn seiliedig ar yr adroddiadau.", **b.stamp()},
        )  # fmt: skip
    if dissent and present:
        b.add(
            "dissent",
            {"id": b.new_id(), "decision_id": did, "attendance_id": present[-1][0],
             "reason": f"Anghytuno â'r categori i {given} / disagrees with the category.", **b.stamp()},
        )  # fmt: skip
    if registers:
        b.add(
            "outline_plan",
            {"id": b.new_id(), "conference_id": conf_id, "child_id": cid, "risks": "Esgeulustod yn y cartref.",
             "keeping_safe": "Ymweliadau rheolaidd.", "outcomes": "Cartref diogel.", "support": "Eiriolaeth.",
             "monitoring": "Grŵp craidd.", "wishes_and_views": "", "contingency": "Cyfarfod strategaeth newydd.",
             "first_core_group_on": b.calendar.add_working_days(day, 10), **b.stamp()},
        )  # fmt: skip
        for position in range(3):
            due = b.calendar.add_working_days(day, 10 * (position + 1))
            b.add(
                "plan_action",
                {"id": b.new_id(), "conference_id": conf_id, "child_id": cid, "position": position,
                 "description": ("Ymweliad cartref wythnosol", "Asesiad iechyd", "Cefnogaeth rhianta")[position],
                 "owner": "Gweithiwr cymdeithasol", "owner_agency": AgencyGrouping.SOCIAL_SERVICES.value,
                 "due_on": due, "done_on": due if due < b.today and rng.random() < 0.6 else None, **b.stamp()},
            )  # fmt: skip
    if not finalised:
        return
    if rng.random() < 0.05:
        b.add(
            "addendum",
            {"id": b.new_id(), "decision_id": did, "text": f"Cywiriad: enw ysgol {given} / school name corrected.",
             "author_user_id": None, **b.stamp()},
        )  # fmt: skip
    if registers and not on_register:
        rid = b.new_id()
        register_ids[cid] = rid
        b.add(
            "register_entry",
            {"id": rid, "child_id": cid, "council_id": council_id, "registered_on": day, "categories": categories,
             "conference_id": conf_id, "decision_id": did, "coordinator": "",
             "temporary": False,
             "originating_council": "Ceredigion" if kind is ConferenceType.TRANSFER_IN else "", "ended_on": None,
             "end_reason": None, "under_review": state == DecisionState.CONTESTED.value, "confirmed": True,
             **b.stamp()},
        )  # fmt: skip
    elif outcome is Outcome.DEREGISTER and on_register:
        entry_id = register_ids.pop(cid)
        for row in reversed(b.rows["register_entry"]):
            if row["id"] == entry_id:
                row["ended_on"] = day
                reason = EndReason.MOVED_PERMANENTLY if rng.random() < 0.15 else EndReason.REVIEW_NO_CONTINUING_RISK
                row["end_reason"] = reason.value
                break


#: Insert order that satisfies the foreign keys.
_TABLE_ORDER = (
    "council", "app_user", "practitioner", "family_member", "child", "family_link", "conference",
    "conference_child", "attendance", "distribution", "agency_report", "child_voice", "minutes_section",
    "minutes_version", "section_withheld", "decision", "practitioner_view", "dissent", "addendum", "outline_plan",
    "plan_action", "coordinator_assignment", "visit", "register_entry",
)  # fmt: skip


def _plain_table(name: str) -> TableClause:
    """The table with untyped columns: values go to the driver as prepared by :func:`_serialised`.

    SQLAlchemy's per-value bind processing (UTC datetimes, dates, JSON lists) costs more than the
    insert itself at this volume, so the demo writes the stored forms directly.
    """
    return table(name, *(column(c.name) for c in orm.Base.metadata.tables[name].columns))


def _serialised(name: str, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """``rows`` with dates, UTC datetimes and code lists in the exact form the ORM types store."""
    kinds: list[tuple[str, Any]] = []
    for col in orm.Base.metadata.tables[name].columns:
        if isinstance(col.type, orm.UTCDateTime):
            kinds.append((col.name, _datetime_text))
        elif isinstance(col.type, Date):
            kinds.append((col.name, _date_text))
        elif isinstance(col.type, orm.JSONList):
            kinds.append((col.name, _codes_text))
    cache: dict[Any, str] = {}
    for row in rows:
        for col_name, convert in kinds:
            value = row[col_name]
            if value is None:
                continue
            key = (convert, value) if not isinstance(value, list) else None
            if key is not None and key in cache:
                row[col_name] = cache[key]
                continue
            text = convert(value)
            if key is not None:
                cache[key] = text
            row[col_name] = text
    return rows


def _datetime_text(value: dt.datetime) -> str:
    # SQLAlchemy's SQLite DATETIME storage format, after UTCDateTime made the value naive UTC.
    return value.astimezone(dt.UTC).replace(tzinfo=None).strftime("%Y-%m-%d %H:%M:%S.%f")


def _date_text(value: dt.date) -> str:
    return value.isoformat()


def _codes_text(value: list[str]) -> str:
    return json.dumps(sorted(value), separators=(",", ":"))


def generate_demo(
    store: HasEngine,
    *,
    children: int,
    seed: int = 1,
    today: dt.date | None = None,
    conferences_per_child: float = 1.0,
) -> DemoSummary:
    """Fill ``store`` with a fictional data set of about ``children`` children.

    Runs on the database lane (or a CLI process); one transaction. Returns the row counts.

    Args:
        store: An open, migrated store.
        children: How many children (sibling groups of one to four).
        seed: Same seed and ``today`` give identical rows, ids included.
        today: Dates are placed relative to it (default: the real today).
        conferences_per_child: Conferences per child (about 2 gives 100,000 for 50,000 children).
    """
    if children < 1:
        raise ValueError("children must be at least 1")
    started = time.perf_counter()
    b = _Builder(seed, today or dt.date.today())
    council_id = b.new_id()
    b.add("council", {"id": council_id, "code": "CAR", "name_en": "Carmarthenshire County Council",
                      "name_cy": "Cyngor Sir Gâr", **b.stamp()})  # fmt: skip
    users = _demo_users(b, council_id)
    pool = _practitioners(b)
    made = 0
    while made < children:
        size = min(children - made, b.rng.choices((1, 2, 3, 4), (45, 30, 17, 8))[0])
        wanted = conferences_per_child * size
        # Conferences per family: the expected count, rounded at random so totals come out right.
        count = max(1, int(wanted) + (1 if b.rng.random() < wanted - int(wanted) else 0))
        _family(b, council_id, size, count, users, pool)
        made += size

    with store.sessions.begin() as session:
        conn = session.connection()
        # Random UUID keys touch pages all over each index; a larger page cache for this one bulk
        # transaction roughly halves its time. Restored afterwards: the pooled connection lives on.
        previous_cache = conn.exec_driver_sql("PRAGMA cache_size").scalar_one()
        conn.exec_driver_sql("PRAGMA cache_size = -262144")
        for name in _TABLE_ORDER:
            rows = b.rows.get(name)
            if rows:
                session.execute(insert(_plain_table(name)), _serialised(name, rows))
        set_meta(session, "demo", "1")
        set_meta(session, "demo.seed", str(seed))
        set_meta(session, "demo.today", b.today.isoformat())
        from desktop.profile import ProfileIdentity, write_identity

        write_identity(
            session, ProfileIdentity(user_id=users[0], display_name=CHAIR_NAME, council_id=council_id, roles=("chair",))
        )
        session.flush()
        conn.exec_driver_sql(f"PRAGMA cache_size = {int(previous_cache)}")
    summary = DemoSummary(
        counts={name: len(rows) for name, rows in b.rows.items()},
        seconds=time.perf_counter() - started,
        chair_user_id=users[0],
        minute_taker_user_id=users[1],
    )
    logger.info("demo data written", extra={"children": summary.children, "conferences": summary.conferences})
    return summary
