"""Parsing and canonical JSON on the fast paths equal the protocol's definitions."""

from __future__ import annotations

from typing import Any

import pytest

from sync.protocol.canonical import canonical_json, payload_sha256
from sync.service.context import dumps, sha256_of

VALUES: list[Any] = [
    {},
    {"b": 1, "a": [1, 2.5, None, True, False], "c": {"z": "y", "x": []}},
    {"given_names": "Siân", "family_name": "Ó Ceallaigh", "note": "Llŷr ŵ ŷ"},
    {"given_names": "Sia\u0302n"},  # decomposed: must come out composed
    {"Sia\u0302n": 1, "Siân2": 2, "a": "e\u0301"},  # keys too, and their order after normalising
    {"t": "\n\u0301", "q": '"\u0301', "b": "\\\u0301"},  # escapes next to combining marks
    {"s": "\u1e0b\u0323", "r": "q\u0307\u0323"},  # canonical reordering
    {"emoji": "🙂", "cjk": "漢字", "nested": [{"deep": ["Dafydd ap Gwilym", "e\u0301"]}]},
    ["a", ("b", "c\u0327"), 1, -(2**63), 2**63 - 1],
    "plain",
    "e\u0301",
    12,
    None,
]


@pytest.mark.parametrize("value", VALUES)
def test_dumps_is_canonical_json(value: Any) -> None:
    assert dumps(value).encode("utf-8") == canonical_json(value)


@pytest.mark.parametrize("value", [v for v in VALUES if isinstance(v, dict)])
def test_sha256_of_is_payload_sha256(value: dict[str, Any]) -> None:
    assert sha256_of(value) == payload_sha256(value)


def test_non_finite_numbers_are_refused() -> None:
    with pytest.raises(ValueError):
        dumps({"x": float("nan")})


@pytest.mark.parametrize(
    "body",
    [
        b'{"a":"Si\\u00e2n","b":[1,2]}',  # escaped, NFC
        b'{"a":"Sia\\u0302n"}',  # escaped, decomposed
        '{"a":"Sia\u0302n"}'.encode(),  # raw UTF-8, decomposed
        '{"a":"Siân","Sia\u0302n":"x"}'.encode(),  # raw, a decomposed key
        '{"a":"Siân 🙂"}'.encode(),  # raw, NFC: taken as parsed
        b'{"a":"\\n\xcc\x81"}',  # an escape next to a combining mark
    ],
)
def test_parse_json_gives_the_normalised_value(body: bytes) -> None:
    import json

    from sync.protocol.canonical import nfc
    from sync.service.limits import parse_json

    assert parse_json(body, 32) == nfc(json.loads(body))


def test_parse_json_refuses_lone_surrogates() -> None:
    from sync.service.limits import BodyError, parse_json

    with pytest.raises(BodyError):
        parse_json(b'{"a":"\\ud800"}', 32)
