"""Who may change what: the one check every incoming copy of a record passes before it merges.

`authorize(held, incoming, template, actor)` lists every register and event of the incoming
copy that would win against the copy already held and that the acting person may not write
(someone else's assessment, a decision, a lock, a reopen, the conclusion, the header, the
delegation...), with a reason. The central endpoint refuses a push with any refusal; the store
and the app use it too. `trusted(record)` is the defence behind it: scoring and the lifecycle
ignore (and flag) registers whose author lacks the role, so a forged copy that was merged
anyway still cannot change a score or a status.

Who may write what (`L` the leader or an acting deputy, `M` any current member, `O` the
central office):

    header, members, assignments, leadership     L, O   (leadership: the leader in office, O)
    decisions, conclusion, lock/deliver/reopen   L
    conclusion versions (save, lock, unlock)     L
    documents (the Documents form)               L
    assessments                                  M, only their own
    photos                                       M their own; L anyone's
    self-scores, representatives, other moves    M
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from checklists.errors import RecordConflict, RecordMismatch, Refusal
from checklists.record.integrity import check_record
from checklists.record.lifecycle import needs_leader
from checklists.record.merge import merge
from checklists.record.model import Inspection
from checklists.record.registers import FIELD_KINDS, registers
from checklists.template.model import Template

__all__ = ["Actor", "Admitted", "admit", "authorize", "trusted", "Trusted"]

_LEADER_OR_OFFICE = ("header", "members", "assignments")
_LEADER_ONLY = ("decisions", "conclusion", "documents")


@dataclass(frozen=True)
class Actor:
    """Who sends a copy: a delegation member's id, or a central-office user (`office=True`)."""

    id: str
    office: bool = False


@dataclass(frozen=True)
class Admitted:
    """The outcome of `admit`: the refusals ([] = accept) and, once the copies merged, the
    merge of the held copy with the incoming one (the incoming copy itself when none is held)."""

    refusals: list[Refusal]
    merged: Inspection | None


def authorize(
    held: Inspection | None, incoming: Inspection, template: Template | None, actor: Actor
) -> list[Refusal]:
    """Every change in `incoming` that `actor` may not make, with its reason ([] = accept).

    Structural problems, a different record, or a rewritten event refuse the copy too.
    """
    return admit(held, incoming, template, actor).refusals


def admit(
    held: Inspection | None, incoming: Inspection, template: Template | None, actor: Actor
) -> Admitted:
    """`authorize`, also handing back the merge it checked, so a caller that stores the merge
    (the central endpoint) does not merge the two copies a second time."""
    refusals = check_record(incoming, template)
    try:
        merged = incoming if held is None else merge(held, incoming)
    except RecordMismatch as exc:
        return Admitted([*refusals, Refusal("", "auth.other_record", {"detail": str(exc)})], None)
    except RecordConflict as exc:
        return Admitted([*refusals, Refusal("", "auth.immutable", {"detail": str(exc)})], None)
    return Admitted(_refusals(held, incoming, merged, actor, refusals), merged)


def _refusals(
    held: Inspection | None,
    incoming: Inspection,
    merged: Inspection,
    actor: Actor,
    refusals: list[Refusal],
) -> list[Refusal]:
    if held is None and not actor.office and actor.id != incoming.leader_id:
        refusals.append(Refusal("leader_id", "auth.leader_or_office", {}))
    members = set(merged.active_members())
    if not actor.office and actor.id not in members:
        if held is None or merged != held:
            refusals.append(Refusal("", "auth.not_member", {"actor": actor.id}))
        return refusals
    for path, register, before in _winning(held, incoming):
        leaders = frozenset() if actor.office else merged.leader_ids(at=register.counter)
        reason = _register_reason(path, register, before, actor, leaders)
        if reason:
            refusals.append(
                Refusal(path, reason, {"actor": actor.id, "author": register.author_id})
            )
    for path, event in _new_events(held, incoming):
        leaders = frozenset() if actor.office else merged.leader_ids(at=event.counter)
        reason = _event_reason(path, event, actor, leaders, merged)
        if reason:
            refusals.append(Refusal(path, reason, {"actor": actor.id, "author": event.author_id}))
    return refusals


def _winning(held: Inspection | None, incoming: Inspection) -> Iterator[tuple[str, Any, Any]]:
    """(path, incoming register, held register or None) for each register that would change."""
    mine = dict(registers(held)) if held is not None else {}
    for path, register in registers(incoming):
        before = mine.get(path)
        if before is None or (register != before and register.counter >= before.counter):
            yield path, register, before


