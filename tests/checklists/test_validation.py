"""Template validation: each malformed template is reported with a readable path, in Vietnamese."""

from __future__ import annotations

import copy
import json
from datetime import date
from typing import Any

import pytest
from pydantic import TypeAdapter, ValidationError

from checklists.errors import Problem, TemplateInvalid
from checklists.template.catalog import bundled_templates
from checklists.template.messages import show, validation_problems
from checklists.template.validation import check_template, parse_template

DELETE = object()

A1 = "sections[0] (A).criteria[0] (A1)"
A2 = "sections[0] (A).criteria[1] (A2)"
B1 = "sections[1] (B).criteria[0] (B1)"
B2 = "sections[1] (B).criteria[1] (B2)"
B3 = "sections[1] (B).criteria[2] (B3)"


def minimal() -> dict[str, Any]:
    """The smallest template that uses every scoring kind, an adjustment and a hard fail."""
    return {
        "id": "mini",
        "version": 1,
        "title": "Mẫu thử",
        "programme": "Thử nghiệm",
        "total_points": 10,
        "sections": [
            {
                "id": "A",
                "title": "Nhóm A",
                "max_points": 6,
                "criteria": [
                    {
                        "id": "A1",
                        "label": "Trạng thái",
                        "max_points": 4,
                        "scoring": {"kind": "status"},
                    },
                    {
                        "id": "A2",
                        "label": "Điểm",
                        "max_points": 2,
                        "scoring": {"kind": "points", "step": 0.5},
                    },
                ],
            },
            {
                "id": "B",
                "title": "Nhóm B",
                "max_points": 4,
                "criteria": [
                    {
                        "id": "B1",
                        "label": "Tỷ lệ",
                        "max_points": 2,
                        "scoring": {
                            "kind": "bands",
                            "figure": "rate",
                            "bands": [
                                {"min": 0, "max": 50, "points": 0},
                                {"min": 50, "max": None, "points": 2},
                            ],
                        },
                        "figures": [
                            {"id": "done", "label": "Số đạt", "integer": True},
                            {"id": "all", "label": "Tổng số", "integer": True},
                            {"id": "rate", "label": "Tỷ lệ đạt", "rate_of": ["done", "all"]},
                        ],
                    },
                    {
                        "id": "B2",
                        "label": "Có/không",
                        "max_points": 2,
                        "scoring": {"kind": "yes_no"},
                    },
                    {
                        "id": "B3",
                        "label": "Thông tin",
                        "max_points": 0,
                        "scoring": {"kind": "info"},
                        "figures": [{"id": "staff", "label": "Số người"}],
                    },
                ],
            },
        ],
        "adjustments": [
            {"id": "T1", "label": "Thưởng", "kind": "bonus", "max_points": 2, "step": 1}
        ],
        "rating_bands": [
            {"code": "dat", "label": "Đạt", "min": 5},
            {"code": "chua_dat", "label": "Chưa đạt", "min": 0, "max": 5},
        ],
        "hard_fails": [{"id": "HF1", "label": "Trượt", "criterion": "B2", "cap": "chua_dat"}],
    }


def edited(*edits: tuple[str, Any]) -> dict[str, Any]:
    """The minimal template with dotted-path edits applied ("sections.0.max_points", 7).

    An index one past the end of a list appends to it.
    """
    data = minimal()
    for dotted, value in edits:
        *parents, last = (int(k) if k.isdigit() else k for k in dotted.split("."))
        node: Any = data
        for key in parents:
            node = node[key]
        if value is DELETE:
            del node[last]
        elif isinstance(node, list) and last == len(node):
            node.append(copy.deepcopy(value))
        else:
            node[last] = copy.deepcopy(value)
    return data


def problems_of(data: Any) -> list[Problem]:
    with pytest.raises(TemplateInvalid) as excinfo:
        parse_template(data, "thu.json")
    return excinfo.value.problems


@pytest.mark.parametrize(
    "edits",
    [
        [("sections.1.criteria.1.evidence", {"photo_required_when_no": True})],
        [("sections.0.criteria.1.evidence", {"photo_required_below_max": True})],
        [("sections.1.criteria.1.critical", True)],
        [("na_mode", "pooled")],
        [("adjustments.0.per_unit", {"points": 0.5, "unit": "sáng kiến"})],
        [("adjustments.0.per_unit", {"points": 1}), ("adjustments.0.max_points", 2.5)],
        [
            ("sections.1.criteria.0.scoring.bands.0.max", 100),
            ("sections.1.criteria.0.scoring.bands.1.min", 100),
        ],
    ],
)
def test_new_fields_used_where_they_apply_are_valid(edits: list[tuple[str, Any]]) -> None:
    assert check_template(parse_template(edited(*edits))) == []


