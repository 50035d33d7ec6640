"""The score report of one inspection: criterion, section and total results as plain data."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict

from checklists.scoring.evidence import MissingEvidence
from checklists.template.model import HardFail, RatingBand
from checklists.text.labels import label

__all__ = [
    "CriterionState",
    "DecidedBy",
    "AuthorValue",
    "CriterionResult",
    "AdjustmentResult",
    "SectionResult",
    "Conflict",
    "Reason",
    "InvalidValue",
    "SelfScoreRow",
    "IgnoredRegister",
    "SelfComparison",
    "ScoreReport",
]

CriterionState = Literal["scored", "not_applicable", "conflict", "unscored", "info", "invalid"]
DecidedBy = Literal["decision", "agreement"]


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class AuthorValue(_Frozen):
    """What one author's latest assessment amounts to; points None unless `state` is "scored"."""

    author_id: str
    state: Literal["scored", "not_applicable", "empty", "invalid"]
    points: float | None = None


class CriterionResult(_Frozen):
    """The delegation's result on one criterion."""

    id: str
    section_id: str
    max_points: float
    points: float | None
    state: CriterionState
    decided_by: DecidedBy | None = None
    authors: tuple[AuthorValue, ...] = ()
    self_points: float | None = None
    critical: bool = False
    """The template marks the criterion critical (the UI flags it)."""
    figures: dict[str, float] = {}
    """Merged figures (decision's over the authors' agreed ones), derived rates computed."""


class AdjustmentResult(_Frozen):
    """The delegation's result on one bonus or penalty line."""

    id: str
    kind: Literal["bonus", "penalty"]
    max_points: float
    points: float | None
    state: CriterionState
    decided_by: DecidedBy | None = None
    authors: tuple[AuthorValue, ...] = ()


class SectionResult(_Frozen):
    """A section's points: raw, out of its applicable maximum, and scaled to its declared max."""

    id: str
    raw_points: float
    applicable_max: float
    declared_max: float
    scaled_points: float


class Conflict(_Frozen):
    """A criterion (or adjustment) where authors disagree and no decision settles it."""

    criterion_id: str
    authors: tuple[AuthorValue, ...]


class Reason(_Frozen):
    """Why something is wrong, as a label code of `checklists.text.labels` and its parameters."""

    code: str
    params: dict[str, str] = {}

    def message(self, lang: str = "vi") -> str:
        """The reason in words, in `lang` (Vietnamese unless "en")."""
        return label(self.code, lang, self.params)


class InvalidValue(_Frozen):
    """A value that cannot be scored; `author_id` is the decision's author for a decision.

    `code` and `params` are the first reason ("value.*" labels), `more` the others (several
    figures can be wrong at once); `message` and `message_en` are all of them in words, joined
    by "; ", in Vietnamese and English.
    """

    criterion_id: str
    author_id: str
    from_decision: bool
    code: str
    params: dict[str, str] = {}
    more: tuple[Reason, ...] = ()
    message: str
    message_en: str


class SelfScoreRow(_Frozen):
    """The unit's self score against the delegation's points on one criterion."""

    criterion_id: str
    self_points: float | None
    delegation_points: float | None
    difference: float | None
    """delegation - self, when both are known."""


class SelfComparison(_Frozen):
    """Self scores against the delegation's, row by row and summed over rows where both exist."""

    rows: tuple[SelfScoreRow, ...] = ()
    self_total: float = 0.0
    delegation_total: float = 0.0
    difference: float = 0.0


class IgnoredRegister(_Frozen):
    """A register left out of the score because its author may not write it (forged, stale)."""

    path: str
    message: str
    message_en: str


class ScoreReport(_Frozen):
    """Everything the scoring engine says about one inspection; numbers rounded to 2 decimals."""

    template_id: str
    template_version: int
    criteria: tuple[CriterionResult, ...]
    sections: tuple[SectionResult, ...]
    adjustments: tuple[AdjustmentResult, ...] = ()
    raw_total: float
    applicable_max: float
    scaled_total: float
    """Under "section_weighted": Σ section scaled points, over the declared max of sections not
    wholly N/A, x total points. Under "pooled": raw_total / applicable_max x total points."""
    percent_of_applicable: float | None = None
    """raw_total as a percentage of applicable_max; None while nothing applies."""
    na_mode: Literal["section_weighted", "pooled"] = "section_weighted"
    bonus: float
    penalty: float
    final_total: float
    rating: RatingBand | None
    rating_uncapped: RatingBand | None
    provisional: bool = True
    """The rating may still change: some criterion is unscored, conflicting or invalid."""
    hard_fails: tuple[HardFail, ...] = ()
    """The hard fails that triggered."""
    criteria_count: int
    scored_count: int
    unscored_ids: tuple[str, ...] = ()
    conflict_ids: tuple[str, ...] = ()
    invalid_ids: tuple[str, ...] = ()
    complete: bool
    critical_ids: tuple[str, ...] = ()
    """The criteria the template marks critical, in template order."""
    conflicts: tuple[Conflict, ...] = ()
    invalid: tuple[InvalidValue, ...] = ()
    missing_evidence: tuple[MissingEvidence, ...] = ()
    self_comparison: SelfComparison = SelfComparison()
    ignored: tuple[IgnoredRegister, ...] = ()
    """Registers whose author lacks the role: they change no score or status (authority)."""
    stale_decision_ids: tuple[str, ...] = ()
    """Criteria whose decision predates a member's later re-score: the leader should look."""

    def criterion(self, criterion_id: str) -> CriterionResult:
        """The result of the criterion with this id (KeyError if none)."""
        for c in self.criteria:
            if c.id == criterion_id:
                return c
        raise KeyError(criterion_id)

    def section(self, section_id: str) -> SectionResult:
        """The result of the section with this id (KeyError if none)."""
        for s in self.sections:
            if s.id == section_id:
                return s
        raise KeyError(section_id)
