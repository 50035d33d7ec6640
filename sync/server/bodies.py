"""Reading request bodies with a cap: never more than the limit in memory, gzip bombs included."""

from __future__ import annotations

import zlib

from starlette.requests import ClientDisconnect, Request

from sync.server.errors import Refused, ServerError, TooLarge

__all__ = ["read_body", "BodyCut"]


class BodyCut(ServerError):
    """The client went away before its body was complete: nothing is kept of it."""

    status = 400


async def read_body(request: Request, limit: int) -> bytes:
    """The whole body, gzip undone when `Content-Encoding: gzip`; 413 past `limit` bytes
    (before and after decompression), `BodyCut` when the connection dropped mid-body."""
    declared = request.headers.get("content-length")
    if declared is not None and declared.isdigit() and int(declared) > limit:
        raise TooLarge(f"body over {limit} bytes")
    chunks: list[bytes] = []
    size = 0
    try:
        async for chunk in request.stream():
            size += len(chunk)
            if size > limit:
                raise TooLarge(f"body over {limit} bytes")
            chunks.append(chunk)
    except ClientDisconnect as exc:
        raise BodyCut("connection closed before the body ended") from exc
    if declared is not None and declared.isdigit() and size != int(declared):
        raise BodyCut("body shorter than its Content-Length")
    data = b"".join(chunks)
    encoding = request.headers.get("content-encoding", "identity").strip().lower()
    if encoding in ("", "identity"):
        return data
    if encoding != "gzip":
        raise Refused(f"unsupported Content-Encoding {encoding!r}")
    return _gunzip(data, limit)


def _gunzip(data: bytes, limit: int) -> bytes:
    inflater = zlib.decompressobj(wbits=31)
    try:
        out = inflater.decompress(data, limit + 1)
    except zlib.error as exc:
        raise Refused("body is not valid gzip") from exc
    if len(out) > limit or inflater.unconsumed_tail:
        raise TooLarge(f"body over {limit} bytes once decompressed")
    if not inflater.eof:
        raise Refused("gzip body is truncated")
    return out
