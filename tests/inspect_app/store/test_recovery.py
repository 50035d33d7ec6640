"""Start-up recovery: a damaged file is never reset; it is set aside, reported, and salvaged."""

from __future__ import annotations

import errno
import json
import os
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from checklists.record.model import Inspection
from checklists.template.model import Template
from inspect_app.store import InspectionStore, StoreCorrupted, atomic

Resolver = Callable[[str, int], Template]
MakeInspection = Callable[..., Inspection]
ID_A = "00000000-0000-4000-8000-00000000000a"
ID_B = "00000000-0000-4000-8000-00000000000b"


@pytest.fixture
def existing_store(
    data_dir: Path, templates: Resolver, make_inspection: MakeInspection
) -> dict[str, Inspection]:
    """A closed store holding A (saved 3 times, rev 2 acknowledged by the server) and B."""
    records = {
        ID_A: make_inspection(ID_A, unit="Xã A", notes={"A1": "ghi chú " * 40}),
        ID_B: make_inspection(ID_B, unit="Xã B", notes={"A1": "Đạt"}),
    }
    with InspectionStore.open(data_dir, templates=templates) as store:
        for i in range(3):
            store.save(make_inspection(ID_A, unit="Xã A", notes={"A1": f"bản {i} " * 40}))
        records[ID_A] = store.get(ID_A)
        store.mark_synced(ID_A, 2, "22" * 32)
        store.save(records[ID_B])
    return records


def record_path(data_dir: Path, inspection_id: str) -> Path:
    return data_dir / "inspections" / f"{inspection_id}.json"


def set_aside_copies(data_dir: Path) -> list[Path]:
    folder = data_dir / "corrupt"
    return sorted(folder.iterdir()) if folder.exists() else []


