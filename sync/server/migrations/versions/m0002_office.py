"""The office pages: signed-in browser sessions."""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

__all__ = ["upgrade", "downgrade"]

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

_WHEN = sa.DateTime(timezone=True)


def upgrade() -> None:
    """Create the office session table."""
    op.create_table(
        "office_sessions",
        sa.Column("id_hash", sa.String(64), primary_key=True),
        sa.Column("user_id", sa.String(64), sa.ForeignKey("users.id"), nullable=False),
        sa.Column("csrf_token", sa.String(64), nullable=False),
        sa.Column("created_at", _WHEN, nullable=False),
        sa.Column("seen_at", _WHEN, nullable=False),
    )
    op.create_index("ix_office_sessions_user_id", "office_sessions", ["user_id"])


def downgrade() -> None:
    """Drop the office session table."""
    op.drop_table("office_sessions")
