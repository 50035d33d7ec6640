"""A corpus of hostile files and folder entries: each is set aside or skipped and reported, the
valid records stay intact and readable, and opening the store never crashes or hangs."""

from __future__ import annotations

import errno
import os
import threading
from collections.abc import Callable
from pathlib import Path

import pytest

from checklists.record.model import Inspection
from checklists.template.model import Template
from inspect_app.store import InspectionStore, StoreError, StoreUnreadable, StoreWriteFailed, atomic

Resolver = Callable[[str, int], Template]
MakeInspection = Callable[..., Inspection]
ID_A = "00000000-0000-4000-8000-00000000000a"
ID_B = "00000000-0000-4000-8000-00000000000b"
ID_X = "00000000-0000-4000-8000-0000000000ff"
"""The victim: a valid record saved with A and B, then damaged or replaced."""
OPEN_TIMEOUT_S = 30

needs_fifo = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this platform")


@pytest.fixture
def existing_store(
    data_dir: Path, templates: Resolver, make_inspection: MakeInspection
) -> dict[str, Inspection]:
    """A closed store holding valid records A, B and X."""
    with InspectionStore.open(data_dir, templates=templates) as store:
        for inspection_id, unit in ((ID_A, "Xã A"), (ID_B, "Xã B"), (ID_X, "Xã X")):
            store.save(make_inspection(inspection_id, unit=unit, notes={"A1": f"ghi {unit}"}))
        return {i: store.get(i) for i in (ID_A, ID_B, ID_X)}


def open_with_timeout(data_dir: Path, templates: Resolver) -> InspectionStore:
    """`InspectionStore.open` in a thread: a hang fails the test instead of stopping the suite."""
    result: list[InspectionStore | BaseException] = []

    def run() -> None:
        try:
            result.append(InspectionStore.open(data_dir, templates=templates))
        except BaseException as exc:  # handed to the test below, which re-raises it
            result.append(exc)

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    thread.join(OPEN_TIMEOUT_S)
    assert not thread.is_alive(), f"InspectionStore.open hung for {OPEN_TIMEOUT_S} s"
    [opened] = result
    if isinstance(opened, BaseException):
        raise opened
    return opened


def record(data_dir: Path, inspection_id: str = ID_X) -> Path:
    return data_dir / "inspections" / f"{inspection_id}.json"


def rewrite(change: Callable[[bytes], bytes]) -> Callable[[Path], None]:
    """Replace the victim's bytes by `change(bytes)`."""

    def damage(data_dir: Path) -> None:
        path = record(data_dir)
        path.write_bytes(change(path.read_bytes()))

    return damage


def replace_with(make: Callable[[Path], None], target: Callable[[Path], Path] = record):
    """Remove the file at `target` and put something else under its name."""

    def damage(data_dir: Path) -> None:
        path = target(data_dir)
        path.unlink()
        make(path)

    return damage


def add(make: Callable[[Path], None], name: str) -> Callable[[Path], None]:
    """Add an entry `name` (relative to the data folder) made by `make`."""
    return lambda data_dir: make(data_dir / name)


def huge_file(path: Path) -> None:
    with path.open("wb") as f:
        f.truncate(64 * 1024 * 1024)  # sparse: costs no disk, would cost 64 MB of memory


def symlink_to_huge(path: Path) -> None:
    target = path.parent.parent / "huge.bin"
    huge_file(target)
    path.symlink_to(target)


INDEX = lambda data_dir: data_dir / "index.jsonl"  # noqa: E731
META = lambda data_dir: data_dir / "meta.json"  # noqa: E731
UNIT = b'"unit_name":"X\xc3\xa3 X"'

