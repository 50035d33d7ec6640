"""The photos screen: every photo of a visit grouped by criterion (and "general"), with
caption, include-in-report, detach (confirmed) and a full-size view."""

from __future__ import annotations

from functools import partial

import flet as ft

from inspect_app.i18n import t
from inspect_app.routes import photos_path
from inspect_app.session import AppSession, use_session
from inspect_app.viewmodels.photos import PhotoCard, PhotoGroup, PhotosViewModel
from inspect_app.views.scaffold import MUTED, error_strip, loading, screen, section_title

__all__ = ["GeneralPhotoAdder", "PhotosBody", "PhotosScreen"]

TILE = 176
"""Two tiles side by side on a 412 px phone."""


def _caption_dialog(vm: PhotosViewModel, card: PhotoCard, lang: str) -> None:
    page = ft.context.page
    field = ft.TextField(
        label=t("photos.caption", lang), value=card.caption, multiline=True, max_lines=4,
        text_size=16, autofocus=True,
    )  # fmt: skip

    async def save() -> None:
        page.pop_dialog()
        await vm.set_caption(card.id, field.value or "")

    page.show_dialog(
        ft.AlertDialog(
            title=ft.Text(t("photos.edit_caption", lang)),
            content=ft.Semantics(
                identifier="caption-field", content=ft.Container(field, width=480)
            ),
            actions=[
                ft.TextButton(t("common.cancel", lang), on_click=page.pop_dialog),
                ft.Semantics(
                    identifier="caption-save",
                    content=ft.FilledButton(t("common.save", lang), on_click=save),
                ),
            ],
        )
    )


def _detach_dialog(vm: PhotosViewModel, card: PhotoCard, lang: str) -> None:
    page = ft.context.page

    async def detach() -> None:
        page.pop_dialog()
        await vm.detach(card.id)

    page.show_dialog(
        ft.AlertDialog(
            modal=True,
            title=ft.Text(t("photos.detach_title", lang)),
            content=ft.Text(t("photos.detach_body", lang), size=16),
            actions=[
                ft.TextButton(t("common.cancel", lang), on_click=page.pop_dialog),
                ft.Semantics(
                    identifier="detach-confirm",
                    content=ft.FilledButton(
                        t("photos.detach", lang),
                        on_click=detach,
                        style=ft.ButtonStyle(bgcolor=ft.Colors.ERROR, color=ft.Colors.ON_ERROR),
                    ),
                ),
            ],
        )
    )


async def _full_size(vm: PhotosViewModel, card: PhotoCard, lang: str) -> None:
    page = ft.context.page
    data = await vm.full_size(card.id)
    if data is None:
        return
    width = max(280, min(1200, (page.width or 800) - 96))
    height = max(280, min(900, (page.height or 800) - 220))
    page.show_dialog(
        ft.AlertDialog(
            title=ft.Text(card.caption or t("photos.no_caption", lang), size=16),
            content=ft.Semantics(
                identifier="full-size",
                content=ft.Image(src=data, width=width, height=height, fit=ft.BoxFit.CONTAIN),
            ),
            content_padding=8,
            actions=[ft.TextButton(t("photos.close", lang), on_click=page.pop_dialog)],
        )
    )


