"""State of the leader's team review screen: every member's value per criterion, and the rulings."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Literal

import flet as ft

from checklists.errors import ChecklistError
from checklists.record.authority import Actor
from checklists.record.editing import decide, move_to, withdraw_decision
from checklists.record.lifecycle import Lifecycle
from checklists.record.model import Assessment, Inspection, Value
from checklists.scoring.engine import score_inspection
from checklists.scoring.report import (
    AdjustmentResult,
    AuthorValue,
    CriterionResult,
    IgnoredRegister,
    ScoreReport,
)
from checklists.template.model import (
    Adjustment,
    Criterion,
    PointsScoring,
    StatusScoring,
    Template,
    YesNoScoring,
)
from checklists.text.format import format_number
from checklists.text.labels import label
from inspect_app.i18n import t
from inspect_app.store import InspectionStore, StoreError

__all__ = [
    "DecisionChoice",
    "LockRefused",
    "MemberValue",
    "ReviewRow",
    "ReviewStatus",
    "RowKind",
    "TeamReviewViewModel",
    "NO_VALUE",
    "open_disagreements",
]

ReviewStatus = Literal["loading", "ready", "error"]
RowKind = Literal["criterion", "bonus", "penalty"]

NO_VALUE = "—"
"""What a cell shows when the member gave nothing (or their value cannot be scored)."""


class LockRefused(ChecklistError):
    """The record was not locked: criteria still have an open disagreement or a stale decision.

    The domain itself allows it (a lock only needs the leader); the review refuses so that a
    locked record never carries an unsettled score. Decide those criteria, then lock.
    """

    def __init__(self, criterion_ids: tuple[str, ...]) -> None:
        self.criterion_ids = criterion_ids
        super().__init__(self.message())

    def message(self, lang: str = "vi") -> str:
        text = t("review.lock_refused", lang, count=len(self.criterion_ids))
        return f"{text}\n" + ", ".join(self.criterion_ids)


def open_disagreements(template: Template, record: Inspection) -> tuple[str, ...]:
    """The criteria (and bonus/penalty lines) a lock must wait for: open conflicts and decisions
    made before a member re-scored."""
    report = score_inspection(template, record)
    return tuple(dict.fromkeys((*report.conflict_ids, *report.stale_decision_ids)))


@dataclass(frozen=True)
class DecisionChoice:
    """One value the leader can decide on: its key, its words ("Đạt (4)") and the value."""

    key: str
    label: str
    value: Value


@dataclass(frozen=True)
class MemberValue:
    """One member's value on one criterion, as the cell shows it."""

    member_id: str
    name: str
    text: str
    """Their points ("5,5"), the status label with its points ("Đạt (2)"), N/A, or "—"."""
    points: float | None


@dataclass(frozen=True)
class ReviewRow:
    """One criterion of the review: the members side by side, the result and its flags."""

    criterion_id: str
    """The criterion's id, or the bonus/penalty line's (decisions are keyed the same way)."""
    section_id: str
    """The criterion's section; "" for a bonus or penalty line."""
    kind: RowKind
    label: str
    max_points: float
    values: tuple[MemberValue, ...]
    result_points: float | None
    result_text: str
    """The delegation's points, N/A, or "—" (conflict, unscored, invalid)."""
    state: str
    """The scoring engine's state: scored, not_applicable, conflict, unscored, info, invalid."""
    conflict: bool
    """Members disagree and no decision settles it."""
    decided: bool
    """A leader's decision is in force (`decision_text`, `decision_reason`)."""
    decision_text: str
    decision_reason: str
    stale: bool
    """The decision was made before a member re-scored the criterion: look again."""
    ignored: tuple[str, ...]
    """Messages of this criterion's registers left out of the score (author lacks the role)."""
    choices: tuple[DecisionChoice, ...] = ()
    """The values the leader can pick when deciding (statuses, yes/no, the members' values)."""
    free_points: bool = False
    """The leader may also type points (0 to `max_points`, on `step`)."""
    step: float = 0.5

    @property
    def needs_attention(self) -> bool:
        """A disagreement to settle: an open conflict or a stale decision."""
        return self.conflict or self.stale

    @property
    def disagree(self) -> bool:
        """The members gave different values (settled by a decision or not)."""
        given = {v.text for v in self.values if v.text != NO_VALUE}
        return self.conflict or len(given) > 1

    @property
    def can_decide(self) -> bool:
        """There is something to decide on (information-only figures carry no points)."""
        return bool(self.choices) or self.free_points


