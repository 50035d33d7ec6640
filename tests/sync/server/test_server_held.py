"""The parsed-records cache: a record is parsed once per (id, content hash), another hash is
parsed from its own body, and only the most recently used records are kept."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from checklists.record.editing import assess
from checklists.record.model import Value
from checklists.record.sample import MEMBER_1, build_sample_inspection
from checklists.template.model import Status
from sync.server.held import HeldRecords


def test_a_record_is_parsed_once_per_content_hash_and_another_hash_from_its_body() -> None:
    held = HeldRecords(size=2)
    first = build_sample_inspection()
    second = assess(
        first, author_id=MEMBER_1, criterion_id="A1", value=Value(status=Status.KHONG_DAT)
    )
    assert second.content_hash() != first.content_hash()

    parsed = held.get(first.id, first.content_hash(), first.canonical())
    cached = held.get(first.id, first.content_hash(), "not JSON: never parsed")
    newer = held.get(second.id, second.content_hash(), second.canonical())

    assert parsed == first and cached is parsed
    assert newer == second and newer != parsed
    with pytest.raises(ValidationError):  # a hash not held is read from the body given
        held.get(first.id, "0" * 64, "not JSON")


def test_only_the_most_recently_used_records_are_kept() -> None:
    held = HeldRecords(size=2)
    record = build_sample_inspection()
    body = record.canonical()
    for key in ("a", "b"):
        held.put(record.id, key, record)
    held.get(record.id, "a", body)  # "a" used last: "b" goes first
    held.put(record.id, "c", record)

    assert len(held) == 2
    assert held.get(record.id, "a", "not JSON") is record
    with pytest.raises(ValidationError):
        held.get(record.id, "b", "not JSON")
