"""State of the visit screen: sections with progress and the sticky header's running summary."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field
from typing import Literal

import flet as ft

from checklists.errors import ChecklistError
from checklists.record.model import Inspection
from checklists.scoring.engine import score_inspection
from checklists.scoring.report import ScoreReport
from checklists.template.model import Template
from checklists.text.format import format_number, format_percent
from checklists.text.labels import label
from inspect_app.i18n import t
from inspect_app.store import InspectionStore, StoreError

__all__ = [
    "MISSING_KINDS",
    "MissingKind",
    "VisitStatus",
    "CriterionRow",
    "SectionProgress",
    "VisitSummary",
    "VisitViewModel",
    "error_text",
    "visit_summary",
]

VisitStatus = Literal["loading", "ready", "error"]
MissingKind = Literal["unscored", "evidence", "conflicts", "stale", "invalid"]
MISSING_KINDS: tuple[MissingKind, ...] = ("unscored", "evidence", "conflicts", "stale", "invalid")
"""What the header can say is still missing, in the order it says it."""


def _lang(lang: str) -> str:
    return "en" if lang == "en" else "vi"


def error_text(exc: Exception, lang: str) -> str:
    """A store or checklist error in words, in `lang` where the error knows how (`.message`)."""
    message = getattr(exc, "message", None)
    if callable(message):
        text = message(_lang(lang))
        if isinstance(text, str):
            return text
    return str(exc)


@dataclass(frozen=True)
class CriterionRow:
    """One criterion as the visit screen lists it."""

    id: str
    label: str
    max_points: float
    state: str
    """The report's state: scored, not_applicable, conflict, unscored, info or invalid."""
    points: float | None
    points_text: str
    missing_evidence: int


@dataclass(frozen=True)
class SectionProgress:
    """One section: how many criteria carry a result, its points, and whether it is mine."""

    id: str
    title: str
    scored: int
    total: int
    points: float
    points_text: str
    max_points: float
    assigned: bool
    criteria: tuple[CriterionRow, ...]


@dataclass(frozen=True)
class VisitSummary:
    """What the sticky header shows: the running total, the rating so far, and what is missing."""

    total: float
    total_text: str
    rating_label: str
    """The rating alone ("Tốt"), "" while there is none."""
    rating_text: str
    """The rating as shown: "Tốt (tạm tính)" while provisional, "Chưa xếp loại" without one."""
    provisional: bool
    percent_of_applicable: float | None
    percent_text: str
    unscored: int
    missing_evidence: int
    conflicts: int
    stale_decisions: int
    invalid: int
    status: str
    status_label: str
    unscored_ids: tuple[str, ...] = ()
    missing_evidence_ids: tuple[str, ...] = ()
    """Criteria still owing evidence, each once, in template order."""
    conflict_ids: tuple[str, ...] = ()
    stale_decision_ids: tuple[str, ...] = ()
    invalid_ids: tuple[str, ...] = ()

    def ids_of(self, kind: MissingKind) -> tuple[str, ...]:
        """The criteria (in template order) still missing this kind of thing."""
        return {
            "unscored": self.unscored_ids,
            "evidence": self.missing_evidence_ids,
            "conflicts": self.conflict_ids,
            "stale": self.stale_decision_ids,
            "invalid": self.invalid_ids,
        }[kind]

    @property
    def missing_anything(self) -> bool:
        """True while something still needs doing before the result stands."""
        return bool(
            self.unscored
            or self.missing_evidence
            or self.conflicts
            or self.stale_decisions
            or self.invalid
        )


@dataclass(frozen=True)
class _Snapshot:
    unit_name: str
    title: str
    sections: list[SectionProgress]
    summary: VisitSummary
    assigned_section_ids: tuple[str, ...]
    member_name: str
    member_role: str
    is_leader: bool
    changed_since_lock: bool
    photo_count: int
    has_members: bool


def _is_scored(state: str) -> bool:
    return state in ("scored", "not_applicable")


def visit_summary(report: ScoreReport, record: Inspection, lang: str) -> VisitSummary:
    """The sticky header's figures from a score report (pure: tests call it directly)."""
    lang = _lang(lang)
    rating = ""
    if report.rating is not None:
        rating = report.rating.label_en if lang == "en" and report.rating.label_en else ""
        rating = rating or report.rating.label
    if not rating:
        rating_text = t("score.no_rating", lang)
    elif report.provisional:
        rating_text = t("score.provisional", lang, rating=rating)
    else:
        rating_text = rating
    percent = report.percent_of_applicable
    status = record.status()
    return VisitSummary(
        total=report.final_total,
        total_text=t("score.points", lang, points=format_number(report.final_total, 2, lang)),
        rating_label=rating,
        rating_text=rating_text,
        provisional=report.provisional,
        percent_of_applicable=percent,
        percent_text="" if percent is None else format_percent(percent, 2, lang),
        unscored=len(report.unscored_ids),
        missing_evidence=len(report.missing_evidence),
        conflicts=len(report.conflict_ids),
        stale_decisions=len(report.stale_decision_ids),
        invalid=len(report.invalid_ids),
        status=status.value,
        status_label=label(f"lifecycle.{status.value}", lang),
        unscored_ids=report.unscored_ids,
        missing_evidence_ids=tuple(dict.fromkeys(m.criterion_id for m in report.missing_evidence)),
        conflict_ids=report.conflict_ids,
        stale_decision_ids=report.stale_decision_ids,
        invalid_ids=report.invalid_ids,
    )


