"""The office pages in headless Chromium against a real uvicorn: sign in, filter, open an
inspection, download the XLSX and check it against the scoring engine; refusals; screenshots.

Screenshots of every page at 1280x800 and 800x1280 go to artifacts/screenshots/office/.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from openpyxl import load_workbook

from checklists.record.model import Inspection
from checklists.scoring.engine import score_inspection
from checklists.template.catalog import template_for
from tests.sync.server.central import Team, make_team
from tests.sync.server.conftest import ADMIN_PASSWORD, SQLITE_ONLY, LiveServer
from tests.sync.server.pages.office_data import scored_set
from tests.sync.server.pages.test_office_inspection import disputed

pytestmark = [pytest.mark.browser, SQLITE_ONLY]

CHROMIUM = Path("/usr/bin/chromium")
SHOTS = Path(__file__).resolve().parents[4] / "artifacts" / "screenshots" / "office"
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
]
SIZES = {"desktop": (1280, 800), "tablet": (800, 1280)}


@pytest.fixture(scope="module")
def chromium() -> Iterator[Any]:
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} is missing (apt-get install -y chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=ARGS, headless=True
        )
        yield browser
        browser.close()


@pytest.fixture
def held(live: LiveServer) -> Iterator[tuple[Team, dict[str, Inspection]]]:
    """The team and four scored inspections on the live server (and one with a dispute and a
    photo)."""
    with httpx.Client(base_url=live.url, timeout=30) as http:
        team = make_team(http, ADMIN_PASSWORD)
        records = scored_set(team)
        inspection_id, _photo = disputed(team)
        records[inspection_id] = team.api.pull(team.office, inspection_id)
        yield team, records


def new_page(chromium: Any, size: str = "desktop") -> Any:
    width, height = SIZES[size]
    context = chromium.new_context(
        viewport={"width": width, "height": height}, accept_downloads=True
    )
    page = context.new_page()
    page.set_default_timeout(20_000)
    return page


def sign_in(page: Any, live: LiveServer, username: str, password: str, path: str) -> None:
    page.goto(live.url + path)
    assert "/office/login" in page.url  # signed out: sent to sign in, with next=
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(password)
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_load_state()


def test_sign_in_filter_open_and_export_checked_against_the_engine(
    chromium: Any, live: LiveServer, held: tuple[Team, dict[str, Inspection]]
) -> None:
    _team, records = held
    page = new_page(chromium)
    sign_in(page, live, "office", "office-password", "/office/inspections")
    assert page.url.endswith("/office/inspections")
    page.get_by_label("Năm").select_option("2024")
    page.get_by_role("button", name="Lọc", exact=True).click()
    page.wait_for_url("**year=2024**")
    rows = page.locator("table.inspections tbody tr")
    in_2024 = {i: r for i, r in records.items() if r.header.inspection_date.year == 2024}
    assert rows.count() == len(in_2024) == 3
    page.get_by_role("link", name="Xã Hoàng Đồng").click()
    page.wait_for_url("**/office/inspections/*")
    assert page.get_by_role("heading", level=1).inner_text().startswith("Xã Hoàng Đồng")
    page.go_back()
    page.wait_for_url("**year=2024**")
    with page.expect_download() as download:
        page.get_by_role("link", name="Xuất Excel (XLSX)").click()
    book = load_workbook(io.BytesIO(Path(download.value.path()).read_bytes()))
    totals = list(book["Tổng hợp"].iter_rows(values_only=True))[1:]
    assert {str(line[0]) for line in totals} == set(in_2024)
    for line in totals:
        report = score_inspection(template_for(in_2024[str(line[0])]), in_2024[str(line[0])])
        assert line[8] == report.final_total and line[12] == report.scored_count
    scores = {
        str(line[0]): line[3:]
        for line in list(book["Điểm tiêu chí"].iter_rows(values_only=True))[1:]
    }
    for inspection_id, record in in_2024.items():
        report = score_inspection(template_for(record), record)
        assert list(scores[inspection_id]) == [c.points for c in report.criteria]
    page.context.close()


def test_a_signed_out_visitor_and_an_inspector_are_refused(
    chromium: Any, live: LiveServer, held: tuple[Team, dict[str, Inspection]]
) -> None:
    page = new_page(chromium)
    page.goto(live.url + "/office/compare")
    assert "/office/login" in page.url and "next=%2Foffice%2Fcompare" in page.url
    assert page.locator("table").count() == 0
    sign_in(page, live, "member1", "member1-password", "/office/compare")
    assert "không được xem các trang của văn phòng trung tâm" in page.content()
    assert page.get_by_role("navigation").count() == 0
    response = page.goto(live.url + "/office/inspections")
    assert response is not None and response.status == 403
    page.context.close()


def test_a_form_posted_without_its_csrf_token_is_refused(
    chromium: Any, live: LiveServer, held: tuple[Team, dict[str, Inspection]]
) -> None:
    page = new_page(chromium)
    sign_in(page, live, "office", "office-password", "/office/inspections")
    page.evaluate(
        "document.querySelector('form[action=\"/office/logout\"] input[name=csrf_token]').remove()"
    )
    page.get_by_role("button", name="Đăng xuất").click()
    page.wait_for_load_state()
    assert "Biểu mẫu bị từ chối" in page.content()
    response = page.goto(live.url + "/office/inspections")
    assert response is not None and response.status == 200  # still signed in: nothing changed
    page.context.close()


@pytest.mark.parametrize("size", sorted(SIZES))
def test_screenshots_of_every_page(
    chromium: Any, live: LiveServer, held: tuple[Team, dict[str, Inspection]], size: str
) -> None:
    team, records = held
    SHOTS.mkdir(parents=True, exist_ok=True)
    page = new_page(chromium, size)
    page.goto(live.url + "/office/login")
    page.screenshot(path=str(SHOTS / f"login-{size}.png"))
    sign_in(page, live, "office", "office-password", "/office/inspections")
    page.screenshot(path=str(SHOTS / f"inspections-{size}.png"), full_page=True)
    page.goto(live.url + "/office/inspections?q=vinh+trai&sort=total")
    page.screenshot(path=str(SHOTS / f"inspections-filtered-{size}.png"), full_page=True)
    tam_thanh = page.goto(live.url + "/office/inspections?q=tam+thanh")
    assert tam_thanh is not None
    page.get_by_role("link", name="Phường Tam Thanh").click()
    page.wait_for_url("**/office/inspections/*")
    page.screenshot(path=str(SHOTS / f"inspection-{size}.png"), full_page=True)
    page.emulate_media(media="print")
    page.screenshot(path=str(SHOTS / f"inspection-print-{size}.png"), full_page=True)
    page.emulate_media(media="screen")
    page.goto(live.url + "/office/compare?unit=Ph%C6%B0%E1%BB%9Dng+V%C4%A9nh+Tr%E1%BA%A1i")
    page.screenshot(path=str(SHOTS / f"compare-{size}.png"), full_page=True)
    page.goto(live.url + "/office/lang?to=en&next=/office/compare")
    page.screenshot(path=str(SHOTS / f"compare-en-{size}.png"), full_page=True)
    page.goto(live.url + "/office/lang?to=vi&next=/office/inspections")
    assert page.locator("html").get_attribute("lang") == "vi"
    page.context.close()
    refused = new_page(chromium, size)
    sign_in(refused, live, "leader", "leader-password", "/office/inspections")
    refused.screenshot(path=str(SHOTS / f"refused-{size}.png"), full_page=True)
    refused.context.close()
    assert len(records) == 5 and team.inspection_id
