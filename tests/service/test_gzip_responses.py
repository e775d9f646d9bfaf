"""Issue 9 §5: the sync routes answer gzipped when the client asks for it, and only then."""

from __future__ import annotations

import gzip
import json

from tests.service.harness import Service, make_case, new_id


def test_pull_is_gzipped_only_when_asked_and_decodes_to_the_same_page(svc: Service) -> None:
    case = make_case(svc)
    for n in range(20):
        assert case.chair.push1("create", "child", new_id(), {"given_names": f"Plentyn {n}"})["status"] == "applied"
    params = {"cursor": 0, "limit": 1000}
    plain = svc.client.get(
        "/v1/sync/pull", params=params, headers={**case.chair.headers, "Accept-Encoding": "identity"}
    )
    assert plain.status_code == 200 and "content-encoding" not in plain.headers
    with svc.client.stream(
        "GET", "/v1/sync/pull", params=params, headers={**case.chair.headers, "Accept-Encoding": "gzip"}
    ) as zipped:
        assert zipped.status_code == 200 and zipped.headers["content-encoding"] == "gzip"
        raw = b"".join(zipped.iter_raw())
    assert len(raw) * 3 < len(plain.content)
    assert json.loads(gzip.decompress(raw)) == plain.json()
    assert len(plain.json()["changes"]) >= 20
