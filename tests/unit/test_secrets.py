"""The secrets wrapper never lets a key-store back end's own message travel with its error."""

from __future__ import annotations

import traceback
from typing import Any

import pytest

from desktop.secrets import KeyringSecretStore, SecretState, SecretStoreError

SECRET = "8f3c1d2e9a7b6c5d4e3f2a1b0c9d8e7f"


class _LeakyBackend:
    """A back end whose errors quote what it was given (as some D-Bus errors do)."""

    cofnod_trusted_key_store = True  # trusted, so the calls reach it and fail there

    def get_password(self, service: str, name: str) -> Any:
        raise RuntimeError(f"cannot read {name}")

    def set_password(self, service: str, name: str, value: str) -> None:
        raise RuntimeError(f"cannot store {name}={value}")

    def delete_password(self, service: str, name: str) -> None:
        raise RuntimeError(f"cannot delete {name}")


def test_backend_error_message_is_not_chained_onto_the_store_error() -> None:
    store = KeyringSecretStore(backend=_LeakyBackend())
    with pytest.raises(SecretStoreError) as err:
        store.set("database-key:p1", SECRET)
    assert err.value.state is SecretState.UNAVAILABLE
    printed = "".join(traceback.format_exception(err.value))
    assert SECRET not in printed
    assert err.value.__cause__ is None and err.value.__suppress_context__
