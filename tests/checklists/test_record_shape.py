"""Meta-tests of the record's shape: merge, the clock and checks see every field; bounds hold."""

from __future__ import annotations

import json
from typing import Any

import pytest
from pydantic import BaseModel, ValidationError

from checklists.conclusion.versions import save_version
from checklists.record import photos, roster
from checklists.record.canonical import MAX_SAFE_INT
from checklists.record.integrity import check_record
from checklists.record.merge import merge
from checklists.record.model import Inspection, Register
from checklists.record.paperwork import set_document_details
from checklists.record.registers import FIELD_KINDS, clock, entries, registers
from checklists.record.sample import MEMBER_1, build_sample_inspection
from checklists.template.catalog import get_template


def test_the_field_table_names_every_field_of_the_record() -> None:
    assert set(FIELD_KINDS) == set(Inspection.model_fields)


def _register_types(annotation: Any) -> set[type]:
    found: set[type] = set()
    for arg in getattr(annotation, "__args__", ()) or ():
        found |= _register_types(arg)
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        found.add(annotation)
    return found


@pytest.mark.parametrize("field", [f for f, k in FIELD_KINDS.items() if k != "identity"])
def test_every_register_field_carries_author_and_counter(field: str) -> None:
    [model] = _register_types(Inspection.model_fields[field].annotation)
    assert {"author_id", "counter"} <= set(model.model_fields), model


def test_every_lww_register_can_be_a_tombstone() -> None:
    kinds = ("register", "map", "nested_map")
    for field, kind in FIELD_KINDS.items():
        if kind in kinds:
            [model] = _register_types(Inspection.model_fields[field].annotation)
            assert issubclass(model, Register), model


SAMPLE_CONTENT_HASH = "de08be8523e307ac6906e259b736ce129627101c0e4cd5bc0742fb5d91f5d5a3"
SAMPLE_SEALED_HASH = "4228578cd802e01a24d42ee95874bffe4bd05d98c400a5de2ab5bbf46da38fce"
"""The sample's hashes as computed before `documents` and `conclusion_versions` existed."""


def test_fields_added_within_schema_2_leave_old_records_hashing_as_before() -> None:
    sample = build_sample_inspection()
    assert sample.content_hash() == SAMPLE_CONTENT_HASH
    assert sample.sealed_hash() == SAMPLE_SEALED_HASH
    dumped = json.loads(sample.model_dump_json())
    assert "documents" not in dumped and "conclusion_versions" not in dumped
    assert Inspection.model_validate(dumped) == sample


def test_fields_added_within_schema_2_are_written_once_used_and_read_back() -> None:
    sample = save_version(build_sample_inspection(), author_id=build_sample_inspection().leader_id)
    sample = set_document_details(sample, author_id=sample.leader_id, details={"symbol": "BDV"})
    dumped = json.loads(sample.model_dump_json())
    assert dumped["documents"]["symbol"] == "BDV"
    assert len(dumped["conclusion_versions"]) == 1
    assert Inspection.model_validate(dumped) == sample
    assert sample.content_hash() != SAMPLE_CONTENT_HASH


@pytest.mark.parametrize("field", [f for f, k in FIELD_KINDS.items() if k != "identity"])
def test_merge_and_clock_see_a_change_in_every_field(field: str) -> None:
    sample = photos.add_photo(
        build_sample_inspection(), author_id=MEMBER_1, sha256="ab" * 32, criterion_id="A1"
    )
    sample = save_version(sample, author_id=sample.leader_id)
    sample = set_document_details(sample, author_id=sample.leader_id, details={"symbol": "BDV"})
    paths = [
        p
        for p, _ in (*registers(sample), *entries(sample))
        if p == field or p.startswith(field + "/")
    ]
    assert paths, f"the sample has nothing in {field}: extend it"
    path, item = next((p, r) for p, r in (*registers(sample), *entries(sample)) if p in paths)
    bumped = item.model_copy(update={"counter": clock(sample) + 7})
    data = sample.model_dump()
    changed = _replace(sample, field, path, bumped)
    assert clock(changed) == clock(sample) + 7
    if FIELD_KINDS[field] in ("events", "log"):
        return  # an event is immutable: a change under one id conflicts (tested in merge)
    merged = merge(sample, changed)
    assert merged == changed and data == sample.model_dump()


def _replace(record: Inspection, field: str, path: str, item: Any) -> Inspection:
    kind = FIELD_KINDS[field]
    value = getattr(record, field)
    if kind == "register":
        return record.model_copy(update={field: item})
    if kind == "map":
        key = path.split("/", 1)[1]
        return record.model_copy(update={field: {**value, key: item}})
    if kind == "nested_map":
        _, outer, inner = path.split("/")
        return record.model_copy(update={field: {**value, outer: {**value[outer], inner: item}}})
    return record.model_copy(update={field: tuple(item if e.id == item.id else e for e in value)})


@pytest.mark.parametrize(
    "path,change,fragment",
    [
        ("schema_version", 3, "schema_version"),
        ("header.counter", MAX_SAFE_INT + 1, "less than or equal to 9007199254740991"),
        ("header.unit_name", "x" * 501, "at most 500 characters"),
        ("leader_id", "../../etc", "should match pattern"),
        ("leader_id", "x" * 65, "at most 64 characters"),
        ("template_version", 10**20, "less than or equal"),
    ],
)
def test_bounds_refuse_what_json_or_a_database_could_not_hold(
    path: str, change: Any, fragment: str
) -> None:
    data = json.loads(build_sample_inspection().model_dump_json())
    target = data
    *parents, last = path.split(".")
    for p in parents:
        target = target[p]
    target[last] = change
    with pytest.raises(ValidationError) as refused:
        Inspection.model_validate(data)
    assert fragment in str(refused.value)


def test_the_sample_passes_every_structural_check() -> None:
    assert check_record(build_sample_inspection(), get_template("cqtt-xa", 1)) == []


def test_structural_checks_name_each_problem_with_its_path() -> None:
    sample = build_sample_inspection()
    a1 = sample.assessments["A1"]
    [author] = [a for a in a1 if a == MEMBER_1]
    moved = {**sample.assessments, "A1": {"someone": a1[author]}, "Z9": {author: a1[author]}}
    bad = sample.model_copy(update={"assessments": moved})
    bad = roster.assign(bad, author_id=bad.leader_id, member_id=MEMBER_1, section_ids=["Q"])
    found = {(r.path, r.code) for r in check_record(bad, get_template("cqtt-xa", 1))}
    assert found == {
        ("assessments/A1/someone", "check.key_mismatch"),
        ("assessments/Z9", "check.unknown_criterion"),
        ("assessments/Z9/" + author, "check.key_mismatch"),
        (f"assignments/{MEMBER_1}", "check.unknown_section"),
    }
    messages = [r.message("en") for r in check_record(bad, get_template("cqtt-xa", 1))]
    assert any("is not in the template" in m for m in messages)
