"""The house layering rules hold, module by module: each file's imports, read with `ast`.

* `checklists` stays pure: no storage, network, UI, SQL or file-format library, and nothing of
  the app or sync. Only a `checklists/documents/` subpackage (it renders DOCX) may import docx.
* `sync` never imports the app (nor Flet or TinyDB): the server and client stand on their own;
  `sync.protocol` (imported by the tablet) never imports the server or its stack.
* Views never import the store: they read a view-model and pass events on to it.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass, field
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

IMPURE = frozenset(
    {
        "tinydb",
        "flet",
        "flet_web",
        "requests",
        "sqlalchemy",
        "fastapi",
        "inspect_app",
        "sync",
        "filelock",
        "docx",
        "openpyxl",
        "PIL",
    }
)


@dataclass(frozen=True)
class Contract:
    """Modules in `package` never import `forbidden` (a module or anything below it)."""

    package: str
    forbidden: frozenset[str]
    allowed_in: dict[str, frozenset[str]] = field(default_factory=dict)
    """Subpackage -> the forbidden names its modules may import all the same."""

    def forbidden_for(self, module: str) -> frozenset[str]:
        allowed = [names for sub, names in self.allowed_in.items() if is_within(module, sub)]
        return self.forbidden.difference(*allowed)


CONTRACTS = [
    Contract("checklists", IMPURE, {"checklists.documents": frozenset({"docx"})}),
    Contract("sync", frozenset({"inspect_app", "flet", "flet_web", "tinydb"})),
    # The tablet imports the wire models: they never pull the server's stack into the app.
    Contract(
        "sync.protocol",
        frozenset({"sync.server", "fastapi", "starlette", "sqlalchemy", "alembic", "psycopg"}),
    ),
    # The sync client runs on the tablet too: requests and the wire models, never the server.
    Contract(
        "sync.client",
        frozenset({"sync.server", "fastapi", "starlette", "sqlalchemy", "alembic", "psycopg"}),
    ),
    Contract("inspect_app.views", frozenset({"inspect_app.store", "tinydb"})),
]


def is_within(name: str, prefix: str) -> bool:
    """`inspect_app.store.atomic` is within `inspect_app.store` (and `inspect_app`)."""
    return name == prefix or name.startswith(prefix + ".")


def module_name(path: Path, root: Path = ROOT) -> str:
    parts = path.relative_to(root).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imported_names(path: Path, root: Path = ROOT) -> set[str]:
    """Every module a file imports, as absolute dotted names, relative imports resolved.

    `from a.b import c` counts as importing both `a.b` and `a.b.c` (c may be a submodule), so
    `from inspect_app import store` is caught like `import inspect_app.store`.
    """
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    module = module_name(path, root)
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                source = ".".join([*base, *([node.module] if node.module else [])])
            else:
                source = node.module or ""
            names.add(source)
            names.update(f"{source}.{alias.name}" for alias in node.names if alias.name != "*")
    return names


def _files(where: Path) -> list[Path]:
    """A package's modules, or the one module a contract names (`sync/protocol.py`)."""
    module = where.with_suffix(".py")
    return [module] if module.is_file() else sorted(where.rglob("*.py"))


def violations(contract: Contract, root: Path = ROOT) -> dict[str, list[str]]:
    """Module -> the forbidden imports it makes, for every module of the contract's package."""
    found = {}
    for path in _files(root / contract.package.replace(".", "/")):
        module = module_name(path, root)
        forbidden = contract.forbidden_for(module)
        bad = sorted(
            name
            for name in imported_names(path, root)
            if any(is_within(name, f) for f in forbidden)
        )
        if bad:
            found[module] = bad
    return found


@pytest.mark.parametrize("contract", CONTRACTS, ids=lambda c: c.package)
def test_no_module_imports_what_its_layer_forbids(contract: Contract) -> None:
    assert _files(ROOT / contract.package.replace(".", "/")), f"{contract.package} is gone"
    assert violations(contract) == {}


def test_the_checker_sees_plain_relative_and_from_package_imports(tmp_path: Path) -> None:
    views = tmp_path / "app" / "views"
    views.mkdir(parents=True)
    (views / "__init__.py").write_text("", encoding="utf-8")
    (views / "a.py").write_text("import app.store.files\nimport os\n", encoding="utf-8")
    (views / "b.py").write_text("from ..store import Store\n", encoding="utf-8")
    (views / "c.py").write_text("from app import store\n", encoding="utf-8")
    (views / "d.py").write_text("from . import widgets\nfrom app.storehouse import x\n", "utf-8")
    (views / "e.py").write_text("def f():\n    from app.store import late\n", encoding="utf-8")

    assert imported_names(views / "b.py", tmp_path) == {"app.store", "app.store.Store"}
    assert violations(Contract("app.views", frozenset({"app.store"})), tmp_path) == {
        "app.views.a": ["app.store.files"],
        "app.views.b": ["app.store", "app.store.Store"],
        "app.views.c": ["app.store"],
        "app.views.e": ["app.store", "app.store.late"],
    }


def test_only_the_documents_subpackage_may_import_docx(tmp_path: Path) -> None:
    for sub in ("checklists", "checklists/documents"):
        (tmp_path / sub).mkdir(parents=True)
        (tmp_path / sub / "render.py").write_text("import docx\nimport tinydb\n", "utf-8")

    assert violations(CONTRACTS[0], tmp_path) == {
        "checklists.documents.render": ["tinydb"],
        "checklists.render": ["docx", "tinydb"],
    }
