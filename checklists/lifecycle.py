"""The record's lifecycle: its statuses, the moves between them, and their replay into a status."""

from __future__ import annotations

from collections.abc import Iterable
from enum import StrEnum

from checklists.canonical import Counter, RecordModel, ShortText

__all__ = ["Lifecycle", "LIFECYCLE_LABELS", "LIFECYCLE_RANK", "LifecycleEvent", "replay"]


class Lifecycle(StrEnum):
    """Where the record is in its life: draft -> in progress -> completed -> locked -> delivered."""

    DRAFT = "draft"
    IN_PROGRESS = "in_progress"
    COMPLETED = "completed"
    LOCKED = "locked"
    DELIVERED = "delivered"


LIFECYCLE_LABELS: dict[Lifecycle, tuple[str, str]] = {
    Lifecycle.DRAFT: ("Bản nháp", "Draft"),
    Lifecycle.IN_PROGRESS: ("Đang kiểm tra", "In progress"),
    Lifecycle.COMPLETED: ("Đã chấm xong", "Completed"),
    Lifecycle.LOCKED: ("Đã khóa", "Locked"),
    Lifecycle.DELIVERED: ("Đã gửi về trung tâm", "Delivered"),
}
LIFECYCLE_RANK = {s: i for i, s in enumerate(Lifecycle)}
_CLOSED = LIFECYCLE_RANK[Lifecycle.LOCKED]


class LifecycleEvent(RecordModel):
    """A move of the record to a lifecycle status (a reopen is a move back, with a reason)."""

    id: str
    status: Lifecycle
    author_id: str
    counter: Counter
    reason: ShortText = ""
    reopen: bool = False
    """A deliberate move back (by a leader, with a reason)."""
    base: str = ""
    """The id of the event that had set the status this move was made from ("" for none).

    A reopen undoes a lock (or delivery) only if it was made from that very lock: a tablet that
    had not yet seen the lock cannot undo it, whatever its counter.
    """
    sealed: str = ""
    """For a lock or delivery: the hash of what was locked (`Inspection.sealed_hash`), so edits
    merged in later from a tablet that had not seen the lock can be shown to the leader."""


def replay(events: Iterable[LifecycleEvent]) -> tuple[Lifecycle, LifecycleEvent | None]:
    """The status the events lead to, and the event that set it; a function of the event set.

    Moves are replayed in (counter, rank, id) order, never by clock. Once the record is locked or
    delivered, a move back applies only if it is a reopen whose `base` is the event that set the
    current status; any other move back (a stale one from a tablet that had not seen the lock)
    is skipped.
    """
    status, current = Lifecycle.DRAFT, None
    ordered = sorted(events, key=lambda e: (e.counter, LIFECYCLE_RANK[e.status], e.id))
    for event in ordered:
        moves_back = LIFECYCLE_RANK[event.status] < LIFECYCLE_RANK[status]
        if LIFECYCLE_RANK[status] >= _CLOSED and moves_back:
            seen_the_lock = current is not None and event.base == current.id
            if not (event.reopen and seen_the_lock):
                continue
        status, current = event.status, event
    return status, current
