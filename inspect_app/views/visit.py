"""The visit: a sticky header (running total, provisional rating, what is still missing, who I am)
over the sections with their progress, mine first; the leader's tools for the leader only."""

from __future__ import annotations

import flet as ft

from checklists.text.format import format_number
from inspect_app.i18n import t
from inspect_app.routes import (
    conclusion_path,
    criterion_path,
    photos_path,
    review_path,
    section_path,
    visit_path,
    who_path,
)
from inspect_app.session import AppSession, use_session
from inspect_app.viewmodels.visit import (
    MISSING_KINDS,
    MissingKind,
    SectionProgress,
    VisitSummary,
    VisitViewModel,
)
from inspect_app.views.scaffold import MUTED, error_strip, go_to, loading, pill, screen, stretch

__all__ = ["VisitBody", "VisitScreen", "section_progress"]

_MISSING_ICONS: dict[MissingKind, ft.IconData] = {
    "unscored": ft.Icons.RADIO_BUTTON_UNCHECKED,
    "evidence": ft.Icons.PHOTO_CAMERA_OUTLINED,
    "conflicts": ft.Icons.COMPARE_ARROWS,
    "stale": ft.Icons.UPDATE,
    "invalid": ft.Icons.ERROR_OUTLINE,
}


def _count(summary: VisitSummary, kind: MissingKind) -> int:
    return len(summary.ids_of(kind))


def _missing(vm: VisitViewModel, summary: VisitSummary, lang: str) -> ft.Control:
    """One tappable chip per kind of thing still missing; each opens the first such criterion."""
    chips: list[ft.Control] = []
    for kind in MISSING_KINDS:
        count = _count(summary, kind)
        if not count:
            continue
        target = vm.first_missing(kind) if vm.knows_member else None
        on_click = None if target is None else go_to(criterion_path(vm.inspection_id, *target))
        danger = kind in ("conflicts", "stale", "invalid")
        chips.append(
            ft.Semantics(
                identifier=f"missing-{kind}",
                content=ft.OutlinedButton(
                    t(f"visit.missing.{kind}", lang, count=count),
                    icon=_MISSING_ICONS[kind],
                    on_click=on_click,
                    style=ft.ButtonStyle(
                        color=ft.Colors.ERROR if danger else None,
                        text_style=ft.TextStyle(size=15),
                    ),
                    height=44,
                ),
            )
        )
    if not chips:
        return ft.Row(
            [
                ft.Icon(ft.Icons.CHECK_CIRCLE_OUTLINE, color=ft.Colors.GREEN_700),
                ft.Text(t("visit.nothing_missing", lang), size=15),
            ],
            spacing=8,
        )
    return ft.Row(chips, wrap=True, spacing=8, run_spacing=8)


def _member_row(vm: VisitViewModel, lang: str) -> ft.Control:
    who = t("visit.me_role", lang, name=vm.member_name, role=vm.member_role)
    return ft.Row(
        [
            ft.Icon(ft.Icons.PERSON_OUTLINE, color=MUTED),
            ft.Text(
                t("visit.me", lang, name=who),
                size=15,
                expand=True,
                max_lines=2,
                overflow=ft.TextOverflow.ELLIPSIS,
            ),
            ft.Semantics(
                identifier="change-member",
                content=ft.TextButton(
                    t("visit.change_member", lang),
                    icon=ft.Icons.SWITCH_ACCOUNT_OUTLINED,
                    on_click=go_to(who_path(vm.inspection_id)),
                    height=48,
                ),
            ),
        ],
        spacing=8,
    )


