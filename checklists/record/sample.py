"""The seed sample: the 24/11/2023 inspection of phường Vĩnh Trại, built with the editing functions.

Figures come from the seed article (they are the city's 2019-2023 totals, used for illustration);
the C2 dossier counts and every name marked "(minh họa)" are invented for the sample.
"""

from __future__ import annotations

import uuid
from datetime import date, time

from checklists.record.editing import (
    assess,
    decide,
    move_to,
    new_inspection,
    set_self_score,
    write_conclusion,
)
from checklists.record.lifecycle import Lifecycle
from checklists.record.model import ConclusionPart, Inspection, Layout, Role, Value
from checklists.record.paperwork import set_document_details
from checklists.record.roster import assign, hand_over
from checklists.template.catalog import get_template
from checklists.template.model import Status

__all__ = ["SAMPLE_ID", "SAMPLE_DOCUMENTS", "build_sample_inspection", "with_sample_documents"]

SAMPLE_ID = "5e3d0c1a-7b2f-4c8e-9a61-2023112400a1"
_NS = uuid.UUID(SAMPLE_ID)


def _id(name: str) -> str:
    return str(uuid.uuid5(_NS, name))


LEAD, DEPUTY, MEMBER_1, MEMBER_2, SECRETARY = (
    _id(n) for n in ("phuong", "pho-truong-doan", "thanh-vien-1", "thanh-vien-2", "thu-ky")
)
_BDV, _SNV = "Ban Dân vận Tỉnh ủy Lạng Sơn", "Sở Nội vụ tỉnh Lạng Sơn"
MEMBERS = (
    {
        "id": LEAD,
        "name": "Nguyễn Khắc Phương",
        "position": "Phó Trưởng Ban Dân vận Tỉnh ủy",
        "body": _BDV,
        "role": Role.TRUONG_DOAN,
    },
    {
        "id": DEPUTY,
        "name": "Lê Văn Thành (minh họa)",
        "position": "Phó Giám đốc Sở Nội vụ",
        "body": _SNV,
        "role": Role.PHO_TRUONG_DOAN,
    },
    {
        "id": MEMBER_1,
        "name": "Trần Thị Lan (minh họa)",
        "position": "Trưởng phòng Dân vận chính quyền",
        "body": _BDV,
    },
    {
        "id": MEMBER_2,
        "name": "Vi Văn Hùng (minh họa)",
        "position": "Phó Trưởng phòng Cải cách hành chính",
        "body": _SNV,
    },
    {
        "id": SECRETARY,
        "name": "Nông Thị Hoa (minh họa)",
        "position": "Chuyên viên",
        "body": _BDV,
        "role": Role.THU_KY,
    },
)
REPRESENTATIVES = (
    {
        "id": _id("cuong"),
        "name": "Phạm Công Cường",
        "position": "Thành ủy viên, Phó Trưởng Ban phụ trách Ban Dân vận Thành ủy",
    },
    {
        "id": _id("chuyen"),
        "name": "Hoàng Văn Chuyền",
        "position": "Thành ủy viên, Bí thư Đảng ủy phường Vĩnh Trại",
    },
)
HEADER = {
    "unit_name": "Phường Vĩnh Trại",
    "unit_parent": "Thành phố Lạng Sơn",
    "inspection_date": date(2023, 11, 24),
    "place": "Trụ sở Đảng ủy, UBND phường Vĩnh Trại, TP Lạng Sơn",
    "lead_body": _BDV,
}
# Who scores which sections; every criterion gets two authors.
ASSIGNMENTS = {
    LEAD: ("A", "D"),
    DEPUTY: ("B", "C"),
    MEMBER_1: ("A", "D", "E"),
    MEMBER_2: ("B", "C", "E"),
}
AUTHORS = {
    "A": (LEAD, MEMBER_1),
    "B": (DEPUTY, MEMBER_2),
    "C": (DEPUTY, MEMBER_2),
    "D": (LEAD, MEMBER_1),
    "E": (MEMBER_1, MEMBER_2),
}

