"""The ``cofnod`` sub-commands, for scripts and administrators: one module per command, above services.

Each command parses nothing itself (``desktop.__main__`` does), opens the profile, calls services
(and, for sync, the sync client and engine through :class:`desktop.services.sync.SyncService`),
prints one line or a short summary, and returns an exit status. No Qt; nothing below
``desktop.commands`` imports it.

- :mod:`~desktop.commands.sign_in`: ``cofnod sign-in``
- :mod:`~desktop.commands.sync_once`: ``cofnod sync``
- :mod:`~desktop.commands.export_json`: ``cofnod export-json``
- :mod:`~desktop.commands.export_record`: ``cofnod export-record``
- :mod:`~desktop.commands.demo_data`: ``cofnod demo-data``
"""

from __future__ import annotations
