"""The office pages' summaries are written after the push, not in it: a push marks its record
due in its own transaction; the mark is cleared by writing the summary, in the background, before
a page reads, or at the next start; several pushes of one record cost one summary."""

from __future__ import annotations

from typing import Any

import pytest
from alembic import command
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import inspect, select

from checklists.record.editing import assess
from checklists.record.model import Inspection, Value
from checklists.template.catalog import get_template
from checklists.template.model import Status
from sync.server.app import create_app
from sync.server.config import Settings
from sync.server.migrate import alembic_config
from sync.server.summaries import summary_values
from sync.server.tables import CriterionScore, ListedInspection, SummaryDue
from tests.sync.server.central import Team, make_team, plan_alone
from tests.sync.server.conftest import ADMIN_PASSWORD, wait_for
from tests.sync.server.pages.conftest import sign_in_browser

CRITERIA = [c.id for c in get_template("cqtt-xa", 1).criteria()]


@pytest.fixture
def settings(settings: Settings) -> Settings:
    """No background writing unless a test asks (an hour's delay): what is due stays due."""
    return settings.model_copy(update={"summary_delay_seconds": 3600.0})


def scored(team: Team, criteria: int, note: str = "") -> Inspection:
    record = team.copy(team.leader)
    for criterion in CRITERIA[:criteria]:
        record = assess(
            record,
            author_id=team.ids["leader"],
            criterion_id=criterion,
            value=Value(status=Status.DAT),
            note=note,
        )
    return record


def written(app: FastAPI, inspection_id: str) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """The summary row and criterion rows held for a record (empty when none)."""

    def plain(row: Any) -> dict[str, Any]:
        return {c.key: getattr(row, c.key) for c in inspect(row).mapper.column_attrs}

    with app.state.services.sessions() as session:
        summary = session.get(ListedInspection, inspection_id)
        scores = session.scalars(
            select(CriterionScore)
            .where(CriterionScore.inspection_id == inspection_id)
            .order_by(CriterionScore.position)
        )
        return (plain(summary) if summary else {}), [plain(s) for s in scores]


def expected(team: Team) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """What the summary of the record the server holds must be (the domain's scoring)."""
    return summary_values(team.copy(team.office))


def due(app: FastAPI) -> int:
    count: int = app.state.services.summaries.due()
    return count


def test_a_push_marks_its_record_due_and_reading_pages_brings_it_current(
    app: FastAPI, team: Team
) -> None:
    planned = written(app, team.inspection_id)
    assert team.api.push(team.leader, scored(team, 3)).status_code == 200
    assert due(app) == 1  # one mark: the plan's and this revision's
    assert written(app, team.inspection_id) == planned  # nothing written by the push
    assert app.state.services.summaries.current() == 1
    assert due(app) == 0
    summary, scores = written(app, team.inspection_id)
    want_summary, want_scores = expected(team)
    assert summary == want_summary and scores == want_scores
    assert summary["criteria_scored"] > 0


def test_the_office_list_shows_a_push_at_once(app: FastAPI, team: Team) -> None:
    office = sign_in_browser(app, "office", "office-password")
    assert '<span class="muted">0/19</span>' in office.http.get("/office/inspections").text
    assert team.api.push(team.leader, scored(team, 19)).status_code == 200
    assert due(app) == 1
    page = office.http.get("/office/inspections").text
    assert due(app) == 0  # the page wrote it before reading
    settled = expected(team)[0]["criteria_scored"]
    assert settled > 0 and f'<span class="muted">{settled}/19</span>' in page
    office.http.close()


def test_many_pushes_of_one_record_cost_one_summary(app: FastAPI, team: Team) -> None:
    for n in range(1, 6):
        assert team.api.push(team.leader, scored(team, n, note=f"lần {n}")).status_code == 200
    assert due(app) == 1
    assert app.state.services.summaries.current() == 1
    assert written(app, team.inspection_id) == expected(team)


def test_a_criterion_score_changed_again_is_rewritten(app: FastAPI, team: Team) -> None:
    assert team.api.push(team.leader, scored(team, 2)).status_code == 200
    app.state.services.summaries.current()
    record = assess(
        team.copy(team.leader),
        author_id=team.ids["leader"],
        criterion_id=CRITERIA[0],
        value=Value(status=Status.KHONG_DAT),
    )
    assert team.api.push(team.leader, record).status_code == 200
    app.state.services.summaries.current()
    summary, scores = written(app, team.inspection_id)
    assert (summary, scores) == expected(team)
    first = next(s for s in scores if s["criterion_id"] == CRITERIA[0])
    assert first["points"] == 0  # was the full points before the second push


