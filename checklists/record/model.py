"""Inspection record models: one visit to one unit, scored against one template version.

Every editable piece is a register carrying its author and an edit `counter` (Lamport-style: one
more than the highest counter the device has seen); two copies of a record merge by keeping, per
key, the register with the higher counter (ties broken by content), so no decision depends on a
tablet's wall clock (see `checklists.record.merge`). Removal is a register too (`removed=True`, a
tombstone), so deletions merge like edits. Assessments are kept per author, so two inspectors never
overwrite each other. Who may write what is decided by `checklists.record.authority`; the
record names its leader (`leader_id`, changed only through `leadership` events). Floats and
datetimes use the canonical types of `checklists.record.canonical`, so equal records always
hash equally.
"""

from __future__ import annotations

import hashlib
import uuid
from datetime import date, time
from enum import StrEnum
from typing import Annotated, Any, Literal

from pydantic import Field

from checklists.record.canonical import (
    CanonicalFloat,
    Counter,
    Id,
    Instant,
    LongText,
    RecordModel,
    SafeInt,
    ShortText,
    canonical_json,
)
from checklists.record.leadership import LeaderEvent, Leadership, resolve_leadership
from checklists.record.lifecycle import (
    Lifecycle,
    LifecycleEvent,
    replay,
)
from checklists.template.model import Status

__all__ = [
    "SCHEMA_VERSION",
    "Role",
    "ConclusionPart",
    "Register",
    "Value",
    "Assessment",
    "Decision",
    "Member",
    "Representative",
    "Assignment",
    "SelfScore",
    "Gps",
    "Photo",
    "ConclusionBlock",
    "Layout",
    "DocumentKind",
    "DocumentDetails",
    "VersionKind",
    "ConclusionVersion",
    "Header",
    "LogEntry",
    "Inspection",
    "new_id",
]

SCHEMA_VERSION: Literal[2] = 2
"""The record schema this code reads and writes (`upgrade` brings older ones up)."""

Sha256 = Annotated[str, Field(pattern=r"^[0-9a-f]{64}$")]
Mime = Literal["image/jpeg", "image/png", "image/webp"]


def new_id() -> str:
    """A fresh UUID4 string, made on the device and never reused."""
    return str(uuid.uuid4())


class Role(StrEnum):
    """A delegation member's role (shown on documents; authority comes from `Leadership`)."""

    TRUONG_DOAN = "truong_doan"
    PHO_TRUONG_DOAN = "pho_truong_doan"
    THANH_VIEN = "thanh_vien"
    THU_KY = "thu_ky"


class ConclusionPart(StrEnum):
    """The three blocks of the leader's conclusion."""

    ACKNOWLEDGEMENTS = "acknowledgements"
    LIMITATIONS = "limitations"
    RECOMMENDATIONS = "recommendations"


class Register(RecordModel):
    """What every editable piece carries: who last wrote it, its edit counter, and a tombstone."""

    author_id: Id
    counter: Counter
    removed: bool = False
    """A tombstone: the piece was removed (detached, withdrawn); it merges like any edit."""


class Value(RecordModel):
    """What a criterion was given: points, a status, a yes/no answer, figures, or N/A."""

    not_applicable: bool = False
    score: CanonicalFloat | None = None
    status: Status | None = None
    answer: bool | None = None
    figures: dict[Id, CanonicalFloat] = Field(default_factory=dict, max_length=100)

    def value_only(self) -> Value:
        """Just the scoring value, stripped of notes, authorship and counters."""
        return Value(
            not_applicable=self.not_applicable,
            score=self.score,
            status=self.status,
            answer=self.answer,
            figures=dict(self.figures),
        )

    def is_empty(self) -> bool:
        """True when nothing is given (no N/A, points, status, answer or figure)."""
        return self.value_only() == Value()


class Assessment(Value, Register):
    """One delegation member's latest assessment of one criterion (or bonus/penalty line).

    Its photos are the `Photo` registers naming this criterion and author (one source of truth).
    """

    criterion_id: Id
    note: LongText = ""


class Decision(Value, Register):
    """The team leader's ruling on a criterion where members disagree: a value and a reason."""

    criterion_id: Id
    reason: LongText = ""


