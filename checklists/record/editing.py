"""Edits to an inspection record: pure, keyword-only functions returning a new, stamped record.

Every edit goes through `_begin` (is the record open, may this author make it, which counter)
and `_commit` (apply, and extend or add one history line), so the rules live in one place. Each
edit changes only what it names: setting a note keeps the value, and the other way round.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date, datetime
from enum import Enum
from typing import Any, Final, TypeVar

from checklists.errors import EditRefused, RecordLocked
from checklists.record.leadership import LeaderEvent
from checklists.record.lifecycle import LIFECYCLE_RANK, Lifecycle, LifecycleEvent
from checklists.record.model import (
    Assessment,
    Assignment,
    ConclusionBlock,
    ConclusionPart,
    Decision,
    Gps,
    Header,
    Inspection,
    LogEntry,
    Member,
    Photo,
    Register,
    Representative,
    Role,
    SelfScore,
    Value,
    new_id,
)
from checklists.record.registers import clock, with_register
from checklists.template.model import Template

__all__ = [
    "UNSET",
    "new_inspection",
    "assess",
    "withdraw_assessment",
    "decide",
    "withdraw_decision",
    "set_self_score",
    "add_photo",
    "edit_photo",
    "detach_photo",
    "write_conclusion",
    "set_header",
    "upsert_member",
    "remove_member",
    "upsert_representative",
    "remove_representative",
    "assign",
    "hand_over",
    "move_to",
]


class _Unset(Enum):
    UNSET = "unset"


UNSET: Final = _Unset.UNSET
"""Marks an argument not given: that part of the register is left as it is."""

_CLOSED = {Lifecycle.LOCKED, Lifecycle.DELIVERED}


def new_inspection(
    template: Template,
    header: Header | Mapping[str, Any],
    *,
    leader_id: str | None = None,
    inspection_id: str | None = None,
    members: Iterable[Member | Mapping[str, Any]] = (),
    representatives: Iterable[Representative | Mapping[str, Any]] = (),
    author_id: str | None = None,
) -> Inspection:
    """A fresh draft record for this template, naming its leader (default: the member whose role
    is trưởng đoàn); `author_id` (default: the leader) is who creates the visit.

    The header, members and representatives may be given as plain fields (mappings).
    """
    stamp = {"author_id": "", "counter": 1, "removed": False}
    people = [_fields(m) for m in members]
    leader = leader_id or next(
        (m["id"] for m in people if m.get("role", Role.THANH_VIEN) == Role.TRUONG_DOAN), None
    )
    if leader is None or leader not in {m["id"] for m in people}:
        raise EditRefused("edit.no_leader")
    stamp["author_id"] = author_id or leader
    return Inspection(
        id=inspection_id or new_id(),
        template_id=template.id,
        template_version=template.version,
        template_hash=template.content_hash(),
        leader_id=leader,
        header=Header(**{**_fields(header), **stamp}),
        members={m["id"]: Member(**{**m, **stamp}) for m in people},
        representatives={
            r["id"]: Representative(**{**r, **stamp}) for r in (_fields(x) for x in representatives)
        },
    )


def _fields(given: Any) -> dict[str, Any]:
    """Plain fields of a model or mapping, without authorship (the edit stamps its own)."""
    data = given.model_dump() if hasattr(given, "model_dump") else dict(given)
    return {k: v for k, v in data.items() if k not in ("author_id", "counter", "removed")}


def assess(
    inspection: Inspection,
    *,
    author_id: str,
    criterion_id: str,
    value: Value | _Unset = UNSET,
    note: str | _Unset = UNSET,
    figures: Mapping[str, float] | _Unset = UNSET,
    now: datetime | None = None,
) -> Inspection:
    """Set a member's own assessment of a criterion: its value, its note and/or some figures.

    Only what is given changes (`figures` updates the named figures, keeping the others). The
    first assessment of a draft starts the inspection.
    """
    counter = _begin(inspection, author_id)
    held = inspection.assessments.get(criterion_id, {}).get(author_id)
    fields: dict[str, Any] = held.model_dump() if held and not held.removed else {}
    if not isinstance(value, _Unset):
        fields.update(value.value_only().model_dump())
    if not isinstance(note, _Unset):
        fields["note"] = note
    if not isinstance(figures, _Unset):
        fields["figures"] = {**fields.get("figures", {}), **figures}
    assessment = Assessment(
        **{
            **fields,
            "criterion_id": criterion_id,
            "author_id": author_id,
            "counter": counter,
            "removed": False,
        }
    )
    return _put_assessment(inspection, assessment, "log.assess", now)


def withdraw_assessment(
    inspection: Inspection, *, author_id: str, criterion_id: str, now: datetime | None = None
) -> Inspection:
    """Withdraw a member's own assessment of a criterion (a tombstone that merges)."""
    counter = _begin(inspection, author_id)
    gone = Assessment(criterion_id=criterion_id, author_id=author_id, counter=counter, removed=True)
    return _put_assessment(inspection, gone, "log.withdraw", now)


