"""The summary columns: written by the push path, and backfilled by migration 0002 for records
held before it (the same values the push path writes)."""

from __future__ import annotations

from typing import Any

from alembic import command
from fastapi import FastAPI
from sqlalchemy import inspect, select

from sync.server.migrate import alembic_config, migrate
from sync.server.summaries import folded
from sync.server.tables import CriterionScore, ListedInspection
from tests.sync.server.central import Team
from tests.sync.server.conftest import SQLITE_ONLY
from tests.sync.server.pages.office_data import scored_set


def snapshot(app: FastAPI) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    def plain(row: Any) -> dict[str, Any]:
        return {c.key: getattr(row, c.key) for c in inspect(row).mapper.column_attrs}

    app.state.services.summaries.current()
    with app.state.services.sessions() as session:
        summaries = session.scalars(select(ListedInspection).order_by("inspection_id"))
        scores = session.scalars(select(CriterionScore).order_by("inspection_id", "criterion_id"))
        return [plain(r) for r in summaries], [plain(r) for r in scores]


def test_migration_0002_backfills_the_records_already_held(app: FastAPI, team: Team) -> None:
    scored_set(team)
    written = snapshot(app)
    assert len(written[0]) == 5 and len(written[1]) == 5 * 19  # the team visit, unscored, too
    engine = app.state.services.engine
    config = alembic_config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, "0001")
    assert "inspection_summaries" not in inspect(engine).get_table_names()
    migrate(engine)
    assert snapshot(app) == written


def test_folding_drops_vietnamese_accents_and_case() -> None:
    assert folded("Phường Vĩnh Trại") == "phuong vinh trai"
    assert folded("ĐÔNG KINH, Đồng Đăng") == "dong kinh, dong dang"
    assert folded("Ủy ban") == folded("uỷ ban") == "uy ban"


@SQLITE_ONLY
def test_a_page_reading_holds_no_write_lock_a_push_needs(app: FastAPI, team: Team) -> None:
    from checklists.record.editing import assess
    from checklists.record.model import Value
    from checklists.template.model import Status

    leader = team.ids["leader"]
    record = assess(
        team.copy(team.leader), author_id=leader, criterion_id="A1", value=Value(status=Status.DAT)
    )
    with app.state.services.readers() as reading:
        before = reading.scalars(select(ListedInspection.status)).all()  # a read transaction
        assert team.api.push(team.leader, record).status_code == 200  # not blocked by it
        again = reading.scalars(select(ListedInspection.status)).all()
        assert again == before  # one snapshot for the whole read
    app.state.services.summaries.current()  # what a page does before it reads
    with app.state.services.readers() as reading:
        assert reading.scalars(select(ListedInspection.status)).all() == ["in_progress"]