@dataclass(frozen=True)
class _Snapshot:
    """Everything the screen shows, computed off the event loop from one stored copy."""

    rows: list[ReviewRow]
    members: list[tuple[str, str]]
    is_leader: bool
    lifecycle: Lifecycle
    total: float
    provisional: bool
    rating_label: str | None
    ignored: list[str]
    changed_since_lock: bool
    names: dict[str, str]


@ft.observable
@dataclass
class TeamReviewViewModel:
    """The team review screen's data; its async methods run store I/O in a worker thread.

    Every edit goes through `store.edit(..., actor=Actor(member_id))`; a refusal (or a store
    error) sets `error` in `lang` and changes nothing else. Fields are only changed on the
    caller's event loop, so a Flet component observing this object re-renders safely.
    """

    store: InspectionStore
    inspection_id: str
    member_id: str
    lang: str = "vi"
    status: ReviewStatus = "loading"
    error: str | None = None
    """The last failure's first line, in `lang`, with member names in place of their ids."""
    error_details: str | None = None
    """The whole message when it has more lines (each refused change), for a "chi tiết"."""
    busy: bool = False
    is_leader: bool = False
    """Only the leader and acting deputies get the tools (decide, lock, reopen)."""
    members: list[tuple[str, str]] = field(default_factory=list)
    """The columns: (member id, name) of the delegation as it stands, in delegation order."""
    rows: list[ReviewRow] = field(default_factory=list)
    only_disagreements: bool = False
    total: float = 0.0
    total_text: str = ""
    provisional: bool = True
    rating_label: str | None = None
    lifecycle: Lifecycle = Lifecycle.DRAFT
    lifecycle_label: str = ""
    ignored: list[str] = field(default_factory=list)
    """Every register left out of the score, in words (forged or stale authority)."""
    changed_since_lock: bool = False
    """A locked record holds edits merged in after the lock: reopen, or lock again."""
    _names: dict[str, str] = field(default_factory=dict, init=False, repr=False)

    @property
    def visible_rows(self) -> list[ReviewRow]:
        """The rows shown: all of them, or only those needing attention when filtered."""
        if not self.only_disagreements:
            return list(self.rows)
        return [r for r in self.rows if r.needs_attention]

    @property
    def attention_count(self) -> int:
        """How many rows need the leader: open disagreements and stale decisions."""
        return sum(r.needs_attention for r in self.rows)

    @property
    def unscored_count(self) -> int:
        """Criteria nobody has scored yet: locking counts them 0, so the lock dialog says so."""
        return sum(r.kind == "criterion" and r.state == "unscored" for r in self.rows)

    @property
    def can_lock(self) -> bool:
        """The leader may lock a record that is not locked or delivered yet."""
        return self.is_leader and self.lifecycle in (Lifecycle.IN_PROGRESS, Lifecycle.COMPLETED)

    @property
    def can_reopen(self) -> bool:
        """The leader may reopen a locked record (with a reason)."""
        return self.is_leader and self.lifecycle is Lifecycle.LOCKED

    def row(self, criterion_id: str) -> ReviewRow:
        """The row of this criterion (KeyError if none)."""
        for r in self.rows:
            if r.criterion_id == criterion_id:
                return r
        raise KeyError(criterion_id)

    def set_only_disagreements(self, only: bool) -> None:
        """Show only the criteria with an open disagreement or a stale decision."""
        self.only_disagreements = only

    def dismiss_error(self) -> None:
        """Hide the last error."""
        self.error = self.error_details = None

    async def load(self) -> None:
        """Read the record and score it; on failure keep what was shown and set `error`."""
        if not self.rows:
            self.status = "loading"
        try:
            snapshot = await asyncio.to_thread(self._read)
        except (StoreError, ChecklistError) as exc:
            self._fail(exc)
            self.status = "error"
            return
        self._show(snapshot)

    async def decide(self, criterion_id: str, value: Value | float, reason: str) -> None:
        """Settle a criterion with a value (points, or a full `Value`) and a reason."""
        given = value if isinstance(value, Value) else Value(score=float(value))

        def change(record: Inspection) -> Inspection:
            return decide(
                record,
                author_id=self.member_id,
                criterion_id=criterion_id,
                value=given,
                reason=reason,
            )

        await self._edit(change)

    async def withdraw_decision(self, criterion_id: str) -> None:
        """Withdraw the decision on a criterion: the members' values count again."""

        def change(record: Inspection) -> Inspection:
            return withdraw_decision(record, author_id=self.member_id, criterion_id=criterion_id)

        await self._edit(change)

    async def lock(self) -> None:
        """Lock the record: no edit until a leader reopens it.

        Refused (`LockRefused`, nothing changed) while a criterion has an open disagreement or
        a stale decision, checked on the stored copy at the moment of the edit.
        """

        def change(record: Inspection) -> Inspection:
            return self._checked_lock(record)

        await self._edit(change)

    async def relock(self, reason: str) -> None:
        """Accept the edits merged in after the lock and lock again, in one change: a reopen
        with the reason, then a lock (refused like `lock` while disagreements are open)."""

        def change(record: Inspection) -> Inspection:
            reopened = move_to(
                record, author_id=self.member_id, status=Lifecycle.COMPLETED, reason=reason
            )
            return self._checked_lock(reopened)

        await self._edit(change)

    def choice(self, criterion_id: str, key: str) -> Value:
        """The value of one of a row's decision choices (KeyError if none)."""
        for c in self.row(criterion_id).choices:
            if c.key == key:
                return c.value
        raise KeyError(key)

    def _checked_lock(self, record: Inspection) -> Inspection:
        waiting = open_disagreements(self.store.template_of(record), record)
        if waiting:
            raise LockRefused(waiting)
        return move_to(record, author_id=self.member_id, status=Lifecycle.LOCKED)

    async def reopen(self, reason: str) -> None:
        """Reopen a locked record (back to completed), with a reason."""

        def change(record: Inspection) -> Inspection:
            return move_to(
                record, author_id=self.member_id, status=Lifecycle.COMPLETED, reason=reason
            )

        await self._edit(change)

    # -- internals ------------------------------------------------------------------------

    async def _edit(self, change: Callable[[Inspection], Inspection]) -> None:
        if self.busy:
            return
        self.busy = True
        try:
            snapshot = await asyncio.to_thread(self._apply, change)
        except (StoreError, ChecklistError) as exc:
            self._fail(exc)
            return
        finally:
            self.busy = False
        self._show(snapshot)

    def _apply(self, change: Callable[[Inspection], Inspection]) -> _Snapshot:
        """Run the edit through the store's one path and score the result (worker thread)."""
        record, _rev = self.store.edit(self.inspection_id, change, actor=Actor(self.member_id))
        return self._snapshot(record)

    def _read(self) -> _Snapshot:
        """Read and score the stored record (worker thread)."""
        return self._snapshot(self.store.get(self.inspection_id))

    def _show(self, snapshot: _Snapshot) -> None:
        self.rows = snapshot.rows
        self.members = snapshot.members
        self.is_leader = snapshot.is_leader
        self.lifecycle = snapshot.lifecycle
        self.lifecycle_label = label(f"lifecycle.{snapshot.lifecycle.value}", self.lang)
        self.total = snapshot.total
        self.total_text = format_number(snapshot.total, 2, self.lang)
        self.provisional = snapshot.provisional
        self.rating_label = snapshot.rating_label
        self.ignored = snapshot.ignored
        self.changed_since_lock = snapshot.changed_since_lock
        self._names = snapshot.names
        self.error = self.error_details = None
        self.status = "ready"

    def _fail(self, exc: Exception) -> None:
        text = _named(self._message(exc), self._names)
        first, _, rest = text.partition("\n")
        self.error = first.strip().removesuffix(":")
        self.error_details = text if rest else None

    def _message(self, exc: Exception) -> str:
        """The error in `lang` when it knows how (domain errors), else as written (Vietnamese)."""
        message = getattr(exc, "message", None)
        if callable(message):
            text = message(self.lang)
            if isinstance(text, str):
                return text
        return str(exc)

    def _snapshot(self, record: Inspection) -> _Snapshot:
        template = self.store.template_of(record)
        report = score_inspection(template, record)
        members = [(m.id, m.name) for m in record.active_members().values()]
        names = {m.id: m.name for m in record.members.values()}
        rating = report.rating
        rating_label = None
        if rating is not None:
            rating_label = rating.label_en or rating.label if self.lang == "en" else rating.label
        return _Snapshot(
            rows=self._rows(template, record, report, members),
            members=members,
            is_leader=self.member_id in record.leader_ids(),
            lifecycle=record.status(),
            total=report.final_total,
            provisional=report.provisional,
            rating_label=rating_label,
            ignored=[_named(self._ignored(i), names) for i in report.ignored],
            changed_since_lock=record.changed_since_lock(),
            names=names,
        )

    def _ignored(self, register: IgnoredRegister) -> str:
        return register.message_en if self.lang == "en" else register.message

    def _rows(
        self,
        template: Template,
        record: Inspection,
        report: ScoreReport,
        members: list[tuple[str, str]],
    ) -> list[ReviewRow]:
        names = {m.id: m.name for m in record.members.values()}
        rows = [
            self._row(
                record,
                report,
                members,
                names,
                report.criterion(c.id),
                "criterion",
                c,
            )
            for c in template.criteria()
        ]
        adjustments = {a.id: a for a in report.adjustments}
        rows += [
            self._row(record, report, members, names, adjustments[a.id], a.kind, a)
            for a in template.adjustments
        ]
        return rows

    def _row(
        self,
        record: Inspection,
        report: ScoreReport,
        members: list[tuple[str, str]],
        names: dict[str, str],
        result: CriterionResult | AdjustmentResult,
        kind: RowKind,
        item: Criterion | Adjustment,
    ) -> ReviewRow:
        title, title_en = item.label, item.label_en
        decision = record.decision(result.id)
        in_force = decision is not None and result.decided_by == "decision"
        return ReviewRow(
            criterion_id=result.id,
            section_id=result.section_id if isinstance(result, CriterionResult) else "",
            kind=kind,
            label=title_en or title if self.lang == "en" else title,
            max_points=result.max_points,
            values=self._values(record, result, members),
            result_points=result.points,
            result_text=self._result_text(result),
            state=result.state,
            conflict=result.state == "conflict",
            decided=decision is not None,
            decision_text=self._result_text(result) if in_force else NO_VALUE if decision else "",
            decision_reason=decision.reason if decision else "",
            stale=result.id in report.stale_decision_ids,
            ignored=tuple(
                _named(self._ignored(i), names)
                for i in report.ignored
                if _criterion_of(i.path) == result.id
            ),
            choices=self._choices(record, item, members),
            free_points=_free_points(item),
            step=_step(item),
        )

    def _choices(
        self, record: Inspection, item: Criterion | Adjustment, members: list[tuple[str, str]]
    ) -> tuple[DecisionChoice, ...]:
        """What the leader can decide on: the scoring's own values, else the members' values."""
        out: list[DecisionChoice] = []
        scoring = item.scoring if isinstance(item, Criterion) else None
        points = _partial_points(item.max_points, self.lang)
        if isinstance(scoring, StatusScoring):
            for status, fraction in scoring.fractions.items():
                words = label(f"status.{status.value}", self.lang)
                out.append(
                    DecisionChoice(
                        status.value, f"{words} ({points(fraction)})", Value(status=status)
                    )
                )
        elif isinstance(scoring, YesNoScoring):
            for answer in (True, False):
                earns = answer is scoring.yes_scores
                words = t("answer.yes" if answer else "answer.no", self.lang)
                out.append(
                    DecisionChoice(
                        "yes" if answer else "no",
                        f"{words} ({points(1.0 if earns else 0.0)})",
                        Value(answer=answer),
                    )
                )
        elif scoring is None or scoring.kind != "info":
            held = record.assessments.get(item.id, {})
            seen: list[Value] = []
            for member_id, _name in members:
                assessment = held.get(member_id)
                if assessment is None or assessment.removed or assessment.is_empty():
                    continue
                value = assessment.value_only()
                if value.not_applicable or value in seen:
                    continue
                seen.append(value)
                text = _value_text(value, self.lang)
                out.append(DecisionChoice(f"member-{len(seen)}", text, value))
        if isinstance(item, Criterion) and item.allow_na:
            out.append(
                DecisionChoice(
                    "na",
                    label("status.not_applicable", self.lang),
                    Value(not_applicable=True),
                )
            )
        return tuple(out)

    def _values(
        self,
        record: Inspection,
        result: CriterionResult | AdjustmentResult,
        members: list[tuple[str, str]],
    ) -> tuple[MemberValue, ...]:
        scored = {a.author_id: a for a in result.authors}
        held = record.assessments.get(result.id, {})
        return tuple(
            MemberValue(
                member_id=member_id,
                name=name,
                text=self._cell(scored.get(member_id), held.get(member_id)),
                points=scored[member_id].points if member_id in scored else None,
            )
            for member_id, name in members
        )

    def _cell(self, value: AuthorValue | None, assessment: Assessment | None) -> str:
        if value is None or assessment is None or assessment.removed:
            return NO_VALUE
        if value.state == "not_applicable":
            return label("status.not_applicable", self.lang)
        if value.state != "scored" or value.points is None:
            return NO_VALUE
        points = format_number(value.points, 2, self.lang)
        if assessment.status is not None:
            return f"{label(f'status.{assessment.status.value}', self.lang)} ({points})"
        return points

    def _result_text(self, result: CriterionResult | AdjustmentResult) -> str:
        if result.state == "not_applicable":
            return label("status.not_applicable", self.lang)
        if result.points is None:
            return NO_VALUE
        return format_number(result.points, 2, self.lang)


