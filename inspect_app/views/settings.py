"""SettingsScreen (to be built)."""

from __future__ import annotations

import flet as ft

from inspect_app.session import use_session
from inspect_app.views.scaffold import placeholder

__all__ = ["SettingsScreen"]


@ft.component
def SettingsScreen() -> ft.View:
    return placeholder("/settings", "SettingsScreen", use_session().lang)
