"""The sync client: HTTPS calls of the register service's ``/v1`` API, with no Qt and no engine.

- :mod:`sync.client.http`: :class:`~sync.client.http.RegisterClient` over one verified,
  keep-alive ``requests`` session; answers parsed into :mod:`sync.protocol.messages` models.
- :mod:`sync.client.tokens`: the refresh token in the OS key store, under the profile's name.
- :mod:`sync.client.errors`: :class:`~sync.client.errors.SyncError`, a kind and a code, no text.

It depends on :mod:`sync.protocol` only (plus requests, urllib3 and keyring); ``sync.engine`` uses it.
"""

from __future__ import annotations
