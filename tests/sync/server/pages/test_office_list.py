"""The inspection list: summary columns hold the engine's numbers; filters, search, sort, pages."""

from __future__ import annotations

import re
from datetime import date

import pytest
from fastapi import FastAPI
from sqlalchemy import select

from checklists.scoring.engine import score_inspection
from checklists.template.catalog import template_for
from checklists.text.format import format_number
from sync.server.pages.filters import PAGE_SIZE
from sync.server.tables import CriterionScore, ListedInspection
from tests.sync.server.central import Team
from tests.sync.server.pages.conftest import Browser
from tests.sync.server.pages.office_data import plan, scored_set


def rows_of(html: str) -> list[str]:
    """The unit names of the list's rows, in order."""
    body = html.split("<tbody>", 1)[1].split("</tbody>", 1)[0] if "<tbody>" in html else ""
    return re.findall(r'<th scope="row"><a href="/office/inspections/[^"]+">([^<]+)</a>', body)


def test_a_push_writes_the_engines_numbers_into_the_summary(app: FastAPI, team: Team) -> None:
    records = scored_set(team)
    held_copies = {i: team.api.pull(team.office, i) for i in records}
    app.state.services.summaries.current()  # what the pages do before reading summaries
    with app.state.services.sessions() as session:  # (SQLite: this holds the write lock)
        for inspection_id, record in records.items():
            held = held_copies[inspection_id]
            report = score_inspection(template_for(held), held)
            row = session.get(ListedInspection, inspection_id)
            assert row is not None
            assert row.total == report.final_total
            assert row.rating_code == (report.rating.code if report.rating else "")
            assert row.criteria_scored == report.scored_count == len(record.assessments) == 19
            assert row.unit_name == held.header.unit_name
            points = {
                c.criterion_id: c.points
                for c in session.scalars(
                    select(CriterionScore).where(CriterionScore.inspection_id == inspection_id)
                )
            }
            assert points == {c.id: c.points for c in report.criteria}


def test_the_list_shows_each_inspection_with_its_total(
    app: FastAPI, team: Team, office: Browser
) -> None:
    records = scored_set(team)
    page = office.http.get("/office/inspections")
    assert page.status_code == 200
    assert len(rows_of(page.text)) == len(records) + 1  # and the team's own planned visit
    for record in records.values():
        report = score_inspection(template_for(record), record)
        assert format_number(report.final_total, 2) in page.text


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"q": "vinh trai"}, ["Phường Vĩnh Trại"] * 3),  # with the team's own visit
        ({"q": "ĐÔNG KINH"}, ["Phường Đông Kinh"]),
        ({"unit": "Xã Hoàng Đồng"}, ["Xã Hoàng Đồng"]),
        ({"year": "2024", "sort": "unit", "dir": "asc"}, ["Phường Đông Kinh", "Xã Hoàng Đồng"]),
        ({"from": "2024-01-01", "to": "2024-12-31", "body": "Sở Nội vụ"}, ["Xã Hoàng Đồng"]),
        ({"q": "100%_"}, []),
    ],
)
def test_filters_and_search(
    team: Team, office: Browser, query: dict[str, str], expected: list[str]
) -> None:
    scored_set(team)
    page = office.http.get("/office/inspections", params=query)
    assert page.status_code == 200
    assert sorted(rows_of(page.text)) == sorted(expected)


def test_sorting_by_total_follows_the_engine(team: Team, office: Browser) -> None:
    records = scored_set(team)
    totals = {rid: score_inspection(template_for(r), r).final_total for rid, r in records.items()}
    page = office.http.get("/office/inspections", params={"sort": "total", "dir": "desc"}).text
    ids = re.findall(r'<th scope="row"><a href="/office/inspections/([^"]+)"', page)
    scored = [i for i in ids if i in totals]
    assert scored == sorted(totals, key=lambda i: -totals[i])


def test_status_and_rating_filters(app: FastAPI, team: Team, office: Browser) -> None:
    scored_set(team)
    app.state.services.summaries.current()
    with app.state.services.sessions() as session:
        codes = {r.rating_code for r in session.scalars(select(ListedInspection))}
    for code in codes - {""}:
        page = office.http.get("/office/inspections", params={"rating": code}).text
        with app.state.services.sessions() as session:
            expected = session.scalars(
                select(ListedInspection.unit_name).where(ListedInspection.rating_code == code)
            ).all()
        assert sorted(rows_of(page)) == sorted(expected)
    drafts = office.http.get("/office/inspections", params={"status": "draft"}).text
    assert rows_of(drafts) == ["Phường Vĩnh Trại"]  # the team's unscored visit


@pytest.mark.parametrize(
    "query",
    [
        {"year": "abc"},
        {"from": "2024-13-40"},
        {"status": "burnt"},
        {"sort": "password"},
        {"page": "-1"},
        {"q": "x" * 400},
        {"from": "2025-01-01", "to": "2024-01-01"},
    ],
)
def test_a_bad_filter_gets_a_clear_400_page(office: Browser, query: dict[str, str]) -> None:
    page = office.http.get("/office/inspections", params=query)
    assert page.status_code == 400
    field = next(iter(query))
    assert f"“{field}”" in page.text and "Giá trị không hợp lệ" in page.text


def test_pages_split_the_list_and_keep_the_filters(
    app: FastAPI, team: Team, office: Browser
) -> None:
    for n in range(PAGE_SIZE + 3):
        plan(team, f"Xã Số {n:03d}", date(2022, 1, 1 + n % 28))
    query = {"year": "2022", "sort": "unit", "dir": "asc"}
    first = office.http.get("/office/inspections", params=query)
    second = office.http.get("/office/inspections", params={**query, "page": "2"})
    assert rows_of(first.text) == [f"Xã Số {n:03d}" for n in range(PAGE_SIZE)]
    assert rows_of(second.text) == [f"Xã Số {n:03d}" for n in range(PAGE_SIZE, PAGE_SIZE + 3)]
    assert "year=2022" in re.search(r'rel="next"[^>]*|href="[^"]*page=2[^"]*"', first.text).group(0)  # type: ignore[union-attr]


def test_the_filter_forms_empty_fields_leave_the_address(office: Browser) -> None:
    answer = office.http.get(
        "/office/inspections?q=&unit=&year=2024&from=&to=&status=", follow_redirects=False
    )
    assert answer.status_code == 303
    assert answer.headers["location"] == "/office/inspections?year=2024"
