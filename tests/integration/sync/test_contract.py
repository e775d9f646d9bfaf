"""The contract across the seam: what the app records is what the register service applies.

One chair's profile runs a whole conference through the real services (desktop/services), before
and after signing in; every op it queues is validated against the protocol's models, pushed over
HTTPS to the real service and must come back ``applied``. A second user of the same council then
pulls the feed into a fresh profile, and the UI's DTOs for both conferences are equal to the
first profile's.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from pathlib import Path
from typing import Any

from sqlalchemy import select

from desktop.services.attendance import NewAttendee
from desktop.services.conferences import NewConference
from desktop.services.documents import DocumentService
from desktop.store import wire
from desktop.store.ids import new_id
from desktop.store.orm import AgencyReport, FamilyLink, FamilyMember, OutboxOp
from sync.protocol.enums import (
    AdvocacyOffer,
    AgencyGrouping,
    AttendanceStatus,
    Category,
    ConferenceType,
    Entity,
    OpKind,
    Outcome,
    ParticipantKind,
    ParticipationMode,
    PractitionerViewKind,
    Role,
)
from sync.protocol.messages import Op
from sync.protocol.records import RECORD_MODELS, FinaliseDecisionPayload, VoidPayload, client_fields
from tests.integration.sync.seam import Profile, Seam, seam

#: Fields of a DTO that describe who is looking (their seat, their permissions) or this laptop's own
#: bookkeeping (when a draft or a version was saved here, when its chair pressed "Finalise": the
#: service stamps its own time, which the finalising laptop cannot write over its frozen record).
PER_DEVICE = ("can_", "saved_at", "draft_", "permission", "seat", "locked_reason", "is_chair", "my_", "finalised_at")


def _dto(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {
            f.name: _dto(getattr(value, f.name))
            for f in dataclasses.fields(value)
            if not any(f.name.startswith(p) or p in f.name for p in PER_DEVICE)
        }
    if isinstance(value, tuple | list):
        return [_dto(v) for v in value]
    return value


def _check_ops_against_protocol(p: Profile) -> list[tuple[str, str]]:
    """Every queued op is a valid envelope whose payload is its entity's wire shape; returns (entity, kind)."""
    seen = []
    for raw in p.sync.pending_ops(limit=10_000, max_bytes=10**9):
        op = Op.model_validate(raw)
        entity, kind = Entity(op.entity), OpKind(op.kind)
        seen.append((entity.value, kind.value))
        if kind in (OpKind.CREATE, OpKind.APPEND, OpKind.ADDENDUM):
            assert set(op.payload) <= client_fields(entity), (entity, set(op.payload) - client_fields(entity))
            RECORD_MODELS[entity].model_validate(op.payload)
        elif kind is OpKind.PATCH:
            assert op.base_version is not None and op.payload
            assert set(op.payload) <= client_fields(entity), (entity, set(op.payload) - client_fields(entity))
        elif kind is OpKind.FINALISE_DECISION:
            FinaliseDecisionPayload.model_validate(op.payload)
        elif kind is OpKind.VOID:
            VoidPayload.model_validate(op.payload)
        assert op.author_user_id == p.user_id
    return seen


def _existing_family_and_report(p: Profile, child_ids: tuple[str, str], conference_id: str) -> None:
    """Records no service writes yet (family, agency reports) exist in profiles made before sign-in."""
    with p.store.sessions.begin() as s:
        mam = FamilyMember(id=new_id(), name="Mair Ŵyn", address="Tŷ Gwyn, Caerdydd", record_language="cy", version=1)
        s.add(mam)
        s.flush()
        for child in child_ids:
            s.add(
                FamilyLink(
                    id=new_id(), child_id=child, family_member_id=mam.id, relationship_to_child="Mam",
                    has_parental_responsibility=True, informed_on=dt.date(2026, 3, 3), version=1,
                )
            )  # fmt: skip
        s.add(
            AgencyReport(
                id=new_id(), conference_id=conference_id, child_id=child_ids[0], agency="education",
                author="Pennaeth", received_on=dt.date(2026, 3, 9), summary="Presenoldeb 71%.",
                view_on_registration="", version=1,
            )
        )  # fmt: skip