def _header(vm: VisitViewModel, summary: VisitSummary, lang: str) -> ft.Control:
    """The sticky header: total, rating, status, what is missing, and who I am."""
    figures: list[ft.Control] = [
        ft.Text(summary.total_text, size=26, weight=ft.FontWeight.W_700),
        pill(
            summary.rating_text,
            ft.Colors.TERTIARY_CONTAINER if summary.provisional else ft.Colors.PRIMARY_CONTAINER,
        ),
    ]
    if summary.percent_text:
        figures.append(
            ft.Text(t("visit.percent", lang, percent=summary.percent_text), size=14, color=MUTED)
        )
    status: list[ft.Control] = [
        ft.Semantics(
            identifier="visit-status",
            content=pill(
                t("visit.status", lang, status=summary.status_label),
                ft.Colors.SURFACE_CONTAINER_HIGHEST,
                icon=ft.Icons.LOCK_OUTLINE
                if summary.status == "locked"
                else ft.Icons.FLAG_OUTLINED,
            ),
        )
    ]
    if vm.changed_since_lock:
        status.append(
            ft.Semantics(
                identifier="changed-after-lock",
                content=pill(
                    t("visit.changed_after_lock", lang),
                    ft.Colors.ERROR_CONTAINER,
                    icon=ft.Icons.WARNING_AMBER,
                ),
            )
        )
    lines: list[ft.Control] = [
        ft.Row(
            figures,
            wrap=True,
            spacing=12,
            run_spacing=4,
            vertical_alignment=ft.CrossAxisAlignment.CENTER,
        ),
        ft.Row(status, wrap=True, spacing=8, run_spacing=8),
        _missing(vm, summary, lang),
    ]
    if vm.knows_member:
        lines.append(_member_row(vm, lang))
    return ft.Semantics(
        identifier="visit-header",
        content=ft.Container(
            ft.Column(lines, spacing=10, tight=True),
            bgcolor=ft.Colors.SURFACE_CONTAINER,
            border_radius=ft.BorderRadius.all(12),
            padding=ft.Padding.symmetric(horizontal=16, vertical=12),
        ),
    )


def _who_prompt(vm: VisitViewModel, lang: str) -> ft.Control:
    """Shown instead of the sections until the person says who they are."""
    body = t("visit.who_body", lang) if vm.has_members else t("visit.no_members", lang)
    return ft.Semantics(
        identifier="who-prompt",
        content=ft.Card(
            variant=ft.CardVariant.FILLED,
            margin=0,
            content=ft.Container(
                ft.Column(
                    [
                        ft.Row(
                            [
                                ft.Icon(ft.Icons.BADGE_OUTLINED, color=ft.Colors.PRIMARY, size=32),
                                ft.Text(
                                    t("visit.who_title", lang),
                                    size=20,
                                    weight=ft.FontWeight.W_600,
                                    expand=True,
                                ),
                            ],
                            spacing=12,
                        ),
                        ft.Text(body, size=16),
                        ft.Semantics(
                            identifier="choose-member",
                            content=ft.FilledButton(
                                t("visit.who_button", lang),
                                icon=ft.Icons.PERSON_SEARCH,
                                on_click=go_to(who_path(vm.inspection_id)),
                                height=48,
                            ),
                        ),
                    ],
                    spacing=12,
                    tight=True,
                ),
                padding=20,
            ),
        ),
    )


def _tools(vm: VisitViewModel, lang: str) -> ft.Control:
    vid = vm.inspection_id
    buttons: list[ft.Control] = [
        ft.Semantics(
            identifier="open-photos",
            content=ft.OutlinedButton(
                t("visit.photos", lang, count=vm.photo_count),
                icon=ft.Icons.PHOTO_LIBRARY_OUTLINED,
                on_click=go_to(photos_path(vid)),
                height=48,
            ),
        )
    ]
    if vm.is_leader:
        buttons += [
            ft.Semantics(
                identifier="open-review",
                content=ft.FilledTonalButton(
                    t("visit.review", lang),
                    icon=ft.Icons.FACT_CHECK_OUTLINED,
                    on_click=go_to(review_path(vid)),
                    height=48,
                ),
            ),
            ft.Semantics(
                identifier="open-conclusion",
                content=ft.FilledTonalButton(
                    t("visit.conclusion", lang),
                    icon=ft.Icons.HISTORY_EDU_OUTLINED,
                    on_click=go_to(conclusion_path(vid)),
                    height=48,
                ),
            ),
        ]
    return ft.Row(buttons, wrap=True, spacing=8, run_spacing=8)


def _section_card(vid: str, section: SectionProgress, lang: str) -> ft.Control:
    title_row: list[ft.Control] = [
        ft.Text(
            f"{section.id}. {section.title}",
            size=16,
            weight=ft.FontWeight.W_600,
            expand=True,
            max_lines=3,
            overflow=ft.TextOverflow.ELLIPSIS,
        )
    ]
    if section.assigned:
        title_row.append(pill(t("visit.mine", lang), ft.Colors.PRIMARY_CONTAINER))
    return ft.Semantics(
        identifier=f"section-{section.id}",
        button=True,
        content=ft.Card(
            variant=ft.CardVariant.OUTLINED,
            margin=0,
            content=ft.Container(
                ft.Column(
                    [
                        ft.Row(title_row, spacing=8),
                        *section_progress(section, lang),
                    ],
                    spacing=8,
                    tight=True,
                ),
                padding=ft.Padding.symmetric(horizontal=16, vertical=12),
                on_click=go_to(section_path(vid, section.id)),
                ink=True,
                border_radius=ft.BorderRadius.all(12),
            ),
        ),
    )


