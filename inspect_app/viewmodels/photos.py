"""State of the photos screen: a visit's photos grouped by criterion (and "general"), with
caption, report flag and detach; also the photo cards the criterion screen shows.

Store and Pillow work run in a worker thread; fields change only on the event loop.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import tzinfo
from typing import Literal

import flet as ft

from checklists.errors import ChecklistError
from checklists.record.authority import Actor
from checklists.record.model import Inspection, Photo
from checklists.record.photos import detach_photo, edit_photo
from checklists.text.format import format_date
from inspect_app.i18n import t
from inspect_app.photos.attach import attach_photo, thumbnail_of
from inspect_app.photos.errors import PhotoError
from inspect_app.store import InspectionStore, StoreError
from inspect_app.viewmodels.visit import error_text

__all__ = ["PhotoCard", "PhotoGroup", "PhotosViewModel", "photo_cards", "thumbnail_or_none"]

PhotosStatus = Literal["loading", "ready", "error"]
_ERRORS = (StoreError, ChecklistError, LookupError)


@dataclass(frozen=True)
class PhotoCard:
    """One attached photo as a gallery shows it."""

    id: str
    sha256: str
    criterion_id: str
    caption: str
    author_name: str
    taken_text: str
    """The day it was taken ("24/11/2023"), "" when unknown."""
    include_in_report: bool
    can_edit: bool
    """The member may change or detach it (their own photo, or any photo for a leader)."""
    thumbnail: bytes | None
    """A small JPEG, None when the photo's file is not on this device."""


@dataclass(frozen=True)
class PhotoGroup:
    """The photos of one criterion, or the visit's general ones (`criterion_id` "")."""

    criterion_id: str
    title: str
    photos: list[PhotoCard]


def thumbnail_or_none(store: InspectionStore, sha256: str) -> bytes | None:
    """The photo's thumbnail, None when its file is missing or unreadable (worker thread)."""
    try:
        return thumbnail_of(store, sha256)
    except (StoreError, OSError):  # not on this device yet, or damaged: shown as missing
        return None


def photo_cards(
    store: InspectionStore, record: Inspection, photos: list[Photo], member_id: str, lang: str
) -> list[PhotoCard]:
    """Cards for `photos` of `record` (runs in a worker thread: reads thumbnails)."""
    leaders = record.leader_ids()
    return [
        PhotoCard(
            id=p.id,
            sha256=p.sha256,
            criterion_id=p.criterion_id,
            caption=p.caption,
            author_name=m.name if (m := record.members.get(p.author_id)) else "",
            taken_text="" if p.taken_at is None else format_date(p.taken_at.date(), lang),
            include_in_report=p.include_in_report,
            can_edit=p.author_id == member_id or member_id in leaders,
            thumbnail=thumbnail_or_none(store, p.sha256),
        )
        for p in photos
    ]


@ft.observable
@dataclass
class PhotosViewModel:
    """The visit's photo gallery; every change is one `store.edit` as the member."""

    store: InspectionStore
    inspection_id: str
    member_id: str
    lang: str = "vi"
    max_edge: int = 1600
    zone: tzinfo | None = None
    status: PhotosStatus = "loading"
    error: str | None = None
    pending: bool = False
    unit_name: str = ""
    groups: list[PhotoGroup] = field(default_factory=list)
    count: int = 0

    async def load(self) -> None:
        await self._run(lambda: self.store.get(self.inspection_id))

    def clear_error(self) -> None:
        self.error = None

    async def set_caption(self, photo_id: str, caption: str) -> None:
        await self._photo_edit(photo_id, caption=caption.strip())

    async def set_include(self, photo_id: str, include: bool) -> None:
        await self._photo_edit(photo_id, include_in_report=include)

    async def detach(self, photo_id: str) -> None:
        """Detach the photo from the record (the file stays on the device)."""
        me = self.member_id
        await self._change(lambda r: detach_photo(r, author_id=me, photo_id=photo_id))

    async def attach_general(self, data: bytes) -> bool:
        """Attach a general photo of the visit; False (and `error` says why) when refused."""
        return await self._attach(data, "")

    async def full_size(self, photo_id: str) -> bytes | None:
        """The photo's full bytes for the full-size view; None (and `error`) if unreadable."""
        sha = next((p.sha256 for g in self.groups for p in g.photos if p.id == photo_id), None)
        if sha is None:
            return None
        try:
            return await asyncio.to_thread(self.store.photos.read, sha)
        except StoreError as exc:
            self.error = error_text(exc, self.lang)
            return None

    # -- internals ------------------------------------------------------------------------

    async def _attach(self, data: bytes, criterion_id: str) -> bool:
        self.pending = True
        try:
            await asyncio.to_thread(
                attach_photo,
                self.store,
                self.inspection_id,
                data,
                author_id=self.member_id,
                criterion_id=criterion_id,
                max_edge=self.max_edge,
                zone=self.zone,
            )
        except PhotoError as exc:
            self.error = exc.message(self.lang)
            return False
        except _ERRORS as exc:
            self.error = error_text(exc, self.lang)
            return False
        finally:
            self.pending = False
        await self.load()
        return True

    async def _photo_edit(self, photo_id: str, **changes: object) -> None:
        me = self.member_id
        await self._change(
            lambda r: edit_photo(r, author_id=me, photo_id=photo_id, **changes)  # type: ignore[arg-type]
        )

    async def _change(self, change: Callable[[Inspection], Inspection]) -> None:
        actor = Actor(self.member_id)

        def save() -> Inspection:
            record, _rev = self.store.edit(self.inspection_id, change, actor=actor)
            return record

        self.pending = True
        try:
            await self._run(save)
        finally:
            self.pending = False

    async def _run(self, read: Callable[[], Inspection]) -> None:
        try:
            shaped = await asyncio.to_thread(lambda: self._shape(read()))
        except _ERRORS as exc:
            self.error = error_text(exc, self.lang)
            if self.status != "ready":
                self.status = "error"
            return
        self.unit_name, self.groups = shaped
        self.count = sum(len(g.photos) for g in self.groups)
        self.error = None
        self.status = "ready"

    def _shape(self, record: Inspection) -> tuple[str, list[PhotoGroup]]:
        lang = "en" if self.lang == "en" else "vi"
        template = self.store.template_of(record)
        groups = []
        for criterion in template.criteria():
            photos = record.photos_of(criterion.id)
            if photos:
                name = (criterion.label_en if lang == "en" else "") or criterion.label
                cards = photo_cards(self.store, record, photos, self.member_id, lang)
                groups.append(PhotoGroup(criterion.id, f"{criterion.id}. {name}", cards))
        general = record.photos_of("")
        if general:
            cards = photo_cards(self.store, record, general, self.member_id, lang)
            groups.append(PhotoGroup("", t("photos.general", lang), cards))
        return record.header.unit_name, groups
