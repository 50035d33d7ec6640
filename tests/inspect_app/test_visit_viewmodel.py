"""Tests for the visit view-model against a real store in tmp_path (plain pytest)."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import cast

import flet as ft
import pytest

from checklists.errors import ChangesRefused, EditRefused, Refusal
from checklists.record.authority import Actor
from checklists.record.editing import assess, decide, new_inspection
from checklists.record.model import Inspection, Role, Value
from checklists.record.sample import DEPUTY, LEAD, MEMBER_1, SAMPLE_ID, build_sample_inspection
from checklists.template.catalog import get_template
from checklists.template.model import Status
from inspect_app.store import InspectionStore, StoreError
from inspect_app.viewmodels.visit import VisitViewModel, error_text

FRESH_ID = "00000000-0000-4000-8000-000000000001"
BOSS, ANH, BINH = "boss", "anh", "binh"


@pytest.fixture
def fresh_store(tmp_path: Path) -> Iterator[InspectionStore]:
    store = InspectionStore.open(tmp_path / "data")
    yield store
    store.close()


@pytest.fixture
def sample_store(fresh_store: InspectionStore) -> InspectionStore:
    fresh_store.save(build_sample_inspection())
    return fresh_store


def _fresh_record() -> Inspection:
    return new_inspection(
        get_template("cqtt-xa", 1),
        {"unit_name": "Xã Mai Pha", "inspection_date": date(2024, 5, 6)},
        inspection_id=FRESH_ID,
        members=[
            {"id": BOSS, "name": "Trưởng đoàn", "role": Role.TRUONG_DOAN},
            {"id": ANH, "name": "Anh"},
            {"id": BINH, "name": "Bình"},
        ],
    )


@pytest.fixture
def fresh_record_store(fresh_store: InspectionStore) -> InspectionStore:
    fresh_store.save(_fresh_record())
    return fresh_store


def _loaded(
    store: InspectionStore, member: str, lang: str = "vi", rid: str = SAMPLE_ID
) -> VisitViewModel:
    vm = VisitViewModel(store=store, inspection_id=rid, member_id=member, lang=lang)
    asyncio.run(vm.load())
    return vm


def test_the_sample_shows_its_total_rating_and_status(sample_store: InspectionStore) -> None:
    vm = _loaded(sample_store, LEAD)
    assert (vm.status, vm.error) == ("ready", None)
    assert vm.unit_name == "Phường Vĩnh Trại"
    assert vm.summary is not None
    s = vm.summary
    assert (s.total, s.total_text) == (93.0, "93 điểm")
    assert (s.rating_label, s.rating_text, s.provisional) == ("Tốt", "Tốt", False)
    assert (s.percent_of_applicable, s.percent_text) == (93.0, "93%")
    assert (s.unscored, s.missing_evidence, s.conflicts, s.stale_decisions, s.invalid) == (
        0,
        3,
        0,
        0,
        0,
    )
    assert (s.status, s.status_label) == ("completed", "Đã chấm xong")
    assert s.missing_anything  # three photos still owed
    assert s.missing_evidence_ids == ("B2", "C1", "C4")
    assert (s.unscored_ids, s.conflict_ids, s.stale_decision_ids) == ((), (), ())


def test_the_sample_sections_carry_progress_and_points(sample_store: InspectionStore) -> None:
    vm = _loaded(sample_store, LEAD)
    progress = [(s.id, s.scored, s.total, s.points_text, s.max_points) for s in vm.sections]
    assert progress == [
        ("A", 5, 5, "18", 20.0),
        ("B", 4, 4, "20", 20.0),
        ("C", 5, 5, "20", 25.0),
        ("D", 3, 3, "15", 15.0),
        ("E", 2, 2, "20", 20.0),
    ]
    a3 = next(c for c in vm.sections[0].criteria if c.id == "A3")
    assert (a3.state, a3.points, a3.points_text, a3.max_points) == ("scored", 5.5, "5,5", 6.0)
    missing = {c.id: c.missing_evidence for s in vm.sections for c in s.criteria}
    assert {k for k, v in missing.items() if v} == {"B2", "C1", "C4"}


@pytest.mark.parametrize(
    "member,assigned",
    [(LEAD, ("A", "D")), (DEPUTY, ("B", "C")), (MEMBER_1, ("A", "D", "E")), ("nobody", ())],
)
def test_assigned_sections_are_the_members_own(
    sample_store: InspectionStore, member: str, assigned: tuple[str, ...]
) -> None:
    vm = _loaded(sample_store, member)
    assert vm.assigned_section_ids == assigned
    assert tuple(s.id for s in vm.my_sections) == assigned
    assert tuple(s.id for s in vm.sections if s.assigned) == assigned


def test_english_has_no_vietnamese_rating_or_status(sample_store: InspectionStore) -> None:
    vm = _loaded(sample_store, LEAD, lang="en")
    assert vm.summary is not None
    assert (vm.summary.rating_text, vm.summary.status_label) == ("Good", "Completed")
    assert vm.summary.total_text == "93 points"


def test_a_fresh_record_is_provisional_and_says_what_is_missing(
    fresh_record_store: InspectionStore,
) -> None:
    vm = _loaded(fresh_record_store, ANH, rid=FRESH_ID)
    assert vm.summary is not None
    s = vm.summary
    assert (s.total, s.total_text, s.rating_text, s.provisional) == (
        0.0,
        "0 điểm",
        "Yếu (tạm tính)",
        True,
    )
    assert (s.unscored, s.conflicts, s.status_label) == (19, 0, "Bản nháp")
    assert [(p.scored, p.total) for p in vm.sections] == [(0, 5), (0, 4), (0, 5), (0, 3), (0, 2)]
    assert vm.assigned_section_ids == ()


def test_scores_conflicts_and_stale_decisions_are_counted(
    fresh_record_store: InspectionStore,
) -> None:
    store = fresh_record_store

    def score(who: str, cid: str, value: Value) -> None:
        store.edit(
            FRESH_ID,
            lambda r: assess(r, author_id=who, criterion_id=cid, value=value, note="ghi chú"),
            actor=Actor(who),
        )

    score(ANH, "A1", Value(status=Status.DAT))
    score(BINH, "A1", Value(status=Status.DAT))
    score(ANH, "A3", Value(score=6))
    score(BINH, "A3", Value(score=4.5))  # a conflict
    # resolved above received: an impossible rate, so D2 is invalid
    store.edit(
        FRESH_ID,
        lambda r: assess(
            r, author_id=ANH, criterion_id="D2", figures={"received": 10, "resolved": 12}
        ),
        actor=Actor(ANH),
    )
    vm = _loaded(store, ANH, rid=FRESH_ID)
    assert vm.summary is not None
    assert (vm.summary.unscored, vm.summary.conflicts, vm.summary.invalid) == (16, 1, 1)
    assert vm.summary.conflict_ids == ("A3",)
    assert vm.summary.unscored_ids[:3] == ("A2", "A4", "A5")
    assert (vm.sections[0].scored, vm.sections[0].total) == (1, 5)
    assert vm.summary.status_label == "Đang kiểm tra"
    assert vm.summary.rating_text == "Yếu (tạm tính)"

    store.edit(
        FRESH_ID,
        lambda r: decide(r, author_id=BOSS, criterion_id="A3", value=Value(score=5), reason="Đủ"),
        actor=Actor(BOSS),
    )
    score(BINH, "A3", Value(score=5))  # re-scored after the decision: the decision is stale
    asyncio.run(vm.load())
    assert vm.summary is not None
    assert (vm.summary.conflicts, vm.summary.stale_decisions) == (0, 1)
    assert vm.summary.stale_decision_ids == ("A3",)
    a3 = vm.sections[0].criteria[2]
    assert (a3.id, a3.points_text) == ("A3", "5")


def test_a_missing_record_is_an_error_not_an_exception(fresh_store: InspectionStore) -> None:
    vm = _loaded(fresh_store, LEAD)
    assert vm.status == "error"
    assert vm.error
    assert vm.summary is None


class BrokenStore:
    def get(self, inspection_id: str) -> Inspection:
        raise StoreError("Không đọc được dữ liệu")


def test_store_errors_keep_the_old_data(sample_store: InspectionStore) -> None:
    vm = _loaded(sample_store, LEAD)
    before = vm.summary
    vm.store = cast(InspectionStore, BrokenStore())
    asyncio.run(vm.load())
    assert (vm.status, vm.error) == ("error", StoreError("").message("vi"))
    assert vm.summary == before


def test_load_runs_off_the_event_loop(
    sample_store: InspectionStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[object] = []
    real = asyncio.to_thread

    async def spy(func: object, /, *args: object) -> object:
        calls.append(func)
        return await real(func, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(asyncio, "to_thread", spy)
    _loaded(sample_store, LEAD)
    assert len(calls) == 1


def test_changes_are_observable(sample_store: InspectionStore) -> None:
    vm = VisitViewModel(store=sample_store, inspection_id=SAMPLE_ID, member_id=LEAD)
    changed: list[str | None] = []

    def listener(_sender: object, name: str | None) -> None:
        changed.append(name)

    cast(ft.Observable, vm).subscribe(listener)
    asyncio.run(vm.load())
    assert {"sections", "summary", "status"} <= set(changed)


@pytest.mark.parametrize(
    "error,lang,expected",
    [
        (
            EditRefused("edit.not_member", {"author": "x"}),
            "vi",
            "Người sửa “x” không có trong danh sách đoàn kiểm tra.",
        ),
        (
            EditRefused("edit.not_member", {"author": "x"}),
            "en",
            "“x” is not a member of the delegation.",
        ),
        (
            ChangesRefused([Refusal("", "auth.not_member", {"actor": "x"})]),
            "en",
            "This copy is refused: 1 change the sender may not make\n"
            "  - “x” is not a member of this record's delegation",
        ),
        (StoreError("Ổ đĩa đầy"), "en", StoreError("").message("en")),
    ],
)
def test_error_text_uses_the_errors_own_language(
    error: Exception, lang: str, expected: str
) -> None:
    assert error_text(error, lang) == expected


# -- the screen's additions: who I am, leader tools, what-is-missing links ------------------


@pytest.mark.parametrize(
    "member,name,role,leader",
    [
        (LEAD, "Nguyễn Khắc Phương", "Trưởng đoàn", True),
        (DEPUTY, "Lê Văn Thành (minh họa)", "Phó Trưởng đoàn", True),  # acting deputy
        (MEMBER_1, "Trần Thị Lan (minh họa)", "Thành viên", False),
        ("", "", "", False),  # has not said who they are
        ("not-a-member", "", "", False),
    ],
)
def test_the_member_and_the_leader_tools(
    sample_store: InspectionStore, member: str, name: str, role: str, leader: bool
) -> None:
    vm = _loaded(sample_store, member)
    assert (vm.member_name, vm.member_role, vm.is_leader) == (name, role, leader)
    assert vm.knows_member is bool(name)
    assert vm.has_members


def test_my_sections_come_first_the_others_after(sample_store: InspectionStore) -> None:
    vm = _loaded(sample_store, MEMBER_1)
    assert [s.id for s in vm.my_sections] == ["A", "D", "E"]
    assert [s.id for s in vm.other_sections] == ["B", "C"]


def test_the_first_missing_criterion_prefers_my_sections(sample_store: InspectionStore) -> None:
    # The sample owes photos on B2, C1 and C4.
    assert _loaded(sample_store, LEAD).first_missing("evidence") == ("B", "B2")
    deputy = _loaded(sample_store, DEPUTY)
    assert deputy.first_missing("evidence") == ("B", "B2")
    assert deputy.first_missing("unscored") is None
    assert deputy.section_of("C4") == "C" and deputy.section_of("nope") is None
    assert deputy.section("D") is not None and deputy.section("Z") is None


def test_first_missing_links_each_kind(fresh_record_store: InspectionStore) -> None:
    store = fresh_record_store
    store.edit(
        FRESH_ID,
        lambda r: assess(r, author_id=ANH, criterion_id="A3", value=Value(score=6)),
        actor=Actor(ANH),
    )
    store.edit(
        FRESH_ID,
        lambda r: assess(r, author_id=BINH, criterion_id="A3", value=Value(score=4.5)),
        actor=Actor(BINH),
    )
    vm = _loaded(store, ANH, rid=FRESH_ID)
    assert vm.first_missing("unscored") == ("A", "A1")
    assert vm.first_missing("conflicts") == ("A", "A3")
    assert vm.first_missing("stale") is None
    assert vm.summary is not None and vm.summary.ids_of("conflicts") == ("A3",)


def test_a_late_change_after_the_lock_is_flagged(sample_store: InspectionStore) -> None:
    from checklists.record.editing import move_to
    from checklists.record.lifecycle import Lifecycle

    sample = build_sample_inspection()
    sample_store.save(move_to(sample, author_id=LEAD, status=Lifecycle.LOCKED))
    assert not _loaded(sample_store, LEAD).changed_since_lock
    late = assess(sample, author_id=MEMBER_1, criterion_id="E1", value=Value(score=4))
    sample_store.save(late, actor=Actor(MEMBER_1))
    vm = _loaded(sample_store, LEAD)
    assert vm.changed_since_lock
    assert vm.summary is not None and vm.summary.status == "locked"