def _partial_points(max_points: float, lang: str) -> Callable[[float], str]:
    """A formatter of `fraction` x `max_points` as the review writes points ("2,5")."""

    def points(fraction: float) -> str:
        return format_number(fraction * max_points, 2, lang)

    return points


def _free_points(item: Criterion | Adjustment) -> bool:
    if isinstance(item, Adjustment):
        return item.per_unit is None
    return isinstance(item.scoring, PointsScoring)


def _step(item: Criterion | Adjustment) -> float:
    if isinstance(item, Adjustment):
        return item.step
    return item.scoring.step if isinstance(item.scoring, PointsScoring) else 1.0


def _value_text(value: Value, lang: str) -> str:
    """A member's value in words, for a decision choice."""
    if value.score is not None:
        return t("review.choice_points", lang, points=format_number(value.score, 2, lang))
    if value.status is not None:
        return label(f"status.{value.status.value}", lang)
    if value.answer is not None:
        return t("answer.yes" if value.answer else "answer.no", lang)
    shown = ", ".join(format_number(v, 2, lang) for v in value.figures.values())
    return t("review.choice_figures", lang, figures=shown)


def _criterion_of(path: str) -> str | None:
    """The criterion an ignored register belongs to ("assessments/A1/<author>" -> "A1")."""
    kind, _, rest = path.partition("/")
    if kind in ("assessments", "decisions", "self_scores") and rest:
        return rest.split("/", 1)[0]
    return None


def _named(text: str, names: dict[str, str]) -> str:
    """The text with each member's id replaced by their name (no UUIDs in a banner)."""
    for member_id, name in names.items():
        text = text.replace(member_id, name)
    return text