def _sections(
    template: Template, report: ScoreReport, assigned: tuple[str, ...], lang: str
) -> list[SectionProgress]:
    missing: dict[str, int] = {}
    for m in report.missing_evidence:
        missing[m.criterion_id] = missing.get(m.criterion_id, 0) + 1
    out = []
    for section in template.sections:
        rows = []
        for criterion in section.criteria:
            result = report.criterion(criterion.id)
            rows.append(
                CriterionRow(
                    id=criterion.id,
                    label=(criterion.label_en if lang == "en" else "") or criterion.label,
                    max_points=criterion.max_points,
                    state=result.state,
                    points=result.points,
                    points_text=""
                    if result.points is None
                    else format_number(result.points, 2, lang),
                    missing_evidence=missing.get(criterion.id, 0),
                )
            )
        counted = [r for r in rows if r.state != "info"]
        points = report.section(section.id).scaled_points
        out.append(
            SectionProgress(
                id=section.id,
                title=(section.title_en if lang == "en" else "") or section.title,
                scored=sum(1 for r in counted if _is_scored(r.state)),
                total=len(counted),
                points=points,
                points_text=format_number(points, 2, lang),
                max_points=section.max_points,
                assigned=section.id in assigned,
                criteria=tuple(rows),
            )
        )
    return out


def _assigned(record: Inspection, member_id: str) -> tuple[str, ...]:
    held = record.assignments.get(member_id)
    if held is None or held.removed:
        return ()
    return tuple(held.section_ids)


@ft.observable
@dataclass
class VisitViewModel:
    """The visit screen's data; `load` reads and scores the record in a worker thread.

    Store and checklist errors become `status == "error"` with the message in `error` (in
    `lang`); fields change only on the caller's event loop.
    """

    store: InspectionStore
    inspection_id: str
    member_id: str
    lang: str = "vi"
    status: VisitStatus = "loading"
    error: str | None = None
    unit_name: str = ""
    title: str = ""
    sections: list[SectionProgress] = field(default_factory=list)
    summary: VisitSummary | None = None
    assigned_section_ids: tuple[str, ...] = ()
    member_name: str = ""
    """The current member's name; "" when they have not said who they are (or were removed)."""
    member_role: str = ""
    """Their role in words ("Trưởng đoàn")."""
    is_leader: bool = False
    """The current member is the leader or an acting deputy: the leader's tools show."""
    changed_since_lock: bool = False
    """The record is locked but holds edits merged in after the lock (the leader resolves it)."""
    photo_count: int = 0
    has_members: bool = True

    @property
    def my_sections(self) -> list[SectionProgress]:
        """The sections assigned to the current member, in template order."""
        return [s for s in self.sections if s.assigned]

    @property
    def other_sections(self) -> list[SectionProgress]:
        """The sections not assigned to the current member, in template order."""
        return [s for s in self.sections if not s.assigned]

    @property
    def knows_member(self) -> bool:
        """The person said who they are on this visit, and that member is in the delegation."""
        return bool(self.member_name)

    def section(self, section_id: str) -> SectionProgress | None:
        """One section by id (None if the template has no such section)."""
        return next((s for s in self.sections if s.id == section_id), None)

    def section_of(self, criterion_id: str) -> str | None:
        """The id of the section holding this criterion (None for a bonus/penalty line)."""
        for s in self.sections:
            if any(c.id == criterion_id for c in s.criteria):
                return s.id
        return None

    def first_missing(self, kind: MissingKind) -> tuple[str, str] | None:
        """(section id, criterion id) of the first criterion missing `kind`, mine first.

        The header's "what is missing" links open it; None when nothing of that kind is missing
        (or only on lines that belong to no section).
        """
        if self.summary is None:
            return None
        ids = self.summary.ids_of(kind)
        located = [(sid, cid) for cid in ids if (sid := self.section_of(cid)) is not None]
        mine = [pair for pair in located if pair[0] in self.assigned_section_ids]
        first = mine or located
        return first[0] if first else None

    async def load(self) -> None:
        """Read and score the record off the event loop; on failure keep old data, set `error`."""
        if self.summary is None:
            self.status = "loading"
        try:
            snapshot = await asyncio.to_thread(self._read)
        except (StoreError, ChecklistError, LookupError) as exc:
            self.error = error_text(exc, self.lang)
            self.status = "error"
            return
        self.unit_name = snapshot.unit_name
        self.title = snapshot.title
        self.sections = snapshot.sections
        self.summary = snapshot.summary
        self.assigned_section_ids = snapshot.assigned_section_ids
        self.member_name = snapshot.member_name
        self.member_role = snapshot.member_role
        self.is_leader = snapshot.is_leader
        self.changed_since_lock = snapshot.changed_since_lock
        self.photo_count = snapshot.photo_count
        self.has_members = snapshot.has_members
        self.error = None
        self.status = "ready"

    def _read(self) -> _Snapshot:
        """Read, score and shape the record (runs in a worker thread)."""
        record = self.store.get(self.inspection_id)
        template = self.store.template_of(record)
        report = score_inspection(template, record)
        assigned = _assigned(record, self.member_id)
        lang = _lang(self.lang)
        member = record.active_members().get(self.member_id)
        return _Snapshot(
            unit_name=record.header.unit_name,
            title=(template.title_en if lang == "en" else "") or template.title,
            sections=_sections(template, report, assigned, lang),
            summary=visit_summary(report, record, lang),
            assigned_section_ids=assigned,
            member_name=member.name if member else "",
            member_role=label(f"role.{member.role.value}", lang) if member else "",
            is_leader=member is not None and member.id in record.leader_ids(),
            changed_since_lock=record.changed_since_lock(),
            photo_count=sum(1 for p in record.photos.values() if not p.removed),
            has_members=bool(record.active_members()),
        )
