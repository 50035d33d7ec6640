"""Words of the leader's team review: the side-by-side table, decisions, lock and reopen."""

from __future__ import annotations

__all__ = ["REVIEW_WORDS"]

REVIEW_WORDS: dict[str, dict[str, str]] = {
    "vi": {
        "review.title": "Rà soát của đoàn",
        "review.read_only": "Chỉ trưởng đoàn (hoặc phó trưởng đoàn được giao) được quyết định "
        "và khóa. Bạn đang xem ở chế độ chỉ đọc.",
        "review.only_attention": "Chỉ hiện tiêu chí cần xử lý",
        "review.attention": "{count} tiêu chí cần xử lý",
        "review.no_attention": "Không có tiêu chí nào cần xử lý",
        "review.criterion": "Tiêu chí",
        "review.result": "Kết quả",
        "review.max": "Tối đa",
        "review.decision": "Quyết định",
        "review.none_shown": "Không có tiêu chí nào cần xử lý.",
        "review.flag.conflict": "Chưa thống nhất",
        "review.flag.disagree": "Chấm khác nhau",
        "review.flag.stale": "Có người chấm lại sau quyết định",
        "review.flag.decided": "Đã quyết định: {value}",
        "review.flag.ignored": "Có điểm không được tính",
        "review.decide": "Quyết định",
        "review.withdraw": "Rút quyết định",
        "review.decide_title": "Quyết định điểm {criterion}",
        "review.value": "Giá trị",
        "review.points_field": "Điểm (0–{max})",
        "review.points_invalid": "Nhập số điểm từ 0 đến {max}.",
        "review.choose_value": "Chọn một giá trị.",
        "review.reason": "Lý do",
        "review.reason_required": "Cần ghi rõ lý do.",
        "review.confirm": "Xác nhận",
        "review.lock": "Khóa biên bản",
        "review.lock_title": "Khóa biên bản?",
        "review.lock_unscored": "Còn {count} tiêu chí chưa ai chấm: khi khóa, các tiêu chí này "
        "được tính 0 điểm.",
        "review.lock_body": "Sau khi khóa, không ai sửa được điểm cho đến khi trưởng đoàn mở "
        "lại (có ghi lý do).",
        "review.lock_refused": "Chưa khóa được: còn {count} tiêu chí chưa thống nhất hoặc có "
        "quyết định cần xem lại. Hãy quyết định trước khi khóa.",
        "review.reopen": "Mở lại",
        "review.reopen_title": "Mở lại biên bản",
        "review.relock": "Chấp nhận và khóa lại",
        "review.relock_title": "Chấp nhận thay đổi và khóa lại",
        "review.changed_after_lock": "Có thay đổi được gộp vào sau khi khóa (từ máy chưa biết "
        "biên bản đã khóa). Hãy mở lại để xử lý, hoặc chấp nhận và khóa lại.",
        "review.total": "Tổng: {total} điểm",
        "review.status": "Trạng thái: {status}",
        "review.ignored": "Điểm không được tính",
        "review.choice_points": "{points} điểm",
        "review.choice_figures": "Số liệu: {figures}",
    },
    "en": {
        "review.title": "Team review",
        "review.read_only": "Only the team leader (or an acting deputy) may decide and lock. "
        "You are viewing read-only.",
        "review.only_attention": "Only criteria needing attention",
        "review.attention": "{count} criteria need attention",
        "review.no_attention": "No criterion needs attention",
        "review.criterion": "Criterion",
        "review.result": "Result",
        "review.max": "Max",
        "review.decision": "Decision",
        "review.none_shown": "No criterion needs attention.",
        "review.flag.conflict": "Disagreement",
        "review.flag.disagree": "Scores differ",
        "review.flag.stale": "Re-scored after the decision",
        "review.flag.decided": "Decided: {value}",
        "review.flag.ignored": "Some scores not counted",
        "review.decide": "Decide",
        "review.withdraw": "Withdraw decision",
        "review.decide_title": "Decide {criterion}",
        "review.value": "Value",
        "review.points_field": "Points (0–{max})",
        "review.points_invalid": "Enter points from 0 to {max}.",
        "review.choose_value": "Choose a value.",
        "review.reason": "Reason",
        "review.reason_required": "A reason is required.",
        "review.confirm": "Confirm",
        "review.lock": "Lock the record",
        "review.lock_title": "Lock the record?",
        "review.lock_unscored": "{count} criteria are not scored by anyone: once locked they "
        "count 0 points.",
        "review.lock_body": "Once locked, nobody can change a score until the leader reopens "
        "it (with a reason).",
        "review.lock_refused": "Not locked: {count} criteria still have a disagreement or a "
        "decision to review. Decide them before locking.",
        "review.reopen": "Reopen",
        "review.reopen_title": "Reopen the record",
        "review.relock": "Accept and lock again",
        "review.relock_title": "Accept the changes and lock again",
        "review.changed_after_lock": "Changes were merged in after the lock (from a device that "
        "had not seen it). Reopen to deal with them, or accept them and lock again.",
        "review.total": "Total: {total} points",
        "review.status": "Status: {status}",
        "review.ignored": "Scores not counted",
        "review.choice_points": "{points} points",
        "review.choice_figures": "Figures: {figures}",
    },
}
