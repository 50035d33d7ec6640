"""Words of the photos screen (a visit's gallery)."""

from __future__ import annotations

__all__ = ["PHOTOS_WORDS"]

PHOTOS_WORDS: dict[str, dict[str, str]] = {
    "vi": {
        "photos.title": "Ảnh minh chứng",
        "photos.count": "{count} ảnh của cuộc kiểm tra {unit}",
        "photos.empty": (
            "Chưa có ảnh nào. Thêm ảnh ở từng tiêu chí, hoặc thêm ảnh chung của cuộc kiểm tra "
            "bằng nút bên dưới."
        ),
        "photos.general": "Ảnh chung của cuộc kiểm tra",
        "photos.add_general": "Thêm ảnh chung",
        "photos.caption": "Chú thích",
        "photos.no_caption": "Chưa có chú thích",
        "photos.by": "{author} · {day}",
        "photos.in_report": "Đưa vào báo cáo",
        "photos.detach": "Gỡ ảnh",
        "photos.detach_title": "Gỡ ảnh này khỏi cuộc kiểm tra?",
        "photos.detach_body": (
            "Ảnh sẽ không còn là minh chứng của tiêu chí. Tệp ảnh vẫn giữ trên máy."
        ),
        "photos.missing": "Tệp ảnh chưa có trên máy này",
        "photos.open": "Xem ảnh lớn",
        "photos.close": "Đóng",
        "photos.edit_caption": "Sửa chú thích",
    },
    "en": {
        "photos.title": "Evidence photos",
        "photos.count": "{count} photos of the inspection of {unit}",
        "photos.empty": (
            "No photos yet. Add photos on each criterion, or add a general photo of the "
            "inspection with the button below."
        ),
        "photos.general": "General photos of the inspection",
        "photos.add_general": "Add general photo",
        "photos.caption": "Caption",
        "photos.no_caption": "No caption yet",
        "photos.by": "{author} · {day}",
        "photos.in_report": "Include in the report",
        "photos.detach": "Detach photo",
        "photos.detach_title": "Detach this photo from the inspection?",
        "photos.detach_body": (
            "The photo will no longer be evidence for the criterion. The file stays on the device."
        ),
        "photos.missing": "The photo's file is not on this device yet",
        "photos.open": "View full size",
        "photos.close": "Close",
        "photos.edit_caption": "Edit caption",
    },
}
