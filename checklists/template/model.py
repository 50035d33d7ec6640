"""Checklist template models: sections, criteria, scoring rules, evidence rules and rating bands.

A template is immutable once published: a record names the id, version and content hash it was
scored against. Structural checks live here (pydantic); rules that span fields live in
`checklists.template.validation`, the only way a template should be loaded from outside data.
"""

from __future__ import annotations

import hashlib
import json
from enum import StrEnum
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field

from checklists.text.labels import label

__all__ = [
    "Status",
    "PointsScoring",
    "StatusScoring",
    "YesNoScoring",
    "BandsScoring",
    "InfoScoring",
    "Scoring",
    "Figure",
    "ScoreBand",
    "EvidenceRule",
    "Criterion",
    "Section",
    "PerUnit",
    "Adjustment",
    "RatingBand",
    "HardFail",
    "Addressee",
    "GeneralRecommendation",
    "NaMode",
    "Template",
]

Identifier = Annotated[str, Field(min_length=1, max_length=40, pattern=r"^[A-Za-z0-9_.\-]+$")]
Text = Annotated[str, Field(min_length=1, max_length=2000, pattern=r"\S")]
"""Required text: at least one character that is not a space."""
Points = Annotated[float, Field(ge=0, le=1000)]


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", allow_inf_nan=False)


class Status(StrEnum):
    """Outcome of a status-scored criterion. "Không áp dụng" is `not_applicable` on the value."""

    DAT = "dat"
    DAT_MOT_PHAN = "dat_mot_phan"
    KHONG_DAT = "khong_dat"


STATUS_LABELS: dict[Status, tuple[str, str]] = {
    s: (label(f"status.{s.value}", "vi"), label(f"status.{s.value}", "en")) for s in Status
}
NOT_APPLICABLE_LABEL = (label("status.not_applicable", "vi"), label("status.not_applicable", "en"))


class PointsScoring(_Frozen):
    """The inspector gives points from 0 to the criterion's maximum, in steps."""

    kind: Literal["points"] = "points"
    step: Annotated[float, Field(gt=0, le=100)] = 0.5


class StatusScoring(_Frozen):
    """The inspector picks a status; each status is worth a fraction of the maximum."""

    kind: Literal["status"] = "status"
    fractions: dict[Status, Annotated[float, Field(ge=0, le=1)]] = Field(
        default_factory=lambda: {Status.DAT: 1.0, Status.DAT_MOT_PHAN: 0.5, Status.KHONG_DAT: 0.0}
    )


class YesNoScoring(_Frozen):
    """The inspector answers yes or no; `yes_scores` says which answer earns the maximum."""

    kind: Literal["yes_no"] = "yes_no"
    yes_scores: bool = True


class ScoreBand(_Frozen):
    """Points given when the banded figure is in [min, max); `max` None means no upper bound."""

    min: float
    max: float | None = None
    points: Points


class BandsScoring(_Frozen):
    """Points come from one of the criterion's figures, looked up in bands."""

    kind: Literal["bands"] = "bands"
    figure: Identifier
    bands: tuple[ScoreBand, ...]


class InfoScoring(_Frozen):
    """Figures are recorded for information only; the criterion carries no points."""

    kind: Literal["info"] = "info"


Scoring = Annotated[
    PointsScoring | StatusScoring | YesNoScoring | BandsScoring | InfoScoring,
    Field(discriminator="kind"),
]


class Figure(_Frozen):
    """A number the unit reports (entered as is) or a rate derived from two other figures."""

    id: Identifier
    label: Text
    label_en: str = ""
    unit: str = ""
    integer: bool = False
    rate_of: tuple[Identifier, Identifier] | None = None
    """(numerator, denominator): the figure is numerator / denominator x 100, in percent."""


class EvidenceRule(_Frozen):
    """What the delegation must attach or write before the criterion counts as evidenced."""

    photo_required: bool = False
    """A photo whatever the result (except N/A)."""
    photo_required_below_max: bool = False
    """A photo once the criterion is scored below its maximum."""
    photo_required_when_no: bool = False
    """A photo once a yes/no criterion is answered "no" (whichever answer earns the points)."""
    note_required_below_max: bool = False
    note_required_when_na: bool = True
    hints: tuple[str, ...] = ()


class Criterion(_Frozen):
    """One thing to check, with its maximum points, how it is scored and what evidence it needs."""

    id: Identifier
    label: Text
    label_en: str = ""
    guidance: str = ""
    max_points: Points
    scoring: Scoring
    allow_na: bool = False
    figures: tuple[Figure, ...] = ()
    evidence: EvidenceRule = EvidenceRule()
    critical: bool = False
    """A criterion the programme treats as essential: flagged in the report for the UI, and the
    natural target of a hard fail."""
    recommendation: str = ""
    """The recommendation the conclusion draws on when the criterion falls short."""
    recommendation_to: str = ""
    """The id of the template's addressee the recommendation is for ("" = the inspected unit)."""
    limitation_below: Annotated[float, Field(gt=0, le=1)] | None = None
    """Below this share of its maximum the conclusion lists the criterion among the limitations
    (None: the drafting default, `checklists.conclusion.draft.LIMITATION_BELOW`)."""
    reference: str = ""
    """What the seed or prior reports say about it, shown as a hint (e.g. "815 đơn; 98,77%")."""


