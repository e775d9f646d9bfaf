"""The secrets wrapper: one small interface in front of the OS key store (style.md section 4.7).

:class:`KeyringSecretStore` talks to Python ``keyring`` and uses only a back end it knows keeps
secrets encrypted by the operating system (:func:`classify_backend`):

* **trusted**: keyring's own Secret Service, libsecret, KWallet, macOS Keychain and Windows
  Credential Locker back ends (:data:`TRUSTED_BACKENDS`, matched against the class and its bases),
  or a back end whose class declares ``cofnod_trusted_key_store = True`` (the tests' in-memory
  back end; an organisation's own vetted back end);
* **unavailable**: keyring's ``fail`` and ``null`` back ends, or a chainer of nothing: there is no
  key store, so a new profile is protected by a passphrase instead;
* **insecure**: everything else. An allow-list rather than a list of bad names, because keyring
  picks up any installed back end by itself: ``keyrings.alt`` (a Debian package) brings
  ``PlaintextKeyring``, which keyring then chooses on a machine without a Secret Service, and a
  back end we have never heard of may do the same. Names that say "plain text" are refused even
  when a class claims trust. Cofnod puts nothing in an insecure store and reads nothing from it;
  a new profile falls back to a passphrase, as for no key store (issue 14, section 5).

A chainer is judged by what it chains: trusted only when every back end in it is, since it would
write to the next one when the first fails. Back-end errors become a :class:`SecretState` rather
than ``None``, so the UI can say "unlock your keychain" instead of "wrong password".

Secrets are kept in memory once read, so the key store is asked once per session. Nothing here
logs a secret or its name's value; log lines carry the back end's class name only.
"""

from __future__ import annotations

import logging
from enum import StrEnum
from typing import Any, Final, Protocol, runtime_checkable

from sync.client import keystore
from sync.client.keystore import TRUST_ATTRIBUTE, TRUSTED_BACKENDS, backend_class_name

logger = logging.getLogger(__name__)

#: The keyring "service" all Cofnod secrets are filed under.
SERVICE_NAME: Final = "cofnod"


class SecretState(StrEnum):
    """Whether the key store can be used: stable codes the UI translates."""

    OK = "ok"
    LOCKED = "locked"
    UNAVAILABLE = "unavailable"
    INSECURE = "insecure"


class SecretStoreError(Exception):
    """A key-store operation failed; ``code`` is the :class:`SecretState` that explains it."""

    def __init__(self, state: SecretState) -> None:
        super().__init__(f"secret_store_{state.value}")
        self.state = state
        self.code = f"secret_store_{state.value}"


@runtime_checkable
class SecretStore(Protocol):
    """Where the app keeps secrets (database key, tokens). Called on the start-up or database lane."""

    def get(self, name: str) -> str | None:
        """The secret called ``name``, or None when there is none. Raises SecretStoreError."""
        ...

    def set(self, name: str, value: str) -> None:
        """Store ``value`` under ``name``, replacing any previous value. Raises SecretStoreError."""
        ...

    def delete(self, name: str) -> None:
        """Remove ``name``; no error when it is absent. Raises SecretStoreError."""
        ...

    def state(self) -> SecretState:
        """Whether the store can be used now."""
        ...

    def describe(self) -> str:
        """A non-secret description of the back end (its class), for the self-test and logs."""
        ...


class InMemorySecretStore:
    """Secrets in a dict for the life of the object (tests, and the passphrase-derived profile)."""

    def __init__(self, initial: dict[str, str] | None = None, *, state: SecretState = SecretState.OK) -> None:
        self._values: dict[str, str] = dict(initial or {})
        self._state = state

    def get(self, name: str) -> str | None:
        self._check()
        return self._values.get(name)

    def set(self, name: str, value: str) -> None:
        self._check()
        self._values[name] = value

    def delete(self, name: str) -> None:
        self._check()
        self._values.pop(name, None)

    def state(self) -> SecretState:
        return self._state

    def set_state(self, state: SecretState) -> None:
        """Simulate a key store that becomes locked, unavailable or insecure (tests)."""
        self._state = state

    def describe(self) -> str:
        return f"{type(self).__module__}.{type(self).__qualname__}"

    def _check(self) -> None:
        if self._state is not SecretState.OK:
            raise SecretStoreError(self._state)


