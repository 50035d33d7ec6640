"""SyncStatusScreen (to be built)."""

from __future__ import annotations

import flet as ft

from inspect_app.session import use_session
from inspect_app.views.scaffold import placeholder

__all__ = ["SyncStatusScreen"]


@ft.component
def SyncStatusScreen() -> ft.View:
    return placeholder("/sync", "SyncStatusScreen", use_session().lang)
