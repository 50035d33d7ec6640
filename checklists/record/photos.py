"""Edits of evidence photos: attach (by the bytes' hash), change caption/order/flags, detach."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from checklists.errors import EditRefused
from checklists.record.commit import (
    UNSET,
    Unset,
    begin,
    put,
    restamp,
)
from checklists.record.model import (
    Gps,
    Inspection,
    Photo,
    new_id,
)

__all__ = ["add_photo", "edit_photo", "detach_photo"]


def add_photo(
    inspection: Inspection,
    *,
    author_id: str,
    sha256: str,
    criterion_id: str = "",
    photo_id: str | None = None,
    now: datetime | None = None,
    **meta: Any,
) -> Inspection:
    """Attach an evidence photo (already stored by hash) to a criterion, or "" for general.

    `meta` holds the photo's other fields (taken_at, gps, caption, mime, byte_size, width,
    height, include_in_report); `order` defaults to after the criterion's last photo.
    """
    counter = begin(inspection, author_id)
    if "order" not in meta:
        meta["order"] = 1 + max((p.order for p in inspection.photos_of(criterion_id)), default=-1)
    photo = Photo(
        **meta,
        id=photo_id or new_id(),
        sha256=sha256,
        criterion_id=criterion_id,
        author_id=author_id,
        counter=counter,
    )
    return _put_photo(inspection, photo, "log.photo", now)


def edit_photo(
    inspection: Inspection,
    *,
    author_id: str,
    photo_id: str,
    caption: str | Unset = UNSET,
    order: int | Unset = UNSET,
    include_in_report: bool | Unset = UNSET,
    criterion_id: str | Unset = UNSET,
    gps: Gps | None | Unset = UNSET,
    now: datetime | None = None,
) -> Inspection:
    """Change what is given of a photo's caption, order, report flag, criterion or place."""
    held = _photo(inspection, photo_id, author_id)
    counter = begin(inspection, author_id)
    given = {
        "caption": caption,
        "order": order,
        "include_in_report": include_in_report,
        "criterion_id": criterion_id,
        "gps": gps,
    }
    changes = {k: v for k, v in given.items() if not isinstance(v, Unset)}
    return _put_photo(inspection, restamp(held, author_id, counter, **changes), "log.photo", now)


def detach_photo(
    inspection: Inspection, *, author_id: str, photo_id: str, now: datetime | None = None
) -> Inspection:
    """Detach a photo from the record (a tombstone; the bytes stay on the device)."""
    held = _photo(inspection, photo_id, author_id)
    counter = begin(inspection, author_id)
    gone = restamp(held, author_id, counter, removed=True)
    return _put_photo(inspection, gone, "log.photo_detach", now)


def _photo(inspection: Inspection, photo_id: str, author_id: str) -> Photo:
    """The photo to change; a member changes their own photos, the leader anyone's."""
    held = inspection.photos.get(photo_id)
    if held is None or held.removed:
        raise EditRefused("edit.no_photo", {"photo": photo_id})
    if held.author_id != author_id and author_id not in inspection.leader_ids():
        raise EditRefused("edit.leaders_only", {"what": "auth.others_photo"})
    return held


def _put_photo(inspection: Inspection, photo: Photo, code: str, now: datetime | None) -> Inspection:
    params = {"photo": photo.id, "criterion": photo.criterion_id}
    return put(inspection, f"photos/{photo.id}", photo, code, params, now)
