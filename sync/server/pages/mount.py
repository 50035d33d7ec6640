"""`mount_pages(app)`: the office pages, their static files and their error pages on the app."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlencode

from fastapi import FastAPI, Request
from fastapi.exception_handlers import http_exception_handler
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException

from sync.server.pages.compare import compare_routes
from sync.server.pages.errors import NotSignedIn, PageError, PageNotFound
from sync.server.pages.export import export_routes
from sync.server.pages.guard import SESSION_COOKIE, OfficeUser, language
from sync.server.pages.inspection_list import list_routes
from sync.server.pages.inspection_view import view_routes
from sync.server.pages.login import login_routes
from sync.server.pages.render import page_html
from sync.server.pages.templates import template_page_routes
from sync.server.pages.users import user_routes
from sync.server.pages.visits import visit_routes
from sync.server.pages.words import word

__all__ = ["STATIC", "mount_pages", "page_error"]

_MISSING_PAGE = PageNotFound("error.not_found", what="what.page")

STATIC = Path(__file__).resolve().parent / "static"


def mount_pages(app: FastAPI) -> None:
    """Add the office pages under `/office` (static files under `/office/static`)."""
    app.mount("/office/static", StaticFiles(directory=STATIC), name="office-static")
    app.add_exception_handler(PageError, page_error)
    app.add_exception_handler(StarletteHTTPException, _not_a_page)
    for routes in (
        login_routes,
        export_routes,
        list_routes,
        view_routes,
        compare_routes,
        template_page_routes,
        visit_routes,
        user_routes,
    ):
        app.include_router(routes)


async def page_error(request: Request, exc: Exception) -> Response:
    """A page error as a page: sign-in redirect, or the refusal in the page language."""
    assert isinstance(exc, PageError)
    here = request.url.path + (f"?{request.url.query}" if request.url.query else "")
    if isinstance(exc, NotSignedIn):
        query = {"next": here if request.method == "GET" else "/office/inspections"}
        if request.cookies.get(SESSION_COOKIE):
            query["expired"] = "1"
        response = RedirectResponse(f"/office/login?{urlencode(query)}", status_code=303)
        response.delete_cookie(SESSION_COOKIE, path="/office")
        return response
    lang = language(request)
    params = {
        key: word(lang, value) if key == "what" and isinstance(value, str) else value
        for key, value in exc.params.items()
    }
    viewer = exc.viewer if isinstance(exc.viewer, OfficeUser) else None
    html = page_html(
        "refused.html",
        lang=lang,
        user=viewer,
        path=here,
        context={"title": word(lang, "error.title"), "message": word(lang, exc.key, **params)},
    )
    return HTMLResponse(html, status_code=exc.status, headers={"Cache-Control": "no-store"})


async def _not_a_page(request: Request, exc: Exception) -> Response:
    """An unknown address under /office gets a page in the visitor's language (a page the
    navigation links to before it is built, a mistyped link); the API keeps its JSON."""
    assert isinstance(exc, StarletteHTTPException)
    if request.url.path.startswith("/office") and exc.status_code in (404, 405):
        return await page_error(request, _MISSING_PAGE)
    return await http_exception_handler(request, exc)