def _run_conference(p: Profile, mt_local: str, child_ids: tuple[str, str]) -> tuple[str, dict[str, str]]:
    s = p.services
    cid = s.conferences.create(
        NewConference(
            type=ConferenceType.INITIAL,
            scheduled_for=dt.datetime(2026, 3, 12, 10, 0, tzinfo=dt.UTC),
            child_ids=child_ids,
            strategy_discussion_on=dt.date(2026, 3, 2),
            chair_user_id=p.seat.user.user_id,
            minute_taker_user_id=mt_local,
            venue="Neuadd y Sir",
        )
    ).id
    s.conferences.start(cid)
    ids: dict[str, str] = {}
    for name, agency in (
        ("PC Jones", AgencyGrouping.POLICE),
        ("Nyrs Evans", AgencyGrouping.HEALTH),
        ("SW Price", AgencyGrouping.SOCIAL_SERVICES),
    ):
        ids[name] = s.attendance.add(cid, NewAttendee(name, ParticipantKind.PRACTITIONER, agency=agency)).id
    late = s.attendance.add(cid, NewAttendee("Mr Rees", ParticipantKind.FAMILY)).id
    s.attendance.update(late, {"status": AttendanceStatus.APOLOGIES_NO_REPORT.value})
    for child in child_ids:
        s.voice.save(
            cid,
            child,
            {
                "participation_mode": ParticipationMode.PREPARED_CONTRIBUTION.value,
                "advocacy_offer": AdvocacyOffer.ACCEPTED.value,
                "wishes_and_feelings": "Mae hi eisiau aros gyda'i mam-gu.",
                "language": "cy",
            },
        )
        s.plan.save(cid, child, {"risks": "Esgeulustod", "keeping_safe": "Ymweliadau wythnosol"})
        s.plan.add_action(cid, child, "Ymweliad cartref wythnosol", "SW Price", dt.date(2026, 3, 20))
    s.plan.add_member(cid, None, "Nyrs Evans", AgencyGrouping.HEALTH.value, "Ymwelydd iechyd")
    gone = s.plan.add_action(cid, None, "Camgymeriad", "neb", None)
    s.plan.remove_action(gone.id)
    sections = s.minutes.sections(cid)
    s.minutes.save(sections[0].id, "Presennol: PC Jones, Nyrs Evans, SW Price.")
    s.minutes.save(sections[0].id, "Presennol: PC Jones, Nyrs Evans, SW Price. Ymddiheuriadau: Mr Rees.")
    for child in child_ids:
        s.decisions.save(
            cid,
            child,
            {
                "outcome": Outcome.REGISTERED.value,
                "categories": [Category.NEGLECT.value],
                "rationale": "Mae'r risg o esgeulustod yn parhau.",
                "evidence": "Adroddiad yr ymwelydd iechyd\nPresenoldeb ysgol",
                "coordinator_name": "SW Price",
            },
        )
        for name, vid in ids.items():
            view = PractitionerViewKind.DO_NOT_REGISTER if name == "Nyrs Evans" else PractitionerViewKind.REGISTER
            s.decisions.set_view(cid, child, vid, view, categories=[Category.NEGLECT.value], reasons="gwelwyd")
        s.decisions.set_dissent(cid, child, ids["Nyrs Evans"], "Mae'r teulu'n ymgysylltu.")
        s.decisions.save(cid, child, {"chair_decided": True, "chair_decision_reason": "Barn y mwyafrif."})
    return cid, ids


def test_a_whole_conference_is_applied_by_the_service_and_lands_in_a_second_profile(tmp_path: Path) -> None:
    with seam(tmp_path) as sm:
        _contract(sm, tmp_path)


