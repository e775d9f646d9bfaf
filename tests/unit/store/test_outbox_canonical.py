"""The outbox hashes payloads exactly as the register service does, so a replay is a duplicate there."""

from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from desktop.store.outbox import canonical_json, payload_sha256
from sync.protocol.canonical import payload_sha256 as service_payload_sha256

_text = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=20)
_json = st.recursive(
    st.none() | st.booleans() | st.integers(-(2**53), 2**53) | _text,
    lambda children: st.lists(children, max_size=4) | st.dictionaries(_text, children, max_size=4),
    max_leaves=12,
)


@given(st.dictionaries(_text, _json, max_size=6))
def test_outbox_hash_equals_service_hash(payload: dict[str, object]) -> None:
    assert payload_sha256(payload) == service_payload_sha256(payload)


def test_welsh_text_is_nfc_and_dates_are_iso() -> None:
    decomposed = "Dw\u0302r"  # w + combining circumflex
    text = canonical_json(
        {"b": decomposed, "a": dt.date(2026, 2, 28), "c": dt.datetime(2026, 1, 2, 3, 4, tzinfo=dt.UTC)}
    )
    assert text == '{"a":"2026-02-28","b":"Dŵr","c":"2026-01-02T03:04:00Z"}'
