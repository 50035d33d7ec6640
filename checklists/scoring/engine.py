"""The scoring engine: the delegation's value per criterion, section and total points, rating.

How N/A criteria leave the total is the template's `na_mode`. By default ("section_weighted")
sections are weighted as declared: N/A criteria are rescaled within their section, and the total
is the sum of the section scaled points unless a whole section is N/A; "pooled" takes the
percentage of all applicable points (see `score_inspection`).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from functools import partial

from checklists.record.authority import trusted
from checklists.record.model import Assessment, Decision, Inspection, Value
from checklists.scoring.bands import band_containing
from checklists.scoring.comparison import self_comparison as _self_comparison
from checklists.scoring.evidence import MissingEvidence, missing_evidence
from checklists.scoring.figures import figures_with_rates
from checklists.scoring.points import Outcome, evaluate, evaluate_adjustment
from checklists.scoring.report import (
    AdjustmentResult,
    AuthorValue,
    Conflict,
    CriterionResult,
    CriterionState,
    DecidedBy,
    IgnoredRegister,
    InvalidValue,
    ScoreReport,
    SectionResult,
)
from checklists.template.model import Criterion, HardFail, RatingBand, Template
from checklists.text.format import round_number as _r

__all__ = ["score_inspection", "rating_for"]


@dataclass(frozen=True)
class _Resolved:
    state: CriterionState
    points: float | None
    decided_by: DecidedBy | None
    authors: tuple[AuthorValue, ...]
    invalid: tuple[InvalidValue, ...]


def _author_value(author_id: str, outcome: Outcome) -> AuthorValue:
    state = "scored" if outcome.kind == "points" else outcome.kind
    return AuthorValue(author_id=author_id, state=state, points=outcome.points)


def _invalid_value(
    criterion_id: str, author_id: str, from_decision: bool, outcome: Outcome
) -> InvalidValue:
    first, *more = outcome.reasons
    return InvalidValue(
        criterion_id=criterion_id,
        author_id=author_id,
        from_decision=from_decision,
        code=first.code,
        params=first.params,
        more=tuple(more),
        message=outcome.message_in("vi"),
        message_en=outcome.message_in("en"),
    )


def _resolve(
    criterion_id: str,
    judge: Callable[[Value], Outcome],
    assessments: Mapping[str, Assessment],
    decision: Decision | None,
) -> _Resolved:
    """The delegation's value: the decision if any, else the authors' agreement, else a conflict.

    An empty decision (no value) does not count, so a decision can be withdrawn. Without a
    decision, any invalid author value makes the criterion invalid until someone fixes it.
    """
    outcomes = {a: judge(assessments[a]) for a in sorted(assessments)}
    authors = tuple(_author_value(a, o) for a, o in outcomes.items())
    invalid = [
        _invalid_value(criterion_id, a, False, o)
        for a, o in outcomes.items()
        if o.kind == "invalid"
    ]
    if decision is not None:
        ruled = judge(decision)
        if ruled.kind == "invalid":
            invalid.append(_invalid_value(criterion_id, decision.author_id, True, ruled))
            return _Resolved("invalid", None, None, authors, tuple(invalid))
        if ruled.kind != "empty":
            state: CriterionState = "scored" if ruled.kind == "points" else "not_applicable"
            return _Resolved(state, ruled.points, "decision", authors, tuple(invalid))
    if invalid:
        return _Resolved("invalid", None, None, authors, tuple(invalid))
    given = [o for o in outcomes.values() if o.kind != "empty"]
    if not given:
        return _Resolved("unscored", None, None, authors, ())
    if all(o.same_as(given[0]) for o in given):
        state = "scored" if given[0].kind == "points" else "not_applicable"
        return _Resolved(state, given[0].points, "agreement", authors, ())
    return _Resolved("conflict", None, None, authors, ())


def _merged_figures(
    criterion: Criterion, assessments: Iterable[Assessment], decision: Decision | None
) -> dict[str, float]:
    """Figures every author who entered them agrees on, overridden by the decision's figures."""
    seen: dict[str, set[float]] = {}
    for a in assessments:
        for key, number in a.figures.items():
            seen.setdefault(key, set()).add(number)
    merged = {k: next(iter(v)) for k, v in seen.items() if len(v) == 1}
    if decision is not None:
        merged.update(decision.figures)
    return dict(sorted(figures_with_rates(criterion, merged).items()))


