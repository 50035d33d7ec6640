"""Open-time checks of a data folder: layout, leftovers, meta.json, the index and photo refs.

Each check repairs what is derived or recoverable and reports it (in Vietnamese) in the store's
`problems`, so that one damaged or unwritable file never keeps the rest of the store closed.
"""

from __future__ import annotations

import logging
import stat
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

from inspect_app.store import atomic
from inspect_app.store.atomic import TMP_PREFIX
from inspect_app.store.errors import StoreCorrupted, StoreError, StoreUnreadable, StoreWriteFailed
from inspect_app.store.index import INDEX_NAME, IndexEntry, SummaryIndex, fingerprint_or_none
from inspect_app.store.migrations import (
    INITIAL_LAYOUT,
    LAYOUT_FOLDERS,
    META_NAME,
    Migrations,
    read_meta,
    write_meta,
)
from inspect_app.store.photos import PhotoStore
from inspect_app.store.records import move_aside

__all__ = [
    "check_index",
    "check_photos",
    "missing_photos",
    "prepare_folder",
    "write_index",
]

logger = logging.getLogger(__name__)

ReadEntry = Callable[[str], IndexEntry | None]
"""A fresh index entry read from the record file, or None when that file was set aside."""
Named = Callable[[str, str], str]


def prepare_folder(data_dir: Path, migrations: Migrations) -> list[str]:
    """Delete temp leftovers, repair a corrupt meta.json, create the folders, migrate.

    Returns the problems to report. The folders are created at every open, not only by the
    first migration, so that one removed by a partial restore never makes every save fail.
    """
    problems = []
    for folder in (data_dir, *(data_dir / name for name in LAYOUT_FOLDERS)):
        for tmp in folder.glob(TMP_PREFIX + "*") if folder.is_dir() else ():
            problems.extend(_remove_leftover(tmp, data_dir))
    try:
        read_meta(data_dir)
    except (StoreCorrupted, StoreUnreadable) as exc:  # derived from the layout: rebuild it
        problems.append(_recover_meta(data_dir, migrations, exc))
    for name in LAYOUT_FOLDERS:
        (data_dir / name).mkdir(exist_ok=True)
    migrations.apply(data_dir)
    return problems


def _remove_leftover(tmp: Path, data_dir: Path) -> list[str]:
    """Delete a temp file (a write that never returned: never acknowledged, never read).

    A folder with a temp name is no write of ours: it is set aside, not deleted (and left
    alone once in corrupt/, where it keeps its name).
    """
    try:
        if not stat.S_ISDIR(atomic._ops.lstat(tmp).st_mode):
            atomic._ops.unlink(tmp)  # a file, or only the name of a symlink or FIFO
            return []
        if tmp.parent == data_dir / "corrupt":
            return []
        copy = move_aside(tmp, data_dir / "corrupt")
    except OSError as exc:  # never read, so never a reason to keep the store closed
        logger.warning("could not remove the leftover %s: %s", tmp, exc)
        return []
    where = copy.relative_to(data_dir)
    return [f"Thư mục lạ {tmp.name} (mang tên của tệp tạm) đã được để riêng tại {where}."]


def _recover_meta(data_dir: Path, migrations: Migrations, exc: StoreError) -> str:
    """Set a corrupt meta.json aside and rewrite it with what the folder's layout proves.

    Only the initial layout can be inferred (its folders or files are there); any later step
    runs again, which migrations allow (each must be safe to run twice).
    """
    copy = move_aside(data_dir / META_NAME, data_dir / "corrupt")
    in_place = (data_dir / "inspections").is_dir() or (data_dir / INDEX_NAME).exists()
    inferred = [INITIAL_LAYOUT] if in_place and INITIAL_LAYOUT in migrations.names else []
    now = datetime.now(UTC).isoformat()
    write_meta(data_dir, [{"name": n, "applied_at": now, "inferred": True} for n in inferred])
    logger.warning("meta.json set aside at %s; rewritten with %s", copy, inferred)
    steps = ", ".join(inferred) or "chưa có bước nào"
    return (
        f"{exc} Đã để riêng tại {copy.relative_to(data_dir)} và ghi lại {META_NAME} theo các "
        f"thư mục hiện có (đã áp dụng: {steps}); các cuộc kiểm tra không bị ảnh hưởng."
    )