def _tile(vm: PhotosViewModel, card: PhotoCard, lang: str) -> ft.Control:
    picture: ft.Control = (
        ft.Image(src=card.thumbnail, width=TILE, height=TILE, fit=ft.BoxFit.COVER)
        if card.thumbnail
        else ft.Column(
            [
                ft.Icon(ft.Icons.BROKEN_IMAGE_OUTLINED, size=40, color=MUTED),
                ft.Text(
                    t("photos.missing", lang), size=14, color=MUTED, text_align=ft.TextAlign.CENTER
                ),
            ],  # fmt: skip
            horizontal_alignment=ft.CrossAxisAlignment.CENTER,
            alignment=ft.MainAxisAlignment.CENTER,
        )
    )
    by = t("photos.by", lang, author=card.author_name, day=card.taken_text).strip(" ·")
    actions: list[ft.Control] = []
    if card.can_edit:
        actions = [
            ft.Semantics(
                identifier=f"caption-{card.id}",
                content=ft.IconButton(
                    ft.Icons.EDIT_OUTLINED,
                    tooltip=t("photos.edit_caption", lang),
                    on_click=partial(_caption_dialog, vm, card, lang),
                    width=48,
                    height=48,
                ),
            ),
            ft.Semantics(
                identifier=f"detach-{card.id}",
                content=ft.IconButton(
                    ft.Icons.LINK_OFF,
                    tooltip=t("photos.detach", lang),
                    on_click=partial(_detach_dialog, vm, card, lang),
                    width=48,
                    height=48,
                ),
            ),
        ]
    include = ft.Row(
        [
            ft.Semantics(
                identifier=f"include-{card.id}",
                content=ft.Switch(
                    value=card.include_in_report,
                    disabled=not card.can_edit,
                    on_change=partial(vm.set_include, card.id, not card.include_in_report),
                ),
            ),
            ft.Text(t("photos.in_report", lang), size=14, expand=True),
        ],
        spacing=4,
    )
    return ft.Semantics(
        identifier=f"photo-{card.id}",
        content=ft.Card(
            variant=ft.CardVariant.OUTLINED,
            margin=0,
            width=TILE + 2,
            content=ft.Column(
                [
                    ft.Container(
                        picture,
                        width=TILE,
                        height=TILE,
                        bgcolor=ft.Colors.SURFACE_CONTAINER_HIGH,
                        border_radius=ft.BorderRadius.only(top_left=12, top_right=12),
                        clip_behavior=ft.ClipBehavior.ANTI_ALIAS,
                        on_click=partial(_full_size, vm, card, lang),
                        tooltip=t("photos.open", lang),
                    ),
                    ft.Container(
                        ft.Column(
                            [
                                ft.Text(
                                    card.caption or t("photos.no_caption", lang),
                                    size=16,
                                    color=None if card.caption else MUTED,
                                    max_lines=3,
                                    overflow=ft.TextOverflow.ELLIPSIS,
                                ),
                                ft.Text(by, size=14, color=MUTED),
                                include,
                                ft.Row(actions, spacing=0),
                            ],
                            spacing=4,
                        ),
                        padding=ft.Padding.only(left=10, right=6, bottom=6),
                    ),
                ],
                spacing=6,
            ),
        ),
    )


def _group(vm: PhotosViewModel, group: PhotoGroup, lang: str) -> ft.Control:
    return ft.Semantics(
        identifier=f"photo-group-{group.criterion_id or 'general'}",
        content=ft.Column(
            [
                section_title(group.title),
                ft.Row(
                    [_tile(vm, c, lang) for c in group.photos],
                    wrap=True,
                    spacing=12,
                    run_spacing=12,
                    vertical_alignment=ft.CrossAxisAlignment.START,
                ),
            ],
            spacing=8,
        ),
    )


@ft.component
def GeneralPhotoAdder(vm: PhotosViewModel, lang: str) -> ft.Control:
    """Adds a general photo of the visit through the platform's file picker (kept alive)."""
    picker = ft.use_memo(ft.FilePicker, dependencies=[])

    async def pick() -> None:
        files = await picker.pick_files(file_type=ft.FilePickerFileType.IMAGE, with_data=True)
        for f in files or []:
            await vm.attach_general(f.bytes or b"")

    return ft.Semantics(
        identifier="add-general-photo",
        content=ft.FilledTonalButton(
            t("photos.add_general", lang),
            icon=ft.Icons.ADD_PHOTO_ALTERNATE_OUTLINED,
            on_click=pick,
            disabled=vm.pending,
            height=48,
        ),
    )


@ft.component
def PhotosBody(vm: PhotosViewModel, session: AppSession) -> ft.View:
    lang = session.lang
    vid = vm.inspection_id
    ft.use_effect(vm.load, dependencies=[vm])
    title = t("photos.title", lang)
    if vm.status == "loading":
        return screen(photos_path(vid), title, [loading()])
    if vm.status == "error" and not vm.groups:
        return screen(
            photos_path(vid), title, [error_strip(vm.error or "", lang, on_retry=vm.load)]
        )
    body: list[ft.Control] = []
    if vm.error:
        body.append(
            error_strip(vm.error, lang, on_dismiss=vm.clear_error, identifier="photos-error")
        )
    if vm.count:
        body.append(ft.Text(t("photos.count", lang, count=vm.count, unit=vm.unit_name), size=16,
                            color=MUTED))  # fmt: skip
    else:
        body.append(ft.Text(t("photos.empty", lang), size=16))
    body += [_group(vm, g, lang) for g in vm.groups]
    if vm.member_id:
        body.append(ft.Row([GeneralPhotoAdder(vm, lang)]))
    return screen(photos_path(vid), title, body)


@ft.component
def PhotosScreen() -> ft.View:
    session = use_session()
    vid = ft.use_route_params()["vid"]
    member = session.member_of(vid) or ""
    max_edge = session.settings.current.photo_max_edge
    vm = ft.use_memo(
        lambda: PhotosViewModel(
            store=session.store,
            inspection_id=vid,
            member_id=member,
            lang=session.lang,
            max_edge=max_edge,
        ),  # fmt: skip
        dependencies=[vid, member, session.lang],
    )
    return PhotosBody(vm=vm, session=session)
