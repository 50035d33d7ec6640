"""List summaries: what the inspection list shows, from the record and its template."""

from __future__ import annotations

from checklists import editing
from checklists.catalog import get_template
from checklists.record import Value
from checklists.sample import SAMPLE_ID, build_sample_inspection
from checklists.summary import summarize


def test_sample_summary() -> None:
    record = build_sample_inspection()
    summary = summarize(record, get_template("cqtt-xa", 1), pending_sync=True, updated_counter=4)
    assert (summary.id, summary.unit_name, summary.status) == (
        SAMPLE_ID, "Phường Vĩnh Trại", "completed",
    )
    assert (summary.criteria_scored, summary.criteria_total) == (19, 19)
    assert (summary.score, summary.rating_label) == (93.0, "Tốt")
    assert (summary.pending_sync, summary.updated_counter) == (True, 4)


def test_no_rating_until_every_criterion_is_settled() -> None:
    template = get_template("cqtt-xa", 1)
    full = build_sample_inspection()
    leader = next(iter(sorted(full.leader_ids())))
    fresh = editing.new_inspection(
        template, full.header, members=tuple(full.members.values())
    )
    one = editing.assess(fresh, author_id=leader, criterion_id="A1",
                         value=Value(status="dat"), note="Có kế hoạch")
    summary = summarize(one, template)
    assert (summary.criteria_scored, summary.score, summary.rating_label) == (1, 4.0, None)