def rating_for(template: Template, total: float) -> RatingBand | None:
    """The rating band containing the total ([min, max), exactly); None if the bands leave a gap."""
    return band_containing(template.rating_bands, total)


def _capped(
    template: Template, band: RatingBand | None, results: Mapping[str, CriterionResult]
) -> tuple[RatingBand | None, tuple[HardFail, ...]]:
    triggered = tuple(
        hf
        for hf in template.hard_fails
        if (r := results.get(hf.criterion)) is not None
        and r.state == "scored"
        and r.points is not None
        and r.points <= hf.at_most
    )
    for hf in triggered:
        cap = template.band(hf.cap)
        if band is not None and cap.min < band.min:
            band = cap
    return band, triggered


def _criterion_result(
    section_id: str, criterion: Criterion, inspection: Inspection
) -> tuple[CriterionResult, _Resolved]:
    assessments = inspection.assessments.get(criterion.id, {})
    decision = inspection.decision(criterion.id)
    resolved = _resolve(criterion.id, partial(evaluate, criterion), assessments, decision)
    self_score = inspection.self_scores.get(criterion.id)
    state = resolved.state
    if criterion.scoring.kind == "info" and state != "invalid":
        state = "info"
    result = CriterionResult(
        id=criterion.id,
        section_id=section_id,
        max_points=criterion.max_points,
        points=resolved.points,
        state=state,
        decided_by=resolved.decided_by,
        authors=resolved.authors,
        self_points=self_score.points if self_score else None,
        critical=criterion.critical,
        figures=_merged_figures(criterion, assessments.values(), decision),
    )
    return result, resolved


def _section_result(
    section_id: str, declared_max: float, results: list[CriterionResult]
) -> SectionResult:
    """Unscored, conflicting and invalid criteria stay in the applicable max (they count 0)."""
    counted = [r for r in results if r.state not in ("info", "not_applicable")]
    raw = math.fsum(r.points or 0.0 for r in counted)
    applicable = math.fsum(r.max_points for r in counted)
    scaled = raw / applicable * declared_max if applicable else 0.0
    return SectionResult(
        id=section_id,
        raw_points=raw,
        applicable_max=applicable,
        declared_max=declared_max,
        scaled_points=scaled,
    )


def _pooled_total(sections: list[SectionResult], total_points: float) -> float:
    """Σ raw points over Σ applicable max, brought to total_points (sections carry no weight)."""
    applicable = math.fsum(s.applicable_max for s in sections)
    if not applicable:
        return 0.0
    return math.fsum(s.raw_points for s in sections) / applicable * total_points


def _scaled_total(sections: list[SectionResult], total_points: float) -> float:
    """Σ section scaled points, brought to total_points over the sections that still apply.

    Sections keep their declared weights; only a wholly N/A section leaves the denominator, so
    with no such section the total is exactly the sum of the section scaled points.
    """
    kept = [s for s in sections if s.applicable_max > 0]
    declared = math.fsum(s.declared_max for s in kept)
    if not declared:
        return 0.0
    return math.fsum(s.scaled_points for s in kept) / declared * total_points


def _adjustments(
    template: Template, inspection: Inspection
) -> tuple[list[AdjustmentResult], list[_Resolved]]:
    results: list[AdjustmentResult] = []
    resolutions: list[_Resolved] = []
    for adj in template.adjustments:
        resolved = _resolve(
            adj.id,
            partial(evaluate_adjustment, adj),
            inspection.assessments.get(adj.id, {}),
            inspection.decision(adj.id),
        )
        results.append(
            AdjustmentResult(
                id=adj.id,
                kind=adj.kind,
                max_points=adj.max_points,
                points=resolved.points,
                state=resolved.state,
                decided_by=resolved.decided_by,
                authors=resolved.authors,
            )
        )
        resolutions.append(resolved)
    return results, resolutions


def _rounded(section: SectionResult) -> SectionResult:
    return section.model_copy(
        update={
            "raw_points": _r(section.raw_points),
            "applicable_max": _r(section.applicable_max),
            "scaled_points": _r(section.scaled_points),
        }
    )


