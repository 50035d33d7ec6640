"""The page shown instead of the app when the store cannot be opened (packaged app, no console)."""

from __future__ import annotations

import flet as ft

from inspect_app.i18n import t

__all__ = ["StartupErrorView", "show_startup_error"]


def StartupErrorView(message: str, lang: str) -> ft.Control:  # noqa: N802 - a view, like a class
    """What went wrong (the store's own Vietnamese message) and what the person can do."""
    return ft.SafeArea(
        expand=True,
        content=ft.Container(
            padding=ft.Padding.all(24),
            content=ft.Column(
                [
                    ft.Icon(ft.Icons.ERROR_OUTLINE, color=ft.Colors.ERROR, size=48),
                    ft.Text(
                        t("startup.error.title", lang), theme_style=ft.TextThemeStyle.TITLE_LARGE
                    ),
                    ft.Text(message, selectable=True),
                    ft.Text(t("startup.error.hint", lang)),
                ],
                spacing=16,
                scroll=ft.ScrollMode.AUTO,
            ),
        ),
    )


def show_startup_error(page: ft.Page, message: str, lang: str) -> None:
    """Put the error view on `page` (the only thing the session shows)."""
    page.add(StartupErrorView(message, lang))
