"""Words of the conclusion screen (a placeholder until the documents issue)."""

from __future__ import annotations

__all__ = ["CONCLUSION_WORDS"]

CONCLUSION_WORDS: dict[str, dict[str, str]] = {
    "vi": {
        "conclusion.title": "Kết luận của trưởng đoàn",
        "conclusion.not_yet": (
            "Soạn kết luận và xuất văn bản DOCX (biên bản, báo cáo, thông báo kết luận) sẽ có "
            "trong bản cập nhật về văn bản. Hiện màn hình này chỉ hiển thị kết luận đã ghi."
        ),
        "conclusion.empty": "Chưa có nội dung kết luận nào được ghi.",
        "conclusion.block_empty": "(chưa ghi)",
    },
    "en": {
        "conclusion.title": "The leader's conclusion",
        "conclusion.not_yet": (
            "Drafting the conclusion and exporting the DOCX documents (minutes, report, "
            "conclusion notice) come with the documents update. For now this screen only shows "
            "the conclusion already recorded."
        ),
        "conclusion.empty": "No conclusion has been recorded yet.",
        "conclusion.block_empty": "(not written)",
    },
}
