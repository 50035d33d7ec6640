"""The Documents form and the conclusion's versions: defaults, leader-only edits, who may push
them, how they merge, and the lock that stops edits."""

from __future__ import annotations

from datetime import UTC, datetime, time

import pytest

from checklists.conclusion.versions import (
    lock_conclusion,
    save_version,
    unlock_conclusion,
    version_diff,
    versions,
)
from checklists.errors import EditRefused, RecordLocked
from checklists.record import editing
from checklists.record.authority import Actor, authorize, trusted
from checklists.record.lifecycle import Lifecycle
from checklists.record.merge import merge
from checklists.record.model import (
    ConclusionPart,
    ConclusionVersion,
    DocumentKind,
    Inspection,
    Layout,
)
from checklists.record.paperwork import (
    body_symbol,
    default_details,
    document_details,
    issuer_name,
    set_document_details,
)
from checklists.record.sample import DEPUTY, LEAD, MEMBER_1, build_sample_inspection
from checklists.template.catalog import get_template

TEMPLATE = get_template("cqtt-xa", 1)
NOON = datetime(2023, 11, 24, 11, 30, tzinfo=UTC)


@pytest.fixture
def sample() -> Inspection:
    return build_sample_inspection()


def _with_lead_body(record: Inspection, lead_body: str) -> Inspection:
    return record.model_copy(
        update={"header": record.header.model_copy(update={"lead_body": lead_body})}
    )


@pytest.mark.parametrize(
    "lead_body,superior,issuing,place,layout,symbol",
    [
        (
            "Ban Dân vận Tỉnh ủy Lạng Sơn",
            "Tỉnh ủy Lạng Sơn",
            "Ban Dân vận",
            "Lạng Sơn",
            Layout.PARTY,
            "BDVTU",
        ),
        (
            "Ban Dân vận Tỉnh uỷ Lạng Sơn",
            "Tỉnh ủy Lạng Sơn",
            "Ban Dân vận",
            "Lạng Sơn",
            Layout.PARTY,
            "BDVTU",
        ),
        (
            "Sở Nội vụ tỉnh Lạng Sơn",
            "Ủy ban nhân dân tỉnh Lạng Sơn",
            "Sở Nội vụ",
            "Lạng Sơn",
            Layout.STATE,
            "SNV",
        ),
        (
            "Đảng ủy phường Vĩnh Trại",
            "",
            "Đảng ủy phường Vĩnh Trại",
            "phường Vĩnh Trại",
            Layout.PARTY,
            "ĐUPVT",
        ),
        ("Văn phòng Chính phủ", "", "Văn phòng Chính phủ", "", Layout.STATE, "VPCP"),
    ],
)
def test_defaults_read_the_two_header_lines_layout_and_symbol_from_the_lead_body(
    sample: Inspection,
    lead_body: str,
    superior: str,
    issuing: str,
    place: str,
    layout: Layout,
    symbol: str,
) -> None:
    details = default_details(_with_lead_body(sample, lead_body), TEMPLATE)
    assert (details.superior_body, details.issuing_body) == (superior, issuing)
    assert (details.place_name, details.layout, details.symbol) == (place, layout, symbol)


def test_defaults_name_the_leader_as_signer_and_the_unit_in_the_distribution(
    sample: Inspection,
) -> None:
    details = default_details(sample, TEMPLATE)
    assert details.signer_name == "Nguyễn Khắc Phương"
    # The leader signs for the delegation, in the Party form: "T/M ĐOÀN KIỂM TRA" / "TRƯỞNG ĐOÀN".
    assert (details.signer_authority, details.signer_on_behalf, details.signer_position) == (
        "T/M",
        "Đoàn kiểm tra",
        "Trưởng đoàn",
    )
    assert details.addressee == "Thường trực Tỉnh ủy Lạng Sơn"
    assert details.distribution == (
        "Phường Vĩnh Trại, thành phố Lạng Sơn",  # the level word small after the comma
        "Thành viên Đoàn kiểm tra",
        "Lưu: VT",
    )
    assert body_symbol("Ban Tuyên giáo", "Thành ủy Hà Nội") == "BTGTU"


