"""Every domain label and message in Vietnamese and English, looked up by code with parameters.

Records store codes and parameters, never sentences; this module is the one place that turns
them into words, so a record written in Vietnamese reads in English and the other way round.

Codes are grouped by prefix: "role.*", "lifecycle.*", "log.*", "edit.*", "auth.*", "check.*"
(records); "template.*" (template validation); "evidence.*" (missing evidence); "value.*" (values
that cannot be scored); "status.*" (status levels).

Parameters are strings, the same in both languages. A placeholder's format spec says how the
string becomes words in the language asked for:

- `{x:n}` a number, `{x:n2}` one with at most 2 decimals: "1.454,5" in Vietnamese, "1,454.5" in
  English (`checklists.text.format.format_number`);
- `{x:show}` a value people typed, rendered by `show_value` (a number as `{x:n}`, anything else
  as written, cut at 40 characters);
- `{x:label}` a label code, rendered in the same language (text that is no code stays as is);
- `{x:labels}` label codes joined by commas, rendered and joined by ", ".
"""

from __future__ import annotations

import string
from collections.abc import Mapping, Sequence
from typing import Any, Literal

from checklists.text.format import format_number

__all__ = ["Lang", "LABELS", "label", "has_label", "show_value"]

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
    "log.documents": ("Sửa thông tin văn bản", "Edited the document details"),
    "log.version_save": ("Lưu phiên bản kết luận {number}", "Saved conclusion version {number}"),
    "log.version_lock": (
        "Khóa kết luận (phiên bản {number})",
        "Locked the conclusion (version {number})",
    ),
    "log.version_unlock": (
        "Mở khóa kết luận (phiên bản {number})",
        "Unlocked the conclusion (version {number})",
    ),
    # Official documents (checklists.documents)
    "doc.national": ("Cộng hòa xã hội chủ nghĩa Việt Nam", "Socialist Republic of Viet Nam"),
    "doc.motto": ("Độc lập - Tự do - Hạnh phúc", "Independence - Freedom - Happiness"),
    "doc.party": ("Đảng Cộng sản Việt Nam", "Communist Party of Viet Nam"),
    "doc.type.minutes": ("Biên bản kiểm tra", "Inspection minutes"),
    "doc.type.report": ("Báo cáo", "Report"),
    "doc.type.notice": ("Thông báo", "Notice"),
    "doc.summary.minutes": (
        "Việc thực hiện {programme} tại {unit}",
        "Implementation of {programme} at {unit}",
    ),
    "doc.summary.report": (
        "Kết quả kiểm tra việc thực hiện {programme} tại {unit}",
        "Results of the inspection of {programme} at {unit}",
    ),
    "doc.summary.notice": (
        "Kết luận của đồng chí {leader}, Trưởng đoàn kiểm tra việc thực hiện {programme} "
        "tại {unit}",
        "Conclusion of {leader}, head of the delegation inspecting {programme} at {unit}",
    ),
    "doc.to": ("Kính gửi: {to}.", "To: {to}."),
    "doc.recipients": ("Nơi nhận:", "Recipients:"),
    "doc.as_above": ("Như trên", "As above"),
    "doc.basis": ("Căn cứ {basis}", "Pursuant to {basis}"),
    "doc.member": ("Đồng chí {who} - {role};", "{who} - {role};"),
    "doc.representative": ("Đồng chí {who};", "{who};"),
    "doc.content_item": ("{title};", "{title};"),
    "doc.minutes.opening": (
        "Hôm nay, vào hồi {time} {date}, tại {place}, Đoàn kiểm tra tiến hành kiểm tra việc "
        "thực hiện {programme} tại {unit}.",
        "Today, at {time} on {date}, at {place}, the delegation inspected the implementation "
        "of {programme} at {unit}.",
    ),
    "doc.h.members": ("Thành phần", "Attendance"),
    "doc.h.delegation": ("Đoàn kiểm tra", "The delegation"),
    "doc.h.unit": ("Đơn vị được kiểm tra: {unit}", "The inspected unit: {unit}"),
    "doc.h.content": ("Nội dung kiểm tra", "What was inspected"),
    "doc.h.results": ("Kết quả kiểm tra", "Results of the inspection"),
    "doc.h.unit_opinion": ("Ý kiến của đơn vị được kiểm tra", "Comments of the inspected unit"),
    "doc.h.delegation_conclusion": ("Kết luận của Đoàn kiểm tra", "Conclusion of the delegation"),
    "doc.section_score": (
        "{title}: Đoàn kiểm tra chấm {points:n2}/{max:n2} điểm.",
        "{title}: the delegation gave {points:n2} of {max:n2} points.",
    ),
    "doc.section_score_self": (
        "{title}: Đoàn kiểm tra chấm {points:n2}/{max:n2} điểm; đơn vị tự chấm {self:n2} điểm.",
        "{title}: the delegation gave {points:n2} of {max:n2} points; the unit gave itself "
        "{self:n2}.",
    ),
    "doc.total": (
        "Tổng điểm Đoàn kiểm tra chấm: {total:n2}/{max:n2} điểm, xếp loại {rating} (chi tiết "
        "tại Phụ lục).",
        "Total given by the delegation: {total:n2} of {max:n2} points, rated {rating} (details "
        "in the Appendix).",
    ),
    "doc.total_plain": (
        "Tổng điểm Đoàn kiểm tra chấm: {total:n2}/{max:n2} điểm, xếp loại {rating}.",
        "Total given by the delegation: {total:n2} of {max:n2} points, rated {rating}.",
    ),
    "doc.unrated": ("chưa xếp loại", "not rated"),
    "doc.minutes.later": (
        "Đoàn kiểm tra sẽ có thông báo kết luận sau.",
        "The delegation will send its conclusion later.",
    ),
    "doc.minutes.closing": (
        "Biên bản kết thúc vào hồi {time} cùng ngày, đã đọc lại cho các thành viên cùng nghe và "
        "nhất trí thông qua; được lập thành 02 bản có giá trị như nhau, mỗi bên giữ 01 bản./.",
        "The meeting ended at {time} the same day; the minutes were read out and agreed, and "
        "made in 2 copies of equal value, one for each side./.",
    ),
    "doc.sign.unit": ("Đại diện đơn vị được kiểm tra", "For the inspected unit"),
    "doc.sign.leader": ("Trưởng đoàn kiểm tra", "Head of the delegation"),
    "doc.sign.secretary": ("Thư ký", "Secretary"),
    "doc.report.opening": (
        "Thực hiện {basis}, {date}, Đoàn kiểm tra do đồng chí {leader}, {position} làm Trưởng "
        "đoàn đã kiểm tra việc thực hiện {programme} tại {unit}. Đoàn kiểm tra đã nghe báo cáo, "
        "kiểm tra hồ sơ, khảo sát thực tế và chấm điểm theo {checklist}. Đoàn kiểm tra báo cáo "
        "kết quả như sau:",
        "Following {basis}, on {date}, the delegation headed by {leader}, {position}, inspected "
        "the implementation of {programme} at {unit}: it heard the unit's report, checked the "
        "records, visited on site and scored against {checklist}. Its results are as follows:",
    ),
    "doc.report.basis_none": ("kế hoạch kiểm tra", "the inspection plan"),
    "doc.criterion": (
        "{label}: {points:n2}/{max:n2} điểm{detail}.",
        "{label}: {points:n2} of {max:n2} points{detail}.",
    ),
    "doc.criterion_na": ("{label}: không áp dụng{detail}.", "{label}: not applicable{detail}."),
    "doc.criterion_info": ("{label}{detail}.", "{label}{detail}."),
    "doc.criterion_open": ("{label}: chưa chấm xong.", "{label}: not scored yet."),
    "doc.h.rating": ("Chấm điểm, xếp loại", "Score and rating"),
    "doc.h.general": ("Đánh giá chung", "Overall assessment"),
    "doc.h.strengths": ("Ưu điểm", "Strengths"),
    "doc.h.weaknesses": ("Hạn chế, tồn tại", "Limitations"),
    "doc.h.proposals": ("Đề xuất, kiến nghị", "Recommendations"),
    "doc.notice.opening": (
        "{date}, Đoàn kiểm tra do đồng chí {leader}, {position} làm Trưởng đoàn đã kiểm tra "
        "việc thực hiện {programme} tại {unit}.",
        "On {date}, the delegation headed by {leader}, {position}, inspected the implementation of "
        "{programme} at {unit}.",
    ),
    "doc.notice.attendees": (
        "Dự buổi làm việc có các đồng chí: {names}.",
        "Attending for the unit: {names}.",
    ),
    "doc.notice.heard": (
        "Sau khi nghe báo cáo của {unit} và ý kiến thảo luận, đồng chí Trưởng đoàn kết luận "
        "như sau:",
        "Having heard the report of {unit} and the discussion, the head of the delegation "
        "concluded as follows:",
    ),
    "doc.h.ack": ("Ghi nhận, đánh giá cao", "Acknowledgements"),
    "doc.h.lim": ("Hạn chế, tồn tại", "Limitations"),
    "doc.h.rec": ("Đề nghị trong thời gian tới", "Recommendations for the coming period"),
    "doc.notice.closing": (
        "{body} thông báo để các đơn vị, địa phương biết, thực hiện./.",
        "{body} issues this notice for the units and localities to know and act on./.",
    ),
    "doc.appendix": ("Phụ lục", "Appendix"),
    "doc.appendix.scores": ("Bảng chấm điểm", "Score table"),
    "doc.appendix.evidence": ("Danh sách ảnh minh chứng", "Evidence photos"),
    "doc.appendix.attached": (
        "(Kèm theo {document} {date})",
        "(Attached to {document} of {date})",
    ),
    "doc.col.no": ("TT", "No."),
    "doc.col.criterion": ("Tiêu chí", "Criterion"),
    "doc.col.max": ("Điểm tối đa", "Max"),
    "doc.col.self": ("Điểm tự chấm", "Self-score"),
    "doc.col.delegation": ("Điểm đoàn chấm", "Team score"),  # "Delegation" overflows 16 mm
    "doc.col.notes": ("Ghi chú", "Notes"),
    "doc.col.photo": ("Ảnh", "Photo"),
    "doc.col.caption": ("Chú thích", "Caption"),
    "doc.bonus": ("Điểm thưởng: {label}", "Bonus: {label}"),
    "doc.penalty": ("Điểm trừ: {label}", "Penalty: {label}"),
    "doc.total_row": ("Tổng cộng", "Total"),
    "doc.rating_row": ("Xếp loại", "Rating"),
    "doc.na": ("Không áp dụng", "N/A"),
    "doc.no_evidence": (
        "Không có ảnh được chọn đưa vào báo cáo.",
        "No photo was chosen for the report.",
    ),
    "doc.photo.missing": ("(tệp ảnh không có trên máy)", "(photo file not on this device)"),
    "doc.photo.general": ("Ảnh chung của buổi kiểm tra", "General photo of the visit"),
    "doc.photo.meta": ("{criterion}; chụp {date}", "{criterion}; taken {date}"),
    "doc.photo.meta_undated": ("{criterion}", "{criterion}"),
    # Conclusion drafting (checklists.conclusion.draft)
    "draft.ack.opening": (
        "Đoàn kiểm tra ghi nhận sự nỗ lực, cố gắng của cấp ủy, chính quyền, cán bộ, công chức, "
        "viên chức {unit} trong thực hiện {programme}.",
        "The delegation acknowledges the efforts of the Party committee, the authorities and "
        "the staff of {unit} in carrying out {programme}.",
    ),
    "draft.ack.section": (
        "Nhóm tiêu chí “{section}” đạt {points:n2}/{max:n2} điểm: {items}.",
        "Group “{section}”: {points:n2} of {max:n2} points: {items}.",
    ),
    "draft.ack.criteria": (
        "Nhóm tiêu chí “{section}” có các tiêu chí đạt kết quả tốt: {items}.",
        "Group “{section}” has criteria with good results: {items}.",
    ),
    "draft.ack.total": (
        "Kết quả chấm điểm của Đoàn kiểm tra đạt {total:n2}/{max:n2} điểm, xếp loại {rating}.",
        "The delegation scored {total:n2} of {max:n2} points, rated {rating}.",
    ),
    "draft.ack.total_unrated": (
        "Kết quả chấm điểm của Đoàn kiểm tra đạt {total:n2}/{max:n2} điểm.",
        "The delegation scored {total:n2} of {max:n2} points.",
    ),
    "draft.ack.self": (
        "Đơn vị tự chấm {self:n2} điểm, Đoàn kiểm tra chấm {delegation:n2} điểm trên cùng các "
        "tiêu chí.",
        "The unit gave itself {self:n2} points; the delegation gave {delegation:n2} on the same "
        "criteria.",
    ),
    "draft.ack.provisional": (
        "Kết quả còn tạm tính vì còn {count} tiêu chí chưa chấm hoặc chưa thống nhất điểm.",
        "The result is provisional: {count} criteria are unscored or not agreed.",
    ),
    "draft.lim.criterion": (
        "{criterion} mới đạt {points:n2}/{max:n2} điểm{detail}.",
        "{criterion}: only {points:n2} of {max:n2} points{detail}.",
    ),
    "draft.lim.hard_fail": (
        "{label}, nên xếp loại không vượt quá {cap}.",
        "{label}, so the rating cannot exceed {cap}.",
    ),
    "draft.lim.none": (
        "Qua kiểm tra, chưa phát hiện hạn chế, tồn tại đáng kể.",
        "The inspection found no significant shortcomings.",
    ),
    "draft.rec.to": ("Đối với {to}:", "To {to}:"),
    "draft.rec.keep_up": (
        "Tiếp tục duy trì, phát huy những kết quả đã đạt được trong thực hiện {programme}.",
        "Keep up the results achieved in carrying out {programme}.",
    ),
    "draft.fig.count": ("{value} {label}", "{value} {label}"),
    "draft.fig.rate": ("{label} đạt {value}", "{label} of {value}"),
    "draft.fig.other": ("{label}: {value}", "{label}: {value}"),
    "draft.fig.with": ("với", "with"),
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
    "edit.conclusion_locked": (
        "Kết luận đã khóa; cần mở khóa (ghi rõ lý do) trước khi sửa.",
        "The conclusion is locked; unlock it, with a reason, before editing.",
    ),
    "edit.conclusion_unlocked": (
        "Kết luận chưa khóa nên không cần mở khóa.",
        "The conclusion is not locked, so there is nothing to unlock.",
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
    "what.documents": ("sửa thông tin văn bản", "edit the document details"),
    "what.conclusion_version": (
        "lưu, khóa hoặc mở khóa kết luận",
        "save, lock or unlock the conclusion",
    ),
    "what.unlock_reason": ("Mở khóa kết luận", "Unlocking the conclusion"),
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
    "auth.refused": (
        "Không nhận bản này: {count} thay đổi người gửi không được làm",
        "This copy is refused: {count} changes the sender may not make",
    ),
    "auth.refused_one": (
        "Không nhận bản này: {count} thay đổi người gửi không được làm",
        "This copy is refused: {count} change the sender may not make",
    ),
    "check.malformed": (
        "Biên bản không hợp lệ: {count} lỗi",
        "The record is not valid: {count} problems",
    ),
    "check.malformed_one": (
        "Biên bản không hợp lệ: {count} lỗi",
        "The record is not valid: {count} problem",
    ),
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
    "untrusted.version": (
        "Phiên bản kết luận của “{author}” bị bỏ qua: {reason}",
        "The conclusion version by “{author}” is ignored: {reason}",
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
    # Status levels of a "status" criterion, and N/A
    "status.dat": ("Đạt", "Met"),
    "status.dat_mot_phan": ("Đạt một phần", "Partly met"),
    "status.khong_dat": ("Không đạt", "Not met"),
    "status.not_applicable": ("Không áp dụng", "Not applicable"),
    # Template validation (checklists.template): the problems of a template a person wrote
    "template.invalid": (
        "Mẫu phiếu không hợp lệ{where}: {count} lỗi",
        "The template{where} is not valid: {count} problems",
    ),
    "template.invalid_one": (
        "Mẫu phiếu không hợp lệ{where}: {count} lỗi",
        "The template{where} is not valid: {count} problem",
    ),
    "template.not_utf8": (
        "tệp không phải văn bản UTF-8 (byte lỗi ở vị trí {position})",
        "the file is not UTF-8 text (bad byte at position {position})",
    ),
    "template.not_object": (
        "mẫu phiếu phải là một đối tượng JSON {{...}}, đang là {value:show}",
        "a template must be a JSON object {{...}}; it is {value:show}",
    ),
    "template.too_deep": (
        "dữ liệu JSON lồng nhau quá sâu nên không đọc được",
        "the JSON data is nested too deeply to be read",
    ),
    "template.json_big_number": (
        "dữ liệu JSON có số quá lớn nên không đọc được",
        "the JSON data holds a number too large to be read",
    ),
    "template.json_unrepresentable": (
        "dữ liệu JSON có giá trị không biểu diễn được bằng JSON nên không đọc được",
        "the data holds a value JSON cannot represent, so it cannot be read",
    ),
    "template.json_syntax": (
        "tệp JSON sai cú pháp ở dòng {line}, cột {column}: {reason:label}",
        "JSON syntax error at line {line}, column {column}: {reason:label}",
    ),
    "template.json.comma": (
        "thiếu dấu phẩy ',' giữa hai phần tử",
        "a comma ',' is missing between two items",
    ),
    "template.json.colon": (
        "thiếu dấu hai chấm ':' sau tên trường",
        "a colon ':' is missing after a field name",
    ),
    "template.json.value": (
        "thiếu giá trị (hoặc có dấu phẩy thừa)",
        "a value is missing (or there is an extra comma)",
    ),
    "template.json.property": (
        "tên trường phải đặt trong dấu ngoặc kép (hoặc có dấu phẩy thừa trước '}}')",
        "field names must be in double quotes (or there is an extra comma before '}}')",
    ),
    "template.json.unterminated": (
        "chuỗi chưa có dấu ngoặc kép đóng",
        "a string has no closing double quote",
    ),
    "template.json.control": (
        "chuỗi chứa ký tự điều khiển (ví dụ xuống dòng) không hợp lệ",
        "a string holds a control character (such as a line break), which is not allowed",
    ),
    "template.json.escape": (
        "chuỗi chứa ký tự thoát '\\' không hợp lệ",
        "a string holds an invalid escape '\\'",
    ),
    "template.json.extra": (
        "có dữ liệu thừa sau khi đối tượng JSON đã kết thúc",
        "there is extra data after the end of the JSON object",
    ),
    "template.duplicate_key": (
        "trường “{key}” được ghi nhiều lần trong cùng một đối tượng; chỉ giữ một",
        "field “{key}” is written more than once in one object; keep only one",
    ),
    "template.missing_item": (
        "thiếu phần tử: danh sách này cần đủ số phần tử quy định",
        "an item is missing: this list needs all of its required items",
    ),
    "template.missing_field": (
        "thiếu trường bắt buộc; hãy bổ sung giá trị cho trường này",
        "a required field is missing; give this field a value",
    ),
    "template.extra_field": (
        "trường không được phép: mẫu phiếu không có trường “{field}”; "
        "kiểm tra lại chính tả tên trường hoặc xóa trường này",
        "field not allowed: a template has no field “{field}”; "
        "check the spelling of the field name or remove the field",
    ),
    "template.kind_invalid": (
        "kiểu chấm điểm (kind) “{kind}” không hợp lệ; chỉ chấp nhận: {kinds}",
        "scoring kind “{kind}” is not valid; allowed kinds: {kinds}",
    ),
    "template.kind_missing": (
        "thiếu trường “kind” cho biết kiểu chấm điểm; chỉ chấp nhận: {kinds}",
        "the field “kind” that names the scoring kind is missing; allowed kinds: {kinds}",
    ),
    "template.key_not_allowed": (
        "tên khóa {value:show} không hợp lệ; chỉ chấp nhận: {choices}",
        "key {value:show} is not allowed; allowed keys: {choices}",
    ),
    "template.value_not_allowed": (
        "giá trị {value:show} không hợp lệ; chỉ chấp nhận: {choices}",
        "value {value:show} is not allowed; allowed values: {choices}",
    ),
    "template.identifier": (
        "mã {value:show} không đúng định dạng: chỉ được gồm chữ cái không dấu, chữ số và các dấu "
        "_ . - (không có dấu cách, không có chữ có dấu tiếng Việt)",
        "code {value:show} is badly formed: use only unaccented letters, digits and _ . - "
        "(no spaces, no Vietnamese accented letters)",
    ),
    "template.blank": (
        "không được để trống (chỉ có dấu cách)",
        "must not be blank (it holds only spaces)",
    ),
    "template.pattern": (
        "không đúng định dạng yêu cầu ({pattern}), đang là {value:show}",
        "does not match the required pattern ({pattern}); it is {value:show}",
    ),
    "template.value_invalid": (
        "giá trị không hợp lệ ({kind}), đang là {value:show}",
        "invalid value ({kind}); it is {value:show}",
    ),
    "template.type.string": (
        "phải là chuỗi văn bản, đang là {value:show}",
        "must be text; it is {value:show}",
    ),
    "template.type.int": (
        "phải là số nguyên, đang là {value:show}",
        "must be a whole number; it is {value:show}",
    ),
    "template.type.int_fraction": (
        "phải là số nguyên (không có phần thập phân), đang là {value:show}",
        "must be a whole number (with no decimals); it is {value:show}",
    ),
    "template.type.number": (
        "phải là một số, đang là {value:show}",
        "must be a number; it is {value:show}",
    ),
    "template.type.finite": (
        "phải là số hữu hạn (không chấp nhận NaN hay vô cực), đang là {value:show}",
        "must be a finite number (not NaN or infinity); it is {value:show}",
    ),
    "template.type.bool": (
        "phải là true hoặc false, đang là {value:show}",
        "must be true or false; it is {value:show}",
    ),
    "template.type.list": (
        "phải là một danh sách (mảng JSON [...]), đang là {value:show}",
        "must be a list (a JSON array [...]); it is {value:show}",
    ),
    "template.type.object": (
        "phải là một đối tượng JSON {{...}}, đang là {value:show}",
        "must be a JSON object {{...}}; it is {value:show}",
    ),
    "template.text_empty": (
        "không được để trống, đang là {value:show}",
        "must not be empty; it is {value:show}",
    ),
    "template.text_too_short": (
        "quá ngắn: cần ít nhất {min} ký tự, đang là {value:show}",
        "too short: at least {min} characters are needed; it is {value:show}",
    ),
    "template.text_too_long": (
        "quá dài: tối đa {max} ký tự, đang là {value:show}",
        "too long: at most {max} characters; it is {value:show}",
    ),
    "template.too_few": (
        "quá ít phần tử: cần ít nhất {min}, đang là {value:show}",
        "too few items: at least {min} are needed; it is {value:show}",
    ),
    "template.too_many": (
        "quá nhiều phần tử: tối đa {max}, đang là {value:show}",
        "too many items: at most {max}; it is {value:show}",
    ),
    "template.at_least": (
        "ngoài khoảng cho phép: phải lớn hơn hoặc bằng {limit:show}, đang là {value:show}",
        "out of range: must be at least {limit:show}; it is {value:show}",
    ),
    "template.above": (
        "ngoài khoảng cho phép: phải lớn hơn {limit:show}, đang là {value:show}",
        "out of range: must be greater than {limit:show}; it is {value:show}",
    ),
    "template.at_most": (
        "ngoài khoảng cho phép: phải nhỏ hơn hoặc bằng {limit:show}, đang là {value:show}",
        "out of range: must be at most {limit:show}; it is {value:show}",
    ),
    "template.below": (
        "ngoài khoảng cho phép: phải nhỏ hơn {limit:show}, đang là {value:show}",
        "out of range: must be less than {limit:show}; it is {value:show}",
    ),
    "template.file_name": (
        "tên tệp phải là “{expected}” theo mã và phiên bản của mẫu phiếu",
        "the file must be named “{expected}” after the template's id and version",
    ),
    "template.same_id": (
        "trùng mã và phiên bản với {other}",
        "the same id and version as {other}",
    ),
    "template.unknown": (
        "Không có mẫu phiếu “{id}” nào trong các mẫu đi kèm ứng dụng; "
        "hãy cài đặt mẫu phiếu này trước.",
        "No template “{id}” comes with the app; install this template first.",
    ),
    "template.unknown_version": (
        "Không có mẫu phiếu “{id}” phiên bản {version} trong các mẫu đi kèm ứng dụng; "
        "hãy cài đặt mẫu phiếu này trước.",
        "Template “{id}” version {version} does not come with the app; "
        "install this template first.",
    ),
    "template.unknown_version_known": (
        "Không có mẫu phiếu “{id}” phiên bản {version} trong các mẫu đi kèm ứng dụng "
        "(có các phiên bản: {known}); hãy cài đặt mẫu phiếu này trước.",
        "Template “{id}” version {version} does not come with the app "
        "(versions available: {known}); install this template first.",
    ),
    "template.changed": (
        "Mẫu phiếu “{id}” phiên bản {version} trên máy này có nội dung khác với mẫu mà hồ sơ "
        "đã được chấm theo (mã băm khác); không chấm điểm hồ sơ theo mẫu này. "
        "Hãy cài đúng mẫu phiếu của hồ sơ.",
        "Template “{id}” version {version} on this device differs from the one the record was "
        "scored on (another hash); the record is not scored with it. "
        "Install the record's own template.",
    ),
    "template.duplicate_id": (
        "mã “{key}” bị trùng với {first}; {rule:label}",
        "code “{key}” repeats {first}; {rule:label}",
    ),
    "template.unique.section": (
        "mỗi nhóm tiêu chí cần một mã riêng",
        "every section needs a code of its own",
    ),
    "template.unique.criterion": (
        "mỗi tiêu chí và mỗi dòng điểm thưởng/điểm trừ cần một mã riêng trong toàn mẫu phiếu",
        "every criterion and every bonus/penalty line needs a code of its own in the whole "
        "template",
    ),
    "template.unique.rating": (
        "mỗi xếp loại cần một mã riêng",
        "every rating needs a code of its own",
    ),
    "template.unique.hard_fail": (
        "mỗi điều kiện hạ xếp loại cần một mã riêng",
        "every rating cap needs a code of its own",
    ),
    "template.unique.addressee": (
        "mỗi nơi nhận đề nghị cần một mã riêng",
        "every addressee needs an id of its own",
    ),
    "template.unknown_addressee": (
        "nơi nhận đề nghị “{to}” không có trong danh sách (có: {known})",
        "addressee “{to}” is not declared (declared: {known})",
    ),
    "template.unique.figure": (
        "mỗi số liệu trong một tiêu chí cần một mã riêng",
        "every figure of a criterion needs a code of its own",
    ),
    "template.unreachable_max": (
        "điểm tối đa {max:n} không phải bội số của bước chấm {step:n} nên không thể chấm đủ điểm "
        "tối đa; hãy chọn bước chấm chia hết điểm tối đa",
        "the maximum {max:n} is not a multiple of the step {step:n}, so the maximum can never be "
        "given; choose a step that divides the maximum",
    ),
    "template.adjustment_max": ("điểm tối đa phải lớn hơn 0", "the maximum must be above 0"),
    "template.info_max": (
        "tiêu chí chỉ ghi nhận số liệu (info) phải có điểm tối đa 0, đang là {max:n}",
        "a criterion that only records figures (info) must have a maximum of 0; it is {max:n}",
    ),
    "template.scored_max": (
        "tiêu chí chấm điểm (kind “{kind}”) phải có điểm tối đa lớn hơn 0",
        "a scored criterion (kind “{kind}”) must have a maximum above 0",
    ),
    "template.bands_figure": (
        "không có số liệu “{figure}” trong tiêu chí này; các số liệu hiện có: {known}",
        "this criterion has no figure “{figure}”; its figures are: {known}",
    ),
    "template.bands_figure_none": (
        "không có số liệu “{figure}” trong tiêu chí này; "
        "các số liệu hiện có: (chưa khai báo số liệu nào)",
        "this criterion has no figure “{figure}”; it declares no figures yet",
    ),
    "template.band_over_max": (
        "điểm {points:n} vượt quá điểm tối đa {max:n} của tiêu chí",
        "{points:n} points exceed the criterion's maximum of {max:n}",
    ),
    "template.band_over_100": (
        "khoảng bắt đầu từ {low:n}% nhưng “{figure}” là tỷ lệ phần trăm, không vượt quá 100%, "
        "nên {points:n} điểm của khoảng này không bao giờ đạt được",
        "the band starts at {low:n}% but “{figure}” is a percentage and never exceeds 100%, "
        "so this band's {points:n} points can never be earned",
    ),
    "template.band_over_100_top": (
        "khoảng bắt đầu từ {low:n}% nhưng “{figure}” là tỷ lệ phần trăm, không vượt quá 100%, "
        "nên {points:n} điểm của khoảng này không bao giờ đạt được "
        "(tiêu chí không thể đạt điểm tối đa {max:n})",
        "the band starts at {low:n}% but “{figure}” is a percentage and never exceeds 100%, "
        "so this band's {points:n} points can never be earned "
        "(the criterion can never reach its maximum of {max:n})",
    ),
    "template.bands_top_short": (
        "khoảng cao nhất chỉ cho {best:n} điểm nên không thể đạt điểm tối đa {max:n}; "
        "điểm của khoảng cao nhất phải bằng điểm tối đa",
        "the top band gives only {best:n} points, so the maximum of {max:n} can never be "
        "reached; the top band's points must equal the maximum",
    ),
    "template.photo_no_kind": (
        "quy định ảnh khi trả lời “Không” chỉ dùng cho tiêu chí Có/Không (kind “yes_no”); "
        "tiêu chí này chấm theo kind “{kind}” nên quy định không bao giờ áp dụng",
        "a photo rule for a “No” answer only suits yes/no criteria (kind “yes_no”); "
        "this criterion is scored by kind “{kind}”, so the rule never applies",
    ),
    "template.photo_below_max_info": (
        "tiêu chí chỉ ghi nhận số liệu (info) không có điểm nên quy định ảnh khi chưa đạt "
        "điểm tối đa không bao giờ áp dụng",
        "a criterion that only records figures (info) has no points, so a photo rule for "
        "scores below the maximum never applies",
    ),
    "template.critical_info": (
        "tiêu chí chỉ ghi nhận số liệu (info) không có điểm nên không thể là tiêu chí then chốt",
        "a criterion that only records figures (info) has no points, so it cannot be critical",
    ),
    "template.fractions_missing": (
        "thiếu tỷ lệ điểm cho: {missing:labels}; cần đủ ba mức Đạt, Đạt một phần, Không đạt",
        "no fraction of the points for: {missing:labels}; all three levels Met, Partly met and "
        "Not met are needed",
    ),
    "template.fraction_full": (
        "mức Đạt phải được trọn điểm (1.0), đang là {value:n}",
        "Met must earn the full points (1.0); it is {value:n}",
    ),
    "template.fraction_order": (
        "tỷ lệ điểm phải giảm dần: Đạt ≥ Đạt một phần ≥ Không đạt",
        "the fractions must not increase: Met ≥ Partly met ≥ Not met",
    ),
    "template.rate_self": (
        "tỷ lệ của “{figure}” trên chính nó luôn là 100% (hoặc không tính được); "
        "tử số và mẫu số phải là hai số liệu khác nhau",
        "a rate of “{figure}” over itself is always 100% (or cannot be computed); "
        "the numerator and the denominator must be two different figures",
    ),
    "template.rate_derived": (
        "tỷ lệ phải tính từ hai số liệu nhập trực tiếp; “{figures}” "
        "cũng là tỷ lệ tính từ số liệu khác",
        "a rate must be computed from two entered figures; “{figures}” "
        "is itself a rate computed from other figures",
    ),
    "template.rate_wrong": (
        "tỷ lệ phải tính từ hai số liệu khác của cùng tiêu chí; không dùng được: {figures}",
        "a rate must be computed from two other figures of the same criterion; "
        "these cannot be used: {figures}",
    ),
    "template.range.band": ("khoảng điểm", "score band"),
    "template.range.rating": ("xếp loại", "rating band"),
    "template.limit_finite": (
        "giới hạn phải là số hữu hạn (không chấp nhận NaN hay vô cực)",
        "a limit must be a finite number (not NaN or infinity)",
    ),
    "template.range_none": ("cần ít nhất một {what:label}", "at least one {what:label} is needed"),
    "template.range_inverted": (
        "giới hạn trên {max:n} phải lớn hơn giới hạn dưới {min:n}",
        "the upper limit {max:n} must be above the lower limit {min:n}",
    ),
    "template.range_start": (
        "{what:label} thấp nhất phải bắt đầu từ 0; từ 0 đến {low:n} chưa thuộc {what:label} nào",
        "the lowest {what:label} must start at 0; from 0 to {low:n} is in no {what:label}",
    ),
    "template.range_overlap": (
        "chồng lấn với {next}; giới hạn trên phải bằng {limit:n}",
        "overlaps {next}; the upper limit must be {limit:n}",
    ),
    "template.range_gap": (
        "bỏ trống từ {high:n} đến {low:n} ({next}); giới hạn trên phải bằng {low:n}",
        "leaves a gap from {high:n} to {low:n} ({next}); the upper limit must be {low:n}",
    ),
    "template.range_top": (
        "{what:label} cao nhất phải để trống giới hạn trên (max: null); "
        "nếu không, giá trị từ {high:n} trở lên không thuộc {what:label} nào",
        "the highest {what:label} must leave its upper limit empty (max: null); "
        "otherwise values from {high:n} up are in no {what:label}",
    ),
    "template.rating_unreachable": (
        "ngưỡng {low:n} vượt quá tổng điểm {total:n} nên không thể đạt",
        "the threshold {low:n} is above the total of {total:n}, so it can never be reached",
    ),
    "template.rating_label_twice": (
        "tên xếp loại “{label}” trùng với {first}; "
        "mỗi xếp loại cần một tên riêng để phân biệt trên báo cáo",
        "rating name “{label}” repeats {first}; "
        "every rating needs a name of its own to be told apart on a report",
    ),
    "template.section_total": (
        "điểm tối đa của nhóm là {max:n} nhưng tổng điểm tối đa các tiêu chí là {sum:n}; "
        "hai số phải bằng nhau",
        "the section's maximum is {max:n} but its criteria's maximums add up to {sum:n}; "
        "the two must be equal",
    ),
    "template.total_positive": ("tổng điểm phải lớn hơn 0", "the total must be above 0"),
    "template.total_mismatch": (
        "tổng điểm của mẫu phiếu là {total:n} nhưng tổng điểm tối đa các nhóm là {sum:n}; "
        "hai số phải bằng nhau",
        "the template's total is {total:n} but its sections' maximums add up to {sum:n}; "
        "the two must be equal",
    ),
    "template.hard_fail.no_criterion": (
        "không có tiêu chí nào mang mã “{criterion}”",
        "no criterion has the code “{criterion}”",
    ),
    "template.hard_fail.info": (
        "tiêu chí “{criterion}” chỉ ghi nhận số liệu, không có điểm nên không dùng được",
        "criterion “{criterion}” only records figures and has no points, so it cannot be used",
    ),
    "template.hard_fail.always": (
        "ngưỡng {at_most:n} không nhỏ hơn điểm tối đa {max:n} của tiêu chí “{criterion}” "
        "nên điều kiện luôn xảy ra",
        "the threshold {at_most:n} is not below the maximum {max:n} of criterion “{criterion}”, "
        "so the condition always holds",
    ),
    "template.hard_fail.finite": ("phải là số hữu hạn", "must be a finite number"),
    "template.hard_fail.never": (
        "ngưỡng {at_most:n} nhỏ hơn 0 nên điều kiện không bao giờ xảy ra "
        "(điểm của tiêu chí không âm)",
        "the threshold {at_most:n} is below 0, so the condition never holds "
        "(a criterion's points are never negative)",
    ),
    "template.hard_fail.no_rating": (
        "không có xếp loại nào mang mã “{cap}”; các mã hiện có: {codes}",
        "no rating has the code “{cap}”; the codes are: {codes}",
    ),
    "template.hard_fail.top": (
        "“{label}” ({code}) là xếp loại cao nhất nên hạ xếp loại xuống mức này "
        "không có tác dụng; hãy chọn một xếp loại thấp hơn",
        "“{label}” ({code}) is the highest rating, so capping the rating there has no effect; "
        "choose a lower rating",
    ),
    # Template spreadsheets (checklists.template.sheet_*): where a problem is, and what is wrong
    "template.sheet.where_cell": (
        "Trang tính “{sheet}”, dòng {row}, cột {column} ({header})",
        "Sheet “{sheet}”, row {row}, column {column} ({header})",
    ),
    "template.sheet.where_row": (
        "Trang tính “{sheet}”, dòng {row}",
        "Sheet “{sheet}”, row {row}",
    ),
    "template.sheet.where_sheet": ("Trang tính “{sheet}”", "Sheet “{sheet}”"),
    "template.sheet.missing_sheet": (
        "thiếu trang tính “{sheet}”; hãy thêm trang tính này (tải mẫu có sẵn về để xem cách ghi)",
        "the sheet “{sheet}” is missing; add it (download a published template to see how)",
    ),
    "template.sheet.unknown_sheet": (
        "không dùng được trang tính “{sheet}”; các trang tính của mẫu phiếu: {known}",
        "the sheet “{sheet}” is not part of a template; a template has the sheets: {known}",
    ),
    "template.sheet.twice": (
        "trang tính này trùng với trang tính “{other}”; chỉ giữ một",
        "this sheet is the same as the sheet “{other}”; keep only one",
    ),
    "template.sheet.no_header": (
        "dòng 1 phải ghi tên các cột",
        "row 1 must hold the column headings",
    ),
    "template.sheet.unknown_column": (
        "không có cột nào tên “{header}”; các cột dùng được: {known}",
        "there is no column called “{header}”; the columns are: {known}",
    ),
    "template.sheet.column_twice": (
        "cột “{header}” đã có ở cột {other}; chỉ giữ một",
        "the column “{header}” is already column {other}; keep only one",
    ),
    "template.sheet.missing_column": (
        "thiếu cột “{header}”; hãy thêm cột này vào dòng 1",
        "the column “{header}” is missing; add it to row 1",
    ),
    "template.sheet.one_row": (
        "trang tính này phải có đúng một dòng dữ liệu (dòng 2), đang có {count}",
        "this sheet must have exactly one row of data (row 2); it has {count}",
    ),
    "template.sheet.unknown_section": (
        "không có phần nào mã “{value}” trong trang tính “{sheet}”",
        "no section has the id “{value}” in the sheet “{sheet}”",
    ),
    "template.sheet.unknown_criterion": (
        "không có tiêu chí nào mã “{value}” trong trang tính “{sheet}”",
        "no criterion has the id “{value}” in the sheet “{sheet}”",
    ),
    "template.sheet.word": (
        "phải là một trong: {choices}; đang là {value:show}",
        "must be one of: {choices}; it is {value:show}",
    ),
    "template.sheet.pairs": (
        "phải ghi dạng “mã=số; mã=số” (ví dụ “dat=1; dat_mot_phan=0,5; khong_dat=0”), "
        "đang là {value:show}",
        "must read “code=number; code=number” (e.g. “dat=1; dat_mot_phan=0.5; khong_dat=0”); "
        "it is {value:show}",
    ),
    "template.sheet.bands": (
        "phải ghi dạng “từ..dưới=điểm; …” (ví dụ “0..50=0; 50..80=1; 80..=2”, bỏ trống số "
        "sau “..” khi không có mức trên), đang là {value:show}",
        "must read “from..below=points; …” (e.g. “0..50=0; 50..80=1; 80..=2”, nothing after "
        "“..” when there is no upper bound); it is {value:show}",
    ),
    "template.sheet.rate": (
        "phải ghi dạng “tử_số/mẫu_số” bằng mã hai số liệu (ví dụ “da_giai_quyet/tiep_nhan”), "
        "đang là {value:show}",
        "must read “numerator/denominator” with two figure ids (e.g. “resolved/received”); "
        "it is {value:show}",
    ),
    "template.sheet.guide.title": (
        "Cách ghi mẫu tiêu chí trong bảng tính này",
        "How to write a template in this workbook",
    ),
    "template.sheet.guide.rows": (
        "Mỗi trang tính: dòng 1 là tên cột, mỗi dòng sau là một mục (một phần, một tiêu chí…). "
        "Không đổi tên trang tính và tên cột; có thể bỏ cột không dùng.",
        "Each sheet: row 1 holds the column names, each row below one item (a section, a "
        "criterion…). Keep the sheet and column names; unused columns may be removed.",
    ),
    "template.sheet.guide.refs": (
        "Cột “Phần” của trang “Tiêu chí” ghi mã một phần của trang “Phần”; cột “Tiêu chí” của "
        "trang “Số liệu” ghi mã một tiêu chí. Điểm tối đa của mỗi phần bằng tổng điểm các tiêu "
        "chí của phần; tổng điểm bằng tổng các phần.",
        "The section column of the criteria sheet names a section's id; the criterion column of "
        "the figures sheet names a criterion's id. A section's maximum is the sum of its "
        "criteria; the total is the sum of the sections.",
    ),
    "template.sheet.guide.kinds": (
        "Cách chấm: chấm điểm (theo bước điểm), mức độ đạt (tỷ lệ theo mức đạt), có/không, "
        "khung theo số liệu (số liệu tính khung + khung điểm), chỉ ghi nhận số liệu (0 điểm).",
        "Kinds: points (in steps), status (fractions per status), yes/no, bands of a figure "
        "(banded figure + bands), information only (0 points).",
    ),
    "template.sheet.guide.cells": (
        "Ô có/không: có, không, x. Khung điểm: “0..50=0; 50..80=1; 80..=2” (từ..dưới=điểm). "
        "Tỷ lệ theo mức đạt: “dat=1; dat_mot_phan=0,5; khong_dat=0”. Tỷ lệ của: “tử_số/mẫu_số”. "
        "Gợi ý minh chứng: mỗi gợi ý một dòng trong ô.",
        "Yes/no cells: yes, no, x. Bands: “0..50=0; 50..80=1; 80..=2” (from..below=points). "
        "Status fractions: “dat=1; dat_mot_phan=0.5; khong_dat=0”. Rate of: "
        "“numerator/denominator”. Evidence hints: one a line in the cell.",
    ),
    "template.sheet.guide.upload": (
        "Tải tệp lên trang “Mẫu tiêu chí” của văn phòng: mọi lỗi được báo theo trang tính, dòng "
        "và cột; bản được ban hành là phiên bản mới, không sửa phiên bản cũ. Trang này được bỏ "
        "qua khi đọc.",
        "Upload the file on the office's Templates page: every mistake is reported by sheet, row "
        "and column; publishing makes a new version and never changes an old one. This sheet is "
        "skipped when the file is read.",
    ),
    "template.sheet.yes": ("có", "yes"),
    "template.sheet.no": ("không", "no"),
    "template.sheet.kind.points": ("chấm điểm", "points"),
    "template.sheet.kind.status": ("mức độ đạt", "status"),
    "template.sheet.kind.yes_no": ("có/không", "yes/no"),
    "template.sheet.kind.bands": ("khung theo số liệu", "bands of a figure"),
    "template.sheet.kind.info": ("chỉ ghi nhận số liệu", "information only"),
    "template.sheet.adjustment.bonus": ("điểm thưởng", "bonus"),
    "template.sheet.adjustment.penalty": ("điểm trừ", "penalty"),
    "template.sheet.na_mode.section_weighted": ("theo từng phần", "within each section"),
    "template.sheet.na_mode.pooled": ("gộp chung", "pooled"),
    # Missing evidence (checklists.scoring.evidence)
    "evidence.photo": ("Thiếu ảnh minh chứng", "A photo is missing"),
    "evidence.photo_below_max": (
        "Cần ảnh minh chứng khi chưa đạt điểm tối đa",
        "A photo is needed when the score is below the maximum",
    ),
    "evidence.photo_no": (
        "Cần ảnh minh chứng khi trả lời “Không”",
        "A photo is needed when the answer is “No”",
    ),
    "evidence.note_below_max": (
        "Cần ghi chú khi chưa đạt điểm tối đa",
        "A note is needed when the score is below the maximum",
    ),
    "evidence.note_na": (
        "Cần ghi chú lý do không áp dụng",
        "A note is needed saying why the criterion does not apply",
    ),
    # Values that cannot be scored (checklists.scoring.points, .figures)
    "value.score_range": (
        "Điểm {score:n} ngoài khoảng 0–{max:n}",
        "Score {score:n} is outside 0–{max:n}",
    ),
    "value.score_step": (
        "Điểm {score:n} không theo bước {step:n}",
        "Score {score:n} is not a multiple of the step {step:n}",
    ),
    "value.no_band": (
        "“{figure}” = {value:n2} không thuộc khoảng điểm nào",
        "“{figure}” = {value:n2} falls in no score band",
    ),
    "value.na_not_allowed": (
        "Tiêu chí này không được chọn “Không áp dụng”",
        "This criterion cannot be marked “Not applicable”",
    ),
    "value.status_unused": (
        "Mức “{status:label}” không dùng ở tiêu chí này",
        "The level “{status:label}” is not used on this criterion",
    ),
    "value.count": (
        "Số {unit} phải là số nguyên không âm, đang là {count:n}",
        "The count ({unit}) must be a whole number, 0 or more; it is {count:n}",
    ),
    "value.count_units": (
        "Số đơn vị phải là số nguyên không âm, đang là {count:n}",
        "The number of units must be a whole number, 0 or more; it is {count:n}",
    ),
    "value.unknown_figure": (
        "Số liệu “{key}” không có trong tiêu chí này",
        "Figure “{key}” is not part of this criterion",
    ),
    "value.unknown_figure_known": (
        "Số liệu “{key}” không có trong tiêu chí này; các số liệu của tiêu chí: {known}",
        "Figure “{key}” is not part of this criterion; its figures are: {known}",
    ),
    "value.negative": (
        "“{figure}” không được là số âm, đang là {value:n}",
        "“{figure}” cannot be negative; it is {value:n}",
    ),
    "value.not_whole": (
        "“{figure}” phải là số nguyên, đang là {value:n}",
        "“{figure}” must be a whole number; it is {value:n}",
    ),
    "value.over_100": (
        "“{figure}” phải từ 0 đến 100%, đang là {value:n}%",
        "“{figure}” must be from 0 to 100%; it is {value:n}%",
    ),
    "value.rate_of_zero": (
        "“{denominator}” bằng 0 nên không tính được “{rate}” để chấm điểm",
        "“{denominator}” is 0, so “{rate}” cannot be computed for scoring",
    ),
    "value.rate_of_zero_na": (
        "“{denominator}” bằng 0 nên không tính được “{rate}” để chấm điểm; "
        "nếu trong kỳ không phát sinh, hãy chọn “Không áp dụng”",
        "“{denominator}” is 0, so “{rate}” cannot be computed for scoring; "
        "if there were none in the period, choose “Not applicable”",
    ),
    "value.rate_over_100": (
        "“{numerator}” ({num:n}) lớn hơn “{denominator}” ({den:n}) nên “{rate}” vượt quá 100%",
        "“{numerator}” ({num:n}) is more than “{denominator}” ({den:n}), so “{rate}” exceeds 100%",
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
    return _Words("en" if lang == "en" else "vi").vformat(text, (), params or {})


def show_value(text: str, lang: Lang | str = "vi") -> str:
    """A value people typed, as a message shows it: a number in `lang`'s form, else as written;
    at most 40 characters ("..." marks a cut)."""
    try:
        number = float(text)
    except ValueError:
        shown = text
    else:
        shown = format_number(number, lang=lang)
    return shown if len(shown) <= 40 else shown[:37] + "..."


class _Missing(str):
    """A placeholder with no parameter: shown as written instead of raising."""


class _Words(string.Formatter):
    """Fills a label's placeholders in one language, following their format specs."""

    def __init__(self, lang: str) -> None:
        self.lang = lang

    def get_value(self, key: int | str, args: Sequence[Any], kwargs: Mapping[str, Any]) -> Any:
        key = str(key)
        return kwargs[key] if key in kwargs else _Missing(key)  # labels name every placeholder

    def format_field(self, value: Any, format_spec: str) -> str:
        if isinstance(value, _Missing):
            return "{" + value + (":" + format_spec if format_spec else "") + "}"
        text = str(value)
        if format_spec == "label":
            return label(text, self.lang) if has_label(text) else text
        if format_spec == "labels":
            return ", ".join(label(c, self.lang) if has_label(c) else c for c in text.split(","))
        if format_spec == "show":
            return show_value(text, self.lang)
        if format_spec in ("n", "n2"):
            try:
                return format_number(float(text), int(format_spec[1:] or 4), self.lang)
            except ValueError:
                return text
        return format(value, format_spec)
