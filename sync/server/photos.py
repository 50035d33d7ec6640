"""Photos by hash: "have it?", the upload's offset, appending a chunk, and finishing an upload.

Only a photo that a record the caller may read points at can be uploaded or fetched (the
record is pushed first; its answer lists the hashes still missing). A photo is held once its
row exists: the bytes were verified against the hash and decoded as an allowed image first.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from sync.protocol import RefusalPublic, UploadState
from sync.server.access import Caller, can_see_photo, visible_photos
from sync.server.config import Settings
from sync.server.errors import NotAllowed, NotFound, Refused, TooLarge
from sync.server.images import check_image
from sync.server.photo_files import PhotoFiles, is_photo_hash
from sync.server.tables import StoredPhoto

__all__ = ["Photos"]


class Photos:
    """The photo endpoints' work, over the database and the photo folder."""

    def __init__(self, sessions: sessionmaker[Session], files: PhotoFiles, settings: Settings):
        self._sessions = sessions
        self.files = files
        self._settings = settings

    def held(self, caller: Caller, sha256: str) -> StoredPhoto:
        """The stored photo's row; 404 if not held, 403 if no record of the caller needs it."""
        with self._sessions() as session:
            self._visible(session, caller, sha256)
            row = session.get(StoredPhoto, sha256)
            if row is None:
                raise NotFound("photo not held")
            return row

    def state(self, caller: Caller, sha256: str) -> UploadState:
        """How far the upload of this photo has come."""
        with self._sessions() as session:
            self._visible(session, caller, sha256)
            row = session.get(StoredPhoto, sha256)
        if row is not None:
            return UploadState(sha256=sha256, offset=row.byte_size, complete=True)
        return UploadState(sha256=sha256, offset=self.files.offset(sha256), complete=False)

    def states(self, caller: Caller, hashes: Sequence[str]) -> list[UploadState]:
        """`state` of many photos in one call, in the order asked; 403 (nothing answered) if
        any of them is not one a record of the caller points at."""
        asked = set(hashes)
        with self._sessions() as session:
            hidden = asked - visible_photos(session, caller, asked)
            if hidden:
                raise NotAllowed(f"no inspection of yours points at {len(hidden)} of these photos")
            query = select(StoredPhoto.sha256, StoredPhoto.byte_size).where(
                StoredPhoto.sha256.in_(asked)
            )
            stored: dict[str, int] = dict(session.execute(query).all())
        return [
            UploadState(sha256=h, offset=stored[h], complete=True)
            if h in stored
            else UploadState(sha256=h, offset=self.files.offset(h), complete=False)
            for h in hashes
        ]

    def append(
        self, caller: Caller, sha256: str, offset: int, length: int, chunk: bytes
    ) -> UploadState:
        """Add a chunk at `offset` of a photo of `length` bytes; the last one stores it."""
        limit = self._settings.max_photo_bytes
        if length > limit:
            raise TooLarge(f"photo over {limit} bytes")
        if offset < 0 or length < 1 or offset + len(chunk) > length:
            raise Refused(
                "chunk outside the photo", [RefusalPublic(path="offset", code="upload.range")]
            )
        with self._sessions() as session:
            self._visible(session, caller, sha256)
            row = session.get(StoredPhoto, sha256)
        if row is not None:
            return UploadState(sha256=sha256, offset=row.byte_size, complete=True)
        if not self.files.has(sha256):
            reached = self.files.append(sha256, offset, chunk, length)
            if reached < length:
                return UploadState(sha256=sha256, offset=reached, complete=False)
        return self._finish(sha256)

    def _finish(self, sha256: str) -> UploadState:
        limit = self._settings.max_photo_pixels
        if self.files.has(sha256):  # verified and moved in before a crash; its row never written
            data = self.files.path(sha256).read_bytes()
            info = check_image(data, limit)
        else:
            data = self.files.finish(sha256)
            try:
                info = check_image(data, limit)
            except (Refused, TooLarge):
                self.files.discard(sha256)
                raise
            self.files.keep(sha256)
        with self._sessions() as session, session.begin():
            if session.get(StoredPhoto, sha256) is None:
                session.add(
                    StoredPhoto(
                        sha256=sha256,
                        byte_size=len(data),
                        mime=info.mime,
                        width=info.width,
                        height=info.height,
                        created_at=datetime.now(UTC),
                    )
                )
        return UploadState(sha256=sha256, offset=len(data), complete=True)

    def _visible(self, session: Session, caller: Caller, sha256: str) -> None:
        if not is_photo_hash(sha256):
            raise NotFound("not a photo hash")
        if not can_see_photo(session, caller, sha256):
            raise NotAllowed("no inspection of yours points at this photo")
