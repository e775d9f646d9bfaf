"""Alembic environment for the local store: runs on the connection it is handed, never on a URL.

:mod:`desktop.store.migrate` opens the encrypted connection, begins the one transaction the
upgrade runs in and puts the connection in ``config.attributes["connection"]``. Nothing here reads
an ini file or configures logging, so the frozen app needs only these scripts bundled.
"""

from __future__ import annotations

from alembic import context
from sqlalchemy.engine import Connection

from desktop.store.orm import Base

config = context.config
target_metadata = Base.metadata


def run_migrations_online() -> None:
    """Run the revisions on the caller's connection, inside the caller's transaction."""
    connection = config.attributes.get("connection")
    if not isinstance(connection, Connection):
        # Offline (SQL script) mode or a bare `alembic` command would need a key we never put in
        # a file; the store's own migrate() is the only way in.
        raise RuntimeError("migrations_need_connection")
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        # SQLite cannot ALTER most things; batch mode rebuilds tables by move-and-copy.
        render_as_batch=True,
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


run_migrations_online()
