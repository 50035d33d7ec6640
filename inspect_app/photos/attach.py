"""Attach a photo to a record: bytes -> processed JPEG -> kept by hash (and its thumbnail) ->
the record's `Photo` register, through the store's one edit path.

Blocking (Pillow, disk): call it from a worker thread (`asyncio.to_thread`). A refused photo
(`PhotoError`) is refused before anything is written; a refused edit (a locked record, not a
member) removes the file it had just added, so a refusal leaves the photo folder as it was.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import UTC, datetime, tzinfo

from PIL import Image

from checklists.record.authority import Actor
from checklists.record.model import Photo, new_id
from checklists.record.photos import add_photo
from inspect_app.photos.processing import THUMBNAIL_EDGE, ProcessedPhoto, process_photo
from inspect_app.store import InspectionStore

__all__ = ["AttachedPhoto", "attach_photo", "camera_time_to_utc", "thumbnail_of"]


@dataclass(frozen=True)
class AttachedPhoto:
    """The photo as the record now holds it, and the processing's figures."""

    photo: Photo
    processed: ProcessedPhoto


def camera_time_to_utc(when: datetime | None, zone: tzinfo | None = None) -> datetime | None:
    """The camera's clock (naive EXIF time, the device's zone) as a UTC instant.

    `zone` None means the zone this device runs in (the tablet's own clock setting).
    """
    if when is None:
        return None
    if when.tzinfo is not None:
        return when.astimezone(UTC)
    local = when.replace(tzinfo=zone) if zone is not None else when.astimezone()
    return local.astimezone(UTC)


def attach_photo(
    store: InspectionStore,
    inspection_id: str,
    data: bytes,
    *,
    author_id: str,
    criterion_id: str = "",
    max_edge: int = 1600,
    caption: str = "",
    zone: tzinfo | None = None,
) -> AttachedPhoto:
    """Process `data` and attach it to the criterion ("" for a general photo of the visit).

    Raises `PhotoError` (nothing written) for bytes that are not a photo kept here, the store's
    errors and `EditRefused` for an edit it refuses (the just-written files removed again).
    """
    processed = process_photo(data, max_edge=max_edge)
    photos = store.photos
    was_there = photos.has(processed.sha256)
    photos.put(processed.data)
    photo_id = new_id()
    try:
        photos.put_thumbnail(processed.sha256, processed.thumbnail)
        record, _rev = store.edit(
            inspection_id,
            lambda r: add_photo(
                r,
                author_id=author_id,
                sha256=processed.sha256,
                criterion_id=criterion_id,
                photo_id=photo_id,
                taken_at=camera_time_to_utc(processed.taken_at, zone),
                gps=processed.gps,
                caption=caption,
                mime=processed.mime,
                byte_size=processed.byte_size,
                width=processed.width,
                height=processed.height,
            ),
            actor=Actor(author_id),
        )
    except BaseException:
        if not was_there:  # written a moment ago for this attach only
            photos.discard(processed.sha256)
        raise
    return AttachedPhoto(photo=record.photos[photo_id], processed=processed)


def thumbnail_of(store: InspectionStore, sha256: str) -> bytes:
    """The photo's thumbnail; made from the photo (and kept) when missing, e.g. for a photo
    that came from another device. Raises the store's PhotoNotFound / StoreCorrupted."""
    kept = store.photos.thumbnail(sha256)
    if kept:
        return kept
    with Image.open(io.BytesIO(store.photos.read(sha256)), formats=["JPEG"]) as image:
        small = image.convert("RGB")
        small.thumbnail((THUMBNAIL_EDGE, THUMBNAIL_EDGE), Image.Resampling.LANCZOS)
        out = io.BytesIO()
        small.save(out, "JPEG", quality=80, optimize=True)
    made = out.getvalue()
    store.photos.put_thumbnail(sha256, made)
    return made
