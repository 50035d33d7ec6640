"""Alembic's entry point: runs the migrations on the connection `sync.server.migrate` hands over.

Alembic executes this file; imported any other way (the export checks walk every module) it
does nothing, because Alembic's `context` is only set up while a command runs.
"""

from __future__ import annotations

from alembic import context

from sync.server.tables import Base

__all__ = ["run_migrations"]


def run_migrations() -> None:
    """Apply the pending revisions in the transaction of the connection given by `migrate`."""
    connection = context.config.attributes["connection"]
    context.configure(connection=connection, target_metadata=Base.metadata, render_as_batch=True)
    with context.begin_transaction():
        context.run_migrations()


if hasattr(context, "config"):
    run_migrations()
