"""Words of the settings screen."""

from __future__ import annotations

__all__ = ["SETTINGS_WORDS"]

SETTINGS_WORDS: dict[str, dict[str, str]] = {
    "vi": {
        "settings.title": "Cài đặt",
        "settings.language": "Ngôn ngữ",
        "settings.language.hint": "Áp dụng ngay cho mọi màn hình trên máy này.",
        "settings.lang.vi": "Tiếng Việt",
        "settings.lang.en": "English",
        "settings.photo": "Kích thước ảnh tối đa",
        "settings.photo.hint": (
            "Cạnh dài của ảnh chụp được thu về mức này. Ảnh nhỏ hơn gửi nhanh hơn khi mạng "
            "yếu; ảnh lớn hơn rõ chữ trên hồ sơ hơn."
        ),
        "settings.photo.edge": "{edge} px",
        "settings.photo.default": "Mặc định: {edge} px.",
        "settings.photo.saved": "Ảnh chụp từ nay có cạnh dài tối đa {edge} px",
        "settings.endpoint": "Máy chủ trung tâm",
        "settings.endpoint.label": "Địa chỉ máy chủ",
        "settings.endpoint.hint": (
            "Do bộ phận kỹ thuật cung cấp, ví dụ https://kiemtra.example.vn. "
            "Để trống nếu chưa đồng bộ."
        ),
        "settings.endpoint.save": "Lưu địa chỉ",
        "settings.endpoint.saved": "Đã lưu địa chỉ máy chủ",
        "settings.endpoint.cleared": "Đã bỏ địa chỉ máy chủ: máy này không đồng bộ",
        "settings.endpoint.bad": (
            "Địa chỉ chưa đúng. Nhập đầy đủ, bắt đầu bằng https:// hoặc http://, "
            "ví dụ https://kiemtra.example.vn"
        ),
        "settings.save_failed": "Không lưu được cài đặt: {error}",
        "settings.problem": "Tệp cài đặt trên máy bị hỏng; đang dùng cài đặt mặc định.",
        "settings.members": "Bạn là ai ở từng cuộc kiểm tra",
        "settings.members.hint": "Điểm trên máy này được ghi dưới tên người đã chọn.",
        "settings.members.none": "Chưa có cuộc kiểm tra nào trên máy.",
        "settings.member.chosen": "Bạn là: {name}",
        "settings.member.unknown": "Người đã chọn không còn trong đoàn",
        "settings.member.not_chosen": "Chưa chọn",
        "settings.member.change": "Đổi",
        "settings.member.choose": "Chọn",
    },
    "en": {
        "settings.title": "Settings",
        "settings.language": "Language",
        "settings.language.hint": "Applies at once to every screen on this device.",
        "settings.lang.vi": "Tiếng Việt",
        "settings.lang.en": "English",
        "settings.photo": "Largest photo size",
        "settings.photo.hint": (
            "Photos are scaled so their long edge is at most this. Smaller photos send faster "
            "on a weak connection; larger ones keep the text on documents sharper."
        ),
        "settings.photo.edge": "{edge} px",
        "settings.photo.default": "Default: {edge} px.",
        "settings.photo.saved": "Photos are now at most {edge} px on the long edge",
        "settings.endpoint": "Central server",
        "settings.endpoint.label": "Server address",
        "settings.endpoint.hint": (
            "Given by your technical staff, e.g. https://kiemtra.example.vn. "
            "Leave empty if this device does not sync."
        ),
        "settings.endpoint.save": "Save address",
        "settings.endpoint.saved": "Server address saved",
        "settings.endpoint.cleared": "Server address removed: this device does not sync",
        "settings.endpoint.bad": (
            "That address is not valid. Type it in full, starting with https:// or http://, "
            "e.g. https://kiemtra.example.vn"
        ),
        "settings.save_failed": "Could not save the settings: {error}",
        "settings.problem": "The settings file on this device is damaged; defaults are in use.",
        "settings.members": "Who you are on each inspection",
        "settings.members.hint": "Scores on this device are recorded under the person chosen.",
        "settings.members.none": "No inspections on this device yet.",
        "settings.member.chosen": "You are: {name}",
        "settings.member.unknown": "The person chosen is no longer in the delegation",
        "settings.member.not_chosen": "Not chosen",
        "settings.member.change": "Change",
        "settings.member.choose": "Choose",
    },
}
