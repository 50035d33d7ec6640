"""Edits of who and what the visit is: header, members, representatives, assignments, leadership.

Members, header, assignments and leadership are the leader's (`checklists.record.authority`).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date, datetime
from typing import Any

from checklists.errors import EditRefused
from checklists.record.commit import (
    UNSET,
    Unset,
    begin,
    commit,
    plain_fields,
    put,
    restamp,
)
from checklists.record.leadership import LeaderEvent
from checklists.record.model import (
    Assignment,
    Inspection,
    Member,
    Representative,
    new_id,
)

__all__ = [
    "set_header",
    "upsert_member",
    "remove_member",
    "upsert_representative",
    "remove_representative",
    "assign",
    "hand_over",
]


def set_header(
    inspection: Inspection,
    *,
    author_id: str,
    now: datetime | None = None,
    unit_name: str | Unset = UNSET,
    unit_parent: str | Unset = UNSET,
    inspection_date: date | Unset = UNSET,
    place: str | Unset = UNSET,
    lead_body: str | Unset = UNSET,
    decision_ref: str | Unset = UNSET,
) -> Inspection:
    """Change what is given of the header (unit, date, place, leading body, decision)."""
    counter = begin(inspection, author_id, leaders_only="what.roster")
    given = {
        "unit_name": unit_name,
        "unit_parent": unit_parent,
        "inspection_date": inspection_date,
        "place": place,
        "lead_body": lead_body,
        "decision_ref": decision_ref,
    }
    changes = {k: v for k, v in given.items() if not isinstance(v, Unset)}
    header = restamp(inspection.header, author_id, counter, **changes)
    return put(inspection, "header", header, "log.header", {}, now)


def upsert_member(
    inspection: Inspection,
    *,
    author_id: str,
    member: Member | Mapping[str, Any],
    now: datetime | None = None,
) -> Inspection:
    """Add or change a delegation member (given as a model or plain fields); the leader only."""
    counter = begin(inspection, author_id, leaders_only="what.roster")
    stamped = Member(**{**plain_fields(member), "author_id": author_id, "counter": counter})
    return put(
        inspection, f"members/{stamped.id}", stamped, "log.member", {"member": stamped.name}, now
    )


def remove_member(
    inspection: Inspection, *, author_id: str, member_id: str, now: datetime | None = None
) -> Inspection:
    """Remove a member from the delegation (a tombstone); the leader only, never the leader."""
    counter = begin(inspection, author_id, leaders_only="what.roster")
    held = inspection.members.get(member_id)
    if held is None or held.removed or member_id == inspection.leadership_state().leader_id:
        raise EditRefused("edit.no_member", {"member": member_id})
    gone = restamp(held, author_id, counter, removed=True)
    params = {"member": held.name}
    return put(inspection, f"members/{member_id}", gone, "log.member_remove", params, now)


def upsert_representative(
    inspection: Inspection,
    *,
    author_id: str,
    representative: Representative | Mapping[str, Any],
    now: datetime | None = None,
) -> Inspection:
    """Add or change a representative of the inspected unit; any member may."""
    counter = begin(inspection, author_id)
    rep = Representative(
        **{**plain_fields(representative), "author_id": author_id, "counter": counter}
    )
    return put(
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
    counter = begin(inspection, author_id)
    held = inspection.representatives.get(representative_id)
    if held is None or held.removed:
        raise EditRefused("edit.no_member", {"member": representative_id})
    gone = restamp(held, author_id, counter, removed=True)
    path = f"representatives/{representative_id}"
    return put(inspection, path, gone, "log.representative_remove", {"name": held.name}, now)


def assign(
    inspection: Inspection,
    *,
    author_id: str,
    member_id: str,
    section_ids: Iterable[str],
    now: datetime | None = None,
) -> Inspection:
    """Assign sections to a member; the leader only."""
    counter = begin(inspection, author_id, leaders_only="what.roster")
    member = inspection.active_members().get(member_id)
    if member is None:
        raise EditRefused("edit.no_member", {"member": member_id})
    assignment = Assignment(
        member_id=member_id, section_ids=tuple(section_ids), author_id=author_id, counter=counter
    )
    return put(
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
    counter = begin(inspection, author_id, leaders_only="what.leadership", strict=True)
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
    return commit(inspection, update, event, "leadership", "log.leadership", {}, now)
