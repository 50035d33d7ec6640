"""Entry point of the field app: reads the config, opens the store once, and runs Flet."""

from __future__ import annotations

import errno
import logging
import os
import socket
import sys
import webbrowser
from collections.abc import Callable, Sequence
from typing import NoReturn

import flet as ft
from flet.utils import is_embedded

from inspect_app import updates_guard
from inspect_app.app import App
from inspect_app.config import AppConfig, has_display, is_loopback, lan_warning, parse_args
from inspect_app.i18n import t
from inspect_app.settings import SettingsStore
from inspect_app.store import InspectionStore, StoreError, StoreLocked, TemplateFolder
from inspect_app.sync_service import SyncService
from inspect_app.views.startup_error import show_startup_error
from inspect_app.web import serve_web_client

__all__ = [
    "EXIT_PORT_BUSY",
    "EXIT_STORE_ERROR",
    "EXIT_STORE_LOCKED",
    "configure_page",
    "make_error_main",
    "make_main",
    "port_problem",
    "run",
]

logger = logging.getLogger("inspect_app")

EXIT_STORE_LOCKED = 3
EXIT_STORE_ERROR = 4
EXIT_PORT_BUSY = 5


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


def make_main(
    store: InspectionStore,
    config: AppConfig,
    *,
    templates: TemplateFolder | None = None,
    sync_service: Callable[[SyncService], None] | None = None,
) -> Callable[[ft.Page], None]:
    """Build Flet's per-session `main`: every browser session shares the one store, the
    settings and the one sync service (its worker starts here when an endpoint is set;
    `sync_service` is told it, so that the caller stops it on exit)."""

    updates_guard.install()  # a failing re-render must not freeze a session
    settings = SettingsStore(config.data_dir)
    service = SyncService(store, settings, config.data_dir, templates=templates)
    if sync_service is not None:
        sync_service(service)
    service.open()

    def main(page: ft.Page) -> None:
        configure_page(page, config.language)
        page.render_views(App, store=store, settings=settings, config=config, sync=service)

    return main


def make_error_main(message: str, config: AppConfig) -> Callable[[ft.Page], None]:
    """Flet's `main` for a store that could not be opened: a page saying why, nothing else."""

    def main(page: ft.Page) -> None:
        configure_page(page, config.language)
        show_startup_error(page, message, config.language)

    return main


def port_problem(host: str, port: int) -> str | None:
    """None when the web server will be able to listen on host:port, else why not (Vietnamese).

    Binds a throwaway socket with SO_REUSEADDR, as uvicorn does, so a port left in TIME_WAIT by
    the previous run counts as free. (Not on Windows, where that option lets two programs share
    a port and would hide a real conflict.)
    """
    try:
        family, kind, proto, _, address = socket.getaddrinfo(
            host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE
        )[0]
        with socket.socket(family, kind, proto) as sock:
            if os.name != "nt":
                sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            sock.bind(address)
    except OSError as exc:  # socket.gaierror included
        if exc.errno == errno.EADDRINUSE:
            return (
                f"Cổng {port} đang được dùng bởi một chương trình khác (có thể là ứng dụng này "
                "đang chạy ở cửa sổ khác). Hãy đóng ứng dụng kia hoặc dùng --port với số khác, "
                f"ví dụ --port {port + 1 if port < 65535 else 8551}."
            )
        return (
            f"Không mở được cổng {port} trên địa chỉ {host} ({exc.strerror or exc}). "
            "Hãy dùng --host hoặc --port khác."
        )
    return None


def _serve(main: Callable[[ft.Page], None], config: AppConfig) -> None:
    """Run Flet: embedded in the packaged app, otherwise our server for the bundled web client.

    Never Flet's desktop view: Flet 1.0 would pip-install `flet-desktop` and download its client
    at run time, which fails offline. With a display, the system browser opens on the app.
    The web server is `inspect_app.web`, not Flet's (compression, origin check, clean stop).
    """
    if is_embedded():  # type: ignore[no-untyped-call]
        ft.run(main)  # packaged app (APK): Flet decides the transport itself
        return
    if not is_loopback(config.host):
        logger.warning(lan_warning(config.host))
    url = f"http://{_url_host(config.host)}:{config.port}"
    logger.info("Serving the web client on %s", url)
    # Without a display (a server, CI, a container) there is no browser to open: only serve.
    opened = (lambda: webbrowser.open(url)) if has_display() else None
    serve_web_client(
        main, host=config.host, port=config.port, trusted_names=[config.host], on_started=opened
    )


def _url_host(host: str) -> str:
    """The address a browser on this machine uses for a server bound to `host`."""
    if host in ("", "0.0.0.0", "::", "*"):
        return "127.0.0.1"
    return f"[{host}]" if ":" in host else host


def _fail(message: str, code: int) -> NoReturn:
    sys.stderr.write(f"inspect-app: {message}\n")
    raise SystemExit(code)


def run(argv: Sequence[str] | None = None) -> None:
    """Console entry `inspect-app`: open the store, check the port, then serve.

    Exit codes: 3 the data folder is used by another app process, 4 any other store error,
    5 the port cannot be listened on. In the packaged app a store error shows a page instead.
    """
    logging.basicConfig(
        level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s"
    )
    if not os.getenv("FLET_LOG_LEVEL"):
        logging.getLogger("flet").setLevel(logging.WARNING)
    config = parse_args(argv)
    embedded = bool(is_embedded())  # type: ignore[no-untyped-call]
    try:
        # Templates published on the server and cached by sync open offline like bundled ones.
        templates = TemplateFolder.in_data_dir(config.data_dir)
        store = InspectionStore.open(config.data_dir, templates=templates.resolve)
    except StoreError as exc:
        if embedded:
            # No console on a tablet: an app that just vanished would say nothing at all.
            logger.error("could not open the store: %s", exc)
            ft.run(make_error_main(str(exc), config))
            return
        _fail(str(exc), EXIT_STORE_LOCKED if isinstance(exc, StoreLocked) else EXIT_STORE_ERROR)
    logger.info("Data folder: %s", config.data_dir)
    for problem in store.problems:
        logger.warning("Store problem: %s", problem)
    services: list[SyncService] = []
    try:
        busy = None if embedded else port_problem(config.host, config.port)
        if busy is not None:
            _fail(busy, EXIT_PORT_BUSY)
        _serve(make_main(store, config, templates=templates, sync_service=services.append), config)
    finally:
        for service in services:  # the worker stops before the store it writes closes
            service.close()
        store.close()


if __name__ == "__main__":
    run()
