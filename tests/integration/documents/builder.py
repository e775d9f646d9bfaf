"""Builds a realistic conference in a real encrypted store, for document tests and benchmarks.

Four children, long Welsh minutes (ŵ ŷ â), practitioners from several agencies with apologies, a
father excluded from part of the conference with a restricted section withheld from his copy,
decisions with every view and recorded dissent, outline plans with actions, and a distribution list.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy.orm import Session, sessionmaker

from desktop.services.base import CurrentUser, ServiceContext
from desktop.services.documents import DocumentService
from desktop.store.orm import (
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
from sync.protocol.enums import Role

HELD_ON = dt.date(2026, 3, 5)
TODAY = dt.date(2026, 3, 12)
#: Text only in the section withheld from the father's copy.
WITHHELD_TEXT = "Rhannodd yr heddlu wybodaeth gyfrinachol am ymchwiliad troseddol parhaus i Mr Ŵyn Llŷr."
CHILD_NAMES = ("Dŷlan Prŷs", "Gwên Prŷs", "Siôn Prŷs", "Ŵyn Prŷs")

WELSH_SENTENCES = (
    "Dywedodd yr ymwelydd iechyd fod y teulu wedi symud i dŷ newydd ym mis Ionawr a bod y plant wedi setlo'n "
    "dda yn yr ysgol.",
    "Mynegodd y fam bryder am gyflwr y tŷ a'r diffyg lle i'r plant chwarae; mae'r mab hynaf yn rhannu ystafell "
    "wely â'i frodyr iau.",
    "Nododd yr heddlu ddau ddigwyddiad o drais domestig yn ystod y chwe mis diwethaf, a galwyd swyddogion i'r "
    "cartref ar y ddau achlysur.",
    "Roedd yr ysgol yn fodlon ar bresenoldeb Dŷlan ond yn poeni ei fod yn cyrraedd heb frecwast ac yn aml yn "
    "flinedig iawn.",
    "Cytunodd pawb fod y tad wedi ymgysylltu'n well â'r gwasanaethau ers y gynhadledd ddiwethaf, er bod angen "
    "gweld newid cyson dros gyfnod hwy.",
    "Mae'r gweithiwr cymdeithasol wedi ymweld â'r cartref bedair gwaith ac wedi gweld y plant ar eu pennau eu "
    "hunain bob tro; roedd Gwên yn siarad yn agored am ei theimladau.",
    "Trafodwyd a ddylid cynnig gwasanaeth eiriolaeth i'r plant hŷn, a chytunwyd y byddai'r gweithiwr "
    "cymdeithasol yn gwneud y cynnig gweithredol o fewn wythnos.",
    "Pwysleisiodd y cadeirydd fod yn rhaid i bob asiantaeth rannu gwybodaeth yn brydlon â'r cydgysylltydd, "
    "yn enwedig pan fo pryderon newydd yn codi gyda'r nos neu ar y penwythnos.",
)


def welsh_text(paragraphs: int, seed: int = 0) -> str:
    """``paragraphs`` paragraphs of Welsh minutes, separated by blank lines."""
    out = []
    n = len(WELSH_SENTENCES)
    for i in range(paragraphs):
        k = seed + i
        out.append(" ".join(WELSH_SENTENCES[(k + j) % n] for j in range(4)))
    return "\n\n".join(out)


@dataclass(frozen=True)
class Built:
    """Ids of the records the tests look at."""

    conference_id: str
    reference: str
    father_attendance_id: str
    father_distribution_id: str
    mother_attendance_id: str
    police_distribution_id: str
    health_visitor_attendance_id: str
    child_ids: tuple[str, ...]
    withheld_section_id: str


def make_service(sessions: sessionmaker[Session], today: dt.date = TODAY) -> DocumentService:
    """A DocumentService acting as the chair, with a fixed date."""
    ctx = ServiceContext(
        sessions,
        user=lambda: CurrentUser(user_id="user-chair", display_name="Siân Morgan", role=Role.CHAIR),
        today=lambda: today,
        device_id="device-1",
    )
    return DocumentService(ctx)


def build_conference(
    sessions: sessionmaker[Session],
    *,
    reference: str = "CAR-2026-0142",
    minutes_paragraphs: int = 6,
    approved: bool = False,
    language: str = "cy",
    children: int = 4,
) -> Built:
    """Insert one conference with its whole record; returns the ids tests need."""
    with sessions.begin() as s:
        council = s.get(Council, "council-ynys-mon")
        if council is None:
            council = Council(
                id="council-ynys-mon",
                code="YM",
                name_en="Isle of Anglesey County Council",
                name_cy="Cyngor Sir Ynys Môn",
            )
            s.add(council)
            s.add(User(id="user-chair", display_name="Siân Morgan", roles=["chair"], council_id=council.id))
            s.add(User(id="user-minutes", display_name="Eleri Hughes", roles=["minute_taker"], council_id=council.id))
        s.flush()
        cid = f"conf-{reference}"
        conf = Conference(
            id=cid,
            reference=reference,
            council_id=council.id,
            type="initial",
            status="record_approved" if approved else "record_drafted",
            scheduled_for=dt.datetime(2026, 3, 5, 10, 0, tzinfo=dt.UTC),
            held_on=HELD_ON,
            venue="Neuadd y Sir, Llangefni",
            venue_mode="hybrid",
            language=language,
            welsh_active_offer_made=True,
            chair_user_id="user-chair",
            minute_taker_user_id="user-minutes",
            record_approved_at=dt.datetime(2026, 3, 10, 9, 0, tzinfo=dt.UTC) if approved else None,
            record_approved_by="user-chair" if approved else None,
            next_review_on=dt.date(2026, 6, 4),
        )
        s.add(conf)
        kids = []
        for i, name in enumerate(CHILD_NAMES[:children]):
            given, family = name.split(" ")
            child = Child(
                id=f"{cid}-child-{i}",
                given_names=given,
                family_name=family,
                date_of_birth=dt.date(2012 + 2 * i, 1 + i, 10 + i),
                council_id=council.id,
                preferred_language="cy",
            )
            kids.append(child)
            s.add(child)
            s.add(ConferenceChild(id=f"{cid}-cc-{i}", conference_id=cid, child_id=child.id, position=i))
        mother = FamilyMember(
            id=f"{cid}-mother", name="Catrin Prŷs", address="2 Stryd y Bont\nLlangefni\nLL77 7AA", record_language="cy"
        )
        father = FamilyMember(
            id=f"{cid}-father", name="Dafydd Prŷs", address="14 Ffordd Caergybi\nBangor\nLL57 2AB", record_language="cy"
        )
        s.add_all([mother, father])
        s.flush()
        for i, child in enumerate(kids):
            s.add(
                FamilyLink(
                    id=f"{cid}-fl-m{i}",
                    child_id=child.id,
                    family_member_id=mother.id,
                    relationship_to_child="Mam",
                    has_parental_responsibility=True,
                )
            )
            if i < 2:
                s.add(
                    FamilyLink(
                        id=f"{cid}-fl-f{i}",
                        child_id=child.id,
                        family_member_id=father.id,
                        relationship_to_child="Tad",
                        has_parental_responsibility=True,
                    )
                )
        people = [
            ("sw", "Rhys Dafydd", "practitioner", "social_services", "Gweithiwr cymdeithasol", "present_in_person"),
            ("hv", "Mair Llŷr", "practitioner", "health", "Ymwelydd iechyd", "present_in_person"),
            ("police", "Tomos Evans", "practitioner", "police", "Sarjant, Uned Diogelu", "present_remote"),
            ("school", "Ceri Jenkins", "practitioner", "education", "Pennaeth", "apologies_with_report"),
            ("gp", "Dr Alun Rees", "practitioner", "health", "Meddyg teulu", "apologies_no_report"),
            ("housing", "Owain Pugh", "practitioner", "housing", "Swyddog tai", "did_not_attend"),
            ("mother", "Catrin Prŷs", "family", None, "Mam", "present_in_person"),
            ("father", "Dafydd Prŷs", "family", None, "Tad", "excluded_part"),
        ]
        att: dict[str, Attendance] = {}
        for pos, (key, name, kind, agency, role, status) in enumerate(people):
            a = Attendance(
                id=f"{cid}-att-{key}",
                conference_id=cid,
                position=pos,
                name=name,
                kind=kind,
                agency=agency,
                role_title=role,
                status=status,
                language="cy" if kind == "family" else "en",
                family_member_id=mother.id if key == "mother" else father.id if key == "father" else None,
                exclusion_reason="Gwybodaeth gan yr heddlu na ellir ei rhannu â'r tad." if key == "father" else "",
                interpreter_present=False,
                advocate_present=key == "mother",
            )
            att[key] = a
            s.add(a)
        s.flush()
        for key in ("sw", "hv", "police", "school", "gp", "housing", "mother", "father"):
            a = att[key]
            s.add(
                Distribution(
                    id=f"{cid}-dist-{key}",
                    conference_id=cid,
                    attendance_id=a.id,
                    recipient_name=a.name,
                    agency=a.agency,
                    full_copy=key != "father",
                    language=a.language,
                )
            )
        s.add(
            AgencyReport(
                id=f"{cid}-rep-sw",
                conference_id=cid,
                agency="social_services",
                author="Rhys Dafydd",
                received_on=dt.date(2026, 3, 2),
                shared_with_parents_on=dt.date(2026, 3, 3),
                summary=welsh_text(1, 1),
            )
        )
        s.add(
            AgencyReport(
                id=f"{cid}-rep-school",
                conference_id=cid,
                child_id=kids[0].id,
                agency="education",
                author="Ceri Jenkins",
                received_on=dt.date(2026, 3, 4),
                summary=welsh_text(1, 3),
            )
        )
        for i, child in enumerate(kids):
            s.add(
                ChildVoice(
                    id=f"{cid}-voice-{i}",
                    conference_id=cid,
                    child_id=child.id,
                    participation_mode="prepared_contribution" if i == 0 else "via_social_worker",
                    advocacy_offer="accepted" if i == 0 else "declined",
                    wishes_and_feelings=(
                        f"Mae {child.given_names} eisiau aros gyda'i fam a chael mynd i'r clwb pêl-droed bob wythnos. "
                        "Mae'n hoffi'r tŷ newydd."
                    ),
                    lived_experience=(
                        "Diwrnod arferol: codi'n hwyr, dim brecwast, ysgol, gwylio'r teledu. "
                        "Mae'n poeni pan fydd ei rieni'n dadlau."
                    ),
                    chair_met_child_before=i == 0,
                    debrief_offered=True,
                    social_worker_follow_up=(
                        "Bydd y gweithiwr cymdeithasol yn esbonio'r penderfyniad iddo o fewn wythnos."
                    ),
                )
            )
        keys = ("attendance_apologies", "reports_received", "risks_strengths", "decision", "outline_plan")
        pos = 0
        withheld_id = f"{cid}-min-restricted"
        for key in keys:
            s.add(
                MinutesSection(
                    id=f"{cid}-min-{key}",
                    conference_id=cid,
                    key=key,
                    position=pos,
                    text=welsh_text(minutes_paragraphs, pos),
                )
            )
            pos += 1
            if key == "reports_received":
                s.add(
                    MinutesSection(
                        id=withheld_id,
                        conference_id=cid,
                        key="information_shared",
                        child_id=kids[0].id,
                        position=pos,
                        text=WITHHELD_TEXT + "\n\n" + welsh_text(1, 5),
                        restricted=True,
                    )
                )
                pos += 1
        s.flush()
        s.add(SectionWithheld(section_id=withheld_id, attendance_id=att["father"].id))
        outcomes = (
            "decision_2_registered",
            "decision_2_registered",
            "decision_1_not_registered",
            "decision_2_registered",
        )
        cats = (["neglect", "emotional"], ["neglect"], [], ["physical"])
        for i, child in enumerate(kids):
            did = f"{cid}-dec-{i}"
            registered = outcomes[i] == "decision_2_registered"
            chair_decided = i == 3
            s.add(
                Decision(
                    id=did,
                    conference_id=cid,
                    child_id=child.id,
                    outcome=outcomes[i],
                    categories=cats[i],
                    rationale=(
                        f"Mae {child.given_names} mewn perygl parhaus o niwed "
                        "oherwydd esgeulustod a thrais yn y cartref."
                    )
                    if registered
                    else "Nid oes risg barhaus o niwed sylweddol, ond mae angen cymorth ar y teulu.",
                    evidence="Adroddiadau'r ysgol a'r heddlu; ymweliadau'r gweithiwr cymdeithasol.",
                    plan_if_not_registered=""
                    if registered
                    else "Asesiad lles o dan Ran 3 a chymorth gan y tîm teuluoedd.",
                    consensus=not chair_decided,
                    chair_decided=chair_decided,
                    chair_decision_reason=(
                        "Roedd y farn wedi'i rhannu'n gyfartal; penderfynodd y cadeirydd ar sail y dystiolaeth."
                    )
                    if chair_decided
                    else "",
                    coordinator_name="Rhys Dafydd",
                    state="finalised",
                )
            )
            s.flush()
            for p, key in enumerate(("sw", "hv", "police")):
                view = "register" if registered and not (chair_decided and key == "police") else "do_not_register"
                s.add(
                    PractitionerView(
                        id=f"{did}-v-{key}",
                        decision_id=did,
                        attendance_id=att[key].id,
                        position=p,
                        view=view,
                        categories=cats[i] if view == "register" else [],
                        reasons="Pryder am esgeulustod a diffyg goruchwyliaeth."
                        if view == "register"
                        else "Mae'r teulu'n ymgysylltu'n dda.",
                    )
                )
            if chair_decided:
                s.add(
                    Dissent(
                        id=f"{did}-dissent",
                        decision_id=did,
                        attendance_id=att["police"].id,
                        reason="Nid yw'r heddlu'n credu bod y trothwy wedi'i gyrraedd i Ŵyn.",
                    )
                )
            if registered:
                s.add(
                    OutlinePlan(
                        id=f"{cid}-plan-{i}",
                        conference_id=cid,
                        child_id=child.id,
                        risks="Esgeulustod: diffyg bwyd a goruchwyliaeth. Trais domestig yn y cartref.",
                        keeping_safe="Ymweliadau wythnosol gan y gweithiwr cymdeithasol; cynllun diogelwch gyda'r fam.",
                        outcomes="Bydd y plentyn yn cael brecwast bob dydd ac yn mynychu'r ysgol yn brydlon.",
                        support="Cwrs rhianta; gwasanaeth eiriolaeth; cymorth gan Cymorth i Ferched Cymru.",
                        monitoring="Y grŵp craidd, bob pedair wythnos.",
                        wishes_and_views="Mae'r plentyn eisiau aros gartref; mae'r fam yn cytuno â'r cynllun.",
                        contingency="Os bydd digwyddiad arall o drais, cynhelir trafodaeth strategaeth ar unwaith.",
                        first_core_group_on=dt.date(2026, 3, 19),
                    )
                )
                for k in range(3):
                    s.add(
                        PlanAction(
                            id=f"{cid}-act-{i}-{k}",
                            conference_id=cid,
                            child_id=child.id,
                            position=k,
                            description=(
                                f"Cam {k + 1}: trefnu apwyntiad â'r ymwelydd iechyd a sicrhau bod y tŷ'n ddiogel."
                            ),
                            owner="Mair Llŷr" if k else "Rhys Dafydd",
                            owner_agency="health" if k else "social_services",
                            due_on=dt.date(2026, 3, 20 + k),
                        )
                    )
                s.add(
                    RegisterEntry(
                        id=f"{cid}-reg-{i}",
                        child_id=child.id,
                        council_id=council.id,
                        registered_on=HELD_ON,
                        categories=cats[i],
                        conference_id=cid,
                        decision_id=did,
                        coordinator="Rhys Dafydd",
                        confirmed=True,
                    )
                )
        s.add(CoreGroupMember(id=f"{cid}-cg-1", conference_id=cid, name="Rhys Dafydd", agency="social_services"))
        s.add(CoreGroupMember(id=f"{cid}-cg-2", conference_id=cid, name="Mair Llŷr", agency="health"))
        s.add(CoreGroupMember(id=f"{cid}-cg-3", conference_id=cid, name="Catrin Prŷs"))
    return Built(
        conference_id=cid,
        reference=reference,
        father_attendance_id=f"{cid}-att-father",
        father_distribution_id=f"{cid}-dist-father",
        mother_attendance_id=f"{cid}-att-mother",
        police_distribution_id=f"{cid}-dist-police",
        health_visitor_attendance_id=f"{cid}-att-hv",
        child_ids=tuple(k.id for k in kids),
        withheld_section_id=withheld_id,
    )
