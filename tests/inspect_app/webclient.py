"""The app's web client in headless Chromium: opening a page, and waiting until it has painted.

Two things make browser tests flaky on a busy machine (Flet notes, §6.1):

* The accessibility tree comes before the paint. skwasm draws in a worker, so a control can be
  in the semantics tree seconds before it is on the canvas; a screenshot taken then is blank or
  shows the frame before. `wait_painted` polls screenshots until the frame has settled.
* A page left open on a stopped server shows Flet's "Working..." reconnect spinner, which burns
  most of a core in software rendering and starves the tests after it. The `app_page` fixture
  (conftest.py) closes every page before its server stops.
"""

from __future__ import annotations

import struct
import time
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

__all__ = [
    "AppPage",
    "NotPainted",
    "PAINT_TIMEOUT_S",
    "PHONE",
    "SETTLE_S",
    "TABLET",
    "is_one_colour",
    "open_page",
    "wait_painted",
]

TABLET = {"width": 1280, "height": 800}
PHONE = {"width": 390, "height": 844}
TIMEOUT_MS = 60_000
"""Playwright's limit for each step (load, find, click) of a page: generous for a busy CI box."""
PAINT_TIMEOUT_S = 60.0
"""How long `wait_painted` waits for a settled frame before failing."""
SETTLE_S = 1.0
"""A frame counts as settled once screenshots spanning this long all come out identical.

Longer than the gap between two frames of an animation (spinner, snackbar) even when the paint
worker is starved, so a frame caught mid-animation is not mistaken for the final one.
"""
POLL_S = 0.25


class NotPainted(AssertionError):
    """The page did not settle on a painted frame in time; `last_frame` is what it showed."""

    def __init__(self, message: str, last_frame: bytes | None) -> None:
        super().__init__(message)
        self.last_frame = last_frame


@dataclass
class AppPage:
    """One browser page on a running app, in its own browser context."""

    page: Any
    """Playwright's `Page`."""
    context: Any
    """The page's `BrowserContext` (closed with it)."""
    url: str
    requests: list[str] = field(default_factory=list)
    """Every URL the page attempted, finished or not (off-machine ones always fail)."""

    def screenshot(self, path: Path, *, changed_from: bytes | None = None) -> bytes:
        """Wait for a settled painted frame and save it to `path`; return the PNG.

        If the frame never settles, the last one is saved next to `path` as `*.not-painted.png`
        so the failure can be looked at.
        """
        try:
            png = wait_painted(self.page, changed_from=changed_from)
        except NotPainted as exc:
            if exc.last_frame is not None:
                path.with_suffix(".not-painted.png").write_bytes(exc.last_frame)
            raise
        path.write_bytes(png)
        return png

    def close(self) -> None:
        """Close the page and its context (idempotent)."""
        self.context.close()


def open_page(browser: Any, url: str, viewport: dict[str, int]) -> AppPage:
    """Load the app in a fresh context, turn on Flutter semantics, and record every request.

    Requests are recorded as attempted, not finished: the host-resolver rule makes every
    off-machine request fail, so a list of finished ones could never show one.
    """
    context = browser.new_context(viewport=viewport, locale="vi-VN")
    opened = AppPage(page=None, context=context, url=url)
    try:
        context.set_default_timeout(TIMEOUT_MS)
        context.on("request", lambda request: opened.requests.append(request.url))
        opened.page = page = context.new_page()
        page.goto(url)
        page.wait_for_selector("flt-semantics-placeholder", state="attached")
        page.evaluate("document.querySelector('flt-semantics-placeholder').click()")
        page.wait_for_selector("[flt-semantics-identifier]", state="attached")
    except BaseException:
        context.close()
        raise
    return opened


def wait_painted(
    page: Any,
    *,
    changed_from: bytes | None = None,
    timeout_s: float = PAINT_TIMEOUT_S,
    settle_s: float = SETTLE_S,
) -> bytes:
    """Screenshot the page until the frame is painted and settled; return that PNG.

    Painted: not all one colour (a canvas not drawn yet is blank). Settled: every screenshot
    over `settle_s` seconds came out byte-identical (so no spinner, no "Working..." screen, no
    animation half-way). With `changed_from` (the frame before an action), the frame must also
    differ from it, so the old screen still on the canvas does not count.
    """
    deadline = time.monotonic() + timeout_s
    frame: bytes | None = None
    since = time.monotonic()
    why = "no screenshot taken"
    while True:
        shot_at = time.monotonic()
        png = page.screenshot()
        if png != frame:
            frame, since = png, shot_at
        if is_one_colour(frame):
            why = "the canvas is all one colour (not painted yet)"
        elif frame == changed_from:
            why = "the frame has not changed from the one before the action"
        elif shot_at - since < settle_s:
            why = "the frame is still changing"
        else:
            return frame
        if time.monotonic() > deadline:
            raise NotPainted(f"no settled painted frame after {timeout_s:.0f} s: {why}", frame)
        time.sleep(POLL_S)


def is_one_colour(png: bytes) -> bool:
    """Whether a PNG (8-bit grey/RGB/RGBA, not interlaced) has every pixel the same colour.

    Checked without decoding the picture: if every pixel were the first one, each filtered
    scanline would be a known byte string, so rows are compared whole against those.
    """
    width, height, bpp, raw = _scanlines(png)
    stride = width * bpp
    pixel = raw[1 : 1 + bpp]
    half = bytes(b - b // 2 for b in pixel)  # pixel minus the floor of half of it, per byte
    rest = width - 1
    zeros = bytes(stride)
    # Scanlines by filter type (PNG spec §9.2), if all pixels equal `pixel`.
    first_row = {  # the row above counts as zeros
        0: pixel * width,
        1: pixel + zeros[bpp:],
        2: pixel * width,
        3: pixel + half * rest,
        4: pixel + zeros[bpp:],
    }
    later_rows = {  # the row above is `pixel` throughout
        0: pixel * width,
        1: pixel + zeros[bpp:],
        2: zeros,
        3: half + zeros[bpp:],
        4: zeros,
    }
    for y in range(height):
        start = y * (stride + 1)
        expected = (first_row if y == 0 else later_rows).get(raw[start])
        if expected is None or raw[start + 1 : start + 1 + stride] != expected:
            return False
    return True


def _scanlines(png: bytes) -> tuple[int, int, int, bytes]:
    """(width, height, bytes per pixel, decompressed filtered scanlines) of a PNG."""
    if png[:8] != b"\x89PNG\r\n\x1a\n":
        raise ValueError("not a PNG")
    pos, header, data = 8, b"", []
    while pos < len(png):
        length, kind = struct.unpack(">I4s", png[pos : pos + 8])
        body = png[pos + 8 : pos + 8 + length]
        if kind == b"IHDR":
            header = body
        elif kind == b"IDAT":
            data.append(body)
        pos += 12 + length
    width, height, depth, colour, _, _, interlace = struct.unpack(">IIBBBBB", header)
    channels = {0: 1, 2: 3, 4: 2, 6: 4}.get(colour)
    if depth != 8 or channels is None or interlace:
        raise ValueError(f"unsupported PNG: depth {depth}, colour type {colour}, {interlace=}")
    return width, height, channels, zlib.decompress(b"".join(data))
