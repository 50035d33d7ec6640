"""The words of the authoring and administration pages (templates, visits, users and devices),
in Vietnamese and English: merged into `words.VI` and `words.EN`, same keys, same placeholders."""

from __future__ import annotations

__all__ = ["AUTHORING_VI", "AUTHORING_EN"]

AUTHORING_VI: dict[str, str] = {
    # Templates
    "templates.intro": (
        "Mẫu tiêu chí đã ban hành được máy tính bảng tải về khi đồng bộ. Muốn soạn mẫu mới: "
        "tải một mẫu có sẵn về dạng Excel, sửa, rồi tải lên để xem trước và ban hành."
    ),
    "templates.published": "Mẫu đã ban hành",
    "templates.none": "Chưa có mẫu nào.",
    "templates.id": "Mã mẫu",
    "templates.version": "Phiên bản",
    "templates.title": "Tên mẫu",
    "templates.origin": "Nguồn",
    "templates.bundled": "Kèm theo phần mềm",
    "templates.published_on": "Ban hành {day}",
    "templates.download": "Tải về",
    "templates.download_vi": "Excel (tiếng Việt)",
    "templates.download_en": "Excel (tiếng Anh)",
    "templates.upload": "Tải lên mẫu mới hoặc phiên bản mới",
    "templates.upload_help": (
        "Chọn tệp Excel (.xlsx) hoặc JSON. Tệp chỉ được kiểm tra và xem trước; "
        "chưa có gì được ban hành cho đến khi bạn bấm “Ban hành”."
    ),
    "templates.file": "Tệp mẫu tiêu chí",
    "templates.check": "Kiểm tra và xem trước",
    "templates.no_file": "Hãy chọn một tệp .xlsx hoặc .json.",
    "templates.too_large": "Tệp quá lớn (tối đa {size} MB).",
    "templates.unreadable": (
        "Không đọc được tệp: đây không phải bảng tính Excel (.xlsx) hợp lệ. "
        "Hãy lưu lại bằng Excel dưới dạng .xlsx rồi tải lên lại."
    ),
    "templates.preview": "Xem trước mẫu tiêu chí",
    "templates.problems": "Tệp có {count} lỗi. Hãy sửa trong tệp rồi tải lên lại.",
    "templates.where": "Vị trí",
    "templates.what": "Lỗi",
    "templates.fix_upload": "Tải lên tệp đã sửa",
    "templates.will_be": "Sẽ ban hành thành {id} phiên bản {version}.",
    "templates.same_as": (
        "Nội dung này giống hệt {id} phiên bản {version} đã ban hành: ban hành lại sẽ không "
        "thay đổi gì."
    ),
    "templates.total": "Tổng điểm",
    "templates.changes": "Khác với phiên bản {version} đã ban hành:",
    "templates.new_id": "Mẫu mới: chưa có phiên bản nào mang mã {id}.",
    "templates.change.header": "Thông tin chung: {names}",
    "templates.change.sections_added": "Thêm phần: {names}",
    "templates.change.sections_removed": "Bỏ phần: {names}",
    "templates.change.sections_changed": "Sửa tên hoặc điểm của phần: {names}",
    "templates.change.criteria_added": "Thêm tiêu chí: {names}",
    "templates.change.criteria_removed": "Bỏ tiêu chí: {names}",
    "templates.change.criteria_changed": "Sửa tiêu chí: {names}",
    "templates.change.lists": "Sửa trang tính: {names}",
    "templates.review": "Xem lại các phần và tiêu chí bên dưới, rồi bấm “Ban hành” ở cuối trang.",
    "templates.sections": "Các phần và tiêu chí",
    "templates.criterion": "Tiêu chí",
    "templates.kind": "Cách chấm",
    "templates.max": "Điểm tối đa",
    "templates.ratings": "Xếp loại",
    "templates.rating_range": "Từ {min} đến dưới {max}",
    "templates.rating_from": "Từ {min} trở lên",
    "templates.publish": "Ban hành",
    "templates.publish_help": (
        "Sau khi ban hành, phiên bản này không sửa được nữa; muốn thay đổi thì ban hành "
        "phiên bản mới."
    ),
    "templates.cancel": "Huỷ, quay lại danh sách",
    "templates.done": (
        "Đã ban hành {id} phiên bản {version}. Máy tính bảng sẽ nhận ở lần đồng bộ tới."
    ),
    "templates.unchanged": (
        "{id} phiên bản {version} đã có đúng nội dung này; không có gì thay đổi."
    ),
    "templates.bad_json": "Nội dung mẫu gửi lên không đọc được; hãy tải tệp lên lại.",
    # Visits
    "visits.intro": (
        "Lập kế hoạch một cuộc kiểm tra: các thành viên đoàn sẽ tải biên bản về máy tính "
        "bảng trước khi đi."
    ),
    "visits.plan": "Lập kế hoạch kiểm tra",
    "visits.unit": "Đơn vị được kiểm tra",
    "visits.unit_parent": "Thuộc (huyện, tỉnh)",
    "visits.place": "Địa điểm",
    "visits.date": "Ngày kiểm tra",
    "visits.date_hint": "ngày/tháng/năm, ví dụ 15/03/2027",
    "visits.template": "Mẫu tiêu chí",
    "visits.lead_body": "Cơ quan chủ trì",
    "visits.decision_ref": "Quyết định thành lập đoàn (số, ngày)",
    "visits.leader": "Trưởng đoàn",
    "visits.members": "Thành viên đoàn",
    "visits.members_help": "Đánh dấu những người đi cùng đoàn; trưởng đoàn luôn có trong đoàn.",
    "visits.choose": "— Chọn —",
    "visits.submit": "Lập kế hoạch",
    "visits.planned": "Các cuộc kiểm tra chưa bắt đầu",
    "visits.none": "Chưa có cuộc kiểm tra nào đang chờ.",
    "visits.delegation": "Đoàn",
    "visits.done": "Đã lập kế hoạch kiểm tra {unit} ngày {day}.",
    "visits.errors": "Chưa lập được kế hoạch: hãy sửa các ô dưới đây.",
    "visits.required": "hãy điền ô này",
    "visits.bad_date": "ngày không hợp lệ (dạng ngày/tháng/năm)",
    "visits.too_long": "quá dài",
    "visits.unknown_template": "mẫu tiêu chí này không còn; hãy chọn lại",
    "visits.unknown_user": "có người không còn trong danh sách tài khoản; hãy chọn lại",
    "visits.no_leader": "hãy chọn trưởng đoàn",
    "visits.refused": "không lập được: {reason}",
    # Users and devices
    "users.intro": (
        "Tạo tài khoản, đổi vai trò, khoá tài khoản và thu hồi thiết bị. Tài khoản bị khoá "
        "và thiết bị bị thu hồi mất quyền truy cập ngay."
    ),
    "users.list": "Tài khoản",
    "users.username": "Tên đăng nhập",
    "users.name": "Họ và tên",
    "users.role": "Vai trò",
    "users.active": "Đang hoạt động",
    "users.disabled": "Đã khoá",
    "users.devices": "Thiết bị",
    "users.save": "Lưu",
    "users.change": "Đổi vai trò hoặc khoá",
    "users.new": "Tạo tài khoản mới",
    "users.password": "Mật khẩu (ít nhất 8 ký tự)",
    "users.create": "Tạo tài khoản",
    "users.created": "Đã tạo tài khoản {username}.",
    "users.updated": "Đã lưu tài khoản {username}.",
    "users.taken": "Tên đăng nhập {username} đã có người dùng.",
    "users.bad_username": "Tên đăng nhập chỉ gồm chữ không dấu, số và . _ @ - (tối đa 64 ký tự).",
    "users.bad_password": "Mật khẩu phải có từ 8 đến 200 ký tự.",
    "users.bad_name": "Hãy nhập họ và tên (tối đa 200 ký tự).",
    "users.last_admin": "Không thể khoá hoặc đổi vai trò quản trị viên cuối cùng còn hoạt động.",
    "users.device_list": "Thiết bị đã đăng ký",
    "users.device": "Thiết bị",
    "users.owner": "Người dùng",
    "users.enrolled": "Ngày đăng ký",
    "users.state": "Trạng thái",
    "users.revoked_on": "Đã thu hồi {day}",
    "users.in_use": "Đang dùng",
    "users.revoke": "Thu hồi",
    "users.revoke_ask": (
        "Thu hồi thiết bị “{device}” của {owner}? Thiết bị này mất quyền truy cập ngay; "
        "người dùng phải đăng nhập lại trên đó."
    ),
    "users.revoked": "Đã thu hồi thiết bị {device}.",
    "users.no_devices": "Chưa có thiết bị nào.",
    "what.user": "tài khoản",
    "what.device": "thiết bị",
    "what.template": "mẫu tiêu chí",
}

