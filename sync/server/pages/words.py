"""Every word the office pages show, in Vietnamese and English: same keys, same placeholders.

`word(lang, key, **params)` fills `{placeholders}` with `str.format`; numbers and dates are
formatted by the caller with `checklists.text.format` before they are passed in. A new page
adds its keys to both dictionaries (a test checks they match).
"""

from __future__ import annotations

from sync.server.pages.authoring_words import AUTHORING_EN, AUTHORING_VI

__all__ = ["LANGUAGES", "VI", "EN", "word"]

LANGUAGES = ("vi", "en")
"""The page languages, Vietnamese first (the default)."""

VI: dict[str, str] = {
    "app.name": "Văn phòng kiểm tra",
    "app.subtitle": "Trang của văn phòng trung tâm",
    "lang.switch": "English",
    "lang.other": "en",
    "nav.label": "Điều hướng chính",
    "nav.skip": "Bỏ qua điều hướng",
    "nav.inspections": "Cuộc kiểm tra",
    "nav.compare": "So sánh",
    "nav.templates": "Mẫu tiêu chí",
    "nav.visits": "Kế hoạch kiểm tra",
    "nav.users": "Người dùng và thiết bị",
    "nav.signed_in_as": "Đăng nhập: {name}",
    "nav.sign_out": "Đăng xuất",
    "login.title": "Đăng nhập",
    "login.intro": "Dành cho văn phòng trung tâm và quản trị viên.",
    "login.username": "Tên đăng nhập",
    "login.password": "Mật khẩu",
    "login.submit": "Đăng nhập",
    "login.failed": "Sai tên đăng nhập hoặc mật khẩu, hoặc tài khoản đã bị khoá.",
    "login.expired": "Phiên làm việc đã hết hạn hoặc bạn chưa đăng nhập. Hãy đăng nhập.",
    "login.signed_out": "Bạn đã đăng xuất.",
    "error.title": "Không thực hiện được",
    "error.sign_in": "Hãy đăng nhập để xem trang này.",
    "error.role": (
        "Tài khoản {name} ({role}) không được xem các trang của văn phòng trung tâm. "
        "Chỉ văn phòng trung tâm và quản trị viên được vào đây; hãy đăng xuất và đăng nhập "
        "bằng tài khoản khác."
    ),
    "error.admin_only": "Chỉ quản trị viên được dùng trang này.",
    "error.csrf": (
        "Biểu mẫu bị từ chối: thiếu mã bảo vệ (CSRF) hoặc mã không đúng. "
        "Hãy tải lại trang rồi gửi lại."
    ),
    "error.not_found": "Không tìm thấy {what}.",
    "error.bad_query": "Giá trị không hợp lệ ở ô “{field}”: {reason}",
    "error.unexpected": "Đã xảy ra lỗi không mong muốn.",
    "error.back": "Quay lại danh sách cuộc kiểm tra",
    "error.to_login": "Đến trang đăng nhập",
    "role.inspector": "thành viên đoàn",
    "role.team_leader": "trưởng đoàn",
    "role.central_office": "văn phòng trung tâm",
    "role.admin": "quản trị viên",
    "what.page": "trang",
    "what.inspection": "cuộc kiểm tra",
    "what.photo": "ảnh",
    "placeholder.title": "Trang đang được xây dựng",
    "list.filters": "Lọc cuộc kiểm tra",
    "list.search": "Tìm kiếm",
    "list.search_hint": "Tên đơn vị, đoàn, thành viên… (có dấu hay không đều được)",
    "list.any": "Tất cả",
    "list.no_rating": "Chưa xếp loại",
    "list.year": "Năm",
    "list.from": "Từ ngày",
    "list.to": "Đến ngày",
    "list.apply": "Lọc",
    "list.clear": "Bỏ lọc",
    "list.found": "{count} cuộc kiểm tra",
    "list.page_of": "trang {page}/{pages}",
    "list.pages": "Các trang",
    "list.prev": "Trước",
    "list.next": "Sau",
    "list.none": "Không có cuộc kiểm tra nào khớp với bộ lọc.",
    "list.provisional": "tạm tính",
    "list.export_xlsx": "Xuất Excel (XLSX)",
    "list.export_csv": "Xuất CSV",
    "list.col.date": "Ngày",
    "list.col.unit": "Đơn vị",
    "list.col.body": "Đoàn kiểm tra",
    "list.col.template": "Bộ tiêu chí",
    "list.col.total": "Tổng điểm",
    "list.col.rating": "Xếp loại",
    "list.col.completeness": "Đã chấm",
    "list.col.status": "Trạng thái",
    "list.col.delivery": "Ảnh đã nhận",
    "list.delivery.complete": "Đủ",
    "list.delivery.missing": "Thiếu {count} ảnh",
    "list.delivery.missing_any": "Còn thiếu ảnh",
}

