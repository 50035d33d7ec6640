"""Developer tool: drive a running app in headless Chromium and save screenshots.

    uv run python tools/shoot.py URL OUTDIR WIDTHxHEIGHT [steps...]

Each step is `click:NAME` (by accessible name or semantics identifier `#id`), `goto:/path`,
`type:TEXT`, `shot:NAME` (screenshot at each viewport is taken only by `shot`), `wait:TEXT`.
"""

from __future__ import annotations

import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from tests.inspect_app.conftest import CHROMIUM, CHROMIUM_ARGS  # noqa: E402
from tests.inspect_app.webclient import open_page  # noqa: E402


def main() -> None:
    url, out = sys.argv[1], Path(sys.argv[2])
    out.mkdir(parents=True, exist_ok=True)
    width, height = (
        int(x) for x in (sys.argv[3].split("x") if "x" in sys.argv[3] else (1280, 800))
    )
    steps = sys.argv[4:]
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        app = open_page(browser, url, {"width": width, "height": height})
        page = app.page
        last = None
        for step in steps:
            kind, _, arg = step.partition(":")
            if kind == "click":
                loc = (
                    page.locator(f'[flt-semantics-identifier="{arg[1:]}"]')
                    if arg.startswith("#")
                    else page.get_by_label(arg).or_(page.get_by_role("button", name=arg))
                )
                loc.first.click()
            elif kind == "goto":
                page.goto(url.rstrip("/") + arg)
                page.wait_for_selector("flt-semantics-placeholder", state="attached")
                page.evaluate("document.querySelector('flt-semantics-placeholder')?.click()")
            elif kind == "type":
                page.keyboard.type(arg)
            elif kind == "wait":
                page.get_by_label(arg).or_(
                    page.locator("flt-semantics-host").get_by_text(arg)
                ).first.wait_for(timeout=30000)
            elif kind == "shot":
                last = app.screenshot(out / f"{arg}-{width}x{height}.png", changed_from=last)
                print("saved", out / f"{arg}-{width}x{height}.png")
        app.close()
        browser.close()


if __name__ == "__main__":
    main()
