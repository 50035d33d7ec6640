"""The visits page: plan a visit (unit, date, template, delegation and leader) so its members
pull it, see the visits not started yet, and each refused field marked with what was typed."""

from __future__ import annotations

import html
import re
from datetime import date

import pytest
from fastapi.testclient import TestClient

from checklists.text.format import format_date
from tests.sync.server.central import Team
from tests.sync.server.conftest import SQLITE_ONLY
from tests.sync.server.pages.conftest import Browser


def text_of(page: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", " ", page))


def plan(team: Team, **changes: object) -> dict[str, object]:
    form: dict[str, object] = {
        "unit_name": "Xã Mai Pha",
        "unit_parent": "thành phố Lạng Sơn",
        "inspection_date": "15/03/2027",  # the Vietnamese form
        "template": "cqtt-xa@1",
        "lead_body": "Ban Dân vận Tỉnh ủy",
        "leader_id": team.ids["leader"],
        "members": [team.ids["member_1"], team.ids["member_2"]],
    }
    return {**form, **changes}


def test_the_page_lists_the_visits_not_started_yet(office: Browser) -> None:
    page = office.http.get("/office/visits")
    assert page.status_code == 200
    shown = text_of(page.text)
    assert "Phường Vĩnh Trại" in shown  # the team's planned visit
    assert format_date(date(2026, 12, 1), "vi") in shown
    assert 'name="members"' in page.text and 'placeholder="ngày/tháng/năm' in page.text


def test_a_planned_visit_is_listed_and_its_members_pull_it(
    office: Browser, client: TestClient, team: Team
) -> None:
    before = client.get("/api/v1/inspections", headers=team.member_2).json()["items"]
    done = office.post_form("/office/visits", plan(team))  # type: ignore[arg-type]
    assert done.status_code == 303, done.text  # type: ignore[attr-defined]
    page = office.http.get(done.headers["location"])  # type: ignore[attr-defined]
    day = format_date(date(2027, 3, 15), "vi")
    assert f"Đã lập kế hoạch kiểm tra Xã Mai Pha ngày {day}." in text_of(page.text)
    visit_id = done.headers["location"].split("done=")[1]  # type: ignore[attr-defined]
    after = client.get("/api/v1/inspections", headers=team.member_2).json()["items"]
    assert [i["id"] for i in after if i not in before] == [visit_id]
    record = team.api.pull(team.member_2, visit_id)
    assert record.header.unit_name == "Xã Mai Pha"
    assert record.leader_ids() == frozenset({team.ids["leader"]})
    assert set(record.active_members()) == {team.ids[k] for k in ("leader", "member_1", "member_2")}
    assert client.get(f"/api/v1/inspections/{visit_id}", headers=team.outsider).status_code == 403


def test_refused_fields_are_marked_and_what_was_typed_is_kept(
    office: Browser, client: TestClient, team: Team
) -> None:
    before = client.get("/api/v1/inspections", headers=team.office).json()["items"]
    refused = office.post_form(
        "/office/visits",
        plan(team, unit_name="", leader_id="", inspection_date="31/02/2027", place="Nhà văn hoá"),  # type: ignore[arg-type]
    )
    assert refused.status_code == 422  # type: ignore[attr-defined]
    page = refused.text  # type: ignore[attr-defined]
    assert 'id="unit_name-error"' in page and 'id="leader_id-error"' in page
    assert 'id="inspection_date-error"' in page
    assert 'value="Nhà văn hoá"' in page
    assert client.get("/api/v1/inspections", headers=team.office).json()["items"] == before


@SQLITE_ONLY
def test_an_unknown_template_or_user_is_refused_at_its_field(office: Browser, team: Team) -> None:
    wrong_template = office.post_form("/office/visits", plan(team, template="nope@1"))  # type: ignore[arg-type]
    assert wrong_template.status_code == 422  # type: ignore[attr-defined]
    assert 'id="template-error"' in wrong_template.text  # type: ignore[attr-defined]
    wrong_member = office.post_form("/office/visits", plan(team, members=["no-such-user"]))  # type: ignore[arg-type]
    assert wrong_member.status_code == 422  # type: ignore[attr-defined]
    assert 'id="members-error"' in wrong_member.text  # type: ignore[attr-defined]


@SQLITE_ONLY
@pytest.mark.parametrize("typed", ["15/03/2027", "15.3.2027", "2027-03-15"])
def test_the_date_is_read_in_the_vietnamese_form_or_iso(
    office: Browser, team: Team, typed: str
) -> None:
    done = office.post_form("/office/visits", plan(team, inspection_date=typed))  # type: ignore[arg-type]
    assert done.status_code == 303  # type: ignore[attr-defined]
    visit_id = done.headers["location"].split("done=")[1]  # type: ignore[attr-defined]
    assert team.api.pull(team.leader, visit_id).header.inspection_date == date(2027, 3, 15)