def _put_assessment(
    inspection: Inspection, assessment: Assessment, code: str, now: datetime | None
) -> Inspection:
    c, author = assessment.criterion_id, assessment.author_id
    record = _put(inspection, f"assessments/{c}/{author}", assessment, code, {"criterion": c}, now)
    if record.status() is not Lifecycle.DRAFT or assessment.removed:
        return record
    return _move(record, author, Lifecycle.IN_PROGRESS, "", now)


def decide(
    inspection: Inspection,
    *,
    author_id: str,
    criterion_id: str,
    value: Value,
    reason: str,
    now: datetime | None = None,
) -> Inspection:
    """Settle a criterion with the leader's value and reason; only the leader may."""
    counter = _begin(inspection, author_id, leaders_only="what.decide")
    if not reason.strip():
        raise EditRefused("edit.reason_required", {"what": "what.decision_reason"})
    decision = Decision(
        **value.value_only().model_dump(),
        criterion_id=criterion_id,
        author_id=author_id,
        counter=counter,
        reason=reason,
    )
    path = f"decisions/{criterion_id}/{author_id}"
    return _put(inspection, path, decision, "log.decide", {"criterion": criterion_id}, now)


def withdraw_decision(
    inspection: Inspection, *, author_id: str, criterion_id: str, now: datetime | None = None
) -> Inspection:
    """Withdraw the leader's decision on a criterion: the members' values count again."""
    counter = _begin(inspection, author_id, leaders_only="what.decide")
    gone = Decision(criterion_id=criterion_id, author_id=author_id, counter=counter, removed=True)
    path = f"decisions/{criterion_id}/{author_id}"
    return _put(inspection, path, gone, "log.undecide", {"criterion": criterion_id}, now)


def set_self_score(
    inspection: Inspection,
    *,
    author_id: str,
    criterion_id: str,
    points: float | None,
    now: datetime | None = None,
) -> Inspection:
    """Enter the unit's own score for a criterion, as the unit reported it."""
    counter = _begin(inspection, author_id)
    score = SelfScore(
        criterion_id=criterion_id, points=points, author_id=author_id, counter=counter
    )
    return _put(
        inspection,
        f"self_scores/{criterion_id}",
        score,
        "log.self_score",
        {"criterion": criterion_id},
        now,
    )


def add_photo(
    inspection: Inspection,
    *,
    author_id: str,
    sha256: str,
    criterion_id: str = "",
    photo_id: str | None = None,
    now: datetime | None = None,
    **meta: Any,
) -> Inspection:
    """Attach an evidence photo (already stored by hash) to a criterion, or "" for general.

    `meta` holds the photo's other fields (taken_at, gps, caption, mime, byte_size, width,
    height, include_in_report); `order` defaults to after the criterion's last photo.
    """
    counter = _begin(inspection, author_id)
    if "order" not in meta:
        meta["order"] = 1 + max((p.order for p in inspection.photos_of(criterion_id)), default=-1)
    photo = Photo(
        **meta,
        id=photo_id or new_id(),
        sha256=sha256,
        criterion_id=criterion_id,
        author_id=author_id,
        counter=counter,
    )
    return _put_photo(inspection, photo, "log.photo", now)


