"""The adapter between the desktop's rows and the wire: every table accounted for, only client fields sent."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from sqlalchemy import inspect

from desktop.store import wire
from desktop.store.orm import Base, Child, Decision, Distribution, PractitionerView
from desktop.store.testing import open_test_store
from sync.protocol.enums import Entity, OpKind, RecordClass
from sync.protocol.records import RECORD_CLASSES, RECORD_MODELS, SERVER_OWNED_ENTITIES, client_fields
from tests.unit.store.helpers import add_child, add_council


def test_every_local_table_is_synced_or_declared_local_only(tmp_path: Path) -> None:
    store = open_test_store(tmp_path)
    tables = (
        set(inspect(store.engine).get_table_names())
        - {"child_name_fts"}
        - {t for t in inspect(store.engine).get_table_names() if t.startswith("child_name_fts_")}
    )
    synced = {m.table.__tablename__ for m in wire.MAPS}
    assert synced.isdisjoint(wire.LOCAL_ONLY)
    assert tables - synced - set(wire.LOCAL_ONLY) == set(), "a table is neither synced nor declared local-only"
    assert set(wire.LOCAL_ONLY) - tables == set(), "LOCAL_ONLY names a table that does not exist"
    # And every mapped class is a table of the models.
    assert {m.table for m in wire.MAPS} <= {m.class_ for m in Base.registry.mappers}


def test_creates_use_the_kind_of_their_record_class() -> None:
    """Append-only records are appended, addenda are addenda, everything else is created."""
    for m in wire.MAPS:
        if m.entity is Entity.ADDENDUM:
            assert m.create_kind is OpKind.ADDENDUM
        elif RECORD_CLASSES[m.entity] is RecordClass.APPEND_ONLY:
            assert m.create_kind is OpKind.APPEND, m.entity
        else:
            assert m.create_kind is OpKind.CREATE, m.entity


def test_every_protocol_entity_has_one_local_table() -> None:
    assert {m.entity for m in wire.MAPS} == set(Entity)
    assert len({m.entity for m in wire.MAPS}) == len(wire.MAPS)


@pytest.mark.parametrize("entity", [e for e in Entity if e not in SERVER_OWNED_ENTITIES], ids=str)
def test_a_device_sends_exactly_the_client_owned_fields(entity: Entity) -> None:
    """Every client field is either sent or declared not held here, with its reason; nothing else is sent."""
    not_held = set(wire.NOT_HELD.get(entity, {}))
    assert not_held <= client_fields(entity), not_held - client_fields(entity)
    assert wire.wire_fields(entity) == client_fields(entity) - not_held, (
        wire.wire_fields(entity) - client_fields(entity),
        client_fields(entity) - not_held - wire.wire_fields(entity),
    )


def test_server_owned_fields_never_in_a_wire_record() -> None:
    assert "council_id" not in wire.wire_fields(Entity.CHILD)
    assert {"state", "decision_number", "finalised_at", "finalised_by"}.isdisjoint(wire.wire_fields(Entity.DECISION))
    assert client_fields(Entity.REGISTER_ENTRY) == frozenset()


def test_rows_map_to_valid_wire_records_and_back(tmp_path: Path) -> None:
    store = open_test_store(tmp_path)
    with store.sessions.begin() as s:
        council = add_council(s)
        child = add_child(s, council)
        child.aliases = "Sîan; Siani"
        d = Decision(id="d-1", conference_id="c-1", child_id=child.id, rationale="Rheswm", categories=["neglect"])
        out = wire.to_wire(s, child)
        assert out["aliases"] == ["Sîan", "Siani"] and "id" not in out and "version" not in out
        RECORD_MODELS[Entity.CHILD].model_validate(out)
        wire_d = wire.to_wire(s, d)
        assert wire_d["reasons"] == "Rheswm" and wire_d["practitioner_views"] == [] and "rationale" not in wire_d
        RECORD_MODELS[Entity.DECISION].model_validate(wire_d)
    with store.sessions.begin() as s:
        back = wire.apply_wire(s, Entity.CHILD, "child-2", {**out, "given_names": "Dewi"}, version=3)
        assert back.given_names == "Dewi" and back.aliases == "Sîan; Siani" and back.version == 3
        assert back.search_name == "dewi " + back.family_name.casefold() or back.search_name.startswith("dewi")
        again = wire.apply_wire(s, Entity.CHILD, "child-2", {**out, "given_names": "Old"}, version=2)
        assert again.given_names == "Dewi", "an older version never overwrites a newer one"


def test_changed_fields_are_only_the_differences() -> None:
    before = {"a": 1, "b": [1, 2], "c": "x"}
    after = {"a": 1, "b": [1, 2, 3], "c": "y"}
    assert wire.changed_fields(before, after) == {"b": [1, 2, 3], "c": "y"}


def test_distribution_copy_kind_and_view_folding(tmp_path: Path) -> None:
    store = open_test_store(tmp_path)
    with store.sessions.begin() as s:
        d = Distribution(id="x", conference_id="c", recipient_name="Mam", full_copy=False, language="cy")
        assert wire.to_wire(s, d)["copy_kind"] == "partial"
        assert wire.wire_value(dt.datetime(2026, 3, 1, 9, tzinfo=dt.UTC)) == "2026-03-01T09:00:00Z"
        assert PractitionerView.__tablename__ in wire.LOCAL_ONLY
        assert Child.__tablename__ not in wire.LOCAL_ONLY
