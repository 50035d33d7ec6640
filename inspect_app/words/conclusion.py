"""Words of the conclusion screen: drafting, editing, versions, the lock and the export."""

from __future__ import annotations

__all__ = ["CONCLUSION_WORDS"]

CONCLUSION_WORDS: dict[str, dict[str, str]] = {
    "vi": {
        "conclusion.title": "Kết luận của trưởng đoàn",
        "conclusion.empty": "Chưa có nội dung kết luận nào được ghi.",
        "conclusion.block_empty": "(chưa ghi)",
        "conclusion.read_only": "Chỉ trưởng đoàn soạn và sửa kết luận; bạn xem nội dung đã ghi.",
        "conclusion.draft": "Soạn dự thảo",
        "conclusion.draft_title": "Thay phần đã viết bằng dự thảo?",
        "conclusion.draft_body": (
            "Các phần còn trống đã được điền từ kết quả chấm. Những phần sau đang có nội dung "
            "bạn đã viết: {parts}. Thay chúng bằng dự thảo?"
        ),
        "conclusion.draft_replace": "Thay bằng dự thảo",
        "conclusion.draft_keep": "Giữ nội dung của tôi",
        "conclusion.hint": "Mỗi đoạn một dòng; gạch đầu dòng bằng dấu “- ”.",
        "conclusion.saved": "Đã lưu",
        "conclusion.pending": "Đang gõ…",
        "conclusion.saving": "Đang lưu…",
        "conclusion.failed": "Chưa lưu được",
        "conclusion.save_version": "Lưu phiên bản",
        "conclusion.lock": "Khóa kết luận",
        "conclusion.lock_title": "Khóa kết luận?",
        "conclusion.lock_body": (
            "Nội dung hiện tại được lưu thành một phiên bản và không sửa được nữa cho đến khi "
            "trưởng đoàn mở khóa (phải nêu lý do)."
        ),
        "conclusion.unlock": "Mở khóa",
        "conclusion.unlock_title": "Mở khóa kết luận",
        "conclusion.unlock_body": "Vì sao cần sửa lại kết luận đã khóa?",
        "conclusion.locked_by": "Đã khóa bởi {who} lúc {when}",
        "conclusion.documents": "Thông tin văn bản",
        "conclusion.export": "Xuất văn bản DOCX",
        "conclusion.exporting": "Đang xuất văn bản…",
        "conclusion.export_failed": "Không xuất được văn bản. Thử lại; nếu vẫn lỗi, xem chi tiết.",
        "conclusion.exported": "Đã xuất 3 văn bản vào thư mục:",
        "conclusion.download": "Tải về",
        "conclusion.share": "Chia sẻ",
        "conclusion.downloaded": "Đã gửi “{name}” về trình duyệt",
        "conclusion.versions": "Các phiên bản",
        "conclusion.no_versions": "Chưa lưu phiên bản nào.",
        "conclusion.version_title": "Phiên bản {number} · {kind}",
        "conclusion.version_by": "{who} · {when}",
        "conclusion.version_reason": "Lý do: {reason}",
        "conclusion.no_change": "Không thay đổi so với phiên bản trước.",
        "conclusion.kind.save": "Lưu",
        "conclusion.kind.lock": "Khóa",
        "conclusion.kind.unlock": "Mở khóa",
        "conclusion.doc.minutes": "Biên bản kiểm tra",
        "conclusion.doc.report": "Báo cáo kết quả kiểm tra",
        "conclusion.doc.notice": "Thông báo kết luận",
    },
    "en": {
        "conclusion.title": "The leader's conclusion",
        "conclusion.empty": "No conclusion has been recorded yet.",
        "conclusion.block_empty": "(not written)",
        "conclusion.read_only": (
            "Only the team leader drafts and edits the conclusion; you see it as written."
        ),
        "conclusion.draft": "Draft from scores",
        "conclusion.draft_title": "Replace your text with the draft?",
        "conclusion.draft_body": (
            "The empty blocks were filled from the scores. These blocks hold text you wrote: "
            "{parts}. Replace them with the draft?"
        ),
        "conclusion.draft_replace": "Replace with the draft",
        "conclusion.draft_keep": "Keep my text",
        "conclusion.hint": "One paragraph per line; start a bullet with “- ”.",
        "conclusion.saved": "Saved",
        "conclusion.pending": "Typing…",
        "conclusion.saving": "Saving…",
        "conclusion.failed": "Not saved",
        "conclusion.save_version": "Save version",
        "conclusion.lock": "Lock conclusion",
        "conclusion.lock_title": "Lock the conclusion?",
        "conclusion.lock_body": (
            "The current text is kept as a version and cannot be edited until the leader "
            "unlocks it (with a reason)."
        ),
        "conclusion.unlock": "Unlock",
        "conclusion.unlock_title": "Unlock the conclusion",
        "conclusion.unlock_body": "Why does the locked conclusion need changing?",
        "conclusion.locked_by": "Locked by {who} at {when}",
        "conclusion.documents": "Document details",
        "conclusion.export": "Export DOCX documents",
        "conclusion.exporting": "Exporting the documents…",
        "conclusion.export_failed": (
            "The documents could not be exported. Try again; if it fails, see the details."
        ),
        "conclusion.exported": "The 3 documents were exported to the folder:",
        "conclusion.download": "Download",
        "conclusion.share": "Share",
        "conclusion.downloaded": "“{name}” was sent to the browser",
        "conclusion.versions": "Versions",
        "conclusion.no_versions": "No version saved yet.",
        "conclusion.version_title": "Version {number} · {kind}",
        "conclusion.version_by": "{who} · {when}",
        "conclusion.version_reason": "Reason: {reason}",
        "conclusion.no_change": "No change from the version before.",
        "conclusion.kind.save": "Saved",
        "conclusion.kind.lock": "Locked",
        "conclusion.kind.unlock": "Unlocked",
        "conclusion.doc.minutes": "Inspection minutes",
        "conclusion.doc.report": "Inspection result report",
        "conclusion.doc.notice": "Conclusion notice",
    },
}