def test_minimal_template_is_valid() -> None:
    template = parse_template(minimal())
    assert check_template(template) == []
    assert [c.id for c in template.criteria()] == ["A1", "A2", "B1", "B2", "B3"]


STRUCTURAL = [
    pytest.param([("version", 0)], "version", "lớn hơn hoặc bằng 1", id="version-zero"),
    pytest.param([("title", DELETE)], "title", "thiếu trường bắt buộc", id="missing-title"),
    pytest.param([("total_points", "mười")], "total_points", "phải là một số", id="text-points"),
    pytest.param([("title", "x" * 2001)], "title", "tối đa 2000 ký tự", id="too-long"),
    pytest.param(
        [("sections.0.criteria.0.label", "")], f"{A1}.label", "không được để trống", id="empty"
    ),
    pytest.param(
        [("sections.0.criteria.1.colour", "đỏ")],
        f"{A2}.colour",
        "trường không được phép",
        id="extra-field",
    ),
    pytest.param(
        [("sections.0.criteria.0.scoring", {"kind": "stars"})],
        f"{A1}.scoring",
        "“stars” không hợp lệ; chỉ chấp nhận: points, status, yes_no, bands, info",
        id="unknown-kind",
    ),
    pytest.param(
        [("sections.0.criteria.0.scoring", {})],
        f"{A1}.scoring",
        "thiếu trường “kind”",
        id="missing-kind",
    ),
    pytest.param(
        [("sections.0.criteria.0.scoring", "status")],
        f"{A1}.scoring",
        "phải là một đối tượng JSON",
        id="scoring-not-object",
    ),
    pytest.param(
        [("sections.0.criteria.1.scoring.step", 0)],
        f"{A2}.scoring.step",
        "phải lớn hơn 0",
        id="step-zero",
    ),
    pytest.param(
        [("sections.0.criteria.0.id", "A 1")],
        "sections[0] (A).criteria[0] (A 1).id",
        "chữ cái không dấu, chữ số",
        id="id-pattern",
    ),
    pytest.param(
        [("sections.1.criteria.1.max_points", 1001)],
        f"{B2}.max_points",
        "nhỏ hơn hoặc bằng 1.000",
        id="max-out-of-range",
    ),
    pytest.param(
        [("adjustments.0.kind", "thuong")],
        "adjustments[0] (T1).kind",
        "chỉ chấp nhận: bonus, penalty",
        id="adjustment-kind",
    ),
    pytest.param(
        [("sections.0.criteria.0.scoring.fractions", {"dat": 1, "tot": 0.5})],
        f"{A1}.scoring.fractions.tot",
        'tên khóa "tot" không hợp lệ',
        id="fraction-key",
    ),
    pytest.param(
        [("sections.1.criteria.0.figures.2.rate_of", ["done"])],
        f"{B1}.figures[2] (rate).rate_of[1]",
        "thiếu phần tử",
        id="rate-of-short",
    ),
    pytest.param(
        [("sections.1.criteria.0.figures.0.integer", "có")],
        f"{B1}.figures[0] (done).integer",
        "phải là true hoặc false",
        id="bool",
    ),
    pytest.param([("rating_bands", [])], "rating_bands", "cần ít nhất 1", id="no-bands"),
    pytest.param([("hard_fails", "HF1")], "hard_fails", "phải là một danh sách", id="not-list"),
    # Loose coercions are refused: a mapping is held to the rules of JSON text.
    pytest.param([("version", True)], "version", "phải là số nguyên", id="version-bool"),
    pytest.param([("version", 1.0)], "version", "phải là số nguyên", id="version-float"),
    pytest.param(
        [("sections.0.criteria.0.max_points", "4")],
        f"{A1}.max_points",
        "phải là một số",
        id="points-as-text",
    ),
    pytest.param([("title", "   ")], "title", "không được để trống", id="blank-title"),
    pytest.param(
        [("sections.0.criteria.0.label", " \t ")],
        f"{A1}.label",
        "không được để trống",
        id="blank-label",
    ),
    pytest.param(
        [("rating_bands.0.label", " ")],
        "rating_bands[0] (dat).label",
        "không được để trống",
        id="blank-band-label",
    ),
    pytest.param(
        [("total_points", float("nan"))], "total_points", "không chấp nhận NaN", id="nan-total"
    ),
    pytest.param(
        [("sections.0.criteria.1.scoring.step", float("inf"))],
        f"{A2}.scoring.step",
        "không chấp nhận NaN hay vô cực",
        id="infinite-step",
    ),
    pytest.param(
        [("total_points", 10**400)],
        "total_points",
        "đang là 1000",
        id="huge-int-total",
    ),
]

