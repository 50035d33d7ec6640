"""Smoke tests of the real `inspect-app` server: headless Chromium, no internet, real store."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import pytest

from checklists.record import editing
from checklists.record.lifecycle import Lifecycle
from checklists.record.model import Value
from checklists.record.sample import build_sample_inspection
from inspect_app.i18n import t
from inspect_app.store import InspectionStore, StoreLocked
from tests.inspect_app.webclient import PHONE, AppPage

LOCAL_HOSTS = {"127.0.0.1", "localhost"}
KNOWN_HARMLESS = {
    # The Rive extension bundled in flet-web asks jsdelivr for its wasm runtime whatever no_cdn
    # says (Flet notes, §2.2). Offline it fails and the app does not use Rive; this is the only
    # off-machine attempt seen. Any other URL, or another version of this one, fails the test.
    "https://cdn.jsdelivr.net/npm/@rive-app/flutter-native-wasm@44.0.0/wasm/rive_native.js",
}
APP_FILES = ("canvaskit", "skwasm", "font", ".woff", ".ttf", ".otf", "main.dart")
"""What the app needs to start: none of it may be fetched from off the machine."""

OpenApp = Callable[..., tuple[AppPage, Any]]
"""The `app_page` fixture: `tab, app = app_page(data_dir, app=..., viewport=...)`."""


def is_local(url: str) -> bool:
    """Loopback, or in the page's own memory (blob:, data:)."""
    parsed = urlparse(url)
    return parsed.scheme in ("blob", "data") or parsed.hostname in LOCAL_HOSTS


def assert_stays_on_machine(attempted: list[str]) -> None:
    """No request leaves 127.0.0.1 except the known harmless ones; no app file ever does."""
    assert attempted, "no request was recorded at all"
    off_machine = [u for u in attempted if not is_local(u)]
    app_files = [u for u in off_machine if any(part in u.casefold() for part in APP_FILES)]
    assert app_files == [], f"app files requested from off the machine: {app_files}"
    unexpected = sorted(set(off_machine) - KNOWN_HARMLESS)
    assert unexpected == [], f"requests to leave the machine: {unexpected}"


def text(page: Any, value: str) -> Any:
    """Visible text in the semantics tree (not the screen-reader announcement copy)."""
    return page.locator("flt-semantics-host").get_by_text(value)


def card_selector(inspection_id: str) -> str:
    """The semantics hook of one inspection card."""
    return f'[flt-semantics-identifier="inspection-card-{inspection_id}"]'


@pytest.mark.browser
def test_empty_state_then_load_sample(app_page: OpenApp, screenshots_dir: Path) -> None:
    sample = build_sample_inspection()
    tab, app = app_page()
    page = tab.page

    text(page, t("list.title")).first.wait_for()
    text(page, t("empty.title")).wait_for()
    empty = tab.screenshot(screenshots_dir / "inspection-list-empty-tablet.png")

    page.locator('[flt-semantics-identifier="load-sample"]').click()
    page.wait_for_selector(card_selector(sample.id), state="attached")
    card = page.get_by_label(sample.header.unit_name)
    card.wait_for()
    label = card.get_attribute("aria-label") or ""
    assert "24/11/2023" in label
    assert "Đã chấm" in label and "tiêu chí" in label
    text(page, t("sample.loaded")).wait_for()
    tab.screenshot(screenshots_dir / "inspection-list-sample-tablet.png", changed_from=empty)

    page.set_viewport_size(PHONE)
    tab.screenshot(screenshots_dir / "inspection-list-sample-phone.png")

    # A card opens its visit, at its own address (so the browser's back button works).
    page.locator(card_selector(sample.id)).click()
    page.wait_for_url(f"**/visit/{sample.id}")

    # A second browser session shares the one store: it sees the same single card.
    tab2, _ = app_page(app=app)
    tab2.page.wait_for_selector(card_selector(sample.id), state="attached")
    assert tab2.page.locator('[flt-semantics-identifier^="inspection-card-"]').count() == 1

    assert_stays_on_machine(tab.requests + tab2.requests)
    assert app.process.poll() is None, app.log()


