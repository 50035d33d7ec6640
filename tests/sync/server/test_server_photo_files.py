"""Photo files on disk: uploads of one hash stay one at a time although each lock file is
deleted with its upload (a thread waiting on a deleted lock starts over on a new one)."""

from __future__ import annotations

import hashlib
import threading
from pathlib import Path

from sync.server.errors import WrongState
from sync.server.photo_files import PhotoFiles


def store(files: PhotoFiles, data: bytes) -> str:
    """Upload `data` in one chunk and keep it, as a finished upload is; its hash."""
    digest = hashlib.sha256(data).hexdigest()
    files.append(digest, 0, data, max_bytes=len(data))
    files.finish(digest)
    files.keep(digest)
    return digest


def test_racing_uploads_of_one_photo_never_interleave_and_leave_no_lock(tmp_path: Path) -> None:
    files = PhotoFiles(tmp_path)
    failures: list[BaseException] = []
    for round_ in range(30):
        data = f"photo {round_} ".encode() * 2000
        digest = hashlib.sha256(data).hexdigest()
        half = len(data) // 2
        start = threading.Barrier(4)

        def upload(
            digest: str = digest,
            data: bytes = data,
            half: int = half,
            start: threading.Barrier = start,
        ) -> None:
            start.wait(10)
            try:
                # Whoever is first sends both halves; the others are told where it stands.
                files.append(digest, 0, data[:half], max_bytes=len(data))
                files.append(digest, half, data[half:], max_bytes=len(data))
                files.finish(digest)
                files.keep(digest)
            except WrongState:
                return
            except BaseException as exc:  # noqa: BLE001 - collected for the assertion
                failures.append(exc)

        threads = [threading.Thread(target=upload) for _ in range(4)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(30)
        assert failures == [], failures  # a hash mismatch would mean two appends interleaved
        assert files.path(digest).read_bytes() == data
    assert sorted((tmp_path / "uploads").iterdir()) == []


def test_a_late_chunk_of_a_stored_photo_writes_nothing_beside_it(tmp_path: Path) -> None:
    # Two tablets send one photo; the second asked "have it?" before the first one finished,
    # and its first chunk arrives after. Written, that chunk would be a second, partial copy
    # left in uploads/ when the second tablet stops there (seen under the chaos test).
    files = PhotoFiles(tmp_path)
    data = b"one photo " * 5000
    digest = store(files, data)

    reached = files.append(digest, 0, data[:1000], max_bytes=len(data))

    assert reached == len(data)
    assert files.path(digest).read_bytes() == data
    assert sorted((tmp_path / "uploads").iterdir()) == []


def test_a_stale_upload_copy_of_a_stored_photo_goes_with_the_next_chunk(tmp_path: Path) -> None:
    files = PhotoFiles(tmp_path)
    data = b"another photo " * 4000
    digest = store(files, data)
    (tmp_path / "uploads" / digest).write_bytes(data[:500])  # left by a server before this one

    files.append(digest, 500, data[500:1000], max_bytes=len(data))

    assert files.offset(digest) == 0
    assert sorted((tmp_path / "uploads").iterdir()) == []
    assert files.path(digest).read_bytes() == data