CROSS_FIELD = [
    pytest.param(
        [("sections.1.criteria.1.id", "A1"), ("hard_fails.0.criterion", "A1")],
        "sections[1] (B).criteria[1] (A1).id",
        f"mã “A1” bị trùng với {A1}",
        id="duplicate-criterion",
    ),
    pytest.param(
        [("adjustments.0.id", "A2")],
        "adjustments[0] (A2).id",
        f"bị trùng với {A2}",
        id="adjustment-collides-with-criterion",
    ),
    pytest.param(
        [("sections.1.id", "A")], "sections[1] (A).id", "bị trùng", id="duplicate-section"
    ),
    pytest.param(
        [("sections.1.criteria.2.figures.1", {"id": "staff", "label": "Lặp"})],
        f"{B3}.figures[1] (staff).id",
        "bị trùng",
        id="duplicate-figure",
    ),
    pytest.param(
        [("rating_bands.1.code", "dat"), ("hard_fails.0.cap", "dat")],
        "rating_bands[1] (dat).code",
        "mỗi xếp loại cần một mã riêng",
        id="duplicate-band-code",
    ),
    pytest.param(
        [("hard_fails.1", {"id": "HF1", "label": "Lặp", "criterion": "A1", "cap": "chua_dat"})],
        "hard_fails[1] (HF1).id",
        "bị trùng",
        id="duplicate-hard-fail",
    ),
    pytest.param(
        [("sections.0.criteria.0.max_points", 3)],
        "sections[0] (A).max_points",
        "tổng điểm tối đa các tiêu chí là 5",
        id="section-sum",
    ),
    pytest.param(
        [("total_points", 12)], "total_points", "tổng điểm tối đa các nhóm là 10", id="total-sum"
    ),
    pytest.param(
        [("sections.0.criteria.1.scoring.step", 0.75)],
        f"{A2}.max_points",
        "không phải bội số của bước chấm 0,75",
        id="step-not-divisor",
    ),
    pytest.param(
        [("adjustments.0.step", 0.75)],
        "adjustments[0] (T1).max_points",
        "không phải bội số",
        id="adjustment-step",
    ),
    pytest.param(
        [("sections.1.criteria.0.scoring.figure", "ratio")],
        f"{B1}.scoring.figure",
        "không có số liệu “ratio”",
        id="bands-unknown-figure",
    ),
    pytest.param(
        [("sections.1.criteria.0.scoring.bands.0.max", 60)],
        f"{B1}.scoring.bands[0].max",
        "chồng lấn",
        id="bands-overlap",
    ),
    pytest.param(
        [("sections.1.criteria.0.scoring.bands.0.max", 40)],
        f"{B1}.scoring.bands[0].max",
        "bỏ trống từ 40 đến 50",
        id="bands-gap",
    ),
    pytest.param(
        [("sections.1.criteria.0.scoring.bands.1.max", 100)],
        f"{B1}.scoring.bands[1].max",
        "để trống giới hạn trên",
        id="bands-top-closed",
    ),
    pytest.param(
        [("sections.1.criteria.0.scoring.bands.0.min", 10)],
        f"{B1}.scoring.bands[0].min",
        "phải bắt đầu từ 0",
        id="bands-not-from-zero",
    ),
    pytest.param(
        [("sections.1.criteria.0.scoring.bands.0.min", float("nan"))],
        f"{B1}.scoring.bands[0].min",
        "số hữu hạn",
        id="bands-nan",
    ),
    pytest.param(
        [("sections.1.criteria.0.scoring.bands.1.points", 3)],
        f"{B1}.scoring.bands[1].points",
        "vượt quá điểm tối đa 2",
        id="band-points-above-max",
    ),
    pytest.param(
        [("sections.1.criteria.0.scoring.bands.1.points", 1.5)],
        f"{B1}.scoring.bands",
        "không thể đạt điểm tối đa 2",
        id="band-max-unreachable",
    ),
    pytest.param(
        [
            ("sections.1.criteria.2.max_points", 1),
            ("sections.1.max_points", 5),
            ("total_points", 11),
        ],
        f"{B3}.max_points",
        "phải có điểm tối đa 0",
        id="info-with-points",
    ),
    pytest.param(
        [
            ("sections.0.criteria.1.max_points", 0),
            ("sections.0.max_points", 4),
            ("total_points", 8),
        ],
        f"{A2}.max_points",
        "điểm tối đa lớn hơn 0",
        id="scored-without-points",
    ),
    pytest.param(
        [("sections.1.criteria.0.figures.2.rate_of", ["rate", "all"])],
        f"{B1}.figures[2] (rate).rate_of",
        "không dùng được: rate",
        id="rate-of-itself",
    ),
    pytest.param(
        [("sections.1.criteria.0.figures.2.rate_of", ["done", "staff"])],
        f"{B1}.figures[2] (rate).rate_of",
        "không dùng được: staff",
        id="rate-of-other-criterion",
    ),
    pytest.param(
        [("sections.0.criteria.0.scoring.fractions", {"dat": 1, "khong_dat": 0})],
        f"{A1}.scoring.fractions",
        "thiếu tỷ lệ điểm cho: Đạt một phần",
        id="fractions-missing",
    ),
    pytest.param(
        [
            (
                "sections.0.criteria.0.scoring.fractions",
                {"dat": 0.9, "dat_mot_phan": 0.5, "khong_dat": 0},
            )
        ],
        f"{A1}.scoring.fractions.dat",
        "mức Đạt phải được trọn điểm",
        id="fractions-dat-not-full",
    ),
    pytest.param(
        [
            (
                "sections.0.criteria.0.scoring.fractions",
                {"dat": 1, "dat_mot_phan": 0.2, "khong_dat": 0.5},
            )
        ],
        f"{A1}.scoring.fractions.dat_mot_phan",
        "phải giảm dần",
        id="fractions-not-decreasing",
    ),
    pytest.param(
        [("rating_bands.1.max", 6)],
        "rating_bands[1] (chua_dat).max",
        "chồng lấn",
        id="rating-overlap",
    ),
    pytest.param(
        [("rating_bands.1.max", 4)],
        "rating_bands[1] (chua_dat).max",
        "bỏ trống từ 4 đến 5",
        id="rating-gap",
    ),
    pytest.param(
        [("rating_bands.0.max", 11)],
        "rating_bands[0] (dat).max",
        "để trống giới hạn trên",
        id="rating-top-closed",
    ),
    pytest.param(
        [("rating_bands.1.min", 1)],
        "rating_bands[1] (chua_dat).min",
        "phải bắt đầu từ 0",
        id="rating-not-from-zero",
    ),
    pytest.param(
        [("rating_bands.0.min", 12), ("rating_bands.1.max", 12)],
        "rating_bands[0] (dat).min",
        "vượt quá tổng điểm 10",
        id="rating-above-total",
    ),
    pytest.param(
        [("hard_fails.0.criterion", "B9")],
        "hard_fails[0] (HF1).criterion",
        "không có tiêu chí nào mang mã “B9”",
        id="hard-fail-unknown-criterion",
    ),
    pytest.param(
        [("hard_fails.0.cap", "tot")],
        "hard_fails[0] (HF1).cap",
        "không có xếp loại nào mang mã “tot”; các mã hiện có: dat, chua_dat",
        id="hard-fail-unknown-band",
    ),
    pytest.param(
        [("hard_fails.0.criterion", "B3")],
        "hard_fails[0] (HF1).criterion",
        "chỉ ghi nhận số liệu",
        id="hard-fail-on-info",
    ),
    pytest.param(
        [("hard_fails.0.at_most", 2)],
        "hard_fails[0] (HF1).at_most",
        "điều kiện luôn xảy ra",
        id="hard-fail-always",
    ),
    pytest.param(
        [("hard_fails.0.at_most", -1)],
        "hard_fails[0] (HF1).at_most",
        "ngưỡng -1 nhỏ hơn 0 nên điều kiện không bao giờ xảy ra",
        id="hard-fail-never",
    ),
    pytest.param(
        [
            (
                "sections.1.criteria.0.figures.3",
                {"id": "rate2", "label": "Tỷ lệ 2", "rate_of": ["rate", "all"]},
            )
        ],
        f"{B1}.figures[3] (rate2).rate_of",
        "“rate” cũng là tỷ lệ tính từ số liệu khác",
        id="rate-of-a-rate",
    ),
    pytest.param(
        [("sections.1.criteria.0.figures.2.rate_of", ["done", "done"])],
        f"{B1}.figures[2] (rate).rate_of",
        "tỷ lệ của “done” trên chính nó luôn là 100%",
        id="rate-of-a-figure-over-itself",
    ),
    pytest.param(
        [
            ("sections.1.criteria.0.scoring.bands.0.max", 120),
            ("sections.1.criteria.0.scoring.bands.1.min", 120),
        ],
        f"{B1}.scoring.bands[1].min",
        "khoảng bắt đầu từ 120% nhưng “Tỷ lệ đạt” là tỷ lệ phần trăm, không vượt quá 100%, "
        "nên 2 điểm của khoảng này không bao giờ đạt được "
        "(tiêu chí không thể đạt điểm tối đa 2)",
        id="bands-above-100-percent",
    ),
    pytest.param(
        [
            ("sections.1.criteria.0.scoring.bands.0.max", 100.5),
            ("sections.1.criteria.0.scoring.bands.1.min", 100.5),
            ("sections.1.criteria.0.figures.2", {"id": "rate", "label": "Tỷ lệ đạt", "unit": "%"}),
        ],
        f"{B1}.scoring.bands[1].min",
        "khoảng bắt đầu từ 100,5%",
        id="bands-above-100-on-an-entered-percentage",
    ),
    pytest.param(
        [("sections.0.criteria.0.evidence", {"photo_required_when_no": True})],
        f"{A1}.evidence.photo_required_when_no",
        "chỉ dùng cho tiêu chí Có/Không (kind “yes_no”); tiêu chí này chấm theo kind “status”",
        id="photo-when-no-on-status",
    ),
    pytest.param(
        [("sections.1.criteria.2.evidence", {"photo_required_below_max": True})],
        f"{B3}.evidence.photo_required_below_max",
        "không bao giờ áp dụng",
        id="photo-below-max-on-info",
    ),
    pytest.param(
        [("sections.1.criteria.2.critical", True)],
        f"{B3}.critical",
        "không thể là tiêu chí then chốt",
        id="critical-info",
    ),
    pytest.param(
        [("hard_fails.0.cap", "dat")],
        "hard_fails[0] (HF1).cap",
        "“Đạt” (dat) là xếp loại cao nhất nên hạ xếp loại xuống mức này không có tác dụng",
        id="hard-fail-cap-at-the-top",
    ),
    pytest.param(
        [("rating_bands.1.label", " đạt ")],
        "rating_bands[1] (chua_dat).label",
        "tên xếp loại “ đạt ” trùng với rating_bands[0] (dat); mỗi xếp loại cần một tên riêng",
        id="two-bands-one-label",
    ),
]


