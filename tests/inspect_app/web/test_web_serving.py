"""The real `inspect-app` server over HTTP and WebSocket: compressed, revalidated, same-origin.

Each test starts the installed console script on a free loopback port (conftest `start_app`).
"""

from __future__ import annotations

import asyncio
import gzip
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import requests
import websockets
from flet_web import get_package_web_dir
from websockets.exceptions import InvalidStatus

from inspect_app.config import lan_refusal, lan_warning
from tests.inspect_app.conftest import RunningApp
from tests.inspect_app.webclient import AppPage

StartApp = Callable[..., RunningApp]
WEB_DIR = Path(get_package_web_dir())
GZIP = {"Accept-Encoding": "gzip"}
CLIENT_FILES = [
    "main.dart.wasm",
    "main.dart.mjs",
    "main.dart.js",
    "flutter_bootstrap.js",
    "canvaskit/skwasm.wasm",
    "canvaskit/skwasm.js",
    "assets/fonts/MaterialIcons-Regular.otf",
]
"""Files the browser loads that are shipped as they are (index.html is patched per run)."""


def fetch(url: str, **headers: str) -> requests.Response:
    """GET without decoding: `.content` is what went over the wire."""
    response = requests.get(url, headers=headers, timeout=60, stream=True)
    response.raw.decode_content = False
    response._content = response.raw.read()  # noqa: SLF001 - the raw bytes, not decoded
    return response


def test_client_files_go_out_gzipped_and_unchanged(start_app: StartApp) -> None:
    app = start_app()
    for name in CLIENT_FILES:
        response = fetch(f"{app.url}/{name}", **GZIP)
        assert response.status_code == 200, name
        assert response.headers.get("content-encoding") == "gzip", name
        assert "Accept-Encoding" in response.headers.get("vary", ""), name
        original = (WEB_DIR / name).read_bytes()
        assert gzip.decompress(response.content) == original, name
        assert len(response.content) < 0.9 * len(original), name


def test_index_goes_out_gzipped_and_a_client_without_gzip_gets_it_plain(
    start_app: StartApp,
) -> None:
    app = start_app()
    packed = fetch(f"{app.url}/", **GZIP)
    assert packed.headers.get("content-encoding") == "gzip"
    page = gzip.decompress(packed.content).decode()
    assert "flet.noCdn=true;" in page  # Flet's no-CDN patch survived the compression
    plain = fetch(f"{app.url}/", **{"Accept-Encoding": "identity"})
    assert "content-encoding" not in plain.headers
    assert plain.content.decode() == page
    assert plain.headers["etag"] != packed.headers["etag"]  # two representations, two tags


@pytest.mark.parametrize("name", ["", "main.dart.wasm", "assets/FontManifest.json"])
def test_a_reload_revalidates_and_gets_304_without_a_body(start_app: StartApp, name: str) -> None:
    app = start_app()
    first = fetch(f"{app.url}/{name}", **GZIP)
    assert first.headers["cache-control"] == "no-cache"  # not versioned: always ask first
    etag = first.headers["etag"]
    again = fetch(f"{app.url}/{name}", **GZIP, **{"If-None-Match": etag})
    assert again.status_code == 304
    assert again.content == b""
    assert again.headers["etag"] == etag
    stale = fetch(f"{app.url}/{name}", **GZIP, **{"If-None-Match": '"not-this-one"'})
    assert stale.status_code == 200 and stale.content == first.content


def test_the_font_manifest_lists_no_katex_fonts(start_app: StartApp) -> None:
    app = start_app()
    families = [f["family"] for f in requests.get(f"{app.url}/assets/FontManifest.json").json()]
    assert "MaterialIcons" in families and "Roboto" in families
    assert not [f for f in families if "KaTeX" in f]


def test_no_response_allows_every_origin(start_app: StartApp) -> None:
    app = start_app()
    for path in ["/", "/main.dart.wasm", "/inspect/1", "/missing.png", "/ws"]:
        response = requests.get(f"{app.url}{path}", headers={"Origin": "http://evil.example"})
        assert "access-control-allow-origin" not in response.headers, path
        if path != "/ws":  # skwasm needs cross-origin isolation
            assert response.headers["cross-origin-embedder-policy"] == "require-corp", path


