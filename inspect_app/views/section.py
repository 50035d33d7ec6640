"""SectionScreen (to be built)."""

from __future__ import annotations

import flet as ft

from inspect_app.routes import section_path
from inspect_app.session import use_session
from inspect_app.views.scaffold import placeholder

__all__ = ["SectionScreen"]


@ft.component
def SectionScreen() -> ft.View:
    session = use_session()
    p = ft.use_route_params()
    return placeholder(section_path(p["vid"], p["sid"]), "SectionScreen", session.lang)
