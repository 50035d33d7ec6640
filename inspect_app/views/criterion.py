"""The criterion screen: what to check, the control fitting the criterion's kind, my note and
photos, the unit's self-score beside the delegation's result, and next / previous.

Every change goes through the view-model (store I/O off the event loop); typing is debounced
there and flushed when the screen is left, so the UI never waits on disk.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any

import flet as ft

from checklists.text.format import format_number
from inspect_app.i18n import t
from inspect_app.routes import criterion_path, who_path
from inspect_app.session import AppSession, use_session
from inspect_app.viewmodels.criterion import CriterionViewModel, FigureInput
from inspect_app.views.criterion_photos import criterion_photos
from inspect_app.views.scaffold import (
    MUTED,
    error_strip,
    go_to,
    loading,
    outlined_card,
    screen,
    section_title,
)

__all__ = ["CriterionBody", "CriterionScreen", "FigureField"]

WARN_BG = ft.Colors.TERTIARY_CONTAINER
WARN_FG = ft.Colors.ON_TERTIARY_CONTAINER


def _choice(text: str, selected: bool, on_click: Callable[[], Any], ident: str) -> ft.Control:
    """One option of a segmented choice: filled when chosen, outlined otherwise (48 px high)."""
    style = ft.ButtonStyle(
        padding=ft.Padding.symmetric(horizontal=20, vertical=12),
        text_style=ft.TextStyle(size=16),
    )
    icon = ft.Icons.CHECK if selected else None
    button = (
        ft.FilledButton(text, icon=icon, on_click=on_click, style=style, height=48)
        if selected
        else ft.OutlinedButton(text, on_click=on_click, style=style, height=48)
    )
    return ft.Semantics(identifier=ident, selected=selected, content=button)


def _header(vm: CriterionViewModel, lang: str) -> ft.Control:
    lines: list[ft.Control] = [
        ft.Text(f"{vm.criterion_id}. {vm.label}", size=20, weight=ft.FontWeight.W_600),
        ft.Row(
            [
                ft.Text(t("criterion.max", lang, points=vm.max_points_text), size=16, color=MUTED),
                *(
                    [ft.Chip(label=ft.Text(t("criterion.critical", lang), size=14))]
                    if vm.critical
                    else []
                ),
            ],
            wrap=True,
        ),
    ]
    folded: list[ft.Control] = []
    if vm.guidance:
        folded.append(ft.Text(vm.guidance, size=16))
    if vm.hints:
        folded.append(ft.Text(t("criterion.hints", lang), size=14, color=MUTED))
        folded += [ft.Text(f"• {hint}", size=16) for hint in vm.hints]
    if vm.reference:
        folded.append(
            ft.Text(t("criterion.reference", lang, text=vm.reference), size=14, color=MUTED)
        )
    if folded:
        # Folded on a phone, so the control is on the first screen; open on a tablet.
        wide = (ft.context.page.width or 0) >= 600
        lines.append(
            ft.Semantics(
                identifier="guidance",
                content=ft.ExpansionTile(
                    title=section_title(t("criterion.guidance", lang)),
                    controls=[ft.Column(folded, spacing=8)],
                    expanded=wide,
                    tile_padding=0,
                    controls_padding=ft.Padding.only(bottom=8),
                    expanded_cross_axis_alignment=ft.CrossAxisAlignment.START,
                    shape=ft.RoundedRectangleBorder(),
                    collapsed_shape=ft.RoundedRectangleBorder(),
                ),
            )
        )
    return outlined_card(lines, "criterion-header")


def _points_control(vm: CriterionViewModel, lang: str) -> list[ft.Control]:
    values = vm.points_values
    score = vm.value.score if vm.value is not None else None
    at = values.index(score) if score in values else None
    step = format_number(vm.step or 0.5, 2, lang)

    async def to(index: int) -> None:
        await vm.set_value(score=values[max(0, min(index, len(values) - 1))])

    async def slid(e: ft.Event[ft.Slider]) -> None:
        number = float(e.control.value or 0)
        await vm.set_value(score=min(values, key=lambda v: abs(v - number)))

    shown = (
        t(
            "criterion.points_value",
            lang,
            points=format_number(score, 2, lang),
            max=vm.max_points_text,
        )
        if score is not None
        else t("criterion.not_scored", lang)
    )
    stepper = ft.Row(
        [
            ft.Semantics(
                identifier="points-minus",
                content=ft.IconButton(
                    ft.Icons.REMOVE,
                    tooltip=t("criterion.minus", lang, step=step),
                    on_click=partial(to, (at or 0) - 1),
                    disabled=at is None or at == 0,
                    icon_size=28,
                    width=52,
                    height=52,
                ),
            ),
            ft.Semantics(
                identifier="points-value",
                content=ft.Text(shown, size=22, weight=ft.FontWeight.W_600),
            ),
            ft.Semantics(
                identifier="points-plus",
                content=ft.IconButton(
                    ft.Icons.ADD,
                    tooltip=t("criterion.plus", lang, step=step),
                    on_click=partial(to, 0 if at is None else at + 1),
                    disabled=at is not None and at == len(values) - 1,
                    icon_size=28,
                    width=52,
                    height=52,
                ),
            ),
        ],
        alignment=ft.MainAxisAlignment.START,
        vertical_alignment=ft.CrossAxisAlignment.CENTER,
        wrap=True,
    )
    slider = ft.Slider(
        min=0,
        max=vm.max_points,
        divisions=max(1, len(values) - 1),
        value=score if score is not None else 0,
        label="{value}",
        on_change_end=slid,
    )
    return [stepper, ft.Semantics(identifier="points-slider", content=slider)]


def _options_control(vm: CriterionViewModel) -> list[ft.Control]:
    return [
        ft.Row(
            [
                _choice(o.label, vm.selected == o.key, partial(vm.choose, o.key), f"option-{o.key}")
                for o in vm.options
            ],
            wrap=True,
            spacing=8,
            run_spacing=8,
        )
    ]


@ft.component
def FigureField(figure: FigureInput, vm: CriterionViewModel, lang: str) -> ft.Control:
    """One entered figure: the typed text stays as typed (no reformatting under the cursor);
    the view-model previews rates live and saves after a pause or on blur."""
    text, set_text = ft.use_state(figure.value_text.removesuffix("%"))

    def changed(e: ft.Event[ft.TextField]) -> None:
        typed = e.control.value or ""
        set_text(typed)
        vm.type_figure(figure.id, typed)

    return ft.Semantics(
        identifier=f"figure-{figure.id}",
        content=ft.TextField(
            label=figure.label,
            value=text,
            suffix=figure.unit or None,
            keyboard_type=ft.KeyboardType.NUMBER,
            on_change=changed,
            on_blur=vm.flush_soon,
            error=vm.figure_errors.get(figure.id),
            text_size=16,
        ),
        col={"xs": 12, "md": 6},
    )


def _figures(vm: CriterionViewModel, lang: str) -> list[ft.Control]:
    if not vm.figures:
        return []
    fields: list[ft.Control] = []
    for f in vm.figures:
        if f.derived:
            shown = f.value_text or t("criterion.none", lang)
            fields.append(
                ft.Container(
                    ft.Semantics(
                        identifier=f"figure-{f.id}",
                        content=ft.Column(
                            [
                                ft.Text(f"{f.label} ({t('criterion.derived', lang)})", size=14),
                                ft.Text(shown, size=20, weight=ft.FontWeight.W_600),
                            ],
                            spacing=2,
                        ),
                    ),
                    col={"xs": 12, "md": 6},
                    padding=ft.Padding.symmetric(horizontal=4, vertical=4),
                )
            )
        else:
            fields.append(FigureField(f, vm, lang, key=f"{vm.criterion_id}-{f.id}"))  # type: ignore[call-arg]
    title = section_title(t("criterion.my_figures", lang))
    out: list[ft.Control] = [title]
    if vm.kind == "info":
        out.append(ft.Text(t("criterion.figures_info", lang), size=14, color=MUTED))
    out.append(ft.ResponsiveRow(fields, spacing=12, run_spacing=12))
    return out


def _assessment(vm: CriterionViewModel, lang: str) -> ft.Control:
    controls: list[ft.Control] = []
    if vm.kind == "points":
        controls += [section_title(t("criterion.my_score", lang)), *_points_control(vm, lang)]
        if vm.allow_na:
            na = vm.value is not None and vm.value.not_applicable
            controls.append(
                _choice(t("criterion.na", lang), na, partial(vm.choose, "na"), "option-na")
            )
    elif vm.kind in ("status", "yes_no") or (vm.kind == "bands" and vm.allow_na):
        controls += [section_title(t("criterion.my_answer", lang)), *_options_control(vm)]
    if vm.kind in ("bands", "info") or vm.figures:
        controls += _figures(vm, lang)
    if vm.value is not None:
        controls.append(
            ft.Row(
                [
                    ft.Semantics(
                        identifier="withdraw",
                        content=ft.TextButton(
                            t("criterion.withdraw", lang),
                            icon=ft.Icons.DELETE_OUTLINE,
                            on_click=vm.withdraw,
                        ),
                    )
                ],
                alignment=ft.MainAxisAlignment.END,
            )
        )
    return outlined_card(controls, "criterion-assessment")


def _note(vm: CriterionViewModel, lang: str) -> ft.Control:
    def typed(e: ft.Event[ft.TextField]) -> None:
        vm.type_note(e.control.value or "")

    return ft.Semantics(
        identifier="criterion-note",
        content=ft.TextField(
            label=t("criterion.note", lang),
            hint_text=t("criterion.note_hint", lang),
            value=vm.note,
            multiline=True,
            min_lines=3,
            max_lines=8,
            text_size=16,
            on_change=typed,
            on_blur=vm.flush_soon,
        ),
    )


def _results(vm: CriterionViewModel, lang: str) -> ft.Control:
    state = vm.result_state
    if state == "scored":
        result = t("criterion.result.scored", lang, points=vm.result_points_text)
    else:
        result = t(f"criterion.short.{state}", lang)
    tiles = ft.ResponsiveRow(
        [
            _figure_tile(t("criterion.mine", lang), _my_text(vm, lang), "my-value"),
            _figure_tile(
                t("criterion.self_score", lang),
                vm.self_points_text or t("criterion.none", lang),
                "self-score",
            ),
            _figure_tile(t("criterion.delegation", lang), result, "delegation-result"),
        ],
        spacing=12,
        run_spacing=12,
    )
    lines: list[ft.Control] = [tiles]
    if vm.decided_by == "decision":
        why = vm.decision_reason
        words = (
            t("criterion.decided_reason", lang, reason=why) if why else t("criterion.decided", lang)
        )
        lines.append(_line(ft.Icons.GAVEL, words, "decided"))
    elif state == "conflict":
        lines.append(
            _line(ft.Icons.WARNING_AMBER, t("criterion.result.conflict", lang), "conflict")
        )
    return outlined_card(lines, "criterion-results")


def _my_text(vm: CriterionViewModel, lang: str) -> str:
    """My own value in words: points, the option I chose, or none yet."""
    value = vm.value
    if value is None:
        return t("criterion.not_scored", lang)
    if value.score is not None:
        return t("criterion.result.scored", lang, points=format_number(value.score, 2, lang))
    chosen = next((o.label for o in vm.options if o.key == vm.selected), None)
    if chosen:
        return chosen
    return t("criterion.figures_given", lang) if value.figures else t("criterion.none", lang)


def _figure_tile(title: str, value: str, ident: str) -> ft.Control:
    return ft.Container(
        ft.Semantics(
            identifier=ident,
            content=ft.Column(
                [
                    ft.Text(title, size=14, color=MUTED),
                    ft.Text(value, size=20, weight=ft.FontWeight.W_600),
                ],
                spacing=2,
            ),
        ),
        col={"xs": 4},
    )


def _line(icon: ft.IconData, text: str, ident: str) -> ft.Control:
    return ft.Semantics(
        identifier=ident,
        content=ft.Row(
            [ft.Icon(icon, color=MUTED), ft.Text(text, size=16, expand=True)],
            vertical_alignment=ft.CrossAxisAlignment.START,
        ),
    )


def _warnings(vm: CriterionViewModel, lang: str) -> list[ft.Control]:
    messages = [*vm.evidence_warnings, *vm.invalid_messages, *vm.figure_warnings]
    if not messages:
        return []
    return [
        ft.Semantics(
            identifier="evidence-warnings",
            content=ft.Container(
                bgcolor=WARN_BG,
                border_radius=ft.BorderRadius.all(12),
                padding=ft.Padding.symmetric(horizontal=16, vertical=12),
                content=ft.Column(
                    [
                        ft.Row(
                            [
                                ft.Icon(ft.Icons.ASSIGNMENT_LATE_OUTLINED, color=WARN_FG),
                                ft.Text(
                                    t("criterion.evidence", lang),
                                    size=16,
                                    weight=ft.FontWeight.W_600,
                                    color=WARN_FG,
                                ),
                            ]
                        ),
                        *[ft.Text(f"• {m}", size=16, color=WARN_FG) for m in messages],
                    ],
                    spacing=4,
                ),
            ),
        )
    ]


def _nav(vm: CriterionViewModel, lang: str) -> ft.Control:
    vid = vm.inspection_id

    def to(section_id: str | None, criterion_id: str | None) -> Callable[[], None]:
        def go() -> None:
            vm.flush_soon()
            if section_id and criterion_id:
                ft.context.page.navigate(criterion_path(vid, section_id, criterion_id))

        return go

    previous = ft.Semantics(
        identifier="previous-criterion",
        content=ft.OutlinedButton(
            t("criterion.previous", lang),
            icon=ft.Icons.CHEVRON_LEFT,
            on_click=to(vm.previous_section_id, vm.previous_id),
            disabled=vm.previous_id is None,
            height=48,
        ),
    )
    following = ft.Semantics(
        identifier="next-criterion",
        content=ft.FilledButton(
            t("criterion.next", lang),
            icon=ft.Icons.CHEVRON_RIGHT,
            on_click=to(vm.next_section_id, vm.next_id),
            disabled=vm.next_id is None,
            height=48,
        ),
    )
    return ft.Row([previous, following], alignment=ft.MainAxisAlignment.SPACE_BETWEEN)


def _save_state(vm: CriterionViewModel, lang: str) -> ft.Control:
    state = vm.save_state
    parts: list[ft.Control] = []
    if state == "saving":
        parts = [
            ft.ProgressRing(width=16, height=16, stroke_width=2),
            ft.Text(t("common.saving", lang), size=14),
        ]
    elif state == "saved":
        parts = [
            ft.Icon(ft.Icons.CLOUD_DONE_OUTLINED, size=18),
            ft.Text(t("common.saved", lang), size=14),
        ]
    return ft.Semantics(
        identifier="save-state",
        label=state or None,
        content=ft.Container(ft.Row(parts, spacing=6), padding=ft.Padding.only(right=16)),
    )


@ft.component
def CriterionBody(vm: CriterionViewModel, session: AppSession, section_id: str) -> ft.View:
    lang = session.lang
    vid, cid = vm.inspection_id, vm.criterion_id
    route = criterion_path(vid, section_id, cid)
    ft.use_effect(vm.load, dependencies=[vm], cleanup=vm.flush_soon)
    title = t("criterion.title", lang, id=cid)
    if vm.status == "loading":
        return screen(route, title, [loading()])
    if vm.status == "error":
        return screen(route, title, [error_strip(vm.error or "", lang, on_retry=vm.load)])
    main: list[ft.Control] = []
    if vm.error:
        main.append(
            error_strip(
                t("criterion.refused", lang, reason=vm.error),
                lang,
                on_dismiss=vm.clear_error,
                identifier="criterion-error",
            )
        )
    main += [_header(vm, lang), *_warnings(vm, lang), _assessment(vm, lang), _note(vm, lang)]
    side = [_results(vm, lang), criterion_photos(vm, lang)]
    body = ft.ResponsiveRow(
        [
            ft.Column(
                main,
                spacing=12,
                col={"xs": 12, "lg": 7},
                horizontal_alignment=ft.CrossAxisAlignment.STRETCH,
            ),
            ft.Column(
                side,
                spacing=12,
                col={"xs": 12, "lg": 5},
                horizontal_alignment=ft.CrossAxisAlignment.STRETCH,
            ),
        ],
        spacing=16,
        run_spacing=12,
        vertical_alignment=ft.CrossAxisAlignment.START,
    )
    return screen(route, title, [body, _nav(vm, lang)], actions=[_save_state(vm, lang)])


def _who_first(vid: str, route: str, lang: str) -> ft.View:
    return screen(
        route,
        t("criterion.title", lang, id=""),
        [
            ft.Text(t("criterion.who_first", lang), size=16),
            ft.Semantics(
                identifier="choose-member",
                content=ft.FilledButton(
                    t("criterion.choose_member", lang),
                    icon=ft.Icons.PERSON_SEARCH_OUTLINED,
                    on_click=go_to(who_path(vid)),
                    height=48,
                ),
            ),
        ],
    )


@ft.component
def CriterionScreen() -> ft.View:
    session = use_session()
    p = ft.use_route_params()
    vid, sid, cid = p["vid"], p["sid"], p["cid"]
    member = session.member_of(vid)
    max_edge = session.settings.current.photo_max_edge
    vm = ft.use_memo(
        lambda: CriterionViewModel(
            store=session.store,
            inspection_id=vid,
            criterion_id=cid,
            member_id=member or "",
            lang=session.lang,
            max_edge=max_edge,
        ),
        dependencies=[vid, cid, member, session.lang],
    )
    if member is None:
        if not session.ready:
            return screen(
                criterion_path(vid, sid, cid),
                t("criterion.title", session.lang, id=cid),
                [loading()],
            )
        return _who_first(vid, criterion_path(vid, sid, cid), session.lang)
    return CriterionBody(vm=vm, session=session, section_id=sid)
