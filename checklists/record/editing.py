"""Edits of the scoring and its lifecycle: new visit, assessments, decisions, self-scores,
conclusion, status moves. Pure, keyword-only; each changes only what it names (setting a note
keeps the value, and the other way round) and goes through `checklists.record.commit`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import datetime
from typing import Any

from checklists.errors import EditRefused
from checklists.record.commit import (
    UNSET,
    Unset,
    begin,
    move,
    plain_fields,
    put,
    require_member,
)
from checklists.record.lifecycle import LIFECYCLE_RANK, Lifecycle
from checklists.record.model import (
    Assessment,
    ConclusionBlock,
    ConclusionPart,
    Decision,
    Header,
    Inspection,
    Member,
    Representative,
    Role,
    SelfScore,
    Value,
    new_id,
)
from checklists.template.model import Template

__all__ = [
    "new_inspection",
    "assess",
    "withdraw_assessment",
    "decide",
    "withdraw_decision",
    "set_self_score",
    "write_conclusion",
    "move_to",
]


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
    people = [plain_fields(m) for m in members]
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
        header=Header(**{**plain_fields(header), **stamp}),
        members={m["id"]: Member(**{**m, **stamp}) for m in people},
        representatives={
            r["id"]: Representative(**{**r, **stamp})
            for r in (plain_fields(x) for x in representatives)
        },
    )


def assess(
    inspection: Inspection,
    *,
    author_id: str,
    criterion_id: str,
    value: Value | Unset = UNSET,
    note: str | Unset = UNSET,
    figures: Mapping[str, float] | Unset = UNSET,
    now: datetime | None = None,
) -> Inspection:
    """Set a member's own assessment of a criterion: its value, its note and/or some figures.

    Only what is given changes (`figures` updates the named figures, keeping the others). The
    first assessment of a draft starts the inspection.
    """
    counter = begin(inspection, author_id)
    held = inspection.assessments.get(criterion_id, {}).get(author_id)
    fields: dict[str, Any] = held.model_dump() if held and not held.removed else {}
    if not isinstance(value, Unset):
        fields.update(value.value_only().model_dump())
    if not isinstance(note, Unset):
        fields["note"] = note
    if not isinstance(figures, Unset):
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
    counter = begin(inspection, author_id)
    gone = Assessment(criterion_id=criterion_id, author_id=author_id, counter=counter, removed=True)
    return _put_assessment(inspection, gone, "log.withdraw", now)


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
    counter = begin(inspection, author_id, leaders_only="what.decide")
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
    return put(inspection, path, decision, "log.decide", {"criterion": criterion_id}, now)


def withdraw_decision(
    inspection: Inspection, *, author_id: str, criterion_id: str, now: datetime | None = None
) -> Inspection:
    """Withdraw the leader's decision on a criterion: the members' values count again."""
    counter = begin(inspection, author_id, leaders_only="what.decide")
    gone = Decision(criterion_id=criterion_id, author_id=author_id, counter=counter, removed=True)
    path = f"decisions/{criterion_id}/{author_id}"
    return put(inspection, path, gone, "log.undecide", {"criterion": criterion_id}, now)


def set_self_score(
    inspection: Inspection,
    *,
    author_id: str,
    criterion_id: str,
    points: float | None,
    now: datetime | None = None,
) -> Inspection:
    """Enter the unit's own score for a criterion, as the unit reported it."""
    counter = begin(inspection, author_id)
    score = SelfScore(
        criterion_id=criterion_id, points=points, author_id=author_id, counter=counter
    )
    return put(
        inspection,
        f"self_scores/{criterion_id}",
        score,
        "log.self_score",
        {"criterion": criterion_id},
        now,
    )


def write_conclusion(
    inspection: Inspection,
    *,
    author_id: str,
    part: ConclusionPart,
    text: str,
    now: datetime | None = None,
) -> Inspection:
    """Replace one block of the conclusion (ghi nhận, hạn chế or đề nghị); the leader only,
    and not while the conclusion is locked (`checklists.conclusion.versions`)."""
    counter = begin(inspection, author_id, leaders_only="what.conclusion")
    if inspection.conclusion_lock() is not None:
        raise EditRefused("edit.conclusion_locked")
    block = ConclusionBlock(text=text, author_id=author_id, counter=counter)
    return put(
        inspection,
        f"conclusion/{part.value}",
        block,
        "log.conclusion",
        {"part": f"conclusion.{part.value}"},
        now,
    )


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
    require_member(inspection, author_id)
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
    return move(inspection, author_id, status, reason, now, reopen=reopen)


def _put_assessment(
    inspection: Inspection, assessment: Assessment, code: str, now: datetime | None
) -> Inspection:
    c, author = assessment.criterion_id, assessment.author_id
    record = put(inspection, f"assessments/{c}/{author}", assessment, code, {"criterion": c}, now)
    if record.status() is not Lifecycle.DRAFT or assessment.removed:
        return record
    return move(record, author, Lifecycle.IN_PROGRESS, "", now)