@pytest.mark.browser
def test_prefilled_store_shows_card_on_load(
    app_page: OpenApp, screenshots_dir: Path, tmp_path: Path
) -> None:
    sample = build_sample_inspection()
    data_dir = tmp_path / "prefilled"
    store = InspectionStore.open(data_dir)
    try:
        store.save(sample)
    finally:
        store.close()

    tab, _ = app_page(data_dir)
    tab.page.wait_for_selector(card_selector(sample.id), state="attached")
    tab.page.get_by_label(sample.header.unit_name).wait_for()
    assert text(tab.page, t("empty.title")).count() == 0
    tab.screenshot(screenshots_dir / "inspection-list-prefilled-tablet.png")
    assert_stays_on_machine(tab.requests)


@pytest.mark.browser
def test_damaged_file_is_reported_in_a_banner_and_the_rest_still_lists(
    app_page: OpenApp, screenshots_dir: Path, tmp_path: Path
) -> None:
    sample = build_sample_inspection()
    data_dir = tmp_path / "damaged"
    with InspectionStore.open(data_dir) as store:
        store.save(sample)
    damaged = data_dir / "inspections" / "00000000-0000-4000-8000-0000000000ff.json"
    damaged.write_bytes(b'{"inspection": {"1": {"record": {"id": "x"')  # cut mid-write

    tab, _ = app_page(data_dir)
    page = tab.page
    banner = page.wait_for_selector('[flt-semantics-identifier="store-problems"]', state="attached")
    said = " ".join(filter(None, [banner.get_attribute("aria-label"), banner.text_content()]))
    assert t("problems.title") in said and damaged.name in said, said
    page.wait_for_selector(card_selector(sample.id), state="attached")
    tab.screenshot(screenshots_dir / "inspection-list-problem-banner-tablet.png")
    assert not damaged.exists()
    assert [p.name.split(".json")[0] for p in (data_dir / "corrupt").iterdir()] == [damaged.stem]
    assert_stays_on_machine(tab.requests)


@pytest.mark.browser
def test_edits_merged_after_the_lock_show_a_warning_badge(
    app_page: OpenApp, screenshots_dir: Path, tmp_path: Path
) -> None:
    sample = build_sample_inspection()
    leader = sorted(sample.leader_ids())[0]
    member = next(m for m in sample.members if m not in sample.leader_ids())
    locked = editing.move_to(sample, author_id=leader, status=Lifecycle.LOCKED)
    offline = editing.assess(sample, author_id=member, criterion_id="E1", value=Value(score=4))
    data_dir = tmp_path / "locked"
    with InspectionStore.open(data_dir) as store:
        store.save(locked)
        store.save(offline)  # arrives from a tablet that had not seen the lock

    tab, _ = app_page(data_dir, viewport=PHONE)
    page = tab.page
    page.wait_for_selector(card_selector(sample.id), state="attached")
    badge = page.wait_for_selector(
        '[flt-semantics-identifier="changed-after-lock"]', state="attached"
    )
    said = " ".join(filter(None, [badge.get_attribute("aria-label"), badge.text_content()]))
    assert t("card.changed_after_lock") in said, said
    card = page.get_by_label(sample.header.unit_name)
    card.wait_for()
    assert "Đã khóa" in (card.get_attribute("aria-label") or "")
    tab.screenshot(screenshots_dir / "inspection-list-changed-after-lock-phone.png")
    assert_stays_on_machine(tab.requests)


def test_second_instance_on_same_folder_exits_with_message(
    start_app: Callable[..., Any], run_app: Callable[..., Any]
) -> None:
    app = start_app()
    second = run_app("--data-dir", str(app.data_dir))
    assert second.returncode != 0
    assert str(StoreLocked(app.data_dir)) in second.stderr.decode("utf-8")

    # SIGTERM lets the first server close its store, so the folder is free again.
    app.stop()
    assert app.process.returncode is not None
    InspectionStore.open(app.data_dir).close()
