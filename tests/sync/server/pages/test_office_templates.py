"""The templates page: list and download published versions, upload a spreadsheet, see each
mistake at its sheet, row and column, fix it, preview and publish."""

from __future__ import annotations

import html
import io
import re

import openpyxl
from fastapi.testclient import TestClient

from checklists.template.catalog import get_template
from checklists.template.model import Template
from checklists.template.sheet_reader import template_from_sheets
from checklists.template.sheet_writer import Sheets, template_to_sheets
from sync.server.workbooks import XLSX_MIME, write_workbook
from tests.sync.server.central import Team, plan_alone
from tests.sync.server.conftest import SQLITE_ONLY
from tests.sync.server.pages.conftest import Browser


def changed(title: str = "Bộ tiêu chí năm 2027") -> Template:
    return get_template("cqtt-xa", 1).model_copy(update={"title": title})


def upload(browser: Browser, name: str, data: bytes, kind: str = XLSX_MIME) -> object:
    return browser.http.post(
        "/office/templates/preview",
        data={"csrf_token": browser.csrf},
        files={"file": (name, data, kind)},
    )


def text_of(page: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", " ", page))


def with_mistake(template: Template) -> Sheets:
    sheets = template_to_sheets(template)
    criteria = sheets["Tiêu chí"]
    criteria[6][criteria[0].index("Điểm tối đa")] = "mười"
    return sheets


def test_the_list_shows_every_published_version_with_its_downloads(office: Browser) -> None:
    page = office.http.get("/office/templates")
    assert page.status_code == 200
    for template_id in ("cqtt-xa", "mot-cua"):
        assert f"/office/templates/{template_id}/1/xlsx?lang=vi" in page.text
    assert 'enctype="multipart/form-data"' in page.text
    download = office.http.get("/office/templates/mot-cua/1/xlsx?lang=en")
    assert download.status_code == 200
    assert download.headers["content-type"] == XLSX_MIME
    book = openpyxl.load_workbook(io.BytesIO(download.content))
    assert "Criteria" in book.sheetnames
    sheets = {s.title: [list(r) for r in s.iter_rows(values_only=True)] for s in book.worksheets}
    assert template_from_sheets(sheets) == get_template("mot-cua", 1)
    missing = office.http.get("/office/templates/mot-cua/9/xlsx")
    assert missing.status_code == 404


def test_a_mistake_is_shown_at_its_cell_then_the_fixed_file_is_published(
    office: Browser, client: TestClient, team: Team
) -> None:
    wrong = upload(office, "mau-2027.xlsx", write_workbook(with_mistake(changed())))
    assert wrong.status_code == 422  # type: ignore[attr-defined]
    shown = text_of(wrong.text)  # type: ignore[attr-defined]
    assert "Trang tính “Tiêu chí”, dòng 7, cột G (Điểm tối đa)" in shown
    assert "phải là một số" in shown
    assert "template_json" not in wrong.text  # type: ignore[attr-defined]

    right = upload(office, "mau-2027.xlsx", write_workbook(template_to_sheets(changed())))
    assert right.status_code == 200  # type: ignore[attr-defined]
    page = right.text  # type: ignore[attr-defined]
    assert "Sẽ ban hành thành cqtt-xa phiên bản 2." in text_of(page)
    assert "Bộ tiêu chí năm 2027" in page
    listed = client.get("/api/v1/templates", headers=team.office).json()
    assert ("cqtt-xa", 2) not in [(r["id"], r["version"]) for r in listed]  # nothing written yet

    found = re.search(r'name="template_json" value="([^"]*)"', page)
    assert found is not None
    published = office.post_form(
        "/office/templates/publish", {"template_json": html.unescape(found.group(1))}
    )
    assert published.status_code == 303  # type: ignore[attr-defined]
    after = office.http.get(published.headers["location"])  # type: ignore[attr-defined]
    assert "Đã ban hành cqtt-xa phiên bản 2" in text_of(after.text)
    expected = changed().model_copy(update={"version": 2}).content_hash()
    listed = client.get("/api/v1/templates", headers=team.office).json()
    assert ("cqtt-xa", 2, expected) in [(r["id"], r["version"], r["content_hash"]) for r in listed]
    again = office.post_form(
        "/office/templates/publish", {"template_json": html.unescape(found.group(1))}
    )
    assert "same=cqtt-xa%3A2" in again.headers["location"]  # type: ignore[attr-defined]


@SQLITE_ONLY
def test_an_english_reader_sees_the_cell_in_english(office: Browser) -> None:
    office.http.get("/office/lang?to=en&next=/office/templates")
    wrong = upload(office, "draft.xlsx", write_workbook(with_mistake(changed())))
    shown = text_of(wrong.text)  # type: ignore[attr-defined]
    assert "Sheet “Tiêu chí”, row 7, column G (Max points)" in shown
    assert "must be a number" in shown


@SQLITE_ONLY
def test_bad_files_and_forged_forms_get_a_page_never_a_500(office: Browser) -> None:
    for name, data, kind in (
        ("x.xlsx", b"not a workbook", XLSX_MIME),
        ("x.json", b"{", "application/json"),
        ("x.json", b"", "application/json"),
    ):
        answer = upload(office, name, data, kind)
        assert answer.status_code == 422, answer.text  # type: ignore[attr-defined]
        assert "<h1>" in answer.text  # type: ignore[attr-defined]
    none = office.http.post("/office/templates/preview", data={"csrf_token": office.csrf})
    assert none.status_code == 422
    forged = office.post_form("/office/templates/publish", {"template_json": '{"id": 1}'})
    assert forged.status_code == 422  # type: ignore[attr-defined]


@SQLITE_ONLY
def test_an_upload_without_the_form_token_is_refused(office: Browser) -> None:
    refused = office.http.post(
        "/office/templates/preview",
        files={"file": ("x.xlsx", write_workbook(template_to_sheets(changed())), XLSX_MIME)},
    )
    assert refused.status_code == 403


def test_an_inspection_on_a_published_version_is_read_and_compared_on_it(
    office: Browser, client: TestClient, team: Team
) -> None:
    body = write_workbook(template_to_sheets(changed("Bộ tiêu chí năm 2027")))
    published = client.post(
        "/api/v1/templates", headers={**team.office, "Content-Type": XLSX_MIME}, content=body
    )
    assert published.status_code == 201
    planned = plan_alone(client, team, "Xã Mai Pha", version=2, day="2027-03-01")
    assert planned.status_code == 201
    page = office.http.get(f"/office/inspections/{planned.json()['inspection_id']}")
    assert page.status_code == 200
    assert "Bộ tiêu chí năm 2027" in page.text
    assert "view.no_template" not in page.text
    no_template = office.http.get(f"/office/inspections/{team.inspection_id}")
    shown = text_of(page.text)
    assert shown.count("Lãnh đạo, chỉ đạo") == text_of(no_template.text).count("Lãnh đạo, chỉ đạo")


def test_the_export_has_the_criterion_columns_of_a_published_version(
    office: Browser, client: TestClient, team: Team
) -> None:
    body = write_workbook(template_to_sheets(changed("Bộ tiêu chí năm 2027")))
    client.post(
        "/api/v1/templates", headers={**team.office, "Content-Type": XLSX_MIME}, content=body
    )
    planned = plan_alone(client, team, "Xã Mai Pha", version=2, day="2027-03-01")
    assert planned.status_code == 201
    answer = office.http.get("/office/inspections/export.xlsx")
    assert answer.status_code == 200
    book = openpyxl.load_workbook(io.BytesIO(answer.content))
    heads = {s.title: [c.value for c in next(s.iter_rows(max_row=1))] for s in book.worksheets}
    v1, v2 = heads["Điểm cqtt-xa v1"], heads["Điểm cqtt-xa v2"]
    assert len(v2) == len(v1) > 3
    assert str(v2[3]).startswith("A1. ")
