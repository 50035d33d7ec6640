"""CriterionScreen (to be built)."""

from __future__ import annotations

import flet as ft

from inspect_app.routes import criterion_path
from inspect_app.session import use_session
from inspect_app.views.scaffold import placeholder

__all__ = ["CriterionScreen"]


@ft.component
def CriterionScreen() -> ft.View:
    session = use_session()
    p = ft.use_route_params()
    return placeholder(
        criterion_path(p["vid"], p["sid"], p["cid"]), "CriterionScreen", session.lang
    )
