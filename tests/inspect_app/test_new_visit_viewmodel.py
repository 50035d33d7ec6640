"""Tests for the new-visit form's view-model against a real store in tmp_path (plain pytest)."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from datetime import date, time
from pathlib import Path

import pytest

from checklists.record.model import Role
from checklists.record.paperwork import document_details
from checklists.scoring.engine import score_inspection
from checklists.template.catalog import get_template
from inspect_app.i18n import t
from inspect_app.store import InspectionStore
from inspect_app.viewmodels.new_visit import (
    NewVisitViewModel,
    parse_clock,
    parse_day,
    template_key,
)


@pytest.fixture
def store(tmp_path: Path) -> Iterator[InspectionStore]:
    held = InspectionStore.open(tmp_path / "data")
    yield held
    held.close()


def filled(store: InspectionStore, lang: str = "vi") -> NewVisitViewModel:
    """A form filled as a leader would: unit, date, place, three members, one representative,
    sections assigned, and the person using the device is the second member."""
    vm = NewVisitViewModel(store=store, lang=lang)
    vm.choose_template(template_key(get_template("cqtt-xa", 1)))
    vm.set_text("unit_name", "  Phường Hoàng Văn Thụ ")
    vm.set_text("unit_parent", "Thành phố Lạng Sơn")
    vm.set_text("day", "05/12/2023")
    vm.set_text("place", "Trụ sở UBND phường")
    leader = vm.members[0].id
    vm.update_member(leader, name="Nguyễn Văn A", position="Phó Trưởng Ban", body="Ban Dân vận")
    vm.add_member()
    vm.add_member()
    deputy, secretary = vm.members[1].id, vm.members[2].id
    vm.update_member(deputy, name="Trần Thị B", role=Role.PHO_TRUONG_DOAN)
    vm.update_member(secretary, name="Lê Văn C", role=Role.THU_KY)
    vm.add_representative()
    vm.update_representative(vm.representatives[0].id, name="Hoàng Văn D", position="Bí thư")
    for section in ("A", "B", "C"):
        vm.toggle_section(leader, section)
    for section in ("D", "E", "A"):
        vm.toggle_section(deputy, section)
    vm.choose_me(deputy)
    return vm


def test_a_valid_form_creates_a_record_that_scores_with_its_template(
    store: InspectionStore,
) -> None:
    vm = filled(store)
    created = asyncio.run(vm.save())

    assert created is not None and vm.created == created and vm.errors == {}
    record = store.get(created)
    leader, deputy, secretary = (m.id for m in vm.members)
    assert record.leader_id == leader
    assert record.header.unit_name == "Phường Hoàng Văn Thụ"  # trimmed
    assert record.header.unit_parent == "Thành phố Lạng Sơn"
    assert record.header.inspection_date == date(2023, 12, 5)
    assert {m.name: m.role for m in record.active_members().values()} == {
        "Nguyễn Văn A": Role.TRUONG_DOAN,
        "Trần Thị B": Role.PHO_TRUONG_DOAN,
        "Lê Văn C": Role.THU_KY,
    }
    assert [r.name for r in record.representatives.values()] == ["Hoàng Văn D"]
    # Sections in the template's order, whatever order they were tapped in.
    assert record.assignments[leader].section_ids == ("A", "B", "C")
    assert record.assignments[deputy].section_ids == ("A", "D", "E")
    assert secretary not in record.assignments
    assert vm.current_member() == deputy

    template = store.template_of(record)
    assert template.id == "cqtt-xa"
    report = score_inspection(template, record)
    assert report.criteria_count == len(template.scored_criteria()) > 0
    assert report.scored_count == 0
    assert store.pending() == [created]


def test_saving_twice_creates_one_record(store: InspectionStore) -> None:
    vm = filled(store)
    first = asyncio.run(vm.save())
    assert asyncio.run(vm.save()) == first
    assert [s.id for s in store.list_summaries()] == [first]


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_missing_unit_leader_and_member_names_give_field_errors_and_save_nothing(
    store: InspectionStore, lang: str
) -> None:
    vm = NewVisitViewModel(store=store, lang=lang)
    leader = vm.members[0].id
    vm.update_member(leader, role=Role.THANH_VIEN)  # nobody leads now

    assert asyncio.run(vm.save()) is None
    assert vm.errors == {
        "unit_name": t("new.error.unit", lang),
        "leader": t("new.error.no_leader", lang),
        f"member.{leader}": t("new.error.member_name", lang),
    }
    assert store.list_summaries() == []
    assert vm.created is None


def test_no_members_at_all_is_an_error(store: InspectionStore) -> None:
    vm = NewVisitViewModel(store=store)
    vm.set_text("unit_name", "Xã Mai Pha")
    vm.remove_member(vm.members[0].id)
    assert asyncio.run(vm.save()) is None
    assert vm.errors == {"members": t("new.error.members")}
    assert store.list_summaries() == []


def test_two_leaders_are_refused(store: InspectionStore) -> None:
    vm = filled(store)
    vm.update_member(vm.members[1].id, role=Role.TRUONG_DOAN)
    assert asyncio.run(vm.save()) is None
    assert vm.errors == {"leader": t("new.error.two")}
    assert store.list_summaries() == []


@pytest.mark.parametrize("typed", ["", "31/02/2023", "2023-12-05", "5/12/23", "hôm nay"])
def test_a_bad_date_is_a_field_error(store: InspectionStore, typed: str) -> None:
    vm = filled(store)
    vm.set_text("day", typed)
    assert asyncio.run(vm.save()) is None
    assert vm.errors == {"day": t("new.error.day")}
    assert store.list_summaries() == []


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("24/11/2023", date(2023, 11, 24)),
        (" 5.1.2024 ", date(2024, 1, 5)),
        ("1-2-2024", date(2024, 2, 1)),
    ],
)
def test_dates_are_read_day_first(typed: str, expected: date) -> None:
    assert parse_day(typed) == expected


def test_an_error_goes_when_its_field_is_corrected(store: InspectionStore) -> None:
    vm = NewVisitViewModel(store=store)
    asyncio.run(vm.save())
    assert "unit_name" in vm.errors
    vm.set_text("unit_name", "Xã Mai Pha")
    assert "unit_name" not in vm.errors
    assert f"member.{vm.members[0].id}" in vm.errors  # the others stay until fixed


def test_a_representative_with_a_position_but_no_name_is_an_error_and_blank_ones_are_dropped(
    store: InspectionStore,
) -> None:
    vm = filled(store)
    vm.add_representative()
    vm.add_representative()
    half, blank = vm.representatives[1].id, vm.representatives[2].id
    vm.update_representative(half, position="Chủ tịch UBND")
    assert asyncio.run(vm.save()) is None
    assert vm.errors == {f"rep.{half}": t("new.error.rep_name")}
    vm.remove_representative(half)
    created = asyncio.run(vm.save())
    assert created is not None
    assert [r.name for r in store.get(created).representatives.values()] == ["Hoàng Văn D"]
    assert blank not in store.get(created).representatives


def test_removing_a_member_drops_their_assignment_and_me_falls_back_to_the_leader(
    store: InspectionStore,
) -> None:
    vm = filled(store)
    deputy = vm.members[1].id
    vm.remove_member(deputy)
    assert deputy not in vm.assignments
    assert vm.current_member() == vm.members[0].id
    created = asyncio.run(vm.save())
    assert created is not None
    assert set(store.get(created).active_members()) == {m.id for m in vm.members}


def test_changing_template_keeps_only_its_sections_and_reports_unassigned(
    store: InspectionStore,
) -> None:
    vm = filled(store)
    assert vm.unassigned_sections() == []
    vm.choose_template(template_key(get_template("mot-cua", 1)))
    assert all(ids == () for ids in vm.assignments.values())
    assert vm.unassigned_sections() == ["CK", "GQ", "TD"]
    created = asyncio.run(vm.save())
    assert created is not None
    assert store.get(created).template_id == "mot-cua"
    assert store.get(created).assignments == {}


def test_the_start_time_goes_on_the_documents_form_for_the_minutes(
    store: InspectionStore,
) -> None:
    vm = filled(store)
    vm.set_text("start", "8h30")
    created = asyncio.run(vm.save())
    assert created is not None
    record = store.get(created)
    assert document_details(record, get_template("cqtt-xa", 1)).start_time == time(8, 30)
    assert record.documents is not None and record.documents.author_id == record.leader_id


def test_without_a_start_time_no_documents_form_is_saved(store: InspectionStore) -> None:
    created = asyncio.run(filled(store).save())
    assert created is not None and store.get(created).documents is None


@pytest.mark.parametrize("typed", ["25:00", "8", "08:61", "tám giờ"])
def test_a_bad_start_time_is_a_field_error_and_nothing_is_saved(
    store: InspectionStore, typed: str
) -> None:
    vm = filled(store)
    vm.set_text("start", typed)
    assert asyncio.run(vm.save()) is None
    assert vm.errors == {"start": t("new.error.start")}
    assert store.list_summaries() == []


@pytest.mark.parametrize(
    "typed,expected", [("08:00", time(8)), ("8h30", time(8, 30)), (" 14.05 ", time(14, 5))]
)
def test_times_are_read_as_hours_and_minutes(typed: str, expected: time) -> None:
    assert parse_clock(typed) == expected