EN: dict[str, str] = {
    "app.name": "Inspection office",
    "app.subtitle": "Central office pages",
    "lang.switch": "Tiếng Việt",
    "lang.other": "vi",
    "nav.label": "Main navigation",
    "nav.skip": "Skip to content",
    "nav.inspections": "Inspections",
    "nav.compare": "Compare",
    "nav.templates": "Templates",
    "nav.visits": "Visits",
    "nav.users": "Users & devices",
    "nav.signed_in_as": "Signed in: {name}",
    "nav.sign_out": "Sign out",
    "login.title": "Sign in",
    "login.intro": "For the central office and administrators.",
    "login.username": "Username",
    "login.password": "Password",
    "login.submit": "Sign in",
    "login.failed": "Wrong username or password, or the account is disabled.",
    "login.expired": "Your session has expired or you are not signed in. Please sign in.",
    "login.signed_out": "You have signed out.",
    "error.title": "Could not do that",
    "error.sign_in": "Please sign in to see this page.",
    "error.role": (
        "The account {name} ({role}) may not see the central office pages. "
        "Only the central office and administrators may; sign out and sign in "
        "with another account."
    ),
    "error.admin_only": "Only administrators may use this page.",
    "error.csrf": (
        "Form refused: its protection code (CSRF) is missing or wrong. "
        "Reload the page and send it again."
    ),
    "error.not_found": "No such {what}.",
    "error.bad_query": "Invalid value in “{field}”: {reason}",
    "error.unexpected": "Something unexpected went wrong.",
    "error.back": "Back to the inspections",
    "error.to_login": "Go to sign in",
    "role.inspector": "delegation member",
    "role.team_leader": "team leader",
    "role.central_office": "central office",
    "role.admin": "administrator",
    "what.page": "page",
    "what.inspection": "inspection",
    "what.photo": "photo",
    "placeholder.title": "This page is being built",
    "list.filters": "Filter inspections",
    "list.search": "Search",
    "list.search_hint": "Unit, delegation, member… (accents optional)",
    "list.any": "Any",
    "list.no_rating": "Not rated",
    "list.year": "Year",
    "list.from": "From",
    "list.to": "To",
    "list.apply": "Filter",
    "list.clear": "Clear filters",
    "list.found": "{count} inspections",
    "list.page_of": "page {page} of {pages}",
    "list.pages": "Pages",
    "list.prev": "Previous",
    "list.next": "Next",
    "list.none": "No inspection matches the filters.",
    "list.provisional": "provisional",
    "list.export_xlsx": "Export to Excel (XLSX)",
    "list.export_csv": "Export CSV",
    "list.col.date": "Date",
    "list.col.unit": "Unit",
    "list.col.body": "Delegation",
    "list.col.template": "Checklist",
    "list.col.total": "Total",
    "list.col.rating": "Rating",
    "list.col.completeness": "Scored",
    "list.col.status": "Status",
    "list.col.delivery": "Photos received",
    "list.delivery.complete": "All",
    "list.delivery.missing": "{count} missing",
    "list.delivery.missing_any": "Some missing",
}

VI |= AUTHORING_VI  # the templates, visits and users pages keep their words in their module
EN |= AUTHORING_EN

_BY_LANG = {"vi": VI, "en": EN}


def word(lang: str, key: str, **params: object) -> str:
    """The words for `key` in `lang` (Vietnamese for an unknown language), placeholders filled.

    An unknown key shows itself, so a missing word is visible on the page, never a crash.
    """
    text = _BY_LANG.get(lang, VI).get(key)
    if text is None:
        return key
    return text.format(**params) if params else text
