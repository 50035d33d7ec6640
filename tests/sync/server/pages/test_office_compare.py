"""The compare page: ranking, shortfalls and a unit's trend agree with the scoring engine."""

from __future__ import annotations

import html
import re
from collections import defaultdict
from statistics import mean

from checklists.scoring.engine import score_inspection
from checklists.template.catalog import template_for
from checklists.text.format import format_number
from sync.server.pages.charts import Bar, bar_chart, trend_chart
from tests.sync.server.central import Team
from tests.sync.server.pages.conftest import Browser
from tests.sync.server.pages.office_data import scored_set


def table_after(page: str, heading_id: str) -> str:
    return page.split(f'id="{heading_id}"', 1)[1].split("</table>", 1)[0]


def test_the_ranking_orders_units_by_their_average_engine_total(
    team: Team, office: Browser
) -> None:
    records = scored_set(team)
    totals: dict[str, list[float]] = defaultdict(list)
    for record in records.values():
        report = score_inspection(template_for(record), record)
        totals[record.header.unit_name].append(report.final_total)
    expected = sorted(totals, key=lambda u: (-round(mean(totals[u]), 2), u))
    page = html.unescape(office.http.get("/office/compare", params={"template": "cqtt-xa"}).text)
    ranking = table_after(page, "rank-h")
    units = re.findall(r'<th scope="row"><a href="[^"]*">([^<]+)</a>', ranking)
    assert units == expected
    for unit in expected:
        assert format_number(round(mean(totals[unit]), 2), 2) in ranking
    assert "<svg" in page and "<title>" in page


def test_shortfalls_list_the_weakest_criterion_first(team: Team, office: Browser) -> None:
    records = scored_set(team)
    attained: dict[str, list[float]] = defaultdict(list)
    maxima: dict[str, float] = {}
    for record in records.values():
        for result in score_inspection(template_for(record), record).criteria:
            if result.points is not None and result.max_points > 0:
                attained[result.id].append(result.points)
                maxima[result.id] = result.max_points
    rate = {c: 100 * mean(p) / maxima[c] for c, p in attained.items()}
    weakest = min(rate, key=lambda c: (round(rate[c], 1), c))
    page = html.unescape(office.http.get("/office/compare").text)
    short = table_after(page, "short-h")
    first = re.search(r'<th scope="row"><span class="muted">([^<]+)</span>', short)
    assert first is not None and first.group(1) == weakest


def test_a_units_trend_has_one_point_per_year(team: Team, office: Browser) -> None:
    records = scored_set(team)
    years = {
        r.header.inspection_date.year: score_inspection(template_for(r), r).final_total
        for r in records.values()
        if r.header.unit_name == "Phường Vĩnh Trại"
    }
    page = html.unescape(
        office.http.get("/office/compare", params={"unit": "Phường Vĩnh Trại"}).text
    )
    trend = table_after(page, "trend-h")
    assert re.findall(r'<th scope="row">(\d{4})</th>', trend) == [str(y) for y in sorted(years)]
    for total in years.values():
        assert format_number(total, 2) in trend


def test_a_wrong_choice_is_a_clear_400(team: Team, office: Browser) -> None:
    scored_set(team)
    for params in ({"template": "nope"}, {"year": "1999"}, {"unit": "Xã Không Có"}):
        answer = office.http.get("/office/compare", params=params)
        assert answer.status_code == 400, params
        assert f"“{next(iter(params))}”" in answer.text


def test_the_compare_page_with_nothing_scored_says_so(office: Browser) -> None:
    answer = office.http.get("/office/compare")
    assert answer.status_code == 200
    assert "Chưa có cuộc kiểm tra nào đã chấm điểm" in answer.text


def test_charts_escape_labels_and_keep_bars_in_scale() -> None:
    svg = str(bar_chart("T<1>", [Bar("<script>", 150.0, "150"), Bar("b", 50.0, "50")], 100.0))
    assert "<script>" not in svg and "&lt;script&gt;" in svg
    widths = [float(w) for w in re.findall(r'<rect x="\d+" y="\d+" width="([\d.]+)"', svg)]
    plot = widths[0]
    assert widths[1] == plot and widths[3] == plot / 2  # over-scale capped; half is half
    line = str(trend_chart("t", [("2023", 80.0, "80"), ("2024", 90.0, "90")], 0.0, 100.0))
    assert line.count("<circle") == 2 and "<polyline" in line
