"""The visits page (`/office/visits`): plan a visit (unit, date, template, delegation and its
leader) so its members pull the record before they go, and the visits not started yet.

Planning goes through the same path as `POST /api/v1/visits` (`build_visit`, then `create`):
a refused field is shown next to its input, with what was typed kept.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from pydantic import ValidationError

from checklists.text.format import format_date
from sync.protocol import PlannedMember, VisitCreate
from sync.server.accounts import list_users
from sync.server.deps import ServicesDep
from sync.server.errors import Refused
from sync.server.pages.guard import CheckedUserDep, OfficeUser, OfficeUserDep
from sync.server.pages.render import render
from sync.server.pages.templates import office_caller
from sync.server.pages.words import word
from sync.server.publishing import template_refs
from sync.server.records import create
from sync.server.visits import build_visit, planned_visits

__all__ = ["visit_routes", "visit_page", "plan_visit_form"]

visit_routes = APIRouter(prefix="/office", include_in_schema=False)

_FIELDS = ("unit_name", "unit_parent", "place", "inspection_date", "lead_body", "decision_ref")
_REFUSALS = {
    "template.unknown": ("template", "visits.unknown_template"),
    "visit.unknown_user": ("members", "visits.unknown_user"),
    "visit.leader_not_member": ("leader_id", "visits.no_leader"),
}


def _page(
    request: Request,
    user: OfficeUser,
    svc: ServicesDep,
    *,
    values: dict[str, Any],
    errors: dict[str, str],
    notice: str = "",
) -> HTMLResponse:
    with svc.readers() as session:
        refs = sorted(template_refs(session), key=lambda r: (r.id, -r.version))
        people = [u for u in list_users(session=session) if u.active]
        planned = planned_visits(session=session)
    return render(
        request,
        user,
        "visits.html",
        status_code=422 if errors else 200,
        title=word(user.lang, "nav.visits"),
        templates=[
            {"value": f"{r.id}@{r.version}", "label": f"{r.title} — {r.id} v{r.version}"}
            for r in refs
        ],
        people=[
            {
                "id": u.id,
                "label": f"{u.name} ({u.username}) — {word(user.lang, f'role.{u.role}')}",
            }
            for u in people
        ],
        planned=planned,
        titles={(r.id, r.version): r.title for r in refs},
        values=values,
        errors=errors,
        notice=notice,
    )


@visit_routes.get("/visits", response_class=HTMLResponse)
def visit_page(
    request: Request, user: OfficeUserDep, svc: ServicesDep, done: str = ""
) -> HTMLResponse:
    """The planning form and the visits not started yet."""
    notice = ""
    if done:
        with svc.readers() as session:
            made = next((v for v in planned_visits(session=session) if v.id == done), None)
        if made is not None:
            day = format_date(made.inspection_date, user.lang)
            notice = word(user.lang, "visits.done", unit=made.unit_name, day=day)
    empty: dict[str, Any] = {"members": []}
    return _page(request, user, svc, values=empty, errors={}, notice=notice)


_DAY = re.compile(r"^(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})$")


def _day(text: str) -> str:
    """A day typed the Vietnamese way (15/03/2027, 15.3.2027) as ISO; anything else as typed
    (an ISO date passes; the rest is refused by validation, at the field)."""
    found = _DAY.match(text.strip())
    if found is None:
        return text
    day, month, year = (int(g) for g in found.groups())
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return text


def _visit(values: dict[str, Any], lang: str) -> tuple[VisitCreate | None, dict[str, str]]:
    """The visit the form describes, or the error of each field."""
    errors: dict[str, str] = {}
    template_id, _, version = str(values["template"]).rpartition("@")
    if not template_id or not version.isdigit():
        errors["template"] = word(lang, "visits.required")
    if not values["leader_id"]:
        errors["leader_id"] = word(lang, "visits.no_leader")
    leader = values["leader_id"]
    others = [m for m in dict.fromkeys(values["members"]) if m and m != leader]
    try:
        visit = VisitCreate(
            template_id=template_id,
            template_version=int(version) if version.isdigit() else 1,
            leader_id=leader,
            members=(
                PlannedMember(user_id=leader, role="truong_doan"),
                *(PlannedMember(user_id=m) for m in others),
            ),
            **{k: values[k] for k in _FIELDS if values[k] or k in ("unit_name", "inspection_date")},
        )
    except ValidationError as exc:
        for error in exc.errors(include_url=False):
            field = str(error["loc"][0]) if error["loc"] else ""
            key = (
                "visits.bad_date"
                if field == "inspection_date" and values[field]
                else (
                    "visits.too_long" if error["type"] == "string_too_long" else "visits.required"
                )
            )
            errors.setdefault(field if field in _FIELDS else "members", word(lang, key))
        return None, errors
    return (None if errors else visit), errors


@visit_routes.post("/visits")
def plan_visit_form(
    request: Request,
    user: CheckedUserDep,
    svc: ServicesDep,
    unit_name: Annotated[str, Form()] = "",
    unit_parent: Annotated[str, Form()] = "",
    place: Annotated[str, Form()] = "",
    inspection_date: Annotated[str, Form()] = "",
    lead_body: Annotated[str, Form()] = "",
    decision_ref: Annotated[str, Form()] = "",
    template: Annotated[str, Form()] = "",
    leader_id: Annotated[str, Form()] = "",
    members: Annotated[list[str] | None, Form()] = None,
) -> Response:
    """Plan the visit; the form again with each refused field marked, or back to the list."""
    values: dict[str, Any] = {
        "unit_name": unit_name.strip(),
        "unit_parent": unit_parent.strip(),
        "place": place.strip(),
        "inspection_date": inspection_date.strip(),
        "lead_body": lead_body.strip(),
        "decision_ref": decision_ref.strip(),
        "template": template,
        "leader_id": leader_id,
        "members": members or [],
    }
    visit, errors = _visit(
        {**values, "inspection_date": _day(values["inspection_date"])}, user.lang
    )
    if visit is None:
        return _page(request, user, svc, values=values, errors=errors)
    try:
        with svc.sessions() as session, session.begin():
            caller = office_caller(user)
            record = build_visit(session=session, caller=caller, visit=visit)
            create(session=session, caller=caller, record=record)
        svc.summaries.notify(record.id)
    except Refused as exc:
        for refusal in exc.refusals:
            field, key = _REFUSALS.get(refusal.code, ("members", ""))
            reason = word(user.lang, key) if key else refusal.message or refusal.code
            errors.setdefault(
                field, reason if key else word(user.lang, "visits.refused", reason=reason)
            )
        return _page(request, user, svc, values=values, errors=errors)
    return RedirectResponse(f"/office/visits?done={record.id}", status_code=303)
