"""The conclusion and Documents screens in the real web client (headless Chromium, the real
`inspect-app` server on a real store holding the sample): the leader drafts, edits, saves a
version and exports the three DOCX documents; a member only reads."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from docx import Document
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from checklists.record.model import ConclusionPart
from checklists.record.sample import LEAD, MEMBER_1
from inspect_app.i18n import t
from inspect_app.routes import conclusion_path, documents_path, visit_path
from inspect_app.store import InspectionStore
from tests.inspect_app.test_visit_browser import (
    SAMPLE,
    OpenApp,
    choose,
    everything,
    hook,
    open_visit,
    said,
    shoot,
    wait_words,
)
from tests.inspect_app.webclient import AppPage

EXPORTS = "exports/phuong-vinh-trai-2023-11-24"


@pytest.fixture
def sample_dir(tmp_path: Path) -> Path:
    data_dir = tmp_path / "sample"
    with InspectionStore.open(data_dir) as store:
        store.save(SAMPLE)
    return data_dir


def open_conclusion(tab: AppPage, member: str) -> None:
    open_visit(tab)
    choose(tab, member)
    page = tab.page
    page.goto(tab.url.rstrip("/") + conclusion_path(SAMPLE.id))
    page.wait_for_selector("flt-semantics-placeholder", state="attached")
    page.evaluate("document.querySelector('flt-semantics-placeholder')?.click()")
    page.wait_for_selector(
        f"{hook('conclusion-status')}, {hook('conclusion-read-only')}", state="attached"
    )


@pytest.mark.browser
def test_the_leader_drafts_edits_saves_a_version_and_exports_three_documents(
    app_page: OpenApp, sample_dir: Path, screenshots_dir: Path, tmp_path: Path
) -> None:
    tab, app = app_page(sample_dir)
    page = tab.page
    open_conclusion(tab, LEAD)
    wait_words(page, t("conclusion.saved"), "conclusion-status")
    shoot(tab, screenshots_dir, "conclusion-leader")

    # The sample's blocks hold the leader's text: the draft asks before replacing them.
    page.locator(hook("draft")).click()
    page.wait_for_selector(hook("draft-replace"), state="attached")
    assert "Ghi nhận" in everything(page)
    page.locator(hook("draft-replace")).click()
    page.wait_for_selector(hook("draft-replace"), state="detached")

    # Edit a word in the limitations, then save a version (which saves the typing first).
    page.locator(f"{hook('edit-limitations')} textarea").click()
    page.keyboard.press("Control+End")
    page.keyboard.type(" Đã sửa tại hiện trường.")
    page.locator(hook("save-version")).click()
    page.wait_for_selector(hook("version-1"), state="attached")
    assert "Nguyễn Khắc Phương" in said(page, "version-1")
    before = page.screenshot()
    page.locator(hook("version-1")).click()  # unfolds the diff to the version before
    page.mouse.move(640, 500)
    page.mouse.wheel(0, 5000)
    tab.screenshot(screenshots_dir / "conclusion-versions-tablet.png", changed_from=before)

    page.locator(hook("export")).click()
    page.wait_for_selector(hook("exported-notice"), state="attached")
    assert "phuong-vinh-trai-2023-11-24" in said(page, "exported")
    with page.expect_download() as caught:
        page.locator(hook("download-report")).click()
    download = caught.value
    assert download.suggested_filename.startswith("bao-cao-ket-qua-kiem-tra-")
    saved = tmp_path / download.suggested_filename
    download.save_as(saved)
    shoot(tab, screenshots_dir, "conclusion-exported")

    folder = app.data_dir / EXPORTS
    files = sorted(p.name for p in folder.iterdir())
    assert len(files) == 3 and all(name.endswith(".docx") for name in files), files
    assert saved.read_bytes() == (folder / download.suggested_filename).read_bytes()
    for name in files:
        Document(str(folder / name))

    # Locked: the editors give way to the text, and only "unlock" remains of the edit tools.
    page.locator(hook("lock-conclusion")).click()
    page.locator(hook("lock-confirm")).click()
    page.wait_for_selector(hook("unlock-conclusion"), state="attached")
    assert "Đã khóa bởi Nguyễn Khắc Phương" in said(page, "conclusion-status")
    assert page.locator(hook("edit-limitations")).count() == 0
    page.set_viewport_size({"width": 412, "height": 915})
    tab.screenshot(screenshots_dir / "conclusion-locked-phone.png")
    app.stop()
    with InspectionStore.open(app.data_dir) as store:
        record = store.get(SAMPLE.id)
    limitations = record.conclusion[ConclusionPart.LIMITATIONS].text
    assert limitations.endswith(" Đã sửa tại hiện trường."), limitations
    version, lock = record.conclusion_history()
    assert version.author_id == LEAD and version.texts[ConclusionPart.LIMITATIONS] == limitations
    assert (lock.kind.value, lock.author_id) == ("lock", LEAD)


@pytest.mark.browser
def test_a_member_reads_the_conclusion_and_the_documents_form_without_tools(
    app_page: OpenApp, sample_dir: Path, screenshots_dir: Path
) -> None:
    tab, _app = app_page(sample_dir)
    page = tab.page
    open_conclusion(tab, MEMBER_1)
    assert t("conclusion.read_only") in said(page, "conclusion-read-only")
    wait_words(page, SAMPLE.conclusion[ConclusionPart.ACKNOWLEDGEMENTS].text[:20])
    for tool in ("draft", "save-version", "lock-conclusion", "export", "edit-limitations"):
        assert page.locator(hook(tool)).count() == 0, tool
    shoot(tab, screenshots_dir, "conclusion-member")

    page.goto(tab.url.rstrip("/") + documents_path(SAMPLE.id))
    page.wait_for_selector("flt-semantics-placeholder", state="attached")
    page.evaluate("document.querySelector('flt-semantics-placeholder')?.click()")
    assert t("documents.read_only") in said(page, "documents-read-only")
    assert page.locator(hook("documents-save")).count() == 0
    shoot(tab, screenshots_dir, "documents-member")


def fill(page: Any, identifier: str, text: str) -> None:
    """Replace a one-line field's text, as typing would.

    A click during a relayout (after a resize) can miss, and on a loaded machine Flutter can
    rebuild the field's input under the keys: focus, fill and check again until it holds."""
    selector = f"{hook(identifier)} input"
    field = page.locator(selector)
    focused = f"() => document.activeElement === document.querySelector('{selector}')"
    holds = "([s, v]) => document.querySelector(s)?.value === v"
    for _attempt in range(5):
        field.click()
        try:
            page.wait_for_function(focused, timeout=5_000)
            field.fill(text)
            page.wait_for_function(holds, arg=[selector, text], timeout=10_000)
            return
        except PlaywrightTimeout:
            continue
    raise AssertionError(f"the field {identifier!r} never held {text!r}")


