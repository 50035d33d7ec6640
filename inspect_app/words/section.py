"""Words of the section screen: each criterion's state, points and evidence."""

from __future__ import annotations

__all__ = ["SECTION_WORDS"]

SECTION_WORDS: dict[str, dict[str, str]] = {
    "vi": {
        "section.not_found": "Không có phần này trong bộ tiêu chí của cuộc kiểm tra.",
        "section.state.scored": "Đã chấm",
        "section.state.not_applicable": "Không áp dụng",
        "section.state.conflict": "Chưa thống nhất",
        "section.state.unscored": "Chưa chấm",
        "section.state.invalid": "Giá trị không hợp lệ",
        "section.state.info": "Chỉ ghi số liệu",
        "section.points": "{points}/{max} điểm",
        "section.max": "tối đa {max} điểm",
        "section.evidence_missing": "Thiếu {count} minh chứng",
    },
    "en": {
        "section.not_found": "The inspection's checklist has no such section.",
        "section.state.scored": "Scored",
        "section.state.not_applicable": "Not applicable",
        "section.state.conflict": "Disagreement",
        "section.state.unscored": "Not scored",
        "section.state.invalid": "Invalid value",
        "section.state.info": "Figures only",
        "section.points": "{points}/{max} points",
        "section.max": "max {max} points",
        "section.evidence_missing": "{count} evidence missing",
    },
}
