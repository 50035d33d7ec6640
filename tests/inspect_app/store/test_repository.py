"""InspectionStore: save and get, revisions, outbox, summaries, photos, threads, I/O errors."""

from __future__ import annotations

import hashlib
import json
import threading
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from checklists.record.model import Inspection
from checklists.template.model import Template
from inspect_app.store import (
    InspectionStore,
    RecordInvalid,
    RecordNotFound,
    StoreError,
)

Resolver = Callable[[str, int], Template]
MakeInspection = Callable[..., Inspection]
ID_A = "00000000-0000-4000-8000-00000000000a"
ID_B = "00000000-0000-4000-8000-00000000000b"
ID_C = "00000000-0000-4000-8000-00000000000c"


def test_save_then_get_returns_the_same_record(
    fresh_store: InspectionStore, make_inspection: MakeInspection
) -> None:
    insp = make_inspection(ID_A, notes={"A1": "Niêm yết đầy đủ thủ tục hành chính."})
    fresh_store.save(insp)
    assert fresh_store.get(ID_A) == insp
    assert fresh_store.get(ID_A).content_hash() == insp.content_hash()


@pytest.mark.parametrize("saves,expected_rev", [(1, 1), (2, 2), (5, 5)])
def test_each_save_increments_local_rev(
    fresh_store: InspectionStore, make_inspection: MakeInspection, saves: int, expected_rev: int
) -> None:
    revs = [fresh_store.save(make_inspection(ID_A, notes={"A1": f"lần {i}"})) for i in range(saves)]
    assert revs == list(range(1, expected_rev + 1))
    assert fresh_store.sync_state(ID_A).local_rev == expected_rev


def test_record_file_holds_record_and_envelope_in_one_document(
    fresh_store: InspectionStore, make_inspection: MakeInspection, data_dir: Path
) -> None:
    fresh_store.save(make_inspection(ID_A))
    raw = json.loads((data_dir / "inspections" / f"{ID_A}.json").read_text(encoding="utf-8"))
    doc = raw["inspection"]["1"]
    assert list(doc) == ["record", "local_rev", "synced_rev", "synced_hash"]
    assert (doc["local_rev"], doc["synced_rev"], doc["synced_hash"]) == (1, 0, None)
    assert doc["record"]["id"] == ID_A


@pytest.mark.parametrize(
    "records,expected_order",
    [
        ([(ID_A, "Xã B", date(2024, 1, 2)), (ID_B, "Xã A", date(2024, 3, 1))], [ID_B, ID_A]),
        ([(ID_A, "Xã B", date(2024, 3, 1)), (ID_B, "xã A", date(2024, 3, 1))], [ID_B, ID_A]),
        (
            [
                (ID_A, "Xã C", date(2023, 11, 24)),
                (ID_B, "Xã A", date(2024, 5, 1)),
                (ID_C, "Xã B", date(2024, 5, 1)),
            ],
            [ID_B, ID_C, ID_A],
        ),
    ],
)
def test_summaries_sorted_by_date_desc_then_unit(
    fresh_store: InspectionStore,
    make_inspection: MakeInspection,
    records: list[tuple[str, str, date]],
    expected_order: list[str],
) -> None:
    for inspection_id, unit, day in records:
        fresh_store.save(make_inspection(inspection_id, unit=unit, day=day))
    assert [s.id for s in fresh_store.list_summaries()] == expected_order


def test_summary_is_scored_against_the_template(
    fresh_store: InspectionStore, make_inspection: MakeInspection
) -> None:
    fresh_store.save(make_inspection(ID_A, unit="Xã Mai Pha", notes={"A1": "Đạt"}))
    [summary] = fresh_store.list_summaries()
    assert (summary.unit_name, summary.template_title) == ("Xã Mai Pha", "Mẫu thử ba tiêu chí")
    assert (summary.criteria_total, summary.criteria_scored, summary.score) == (3, 1, 10.0)
    assert (summary.pending_sync, summary.updated_counter) == (True, 1)


