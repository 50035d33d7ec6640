"""The seed sample: a fixed, reproducible, complete inspection of phường Vĩnh Trại rated "Tốt"."""

from __future__ import annotations

import uuid
from datetime import date

import pytest

from checklists.record.lifecycle import Lifecycle
from checklists.record.model import ConclusionPart, Inspection, Role
from checklists.record.sample import SAMPLE_ID, build_sample_inspection
from checklists.scoring.engine import score_inspection
from checklists.template.catalog import get_template
from checklists.text.format import format_percent

TEMPLATE = get_template("cqtt-xa", 1)


@pytest.fixture(scope="module")
def sample() -> Inspection:
    return build_sample_inspection()


def test_fixed_id(sample: Inspection) -> None:
    assert sample.id == SAMPLE_ID == "5e3d0c1a-7b2f-4c8e-9a61-2023112400a1"
    assert str(uuid.UUID(sample.id)) == sample.id


def test_two_builds_are_identical(sample: Inspection) -> None:
    again = build_sample_inspection()
    assert again.content_hash() == sample.content_hash()
    assert again == sample


def test_names_its_template(sample: Inspection) -> None:
    assert (sample.template_id, sample.template_version) == ("cqtt-xa", 1)
    assert sample.template_hash == TEMPLATE.content_hash()


def test_header(sample: Inspection) -> None:
    h = sample.header
    assert (h.unit_name, h.unit_parent, h.inspection_date) == (
        "Phường Vĩnh Trại",
        "Thành phố Lạng Sơn",
        date(2023, 11, 24),
    )
    assert h.place == "Trụ sở Đảng ủy, UBND phường Vĩnh Trại, TP Lạng Sơn"
    assert h.lead_body == "Ban Dân vận Tỉnh ủy Lạng Sơn"


def test_delegation_and_representatives(sample: Inspection) -> None:
    by_role = sorted((m.role.value, m.name) for m in sample.members.values())
    assert by_role == [
        (Role.PHO_TRUONG_DOAN.value, "Lê Văn Thành (minh họa)"),
        (Role.THANH_VIEN.value, "Trần Thị Lan (minh họa)"),
        (Role.THANH_VIEN.value, "Vi Văn Hùng (minh họa)"),
        (Role.THU_KY.value, "Nông Thị Hoa (minh họa)"),
        (Role.TRUONG_DOAN.value, "Nguyễn Khắc Phương"),
    ]
    assert sorted((r.name, r.position) for r in sample.representatives.values()) == [
        ("Hoàng Văn Chuyền", "Thành ủy viên, Bí thư Đảng ủy phường Vĩnh Trại"),
        ("Phạm Công Cường", "Thành ủy viên, Phó Trưởng Ban phụ trách Ban Dân vận Thành ủy"),
    ]
    assigned = {s for a in sample.assignments.values() for s in a.section_ids}
    assert assigned == {"A", "B", "C", "D", "E"}


def test_complete_and_rated_tot(sample: Inspection) -> None:
    report = score_inspection(TEMPLATE, sample)
    assert (report.unscored_ids, report.conflict_ids, report.invalid_ids) == ((), (), ())
    assert (report.complete, report.criteria_count, report.scored_count) == (True, 19, 19)
    assert report.rating is not None
    assert (report.final_total, report.rating.label) == (93.0, "Tốt")
    assert sample.status() is Lifecycle.COMPLETED


@pytest.mark.parametrize(
    "cid,figures",
    [
        ("A3", {"meetings": 722, "listeners": 46804}),
        ("D1", {"sessions": 1454, "opinions": 1695, "answered": 1695}),
        ("D2", {"received": 815, "resolved": 805}),
        ("D3", {"dialogues": 43, "opinions": 358, "answered": 358}),
        ("E1", {"issued": 1965, "valid": 1965}),
        ("E2", {"valid_answers": 1965, "satisfied_answers": 1954}),
    ],
)
def test_seed_figures(sample: Inspection, cid: str, figures: dict[str, float]) -> None:
    shown = score_inspection(TEMPLATE, sample).criterion(cid).figures
    assert {k: shown[k] for k in figures} == figures


@pytest.mark.parametrize(
    "cid,rate,text,points",
    [("D2", "resolution_rate", "98,77%", 6), ("E2", "satisfaction_rate", "99,44%", 15)],
)
def test_seed_rates(sample: Inspection, cid: str, rate: str, text: str, points: float) -> None:
    result = score_inspection(TEMPLATE, sample).criterion(cid)
    assert (format_percent(result.figures[rate]), result.points) == (text, points)


def test_one_disagreement_settled_by_the_leader(sample: Inspection) -> None:
    given = sorted(a.score or 0 for a in sample.assessments["A3"].values())
    assert given == [5, 6]
    ((decision,),) = (by_author.values() for by_author in sample.decisions.values())
    assert sample.decision("A3") == decision
    assert (decision.criterion_id, decision.score) == ("A3", 5.5)
    assert decision.reason and decision.author_id in sample.leader_ids()
    assert all(len(by_author) == 2 for by_author in sample.assessments.values())


def test_self_scores_and_conclusion(sample: Inspection) -> None:
    comparison = score_inspection(TEMPLATE, sample).self_comparison
    assert (comparison.self_total, comparison.delegation_total, comparison.difference) == (
        99,
        93,
        -6,
    )
    assert set(sample.conclusion) == set(ConclusionPart)
    assert "98,77%" in sample.conclusion[ConclusionPart.ACKNOWLEDGEMENTS].text
    assert "Tốt" in sample.conclusion[ConclusionPart.ACKNOWLEDGEMENTS].text


def test_only_photos_are_missing(sample: Inspection) -> None:
    missing = score_inspection(TEMPLATE, sample).missing_evidence
    assert [(m.criterion_id, m.what) for m in missing] == [
        ("B2", "photo"),
        ("C1", "photo"),
        ("C4", "photo"),
    ]
