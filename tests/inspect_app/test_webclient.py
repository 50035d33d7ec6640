"""The browser helpers tell a painted, settled frame from a blank or a moving one."""

from __future__ import annotations

import struct
import zlib
from collections.abc import Iterator
from typing import Any

import pytest

from tests.inspect_app.webclient import NotPainted, is_one_colour, wait_painted

TICKING = """
<h1 id="clock"></h1>
<script>
  (function tick() {
    clock.textContent = performance.now().toFixed(1);
    requestAnimationFrame(tick);
  })();
</script>
"""
"""A page that never looks the same twice (a spinner could, every full turn)."""


def png(rows: list[bytes], width: int) -> bytes:
    """An 8-bit RGB PNG from already-filtered scanlines (filter byte first)."""

    def chunk(kind: bytes, body: bytes) -> bytes:
        crc = zlib.crc32(kind + body)
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", crc)

    header = struct.pack(">IIBBBBB", width, len(rows), 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"".join(rows)))
        + chunk(b"IEND", b"")
    )


@pytest.fixture
def blank_page(browser: Any) -> Iterator[Any]:
    """A plain page in its own context, closed after the test."""
    context = browser.new_context(viewport={"width": 640, "height": 400})
    yield context.new_page()
    context.close()


def test_a_hand_made_png_in_one_colour_is_seen_as_one_colour() -> None:
    assert is_one_colour(png([b"\x00" + b"\x10\x20\x30" * 4] * 3, width=4))


def test_a_hand_made_png_with_one_odd_pixel_is_not_one_colour() -> None:
    rows = [b"\x00" + b"\x10\x20\x30" * 4] * 2 + [b"\x00" + b"\x10\x20\x30" * 3 + b"\x10\x20\x31"]
    assert not is_one_colour(png(rows, width=4))


@pytest.mark.browser
@pytest.mark.parametrize("colour", ["#ffffff", "#000000", "#7f3a11", "#01fe80"])
def test_chromium_screenshots_of_a_plain_colour_are_one_colour(
    blank_page: Any, colour: str
) -> None:
    blank_page.set_content(f"<body style='margin:0;background:{colour}'></body>")
    assert is_one_colour(blank_page.screenshot())


@pytest.mark.browser
@pytest.mark.parametrize("x,y", [(0, 0), (639, 399), (320, 0), (0, 200)])
def test_one_odd_pixel_anywhere_is_not_one_colour(blank_page: Any, x: int, y: int) -> None:
    blank_page.set_content(
        "<body style='margin:0;background:#7f3a11'>"
        f"<div style='position:fixed;left:{x}px;top:{y}px;width:1px;height:1px;"
        "background:#7f3a12'></div></body>"
    )
    assert not is_one_colour(blank_page.screenshot())


@pytest.mark.browser
def test_a_still_page_with_content_counts_as_painted(blank_page: Any) -> None:
    blank_page.set_content("<h1>Cuộc kiểm tra</h1>")
    assert wait_painted(blank_page, timeout_s=20) == blank_page.screenshot()


@pytest.mark.browser
def test_a_blank_page_never_counts_as_painted(blank_page: Any) -> None:
    blank_page.set_content("<body></body>")
    with pytest.raises(NotPainted, match="one colour") as caught:
        wait_painted(blank_page, timeout_s=3)
    assert caught.value.last_frame is not None and is_one_colour(caught.value.last_frame)


@pytest.mark.browser
def test_a_page_that_keeps_changing_never_counts_as_settled(blank_page: Any) -> None:
    blank_page.set_content(TICKING)
    with pytest.raises(NotPainted, match="still changing"):
        wait_painted(blank_page, timeout_s=4)


@pytest.mark.browser
def test_a_frame_unchanged_since_the_action_does_not_count(blank_page: Any) -> None:
    blank_page.set_content("<h1>Trước</h1>")
    before = wait_painted(blank_page, timeout_s=20)
    with pytest.raises(NotPainted, match="not changed"):
        wait_painted(blank_page, changed_from=before, timeout_s=3)
    blank_page.set_content("<h1>Sau</h1>")
    assert wait_painted(blank_page, changed_from=before, timeout_s=20) != before
