"""The shape of a record as merge sees it: which fields are identity, registers or event sets.

One table (`FIELD_KINDS`) names every field of `Inspection`; merge, the clock, the authority
check and the integrity check all walk the record through it, and a meta-test checks that the
table covers every field, so a new field cannot be silently dropped by any of them.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, Literal

from checklists.record.model import ConclusionPart, Inspection

__all__ = [
    "FieldKind",
    "FIELD_KINDS",
    "IDENTITY_FIELDS",
    "KEY_FIELDS",
    "key_matches",
    "registers",
    "with_register",
    "entries",
    "clock",
]

FieldKind = Literal["identity", "register", "map", "nested_map", "events", "log"]

FIELD_KINDS: dict[str, FieldKind] = {
    "schema_version": "identity",
    "id": "identity",
    "template_id": "identity",
    "template_version": "identity",
    "template_hash": "identity",
    "leader_id": "identity",
    "header": "register",
    "leadership": "events",
    "members": "map",
    "representatives": "map",
    "assignments": "map",
    "assessments": "nested_map",
    "photos": "map",
    "self_scores": "map",
    "decisions": "nested_map",
    "conclusion": "map",
    "conclusion_versions": "events",
    "documents": "register",
    "lifecycle": "events",
    "log": "log",
}
IDENTITY_FIELDS = tuple(f for f, kind in FIELD_KINDS.items() if kind == "identity")
KEY_FIELDS: dict[str, tuple[str, ...]] = {
    "members": ("id",),
    "representatives": ("id",),
    "assignments": ("member_id",),
    "assessments": ("criterion_id", "author_id"),
    "photos": ("id",),
    "self_scores": ("criterion_id",),
    "decisions": ("criterion_id", "author_id"),
    "conclusion": (),
}
"""Per map field, the fields of a register its key (or keys, outer first) must equal."""


def key_matches(field: str, keys: tuple[str, ...], register: Any) -> bool:
    """True when the register sits under the keys its own ids say (not filed under another)."""
    return all(getattr(register, f) == k for f, k in zip(KEY_FIELDS[field], keys, strict=False))


def registers(inspection: Inspection) -> Iterator[tuple[str, Any]]:
    """Every last-writer-wins register of the record with its path ("members/<id>", ...)."""
    for field, kind in FIELD_KINDS.items():
        value = getattr(inspection, field)
        if kind == "register":
            if value is not None:  # an optional register not written yet
                yield field, value
        elif kind == "map":
            for key, register in value.items():
                yield f"{field}/{key}", register
        elif kind == "nested_map":
            for outer, inner in value.items():
                for key, register in inner.items():
                    yield f"{field}/{outer}/{key}", register


def entries(inspection: Inspection) -> Iterator[tuple[str, Any]]:
    """Every immutable event and history line of the record with its path ("lifecycle/<id>")."""
    for field, kind in FIELD_KINDS.items():
        if kind in ("events", "log"):
            for entry in getattr(inspection, field):
                yield f"{field}/{entry.id}", entry


def clock(inspection: Inspection) -> int:
    """The highest edit counter anywhere in the record (0 for none); the next edit uses one more."""
    counters = [r.counter for _, r in registers(inspection)]
    counters.extend(e.counter for _, e in entries(inspection))
    return max(counters, default=0)


def with_register(inspection: Inspection, path: str, register: Any) -> Inspection:
    """The record with `register` put at `path` ("header", "members/<id>", "decisions/<c>/<a>")."""
    field, *keys = path.split("/")
    value = getattr(inspection, field)
    if not keys:
        new = register
    elif len(keys) == 1:
        key = ConclusionPart(keys[0]) if field == "conclusion" else keys[0]
        new = {**value, key: register}
    else:
        outer, inner = keys
        new = {**value, outer: {**value.get(outer, {}), inner: register}}
    return inspection.model_copy(update={field: new})
