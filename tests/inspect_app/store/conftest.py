"""Tiny fixtures for store tests: a three-criterion template, records built from models, a store."""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path

import pytest

from checklists.errors import UnknownTemplate
from checklists.record.model import Assessment, Header, Inspection, Member, Role
from checklists.template.model import (
    Criterion,
    PointsScoring,
    RatingBand,
    Section,
    Status,
    StatusScoring,
    Template,
    YesNoScoring,
)
from inspect_app.store import InspectionStore

TINY = Template(
    id="tiny",
    version=1,
    title="Mẫu thử ba tiêu chí",
    programme="Thử nghiệm",
    total_points=30,
    sections=(
        Section(
            id="A",
            title="Phần A",
            max_points=30,
            criteria=(
                Criterion(id="A1", label="Niêm yết", max_points=10, scoring=StatusScoring()),
                Criterion(id="A2", label="Tiếp dân", max_points=10, scoring=PointsScoring()),
                Criterion(id="A3", label="Hòm thư", max_points=10, scoring=YesNoScoring()),
            ),
        ),
    ),
    rating_bands=(
        RatingBand(code="tot", label="Tốt", min=20),
        RatingBand(code="dat", label="Đạt", min=0, max=20),
    ),
)

MakeInspection = Callable[..., Inspection]


def tiny_templates(template_id: str, version: int) -> Template:
    """The resolver the store tests pass to `InspectionStore.open`."""
    if (template_id, version) == (TINY.id, TINY.version):
        return TINY
    raise UnknownTemplate(f"không có mẫu {template_id} v{version}")


_EDITS = itertools.count(1)


def build_inspection(
    inspection_id: str = "00000000-0000-4000-8000-000000000001",
    *,
    unit: str = "Xã Hoàng Đồng",
    day: date = date(2024, 5, 1),
    notes: dict[str, str] | None = None,
    template: Template = TINY,
    author: str = "m1",
) -> Inspection:
    """A record with one status assessment per (criterion, note) given, by `author`.

    Each call's assessments carry fresh, higher counters (as a later edit on a tablet would),
    so saving them over an earlier build is a real change that the store's merge keeps.
    """
    assessments = {
        cid: {
            author: Assessment(
                criterion_id=cid,
                author_id=author,
                counter=next(_EDITS),
                status=Status.DAT,
                note=note,
            )
        }
        for cid, note in (notes or {}).items()
    }
    return Inspection(
        id=inspection_id,
        template_id=template.id,
        template_version=template.version,
        template_hash=template.content_hash(),
        leader_id="m1",
        header=Header(unit_name=unit, inspection_date=day, counter=next(_EDITS), author_id="m1"),
        members={
            "m1": Member(
                id="m1", name="Nguyễn Văn An", role=Role.TRUONG_DOAN, author_id="m1", counter=1
            )
        },
        assessments=assessments,
    )


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return tmp_path / "data"


@pytest.fixture
def fresh_store(data_dir: Path) -> Iterator[InspectionStore]:
    store = InspectionStore.open(data_dir, templates=tiny_templates)
    yield store
    store.close()


@pytest.fixture
def make_inspection() -> MakeInspection:
    return build_inspection


@pytest.fixture
def templates() -> Callable[[str, int], Template]:
    return tiny_templates