def classify_backend(backend: object) -> SecretState:
    """OK (a trusted back end), UNAVAILABLE (``fail``, ``null``, an empty chainer) or INSECURE.

    The rule is :func:`sync.client.keystore.classify_backend`, shared with the sync tokens. Lock
    state is not known from the class; :meth:`KeyringSecretStore.state` probes for it.
    """
    return SecretState(keystore.classify_backend(backend))


class KeyringSecretStore:
    """Secrets in the OS key store through Python ``keyring``, cached in memory once read.

    Args:
        service: The keyring service name secrets are filed under.
        backend: A back end to use instead of ``keyring.get_keyring()`` (tests).
    """

    def __init__(self, service: str = SERVICE_NAME, *, backend: Any | None = None) -> None:
        self._service = service
        self._backend = backend
        self._cache: dict[str, str] = {}

    def _keyring(self) -> Any:
        if self._backend is None:
            import keyring

            # Resolved once: get_keyring() costs a quarter of a second (platform-notes.md s.12).
            self._backend = keyring.get_keyring()
        return self._backend

    def describe(self) -> str:
        return backend_class_name(self._keyring())

    def state(self) -> SecretState:
        from keyring.errors import InitError, KeyringError, KeyringLocked, NoKeyringError

        backend = self._keyring()
        verdict = classify_backend(backend)
        if verdict is not SecretState.OK:
            logger.warning("key store refused", extra={"backend": backend_class_name(backend), "state": verdict})
            return verdict
        try:
            # A harmless read tells a locked collection or a dead D-Bus from a working store.
            backend.get_password(self._service, "__cofnod_probe__")
        except KeyringLocked:
            return SecretState.LOCKED
        except (NoKeyringError, InitError):
            return SecretState.UNAVAILABLE
        except KeyringError:
            return SecretState.UNAVAILABLE
        except Exception:  # noqa: BLE001 - D-Bus and OS errors surface under many types
            logger.warning("key store probe failed", extra={"backend": backend_class_name(backend)})
            return SecretState.UNAVAILABLE
        return SecretState.OK

    def _usable(self) -> Any:
        backend = self._keyring()
        verdict = classify_backend(backend)
        if verdict is not SecretState.OK:
            raise SecretStoreError(verdict)
        return backend

    def get(self, name: str) -> str | None:
        if name in self._cache:
            return self._cache[name]
        backend = self._usable()
        value = self._call(backend.get_password, self._service, name)
        if value is not None:
            self._cache[name] = str(value)
        return None if value is None else str(value)

    def set(self, name: str, value: str) -> None:
        backend = self._usable()
        self._call(backend.set_password, self._service, name, value)
        self._cache[name] = value

    def delete(self, name: str) -> None:
        from keyring.errors import PasswordDeleteError

        backend = self._usable()
        self._cache.pop(name, None)
        try:
            self._call(backend.delete_password, self._service, name)
        except PasswordDeleteError:
            pass

    @staticmethod
    def _call(func: Any, *args: str) -> Any:
        from keyring.errors import InitError, KeyringLocked, NoKeyringError, PasswordDeleteError

        try:
            return func(*args)
        except PasswordDeleteError:
            raise
        # ``from None``: a chained back-end exception would print its message (which may quote the
        # secret or its name) in any traceback of ours; the state code is all the caller needs.
        except KeyringLocked:
            raise SecretStoreError(SecretState.LOCKED) from None
        except (NoKeyringError, InitError):
            raise SecretStoreError(SecretState.UNAVAILABLE) from None
        except Exception:  # noqa: BLE001 - never let a back-end message (maybe with a secret) out
            raise SecretStoreError(SecretState.UNAVAILABLE) from None


__all__ = [
    "SERVICE_NAME",
    "TRUSTED_BACKENDS",
    "TRUST_ATTRIBUTE",
    "InMemorySecretStore",
    "KeyringSecretStore",
    "SecretState",
    "SecretStore",
    "SecretStoreError",
    "backend_class_name",
    "classify_backend",
]