@pytest.fixture
def quick(settings: Settings) -> Settings:
    return settings.model_copy(update={"summary_delay_seconds": 0.05})


def test_the_background_writer_brings_summaries_current_without_a_page(quick: Settings) -> None:
    app = create_app(quick)
    try:
        with TestClient(app) as client:
            team = make_team(client, ADMIN_PASSWORD)
            assert team.api.push(team.leader, scored(team, 4)).status_code == 200
            wait_for(lambda: due(app) == 0, "the background writer")
            assert written(app, team.inspection_id) == expected(team)
    finally:
        app.state.services.summaries.close()
        app.state.services.engine.dispose()


def test_a_mark_left_by_a_stopped_server_is_written_at_the_next_start(
    settings: Settings, quick: Settings
) -> None:
    first = create_app(settings)  # background writing an hour away: it never runs here
    with TestClient(first) as client:
        team = make_team(client, ADMIN_PASSWORD)
        assert team.api.push(team.leader, scored(team, 5)).status_code == 200
        want = expected(team)
    assert due(first) == 1
    first.state.services.engine.dispose()  # stopped with the mark still there
    again = create_app(quick)  # same database and folder
    try:
        wait_for(lambda: due(again) == 0, "the summary left due")
        assert written(again, team.inspection_id) == want
    finally:
        again.state.services.summaries.close()
        again.state.services.engine.dispose()


def test_migrating_down_writes_what_is_due_first(app: FastAPI, team: Team) -> None:
    assert team.api.push(team.leader, scored(team, 6)).status_code == 200
    assert due(app) == 1
    engine = app.state.services.engine
    config = alembic_config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, "0003")
    assert SummaryDue.__tablename__ not in inspect(engine).get_table_names()
    assert written(app, team.inspection_id) == expected(team)
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "head")


@pytest.mark.parametrize("database_url", ["postgresql"], indirect=True)
def test_the_background_writer_passes_over_a_locked_record_and_a_page_waits_for_it(
    app: FastAPI, team: Team
) -> None:
    """A push of another server process holding the record's lock: the background pass leaves
    its mark (waiting there, holding its batch's other locks, is how it deadlocked with that
    process's pushes); a page's pass waits and writes it once the lock is let go."""
    import threading

    from sqlalchemy import text

    assert team.api.push(team.leader, scored(team, 4)).status_code == 200
    summaries = app.state.services.summaries
    holder = app.state.services.sessions()
    holder.begin()
    holder.execute(
        text("SELECT id FROM inspections WHERE id = :id FOR UPDATE"), {"id": team.inspection_id}
    )
    try:
        background: list[int] = []
        passing = threading.Thread(target=lambda: background.append(summaries.current(wait=False)))
        passing.start()
        passing.join(30)
        assert background == [0]  # done without waiting, nothing written
        assert due(app) == 1  # still due
        page: list[int] = []
        reader = threading.Thread(target=lambda: page.append(summaries.current()))
        reader.start()
        reader.join(1.0)
        assert reader.is_alive()  # the page's pass waits for the lock
    finally:
        holder.rollback()
        holder.close()
    reader.join(30)
    assert page == [1] and due(app) == 0
    assert written(app, team.inspection_id) == expected(team)


def test_each_server_process_writes_the_summaries_of_what_was_pushed_through_it(
    settings: Settings, quick: Settings
) -> None:
    """Two server processes over one database: each background writer writes the records
    pushed (or planned) through it, not every record due (both writing everything wrote each
    summary twice under load). A page still writes everything due."""
    first = create_app(settings)  # an hour's delay: its writer never runs here
    second = create_app(quick)
    try:
        with TestClient(first) as one, TestClient(second) as other:
            team = make_team(one, ADMIN_PASSWORD)
            assert team.api.push(team.leader, scored(team, 3)).status_code == 200
            assert due(first) == 1  # pushed through the first process: it writes it, later
            planned = plan_alone(other, team, "Xã Tân Lập")
            assert planned.status_code == 201, planned.text
            wait_for(lambda: due(second) < 2, "the second process's writer")
            assert due(second) == 1  # the first process's record is still due
            assert written(second, planned.json()["inspection_id"])[0]["unit_name"] == "Xã Tân Lập"
            assert written(second, team.inspection_id) != expected(team)
            assert second.state.services.summaries.current() == 1  # a page writes it
            assert written(second, team.inspection_id) == expected(team)
    finally:
        for app in (first, second):
            app.state.services.summaries.close()
            app.state.services.engine.dispose()