def edit_photo(
    inspection: Inspection,
    *,
    author_id: str,
    photo_id: str,
    caption: str | _Unset = UNSET,
    order: int | _Unset = UNSET,
    include_in_report: bool | _Unset = UNSET,
    criterion_id: str | _Unset = UNSET,
    gps: Gps | None | _Unset = UNSET,
    now: datetime | None = None,
) -> Inspection:
    """Change what is given of a photo's caption, order, report flag, criterion or place."""
    held = _photo(inspection, photo_id, author_id)
    counter = _begin(inspection, author_id)
    given = {
        "caption": caption,
        "order": order,
        "include_in_report": include_in_report,
        "criterion_id": criterion_id,
        "gps": gps,
    }
    changes = {k: v for k, v in given.items() if not isinstance(v, _Unset)}
    return _put_photo(inspection, _restamp(held, author_id, counter, **changes), "log.photo", now)


def detach_photo(
    inspection: Inspection, *, author_id: str, photo_id: str, now: datetime | None = None
) -> Inspection:
    """Detach a photo from the record (a tombstone; the bytes stay on the device)."""
    held = _photo(inspection, photo_id, author_id)
    counter = _begin(inspection, author_id)
    gone = _restamp(held, author_id, counter, removed=True)
    return _put_photo(inspection, gone, "log.photo_detach", now)


def _photo(inspection: Inspection, photo_id: str, author_id: str) -> Photo:
    """The photo to change; a member changes their own photos, the leader anyone's."""
    held = inspection.photos.get(photo_id)
    if held is None or held.removed:
        raise EditRefused("edit.no_photo", {"photo": photo_id})
    if held.author_id != author_id and author_id not in inspection.leader_ids():
        raise EditRefused("edit.leaders_only", {"what": "auth.others_photo"})
    return held


def _put_photo(inspection: Inspection, photo: Photo, code: str, now: datetime | None) -> Inspection:
    params = {"photo": photo.id, "criterion": photo.criterion_id}
    return _put(inspection, f"photos/{photo.id}", photo, code, params, now)


def write_conclusion(
    inspection: Inspection,
    *,
    author_id: str,
    part: ConclusionPart,
    text: str,
    now: datetime | None = None,
) -> Inspection:
    """Replace one block of the conclusion (ghi nhận, hạn chế or đề nghị); the leader only."""
    counter = _begin(inspection, author_id, leaders_only="what.conclusion")
    block = ConclusionBlock(text=text, author_id=author_id, counter=counter)
    return _put(
        inspection,
        f"conclusion/{part.value}",
        block,
        "log.conclusion",
        {"part": f"conclusion.{part.value}"},
        now,
    )


def set_header(
    inspection: Inspection,
    *,
    author_id: str,
    now: datetime | None = None,
    unit_name: str | _Unset = UNSET,
    unit_parent: str | _Unset = UNSET,
    inspection_date: date | _Unset = UNSET,
    place: str | _Unset = UNSET,
    lead_body: str | _Unset = UNSET,
    decision_ref: str | _Unset = UNSET,
) -> Inspection:
    """Change what is given of the header (unit, date, place, leading body, decision)."""
    counter = _begin(inspection, author_id, leaders_only="what.roster")
    given = {
        "unit_name": unit_name,
        "unit_parent": unit_parent,
        "inspection_date": inspection_date,
        "place": place,
        "lead_body": lead_body,
        "decision_ref": decision_ref,
    }
    changes = {k: v for k, v in given.items() if not isinstance(v, _Unset)}
    header = _restamp(inspection.header, author_id, counter, **changes)
    return _put(inspection, "header", header, "log.header", {}, now)


def upsert_member(
    inspection: Inspection,
    *,
    author_id: str,
    member: Member | Mapping[str, Any],
    now: datetime | None = None,
) -> Inspection:
    """Add or change a delegation member (given as a model or plain fields); the leader only."""
    counter = _begin(inspection, author_id, leaders_only="what.roster")
    stamped = Member(**{**_fields(member), "author_id": author_id, "counter": counter})
    return _put(
        inspection, f"members/{stamped.id}", stamped, "log.member", {"member": stamped.name}, now
    )