def score_inspection(template: Template, inspection: Inspection) -> ScoreReport:
    """Score the inspection against the template: pure, deterministic, never raises on bad values.

    Values that cannot be scored are reported in `invalid`, disagreements in `conflicts`; neither
    counts towards the total (they count 0 out of their maximum).

    With `na_mode` "section_weighted" (the default), N/A criteria leave their section's
    denominator, and the section keeps its declared weight, as the programme's point table
    intends:

    - section scaled points = raw / applicable max x declared section max;
    - scaled_total = Σ section scaled points x template.total_points / Σ declared max of the
      sections that still apply (applicable max > 0), so only a wholly N/A section leaves the
      total's denominator, and otherwise the section scaled points sum to scaled_total;
    - with no N/A at all, scaled_total equals raw_total.

    With `na_mode` "pooled", scaled_total = raw_total / applicable_max x total_points: the
    percentage of all applicable points, whatever section they sit in. Either way
    percent_of_applicable = raw_total / applicable_max x 100, and the rating is `provisional`
    until the record is complete.

    raw_total and applicable_max are plain sums over the sections. Rounding to 2 decimals happens
    at the end.
    """
    view = trusted(inspection)
    inspection = view.record
    results: list[CriterionResult] = []
    resolutions: list[_Resolved] = []
    sections: list[SectionResult] = []
    evidence: list[MissingEvidence] = []
    for section in template.sections:
        in_section: list[CriterionResult] = []
        for criterion in section.criteria:
            result, resolved = _criterion_result(section.id, criterion, inspection)
            in_section.append(result)
            resolutions.append(resolved)
            evidence += missing_evidence(criterion, inspection, result.state, result.points)
        results += in_section
        sections.append(_section_result(section.id, section.max_points, in_section))
    adjustments, adj_resolutions = _adjustments(template, inspection)

    raw_total = math.fsum(s.raw_points for s in sections)
    applicable_max = math.fsum(s.applicable_max for s in sections)
    if template.na_mode == "pooled":
        scaled = _pooled_total(sections, template.total_points)
    else:
        scaled = _scaled_total(sections, template.total_points)
    bonus = math.fsum(a.points or 0.0 for a in adjustments if a.kind == "bonus")
    penalty = math.fsum(a.points or 0.0 for a in adjustments if a.kind == "penalty")
    final_total = _r(max(0.0, scaled + bonus - penalty))
    uncapped = rating_for(template, final_total)
    rating, triggered = _capped(template, uncapped, {r.id: r for r in results})

    kinds = {c.id: c.scoring.kind for c in template.criteria()}
    scored_kinds = [r for r in results if kinds[r.id] != "info"]
    all_results: list[CriterionResult | AdjustmentResult] = [*results, *adjustments]
    conflicts = tuple(
        Conflict(criterion_id=r.id, authors=r.authors) for r in all_results if r.state == "conflict"
    )
    invalid = tuple(i for res in (*resolutions, *adj_resolutions) for i in res.invalid)
    unscored_ids = tuple(r.id for r in scored_kinds if r.state == "unscored")
    invalid_ids = tuple(r.id for r in all_results if r.state == "invalid")
    complete = not (unscored_ids or conflicts or invalid_ids)
    return ScoreReport(
        template_id=template.id,
        template_version=template.version,
        criteria=tuple(results),
        sections=tuple(_rounded(s) for s in sections),
        adjustments=tuple(adjustments),
        raw_total=_r(raw_total),
        applicable_max=_r(applicable_max),
        scaled_total=_r(scaled),
        percent_of_applicable=_r(raw_total / applicable_max * 100) if applicable_max else None,
        na_mode=template.na_mode,
        bonus=_r(bonus),
        penalty=_r(penalty),
        final_total=final_total,
        rating=rating,
        rating_uncapped=uncapped,
        provisional=not complete,
        hard_fails=triggered,
        criteria_count=len(scored_kinds),
        scored_count=sum(r.state in ("scored", "not_applicable") for r in scored_kinds),
        unscored_ids=unscored_ids,
        conflict_ids=tuple(c.criterion_id for c in conflicts),
        invalid_ids=invalid_ids,
        complete=complete,
        critical_ids=tuple(c.id for c in template.criteria() if c.critical),
        conflicts=conflicts,
        invalid=invalid,
        missing_evidence=tuple(evidence),
        self_comparison=_self_comparison(scored_kinds),
        ignored=tuple(
            IgnoredRegister(path=r.path, message=r.message("vi"), message_en=r.message("en"))
            for r in view.ignored
        ),
        stale_decision_ids=inspection.stale_decisions(),
    )
