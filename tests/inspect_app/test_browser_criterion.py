"""The criterion and photos screens in the real web client (headless Chromium, real store):
score, type a note that survives leaving, attach a real JPEG through the picker, refuse a fake
one, next / previous; screenshots of each criterion kind and the photos screen at 3 sizes."""

from __future__ import annotations

import io
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from PIL import Image
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from checklists.record.authority import Actor
from checklists.record.editing import move_to
from checklists.record.lifecycle import Lifecycle
from checklists.record.sample import LEAD, MEMBER_1, SAMPLE_ID, build_sample_inspection
from inspect_app.i18n import t
from inspect_app.photos.attach import attach_photo
from inspect_app.routes import criterion_path, photos_path, who_path
from inspect_app.store import InspectionStore
from tests.inspect_app.conftest import CHROMIUM_ARGS
from tests.inspect_app.webclient import AppPage

OpenApp = Callable[..., tuple[AppPage, Any]]
SIZES = (
    {"width": 1280, "height": 800},
    {"width": 800, "height": 1280},
    {"width": 412, "height": 915},
)


@pytest.fixture(scope="module")
def browser(chromium_path: Path) -> Iterator[object]:
    """This module's Chromium also has a fake camera (a moving test picture), allowed without
    asking, so "take photo" can be driven like the file picker."""
    from playwright.sync_api import sync_playwright

    fake_camera = ["--use-fake-device-for-media-stream", "--use-fake-ui-for-media-stream"]
    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(
            executable_path=str(chromium_path), args=[*CHROMIUM_ARGS, *fake_camera], headless=True
        )
        yield instance
        instance.close()


def sample_dir(tmp_path: Path) -> Path:
    data_dir = tmp_path / "data"
    with InspectionStore.open(data_dir) as store:
        store.save(build_sample_inspection())
    return data_dir


def ident(name: str) -> str:
    return f'[flt-semantics-identifier="{name}"]'


def text(page: Any, value: str) -> Any:
    return page.locator("flt-semantics-host").get_by_text(value)


def tap(page: Any, name: str) -> None:
    """Tap the control with this semantics id: a click on its tappable semantics node (what a
    screen reader does; one tap, where a mouse click at a point was seen to land twice)."""
    node = page.locator(f"{ident(name)}[flt-tappable], {ident(name)} [flt-tappable]").first
    node.wait_for(state="attached")
    node.dispatch_event("click")


def said(page: Any, name: str) -> str:
    """Everything the control with this semantics id says: its text and its labels."""
    return str(
        page.locator(ident(name)).first.evaluate(
            "e => [e.innerText, e.getAttribute('aria-label') || '',"
            " ...[...e.querySelectorAll('[aria-label]')].map(x => x.getAttribute('aria-label'))]"
            ".join(' ')"
        )
    )


def field_shows(page: Any, name: str, want: str, tries: int = 5) -> bool | list[str]:
    """Whether the text field with this semantics id holds `want`. Flutter puts a field's text
    in the DOM only once it has focus, so click it (again, if a layout shift made the click
    miss) and look for an editing element holding exactly that text."""
    for _ in range(tries):
        click_at(page, name)
        try:
            page.wait_for_function(
                "want => [...document.querySelectorAll('textarea, input')]"
                ".some(e => e.value === want)",
                arg=want,
                timeout=5_000,
            )
            return True
        except PlaywrightTimeout:
            continue
    return list(
        page.evaluate("[...document.querySelectorAll('textarea, input')].map(e => e.value)")
    )


def type_note(page: Any, text: str) -> None:
    """Type the note and see the field hold exactly it: keys sent while Flutter is still moving
    the focus are lost, so select all and type again until it does (three tries)."""
    for _ in range(3):
        click_at(page, "criterion-note")
        page.keyboard.press("Control+A")
        page.keyboard.type(text)
        try:
            page.wait_for_function(
                "v => document.activeElement?.value === v", arg=text, timeout=10_000
            )
            return
        except PlaywrightTimeout:
            continue
    raise AssertionError(f"the note field never held {text!r}")


