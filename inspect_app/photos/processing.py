"""A photo as the app keeps it: upright, long edge capped, plain RGB JPEG with no metadata.

`process_photo` is pure over bytes (no store I/O): it decodes what the camera or gallery gave,
refuses what is not a photo it keeps (`inspect_app.photos.errors`), applies the EXIF
orientation, caps the long edge (never upscales), flattens to 8-bit RGB and re-encodes a JPEG
and a thumbnail. The output carries no EXIF, XMP, ICC or comment: where and when the photo was
taken are returned as fields (for the record's `Photo` register), and leave the bytes, which
are shared in reports.

Untrusted bytes are decoded only by the JPEG, PNG and WebP plugins, and only after the declared
size passed the pixel limit (a decompression bomb costs a header read); a truncated file is
refused (Pillow's LOAD_TRUNCATED_IMAGES is left False), never grey-filled.
"""

from __future__ import annotations

import hashlib
import io
import re
import struct
import warnings
import zlib
from dataclasses import dataclass
from datetime import datetime

from PIL import Image
from PIL.ExifTags import Base

from checklists.record.model import Gps
from inspect_app.photos.errors import (
    NotAnImage,
    PhotoFileTooLarge,
    PhotoTooManyPixels,
    PhotoTruncated,
    UnsupportedPhotoType,
)
from inspect_app.photos.exif import gps_position, taken_at

__all__ = ["ProcessedPhoto", "process_photo", "MAX_BYTES", "MAX_PIXELS", "THUMBNAIL_EDGE"]

MAX_BYTES = 20 * 1024 * 1024
"""The largest file accepted, the store's limit: a phone's full-resolution JPEG is 3-12 MB."""
MAX_PIXELS = 50_000_000
"""The most pixels a photo may declare: a 48 MP phone sensor fits; decoding it takes ~150 MB."""
THUMBNAIL_EDGE = 320
"""The thumbnail's long edge (list and grid views)."""

_KEPT = ("JPEG", "MPO", "PNG", "WEBP")  # MPO: a JPEG with extra frames (many phones write it)
_DECODERS = ["JPEG", "PNG", "WEBP"]  # the JPEG plugin opens MPO files too
_BACKGROUND = (255, 255, 255)  # what transparent pixels become: paper, as in a report
# What Pillow's decoders raise on damaged data; anything else is a bug and goes up as it is.
_DECODE_ERRORS = (OSError, SyntaxError, ValueError, EOFError, IndexError, struct.error, zlib.error)
# Magic numbers of pictures Pillow is not allowed to decode here, so the refusal can name them.
_OTHER_TYPES = (
    (0, b"GIF87a", "GIF"),
    (0, b"GIF89a", "GIF"),
    (0, b"BM", "BMP"),
    (0, b"II*\x00", "TIFF"),
    (0, b"MM\x00*", "TIFF"),
    (4, b"ftypheic", "HEIC"),
    (4, b"ftypheix", "HEIC"),
    (4, b"ftypmif1", "HEIF"),
    (4, b"ftypavif", "AVIF"),
    (0, b"\x00\x00\x01\x00", "ICO"),
    (0, b"8BPS", "PSD"),
)
# EXIF Orientation -> the turn that makes the picture upright (ImageOps.exif_transpose's table).
_TURNS = {
    2: Image.Transpose.FLIP_LEFT_RIGHT,
    3: Image.Transpose.ROTATE_180,
    4: Image.Transpose.FLIP_TOP_BOTTOM,
    5: Image.Transpose.TRANSPOSE,
    6: Image.Transpose.ROTATE_270,
    7: Image.Transpose.TRANSVERSE,
    8: Image.Transpose.ROTATE_90,
}
_OWN_TYPES = ((0, b"\xff\xd8\xff", "JPEG"), (0, b"\x89PNG\r\n\x1a\n", "PNG"), (8, b"WEBP", "WebP"))


@dataclass(frozen=True)
class ProcessedPhoto:
    """The re-encoded photo and what the record's `Photo` register says about it."""

    data: bytes
    """The JPEG to store (`PhotoStore.put`): RGB, upright, no metadata."""
    sha256: str
    mime: str
    byte_size: int
    width: int
    height: int
    thumbnail: bytes
    """A JPEG of the same picture, long edge `THUMBNAIL_EDGE` (or less, never upscaled)."""
    taken_at: datetime | None
    """DateTimeOriginal from the EXIF, the camera's clock (naive: zone unknown), or None.

    The record's `Photo.taken_at` is UTC: convert with the device's zone before storing it."""
    gps: Gps | None
    """Where, from the EXIF GPS tags (degrees, south and west negative), or None."""


