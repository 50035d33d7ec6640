"""Entry point of the field app: reads the config, opens the store once, and runs Flet."""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Callable, Sequence

import flet as ft
from flet.utils import is_embedded, is_linux_server

from inspect_app.config import AppConfig, has_display, parse_args
from inspect_app.i18n import t
from inspect_app.store import InspectionStore, StoreError, StoreLocked
from inspect_app.viewmodels.inspection_list import InspectionListViewModel
from inspect_app.views.inspection_list import InspectionListView

__all__ = ["configure_page", "make_main", "run"]

logger = logging.getLogger("inspect_app")

EXIT_STORE_LOCKED = 3
EXIT_STORE_ERROR = 4


def configure_page(page: ft.Page, lang: str) -> None:
    """Title, Material 3 teal theme and the Vietnamese (or English) locale."""
    page.title = t("app.title", lang)
    page.theme = ft.Theme(color_scheme_seed=ft.Colors.TEAL, use_material3=True)
    page.dark_theme = ft.Theme(color_scheme_seed=ft.Colors.TEAL, use_material3=True)
    # Light by default: it reads better outdoors, where inspections happen.
    page.theme_mode = ft.ThemeMode.LIGHT
    vi, en = ft.Locale("vi", "VN"), ft.Locale("en", "US")
    page.locale_configuration = ft.LocaleConfiguration(
        supported_locales=[vi, en], current_locale=en if lang == "en" else vi
    )


def make_main(store: InspectionStore, config: AppConfig) -> Callable[[ft.Page], None]:
    """Build Flet's per-session `main`: every browser session shares the one store."""

    def main(page: ft.Page) -> None:
        configure_page(page, config.language)
        vm = InspectionListViewModel(store=store)
        page.render_views(InspectionListView, vm=vm, lang=config.language)

    return main


def _serve(main: Callable[[ft.Page], None], config: AppConfig) -> None:
    """Run Flet: the offline web client when headless, the platform's app view otherwise."""
    if is_embedded():  # type: ignore[no-untyped-call]
        ft.run(main)  # packaged app (APK): Flet decides the transport itself
    elif not has_display() or is_linux_server():  # type: ignore[no-untyped-call]
        logger.info("Serving the web client on http://%s:%d", config.host, config.port)
        ft.run(
            main,
            view=ft.AppView.WEB_BROWSER,
            host=config.host,
            port=config.port,
            no_cdn=True,  # CanvasKit and fonts come from flet-web, not a CDN
        )
    else:
        ft.run(main)


def run(argv: Sequence[str] | None = None) -> None:
    """Console entry `inspect-app`: open the store (exit non-zero if locked), then serve."""
    logging.basicConfig(
        level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s"
    )
    if not os.getenv("FLET_LOG_LEVEL"):
        logging.getLogger("flet").setLevel(logging.WARNING)
    config = parse_args(argv)
    try:
        store = InspectionStore.open(config.data_dir)
    except StoreLocked as exc:
        sys.stderr.write(f"inspect-app: {exc}\n")
        raise SystemExit(EXIT_STORE_LOCKED) from None
    except StoreError as exc:
        sys.stderr.write(f"inspect-app: {exc}\n")
        raise SystemExit(EXIT_STORE_ERROR) from None
    logger.info("Data folder: %s", config.data_dir)
    for problem in store.problems:
        logger.warning("Store problem: %s", problem)
    try:
        _serve(make_main(store, config), config)
    finally:
        store.close()


if __name__ == "__main__":
    run()
