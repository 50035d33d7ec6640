"""Merging two copies of one inspection: a join that is commutative, associative and idempotent.

Per key, the register with the larger (counter, content) wins; content is compared first without
the device-clock fields (`taken_at`, `at`) so a tablet's wall clock never decides which edit wins.
Removals are registers too (tombstones), so they merge like edits. Lifecycle and leadership
events are immutable sets united by id: two different contents under one id raise
`RecordConflict`, never a silent winner. History lines grow only at their end (a coalesced run
of edits), so they join by keeping the longer run of the same line. The result is normalised:
dicts in sorted key order, events sorted by (counter, id), so equal merges hash equally.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any, Protocol, TypeVar

from checklists.errors import RecordConflict, RecordMismatch
from checklists.record.canonical import canonical_json
from checklists.record.model import Inspection, LogEntry
from checklists.record.registers import FIELD_KINDS, IDENTITY_FIELDS, key_matches, registers

__all__ = ["merge", "normalize", "clashes"]


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
_LOG_GROWS = {"counter", "edits", "at"}
"""The fields of a history line that a coalesced edit extends; the rest never change."""


def merge(a: Inspection, b: Inspection) -> Inspection:
    """Join two copies of the same inspection.

    RecordMismatch if they are not the same one; RecordConflict if an immutable event differs.
    """
    for field in IDENTITY_FIELDS:
        left, right = getattr(a, field), getattr(b, field)
        if left != right:
            raise RecordMismatch(
                f"Không thể gộp: hai bản không cùng một biên bản (khác {field}: {left} ≠ {right})."
            )
    return _join(a, b)


def normalize(inspection: Inspection) -> Inspection:
    """The record in merge-normal form: `merge(a, a) == normalize(a)`; normalising is idempotent."""
    return _join(inspection, inspection)


def clashes(a: Inspection, b: Inspection) -> list[str]:
    """Paths where both copies hold a register with the same author and counter but different
    content: two edits made from one stale copy. The store refuses such a save (`StaleEdit`)
    rather than let the content tie-break silently drop one of them."""
    theirs = dict(registers(b))
    found = []
    for path, mine in registers(a):
        other = theirs.get(path)
        if (
            other is not None
            and other.counter == mine.counter
            and other.author_id == mine.author_id
            and other != mine
        ):
            found.append(path)
    return found


def _join(a: Inspection, b: Inspection) -> Inspection:
    update: dict[str, Any] = {}
    for field, kind in FIELD_KINDS.items():
        left, right = getattr(a, field), getattr(b, field)
        if kind == "register":
            update[field] = right if left is None else left if right is None else _pick(left, right)
        elif kind == "map":
            update[field] = _join_map(_filed(field, left), _filed(field, right))
        elif kind == "nested_map":
            update[field] = {
                key: joined
                for key in sorted(left.keys() | right.keys())
                if (
                    joined := _join_map(
                        _filed(field, left.get(key, {}), key),
                        _filed(field, right.get(key, {}), key),
                    )
                )
            }
        elif kind == "events":
            update[field] = _join_set(left, right, _same_event)
        elif kind == "log":
            update[field] = _join_set(left, right, _longer_run)
    return a.model_copy(update=update)


def _filed(field: str, registers: Mapping[K, R], *outer: str) -> Mapping[K, R]:
    """The registers filed under their own ids: one filed under another key (a forged or broken
    copy) never takes a real one's place; `checklists.record.integrity` reports it."""
    if all(key_matches(field, (*outer, k), r) for k, r in registers.items()):
        return registers
    return {k: r for k, r in registers.items() if key_matches(field, (*outer, k), r)}


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


def _join_set(a: Iterable[E], b: Iterable[E], same: Any) -> tuple[E, ...]:
    by_id: dict[str, E] = {}
    for item in (*a, *b):
        seen = by_id.get(item.id)
        by_id[item.id] = item if seen is None else same(seen, item)
    return tuple(sorted(by_id.values(), key=lambda e: (e.counter, e.id)))


def _same_event(x: E, y: E) -> E:
    """One immutable event seen twice: it must be the same, or the copies conflict."""
    if x == y:
        return x
    raise RecordConflict(
        f"Hai bản ghi khác nhau cùng mã sự kiện “{x.id}”: sự kiện đã ghi không được sửa."
    )


def _longer_run(x: LogEntry, y: LogEntry) -> LogEntry:
    """One history line seen twice: the same line extended further wins; anything else differing
    is a rewrite and conflicts."""
    if x == y:
        return x
    fixed_x = x.model_dump(mode="json", exclude=_LOG_GROWS)
    if fixed_x != y.model_dump(mode="json", exclude=_LOG_GROWS):
        _same_event(x, y)
    return _pick(x, y)


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
