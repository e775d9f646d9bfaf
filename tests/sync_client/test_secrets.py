"""Nothing secret leaves the client: not in logs (urllib3's included), errors or reprs; tokens live
only in the OS key store, under the profile's name, and a key store that would lose or expose them
is refused."""

from __future__ import annotations

import logging
from typing import Any

import keyring
import pytest
from keyring.backends import fail, null
from keyring.backends.chainer import ChainerBackend
from keyring.errors import KeyringLocked

from sync.client.errors import ErrorKind, SyncError
from sync.client.http import ClientConfig, RegisterClient
from sync.client.tokens import ENTRY_NAME, Credentials, KeyringTokenStore, backend_refusal
from tests.support.faultproxy import Fault, FaultProxy, Rule
from tests.support.memkeyring import MemoryKeyring
from tests.sync_client.conftest import FAST, PASSWORD, Register, batch


# Plain classes, not KeyringBackend subclasses: those register themselves with keyring for good.
class _Locked:
    cofnod_trusted_key_store = True  # stands for a real, encrypted key store that is locked

    def get_password(self, service: str, username: str) -> str | None:
        raise KeyringLocked("collection locked; secret was s3cr3t")


def _plaintext_backend() -> Any:
    # keyrings.alt is never installed (platform-notes.md §6); a class of that module's name stands in.
    cls = type("PlaintextKeyring", (), {"__module__": "keyrings.alt.file", "get_password": lambda *a: None})
    return cls()


def _chainer(*backends: Any) -> Any:
    # keyring's chainer, with the back ends it found viable fixed for the test (its own list is a
    # class property computed from what is installed).
    cls = type("ChainerBackend", (), {"__module__": ChainerBackend.__module__, "backends": list(backends)})
    return cls()


def test_tokens_are_kept_in_the_key_store_under_the_profile(
    register: Register, proxy: FaultProxy, caplog: pytest.LogCaptureFixture
) -> None:
    backend = MemoryKeyring()
    store = KeyringTokenStore("profile-7f3a", backend=backend)
    assert store.service == "cofnod-sync:profile-7f3a"
    username = register.new_user()
    caplog.set_level(logging.DEBUG)
    for name in ("urllib3", "urllib3.connectionpool", "requests", "sync"):
        logging.getLogger(name).setLevel(logging.DEBUG)
    config = ClientConfig(proxy.url, ca_file=proxy.ca_file, **FAST)
    secrets: list[str] = [PASSWORD]
    with RegisterClient(config, store) as client:
        enrolment = client.enrol(username, PASSWORD, "laptop")
        creds = store.load()
        assert creds is not None and creds.device_id == enrolment.device_id
        secrets.append(creds.refresh_token)
        assert client._access is not None
        secrets.append(client._access.token)
        # The tokens and the device id are in the key store, never the password.
        raw = backend.get_password(store.service, ENTRY_NAME) or ""
        assert creds.refresh_token in raw and client._access.token in raw and PASSWORD not in raw
        assert creds.access_token == client._access.token
        assert list(backend._store) == [(store.service, ENTRY_NAME)]
        # Exercise every path that logs: calls, a 401 and a refresh, a retry, an error.
        client.push(batch(enrolment.user.user_id, 1, 3))
        register.revoke_access_tokens(enrolment.device_id)
        client.pull(0, 100)
        secrets.append(client._access.token)
        secrets.append((store.load() or creds).refresh_token)
        proxy.add(Rule(Fault.STATUS, path="/v1/sync/meta", status=503))
        client.meta()
        with pytest.raises(SyncError) as err:
            client.push(batch(enrolment.user.user_id, 9, 1))
        texts = [str(err.value), repr(err.value), repr(creds), repr(client._access), repr(store.load())]
    assert any(r.name.startswith("urllib3") for r in caplog.records)  # its debug lines were captured
    logged = caplog.text + "".join(repr(r.__dict__) for r in caplog.records)
    for secret in secrets:
        assert secret not in logged
        assert all(secret not in t for t in texts)


def test_key_store_round_trip_and_clear() -> None:
    backend = MemoryKeyring()
    store = KeyringTokenStore("p1", backend=backend)
    assert store.load() is None
    creds = Credentials("dev-1", "crt-secret", "2026-02-11T21:00:00.000000Z", "srv-1")
    store.save(creds)
    assert KeyringTokenStore("p1", backend=backend).load() == creds
    assert KeyringTokenStore("p2", backend=backend).load() is None  # another profile's entry
    store.clear()
    store.clear()
    assert store.load() is None
    assert "crt-secret" not in repr(creds)
    with_access = Credentials(
        "dev-1", "crt-secret", "2026-02-11T21:00:00Z", "srv-1", "cat-secret", "2026-02-11T20:05:00+00:00"
    )
    store.save(with_access)
    assert store.load() == with_access
    assert "cat-secret" not in repr(with_access)


def test_the_default_key_store_is_the_one_keyring_picks() -> None:
    # tests/conftest.py selects MemoryKeyring through PYTHON_KEYRING_BACKEND, as an OS store would be.
    store = KeyringTokenStore("p-default")
    store.check()
    store.save(Credentials("dev-2", "crt-x", "2026-02-11T21:00:00.000000Z"))
    assert keyring.get_password(store.service, ENTRY_NAME) is not None
    store.clear()


@pytest.mark.parametrize(
    ("backend", "code"),
    [
        (fail.Keyring(), "keystore_unavailable"),
        (null.Keyring(), "keystore_unavailable"),
        (_chainer(), "keystore_unavailable"),
        (_chainer(MemoryKeyring(), _plaintext_backend()), "keystore_insecure"),
        (_plaintext_backend(), "keystore_insecure"),
        (_Locked(), "keystore_locked"),
    ],
    ids=["fail", "null", "empty-chainer", "chainer-with-plaintext", "plaintext", "locked"],
)
def test_unusable_key_stores_are_refused_before_enrolling(
    backend: Any, code: str, register: Register, proxy: FaultProxy
) -> None:
    store = KeyringTokenStore("p3", backend=backend)
    with RegisterClient(ClientConfig(proxy.url, ca_file=proxy.ca_file, **FAST), store) as client:
        with pytest.raises(SyncError) as err:
            client.enrol(register.new_user(), PASSWORD)
    assert err.value.kind is ErrorKind.KEYSTORE and err.value.code == code
    assert err.value.__cause__ is None and "s3cr3t" not in repr(err.value)
    assert proxy.seen == []  # no device was enrolled whose tokens would have been lost


def test_a_chainer_of_a_real_store_is_accepted() -> None:
    assert backend_refusal(_chainer(MemoryKeyring())) is None
    assert backend_refusal(MemoryKeyring()) is None