def _new_events(held: Inspection | None, incoming: Inspection) -> Iterator[tuple[str, Any]]:
    """(path, event) for each lifecycle/leadership event and history line not held, or grown."""
    for field in (f for f, kind in FIELD_KINDS.items() if kind in ("events", "log")):
        known = {e.id: e for e in getattr(held, field)} if held is not None else {}
        for event in getattr(incoming, field):
            if known.get(event.id) != event:
                yield f"{field}/{event.id}", event


def _register_reason(
    path: str, register: Any, before: Any, actor: Actor, leaders: frozenset[str]
) -> str:
    field = path.split("/", 1)[0]
    if register.author_id != actor.id:
        return "auth.other_author"
    if field in _LEADER_OR_OFFICE:
        return "" if actor.office or actor.id in leaders else "auth.leader_or_office"
    if actor.office:
        return "" if field == "representatives" else "auth.members_only"
    if field in _LEADER_ONLY:
        return "" if actor.id in leaders else "auth.leaders_only"
    if field == "photos" and before is not None and before.author_id != actor.id:
        return "" if actor.id in leaders else "auth.others_photo"
    return ""


def _event_reason(
    path: str, event: Any, actor: Actor, leaders: frozenset[str], merged: Inspection
) -> str:
    field = path.split("/", 1)[0]
    if event.author_id != actor.id:
        return "auth.other_author"
    if field == "leadership":
        if event.office:
            return "" if actor.office else "auth.office_only"
        ignored = {e.id for e in merged.leadership_state().ignored}
        return "auth.leader_or_office" if event.id in ignored else ""
    if field == "conclusion_versions":
        return "" if actor.id in leaders else "auth.leaders_only"
    if field == "lifecycle":
        if actor.office:
            return "auth.leaders_only"
        return "auth.leaders_only" if needs_leader(event) and actor.id not in leaders else ""
    return ""


@dataclass(frozen=True)
class Trusted:
    """A record with the registers its authors could not write taken out, and why each was."""

    record: Inspection
    ignored: tuple[Refusal, ...]


def trusted(record: Inspection) -> Trusted:
    """The record as scoring and the lifecycle should see it: withdrawn assessments and detached
    photos are left out; assessments by non-members or filed under another author are taken out
    and listed; decisions by non-leaders, lock, reopen and delivery moves by non-leaders, and
    leadership changes by anyone but the leader in office are listed too (`decision()` and the
    lifecycle and leadership replays already skip them)."""
    members = set(record.active_members())
    leadership = record.leadership_state()
    ignored: list[Refusal] = []
    assessments = {}
    for c, by_author in record.assessments.items():
        kept = {}
        for author, a in by_author.items():
            if a.removed:
                continue
            why = (
                "reason.key_mismatch"
                if a.author_id != author
                else ""
                if author in members
                else "reason.not_member"
            )
            if why:
                ignored.append(
                    Refusal(
                        f"assessments/{c}/{author}",
                        "untrusted.assessment",
                        {"author": a.author_id, "criterion": c, "reason": why},
                    )
                )
            else:
                kept[author] = a
        if kept:
            assessments[c] = kept
    for c, decided in record.decisions.items():
        for author, d in decided.items():
            if d.removed or (d.author_id == author and author in record.leader_ids(at=d.counter)):
                continue
            ignored.append(
                Refusal(
                    f"decisions/{c}/{author}",
                    "untrusted.decision",
                    {"criterion": c, "reason": "reason.not_leader"},
                )
            )
    for event in record.lifecycle:
        if needs_leader(event) and event.author_id not in record.leader_ids(at=event.counter):
            ignored.append(
                Refusal(
                    f"lifecycle/{event.id}",
                    "untrusted.event",
                    {
                        "status": f"lifecycle.{event.status.value}",
                        "author": event.author_id,
                        "reason": "reason.not_leader",
                    },
                )
            )
    for version in record.conclusion_versions:
        if version.author_id not in record.leader_ids(at=version.counter):
            ignored.append(
                Refusal(
                    f"conclusion_versions/{version.id}",
                    "untrusted.version",
                    {"author": version.author_id, "reason": "reason.not_leader"},
                )
            )
    for moved in leadership.ignored:
        ignored.append(
            Refusal(
                f"leadership/{moved.id}",
                "untrusted.leadership",
                {"author": moved.author_id, "reason": "reason.not_leader"},
            )
        )
    photos = {k: p for k, p in record.photos.items() if not p.removed}
    clean = record.model_copy(update={"assessments": assessments, "photos": photos})
    return Trusted(record=clean, ignored=tuple(ignored))
