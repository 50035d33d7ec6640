"""Tests for the Documents form view-model against a real store in tmp_path (plain pytest)."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from datetime import date, time
from pathlib import Path

import pytest

from checklists.record.model import DocumentKind, Layout
from checklists.record.paperwork import default_details
from checklists.record.sample import LEAD, MEMBER_1, SAMPLE_ID, build_sample_inspection
from inspect_app.store import InspectionStore
from inspect_app.viewmodels.documents_form import DocumentsFormViewModel, parse_form

SAMPLE = build_sample_inspection()


@pytest.fixture
def store(tmp_path: Path) -> Iterator[InspectionStore]:
    opened = InspectionStore.open(tmp_path / "data")
    opened.save(SAMPLE)
    yield opened
    opened.close()


def loaded(store: InspectionStore, member: str = LEAD, lang: str = "vi") -> DocumentsFormViewModel:
    vm = DocumentsFormViewModel(store=store, inspection_id=SAMPLE_ID, member_id=member, lang=lang)
    asyncio.run(vm.load())
    return vm


def test_the_form_starts_from_the_defaults_until_saved(store: InspectionStore) -> None:
    vm = loaded(store)
    defaults = default_details(SAMPLE, store.template_of(SAMPLE))
    assert (vm.status, vm.is_leader, vm.from_defaults) == ("ready", True, True)
    assert vm.layout == defaults.layout.value == "party"
    assert vm.value("issuing_body") == defaults.issuing_body == "Ban Dân vận"
    assert vm.value("superior_body") == "Tỉnh ủy Lạng Sơn"
    assert vm.value("distribution") == "\n".join(defaults.distribution)
    assert vm.value("start_time") == "" and vm.value("number_notice") == ""


def test_a_valid_form_is_saved_through_the_edit_path(store: InspectionStore) -> None:
    vm = loaded(store)
    vm.set_value("number_notice", "12")
    vm.set_value("issued_on", "5/12/2023")
    vm.set_value("start_time", "8h30")
    vm.set_value("end_time", "11:30")
    vm.set_value("signer_authority", "K/T")
    vm.set_value("distribution", "- Đảng ủy phường;\nLưu: VT\n\n")
    assert asyncio.run(vm.save()) is True
    assert vm.errors == {} and vm.error is None and not vm.from_defaults
    details = store.get(SAMPLE_ID).documents
    assert details is not None and details.author_id == LEAD
    assert details.numbers == {DocumentKind.NOTICE: "12"}
    assert (details.issued_on, details.start_time, details.end_time) == (
        date(2023, 12, 5),
        time(8, 30),
        time(11, 30),
    )
    assert details.signer_authority == "K/T"
    assert details.distribution == ("Đảng ủy phường", "Lưu: VT")
    again = loaded(store)
    assert (again.from_defaults, again.value("issued_on"), again.value("start_time")) == (
        False,
        "05/12/2023",
        "08:30",
    )


@pytest.mark.parametrize(
    ("name", "typed", "error"),
    [
        ("issuing_body", "  ", "Bắt buộc điền"),
        ("issued_on", "31/02/2023", "Ngày chưa đúng: viết dd/mm/yyyy, vd. 24/11/2023"),
        ("issued_on", "2023-11-24", "Ngày chưa đúng: viết dd/mm/yyyy, vd. 24/11/2023"),
        ("start_time", "8 giờ sáng", "Giờ chưa đúng: viết hh:mm, vd. 08:30"),
        ("start_time", "25:00", "Giờ chưa đúng: viết hh:mm, vd. 08:30"),
        ("end_time", "07:00", "Giờ kết thúc phải sau giờ bắt đầu"),
        ("number_report", "12a", "Chỉ gồm chữ số, vd. 12"),
        ("symbol", "BDV TU", "Chỉ gồm chữ, số, dấu chấm hoặc gạch ngang (vd. BDVTU)"),
        ("signer_authority", "KT.", "Chọn một trong: T/M, K/T, T/L, TUQ"),
        ("signer_name", "x" * 501, "Dài quá 500 ký tự"),
        ("legal_basis", "\n".join(["Kế hoạch"] * 51), "Tối đa 50 dòng, mỗi dòng 500 ký tự"),
    ],
)
def test_each_invalid_field_says_why_and_nothing_is_saved(
    store: InspectionStore, name: str, typed: str, error: str
) -> None:
    vm = loaded(store)
    vm.set_value("start_time", "08:00")
    vm.set_value(name, typed)
    assert asyncio.run(vm.save()) is False
    assert vm.errors == {name: error}
    assert store.get(SAMPLE_ID).documents is None
    vm.set_value(name, "")  # typing again clears that field's error
    assert name not in vm.errors


def test_english_errors() -> None:
    _details, errors = parse_form({"issuing_body": "", "start_time": "x"}, "en")
    assert errors == {
        "issuing_body": "Required",
        "start_time": "Not a time: write hh:mm, e.g. 08:30",
    }


def test_switching_the_layout_carries_the_authority_prefix(store: InspectionStore) -> None:
    vm = loaded(store)
    vm.set_value("signer_authority", "K/T")
    vm.set_layout(Layout.STATE.value)
    assert (vm.layout, vm.value("signer_authority")) == ("state", "KT.")
    assert "TM." in vm.authorities()
    vm.set_layout(Layout.PARTY.value)
    assert vm.value("signer_authority") == "K/T"


def test_a_member_sees_the_form_but_cannot_save_it(store: InspectionStore) -> None:
    vm = loaded(store, MEMBER_1)
    assert (vm.status, vm.is_leader) == ("ready", False)
    assert asyncio.run(vm.save()) is False
    assert vm.error and "Trưởng đoàn" in vm.error
    assert store.get(SAMPLE_ID).documents is None
