"""One inspection's page: header, the engine's scores beside self-scores, each author's values,
the leader's decision, photos (served under the office session), conclusion, history, documents."""

from __future__ import annotations

import html
import io

from docx import Document
from fastapi import FastAPI
from fastapi.testclient import TestClient

from checklists.record.editing import assess, decide
from checklists.record.model import Value
from checklists.record.photos import add_photo
from checklists.scoring.engine import score_inspection
from checklists.template.catalog import template_for
from checklists.template.model import Status
from checklists.text.format import format_number
from sync.server.routes.documents import DOCX_TYPE
from tests.sync.server.central import Team, make_jpeg, sha
from tests.sync.server.pages.conftest import Browser
from tests.sync.server.pages.office_data import plan, score


def disputed(team: Team) -> tuple[str, bytes]:
    """A scored visit where member 1 disagrees on A1, the leader decides, and a photo of A1 is
    uploaded; its id and the photo's bytes."""
    inspection_id = plan(team, "Phường Tam Thanh", __import__("datetime").date(2024, 3, 5))
    score(team, inspection_id, seed=7, conclusion="Đơn vị thực hiện tốt việc tiếp dân.")
    m1 = team.ids["member_1"]
    mine = team.api.pull(team.member_1, inspection_id)
    mine = assess(mine, author_id=m1, criterion_id="A1", value=Value(status=Status.KHONG_DAT))
    jpeg = make_jpeg(3)
    mine = add_photo(
        mine, author_id=m1, sha256=sha(jpeg), criterion_id="A1", caption="Bảng niêm yết"
    )
    assert team.api.push(team.member_1, mine).status_code == 200
    assert team.api.upload(team.member_1, jpeg).status_code == 200
    leader = team.ids["leader"]
    held = team.api.pull(team.leader, inspection_id)
    held = decide(
        held,
        author_id=leader,
        criterion_id="A1",
        value=Value(status=Status.DAT_MOT_PHAN),
        reason="Đã xem hồ sơ",
    )
    assert team.api.push(team.leader, held).status_code == 200
    return inspection_id, jpeg


def test_the_page_shows_scores_people_photos_conclusion_and_history(
    team: Team, office: Browser
) -> None:
    inspection_id, jpeg = disputed(team)
    record = team.api.pull(team.office, inspection_id)
    report = score_inspection(template_for(record), record)
    page = office.http.get(f"/office/inspections/{inspection_id}")
    assert page.status_code == 200
    text = html.unescape(page.text)
    assert "Phường Tam Thanh" in text and "05/03/2024" in text
    assert f"{format_number(report.final_total, 2)}<span" in page.text
    a1 = text.split('id="c-A1"', 1)[1].split("</tr>", 1)[0]
    assert format_number(report.criterion("A1").points or 0, 2) in a1
    assert "Member1" in a1 and "Không đạt" in a1  # member 1's own value
    assert "Leader" in a1 and "Quyết định của Leader" in a1 and "Đã xem hồ sơ" in a1
    for section in report.sections:
        assert format_number(section.scaled_points, 2) in text
    assert f'src="/office/photos/{sha(jpeg)}"' in page.text and "Bảng niêm yết" in text
    assert "Đơn vị thực hiện tốt việc tiếp dân." in text
    assert "Quyết định điểm tiêu chí A1" in text  # the change log, in words
    assert "/documents/report" in page.text


def test_a_photo_is_served_full_size_to_the_office_only(
    app: FastAPI, team: Team, office: Browser
) -> None:
    _inspection_id, jpeg = disputed(team)
    answer = office.http.get(f"/office/photos/{sha(jpeg)}")
    assert answer.status_code == 200 and answer.content == jpeg
    assert answer.headers["content-type"] == "image/jpeg"
    anonymous = TestClient(app)
    refused = anonymous.get(f"/office/photos/{sha(jpeg)}", follow_redirects=False)
    assert refused.status_code == 303
    assert office.http.get("/office/photos/" + "0" * 64).status_code == 404
    assert office.http.get("/office/photos/..%2F..%2Fetc").status_code == 404


def test_documents_download_under_the_office_session(team: Team, office: Browser) -> None:
    inspection_id, _jpeg = disputed(team)
    for kind in ("minutes", "report", "notice"):
        answer = office.http.get(f"/office/inspections/{inspection_id}/documents/{kind}")
        assert answer.status_code == 200, kind
        assert answer.headers["content-type"] == DOCX_TYPE
        words = "\n".join(p.text for p in Document(io.BytesIO(answer.content)).paragraphs)
        assert words.strip()
    party = office.http.get(
        f"/office/inspections/{inspection_id}/documents/report", params={"layout": "party"}
    )
    assert "ĐẢNG CỘNG SẢN" in "\n".join(
        p.text for p in Document(io.BytesIO(party.content)).paragraphs
    ) + "\n".join(
        c.text for t in Document(io.BytesIO(party.content)).tables for r in t.rows for c in r.cells
    )
    bad = office.http.get(f"/office/inspections/{inspection_id}/documents/letter")
    assert bad.status_code == 400 and "“kind”" in bad.text


def test_an_unknown_inspection_is_a_404_page(office: Browser) -> None:
    answer = office.http.get("/office/inspections/00000000-0000-4000-8000-000000000000")
    assert answer.status_code == 404
    assert "Không tìm thấy cuộc kiểm tra" in answer.text
    assert office.http.get("/office/inspections/" + "x" * 300).status_code == 404