AUTHORING_EN: dict[str, str] = {
    # Templates
    "templates.intro": (
        "Published templates are downloaded by tablets when they sync. To author a new one: "
        "download an existing template as Excel, edit it, then upload it to preview and publish."
    ),
    "templates.published": "Published templates",
    "templates.none": "No templates yet.",
    "templates.id": "Template id",
    "templates.version": "Version",
    "templates.title": "Title",
    "templates.origin": "Source",
    "templates.bundled": "Bundled with the software",
    "templates.published_on": "Published {day}",
    "templates.download": "Download",
    "templates.download_vi": "Excel (Vietnamese)",
    "templates.download_en": "Excel (English)",
    "templates.upload": "Upload a new template or a new version",
    "templates.upload_help": (
        "Choose an Excel (.xlsx) or JSON file. It is only checked and previewed; nothing is "
        "published until you press “Publish”."
    ),
    "templates.file": "Template file",
    "templates.check": "Check and preview",
    "templates.no_file": "Choose a .xlsx or .json file.",
    "templates.too_large": "The file is too large (at most {size} MB).",
    "templates.unreadable": (
        "The file cannot be read: it is not a valid Excel workbook (.xlsx). "
        "Save it from Excel as .xlsx and upload it again."
    ),
    "templates.preview": "Template preview",
    "templates.problems": (
        "The file has {count} problems. Fix them in the file and upload it again."
    ),
    "templates.where": "Where",
    "templates.what": "Problem",
    "templates.fix_upload": "Upload the corrected file",
    "templates.will_be": "It will be published as {id} version {version}.",
    "templates.same_as": (
        "This content is the same as {id} version {version}, already published: publishing "
        "it again changes nothing."
    ),
    "templates.total": "Total points",
    "templates.changes": "Differences from the published version {version}:",
    "templates.new_id": "A new template: no version has the id {id} yet.",
    "templates.change.header": "Template details: {names}",
    "templates.change.sections_added": "Sections added: {names}",
    "templates.change.sections_removed": "Sections removed: {names}",
    "templates.change.sections_changed": "Sections renamed or re-weighted: {names}",
    "templates.change.criteria_added": "Criteria added: {names}",
    "templates.change.criteria_removed": "Criteria removed: {names}",
    "templates.change.criteria_changed": "Criteria changed: {names}",
    "templates.change.lists": "Sheets changed: {names}",
    "templates.review": "Review the sections and criteria below, then press “Publish” at the end.",
    "templates.sections": "Sections and criteria",
    "templates.criterion": "Criterion",
    "templates.kind": "Scoring",
    "templates.max": "Max points",
    "templates.ratings": "Ratings",
    "templates.rating_range": "From {min} to below {max}",
    "templates.rating_from": "From {min} up",
    "templates.publish": "Publish",
    "templates.publish_help": (
        "Once published, this version can no longer be changed; to change it, publish a new "
        "version."
    ),
    "templates.cancel": "Cancel, back to the list",
    "templates.done": "Published {id} version {version}. Tablets get it at their next sync.",
    "templates.unchanged": "{id} version {version} already has this content; nothing changed.",
    "templates.bad_json": "The template sent cannot be read; upload the file again.",
    # Visits
    "visits.intro": (
        "Plan an inspection visit: the delegation's members download its record to their "
        "tablets before they go."
    ),
    "visits.plan": "Plan a visit",
    "visits.unit": "Unit inspected",
    "visits.unit_parent": "Part of (district, province)",
    "visits.place": "Place",
    "visits.date": "Date of the visit",
    "visits.date_hint": "day/month/year, e.g. 15/03/2027",
    "visits.template": "Template",
    "visits.lead_body": "Leading body",
    "visits.decision_ref": "Decision forming the delegation (number, date)",
    "visits.leader": "Team leader",
    "visits.members": "Delegation members",
    "visits.members_help": "Tick who goes with the delegation; the team leader is always in it.",
    "visits.choose": "— Choose —",
    "visits.submit": "Plan the visit",
    "visits.planned": "Visits not started yet",
    "visits.none": "No visits waiting.",
    "visits.delegation": "Delegation",
    "visits.done": "Planned the visit to {unit} on {day}.",
    "visits.errors": "The visit is not planned yet: correct the fields below.",
    "visits.required": "fill in this field",
    "visits.bad_date": "not a valid date (day/month/year)",
    "visits.too_long": "too long",
    "visits.unknown_template": "this template no longer exists; choose again",
    "visits.unknown_user": "someone is no longer among the accounts; choose again",
    "visits.no_leader": "choose the team leader",
    "visits.refused": "could not plan it: {reason}",
    # Users and devices
    "users.intro": (
        "Create accounts, change roles, disable accounts and revoke devices. A disabled "
        "account and a revoked device lose access at once."
    ),
    "users.list": "Accounts",
    "users.username": "Username",
    "users.name": "Full name",
    "users.role": "Role",
    "users.active": "Active",
    "users.disabled": "Disabled",
    "users.devices": "Devices",
    "users.save": "Save",
    "users.change": "Change role or disable",
    "users.new": "Create an account",
    "users.password": "Password (at least 8 characters)",
    "users.create": "Create the account",
    "users.created": "Created the account {username}.",
    "users.updated": "Saved the account {username}.",
    "users.taken": "The username {username} is taken.",
    "users.bad_username": (
        "A username has only unaccented letters, digits and . _ @ - (at most 64)."
    ),
    "users.bad_password": "A password has 8 to 200 characters.",
    "users.bad_name": "Enter the full name (at most 200 characters).",
    "users.last_admin": "The last active administrator cannot be disabled or given another role.",
    "users.device_list": "Enrolled devices",
    "users.device": "Device",
    "users.owner": "Account",
    "users.enrolled": "Enrolled",
    "users.state": "State",
    "users.revoked_on": "Revoked {day}",
    "users.in_use": "In use",
    "users.revoke": "Revoke",
    "users.revoke_ask": (
        "Revoke the device “{device}” of {owner}? It loses access at once; the person must "
        "sign in again on it."
    ),
    "users.revoked": "Revoked the device {device}.",
    "users.no_devices": "No devices yet.",
    "what.user": "account",
    "what.device": "device",
    "what.template": "template",
}