class Section(_Frozen):
    """A group of criteria with its own declared maximum (e.g. "A. Lãnh đạo, chỉ đạo ... (20)")."""

    id: Identifier
    title: Text
    title_en: str = ""
    max_points: Points
    criteria: tuple[Criterion, ...] = Field(min_length=1)


class PerUnit(_Frozen):
    """Points per counted unit of a bonus or penalty line (e.g. 1 point per late dossier)."""

    points: Annotated[float, Field(gt=0, le=1000)]
    unit: str = ""
    """What is counted, as shown next to the count (e.g. "hồ sơ")."""


class Adjustment(_Frozen):
    """A bonus or penalty line (điểm thưởng / điểm trừ).

    Free points: the inspector gives points from 0 to max on the step. Per unit (`per_unit` set):
    the inspector enters a whole count (in the value's `score`), worth count x points each,
    capped at max_points; the step is then unused.
    """

    id: Identifier
    label: Text
    label_en: str = ""
    kind: Literal["bonus", "penalty"]
    max_points: Points
    step: Annotated[float, Field(gt=0, le=100)] = 0.5
    per_unit: PerUnit | None = None


class RatingBand(_Frozen):
    """A rating (xếp loại) for scaled totals in [min, max); `max` None means no upper bound."""

    code: Identifier
    label: Text
    label_en: str = ""
    min: float
    max: float | None = None


class HardFail(_Frozen):
    """When a criterion's decided points are at most `at_most`, the rating cannot exceed `cap`."""

    id: Identifier
    label: Text
    label_en: str = ""
    criterion: Identifier
    at_most: float = 0
    cap: Identifier
    """The code of the highest rating band still allowed."""


class Addressee(_Frozen):
    """Who a group of recommendations is addressed to in the conclusion (e.g. "UBND phường")."""

    id: Identifier
    label: Text
    label_en: str = ""


class GeneralRecommendation(_Frozen):
    """A recommendation the conclusion always carries, whatever the scores."""

    text: Text
    to: str = ""
    """The id of the addressee ("" = the inspected unit)."""


NaMode = Literal["section_weighted", "pooled"]
"""How criteria judged not applicable leave the total.

- "section_weighted": each section keeps its declared weight; N/A criteria are rescaled within
  their section, and only a wholly N/A section leaves the total's denominator.
- "pooled": the total is the percentage of all applicable points, rescaled to total_points.
"""

# Fields added after templates were first published, with their defaults: left out of the
# content hash while at their default, so a template that does not use them keeps its hash and
# the records already scored against it still find it.
_LATER_FIELDS: dict[str, object] = {
    "na_mode": "section_weighted",
    "critical": False,
    "photo_required_below_max": False,
    "photo_required_when_no": False,
    "per_unit": None,
    "recommendation_to": "",
    "limitation_below": None,
    "addressees": [],
    "general_recommendations": [],
}


def _without_later_defaults(node: object) -> object:
    if isinstance(node, dict):
        return {
            k: _without_later_defaults(v)
            for k, v in node.items()
            if not (k in _LATER_FIELDS and v == _LATER_FIELDS[k])
        }
    if isinstance(node, list):
        return [_without_later_defaults(v) for v in node]
    return node


class Template(_Frozen):
    """A published, versioned checklist: what is checked, how it is scored and rated."""

    id: Identifier
    version: Annotated[int, Field(ge=1)]
    title: Text
    title_en: str = ""
    programme: Text
    """The issuing programme or body, e.g. "Đề án xây dựng mô hình Chính quyền thân thiện"."""
    issued_by: str = ""
    total_points: Points
    sections: tuple[Section, ...] = Field(min_length=1)
    adjustments: tuple[Adjustment, ...] = ()
    rating_bands: tuple[RatingBand, ...] = Field(min_length=1)
    hard_fails: tuple[HardFail, ...] = ()
    na_mode: NaMode = "section_weighted"
    addressees: tuple[Addressee, ...] = ()
    """Who recommendations are grouped by, in the order the conclusion lists them."""
    general_recommendations: tuple[GeneralRecommendation, ...] = ()

    def content_hash(self) -> str:
        """SHA-256 of the canonical JSON of the template: the same content gives the same hash.

        Fields added later are left out while at their default (see `_LATER_FIELDS`).
        """
        canonical = json.dumps(
            _without_later_defaults(self.model_dump(mode="json")),
            ensure_ascii=False,
            sort_keys=True,
            separators=(",", ":"),
        )
        return hashlib.sha256(canonical.encode("utf-8")).hexdigest()

    def criteria(self) -> list[Criterion]:
        """All criteria in template order."""
        return [c for s in self.sections for c in s.criteria]

    def criterion(self, criterion_id: str) -> Criterion:
        """The criterion with this id (KeyError if none)."""
        for c in self.criteria():
            if c.id == criterion_id:
                return c
        raise KeyError(criterion_id)

    def scored_criteria(self) -> list[Criterion]:
        """Criteria that carry points (info-only criteria excluded)."""
        return [c for c in self.criteria() if c.scoring.kind != "info"]

    def band(self, code: str) -> RatingBand:
        """The rating band with this code (KeyError if none)."""
        for b in self.rating_bands:
            if b.code == code:
                return b
        raise KeyError(code)
