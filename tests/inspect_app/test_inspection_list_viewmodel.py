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
from inspect_app.viewmodels.inspection_list import InspectionListViewModel
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
