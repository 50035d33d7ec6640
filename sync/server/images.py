"""Is it a real photo of an allowed type, within the pixel limit? Decoded fully, never trusted.

The server's own check (the app's `inspect_app.photos` pulls the app in, which `sync` may not
import): only the JPEG, PNG and WebP decoders run; the declared size is checked before any
pixel is decoded; the image is then decoded to the end (JPEG at 1/8 scale, which still reads
every byte), so a truncated file or one with trailing garbage in its data is refused.
"""

from __future__ import annotations

import io
import struct
import zlib
from dataclasses import dataclass

from PIL import Image

from sync.protocol import RefusalPublic
from sync.server.errors import Refused, TooLarge

__all__ = ["ImageInfo", "check_image", "ALLOWED"]

ALLOWED = {"JPEG": "image/jpeg", "MPO": "image/jpeg", "PNG": "image/png", "WEBP": "image/webp"}
_DECODE_ERRORS = (
    OSError,
    SyntaxError,
    ValueError,
    EOFError,
    IndexError,
    struct.error,
    zlib.error,
)


@dataclass(frozen=True)
class ImageInfo:
    """What the server records of a stored photo."""

    mime: str
    width: int
    height: int


def check_image(data: bytes, max_pixels: int) -> ImageInfo:
    """The image's type and size; `Refused` (422) if it is not a whole image of an allowed type,
    `TooLarge` (413) if it declares more than `max_pixels` pixels."""
    try:
        with Image.open(io.BytesIO(data), formats=["JPEG", "PNG", "WEBP"]) as image:
            kind, (width, height) = image.format or "", image.size
            if width * height > max_pixels:
                raise TooLarge(f"photo has {width * height} pixels, over {max_pixels}")
            if kind == "JPEG" or kind == "MPO":
                image.draft("RGB", (max(1, width // 8), max(1, height // 8)))
            image.load()
    except Image.DecompressionBombError as exc:
        raise TooLarge("photo declares too many pixels") from exc
    except _DECODE_ERRORS as exc:
        raise Refused(
            "not an image",
            [RefusalPublic(path="body", code="photo.not_image", message=str(exc)[:200])],
        ) from exc
    if kind not in ALLOWED:
        raise Refused("type not allowed", [RefusalPublic(path="body", code="photo.type")])
    return ImageInfo(mime=ALLOWED[kind], width=width, height=height)
