"""The wire protocol both the desktop client and the reference register service speak.

Everything here is Qt-free and imports nothing from ``desktop``. The enumerations that both sides
share (conference types, outcomes, categories, end reasons, ...) live in :mod:`sync.protocol.enums`
so that client and server cannot drift apart.

- :mod:`sync.protocol.canonical`: canonical JSON, ``payload_sha256``, ``decision_content_sha256``
  and the scope digest, computed identically on both sides.
- :mod:`sync.protocol.records`: pydantic models of every synced record type (unknown fields kept).
- :mod:`sync.protocol.messages`: the op envelope and the ``/v1`` request and response bodies.
"""

from __future__ import annotations

PROTOCOL_VERSION = 1
