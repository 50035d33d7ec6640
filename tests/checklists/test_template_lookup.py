"""Template lookup for a record: its exact template (same content hash), or a clear error."""

from __future__ import annotations

import pytest

from checklists.errors import TemplateChanged, UnknownTemplate
from checklists.record.sample import build_sample_inspection
from checklists.template.catalog import get_template, template_for
from checklists.template.model import Template


def test_a_record_gets_the_template_it_was_scored_against() -> None:
    record = build_sample_inspection()
    assert template_for(record) is get_template("cqtt-xa", 1)
    assert template_for(record, get_template) is get_template("cqtt-xa", 1)


def test_a_template_with_the_same_id_and_version_but_other_content_is_refused() -> None:
    record = build_sample_inspection()
    bundled = get_template("cqtt-xa", 1)
    edited = bundled.model_copy(update={"title": bundled.title + " (sửa)"})

    def resolve(template_id: str, version: int) -> Template:
        return edited

    with pytest.raises(TemplateChanged, match="mã băm khác") as excinfo:
        template_for(record, resolve)
    assert isinstance(excinfo.value, UnknownTemplate)  # callers that catch the wider case


def test_a_record_whose_template_is_not_known_gets_the_resolvers_error() -> None:
    record = build_sample_inspection().model_copy(update={"template_version": 99})
    with pytest.raises(UnknownTemplate, match="phiên bản 99"):
        template_for(record)


def test_a_changed_hash_on_the_record_is_refused_even_with_the_cached_template() -> None:
    record = build_sample_inspection()
    template_for(record)  # the template's hash is now remembered
    other = record.model_copy(update={"template_hash": "0" * 64})
    with pytest.raises(TemplateChanged):
        template_for(other)