def check_index(
    data_dir: Path,
    index: SummaryIndex,
    files: dict[str, Path],
    read_entry: ReadEntry,
    problems: list[str],
) -> None:
    """Make the index agree with the record files, reading only the files it does not match."""
    try:
        existed = index.load()
    except (StoreCorrupted, StoreUnreadable) as exc:  # derived data: set aside, rebuilt below
        copy = move_aside(index.path, data_dir / "corrupt")
        problems.append(f"{exc} Đã để riêng tại {copy.relative_to(data_dir)}.")
        existed = False
    entries = index.entries
    changed = False
    for record_id, path in sorted(files.items()):
        entry = entries.get(record_id)
        # Re-read a record when its line is stale, predates photo refs (photos None), or was
        # summarised without its template (criteria_total 0): it may be installed by now.
        if (
            entry is not None
            and entry.photos is not None
            and entry.summary.criteria_total > 0
            and entry.fingerprint == fingerprint_or_none(path)
        ):
            continue
        fresh = read_entry(record_id)
        if fresh is None:
            entries.pop(record_id, None)
            changed = True
            continue
        changed = changed or fresh != entry
        entries[record_id] = fresh
    for gone in sorted(set(entries) - set(files)):
        del entries[gone]
        changed = True
    if not existed and files:
        problems.append(
            f"Chỉ mục danh sách ({INDEX_NAME}) bị mất hoặc hỏng; "
            f"đã dựng lại từ {len(files)} tệp hồ sơ."
        )
    if changed or not existed or index.needs_compaction:
        write_index(index, problems)


def write_index(index: SummaryIndex, problems: list[str]) -> None:
    """Rewrite (or compact) the index; if the disk refuses, keep it in memory and say so.

    The index is derived data: the list works from memory, the next save or open retries.
    """
    try:
        index.rewrite()
    except StoreWriteFailed as exc:
        logger.warning("could not rewrite the index at open; kept in memory: %s", exc)
        problems.append(
            f"Không ghi được chỉ mục danh sách ({INDEX_NAME}) khi mở ứng dụng ({exc.reason}); "
            "danh sách vẫn dùng được, sẽ ghi lại ở lần mở sau."
        )


def check_photos(
    index: SummaryIndex, photos: PhotoStore, named: Named, problems: list[str]
) -> None:
    """Flag records that point at photo files not on this device; never drop or edit them.

    Uses the photo hashes kept in the index and one listing of `photos/`, so it reads no
    record. Photo files no record points at are normal (a photo is stored before the record
    that references it is saved): they are kept and only counted in the log.
    """
    try:
        present = photos.hashes()
    except OSError as exc:  # a derived check must not keep the records from opening
        logger.warning("could not list the photo folder; photo references not checked: %s", exc)
        return
    for inspection_id, missing in sorted(missing_photos(index, present).items()):
        problems.append(
            named(
                inspection_id,
                f"thiếu {len(missing)} tệp ảnh mà hồ sơ có tham chiếu (ảnh không còn trên "
                "máy này). Hồ sơ vẫn được giữ nguyên; hãy chụp lại hoặc chép lại các ảnh đó.",
            )
        )
    referenced: set[str] = set()
    for entry in index.entries.values():
        referenced.update(entry.photos or ())
    orphans = len(present - referenced)
    if orphans:
        logger.info("%d photo file(s) not referenced by any record; kept", orphans)


def missing_photos(index: SummaryIndex, present: set[str]) -> dict[str, list[str]]:
    """Inspection id -> referenced photo hashes not in `present`."""
    missing: dict[str, list[str]] = {}
    for inspection_id, entry in index.entries.items():
        gone = sorted((entry.photos or frozenset()) - present)
        if gone:
            missing[inspection_id] = gone
    return missing
