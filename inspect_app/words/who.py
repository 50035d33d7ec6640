"""Words of the who-am-I chooser."""

from __future__ import annotations

__all__ = ["WHO_WORDS"]

WHO_WORDS: dict[str, dict[str, str]] = {
    "vi": {
        "who.title": "Bạn là ai trong đoàn?",
        "who.intro": (
            "Chọn tên của bạn trong đoàn kiểm tra {unit}. Điểm bạn chấm trên máy này sẽ được ghi "
            "dưới tên đó; công cụ của trưởng đoàn chỉ hiện với trưởng đoàn."
        ),
        "who.current": "Đang dùng máy",
        "who.leader_tools": "Có công cụ trưởng đoàn",
        "who.no_members": "Đoàn kiểm tra chưa có thành viên nào.",
    },
    "en": {
        "who.title": "Who are you in the delegation?",
        "who.intro": (
            "Choose your name in the delegation inspecting {unit}. The scores you give on this "
            "device are recorded under that name; the leader's tools show only for the leader."
        ),
        "who.current": "Using this device",
        "who.leader_tools": "Has the leader's tools",
        "who.no_members": "The delegation has no members yet.",
    },
}
