"""The record's lifecycle: its statuses, the moves between them, and their replay into a status."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Set
from enum import StrEnum
from typing import Annotated

from pydantic import Field

from checklists.record.canonical import Counter, Id, RecordModel, ShortText
from checklists.text.labels import label

__all__ = [
    "Lifecycle",
    "LIFECYCLE_LABELS",
    "LIFECYCLE_RANK",
    "LifecycleEvent",
    "needs_leader",
    "Leaders",
    "trusted_event",
    "replay",
]


class Lifecycle(StrEnum):
    """Where the record is in its life: draft -> in progress -> completed -> locked -> delivered."""

    DRAFT = "draft"
    IN_PROGRESS = "in_progress"
    COMPLETED = "completed"
    LOCKED = "locked"
    DELIVERED = "delivered"


LIFECYCLE_LABELS: dict[Lifecycle, tuple[str, str]] = {
    s: (label(f"lifecycle.{s.value}", "vi"), label(f"lifecycle.{s.value}", "en")) for s in Lifecycle
}
"""(Vietnamese, English) per status, from `checklists.text.labels`."""

LIFECYCLE_RANK = {s: i for i, s in enumerate(Lifecycle)}
_CLOSED = LIFECYCLE_RANK[Lifecycle.LOCKED]


class LifecycleEvent(RecordModel):
    """A move of the record to a lifecycle status (a reopen is a move back, with a reason)."""

    id: Id
    status: Lifecycle
    author_id: Id
    counter: Counter
    reason: ShortText = ""
    reopen: bool = False
    """A deliberate move back (by a leader, with a reason)."""
    base: Annotated[str, Field(max_length=64)] = ""
    """The id of the event that had set the status this move was made from ("" for none).

    A reopen undoes a lock (or delivery) only if it was made from that very lock: a tablet that
    had not yet seen the lock cannot undo it, whatever its counter.
    """
    sealed: Annotated[str, Field(pattern=r"^([0-9a-f]{64})?$")] = ""
    """For a lock or delivery: the hash of what was locked (`Inspection.sealed_hash`), so edits
    merged in later from a tablet that had not seen the lock can be shown to the leader."""


def needs_leader(event: LifecycleEvent) -> bool:
    """True for a move only the leader may make: lock, deliver, or any reopen."""
    return event.reopen or event.status in (Lifecycle.LOCKED, Lifecycle.DELIVERED)


Leaders = Callable[[int], Set[str]]
"""The leaders in force when the edit with that counter was made."""


def trusted_event(event: LifecycleEvent, leaders: Leaders, members: Set[str]) -> bool:
    """True when the event's author may make that move (a member; the leader for leader moves)."""
    in_office = leaders(event.counter)
    if needs_leader(event):
        return event.author_id in in_office
    return event.author_id in members or event.author_id in in_office


def replay(
    events: Iterable[LifecycleEvent],
    *,
    leaders: Leaders | None = None,
    members: Set[str] | None = None,
) -> tuple[Lifecycle, LifecycleEvent | None]:
    """The status the events lead to, and the event that set it; a function of the event set.

    With `leaders` and `members` given, moves whose author lacks the role are skipped (a forged
    lock or reopen never changes the status, even where it was merged).

    Moves are replayed in (counter, rank, id) order, never by clock. Once the record is locked or
    delivered, a move back applies only if it is a reopen whose `base` is the event that set the
    current status; any other move back (a stale one from a tablet that had not seen the lock)
    is skipped.
    """
    status, current = Lifecycle.DRAFT, None
    ordered = sorted(events, key=lambda e: (e.counter, LIFECYCLE_RANK[e.status], e.id))
    for event in ordered:
        if leaders is not None and not trusted_event(event, leaders, members or set()):
            continue
        moves_back = LIFECYCLE_RANK[event.status] < LIFECYCLE_RANK[status]
        if LIFECYCLE_RANK[status] >= _CLOSED and moves_back:
            seen_the_lock = current is not None and event.base == current.id
            if not (event.reopen and seen_the_lock):
                continue
        status, current = event.status, event
    return status, current
