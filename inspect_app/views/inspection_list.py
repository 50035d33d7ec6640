"""The first screen: the inspections on this device as cards, or a way to load the sample."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import flet as ft

from checklists.record.lifecycle import LIFECYCLE_LABELS, Lifecycle
from checklists.scoring.summary import InspectionSummary
from checklists.text.format import format_date, format_number
from inspect_app.i18n import t
from inspect_app.routes import visit_path
from inspect_app.session import use_session
from inspect_app.viewmodels.inspection_list import InspectionListViewModel
from inspect_app.views.scaffold import go_to

__all__ = ["InspectionListView", "ListScreen", "card_texts", "status_colors"]

_MUTED = ft.Colors.ON_SURFACE_VARIANT
Handler = Callable[[], Any]

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
    elif summary.rating_label:
        score = t(
            "card.score_rating",
            lang,
            score=format_number(summary.score, 2, lang),
            rating=summary.rating_label,
        )
    else:
        score = t("card.score", lang, score=format_number(summary.score, 2, lang))
    return {
        "unit": summary.unit_name,
        "template": summary.template_title,
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
    return ft.Semantics(
        identifier=f"inspection-card-{summary.id}",
        button=True,
        container=True,
        content=ft.Card(
            variant=ft.CardVariant.OUTLINED,
            margin=0,
            clip_behavior=ft.ClipBehavior.ANTI_ALIAS,
            content=ft.Container(content=body, padding=16, ink=True, on_click=on_open),
        ),
        col={"xs": 12, "md": 6},
    )


def _empty_state(vm: InspectionListViewModel, lang: str, on_load: Handler) -> ft.Control:
    """What a first-time user sees: what the screen is for and how to start."""
    label = t("sample.loading" if vm.sample_loading else "empty.load_sample", lang)
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
                        t("empty.body", lang), color=_MUTED, text_align=ft.TextAlign.CENTER
                    ),
                ),
                ft.Semantics(
                    identifier="load-sample",
                    content=ft.FilledButton(
                        label,
                        icon=ft.Icons.DOWNLOAD,
                        disabled=vm.sample_loading,
                        on_click=on_load,
                    ),
                ),
            ],
            horizontal_alignment=ft.CrossAxisAlignment.CENTER,
            spacing=16,
            tight=True,
        ),
    )


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
    return InspectionListView(vm=vm, lang=session.lang)


@ft.component
def InspectionListView(vm: InspectionListViewModel, lang: str = "vi") -> ft.View:
    """The list screen; re-renders whenever the view-model changes."""
    ft.on_mounted(vm.refresh)

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
        cards = [_card(s, lang, go_to(visit_path(s.id))) for s in vm.summaries]
        body = ft.ListView(
            [ft.ResponsiveRow(cards, spacing=16, run_spacing=16)], expand=True, padding=0
        )

    return ft.View(
        route="/",
        appbar=ft.AppBar(
            title=ft.Text(t("list.title", lang)),
            bgcolor=ft.Colors.SURFACE_CONTAINER_LOW,
        ),
        controls=[
            ft.Column([*top, body], expand=True, spacing=12),
        ],
        padding=ft.Padding.all(16),
    )
