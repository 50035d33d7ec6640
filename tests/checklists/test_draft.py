"""Conclusion drafting: the sentences each kind of record gets, written out in full."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

import pytest

from checklists.conclusion.draft import Draft, RecommendationGroup, draft, figure_prose
from checklists.errors import TemplateInvalid
from checklists.record.editing import assess, new_inspection, set_self_score
from checklists.record.model import ConclusionPart, Inspection, Role, Value
from checklists.record.sample import build_sample_inspection
from checklists.template.catalog import get_template
from checklists.template.model import Status, Template
from checklists.template.validation import parse_template

LEAD = "lead"
TEMPLATE_DATA: dict[str, Any] = {
    "id": "ket-luan",
    "version": 1,
    "title": "Phiếu thử kết luận",
    "programme": "mô hình “Dân vận khéo”",
    "total_points": 20,
    "addressees": [
        {"id": "ubnd", "label": "Ủy ban nhân dân phường"},
        {"id": "dang_uy", "label": "Đảng ủy phường"},
    ],
    "general_recommendations": [{"text": "Tiếp tục tuyên truyền sâu rộng về mô hình."}],
    "sections": [
        {
            "id": "A",
            "title": "Tuyên truyền",
            "max_points": 10,
            "criteria": [
                {
                    "id": "A1",
                    "label": "Tổ chức tuyên truyền về mô hình",
                    "max_points": 6,
                    "scoring": {"kind": "points", "step": 1},
                    "figures": [
                        {"id": "meetings", "label": "Số cuộc tuyên truyền", "unit": "cuộc"},
                        {"id": "listeners", "label": "Số lượt người nghe", "unit": "lượt"},
                    ],
                },
                {
                    "id": "A2",
                    "label": "Công khai các nội dung theo quy định",
                    "max_points": 4,
                    "scoring": {"kind": "status"},
                    "allow_na": True,
                    "recommendation": "Công khai đầy đủ trên trang thông tin điện tử.",
                    "recommendation_to": "ubnd",
                },
            ],
        },
        {
            "id": "B",
            "title": "Tiếp công dân",
            "max_points": 10,
            "criteria": [
                {
                    "id": "B1",
                    "label": "Không có phản ánh nhũng nhiễu được xác minh",
                    "max_points": 4,
                    "scoring": {"kind": "yes_no"},
                    "recommendation": "Xử lý nghiêm cán bộ nhũng nhiễu.",
                    "recommendation_to": "dang_uy",
                },
                {
                    "id": "B2",
                    "label": "Giải quyết đơn thư đúng hạn",
                    "max_points": 6,
                    "scoring": {"kind": "points", "step": 1},
                    "recommendation": "Giải quyết dứt điểm đơn thư tồn đọng.",
                    "figures": [
                        {"id": "received", "label": "Số đơn tiếp nhận", "unit": "đơn"},
                        {"id": "resolved", "label": "Số đơn đã giải quyết", "unit": "đơn"},
                        {
                            "id": "rate",
                            "label": "Tỷ lệ giải quyết",
                            "unit": "%",
                            "rate_of": ["resolved", "received"],
                        },
                    ],
                },
            ],
        },
    ],
    "rating_bands": [
        {"code": "tot", "label": "Tốt", "min": 18},
        {"code": "kha", "label": "Khá", "min": 14, "max": 18},
        {"code": "tb", "label": "Trung bình", "min": 0, "max": 14},
    ],
    "hard_fails": [
        {
            "id": "hf",
            "label": "Có phản ánh nhũng nhiễu được xác minh",
            "criterion": "B1",
            "cap": "kha",
        },
    ],
}
TEMPLATE = parse_template(TEMPLATE_DATA)

HIGH: dict[str, tuple[Value, str]] = {
    "A1": (Value(score=6, figures={"meetings": 722, "listeners": 46804}), ""),
    "A2": (Value(status=Status.DAT), ""),
    "B1": (Value(answer=True), ""),
    "B2": (Value(score=6, figures={"received": 815, "resolved": 805}), ""),
}
OPENING = (
    "Đoàn kiểm tra ghi nhận sự nỗ lực, cố gắng của cấp ủy, chính quyền, cán bộ, công chức, "
    "viên chức phường Mẫu Sơn trong thực hiện mô hình “Dân vận khéo”."
)
A_HIGH = (
    "Nhóm tiêu chí “Tuyên truyền” đạt 10/10 điểm: tổ chức tuyên truyền về mô hình (722 cuộc "
    "tuyên truyền, với 46.804 lượt người nghe); công khai các nội dung theo quy định."
)
B_HIGH = (
    "Nhóm tiêu chí “Tiếp công dân” đạt 10/10 điểm: không có phản ánh nhũng nhiễu được xác "
    "minh; giải quyết đơn thư đúng hạn (815 đơn tiếp nhận, với 805 đơn đã giải quyết, tỷ lệ "
    "giải quyết đạt 98,77%)."
)


def _record(
    values: Mapping[str, tuple[Value, str]], self_scores: Mapping[str, float] | None = None
) -> Inspection:
    record = new_inspection(
        TEMPLATE,
        {"unit_name": "Phường Mẫu Sơn", "inspection_date": date(2023, 11, 24)},
        members=[{"id": LEAD, "name": "Nguyễn Văn A", "role": Role.TRUONG_DOAN}],
    )
    for criterion, (value, note) in values.items():
        record = assess(record, author_id=LEAD, criterion_id=criterion, value=value, note=note)
    for criterion, points in (self_scores or {}).items():
        record = set_self_score(record, author_id=LEAD, criterion_id=criterion, points=points)
    return record


def test_all_high_acknowledges_every_group_with_its_figures_total_and_rating() -> None:
    result = draft(_record(HIGH, {"A1": 6, "A2": 4, "B1": 4, "B2": 6}), TEMPLATE)
    assert result == Draft(
        acknowledgements=(
            OPENING,
            A_HIGH,
            B_HIGH,
            "Kết quả chấm điểm của Đoàn kiểm tra đạt 20/20 điểm, xếp loại Tốt.",
            "Đơn vị tự chấm 20 điểm, Đoàn kiểm tra chấm 20 điểm trên cùng các tiêu chí.",
        ),
        limitations=("Qua kiểm tra, chưa phát hiện hạn chế, tồn tại đáng kể.",),
        recommendations=(
            RecommendationGroup("", "", ("Tiếp tục tuyên truyền sâu rộng về mô hình.",)),
        ),
    )


def test_mixed_lists_the_short_criteria_with_notes_and_groups_recommendations_by_addressee() -> (
    None
):
    values = {
        **HIGH,
        "A2": (Value(status=Status.DAT_MOT_PHAN), "Chưa công khai trên trang điện tử."),
        "B2": (Value(score=4, figures={"received": 815, "resolved": 805}), "Còn 10 đơn tồn đọng"),
    }
    result = draft(_record(values), TEMPLATE)
    assert result.acknowledgements[1:] == (
        "Nhóm tiêu chí “Tuyên truyền” đạt 8/10 điểm: tổ chức tuyên truyền về mô hình (722 cuộc "
        "tuyên truyền, với 46.804 lượt người nghe).",
        "Nhóm tiêu chí “Tiếp công dân” đạt 8/10 điểm: không có phản ánh nhũng nhiễu được xác minh.",
        "Kết quả chấm điểm của Đoàn kiểm tra đạt 16/20 điểm, xếp loại Khá.",
    )
    assert result.limitations == (
        "Công khai các nội dung theo quy định mới đạt 2/4 điểm: chưa công khai trên trang điện tử.",
        "Giải quyết đơn thư đúng hạn mới đạt 4/6 điểm: 815 đơn tiếp nhận, với 805 đơn đã giải "
        "quyết, tỷ lệ giải quyết đạt 98,77%; còn 10 đơn tồn đọng.",
    )
    assert result.recommendations == (
        RecommendationGroup(
            "",
            "Đối với phường Mẫu Sơn:",
            (
                "Giải quyết dứt điểm đơn thư tồn đọng.",
                "Tiếp tục tuyên truyền sâu rộng về mô hình.",
            ),
        ),
        RecommendationGroup(
            "ubnd",
            "Đối với Ủy ban nhân dân phường:",
            ("Công khai đầy đủ trên trang thông tin điện tử.",),
        ),
    )
    assert result.blocks()[ConclusionPart.RECOMMENDATIONS] == (
        "Đối với phường Mẫu Sơn:\n"
        "- Giải quyết dứt điểm đơn thư tồn đọng.\n"
        "- Tiếp tục tuyên truyền sâu rộng về mô hình.\n"
        "Đối với Ủy ban nhân dân phường:\n"
        "- Công khai đầy đủ trên trang thông tin điện tử."
    )


def test_a_not_applicable_criterion_is_neither_praised_nor_a_limitation() -> None:
    values = {**HIGH, "A2": (Value(not_applicable=True), "Không phát sinh trong kỳ.")}
    result = draft(_record(values), TEMPLATE)
    assert result.acknowledgements[1] == (
        "Nhóm tiêu chí “Tuyên truyền” đạt 6/6 điểm: tổ chức tuyên truyền về mô hình (722 cuộc "
        "tuyên truyền, với 46.804 lượt người nghe)."
    )
    assert result.acknowledgements[3] == (
        "Kết quả chấm điểm của Đoàn kiểm tra đạt 20/20 điểm, xếp loại Tốt."
    )
    assert result.limitations == ("Qua kiểm tra, chưa phát hiện hạn chế, tồn tại đáng kể.",)


def test_a_hard_fail_is_a_limitation_and_caps_the_rating_in_the_text() -> None:
    values = {**HIGH, "B1": (Value(answer=False), "Có 01 phản ánh được xác minh.")}
    result = draft(_record(values), TEMPLATE)
    # 16 points would rate Khá anyway; the cap is what the limitation says.
    assert result.acknowledgements[-1] == (
        "Kết quả chấm điểm của Đoàn kiểm tra đạt 16/20 điểm, xếp loại Khá."
    )
    assert result.limitations == (
        "Không có phản ánh nhũng nhiễu được xác minh mới đạt 0/4 điểm: có 01 phản ánh được "
        "xác minh.",
        "Có phản ánh nhũng nhiễu được xác minh, nên xếp loại không vượt quá Khá.",
    )
    assert result.recommendations[1] == RecommendationGroup(
        "dang_uy", "Đối với Đảng ủy phường:", ("Xử lý nghiêm cán bộ nhũng nhiễu.",)
    )


def test_missing_figures_leave_the_prose_out_and_an_unscored_criterion_makes_it_provisional() -> (
    None
):
    values = {
        "A1": (Value(score=6), ""),
        "A2": (Value(status=Status.DAT), ""),
        "B2": (Value(score=6, figures={"received": 815}), ""),
    }
    result = draft(_record(values), TEMPLATE)
    assert result.acknowledgements[1:] == (
        "Nhóm tiêu chí “Tuyên truyền” đạt 10/10 điểm: tổ chức tuyên truyền về mô hình; công "
        "khai các nội dung theo quy định.",
        "Nhóm tiêu chí “Tiếp công dân” có các tiêu chí đạt kết quả tốt: giải quyết đơn thư "
        "đúng hạn (815 đơn tiếp nhận).",
        "Kết quả chấm điểm của Đoàn kiểm tra đạt 16/20 điểm, xếp loại Khá.",
        "Kết quả còn tạm tính vì còn 1 tiêu chí chưa chấm hoặc chưa thống nhất điểm.",
    )


def test_a_not_applicable_criterion_drops_out_of_all_three_parts() -> None:
    values = {**HIGH, "A2": (Value(not_applicable=True), "Không phát sinh trong kỳ.")}
    result = draft(_record(values), TEMPLATE)
    assert result == Draft(
        acknowledgements=(
            OPENING,
            "Nhóm tiêu chí “Tuyên truyền” đạt 6/6 điểm: tổ chức tuyên truyền về mô hình (722 "
            "cuộc tuyên truyền, với 46.804 lượt người nghe).",
            B_HIGH,
            "Kết quả chấm điểm của Đoàn kiểm tra đạt 20/20 điểm, xếp loại Tốt.",
        ),
        limitations=("Qua kiểm tra, chưa phát hiện hạn chế, tồn tại đáng kể.",),
        # A2's own recommendation (to the UBND) is not made: it did not apply.
        recommendations=(
            RecommendationGroup("", "", ("Tiếp tục tuyên truyền sâu rộng về mô hình.",)),
        ),
    )


def test_low_scores_with_no_figures_give_limitations_without_figure_prose() -> None:
    values = {
        "A1": (Value(score=3), "Chưa có số liệu"),
        "A2": (Value(status=Status.DAT), ""),
        "B1": (Value(answer=True), ""),
        "B2": (Value(score=3), ""),
    }
    result = draft(_record(values), TEMPLATE)
    assert result.acknowledgements == (
        OPENING,
        "Nhóm tiêu chí “Tuyên truyền” có các tiêu chí đạt kết quả tốt: công khai các nội dung "
        "theo quy định.",
        "Nhóm tiêu chí “Tiếp công dân” có các tiêu chí đạt kết quả tốt: không có phản ánh nhũng "
        "nhiễu được xác minh.",
        "Kết quả chấm điểm của Đoàn kiểm tra đạt 14/20 điểm, xếp loại Khá.",
    )
    assert result.limitations == (
        "Tổ chức tuyên truyền về mô hình mới đạt 3/6 điểm: chưa có số liệu.",
        "Giải quyết đơn thư đúng hạn mới đạt 3/6 điểm.",
    )
    assert result.recommendations == (
        RecommendationGroup(
            "",
            "",
            (
                "Giải quyết dứt điểm đơn thư tồn đọng.",
                "Tiếp tục tuyên truyền sâu rộng về mô hình.",
            ),
        ),
    )


def test_the_seed_sample_draft_approaches_the_seed_conclusion() -> None:
    result = draft(build_sample_inspection(), get_template("cqtt-xa", 1))
    text = "\n".join(result.acknowledgements)
    for phrase in (
        "phường Vĩnh Trại",
        "722 cuộc tuyên truyền trực tiếp, với 46.804 lượt người nghe",
        "1.454 cuộc tiếp công dân, với 1.695 ý kiến, kiến nghị tiếp nhận",
        "tỷ lệ đơn đã giải quyết đạt 98,77%",
        "1.965 phiếu phát ra",
        "tỷ lệ hài lòng đạt 99,44%",
        "13 tin, bài trên báo, đài",
        "đạt 93/100 điểm, xếp loại Tốt.",
    ):
        assert phrase in text, phrase
    limited = "\n".join(result.limitations)
    assert "trang thông tin điện tử chưa cập nhật đầy đủ" in limited
    assert "tỷ lệ hồ sơ trực tuyến và thanh toán không dùng tiền mặt còn thấp" in limited
    assert len(result.limitations) == 3  # A5, C2 and C3: the three the seed conclusion names
    assert draft(build_sample_inspection(), get_template("cqtt-xa", 1)) == result


def test_english_drafts_use_the_english_words_and_number_forms() -> None:
    result = draft(_record(HIGH), TEMPLATE, lang="en")
    assert result.acknowledgements[-1] == "The delegation scored 20 of 20 points, rated Tốt."
    assert "tỷ lệ giải quyết of 98.77%" in result.acknowledgements[2]


def test_figure_prose_joins_counts_and_rates_in_template_order() -> None:
    criterion = TEMPLATE.criterion("B2")
    assert figure_prose(criterion, {"rate": 50.0, "received": 2, "resolved": 1}) == (
        "2 đơn tiếp nhận, với 1 đơn đã giải quyết, tỷ lệ giải quyết đạt 50%"
    )
    assert figure_prose(criterion, {}) == ""


@pytest.mark.parametrize(
    "change,path",
    [
        ({"recommendation_to": "nobody"}, "sections[0] (A).criteria[1] (A2).recommendation_to"),
        ({"limitation_below": 1.5}, "sections[0] (A).criteria[1] (A2).limitation_below"),
    ],
)
def test_a_recommendation_for_an_undeclared_addressee_is_refused(
    change: dict[str, Any], path: str
) -> None:
    data = {**TEMPLATE_DATA, "sections": [dict(s) for s in TEMPLATE_DATA["sections"]]}
    data["sections"][0]["criteria"] = [
        data["sections"][0]["criteria"][0],
        {**data["sections"][0]["criteria"][1], **change},
    ]
    with pytest.raises(TemplateInvalid) as refused:
        parse_template(data)
    assert path in str(refused.value)


def test_templates_not_using_the_new_fields_keep_their_hash() -> None:
    # Taken before addressees, general recommendations, recommendation_to and limitation_below
    # existed: records scored against the bundled template still find it.
    bundled: Template = get_template("cqtt-xa", 1)
    assert bundled.content_hash() == (
        "c2fc9f2c51710b28394191faf41be066eb15662050f8ed4b5eb775bf58d247c4"
    )
    without = parse_template({**TEMPLATE_DATA, "general_recommendations": []})
    assert TEMPLATE.content_hash() != without.content_hash()  # once used, they are content
