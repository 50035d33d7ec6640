"""Templates on the central endpoint: preview and publish an upload (XLSX or JSON) as the next
immutable version, list and serve it (JSON for tablets, XLSX for authors), plan visits on it."""

from __future__ import annotations

import io
import json
from typing import Any

import openpyxl
import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from checklists.template.catalog import get_template
from checklists.template.model import Template
from checklists.template.sheet_reader import template_from_sheets
from checklists.template.sheet_writer import template_to_sheets
from checklists.template.validation import parse_template
from sync.server.tables import ListedInspection
from sync.server.workbooks import XLSX_MIME, write_workbook
from tests.sync.server.central import Headers, Team, make_team, plan_alone
from tests.sync.server.conftest import ADMIN_PASSWORD, SQLITE_ONLY, LiveServer

XLSX = {"Content-Type": XLSX_MIME}
JSON = {"Content-Type": "application/json"}


def renamed(title: str, template_id: str = "cqtt-xa") -> Template:
    seed = get_template("cqtt-xa", 1)
    return seed.model_copy(update={"title": title, "id": template_id})


def xlsx(template: Template, lang: str = "vi") -> bytes:
    return write_workbook(template_to_sheets(template, lang))


def post(client: Any, who: Headers, path: str, body: bytes, kind: dict[str, str]) -> Any:
    return client.post(f"/api/v1/templates{path}", headers={**who, **kind}, content=body)


def refs(client: Any, who: Headers) -> list[tuple[str, int, str]]:
    answer = client.get("/api/v1/templates", headers=who)
    assert answer.status_code == 200
    return [(r["id"], r["version"], r["content_hash"]) for r in answer.json()]


def read_back(data: bytes) -> Template:
    book = openpyxl.load_workbook(io.BytesIO(data))
    sheets = {s.title: [list(r) for r in s.iter_rows(values_only=True)] for s in book.worksheets}
    return template_from_sheets(sheets)


def test_an_xlsx_upload_is_previewed_then_published_as_the_next_version(
    client: TestClient, team: Team
) -> None:
    changed = renamed("Bộ tiêu chí 2027")
    before = refs(client, team.office)

    shown = post(client, team.office, "/preview", xlsx(changed), XLSX)
    assert shown.status_code == 200, shown.text
    preview = shown.json()
    assert preview["problems"] == []
    assert (preview["next_version"], preview["same_as_version"]) == (2, None)
    assert preview["template"]["title"] == "Bộ tiêu chí 2027"
    assert refs(client, team.office) == before  # a preview writes nothing

    published = post(client, team.office, "", xlsx(changed), XLSX)
    assert published.status_code == 201, published.text
    ref = published.json()["ref"]
    expected = changed.model_copy(update={"version": 2})
    assert (ref["id"], ref["version"], ref["content_hash"]) == (
        "cqtt-xa",
        2,
        expected.content_hash(),
    )
    assert preview["content_hash"] == expected.content_hash()
    assert ("cqtt-xa", 2, expected.content_hash()) in refs(client, team.member_1)
    served = client.get("/api/v1/templates/cqtt-xa/2", headers=team.member_1)
    assert served.status_code == 200
    assert parse_template(served.content) == expected
    assert served.headers["etag"] == f'"{expected.content_hash()}"'


def test_publishing_the_same_content_again_changes_nothing(client: TestClient, team: Team) -> None:
    changed = renamed("Bộ tiêu chí 2027")
    first = post(client, team.office, "", xlsx(changed), XLSX)
    assert first.status_code == 201
    listed = refs(client, team.office)
    # The same content with another version number in its cell, and as JSON this time.
    again = post(client, team.office, "", changed.model_dump_json().encode(), JSON)
    assert again.status_code == 200, again.text
    assert again.json() == {**first.json(), "created": False}
    assert refs(client, team.office) == listed
    shown = post(client, team.office, "/preview", xlsx(changed), XLSX).json()
    assert (shown["same_as_version"], shown["next_version"]) == (2, None)
    # The bundled version's own content is published already too.
    seed = post(client, team.office, "/preview", xlsx(get_template("mot-cua", 1)), XLSX).json()
    assert seed["same_as_version"] == 1


