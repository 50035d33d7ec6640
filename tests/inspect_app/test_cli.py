"""The `inspect-app` command's start-up failures: exit codes, messages, the packaged-app page."""

from __future__ import annotations

import socket
import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import flet as ft
import pytest

from inspect_app import main as app_main
from inspect_app.i18n import t
from inspect_app.store import InspectionStore, StoreLocked


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture
def busy_port() -> Iterator[int]:
    """A loopback port another program is listening on."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        sock.listen()
        yield int(sock.getsockname()[1])


def test_busy_port_exits_with_its_own_code_and_frees_the_folder(
    run_app: Callable[..., subprocess.CompletedProcess[bytes]], busy_port: int, tmp_path: Path
) -> None:
    data_dir = tmp_path / "data"
    result = run_app("--port", str(busy_port), "--data-dir", str(data_dir))
    stderr = result.stderr.decode("utf-8")
    assert result.returncode == app_main.EXIT_PORT_BUSY == 5, stderr
    assert f"Cổng {busy_port} đang được dùng" in stderr
    assert "hãy đóng ứng dụng kia hoặc dùng --port" in stderr.casefold()
    assert "Traceback" not in stderr
    InspectionStore.open(data_dir).close()  # the store was closed before exiting


def test_port_problem(busy_port: int) -> None:
    assert app_main.port_problem("127.0.0.1", free_port()) is None
    busy = app_main.port_problem("127.0.0.1", busy_port)
    assert busy is not None and f"Cổng {busy_port} đang được dùng" in busy
    unusable = app_main.port_problem("192.0.2.1", free_port())  # TEST-NET: not on this machine
    assert unusable is not None and "Không mở được cổng" in unusable


def test_locked_store_exits_3(tmp_path: Path) -> None:
    with InspectionStore.open(tmp_path / "data"), pytest.raises(SystemExit) as excinfo:
        app_main.run(["--data-dir", str(tmp_path / "data"), "--port", str(free_port())])
    assert excinfo.value.code == app_main.EXIT_STORE_LOCKED == 3


class FakePage:
    """Just what `configure_page` and the error view touch."""

    def __init__(self) -> None:
        self.controls: list[ft.Control] = []

    def add(self, *controls: ft.Control) -> None:
        self.controls.extend(controls)


def texts(control: Any) -> list[str]:
    """Every Text value under `control`."""
    found = [control.value] if isinstance(control, ft.Text) else []
    for child in (getattr(control, "content", None), *getattr(control, "controls", ())):
        if child is not None:
            found += texts(child)
    return found


def test_packaged_app_shows_a_store_error_instead_of_vanishing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    runs: list[tuple[Any, dict[str, Any]]] = []
    monkeypatch.setattr(app_main, "is_embedded", lambda: True)
    monkeypatch.setattr(ft, "run", lambda main, **kwargs: runs.append((main, kwargs)))
    data_dir = tmp_path / "data"
    with InspectionStore.open(data_dir):
        app_main.run(["--data-dir", str(data_dir)])  # returns: no SystemExit
    [(main, kwargs)] = runs
    assert kwargs == {}  # embedded: Flet picks the transport
    page = FakePage()
    main(page)
    shown = [s for c in page.controls for s in texts(c)]
    assert shown == [t("startup.error.title"), str(StoreLocked(data_dir)), t("startup.error.hint")]
    assert page.title == t("app.title")  # type: ignore[attr-defined]


@pytest.mark.parametrize("display", [True, False])
def test_desktop_serves_the_web_client_never_the_desktop_view(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, display: bool
) -> None:
    served: list[dict[str, Any]] = []
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    if display:
        monkeypatch.setenv("DISPLAY", ":0")
    else:
        monkeypatch.delenv("DISPLAY", raising=False)
    monkeypatch.setattr(ft, "run", lambda main, **kwargs: pytest.fail("Flet's own server ran"))
    monkeypatch.setattr(app_main, "serve_web_client", lambda main, **kwargs: served.append(kwargs))
    port = free_port()
    app_main.run(["--data-dir", str(tmp_path / "data"), "--port", str(port)])
    [kwargs] = served
    assert (kwargs["host"], kwargs["port"]) == ("127.0.0.1", port)
    # Headless: serve only; with a display, the system browser opens once the server is up.
    assert (kwargs["on_started"] is not None) is display