DAT, MOT_PHAN = Value(status=Status.DAT), Value(status=Status.DAT_MOT_PHAN)
_A3 = {"meetings": 722, "listeners": 46804, "broadcasts": 584, "articles": 13}
# criterion -> (the delegation's value, the note); A3 is where the two authors disagree.
VALUES: dict[str, tuple[Value, str]] = {
    "A1": (DAT, "Có kế hoạch triển khai Đề án hằng năm, phân công cụ thể."),
    "A2": (DAT, "Ban Chỉ đạo được kiện toàn, có phân công nhiệm vụ và họp định kỳ."),
    "A3": (
        Value(score=6, figures=_A3),
        "722 cuộc tuyên truyền, 46.804 lượt người nghe; 584 lượt phát trên loa truyền thanh; "
        "13 tin bài trên Báo, Đài tỉnh.",
    ),
    "A4": (DAT, "Đăng ký mô hình, tự chấm điểm nghiêm túc, báo cáo đúng hạn."),
    "A5": (MOT_PHAN, "Niêm yết tại trụ sở; trang thông tin điện tử chưa cập nhật đầy đủ."),
    "B1": (DAT, "Nội quy, quy tắc ứng xử được niêm yết tại bộ phận một cửa."),
    "B2": (DAT, "Kiểm tra thực tế: công chức đeo thẻ, đúng giờ, thái độ niềm nở."),
    "B3": (Value(answer=True), "Không có phản ánh nhũng nhiễu được xác minh."),
    "B4": (Value(answer=True), "Không có cán bộ, công chức bị kỷ luật trong kỳ."),
    "C1": (DAT, "Thủ tục hành chính niêm yết đầy đủ, có mã QR tra cứu."),
    "C2": (
        Value(figures={"received": 2150, "on_time": 2090, "apologies": 60}),
        "Còn 60 hồ sơ trễ hạn, đã gửi thư xin lỗi (số liệu minh họa).",
    ),
    "C3": (MOT_PHAN, "Tỷ lệ hồ sơ trực tuyến và thanh toán không dùng tiền mặt còn thấp."),
    "C4": (DAT, "Bộ phận một cửa khang trang, có ghế chờ, hộp thư góp ý, mã QR đánh giá."),
    "C5": (DAT, "Nhân rộng mô hình “Chính quyền thân thiện” ra 8/8 phường, xã."),
    "D1": (
        Value(status=Status.DAT, figures={"sessions": 1454, "opinions": 1695, "answered": 1695}),
        "Tiếp công dân 1.454 cuộc; 1.695 ý kiến, kiến nghị đã được trả lời, giải quyết.",
    ),
    "D2": (
        Value(figures={"received": 815, "resolved": 805}),
        "Tiếp nhận 815 đơn, đã giải quyết 805 đơn (98,77%).",
    ),
    "D3": (
        Value(status=Status.DAT, figures={"dialogues": 43, "opinions": 358, "answered": 358}),
        "43 cuộc đối thoại, 358 ý kiến, kiến nghị đã được trả lời, giải quyết.",
    ),
    "E1": (
        Value(score=5, figures={"issued": 1965, "collected": 1965, "valid": 1965}),
        "Phát ra và thu về 1.965 phiếu khảo sát.",
    ),
    "E2": (
        Value(figures={"valid_answers": 1965, "satisfied_answers": 1954}),
        "Tỷ lệ hài lòng 99,44%; nhiều đơn vị đạt 100%.",
    ),
}
# The one disagreement (A3: 6 against 5), settled by the leader's decision (5.5).
DISAGREEMENT = {("A3", LEAD): Value(score=5, figures=_A3)}
DECISION = (
    Value(score=5.5, figures=_A3),
    "Tuyên truyền tốt nhưng chưa có số liệu riêng của phường; thống nhất 5,5 điểm.",
)
# The unit's self-scores: full marks everywhere except C3 (5 of 6).
SELF_SCORES = {"C3": 5.0}

CONCLUSION = {
    ConclusionPart.ACKNOWLEDGEMENTS: (
        "Đoàn kiểm tra ghi nhận sự nỗ lực, cố gắng của cấp ủy, chính quyền, cán bộ, công chức, "
        "viên chức phường Vĩnh Trại và các xã, phường trên địa bàn thành phố trong xây dựng mô "
        "hình “Chính quyền thân thiện”: tổ chức 722 cuộc tuyên truyền với 46.804 lượt người nghe; "
        "tiếp nhận 815 đơn, tỷ lệ giải quyết đạt 98,77%; 43 cuộc đối thoại trực tiếp; 1.965 phiếu "
        "khảo sát với tỷ lệ hài lòng đạt 99,4% trở lên. Kết quả chấm điểm xếp loại Tốt."
    ),
    ConclusionPart.LIMITATIONS: (
        "Việc công khai trên trang thông tin điện tử chưa đầy đủ; tỷ lệ hồ sơ dịch vụ công trực "
        "tuyến và thanh toán không dùng tiền mặt còn thấp; vẫn còn hồ sơ thủ tục hành chính "
        "trả kết quả trễ hạn."
    ),
    ConclusionPart.RECOMMENDATIONS: (
        "Ban Chỉ đạo thành phố và các phường, xã tiếp tục tuyên truyền sâu rộng về mục đích, ý "
        "nghĩa việc thực hiện mô hình; đẩy mạnh cải cách hành chính; chỉ đạo các đơn vị cụ thể "
        "hóa Luật Thực hiện dân chủ ở cơ sở; xây dựng đội ngũ cán bộ, công chức, viên chức có tác"
        " phong chuyên nghiệp, tận tụy, vì Nhân dân phục vụ; quan tâm tiếp công dân, xử lý đơn "
        "thư, giải quyết khiếu nại, tố cáo; tăng cường đối thoại giữa người đứng đầu cấp ủy, "
        "chính quyền với Nhân dân; nâng cao trách nhiệm của cán bộ, công chức tiếp nhận và trả "
        "kết quả thủ tục hành chính đúng thời gian quy định."
    ),
}


