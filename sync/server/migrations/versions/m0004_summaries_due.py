"""Summaries written after the push: the records whose summary is due."""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.orm import Session

from checklists.record.model import Inspection
from sync.server.summaries import store_summary

__all__ = ["upgrade", "downgrade"]

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Create the table of records whose summary is due (empty: every summary is current)."""
    op.create_table(
        "summaries_due",
        sa.Column(
            "inspection_id",
            sa.String(64),
            sa.ForeignKey("inspections.id"),
            primary_key=True,
        ),
    )


def downgrade() -> None:
    """Bring the summaries still due up to date (the code before this revision writes them in
    the push, and would leave these stale), then drop the table."""
    connection = op.get_bind()
    due = sa.table("summaries_due", sa.column("inspection_id", sa.String))
    held = sa.table("inspections", sa.column("id", sa.String), sa.column("body", sa.Text))
    query = sa.select(held.c.body).join(due, due.c.inspection_id == held.c.id)
    session = Session(bind=connection)
    for (body,) in connection.execute(query).all():
        store_summary(session, Inspection.model_validate_json(body))
    session.flush()
    op.drop_table("summaries_due")