def click_at(page: Any, name: str) -> None:
    """Put the pointer on the control with this semantics id: a text field gets a tap on its
    semantics text box (it takes focus); anything else a click at its middle once it has
    stopped moving (scrolling it into view moves it after the call returns)."""
    field = page.locator(f"{ident(name)} textarea, {ident(name)} input").first
    if field.count():
        field.dispatch_event("click")
        page.wait_for_function(  # focused: Flutter's editing element has the keyboard
            "() => ['TEXTAREA', 'INPUT'].includes(document.activeElement?.tagName)"
        )
        return
    found = page.locator(ident(name)).first
    found.wait_for()
    found.scroll_into_view_if_needed()
    box = None
    for _ in range(40):
        now = found.bounding_box()
        if now is not None and now == box:
            break
        box = now
        page.wait_for_timeout(100)
    assert box is not None, name
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)


def open_path(tab: AppPage, path: str) -> None:
    """Load an address (a deep link: a fresh session in the same browser profile)."""
    page = tab.page
    page.goto(tab.url.rstrip("/") + path)
    page.wait_for_selector("flt-semantics-placeholder", state="attached")
    page.evaluate("document.querySelector('flt-semantics-placeholder').click()")
    page.wait_for_selector("[flt-semantics-identifier]", state="attached")


def as_member(tab: AppPage, member_id: str = MEMBER_1) -> None:
    """Say who I am on the sample visit (kept in the browser's preferences)."""
    open_path(tab, who_path(SAMPLE_ID))
    tap(tab.page, f"member-{member_id}")
    tab.page.wait_for_url(f"**/visit/{SAMPLE_ID}")


def open_criterion(tab: AppPage, section: str, criterion: str) -> None:
    open_path(tab, criterion_path(SAMPLE_ID, section, criterion))
    tab.page.locator(ident("criterion-header")).wait_for()


def jpeg_file(tmp_path: Path) -> Path:
    path = tmp_path / "bang-niem-yet.jpg"
    image = Image.new("RGB", (2000, 1500), (30, 120, 200))
    image.paste((250, 200, 0), (0, 0, 700, 500))
    out = io.BytesIO()
    image.save(out, "JPEG", quality=90)
    path.write_bytes(out.getvalue())
    return path


def pick(page: Any, button: str, path: Path) -> None:
    with page.expect_file_chooser() as chooser:
        tap(page, button)
    chooser.value.set_files(str(path))


@pytest.mark.browser
def test_score_points_and_a_note_survive_leaving_the_screen(
    app_page: OpenApp, tmp_path: Path
) -> None:
    tab, app = app_page(sample_dir(tmp_path))
    page = tab.page
    as_member(tab)
    open_criterion(tab, "A", "A3")
    text(page, t("criterion.points_value", points="6", max="6")).wait_for()
    tap(page, "points-minus")
    text(page, t("criterion.points_value", points="5,5", max="6")).wait_for()
    text(page, t("common.saved")).wait_for()

    type_note(page, "Đã xem sổ nghị quyết; thiếu ảnh hội nghị tháng 10.")
    tap(page, "next-criterion")  # leave at once: the debounced note is flushed on the way
    page.wait_for_url("**/criterion/A4")
    text(page, t("criterion.title", id="A4")).wait_for()

    open_criterion(tab, "A", "A3")
    text(page, t("criterion.points_value", points="5,5", max="6")).wait_for()
    shown = field_shows(
        page, "criterion-note", "Đã xem sổ nghị quyết; thiếu ảnh hội nghị tháng 10."
    )
    app.stop()
    with InspectionStore.open(app.data_dir) as store:
        mine = store.get(SAMPLE_ID).assessments["A3"][MEMBER_1]
    assert mine.score == 5.5
    assert mine.note == "Đã xem sổ nghị quyết; thiếu ảnh hội nghị tháng 10."
    assert shown is True, shown


