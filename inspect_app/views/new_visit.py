"""NewVisitScreen (to be built)."""

from __future__ import annotations

import flet as ft

from inspect_app.session import use_session
from inspect_app.views.scaffold import placeholder

__all__ = ["NewVisitScreen"]


@ft.component
def NewVisitScreen() -> ft.View:
    return placeholder("/new", "NewVisitScreen", use_session().lang)
