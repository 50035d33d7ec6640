"""Who leads a visit: the leader named at creation, then leadership events replayed by counter."""

from __future__ import annotations

from collections.abc import Iterable, Set
from typing import Annotated

from pydantic import Field

from checklists.record.canonical import Counter, Id, RecordModel

__all__ = ["LeaderEvent", "Leadership", "resolve_leadership"]


class LeaderEvent(RecordModel):
    """A change of who leads the visit: a new leader and the deputies who act as leader.

    Immutable once written. It applies only if written by the leader in office at that point, or
    by the central office (`office=True`, which only the server accepts: see `authority`).
    """

    id: Id
    leader_id: Id
    acting_deputies: Annotated[tuple[Id, ...], Field(max_length=20)] = ()
    author_id: Id
    counter: Counter
    office: bool = False


class Leadership(RecordModel):
    """The leader and acting deputies in force, and the leadership events that were ignored."""

    leader_id: str
    acting_deputies: frozenset[str] = frozenset()
    ignored: tuple[LeaderEvent, ...] = ()

    def leaders(self) -> frozenset[str]:
        """Who may act as the leader: the leader and the deputies the record says act for them."""
        return self.acting_deputies | {self.leader_id}


def resolve_leadership(
    leader_id: str, events: Iterable[LeaderEvent], members: Set[str], *, before: int | None = None
) -> Leadership:
    """The leadership in force: start from `leader_id`, apply each event written by the leader
    in office at that point (or by the office), in (counter, id) order; ignore (and list) the rest.

    Acting deputies must be current members; a removed member no longer acts. With `before`,
    only events with a lower counter count: the leadership in force when that edit was made.
    """
    leader, deputies = leader_id, frozenset[str]()
    ignored: list[LeaderEvent] = []
    for event in sorted(events, key=lambda e: (e.counter, e.id)):
        if before is not None and event.counter >= before:
            break
        if not (event.office or event.author_id == leader):
            ignored.append(event)
            continue
        leader, deputies = event.leader_id, frozenset(event.acting_deputies)
    return Leadership(
        leader_id=leader,
        acting_deputies=frozenset(d for d in deputies if d in members and d != leader),
        ignored=tuple(ignored),
    )