def test_state_defaults_use_the_decree_prefix_and_report_to_the_superior(
    sample: Inspection,
) -> None:
    details = default_details(_with_lead_body(sample, "Sở Nội vụ tỉnh Lạng Sơn"), TEMPLATE)
    assert (details.layout, details.signer_authority) == (Layout.STATE, "TM.")
    assert details.addressee == "Ủy ban nhân dân tỉnh Lạng Sơn"


def test_the_leader_saves_the_form_and_the_documents_use_it(sample: Inspection) -> None:
    form = default_details(sample, TEMPLATE).model_copy(
        update={
            "numbers": {DocumentKind.NOTICE: "12"},
            "start_time": time(8, 0),
            "signer_authority": "K/T",
        }
    )
    saved = set_document_details(sample, author_id=LEAD, details=form, now=NOON)
    used = document_details(saved, TEMPLATE)
    assert used.numbers == {"notice": "12"} and used.start_time == time(8, 0)
    assert used.author_id == LEAD and used.counter > sample.log[-1].counter
    assert saved.log[-1].code == "log.documents"
    assert document_details(sample, TEMPLATE) == default_details(sample, TEMPLATE)


@pytest.mark.parametrize("who", [MEMBER_1, "someone-else"])
def test_only_the_leader_may_save_the_documents_form(sample: Inspection, who: str) -> None:
    with pytest.raises(EditRefused):
        set_document_details(sample, author_id=who, details={"symbol": "X"})


def test_an_acting_deputy_may_save_the_form_but_not_once_the_record_is_locked(
    sample: Inspection,
) -> None:
    assert set_document_details(sample, author_id=DEPUTY, details={}).documents is not None
    locked = editing.move_to(sample, author_id=LEAD, status=Lifecycle.LOCKED)
    with pytest.raises(RecordLocked):
        set_document_details(locked, author_id=LEAD, details={})


def test_a_members_forged_form_or_version_is_refused_by_the_authority_check(
    sample: Inspection,
) -> None:
    honest = set_document_details(sample, author_id=LEAD, details={"symbol": "A"})
    honest = save_version(honest, author_id=LEAD)
    assert authorize(sample, honest, TEMPLATE, Actor(LEAD)) == []
    forged_form = honest.model_copy(
        update={"documents": honest.documents.model_copy(update={"author_id": MEMBER_1})}  # type: ignore[union-attr]
    )
    refused = authorize(sample, forged_form, TEMPLATE, Actor(MEMBER_1))
    assert {(r.path, r.code) for r in refused} >= {("documents", "auth.leaders_only")}
    [version] = honest.conclusion_versions
    forged = version.model_copy(update={"author_id": MEMBER_1})
    forged_copy = sample.model_copy(update={"conclusion_versions": (forged,)})
    refused = authorize(sample, forged_copy, TEMPLATE, Actor(MEMBER_1))
    assert [(r.path, r.code) for r in refused] == [
        (f"conclusion_versions/{version.id}", "auth.leaders_only")
    ]


def test_a_forged_lock_merged_anyway_neither_counts_nor_stops_the_leader(
    sample: Inspection,
) -> None:
    forged = ConclusionVersion(id="forged", kind="lock", author_id=MEMBER_1, counter=10_000)
    merged = merge(sample, sample.model_copy(update={"conclusion_versions": (forged,)}))
    assert merged.conclusion_lock() is None and versions(merged) == []
    assert [r.code for r in trusted(merged).ignored] == ["untrusted.version"]
    edited = editing.write_conclusion(
        merged, author_id=LEAD, part=ConclusionPart.LIMITATIONS, text="Sửa."
    )
    assert edited.conclusion[ConclusionPart.LIMITATIONS].text == "Sửa."


