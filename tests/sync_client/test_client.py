"""The client against the real service over HTTPS: sign-in, the four sync calls, tokens, errors."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from sync.client.errors import ErrorKind, SyncError
from sync.client.http import ClientConfig
from sync.client.tokens import MemoryTokenStore
from sync.protocol.enums import OpStatus
from tests.support.faultproxy import FaultProxy
from tests.sync_client.conftest import PASSWORD, ClientFactory, Register, batch


def test_enrol_meta_push_pull_digest(register: Register, proxy: FaultProxy, make_client: ClientFactory) -> None:
    username = register.new_user()
    tokens = MemoryTokenStore()
    client = make_client(tokens)
    enrolment = client.enrol(username, PASSWORD, "laptop")
    assert tokens.credentials is not None and tokens.credentials.device_id == enrolment.device_id
    assert tokens.credentials.server_id == enrolment.server_id
    meta = client.meta()
    assert meta.device_id == enrolment.device_id and meta.last_acked_device_seq == 0
    user_id = enrolment.user.user_id
    request = batch(user_id, 1, 3)
    pushed = client.push(request)
    assert [r.status for r in pushed.results] == [OpStatus.APPLIED] * 3
    assert pushed.acked_through_device_seq == 3
    page = client.pull(0, 2)
    assert len(page.changes) == 2 and page.has_more
    rest = client.pull(page.next_cursor, 1000)
    assert not rest.has_more and rest.head_seq == rest.next_cursor
    sent = {op.entity_id for op in request.ops}
    assert sent <= {c.entity_id for c in page.changes + rest.changes if c.entity == "child"}
    digest = client.digest(f"council:{register.council_id}")
    assert digest.count >= 3
    # One sign-in, then no refresh: the access token is fresh for minutes.
    assert client.refreshes == 0 and proxy.count("/v1/auth/token") == 0


def test_request_bodies_go_gzipped_and_the_service_takes_them(
    register: Register, proxy: FaultProxy, make_client: ClientFactory
) -> None:
    client = make_client()
    user_id = client.enrol(register.new_user(), PASSWORD).user.user_id
    request = batch(user_id, 1, 200, communication_needs="Mae Siân yn hoffi darllen. " * 4)
    raw = len(request.model_dump_json().encode())
    result = client.push(request)
    assert all(r.status is OpStatus.APPLIED for r in result.results)
    push = [s for s in proxy.seen if s.path == "/v1/sync/push"]
    assert len(push) == 1 and push[0].content_encoding == "gzip"
    assert push[0].body_bytes * 4 < raw  # compressed on the wire
    # A tiny body is not worth compressing.
    small = [s for s in proxy.seen if s.path == "/v1/auth/token" or s.path == "/v1/devices"]
    assert small and small[0].content_encoding is None


def test_batch_over_the_limit_is_refused_before_sending(
    register: Register, proxy: FaultProxy, make_client: ClientFactory
) -> None:
    client = make_client()
    user_id = client.enrol(register.new_user(), PASSWORD).user.user_id
    big = batch(user_id, 1, 400, communication_needs="x" * 3000)
    with pytest.raises(SyncError) as err:
        client.push(big)
    assert err.value.kind is ErrorKind.TOO_LARGE and err.value.code == "request_too_large"
    assert proxy.count("/v1/sync/push") == 0


def test_service_413_is_too_large(register: Register, proxy: FaultProxy, make_client: ClientFactory) -> None:
    # A client that believes in a larger limit than the service's: the service inflates the gzip
    # body, finds it over 1 MiB and answers 413, which must reach the engine as TOO_LARGE.
    client = make_client(max_request_bytes=8 << 20)
    user_id = client.enrol(register.new_user(), PASSWORD).user.user_id
    with pytest.raises(SyncError) as err:
        client.push(batch(user_id, 1, 400, communication_needs="x" * 3000))
    assert err.value.kind is ErrorKind.TOO_LARGE and err.value.status == 413
    assert proxy.count("/v1/sync/push") == 1  # not retried


def test_seq_gap_is_a_conflict_with_the_expected_seq(register: Register, make_client: ClientFactory) -> None:
    client = make_client()
    user_id = client.enrol(register.new_user(), PASSWORD).user.user_id
    with pytest.raises(SyncError) as err:
        client.push(batch(user_id, 5, 1))
    assert err.value.kind is ErrorKind.CONFLICT and err.value.code == "seq_gap" and err.value.expected == 1


def test_wrong_password_is_auth_and_not_retried(
    register: Register, proxy: FaultProxy, make_client: ClientFactory
) -> None:
    tokens = MemoryTokenStore()
    with pytest.raises(SyncError) as err:
        make_client(tokens).enrol(register.new_user(), "not the password")
    assert err.value.kind is ErrorKind.AUTH and err.value.code == "invalid_credentials"
    assert tokens.credentials is None and proxy.count("/v1/devices") == 1


def test_access_token_renewed_shortly_before_expiry_not_on_every_call(
    register: Register, proxy: FaultProxy, make_client: ClientFactory
) -> None:
    now = [1000.0]
    client = make_client(refresh_margin=30.0)
    client._monotonic = lambda: now[0]  # the client's renewal clock, moved by hand
    client.enrol(register.new_user(), PASSWORD)
    for _ in range(3):
        client.meta()
    assert proxy.count("/v1/auth/token") == 0
    # The service's access lifetime is 5 minutes, measured against the answer's Date (whole seconds).
    now[0] += 5 * 60 - 30 - 2  # still outside the 30-second margin
    client.meta()
    assert proxy.count("/v1/auth/token") == 0
    now[0] += 4  # inside it
    client.meta()
    client.meta()
    assert proxy.count("/v1/auth/token") == 1
    # Renewed before the call, not after a 401.
    assert all(s.status != 401 for s in proxy.seen)


def test_a_new_client_reuses_the_stored_access_token_until_near_expiry(
    register: Register, proxy: FaultProxy, make_client: ClientFactory
) -> None:
    tokens = MemoryTokenStore()
    first = make_client(tokens)
    first.enrol(register.new_user(), PASSWORD)
    first.close()
    # A new process (a new client over the same key store): its first call spends no refresh.
    make_client(tokens).meta()
    assert proxy.count("/v1/auth/token") == 0
    assert [s.status for s in proxy.seen if s.path == "/v1/sync/meta"] == [200]
    # Four minutes and more later (a 5-minute lifetime, a 30-second margin), the next process renews
    # before its call, not after a 401.
    later = make_client(tokens)
    later._clock = lambda: datetime.now(UTC) + timedelta(minutes=4, seconds=40)
    later.meta()
    assert proxy.count("/v1/auth/token") == 1
    assert all(s.status != 401 for s in proxy.seen)
    # A stored renewal time further off than any token lives (the clock went back): not trusted.
    assert tokens.credentials is not None and tokens.credentials.access_renew_at is not None
    odd = make_client(tokens)
    odd._clock = lambda: datetime.now(UTC) - timedelta(days=3)
    odd.meta()
    assert proxy.count("/v1/auth/token") == 2


def test_a_stored_access_token_the_service_refuses_costs_one_refresh(
    register: Register, proxy: FaultProxy, make_client: ClientFactory
) -> None:
    tokens = MemoryTokenStore()
    device_id = make_client(tokens).enrol(register.new_user(), PASSWORD).device_id
    register.revoke_access_tokens(device_id)
    make_client(tokens).pull(0, 10)
    trail = [(s.path, s.status) for s in proxy.seen if s.path != "/v1/devices"]
    assert trail == [("/v1/sync/pull", 401), ("/v1/auth/token", 200), ("/v1/sync/pull", 200)]


@pytest.mark.parametrize("days", [2, -2])
def test_a_wrong_laptop_clock_changes_nothing(
    register: Register, proxy: FaultProxy, make_client: ClientFactory, days: int
) -> None:
    client = make_client()
    client._clock = lambda: datetime.now(UTC) + timedelta(days=days)
    client.enrol(register.new_user(), PASSWORD)
    client.meta()
    client.meta()
    assert client.clock_skew is not None
    assert abs(client.clock_skew + timedelta(days=days)) < timedelta(minutes=1)
    assert proxy.count("/v1/auth/token") == 0


def test_401_refreshes_once_then_retries_once(
    register: Register, proxy: FaultProxy, make_client: ClientFactory
) -> None:
    tokens = MemoryTokenStore()
    client = make_client(tokens)
    device_id = client.enrol(register.new_user(), PASSWORD).device_id
    first_refresh = tokens.credentials.refresh_token if tokens.credentials else None
    register.revoke_access_tokens(device_id)
    meta = client.meta()
    assert meta.device_id == device_id
    trail = [(s.path, s.status) for s in proxy.seen if s.path != "/v1/devices"]
    assert trail == [("/v1/sync/meta", 401), ("/v1/auth/token", 200), ("/v1/sync/meta", 200)]
    # The rotated refresh token was stored.
    assert tokens.credentials is not None and tokens.credentials.refresh_token != first_refresh
    assert tokens.saves == 2


def test_401_after_a_failed_refresh_is_auth_with_no_loop(
    register: Register, proxy: FaultProxy, make_client: ClientFactory
) -> None:
    client = make_client()
    device_id = client.enrol(register.new_user(), PASSWORD).device_id
    register.revoke_access_tokens(device_id)
    register.expire_refresh_tokens(device_id)
    with pytest.raises(SyncError) as err:
        client.meta()
    assert err.value.kind is ErrorKind.AUTH and err.value.code == "token_expired"
    assert proxy.count("/v1/sync/meta") == 1 and proxy.count("/v1/auth/token") == 1


def test_revoked_device_is_revoked_without_a_refresh(
    register: Register, proxy: FaultProxy, make_client: ClientFactory
) -> None:
    client = make_client()
    device_id = client.enrol(register.new_user(), PASSWORD).device_id
    register.revoke_device(device_id)
    with pytest.raises(SyncError) as err:
        client.pull(0, 10)
    assert err.value.kind is ErrorKind.REVOKED and err.value.code == "device_revoked"
    assert proxy.count("/v1/auth/token") == 0 and not err.value.retryable


def test_not_signed_in_is_auth_without_a_request(proxy: FaultProxy, make_client: ClientFactory) -> None:
    with pytest.raises(SyncError) as err:
        make_client().meta()
    assert err.value.kind is ErrorKind.AUTH and err.value.code == "not_signed_in"
    assert proxy.seen == []


@pytest.mark.parametrize(
    "address", ["http://127.0.0.1:8443", "https://user:pw@127.0.0.1", "https://127.0.0.1/?x=1", "127.0.0.1:8443"]
)
def test_addresses_that_are_not_plain_https_are_refused(address: str) -> None:
    with pytest.raises(ValueError):
        ClientConfig(address)
    assert ClientConfig("https://127.0.0.1:8443/").root == "https://127.0.0.1:8443"
