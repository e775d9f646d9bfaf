"""An in-memory keyring backend so that no test ever touches a real keychain."""

from __future__ import annotations

from keyring.backend import KeyringBackend
from keyring.errors import PasswordDeleteError


class MemoryKeyring(KeyringBackend):
    """Secrets held in a dict for the life of the process."""

    priority = 1  # type: ignore[assignment]
    #: Trusted by desktop.secrets (which otherwise trusts only keyring's OS back ends).
    cofnod_trusted_key_store = True

    def __init__(self) -> None:
        super().__init__()
        self._store: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self._store.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self._store[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        if self._store.pop((service, username), None) is None:
            raise PasswordDeleteError(username)


class PlaintextKeyring(MemoryKeyring):
    """Named like keyrings.alt's file back ends, which keep secrets unencrypted on disk.

    Cofnod tells such back ends by their class name, so this stands in for them in the self-test.
    """
