"""Edits to an inspection record: pure functions that return a new, Lamport-stamped record."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import datetime
from itertools import chain
from typing import Any, TypeVar

from checklists.errors import EditRefused, RecordLocked
from checklists.record import (
    LIFECYCLE_LABELS,
    LIFECYCLE_RANK,
    Assessment,
    Assignment,
    ConclusionBlock,
    ConclusionPart,
    Decision,
    Header,
    Inspection,
    Lifecycle,
    LifecycleEvent,
    LogEntry,
    Member,
    PhotoMeta,
    Representative,
    SelfScore,
    Value,
    new_id,
)
from checklists.template import Template

__all__ = [
    "clock", "new_inspection", "assess", "decide", "set_self_score", "add_photo", "set_caption",
    "write_conclusion", "set_header", "upsert_member", "upsert_representative", "assign",
    "move_to",
]

_R = TypeVar("_R", Header, Member, Representative, PhotoMeta)

_LEADERS = "Trưởng đoàn hoặc Phó Trưởng đoàn"
_CLOSED = {Lifecycle.LOCKED: "đã khóa", Lifecycle.DELIVERED: "đã gửi"}
_PART_LABELS = {
    ConclusionPart.ACKNOWLEDGEMENTS: "Ghi nhận",
    ConclusionPart.LIMITATIONS: "Hạn chế",
    ConclusionPart.RECOMMENDATIONS: "Đề nghị",
}


def clock(inspection: Inspection) -> int:
    """The highest edit counter anywhere in the record (0 for none); the next edit uses one more."""
    i = inspection
    counters = chain(
        [i.header.counter],
        (m.counter for m in i.members.values()),
        (r.counter for r in i.representatives.values()),
        (a.counter for a in i.assignments.values()),
        (a.counter for by_author in i.assessments.values() for a in by_author.values()),
        (p.counter for p in i.photos.values()),
        (s.counter for s in i.self_scores.values()),
        (d.counter for d in i.decisions.values()),
        (c.counter for c in i.conclusion.values()),
        (e.counter for e in i.lifecycle),
        (e.counter for e in i.log),
    )
    return max(counters, default=0)


def new_inspection(
    template: Template, header: Header, *, inspection_id: str | None = None,
    members: Iterable[Member] = (), representatives: Iterable[Representative] = (),
) -> Inspection:
    """A fresh draft record for this template; its status is draft without any lifecycle event."""
    return Inspection(
        id=inspection_id or new_id(),
        template_id=template.id,
        template_version=template.version,
        template_hash=template.content_hash(),
        header=header.model_copy(update={"counter": 1}),
        members={m.id: m.model_copy(update={"counter": 1}) for m in members},
        representatives={r.id: r.model_copy(update={"counter": 1}) for r in representatives},
    )


def assess(
    inspection: Inspection, *, author_id: str, criterion_id: str, value: Value, note: str = "",
    photos: Iterable[str] = (), now: datetime | None = None,
) -> Inspection:
    """Record a member's latest assessment of a criterion; the first one starts the inspection."""
    counter = _begin(inspection, author_id)
    assessment = Assessment(
        **_value_fields(value), criterion_id=criterion_id, author_id=author_id,
        counter=counter, note=note, photos=tuple(photos),
    )
    by_author = {**inspection.assessments.get(criterion_id, {}), author_id: assessment}
    update: dict[str, Any] = {"assessments": {**inspection.assessments, criterion_id: by_author}}
    if inspection.status() is not Lifecycle.DRAFT:
        return inspection.model_copy(update=update)
    event = LifecycleEvent(
        id=new_id(), status=Lifecycle.IN_PROGRESS, author_id=author_id, counter=counter,
        base=_base(inspection),
    )
    update["lifecycle"] = (*inspection.lifecycle, event)
    detail = LIFECYCLE_LABELS[Lifecycle.IN_PROGRESS][0]
    return _logged(inspection, update, author_id, counter, "Chuyển trạng thái", detail, now)