def test_unknown_template_still_saves_with_header_summary(
    data_dir: Path, make_inspection: MakeInspection
) -> None:
    def no_templates(template_id: str, version: int) -> Template:
        raise KeyError(template_id)

    with InspectionStore.open(data_dir, templates=no_templates) as store:
        assert store.save(make_inspection(ID_A, unit="Xã Yên Trạch")) == 1
        [summary] = store.list_summaries()
        assert store.get(ID_A).header.unit_name == "Xã Yên Trạch"
    assert (summary.unit_name, summary.score, summary.rating_label) == ("Xã Yên Trạch", None, None)
    assert summary.template_title == "tiny (phiên bản 1)"


def test_a_template_changed_under_the_same_version_does_not_score_old_records(
    data_dir: Path, make_inspection: MakeInspection, templates: Resolver
) -> None:
    """Published templates are immutable: a record keeps the content hash it was scored on."""
    edited = templates("tiny", 1).model_copy(update={"title": "Mẫu đã bị sửa"})

    def edited_templates(template_id: str, version: int) -> Template:
        return edited

    record = make_inspection(ID_A, unit="Xã Yên Trạch", notes={"A1": "Đạt"})
    with InspectionStore.open(data_dir, templates=edited_templates) as store:
        assert store.save(record) == 1
        [summary] = store.list_summaries()
        assert store.get(ID_A) == record
    assert (summary.score, summary.template_title) == (None, "tiny (phiên bản 1)")
    with InspectionStore.open(data_dir, templates=templates) as store:  # the right one is back
        [summary] = store.list_summaries()
    assert (summary.score, summary.template_title) == (10.0, "Mẫu thử ba tiêu chí")


@pytest.mark.parametrize(
    "saves,acked_rev,expected_pending,expected_synced",
    [(1, 1, [], 1), (3, 2, [ID_A], 2), (3, 3, [], 3)],
)
def test_mark_synced_clears_pending_only_up_to_acked_rev(
    fresh_store: InspectionStore,
    make_inspection: MakeInspection,
    saves: int,
    acked_rev: int,
    expected_pending: list[str],
    expected_synced: int,
) -> None:
    for i in range(saves):
        fresh_store.save(make_inspection(ID_A, notes={"A1": str(i)}))
    fresh_store.mark_synced(ID_A, acked_rev, "ab" * 32)
    assert fresh_store.pending() == expected_pending
    state = fresh_store.sync_state(ID_A)
    expected_state = (saves, expected_synced, "ab" * 32)
    assert (state.local_rev, state.synced_rev, state.synced_hash) == expected_state
    assert fresh_store.list_summaries()[0].pending_sync is bool(expected_pending)


def test_stale_ack_is_ignored_and_save_keeps_synced_rev(
    fresh_store: InspectionStore, make_inspection: MakeInspection
) -> None:
    for i in range(3):
        fresh_store.save(make_inspection(ID_A, notes={"A1": str(i)}))
    fresh_store.mark_synced(ID_A, 3, "33" * 32)
    fresh_store.mark_synced(ID_A, 1, "11" * 32)
    assert fresh_store.save(make_inspection(ID_A, notes={"A1": "mới"})) == 4
    state = fresh_store.sync_state(ID_A)
    assert (state.synced_rev, state.synced_hash) == (3, "33" * 32)
    assert fresh_store.pending() == [ID_A]


def test_ack_of_a_rev_never_saved_is_refused(
    fresh_store: InspectionStore, make_inspection: MakeInspection
) -> None:
    fresh_store.save(make_inspection(ID_A))
    with pytest.raises(ValueError, match="never saved"):
        fresh_store.mark_synced(ID_A, 2, "00" * 32)
    assert fresh_store.sync_state(ID_A).synced_rev == 0


@pytest.mark.parametrize(
    "call",
    [lambda s: s.get(ID_B), lambda s: s.sync_state(ID_B), lambda s: s.mark_synced(ID_B, 1, "")],
)
def test_unknown_id_raises_record_not_found(
    fresh_store: InspectionStore, call: Callable[[InspectionStore], Any]
) -> None:
    with pytest.raises(RecordNotFound, match=ID_B):
        call(fresh_store)


