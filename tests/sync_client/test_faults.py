"""Network faults between the client and the service, through the fault proxy: what is retried.

Push, pull, meta and digest are retried after 5xx, dropped, stalled and cut-off answers (push is
idempotent through op ids and the service's journal); enrolment and refresh only when the
connection could not be made.
"""

from __future__ import annotations

import socket
from collections.abc import Callable
from typing import TypeVar

import pytest

from sync.client.errors import ErrorKind, SyncError
from sync.client.http import ClientConfig, RegisterClient
from sync.client.tokens import MemoryTokenStore
from sync.protocol.enums import OpStatus
from tests.support.faultproxy import Fault, FaultProxy, Rule
from tests.sync_client.conftest import FAST, PASSWORD, ClientFactory, Register, batch

T = TypeVar("T")


def _children(client: RegisterClient, limit: int = 1000) -> list[str]:
    changes, cursor = [], 0
    while True:
        page = client.pull(cursor, limit)
        changes += [c.entity_id for c in page.changes if c.entity == "child"]
        cursor = page.next_cursor
        if not page.has_more:
            return changes


def test_5xx_then_success_is_retried(register: Register, proxy: FaultProxy, make_client: ClientFactory) -> None:
    client = make_client()
    user_id = client.enrol(register.new_user(), PASSWORD).user.user_id
    proxy.add(Rule(Fault.STATUS, path="/v1/sync/push", status=503, times=2))
    result = client.push(batch(user_id, 1, 2))
    assert [r.status for r in result.results] == [OpStatus.APPLIED] * 2
    assert [s.fault for s in proxy.seen if s.path == "/v1/sync/push"] == [Fault.STATUS, Fault.STATUS, Fault.PASS]


def test_persistent_5xx_gives_up_after_the_ceiling(
    register: Register, proxy: FaultProxy, make_client: ClientFactory
) -> None:
    client = make_client(retries=3)
    client.enrol(register.new_user(), PASSWORD)
    proxy.add(Rule(Fault.STATUS, path="/v1/sync/pull", status=502, times=None))
    with pytest.raises(SyncError) as err:
        client.pull(0, 10)
    assert err.value.kind is ErrorKind.SERVER and err.value.status == 502 and err.value.retryable
    assert proxy.count("/v1/sync/pull") == 1 + 3


def test_dropped_push_answer_is_retried_and_applied_once(
    register: Register, proxy: FaultProxy, make_client: ClientFactory
) -> None:
    client = make_client()
    user_id = client.enrol(register.new_user(), PASSWORD).user.user_id
    request = batch(user_id, 1, 3)
    proxy.add(Rule(Fault.DROP_RESPONSE, path="/v1/sync/push"))
    result = client.push(request)
    # The service committed the first attempt; the retry is answered from its journal.
    assert [r.status for r in result.results] == [OpStatus.DUPLICATE] * 3
    assert [r.first_status for r in result.results] == [OpStatus.APPLIED] * 3
    assert [s.status for s in proxy.seen if s.path == "/v1/sync/push"] == [200, 200]
    sent = {op.entity_id for op in request.ops}
    assert sorted(i for i in _children(client) if i in sent) == sorted(sent)  # each exactly once


def test_stalled_answer_times_out_and_is_retried(
    register: Register, proxy: FaultProxy, make_client: ClientFactory
) -> None:
    client = make_client(read_timeout=0.5)
    user_id = client.enrol(register.new_user(), PASSWORD).user.user_id
    proxy.add(Rule(Fault.STALL, path="/v1/sync/push", stall_seconds=3.0))
    result = client.push(batch(user_id, 1, 1))
    assert result.results[0].status is OpStatus.DUPLICATE
    assert proxy.count("/v1/sync/push") == 2


@pytest.mark.parametrize("fault", [Fault.CUT, Fault.RESET])
def test_cut_connections_are_retried_for_sync_calls(
    register: Register, proxy: FaultProxy, make_client: ClientFactory, fault: Fault
) -> None:
    client = make_client()
    user_id = client.enrol(register.new_user(), PASSWORD).user.user_id
    request = batch(user_id, 1, 5)
    client.push(request)
    proxy.add(Rule(fault, path="/v1/sync/pull", times=2))
    assert {op.entity_id for op in request.ops} <= set(_children(client))
    assert proxy.count("/v1/sync/pull", fault) == 2


def test_cut_off_answers_beyond_the_ceiling_are_network_errors(
    register: Register, proxy: FaultProxy, make_client: ClientFactory
) -> None:
    client = make_client(retries=2)
    client.enrol(register.new_user(), PASSWORD)
    proxy.add(Rule(Fault.CUT, path="/v1/sync/meta", times=None))
    with pytest.raises(SyncError) as err:
        client.meta()
    assert err.value.kind is ErrorKind.NETWORK and err.value.code == "cut_off"
    assert proxy.count("/v1/sync/meta") == 3


