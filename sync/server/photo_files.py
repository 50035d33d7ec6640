"""Photo bytes on disk, named by their sha256: resumable uploads and the verified store.

    <folder>/blobs/ab/abcdef...   a stored photo (bytes verified against the name)
    <folder>/uploads/abcdef...    an upload in progress; its size is the offset received

Every append is fsynced before it is acknowledged, so a server restart resumes at the offset
it reported. A finished upload is hashed; only bytes matching the name are moved into
`blobs` (rename + directory fsync); anything else is deleted. One upload of one hash at a
time, across threads and processes (a file lock beside it). A lock file goes with its upload:
deleted, as the last thing done under it, once the upload is kept or dropped (filelock then
tells a process waiting on the deleted file to start over on a new one), and any left without
an upload (a crash between the two) are deleted by the sweep.
"""

from __future__ import annotations

import hashlib
import os
from datetime import datetime
from pathlib import Path

from filelock import FileLock, Timeout

from sync.protocol import RefusalPublic
from sync.server.clock import Clock, system_clock
from sync.server.errors import Refused, TooLarge, WrongState

__all__ = ["PhotoFiles", "is_photo_hash"]

_HEX = frozenset("0123456789abcdef")


def is_photo_hash(name: str) -> bool:
    """True for 64 lowercase hex digits: a name that can never be a path."""
    return len(name) == 64 and set(name) <= _HEX


class PhotoFiles:
    """The photo folder: stored blobs and uploads in progress."""

    def __init__(self, folder: Path, clock: Clock = system_clock) -> None:
        self._clock = clock
        self._blobs = folder / "blobs"
        self._uploads = folder / "uploads"
        self._blobs.mkdir(parents=True, exist_ok=True)
        self._uploads.mkdir(parents=True, exist_ok=True)

    def path(self, sha256: str) -> Path:
        """Where the stored photo with this hash lives (whether or not it is there)."""
        if not is_photo_hash(sha256):
            raise ValueError("not a sha256")
        return self._blobs / sha256[:2] / sha256

    def has(self, sha256: str) -> bool:
        """True when the verified bytes are stored."""
        return self.path(sha256).is_file()

    def offset(self, sha256: str) -> int:
        """How many bytes of this photo's upload are held (0 when none)."""
        part = self._part(sha256)
        return part.stat().st_size if part.exists() else 0

    def append(self, sha256: str, offset: int, chunk: bytes, max_bytes: int) -> int:
        """Add `chunk` at `offset` (409 unless it is where the upload stands); the new offset.

        When the verified bytes are already stored (another upload of the same photo finished
        while this one was on its way) nothing is written and the answer is `max_bytes`, the
        whole photo: a late chunk never starts a second copy beside the stored one."""
        with self._lock(sha256):
            if self.has(sha256):
                self._part(sha256).unlink(missing_ok=True)
                self._lock_path(sha256).unlink(missing_ok=True)  # last, under the lock
                return max_bytes
            try:
                held = self.offset(sha256)
                if offset != held:
                    raise WrongState(f"upload is at offset {held}, not {offset}")
                if held + len(chunk) > max_bytes:
                    raise TooLarge(f"photo over {max_bytes} bytes")
                with open(self._part(sha256), "ab") as f:
                    f.write(chunk)
                    f.flush()
                    os.fsync(f.fileno())
            except BaseException:
                if not self._part(sha256).exists():  # refused before any byte: leave no lock
                    self._lock_path(sha256).unlink(missing_ok=True)
                raise
            touched = self._clock().timestamp()
            os.utime(self._part(sha256), (touched, touched))
            return held + len(chunk)

    def finish(self, sha256: str) -> bytes:
        """The upload's bytes once they hash to `sha256`, moved into the store. A mismatch
        deletes the upload and refuses (422): nothing of it is kept."""
        with self._lock(sha256):
            part = self._part(sha256)
            try:
                data = part.read_bytes()
            except FileNotFoundError as exc:
                self._lock_path(sha256).unlink(missing_ok=True)  # last, under the lock
                raise WrongState("upload is at offset 0 (another upload finished it)") from exc
            if hashlib.sha256(data).hexdigest() != sha256:
                part.unlink()
                self._lock_path(sha256).unlink(missing_ok=True)  # last, under the lock
                raise Refused(
                    "bytes do not match the hash",
                    [RefusalPublic(path="body", code="photo.hash_mismatch")],
                )
            return data

    def keep(self, sha256: str) -> None:
        """Move a finished, checked upload into the store, durably."""
        with self._lock(sha256):
            target = self.path(sha256)
            target.parent.mkdir(exist_ok=True)
            os.replace(self._part(sha256), target)
            _fsync_dir(target.parent)
            self._lock_path(sha256).unlink(missing_ok=True)  # last, under the lock

    def discard(self, sha256: str) -> None:
        """Forget an upload in progress (its bytes were refused)."""
        with self._lock(sha256):
            self._part(sha256).unlink(missing_ok=True)
            self._lock_path(sha256).unlink(missing_ok=True)  # last, under the lock

    def drop_untouched_since(self, cutoff: datetime) -> list[str]:
        """Delete every upload in progress whose last chunk came before `cutoff` (one being
        written to now is skipped); the hashes deleted."""
        dropped = []
        for found in self._uploads.iterdir():
            name = found.name.removesuffix(".lock")
            if not is_photo_hash(name) or (found.name != name and (self._uploads / name).exists()):
                continue  # not ours, or the lock of an upload (looked at with the upload)
            part = self._uploads / name
            try:
                with FileLock(str(self._lock_path(name)), timeout=0):
                    if part.exists():
                        if part.stat().st_mtime >= cutoff.timestamp():
                            continue
                        part.unlink()
                        dropped.append(name)
                    self._lock_path(name).unlink(missing_ok=True)  # last, under the lock
            except (Timeout, FileNotFoundError):
                continue  # in use, or finished meanwhile
        return sorted(dropped)

    def _part(self, sha256: str) -> Path:
        if not is_photo_hash(sha256):
            raise ValueError("not a sha256")
        return self._uploads / sha256

    def _lock_path(self, sha256: str) -> Path:
        if not is_photo_hash(sha256):
            raise ValueError("not a sha256")
        return self._uploads / f"{sha256}.lock"

    def _lock(self, sha256: str) -> FileLock:
        return FileLock(str(self._lock_path(sha256)), timeout=60)


def _fsync_dir(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
