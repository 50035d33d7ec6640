"""The app shell: one session per browser tab (or tablet), the route table, and back navigation.

`App` provides the `AppSession` to every screen and hands the address to Flet's Router, which
keeps one View per level of the address: the AppBar's back arrow, the Android back button and
the browser's back button all pop to the level above.
"""

from __future__ import annotations

from collections.abc import Callable

import flet as ft
from flet.components.hooks.use_ref import MutableRef

from inspect_app import routes
from inspect_app.config import AppConfig
from inspect_app.i18n import t
from inspect_app.session import AppSession, SessionContext, use_session
from inspect_app.settings import SettingsStore
from inspect_app.store import InspectionStore
from inspect_app.sync_service import SyncService
from inspect_app.views.conclusion import ConclusionScreen
from inspect_app.views.criterion import CriterionScreen
from inspect_app.views.documents_form import DocumentsFormScreen
from inspect_app.views.inspection_list import ListScreen
from inspect_app.views.new_visit import NewVisitScreen
from inspect_app.views.photos import PhotosScreen
from inspect_app.views.section import SectionScreen
from inspect_app.views.settings import SettingsScreen
from inspect_app.views.sync_status import SyncStatusScreen
from inspect_app.views.team_review import TeamReviewScreen
from inspect_app.views.visit import VisitScreen
from inspect_app.views.who_am_i import WhoAmIScreen
from sync.client.status import SyncStatus

__all__ = ["ROUTES", "App", "UnknownAddress"]

ROUTES = [
    ft.Route(
        component=ListScreen,
        children=[
            ft.Route(path=routes.NEW_VISIT, component=NewVisitScreen),
            ft.Route(path=routes.SETTINGS, component=SettingsScreen),
            ft.Route(path=routes.SYNC, component=SyncStatusScreen),
            ft.Route(
                path=routes.VISIT,
                component=VisitScreen,
                children=[
                    ft.Route(path=routes.WHO, component=WhoAmIScreen),
                    ft.Route(path=routes.PHOTOS, component=PhotosScreen),
                    ft.Route(path=routes.REVIEW, component=TeamReviewScreen),
                    ft.Route(path=routes.CONCLUSION, component=ConclusionScreen),
                    ft.Route(path=routes.DOCUMENTS, component=DocumentsFormScreen),
                    ft.Route(
                        path=routes.SECTION,
                        component=SectionScreen,
                        children=[ft.Route(path=routes.CRITERION, component=CriterionScreen)],
                    ),
                ],
            ),
        ],
    )
]


@ft.component
def UnknownAddress() -> ft.Control:
    """An address that names no screen (a stale bookmark): say so, offer the list."""
    lang = use_session().lang
    return ft.Column(
        [
            ft.Text(t("common.not_found", lang), size=18),
            ft.FilledButton(
                t("common.go_home", lang),
                icon=ft.Icons.HOME_OUTLINED,
                on_click=lambda: ft.context.page.navigate("/"),
            ),
        ],
        spacing=16,
    )


def _watch_sync(session: AppSession, service: SyncService | None) -> None:
    """While this session is open, show the sync worker's news in its `SyncPanel` (told on
    this session's event loop; unwatched when the session ends)."""
    unwatch: MutableRef[Callable[[], None] | None] = ft.use_ref(None)

    def show(status: SyncStatus | None) -> None:
        runner = service if status is not None else None
        session.sync.apply(status, session.lang, runner)

    async def watch() -> None:
        if service is not None and unwatch.current is None:
            unwatch.current = service.watch(show)

    def stop_watching() -> None:
        if unwatch.current is not None:
            unwatch.current()
            unwatch.current = None

    ft.use_effect(watch, dependencies=[session.lang], cleanup=stop_watching)


def _not_found_view() -> ft.Control:
    return UnknownAddress()


@ft.component
def App(
    store: InspectionStore,
    settings: SettingsStore,
    config: AppConfig,
    sync: SyncService | None = None,
) -> list[ft.View]:
    """The whole app for one session."""
    prefs = ft.use_memo(ft.SharedPreferences, dependencies=[])  # a strong reference (a service)
    session: AppSession = ft.use_memo(
        lambda: AppSession(
            store=store, settings=settings, lang=config.language, prefs=prefs, sync_service=sync
        ),
        dependencies=[],
    )
    ft.on_mounted(session.restore)
    _watch_sync(session, sync)
    # The Router must be made inside the provider: a component keeps the contexts in force
    # when it is created.
    views: list[ft.View] = SessionContext(
        session,
        lambda: ft.Router(ROUTES, not_found=_not_found_view, manage_views=True),  # type: ignore[arg-type,return-value]
    )
    return views