def remove_member(
    inspection: Inspection, *, author_id: str, member_id: str, now: datetime | None = None
) -> Inspection:
    """Remove a member from the delegation (a tombstone); the leader only, never the leader."""
    counter = _begin(inspection, author_id, leaders_only="what.roster")
    held = inspection.members.get(member_id)
    if held is None or held.removed or member_id == inspection.leadership_state().leader_id:
        raise EditRefused("edit.no_member", {"member": member_id})
    gone = _restamp(held, author_id, counter, removed=True)
    params = {"member": held.name}
    return _put(inspection, f"members/{member_id}", gone, "log.member_remove", params, now)


def upsert_representative(
    inspection: Inspection,
    *,
    author_id: str,
    representative: Representative | Mapping[str, Any],
    now: datetime | None = None,
) -> Inspection:
    """Add or change a representative of the inspected unit; any member may."""
    counter = _begin(inspection, author_id)
    rep = Representative(**{**_fields(representative), "author_id": author_id, "counter": counter})
    return _put(
        inspection, f"representatives/{rep.id}", rep, "log.representative", {"name": rep.name}, now
    )


def remove_representative(
    inspection: Inspection,
    *,
    author_id: str,
    representative_id: str,
    now: datetime | None = None,
) -> Inspection:
    """Remove a representative of the unit (a tombstone)."""
    counter = _begin(inspection, author_id)
    held = inspection.representatives.get(representative_id)
    if held is None or held.removed:
        raise EditRefused("edit.no_member", {"member": representative_id})
    gone = _restamp(held, author_id, counter, removed=True)
    path = f"representatives/{representative_id}"
    return _put(inspection, path, gone, "log.representative_remove", {"name": held.name}, now)


def assign(
    inspection: Inspection,
    *,
    author_id: str,
    member_id: str,
    section_ids: Iterable[str],
    now: datetime | None = None,
) -> Inspection:
    """Assign sections to a member; the leader only."""
    counter = _begin(inspection, author_id, leaders_only="what.roster")
    member = inspection.active_members().get(member_id)
    if member is None:
        raise EditRefused("edit.no_member", {"member": member_id})
    assignment = Assignment(
        member_id=member_id, section_ids=tuple(section_ids), author_id=author_id, counter=counter
    )
    return _put(
        inspection,
        f"assignments/{member_id}",
        assignment,
        "log.assign",
        {"member": member.name},
        now,
    )


def hand_over(
    inspection: Inspection,
    *,
    author_id: str,
    leader_id: str,
    acting_deputies: Iterable[str] = (),
    now: datetime | None = None,
) -> Inspection:
    """Name the leader and the deputies who act as leader; only the leader in office may."""
    counter = _begin(inspection, author_id, leaders_only="what.leadership", strict=True)
    members = inspection.active_members()
    for member_id in (leader_id, *acting_deputies):
        if member_id not in members:
            raise EditRefused("edit.no_member", {"member": member_id})
    event = LeaderEvent(
        id=new_id(),
        leader_id=leader_id,
        acting_deputies=tuple(acting_deputies),
        author_id=author_id,
        counter=counter,
    )
    update = {"leadership": (*inspection.leadership, event)}
    return _commit(inspection, update, event, "leadership", "log.leadership", {}, now)


def move_to(
    inspection: Inspection,
    *,
    author_id: str,
    status: Lifecycle,
    reason: str = "",
    now: datetime | None = None,
) -> Inspection:
    """Move the record forward, or reopen it (any move back: the leader only, with a reason).

    The move names the event it was made from (`base`), so a reopen undoes only a lock it saw.
    """
    _require_member(inspection, author_id)
    current = inspection.status()
    if status is current:
        return inspection
    leader = author_id in inspection.leader_ids()
    reopen = LIFECYCLE_RANK[status] < LIFECYCLE_RANK[current]
    if reopen and not leader:
        raise EditRefused("edit.leaders_only", {"what": "what.reopen"})
    if reopen and not reason.strip():
        raise EditRefused("edit.reason_required", {"what": "what.reopen_reason"})
    if status is Lifecycle.LOCKED and not leader:
        raise EditRefused("edit.leaders_only", {"what": "what.lock"})
    if status is Lifecycle.DELIVERED and not leader:
        raise EditRefused("edit.leaders_only", {"what": "what.deliver"})
    if status is Lifecycle.DELIVERED and current is not Lifecycle.LOCKED:
        raise EditRefused("edit.deliver_unlocked")
    return _move(inspection, author_id, status, reason, now, reopen=reopen)


