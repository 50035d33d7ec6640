"""Atomic writes: whole files or nothing; corrupt files never read as empty; no false acks."""

from __future__ import annotations

import errno
import json
import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from tinydb import TinyDB
from tinydb.storages import MemoryStorage

from checklists.record.model import Inspection
from checklists.template.model import Template
from inspect_app.store import (
    AtomicJSONStorage,
    InspectionStore,
    StoreCorrupted,
    StoreWriteFailed,
    atomic,
)
from inspect_app.store.atomic import atomic_write, salvage_json

Resolver = Callable[[str, int], Template]
MakeInspection = Callable[..., Inspection]
ID_A = "00000000-0000-4000-8000-00000000000a"


@pytest.fixture(params=["memory", "atomic"])
def db(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[TinyDB]:
    """tinydb's pattern: every behaviour test runs in memory and against a real file."""
    if request.param == "atomic":
        db_ = TinyDB(tmp_path / "test.json", storage=AtomicJSONStorage)
    else:
        db_ = TinyDB(storage=MemoryStorage)
    yield db_
    db_.close()


def temp_files(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.glob(".tmp-*"))


# -- behaves like a TinyDB storage -------------------------------------------------------------


@pytest.mark.parametrize(
    "docs,expected_count",
    [([], 0), ([{"x": 1}], 1), ([{"x": 1}, {"x": 2}, {"ghi_chú": "Đạt"}], 3)],
)
def test_insert_and_read_back(db: TinyDB, docs: list[dict[str, Any]], expected_count: int) -> None:
    for doc in docs:
        db.insert(doc)
    assert len(db) == expected_count
    assert [dict(d) for d in db.all()] == docs


def test_update_replaces_the_value(db: TinyDB) -> None:
    doc_id = db.insert({"note": "một ghi chú dài " * 50})
    db.update({"note": "ngắn"}, doc_ids=[doc_id])
    assert db.get(doc_id=doc_id) == {"note": "ngắn"}


def test_shrinking_rewrite_leaves_no_old_tail(tmp_path: Path) -> None:
    path = tmp_path / "db.json"
    with TinyDB(path, storage=AtomicJSONStorage) as db:
        doc_id = db.insert({"note": "x" * 5000})
        db.update({"note": "y"}, doc_ids=[doc_id])
    assert json.loads(path.read_text(encoding="utf-8")) == {"_default": {"1": {"note": "y"}}}


def test_write_is_utf8_not_escaped(tmp_path: Path) -> None:
    path = tmp_path / "db.json"
    AtomicJSONStorage(path).write({"t": {"1": {"đơn_vị": "Phường Vĩnh Trại"}}})
    assert "Phường Vĩnh Trại" in path.read_text(encoding="utf-8")
    assert temp_files(tmp_path) == []


# -- reading -----------------------------------------------------------------------------------


def test_missing_file_is_an_empty_database(tmp_path: Path) -> None:
    assert AtomicJSONStorage(tmp_path / "new.json").read() is None
    assert not (tmp_path / "new.json").exists()


@pytest.mark.parametrize(
    "content,expected_fragment",
    [
        (b"", "tệp rỗng (0 byte)"),
        (b"  \n", "tệp rỗng (3 byte)"),
        (b"\x00" * 512, "chỉ chứa byte NUL"),
        (b'{"_default": {"1": {"a": 1}}}me": 2}}}', "dữ liệu thừa sau vị trí 29"),
        (b'{"_default": {"1": {"a": ', "tệp bị cắt ngang, thiếu phần cuối"),
        (b'{"_default": {"1": {"a": 1, oops}}}', "JSON không hợp lệ ở dòng 1, cột 29"),
        (b"\xff\xfe{}", "không phải văn bản UTF-8"),
        (b"[1, 2, 3]", "không phải cơ sở dữ liệu TinyDB"),
        (b'{"_default": [1]}', "không phải cơ sở dữ liệu TinyDB"),
    ],
)
def test_unreadable_content_raises_and_is_left_alone(
    tmp_path: Path, content: bytes, expected_fragment: str
) -> None:
    path = tmp_path / "db.json"
    path.write_bytes(content)
    with pytest.raises(StoreCorrupted) as excinfo:
        AtomicJSONStorage(path).read()
    assert expected_fragment in str(excinfo.value)
    assert "db.json" in str(excinfo.value)
    assert excinfo.value.path == path
    # The write that follows a failed read never happens: TinyDB does not reset the file.
    with TinyDB(path, storage=AtomicJSONStorage) as db, pytest.raises(StoreCorrupted):
        db.insert({"new": 1})
    assert path.read_bytes() == content


@pytest.mark.parametrize(
    "raw,expected",
    [
        (b'{"a": 1}garbage', {"a": 1}),
        (b'{"a": 1}\x00\x00\x00', {"a": 1}),
        (b'{"a": 1}}]\n', {"a": 1}),
        (b'{"a": "\xc3\xa1"}\xff\xff', {"a": "á"}),
        (b'{"a": ', None),
        (b"\x00\x00", None),
        (b"", None),
    ],
)
def test_salvage_json(raw: bytes, expected: Any) -> None:
    assert salvage_json(raw) == expected


# -- writing and I/O errors --------------------------------------------------------------------


def test_unserialisable_value_changes_nothing(tmp_path: Path) -> None:
    path = tmp_path / "db.json"
    with TinyDB(path, storage=AtomicJSONStorage) as db:
        db.insert({"a": 1})
        before = path.read_bytes()
        with pytest.raises(TypeError):
            db.insert({"b": object()})
    assert path.read_bytes() == before
    assert temp_files(tmp_path) == []


def failing_os(
    monkeypatch: pytest.MonkeyPatch, names: tuple[str, ...], k: int, *, persistent: bool
) -> None:
    """The k-th call, counted over `names`, raises ENOSPC; if persistent, so does every later
    call of that same function (a disk whose fsync, say, keeps failing)."""
    calls = {"n": 0}
    broken: set[str] = set()
    for name in names:
        real = getattr(os, name)

        def failing(*args: Any, _real: Any = real, _name: str = name, **kwargs: Any) -> Any:
            calls["n"] += 1
            if calls["n"] == k and persistent:
                broken.add(_name)
            if calls["n"] == k or _name in broken:
                raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
            return _real(*args, **kwargs)

        monkeypatch.setattr(os, name, failing)


@pytest.mark.parametrize("persistent", [False, True])
@pytest.mark.parametrize(
    "name,k", [("write", 1), ("fsync", 1), ("fsync", 2), ("replace", 1), ("close", 1)]
)
def test_io_error_keeps_previous_content(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str, k: int, persistent: bool
) -> None:
    path = tmp_path / "db.json"
    atomic_write(path, b'{"old": true}')
    failing_os(monkeypatch, (name,), k, persistent=persistent)
    with pytest.raises(StoreWriteFailed) as excinfo:
        atomic_write(path, b'{"new": true}')
    monkeypatch.undo()
    assert "Dữ liệu chưa được lưu" in str(excinfo.value)
    assert path.read_bytes() == b'{"old": true}'
    assert temp_files(tmp_path) == []


@pytest.mark.parametrize("existed,expected", [(True, b"old"), (False, None)])
def test_failed_folder_fsync_rolls_back(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, existed: bool, expected: bytes | None
) -> None:
    path = tmp_path / "f"
    if existed:
        atomic_write(path, b"old")
    failing_os(monkeypatch, ("fsync",), 2, persistent=True)  # 1: the temp file, 2: the folder
    with pytest.raises(StoreWriteFailed):
        atomic_write(path, b"new")
    monkeypatch.undo()
    assert (path.read_bytes() if path.exists() else None) == expected
    assert temp_files(tmp_path) == []


# -- I/O errors during a store save ------------------------------------------------------------


OPS = ("write", "fsync", "replace", "open", "close", "unlink")
INJECTION_POINTS = range(1, 21)  # a save makes 19 of these calls (reads included)


@pytest.mark.parametrize("persistent", [False, True])
@pytest.mark.parametrize("k", INJECTION_POINTS)
def test_io_error_at_kth_call_never_acks_a_lost_save(
    data_dir: Path,
    templates: Resolver,
    make_inspection: MakeInspection,
    monkeypatch: pytest.MonkeyPatch,
    k: int,
    persistent: bool,
) -> None:
    old = make_inspection(ID_A, notes={"A1": "bản cũ"})
    new = make_inspection(ID_A, notes={"A1": "bản mới, dài hơn " * 20})
    with InspectionStore.open(data_dir, templates=templates) as store:
        store.save(old)
        failing_os(monkeypatch, OPS, k, persistent=persistent)
        try:
            rev: int | None = store.save(new)
        except StoreWriteFailed as exc:
            rev = None
            assert "chưa được lưu" in str(exc)
        monkeypatch.undo()
        # Acknowledged: the new record is stored. Not acknowledged: the old one, unchanged.
        expected = (new, 2) if rev is not None else (old, 1)
        assert (store.get(ID_A), store.sync_state(ID_A).local_rev) == expected
    with InspectionStore.open(data_dir, templates=templates) as store:
        assert (store.get(ID_A), store.sync_state(ID_A).local_rev) == expected
        assert store.list_summaries()[0].updated_counter == expected[1]
        assert store.problems == []
    assert list(data_dir.rglob(".tmp-*")) == []


def test_injection_points_reach_past_the_record_write(
    data_dir: Path,
    templates: Resolver,
    make_inspection: MakeInspection,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The loop above covers every os call of a save: the last point lets the save succeed."""
    with InspectionStore.open(data_dir, templates=templates) as store:
        store.save(make_inspection(ID_A))
        failing_os(monkeypatch, OPS, max(INJECTION_POINTS), persistent=False)
        assert store.save(make_inspection(ID_A, notes={"A1": "x"})) == 2


# -- what a failed write tells the person --------------------------------------------------------


@pytest.mark.parametrize(
    "code,reason",
    [
        (errno.ENOSPC, "bộ nhớ đầy"),
        (errno.EDQUOT, "bộ nhớ đầy"),
        (errno.EACCES, "không có quyền ghi / bộ nhớ chỉ đọc"),
        (errno.EPERM, "không có quyền ghi / bộ nhớ chỉ đọc"),
        (errno.EROFS, "không có quyền ghi / bộ nhớ chỉ đọc"),
        (errno.ENOENT, "thư mục dữ liệu bị thiếu"),
        (errno.EIO, "lỗi ổ đĩa"),
    ],
)
def test_write_failure_is_worded_from_its_errno(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, code: int, reason: str
) -> None:
    class Failing(atomic.FileOps):
        def mkstemp(self, folder: Path) -> tuple[int, str]:
            raise OSError(code, os.strerror(code))

    monkeypatch.setattr(atomic, "_ops", Failing())
    with pytest.raises(StoreWriteFailed) as excinfo:
        atomic_write(tmp_path / "f.json", b"{}")
    assert excinfo.value.reason == reason
    assert str(excinfo.value).startswith(f"Không lưu được tệp f.json ({reason}: ")


def test_missing_folder_save_says_the_folder_is_missing(tmp_path: Path) -> None:
    with pytest.raises(StoreWriteFailed, match=r"\(thư mục dữ liệu bị thiếu: "):
        atomic_write(tmp_path / "gone" / "f.json", b"{}")


# -- Windows: a new file briefly held open by antivirus or the indexer ---------------------------


def flaky_replace(monkeypatch: pytest.MonkeyPatch, failures: int) -> tuple[list[str], list[float]]:
    """os.replace refuses with PermissionError `failures` times, then works; sleeps recorded."""
    calls: list[str] = []
    sleeps: list[float] = []
    real = os.replace

    def replace(src: Any, dst: Any) -> None:
        calls.append(str(dst))
        if len(calls) <= failures:
            raise PermissionError(errno.EACCES, "Access is denied")
        real(src, dst)

    monkeypatch.setattr(os, "replace", replace)
    monkeypatch.setattr(atomic.time, "sleep", sleeps.append)
    return calls, sleeps


def replace_as(os_name: str, src: Path, dst: Path) -> None:
    """FileOps.replace with `os.name` faked only for the call (pytest itself needs the real one)."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(os, "name", os_name)
        atomic.FileOps().replace(str(src), str(dst))


def test_windows_replace_is_retried_while_the_file_is_held(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    src, dst = tmp_path / "src", tmp_path / "dst"
    src.write_bytes(b"new")
    calls, sleeps = flaky_replace(monkeypatch, failures=3)
    replace_as("nt", src, dst)
    assert (len(calls), sleeps) == (4, [atomic.REPLACE_RETRY_DELAY_S] * 3)
    assert dst.read_bytes() == b"new"


def test_windows_replace_gives_up_after_the_retries(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "src").write_bytes(b"new")
    calls, sleeps = flaky_replace(monkeypatch, failures=100)
    with pytest.raises(PermissionError):
        replace_as("nt", tmp_path / "src", tmp_path / "dst")
    assert (len(calls), len(sleeps)) == (atomic.REPLACE_RETRIES + 1, atomic.REPLACE_RETRIES)


def test_replace_is_not_retried_elsewhere(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "src").write_bytes(b"new")
    calls, sleeps = flaky_replace(monkeypatch, failures=1)
    with pytest.raises(PermissionError):
        replace_as("posix", tmp_path / "src", tmp_path / "dst")
    assert (len(calls), sleeps) == (1, [])
