"""Planning a visit on the server: a new record built with the domain's own `new_inspection`,
its delegation made of server users (each member's id is the user's id), its leader named;
and the visits not yet started, for the office's planning page."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from checklists.errors import ChecklistError, UnknownTemplate
from checklists.record.editing import new_inspection
from checklists.record.lifecycle import Lifecycle
from checklists.record.model import Inspection, new_id
from sync.protocol import RefusalPublic, UserRole, VisitCreate
from sync.server.access import Caller
from sync.server.errors import NotAllowed, Refused
from sync.server.publishing import find_template
from sync.server.tables import StoredInspection, User

__all__ = ["PlannedVisit", "build_visit", "planned_visits"]


def build_visit(*, session: Session, caller: Caller, visit: VisitCreate) -> Inspection:
    """The draft record of a planned visit; 422 naming the field when a user or the template
    is unknown, 403 when a team leader plans a visit they do not lead."""
    if caller.role == UserRole.TEAM_LEADER and visit.leader_id != caller.user_id:
        raise NotAllowed("a team leader plans only the visits they lead")
    try:
        template = find_template(session, visit.template_id, visit.template_version)
    except UnknownTemplate as exc:
        raise Refused(
            "unknown template", [RefusalPublic(path="template_id", code="template.unknown")]
        ) from exc
    ids = [m.user_id for m in visit.members]
    users = {u.id: u for u in session.scalars(select(User).where(User.id.in_(ids)))}
    unknown = [
        RefusalPublic(path=f"members/{i}/user_id", code="visit.unknown_user")
        for i, m in enumerate(visit.members)
        if m.user_id not in users or not users[m.user_id].active
    ]
    if len(set(ids)) != len(ids):
        unknown.append(RefusalPublic(path="members", code="visit.duplicate_member"))
    if visit.leader_id not in ids:
        unknown.append(RefusalPublic(path="leader_id", code="visit.leader_not_member"))
    if unknown:
        raise Refused("visit refused", unknown)
    header = visit.model_dump(
        include={
            "unit_name",
            "unit_parent",
            "inspection_date",
            "place",
            "lead_body",
            "decision_ref",
        }
    )
    members = [
        {
            "id": m.user_id,
            "name": users[m.user_id].name,
            "role": m.role,
            "position": m.position,
            "body": m.body,
        }
        for m in visit.members
    ]
    try:
        return new_inspection(
            template,
            header,
            leader_id=visit.leader_id,
            inspection_id=visit.inspection_id or new_id(),
            members=members,
            author_id=caller.user_id,
        )
    except (ChecklistError, ValueError) as exc:
        raise Refused("visit refused", [RefusalPublic(path="", code="visit.invalid")]) from exc


@dataclass(frozen=True)
class PlannedVisit:
    """A visit not yet started (a draft record): what the planning page lists."""

    id: str
    unit_name: str
    inspection_date: date
    template_id: str
    template_version: int
    leaders: tuple[str, ...]
    members: tuple[str, ...]
    """The active members' names, leaders first."""


def planned_visits(*, session: Session, limit: int = 200) -> list[PlannedVisit]:
    """Draft records among the `limit` most recently changed, soonest visit first."""
    rows = session.scalars(
        select(StoredInspection).order_by(StoredInspection.updated_at.desc()).limit(limit)
    )
    visits = []
    for row in rows:
        record = Inspection.model_validate_json(row.body)
        if record.status() is not Lifecycle.DRAFT:
            continue
        leaders = record.leader_ids()
        members = sorted(record.active_members().values(), key=lambda m: m.id not in leaders)
        visits.append(
            PlannedVisit(
                id=record.id,
                unit_name=record.header.unit_name,
                inspection_date=record.header.inspection_date,
                template_id=record.template_id,
                template_version=record.template_version,
                leaders=tuple(m.name for m in members if m.id in leaders),
                members=tuple(m.name for m in members),
            )
        )
    return sorted(visits, key=lambda v: (v.inspection_date, v.unit_name))
