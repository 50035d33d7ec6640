"""Published templates cached on the tablet: records on them open and score offline."""

from __future__ import annotations

from pathlib import Path

import pytest

from checklists.errors import UnknownTemplate
from checklists.template.catalog import get_template
from inspect_app.store import InspectionStore, TemplateFolder
from tests.inspect_app.store.conftest import TINY, MakeInspection

ID_A = "00000000-0000-4000-8000-00000000000a"


def test_a_cached_template_resolves_after_a_restart_and_the_bundled_ones_still_do(
    tmp_path: Path,
) -> None:
    folder = TemplateFolder(tmp_path / "templates")
    with pytest.raises(UnknownTemplate):
        folder.resolve(TINY.id, TINY.version)
    assert not folder.has(TINY.id, TINY.version, TINY.content_hash())

    assert folder.put(TINY) is True

    again = TemplateFolder(tmp_path / "templates")
    assert again.resolve(TINY.id, TINY.version) == TINY
    assert again.has(TINY.id, TINY.version, TINY.content_hash())
    assert again.resolve("cqtt-xa", 1) == get_template("cqtt-xa", 1)


def test_other_content_under_a_cached_id_and_version_is_never_written(tmp_path: Path) -> None:
    folder = TemplateFolder(tmp_path / "templates")
    folder.put(TINY)
    forged = TINY.model_copy(update={"title": "Mẫu đã bị sửa"})

    assert folder.put(forged) is False
    assert folder.resolve(TINY.id, TINY.version).content_hash() == TINY.content_hash()


@pytest.mark.parametrize("content", [b"", b"not json", b'{"id": "tiny"}', b"\xff\xfe"])
def test_a_damaged_cached_file_is_unknown_never_used(tmp_path: Path, content: bytes) -> None:
    folder = TemplateFolder(tmp_path / "templates")
    folder.put(TINY)
    folder.path(TINY.id, TINY.version).write_bytes(content)

    with pytest.raises(UnknownTemplate):
        folder.resolve(TINY.id, TINY.version)


@pytest.mark.parametrize("name", ["../x", "a/b", "..", ""])
def test_a_template_id_never_becomes_a_path_outside_the_folder(tmp_path: Path, name: str) -> None:
    with pytest.raises(ValueError):
        TemplateFolder(tmp_path).path(name, 1)


def test_a_record_on_a_cached_template_opens_and_scores_offline(
    tmp_path: Path, make_inspection: MakeInspection
) -> None:
    folder = TemplateFolder(tmp_path / "data" / "templates")
    record = make_inspection(ID_A, notes={"A1": "Niêm yết đủ"})
    with InspectionStore.open(tmp_path / "data", templates=folder.resolve) as store:
        store.save(record)
        assert store.list_summaries()[0].score is None  # not on this tablet yet
    folder.put(TINY)  # what the sync client does once the server lists it
    with InspectionStore.open(tmp_path / "data", templates=folder.resolve) as store:
        assert store.template_of(store.get(ID_A)) == TINY
        [summary] = store.list_summaries()
    assert summary.score == 10.0