@pytest.mark.parametrize("edits,path,phrase", STRUCTURAL + CROSS_FIELD)
def test_malformed_template_names_path_and_reason(
    edits: list[tuple[str, Any]], path: str, phrase: str
) -> None:
    problems = problems_of(edited(*edits))
    assert [p.path for p in problems] == [path]
    assert phrase in problems[0].message


def test_several_cross_field_problems_are_all_reported() -> None:
    data = edited(
        ("sections.1.criteria.1.id", "A1"),
        ("total_points", 12),
        ("sections.1.criteria.0.scoring.bands.0.max", 40),
        ("rating_bands.1.min", 1),
        ("hard_fails.0.cap", "tot"),
    )
    assert [p.path for p in problems_of(data)] == [
        "sections[1] (B).criteria[1] (A1).id",
        "total_points",
        f"{B1}.scoring.bands[0].max",
        "rating_bands[1] (chua_dat).min",
        "hard_fails[0] (HF1).criterion",
        "hard_fails[0] (HF1).cap",
    ]


def test_several_structural_problems_are_all_reported() -> None:
    data = edited(
        ("version", "một"),
        ("sections.0.criteria.0.scoring", {"kind": "stars"}),
        ("sections.1.criteria.1.max_points", -1),
        ("adjustments.0.extra", 1),
    )
    assert [p.path for p in problems_of(data)] == [
        "version",
        f"{A1}.scoring",
        f"{B2}.max_points",
        "adjustments[0] (T1).extra",
    ]


