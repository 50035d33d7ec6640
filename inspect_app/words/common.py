"""Words every screen uses: buttons, errors, navigation."""

from __future__ import annotations

__all__ = ["COMMON_WORDS"]

COMMON_WORDS: dict[str, dict[str, str]] = {
    "vi": {
        "common.details": "Chi tiết",
        "common.retry": "Thử lại",
        "common.dismiss": "Đóng",
        "common.cancel": "Hủy",
        "common.save": "Lưu",
        "common.saving": "Đang lưu…",
        "common.saved": "Đã lưu",
        "common.back": "Quay lại",
        "common.not_found": "Không tìm thấy trang này.",
        "common.go_home": "Về danh sách",
    },
    "en": {
        "common.details": "Details",
        "common.retry": "Try again",
        "common.dismiss": "Close",
        "common.cancel": "Cancel",
        "common.save": "Save",
        "common.saving": "Saving…",
        "common.saved": "Saved",
        "common.back": "Back",
        "common.not_found": "This page does not exist.",
        "common.go_home": "Back to the list",
    },
}