def decide(
    inspection: Inspection, *, author_id: str, criterion_id: str, value: Value, reason: str,
    now: datetime | None = None,
) -> Inspection:
    """Settle a criterion with the leader's value and reason; only a (deputy) team leader may."""
    counter = _begin(inspection, author_id)
    if author_id not in inspection.leader_ids():
        raise EditRefused(f"Chỉ {_LEADERS} được quyết định điểm khi các thành viên chấm khác nhau.")
    if not reason.strip():
        raise EditRefused("Quyết định điểm cần ghi rõ lý do.")
    decision = Decision(
        **_value_fields(value), criterion_id=criterion_id, author_id=author_id,
        counter=counter, reason=reason,
    )
    update = {"decisions": {**inspection.decisions, criterion_id: decision}}
    detail = f"{criterion_id}: {reason}"
    return _logged(inspection, update, author_id, counter, "Quyết định điểm", detail, now)


def set_self_score(
    inspection: Inspection, *, author_id: str, criterion_id: str, points: float | None
) -> Inspection:
    """Enter the unit's own score for a criterion, as the unit reported it (not logged)."""
    counter = _begin(inspection, author_id)
    score = SelfScore(criterion_id=criterion_id, points=points, counter=counter)
    return inspection.model_copy(
        update={"self_scores": {**inspection.self_scores, criterion_id: score}}
    )


def add_photo(
    inspection: Inspection, meta: PhotoMeta, *, now: datetime | None = None
) -> Inspection:
    """Attach an evidence photo's metadata (keyed by its hash); its counter is assigned here."""
    counter = _begin(inspection, meta.author_id)
    update = {"photos": {**inspection.photos, meta.sha256: _stamped(meta, counter)}}
    detail = f"{meta.criterion_id}: {meta.sha256[:12]}"
    return _logged(inspection, update, meta.author_id, counter, "Thêm ảnh", detail, now)


def set_caption(
    inspection: Inspection, *, author_id: str, sha256: str, caption: str
) -> Inspection:
    """Change the caption of an attached photo (not logged)."""
    counter = _begin(inspection, author_id)
    photo = inspection.photos.get(sha256)
    if photo is None:
        raise EditRefused("Không tìm thấy ảnh này trong biên bản.")
    changed = PhotoMeta(**{**photo.model_dump(), "caption": caption, "counter": counter})
    return inspection.model_copy(update={"photos": {**inspection.photos, sha256: changed}})


def write_conclusion(
    inspection: Inspection, *, author_id: str, part: ConclusionPart, text: str,
    now: datetime | None = None,
) -> Inspection:
    """Replace one block of the conclusion (ghi nhận, hạn chế or đề nghị)."""
    counter = _begin(inspection, author_id)
    block = ConclusionBlock(text=text, author_id=author_id, counter=counter)
    update = {"conclusion": {**inspection.conclusion, part: block}}
    detail = _PART_LABELS[part]
    return _logged(inspection, update, author_id, counter, "Sửa kết luận", detail, now)


def set_header(
    inspection: Inspection, *, author_id: str, header: Header, now: datetime | None = None
) -> Inspection:
    """Replace the record's header (unit, date, place, leading body, decision reference)."""
    counter = _begin(inspection, author_id)
    update = {"header": _stamped(header, counter)}
    action = "Sửa thông tin chung"
    return _logged(inspection, update, author_id, counter, action, header.unit_name, now)


def upsert_member(
    inspection: Inspection, *, author_id: str, member: Member, now: datetime | None = None
) -> Inspection:
    """Add or change a delegation member; once the delegation has a leader, only leaders may."""
    counter = _begin(inspection, author_id, roster=True)
    update = {"members": {**inspection.members, member.id: _stamped(member, counter)}}
    action = "Cập nhật thành viên đoàn"
    return _logged(inspection, update, author_id, counter, action, member.name, now)


def upsert_representative(
    inspection: Inspection, *, author_id: str, representative: Representative,
    now: datetime | None = None,
) -> Inspection:
    """Add or change a representative of the inspected unit."""
    counter = _begin(inspection, author_id)
    rep = _stamped(representative, counter)
    update = {"representatives": {**inspection.representatives, rep.id: rep}}
    action = "Cập nhật đại diện đơn vị"
    return _logged(inspection, update, author_id, counter, action, rep.name, now)


