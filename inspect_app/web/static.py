"""The web client's files, gzip-compressed once per process and revalidated with an ETag on reload.

Flet's file names carry no content hash (`main.dart.wasm` keeps its name across versions), so
nothing may be cached blind: every response says `Cache-Control: no-cache`, and a reload costs a
304 per file instead of the 8.5 MB wasm again. Text-like files (wasm, js, fonts, json, html) go
out gzipped when the browser accepts it; the gzip body is computed on first request, in a
thread, and kept in memory (about 5 MB for what the client loads).

The font manifest is served without the KaTeX math fonts: they exist for `flutter_math_fork`
(LaTeX in Markdown), which this app never shows, and Flutter otherwise downloads every font the
manifest lists at start-up.
"""

from __future__ import annotations

import asyncio
import gzip
import hashlib
import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from flet_web.fastapi import FletStaticFiles
from starlette.datastructures import Headers
from starlette.responses import FileResponse, Response
from starlette.staticfiles import NotModifiedResponse
from starlette.types import Scope

__all__ = [
    "CACHE_CONTROL",
    "COMPRESSIBLE",
    "UNUSED_FONT_PREFIXES",
    "CompressedStaticFiles",
    "accepts_gzip",
    "prune_font_manifest",
]

CACHE_CONTROL = "no-cache"
"""Keep, but ask the server before each use: names are not versioned, a 304 is ~200 bytes."""
COMPRESSIBLE = frozenset(
    {".wasm", ".js", ".mjs", ".html", ".json", ".css", ".svg", ".otf", ".ttf", ".txt", ".map"}
)
"""Suffixes worth gzipping (woff2, png and friends are compressed already)."""
UNUSED_FONT_PREFIXES = ("packages/flutter_math_fork/",)
"""Font families in Flet's manifest that this app never draws with (KaTeX, for LaTeX)."""
FONT_MANIFEST = "FontManifest.json"
GZIP_LEVEL = 9
"""The best ratio: it costs ~1 s of CPU once per process for the 8.5 MB wasm."""


@dataclass(frozen=True)
class _Body:
    """One representation of a file held in memory, with its strong ETag."""

    data: bytes
    etag: str

    @classmethod
    def of(cls, data: bytes) -> _Body:
        return cls(data, f'"{hashlib.sha256(data).hexdigest()[:32]}"')


@dataclass(frozen=True)
class _Encoded:
    """What is kept per file: a rewritten plain body (or None: stream the file) and gzip."""

    plain: _Body | None
    gzipped: _Body | None


def accepts_gzip(headers: Headers) -> bool:
    """Whether `Accept-Encoding` allows gzip (`gzip;q=0` refuses it)."""
    for item in headers.get("accept-encoding", "").split(","):
        name, _, params = item.strip().partition(";")
        if name.strip().lower() in ("gzip", "*"):
            q = params.strip().removeprefix("q=")
            try:
                return not params or float(q) > 0
            except ValueError:
                return False
    return False


def prune_font_manifest(data: bytes) -> bytes:
    """Flutter's FontManifest.json without the families in `UNUSED_FONT_PREFIXES`."""
    families: list[dict[str, Any]] = json.loads(data)
    kept = [f for f in families if not str(f.get("family", "")).startswith(UNUSED_FONT_PREFIXES)]
    return json.dumps(kept, separators=(",", ":")).encode()


def _encode(path: str) -> _Encoded:
    """Read a file once and prepare what is served of it (runs in a worker thread)."""
    data = Path(path).read_bytes()
    plain = None
    if os.path.basename(path) == FONT_MANIFEST:
        data = prune_font_manifest(data)
        plain = _Body.of(data)
    packed = gzip.compress(data, GZIP_LEVEL, mtime=0)
    # Not worth a Content-Encoding when it saves under a tenth.
    gzipped = _Body.of(packed) if len(packed) < 0.9 * len(data) else None
    return _Encoded(plain, gzipped)


class CompressedStaticFiles(FletStaticFiles):  # type: ignore[misc]
    """Flet's static files (its index patching, SPA fallback), gzipped and revalidated."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._encoded: dict[tuple[str, int, int], _Encoded] = {}
        self._locks: dict[tuple[str, int, int], asyncio.Lock] = {}

    def file_response(
        self,
        full_path: str | os.PathLike[str],
        stat_result: os.stat_result,
        scope: Scope,
        status_code: int = 200,
    ) -> Response:
        # The 304 check happens in get_response, once the representation (and ETag) is known.
        return FileResponse(full_path, status_code=status_code, stat_result=stat_result)

    async def get_response(self, path: str, scope: Scope) -> Response:
        response: Response = await super().get_response(path, scope)
        if not isinstance(response, FileResponse) or response.stat_result is None:
            return response
        request = Headers(scope=scope)
        chosen = await self._representation(
            response, response.stat_result, gzip_ok=accepts_gzip(request)
        )
        chosen.headers["cache-control"] = CACHE_CONTROL
        if self.is_not_modified(chosen.headers, request):
            return NotModifiedResponse(chosen.headers)
        return chosen

    async def _representation(
        self, response: FileResponse, stat: os.stat_result, *, gzip_ok: bool
    ) -> Response:
        """The gzip body, the rewritten body, or the file itself, with a matching ETag."""
        path = str(response.path)
        if Path(path).suffix.lower() not in COMPRESSIBLE:
            return response
        encoded = await self._encoded_for(path, stat)
        headers = {"vary": "Accept-Encoding"}
        status, media_type = response.status_code, response.media_type
        if gzip_ok and encoded.gzipped is not None:
            headers |= {"content-encoding": "gzip", "etag": encoded.gzipped.etag}
            return Response(encoded.gzipped.data, status, headers, media_type)
        if encoded.plain is not None:
            headers["etag"] = encoded.plain.etag
            return Response(encoded.plain.data, status, headers, media_type)
        response.headers["vary"] = "Accept-Encoding"
        return response

    async def _encoded_for(self, path: str, stat: os.stat_result) -> _Encoded:
        """Compute a file's representations once per (path, size, mtime); share the work."""
        key = (path, stat.st_size, stat.st_mtime_ns)
        async with self._locks.setdefault(key, asyncio.Lock()):
            if key not in self._encoded:
                self._encoded[key] = await asyncio.to_thread(_encode, path)
        return self._encoded[key]
