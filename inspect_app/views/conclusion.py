"""The leader's conclusion: for now an honest placeholder (drafting and the DOCX documents come
with the documents issue) showing the blocks already recorded, read-only."""

from __future__ import annotations

import flet as ft

from inspect_app.i18n import t
from inspect_app.routes import conclusion_path
from inspect_app.session import AppSession, use_session
from inspect_app.viewmodels.conclusion import ConclusionBlockView, ConclusionViewModel
from inspect_app.views.scaffold import MUTED, error_strip, loading, screen

__all__ = ["ConclusionBody", "ConclusionScreen"]


def _block(block: ConclusionBlockView, lang: str) -> ft.Control:
    written = bool(block.text.strip())
    return ft.Semantics(
        identifier=f"conclusion-{block.part}",
        content=ft.Card(
            variant=ft.CardVariant.OUTLINED,
            margin=0,
            content=ft.Container(
                ft.Column(
                    [
                        ft.Text(block.heading, size=17, weight=ft.FontWeight.W_600),
                        ft.Text(
                            block.text if written else t("conclusion.block_empty", lang),
                            size=16,
                            color=None if written else MUTED,
                        ),
                    ],
                    spacing=8,
                    tight=True,
                ),
                padding=16,
            ),
        ),
    )


@ft.component
def ConclusionBody(vm: ConclusionViewModel, session: AppSession) -> ft.View:
    lang = session.lang
    vid = vm.inspection_id
    ft.use_effect(vm.load, dependencies=[vid, lang])
    route, title = conclusion_path(vid), t("conclusion.title", lang)
    notice = ft.Semantics(
        identifier="conclusion-not-yet",
        content=ft.Container(
            ft.Row(
                [
                    ft.Icon(ft.Icons.CONSTRUCTION, color=ft.Colors.ON_TERTIARY_CONTAINER),
                    ft.Text(
                        t("conclusion.not_yet", lang),
                        size=16,
                        color=ft.Colors.ON_TERTIARY_CONTAINER,
                        expand=True,
                    ),
                ],
                vertical_alignment=ft.CrossAxisAlignment.START,
                spacing=12,
            ),
            bgcolor=ft.Colors.TERTIARY_CONTAINER,
            border_radius=ft.BorderRadius.all(12),
            padding=16,
        ),
    )
    body: list[ft.Control] = [notice]
    if vm.status == "loading":
        body.append(loading())
    elif vm.status == "error":
        body.append(error_strip(vm.error or "", lang, on_retry=vm.load))
    elif not vm.written:
        body.append(ft.Text(t("conclusion.empty", lang), size=16))
    else:
        body += [_block(b, lang) for b in vm.blocks]
    return screen(route, title, body)


@ft.component
def ConclusionScreen() -> ft.View:
    session = use_session()
    vid = ft.use_route_params().get("vid", "")
    vm = ft.use_memo(
        lambda: ConclusionViewModel(store=session.store, inspection_id=vid, lang=session.lang),
        dependencies=[vid, session.lang],
    )
    return ConclusionBody(vm=vm, session=session)