def test_criterion_whose_items_all_fail_is_not_also_called_empty() -> None:
    data = edited(("sections.0.criteria", [{"id": "A1"}]))
    paths = [p.path for p in problems_of(data)]
    assert paths == [f"{A1}.label", f"{A1}.max_points", f"{A1}.scoring"]


def test_band_whose_max_is_not_above_its_min() -> None:
    data = edited(("sections.1.criteria.0.scoring.bands.0", {"min": 0, "max": 0, "points": 0}))
    assert [(p.path, p.message) for p in problems_of(data)] == [
        (f"{B1}.scoring.bands[0].max", "giới hạn trên 0 phải lớn hơn giới hạn dưới 0"),
        (
            f"{B1}.scoring.bands[0].max",
            f"bỏ trống từ 0 đến 50 ({B1}.scoring.bands[1]); giới hạn trên phải bằng 50",
        ),
    ]


def test_invalid_json_reports_line_and_column() -> None:
    text = '{\n  "id": "mini",\n  "version": 1\n  "title": "Mẫu thử"\n}'
    problems = problems_of(text)
    assert problems == [
        Problem("", "tệp JSON sai cú pháp ở dòng 4, cột 3: thiếu dấu phẩy ',' giữa hai phần tử")
    ]


def test_json_that_is_not_an_object_is_rejected() -> None:
    problems = problems_of("[1, 2]")
    assert len(problems) == 1
    assert "phải là một đối tượng JSON" in problems[0].message


