"""The tablet build's configuration points at things that exist (flet build cannot run here)."""

from __future__ import annotations

import ast
import tomllib
from pathlib import Path

from PIL import Image

ROOT = Path(__file__).resolve().parents[1]
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
FLET = PYPROJECT["tool"]["flet"]


def test_the_entry_module_runs_the_same_app_as_the_command() -> None:
    app = FLET["app"]
    entry = ROOT / app["path"] / f"{app['module']}.py"
    tree = ast.parse(entry.read_text(encoding="utf-8"))
    imports = [n for n in tree.body if isinstance(n, ast.ImportFrom)]
    assert [(i.module, [a.name for a in i.names]) for i in imports] == [
        ("inspect_app.main", ["run"])
    ]
    assert PYPROJECT["project"]["scripts"]["inspect-app"] == "inspect_app.main:run"


def test_the_icon_is_a_square_png_big_enough_for_every_launcher() -> None:
    with Image.open(ROOT / FLET["app"]["path"] / "assets" / "icon.png") as icon:
        assert icon.format == "PNG"
        assert icon.width == icon.height >= 512


def test_the_camera_is_asked_for_and_nothing_else() -> None:
    assert FLET["permissions"] == ["camera"]
    extra = FLET["android"]["permission"]
    assert extra == {"android.permission.CAMERA": True}
    # Storage permissions are rejected by Play and not needed: the file picker uses the SAF.
    assert not any("STORAGE" in p or "READ_MEDIA" in p for p in extra)


def test_the_build_leaves_out_what_the_tablet_does_not_run() -> None:
    excluded = set(FLET["app"]["exclude"])
    assert {"tests", "benchmarks", ".venv", "sync/server"} <= excluded
    for kept in ("checklists", "inspect_app"):
        assert kept not in excluded


def test_what_the_tablet_bundles_is_pinned() -> None:
    for requirement in PYPROJECT["project"]["dependencies"]:
        assert "==" in requirement, requirement
