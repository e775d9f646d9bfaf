"""The wire protocol both the desktop client and the reference register service speak.

Everything here is Qt-free and imports nothing from ``desktop``. The enumerations that both sides
share (conference types, outcomes, categories, end reasons, ...) live in :mod:`sync.protocol.enums`
so that client and server cannot drift apart.

- :mod:`sync.protocol.canonical`: canonical JSON, ``payload_sha256``, ``decision_content_sha256``
  and the scope digest, computed identically on both sides.
- :mod:`sync.protocol.records`: pydantic models of every synced record type (unknown fields kept).
- :mod:`sync.protocol.messages`: the op envelope and the ``/v1`` request and response bodies.
- :mod:`sync.protocol.register_rules`: the register's rules, held once (outcomes per conference
  type, transitions, temporary registration, end reasons' preconditions, quorum from attendance);
  the app refuses and the service rejects by the same verdicts.
"""

from __future__ import annotations

PROTOCOL_VERSION = 1
