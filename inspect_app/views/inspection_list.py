"""The first screen: the inspections on this device as a grid of cards (one column on a phone,
two on a portrait tablet, three on a landscape one), searchable and filtered by status; or, on
first run, what to do: create a visit or load the sample."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import flet as ft

from checklists.record.lifecycle import LIFECYCLE_LABELS, Lifecycle
from checklists.scoring.summary import InspectionSummary
from checklists.text.format import format_date, format_number
from checklists.text.labels import label
from inspect_app import routes
from inspect_app.i18n import t
from inspect_app.routes import visit_path
from inspect_app.session import use_session
from inspect_app.viewmodels.inspection_list import (
    ALL_STATUSES,
    InspectionListViewModel,
    localized_rating,
    localized_title,
)
from inspect_app.views.scaffold import go_to

__all__ = ["InspectionListView", "ListScreen", "card_texts", "status_colors"]

_MUTED = ft.Colors.ON_SURFACE_VARIANT
Handler = Callable[[], Any]
_CARD_COLUMNS: dict[str | ft.ResponsiveRowBreakpoint, int | float] = {"xs": 12, "md": 6, "xl": 4}
"""Of 12: one card a row on a phone, two from 768 px (portrait tablet), three from 1200 px."""

# Lifecycle code -> (background, foreground) of its status chip.
_STATUS_COLORS: dict[str, tuple[str, str]] = {
    "draft": (ft.Colors.SURFACE_CONTAINER_HIGHEST, ft.Colors.ON_SURFACE_VARIANT),
    "in_progress": (ft.Colors.SECONDARY_CONTAINER, ft.Colors.ON_SECONDARY_CONTAINER),
    "completed": (ft.Colors.PRIMARY_CONTAINER, ft.Colors.ON_PRIMARY_CONTAINER),
    "locked": (ft.Colors.TERTIARY_CONTAINER, ft.Colors.ON_TERTIARY_CONTAINER),
    "delivered": (ft.Colors.TERTIARY_CONTAINER, ft.Colors.ON_TERTIARY_CONTAINER),
}


def status_colors(status: str) -> tuple[str, str]:
    """Chip colours for a lifecycle code (neutral for an unknown one)."""
    return _STATUS_COLORS.get(status, _STATUS_COLORS["draft"])


def card_texts(summary: InspectionSummary, lang: str) -> dict[str, str]:
    """The words a card shows, formatted for `lang` (kept apart so it can be tested plainly)."""
    try:
        status = LIFECYCLE_LABELS[Lifecycle(summary.status)][0 if lang == "vi" else 1]
    except ValueError:
        status = summary.status
    if summary.score is None:
        score = t("card.not_scored", lang)
    elif rating := localized_rating(summary, lang):
        score = t(
            "card.score_rating",
            lang,
            score=format_number(summary.score, 2, lang),
            rating=rating,
        )
    else:
        score = t("card.score", lang, score=format_number(summary.score, 2, lang))
    return {
        "unit": summary.unit_name,
        "template": localized_title(summary, lang),
        "date": format_date(summary.inspection_date, lang),
        "place": summary.place,
        "status": status,
        "progress": t(
            "card.progress", lang, scored=summary.criteria_scored, total=summary.criteria_total
        ),
        "score": score,
    }


def _pill(text: str, bgcolor: str, color: str, icon: ft.IconData | None = None) -> ft.Container:
    """A small rounded label (status chip, sync badge)."""
    label = ft.Text(text, size=12, weight=ft.FontWeight.W_600, color=color)
    content: ft.Control = (
        ft.Row([ft.Icon(icon, size=14, color=color), label], spacing=4, tight=True)
        if icon
        else label
    )
    return ft.Container(
        content=content,
        bgcolor=bgcolor,
        border_radius=ft.BorderRadius.all(12),
        padding=ft.Padding.symmetric(horizontal=10, vertical=4),
    )


def _icon_text(icon: ft.IconData, text: str, fill: bool = False) -> ft.Row:
    """A muted icon and text; with `fill` it takes the rest of the row and wraps long text."""
    label = ft.Text(
        text, color=_MUTED, size=14, expand=fill, max_lines=3, overflow=ft.TextOverflow.ELLIPSIS
    )
    return ft.Row(
        [ft.Icon(icon, size=16, color=_MUTED), label],
        spacing=6,
        tight=not fill,
        expand=fill,
    )


def _flag_badges(summary: InspectionSummary) -> list[tuple[bool, str, str, str, str, ft.IconData]]:
    """(shown?, test hook, text key, background, text colour, icon) of each flag badge."""
    return [
        (
            summary.pending_sync,
            "pending-sync",
            "card.pending_sync",
            ft.Colors.ERROR_CONTAINER,
            ft.Colors.ON_ERROR_CONTAINER,
            ft.Icons.CLOUD_OFF_OUTLINED,
        ),
        # Amber: a warning, set apart from the status colours.
        (
            summary.changed_after_lock,
            "changed-after-lock",
            "card.changed_after_lock",
            ft.Colors.AMBER_100,
            ft.Colors.BROWN_900,
            ft.Icons.EDIT_NOTE,
        ),
    ]


def _card(summary: InspectionSummary, lang: str, on_open: Handler) -> ft.Control:
    """One inspection as a tappable card."""
    texts = card_texts(summary, lang)
    bg, fg = status_colors(summary.status)
    badges: list[ft.Control] = [_pill(texts["status"], bg, fg)]
    badges += [
        ft.Semantics(identifier=hook, content=_pill(t(key, lang), bg, fg, icon))
        for flagged, hook, key, bg, fg, icon in _flag_badges(summary)
        if flagged
    ]
    total = max(summary.criteria_total, 1)
    body = ft.Column(
        [
            ft.Row(badges, spacing=8, wrap=True),
            ft.Text(texts["unit"], theme_style=ft.TextThemeStyle.TITLE_LARGE),
            ft.Text(texts["template"], color=_MUTED, max_lines=2),
            ft.Row(
                [
                    _icon_text(ft.Icons.CALENDAR_TODAY_OUTLINED, texts["date"]),
                    _icon_text(ft.Icons.PLACE_OUTLINED, texts["place"], fill=True),
                ],
                spacing=20,
            ),
            ft.Divider(height=12, color=ft.Colors.OUTLINE_VARIANT),
            ft.Row(
                [
                    ft.Text(texts["progress"], size=14, expand=True),
                    ft.Text(texts["score"], weight=ft.FontWeight.BOLD, color=ft.Colors.PRIMARY),
                ],
            ),
            # The progress text above says the same; keep the bar out of the a11y tree.
            ft.Semantics(
                exclude_semantics=True,
                content=ft.ProgressBar(
                    value=summary.criteria_scored / total,
                    border_radius=ft.BorderRadius.all(4),
                    bar_height=6,
                ),
            ),
        ],
        spacing=8,
    )
    # Keyed: when a search removes cards, each remaining card keeps its own control (without
    # a key the diff reuses them by position and the semantics id of a moved card goes stale).
    return ft.Semantics(
        key=summary.id,
        identifier=f"inspection-card-{summary.id}",
        button=True,
        container=True,
        content=ft.Card(
            variant=ft.CardVariant.OUTLINED,
            margin=0,
            clip_behavior=ft.ClipBehavior.ANTI_ALIAS,
            content=ft.Container(content=body, padding=16, ink=True, on_click=on_open),
        ),
        col=_CARD_COLUMNS,
    )


def _empty_state(vm: InspectionListViewModel, lang: str, on_load: Handler) -> ft.Control:
    """What a first-time user sees: what the screen is for and the two ways to start."""
    label_ = t("sample.loading" if vm.sample_loading else "empty.load_sample", lang)
    return ft.Container(
        alignment=ft.Alignment.CENTER,
        padding=24,
        expand=True,
        content=ft.Column(
            [
                ft.Icon(ft.Icons.FACT_CHECK_OUTLINED, size=72, color=ft.Colors.PRIMARY),
                ft.Text(
                    t("empty.title", lang),
                    theme_style=ft.TextThemeStyle.HEADLINE_SMALL,
                    text_align=ft.TextAlign.CENTER,
                ),
                ft.Container(
                    width=520,
                    content=ft.Text(
                        t("empty.body", lang),
                        size=16,
                        color=_MUTED,
                        text_align=ft.TextAlign.CENTER,
                    ),
                ),
                ft.Row(
                    [
                        ft.Semantics(
                            identifier="empty-new-visit",
                            content=ft.FilledButton(
                                t("empty.new_visit", lang),
                                icon=ft.Icons.ADD,
                                height=48,
                                on_click=go_to(f"/{routes.NEW_VISIT}"),
                            ),
                        ),
                        ft.Semantics(
                            identifier="load-sample",
                            content=ft.OutlinedButton(
                                label_,
                                icon=ft.Icons.DOWNLOAD,
                                height=48,
                                disabled=vm.sample_loading,
                                on_click=on_load,
                            ),
                        ),
                    ],
                    alignment=ft.MainAxisAlignment.CENTER,
                    spacing=12,
                    run_spacing=12,
                    wrap=True,
                ),
            ],
            horizontal_alignment=ft.CrossAxisAlignment.CENTER,
            spacing=16,
            tight=True,
        ),
    )


def _filters(vm: InspectionListViewModel, lang: str) -> ft.Control:
    """The search box and one chip per status held (with its count)."""

    def chip(code: str, text: str) -> ft.Control:
        return ft.Semantics(
            identifier=f"filter-{code or 'all'}",
            content=ft.Chip(
                label=ft.Text(text, size=14),
                selected=vm.status_filter == code,
                show_checkmark=False,
                padding=ft.Padding.all(8),  # a 48 px touch target
                on_select=lambda: vm.filter_status(code),
            ),
        )

    chips = [chip(ALL_STATUSES, t("list.filter.all", lang, count=len(vm.summaries)))]
    chips += [
        chip(code, t("list.filter.status", lang, status=label(f"lifecycle.{code}", lang), count=n))
        for code, n in vm.status_counts()
    ]
    search = ft.Semantics(
        identifier="list-search",
        content=ft.TextField(
            value=vm.query,
            hint_text=t("list.search", lang),
            prefix_icon=ft.Icons.SEARCH,
            text_size=16,
            dense=False,
            border_radius=24,
            on_change=lambda e: vm.search(e.control.value or ""),
        ),
        col={"xs": 12, "md": 6, "xl": 4},
    )
    return ft.ResponsiveRow(
        [
            search,
            ft.Row(
                chips,
                spacing=8,
                run_spacing=8,
                wrap=True,
                col={"xs": 12, "md": 6, "xl": 8},
            ),
        ],
        spacing=12,
        run_spacing=8,
        vertical_alignment=ft.CrossAxisAlignment.CENTER,
    )


def _no_match(vm: InspectionListViewModel, lang: str) -> ft.Control:
    return ft.Container(
        padding=24,
        alignment=ft.Alignment.CENTER,
        content=ft.Column(
            [
                ft.Text(t("list.no_match", lang), size=16, color=_MUTED),
                ft.Semantics(
                    identifier="clear-filters",
                    content=ft.TextButton(
                        t("list.clear_filters", lang),
                        icon=ft.Icons.FILTER_ALT_OFF_OUTLINED,
                        on_click=vm.clear_filters,
                    ),
                ),
            ],
            horizontal_alignment=ft.CrossAxisAlignment.CENTER,
            tight=True,
        ),
    )


def _actions(vm: InspectionListViewModel, lang: str) -> list[ft.Control]:
    """App-bar links to the sync status (badged with what waits to be sent) and the settings."""
    waiting = sum(s.pending_sync for s in vm.summaries)
    sync_icon: ft.Control = ft.Icon(ft.Icons.SYNC)
    if waiting:
        sync_icon = ft.Icon(ft.Icons.SYNC, badge=ft.Badge(label=str(waiting)))
    return [
        ft.Semantics(
            identifier="open-sync",
            content=ft.IconButton(
                icon=sync_icon,
                tooltip=t("list.sync", lang),
                on_click=go_to(f"/{routes.SYNC}"),
            ),
        ),
        ft.Semantics(
            identifier="open-settings",
            content=ft.IconButton(
                icon=ft.Icons.SETTINGS_OUTLINED,
                tooltip=t("list.settings", lang),
                on_click=go_to(f"/{routes.SETTINGS}"),
            ),
        ),
        ft.Container(width=8),
    ]


def _banner(
    identifier: str, icon: ft.IconData, title: str, lines: list[str], action: ft.Control
) -> ft.Control:
    """A strip in the error colours: icon, bold title, detail lines and one action."""
    color = ft.Colors.ON_ERROR_CONTAINER
    texts: list[ft.Control] = [ft.Text(title, weight=ft.FontWeight.BOLD, color=color)]
    texts += [ft.Text(line, size=14, color=color) for line in lines]
    return ft.Semantics(
        identifier=identifier,
        content=ft.Container(
            bgcolor=ft.Colors.ERROR_CONTAINER,
            border_radius=ft.BorderRadius.all(12),
            padding=16,
            content=ft.Row(
                [ft.Icon(icon, color=color), ft.Column(texts, spacing=4, expand=True), action],
                vertical_alignment=ft.CrossAxisAlignment.START,
            ),
        ),
    )


def _problems_banner(vm: InspectionListViewModel, lang: str) -> ft.Control:
    """Files the store set aside as damaged, until the person acknowledges them."""
    return _banner(
        "store-problems",
        ft.Icons.WARNING_AMBER_ROUNDED,
        t("problems.title", lang),
        [f"• {p}" for p in vm.problems],
        ft.TextButton(t("problems.dismiss", lang), on_click=vm.dismiss_problems),
    )


def _error_banner(vm: InspectionListViewModel, lang: str) -> ft.Control:
    """The store could not be read or written: say why and offer to try again."""
    return _banner(
        "list-error",
        ft.Icons.ERROR_OUTLINE,
        t("list.error", lang, error=vm.error or ""),
        [],
        ft.TextButton(t("list.retry", lang), icon=ft.Icons.REFRESH, on_click=vm.refresh),
    )


@ft.component
def ListScreen() -> ft.View:
    """The list screen at "/", its view-model kept for the session."""
    session = use_session()
    vm = ft.use_memo(lambda: InspectionListViewModel(store=session.store), dependencies=[])
    # Read the store again whenever the address changes: coming back from a new visit (or any
    # screen that saved) shows the list as it now is.
    location = ft.use_route_location()
    ft.use_effect(vm.refresh, dependencies=[location])
    return InspectionListView(vm=vm, lang=session.lang)


@ft.component
def InspectionListView(vm: InspectionListViewModel, lang: str = "vi") -> ft.View:
    """The list screen; re-renders whenever the view-model changes."""

    def show_message(text: str) -> None:
        ft.context.page.show_dialog(ft.SnackBar(ft.Text(text), duration=3000))

    async def load_sample() -> None:
        await vm.load_sample()
        if vm.error is None:
            show_message(t("sample.loaded", lang))

    top: list[ft.Control] = []
    if vm.problems:
        top.append(_problems_banner(vm, lang))
    if vm.error:
        top.append(_error_banner(vm, lang))

    if vm.status == "loading":
        body: ft.Control = ft.Container(
            ft.ProgressRing(), alignment=ft.Alignment.CENTER, expand=True
        )
    elif vm.is_empty:
        body = _empty_state(vm, lang, load_sample)
    else:
        shown = vm.visible
        cards = [_card(s, lang, go_to(visit_path(s.id))) for s in shown]
        grid: ft.Control = (
            ft.ResponsiveRow(cards, spacing=16, run_spacing=16) if shown else _no_match(vm, lang)
        )
        # Room at the bottom so the last card's score is never under the button.
        body = ft.ListView(
            [_filters(vm, lang), grid, ft.Container(height=72)],
            expand=True,
            spacing=16,
            padding=0,
        )

    new_visit = ft.FloatingActionButton(
        icon=ft.Icons.ADD,
        content=t("list.new_visit", lang),
        tooltip=t("list.new_visit", lang),
        on_click=go_to(f"/{routes.NEW_VISIT}"),
    )
    return ft.View(
        route="/",
        appbar=ft.AppBar(
            title=ft.Text(t("list.title", lang)),
            bgcolor=ft.Colors.SURFACE_CONTAINER_LOW,
            actions=_actions(vm, lang),
        ),
        controls=[
            ft.Column([*top, body], expand=True, spacing=12),
        ],
        floating_action_button=None if vm.is_empty else new_visit,
        padding=ft.Padding.all(16),
    )
