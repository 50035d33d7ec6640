"""Photo references checked at open: dangling ones are flagged (never dropped), orphans kept."""

from __future__ import annotations

import hashlib
import json
import logging
from collections.abc import Callable
from pathlib import Path

import pytest

from checklists.record.model import Inspection
from checklists.record.photos import add_photo
from checklists.template.model import Template
from inspect_app.store import InspectionStore

Resolver = Callable[[str, int], Template]
MakeInspection = Callable[..., Inspection]
ID_A = "00000000-0000-4000-8000-00000000000a"
ID_B = "00000000-0000-4000-8000-00000000000b"
KEPT, LOST_META, LOST_ASSESSMENT = b"photo kept", b"photo lost (list)", b"photo lost (assessment)"


def sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def with_photos(record: Inspection, listed: list[bytes], in_assessment: list[bytes]) -> Inspection:
    """`record` with photos attached to criterion A1 and as general photos of the visit."""
    for data in listed:
        record = add_photo(record, author_id="m1", sha256=sha(data), criterion_id="A1")
    for data in in_assessment:
        record = add_photo(record, author_id="m1", sha256=sha(data))
    return record


@pytest.fixture
def dangling(data_dir: Path, templates: Resolver, make_inspection: MakeInspection) -> Inspection:
    """A closed store: A references 3 photos of which only KEPT is stored; B references none."""
    a = with_photos(
        make_inspection(ID_A, unit="Xã Hoàng Đồng", notes={"A1": "Có ảnh"}),
        listed=[KEPT, LOST_META],
        in_assessment=[KEPT, LOST_ASSESSMENT],
    )
    with InspectionStore.open(data_dir, templates=templates) as store:
        store.photos.put(KEPT)  # photos first, then the record (as the app does)
        store.save(a)
        store.save(make_inspection(ID_B, unit="Xã Mai Pha"))
        saved = store.get(ID_A)
    assert saved == a
    return saved


def record_bytes(data_dir: Path, inspection_id: str) -> bytes:
    return (data_dir / "inspections" / f"{inspection_id}.json").read_bytes()


def test_missing_photos_flag_the_record_by_unit_name_and_count(
    data_dir: Path, templates: Resolver, dangling: Inspection
) -> None:
    before = record_bytes(data_dir, ID_A)
    with InspectionStore.open(data_dir, templates=templates) as store:
        assert len(store.problems) == 1
        problem = store.problems[0]
        assert "Xã Hoàng Đồng" in problem
        assert "thiếu 2 tệp ảnh" in problem
        assert "Xã Mai Pha" not in problem
        assert store.missing_photos() == {ID_A: sorted([sha(LOST_META), sha(LOST_ASSESSMENT)])}
        # Flagged, never dropped nor edited: the record reads back as saved, in the list too.
        assert store.get(ID_A) == dangling
        assert {s.id for s in store.list_summaries()} == {ID_A, ID_B}
    assert record_bytes(data_dir, ID_A) == before


def test_orphan_photo_is_kept_and_only_logged(
    data_dir: Path,
    templates: Resolver,
    make_inspection: MakeInspection,
    caplog: pytest.LogCaptureFixture,
) -> None:
    with InspectionStore.open(data_dir, templates=templates) as store:
        store.save(make_inspection(ID_A))
        orphan = store.photos.put(b"taken, record not saved yet")
    with caplog.at_level(logging.INFO, logger="inspect_app.store"):
        with InspectionStore.open(data_dir, templates=templates) as store:
            assert store.problems == []
            assert store.missing_photos() == {}
            assert store.photos.has(orphan)
    assert "1 photo file(s) not referenced" in caplog.text
    assert (data_dir / "photos" / orphan).is_file()


def test_flag_clears_once_the_missing_photos_are_stored(
    data_dir: Path, templates: Resolver, dangling: Inspection
) -> None:
    with InspectionStore.open(data_dir, templates=templates) as store:
        assert store.missing_photos() == {ID_A: sorted([sha(LOST_META), sha(LOST_ASSESSMENT)])}
        store.photos.put(LOST_META)
        assert store.missing_photos() == {ID_A: [sha(LOST_ASSESSMENT)]}  # live, no reopen
        store.photos.put(LOST_ASSESSMENT)
        assert store.missing_photos() == {}
    with InspectionStore.open(data_dir, templates=templates) as store:
        assert store.problems == []
        assert store.missing_photos() == {}
        assert store.get(ID_A) == dangling


def test_index_lines_without_photo_refs_are_refreshed_once(
    data_dir: Path, templates: Resolver, dangling: Inspection
) -> None:
    """An index written before photo refs existed still parses; the check still finds them."""
    index = data_dir / "index.jsonl"
    lines = [json.loads(line) for line in index.read_text(encoding="utf-8").splitlines()]
    for line in lines:
        line.pop("photos", None)
    index.write_text("".join(json.dumps(x) + "\n" for x in lines), encoding="utf-8")
    with InspectionStore.open(data_dir, templates=templates) as store:
        assert [p for p in store.problems if "thiếu 2 tệp ảnh" in p] == store.problems
        assert list(store.missing_photos()) == [ID_A]
    assert all("photos" in json.loads(x) for x in index.read_text(encoding="utf-8").splitlines())


def test_rebuilt_index_still_flags_missing_photos(
    data_dir: Path, templates: Resolver, dangling: Inspection
) -> None:
    (data_dir / "index.jsonl").unlink()
    with InspectionStore.open(data_dir, templates=templates) as store:
        assert any("Xã Hoàng Đồng" in p and "thiếu 2 tệp ảnh" in p for p in store.problems)
        assert store.get(ID_A) == dangling
