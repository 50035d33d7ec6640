"""The bundled templates: what they contain, and how they are looked up."""

from __future__ import annotations

import pytest

from checklists.errors import UnknownTemplate
from checklists.template.catalog import bundled_templates, get_template, latest_template
from checklists.template.model import BandsScoring, Template, YesNoScoring


@pytest.fixture
def cqtt() -> Template:
    return get_template("cqtt-xa", 1)


@pytest.fixture
def mot_cua() -> Template:
    return get_template("mot-cua", 1)


def test_bundled_templates_are_listed_by_id_and_version() -> None:
    assert [(t.id, t.version) for t in bundled_templates()] == [("cqtt-xa", 1), ("mot-cua", 1)]


def test_bundled_templates_are_loaded_once_and_the_list_is_a_copy() -> None:
    first = bundled_templates()
    first.clear()
    second = bundled_templates()
    assert len(second) == 2
    assert second[0] is bundled_templates()[0]


def test_cqtt_totals(cqtt: Template) -> None:
    assert cqtt.total_points == 100
    assert [(s.id, s.max_points) for s in cqtt.sections] == [
        ("A", 20),
        ("B", 20),
        ("C", 25),
        ("D", 15),
        ("E", 20),
    ]
    assert [c.id for c in cqtt.criteria()] == [
        *("A1", "A2", "A3", "A4", "A5"),
        *("B1", "B2", "B3", "B4"),
        *("C1", "C2", "C3", "C4", "C5"),
        *("D1", "D2", "D3"),
        *("E1", "E2"),
    ]


@pytest.mark.parametrize(
    "criterion_id,max_points,kind",
    [
        ("A1", 4, "status"),
        ("A2", 4, "status"),
        ("A3", 6, "points"),
        ("A4", 3, "status"),
        ("A5", 3, "status"),
        ("B1", 5, "status"),
        ("B2", 5, "status"),
        ("B3", 5, "yes_no"),
        ("B4", 5, "yes_no"),
        ("C1", 5, "status"),
        ("C2", 6, "bands"),
        ("C3", 6, "status"),
        ("C4", 4, "status"),
        ("C5", 4, "status"),
        ("D1", 4, "status"),
        ("D2", 6, "bands"),
        ("D3", 5, "status"),
        ("E1", 5, "points"),
        ("E2", 15, "bands"),
    ],
)
def test_cqtt_criterion_points_and_scoring(
    cqtt: Template, criterion_id: str, max_points: float, kind: str
) -> None:
    criterion = cqtt.criterion(criterion_id)
    assert (criterion.max_points, criterion.scoring.kind) == (max_points, kind)
    assert criterion.guidance
    assert criterion.recommendation
    assert criterion.evidence.hints


@pytest.mark.parametrize(
    "criterion_id,phrases",
    [
        ("A3", ["722 cuộc", "46.804 lượt người nghe", "584 lượt", "13 tin bài"]),
        ("D1", ["1.454 cuộc", "1.695 ý kiến"]),
        ("D2", ["815 đơn", "98,77%"]),
        ("D3", ["43 cuộc", "358 ý kiến"]),
        ("E1", ["1.965 phiếu"]),
        ("E2", ["99,4%"]),
    ],
)
def test_cqtt_reference_carries_the_seed_figures(
    cqtt: Template, criterion_id: str, phrases: list[str]
) -> None:
    reference = cqtt.criterion(criterion_id).reference
    assert [p for p in phrases if p not in reference] == []


@pytest.mark.parametrize(
    "criterion_id,figure,bands",
    [
        ("C2", "on_time_rate", [(0, 90, 0), (90, 95, 2), (95, 98, 4), (98, None, 6)]),
        ("D2", "resolution_rate", [(0, 80, 0), (80, 90, 2), (90, 95, 4), (95, None, 6)]),
        (
            "E2",
            "satisfaction_rate",
            [(0, 70, 0), (70, 80, 4), (80, 90, 8), (90, 95, 12), (95, None, 15)],
        ),
    ],
)
def test_cqtt_banded_criteria_use_a_derived_rate(
    cqtt: Template, criterion_id: str, figure: str, bands: list[tuple[float, float | None, float]]
) -> None:
    criterion = cqtt.criterion(criterion_id)
    assert isinstance(criterion.scoring, BandsScoring)
    assert criterion.scoring.figure == figure
    assert [(b.min, b.max, b.points) for b in criterion.scoring.bands] == bands
    rate = next(f for f in criterion.figures if f.id == figure)
    assert rate.rate_of is not None
    assert rate.unit == "%"