def _move(
    inspection: Inspection,
    author_id: str,
    status: Lifecycle,
    reason: str,
    now: datetime | None,
    *,
    reopen: bool = False,
) -> Inspection:
    counter = clock(inspection) + 1
    current = inspection.current_event()
    event = LifecycleEvent(
        id=new_id(),
        status=status,
        author_id=author_id,
        counter=counter,
        reason=reason,
        reopen=reopen,
        base=current.id if current is not None else "",
        sealed=inspection.sealed_hash() if status in _CLOSED else "",
    )
    code = "log.reopen" if reopen else "log.lifecycle"
    update = {"lifecycle": (*inspection.lifecycle, event)}
    params = {"status": f"lifecycle.{status.value}"}
    return _commit(inspection, update, event, f"lifecycle/{counter}", code, params, now)


def _begin(
    inspection: Inspection, author_id: str, *, leaders_only: str = "", strict: bool = False
) -> int:
    """Check the record is open and the author may make the edit; return the edit's counter.

    `strict` means the leader in office only (not an acting deputy).
    """
    status = inspection.status()
    if status in _CLOSED:
        raise RecordLocked("edit.locked", {"status": f"state.{status.value}"})
    _require_member(inspection, author_id)
    if leaders_only:
        allowed = {inspection.leadership_state().leader_id} if strict else inspection.leader_ids()
        if author_id not in allowed:
            raise EditRefused("edit.leaders_only", {"what": leaders_only})
    return clock(inspection) + 1


def _require_member(inspection: Inspection, author_id: str) -> None:
    if author_id not in inspection.active_members():
        raise EditRefused("edit.not_member", {"author": author_id})


def _put(
    inspection: Inspection,
    path: str,
    register: Any,
    code: str,
    params: Mapping[str, str],
    now: datetime | None,
) -> Inspection:
    """Put one register at its path (`registers.with_register`) and record it in the history."""
    return _commit(with_register(inspection, path, register), {}, register, path, code, params, now)


_R = TypeVar("_R", bound=Register)


def _restamp(held: _R, author_id: str, counter: int, **changes: Any) -> _R:
    """A held register changed as given and stamped with this edit's author and counter."""
    fields = {**held.model_dump(), **changes, "author_id": author_id, "counter": counter}
    return type(held)(**fields)


def _commit(
    inspection: Inspection,
    update: Mapping[str, Any],
    register: Any,
    target: str,
    code: str,
    params: Mapping[str, str],
    now: datetime | None,
) -> Inspection:
    """Apply the update and record it in the history: a consecutive edit of the same register by
    the same author extends the last history line instead of adding one."""
    author, counter = register.author_id, register.counter
    log = list(inspection.log)
    last = max(log, key=lambda e: (e.counter, e.id), default=None)
    if (
        last is not None
        and last.author_id == author
        and last.target == target
        and last.code == code
        and last.counter == counter - 1
    ):
        # Validated (not model_copy), so a naive device time is stored in UTC like any other.
        log[log.index(last)] = LogEntry(
            **{**last.model_dump(), "counter": counter, "at": now, "edits": last.edits + 1}
        )
    else:
        log.append(
            LogEntry(
                id=new_id(),
                author_id=author,
                code=code,
                target=target,
                params={k: v[:500] for k, v in params.items()},
                first_counter=counter,
                counter=counter,
                first_at=now,
                at=now,
            )
        )
    return inspection.model_copy(update={**update, "log": tuple(log)})
