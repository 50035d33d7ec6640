"""The frame every screen shares: app bar with back arrow, padding, loading and error strips.

Sizes follow the field rules: body text 16 px, labels at least 14 px, touch targets 48 px; an
error says what to do in one line and keeps the technical detail behind "Chi tiết".
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import flet as ft

from inspect_app.i18n import t

__all__ = [
    "MUTED",
    "error_strip",
    "field_error",
    "go_to",
    "loading",
    "outlined_card",
    "screen",
    "section_title",
]

MUTED = ft.Colors.ON_SURFACE_VARIANT
Handler = Callable[[], Any]


def screen(
    route: str,
    title: str,
    controls: Sequence[ft.Control],
    *,
    actions: Sequence[ft.Control] = (),
    floating: ft.FloatingActionButton | None = None,
    scroll: bool = True,
    padding: int = 16,
) -> ft.View:
    """One screen: the app bar (Flutter adds the back arrow when a view lies below) and a body.

    `scroll` puts the body in a scrolling column; give False when a control inside (a ListView,
    say) scrolls by itself.
    """
    return ft.View(
        route=route,
        appbar=ft.AppBar(
            title=ft.Text(title, max_lines=1, overflow=ft.TextOverflow.ELLIPSIS),
            bgcolor=ft.Colors.SURFACE_CONTAINER_LOW,
            actions=list(actions),
        ),
        controls=[
            ft.Column(
                list(controls),
                expand=True,
                spacing=12,
                scroll=ft.ScrollMode.AUTO if scroll else None,
            )
        ],
        floating_action_button=floating,
        padding=ft.Padding.all(padding),
    )


def go_to(route: str) -> Callable[[], None]:
    """A click handler that opens `route` (a zero-argument callable, as Flet's dispatch wants:
    a handler taking arguments is given the event)."""

    def go() -> None:
        ft.context.page.navigate(route)

    return go


def loading() -> ft.Control:
    """A centred spinner while a screen reads its data."""
    return ft.Container(ft.ProgressRing(), alignment=ft.Alignment.CENTER, padding=48)


def section_title(text: str) -> ft.Text:
    return ft.Text(text, theme_style=ft.TextThemeStyle.TITLE_MEDIUM, weight=ft.FontWeight.W_600)


def error_strip(
    message: str,
    lang: str,
    *,
    details: str | None = None,
    on_retry: Handler | None = None,
    on_dismiss: Handler | None = None,
    identifier: str = "screen-error",
) -> ft.Control:
    """A strip in the error colours: the message a field user can act on, the technical detail
    folded behind "Chi tiết", and retry / dismiss when given."""
    color = ft.Colors.ON_ERROR_CONTAINER
    lines: list[ft.Control] = [ft.Text(message, size=16, color=color, weight=ft.FontWeight.W_600)]
    if details:
        lines.append(
            ft.ExpansionTile(
                title=ft.Text(t("common.details", lang), size=14, color=color),
                controls=[ft.Text(details, size=14, color=color, selectable=True)],
                tile_padding=0,
                dense=True,
            )
        )
    buttons: list[ft.Control] = []
    if on_retry is not None:
        buttons.append(
            ft.TextButton(t("common.retry", lang), icon=ft.Icons.REFRESH, on_click=on_retry)
        )
    if on_dismiss is not None:
        buttons.append(ft.TextButton(t("common.dismiss", lang), on_click=on_dismiss))
    return ft.Semantics(
        identifier=identifier,
        content=ft.Container(
            bgcolor=ft.Colors.ERROR_CONTAINER,
            border_radius=ft.BorderRadius.all(12),
            padding=ft.Padding.symmetric(horizontal=16, vertical=12),
            content=ft.Row(
                [
                    ft.Icon(ft.Icons.ERROR_OUTLINE, color=color),
                    ft.Column(lines, spacing=4, expand=True),
                    *buttons,
                ],
                vertical_alignment=ft.CrossAxisAlignment.START,
            ),
        ),
    )


# -- added for the visit, section and team review screens ------------------------------------

__all__ += ["pill"]


def pill(text: str, bgcolor: str, *, icon: ft.IconData | None = None) -> ft.Control:
    """A small rounded label (a rating, a status, "yours"): 14 px text on a tinted background."""
    parts: list[ft.Control] = []
    if icon is not None:
        parts.append(ft.Icon(icon, size=16))
    parts.append(ft.Text(text, size=14, weight=ft.FontWeight.W_600))
    return ft.Container(
        ft.Row(parts, spacing=4, tight=True),
        bgcolor=bgcolor,
        border_radius=ft.BorderRadius.all(16),
        padding=ft.Padding.symmetric(horizontal=10, vertical=4),
    )


__all__ += ["stretch"]


def stretch(controls: Sequence[ft.Control], *, spacing: int = 12) -> ft.Control:
    """Controls stacked full width over the whole body (the last one usually a ListView that
    scrolls under a sticky header: give `screen(..., scroll=False)`)."""
    return ft.Column(
        list(controls),
        expand=True,
        spacing=spacing,
        horizontal_alignment=ft.CrossAxisAlignment.STRETCH,
    )


def outlined_card(controls: Sequence[ft.Control], identifier: str | None = None) -> ft.Control:
    """A block of a screen: an outlined card, 16 px inside, with a semantics hook if given."""
    card = ft.Card(
        variant=ft.CardVariant.OUTLINED,
        margin=0,
        content=ft.Container(ft.Column(list(controls), spacing=10), padding=16),
    )
    return ft.Semantics(identifier=identifier, content=card) if identifier else card


def field_error(message: str | None) -> ft.Control | None:
    """A text field's error as a wrapping 14 px line (Flutter's own is 12 px and cut to one
    line, which loses the part of the message that says what to type)."""
    if not message:
        return None
    return ft.Text(message, size=14, color=ft.Colors.ERROR)


__all__ += ["centred_form"]

_FORM_COLUMNS: dict[str | ft.ResponsiveRowBreakpoint, int | float] = {"xs": 12, "lg": 10, "xl": 8}


def centred_form(controls: Sequence[ft.Control], *, stretch_children: bool = True) -> ft.Control:
    """A form's blocks in one column, full width on phones and portrait tablets, centred and
    narrower on wide screens (long lines are hard to read outdoors)."""
    column = ft.Column(
        list(controls),
        spacing=16,
        horizontal_alignment=(
            ft.CrossAxisAlignment.STRETCH if stretch_children else ft.CrossAxisAlignment.START
        ),
        col=_FORM_COLUMNS,
    )
    return ft.ResponsiveRow([column], alignment=ft.MainAxisAlignment.CENTER)