class Member(Register):
    """A delegation member."""

    id: Id
    name: ShortText
    position: ShortText = ""
    body: ShortText = ""
    role: Role = Role.THANH_VIEN


class Representative(Register):
    """A representative of the inspected unit attending the visit."""

    id: Id
    name: ShortText
    position: ShortText = ""


class Assignment(Register):
    """Which sections a member is assigned to score."""

    member_id: Id
    section_ids: tuple[Id, ...] = Field(default=(), max_length=200)


class SelfScore(Register):
    """The unit's own score (điểm tự chấm) for a criterion, as it reported it."""

    criterion_id: Id
    points: CanonicalFloat | None = None


class Gps(RecordModel):
    """Where a photo was taken, when the device knew."""

    lat: Annotated[CanonicalFloat, Field(ge=-90, le=90)]
    lon: Annotated[CanonicalFloat, Field(ge=-180, le=180)]
    accuracy_m: Annotated[CanonicalFloat, Field(ge=0, le=1e7)] | None = None


class Photo(Register):
    """One evidence photo: a register of its own id; the bytes live outside, named by `sha256`.

    The same picture (one hash) may back two criteria as two photos. `criterion_id` "" means a
    general photo of the visit.
    """

    id: Id
    sha256: Sha256
    criterion_id: Annotated[str, Field(max_length=64)] = ""
    taken_at: Instant | None = None
    """Device time when taken, in UTC: shown to people, never used to decide a merge."""
    gps: Gps | None = None
    caption: ShortText = ""
    mime: Mime = "image/jpeg"
    byte_size: SafeInt = 0
    width: SafeInt = 0
    height: SafeInt = 0
    order: SafeInt = 0
    include_in_report: bool = True


class ConclusionBlock(Register):
    """One block of the conclusion (ghi nhận / hạn chế / đề nghị) as last written."""

    text: LongText = ""


class Layout(StrEnum):
    """How official documents are laid out, chosen by the issuing body."""

    STATE = "state"
    """Nghị định 30/2020/NĐ-CP (a state body, e.g. Sở Nội vụ)."""
    PARTY = "party"
    """Hướng dẫn 36-HD/VPTW (a Party body, e.g. Ban Dân vận Tỉnh ủy)."""


class DocumentKind(StrEnum):
    """The three documents of one inspection."""

    MINUTES = "minutes"
    """Biên bản kiểm tra (BB)."""
    REPORT = "report"
    """Báo cáo kết quả kiểm tra (BC)."""
    NOTICE = "notice"
    """Thông báo kết luận (TB)."""


TextLines = Annotated[tuple[ShortText, ...], Field(max_length=50)]


class DocumentDetails(Register):
    """What the official documents need beyond the scores; the leader fills it on the Documents
    form (`checklists.record.paperwork` gives the defaults taken from the template and header).

    Empty text means "not given": the document leaves a blank for the clerk (văn thư) to fill.
    """

    layout: Layout = Layout.STATE
    superior_body: ShortText = ""
    """Tên cơ quan chủ quản, e.g. "Tỉnh ủy Lạng Sơn" (the first header line)."""
    issuing_body: ShortText = ""
    """Tên cơ quan ban hành, e.g. "Ban Dân vận" (the second header line, bold)."""
    numbers: dict[DocumentKind, Annotated[str, Field(max_length=20)]] = Field(default_factory=dict)
    """The number of each document, given by the clerk ("" leaves a blank: "Số:      /TB-...")."""
    symbol: Annotated[str, Field(max_length=40)] = ""
    """The issuing body's abbreviation after the type code, e.g. "BDVTU" in "12-TB/BDVTU"."""
    place_name: ShortText = ""
    """Địa danh of the date line, e.g. "Lạng Sơn"."""
    issued_on: date | None = None
    """Ngày ban hành of the report and notice (None: the inspection date)."""
    start_time: time | None = None
    end_time: time | None = None
    legal_basis: TextLines = ()
    """Căn cứ, one per line, e.g. "Kế hoạch số 45-KH/BDVTU ngày 10/11/2023 của Ban Dân vận"."""
    unit_organisation: ShortText = ""
    """The inspected unit's organisation as the representatives sign for it."""
    addressee: ShortText = ""
    """Kính gửi of the report (the body that issued the decision)."""
    signer_name: ShortText = ""
    signer_position: ShortText = ""
    """The signer's own title, e.g. "Phó Trưởng Ban"."""
    signer_authority: Annotated[str, Field(max_length=10)] = ""
    """Quyền hạn: "TM.", "KT.", "TL.", "Q.", "TUQ." (state) or "T/M", "K/T", "T/L" (Party)."""
    signer_on_behalf: ShortText = ""
    """After the prefix: "TRƯỞNG BAN" in "KT. TRƯỞNG BAN", "BAN THƯỜNG VỤ" in "T/M BAN..."."""
    distribution: TextLines = ()
    """Nơi nhận, one recipient per line, without the "- " and ";" the document adds."""


