"""A key store that several test processes share: ``FileKeyring``'s JSON file, but trusted.

The CLI tests run ``cofnod`` in subprocesses that must find the profile's key and the device's
refresh token another process stored. Select it with
``PYTHON_KEYRING_BACKEND=tests.support.sharedkeyring.SharedTestKeyring`` and
``COFNOD_TEST_KEYRING_FILE=PATH``. For tests only: it declares itself trusted like the in-memory one.
Writes replace the file whole (a process killed mid-write, as the kill tests do, leaves the old one).
"""

from __future__ import annotations

import json
import os

from keyring.errors import PasswordDeleteError

from tests.support.filekeyring import FileKeyring


class SharedTestKeyring(FileKeyring):
    """Secrets in ``$COFNOD_TEST_KEYRING_FILE``, visible to every process of the test."""

    priority = 1  # type: ignore[assignment]
    cofnod_trusted_key_store = True

    def _write(self, data: dict[str, str]) -> None:
        tmp = self.path.with_name(f"{self.path.name}.{os.getpid()}.tmp")
        with open(tmp, "w", encoding="utf-8") as f:
            json.dump(data, f)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, self.path)

    def set_password(self, service: str, username: str, password: str) -> None:
        data = self._read()
        data[f"{service}/{username}"] = password
        self._write(data)

    def delete_password(self, service: str, username: str) -> None:
        data = self._read()
        if data.pop(f"{service}/{username}", None) is None:
            raise PasswordDeleteError(username)
        self._write(data)
