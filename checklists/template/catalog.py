"""The templates bundled with the package, one `templates/<id>.v<version>.json` per version."""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from importlib.resources import files

from checklists.errors import Problem, TemplateChanged, TemplateInvalid, UnknownTemplate
from checklists.record.model import Inspection
from checklists.template.model import Template
from checklists.template.validation import parse_template

__all__ = ["Resolver", "bundled_templates", "get_template", "latest_template", "template_for"]

_FOLDER = "bundled"

Resolver = Callable[[str, int], Template]
"""Template id and version -> the template (UnknownTemplate when there is none)."""

_HASHES: dict[int, tuple[Template, str]] = {}
"""Content hashes of templates already checked, by object (a template is frozen)."""


def bundled_templates() -> list[Template]:
    """Every bundled template, validated, sorted by id then version (loaded once, then cached)."""
    return list(_load_all())


def get_template(template_id: str, version: int) -> Template:
    """The bundled template with this id and version, or `UnknownTemplate`."""
    for template in _load_all():
        if template.id == template_id and template.version == version:
            return template
    known = _versions(template_id)
    params = {"id": template_id, "version": version, "known": ", ".join(map(str, known))}
    code = "template.unknown_version_known" if known else "template.unknown_version"
    raise UnknownTemplate.labelled(code, params)


def latest_template(template_id: str) -> Template:
    """The highest bundled version of this template, or `UnknownTemplate`."""
    known = _versions(template_id)
    if not known:
        raise UnknownTemplate.labelled("template.unknown", {"id": template_id})
    return get_template(template_id, known[-1])


def template_for(record: Inspection, resolve: Resolver = get_template) -> Template:
    """The exact template the record was scored against, found through `resolve`.

    UnknownTemplate (from `resolve`) when none is known under the record's id and version;
    TemplateChanged when the one known has other content than the record's `template_hash`:
    the same id and version never makes a score mean something else on another device.
    """
    template = resolve(record.template_id, record.template_version)
    if _content_hash(template) != record.template_hash:
        params = {"id": record.template_id, "version": record.template_version}
        raise TemplateChanged.labelled("template.changed", params)
    return template


def _content_hash(template: Template) -> str:
    """`template.content_hash()`, computed once per template object (it serialises the whole
    template, about 0.5 ms, and a save looks its template up every time)."""
    known = _HASHES.get(id(template))
    if known is None or known[0] is not template:
        if len(_HASHES) > 64:
            _HASHES.clear()
        known = _HASHES[id(template)] = (template, template.content_hash())
    return known[1]


def _versions(template_id: str) -> list[int]:
    return sorted(t.version for t in _load_all() if t.id == template_id)


@cache
def _load_all() -> tuple[Template, ...]:
    loaded: dict[tuple[str, int], str] = {}
    templates = []
    folder = files("checklists.template").joinpath(_FOLDER)
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if not entry.name.endswith(".json"):
            continue
        source = f"checklists/template/{_FOLDER}/{entry.name}"
        template = parse_template(entry.read_bytes(), source)
        expected = f"{template.id}.v{template.version}.json"
        if entry.name != expected:
            problem = Problem.labelled("", "template.file_name", {"expected": expected})
            raise TemplateInvalid([problem], source)
        key = (template.id, template.version)
        if key in loaded:
            problem = Problem.labelled("", "template.same_id", {"other": loaded[key]})
            raise TemplateInvalid([problem], source)
        loaded[key] = source
        templates.append(template)
    return tuple(sorted(templates, key=lambda t: (t.id, t.version)))
