"""The sync engine: drains a profile's outbox to the register service and pulls its feed back.

- :mod:`sync.engine.ports`: what the engine needs from the local store, the client and a clock
  (Protocols; the desktop's :class:`desktop.store.sync_store.SyncStore` and
  :class:`sync.client.http.RegisterClient` fit them, and the engine imports neither desktop nor Qt).
- :mod:`sync.engine.run`: :func:`~sync.engine.run.run_sync`, one sync run, and its report.
- :mod:`sync.engine.lock`: one sync at a time per profile, across processes (a lock file).
"""

from __future__ import annotations
