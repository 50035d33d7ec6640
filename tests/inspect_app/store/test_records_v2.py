"""Record schema 2 in the store: v1 folders migrate, stale copies are refused, edits are atomic."""

from __future__ import annotations

import importlib.util
import json
import shutil
import threading
from pathlib import Path
from typing import Any

import pytest

from checklists.errors import ChangesRefused, EditRefused, StaleEdit
from checklists.record import editing
from checklists.record.authority import Actor
from checklists.record.model import Inspection, Value
from checklists.record.sample import LEAD, MEMBER_1, SAMPLE_ID, build_sample_inspection
from checklists.scoring.engine import score_inspection
from checklists.template.catalog import get_template
from checklists.template.model import Template
from inspect_app.store import InspectionStore
from inspect_app.store.errors import StoreCorrupted

FIXTURE = Path(__file__).parents[2] / "fixtures" / "store-v1"
BENCH_ID = "00000001-0000-4000-8000-756b8dd63cb9"


def _bench_template() -> Template:
    spec = importlib.util.spec_from_file_location(
        "bench_store", Path(__file__).parents[3] / "benchmarks" / "store.py"
    )
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.TEMPLATE  # type: ignore[no-any-return]


def resolve(template_id: str, version: int) -> Template:
    if template_id == "cqtt-xa":
        return get_template(template_id, version)
    return _bench_template()


@pytest.fixture
def v1_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "data"
    shutil.copytree(FIXTURE, folder)
    return folder


def _schema(folder: Path, inspection_id: str) -> int:
    path = folder / "inspections" / f"{inspection_id}.json"
    data: dict[str, Any] = json.loads(path.read_text())
    return int(data["inspection"]["1"]["record"]["schema_version"])


def test_a_v1_folder_is_migrated_and_every_record_reads_as_before(v1_folder: Path) -> None:
    assert _schema(v1_folder, SAMPLE_ID) == 1
    with InspectionStore.open(v1_folder, templates=resolve) as store:
        assert store.problems == []
        sample = store.get(SAMPLE_ID)
        bench = store.get(BENCH_ID)
        summaries = {s.id: s for s in store.list_summaries()}
    assert _schema(v1_folder, SAMPLE_ID) == _schema(v1_folder, BENCH_ID) == 2
    report = score_inspection(get_template("cqtt-xa", 1), sample)
    assert (report.final_total, report.rating and report.rating.label) == (93.0, "Tốt")
    built = build_sample_inspection()
    assert sample.leader_ids() == built.leader_ids()
    assert (sample.decision("A3").score, sample.decision("A3").reason) == (
        5.5,
        built.decision("A3").reason,
    )
    assert bench.leader_id == "m1" and len(bench.assessments) == 60
    assert summaries[SAMPLE_ID].score == 93.0
    meta = json.loads((v1_folder / "meta.json").read_text())
    assert [m["name"] for m in meta["migrations"]][:2] == ["0001_initial_layout", "0002_records_v2"]


def test_the_record_migration_is_safe_to_run_again(v1_folder: Path) -> None:
    from inspect_app.store.migrations import records_v2

    records_v2(v1_folder)
    once = (v1_folder / "inspections" / f"{SAMPLE_ID}.json").read_bytes()
    records_v2(v1_folder)
    assert (v1_folder / "inspections" / f"{SAMPLE_ID}.json").read_bytes() == once


def test_a_v1_record_left_unmigrated_still_reads(v1_folder: Path) -> None:
    """A crash between writing meta.json and a record would leave v1 files: they still read."""
    with InspectionStore.open(v1_folder, templates=resolve):
        pass
    shutil.copy(
        FIXTURE / "inspections" / f"{SAMPLE_ID}.json",
        v1_folder / "inspections" / f"{SAMPLE_ID}.json",
    )
    with InspectionStore.open(v1_folder, templates=resolve) as store:
        assert store.get(SAMPLE_ID).schema_version == 2


