"""Named migrations: applied once, in registration order, recorded in meta.json with the version."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from checklists.template.model import Template
from inspect_app.store import MIGRATIONS, InspectionStore, Migrations, StoreError

Resolver = Callable[[str, int], Template]
REAL_LAST = "0003_document_details"
REAL = ["0001_initial_layout", "0002_records_v2", REAL_LAST]


def meta(data_dir: Path) -> dict[str, object]:
    return json.loads((data_dir / "meta.json").read_text(encoding="utf-8"))


def applied(data_dir: Path) -> list[str]:
    return [m["name"] for m in meta(data_dir)["migrations"]]  # type: ignore[index, union-attr]


def test_fresh_folder_gets_the_initial_layout(data_dir: Path, templates: Resolver) -> None:
    with InspectionStore.open(data_dir, templates=templates):
        pass
    assert applied(data_dir) == ["0001_initial_layout", "0002_records_v2", REAL_LAST]
    assert meta(data_dir)["schema_version"] == MIGRATIONS.schema_version == 3
    assert sorted(p.name for p in data_dir.iterdir() if p.is_dir()) == [
        "corrupt",
        "inspections",
        "photos",
    ]


def test_test_only_migration_runs_once_after_the_real_ones(
    data_dir: Path, templates: Resolver
) -> None:
    migrations = MIGRATIONS.extended()
    runs: list[Path] = []

    @migrations("0099_test_marker")
    def add_marker(folder: Path) -> None:
        runs.append(folder)
        (folder / "marker.txt").write_text("ok", encoding="utf-8")

    class MigratedStore(InspectionStore):
        pass

    MigratedStore.migrations = migrations
    for _ in range(3):
        with MigratedStore.open(data_dir, templates=templates):
            pass
    assert runs == [data_dir]
    assert applied(data_dir) == [*REAL, "0099_test_marker"]
    assert meta(data_dir)["schema_version"] == 4
    assert (data_dir / "marker.txt").read_text(encoding="utf-8") == "ok"
    assert MIGRATIONS.names == REAL  # untouched


@pytest.mark.parametrize(
    "names,expected_order",
    [(["b", "a", "c"], ["b", "a", "c"]), (["0003_z", "0002_y"], ["0003_z", "0002_y"])],
)
def test_order_is_registration_order_not_name_order(
    tmp_path: Path, names: list[str], expected_order: list[str]
) -> None:
    migrations = Migrations()
    ran: list[str] = []
    for name in names:
        migrations(name)(lambda folder, name=name: ran.append(name))
    assert migrations.apply(tmp_path) == expected_order
    assert ran == expected_order
    assert applied(tmp_path) == expected_order
    assert migrations.apply(tmp_path) == []


def test_default_name_is_the_function_name(tmp_path: Path) -> None:
    migrations = Migrations()

    @migrations()
    def m0001_something(folder: Path) -> None:
        pass

    assert migrations.names == ["m0001_something"]


def test_same_name_twice_is_refused() -> None:
    migrations = Migrations()
    migrations("0001")(lambda folder: None)
    with pytest.raises(ValueError, match="registered twice"):
        migrations("0001")(lambda folder: None)


def test_failed_migration_is_not_recorded_and_runs_again(tmp_path: Path) -> None:
    migrations = Migrations()
    attempts: list[int] = []

    @migrations("0001_flaky")
    def flaky(folder: Path) -> None:
        attempts.append(1)
        if len(attempts) == 1:
            raise OSError("disk hiccup")

    with pytest.raises(OSError):
        migrations.apply(tmp_path)
    assert not (tmp_path / "meta.json").exists()
    assert migrations.apply(tmp_path) == ["0001_flaky"]
    assert len(attempts) == 2


def test_folder_from_a_newer_app_is_refused(data_dir: Path, templates: Resolver) -> None:
    data_dir.mkdir(parents=True)
    newer = {"schema_version": 2, "migrations": [{"name": "0001_initial_layout"}, {"name": "0099"}]}
    (data_dir / "meta.json").write_text(json.dumps(newer), encoding="utf-8")
    with pytest.raises(StoreError, match="phiên bản ứng dụng mới hơn"):
        InspectionStore.open(data_dir, templates=templates)
    assert json.loads((data_dir / "meta.json").read_text(encoding="utf-8")) == newer
