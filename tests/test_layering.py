"""The house layering rules hold: `checklists` stays pure, `sync` never imports the app."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

FORBIDDEN = {
    "checklists": {"tinydb", "flet", "flet_web", "requests", "sqlalchemy", "fastapi", "inspect_app",
                   "sync", "filelock", "docx", "openpyxl", "PIL"},
    "sync": {"inspect_app", "flet", "tinydb"},
}


def imported_roots(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    roots: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            roots.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            roots.add(node.module.split(".")[0])
    return roots


def modules(package: str) -> list[Path]:
    files = sorted((ROOT / package).rglob("*.py"))
    # checklists/documents/ may use file-format libraries (it renders DOCX).
    return [f for f in files if "documents" not in f.relative_to(ROOT / package).parts]


@pytest.mark.parametrize("package", sorted(FORBIDDEN))
def test_package_imports_only_what_it_may(package: str) -> None:
    files = modules(package)
    assert files, f"{package}/ has no modules"
    offenders = {
        str(f.relative_to(ROOT)): sorted(imported_roots(f) & FORBIDDEN[package]) for f in files
    }
    assert {k: v for k, v in offenders.items() if v} == {}


def test_checker_sees_forbidden_imports(tmp_path: Path) -> None:
    bad = tmp_path / "bad.py"
    bad.write_text("import tinydb\nfrom flet import Text\nimport os\n", encoding="utf-8")
    assert imported_roots(bad) == {"tinydb", "flet", "os"}