DAMAGES: dict[str, tuple[Callable[[bytes], bytes], str]] = {
    "nul_filled": (lambda raw: b"\x00" * len(raw), "chỉ chứa byte NUL"),
    "empty": (lambda raw: b"", "tệp rỗng (0 byte)"),
    "truncated_mid_object": (lambda raw: raw[: len(raw) // 2], "tệp bị cắt ngang"),
    "invalid_json_inside": (lambda raw: raw.replace(b":", b";", 1), "JSON không hợp lệ ở dòng 1"),
    "not_a_record": (
        lambda raw: b'{"inspection": {"1": {"hello": "world"}}}',
        "không phải hồ sơ cuộc kiểm tra hợp lệ",
    ),
    "not_tinydb": (lambda raw: b"[1, 2, 3]", "không phải cơ sở dữ liệu TinyDB"),
    "no_document": (lambda raw: b'{"inspection": {}}', "không chứa hồ sơ"),
    "garbage_after_non_record": (lambda raw: b'{"x": 1}}garbage', "dữ liệu thừa"),
    "document_is_a_number": (lambda raw: b'{"inspection": {"1": 5}}', "cần một đối tượng JSON"),
    "document_is_a_string": (lambda raw: b'{"inspection": {"1": "xx"}}', "cần một đối tượng JSON"),
    "document_is_a_list": (lambda raw: b'{"inspection": {"1": []}}', "cần một đối tượng JSON"),
    "document_id_not_a_number": (
        lambda raw: raw.replace(b'"1":', b'"x":', 1),
        "mục 'x' không phải tài liệu TinyDB",
    ),
    "int_of_5000_digits": (  # over Python's int-string limit: json raises a plain ValueError
        lambda raw: raw.replace(b'"local_rev":3', b'"local_rev":' + b"9" * 5000, 1),
        "có số quá dài",
    ),
    "deeply_nested": (
        lambda raw: b'{"inspection": {"1": ' + b"[" * 100_000 + b"]" * 100_000 + b"}}",
        "lồng nhau quá sâu",
    ),
}


@pytest.mark.parametrize("case", sorted(DAMAGES))
def test_damaged_record_is_set_aside_reported_and_never_reset(
    existing_store: dict[str, Inspection],
    data_dir: Path,
    templates: Resolver,
    make_inspection: MakeInspection,
    case: str,
) -> None:
    damage, expected_fragment = DAMAGES[case]
    path = record_path(data_dir, ID_A)
    damaged = damage(path.read_bytes())
    path.write_bytes(damaged)
    with InspectionStore.open(data_dir, templates=templates) as store:
        [problem] = store.problems
        assert f"{ID_A}.json" in problem and expected_fragment in problem
        assert "corrupt/" in problem and "không xóa, không ghi đè" in problem
        [copy] = set_aside_copies(data_dir)
        assert copy.name.startswith(f"{ID_A}.json.") and copy.name.endswith("Z")
        assert copy.read_bytes() == damaged  # the bytes are kept as they were
        assert not path.exists()
        with pytest.raises(StoreCorrupted, match="để riêng"):
            store.get(ID_A)
        # The rest of the store keeps working.
        assert store.get(ID_B) == existing_store[ID_B]
        assert [s.id for s in store.list_summaries()] == [ID_B]
        # Saving A again starts a new file and keeps its revisions going up.
        assert store.save(existing_store[ID_A]) == 4
        assert store.sync_state(ID_A).synced_rev == 2
    assert copy.read_bytes() == damaged


def test_trailing_garbage_is_salvaged_and_the_original_kept(
    existing_store: dict[str, Inspection], data_dir: Path, templates: Resolver
) -> None:
    path = record_path(data_dir, ID_A)
    good = path.read_bytes()
    damaged = good + b'e": "old tail"}}}'  # what stock TinyDB's unsynced truncate leaves
    path.write_bytes(damaged)
    with InspectionStore.open(data_dir, templates=templates) as store:
        [problem] = store.problems
        assert f"{ID_A}.json" in problem and "dữ liệu thừa" in problem
        assert "Đã khôi phục" in problem
        assert store.get(ID_A) == existing_store[ID_A]
        assert store.sync_state(ID_A).local_rev == 3
        assert {s.id for s in store.list_summaries()} == {ID_A, ID_B}
    [copy] = set_aside_copies(data_dir)
    assert copy.read_bytes() == damaged
    assert json.loads(path.read_bytes()) == json.loads(good)


def test_orphan_temp_files_are_deleted_and_records_untouched(
    existing_store: dict[str, Inspection], data_dir: Path, templates: Resolver
) -> None:
    orphans = [
        data_dir / ".tmp-index",
        data_dir / "inspections" / ".tmp-abc123",
        data_dir / "photos" / ".tmp-photo",
        data_dir / "corrupt" / ".tmp-copy",
    ]
    for orphan in orphans:
        orphan.write_bytes(b'{"half": "writ')
    with InspectionStore.open(data_dir, templates=templates) as store:
        assert [p for p in orphans if p.exists()] == []
        assert store.problems == []
        assert {i: store.get(i) for i in (ID_A, ID_B)} == existing_store
    assert set_aside_copies(data_dir) == []


def test_damage_after_open_is_caught_on_get(
    existing_store: dict[str, Inspection], data_dir: Path, templates: Resolver
) -> None:
    with InspectionStore.open(data_dir, templates=templates) as store:
        record_path(data_dir, ID_A).write_bytes(b"\x00" * 100)
        with pytest.raises(StoreCorrupted, match="byte NUL"):
            store.get(ID_A)
        assert len(store.problems) == 1
        assert [s.id for s in store.list_summaries()] == [ID_B]
        with pytest.raises(StoreCorrupted, match="để riêng"):
            store.get(ID_A)
    assert [c.read_bytes() for c in set_aside_copies(data_dir)] == [b"\x00" * 100]


def test_save_over_a_file_damaged_after_open_keeps_both(
    existing_store: dict[str, Inspection],
    data_dir: Path,
    templates: Resolver,
    make_inspection: MakeInspection,
) -> None:
    edited = make_inspection(ID_A, unit="Xã A", notes={"A1": "sửa sau khi tệp hỏng"})
    with InspectionStore.open(data_dir, templates=templates) as store:
        record_path(data_dir, ID_A).write_bytes(b'{"inspection": {"1": {"record": ')
        assert store.save(edited) == 4
        assert store.get(ID_A) == edited
        assert len(store.problems) == 1
    assert [c.read_bytes() for c in set_aside_copies(data_dir)] == [
        b'{"inspection": {"1": {"record": '
    ]


# -- the index is derived data -----------------------------------------------------------------


@pytest.mark.parametrize(
    "damage,expected_problem",
    [
        (lambda p: p.unlink(), "bị mất hoặc hỏng; đã dựng lại từ 2 tệp hồ sơ"),
        (lambda p: p.write_bytes("rác\n".encode() + p.read_bytes()), "dòng 1 không đọc được"),
        (lambda p: p.write_bytes(b'{"id": "x"}\n' + p.read_bytes()), "mục x không hợp lệ"),
        (lambda p: p.write_bytes(b"\x00" * 64 + b"\n"), "dòng 1 không đọc được"),
        (lambda p: p.write_bytes(b"[" * 100_000 + b"\n" + p.read_bytes()), "dòng 1 không đọc được"),
    ],
)
def test_missing_or_unreadable_index_is_rebuilt_and_reported(
    existing_store: dict[str, Inspection],
    data_dir: Path,
    templates: Resolver,
    damage: Callable[[Path], None],
    expected_problem: str,
) -> None:
    with InspectionStore.open(data_dir, templates=templates) as store:
        expected = store.list_summaries()
    damage(data_dir / "index.jsonl")
    with InspectionStore.open(data_dir, templates=templates) as store:
        assert store.list_summaries() == expected
        assert store.pending() == [ID_A, ID_B]
        assert any(expected_problem in p for p in store.problems), store.problems


@pytest.mark.parametrize("tail", [b'{"id": "00000000-0000-4000-8000-0000', b"\x00\x00", b"{"])
def test_torn_last_index_line_is_ignored_silently(
    existing_store: dict[str, Inspection], data_dir: Path, templates: Resolver, tail: bytes
) -> None:
    index = data_dir / "index.jsonl"
    with InspectionStore.open(data_dir, templates=templates) as store:
        expected = store.list_summaries()
    index.write_bytes(index.read_bytes() + tail)
    with InspectionStore.open(data_dir, templates=templates) as store:
        assert (store.list_summaries(), store.problems) == (expected, [])
    assert index.read_bytes().endswith(b"\n")


def test_stale_index_line_is_corrected_from_the_record(
    existing_store: dict[str, Inspection],
    data_dir: Path,
    templates: Resolver,
    make_inspection: MakeInspection,
) -> None:
    index = data_dir / "index.jsonl"
    old_index = index.read_bytes()
    with InspectionStore.open(data_dir, templates=templates) as store:
        store.save(make_inspection(ID_A, unit="Xã A đổi tên"))
    index.write_bytes(old_index)  # as if the last index line never reached the disk
    with InspectionStore.open(data_dir, templates=templates) as store:
        by_id = {s.id: s for s in store.list_summaries()}
        assert (by_id[ID_A].unit_name, by_id[ID_A].updated_counter) == ("Xã A đổi tên", 4)
        assert store.problems == []


@pytest.mark.parametrize(
    "damaged",
    [b"\x00" * 10, b"[1]", b'{"migrations": [1]}', b'{"migrations": [{"x": 1}]}', b"{"],
)
def test_corrupt_meta_is_set_aside_and_rebuilt_from_the_layout(
    existing_store: dict[str, Inspection], data_dir: Path, templates: Resolver, damaged: bytes
) -> None:
    (data_dir / "meta.json").write_bytes(damaged)
    with InspectionStore.open(data_dir, templates=templates) as store:
        [problem] = store.problems
        assert "meta.json" in problem and "corrupt/meta.json." in problem
        assert "đã áp dụng: 0001_initial_layout" in problem
        assert {i: store.get(i) for i in (ID_A, ID_B)} == existing_store
    [copy] = set_aside_copies(data_dir)
    assert copy.read_bytes() == damaged
    meta = json.loads((data_dir / "meta.json").read_bytes())
    # Only the layout can be inferred; the record upgrade runs again (it is safe to rerun).
    assert [m["name"] for m in meta["migrations"]] == [
        "0001_initial_layout",
        "0002_records_v2",
        "0003_document_details",
    ]
    assert meta["schema_version"] == 3 and meta["migrations"][0]["inferred"] is True
    with InspectionStore.open(data_dir, templates=templates) as store:
        assert store.problems == []


def test_corrupt_meta_in_a_folder_without_layout_runs_the_migrations(
    data_dir: Path, templates: Resolver
) -> None:
    data_dir.mkdir()
    (data_dir / "meta.json").write_bytes(b"\x00" * 10)
    with InspectionStore.open(data_dir, templates=templates) as store:
        [problem] = store.problems
        assert "chưa có bước nào" in problem
    meta = json.loads((data_dir / "meta.json").read_bytes())
    assert [(m["name"], m.get("inferred")) for m in meta["migrations"]] == [
        ("0001_initial_layout", None),
        ("0002_records_v2", None),
        ("0003_document_details", None),
    ]


# -- a folder removed, a disk that refuses writes ----------------------------------------------


@pytest.mark.parametrize("folder", ["inspections", "photos", "corrupt"])
def test_removed_folder_is_recreated_at_open(
    existing_store: dict[str, Inspection],
    data_dir: Path,
    templates: Resolver,
    make_inspection: MakeInspection,
    folder: str,
) -> None:
    shutil.rmtree(data_dir / folder)  # a partial restore, or someone "cleaning up"
    with InspectionStore.open(data_dir, templates=templates) as store:
        assert (data_dir / folder).is_dir()
        store.save(make_inspection(ID_A, notes={"A1": "sau khi khôi phục"}))
        store.photos.put(b"photo")
    with InspectionStore.open(data_dir, templates=templates) as store:
        assert store.get(ID_A).assessments["A1"]["m1"].note == "sau khi khôi phục"


class DiskFull(atomic.FileOps):
    def mkstemp(self, folder: Path) -> tuple[int, str]:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))


