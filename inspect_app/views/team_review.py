"""The leader's team review: every member's value per criterion side by side (a table on a
tablet, one card per criterion on a phone), disagreements and stale decisions highlighted;
the leader decides with a reason, withdraws, locks, reopens or relocks. Others only read."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any

import flet as ft

from checklists.record.lifecycle import Lifecycle
from inspect_app.i18n import t
from inspect_app.routes import review_path
from inspect_app.session import AppSession, use_session
from inspect_app.viewmodels.team_review import NO_VALUE, ReviewRow, TeamReviewViewModel
from inspect_app.views.review_dialogs import open_decide, open_lock, open_reason_dialog, row_title
from inspect_app.views.scaffold import MUTED, error_strip, loading, pill, screen, stretch

__all__ = ["TABLE_MIN_WIDTH", "TeamReviewBody", "TeamReviewScreen"]

TABLE_MIN_WIDTH = 700
"""At least this wide (logical px), the review is a table; narrower, one card per criterion."""
_CLOSED = (Lifecycle.LOCKED, Lifecycle.DELIVERED)
_MEMBER_COL = 92
_RESULT_COL = 76


def _use_width() -> float:
    """The page width, re-rendering when the browser or tablet is resized (or rotated)."""
    page = ft.context.page
    width, set_width = ft.use_state(float(page.width or 1280))

    def install() -> None:
        def resized(e: ft.PageResizeEvent) -> None:
            set_width(float(e.width))

        page.on_resize = resized

    def uninstall() -> None:
        page.on_resize = None

    ft.use_effect(install, dependencies=[], cleanup=uninstall)
    return width


def _row_colour(row: ReviewRow) -> str | None:
    if row.conflict:
        return ft.Colors.ERROR_CONTAINER
    if row.stale:
        return ft.Colors.TERTIARY_CONTAINER
    return None


def _flags(row: ReviewRow, lang: str) -> list[ft.Control]:
    out: list[ft.Control] = []
    if row.conflict:
        out.append(
            pill(
                t("review.flag.conflict", lang),
                ft.Colors.ERROR_CONTAINER,
                icon=ft.Icons.COMPARE_ARROWS,
            )
        )
    elif row.disagree:
        out.append(
            pill(
                t("review.flag.disagree", lang),
                ft.Colors.SURFACE_CONTAINER_HIGHEST,
                icon=ft.Icons.COMPARE_ARROWS,
            )
        )
    if row.stale:
        out.append(
            pill(t("review.flag.stale", lang), ft.Colors.TERTIARY_CONTAINER, icon=ft.Icons.UPDATE)
        )
    if row.decided:
        out.append(
            pill(
                t("review.flag.decided", lang, value=row.decision_text or NO_VALUE),
                ft.Colors.PRIMARY_CONTAINER,
                icon=ft.Icons.GAVEL,
            )
        )
    if row.ignored:
        out.append(
            pill(t("review.flag.ignored", lang), ft.Colors.ERROR_CONTAINER, icon=ft.Icons.BLOCK)
        )
    return out


def _criterion_cell(row: ReviewRow, lang: str) -> ft.Control:
    lines: list[ft.Control] = [
        ft.Text(row_title(row), size=15, max_lines=3, overflow=ft.TextOverflow.ELLIPSIS)
    ]
    flags = _flags(row, lang)
    if flags:
        lines.append(ft.Row(flags, wrap=True, spacing=6, run_spacing=4))
    if row.decision_reason:
        lines.append(ft.Text(row.decision_reason, size=14, color=MUTED, italic=True, max_lines=2))
    return ft.Column(lines, spacing=4, expand=True, tight=True)


def _cell(text: str, width: int, *, bold: bool = False) -> ft.Control:
    return ft.Container(
        ft.Text(
            text,
            size=15,
            weight=ft.FontWeight.W_700 if bold else None,
            text_align=ft.TextAlign.CENTER,
            color=MUTED if text == NO_VALUE else None,
        ),
        width=width,
        alignment=ft.Alignment.CENTER,
    )


def _table(
    vm: TeamReviewViewModel,
    rows: list[ReviewRow],
    on_row: Callable[[str], Any] | None,
    lang: str,
    member_col: int = _MEMBER_COL,
) -> list[ft.Control]:
    header = ft.Container(
        ft.Row(
            [
                ft.Text(
                    t("review.criterion", lang), size=14, weight=ft.FontWeight.W_600, expand=True
                ),
                *[
                    ft.Container(
                        ft.Text(
                            name,
                            size=14,
                            weight=ft.FontWeight.W_600,
                            max_lines=3,
                            text_align=ft.TextAlign.CENTER,
                        ),
                        width=member_col,
                        alignment=ft.Alignment.CENTER,
                        tooltip=name,
                    )
                    for _id, name in vm.members
                ],
                ft.Container(
                    ft.Text(t("review.result", lang), size=14, weight=ft.FontWeight.W_600),
                    width=_RESULT_COL,
                    alignment=ft.Alignment.CENTER,
                ),
            ],
            spacing=4,
        ),
        padding=ft.Padding.symmetric(horizontal=12, vertical=8),
        bgcolor=ft.Colors.SURFACE_CONTAINER,
        border_radius=ft.BorderRadius.all(8),
    )
    out: list[ft.Control] = [header]
    for row in rows:
        cells: list[ft.Control] = [_criterion_cell(row, lang)]
        cells += [_cell(v.text, member_col) for v in row.values]
        cells.append(_cell(row.result_text, _RESULT_COL, bold=True))
        out.append(
            ft.Semantics(
                identifier=f"review-row-{row.criterion_id}",
                button=on_row is not None and row.can_decide,
                content=ft.Container(
                    ft.Row(cells, spacing=4, vertical_alignment=ft.CrossAxisAlignment.CENTER),
                    padding=ft.Padding.symmetric(horizontal=12, vertical=10),
                    bgcolor=_row_colour(row),
                    border=ft.Border.only(bottom=ft.BorderSide(1, ft.Colors.OUTLINE_VARIANT)),
                    on_click=_tap(on_row, row),
                    ink=on_row is not None,
                ),
            )
        )
    return out


def _tap(on_row: Callable[[str], Any] | None, row: ReviewRow) -> Callable[[], Any] | None:
    if on_row is None or not row.can_decide:
        return None
    return partial(on_row, row.criterion_id)


def _cards(
    rows: list[ReviewRow], on_row: Callable[[str], Any] | None, lang: str
) -> list[ft.Control]:
    out: list[ft.Control] = []
    for row in rows:
        values: list[ft.Control] = [
            ft.Row(
                [
                    ft.Text(
                        v.name, size=15, expand=True, max_lines=1, overflow=ft.TextOverflow.ELLIPSIS
                    ),
                    ft.Text(
                        v.text,
                        size=15,
                        weight=ft.FontWeight.W_600,
                        color=MUTED if v.text == NO_VALUE else None,
                    ),
                ],
            )
            for v in row.values
            if v.text != NO_VALUE
        ]
        lines: list[ft.Control] = [_criterion_cell(row, lang), *values]
        lines.append(
            ft.Row(
                [
                    ft.Text(
                        t("review.result", lang), size=15, expand=True, weight=ft.FontWeight.W_600
                    ),
                    ft.Text(row.result_text, size=18, weight=ft.FontWeight.W_700),
                ]
            )
        )
        if on_row is not None and row.can_decide:
            lines.append(
                ft.Row(
                    [
                        ft.OutlinedButton(
                            t("review.decide", lang),
                            icon=ft.Icons.GAVEL,
                            on_click=partial(on_row, row.criterion_id),
                            height=48,
                        )
                    ],
                    alignment=ft.MainAxisAlignment.END,
                )
            )
        out.append(
            ft.Semantics(
                identifier=f"review-row-{row.criterion_id}",
                content=ft.Card(
                    variant=ft.CardVariant.OUTLINED,
                    margin=0,
                    bgcolor=_row_colour(row),
                    content=ft.Container(ft.Column(lines, spacing=6, tight=True), padding=14),
                ),
            )
        )
    return out


def _summary(vm: TeamReviewViewModel, lang: str) -> ft.Control:
    rating = vm.rating_label or t("score.no_rating", lang)
    if vm.rating_label and vm.provisional:
        rating = t("score.provisional", lang, rating=vm.rating_label)
    count = vm.attention_count
    parts: list[ft.Control] = [
        ft.Text(t("review.total", lang, total=vm.total_text), size=20, weight=ft.FontWeight.W_700),
        pill(
            rating, ft.Colors.TERTIARY_CONTAINER if vm.provisional else ft.Colors.PRIMARY_CONTAINER
        ),
        ft.Semantics(
            identifier="review-status",
            content=pill(
                t("review.status", lang, status=vm.lifecycle_label),
                ft.Colors.SURFACE_CONTAINER_HIGHEST,
                icon=ft.Icons.LOCK_OUTLINE if vm.lifecycle in _CLOSED else ft.Icons.FLAG_OUTLINED,
            ),
        ),
        ft.Semantics(
            identifier="review-attention",
            content=pill(
                t("review.attention", lang, count=count)
                if count
                else t("review.no_attention", lang),
                ft.Colors.ERROR_CONTAINER if count else ft.Colors.SURFACE_CONTAINER_HIGHEST,
                icon=ft.Icons.WARNING_AMBER if count else ft.Icons.CHECK,
            ),
        ),
    ]
    return ft.Row(
        parts, wrap=True, spacing=10, run_spacing=8, vertical_alignment=ft.CrossAxisAlignment.CENTER
    )


def _tools(vm: TeamReviewViewModel, lang: str) -> list[ft.Control]:
    filter_switch = ft.Semantics(
        identifier="filter-attention",
        content=ft.Switch(
            label=t("review.only_attention", lang),
            value=vm.only_disagreements,
            on_change=lambda e: vm.set_only_disagreements(bool(e.control.value)),
            label_text_style=ft.TextStyle(size=15),
        ),
    )
    row: list[ft.Control] = [filter_switch]
    if vm.can_lock:
        row.append(
            ft.Semantics(
                identifier="lock",
                content=ft.FilledButton(
                    t("review.lock", lang),
                    icon=ft.Icons.LOCK,
                    on_click=partial(open_lock, vm, lang),
                    disabled=vm.busy,
                    height=48,
                ),
            )
        )
    if vm.can_reopen and not vm.changed_since_lock:
        row.append(
            ft.Semantics(
                identifier="reopen",
                content=ft.OutlinedButton(
                    t("review.reopen", lang),
                    icon=ft.Icons.LOCK_OPEN,
                    on_click=partial(
                        open_reason_dialog,
                        lang,
                        t("review.reopen_title", lang),
                        "",
                        vm.reopen,
                        "reopen",
                    ),
                    height=48,
                ),
            )
        )
    return [
        ft.Row(
            row,
            wrap=True,
            spacing=12,
            run_spacing=8,
            vertical_alignment=ft.CrossAxisAlignment.CENTER,
        )
    ]


def _changed_after_lock(vm: TeamReviewViewModel, lang: str) -> ft.Control:
    buttons: list[ft.Control] = []
    if vm.is_leader:
        buttons = [
            ft.Semantics(
                identifier="reopen",
                content=ft.OutlinedButton(
                    t("review.reopen", lang),
                    icon=ft.Icons.LOCK_OPEN,
                    on_click=partial(
                        open_reason_dialog,
                        lang,
                        t("review.reopen_title", lang),
                        t("review.changed_after_lock", lang),
                        vm.reopen,
                        "reopen",
                    ),
                    height=48,
                ),
            ),
            ft.Semantics(
                identifier="relock",
                content=ft.FilledButton(
                    t("review.relock", lang),
                    icon=ft.Icons.LOCK,
                    on_click=partial(
                        open_reason_dialog,
                        lang,
                        t("review.relock_title", lang),
                        t("review.changed_after_lock", lang),
                        vm.relock,
                        "relock",
                    ),
                    height=48,
                ),
            ),
        ]
    return ft.Semantics(
        identifier="changed-after-lock",
        content=ft.Container(
            ft.Column(
                [
                    ft.Row(
                        [
                            ft.Icon(ft.Icons.WARNING_AMBER, color=ft.Colors.ON_ERROR_CONTAINER),
                            ft.Text(
                                t("review.changed_after_lock", lang),
                                size=16,
                                color=ft.Colors.ON_ERROR_CONTAINER,
                                expand=True,
                            ),
                        ],
                        vertical_alignment=ft.CrossAxisAlignment.START,
                    ),
                    ft.Row(buttons, wrap=True, spacing=8, alignment=ft.MainAxisAlignment.END),
                ],
                spacing=8,
                tight=True,
            ),
            bgcolor=ft.Colors.ERROR_CONTAINER,
            border_radius=ft.BorderRadius.all(12),
            padding=ft.Padding.symmetric(horizontal=16, vertical=12),
        ),
    )


@ft.component
def TeamReviewBody(vm: TeamReviewViewModel, session: AppSession) -> ft.View:
    lang = session.lang
    vid = vm.inspection_id
    ft.use_effect(vm.load, dependencies=[vid, vm.member_id, lang])
    width = _use_width()
    route = review_path(vid)
    title = t("review.title", lang)
    if not session.ready or vm.status == "loading":
        return screen(route, title, [loading()])
    if vm.status == "error" and not vm.rows:
        return screen(route, title, [error_strip(vm.error or "", lang, on_retry=vm.load)])
    head: list[ft.Control] = [_summary(vm, lang)]
    if vm.changed_since_lock:
        head.append(_changed_after_lock(vm, lang))
    if not vm.is_leader:
        head.append(
            ft.Semantics(
                identifier="review-read-only",
                content=ft.Text(t("review.read_only", lang), size=15, color=MUTED),
            )
        )
    head += _tools(vm, lang)
    if vm.error:
        head.append(
            error_strip(
                vm.error,
                lang,
                details=vm.error_details,
                on_dismiss=vm.dismiss_error,
                identifier="review-error",
            )
        )
    rows = vm.visible_rows
    # A locked record takes no decision: the leader reopens it first (or relocks).
    decides = vm.is_leader and vm.lifecycle not in _CLOSED
    on_row = partial(open_decide, vm, lang) if decides else None
    listed: list[ft.Control]
    if not rows:
        listed = [ft.Text(t("review.none_shown", lang), size=16)]
    elif width >= TABLE_MIN_WIDTH:
        listed = _table(vm, rows, on_row, lang, _MEMBER_COL if width >= 1000 else 82)
    else:
        listed = _cards(rows, on_row, lang)
    spacing = 0 if width >= TABLE_MIN_WIDTH else 10
    body = [
        *head,
        ft.ListView(listed, spacing=spacing, expand=True, padding=ft.Padding.only(bottom=24)),
    ]
    return screen(route, title, [stretch(body, spacing=10)], scroll=False)


@ft.component
def TeamReviewScreen() -> ft.View:
    session = use_session()
    vid = ft.use_route_params().get("vid", "")
    member = session.member_of(vid) or ""
    vm = ft.use_memo(
        lambda: TeamReviewViewModel(
            store=session.store, inspection_id=vid, member_id=member, lang=session.lang
        ),
        dependencies=[vid, member, session.lang],
    )
    return TeamReviewBody(vm=vm, session=session)
