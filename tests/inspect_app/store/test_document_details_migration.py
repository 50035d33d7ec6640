"""0003_document_details: a stamp, no rewrite; locked records keep their bytes and seals."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from checklists.record.editing import move_to
from checklists.record.lifecycle import Lifecycle
from checklists.record.model import Inspection
from checklists.record.paperwork import default_details, document_details, set_document_details
from checklists.record.sample import LEAD, SAMPLE_ID, build_sample_inspection
from checklists.template.catalog import get_template
from inspect_app.store import InspectionStore, Migrations, StoreError
from inspect_app.store.migrations import (
    INITIAL_LAYOUT,
    Migration,
    document_details_stamp,
    initial_layout,
    records_v2,
)

TEMPLATE = get_template("cqtt-xa", 1)
BEFORE = Migrations(
    Migration(INITIAL_LAYOUT, initial_layout), Migration("0002_records_v2", records_v2)
)
"""The migrations of the app version before the documents: what an older app runs."""


class OlderAppStore(InspectionStore):
    migrations = BEFORE


def _locked_copy() -> Inspection:
    record = build_sample_inspection()
    record = record.model_copy(update={"id": "00000000-0000-4000-8000-00000000d0c5"})
    return move_to(record, author_id=LEAD, status=Lifecycle.LOCKED)


def _files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted((folder / "inspections").glob("*.json"))}


@pytest.fixture
def folder_before(tmp_path: Path) -> tuple[Path, Inspection]:
    """A data folder written by the app before 0003: the sample, and a locked copy of it."""
    folder = tmp_path / "data"
    locked = _locked_copy()
    assert locked.status() is Lifecycle.LOCKED and not locked.changed_since_lock()
    with OlderAppStore.open(folder) as store:
        store.save(build_sample_inspection())
        store.save(locked)
    meta = json.loads((folder / "meta.json").read_text(encoding="utf-8"))
    assert [m["name"] for m in meta["migrations"]] == BEFORE.names
    return folder, locked


def test_old_records_keep_their_bytes_hashes_and_seals(
    folder_before: tuple[Path, Inspection],
) -> None:
    folder, locked = folder_before
    before = _files(folder)
    with InspectionStore.open(folder) as store:
        assert store.problems == []
        read = store.get(locked.id)
        sample = store.get(SAMPLE_ID)
    assert _files(folder) == before
    assert read.content_hash() == locked.content_hash()
    assert read.status() is Lifecycle.LOCKED and not read.changed_since_lock()
    assert read.documents is None and sample.documents is None
    meta = json.loads((folder / "meta.json").read_text(encoding="utf-8"))
    assert meta["migrations"][-1]["name"] == "0003_document_details"
    assert meta["schema_version"] == 3


def test_old_records_get_the_form_defaults_from_header_and_delegation(
    folder_before: tuple[Path, Inspection],
) -> None:
    folder, locked = folder_before
    with InspectionStore.open(folder) as store:
        read = store.get(locked.id)
    details = document_details(read, TEMPLATE)
    assert details == default_details(read, TEMPLATE)
    assert (details.superior_body, details.issuing_body, details.symbol) == (
        "Tỉnh ủy Lạng Sơn",
        "Ban Dân vận",
        "BDVTU",
    )
    assert details.signer_name == read.members[read.leader_id].name
    assert details.place_name == "Lạng Sơn"


def test_the_stamp_is_safe_to_run_again(folder_before: tuple[Path, Inspection]) -> None:
    folder, _ = folder_before
    before = _files(folder)
    document_details_stamp(folder)
    document_details_stamp(folder)
    assert _files(folder) == before
    with InspectionStore.open(folder):
        pass
    with InspectionStore.open(folder):
        pass
    meta = json.loads((folder / "meta.json").read_text(encoding="utf-8"))
    names = [m["name"] for m in meta["migrations"]]
    assert names.count("0003_document_details") == 1
    assert _files(folder) == before


def test_an_older_app_refuses_the_stamped_folder_instead_of_setting_records_aside(
    folder_before: tuple[Path, Inspection],
) -> None:
    folder, _ = folder_before
    with InspectionStore.open(folder) as store:
        record = store.get(SAMPLE_ID)
        store.save(
            set_document_details(record, author_id=LEAD, details=default_details(record, TEMPLATE))
        )
    saved = _files(folder)
    assert b'"documents"' in saved[f"{SAMPLE_ID}.json"]
    with pytest.raises(StoreError, match="cập nhật ứng dụng") as refused:
        OlderAppStore.open(folder)
    assert "0003_document_details" in str(refused.value)
    assert _files(folder) == saved
    assert not any((folder / "corrupt").iterdir())