def test_bytes_that_are_not_utf8_are_rejected() -> None:
    problems = problems_of('{"title": "Mẫu"}'.encode("utf-16"))
    assert "không phải văn bản UTF-8" in problems[0].message


@pytest.mark.parametrize(
    "data",
    [
        pytest.param(json.dumps(minimal(), ensure_ascii=False), id="str"),
        pytest.param(json.dumps(minimal()).encode("utf-8"), id="bytes"),
        pytest.param(b"\xef\xbb\xbf" + json.dumps(minimal()).encode("utf-8"), id="bytes-bom"),
    ],
)
def test_text_and_bytes_parse_like_the_mapping(data: str | bytes) -> None:
    assert parse_template(data) == parse_template(minimal())


def test_error_text_names_the_source_and_every_problem() -> None:
    with pytest.raises(TemplateInvalid) as excinfo:
        parse_template(edited(("total_points", 12), ("version", 1)), source="mau/thu.v1.json")
    text = str(excinfo.value)
    assert "(mau/thu.v1.json)" in text
    assert "1 lỗi" in text
    assert "total_points: tổng điểm của mẫu phiếu là 12" in text
    assert excinfo.value.source == "mau/thu.v1.json"


def test_same_content_gives_same_hash_in_any_key_order() -> None:
    reordered = json.loads(json.dumps(minimal(), sort_keys=True))
    first = parse_template(minimal()).content_hash()
    assert parse_template(reordered).content_hash() == first
    assert parse_template(json.dumps(minimal())).content_hash() == first
    assert len(first) == 64


@pytest.mark.parametrize(
    "edits",
    [
        [("version", 2)],
        [("title", "Mẫu thử mới")],
        [("sections.0.criteria.0.label", "Trạng thái mới")],
        [("sections.0.criteria.0.guidance", "Xem hồ sơ")],
        [("sections.0.criteria.0.evidence", {"photo_required": True})],
        [
            ("sections.1.criteria.0.scoring.bands.0.max", 40),
            ("sections.1.criteria.0.scoring.bands.1.min", 40),
        ],
        [("rating_bands.0.label", "Đạt yêu cầu")],
        [("hard_fails.0.at_most", 1)],
        [("na_mode", "pooled")],
        [("sections.0.criteria.0.critical", True)],
        [("sections.0.criteria.0.evidence", {"photo_required_below_max": True})],
        [("sections.1.criteria.1.evidence", {"photo_required_when_no": True})],
        [("adjustments.0.per_unit", {"points": 1})],
    ],
)
def test_any_change_gives_a_different_hash(edits: list[tuple[str, Any]]) -> None:
    changed = parse_template(edited(*edits)).content_hash()
    assert changed != parse_template(minimal()).content_hash()