def process_photo(
    data: bytes,
    *,
    max_edge: int = 1600,
    quality: int = 85,
    max_bytes: int = MAX_BYTES,
    max_pixels: int = MAX_PIXELS,
) -> ProcessedPhoto:
    """Decode, check, turn upright, cap the long edge at `max_edge` and re-encode as JPEG.

    Raises a `PhotoError` subclass for bytes it does not keep (see `inspect_app.photos.errors`);
    ValueError for a `max_edge` under 1 or a `quality` outside 1-95 (a programming error).
    """
    if max_edge < 1 or not 1 <= quality <= 95:
        raise ValueError(f"max_edge >= 1 and quality 1-95, not {max_edge} and {quality}")
    if len(data) > max_bytes:
        raise PhotoFileTooLarge(len(data), max_bytes)
    image = _decode(data, max_edge, max_pixels)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # Pillow warns of a damaged EXIF block: read as unknown
        orientation, when, where = _read_exif(image)
    # RGB before resizing: Pillow resizes palette and 1-bit images unsmoothed (NEAREST).
    image = _rgb(_upright(image, orientation))
    image.thumbnail((max_edge, max_edge), Image.Resampling.LANCZOS)
    encoded = _jpeg(image, quality)
    small = image.copy()
    small.thumbnail((THUMBNAIL_EDGE, THUMBNAIL_EDGE), Image.Resampling.LANCZOS)
    return ProcessedPhoto(
        data=encoded,
        sha256=hashlib.sha256(encoded).hexdigest(),
        mime="image/jpeg",
        byte_size=len(encoded),
        width=image.width,
        height=image.height,
        thumbnail=_jpeg(small, min(quality, 80)),
        taken_at=when,
        gps=where,
    )


def _decode(data: bytes, max_edge: int, max_pixels: int) -> Image.Image:
    """The first frame, loaded; refused before decoding when its declared size is over limit."""
    # Pillow's bomb check only warns between its own limit and twice it: make it raise. Its
    # other warnings here are of a damaged EXIF block (read at open for the DPI): those tags are
    # then unknown, which is no news for the person. (Filters are process-wide while this runs.)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            image = Image.open(io.BytesIO(data), formats=_DECODERS)
            if image.format not in _KEPT:  # a plugin added to _DECODERS by mistake
                raise UnsupportedPhotoType(image.format or "?")
            width, height = image.size
            if width * height > max_pixels:
                raise PhotoTooManyPixels(width * height, max_pixels)
            if image.format in ("JPEG", "MPO"):
                # Decode at 1/2, 1/4 or 1/8 when that still covers the capped size: much faster.
                image.draft(image.mode, _capped((width, height), max_edge))
            image.load()
        except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
            raise PhotoTooManyPixels(_declared_pixels(exc), max_pixels) from exc
        except _DECODE_ERRORS as exc:
            raise _unreadable(data) from exc
    return image


def _capped(size: tuple[int, int], max_edge: int) -> tuple[int, int]:
    """The size with its long edge at most `max_edge`, proportions kept."""
    width, height = size
    scale = min(1.0, max_edge / max(width, height, 1))
    return max(1, round(width * scale)), max(1, round(height * scale))


def _declared_pixels(exc: Exception) -> int | None:
    """The pixel count in Pillow's bomb message ("Image size (N pixels) exceeds..."), if any."""
    found = re.search(r"\((\d+) pixels\)", str(exc))
    return int(found.group(1)) if found else None


def _unreadable(data: bytes) -> NotAnImage | PhotoTruncated | UnsupportedPhotoType:
    """Why Pillow could not read the bytes: a type we refuse, one of ours damaged, or no image."""
    for offset, magic, kind in _OTHER_TYPES:
        if data[offset : offset + len(magic)] == magic:
            return UnsupportedPhotoType(kind)
    for offset, magic, kind in _OWN_TYPES:
        if data[offset : offset + len(magic)] == magic:
            return PhotoTruncated(kind, len(data))
    return NotAnImage(len(data))


def _read_exif(image: Image.Image) -> tuple[int, datetime | None, Gps | None]:
    """Orientation (1 when unknown), DateTimeOriginal and GPS; nothing from an unreadable block."""
    try:
        exif = image.getexif()
        orientation = exif.get(Base.Orientation, 1)
        return orientation if orientation in _TURNS else 1, taken_at(exif), gps_position(exif)
    except _DECODE_ERRORS:  # a malformed EXIF block: the pixels are still good
        return 1, None, None


def _upright(image: Image.Image, orientation: int) -> Image.Image:
    """The picture as the camera was held: EXIF Orientation applied as `ImageOps.exif_transpose`
    does, without rewriting the EXIF block (it is dropped; Pillow can fail rewriting a damaged
    one)."""
    turn = _TURNS.get(orientation)
    return image if turn is None else image.transpose(turn)


def _rgb(image: Image.Image) -> Image.Image:
    """8-bit RGB: transparency over white, palettes expanded, 16-bit grey scaled, CMYK converted."""
    if image.mode in ("I;16", "I;16L", "I;16B", "I;16N", "I", "F"):
        # Pillow clips these to 0-255 when converting to L; scale the 16-bit range instead.
        image = image.convert("I").point(lambda v: v / 256).convert("L")
    if (image.mode == "P" and "transparency" in image.info) or image.mode in ("PA", "LA", "La"):
        image = image.convert("RGBA")
    if image.mode in ("RGBA", "RGBa"):
        flat = Image.new("RGB", image.size, _BACKGROUND)
        flat.paste(image, mask=image.getchannel("A"))
        image = flat
    return image if image.mode == "RGB" else image.convert("RGB")


def _jpeg(image: Image.Image, quality: int) -> bytes:
    """The pixels alone as a baseline JPEG: no EXIF, XMP, ICC profile or comment carried over."""
    clean = image.copy()
    clean.info = {}  # Pillow would copy a source JPEG's comment (and more) into the output
    out = io.BytesIO()
    clean.save(out, "JPEG", quality=quality, optimize=True)
    return out.getvalue()
