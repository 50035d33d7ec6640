"""Inspection record models: one visit to one unit, scored against one template version.

Every editable piece is a small register carrying an author-local edit `counter`; two copies of a
record merge by keeping, per key, the register with the higher counter (ties broken by content),
so no decision depends on a tablet's wall clock (see `checklists.merge`). Assessments are kept per
author, so two inspectors never overwrite each other. Floats and datetimes use the canonical types
of `checklists.canonical`, so equal records always hash equally.
"""

from __future__ import annotations

import hashlib
import uuid
from datetime import date
from enum import StrEnum
from typing import Annotated

from pydantic import Field

from checklists.canonical import (
    CanonicalFloat,
    Counter,
    Instant,
    RecordModel,
    ShortText,
    canonical_json,
)
from checklists.lifecycle import (
    LIFECYCLE_LABELS,
    LIFECYCLE_RANK,
    Lifecycle,
    LifecycleEvent,
    replay,
)
from checklists.template import Status

__all__ = [
    "Role",
    "Lifecycle",
    "LIFECYCLE_LABELS",
    "LIFECYCLE_RANK",
    "ConclusionPart",
    "Value",
    "Assessment",
    "Decision",
    "Member",
    "Representative",
    "Assignment",
    "SelfScore",
    "Gps",
    "PhotoMeta",
    "ConclusionBlock",
    "Header",
    "LifecycleEvent",
    "LogEntry",
    "Inspection",
    "new_id",
    "canonical_json",
]

Sha256 = Annotated[str, Field(pattern=r"^[0-9a-f]{64}$")]
LongText = Annotated[str, Field(max_length=20_000)]


def new_id() -> str:
    """A fresh UUID4 string, made on the device and never reused."""
    return str(uuid.uuid4())


class Role(StrEnum):
    """A delegation member's role."""

    TRUONG_DOAN = "truong_doan"
    PHO_TRUONG_DOAN = "pho_truong_doan"
    THANH_VIEN = "thanh_vien"
    THU_KY = "thu_ky"


ROLE_LABELS: dict[Role, tuple[str, str]] = {
    Role.TRUONG_DOAN: ("Trưởng đoàn", "Team leader"),
    Role.PHO_TRUONG_DOAN: ("Phó Trưởng đoàn", "Deputy team leader"),
    Role.THANH_VIEN: ("Thành viên", "Member"),
    Role.THU_KY: ("Thư ký", "Secretary"),
}


class ConclusionPart(StrEnum):
    """The three blocks of the leader's conclusion."""

    ACKNOWLEDGEMENTS = "acknowledgements"
    LIMITATIONS = "limitations"
    RECOMMENDATIONS = "recommendations"


class Value(RecordModel):
    """What a criterion was given: points, a status, a yes/no answer, figures, or N/A."""

    not_applicable: bool = False
    score: CanonicalFloat | None = None
    status: Status | None = None
    answer: bool | None = None
    figures: dict[str, CanonicalFloat] = Field(default_factory=dict)

    def value_only(self) -> Value:
        """Just the scoring value, stripped of notes, authorship and counters."""
        return Value(
            not_applicable=self.not_applicable,
            score=self.score,
            status=self.status,
            answer=self.answer,
            figures=dict(self.figures),
        )


class Assessment(Value):
    """One delegation member's latest assessment of one criterion (or bonus/penalty line)."""

    criterion_id: str
    author_id: str
    counter: Counter
    note: LongText = ""
    photos: tuple[Sha256, ...] = ()


class Decision(Value):
    """The team leader's ruling on a criterion where members disagree: a value and a reason."""

    criterion_id: str
    author_id: str
    counter: Counter
    reason: LongText = ""


class Member(RecordModel):
    """A delegation member."""

    id: str
    name: ShortText
    position: ShortText = ""
    body: ShortText = ""
    role: Role = Role.THANH_VIEN
    counter: Counter = 1


class Representative(RecordModel):
    """A representative of the inspected unit attending the visit."""

    id: str
    name: ShortText
    position: ShortText = ""
    counter: Counter = 1


class Assignment(RecordModel):
    """Which sections a member is assigned to score."""

    member_id: str
    section_ids: tuple[str, ...] = ()
    counter: Counter = 1


