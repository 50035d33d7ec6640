"""The central endpoint serves the official documents of a record it holds, to who may read it."""

from __future__ import annotations

import io

import pytest
from docx import Document
from fastapi.testclient import TestClient

from checklists.record.editing import assess
from checklists.record.model import Value
from checklists.scoring.engine import score_inspection
from checklists.template.catalog import template_for
from checklists.template.model import Status
from checklists.text.format import format_number
from sync.server.routes.documents import DOCX_TYPE
from tests.sync.server.central import Team
from tests.sync.server.conftest import SQLITE_ONLY


def url(team: Team, kind: str, layout: str | None = None) -> str:
    query = f"?layout={layout}" if layout else ""
    return f"/api/v1/inspections/{team.inspection_id}/documents/{kind}{query}"


def text_of(body: bytes) -> str:
    document = Document(io.BytesIO(body))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts += [cell.text for cell in row.cells]
    return "\n".join(parts)


@SQLITE_ONLY
@pytest.mark.parametrize("layout,title", [("state", "CỘNG HÒA"), ("party", "ĐẢNG CỘNG SẢN")])
def test_the_office_downloads_the_report_of_the_merged_record(
    client: TestClient, team: Team, layout: str, title: str
) -> None:
    m1 = team.ids["member_1"]
    scored = assess(
        team.copy(team.member_1), author_id=m1, criterion_id="A1", value=Value(status=Status.DAT)
    )
    assert team.api.push(team.member_1, scored).status_code == 200

    answer = client.get(url(team, "report", layout), headers=team.office)

    assert answer.status_code == 200, answer.text
    assert answer.headers["content-type"] == DOCX_TYPE
    assert "attachment" in answer.headers["content-disposition"]
    words = text_of(answer.content)
    assert title in words
    held = team.copy(team.office)
    report = score_inspection(template_for(held), held)
    total = format_number(report.final_total, 2)
    assert f"Tổng điểm Đoàn kiểm tra chấm: {total}/100 điểm" in words  # the engine's total
    assert report.final_total > 0


@SQLITE_ONLY
@pytest.mark.parametrize("kind", ["minutes", "notice"])
def test_every_kind_is_served_to_a_delegation_member(
    client: TestClient, team: Team, kind: str
) -> None:
    answer = client.get(url(team, kind), headers=team.member_1)
    assert answer.status_code == 200, answer.text
    assert text_of(answer.content).strip()


@SQLITE_ONLY
def test_an_outsider_an_unknown_record_and_a_bad_kind_are_refused(
    client: TestClient, team: Team
) -> None:
    assert client.get(url(team, "report"), headers=team.outsider).status_code == 403
    assert client.get(url(team, "report")).status_code == 401
    missing = "/api/v1/inspections/00000000-0000-4000-8000-000000000000/documents/report"
    assert client.get(missing, headers=team.office).status_code == 404
    assert client.get(url(team, "letter"), headers=team.office).status_code == 422
    assert client.get(url(team, "report", "royal"), headers=team.office).status_code == 422
