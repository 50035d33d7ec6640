"""Resumable photo uploads: ask the server's offset, send the rest in chunks, resume on 409.

The server verifies the whole photo against its hash when the last chunk arrives; a cut
upload goes on from the offset the server reports, so at most one chunk is sent twice.
"""

from __future__ import annotations

from collections.abc import Callable

from sync.client.api import CentralApi
from sync.client.errors import OutOfStep, Unavailable
from sync.protocol import UploadState

__all__ = ["upload_photo", "CHUNK_BYTES"]

CHUNK_BYTES = 256 * 1024
"""A quarter of a MB: on a slow link a cut costs at most this much again."""
_MAX_RESYNCS = 5


def upload_photo(
    api: CentralApi,
    sha256: str,
    data: bytes,
    *,
    chunk_bytes: int = CHUNK_BYTES,
    sent: Callable[[int], None] = lambda n: None,
    offset: int | None = None,
) -> UploadState:
    """Upload what the server lacks of this photo; returns the final (complete) state.

    `offset`: where the server said it stands (asked for when None). `sent(n)` is called after
    each chunk the server took. Unavailable when the link fails; the next call resumes.
    """
    if offset is None:
        state = api.upload_state(sha256)
        if state.complete:
            return state
        offset = state.offset
    resyncs = 0
    for _ in range(len(data) // max(1, chunk_bytes) + 2 + _MAX_RESYNCS):
        chunk = data[offset : offset + chunk_bytes]
        try:
            state = api.upload_chunk(sha256, offset, len(data), chunk)
        except OutOfStep:
            resyncs += 1
            if resyncs > _MAX_RESYNCS:
                raise
            state = api.upload_state(sha256)
        else:
            sent(len(chunk))
        if state.complete:
            return state
        if state.offset <= offset and not chunk:
            raise Unavailable(
                "Máy chủ không nhận thêm dữ liệu ảnh.", "The server takes no more photo bytes."
            )
        offset = state.offset
    raise Unavailable(
        "Tải ảnh lên không tiến triển; sẽ thử lại sau.", "The photo upload made no progress."
    )