@pytest.mark.parametrize(
    "edits",
    [
        [("na_mode", "section_weighted")],
        [("sections.0.criteria.0.critical", False)],
        [("sections.0.criteria.0.evidence", {"photo_required_below_max": False})],
        [("sections.1.criteria.1.evidence", {"photo_required_when_no": False})],
        [("adjustments.0.per_unit", None)],
    ],
)
def test_a_later_field_written_at_its_default_keeps_the_hash(edits: list[tuple[str, Any]]) -> None:
    unchanged = parse_template(edited(*edits)).content_hash()
    assert unchanged == parse_template(minimal()).content_hash()


@pytest.mark.parametrize(
    "key,content_hash",
    [
        ("cqtt-xa", "c2fc9f2c51710b28394191faf41be066eb15662050f8ed4b5eb775bf58d247c4"),
        ("mot-cua", "6a1b05f2bdaceb77cdc778f3cf71977d557b597451be84314d7190b153ab36e5"),
    ],
)
def test_bundled_templates_keep_the_hash_their_records_name(key: str, content_hash: str) -> None:
    (template,) = [t for t in bundled_templates() if t.id == key and t.version == 1]
    assert template.content_hash() == content_hash


@pytest.mark.parametrize("template", bundled_templates(), ids=lambda t: f"{t.id}.v{t.version}")
def test_every_bundled_template_passes_check_template(template: Any) -> None:
    assert check_template(template) == []


def test_duplicate_keys_are_reported_with_their_path() -> None:
    text = json.dumps(minimal(), ensure_ascii=False)
    text = text.replace('"total_points": 10', '"total_points": 99, "total_points": 10', 1)
    text = text.replace('"max_points": 4', '"max_points": 40, "max_points": 4', 1)
    assert [(p.path, p.message) for p in problems_of(text)] == [
        (
            f"{A1}.max_points",
            "trường “max_points” được ghi nhiều lần trong cùng một đối tượng; chỉ giữ một",
        ),
        (
            "total_points",
            "trường “total_points” được ghi nhiều lần trong cùng một đối tượng; chỉ giữ một",
        ),
    ]


@pytest.mark.parametrize(
    "text,message",
    [
        pytest.param(
            '{"version": 1' + "0" * 5000 + "}",
            "dữ liệu JSON có số quá lớn nên không đọc được",
            id="5000-digit-int",
        ),
        pytest.param(
            "[" * 100_000 + "]" * 100_000,
            "dữ liệu JSON lồng nhau quá sâu nên không đọc được",
            id="deep-nesting",
        ),
    ],
)
def test_unreadable_json_is_a_problem_not_a_crash(text: str, message: str) -> None:
    assert problems_of(text) == [Problem("", message)]


def test_mapping_with_values_json_cannot_hold_is_a_problem() -> None:
    data = edited(("sections.0.criteria.0.evidence", {"hints": {"a", "b"}}))
    assert problems_of(data) == [
        Problem("", "dữ liệu JSON có giá trị không biểu diễn được bằng JSON nên không đọc được")
    ]


@pytest.mark.parametrize(
    "edits,path,phrase",
    [
        pytest.param([("version", True)], "version", "phải là số nguyên", id="version-bool"),
        pytest.param([("total_points", "10")], "total_points", "phải là một số", id="quoted"),
        pytest.param([("total_points", float("inf"))], "total_points", "NaN", id="infinity"),
    ],
)
def test_json_text_is_validated_strictly(
    edits: list[tuple[str, Any]], path: str, phrase: str
) -> None:
    problems = problems_of(json.dumps(edited(*edits)))
    assert [p.path for p in problems] == [path]
    assert phrase in problems[0].message


def test_show_never_crashes_on_huge_numbers() -> None:
    assert show(10**400).startswith("1000") and show(10**400).endswith("...")
    assert len(show(10**400)) == 40
    assert show(6.5) == "6,5"


def test_unknown_pydantic_errors_are_wrapped_in_vietnamese() -> None:
    with pytest.raises(ValidationError) as excinfo:
        TypeAdapter(date).validate_python("hôm qua")
    (problem,) = validation_problems(excinfo.value, "hôm qua")
    assert problem.message.startswith("giá trị không hợp lệ (date_")
    assert problem.message.endswith(', đang là "hôm qua"')
