"""Missing evidence: photos and notes a criterion's evidence rule asks for but the record lacks."""

from __future__ import annotations

import math
from typing import Literal

from pydantic import BaseModel, ConfigDict

from checklists.record.model import Inspection
from checklists.template.model import Criterion
from checklists.text.labels import label

__all__ = ["MissingEvidence", "missing_evidence"]


class MissingEvidence(BaseModel):
    """One piece of evidence the delegation still owes for a criterion.

    `code` is the label ("evidence.*", `checklists.text.labels`); `message` and `message_en` are
    its words in Vietnamese and English, for the screen.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    criterion_id: str
    what: Literal["photo", "note"]
    code: str
    params: dict[str, str] = {}
    message: str
    message_en: str


def _missing(criterion_id: str, what: Literal["photo", "note"], code: str) -> MissingEvidence:
    return MissingEvidence(
        criterion_id=criterion_id,
        what=what,
        code=code,
        message=label(code, "vi"),
        message_en=label(code, "en"),
    )


def _has_photo(inspection: Inspection, criterion_id: str) -> bool:
    return bool(inspection.photos_of(criterion_id))


def _has_note(inspection: Inspection, criterion_id: str) -> bool:
    authored = inspection.assessments.get(criterion_id, {}).values()
    if any(a.note.strip() for a in authored if not a.removed):
        return True
    decision = inspection.decision(criterion_id)
    return decision is not None and not decision.removed and bool(decision.reason.strip())


def _photo_key(criterion: Criterion, state: str, below_max: bool) -> str:
    """Which photo rule applies (its label code), or "" when no photo is asked for."""
    rule = criterion.evidence
    if rule.photo_required and state != "not_applicable":
        return "evidence.photo"
    scoring = criterion.scoring
    # A yes/no criterion earns its maximum on the scoring answer, so "no" is below max exactly
    # when "yes" scores, and at max when "no" scores (yes_scores False).
    answered_no = scoring.kind == "yes_no" and state == "scored" and below_max == scoring.yes_scores
    if rule.photo_required_when_no and answered_no:
        return "evidence.photo_no"
    if rule.photo_required_below_max and below_max:
        return "evidence.photo_below_max"
    return ""


def missing_evidence(
    criterion: Criterion, inspection: Inspection, state: str, points: float | None
) -> list[MissingEvidence]:
    """What the criterion's evidence rule still asks for, given the delegation's state and points.

    Notes and photos of every author count (and the leader's decision reason counts as a note).
    A criterion judged not applicable needs no photo; "below max" and "answered no" apply only
    once scored. At most one photo and one note are asked for per criterion.
    """
    rule = criterion.evidence
    found: list[MissingEvidence] = []
    below_max = (
        state == "scored"
        and points is not None
        and points < criterion.max_points
        and not math.isclose(points, criterion.max_points)
    )
    photo_key = _photo_key(criterion, state, below_max)
    if photo_key and not _has_photo(inspection, criterion.id):
        found.append(_missing(criterion.id, "photo", photo_key))
    key = "evidence.note_below_max" if below_max and rule.note_required_below_max else ""
    if state == "not_applicable" and rule.note_required_when_na:
        key = "evidence.note_na"
    if key and not _has_note(inspection, criterion.id):
        found.append(_missing(criterion.id, "note", key))
    return found
