"""PhotosScreen (to be built)."""

from __future__ import annotations

import flet as ft

from inspect_app.routes import photos_path
from inspect_app.session import use_session
from inspect_app.views.scaffold import placeholder

__all__ = ["PhotosScreen"]


@ft.component
def PhotosScreen() -> ft.View:
    session = use_session()
    p = ft.use_route_params()
    return placeholder(photos_path(p["vid"]), "PhotosScreen", session.lang)
