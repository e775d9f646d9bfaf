"""The local encrypted store: SQLCipher engine, ORM models, Alembic migrations and the outbox.

Nothing here imports Qt. ORM instances never leave this package's callers' units of work: services
open a session, do their work and hand DTOs to the UI.
"""
