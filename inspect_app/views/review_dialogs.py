"""The team review's dialogs: decide a criterion (a value and a required reason), lock, and
the reason asked before a reopen or a relock. Built imperatively in the click handler (not by a
component), so their fields can be read and their error line shown in place."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

import flet as ft

from checklists.text.format import format_number
from inspect_app.i18n import t
from inspect_app.viewmodels.team_review import NO_VALUE, ReviewRow, TeamReviewViewModel
from inspect_app.views.scaffold import MUTED

__all__ = ["open_decide", "open_lock", "open_reason_dialog", "row_title"]


def row_title(row: ReviewRow) -> str:
    """The row's title: "A3. Label" for a criterion, the label alone for a bonus or penalty."""
    return f"{row.criterion_id}. {row.label}" if row.kind == "criterion" else row.label


def _reason_field(lang: str) -> ft.TextField:
    return ft.TextField(
        label=t("review.reason", lang),
        multiline=True,
        min_lines=2,
        max_lines=4,
        text_size=16,
    )


def open_decide(vm: TeamReviewViewModel, lang: str, criterion_id: str) -> None:
    """The decide dialog: pick a value (or type points) and give a reason (required)."""
    page = ft.context.page
    row = vm.row(criterion_id)
    group = ft.RadioGroup(
        content=ft.Column(
            [
                ft.Semantics(
                    identifier=f"decide-choice-{c.key}",
                    content=ft.Radio(value=c.key, label=c.label, label_style=ft.TextStyle(size=16)),
                )
                for c in row.choices
            ],
            spacing=0,
            tight=True,
        ),
    )
    top = format_number(row.max_points, 2, lang)
    points = ft.TextField(
        label=t("review.points_field", lang, max=top),
        keyboard_type=ft.KeyboardType.NUMBER,
        text_size=16,
        visible=row.free_points,
    )
    reason = _reason_field(lang)
    problem = ft.Text("", size=15, color=ft.Colors.ERROR, visible=False)

    def fail(text: str) -> None:
        problem.value, problem.visible = text, True
        problem.update()

    async def confirm() -> None:
        typed = (points.value or "").strip().replace(",", ".")
        if typed:
            try:
                number = float(typed)
            except ValueError:
                number = -1.0
            if not 0 <= number <= row.max_points:
                fail(t("review.points_invalid", lang, max=top))
                return
            value: Any = number
        elif group.value:
            value = vm.choice(criterion_id, group.value)
        else:
            fail(t("review.choose_value", lang))
            return
        if not (reason.value or "").strip():
            fail(t("review.reason_required", lang))
            return
        page.pop_dialog()
        await vm.decide(criterion_id, value, reason.value or "")

    async def withdraw() -> None:
        page.pop_dialog()
        await vm.withdraw_decision(criterion_id)

    values = [
        ft.Text(f"{v.name}: {v.text}", size=15, color=MUTED)
        for v in row.values
        if v.text != NO_VALUE
    ]
    actions: list[ft.Control] = []
    if row.decided:
        actions.append(
            ft.Semantics(
                identifier="decide-withdraw",
                content=ft.TextButton(t("review.withdraw", lang), on_click=withdraw),
            )
        )
    actions += [
        ft.TextButton(t("common.cancel", lang), on_click=page.pop_dialog),
        ft.Semantics(
            identifier="decide-confirm",
            content=ft.FilledButton(t("review.confirm", lang), on_click=confirm),
        ),
    ]
    page.show_dialog(
        ft.AlertDialog(
            modal=True,
            title=ft.Text(t("review.decide_title", lang, criterion=row_title(row)), size=18),
            content=ft.Container(
                ft.Column(
                    [
                        *values,
                        ft.Text(t("review.value", lang), size=15, weight=ft.FontWeight.W_600),
                        group,
                        points,
                        reason,
                        problem,
                    ],
                    spacing=8,
                    tight=True,
                    scroll=ft.ScrollMode.AUTO,
                ),
                width=480,
            ),
            actions=actions,
        )
    )


def open_reason_dialog(
    lang: str, title: str, body: str, run: Callable[[str], Awaitable[None]], identifier: str
) -> None:
    """A dialog asking for a reason (required) before `run(reason)`: reopen, relock."""
    page = ft.context.page
    reason = _reason_field(lang)
    problem = ft.Text(
        t("review.reason_required", lang), size=15, color=ft.Colors.ERROR, visible=False
    )

    async def confirm() -> None:
        if not (reason.value or "").strip():
            problem.visible = True
            problem.update()
            return
        page.pop_dialog()
        await run(reason.value or "")

    page.show_dialog(
        ft.AlertDialog(
            modal=True,
            title=ft.Text(title, size=18),
            content=ft.Container(
                ft.Column([ft.Text(body, size=16), reason, problem], spacing=12, tight=True),
                width=480,
            ),
            actions=[
                ft.TextButton(t("common.cancel", lang), on_click=page.pop_dialog),
                ft.Semantics(
                    identifier=f"{identifier}-confirm",
                    content=ft.FilledButton(t("review.confirm", lang), on_click=confirm),
                ),
            ],
        )
    )


def _lock_body(vm: TeamReviewViewModel, lang: str) -> ft.Control:
    """What locking means, and a warning when criteria are still unscored (they count 0)."""
    lines: list[ft.Control] = [ft.Text(t("review.lock_body", lang), size=16)]
    if vm.unscored_count:
        lines.append(
            ft.Semantics(
                identifier="lock-unscored",
                content=ft.Text(
                    t("review.lock_unscored", lang, count=vm.unscored_count),
                    size=16,
                    color=ft.Colors.ERROR,
                    weight=ft.FontWeight.W_600,
                ),
            )
        )
    return ft.Column(lines, spacing=12, tight=True)


def open_lock(vm: TeamReviewViewModel, lang: str) -> None:
    page = ft.context.page

    async def confirm() -> None:
        page.pop_dialog()
        await vm.lock()

    page.show_dialog(
        ft.AlertDialog(
            modal=True,
            title=ft.Text(t("review.lock_title", lang), size=18),
            content=ft.Container(_lock_body(vm, lang), width=480),
            actions=[
                ft.TextButton(t("common.cancel", lang), on_click=page.pop_dialog),
                ft.Semantics(
                    identifier="lock-confirm",
                    content=ft.FilledButton(
                        t("review.lock", lang), icon=ft.Icons.LOCK, on_click=confirm
                    ),
                ),
            ],
        )
    )