def _num(value: float, lang: str) -> str:
    return format_number(value, 2, lang)


def _sections(vm: VisitViewModel, lang: str) -> list[ft.Control]:
    vid = vm.inspection_id
    mine, others = vm.my_sections, vm.other_sections
    out: list[ft.Control] = []
    if mine:
        out.append(_heading(t("visit.my_sections", lang)))
        out += [_section_card(vid, s, lang) for s in mine]
        out.append(_heading(t("visit.other_sections", lang)))
    else:
        out.append(_heading(t("visit.all_sections", lang)))
    out += [_section_card(vid, s, lang) for s in others]
    return out


def _heading(text: str) -> ft.Control:
    return ft.Container(
        ft.Text(text, size=15, weight=ft.FontWeight.W_600, color=MUTED),
        padding=ft.Padding.only(top=8),
    )


@ft.component
def VisitBody(vm: VisitViewModel, session: AppSession) -> ft.View:
    lang = session.lang
    vid = vm.inspection_id
    location = ft.use_route_location()
    here = location == visit_path(vid)

    async def refresh() -> None:
        # Coming back from a section, a criterion or the review: show what changed there.
        if here or vm.summary is None:
            await vm.load()

    ft.use_effect(refresh, dependencies=[vid, vm.member_id, lang, here])
    title = vm.unit_name or t("app.title", lang)
    if not session.ready or vm.status == "loading":
        return screen(visit_path(vid), title, [loading()])
    if vm.status == "error" or vm.summary is None:
        return screen(visit_path(vid), title, [error_strip(vm.error or "", lang, on_retry=vm.load)])
    listed: list[ft.Control]
    if vm.knows_member:
        listed = [_tools(vm, lang), *_sections(vm, lang)]
    else:
        listed = [_who_prompt(vm, lang)]
    body: list[ft.Control] = [
        _header(vm, vm.summary, lang),
        ft.ListView(listed, spacing=10, expand=True, padding=ft.Padding.only(bottom=24)),
    ]
    return screen(
        visit_path(vid),
        title,
        [stretch(body)],
        scroll=False,
        actions=[
            ft.Semantics(
                identifier="appbar-who",
                content=ft.IconButton(
                    ft.Icons.SWITCH_ACCOUNT_OUTLINED,
                    tooltip=t("visit.change_member", lang),
                    on_click=go_to(who_path(vid)),
                ),
            )
        ],
    )


@ft.component
def VisitScreen() -> ft.View:
    session = use_session()
    vid = ft.use_route_params().get("vid", "")
    member = session.member_of(vid) or ""
    vm = ft.use_memo(
        lambda: VisitViewModel(
            store=session.store, inspection_id=vid, member_id=member, lang=session.lang
        ),
        dependencies=[vid, member, session.lang],
    )
    return VisitBody(vm=vm, session=session)


def section_progress(section: SectionProgress, lang: str) -> list[ft.Control]:
    """A section's bar (green once every criterion has a result) and its "scored n/m" and
    points line: the visit's section cards and the section screen's header show the same."""
    done = section.total > 0 and section.scored == section.total
    return [
        ft.ProgressBar(
            value=section.scored / section.total if section.total else 0,
            bar_height=6,
            border_radius=ft.BorderRadius.all(3),
            color=ft.Colors.GREEN_700 if done else ft.Colors.PRIMARY,
        ),
        ft.Row(
            [
                ft.Text(
                    t("visit.section_progress", lang, scored=section.scored, total=section.total),
                    size=15,
                    color=MUTED,
                ),
                ft.Text(
                    t(
                        "visit.section_points",
                        lang,
                        points=section.points_text,
                        max=_num(section.max_points, lang),
                    ),
                    size=15,
                    weight=ft.FontWeight.W_600,
                ),
            ],
            alignment=ft.MainAxisAlignment.SPACE_BETWEEN,
        ),
    ]