class VersionKind(StrEnum):
    """What a conclusion version records: a deliberate save, a lock, or an unlock."""

    SAVE = "save"
    LOCK = "lock"
    UNLOCK = "unlock"


class ConclusionVersion(RecordModel):
    """One deliberate version of the conclusion (immutable once written, like a lifecycle move).

    A save keeps the three blocks as they stood; a lock does too and stops further edits of the
    conclusion until an unlock (with a reason). Versions are numbered by (counter, id) order.
    """

    id: Id
    kind: VersionKind = VersionKind.SAVE
    author_id: Id
    counter: Counter
    texts: dict[ConclusionPart, LongText] = Field(default_factory=dict)
    reason: ShortText = ""
    at: Instant | None = None
    """Device time of the save, in UTC, for people to read only."""


class Header(Register):
    """Who inspects whom, when and where."""

    unit_name: ShortText
    unit_parent: ShortText = ""
    inspection_date: date
    place: ShortText = ""
    lead_body: ShortText = ""
    """The body leading the delegation, e.g. "Ban Dân vận Tỉnh ủy Lạng Sơn"."""
    decision_ref: ShortText = ""


class LogEntry(RecordModel):
    """One line of history: who set which register, from which edit to which (coalesced).

    Consecutive edits of one register by one author extend one entry (`counter`, `at` and
    `edits` grow; `first_counter` and the rest never change), so autosaves keep history small.
    The entry stores a code and parameters (`checklists.text.labels` renders them), never sentences.
    """

    id: Id
    author_id: Id
    code: Annotated[str, Field(max_length=64)]
    target: Annotated[str, Field(max_length=200)]
    """The register's path, e.g. "assessments/A1/<author>" or "conclusion/limitations"."""
    params: dict[Annotated[str, Field(max_length=32)], ShortText] = Field(
        default_factory=dict, max_length=10
    )
    first_counter: Counter
    counter: Counter
    edits: Annotated[int, Field(ge=1, le=2**53 - 1)] = 1
    first_at: Instant | None = None
    at: Instant | None = None
    """Device time of the last edit, in UTC, for people to read only."""


def _no_versions(value: tuple[Any, ...]) -> bool:
    return value == ()


def _no_documents(value: DocumentDetails | None) -> bool:
    return value is None


# Fields added within schema 2 are left out of the serialised record while unused, so a record
# that does not use them serialises, hashes and seals exactly as it always did. (Per field,
# `exclude_if`: a wrap serializer on the whole model did the same at twice the cost of every
# dump, which the server makes once a push.)


