"""Tests for the inspection list view-model against a real store in tmp_path (plain pytest)."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import cast

import flet as ft
import pytest

from checklists.errors import UnknownTemplate
from checklists.record.sample import build_sample_inspection
from checklists.scoring.summary import InspectionSummary
from inspect_app.store import InspectionStore, StoreError
from inspect_app.viewmodels import inspection_list as viewmodel_module
from inspect_app.viewmodels.inspection_list import ALL_STATUSES, InspectionListViewModel, fold
from inspect_app.views.inspection_list import card_texts


@pytest.fixture
def fresh_store(tmp_path: Path) -> Iterator[InspectionStore]:
    store = InspectionStore.open(tmp_path / "data")
    yield store
    store.close()


def test_starts_loading_then_empty(fresh_store: InspectionStore) -> None:
    vm = InspectionListViewModel(store=fresh_store)
    assert (vm.status, vm.is_empty) == ("loading", False)
    asyncio.run(vm.refresh())
    assert vm.status == "ready"
    assert vm.summaries == []
    assert vm.is_empty
    assert vm.error is None


def test_load_sample_adds_the_sample(fresh_store: InspectionStore) -> None:
    sample = build_sample_inspection()
    vm = InspectionListViewModel(store=fresh_store)
    asyncio.run(vm.load_sample())
    assert vm.status == "ready" and not vm.is_empty and not vm.sample_loading
    [summary] = vm.summaries
    assert summary.id == sample.id
    assert summary.unit_name == sample.header.unit_name
    assert summary.inspection_date == date(2023, 11, 24)
    assert summary.criteria_total > 0
    assert fresh_store.get(sample.id).id == sample.id


def test_load_sample_twice_keeps_one_record(fresh_store: InspectionStore) -> None:
    vm = InspectionListViewModel(store=fresh_store)
    asyncio.run(vm.load_sample())
    asyncio.run(vm.load_sample())
    assert [s.id for s in vm.summaries] == [build_sample_inspection().id]


def test_sample_survives_reopening_the_folder(tmp_path: Path) -> None:
    store = InspectionStore.open(tmp_path / "data")
    try:
        asyncio.run(InspectionListViewModel(store=store).load_sample())
    finally:
        store.close()
    store = InspectionStore.open(tmp_path / "data")
    try:
        vm = InspectionListViewModel(store=store)
        asyncio.run(vm.refresh())
        assert [s.id for s in vm.summaries] == [build_sample_inspection().id]
    finally:
        store.close()


def test_changes_are_observable(fresh_store: InspectionStore) -> None:
    vm = InspectionListViewModel(store=fresh_store)
    changed: list[str | None] = []

    def listener(_sender: object, name: str | None) -> None:
        changed.append(name)

    cast(ft.Observable, vm).subscribe(listener)
    asyncio.run(vm.load_sample())
    assert {"sample_loading", "summaries", "status"} <= set(changed)


class BrokenStore:
    """A store whose reads and writes fail, with problems found at open."""

    problems = ["Tệp hỏng đã được để riêng"]

    def list_summaries(self) -> list[InspectionSummary]:
        raise StoreError("Không đọc được dữ liệu")

    def save(self, inspection: object) -> None:
        raise StoreError("Ổ đĩa đầy")


def test_store_errors_become_status_not_exceptions() -> None:
    vm = InspectionListViewModel(store=BrokenStore())  # type: ignore[arg-type]
    asyncio.run(vm.refresh())
    assert (vm.status, vm.error) == ("error", "Không đọc được dữ liệu")
    asyncio.run(vm.load_sample())
    assert (vm.status, vm.error, vm.sample_loading) == ("error", "Ổ đĩa đầy", False)


class TemplateBrokenStore(BrokenStore):
    """A store whose summaries cannot be built: the bundled template does not load."""

    def list_summaries(self) -> list[InspectionSummary]:
        raise UnknownTemplate("Không có mẫu cqtt-xa phiên bản 1")


def test_checklist_errors_become_status_not_exceptions(monkeypatch: pytest.MonkeyPatch) -> None:
    vm = InspectionListViewModel(store=TemplateBrokenStore())  # type: ignore[arg-type]
    asyncio.run(vm.refresh())
    assert (vm.status, vm.error) == ("error", "Không có mẫu cqtt-xa phiên bản 1")

    def no_template() -> object:
        raise UnknownTemplate("Mẫu thử không đọc được")

    monkeypatch.setattr(viewmodel_module, "build_sample_inspection", no_template)
    asyncio.run(vm.load_sample())
    assert (vm.status, vm.error, vm.sample_loading) == ("error", "Mẫu thử không đọc được", False)


def test_problems_are_shown_until_dismissed() -> None:
    vm = InspectionListViewModel(store=BrokenStore())  # type: ignore[arg-type]
    assert vm.problems == ["Tệp hỏng đã được để riêng"]
    vm.dismiss_problems()
    assert vm.problems == []
    assert BrokenStore.problems == ["Tệp hỏng đã được để riêng"]


def _summary(**changes: object) -> InspectionSummary:
    base: dict[str, object] = {
        "id": "x",
        "unit_name": "UBND phường Vĩnh Trại",
        "template_title": "Chính quyền thân thiện",
        "inspection_date": date(2023, 11, 24),
        "place": "TP Lạng Sơn",
        "status": "completed",
        "criteria_total": 18,
        "criteria_scored": 18,
        "score": 91.0,
        "rating_label": "Tốt",
        "pending_sync": True,
        "updated_counter": 1,
    }
    return InspectionSummary.model_validate(base | changes)


@pytest.mark.parametrize(
    "changes,lang,key,expected",
    [
        ({}, "vi", "score", "91 điểm – Tốt"),
        ({"score": 1454.5, "rating_label": None}, "vi", "score", "1.454,5 điểm (tạm tính)"),
        ({"score": 98.77}, "vi", "score", "98,77 điểm – Tốt"),
        ({"score": None, "rating_label": None}, "vi", "score", "Chưa có điểm"),
        ({}, "vi", "date", "24/11/2023"),
        ({}, "vi", "progress", "Đã chấm 18/18 tiêu chí"),
        ({"criteria_scored": 5}, "en", "progress", "Scored 5/18 criteria"),
        ({}, "vi", "status", "Đã chấm xong"),
        ({"status": "in_progress"}, "vi", "status", "Đang kiểm tra"),
        ({"status": "weird"}, "vi", "status", "weird"),
    ],
)
def test_card_texts(changes: dict[str, object], lang: str, key: str, expected: str) -> None:
    assert card_texts(_summary(**changes), lang)[key] == expected


CQTT = "Bộ tiêu chí đánh giá mô hình Chính quyền thân thiện cấp xã"
MOT_CUA = "Phiếu kiểm tra thực tế Bộ phận Một cửa cấp xã"


@pytest.mark.parametrize(
    "changes,key,expected",
    [
        ({"template_title": CQTT}, "score", "91 points – Good"),
        ({"template_title": CQTT, "rating_label": "Xuất sắc"}, "score", "91 points – Excellent"),
        (
            {
                "template_title": "Phiếu kiểm tra thực tế Bộ phận Một cửa cấp xã",
                "rating_label": "Đạt yêu cầu",
            },
            "score",
            "91 points – Meets requirements",
        ),
        (
            {"template_title": CQTT},
            "template",
            "Criteria for assessing the Friendly Government model at commune level",
        ),
        ({"template_title": CQTT}, "status", "Completed"),
        # A template not bundled here: its own words are all there is.
        ({"template_title": "Mẫu riêng", "rating_label": "Tốt"}, "score", "91 points – Tốt"),
    ],
)
def test_english_cards_use_the_templates_english_words(
    changes: dict[str, object], key: str, expected: str
) -> None:
    assert card_texts(_summary(**changes), "en")[key] == expected


def test_vietnamese_cards_keep_the_templates_own_words() -> None:
    texts = card_texts(_summary(template_title=CQTT), "vi")
    assert (texts["template"], texts["score"]) == (CQTT, "91 điểm – Tốt")


def _vm_with(*summaries: InspectionSummary) -> InspectionListViewModel:
    vm = InspectionListViewModel(store=BrokenStore())  # type: ignore[arg-type]
    vm.summaries = list(summaries)
    vm.status = "ready"
    return vm


VINH_TRAI = _summary(id="a", status="completed")
MAI_PHA = _summary(
    id="b",
    unit_name="Xã Mai Pha",
    place="Thôn Đồng Đăng",
    status="in_progress",
    template_title=CQTT,
)
DONG_KINH = _summary(
    id="c",
    unit_name="Phường Đông Kinh",
    place="Lạng Sơn",
    status="in_progress",
    template_title=MOT_CUA,
)


@pytest.mark.parametrize(
    "query,expected",
    [
        ("", ["a", "b", "c"]),
        ("vĩnh trại", ["a"]),
        ("VINH TRAI", ["a"]),  # no accents, any case
        ("dong", ["b", "c"]),  # "đ" typed as "d": Đồng Đăng (place), Đông Kinh (unit)
        ("mai   pha", ["b"]),
        ("lang son", ["a", "c"]),
        ("friendly government", ["b"]),  # the template's English title
        ("thân thiện", ["a", "b"]),
        ("mot cua", ["c"]),
        ("one-stop", ["c"]),
        ("không có", []),
    ],
)
def test_search_matches_unit_place_and_template(query: str, expected: list[str]) -> None:
    vm = _vm_with(VINH_TRAI, MAI_PHA, DONG_KINH)
    vm.search(query)
    assert [s.id for s in vm.visible] == expected
    assert vm.filtering == bool(query.strip())


def test_status_filter_and_counts() -> None:
    vm = _vm_with(VINH_TRAI, MAI_PHA, DONG_KINH)
    assert vm.status_counts() == [("in_progress", 2), ("completed", 1)]
    vm.filter_status("in_progress")
    assert [s.id for s in vm.visible] == ["b", "c"]
    vm.search("mai pha")
    assert [s.id for s in vm.visible] == ["b"]
    vm.filter_status("in_progress")  # the same chip again: every status
    assert vm.status_filter == ALL_STATUSES
    assert [s.id for s in vm.visible] == ["b"]
    vm.filter_status("completed")
    assert vm.visible == [] and vm.filtering
    vm.clear_filters()
    assert [s.id for s in vm.visible] == ["a", "b", "c"] and not vm.filtering


def test_fold() -> None:
    assert fold("Đồng Đăng – Lạng Sơn") == "dong dang – lang son"
