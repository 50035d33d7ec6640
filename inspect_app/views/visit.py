"""The visit: its sections with progress under a header with the running total (minimal)."""

from __future__ import annotations

import flet as ft

from inspect_app.i18n import t
from inspect_app.routes import section_path, visit_path, who_path
from inspect_app.session import AppSession, use_session
from inspect_app.viewmodels.visit import VisitViewModel
from inspect_app.views.scaffold import MUTED, error_strip, go_to, loading, screen

__all__ = ["VisitBody", "VisitScreen"]


@ft.component
def VisitBody(vm: VisitViewModel, session: AppSession) -> ft.View:
    lang = session.lang
    vid = vm.inspection_id
    ft.use_effect(vm.load, dependencies=[vid, vm.member_id, lang])
    body: list[ft.Control]
    if vm.status == "loading":
        body = [loading()]
    elif vm.status == "error":
        body = [error_strip(vm.error or "", lang, on_retry=vm.load)]
    else:
        body = []
        if vm.summary is not None:
            body.append(ft.Text(f"{vm.summary.total_text} · {vm.summary.rating_text}", size=18))
        body += [
            ft.Semantics(
                identifier=f"section-{s.id}",
                content=ft.ListTile(
                    title=ft.Text(s.title, size=16),
                    subtitle=ft.Text(f"{s.scored}/{s.total} · {s.points_text}", color=MUTED),
                    on_click=go_to(section_path(vid, s.id)),
                ),
            )
            for s in vm.sections
        ]
    return screen(
        visit_path(vid),
        vm.unit_name or t("app.title", lang),
        body,
        actions=[ft.IconButton(ft.Icons.PERSON_OUTLINE, on_click=go_to(who_path(vid)))],
    )


@ft.component
def VisitScreen() -> ft.View:
    session = use_session()
    vid = ft.use_route_params()["vid"]
    member = session.member_of(vid) or ""
    vm = ft.use_memo(
        lambda: VisitViewModel(
            store=session.store, inspection_id=vid, member_id=member, lang=session.lang
        ),
        dependencies=[vid, member, session.lang],
    )
    return VisitBody(vm=vm, session=session)
