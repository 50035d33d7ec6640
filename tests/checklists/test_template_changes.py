"""What changed between two template versions: ids and field names, nothing for the same one."""

from __future__ import annotations

from checklists.template.catalog import get_template
from checklists.template.changes import template_changes


def test_the_same_template_under_another_version_has_no_changes() -> None:
    seed = get_template("cqtt-xa", 1)
    assert not template_changes(seed, seed.model_copy(update={"version": 2}))


def test_a_changed_title_criterion_and_rating_are_named() -> None:
    seed = get_template("cqtt-xa", 1)
    first = seed.sections[0]
    a1 = first.criteria[0].model_copy(update={"label": "Nội dung mới"})
    sections = (
        first.model_copy(update={"criteria": (a1, *first.criteria[1:])}),
        *seed.sections[1:],
    )
    bands = (seed.rating_bands[0].model_copy(update={"label": "Rất tốt"}), *seed.rating_bands[1:])
    new = seed.model_copy(update={"title": "Mới", "sections": sections, "rating_bands": bands})
    changes = template_changes(seed, new)
    assert changes.header == ("title",)
    assert changes.criteria_changed == ("A1",)
    assert changes.lists == ("rating_bands",)
    assert (changes.criteria_added, changes.criteria_removed, changes.sections_changed) == (
        (),
        (),
        (),
    )


def test_criteria_and_sections_added_and_removed_are_named() -> None:
    old, new = get_template("cqtt-xa", 1), get_template("mot-cua", 1)
    changes = template_changes(old, new)
    assert changes.criteria_added == tuple(c.id for c in new.criteria())
    assert changes.criteria_removed == tuple(c.id for c in old.criteria())
    assert changes.sections_added == tuple(s.id for s in new.sections)