def test_enrolment_is_not_repeated_once_the_service_may_have_seen_it(
    register: Register, proxy: FaultProxy, make_client: ClientFactory
) -> None:
    tokens = MemoryTokenStore()
    proxy.add(Rule(Fault.DROP_RESPONSE, path="/v1/devices"))
    with pytest.raises(SyncError) as err:
        make_client(tokens).enrol(register.new_user(), PASSWORD)
    assert err.value.kind is ErrorKind.NETWORK and err.value.retryable
    assert proxy.count("/v1/devices") == 1 and tokens.credentials is None


def test_refresh_is_not_repeated_once_the_service_may_have_seen_it(
    register: Register, proxy: FaultProxy, make_client: ClientFactory
) -> None:
    tokens = MemoryTokenStore()
    client = make_client(tokens)
    client.enrol(register.new_user(), PASSWORD)
    stored = tokens.credentials
    proxy.add(Rule(Fault.DROP_RESPONSE, path="/v1/auth/token"))
    with pytest.raises(SyncError) as err:
        client.refresh()
    assert err.value.kind is ErrorKind.NETWORK
    assert proxy.count("/v1/auth/token") == 1
    assert tokens.credentials == stored  # nothing was received, so nothing replaced


def test_refused_connections_are_network_errors(tmp_path: object) -> None:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]  # closed when the block ends: nothing listens there
    client = RegisterClient(ClientConfig(f"https://127.0.0.1:{port}", retries=2, **FAST), MemoryTokenStore())
    with pytest.raises(SyncError) as err:
        client.enrol("someone", "a password")
    assert err.value.kind is ErrorKind.NETWORK and err.value.code == "connection_failed"
    client.close()


def test_a_huge_retry_after_is_capped_not_obeyed(
    register: Register, proxy: FaultProxy, make_client: ClientFactory
) -> None:
    client = make_client()  # backoff_max 0.05 s in tests: the cap of any one wait
    client.enrol(register.new_user(), PASSWORD)
    proxy.add(Rule(Fault.STATUS, path="/v1/sync/meta", status=503, headers={"Retry-After": "86400"}))
    assert client.meta().device_id  # retried after the capped wait, not a day later
    assert [s.fault for s in proxy.seen if s.path == "/v1/sync/meta"] == [Fault.STATUS, Fault.PASS]


def test_rate_limited_is_passed_on_with_its_wait_not_retried(
    register: Register, proxy: FaultProxy, make_client: ClientFactory
) -> None:
    client = make_client()
    client.enrol(register.new_user(), PASSWORD)
    proxy.add(Rule(Fault.STATUS, path="/v1/sync/pull", status=429, error="rate_limited", headers={"Retry-After": "30"}))
    with pytest.raises(SyncError) as err:
        client.pull(0, 10)
    assert err.value.kind is ErrorKind.RATE_LIMITED and err.value.retry_after == 30.0 and err.value.retryable
    assert proxy.count("/v1/sync/pull") == 1


def test_an_unsupported_protocol_is_upgrade(register: Register, make_client: ClientFactory) -> None:
    client = make_client()
    user_id = client.enrol(register.new_user(), PASSWORD).user.user_id
    request = batch(user_id, 1, 1)
    request.protocol = 99
    with pytest.raises(SyncError) as err:
        client.push(request)
    assert err.value.kind is ErrorKind.UPGRADE and err.value.code == "upgrade_required"


def test_pushes_and_pulls_converge_under_random_faults(
    register: Register, proxy: FaultProxy, make_client: ClientFactory
) -> None:
    """Seeded random faults on every sync call; the caller retries what stays retryable, as the
    engine's timer would. Every op reaches the service exactly once and every change is pulled."""
    client = make_client(retries=2, read_timeout=1.0)
    user_id = client.enrol(register.new_user(), PASSWORD).user.user_id
    proxy.add(
        Rule(Fault.DROP_RESPONSE, path="/v1/sync/", times=None, probability=0.15),
        Rule(Fault.CUT, path="/v1/sync/", times=None, probability=0.1),
        Rule(Fault.RESET, path="/v1/sync/", times=None, probability=0.1),
        Rule(Fault.STATUS, path="/v1/sync/", times=None, probability=0.1, status=502),
        Rule(Fault.STALL, path="/v1/sync/", times=None, probability=0.03, stall_seconds=1.5),
    )

    def until_done(call: Callable[[], T]) -> T:
        for _ in range(30):
            try:
                return call()
            except SyncError as exc:
                assert exc.retryable, exc
        raise AssertionError("no progress in 30 attempts")

    requests = [batch(user_id, 1 + 4 * b, 4) for b in range(24)]
    for request in requests:
        results = until_done(lambda request=request: client.push(request)).results
        assert {r.status for r in results} <= {OpStatus.APPLIED, OpStatus.DUPLICATE}
    sent = [op.entity_id for r in requests for op in r.ops]
    pulled = until_done(lambda: _children(client, limit=10))
    assert sorted(i for i in pulled if i in set(sent)) == sorted(sent)
    assert sum(s.fault is not Fault.PASS for s in proxy.seen) >= 3  # the faults did happen
