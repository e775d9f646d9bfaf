"""A keyring back end that keeps secrets in a plain JSON file, as ``keyrings.alt``'s PlaintextKeyring does.

keyrings.alt is never installed (platform-notes.md section 6); this stands in for it, and for any
back end Cofnod has not heard of: nothing in its module or class name says "plain text", so only
the allow-list in ``desktop.secrets`` can refuse it. Select it in a subprocess with
``PYTHON_KEYRING_BACKEND=tests.support.filekeyring.FileKeyring`` and
``COFNOD_TEST_KEYRING_FILE=PATH``; the tests then read the file to prove nothing was put in it.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from keyring.backend import KeyringBackend
from keyring.errors import PasswordDeleteError

FILE_ENV = "COFNOD_TEST_KEYRING_FILE"


class FileKeyring(KeyringBackend):
    """Secrets in ``$COFNOD_TEST_KEYRING_FILE`` (or the file given), unencrypted."""

    priority = 0.5  # type: ignore[assignment]  # what keyrings.alt's PlaintextKeyring declares

    def __init__(self, path: Path | None = None) -> None:
        super().__init__()
        self.path = path or Path(os.environ.get(FILE_ENV, "keyring_pass.json"))
        self.calls: list[str] = []

    def _read(self) -> dict[str, str]:
        try:
            data: dict[str, str] = json.loads(self.path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return {}
        return data

    def get_password(self, service: str, username: str) -> str | None:
        self.calls.append("get")
        return self._read().get(f"{service}/{username}")

    def set_password(self, service: str, username: str, password: str) -> None:
        self.calls.append("set")
        data = self._read()
        data[f"{service}/{username}"] = password
        self.path.write_text(json.dumps(data), encoding="utf-8")

    def delete_password(self, service: str, username: str) -> None:
        self.calls.append("delete")
        data = self._read()
        if data.pop(f"{service}/{username}", None) is None:
            raise PasswordDeleteError(username)
        self.path.write_text(json.dumps(data), encoding="utf-8")