def _contract(sm: Seam, tmp_path: Path) -> None:
    sm.add_user("gwen", "Gwenllian Morgan", Role.CHAIR)
    service_mt = sm.add_user("rhys", "Rhys Ifans", Role.MINUTE_TAKER)
    sm.add_user("ceri", "Ceri Lloyd", Role.CHAIR)
    sm.add_user("lewis", "SW Lewis", Role.COORDINATOR)
    p1 = sm.profile(tmp_path / "p1")
    s = p1.services
    p1.seat.user = s.settings.set_identity("Gwenllian Morgan", Role.CHAIR)
    local_chair = p1.seat.user.user_id
    mt_local = s.settings.add_user("Rhys Ifans", Role.MINUTE_TAKER)
    council = s.settings.ensure_council("CRD", "Cardiff", "Caerdydd")
    a = s.children.create("Siân", "Ŵyn", council_id=council.id, date_of_birth=dt.date(2015, 5, 1)).id
    b = s.children.create("Dafydd", "Ŵyn", council_id=council.id, date_of_birth=dt.date(2018, 9, 12)).id

    # ---- recorded offline, before sign-in
    cid, ids = _run_conference(p1, mt_local, (a, b))
    _existing_family_and_report(p1, (a, b), cid)
    with p1.store.sessions() as db:
        before = [(o.device_seq, o.op_id) for o in db.scalars(select(OutboxOp).order_by(OutboxOp.device_seq))]
        assert {o.author_user_id for o in db.scalars(select(OutboxOp))} == {local_chair}

    summary = sm.sign_in(p1, "gwen")
    assert summary.ops_reauthored == len(before) and summary.upload.queued == 3  # two family links, one report
    with p1.store.sessions() as db:
        after = [(o.device_seq, o.op_id) for o in db.scalars(select(OutboxOp).order_by(OutboxOp.device_seq))]
        conf_ops = [
            json.loads(o.payload_json)
            for o in db.scalars(select(OutboxOp).where(OutboxOp.entity == "conference", OutboxOp.kind == "create"))
        ]
    assert after[: len(before)] == before  # same ops, same order
    assert conf_ops[0]["chair_user_id"] == p1.user_id and conf_ops[0]["record_taker_user_id"] == service_mt

    kinds = _check_ops_against_protocol(p1)
    results = sm.push(p1)
    assert [r["status"] for r in results if r["status"] != "applied"] == [], [
        r for r in results if r["status"] != "applied"
    ]

    # ---- after sign-in: finalise, addendum, approve, distribute, documents, a co-ordinator change
    for child in (a, b):
        preview = s.decisions.finalise_preview(cid, child)
        s.decisions.finalise(cid, child, preview.content_sha256)
    s.decisions.add_addendum(cid, a, "Cywiriad: enw'r ysgol yw Ysgol y Wern.")
    s.conferences.approve_record(cid)
    rec = s.distribution.add(cid, "Mair Ŵyn", full_copy=False, language="cy")
    s.distribution.mark_sent(rec.id, dt.date(2026, 3, 16))
    DocumentService(s.ctx).produce(cid, kind="summary", language="cy")
    s.children.change_coordinator(a, "SW Price", from_date=dt.date(2026, 3, 12), handover_note="Cyntaf",
                                  family_told=True, agencies_told=True)  # fmt: skip
    s.children.change_coordinator(a, "SW Lewis", from_date=dt.date(2026, 3, 14), handover_note="Trosglwyddo",
                                  family_told=True, agencies_told=True, )  # fmt: skip
    kinds += _check_ops_against_protocol(p1)
    results = sm.push(p1)
    bad = [r for r in results if r["status"] != "applied"]
    assert bad == [], bad
    finals = [r for r in results if r.get("decision_number")]
    assert len(finals) == 2
    # The co-ordinator named is the directory's "SW Lewis" (a co-ordinator): the service gives them the case.
    lewis_meta = sm._json("GET", "/v1/sync/meta", sm.svc.enrol("lewis").access_token).json()
    assert f"child:{a}" in lewis_meta["scopes"] and f"child:{b}" not in lewis_meta["scopes"]

    # ---- a review with two agencies and the chair's reason: the register version moves on
    sm.pull(p1)
    review = s.conferences.create(
        NewConference(
            type=ConferenceType.REVIEW,
            scheduled_for=dt.datetime(2026, 6, 4, 10, 0, tzinfo=dt.UTC),
            child_ids=(a,),
            previous_conference_on=dt.date(2026, 3, 12),
            previous_conference_type=ConferenceType.INITIAL,
            chair_user_id=p1.user_id,
            minute_taker_user_id=service_mt,
        )
    ).id
    s.conferences.start(review)
    two = [
        s.attendance.add(review, NewAttendee(n, ParticipantKind.PRACTITIONER, agency=g)).id
        for n, g in (("PC Jones", AgencyGrouping.POLICE), ("SW Lewis", AgencyGrouping.SOCIAL_SERVICES))
    ]
    s.conferences.set_quorum_reason(review, "Iechyd wedi anfon adroddiad; y plentyn yn ddiogel.")
    s.voice.save(review, a, {"participation_mode": ParticipationMode.VIA_SOCIAL_WORKER.value,
                             "advocacy_offer": AdvocacyOffer.DECLINED.value, "language": "cy",
                             "wishes_and_feelings": "Hapus yn yr ysgol."})  # fmt: skip
    s.decisions.save(review, a, {"outcome": Outcome.REMAIN_SAME_CATEGORY.value, "categories": [Category.NEGLECT.value],
                                 "rationale": "Dim newid digonol eto.", "evidence": "Adroddiad SW Lewis",
                                 "coordinator_name": "SW Lewis"})  # fmt: skip
    for vid in two:
        s.decisions.set_view(review, a, vid, PractitionerViewKind.STAY_REGISTERED, reasons="cytuno")
    preview = s.decisions.finalise_preview(review, a)
    s.decisions.finalise(review, a, preview.content_sha256)
    kinds += _check_ops_against_protocol(p1)
    results = sm.push(p1)
    bad = [r for r in results if r["status"] != "applied"]
    assert bad == [], bad
    sm.pull(p1)

    # Every kind of op the services produce was sent, and every one was applied.
    sent = set(kinds)
    for entity in wire.outbound_entities():
        assert {(entity.value, k) for k in ("create", "append", "addendum")} & sent, entity
    assert {("decision", "patch"), ("decision", "finalise_decision"), ("plan_action", "void"),
            ("attendance", "patch"), ("minutes_section", "patch"), ("conference", "patch"),
            ("coordinator_assignment", "patch"), ("distribution", "patch")} <= sent  # fmt: skip

    # ---- a second user of the council pulls everything into a fresh profile
    p2 = sm.profile(tmp_path / "p2")
    sm.sign_in(p2, "ceri")
    assert sm.pull(p2) > 0
    for conference in (cid, review):
        _assert_same_views(p1, p2, conference)
    for child in (a, b):
        assert _dto(p1.services.children.detail(child)) == _dto(p2.services.children.detail(child))
    detail = p2.services.children.detail(a)
    assert [r.ended_on for r in detail.registrations] == [None] and detail.registrations[0].categories == ("neglect",)
    assert [c.social_worker for c in detail.coordinators] == ["SW Price", "SW Lewis"]


def _assert_same_views(p1: Profile, p2: Profile, conference: str) -> None:
    one, two = p1.services, p2.services
    assert _dto(one.conferences.details(conference)) == _dto(two.conferences.details(conference))
    assert _dto(one.attendance.list(conference)) == _dto(two.attendance.list(conference))
    assert _dto(one.attendance.quorum(conference)) == _dto(two.attendance.quorum(conference))
    assert _dto(one.minutes.sections(conference)) == _dto(two.minutes.sections(conference))
    assert _dto(one.distribution.list(conference)) == _dto(two.distribution.list(conference))
    for child in [c.id for c in one.conferences.details(conference).children]:
        assert _dto(one.voice.get(conference, child)) == _dto(two.voice.get(conference, child))
        assert _dto(one.decisions.get(conference, child)) == _dto(two.decisions.get(conference, child))
        assert _dto(one.plan.get(conference, child)) == _dto(two.plan.get(conference, child))