@pytest.mark.parametrize(
    "bad_id", ["../etc/passwd", "ABCDEF00-0000-4000-8000-000000000001", "x", ""]
)
def test_ids_that_are_not_uuids_are_refused_with_store_errors_and_never_become_paths(
    fresh_store: InspectionStore, data_dir: Path, make_inspection: MakeInspection, bad_id: str
) -> None:
    before = sorted(data_dir.parent.rglob("*"))
    for call in (
        fresh_store.get,
        fresh_store.sync_state,
        lambda i: fresh_store.mark_synced(i, 1, "00" * 32),
    ):
        with pytest.raises(RecordNotFound) as excinfo:
            call(bad_id)
        assert not isinstance(excinfo.value, ValueError | KeyError)
    with pytest.raises(RecordInvalid, match="id: mã .* không phải UUID viết thường"):
        # Built behind validation's back: the model itself refuses "../etc/passwd" and "".
        fresh_store.save(make_inspection(ID_A).model_copy(update={"id": bad_id}))
    assert sorted(data_dir.parent.rglob("*")) == before


def test_reopen_keeps_records_revisions_and_summaries(
    data_dir: Path, templates: Resolver, make_inspection: MakeInspection
) -> None:
    stale = make_inspection(ID_A, unit="Xã A")
    with InspectionStore.open(data_dir, templates=templates) as store:
        store.save(stale)
        store.save(make_inspection(ID_A, unit="Xã A", notes={"A1": "hai"}))
        store.save(make_inspection(ID_B, unit="Xã B"))
        store.mark_synced(ID_B, 1, "bb" * 32)
        before = store.list_summaries()
    with InspectionStore.open(data_dir, templates=templates) as store:
        assert store.list_summaries() == before
        assert store.pending() == [ID_A]
        # A stale copy (without the note saved since) adds nothing: no new revision, nothing lost.
        assert store.save(stale) == 2
        assert store.get(ID_A).assessments["A1"]["m1"].note == "hai"
        assert store.save(make_inspection(ID_A, unit="Xã A", notes={"A2": "ba"})) == 3
        assert store.problems == []


def test_save_appends_one_index_line_whatever_the_number_stored(
    fresh_store: InspectionStore, make_inspection: MakeInspection, data_dir: Path
) -> None:
    index = data_dir / "index.jsonl"
    for n in range(1, 4):
        fresh_store.save(make_inspection(f"00000000-0000-4000-8000-{n:012d}"))
    lines = index.read_bytes().count(b"\n")
    fresh_store.save(make_inspection("00000000-0000-4000-8000-000000000001", notes={"A1": "x"}))
    assert index.read_bytes().count(b"\n") == lines + 1


@pytest.mark.parametrize("saves,expected_lines", [(10, 1), (200, 1)])
def test_open_compacts_a_journal_with_many_stale_lines(
    data_dir: Path,
    templates: Resolver,
    make_inspection: MakeInspection,
    saves: int,
    expected_lines: int,
) -> None:
    with InspectionStore.open(data_dir, templates=templates) as store:
        for i in range(saves):
            store.save(make_inspection(ID_A, notes={"A1": str(i)}))
    raw_lines = (data_dir / "index.jsonl").read_bytes().count(b"\n")
    with InspectionStore.open(data_dir, templates=templates) as store:
        assert store.list_summaries()[0].updated_counter == saves
    after = (data_dir / "index.jsonl").read_bytes().count(b"\n")
    assert after == (expected_lines if raw_lines > 65 else raw_lines)


def test_closed_store_refuses_work_and_releases_the_folder(
    data_dir: Path, templates: Resolver
) -> None:
    store = InspectionStore.open(data_dir, templates=templates)
    store.close()
    store.close()  # twice is harmless
    with pytest.raises(StoreError, match="đã đóng"):
        store.list_summaries()
    with InspectionStore.open(data_dir, templates=templates) as again:
        assert again.list_summaries() == []


