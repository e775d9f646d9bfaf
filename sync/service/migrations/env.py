"""Alembic environment of the register service; run via :func:`sync.service.db.run_migrations`.

A connection is handed in through ``config.attributes['connection']``; otherwise the URL comes
from ``sqlalchemy.url`` (for the ``alembic`` command line during development).
"""

from __future__ import annotations

from alembic import context
from sqlalchemy import create_engine

from sync.service.models import Base

config = context.config
target_metadata = Base.metadata


def run() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        context.configure(connection=connection, target_metadata=target_metadata, render_as_batch=True)
        with context.begin_transaction():
            context.run_migrations()
        return
    engine = create_engine(config.get_main_option("sqlalchemy.url") or "sqlite://")
    with engine.connect() as conn:
        context.configure(connection=conn, target_metadata=target_metadata, render_as_batch=True)
        with context.begin_transaction():
            context.run_migrations()


run()
