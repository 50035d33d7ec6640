"""TeamReviewScreen (to be built)."""

from __future__ import annotations

import flet as ft

from inspect_app.routes import review_path
from inspect_app.session import use_session
from inspect_app.views.scaffold import placeholder

__all__ = ["TeamReviewScreen"]


@ft.component
def TeamReviewScreen() -> ft.View:
    session = use_session()
    p = ft.use_route_params()
    return placeholder(review_path(p["vid"]), "TeamReviewScreen", session.lang)