def _many_stale_lines(index: Path) -> None:
    last = index.read_bytes().splitlines(keepends=True)[-1]
    index.write_bytes(index.read_bytes() + last * 100)


@pytest.mark.parametrize(
    "damage,extra_problem",
    [
        (lambda p: p.write_bytes(p.read_bytes() + b'{"id":"5e3d'), None),  # torn append
        (_many_stale_lines, None),  # needs compaction
        (lambda p: p.unlink(), "bị mất hoặc hỏng"),  # must be rebuilt
    ],
)
def test_index_that_cannot_be_rewritten_at_open_is_kept_in_memory(
    existing_store: dict[str, Inspection],
    data_dir: Path,
    templates: Resolver,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
    damage: Callable[[Path], None],
    extra_problem: str | None,
) -> None:
    with InspectionStore.open(data_dir, templates=templates) as store:
        expected = store.list_summaries()
    damage(data_dir / "index.jsonl")
    monkeypatch.setattr(atomic, "_ops", DiskFull())
    with InspectionStore.open(data_dir, templates=templates) as store:
        assert store.list_summaries() == expected
        assert store.get(ID_B) == existing_store[ID_B]
        *others, problem = store.problems
        assert problem == (
            "Không ghi được chỉ mục danh sách (index.jsonl) khi mở ứng dụng (bộ nhớ đầy); "
            "danh sách vẫn dùng được, sẽ ghi lại ở lần mở sau."
        )
        assert [extra_problem in p for p in others] == ([True] if extra_problem else [])
    assert "could not rewrite the index at open" in caplog.text
    monkeypatch.undo()
    with InspectionStore.open(data_dir, templates=templates) as store:
        assert store.list_summaries() == expected
        assert not any("index.jsonl" in p and "Không ghi được" in p for p in store.problems)
    assert (data_dir / "index.jsonl").read_bytes().count(b"\n") == 2
