"""Every domain label and message in Vietnamese and English, looked up by code with parameters.

Records store codes and parameters, never sentences; this module is the one place that turns
them into words, so a record written in Vietnamese reads in English and the other way round.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Literal

__all__ = ["Lang", "LABELS", "label", "has_label"]

Lang = Literal["vi", "en"]

_LEADERS = ("Trưởng đoàn (hoặc Phó Trưởng đoàn được giao)", "the team leader (or an acting deputy)")

LABELS: dict[str, tuple[str, str]] = {
    # Roles
    "role.truong_doan": ("Trưởng đoàn", "Team leader"),
    "role.pho_truong_doan": ("Phó Trưởng đoàn", "Deputy team leader"),
    "role.thanh_vien": ("Thành viên", "Member"),
    "role.thu_ky": ("Thư ký", "Secretary"),
    # Lifecycle
    "lifecycle.draft": ("Bản nháp", "Draft"),
    "lifecycle.in_progress": ("Đang kiểm tra", "In progress"),
    "lifecycle.completed": ("Đã chấm xong", "Completed"),
    "lifecycle.locked": ("Đã khóa", "Locked"),
    "lifecycle.delivered": ("Đã gửi về trung tâm", "Delivered"),
    "state.locked": ("đã khóa", "locked"),
    "state.delivered": ("đã gửi", "delivered"),
    # Conclusion parts
    "conclusion.acknowledgements": ("Ghi nhận", "Acknowledgements"),
    "conclusion.limitations": ("Hạn chế", "Limitations"),
    "conclusion.recommendations": ("Đề nghị", "Recommendations"),
    # Change log (code -> what happened; {target} names the register)
    "log.assess": ("Chấm tiêu chí {criterion}", "Scored criterion {criterion}"),
    "log.withdraw": ("Rút lại điểm tiêu chí {criterion}", "Withdrew the score of {criterion}"),
    "log.decide": ("Quyết định điểm tiêu chí {criterion}", "Decided criterion {criterion}"),
    "log.undecide": ("Bỏ quyết định tiêu chí {criterion}", "Withdrew the decision on {criterion}"),
    "log.self_score": ("Nhập điểm tự chấm {criterion}", "Entered the self-score of {criterion}"),
    "log.photo": ("Thêm/sửa ảnh {photo}", "Added/changed photo {photo}"),
    "log.photo_detach": ("Gỡ ảnh {photo}", "Detached photo {photo}"),
    "log.conclusion": ("Sửa kết luận: {part}", "Edited the conclusion: {part}"),
    "log.header": ("Sửa thông tin chung", "Edited the general information"),
    "log.member": ("Cập nhật thành viên đoàn {member}", "Updated delegation member {member}"),
    "log.member_remove": ("Bỏ thành viên đoàn {member}", "Removed delegation member {member}"),
    "log.representative": ("Cập nhật đại diện đơn vị {name}", "Updated unit representative {name}"),
    "log.representative_remove": (
        "Bỏ đại diện đơn vị {name}",
        "Removed unit representative {name}",
    ),
    "log.assign": ("Phân công {member}", "Assigned {member}"),
    "log.leadership": ("Giao quyền Trưởng đoàn", "Changed the team leadership"),
    "log.lifecycle": ("Chuyển trạng thái: {status}", "Status changed: {status}"),
    "log.reopen": ("Mở lại biên bản: {status}", "Reopened the record: {status}"),
    "log.v1": ("{action}: {detail}", "{action}: {detail}"),
    # Edits refused (checklists.record.editing)
    "edit.locked": (
        "Biên bản {status}; cần mở lại (" + _LEADERS[0] + ", ghi rõ lý do) trước khi sửa.",
        "The record is {status}; " + _LEADERS[1] + " must reopen it, with a reason, first.",
    ),
    "edit.not_member": (
        "Người sửa “{author}” không có trong danh sách đoàn kiểm tra.",
        "“{author}” is not a member of the delegation.",
    ),
    "edit.leaders_only": (
        "Chỉ " + _LEADERS[0] + " được {what}.",
        "Only " + _LEADERS[1] + " may {what}.",
    ),
    "edit.reason_required": ("{what} cần ghi rõ lý do.", "{what} needs a reason."),
    "edit.no_member": (
        "Không có thành viên “{member}” trong đoàn kiểm tra.",
        "There is no member “{member}” in the delegation.",
    ),
    "edit.no_photo": (
        "Không tìm thấy ảnh “{photo}” trong biên bản.",
        "There is no photo “{photo}” in the record.",
    ),
    "edit.deliver_unlocked": (
        "Chỉ biên bản đã khóa mới được đánh dấu đã gửi.",
        "Only a locked record can be marked delivered.",
    ),
    "edit.no_leader": (
        "Cuộc kiểm tra cần có Trưởng đoàn trong danh sách đoàn.",
        "The visit needs a team leader among its members.",
    ),
    "what.decide": (
        "quyết định điểm khi các thành viên chấm khác nhau",
        "decide a criterion where members disagree",
    ),
    "what.reopen": ("mở lại biên bản", "reopen the record"),
    "what.lock": ("khóa biên bản", "lock the record"),
    "what.deliver": ("đánh dấu biên bản đã gửi", "mark the record delivered"),
    "what.roster": (
        "sửa thông tin chung, danh sách đoàn và phân công",
        "edit the general information, the delegation and the assignments",
    ),
    "what.conclusion": ("viết kết luận", "write the conclusion"),
    "what.leadership": ("giao quyền Trưởng đoàn", "change the team leadership"),
    "what.decision_reason": ("Quyết định điểm", "A decision"),
    "what.reopen_reason": ("Mở lại biên bản", "Reopening"),
    # Authority (checklists.record.authority): why an incoming register is refused
    "auth.not_member": (
        "“{actor}” không phải thành viên đoàn của biên bản này",
        "“{actor}” is not a member of this record's delegation",
    ),
    "auth.other_author": (
        "ghi thay người khác (tác giả “{author}”, người gửi “{actor}”)",
        "written for someone else (author “{author}”, sender “{actor}”)",
    ),
    "auth.leaders_only": (
        "chỉ " + _LEADERS[0] + " được ghi mục này",
        "only " + _LEADERS[1] + " may write this",
    ),
    "auth.leader_or_office": (
        "chỉ Trưởng đoàn hoặc cơ quan chủ trì được ghi mục này",
        "only the team leader or the central office may write this",
    ),
    "auth.office_only": (
        "chỉ cơ quan chủ trì được ghi mục này",
        "only the central office may write this",
    ),
    "auth.others_photo": (
        "sửa ảnh của thành viên khác (chỉ Trưởng đoàn được)",
        "changes another member's photo (only the leader may)",
    ),
    "auth.immutable": (
        "sự kiện đã ghi không được sửa ({detail})",
        "a recorded event cannot be changed ({detail})",
    ),
    "auth.other_record": (
        "không phải cùng một biên bản ({detail})",
        "not the same record ({detail})",
    ),
    "auth.members_only": (
        "chỉ thành viên đoàn được ghi mục này",
        "only delegation members may write this",
    ),
    # Integrity (checklists.record.integrity): structural problems of a record
    "check.key_mismatch": (
        "khóa “{key}” khác mã bên trong “{inner}”",
        "key “{key}” differs from the id inside “{inner}”",
    ),
    "check.unknown_criterion": (
        "tiêu chí “{criterion}” không có trong mẫu phiếu",
        "criterion “{criterion}” is not in the template",
    ),
    "check.unknown_section": (
        "phần “{section}” không có trong mẫu phiếu",
        "section “{section}” is not in the template",
    ),
    "check.unknown_member": (
        "“{member}” không có trong danh sách đoàn",
        "“{member}” is not in the delegation",
    ),
    "check.schema": (
        "phiên bản dữ liệu {version} không được hỗ trợ (cần {expected})",
        "record schema version {version} is not supported (expected {expected})",
    ),
    "check.event_conflict": (
        "hai nội dung khác nhau cùng mã sự kiện “{id}”",
        "two different contents under one event id “{id}”",
    ),
    # Untrusted registers (scoring and lifecycle ignore them)
    "untrusted.assessment": (
        "Điểm của “{author}” ở {criterion} bị bỏ qua: {reason}",
        "The score by “{author}” on {criterion} is ignored: {reason}",
    ),
    "untrusted.decision": (
        "Quyết định ở {criterion} bị bỏ qua: {reason}",
        "The decision on {criterion} is ignored: {reason}",
    ),
    "untrusted.event": (
        "Chuyển trạng thái “{status}” của “{author}” bị bỏ qua: {reason}",
        "The move to “{status}” by “{author}” is ignored: {reason}",
    ),
    "untrusted.leadership": (
        "Giao quyền Trưởng đoàn của “{author}” bị bỏ qua: {reason}",
        "The leadership change by “{author}” is ignored: {reason}",
    ),
    "reason.not_member": ("không phải thành viên đoàn", "not a delegation member"),
    "reason.not_leader": ("không phải Trưởng đoàn", "not the team leader"),
    "reason.key_mismatch": ("ghi dưới tên người khác", "filed under someone else's name"),
    # Stale decisions
    "stale.decision": (
        "Quyết định ở {criterion} có trước lần chấm lại của thành viên",
        "The decision on {criterion} predates a member's later re-score",
    ),
}


def has_label(code: str) -> bool:
    """True when `code` has words in this module."""
    return code in LABELS


def label(code: str, lang: Lang | str = "vi", params: Mapping[str, object] | None = None) -> str:
    """The words for `code` in `lang` (Vietnamese for any other), filled with `params`.

    An unknown code is a bug and raises KeyError; a missing parameter shows as its name.
    """
    vi, en = LABELS[code]
    text = en if lang == "en" else vi
    if not params:
        return text
    return text.format_map(_Keep(params))


class _Keep(dict[str, object]):
    """Format mapping that leaves an unknown placeholder as written instead of raising."""

    def __missing__(self, key: str) -> str:
        return "{" + key + "}"