_VISIT = {
    "start_time": time(8, 0),
    "end_time": time(11, 30),
    "legal_basis": (
        "Kế hoạch số 45-KH/BDVTU ngày 10/11/2023 của Ban Dân vận Tỉnh ủy về kiểm tra việc thực "
        "hiện Đề án xây dựng mô hình “Chính quyền thân thiện” cấp cơ sở năm 2023 (minh họa)",
    ),
    "unit_organisation": "Đảng ủy, Ủy ban nhân dân phường Vĩnh Trại",
    "issued_on": date(2023, 11, 28),
}
SAMPLE_DOCUMENTS: dict[Layout, dict[str, object]] = {
    Layout.PARTY: {
        **_VISIT,
        "layout": Layout.PARTY,
        "superior_body": "Tỉnh ủy Lạng Sơn",
        "issuing_body": "Ban Dân vận",
        "symbol": "BDVTU",
        "place_name": "Lạng Sơn",
        "addressee": "Thường trực Tỉnh ủy Lạng Sơn",
        "signer_name": "Nguyễn Khắc Phương",
        "signer_position": "Phó Trưởng Ban",
        "signer_authority": "K/T",
        "signer_on_behalf": "Trưởng Ban",
        "distribution": (
            "Thường trực Tỉnh ủy (b/c)",
            "Ban Thường vụ Thành ủy Lạng Sơn",
            "Đảng ủy, UBND phường Vĩnh Trại",
            "Sở Nội vụ tỉnh Lạng Sơn",
            "Thành viên Đoàn kiểm tra",
            "Lưu: VT, BDVTU",
        ),
    },
    Layout.STATE: {
        **_VISIT,
        "layout": Layout.STATE,
        "superior_body": "Ủy ban nhân dân tỉnh Lạng Sơn",
        "issuing_body": "Sở Nội vụ",
        "symbol": "SNV",
        "place_name": "Lạng Sơn",
        "addressee": "Ủy ban nhân dân tỉnh Lạng Sơn",
        "signer_name": "Lê Văn Thành (minh họa)",
        "signer_position": "Phó Giám đốc",
        "signer_authority": "KT.",
        "signer_on_behalf": "Giám đốc",
        "distribution": (
            "UBND thành phố Lạng Sơn",
            "UBND phường Vĩnh Trại",
            "Thành viên Đoàn kiểm tra",
            "Lưu: VT, XDCQ",
        ),
    },
}
"""The Documents form of the sample, once per layout; the numbers are left for the clerk."""


def with_sample_documents(inspection: Inspection, layout: Layout = Layout.PARTY) -> Inspection:
    """The sample with its Documents form saved by the leader (Party: Ban Dân vận; State: Sở
    Nội vụ), as the leader would fill it before printing."""
    return set_document_details(inspection, author_id=LEAD, details=SAMPLE_DOCUMENTS[layout])


def _fixed_ids(inspection: Inspection) -> Inspection:
    """Replace the random ids of lifecycle events and log lines so every build is identical."""
    ids = {e.id: _id(f"event-{e.counter}") for e in inspection.lifecycle}
    return inspection.model_copy(
        update={
            "lifecycle": tuple(
                e.model_copy(update={"id": ids[e.id], "base": ids.get(e.base, "")})
                for e in inspection.lifecycle
            ),
            "leadership": tuple(
                e.model_copy(update={"id": _id(f"leader-{e.counter}")})
                for e in inspection.leadership
            ),
            "log": tuple(
                e.model_copy(update={"id": _id(f"log-{e.first_counter}")}) for e in inspection.log
            ),
        }
    )


def build_sample_inspection() -> Inspection:
    """The seed inspection, scored "Tốt" (93/100) and complete; always the same id and content."""
    template = get_template("cqtt-xa", 1)
    ins = new_inspection(
        template,
        HEADER,
        inspection_id=SAMPLE_ID,
        leader_id=LEAD,
        members=MEMBERS,
        representatives=REPRESENTATIVES,
    )
    # The deputy acts as leader for the groups he scores (his rulings count).
    ins = hand_over(ins, author_id=LEAD, leader_id=LEAD, acting_deputies=[DEPUTY])
    for member_id, sections in ASSIGNMENTS.items():
        ins = assign(ins, author_id=LEAD, member_id=member_id, section_ids=sections)
    for section in template.sections:
        for criterion in section.criteria:
            value, note = VALUES[criterion.id]
            for author in AUTHORS[section.id]:
                given = DISAGREEMENT.get((criterion.id, author), value)
                ins = assess(
                    ins, author_id=author, criterion_id=criterion.id, value=given, note=note
                )
            ins = set_self_score(
                ins,
                author_id=SECRETARY,
                criterion_id=criterion.id,
                points=SELF_SCORES.get(criterion.id, criterion.max_points),
            )
    ins = decide(ins, author_id=LEAD, criterion_id="A3", value=DECISION[0], reason=DECISION[1])
    for part, text in CONCLUSION.items():
        ins = write_conclusion(ins, author_id=LEAD, part=part, text=text)
    ins = move_to(ins, author_id=LEAD, status=Lifecycle.COMPLETED)
    return _fixed_ids(ins)