@pytest.mark.parametrize("path", ["/docs", "/redoc", "/openapi.json", "/docs/oauth2-redirect"])
def test_fastapi_docs_are_not_served(start_app: StartApp, path: str) -> None:
    app = start_app()
    response = requests.get(f"{app.url}{path}", timeout=30)
    assert response.status_code == 404
    assert "swagger" not in response.text.casefold()


async def handshake(url: str, origin: str | None) -> str:
    """Open `/ws` with this Origin: "open", or the refusal's HTTP status."""
    try:
        async with websockets.connect(f"{url}/ws", origin=origin, open_timeout=30):  # type: ignore[arg-type]
            return "open"
    except InvalidStatus as exc:
        return f"HTTP {exc.response.status_code}"


def test_the_websocket_refuses_a_foreign_origin_and_accepts_its_own(start_app: StartApp) -> None:
    app = start_app()
    ws_url = app.url.replace("http://", "ws://")
    port = app.url.rsplit(":", 1)[1]

    async def attempts() -> dict[str | None, str]:
        origins = [
            "http://evil.example",
            "http://127.0.0.1:1",
            f"http://evil.example:{port}",
            app.url,
            None,
        ]
        return {origin: await handshake(ws_url, origin) for origin in origins}

    assert asyncio.run(attempts()) == {
        "http://evil.example": "HTTP 403",
        "http://127.0.0.1:1": "HTTP 403",
        f"http://evil.example:{port}": "HTTP 403",
        app.url: "open",
        None: "open",
    }


def test_a_host_others_can_reach_is_refused_without_allow_lan(
    run_app: Callable[..., subprocess.CompletedProcess[bytes]], tmp_path: Path
) -> None:
    result = run_app("--host", "0.0.0.0", "--data-dir", str(tmp_path / "data"))
    assert result.returncode == 2
    assert lan_refusal("0.0.0.0") in result.stderr.decode("utf-8")
    assert not (tmp_path / "data").exists()  # refused before touching the data folder


def test_allow_lan_serves_with_a_warning(start_app: StartApp, tmp_path: Path) -> None:
    app = start_app(tmp_path / "data", "--host", "0.0.0.0", "--allow-lan")
    assert requests.get(f"{app.url}/", timeout=30).status_code == 200
    assert lan_warning("0.0.0.0") in app.log()


RESOURCE_SIZES = """() => Object.fromEntries(performance.getEntriesByType("resource").map(e =>
    [new URL(e.name).pathname, [e.transferSize, e.encodedBodySize, e.decodedBodySize]]))"""
"""Per path: bytes on the wire (headers too), body as sent, body unpacked (Resource Timing)."""
EMPTY_STATE = '[flt-semantics-identifier="load-sample"]'


def wait_for_empty_state(page: Any, *, turn_on_semantics: bool) -> dict[str, list[int]]:
    """Wait for the empty state's button (semantics on first if asked); the resource sizes."""
    if turn_on_semantics:  # `open_page` has done it for the first load
        page.wait_for_selector("flt-semantics-placeholder", state="attached")
        page.evaluate("document.querySelector('flt-semantics-placeholder').click()")
    page.wait_for_selector(EMPTY_STATE, state="attached")
    sizes: dict[str, list[int]] = page.evaluate(RESOURCE_SIZES)
    return sizes


@pytest.mark.browser
def test_in_chromium_the_client_comes_gzipped_without_katex_and_a_reload_only_revalidates(
    app_page: Callable[..., tuple[AppPage, RunningApp]], screenshots_dir: Path
) -> None:
    tab, _ = app_page()
    first = wait_for_empty_state(tab.page, turn_on_semantics=False)
    _, packed, unpacked = first["/main.dart.wasm"]
    assert packed < 0.5 * unpacked  # the browser got it gzipped
    assert not [url for url in tab.requests if "katex" in url.casefold()]
    assert [url for url in tab.requests if url.endswith("MaterialIcons-Regular.otf")]
    tab.screenshot(screenshots_dir / "web-serving-empty-tablet.png")  # painted: fonts, icons

    tab.page.reload()
    again = wait_for_empty_state(tab.page, turn_on_semantics=True)
    for path in ("/main.dart.wasm", "/canvaskit/skwasm.wasm", "/main.dart.mjs"):
        wire, _, _ = again[path]
        assert wire < 1_000, f"{path}: {wire} bytes on reload, not a 304"
