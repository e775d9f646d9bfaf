"""The wire protocol both the desktop client and the reference register service speak.

Everything here is Qt-free and imports nothing from ``desktop``. The enumerations that both sides
share (conference types, outcomes, categories, end reasons, ...) live in :mod:`sync.protocol.enums`
so that client and server cannot drift apart.
"""

from __future__ import annotations

PROTOCOL_VERSION = 1
