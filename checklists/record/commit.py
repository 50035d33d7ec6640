"""The one path every record edit takes: begin (checks, counter), put, commit to history.

Each edit module (`editing`, `roster`, `photos`) builds its register and calls these, so the
rules - is the record open, may this author make the edit, which counter, one history line per
run of edits - live in one place.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from enum import Enum
from typing import Any, Final, TypeVar

from checklists.errors import EditRefused, RecordLocked
from checklists.record.lifecycle import Lifecycle, LifecycleEvent
from checklists.record.model import (
    Inspection,
    LogEntry,
    Register,
    new_id,
)
from checklists.record.registers import clock, with_register

__all__ = [
    "Unset",
    "UNSET",
    "CLOSED",
    "begin",
    "require_member",
    "put",
    "restamp",
    "commit",
    "move",
    "plain_fields",
]


class Unset(Enum):
    """The type of `UNSET`."""

    UNSET = "unset"


UNSET: Final = Unset.UNSET
"""Marks an argument not given: that part of the register is left as it is."""

CLOSED = frozenset({Lifecycle.LOCKED, Lifecycle.DELIVERED})
"""Statuses in which a record refuses edits until the leader reopens it."""


def plain_fields(given: Any) -> dict[str, Any]:
    """Plain fields of a model or mapping, without authorship (the edit stamps its own)."""
    data = given.model_dump() if hasattr(given, "model_dump") else dict(given)
    return {k: v for k, v in data.items() if k not in ("author_id", "counter", "removed")}


def begin(
    inspection: Inspection, author_id: str, *, leaders_only: str = "", strict: bool = False
) -> int:
    """Check the record is open and the author may make the edit; return the edit's counter.

    `strict` means the leader in office only (not an acting deputy).
    """
    status = inspection.status()
    if status in CLOSED:
        raise RecordLocked("edit.locked", {"status": f"state.{status.value}"})
    require_member(inspection, author_id)
    if leaders_only:
        allowed = {inspection.leadership_state().leader_id} if strict else inspection.leader_ids()
        if author_id not in allowed:
            raise EditRefused("edit.leaders_only", {"what": leaders_only})
    return clock(inspection) + 1


def require_member(inspection: Inspection, author_id: str) -> None:
    if author_id not in inspection.active_members():
        raise EditRefused("edit.not_member", {"author": author_id})


def put(
    inspection: Inspection,
    path: str,
    register: Any,
    code: str,
    params: Mapping[str, str],
    now: datetime | None,
) -> Inspection:
    """Put one register at its path (`registers.with_register`) and record it in the history."""
    return commit(with_register(inspection, path, register), {}, register, path, code, params, now)


_R = TypeVar("_R", bound=Register)


def restamp(held: _R, author_id: str, counter: int, **changes: Any) -> _R:
    """A held register changed as given and stamped with this edit's author and counter."""
    fields = {**held.model_dump(), **changes, "author_id": author_id, "counter": counter}
    return type(held)(**fields)


def commit(
    inspection: Inspection,
    update: Mapping[str, Any],
    register: Any,
    target: str,
    code: str,
    params: Mapping[str, str],
    now: datetime | None,
) -> Inspection:
    """Apply the update and record it in the history: a consecutive edit of the same register by
    the same author extends the last history line instead of adding one."""
    author, counter = register.author_id, register.counter
    log = list(inspection.log)
    last = max(log, key=lambda e: (e.counter, e.id), default=None)
    if (
        last is not None
        and last.author_id == author
        and last.target == target
        and last.code == code
        and last.counter == counter - 1
    ):
        # Validated (not model_copy), so a naive device time is stored in UTC like any other.
        log[log.index(last)] = LogEntry(
            **{**last.model_dump(), "counter": counter, "at": now, "edits": last.edits + 1}
        )
    else:
        log.append(
            LogEntry(
                id=new_id(),
                author_id=author,
                code=code,
                target=target,
                params={k: v[:500] for k, v in params.items()},
                first_counter=counter,
                counter=counter,
                first_at=now,
                at=now,
            )
        )
    return inspection.model_copy(update={**update, "log": tuple(log)})


def move(
    inspection: Inspection,
    author_id: str,
    status: Lifecycle,
    reason: str,
    now: datetime | None,
    *,
    reopen: bool = False,
) -> Inspection:
    counter = clock(inspection) + 1
    current = inspection.current_event()
    event = LifecycleEvent(
        id=new_id(),
        status=status,
        author_id=author_id,
        counter=counter,
        reason=reason,
        reopen=reopen,
        base=current.id if current is not None else "",
        sealed=inspection.sealed_hash() if status in CLOSED else "",
    )
    code = "log.reopen" if reopen else "log.lifecycle"
    update = {"lifecycle": (*inspection.lifecycle, event)}
    params = {"status": f"lifecycle.{status.value}"}
    return commit(inspection, update, event, f"lifecycle/{counter}", code, params, now)