def test_a_published_version_never_changes_when_a_later_one_is_published(
    client: TestClient, team: Team
) -> None:
    assert post(client, team.office, "", xlsx(renamed("Lần 2")), XLSX).status_code == 201
    v2 = client.get("/api/v1/templates/cqtt-xa/2", headers=team.office).content
    third = post(client, team.office, "", xlsx(renamed("Lần 3")), XLSX)
    assert third.json()["ref"]["version"] == 3
    assert client.get("/api/v1/templates/cqtt-xa/2", headers=team.office).content == v2
    assert json.loads(v2)["title"] == "Lần 2"


def test_a_new_template_id_starts_at_version_1_from_json(client: TestClient, team: Team) -> None:
    new = renamed("Mẫu thử", "mau-thu").model_copy(update={"version": 7})
    answer = post(client, team.office, "", new.model_dump_json().encode(), JSON)
    assert answer.status_code == 201, answer.text
    assert answer.json()["ref"]["version"] == 1
    assert ("mau-thu", 1) in [(i, v) for i, v, _ in refs(client, team.office)]


def test_a_spreadsheet_mistake_is_shown_at_its_cell_and_nothing_is_published(
    client: TestClient, team: Team
) -> None:
    sheets = template_to_sheets(renamed("Có lỗi"))
    criteria = sheets["Tiêu chí"]
    column = criteria[0].index("Điểm tối đa")
    criteria[6][column] = "mười"  # row 7 as the spreadsheet numbers it
    before = refs(client, team.office)

    shown = post(client, team.office, "/preview", write_workbook(sheets), XLSX)
    assert shown.status_code == 200
    [problem] = shown.json()["problems"]
    assert (problem["sheet"], problem["row"], problem["column"]) == ("Tiêu chí", 7, "G")
    assert problem["place"] == "Trang tính “Tiêu chí”, dòng 7, cột G (Điểm tối đa)"
    assert problem["place_en"] == "Sheet “Tiêu chí”, row 7, column G (Max points)"
    assert "phải là một số" in problem["message"]
    assert shown.json()["template"] is None

    refused = post(client, team.office, "", write_workbook(sheets), XLSX)
    assert refused.status_code == 422
    [refusal] = refused.json()["refusals"]
    assert refusal["path"] == problem["place"]
    assert refs(client, team.office) == before


@SQLITE_ONLY
@pytest.mark.parametrize(
    ("body", "kind"),
    [
        (b"not a zip at all", XLSX),
        (b"PK\x03\x04broken", XLSX),
        (b"{not json", JSON),
        (b"\xff\xfe", JSON),
        (b"[]", JSON),
    ],
    ids=["text", "broken-zip", "bad-json", "not-utf8", "json-list"],
)
def test_an_unreadable_upload_is_refused_with_a_reason_never_a_500(
    client: TestClient, team: Team, body: bytes, kind: dict[str, str]
) -> None:
    refused = post(client, team.office, "", body, kind)
    assert refused.status_code == 422, refused.text
    assert refused.json()["detail"]
    shown = post(client, team.office, "/preview", body, kind)
    assert shown.status_code in (200, 422)
    if shown.status_code == 200:
        assert shown.json()["problems"]


