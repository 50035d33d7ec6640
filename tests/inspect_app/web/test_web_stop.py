"""SIGTERM stops the real server promptly after a browser dropped its WebSocket; the folder frees.

The case that used to hang for ever: a WebSocket that closes before the Flet client registered
(a page closed or reloaded while loading). Flet's handler for it never returns, and uvicorn
waited for it on SIGTERM while the process kept the data folder locked.
"""

from __future__ import annotations

import asyncio
import os
import signal
import time
from collections.abc import Callable
from typing import Any

import pytest
import websockets

from tests.inspect_app.conftest import RunningApp
from tests.inspect_app.webclient import AppPage

StartApp = Callable[..., RunningApp]
OpenApp = Callable[..., tuple[AppPage, RunningApp]]

STOP_WITHIN_S = 5.0
"""The promise: gone this long after SIGTERM (the server's own watchdog fires at 4.5 s)."""
POLL_S = 0.05


def terminate_and_wait(app: RunningApp) -> float:
    """SIGTERM the server; poll until it has exited; return how long that took."""
    sent = time.monotonic()
    os.killpg(app.process.pid, signal.SIGTERM)
    while app.process.poll() is None:
        waited = time.monotonic() - sent
        if waited > STOP_WITHIN_S:
            pytest.fail(f"inspect-app still running {waited:.1f}s after SIGTERM:\n{app.log()}")
        time.sleep(POLL_S)
    return time.monotonic() - sent


def assert_stopped_cleanly_and_folder_free(app: RunningApp, start_app: StartApp) -> None:
    assert app.process.returncode == 0, app.log()  # the graceful path, not the watchdog
    assert "exiting now" not in app.log()
    second = start_app(app.data_dir)  # fails the test if the folder is still locked
    assert second.process.poll() is None, second.log()


def test_sigterm_after_a_socket_left_before_registering(start_app: StartApp) -> None:
    app = start_app()

    async def connect_and_leave() -> None:
        async with websockets.connect(app.url.replace("http://", "ws://") + "/ws"):
            pass  # closes without ever sending Flet's register message

    asyncio.run(connect_and_leave())
    terminate_and_wait(app)
    assert_stopped_cleanly_and_folder_free(app, start_app)


@pytest.mark.browser
def test_sigterm_after_a_chromium_page_closed_abruptly(
    app_page: OpenApp, start_app: StartApp
) -> None:
    tab, app = app_page()
    page: Any = tab.page
    # The app is up in the page; the page also opens a second socket, as a reload mid-load
    # would, and the page is then closed with both sockets open and no goodbye to the app.
    ws_url = app.url.replace("http://", "ws://") + "/ws"
    state = page.evaluate(
        """url => new Promise(done => {
            const ws = new WebSocket(url);
            ws.onopen = () => done("open");
            ws.onerror = () => done("error");
        })""",
        ws_url,
    )
    assert state == "open"
    tab.page.close(run_before_unload=False)
    tab.close()
    terminate_and_wait(app)
    assert_stopped_cleanly_and_folder_free(app, start_app)