@pytest.mark.browser
def test_a_real_jpeg_through_the_picker_shows_its_thumbnail_and_a_fake_is_refused(
    app_page: OpenApp, tmp_path: Path, screenshots_dir: Path
) -> None:
    tab, app = app_page(sample_dir(tmp_path))
    page = tab.page
    as_member(tab)
    open_criterion(tab, "A", "A3")
    pick(page, "add-photo", jpeg_file(tmp_path))
    page.locator('[flt-semantics-identifier^="thumb-"]').first.wait_for()
    assert page.locator('[flt-semantics-identifier^="thumb-"]').count() == 1

    fake = tmp_path / "khong-phai-anh.jpg"
    fake.write_text("Đây là một tệp văn bản đổi tên thành .jpg\n" * 5, encoding="utf-8")
    pick(page, "add-photo", fake)
    page.locator(ident("photo-error")).wait_for()
    assert "không phải ảnh" in said(page, "photo-error")
    assert "Chưa lưu gì" in said(page, "photo-error")
    tab.screenshot(screenshots_dir / "criterion-photo-refused-1280x800.png")
    assert page.locator('[flt-semantics-identifier^="thumb-"]').count() == 1

    app.stop()
    with InspectionStore.open(app.data_dir) as store:
        [photo] = store.get(SAMPLE_ID).photos_of("A3")
        assert store.photos.hashes() == {photo.sha256}
        assert (photo.author_id, photo.width, photo.height) == (MEMBER_1, 1600, 1200)


@pytest.mark.browser
def test_take_photo_with_the_camera_attaches_it(app_page: OpenApp, tmp_path: Path) -> None:
    tab, app = app_page(sample_dir(tmp_path))
    page = tab.page
    as_member(tab)
    open_criterion(tab, "A", "A3")
    tap(page, "take-photo")
    page.locator(ident("camera-shoot")).wait_for()
    ready = f"{ident('camera-shoot')} [flt-tappable]:not([aria-disabled=true])"
    page.locator(ready).wait_for(state="attached")  # the shutter is enabled once the camera is
    tap(page, "camera-shoot")
    page.locator('[flt-semantics-identifier^="thumb-"]').first.wait_for()
    app.stop()
    with InspectionStore.open(app.data_dir) as store:
        [photo] = store.get(SAMPLE_ID).photos_of("A3")
        assert photo.author_id == MEMBER_1 and photo.width > 0
        assert store.photos.has(photo.sha256)


@pytest.mark.browser
def test_an_edit_of_a_locked_record_is_refused_in_words(app_page: OpenApp, tmp_path: Path) -> None:
    data_dir = sample_dir(tmp_path)
    with InspectionStore.open(data_dir) as store:
        store.edit(
            SAMPLE_ID,
            lambda r: move_to(r, author_id=LEAD, status=Lifecycle.LOCKED),
            actor=Actor(LEAD),
        )
        before = store.get(SAMPLE_ID).content_hash()
    tab, app = app_page(data_dir)
    page = tab.page
    as_member(tab)
    open_criterion(tab, "A", "A3")
    tap(page, "points-minus")
    page.locator(ident("criterion-error")).wait_for()
    assert "khóa" in said(page, "criterion-error")
    text(page, t("criterion.points_value", points="6", max="6")).wait_for()  # unchanged
    app.stop()
    with InspectionStore.open(data_dir) as store:
        assert store.get(SAMPLE_ID).content_hash() == before