def assign(
    inspection: Inspection, *, author_id: str, member_id: str, section_ids: Iterable[str],
    now: datetime | None = None,
) -> Inspection:
    """Assign sections to a member; whoever may edit the delegation may assign."""
    counter = _begin(inspection, author_id, roster=True)
    member = inspection.members.get(member_id)
    if member is None:
        raise EditRefused(f"Không có thành viên “{member_id}” trong đoàn kiểm tra.")
    sections = tuple(section_ids)
    assignment = Assignment(member_id=member_id, section_ids=sections, counter=counter)
    update = {"assignments": {**inspection.assignments, member_id: assignment}}
    detail = f"{member.name}: {', '.join(sections)}"
    return _logged(inspection, update, author_id, counter, "Phân công", detail, now)


def move_to(
    inspection: Inspection, *, author_id: str, status: Lifecycle, reason: str = "",
    now: datetime | None = None,
) -> Inspection:
    """Move the record forward, or reopen it (any move back: leaders only, with a reason).

    The move names the event it was made from (`base`), so a reopen undoes only a lock it saw.
    """
    _require_member(inspection, author_id)
    current = inspection.status()
    if status is current:
        return inspection
    leader = author_id in inspection.leader_ids()
    reopen = LIFECYCLE_RANK[status] < LIFECYCLE_RANK[current]
    if reopen and not leader:
        raise EditRefused(f"Chỉ {_LEADERS} được mở lại biên bản.")
    if reopen and not reason.strip():
        raise EditRefused("Mở lại biên bản cần ghi rõ lý do.")
    if status is Lifecycle.LOCKED and not leader:
        raise EditRefused(f"Chỉ {_LEADERS} được khóa biên bản.")
    if status is Lifecycle.DELIVERED and current is not Lifecycle.LOCKED:
        raise EditRefused("Chỉ biên bản đã khóa mới được đánh dấu đã gửi.")
    counter = clock(inspection) + 1
    closing = status in (Lifecycle.LOCKED, Lifecycle.DELIVERED)
    event = LifecycleEvent(
        id=new_id(), status=status, author_id=author_id, counter=counter, reason=reason,
        reopen=reopen, base=_base(inspection),
        sealed=inspection.sealed_hash() if closing else "",
    )
    label = LIFECYCLE_LABELS[status][0]
    action, detail = ("Mở lại", f"{label}: {reason}") if reopen else ("Chuyển trạng thái", label)
    update = {"lifecycle": (*inspection.lifecycle, event)}
    return _logged(inspection, update, author_id, counter, action, detail, now)


def _begin(inspection: Inspection, author_id: str, *, roster: bool = False) -> int:
    """Check the record is open and the author may edit it; return the edit's counter."""
    closed = _CLOSED.get(inspection.status())
    if closed is not None:
        raise RecordLocked(
            f"Biên bản {closed}; cần mở lại ({_LEADERS}, ghi rõ lý do) trước khi sửa."
        )
    if roster:
        leaders = inspection.leader_ids()
        # Until the delegation has a leader, whoever sets it up may fill it in.
        if leaders and author_id not in leaders:
            raise EditRefused(f"Chỉ {_LEADERS} được sửa danh sách đoàn và phân công.")
    else:
        _require_member(inspection, author_id)
    return clock(inspection) + 1


def _base(inspection: Inspection) -> str:
    """The id of the event that set the current status: what a new move is made from."""
    current = inspection.current_event()
    return current.id if current is not None else ""


def _require_member(inspection: Inspection, author_id: str) -> None:
    if author_id not in inspection.members:
        raise EditRefused(f"Người sửa “{author_id}” không có trong danh sách đoàn kiểm tra.")


def _value_fields(value: Value) -> dict[str, Any]:
    return dict(value.value_only())


def _stamped(register: _R, counter: int) -> _R:
    return register.model_copy(update={"counter": counter})


def _logged(
    inspection: Inspection, update: Mapping[str, Any], author_id: str, counter: int,
    action: str, detail: str, now: datetime | None,
) -> Inspection:
    """Apply the update and append one log line with the edit's counter."""
    entry = LogEntry(
        id=new_id(), author_id=author_id, counter=counter, action=action,
        detail=detail[:500], at=now,
    )
    return inspection.model_copy(update={**update, "log": (*inspection.log, entry)})
