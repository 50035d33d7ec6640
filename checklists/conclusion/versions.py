"""Versions of the conclusion: deliberate saves, the lock and unlocks, each an immutable event.

The leader edits the three blocks freely (`checklists.record.editing.write_conclusion`); a
"save version" keeps the text as it stands, with who and when, and a lock does the same and
stops further edits until an unlock with a reason. Every step goes through the one edit path
(`checklists.record.commit`): the record must be open and the author the leader (or an acting
deputy). Diffs between versions are computed when asked (difflib), never stored.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from datetime import datetime

from checklists.errors import EditRefused
from checklists.record.commit import begin, commit
from checklists.record.model import (
    ConclusionPart,
    ConclusionVersion,
    Inspection,
    VersionKind,
    new_id,
)

__all__ = [
    "NumberedVersion",
    "save_version",
    "lock_conclusion",
    "unlock_conclusion",
    "versions",
    "version_diff",
]

_LOG_CODES = {
    VersionKind.SAVE: "log.version_save",
    VersionKind.LOCK: "log.version_lock",
    VersionKind.UNLOCK: "log.version_unlock",
}


@dataclass(frozen=True)
class NumberedVersion:
    """A version with its number (1 for the oldest) as people see it in the list."""

    number: int
    version: ConclusionVersion

    def text(self) -> str:
        """The three blocks as one text, each under its heading, for reading and diffing."""
        return "\n".join(
            f"[{part.value}]\n{self.version.texts.get(part, '')}" for part in ConclusionPart
        )


def _current_texts(inspection: Inspection) -> dict[ConclusionPart, str]:
    return {
        part: block.text
        for part, block in inspection.conclusion.items()
        if not block.removed and block.text
    }


def _add(
    inspection: Inspection,
    author_id: str,
    kind: VersionKind,
    reason: str,
    now: datetime | None,
) -> Inspection:
    counter = begin(inspection, author_id, leaders_only="what.conclusion_version")
    locked = inspection.conclusion_lock() is not None
    if kind is VersionKind.UNLOCK and not locked:
        raise EditRefused("edit.conclusion_unlocked")
    if kind is not VersionKind.UNLOCK and locked:
        raise EditRefused("edit.conclusion_locked")
    if kind is VersionKind.UNLOCK and not reason.strip():
        raise EditRefused("edit.reason_required", {"what": "what.unlock_reason"})
    version = ConclusionVersion(
        id=new_id(),
        kind=kind,
        author_id=author_id,
        counter=counter,
        texts=_current_texts(inspection),
        reason=reason,
        at=now,
    )
    number = str(len(inspection.conclusion_history()) + 1)
    update = {"conclusion_versions": (*inspection.conclusion_versions, version)}
    target = f"conclusion_versions/{version.id}"
    return commit(inspection, update, version, target, _LOG_CODES[kind], {"number": number}, now)


def save_version(
    inspection: Inspection, *, author_id: str, now: datetime | None = None
) -> Inspection:
    """Keep the conclusion as it stands as a new version (who, when); the leader only."""
    return _add(inspection, author_id, VersionKind.SAVE, "", now)


def lock_conclusion(
    inspection: Inspection, *, author_id: str, now: datetime | None = None
) -> Inspection:
    """Keep the conclusion as a version and lock it against edits; the leader only."""
    return _add(inspection, author_id, VersionKind.LOCK, "", now)


def unlock_conclusion(
    inspection: Inspection, *, author_id: str, reason: str, now: datetime | None = None
) -> Inspection:
    """Allow edits of a locked conclusion again, saying why; the leader only."""
    return _add(inspection, author_id, VersionKind.UNLOCK, reason, now)


def versions(inspection: Inspection) -> list[NumberedVersion]:
    """The trusted versions, oldest first, numbered from 1."""
    return [NumberedVersion(n, v) for n, v in enumerate(inspection.conclusion_history(), 1)]


def version_diff(inspection: Inspection, number: int) -> list[str]:
    """Unified diff (difflib) of version `number` against the one before it (against an empty
    text for version 1). IndexError for a number that does not exist."""
    numbered = versions(inspection)
    if not 1 <= number <= len(numbered):
        raise IndexError(number)
    before = numbered[number - 2].text() if number > 1 else ""
    after = numbered[number - 1].text()
    return list(
        difflib.unified_diff(
            before.splitlines(),
            after.splitlines(),
            fromfile=f"v{number - 1}",
            tofile=f"v{number}",
            lineterm="",
        )
    )
