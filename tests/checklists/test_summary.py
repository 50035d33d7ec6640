"""List summaries: what the inspection list shows, from the record and its template."""

from __future__ import annotations

from checklists.record import editing
from checklists.record.model import Value
from checklists.record.sample import SAMPLE_ID, build_sample_inspection
from checklists.scoring.summary import summarize
from checklists.template.catalog import get_template


def test_sample_summary() -> None:
    record = build_sample_inspection()
    summary = summarize(record, get_template("cqtt-xa", 1), pending_sync=True, updated_counter=4)
    assert (summary.id, summary.unit_name, summary.status) == (
        SAMPLE_ID,
        "Phường Vĩnh Trại",
        "completed",
    )
    assert (summary.criteria_scored, summary.criteria_total) == (19, 19)
    assert (summary.score, summary.rating_label) == (93.0, "Tốt")
    assert (summary.pending_sync, summary.updated_counter) == (True, 4)


def test_no_rating_until_every_criterion_is_settled() -> None:
    template = get_template("cqtt-xa", 1)
    full = build_sample_inspection()
    leader = next(iter(sorted(full.leader_ids())))
    fresh = editing.new_inspection(template, full.header, members=tuple(full.members.values()))
    one = editing.assess(
        fresh, author_id=leader, criterion_id="A1", value=Value(status="dat"), note="Có kế hoạch"
    )
    summary = summarize(one, template)
    assert (summary.criteria_scored, summary.score, summary.rating_label) == (1, 4.0, None)


def test_edits_merged_after_the_lock_are_flagged_in_the_summary() -> None:
    from checklists.record.merge import merge
    from checklists.record.model import Lifecycle

    template = get_template("cqtt-xa", 1)
    sample = build_sample_inspection()
    leader = sorted(sample.leader_ids())[0]
    locked = editing.move_to(sample, author_id=leader, status=Lifecycle.LOCKED)
    assert summarize(locked, template).changed_after_lock is False
    member = next(m for m in sample.members if m not in sample.leader_ids())
    offline = editing.assess(
        sample,
        author_id=member,
        criterion_id="E1",
        value=Value(score=4),
        note="Số phiếu hợp lệ chưa đủ",
    )
    summary = summarize(merge(locked, offline), template)
    assert (summary.status, summary.changed_after_lock) == ("locked", True)


def test_a_record_without_its_template_is_summarised_from_its_header() -> None:
    from checklists.scoring.summary import summarize_without_template

    record = build_sample_inspection()
    summary = summarize_without_template(record, pending_sync=True, updated_counter=7)
    assert (summary.id, summary.unit_name, summary.template_title) == (
        SAMPLE_ID,
        "Phường Vĩnh Trại",
        "cqtt-xa (phiên bản 1)",
    )
    assert (summary.criteria_total, summary.score, summary.rating_label) == (0, None, None)
    assert (summary.pending_sync, summary.updated_counter) == (True, 7)
    assert summary.inspection_date == record.header.inspection_date