class SelfScore(RecordModel):
    """The unit's own score (điểm tự chấm) for a criterion, as it reported it."""

    criterion_id: str
    points: CanonicalFloat | None = None
    counter: Counter = 1


class Gps(RecordModel):
    """Where a photo was taken, when the device knew."""

    lat: Annotated[CanonicalFloat, Field(ge=-90, le=90)]
    lon: Annotated[CanonicalFloat, Field(ge=-180, le=180)]
    accuracy_m: CanonicalFloat | None = None


class PhotoMeta(RecordModel):
    """Metadata of one evidence photo; the bytes live outside the record, named by `sha256`."""

    sha256: Sha256
    criterion_id: str
    author_id: str
    taken_at: Instant | None = None
    """Device time when taken, in UTC: shown to people, never used to decide a merge."""
    gps: Gps | None = None
    caption: ShortText = ""
    counter: Counter = 1


class ConclusionBlock(RecordModel):
    """One block of the conclusion (ghi nhận / hạn chế / đề nghị) as last written."""

    text: LongText = ""
    author_id: str
    counter: Counter


class Header(RecordModel):
    """Who inspects whom, when and where."""

    unit_name: ShortText
    unit_parent: ShortText = ""
    inspection_date: date
    place: ShortText = ""
    lead_body: ShortText = ""
    """The body leading the delegation, e.g. "Ban Dân vận Tỉnh ủy Lạng Sơn"."""
    decision_ref: ShortText = ""
    counter: Counter = 1


class LogEntry(RecordModel):
    """One line of the change log. `at` is device time, for people to read only."""

    id: str
    author_id: str
    counter: Counter
    action: ShortText
    detail: ShortText = ""
    at: Instant | None = None
    """Device time of the edit, in UTC (see `checklists.canonical`)."""


class Inspection(RecordModel):
    """One inspection record, as held on a tablet or the server."""

    schema_version: int = 1
    id: str
    template_id: str
    template_version: int
    template_hash: Sha256
    header: Header
    members: dict[str, Member] = Field(default_factory=dict)
    representatives: dict[str, Representative] = Field(default_factory=dict)
    assignments: dict[str, Assignment] = Field(default_factory=dict)
    assessments: dict[str, dict[str, Assessment]] = Field(default_factory=dict)
    """criterion id -> author id -> that author's latest assessment."""
    photos: dict[str, PhotoMeta] = Field(default_factory=dict)
    self_scores: dict[str, SelfScore] = Field(default_factory=dict)
    decisions: dict[str, Decision] = Field(default_factory=dict)
    conclusion: dict[ConclusionPart, ConclusionBlock] = Field(default_factory=dict)
    lifecycle: tuple[LifecycleEvent, ...] = ()
    log: tuple[LogEntry, ...] = ()

    def status(self) -> Lifecycle:
        """The current lifecycle status: moves replayed in counter order (never by clock)."""
        return replay(self.lifecycle)[0]

    def current_event(self) -> LifecycleEvent | None:
        """The lifecycle event that set the current status (None for a draft never moved)."""
        return replay(self.lifecycle)[1]

    def sealed_hash(self) -> str:
        """SHA-256 of what a lock seals: everything but the lifecycle moves and the change log."""
        sealed = self.model_dump(mode="json", exclude={"lifecycle", "log"})
        return hashlib.sha256(canonical_json(sealed).encode("utf-8")).hexdigest()

    def changed_since_lock(self) -> bool:
        """True when a locked (or delivered) record holds edits merged in after the lock.

        Editing refuses changes to a locked record, but a merge must accept what a tablet that
        had not seen the lock recorded; the leader is shown it and decides whether to reopen.
        """
        current = self.current_event()
        if current is None or not current.sealed:
            return False
        return self.status() in (Lifecycle.LOCKED, Lifecycle.DELIVERED) and (
            current.sealed != self.sealed_hash()
        )

    def content_hash(self) -> str:
        """SHA-256 of the canonical JSON: equal records give equal hashes on every device."""
        return hashlib.sha256(self.canonical().encode("utf-8")).hexdigest()

    def leader_ids(self) -> set[str]:
        """Ids of members who may decide disagreements (trưởng đoàn, phó trưởng đoàn)."""
        return {
            m.id
            for m in self.members.values()
            if m.role in (Role.TRUONG_DOAN, Role.PHO_TRUONG_DOAN)
        }
