"""Rendering a page: one Jinja2 environment over `templates/`, the base layout's navigation.

`render(request, user, "page.html", title=..., **context)` answers an HTML page. Every template
extends `base.html` and gets: `t(key, **params)` (the words of `words.py` in the page language),
`lang`, `user` (an `OfficeUser` or None), `csrf_token` (put it in every form:
`<input type="hidden" name="csrf_token" value="{{ csrf_token }}">`), `nav` (the links this
role may follow), `num`, `pct`, `day` (Vietnamese number, percent and date forms), and `path`
(this page's path and query, e.g. for `next=`).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any
from urllib.parse import quote

from fastapi import Request
from fastapi.responses import HTMLResponse
from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

from checklists.text.format import format_date, format_number, format_percent
from sync.protocol import UserRole
from sync.server.access import OFFICE
from sync.server.pages.guard import OfficeUser
from sync.server.pages.words import word

__all__ = ["NavItem", "NAV", "TEMPLATES", "environment", "render", "page_html"]

TEMPLATES = Path(__file__).resolve().parent / "templates"


@dataclass(frozen=True)
class NavItem:
    """A link of the main navigation, shown only to the roles listed."""

    key: str
    href: str
    roles: frozenset[UserRole]


NAV = (
    NavItem("nav.inspections", "/office/inspections", OFFICE),
    NavItem("nav.compare", "/office/compare", OFFICE),
    NavItem("nav.templates", "/office/templates", OFFICE),
    NavItem("nav.visits", "/office/visits", OFFICE),
    NavItem("nav.users", "/office/users", frozenset({UserRole.ADMIN})),
)
"""The navigation, in order; a page's link is marked current when the path starts with it."""


def environment() -> Environment:
    """The pages' Jinja2 environment (autoescaped; an undefined name is an error)."""
    env = Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=select_autoescape(("html",)),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["urlquote"] = lambda value: quote(str(value), safe="")
    return env


_ENV = environment()


def page_html(
    template: str, *, lang: str, user: OfficeUser | None, path: str, context: Mapping[str, Any]
) -> str:
    """The page's HTML (what `render` sends; tests and error pages call it directly)."""

    def t(key: str, **params: object) -> str:
        return word(lang, key, **params)

    def num(value: float | None, decimals: int = 2) -> str:
        return "—" if value is None else format_number(value, decimals, lang)

    def pct(value: float | None, decimals: int = 1) -> str:
        return "—" if value is None else format_percent(value, decimals, lang)

    def day(value: date | None) -> str:
        return "—" if value is None else format_date(value, lang)

    nav = [
        {"label": t(item.key), "href": item.href, "current": path.startswith(item.href)}
        for item in NAV
        if user is not None and user.role in item.roles
    ]
    values = {
        "t": t,
        "num": num,
        "pct": pct,
        "day": day,
        "lang": lang,
        "user": user,
        "csrf_token": user.csrf_token if user is not None else "",
        "nav": nav,
        "path": path,
        **context,
    }
    return _ENV.get_template(template).render(values)


def render(
    request: Request,
    user: OfficeUser | None,
    template: str,
    /,
    *,
    status_code: int = 200,
    lang: str | None = None,
    **context: Any,
) -> HTMLResponse:
    """An HTML answer of `template` with the base layout's values and `context`."""
    chosen = lang or (user.lang if user is not None else "vi")
    here = request.url.path + (f"?{request.url.query}" if request.url.query else "")
    html = page_html(template, lang=chosen, user=user, path=here, context=context)
    return HTMLResponse(
        html,
        status_code=status_code,
        headers={"Cache-Control": "no-store", "Content-Language": chosen},
    )
