"""Who am I: the person using this tablet picks their name from the visit's delegation."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from functools import partial

import flet as ft

from inspect_app.i18n import t
from inspect_app.routes import visit_path, who_path
from inspect_app.session import AppSession, use_session
from inspect_app.viewmodels.who_am_i import MemberChoice, WhoAmIViewModel
from inspect_app.views.scaffold import MUTED, error_strip, loading, screen

__all__ = ["WhoAmIBody", "WhoAmIScreen"]


def _choice_tile(
    choice: MemberChoice, current: bool, on_pick: Callable[[], Awaitable[None]]
) -> ft.Control:
    subtitle = " · ".join(part for part in (choice.role, choice.detail) if part)
    trailing: ft.Control | None = None
    if current:
        trailing = ft.Icon(ft.Icons.CHECK_CIRCLE, color=ft.Colors.PRIMARY)
    return ft.Semantics(
        identifier=f"member-{choice.id}",
        content=ft.Card(
            variant=ft.CardVariant.OUTLINED,
            margin=0,
            content=ft.ListTile(
                leading=ft.Icon(
                    ft.Icons.MILITARY_TECH_OUTLINED if choice.leads else ft.Icons.PERSON_OUTLINE,
                    color=ft.Colors.PRIMARY,
                ),
                title=ft.Text(choice.name, size=18, weight=ft.FontWeight.W_600),
                subtitle=ft.Text(subtitle, size=14, color=MUTED),
                trailing=trailing,
                min_height=64,
                on_click=on_pick,
            ),
        ),
    )


@ft.component
def WhoAmIBody(vm: WhoAmIViewModel, session: AppSession) -> ft.View:
    lang = session.lang
    vid = vm.inspection_id
    ft.use_effect(vm.load, dependencies=[vid, lang])

    async def pick(member_id: str) -> None:
        await session.remember_member(vid, member_id)
        await ft.context.page.push_route(visit_path(vid))

    body: list[ft.Control]
    if vm.status == "loading":
        body = [loading()]
    elif vm.status == "error":
        body = [error_strip(vm.error or "", lang, on_retry=vm.load)]
    else:
        current = session.member_of(vid)
        body = [ft.Text(t("who.intro", lang, unit=vm.unit_name), size=16, color=MUTED)]
        if not vm.choices:
            body.append(ft.Text(t("who.no_members", lang), size=16))
        body += [_choice_tile(c, c.id == current, partial(pick, c.id)) for c in vm.choices]
    return screen(who_path(vid), t("who.title", lang), body)


@ft.component
def WhoAmIScreen() -> ft.View:
    session = use_session()
    vid = ft.use_route_params()["vid"]
    vm = ft.use_memo(
        lambda: WhoAmIViewModel(store=session.store, inspection_id=vid, lang=session.lang),
        dependencies=[vid, session.lang],
    )
    return WhoAmIBody(vm=vm, session=session)
