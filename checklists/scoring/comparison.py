"""The unit's self score (điểm tự chấm) compared with the delegation's, row by row and in total."""

from __future__ import annotations

import math

from checklists.scoring.report import CriterionResult, SelfComparison, SelfScoreRow
from checklists.text.format import round_number as round2

__all__ = ["self_comparison"]


def self_comparison(results: list[CriterionResult]) -> SelfComparison:
    """The unit's self scores against the delegation's points, info-only criteria left out."""
    rows = [
        SelfScoreRow(
            criterion_id=r.id,
            self_points=r.self_points,
            delegation_points=r.points,
            difference=(
                round2(r.points - r.self_points)
                if r.points is not None and r.self_points is not None
                else None
            ),
        )
        for r in results
        if r.self_points is not None and r.state != "info"
    ]
    both = [r for r in rows if r.difference is not None]
    self_total = math.fsum(r.self_points or 0.0 for r in both)
    delegation_total = math.fsum(r.delegation_points or 0.0 for r in both)
    return SelfComparison(
        rows=tuple(rows),
        self_total=round2(self_total),
        delegation_total=round2(delegation_total),
        difference=round2(delegation_total - self_total),
    )
