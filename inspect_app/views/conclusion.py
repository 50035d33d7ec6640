"""ConclusionScreen (to be built)."""

from __future__ import annotations

import flet as ft

from inspect_app.routes import conclusion_path
from inspect_app.session import use_session
from inspect_app.views.scaffold import placeholder

__all__ = ["ConclusionScreen"]


@ft.component
def ConclusionScreen() -> ft.View:
    session = use_session()
    p = ft.use_route_params()
    return placeholder(conclusion_path(p["vid"]), "ConclusionScreen", session.lang)