@pytest.mark.browser
def test_the_leader_fills_the_documents_form_and_sees_each_fields_error(
    app_page: OpenApp, sample_dir: Path, screenshots_dir: Path
) -> None:
    tab, app = app_page(sample_dir)
    page = tab.page
    open_visit(tab)
    choose(tab, LEAD)
    page.goto(tab.url.rstrip("/") + documents_path(SAMPLE.id))
    page.wait_for_selector("flt-semantics-placeholder", state="attached")
    page.evaluate("document.querySelector('flt-semantics-placeholder')?.click()")
    assert t("documents.defaults") in said(page, "documents-defaults")
    shoot(tab, screenshots_dir, "documents-leader")

    fill(page, "doc-start_time", "8 giờ sáng")
    fill(page, "doc-number_notice", "12")
    page.locator(hook("documents-save")).click()
    wait_words(page, t("documents.time_invalid"))
    page.set_viewport_size({"width": 412, "height": 915})
    tab.screenshot(screenshots_dir / "documents-errors-phone.png")
    page.set_viewport_size({"width": 1280, "height": 800})

    fill(page, "doc-start_time", "08:00")
    page.locator(hook("documents-save")).click()
    wait_words(page, t("documents.saved"))
    app.stop()
    with InspectionStore.open(app.data_dir) as store:
        details = store.get(SAMPLE.id).documents
    assert details is not None and details.author_id == LEAD
    # The prefilled defaults (read from the lead body) are what was saved, with the edits.
    assert (details.issuing_body, details.superior_body) == ("Ban Dân vận", "Tỉnh ủy Lạng Sơn")
    assert str(details.start_time) == "08:00:00"
    assert details.numbers.get("notice") == "12"  # type: ignore[call-overload]


@pytest.mark.browser
def test_what_the_leader_typed_is_kept_when_they_leave_right_after_typing(
    app_page: OpenApp, sample_dir: Path
) -> None:
    tab, app = app_page(sample_dir)
    page = tab.page
    open_conclusion(tab, LEAD)
    wait_words(page, t("conclusion.saved"), "conclusion-status")
    page.locator(f"{hook('edit-recommendations')} textarea").click()
    page.keyboard.press("Control+End")
    page.keyboard.type(" Báo cáo trước 30/12.")
    # Straight back to the visit (the AppBar's back arrow). Leaving flushes the typing; the
    # debounce timer may get there first on a slow machine, so this proves the end result,
    # and the view-model test proves the flush itself.
    page.locator("flt-semantics-host").get_by_role("button", name="Quay lại").click()
    page.wait_for_url(f"**{visit_path(SAMPLE.id)}")
    page.wait_for_selector(hook("section-A"), state="attached")
    app.stop()
    with InspectionStore.open(app.data_dir) as store:
        text = store.get(SAMPLE.id).conclusion[ConclusionPart.RECOMMENDATIONS].text
    assert text.endswith(" Báo cáo trước 30/12."), text
