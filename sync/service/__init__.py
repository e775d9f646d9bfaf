"""The reference central register service: FastAPI over SQLAlchemy (SQLite by default, PostgreSQL at scale).

It enforces the register's rules whatever a client sends, so no device can break them:
a name is added only by a finalised decision of a quorate conference, finalised by that conference's
chair (or a custodian's temporary entry); removal only by a finalised review decision or a custodian's
end reason; finalised decisions never change, only addenda link to them.

Endpoints (all under ``/v1``, JSON, bearer access token; every error is ``{"error": code, "detail": ...}``):

- ``POST /v1/devices`` enrol with user name and password; ``POST /v1/auth/token`` rotate tokens
  (reuse of a rotated refresh token revokes the device); ``GET``/``DELETE /v1/devices`` for administrators.
- ``GET /v1/sync/meta``, ``POST /v1/sync/push``, ``GET /v1/sync/pull``, ``GET /v1/sync/digest``:
  the sync protocol of ``sync-protocol.md`` (``applied``/``duplicate``/``conflict``/``rejected``).
- ``GET /v1/register/children/{id}?reason=`` register enquiries (logged); ``GET /v1/records/{entity}/{id}/history``.
- ``GET /v1/schema``, ``/openapi.json``, ``/healthz``.

Run it with ``cofnod-register serve --db URL --host 127.0.0.1 --port N --tls-cert F --tls-key F`` and
administer it with ``cofnod-register admin --db URL init-db|add-council|add-user|reset-password|
list-devices|revoke-device|verify-audit``. Design notes live in the module docstrings of
:mod:`sync.service.rules` (register rules, the 403 question), :mod:`sync.service.journal` (push, sequence,
idempotency) and :mod:`sync.service.audit` (the hash chain).
"""
