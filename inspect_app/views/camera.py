"""Take an evidence photo with the device's camera (flet-camera): a dialog with the live preview
and a shutter button; the JPEG goes to the caller (which processes and attaches it).

The camera works in the APK and in a browser on a secure address (localhost or HTTPS); where it
cannot be opened, the dialog says so and points to "add photo" (the file picker).
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable

import flet as ft
import flet_camera as fc  # type: ignore[import-untyped]

from inspect_app.i18n import t

__all__ = ["open_camera"]

_CAMERA_ERRORS = (RuntimeError, TimeoutError, LookupError, ValueError, asyncio.CancelledError)


async def open_camera(on_picture: Callable[[bytes], Awaitable[object]], lang: str) -> None:
    """Show the camera dialog; `on_picture(jpeg)` is awaited after the shutter is pressed."""
    page = ft.context.page
    camera = fc.Camera(preview_enabled=True, expand=True)
    status = ft.Text("", size=16)

    async def shoot() -> None:
        try:
            data = await camera.take_picture()
        except _CAMERA_ERRORS:
            _say(status, t("criterion.camera_none", lang))
            return
        page.pop_dialog()
        await on_picture(data)

    shutter = ft.FilledButton(
        t("criterion.camera_shoot", lang),
        icon=ft.Icons.CAMERA_ALT,
        on_click=shoot,
        height=48,
        disabled=True,  # until the camera is ready
    )
    width = max(280, min(720, (page.width or 800) - 96))
    page.show_dialog(
        ft.AlertDialog(
            title=ft.Text(t("criterion.camera_title", lang)),
            content=ft.Column(
                [ft.Container(camera, width=width, height=width * 3 // 4), status],
                tight=True,
                spacing=8,
            ),
            actions=[
                ft.TextButton(t("common.cancel", lang), on_click=page.pop_dialog),
                ft.Semantics(identifier="camera-shoot", content=shutter),
            ],
        )
    )
    try:
        cameras = await camera.get_available_cameras()
        back = next(
            (c for c in cameras if c.lens_direction == fc.CameraLensDirection.BACK),
            cameras[0],  # IndexError when there is none
        )
        await camera.initialize(back, fc.ResolutionPreset.VERY_HIGH, enable_audio=False)
    except (*_CAMERA_ERRORS, IndexError):
        _say(status, t("criterion.camera_none", lang))
        return
    shutter.disabled = False
    _refresh(shutter)


def _say(text: ft.Text, message: str) -> None:
    text.value = message
    text.color = ft.Colors.ERROR
    _refresh(text)


def _refresh(control: ft.Control) -> None:
    try:
        control.update()
    except RuntimeError:  # the dialog was closed meanwhile
        pass