@pytest.mark.browser
def test_photos_screen_caption_full_size_and_detach(
    app_page: OpenApp, tmp_path: Path, screenshots_dir: Path
) -> None:
    data_dir = sample_dir(tmp_path)
    with InspectionStore.open(data_dir) as store:
        photo = attach_photo(
            store, SAMPLE_ID, jpeg_file(tmp_path).read_bytes(), author_id=MEMBER_1,
            criterion_id="C4",
        ).photo  # fmt: skip
    tab, app = app_page(data_dir)
    page = tab.page
    as_member(tab)
    open_path(tab, photos_path(SAMPLE_ID))
    page.locator(ident(f"photo-{photo.id}")).wait_for()

    tap(page, f"caption-{photo.id}")
    page.locator(ident("caption-save")).wait_for()
    click_at(page, "caption-field")
    page.keyboard.type("Bảng niêm yết thủ tục hành chính")
    page.screenshot(path=screenshots_dir / "photos-caption-1280x800.png")  # a blinking caret
    tap(page, "caption-save")
    page.locator(ident("caption-save")).wait_for(state="detached")
    page.wait_for_function(
        "([sel, want]) => (document.querySelector(sel)?.innerText || '').includes(want)"
        " || [...document.querySelectorAll(sel + ' [aria-label]')]"
        ".some(e => e.getAttribute('aria-label').includes(want))",
        arg=[ident(f"photo-{photo.id}"), "Bảng niêm yết thủ tục hành chính"],
    )

    click_at(page, f"photo-{photo.id}")  # the picture: opens the full-size view
    page.locator(ident("full-size")).wait_for()
    tab.screenshot(screenshots_dir / "photos-full-size-1280x800.png")
    page.keyboard.press("Escape")
    page.locator(ident("full-size")).wait_for(state="detached")

    tap(page, f"detach-{photo.id}")
    tap(page, "detach-confirm")
    page.locator(ident(f"photo-{photo.id}")).wait_for(state="detached")
    text(page, t("photos.empty")).wait_for()
    app.stop()
    with InspectionStore.open(data_dir) as store:
        held = store.get(SAMPLE_ID).photos[photo.id]
        assert (held.removed, held.caption) == (True, "Bảng niêm yết thủ tục hành chính")
        assert store.photos.has(photo.sha256)  # the file stays on the device


@pytest.mark.browser
def test_next_and_previous_cross_sections_without_going_back(
    app_page: OpenApp, tmp_path: Path
) -> None:
    tab, _ = app_page(sample_dir(tmp_path))
    page = tab.page
    as_member(tab)
    open_criterion(tab, "A", "A5")
    tap(page, "next-criterion")
    page.wait_for_url("**/section/B/criterion/B1")
    text(page, t("criterion.title", id="B1")).wait_for()
    tap(page, "previous-criterion")
    page.wait_for_url("**/section/A/criterion/A5")
    text(page, t("criterion.title", id="A5")).wait_for()


@pytest.mark.browser
def test_screenshots_of_each_kind_and_the_photos_screen(
    app_page: OpenApp, tmp_path: Path, screenshots_dir: Path
) -> None:
    tab, _ = app_page(sample_dir(tmp_path))
    page = tab.page
    as_member(tab)
    open_criterion(tab, "A", "A3")
    pick(page, "add-photo", jpeg_file(tmp_path))
    page.locator('[flt-semantics-identifier^="thumb-"]').first.wait_for()
    kinds = {
        "points": ("A", "A3"),
        "status": ("A", "A1"),
        "yes-no": ("B", "B3"),
        "figures": ("D", "D2"),
    }
    for size in SIZES:
        page.set_viewport_size(size)
        suffix = f"{size['width']}x{size['height']}"
        for kind, (section, criterion) in kinds.items():
            open_criterion(tab, section, criterion)
            tab.screenshot(screenshots_dir / f"criterion-{kind}-{suffix}.png")
        open_path(tab, photos_path(SAMPLE_ID))
        page.locator('[flt-semantics-identifier^="photo-group-"]').first.wait_for()
        tab.screenshot(screenshots_dir / f"photos-{suffix}.png")