class Inspection(RecordModel):
    """One inspection record, as held on a tablet or the server."""

    schema_version: Literal[2] = SCHEMA_VERSION
    id: Id
    template_id: Id
    template_version: Annotated[int, Field(ge=1, le=2**53 - 1)]
    template_hash: Sha256
    leader_id: Id
    """The leader named when the visit was created; later changes are `leadership` events."""
    header: Header
    leadership: tuple[LeaderEvent, ...] = Field(default=(), max_length=1000)
    members: dict[Id, Member] = Field(default_factory=dict, max_length=100)
    representatives: dict[Id, Representative] = Field(default_factory=dict, max_length=100)
    assignments: dict[Id, Assignment] = Field(default_factory=dict, max_length=100)
    assessments: dict[Id, dict[Id, Assessment]] = Field(default_factory=dict, max_length=2000)
    """criterion id -> author id -> that author's latest assessment."""
    photos: dict[Id, Photo] = Field(default_factory=dict, max_length=10_000)
    """photo id -> photo."""
    self_scores: dict[Id, SelfScore] = Field(default_factory=dict, max_length=2000)
    decisions: dict[Id, dict[Id, Decision]] = Field(default_factory=dict, max_length=2000)
    """criterion id -> leader id -> that leader's latest decision (see `decision`).

    Per author, so a decision written by someone without the role sits beside the leader's and
    never takes its place, even where a forged copy was merged."""
    conclusion: dict[ConclusionPart, ConclusionBlock] = Field(default_factory=dict)
    conclusion_versions: tuple[ConclusionVersion, ...] = Field(
        default=(), max_length=10_000, exclude_if=_no_versions
    )
    """Deliberate saves, locks and unlocks of the conclusion (`checklists.conclusion.versions`)."""
    documents: DocumentDetails | None = Field(default=None, exclude_if=_no_documents)
    """The Documents form (None until the leader first saves it; defaults fill the gaps)."""
    lifecycle: tuple[LifecycleEvent, ...] = Field(default=(), max_length=10_000)
    log: tuple[LogEntry, ...] = Field(default=(), max_length=100_000)

    def active_members(self) -> dict[str, Member]:
        """The delegation as it stands: members not removed."""
        return {k: m for k, m in self.members.items() if not m.removed}

    def leadership_state(self, at: int | None = None) -> Leadership:
        """Who leads now (or when the edit with counter `at` was made): `leader_id`, then each
        valid leadership event in counter order."""
        members = set(self.active_members())
        return resolve_leadership(self.leader_id, self.leadership, members, before=at)

    def leader_ids(self, at: int | None = None) -> frozenset[str]:
        """Ids of the members who may act as the leader (the leader, acting deputies), now or
        when the edit with counter `at` was made (a former leader's decisions stay valid)."""
        return self.leadership_state(at).leaders()

    def status(self) -> Lifecycle:
        """The current lifecycle status: valid moves replayed in counter order (never by clock)."""
        return self._replay()[0]

    def current_event(self) -> LifecycleEvent | None:
        """The lifecycle event that set the current status (None for a draft never moved)."""
        return self._replay()[1]

    def _replay(self) -> tuple[Lifecycle, LifecycleEvent | None]:
        # A move made by a member later removed still happened (only their scores stop counting).
        return replay(self.lifecycle, leaders=self.leader_ids, members=set(self.members))

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

    def decision(self, criterion_id: str) -> Decision | None:
        """The decision in force on a criterion: the latest one by whoever was leader (or an
        acting deputy) when they wrote it; None if there is none or the latest was withdrawn."""
        allowed = [
            d
            for author, d in self.decisions.get(criterion_id, {}).items()
            if d.author_id == author and author in self.leader_ids(at=d.counter)
        ]
        if not allowed:
            return None
        latest = max(allowed, key=lambda d: (d.counter, d.canonical()))
        return None if latest.removed else latest

    def conclusion_history(self) -> list[ConclusionVersion]:
        """The conclusion's versions written by whoever led when they wrote them, oldest first
        (by counter, then id: never by a device's clock)."""
        kept = [v for v in self.conclusion_versions if v.author_id in self.leader_ids(v.counter)]
        return sorted(kept, key=lambda v: (v.counter, v.id))

    def conclusion_lock(self) -> ConclusionVersion | None:
        """The version that locked the conclusion, while it stays locked; None when editable."""
        history = self.conclusion_history()
        last = history[-1] if history else None
        return last if last is not None and last.kind is VersionKind.LOCK else None

    def stale_decisions(self) -> tuple[str, ...]:
        """Criteria whose decision was made before a member's later re-score of them."""
        return tuple(
            c
            for c in sorted(self.decisions)
            if (d := self.decision(c)) is not None
            and any(a.counter > d.counter for a in self.assessments.get(c, {}).values())
        )

    def photos_of(self, criterion_id: str) -> list[Photo]:
        """The photos attached to a criterion ("" for general ones), not detached, in order."""
        found = [
            p for p in self.photos.values() if p.criterion_id == criterion_id and not p.removed
        ]
        return sorted(found, key=lambda p: (p.order, p.counter, p.id))

    def photo_hashes(self) -> frozenset[str]:
        """The hash of every photo the record points at (detached ones no longer count)."""
        return frozenset(p.sha256 for p in self.photos.values() if not p.removed)