@SQLITE_ONLY
def test_only_the_central_office_and_admins_publish(client: TestClient, team: Team) -> None:
    body = xlsx(renamed("Không được"))
    for who in (team.leader, team.member_1):
        assert post(client, who, "", body, XLSX).status_code == 403
        assert post(client, who, "/preview", body, XLSX).status_code == 403
    assert client.post("/api/v1/templates", content=body, headers=XLSX).status_code == 401
    assert post(client, team.admin, "", body, XLSX).status_code == 201


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_any_published_template_downloads_as_xlsx_that_reads_back_the_same(
    client: TestClient, team: Team, lang: str
) -> None:
    assert post(client, team.office, "", xlsx(renamed("Tải về")), XLSX).status_code == 201
    for template_id, version in (("cqtt-xa", 1), ("cqtt-xa", 2), ("mot-cua", 1)):
        answer = client.get(
            f"/api/v1/templates/{template_id}/{version}/xlsx",
            params={"lang": lang},
            headers=team.member_2,
        )
        assert answer.status_code == 200
        assert answer.headers["content-type"] == XLSX_MIME
        assert f"{template_id}.v{version}.xlsx" in answer.headers["content-disposition"]
        served = client.get(f"/api/v1/templates/{template_id}/{version}", headers=team.office)
        assert read_back(answer.content) == parse_template(served.content)
    missing = client.get("/api/v1/templates/cqtt-xa/9/xlsx", headers=team.office)
    assert missing.status_code == 404


def test_a_visit_planned_on_a_published_version_is_stored_and_pushed_on_it(
    app: FastAPI, client: TestClient, team: Team
) -> None:
    published = post(client, team.office, "", xlsx(renamed("Kỳ 2027")), XLSX).json()["ref"]
    planned = plan_alone(client, team, "Xã Mai Pha", version=published["version"], day="2027-03-01")
    assert planned.status_code == 201, planned.text
    record = team.api.pull(team.leader, planned.json()["inspection_id"])
    assert (record.template_version, record.template_hash) == (2, published["content_hash"])
    assert team.api.push(team.leader, record).status_code == 200
    app.state.services.summaries.current()
    with app.state.services.sessions() as session:  # the office list scores it on v2
        summary = session.get(ListedInspection, record.id)
        assert summary is not None
        assert (summary.known_template, summary.template_title) == (True, "Kỳ 2027")
    unknown = plan_alone(client, team, "Xã Mai Pha", version=3, day="2027-03-01")
    assert unknown.status_code == 422


def test_concurrent_publishes_never_share_a_version_number(live: LiveServer) -> None:
    from concurrent.futures import ThreadPoolExecutor

    import httpx

    with httpx.Client(base_url=live.url, timeout=60) as http:
        office = make_team(http, ADMIN_PASSWORD).office
        bodies = [xlsx(renamed(f"Bản {n}")) for n in range(4)] + [xlsx(renamed("Bản 0"))]

        def send(body: bytes) -> tuple[int, int, bool]:
            answer = http.post("/api/v1/templates", headers={**office, **XLSX}, content=body)
            assert answer.status_code in (200, 201), answer.text
            return answer.status_code, answer.json()["ref"]["version"], answer.json()["created"]

        with ThreadPoolExecutor(max_workers=5) as pool:
            results = list(pool.map(send, bodies))
        created = sorted(v for _, v, made in results if made)
        listed = sorted(v for i, v, _ in refs(http, office) if i == "cqtt-xa")
    # Four different contents: four new versions, numbered 2..5 with no gap and no repeat;
    # the fifth upload repeats one of them and is a new version only if another came between.
    assert len(created) in (4, 5)
    assert created == list(range(2, 2 + len(created)))
    assert listed == [1, *created]


@pytest.mark.parametrize("suffix", ["", "/xlsx"])
def test_a_version_too_large_for_the_database_is_422_not_500(
    client: TestClient, team: Team, suffix: str
) -> None:
    """Found by the schemathesis run: SQLite cannot hold an int past 64 bits (OverflowError)."""
    answer = client.get(f"/api/v1/templates/cqtt-xa/{2**70}{suffix}", headers=team.office)
    assert answer.status_code == 422
    visit = {
        "template_id": "cqtt-xa",
        "template_version": 2**70,
        "unit_name": "Xã A",
        "inspection_date": "2026-12-01",
        "leader_id": team.ids["leader"],
        "members": [{"user_id": team.ids["leader"], "role": "truong_doan"}],
    }
    assert client.post("/api/v1/visits", headers=team.office, json=visit).status_code == 422
