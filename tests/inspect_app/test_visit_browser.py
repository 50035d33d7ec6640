"""The visit, section, team review and conclusion screens in the real web client (headless
Chromium, the real `inspect-app` server on a real store holding the sample)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from checklists.record.editing import assess
from checklists.record.lifecycle import Lifecycle
from checklists.record.model import Value
from checklists.record.sample import LEAD, MEMBER_1, build_sample_inspection
from checklists.template.model import Status
from inspect_app.i18n import t
from inspect_app.routes import conclusion_path, review_path, section_path, visit_path
from inspect_app.store import InspectionStore
from tests.inspect_app.webclient import AppPage

OpenApp = Callable[..., tuple[AppPage, Any]]
SAMPLE = build_sample_inspection()
SIZES = {"tablet": (1280, 800), "portrait": (800, 1280), "phone": (412, 915)}


def hook(identifier: str) -> str:
    return f'[flt-semantics-identifier="{identifier}"]'


_WORDS_JS = """(selector) => {
    const root = document.querySelector(selector);
    if (!root) return '';
    const labels = [root, ...root.querySelectorAll('[aria-label]')]
        .map(e => e.getAttribute('aria-label') || '');
    return root.textContent + ' ' + labels.join(' ');
}"""


def said(page: Any, identifier: str) -> str:
    """What a hooked control says (its texts and labels, its children's included)."""
    page.wait_for_selector(hook(identifier), state="attached")
    return str(page.evaluate(_WORDS_JS, hook(identifier)))


def everything(page: Any) -> str:
    """All the words on the screen's semantics tree (texts and labels)."""
    return str(page.evaluate(_WORDS_JS, "flt-semantics-host"))


def wait_words(page: Any, words: str, identifier: str | None = None) -> None:
    """Wait until the screen (or one hooked control) says `words`."""
    selector = hook(identifier) if identifier else "flt-semantics-host"
    page.wait_for_function(f"([s, w]) => ({_WORDS_JS})(s).includes(w)", arg=[selector, words])


def text(page: Any, value: str) -> Any:
    return page.locator("flt-semantics-host").get_by_text(value)


@pytest.fixture
def sample_dir(tmp_path: Path) -> Path:
    data_dir = tmp_path / "sample"
    with InspectionStore.open(data_dir) as store:
        store.save(SAMPLE)
    return data_dir


def open_visit(tab: AppPage) -> None:
    """From the list, open the sample's card."""
    tab.page.locator(hook(f"inspection-card-{SAMPLE.id}")).click()
    tab.page.wait_for_url(f"**{visit_path(SAMPLE.id)}")


def choose(tab: AppPage, member_id: str) -> None:
    """Answer the visit's who-am-I prompt."""
    page = tab.page
    page.locator(hook("choose-member")).click()
    page.locator(hook(f"member-{member_id}")).click()
    page.wait_for_url(f"**{visit_path(SAMPLE.id)}")
    page.wait_for_selector(hook("section-A"), state="attached")


def shoot(tab: AppPage, folder: Path, name: str) -> None:
    """The current screen at the three sizes."""
    for size, (width, height) in SIZES.items():
        tab.page.set_viewport_size({"width": width, "height": height})
        tab.screenshot(folder / f"{name}-{size}.png")
    tab.page.set_viewport_size({"width": 1280, "height": 800})


@pytest.mark.browser
def test_a_member_says_who_they_are_then_sees_the_sections_and_the_header(
    app_page: OpenApp, sample_dir: Path, screenshots_dir: Path
) -> None:
    tab, _app = app_page(sample_dir)
    page = tab.page
    open_visit(tab)
    # Nobody chosen yet: the prompt stands in for the sections.
    page.wait_for_selector(hook("who-prompt"), state="attached")
    wait_words(page, t("visit.who_title"), "who-prompt")
    assert page.locator(hook("section-A")).count() == 0
    assert "93 điểm" in everything(page)
    shoot(tab, screenshots_dir, "visit-who-prompt")

    choose(tab, MEMBER_1)  # Trần Thị Lan, a member scoring A, D and E
    page.wait_for_selector(hook("change-member"), state="attached")
    header = everything(page)
    assert "93 điểm" in header and "Tốt" in header and "Đã chấm xong" in header, header
    assert "3 thiếu minh chứng" in said(page, "missing-evidence")
    assert "Trần Thị Lan" in header
    page.wait_for_selector(hook("open-photos"), state="attached")
    # Not a leader: no leader's tools.
    assert page.locator(hook("open-review")).count() == 0
    assert page.locator(hook("open-conclusion")).count() == 0
    assert t("visit.my_sections") in everything(page)
    shoot(tab, screenshots_dir, "visit-member")

    # A section lists its criteria; the browser's back returns to the visit.
    page.locator(hook("section-A")).click()
    page.wait_for_url(f"**{section_path(SAMPLE.id, 'A')}")
    page.wait_for_selector(hook("criterion-A3"), state="attached")
    a3 = said(page, "criterion-A3")
    assert "5,5/6 điểm" in a3 and t("section.state.scored") in a3, a3
    shoot(tab, screenshots_dir, "section")
    page.go_back()
    page.wait_for_url(f"**{visit_path(SAMPLE.id)}")
    page.wait_for_selector(hook("section-A"), state="attached")

    # The "missing evidence" link opens the first such criterion of the member's sections
    # (the criterion screen belongs to another engineer: only its address is checked).
    page.locator(hook("missing-evidence")).click()
    page.wait_for_url("**/criterion/*")
    assert "/section/" in page.url


@pytest.mark.browser
def test_the_leader_sees_the_a3_disagreement_decides_and_locks(
    app_page: OpenApp, sample_dir: Path, screenshots_dir: Path
) -> None:
    tab, app = app_page(sample_dir)
    page = tab.page
    open_visit(tab)
    choose(tab, LEAD)
    page.locator(hook("open-review")).click()
    page.wait_for_url(f"**{review_path(SAMPLE.id)}")

    a3 = said(page, "review-row-A3")
    assert t("review.flag.disagree") in a3 and "5,5" in a3, a3
    shoot(tab, screenshots_dir, "review-leader")

    # Decide A3 on the member's 6, with a reason (required).
    page.locator(hook("review-row-A3")).click()
    page.locator(hook("decide-choice-member-2")).click()
    page.locator(hook("decide-confirm")).click()
    wait_words(page, t("review.reason_required"))
    page.locator(f'textarea[aria-label="{t("review.reason")}"]').click()
    page.keyboard.type("Xem lại biên bản hội nghị: đủ 6 điểm")
    page.locator(hook("decide-confirm")).click()
    wait_words(page, "đủ 6 điểm", "review-row-A3")

    decide_buttons = page.locator("flt-semantics-host").get_by_role("button", name="Quyết định")
    page.set_viewport_size({"width": 412, "height": 915})  # cards, each with its button
    decide_buttons.first.wait_for()
    page.set_viewport_size({"width": 1280, "height": 800})
    page.locator(hook("lock")).click()
    page.locator(hook("lock-confirm")).click()
    wait_words(page, "Đã khóa", "review-status")
    assert page.locator(hook("lock")).count() == 0
    page.wait_for_selector(hook("reopen"), state="attached")
    # Locked: no decision until the leader reopens.
    page.set_viewport_size({"width": 412, "height": 915})
    page.wait_for_selector(hook("review-row-A3"), state="attached")
    assert decide_buttons.count() == 0

    app.stop()
    with InspectionStore.open(app.data_dir) as store:
        record = store.get(SAMPLE.id)
    decision = record.decision("A3")
    assert decision is not None and (decision.score, decision.reason) == (
        6.0,
        "Xem lại biên bản hội nghị: đủ 6 điểm",
    )
    assert record.status() is Lifecycle.LOCKED


@pytest.mark.browser
def test_a_non_leader_sees_the_review_read_only(
    app_page: OpenApp, sample_dir: Path, screenshots_dir: Path
) -> None:
    tab, _app = app_page(sample_dir)
    page = tab.page
    open_visit(tab)
    choose(tab, MEMBER_1)
    page.goto(tab.url.rstrip("/") + review_path(SAMPLE.id))
    page.wait_for_selector("flt-semantics-placeholder", state="attached")
    page.evaluate("document.querySelector('flt-semantics-placeholder')?.click()")
    assert t("review.read_only") in said(page, "review-read-only")
    page.wait_for_selector(hook("review-row-A3"), state="attached")
    assert page.locator(hook("lock")).count() == 0
    assert page.locator(hook("reopen")).count() == 0
    page.set_viewport_size({"width": 412, "height": 915})
    tab.screenshot(screenshots_dir / "review-read-only-phone.png")

    page.goto(tab.url.rstrip("/") + conclusion_path(SAMPLE.id))
    page.wait_for_selector("flt-semantics-placeholder", state="attached")
    page.evaluate("document.querySelector('flt-semantics-placeholder')?.click()")
    assert t("conclusion.read_only") in said(page, "conclusion-read-only")
    wait_words(page, SAMPLE.conclusion[next(iter(SAMPLE.conclusion))].text[:20])


@pytest.mark.browser
def test_an_open_disagreement_is_highlighted_filtered_and_blocks_the_lock(
    app_page: OpenApp, tmp_path: Path, screenshots_dir: Path
) -> None:
    data_dir = tmp_path / "conflict"
    rescored = assess(
        SAMPLE, author_id=MEMBER_1, criterion_id="A1", value=Value(status=Status.KHONG_DAT)
    )
    with InspectionStore.open(data_dir) as store:
        store.save(rescored)
    tab, app = app_page(data_dir)
    page = tab.page
    open_visit(tab)
    choose(tab, LEAD)
    assert "1 chưa thống nhất" in said(page, "missing-conflicts")
    assert "(tạm tính)" in everything(page)
    tab.screenshot(screenshots_dir / "visit-conflict-tablet.png")

    page.locator(hook("open-review")).click()
    page.wait_for_url(f"**{review_path(SAMPLE.id)}")
    assert "1 tiêu chí cần xử lý" in said(page, "review-attention")
    page.locator(hook("filter-attention")).click()
    page.wait_for_function(
        "() => !document.querySelector('[flt-semantics-identifier=\"review-row-A2\"]')"
    )
    assert t("review.flag.conflict") in said(page, "review-row-A1")
    assert page.locator(hook("review-row-A3")).count() == 0

    page.locator(hook("lock")).click()
    page.locator(hook("lock-confirm")).click()
    wait_words(page, "Chưa khóa được", "review-error")
    assert "Đã chấm xong" in said(page, "review-status") or "Đang kiểm tra" in said(
        page, "review-status"
    )
    shoot(tab, screenshots_dir, "review-conflict")

    app.stop()
    with InspectionStore.open(app.data_dir) as store:
        assert store.get(SAMPLE.id).status() is not Lifecycle.LOCKED


@pytest.mark.browser
def test_changes_merged_after_the_lock_are_accepted_by_locking_again(
    app_page: OpenApp, tmp_path: Path, screenshots_dir: Path
) -> None:
    from checklists.record.editing import move_to

    data_dir = tmp_path / "late"
    late = assess(SAMPLE, author_id=MEMBER_1, criterion_id="E1", value=Value(score=5))
    with InspectionStore.open(data_dir) as store:
        store.save(move_to(SAMPLE, author_id=LEAD, status=Lifecycle.LOCKED))
        store.save(late)  # from a tablet that had not seen the lock
    tab, app = app_page(data_dir)
    page = tab.page
    open_visit(tab)
    choose(tab, LEAD)
    assert t("visit.changed_after_lock") in said(page, "changed-after-lock")
    assert "Đã khóa" in said(page, "visit-status")
    shoot(tab, screenshots_dir, "visit-changed-after-lock")

    page.locator(hook("open-review")).click()
    page.wait_for_url(f"**{review_path(SAMPLE.id)}")
    page.wait_for_selector(hook("changed-after-lock"), state="attached")
    page.wait_for_selector(hook("relock"), state="attached")
    shoot(tab, screenshots_dir, "review-changed-after-lock")
    page.locator(hook("relock")).click()
    page.locator(f'textarea[aria-label="{t("review.reason")}"]').click()
    page.keyboard.type("Chấp nhận điểm E1 chấm bổ sung")
    page.locator(hook("relock-confirm")).click()
    page.wait_for_function(
        "() => !document.querySelector('[flt-semantics-identifier=\"changed-after-lock\"]')"
    )
    assert "Đã khóa" in said(page, "review-status")

    # Back on the visit, the flag is gone too.
    page.go_back()
    page.wait_for_url(f"**{visit_path(SAMPLE.id)}")
    page.wait_for_selector(hook("section-A"), state="attached")
    page.wait_for_function(
        "() => !document.querySelector('[flt-semantics-identifier=\"changed-after-lock\"]')"
    )
    app.stop()
    with InspectionStore.open(app.data_dir) as store:
        record = store.get(SAMPLE.id)
    assert (record.status(), record.changed_since_lock()) == (Lifecycle.LOCKED, False)