def test_versions_keep_who_and_when_and_diff_against_the_previous(sample: Inspection) -> None:
    one = save_version(sample, author_id=LEAD, now=NOON)
    two = editing.write_conclusion(
        one, author_id=LEAD, part=ConclusionPart.LIMITATIONS, text="Còn hồ sơ trễ hạn."
    )
    two = save_version(two, author_id=DEPUTY)
    first, second = versions(two)
    assert (first.number, first.version.author_id, first.version.at) == (1, LEAD, NOON)
    assert (second.number, second.version.author_id) == (2, DEPUTY)
    diff = version_diff(two, 2)
    assert diff[:2] == ["--- v1", "+++ v2"]
    assert "+Còn hồ sơ trễ hạn." in diff
    assert [line for line in diff if line.startswith("-") and not line.startswith("---")] == [
        "-" + sample.conclusion[ConclusionPart.LIMITATIONS].text
    ]
    assert version_diff(two, 1)[-1].startswith("+")  # the first version against nothing
    with pytest.raises(IndexError):
        version_diff(two, 3)
    assert [e.code for e in two.log[-2:]] == ["log.conclusion", "log.version_save"]


def test_a_lock_stops_edits_until_an_unlock_with_a_reason(sample: Inspection) -> None:
    locked = lock_conclusion(sample, author_id=LEAD, now=NOON)
    lock = locked.conclusion_lock()
    assert lock is not None and (lock.author_id, lock.at) == (LEAD, NOON)
    with pytest.raises(EditRefused, match="đã khóa"):
        editing.write_conclusion(locked, author_id=LEAD, part=ConclusionPart.LIMITATIONS, text="")
    with pytest.raises(EditRefused):
        save_version(locked, author_id=LEAD)
    with pytest.raises(EditRefused):
        unlock_conclusion(locked, author_id=LEAD, reason="  ")
    with pytest.raises(EditRefused):
        unlock_conclusion(locked, author_id=MEMBER_1, reason="Sửa số liệu")
    with pytest.raises(EditRefused):
        unlock_conclusion(sample, author_id=LEAD, reason="Chưa khóa")
    opened = unlock_conclusion(locked, author_id=LEAD, reason="Bổ sung số liệu")
    assert opened.conclusion_lock() is None
    assert [v.version.kind for v in versions(opened)] == ["lock", "unlock"]


def test_two_leaders_versions_made_offline_merge_into_one_ordered_history(
    sample: Inspection,
) -> None:
    mine = save_version(sample, author_id=LEAD)
    theirs = save_version(sample, author_id=DEPUTY)
    ab, ba = merge(mine, theirs), merge(theirs, mine)
    assert ab == ba and len(versions(ab)) == 2
    assert merge(ab, mine) == ab


@pytest.mark.parametrize(
    "superior,issuing,expected",
    [
        ("Tỉnh ủy Lạng Sơn", "Ban Dân vận", "Ban Dân vận Tỉnh ủy"),
        ("Thành ủy Lạng Sơn", "Ban Tuyên giáo", "Ban Tuyên giáo Thành ủy"),
        ("Ủy ban nhân dân tỉnh Lạng Sơn", "Sở Nội vụ", "Sở Nội vụ"),
        ("", "Đảng ủy phường Vĩnh Trại", "Đảng ủy phường Vĩnh Trại"),
    ],
)
def test_the_issuer_is_named_with_its_party_committee(
    sample: Inspection, superior: str, issuing: str, expected: str
) -> None:
    details = default_details(sample, TEMPLATE).model_copy(
        update={"superior_body": superior, "issuing_body": issuing}
    )
    assert issuer_name(details) == expected


def test_two_copies_of_the_form_merge_to_the_later_edit_in_either_order(
    sample: Inspection,
) -> None:
    first = set_document_details(sample, author_id=LEAD, details={"symbol": "A"})
    later = set_document_details(first, author_id=DEPUTY, details={"symbol": "B"})
    other = set_document_details(sample, author_id=DEPUTY, details={"symbol": "C"})
    for a, b in ((later, other), (other, later)):
        merged = merge(a, b)
        assert merged.documents is not None and merged.documents.symbol == "B"
    assert merge(sample, first).documents == first.documents  # None on one side: the other wins
    assert merge(first, sample).documents == first.documents
