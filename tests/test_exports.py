"""Every module's `__all__` says exactly what it offers (httpx's test_exported_members, per module).

Names in `__all__` exist; every public class and function a module defines itself (not imports)
is listed; a module with no `__all__` has no public names at all (a package's docstring only).
"""

from __future__ import annotations

import ast
import importlib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("checklists", "inspect_app", "sync")


def module_name(path: Path, root: Path = ROOT) -> str:
    """`inspect_app/store/atomic.py` -> `inspect_app.store.atomic`; a package's `__init__` -> it."""
    parts = path.relative_to(root).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def module_files(root: Path = ROOT, packages: tuple[str, ...] = PACKAGES) -> list[Path]:
    return sorted(f for package in packages for f in (root / package).rglob("*.py"))


def defined_public(tree: ast.Module) -> set[str]:
    """Public classes and functions defined at the module's top level (decorated ones too)."""
    kinds = (ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)
    return {n.name for n in tree.body if isinstance(n, kinds) and not n.name.startswith("_")}


def top_level_public(tree: ast.Module) -> set[str]:
    """Every public name bound at the top level: definitions, assignments and imports."""
    names = defined_public(tree)
    for node in tree.body:
        if isinstance(node, ast.Assign):
            names |= {t.id for t in node.targets if isinstance(t, ast.Name)}
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
            names.add(node.target.id)
        elif isinstance(node, ast.Import | ast.ImportFrom):
            names |= {(a.asname or a.name).split(".")[0] for a in node.names}
    return {n for n in names if not n.startswith("_") and n != "annotations"}


def export_problems(path: Path, root: Path = ROOT) -> list[str]:
    """What is wrong with one module's `__all__` (empty when nothing is)."""
    module = importlib.import_module(module_name(path, root))
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    exported = getattr(module, "__all__", None)
    if exported is None:
        public = sorted(top_level_public(tree))
        return [f"no __all__, but public names: {public}"] if public else []
    problems = []
    if len(set(exported)) != len(exported):
        problems.append(f"__all__ lists a name twice: {sorted(exported)}")
    if missing := sorted(n for n in exported if not hasattr(module, n)):
        problems.append(f"in __all__ but not in the module: {missing}")
    if unlisted := sorted(defined_public(tree) - set(exported)):
        problems.append(f"defined here but not in __all__: {unlisted}")
    return problems


@pytest.mark.parametrize("path", module_files(), ids=lambda p: module_name(p))
def test_every_module_exports_exactly_what_it_defines(path: Path) -> None:
    assert export_problems(path) == []


def test_the_packages_have_modules_to_check() -> None:
    names = {module_name(f) for f in module_files()}
    assert {"checklists", "inspect_app.main", "inspect_app.store", "sync"} <= names


def test_the_check_sees_a_missing_name_an_unlisted_function_and_a_missing_all(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    package = tmp_path / "exports_probe"
    package.mkdir()
    (package / "__init__.py").write_text('"""Only a docstring."""\n', encoding="utf-8")
    (package / "listed.py").write_text(
        "from os import path\n__all__ = ['shown', 'gone']\n"
        "def shown(): ...\ndef hidden(): ...\nclass _Private: ...\n",
        encoding="utf-8",
    )
    (package / "unlisted.py").write_text("import os\nLIMIT = 3\n", encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))

    found = {module_name(f, tmp_path): export_problems(f, tmp_path) for f in package.glob("*.py")}

    assert found == {
        "exports_probe": [],
        "exports_probe.listed": [
            "in __all__ but not in the module: ['gone']",
            "defined here but not in __all__: ['hidden']",
        ],
        "exports_probe.unlisted": ["no __all__, but public names: ['LIMIT', 'os']"],
    }


def _alembic_revision(path: Path) -> bool:
    """Alembic requires every revision module to define `upgrade` and `downgrade`."""
    return path.parent.name == "versions" and path.parent.parent.name == "migrations"


def test_no_name_is_exported_by_two_modules_of_the_domain() -> None:
    """Each name has one home (`checklists` is imported from where things are defined); only a
    package's own `__init__` may gather its submodules' names as a facade (inspect_app.store)."""
    homes: dict[str, list[str]] = {}
    for path in module_files():
        if path.name == "__init__.py" or _alembic_revision(path):
            continue
        module = importlib.import_module(module_name(path))
        for name in getattr(module, "__all__", ()):
            homes.setdefault(name, []).append(module.__name__)
    assert {n: m for n, m in homes.items() if len(m) > 1} == {}
