"""The authoring pages in a real headless Chromium against a real uvicorn: upload a template
spreadsheet with a mistake, read the row/column message, fix it, publish it and see a real
tablet store pull it; plan a visit and see a tablet pull it. Screenshots of each page at
1280x800 and 800x1280 go to artifacts/screenshots/office/ (git-ignored)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from checklists.template.catalog import get_template
from checklists.template.sheet_writer import template_to_sheets
from sync.client.status import Phase
from sync.server.workbooks import write_workbook
from tests.inspect_app.conftest import CHROMIUM, CHROMIUM_ARGS
from tests.sync.client.conftest import Tablet, live, make_tablet, team  # noqa: F401 - fixtures
from tests.sync.server.central import Team
from tests.sync.server.conftest import ADMIN_PASSWORD, LiveServer

pytestmark = pytest.mark.browser

SHOTS = Path(__file__).resolve().parents[4] / "artifacts" / "screenshots" / "office"
SIZES = {"desktop": {"width": 1280, "height": 800}, "tablet": {"width": 800, "height": 1280}}


@pytest.fixture(scope="module")
def chromium() -> Iterator[Any]:
    """One headless Chromium for the module (Debian's, never a downloaded one)."""
    if not CHROMIUM.exists():
        pytest.skip(f"SKIPPED BROWSER TESTS: {CHROMIUM} is missing")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True
        )
        yield instance
        instance.close()


@pytest.fixture
def signed_in(chromium: Any, live: LiveServer) -> Iterator[Callable[..., Any]]:  # noqa: F811
    """`signed_in("office", "office-password")`: a new page signed in through the form."""
    contexts: list[Any] = []

    def open_page(username: str, password: str, size: str = "desktop") -> Any:
        context = chromium.new_context(
            viewport=SIZES[size],
            base_url=live.url,
            locale="vi-VN",  # an office's own browser
        )
        contexts.append(context)
        page = context.new_page()
        page.goto("/office/login")
        page.fill("#username", username)
        page.fill("#password", password)
        page.click("button[type=submit]")
        page.wait_for_url("**/office/inspections**")
        return page

    yield open_page
    for context in contexts:
        context.close()


def shoot(page: Any, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def test_a_spreadsheet_with_a_mistake_is_fixed_published_and_pulled_by_a_tablet(
    team: Team,  # noqa: F811
    make_tablet: Callable[..., Tablet],  # noqa: F811
    signed_in: Callable[..., Any],
    tmp_path: Path,
) -> None:
    from playwright.sync_api import expect

    tablet = make_tablet("member_1")
    assert tablet.worker.run_once().phase is Phase.IDLE
    changed = get_template("cqtt-xa", 1).model_copy(update={"title": "Bộ tiêu chí năm 2027"})
    sheets = template_to_sheets(changed)
    right = tmp_path / "bo-tieu-chi-2027.xlsx"
    right.write_bytes(write_workbook(sheets))
    criteria = sheets["Tiêu chí"]
    criteria[6][criteria[0].index("Điểm tối đa")] = "mười"
    wrong = tmp_path / "bo-tieu-chi-2027-loi.xlsx"
    wrong.write_bytes(write_workbook(sheets))

    for size in SIZES:
        page = signed_in("office", "office-password", size)
        page.goto("/office/templates")
        expect(page.get_by_role("heading", name="Mẫu đã ban hành")).to_be_visible()
        shoot(page, f"templates-{size}")
        page.set_input_files("#file", str(wrong))
        page.get_by_role("button", name="Kiểm tra và xem trước").click()
        place = page.get_by_text("Trang tính “Tiêu chí”, dòng 7, cột G (Điểm tối đa)")
        expect(place).to_be_visible()
        expect(page.get_by_text('phải là một số, đang là "mười"')).to_be_visible()
        expect(page.get_by_role("button", name="Ban hành")).to_have_count(0)
        shoot(page, f"template-problems-{size}")

    page.set_input_files("#file", str(right))
    page.get_by_role("button", name="Kiểm tra và xem trước").click()
    expect(page.get_by_text("Sẽ ban hành thành cqtt-xa phiên bản 2.")).to_be_visible()
    expect(page.get_by_text("Thông tin chung: Tên mẫu phiếu")).to_be_visible()
    shoot(page, "template-preview-tablet")
    page.get_by_role("button", name="Ban hành").click()
    expect(page.get_by_text("Đã ban hành cqtt-xa phiên bản 2.")).to_be_visible()
    shoot(page, "templates-published-tablet")

    expected = changed.model_copy(update={"version": 2}).content_hash()
    assert not tablet.templates.has("cqtt-xa", 2, expected)
    assert tablet.worker.run_once().phase is Phase.IDLE
    assert tablet.templates.has("cqtt-xa", 2, expected)


def test_a_visit_planned_on_the_page_is_pulled_by_a_members_tablet(
    team: Team,  # noqa: F811
    make_tablet: Callable[..., Tablet],  # noqa: F811
    signed_in: Callable[..., Any],
) -> None:
    from playwright.sync_api import expect

    tablet = make_tablet("member_2")
    assert tablet.worker.run_once().phase is Phase.IDLE
    before = {s.id for s in tablet.store.list_summaries()}
    page = signed_in("office", "office-password")
    page.goto("/office/visits")
    shoot(page, "visits-empty-form-desktop")
    page.get_by_role("button", name="Lập kế hoạch").click()  # the browser asks for the unit
    expect(page.get_by_text("Đã lập kế hoạch")).to_have_count(0)
    page.fill("#unit_name", "Xã Mai Pha")
    page.fill("#unit_parent", "thành phố Lạng Sơn")
    page.fill("#inspection_date", "15/03/2027")
    page.select_option("#template", "cqtt-xa@1")
    page.select_option("#leader_id", team.ids["leader"])
    page.check(f"input[name=members][value='{team.ids['member_2']}']")
    page.get_by_role("button", name="Lập kế hoạch").click()
    expect(page.get_by_text("Đã lập kế hoạch kiểm tra Xã Mai Pha ngày")).to_be_visible()
    expect(page.get_by_role("cell", name="Xã Mai Pha")).to_be_visible()
    shoot(page, "visits-desktop")
    tablet_page = signed_in("office", "office-password", "tablet")
    tablet_page.goto("/office/visits")
    shoot(tablet_page, "visits-tablet")

    assert tablet.worker.run_once().phase is Phase.IDLE
    new = [s for s in tablet.store.list_summaries() if s.id not in before]
    assert [s.unit_name for s in new] == ["Xã Mai Pha"]


def test_the_users_page_at_both_sizes(
    team: Team,  # noqa: F811
    signed_in: Callable[..., Any],
) -> None:
    from playwright.sync_api import expect

    for size in SIZES:
        page = signed_in("admin", ADMIN_PASSWORD, size)
        page.goto("/office/users")
        expect(page.get_by_role("heading", name="Thiết bị đã đăng ký")).to_be_visible()
        shoot(page, f"users-{size}")
    office = signed_in("office", "office-password")
    office.goto("/office/users")
    expect(office.get_by_text("Chỉ quản trị viên được dùng trang này.")).to_be_visible()