# name -> (how to make it hostile, a fragment of the report, or None when it is removed silently)
CORPUS: dict[str, tuple[Callable[[Path], None], str | None]] = {
    # record files whose content is bad: moved to corrupt/
    "empty_file": (rewrite(lambda raw: b""), "tệp rỗng"),
    "nul_bytes": (rewrite(lambda raw: b"\x00" * len(raw)), "byte NUL"),
    "truncated_json": (rewrite(lambda raw: raw[: len(raw) // 3]), "cắt ngang"),
    "json_array": (rewrite(lambda raw: b"[1, 2, 3]"), "không phải cơ sở dữ liệu TinyDB"),
    "deeply_nested_json": (rewrite(lambda raw: b"[" * 200_000 + b"]" * 200_000), "lồng nhau"),
    "not_utf8": (rewrite(lambda raw: raw.replace(b"X\xc3\xa3", b"X\xff")), "UTF-8"),
    "huge_string": (
        rewrite(lambda raw: raw.replace(UNIT, b'"unit_name":"' + b"x" * 5_000_000 + b'"')),
        "header.unit_name",
    ),
    "over_the_size_limit": (rewrite(lambda raw: raw + b" " * (17 * 1024 * 1024)), "giới hạn"),
    "wrong_types": (
        rewrite(lambda raw: raw.replace(b'"local_rev":1', b'"local_rev":"one"')),
        "local_rev",
    ),
    "unknown_field": (
        rewrite(lambda raw: raw.replace(b'"record":{', b'"record":{"surprise":1,')),
        "record.surprise",
    ),
    "not_a_number": (
        rewrite(lambda raw: raw.replace(b'"template_version":1', b'"template_version":NaN')),
        "template_version",
    ),
    "int_of_5000_digits": (
        rewrite(lambda raw: raw.replace(b'"local_rev":1', b'"local_rev":' + b"9" * 5000)),
        "số quá dài",
    ),
    "int_of_5000_digits_in_the_record": (
        rewrite(lambda raw: raw.replace(b'"counter":1', b'"counter":' + b"7" * 5000, 1)),
        "số quá dài",
    ),
    "tinydb_file_with_the_wrong_table": (
        rewrite(lambda raw: raw.replace(b'{"inspection":', b'{"_default":', 1)),
        "không chứa hồ sơ",
    ),
    "another_records_content": (
        rewrite(lambda raw: raw.replace(ID_X.encode(), ID_A.encode())),
        "hồ sơ của một cuộc kiểm tra khác",
    ),
    # entries under a record's name that are no regular file: moved to corrupt/, never opened
    "record_name_is_a_directory": (replace_with(lambda p: p.mkdir()), "thư mục"),
    "record_name_is_a_fifo": (replace_with(os.mkfifo), "FIFO"),
    "record_name_is_a_symlink_to_dev_zero": (
        replace_with(lambda p: p.symlink_to("/dev/zero")),
        "symlink",
    ),
    "record_name_is_a_symlink_to_a_huge_file": (replace_with(symlink_to_huge), "symlink"),
    "record_name_is_a_symlink_to_a_valid_record": (
        replace_with(lambda p: p.symlink_to(record(p.parent.parent, ID_A))),
        "symlink",
    ),
    "record_sized_past_the_limit_sparse": (replace_with(huge_file), "giới hạn"),
    # names no record can have
    "json_file_named_not_a_uuid": (
        add(lambda p: p.write_bytes(b"{}"), "inspections/notes.json"),
        "không phải mã cuộc kiểm tra",
    ),
    "json_file_named_by_an_upper_case_uuid": (
        add(lambda p: p.write_bytes(b"{}"), f"inspections/{ID_A.upper()}.json"),
        "không phải mã cuộc kiểm tra",
    ),
    "directory_named_not_a_uuid": (
        add(lambda p: p.mkdir(), "inspections/old.json"),
        "không phải mã cuộc kiểm tra",
    ),
    # leftovers of writes that never returned
    "tmp_leftover": (add(lambda p: p.write_bytes(b'{"half'), "inspections/.tmp-abc"), None),
    "tmp_leftover_fifo": (add(os.mkfifo, "inspections/.tmp-fifo"), None),
    "tmp_leftover_symlink": (add(lambda p: p.symlink_to("/dev/zero"), ".tmp-link"), None),
    "tmp_named_directory": (
        add(lambda p: p.mkdir(), "inspections/.tmp-dir"),
        "mang tên của tệp tạm",
    ),
    # the store's own files: set aside and rebuilt
    "meta_json_damaged": (lambda d: META(d).write_bytes(b"\x00" * 40), "meta.json"),
    "meta_json_int_of_5000_digits": (
        lambda d: META(d).write_bytes(b'{"schema_version": ' + b"1" * 5000 + b"}"),
        "meta.json",
    ),
    "meta_json_is_a_directory": (replace_with(lambda p: p.mkdir(), META), "meta.json"),
    "meta_json_is_a_fifo": (replace_with(os.mkfifo, META), "meta.json"),
    "index_damaged": (
        lambda d: INDEX(d).write_bytes(b"garbage\n" + INDEX(d).read_bytes()),
        "index.jsonl",
    ),
    "index_int_of_5000_digits": (
        lambda d: INDEX(d).write_bytes(b'{"id": ' + b"5" * 5000 + b"}\n"),
        "index.jsonl",
    ),
    "index_is_a_directory": (replace_with(lambda p: p.mkdir(), INDEX), "index.jsonl"),
    "index_is_a_fifo": (replace_with(os.mkfifo, INDEX), "index.jsonl"),
    "index_is_a_symlink_to_dev_zero": (
        replace_with(lambda p: p.symlink_to("/dev/zero"), INDEX),
        "index.jsonl",
    ),
    # photos: never opened at start-up; a bad entry is simply not a photo
    "photo_of_zero_bytes": (add(lambda p: p.write_bytes(b""), "photos/" + "a" * 64), None),
    "photo_name_is_a_fifo": (add(os.mkfifo, "photos/" + "b" * 64), None),
    "photo_name_is_a_directory": (add(lambda p: p.mkdir(), "photos/" + "c" * 64), None),
}
VICTIM_LOST = {
    name
    for name in CORPUS
    if name.startswith(("record_", "int_of", "another"))
    or name
    in (
        "empty_file",
        "nul_bytes",
        "truncated_json",
        "json_array",
        "deeply_nested_json",
        "not_utf8",
        "huge_string",
        "over_the_size_limit",
        "wrong_types",
        "unknown_field",
        "not_a_number",
        "tinydb_file_with_the_wrong_table",
    )
}
"""The cases that damage or replace record X itself (it is then set aside, not listed)."""


def _cases() -> list[object]:
    return [
        pytest.param(name, marks=needs_fifo) if "fifo" in name else name for name in sorted(CORPUS)
    ]


@pytest.mark.parametrize("case", _cases())
def test_a_hostile_entry_is_set_aside_or_skipped_and_the_valid_records_stay_readable(
    existing_store: dict[str, Inspection],
    data_dir: Path,
    templates: Resolver,
    make_inspection: MakeInspection,
    case: str,
) -> None:
    damage, expected = CORPUS[case]
    damage(data_dir)
    store = open_with_timeout(data_dir, templates)
    with store:
        if expected is None:
            assert store.problems == []
        else:
            assert any(expected in p for p in store.problems), store.problems
        for inspection_id in (ID_A, ID_B):
            assert store.get(inspection_id) == existing_store[inspection_id]
        listed = {s.id for s in store.list_summaries()}
        if case in VICTIM_LOST:
            assert listed == {ID_A, ID_B}
            with pytest.raises(StoreError):
                store.get(ID_X)
        else:
            assert listed == {ID_A, ID_B, ID_X}
            assert store.get(ID_X) == existing_store[ID_X]
        # The store keeps working: a save is acknowledged and reads back.
        edited = make_inspection(ID_B, unit="Xã B", notes={"A1": "sửa sau khi mở"})
        assert store.save(edited) == 2
        assert store.get(ID_B) == edited
    # Reported once: the hostile entry is out of the way at the next open.
    with open_with_timeout(data_dir, templates) as store:
        assert store.problems == []
        assert store.get(ID_A) == existing_store[ID_A]
    for path in data_dir.rglob("*"):  # nothing hostile left where the store reads
        if path.parent.name != "corrupt" and not path.is_relative_to(data_dir / "corrupt"):
            assert not path.name.startswith(".tmp-"), path


@needs_fifo
def test_a_fifo_under_a_records_name_after_open_does_not_hang_get_or_save(
    existing_store: dict[str, Inspection],
    data_dir: Path,
    templates: Resolver,
    make_inspection: MakeInspection,
) -> None:
    store = open_with_timeout(data_dir, templates)
    with store:
        path = record(data_dir)
        path.unlink()
        os.mkfifo(path)
        done: list[object] = []

        def use() -> None:
            try:
                store.get(ID_X)
            except StoreError as exc:
                done.append(exc)
            done.append(store.save(make_inspection(ID_X, unit="Xã X", notes={"A1": "mới"})))

        thread = threading.Thread(target=use, daemon=True)
        thread.start()
        thread.join(OPEN_TIMEOUT_S)
        assert not thread.is_alive(), "get/save hung on a FIFO"
        assert "FIFO" in str(done[0]) and done[1] == 2
        assert path.is_file() and store.get(ID_X).assessments["A1"]["m1"].note == "mới"


# -- a file the system refuses to read (an I/O error; tests run as root, so no chmod) -----------


class UnreadableFile(atomic.FileOps):
    """Every read of one file (its inode: bad flash blocks) fails with EIO; a new file written
    under the same name reads fine, as do all other calls."""

    def __init__(self, path: Path) -> None:
        self.inode = path.stat().st_ino

    def open_read(self, path: str | Path) -> int:
        try:
            bad = os.stat(path).st_ino == self.inode
        except OSError:
            bad = False
        if bad:
            raise OSError(errno.EIO, os.strerror(errno.EIO))
        return super().open_read(path)


@pytest.mark.parametrize("index_knows_it", [True, False])
def test_an_unreadable_record_file_is_reported_left_in_place_and_the_rest_opens(
    existing_store: dict[str, Inspection],
    data_dir: Path,
    templates: Resolver,
    make_inspection: MakeInspection,
    monkeypatch: pytest.MonkeyPatch,
    index_knows_it: bool,
) -> None:
    path = record(data_dir)
    before = path.read_bytes()
    if not index_knows_it:
        INDEX(data_dir).unlink()
    monkeypatch.setattr(atomic, "_ops", UnreadableFile(path))
    with open_with_timeout(data_dir, templates) as store:
        mine = [p for p in store.problems if f"{ID_X}.json" in p]
        assert len(mine) == 1 and "Không đọc được tệp" in mine[0] and "giữ nguyên" in mine[0]
        assert {s.id for s in store.list_summaries()} == {ID_A, ID_B}
        assert store.get(ID_A) == existing_store[ID_A]
        with pytest.raises(StoreUnreadable, match="lỗi ổ đĩa"):
            store.get(ID_X)
        # A save over it is refused (it could not be merged with what the file holds).
        with pytest.raises(StoreWriteFailed, match="chưa được lưu"):
            store.save(make_inspection(ID_X, unit="Xã X", notes={"A1": "ghi đè?"}))
    assert path.read_bytes() == before
    assert not (data_dir / "corrupt").exists() or list((data_dir / "corrupt").iterdir()) == []
    monkeypatch.undo()  # the storage is fixed: the record is back, untouched
    with open_with_timeout(data_dir, templates) as store:
        assert store.problems == []
        assert store.get(ID_X) == existing_store[ID_X]
        assert {s.id for s in store.list_summaries()} == {ID_A, ID_B, ID_X}


@needs_fifo
def test_a_fifo_in_place_of_the_index_after_open_does_not_hang_a_save_or_close(
    existing_store: dict[str, Inspection],
    data_dir: Path,
    templates: Resolver,
    make_inspection: MakeInspection,
) -> None:
    store = open_with_timeout(data_dir, templates)
    INDEX(data_dir).unlink()
    os.mkfifo(INDEX(data_dir))
    edited = make_inspection(ID_A, unit="Xã A", notes={"A1": "sau khi chỉ mục hỏng"})
    done: list[int] = []

    def save_and_close() -> None:
        done.append(store.save(edited))  # the record is durable; the index append fails
        store.close()

    thread = threading.Thread(target=save_and_close, daemon=True)
    thread.start()
    thread.join(OPEN_TIMEOUT_S)
    assert not thread.is_alive(), "save or close hung on a FIFO index"
    assert done == [2]
    with open_with_timeout(data_dir, templates) as reopened:
        assert reopened.get(ID_A) == edited
        assert any("index.jsonl" in p for p in reopened.problems)


@pytest.mark.parametrize("name", ["meta.json", "index.jsonl"])
def test_an_unreadable_meta_or_index_is_set_aside_and_rebuilt_and_the_records_open(
    existing_store: dict[str, Inspection],
    data_dir: Path,
    templates: Resolver,
    monkeypatch: pytest.MonkeyPatch,
    name: str,
) -> None:
    monkeypatch.setattr(atomic, "_ops", UnreadableFile(data_dir / name))
    with open_with_timeout(data_dir, templates) as store:
        assert any(name in p and "Không đọc được tệp" in p for p in store.problems)
        assert {i: store.get(i) for i in existing_store} == existing_store
    monkeypatch.undo()
    with open_with_timeout(data_dir, templates) as store:
        assert store.problems == []
        assert {s.id for s in store.list_summaries()} == set(existing_store)