def test_a_record_from_a_newer_app_is_set_aside_not_guessed(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    with InspectionStore.open(folder) as store:
        store.save(build_sample_inspection())
    path = folder / "inspections" / f"{SAMPLE_ID}.json"
    data = json.loads(path.read_text())
    data["inspection"]["1"]["record"]["schema_version"] = 7
    path.write_text(json.dumps(data))
    with InspectionStore.open(folder) as store:
        [problem] = store.problems
        assert "phiên bản dữ liệu 7 không được hỗ trợ" in problem
        assert store.list_summaries() == []
        with pytest.raises(StoreCorrupted, match="để riêng"):
            store.get(SAMPLE_ID)
    [kept] = (folder / "corrupt").iterdir()
    assert json.loads(kept.read_text()) == data  # its bytes are kept as they were


@pytest.fixture
def store(tmp_path: Path) -> Any:
    with InspectionStore.open(tmp_path / "data") as opened:
        opened.save(build_sample_inspection())
        yield opened


def test_two_edits_from_one_stale_copy_are_refused_not_silently_dropped(store: Any) -> None:
    stale = store.get(SAMPLE_ID)
    first = editing.assess(stale, author_id=MEMBER_1, criterion_id="A1", note="Lần một")
    second = editing.assess(stale, author_id=MEMBER_1, criterion_id="A1", note="Lần hai")
    rev = store.save(first)
    with pytest.raises(StaleEdit, match="tải lại"):
        store.save(second)
    assert store.get(SAMPLE_ID).assessments["A1"][MEMBER_1].note == "Lần một"
    assert store.sync_state(SAMPLE_ID).local_rev == rev


def test_the_edit_path_starts_from_the_stored_copy_so_the_later_edit_wins(store: Any) -> None:
    for note in ("Lần một", "Lần hai"):
        store.edit(
            SAMPLE_ID,
            lambda r, n=note: editing.assess(r, author_id=MEMBER_1, criterion_id="A1", note=n),
        )
    assert store.get(SAMPLE_ID).assessments["A1"][MEMBER_1].note == "Lần hai"


def test_a_refused_edit_changes_nothing(store: Any) -> None:
    before = store.sync_state(SAMPLE_ID)
    with pytest.raises(EditRefused):
        store.edit(
            SAMPLE_ID,
            lambda r: editing.decide(
                r, author_id=MEMBER_1, criterion_id="A1", value=Value(score=1), reason="x"
            ),
        )
    assert store.sync_state(SAMPLE_ID) == before


def test_edits_from_many_threads_are_all_kept(store: Any) -> None:
    criteria = ["A1", "A2", "B1", "B2", "C1", "C2", "D1", "D2"]

    def work(cid: str) -> None:
        for i in range(5):
            store.edit(
                SAMPLE_ID,
                lambda r, c=cid, i=i: editing.assess(
                    r, author_id=LEAD, criterion_id=c, note=f"{c} lần {i}"
                ),
            )

    threads = [threading.Thread(target=work, args=(c,)) for c in criteria]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    record: Inspection = store.get(SAMPLE_ID)
    assert {c: record.assessments[c][LEAD].note for c in criteria} == {
        c: f"{c} lần 4" for c in criteria
    }


def test_a_save_with_its_sender_named_refuses_what_they_may_not_change(store: Any) -> None:
    before = store.sync_state(SAMPLE_ID)
    held = store.get(SAMPLE_ID)
    forged = held.model_copy(
        update={
            "header": held.header.model_copy(
                update={"place": "Nơi khác", "counter": 10**6, "author_id": MEMBER_1}
            )
        }
    )
    with pytest.raises(ChangesRefused) as refused:
        store.save(forged, actor=Actor(MEMBER_1))
    assert [r.path for r in refused.value.refusals] == ["header"]
    assert "Không nhận bản này: 1 thay đổi" in str(refused.value)
    assert refused.value.message("en").startswith("This copy is refused: 1 change")
    assert store.sync_state(SAMPLE_ID) == before
    assert store.save(forged) > before.local_rev  # without a named sender the store trusts it


def test_the_edit_path_checks_the_acting_member_too(store: Any) -> None:
    record, _ = store.edit(
        SAMPLE_ID,
        lambda r: editing.assess(r, author_id=MEMBER_1, criterion_id="A1", note="Đủ"),
        actor=Actor(MEMBER_1),
    )
    assert record.assessments["A1"][MEMBER_1].note == "Đủ"
    with pytest.raises(ChangesRefused):
        store.edit(
            SAMPLE_ID,
            lambda r: editing.assess(r, author_id=LEAD, criterion_id="A1", note="Thay"),
            actor=Actor(MEMBER_1),
        )
    assert store.get(SAMPLE_ID).assessments["A1"][LEAD].note != "Thay"