def test_threads_saving_at_once_lose_nothing(
    fresh_store: InspectionStore, make_inspection: MakeInspection
) -> None:
    ids = [f"00000000-0000-4000-8000-{n:012d}" for n in range(4)]
    errors: list[BaseException] = []

    def work(inspection_id: str, author: str) -> None:
        try:
            for i in range(15):
                record = make_inspection(inspection_id, notes={"A1": f"{i}"}, author=author)
                fresh_store.save(record)
                fresh_store.list_summaries()
                fresh_store.get(inspection_id)
        except BaseException as exc:  # noqa: BLE001 - collected and asserted below
            errors.append(exc)

    threads = [
        threading.Thread(target=work, args=(i, author)) for i in ids for author in ("m1", "m2")
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert {s.id: s.updated_counter for s in fresh_store.list_summaries()} == dict.fromkeys(ids, 30)
    # Two writers on one record: each one's latest edit is kept (merge on save, not overwrite).
    assert {
        (i, a): fresh_store.get(i).assessments["A1"][a].note for i in ids for a in ("m1", "m2")
    } == dict.fromkeys(((i, a) for i in ids for a in ("m1", "m2")), "14")


# -- photos ------------------------------------------------------------------------------------


@pytest.mark.parametrize("data", [b"", b"\xff\xd8\xff jpeg bytes", bytes(range(256)) * 100])
def test_photo_put_is_named_by_sha256(fresh_store: InspectionStore, data: bytes) -> None:
    sha = fresh_store.photos.put(data)
    assert sha == hashlib.sha256(data).hexdigest()
    assert fresh_store.photos.has(sha)
    assert fresh_store.photos.path(sha).read_bytes() == data
    assert fresh_store.photos.put(data) == sha


@pytest.mark.parametrize(
    "name", ["../" + "a" * 61, "A" * 64, "a" * 63, "g" * 64, "a" * 64 + "/x", ""]
)
def test_photo_names_must_be_hex_sha256(fresh_store: InspectionStore, name: str) -> None:
    with pytest.raises(ValueError, match="SHA-256"):
        fresh_store.photos.path(name)
    assert fresh_store.photos.has(name) is False  # a question about a name no photo can have


# -- a record that would not read back is refused before the disk -------------------------------


def test_a_new_record_that_would_not_read_back_is_refused_and_nothing_is_written(
    fresh_store: InspectionStore, data_dir: Path, make_inspection: MakeInspection
) -> None:
    good = make_inspection(ID_A)
    bad = good.model_copy(
        update={"header": good.header.model_copy(update={"unit_name": "x" * 600})}
    )
    with pytest.raises(RecordInvalid) as excinfo:
        fresh_store.save(bad)
    assert str(excinfo.value).startswith("Hồ sơ không hợp lệ: header.unit_name: ")
    assert "Chưa ghi gì" in str(excinfo.value)
    assert excinfo.value.errors[0][0] == "header.unit_name"
    assert list((data_dir / "inspections").iterdir()) == []
    assert fresh_store.list_summaries() == []
    with pytest.raises(RecordNotFound):
        fresh_store.get(ID_A)


def test_an_edit_that_would_not_read_back_leaves_the_stored_record_as_it_was(
    data_dir: Path, templates: Resolver, make_inspection: MakeInspection
) -> None:
    with InspectionStore.open(data_dir, templates=templates) as store:
        store.save(make_inspection(ID_A, unit="Xã A"))
        stored = store.get(ID_A)
        before = (data_dir / "inspections" / f"{ID_A}.json").read_bytes()
        later = make_inspection(ID_A, unit="Xã A", notes={"A1": "sửa"})  # newer counters
        bad = later.model_copy(
            update={"header": later.header.model_copy(update={"unit_name": "y" * 600})}
        )
        with pytest.raises(RecordInvalid, match="header.unit_name"):
            store.save(bad)
        assert (data_dir / "inspections" / f"{ID_A}.json").read_bytes() == before
        assert (store.get(ID_A), store.sync_state(ID_A).local_rev) == (stored, 1)
    with InspectionStore.open(data_dir, templates=templates) as store:
        assert (store.get(ID_A), store.problems) == (stored, [])
        assert list((data_dir / "corrupt").iterdir()) == []


def test_a_value_that_cannot_be_serialised_is_refused_as_invalid(
    fresh_store: InspectionStore, data_dir: Path, make_inspection: MakeInspection
) -> None:
    good = make_inspection(ID_A)
    bad = good.model_copy(update={"header": good.header.model_copy(update={"place": object()})})
    with pytest.raises(RecordInvalid, match="header.place|Chưa ghi gì"):
        fresh_store.save(bad)
    assert list((data_dir / "inspections").iterdir()) == []
