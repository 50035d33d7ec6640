"""Words of the sync status screen."""

from __future__ import annotations

__all__ = ["SYNC_WORDS"]

SYNC_WORDS: dict[str, dict[str, str]] = {
    "vi": {
        "sync.title": "Đồng bộ",
        "sync.state.idle": "Không có gì đang gửi lúc này",
        "sync.state.syncing": "Đang gửi dữ liệu…",
        "sync.state.offline": "Không kết nối được máy chủ; sẽ thử lại khi có mạng",
        "sync.state.paused_sign_in": "Tạm dừng: cần đăng nhập máy chủ để gửi dữ liệu",
        "sync.state.up_to_date": "Đã gửi hết; thay đổi mới sẽ được tự động gửi",
        "sync.state.refused": "Máy chủ từ chối một số cuộc kiểm tra; các cuộc khác đã gửi",
        "sync.signed_in_as": "Máy đã đăng nhập với tài khoản {name}",
        "sync.sign_in": "Đăng nhập",
        "sync.sign_in.title": "Đăng nhập máy chủ trung tâm",
        "sync.sign_in.hint": (
            "Nhập tài khoản do văn phòng trung tâm cấp. Mật khẩu không được lưu trên máy; "
            "dữ liệu chưa gửi vẫn được giữ nguyên."
        ),
        "sync.sign_in.username": "Tên đăng nhập",
        "sync.sign_in.password": "Mật khẩu",
        "sync.sign_in.missing": "Hãy nhập cả tên đăng nhập và mật khẩu.",
        "sync.sign_in.not_kept": "Không lưu được đăng nhập trên máy: {error}",
        "sync.sign_in.done": "Đã đăng nhập; đang đồng bộ.",
        "sync.refused": "Máy chủ từ chối ({count})",
        "sync.refused.hint": (
            "Các cuộc kiểm tra này vẫn được giữ trên máy và sẽ được gửi lại khi được sửa."
        ),
        "sync.refused.unknown": "Cuộc kiểm tra không còn trên máy này",
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
            "Đang khởi động đồng bộ với máy chủ này. Mọi dữ liệu vẫn được lưu an toàn trên máy "
            "và không mất khi tắt máy."
        ),
        "sync.load_failed": "Không đọc được danh sách chờ gửi: {error}",
        "sync.at": "{date} lúc {time}",
    },
    "en": {
        "sync.title": "Sync",
        "sync.state.idle": "Not syncing right now",
        "sync.state.syncing": "Sending data…",
        "sync.state.offline": "Cannot reach the server; will retry when online",
        "sync.state.paused_sign_in": "Paused: sign in to the server to send data",
        "sync.state.up_to_date": "All sent; new changes are sent automatically",
        "sync.state.refused": "The server refused some inspections; the others were sent",
        "sync.signed_in_as": "This device is signed in as {name}",
        "sync.sign_in": "Sign in",
        "sync.sign_in.title": "Sign in to the central server",
        "sync.sign_in.hint": (
            "Enter the account the central office gave you. The password is not kept on this "
            "device; data not yet sent stays as it is."
        ),
        "sync.sign_in.username": "Username",
        "sync.sign_in.password": "Password",
        "sync.sign_in.missing": "Enter both the username and the password.",
        "sync.sign_in.not_kept": "Could not keep the sign-in on this device: {error}",
        "sync.sign_in.done": "Signed in; syncing.",
        "sync.refused": "Refused by the server ({count})",
        "sync.refused.hint": (
            "These inspections stay on this device and are sent again once they are changed."
        ),
        "sync.refused.unknown": "An inspection no longer on this device",
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
            "Starting to sync with this server. Everything is kept safely on this device and "
            "survives switching it off."
        ),
        "sync.load_failed": "Could not read what is waiting to be sent: {error}",
        "sync.at": "{date} at {time}",
    },
}
