"""Settings: language, photo size cap, the central endpoint, and who the person is on each
visit (with a link to that visit's who-am-I screen)."""

from __future__ import annotations

import flet as ft

from inspect_app import routes
from inspect_app.config import Language
from inspect_app.i18n import t
from inspect_app.session import AppSession, use_session
from inspect_app.settings import DEFAULT_PHOTO_EDGE
from inspect_app.viewmodels.settings import SettingsViewModel, VisitMember
from inspect_app.views.scaffold import (
    MUTED,
    centred_form,
    error_strip,
    field_error,
    go_to,
    loading,
    screen,
    section_title,
)

__all__ = ["SettingsBody", "SettingsScreen"]


def _block(title: str, hint: str | None, *controls: ft.Control) -> ft.Control:
    lines: list[ft.Control] = [section_title(title)]
    if hint:
        lines.append(ft.Text(hint, size=14, color=MUTED))
    return ft.Card(
        variant=ft.CardVariant.OUTLINED,
        margin=0,
        content=ft.Container(padding=16, content=ft.Column([*lines, *controls], spacing=12)),
    )


def _language(vm: SettingsViewModel, lang: str) -> ft.Control:
    async def picked(e: ft.Event[ft.SegmentedButton]) -> None:
        chosen = (e.control.selected or [lang])[0]
        if chosen in ("vi", "en") and chosen != lang:
            language: Language = "en" if chosen == "en" else "vi"
            await vm.choose_language(language)

    buttons = ft.Semantics(
        identifier="settings-language",
        content=ft.SegmentedButton(
            selected=[lang],
            allow_multiple_selection=False,
            allow_empty_selection=False,
            segments=[
                ft.Segment(value=code, label=ft.Text(t(f"settings.lang.{code}", lang), size=16))
                for code in ("vi", "en")
            ],
            on_change=picked,
        ),
    )
    return _block(t("settings.language", lang), t("settings.language.hint", lang), buttons)


def _photo(vm: SettingsViewModel, lang: str) -> ft.Control:
    async def picked(e: ft.Event[ft.SegmentedButton]) -> None:
        chosen = (e.control.selected or [""])[0]
        if chosen.isdigit() and int(chosen) != vm.photo_max_edge:
            edge = int(chosen)
            if await vm.choose_photo_edge(edge):
                ft.context.page.show_dialog(
                    ft.SnackBar(ft.Text(t("settings.photo.saved", lang, edge=edge)), duration=3000)
                )

    def text(edge: int) -> str:
        return t("settings.photo.edge", lang, edge=edge)

    buttons = ft.Semantics(
        identifier="settings-photo",
        content=ft.SegmentedButton(
            selected=[str(vm.photo_max_edge)],
            allow_multiple_selection=False,
            allow_empty_selection=False,
            show_selected_icon=False,
            segments=[
                ft.Segment(value=str(edge), label=ft.Text(text(edge), size=14))
                for edge in vm.photo_choices
            ],
            on_change=picked,
        ),
    )
    scroller = ft.Row([buttons], scroll=ft.ScrollMode.AUTO)
    default = t("settings.photo.default", lang, edge=DEFAULT_PHOTO_EDGE)
    hint = f"{t('settings.photo.hint', lang)} {default}"
    return _block(t("settings.photo", lang), hint, scroller)


def _endpoint(vm: SettingsViewModel, lang: str) -> ft.Control:
    async def save() -> None:
        if await vm.save_endpoint():
            key = "settings.endpoint.saved" if vm.endpoint_url else "settings.endpoint.cleared"
            ft.context.page.show_dialog(ft.SnackBar(ft.Text(t(key, lang)), duration=3000))

    field = ft.Semantics(
        identifier="settings-endpoint",
        col=12,
        content=ft.TextField(
            label=t("settings.endpoint.label", lang),
            value=vm.endpoint_url,
            hint_text="https://",
            error=field_error(vm.endpoint_error),
            text_size=16,
            keyboard_type=ft.KeyboardType.URL,
            prefix_icon=ft.Icons.LINK,
            on_change=lambda e: vm.set_endpoint(e.control.value or ""),
            on_submit=save,
        ),
    )
    button = ft.Semantics(
        identifier="settings-endpoint-save",
        content=ft.FilledButton(
            t("settings.endpoint.save", lang),
            icon=ft.Icons.SAVE_OUTLINED,
            height=48,
            disabled=vm.saving or not vm.endpoint_dirty,
            on_click=save,
        ),
    )
    return _block(
        t("settings.endpoint", lang),
        t("settings.endpoint.hint", lang),
        ft.ResponsiveRow([field]),  # the field's full width
        ft.Row([button], alignment=ft.MainAxisAlignment.END),
    )


def _visit_tile(visit: VisitMember, lang: str) -> ft.Control:
    if visit.member:
        said, action = t("settings.member.chosen", lang, name=visit.member), "change"
    elif visit.member_gone:
        said, action = t("settings.member.unknown", lang), "choose"
    else:
        said, action = t("settings.member.not_chosen", lang), "choose"
    return ft.Semantics(
        identifier=f"settings-visit-{visit.id}",
        content=ft.ListTile(
            leading=ft.Icon(
                ft.Icons.PERSON if visit.member else ft.Icons.PERSON_OUTLINE,
                color=ft.Colors.PRIMARY if visit.member else MUTED,
            ),
            title=ft.Text(f"{visit.unit} · {visit.day}", size=16, weight=ft.FontWeight.W_600),
            subtitle=ft.Text(said, size=14, color=MUTED if not visit.member else None),
            # The whole tile is the link (one target, read out whole by a screen reader).
            trailing=ft.Text(
                t(f"settings.member.{action}", lang),
                size=16,
                color=ft.Colors.PRIMARY,
                weight=ft.FontWeight.W_600,
            ),
            min_height=56,
            content_padding=ft.Padding.symmetric(horizontal=0),
            on_click=go_to(routes.who_path(visit.id)),
        ),
    )


def _members(vm: SettingsViewModel, lang: str) -> ft.Control:
    rows: list[ft.Control]
    if vm.status == "loading":
        rows = [loading()]
    elif vm.status == "error":
        rows = [error_strip(vm.load_error or "", lang, on_retry=vm.load)]
    elif not vm.visits:
        rows = [ft.Text(t("settings.members.none", lang), size=16, color=MUTED)]
    else:
        rows = [_visit_tile(v, lang) for v in vm.visits]
    return _block(t("settings.members", lang), t("settings.members.hint", lang), *rows)


@ft.component
def SettingsBody(vm: SettingsViewModel, session: AppSession) -> ft.View:
    lang = session.lang
    ft.use_effect(vm.load, dependencies=[lang, len(session.members)])
    top: list[ft.Control] = []
    if vm.settings_problem:
        top.append(error_strip(t("settings.problem", lang), lang, identifier="settings-problem"))
    if vm.save_error:
        top.append(error_strip(vm.save_error, lang))
    body = centred_form(
        [*top, _language(vm, lang), _photo(vm, lang), _endpoint(vm, lang), _members(vm, lang)]
    )
    return screen(f"/{routes.SETTINGS}", t("settings.title", lang), [body])


@ft.component
def SettingsScreen() -> ft.View:
    session = use_session()
    vm = ft.use_memo(lambda: SettingsViewModel(session=session), dependencies=[])
    return SettingsBody(vm=vm, session=session)
