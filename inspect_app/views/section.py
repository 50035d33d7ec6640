"""A section: its criteria with their state, points and missing evidence; a tap opens one."""

from __future__ import annotations

import flet as ft

from checklists.text.format import format_number
from inspect_app.i18n import t
from inspect_app.routes import criterion_path, section_path
from inspect_app.session import AppSession, use_session
from inspect_app.viewmodels.visit import CriterionRow, SectionProgress, VisitViewModel
from inspect_app.views.scaffold import MUTED, error_strip, go_to, loading, pill, screen, stretch
from inspect_app.views.visit import section_progress

__all__ = ["SectionBody", "SectionScreen", "STATE_ICONS"]

STATE_ICONS: dict[str, tuple[ft.IconData, str]] = {
    "scored": (ft.Icons.CHECK_CIRCLE, ft.Colors.GREEN_700),
    "not_applicable": (ft.Icons.REMOVE_CIRCLE_OUTLINE, ft.Colors.ON_SURFACE_VARIANT),
    "conflict": (ft.Icons.COMPARE_ARROWS, ft.Colors.ERROR),
    "unscored": (ft.Icons.RADIO_BUTTON_UNCHECKED, ft.Colors.ON_SURFACE_VARIANT),
    "invalid": (ft.Icons.ERROR_OUTLINE, ft.Colors.ERROR),
    "info": (ft.Icons.INFO_OUTLINE, ft.Colors.PRIMARY),
}
"""The icon and colour of each scoring state (the list shows the state in words as well)."""


def _num(value: float, lang: str) -> str:
    return format_number(value, 2, lang)


def _criterion_card(vid: str, sid: str, row: CriterionRow, lang: str) -> ft.Control:
    icon, color = STATE_ICONS.get(row.state, STATE_ICONS["unscored"])
    facts: list[ft.Control] = [
        ft.Text(
            t(f"section.state.{row.state}", lang), size=14, color=color, weight=ft.FontWeight.W_600
        )
    ]
    if row.missing_evidence:
        facts.append(
            pill(
                t("section.evidence_missing", lang, count=row.missing_evidence),
                ft.Colors.TERTIARY_CONTAINER,
                icon=ft.Icons.PHOTO_CAMERA_OUTLINED,
            )
        )
    if row.state == "info":
        points = ""
    elif row.points is None:
        points = t("section.max", lang, max=_num(row.max_points, lang))
    else:
        points = t("section.points", lang, points=row.points_text, max=_num(row.max_points, lang))
    return ft.Semantics(
        identifier=f"criterion-{row.id}",
        button=True,
        content=ft.Card(
            variant=ft.CardVariant.OUTLINED,
            margin=0,
            content=ft.Container(
                ft.Row(
                    [
                        ft.Icon(icon, color=color, size=28),
                        ft.Column(
                            [
                                ft.Text(
                                    f"{row.id}. {row.label}",
                                    size=16,
                                    max_lines=3,
                                    overflow=ft.TextOverflow.ELLIPSIS,
                                ),
                                ft.Row(facts, wrap=True, spacing=8, run_spacing=4),
                            ],
                            spacing=6,
                            expand=True,
                            tight=True,
                        ),
                        ft.Text(
                            points, size=15, weight=ft.FontWeight.W_600, text_align=ft.TextAlign.END
                        ),
                        ft.Icon(ft.Icons.CHEVRON_RIGHT, color=MUTED),
                    ],
                    spacing=12,
                    vertical_alignment=ft.CrossAxisAlignment.CENTER,
                ),
                padding=ft.Padding.symmetric(horizontal=14, vertical=12),
                on_click=go_to(criterion_path(vid, sid, row.id)),
                ink=True,
                border_radius=ft.BorderRadius.all(12),
            ),
        ),
    )


def _section_header(section: SectionProgress, lang: str) -> ft.Control:
    return ft.Semantics(
        identifier="section-header",
        content=ft.Container(
            ft.Column(
                [
                    ft.Text(f"{section.id}. {section.title}", size=18, weight=ft.FontWeight.W_600),
                    *section_progress(section, lang),
                ],
                spacing=8,
                tight=True,
            ),
            bgcolor=ft.Colors.SURFACE_CONTAINER,
            border_radius=ft.BorderRadius.all(12),
            padding=ft.Padding.symmetric(horizontal=16, vertical=12),
        ),
    )


@ft.component
def SectionBody(vm: VisitViewModel, session: AppSession, section_id: str) -> ft.View:
    lang = session.lang
    vid = vm.inspection_id
    route = section_path(vid, section_id)
    here = ft.use_route_location() == route

    async def refresh() -> None:
        # Coming back from a criterion: show its new state.
        if here or vm.summary is None:
            await vm.load()

    ft.use_effect(refresh, dependencies=[vid, section_id, vm.member_id, lang, here])
    if vm.status == "loading":
        return screen(route, "", [loading()])
    if vm.status == "error":
        return screen(route, vm.unit_name, [error_strip(vm.error or "", lang, on_retry=vm.load)])
    section = vm.section(section_id)
    if section is None:
        return screen(route, vm.unit_name, [ft.Text(t("section.not_found", lang), size=16)])
    cards = [_criterion_card(vid, section.id, row, lang) for row in section.criteria]
    body: list[ft.Control] = [
        _section_header(section, lang),
        ft.ListView(cards, spacing=8, expand=True, padding=ft.Padding.only(bottom=24)),
    ]
    return screen(route, f"{section.id}. {section.title}", [stretch(body)], scroll=False)


@ft.component
def SectionScreen() -> ft.View:
    session = use_session()
    params = ft.use_route_params()
    vid, sid = params.get("vid", ""), params.get("sid", "")
    member = session.member_of(vid) or ""
    vm = ft.use_memo(
        lambda: VisitViewModel(
            store=session.store, inspection_id=vid, member_id=member, lang=session.lang
        ),
        dependencies=[vid, member, session.lang],
    )
    return SectionBody(vm=vm, session=session, section_id=sid)
