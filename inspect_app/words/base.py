"""Words of the list screen, the sample and start-up errors."""

from __future__ import annotations

__all__ = ["LIST_WORDS"]

LIST_WORDS: dict[str, dict[str, str]] = {
    "vi": {
        "app.title": "Kiểm tra hiện trường",
        "list.title": "Cuộc kiểm tra",
        "list.loading": "Đang tải danh sách…",
        "list.error": "Không tải được danh sách cuộc kiểm tra: {error}",
        "list.retry": "Thử lại",
        "empty.title": "Chưa có cuộc kiểm tra nào",
        "empty.body": (
            "Các cuộc kiểm tra trên máy này sẽ hiện ở đây. Bấm “Tạo cuộc kiểm tra” để nhập "
            "đơn vị, ngày và thành phần đoàn. Để làm quen với ứng dụng, hãy tải cuộc kiểm tra "
            "mẫu: TP Lạng Sơn, phường Vĩnh Trại, ngày 24/11/2023."
        ),
        "empty.new_visit": "Tạo cuộc kiểm tra",
        "empty.load_sample": "Tải cuộc kiểm tra mẫu",
        "list.new_visit": "Cuộc kiểm tra mới",
        "list.search": "Tìm theo đơn vị, địa điểm, bộ tiêu chí",
        "list.filter.all": "Tất cả ({count})",
        "list.filter.status": "{status} ({count})",
        "list.no_match": "Không có cuộc kiểm tra nào khớp với tìm kiếm.",
        "list.clear_filters": "Bỏ lọc",
        "list.sync": "Đồng bộ",
        "list.settings": "Cài đặt",
        "sample.loading": "Đang tải mẫu…",
        "sample.loaded": "Đã tải cuộc kiểm tra mẫu",
        "problems.title": "Dữ liệu trên máy cần được chú ý (không có gì bị xóa)",
        "problems.dismiss": "Đã hiểu",
        "card.progress": "Đã chấm {scored}/{total} tiêu chí",
        "card.score": "{score} điểm (tạm tính)",
        "card.score_rating": "{score} điểm – {rating}",
        "card.not_scored": "Chưa có điểm",
        "card.pending_sync": "Chưa đồng bộ",
        "card.changed_after_lock": "Có thay đổi sau khi khóa",
        "score.points": "{points} điểm",
        "score.provisional": "{rating} (tạm tính)",
        "score.no_rating": "Chưa xếp loại",
        "answer.yes": "Có",
        "answer.no": "Không",
        "startup.error.title": "Không mở được dữ liệu kiểm tra",
        "startup.error.hint": (
            "Hãy đóng hẳn ứng dụng rồi mở lại. Nếu vẫn gặp lỗi này, hãy báo cho bộ phận hỗ trợ "
            "kèm nội dung ở trên. Dữ liệu đã lưu trên máy không bị xóa."
        ),
    },
    "en": {
        "app.title": "Field inspection",
        "list.title": "Inspections",
        "list.loading": "Loading inspections…",
        "list.error": "Could not load inspections: {error}",
        "list.retry": "Try again",
        "empty.title": "No inspections yet",
        "empty.body": (
            "Inspections on this device will show here. Tap “Create an inspection” to enter the "
            "unit, the date and the delegation. To get to know the app, load the sample "
            "inspection: Lạng Sơn City, Vĩnh Trại ward, 24/11/2023."
        ),
        "empty.new_visit": "Create an inspection",
        "empty.load_sample": "Load sample inspection",
        "list.new_visit": "New inspection",
        "list.search": "Search by unit, place or criteria set",
        "list.filter.all": "All ({count})",
        "list.filter.status": "{status} ({count})",
        "list.no_match": "No inspection matches the search.",
        "list.clear_filters": "Clear filters",
        "list.sync": "Sync",
        "list.settings": "Settings",
        "sample.loading": "Loading sample…",
        "sample.loaded": "Sample inspection loaded",
        "problems.title": "Data on this device needs attention (nothing was deleted)",
        "problems.dismiss": "OK",
        "card.progress": "Scored {scored}/{total} criteria",
        "card.score": "{score} points (provisional)",
        "card.score_rating": "{score} points – {rating}",
        "card.not_scored": "Not scored yet",
        "card.pending_sync": "Not synced",
        "card.changed_after_lock": "Changed after locking",
        "score.points": "{points} points",
        "score.provisional": "{rating} (provisional)",
        "score.no_rating": "Not rated yet",
        "answer.yes": "Yes",
        "answer.no": "No",
        "startup.error.title": "Could not open the inspection data",
        "startup.error.hint": (
            "Close the app completely and open it again. If this error persists, report it to "
            "support with the text above. Data saved on this device has not been deleted."
        ),
    },
}
