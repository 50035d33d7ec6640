"""The criterion screen's photos: thumbnails of this criterion's evidence, add photo (the file
picker: a service kept alive by the component) and take photo (the camera dialog)."""

from __future__ import annotations

from functools import partial

import flet as ft

from inspect_app.i18n import t
from inspect_app.routes import photos_path
from inspect_app.viewmodels.criterion import CriterionViewModel, PhotoItem
from inspect_app.views.camera import open_camera
from inspect_app.views.scaffold import MUTED, error_strip, go_to, outlined_card, section_title

__all__ = ["PhotoAdder", "criterion_photos"]

THUMB = 112


def _thumb(photo: PhotoItem, vid: str) -> ft.Control:
    picture: ft.Control = (
        ft.Image(src=photo.thumbnail, width=THUMB, height=THUMB, fit=ft.BoxFit.COVER)
        if photo.thumbnail
        else ft.Icon(ft.Icons.BROKEN_IMAGE_OUTLINED, size=40, color=MUTED)
    )
    return ft.Semantics(
        identifier=f"thumb-{photo.id}",
        label=photo.caption or None,
        content=ft.Container(
            picture,
            width=THUMB,
            height=THUMB,
            border_radius=ft.BorderRadius.all(8),
            clip_behavior=ft.ClipBehavior.ANTI_ALIAS,
            bgcolor=ft.Colors.SURFACE_CONTAINER_HIGH,
            alignment=ft.Alignment.CENTER,
            on_click=go_to(photos_path(vid)),
            tooltip=photo.caption or None,
        ),
    )


@ft.component
def PhotoAdder(vm: CriterionViewModel, lang: str) -> ft.Control:
    """The "add photo" button: the platform's file picker (a service, kept by `use_memo`)."""
    picker = ft.use_memo(ft.FilePicker, dependencies=[])

    async def pick() -> None:
        files = await picker.pick_files(
            file_type=ft.FilePickerFileType.IMAGE, with_data=True, allow_multiple=False
        )
        for f in files or []:
            data = f.bytes
            if data is None and f.path:
                data = await vm.read_local_file(f.path)
            await vm.add_photo(data or b"")

    return ft.Semantics(
        identifier="add-photo",
        content=ft.FilledTonalButton(
            t("criterion.add_photo", lang),
            icon=ft.Icons.ADD_PHOTO_ALTERNATE_OUTLINED,
            on_click=pick,
            height=48,
            disabled=vm.attaching,
        ),
    )


def criterion_photos(vm: CriterionViewModel, lang: str) -> ft.Control:
    """The criterion's photos as thumbnails, refusals in words, "add photo" and "take photo"."""
    vid = vm.inspection_id
    controls: list[ft.Control] = [
        ft.Row(
            [
                section_title(t("criterion.photos", lang, count=len(vm.photos))),
                ft.TextButton(t("criterion.all_photos", lang), on_click=go_to(photos_path(vid))),
            ],
            alignment=ft.MainAxisAlignment.SPACE_BETWEEN,
            wrap=True,
        )
    ]
    if vm.photo_error:
        controls.append(
            error_strip(
                vm.photo_error, lang, on_dismiss=vm.clear_photo_error, identifier="photo-error"
            )
        )
    if vm.photos:
        controls.append(
            ft.Row([_thumb(p, vid) for p in vm.photos], wrap=True, spacing=8, run_spacing=8)
        )
    else:
        controls.append(ft.Text(t("criterion.no_photos", lang), size=16, color=MUTED))
    actions: list[ft.Control] = [
        PhotoAdder(vm, lang),
        ft.Semantics(
            identifier="take-photo",
            content=ft.OutlinedButton(
                t("criterion.take_photo", lang),
                icon=ft.Icons.PHOTO_CAMERA_OUTLINED,
                on_click=partial(open_camera, vm.add_photo, lang),
                disabled=vm.attaching,
                height=48,
            ),
        ),
    ]
    if vm.attaching:
        actions += [
            ft.ProgressRing(width=20, height=20),
            ft.Text(t("criterion.attaching", lang), size=14),
        ]
    controls.append(ft.Row(actions, wrap=True, vertical_alignment=ft.CrossAxisAlignment.CENTER))
    return outlined_card(controls, "criterion-photos")
