"""Words of the sync status screen."""

from __future__ import annotations

__all__ = ["SYNC_WORDS"]

SYNC_WORDS: dict[str, dict[str, str]] = {
    "vi": {
        "sync.title": "Đồng bộ",
        "sync.state.idle": "Không đồng bộ lúc này",
        "sync.state.syncing": "Đang gửi dữ liệu…",
        "sync.state.offline": "Không kết nối được máy chủ; sẽ thử lại khi có mạng",
        "sync.state.paused_sign_in": "Tạm dừng: cần đăng nhập lại với máy chủ",
        "sync.all_sent": "Mọi cuộc kiểm tra đã được gửi về trung tâm.",
        "sync.pending": "Chờ gửi",
        "sync.pending.records": "{count} cuộc kiểm tra có thay đổi chưa gửi",
        "sync.pending.none": "Không có cuộc kiểm tra nào chờ gửi",
        "sync.pending.photos": "{count} ảnh thuộc các cuộc kiểm tra chờ gửi",
        "sync.missing.photos": "{count} ảnh do máy khác chụp chưa có trên máy này",
        "sync.record.changes": "{changes} lần lưu chưa gửi",
        "sync.record.never": "chưa từng gửi",
        "sync.progress": "Đã gửi {sent} / {total}",
        "sync.last_success": "Lần gửi thành công gần nhất",
        "sync.last_success.never": "Chưa gửi lần nào",
        "sync.last_error": "Lỗi lần gần nhất",
        "sync.endpoint": "Máy chủ trung tâm",
        "sync.endpoint.none": "Chưa thiết lập",
        "sync.endpoint.setup": "Thiết lập trong Cài đặt",
        "sync.endpoint.change": "Đổi trong Cài đặt",
        "sync.now": "Đồng bộ ngay",
        "sync.note.not_set_up": (
            "Máy này chưa có địa chỉ máy chủ trung tâm. Dữ liệu vẫn được lưu an toàn trên máy; "
            "khi có địa chỉ, hãy nhập trong Cài đặt."
        ),
        "sync.note.no_worker": (
            "Chức năng gửi dữ liệu sẽ có khi máy chủ trung tâm được đưa vào sử dụng. Hiện tại "
            "mọi dữ liệu được lưu an toàn trên máy này và không mất khi tắt máy."
        ),
        "sync.load_failed": "Không đọc được danh sách chờ gửi: {error}",
        "sync.at": "{date} lúc {time}",
    },
    "en": {
        "sync.title": "Sync",
        "sync.state.idle": "Not syncing right now",
        "sync.state.syncing": "Sending data…",
        "sync.state.offline": "Cannot reach the server; will retry when online",
        "sync.state.paused_sign_in": "Paused: sign in to the server again",
        "sync.all_sent": "Every inspection has been sent to the central office.",
        "sync.pending": "Waiting to be sent",
        "sync.pending.records": "{count} inspection(s) with changes not sent",
        "sync.pending.none": "No inspection is waiting to be sent",
        "sync.pending.photos": "{count} photo(s) in the inspections waiting",
        "sync.missing.photos": "{count} photo(s) taken on other devices not on this one yet",
        "sync.record.changes": "{changes} save(s) not sent",
        "sync.record.never": "never sent",
        "sync.progress": "Sent {sent} of {total}",
        "sync.last_success": "Last successful send",
        "sync.last_success.never": "Never sent",
        "sync.last_error": "Last error",
        "sync.endpoint": "Central server",
        "sync.endpoint.none": "Not set up",
        "sync.endpoint.setup": "Set up in Settings",
        "sync.endpoint.change": "Change in Settings",
        "sync.now": "Sync now",
        "sync.note.not_set_up": (
            "This device has no central server address. Data is kept safely on this device; "
            "when you have the address, enter it in Settings."
        ),
        "sync.note.no_worker": (
            "Sending data arrives with the central server. Until then everything is kept safely "
            "on this device and survives switching it off."
        ),
        "sync.load_failed": "Could not read what is waiting to be sent: {error}",
        "sync.at": "{date} at {time}",
    },
}
