"""A key store that several test processes share: ``FileKeyring``'s JSON file, but trusted.

The CLI tests run ``cofnod`` in subprocesses that must find the profile's key and the device's
refresh token another process stored. Select it with
``PYTHON_KEYRING_BACKEND=tests.support.sharedkeyring.SharedTestKeyring`` and
``COFNOD_TEST_KEYRING_FILE=PATH``. For tests only: it declares itself trusted like the in-memory one.
"""

from __future__ import annotations

from tests.support.filekeyring import FileKeyring


class SharedTestKeyring(FileKeyring):
    """Secrets in ``$COFNOD_TEST_KEYRING_FILE``, visible to every process of the test."""

    priority = 1  # type: ignore[assignment]
    cofnod_trusted_key_store = True
