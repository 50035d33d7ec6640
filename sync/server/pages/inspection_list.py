"""The list of inspections (`/office/inspections`)."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from sync.server.pages.guard import OfficeUserDep
from sync.server.pages.render import render
from sync.server.pages.words import word

__all__ = ["list_routes", "inspection_list"]

list_routes = APIRouter(prefix="/office", include_in_schema=False)


@list_routes.get("/inspections", response_class=HTMLResponse)
def inspection_list(request: Request, user: OfficeUserDep) -> HTMLResponse:
    """Every inspection held, filtered, sorted and paged."""
    return render(request, user, "placeholder.html", title=word(user.lang, "nav.inspections"))