def test_cqtt_a3_records_meetings_and_listeners(cqtt: Template) -> None:
    figures = {f.id: (f.unit, f.integer) for f in cqtt.criterion("A3").figures}
    assert figures["meetings"] == ("cuộc", True)
    assert figures["listeners"] == ("lượt người", True)


def test_cqtt_b3_b4_yes_scores_and_cap_the_rating_at_kha(cqtt: Template) -> None:
    for criterion_id in ("B3", "B4"):
        scoring = cqtt.criterion(criterion_id).scoring
        assert isinstance(scoring, YesNoScoring)
        assert scoring.yes_scores is True
    assert [(h.criterion, h.at_most, h.cap) for h in cqtt.hard_fails] == [
        ("B3", 0, "kha"),
        ("B4", 0, "kha"),
    ]


def test_cqtt_rating_bands(cqtt: Template) -> None:
    assert [(b.code, b.label, b.min, b.max) for b in cqtt.rating_bands] == [
        ("xuat_sac", "Xuất sắc", 95, None),
        ("tot", "Tốt", 90, 95),
        ("kha", "Khá", 70, 90),
        ("trung_binh", "Trung bình", 50, 70),
        ("yeu", "Yếu", 0, 50),
    ]


def test_cqtt_adjustments(cqtt: Template) -> None:
    assert [(a.kind, a.max_points) for a in cqtt.adjustments] == [("bonus", 5), ("penalty", 5)]


def test_cqtt_photos_required_at_the_one_stop_shop(cqtt: Template) -> None:
    with_photo = [c.id for c in cqtt.criteria() if c.evidence.photo_required]
    assert with_photo == ["B2", "C1", "C4"]


def test_mot_cua_exercises_every_scoring_kind(mot_cua: Template) -> None:
    assert mot_cua.total_points == 50
    kinds = [c.scoring.kind for c in mot_cua.criteria()]
    assert sorted(set(kinds)) == ["bands", "info", "points", "status", "yes_no"]
    assert kinds.count("info") == 2
    assert [c.id for c in mot_cua.scored_criteria()] == [
        *("CK1", "CK2", "CK3"),
        *("GQ3", "GQ4"),
        *("TD1", "TD2"),
    ]


def test_mot_cua_rating_penalty_and_hard_fail(mot_cua: Template) -> None:
    assert [(b.code, b.min, b.max) for b in mot_cua.rating_bands] == [
        ("dat", 35, None),
        ("chua_dat", 0, 35),
    ]
    assert [a.kind for a in mot_cua.adjustments] == ["penalty"]
    assert [(h.criterion, h.cap) for h in mot_cua.hard_fails] == [("TD2", "chua_dat")]


def test_latest_template_is_the_highest_version() -> None:
    assert latest_template("cqtt-xa") == get_template("cqtt-xa", 1)


@pytest.mark.parametrize(
    "template_id,version,phrase",
    [
        ("cqtt-tinh", 1, "“cqtt-tinh” phiên bản 1"),
        ("cqtt-xa", 9, "“cqtt-xa” phiên bản 9"),
    ],
)
def test_get_template_unknown_raises_naming_id_and_version(
    template_id: str, version: int, phrase: str
) -> None:
    with pytest.raises(UnknownTemplate) as excinfo:
        get_template(template_id, version)
    assert phrase in str(excinfo.value)


def test_latest_template_unknown_raises_naming_the_id() -> None:
    with pytest.raises(UnknownTemplate, match="“khong-co”"):
        latest_template("khong-co")
