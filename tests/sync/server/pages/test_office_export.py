"""The XLSX and CSV exports: every filtered inspection, numbers from the scoring engine."""

from __future__ import annotations

import csv
import io
from datetime import date

from openpyxl import load_workbook

from checklists.scoring.engine import score_inspection
from checklists.template.catalog import template_for
from sync.server.pages.export import SCORE_HEADERS, TOTAL_HEADERS, XLSX_TYPE
from tests.sync.server.central import Team
from tests.sync.server.pages.conftest import Browser
from tests.sync.server.pages.office_data import scored_set


def test_the_xlsx_holds_the_engines_totals_and_criterion_points(
    team: Team, office: Browser
) -> None:
    records = scored_set(team)
    answer = office.http.get("/office/inspections/export.xlsx", params={"year": "2024"})
    assert answer.status_code == 200
    assert answer.headers["content-type"] == XLSX_TYPE
    assert "attachment" in answer.headers["content-disposition"]
    book = load_workbook(io.BytesIO(answer.content))
    assert book.sheetnames == ["Tổng hợp", "Điểm tiêu chí"]
    totals = list(book["Tổng hợp"].iter_rows(values_only=True))
    assert totals[0] == TOTAL_HEADERS
    expected = {
        rid: score_inspection(template_for(r), r)
        for rid, r in records.items()
        if r.header.inspection_date.year == 2024
    }
    assert len(totals) - 1 == len(expected) == 2
    for line in totals[1:]:
        report = expected[str(line[0])]
        assert isinstance(line[8], int | float) and line[8] == report.final_total  # a number
        day = records[str(line[0])].header.inspection_date
        assert line[1] is not None and line[1].date() == day
        assert line[12] == report.scored_count
    scores = list(book["Điểm tiêu chí"].iter_rows(values_only=True))
    template = template_for(next(iter(records.values())))
    headers = scores[0]
    assert headers[:3] == SCORE_HEADERS
    assert [str(h).split(".")[0] for h in headers[3:]] == [c.id for c in template.criteria()]
    labels = zip(template.criteria(), headers[3:], strict=True)
    assert all(c.label in str(header) for c, header in labels)
    assert len(scores) - 1 == len(expected)
    for line in scores[1:]:
        report = expected[str(line[0])]
        assert list(line[3:]) == [c.points for c in report.criteria]


def test_the_csv_has_a_bom_and_every_match(team: Team, office: Browser) -> None:
    records = scored_set(team)
    answer = office.http.get("/office/inspections/export.csv", params={"q": "vĩnh trại"})
    assert answer.status_code == 200
    assert answer.content.startswith(b"\xef\xbb\xbf")
    lines = list(csv.reader(io.StringIO(answer.content.decode("utf-8-sig"))))
    assert tuple(lines[0]) == TOTAL_HEADERS
    ids = {line[0] for line in lines[1:]}
    wanted = {rid for rid, r in records.items() if r.header.unit_name == "Phường Vĩnh Trại"}
    assert wanted <= ids and len(ids) == len(wanted) + 1  # and the team's unscored visit
    for line in lines[1:]:
        if line[0] in records:
            record = records[line[0]]
            assert float(line[8]) == score_inspection(template_for(record), record).final_total
            assert date.fromisoformat(line[1]) == record.header.inspection_date


def test_an_export_needs_an_office_session(team: Team, office: Browser) -> None:
    from fastapi.testclient import TestClient

    anonymous = TestClient(office.http.app)
    answer = anonymous.get("/office/inspections/export.xlsx", follow_redirects=False)
    assert answer.status_code == 303 and "/office/login" in answer.headers["location"]
    wrong = office.http.get("/office/inspections/export.csv", params={"year": "x"})
    assert wrong.status_code == 400
