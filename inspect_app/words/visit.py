"""Words of the visit screen: the sticky header, the member, the sections and the tools."""

from __future__ import annotations

__all__ = ["VISIT_WORDS"]

VISIT_WORDS: dict[str, dict[str, str]] = {
    "vi": {
        "visit.loading": "Đang mở cuộc kiểm tra…",
        "visit.total": "Tổng điểm",
        "visit.percent": "{percent} số điểm áp dụng",
        "visit.status": "Trạng thái: {status}",
        "visit.changed_after_lock": "Có thay đổi sau khi khóa: trưởng đoàn cần xem lại",
        "visit.missing": "Còn thiếu",
        "visit.nothing_missing": "Đã chấm đủ, không thiếu minh chứng",
        "visit.missing.unscored": "{count} chưa chấm",
        "visit.missing.evidence": "{count} thiếu minh chứng",
        "visit.missing.conflicts": "{count} chưa thống nhất",
        "visit.missing.stale": "{count} quyết định cần xem lại",
        "visit.missing.invalid": "{count} giá trị không hợp lệ",
        "visit.me": "Bạn: {name}",
        "visit.me_role": "{name} · {role}",
        "visit.change_member": "Đổi người",
        "visit.who_title": "Bạn là ai trong đoàn?",
        "visit.who_body": (
            "Trước khi chấm điểm, hãy chọn tên của bạn trong đoàn. Điểm bạn chấm trên máy này "
            "sẽ được ghi dưới tên đó."
        ),
        "visit.who_button": "Chọn tên của tôi",
        "visit.no_members": "Cuộc kiểm tra này chưa có thành viên đoàn nào.",
        "visit.my_sections": "Phần được giao cho bạn",
        "visit.other_sections": "Các phần khác",
        "visit.all_sections": "Các phần",
        "visit.mine": "Của bạn",
        "visit.section_progress": "Đã chấm {scored}/{total}",
        "visit.section_points": "{points}/{max} điểm",
        "visit.photos": "Ảnh ({count})",
        "visit.review": "Rà soát của đoàn",
        "visit.conclusion": "Kết luận",
        "visit.leader_tools": "Công cụ trưởng đoàn",
    },
    "en": {
        "visit.loading": "Opening the inspection…",
        "visit.total": "Total",
        "visit.percent": "{percent} of applicable points",
        "visit.status": "Status: {status}",
        "visit.changed_after_lock": "Changed after locking: the leader needs to review it",
        "visit.missing": "Still missing",
        "visit.nothing_missing": "Everything scored, no evidence missing",
        "visit.missing.unscored": "{count} not scored",
        "visit.missing.evidence": "{count} missing evidence",
        "visit.missing.conflicts": "{count} disagreements",
        "visit.missing.stale": "{count} decisions to review",
        "visit.missing.invalid": "{count} invalid values",
        "visit.me": "You: {name}",
        "visit.me_role": "{name} · {role}",
        "visit.change_member": "Change",
        "visit.who_title": "Who are you in the delegation?",
        "visit.who_body": (
            "Before scoring, choose your name in the delegation. The scores you give on this "
            "device are recorded under that name."
        ),
        "visit.who_button": "Choose my name",
        "visit.no_members": "This inspection has no delegation members yet.",
        "visit.my_sections": "Sections assigned to you",
        "visit.other_sections": "Other sections",
        "visit.all_sections": "Sections",
        "visit.mine": "Yours",
        "visit.section_progress": "Scored {scored}/{total}",
        "visit.section_points": "{points}/{max} points",
        "visit.photos": "Photos ({count})",
        "visit.review": "Team review",
        "visit.conclusion": "Conclusion",
        "visit.leader_tools": "Leader's tools",
    },
}
