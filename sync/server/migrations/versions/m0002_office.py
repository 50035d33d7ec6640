"""The office pages: signed-in browser sessions, and each record's summary in columns.

The summaries of records already held are written here (backfilled) by the same code the push
path uses (`sync.server.summaries.summary_values`), a batch at a time.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from checklists.record.model import Inspection
from sync.server.summaries import summary_values

__all__ = ["upgrade", "downgrade"]

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

_WHEN = sa.DateTime(timezone=True)
_BATCH = 200


def _fk() -> sa.ForeignKey:
    return sa.ForeignKey("inspections.id")


def upgrade() -> None:
    """Create the session and summary tables; summarise every record held."""
    op.create_table(
        "office_sessions",
        sa.Column("id_hash", sa.String(64), primary_key=True),
        sa.Column("user_id", sa.String(64), sa.ForeignKey("users.id"), nullable=False),
        sa.Column("csrf_token", sa.String(64), nullable=False),
        sa.Column("created_at", _WHEN, nullable=False),
        sa.Column("seen_at", _WHEN, nullable=False),
    )
    op.create_index("ix_office_sessions_user_id", "office_sessions", ["user_id"])
    summaries = op.create_table(
        "inspection_summaries",
        sa.Column("inspection_id", sa.String(64), _fk(), primary_key=True),
        sa.Column("unit_name", sa.String(300), nullable=False),
        sa.Column("unit_parent", sa.String(300), nullable=False),
        sa.Column("lead_body", sa.String(300), nullable=False),
        sa.Column("leader_name", sa.String(300), nullable=False),
        sa.Column("inspection_date", sa.Date(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("template_id", sa.String(64), nullable=False),
        sa.Column("template_version", sa.Integer(), nullable=False),
        sa.Column("template_title", sa.String(300), nullable=False),
        sa.Column("known_template", sa.Boolean(), nullable=False),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("total", sa.Float(), nullable=True),
        sa.Column("max_total", sa.Float(), nullable=False),
        sa.Column("rating_code", sa.String(64), nullable=False),
        sa.Column("rating_label", sa.String(200), nullable=False),
        sa.Column("rating_label_en", sa.String(200), nullable=False),
        sa.Column("provisional", sa.Boolean(), nullable=False),
        sa.Column("criteria_total", sa.Integer(), nullable=False),
        sa.Column("criteria_scored", sa.Integer(), nullable=False),
        sa.Column("completeness", sa.Float(), nullable=False),
        sa.Column("photo_count", sa.Integer(), nullable=False),
        sa.Column("search", sa.Text(), nullable=False),
    )
    for column in ("unit_name", "lead_body", "inspection_date", "year", "template_id", "status"):
        op.create_index(f"ix_inspection_summaries_{column}", "inspection_summaries", [column])
    op.create_index("ix_inspection_summaries_rating_code", "inspection_summaries", ["rating_code"])
    scores = op.create_table(
        "criterion_scores",
        sa.Column("inspection_id", sa.String(64), _fk(), primary_key=True),
        sa.Column("criterion_id", sa.String(64), primary_key=True),
        sa.Column("section_id", sa.String(64), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("state", sa.String(20), nullable=False),
        sa.Column("points", sa.Float(), nullable=True),
        sa.Column("max_points", sa.Float(), nullable=False),
        sa.Column("self_points", sa.Float(), nullable=True),
    )
    _backfill(summaries, scores)


def _backfill(summaries: sa.Table, scores: sa.Table) -> None:
    connection = op.get_bind()
    held = sa.table("inspections", sa.column("id", sa.String), sa.column("body", sa.Text))
    after = ""
    while True:
        rows = connection.execute(
            sa.select(held.c.id, held.c.body)
            .where(held.c.id > after)
            .order_by(held.c.id)
            .limit(_BATCH)
        ).all()
        if not rows:
            return
        summary_rows = []
        score_rows = []
        for _id, body in rows:
            row, criteria = summary_values(Inspection.model_validate_json(body))
            summary_rows.append(row)
            score_rows.extend(criteria)
        connection.execute(summaries.insert(), summary_rows)
        if score_rows:
            connection.execute(scores.insert(), score_rows)
        after = rows[-1][0]


def downgrade() -> None:
    """Drop the office tables."""
    for table in ("criterion_scores", "inspection_summaries", "office_sessions"):
        op.drop_table(table)
