"""The pure parts of static serving: Accept-Encoding parsing and the pruned font manifest."""

from __future__ import annotations

import json

import pytest
from starlette.datastructures import Headers

from inspect_app.web.static import accepts_gzip, prune_font_manifest


@pytest.mark.parametrize(
    "accept,expected",
    [
        ("gzip, deflate, br, zstd", True),
        ("br;q=1.0, gzip;q=0.8", True),
        ("*", True),
        ("gzip;q=0", False),
        ("gzip; q=0.0", False),
        ("identity", False),
        ("", False),
        ("gzipx", False),
    ],
)
def test_accepts_gzip(accept: str, expected: bool) -> None:
    assert accepts_gzip(Headers({"accept-encoding": accept})) is expected


def test_the_font_manifest_loses_katex_and_keeps_icons_and_text_fonts() -> None:
    manifest = [
        {"family": "MaterialIcons", "fonts": [{"asset": "fonts/MaterialIcons-Regular.otf"}]},
        {"family": "packages/flutter_math_fork/KaTeX_Main", "fonts": [{"asset": "k.ttf"}]},
        {"family": "packages/flutter_math_fork/KaTeX_AMS", "fonts": [{"asset": "a.ttf"}]},
        {"family": "packages/cupertino_icons/CupertinoIcons", "fonts": [{"asset": "c.ttf"}]},
        {"family": "Roboto", "fonts": [{"asset": "fonts/roboto.woff2"}]},
    ]
    pruned = json.loads(prune_font_manifest(json.dumps(manifest).encode()))
    assert [f["family"] for f in pruned] == [
        "MaterialIcons",
        "packages/cupertino_icons/CupertinoIcons",
        "Roboto",
    ]
