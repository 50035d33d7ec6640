"""Records written by version 1 of the app read at schema 2, the same on every device."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from checklists.errors import RecordMalformed
from checklists.record.integrity import check_record
from checklists.record.model import SCHEMA_VERSION
from checklists.record.sample import DEPUTY, LEAD, build_sample_inspection
from checklists.record.upgrade import parse_record, upgrade
from checklists.scoring.engine import score_inspection
from checklists.template.catalog import get_template

V1 = Path(__file__).parents[1] / "fixtures" / "sample-v1.json"


@pytest.fixture
def v1() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(V1.read_text(encoding="utf-8"))
    assert data["schema_version"] == 1
    return data


def test_the_v1_sample_reads_with_its_score_leader_and_deputy(v1: dict[str, Any]) -> None:
    record = parse_record(v1)
    assert record.schema_version == SCHEMA_VERSION
    assert (record.leader_id, record.leader_ids()) == (LEAD, {LEAD, DEPUTY})
    template = get_template("cqtt-xa", 1)
    report = score_inspection(template, record)
    assert (report.final_total, report.rating and report.rating.label) == (93.0, "Tốt")
    assert report.ignored == ()
    assert check_record(record, template) == []
    assert record.status().value == "completed"


def test_v1_photos_become_photo_registers_and_none_is_lost(v1: dict[str, Any]) -> None:
    record = parse_record(v1)
    by_criterion = {(p.criterion_id, p.sha256) for p in record.photos.values()}
    assert by_criterion == {("C4", "ab" * 32), ("C1", "cd" * 32)}
    assert record.photos_of("C4")[0].caption == "Bộ phận một cửa"


def test_v1_history_lines_keep_their_words(v1: dict[str, Any]) -> None:
    record = parse_record(v1)
    first = record.log[0]
    assert (first.code, first.params["action"]) == ("log.v1", v1["log"][0]["action"])


def test_upgrading_is_deterministic_and_leaves_current_records_alone(v1: dict[str, Any]) -> None:
    assert upgrade(json.loads(json.dumps(v1))) == upgrade(v1)
    assert (
        parse_record(v1).content_hash() == parse_record(json.loads(V1.read_text())).content_hash()
    )
    current = build_sample_inspection().model_dump(mode="json")
    assert upgrade(current) is current


@pytest.mark.parametrize("version", [3, 99, "2"])
def test_a_record_from_a_newer_app_is_refused_not_guessed(v1: dict[str, Any], version: Any) -> None:
    with pytest.raises(RecordMalformed, match="không được hỗ trợ"):
        upgrade({**v1, "schema_version": version})
