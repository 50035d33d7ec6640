"""Merging two copies of one inspection: a join that is commutative, associative and idempotent.

Per key, the register with the larger (counter, content) wins; content is compared first without
the device-clock fields (`taken_at`, `at`) so a tablet's wall clock never decides which edit wins.
Lifecycle events and log entries are sets, united by id. The result is normalised: dicts in sorted
key order, events and log entries sorted by (counter, id), so equal merges hash equally.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any, Protocol, TypeVar

from checklists.errors import RecordMismatch
from checklists.record import Inspection, canonical_json

__all__ = ["merge", "normalize"]


class _Register(Protocol):
    @property
    def counter(self) -> int: ...

    def model_dump(self, *, mode: str) -> dict[str, Any]: ...


class _Entry(_Register, Protocol):
    @property
    def id(self) -> str: ...


R = TypeVar("R", bound=_Register)
K = TypeVar("K", bound=str)
E = TypeVar("E", bound=_Entry)

_DEVICE_CLOCK_FIELDS = {"taken_at", "at"}
_IDENTITY = (
    ("id", "mã biên bản"),
    ("template_id", "mẫu phiếu"),
    ("template_version", "phiên bản mẫu phiếu"),
    ("template_hash", "nội dung mẫu phiếu"),
)


def merge(a: Inspection, b: Inspection) -> Inspection:
    """Join two copies of the same inspection; RecordMismatch if they are not the same one."""
    for field, label in _IDENTITY:
        left, right = getattr(a, field), getattr(b, field)
        if left != right:
            raise RecordMismatch(
                f"Không thể gộp: hai bản không cùng một biên bản (khác {label}: "
                f"{left} ≠ {right})."
            )
    return _join(a, b)


def normalize(inspection: Inspection) -> Inspection:
    """The record in merge-normal form: `merge(a, a) == normalize(a)`; normalising is idempotent."""
    return _join(inspection, inspection)


def _join(a: Inspection, b: Inspection) -> Inspection:
    criteria = sorted(a.assessments.keys() | b.assessments.keys())
    assessments = {
        c: joined
        for c in criteria
        if (joined := _join_map(a.assessments.get(c, {}), b.assessments.get(c, {})))
    }
    return a.model_copy(update={
        "schema_version": max(a.schema_version, b.schema_version),
        "header": _pick(a.header, b.header),
        "members": _join_map(a.members, b.members),
        "representatives": _join_map(a.representatives, b.representatives),
        "assignments": _join_map(a.assignments, b.assignments),
        "assessments": assessments,
        "photos": _join_map(a.photos, b.photos),
        "self_scores": _join_map(a.self_scores, b.self_scores),
        "decisions": _join_map(a.decisions, b.decisions),
        "conclusion": _join_map(a.conclusion, b.conclusion),
        "lifecycle": _join_set(a.lifecycle, b.lifecycle),
        "log": _join_set(a.log, b.log),
    })


def _join_map(a: Mapping[K, R], b: Mapping[K, R]) -> dict[K, R]:
    joined: dict[K, R] = {}
    for key in sorted(a.keys() | b.keys()):
        if key not in b:
            joined[key] = a[key]
        elif key not in a:
            joined[key] = b[key]
        else:
            joined[key] = _pick(a[key], b[key])
    return joined


def _join_set(a: Iterable[E], b: Iterable[E]) -> tuple[E, ...]:
    by_id: dict[str, E] = {}
    for item in (*a, *b):
        seen = by_id.get(item.id)
        if seen is not None:
            item = _pick(seen, item)
        by_id[item.id] = item
    return tuple(sorted(by_id.values(), key=lambda e: (e.counter, e.id)))


def _pick(x: R, y: R) -> R:
    """The winning register: higher counter, then larger content, device clocks compared last."""
    if x is y or x == y:
        return x
    if x.counter != y.counter:
        return x if x.counter > y.counter else y
    return x if _content_key(x) >= _content_key(y) else y


def _content_key(register: _Register) -> tuple[str, str]:
    data = register.model_dump(mode="json")
    clockless = {k: v for k, v in data.items() if k not in _DEVICE_CLOCK_FIELDS}
    return canonical_json(clockless), canonical_json(data)
