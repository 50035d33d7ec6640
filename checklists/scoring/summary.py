"""A compact summary of one inspection: what the list screen and the store's index show."""

from __future__ import annotations

from datetime import date

from pydantic import BaseModel, ConfigDict

from checklists.record.model import Inspection
from checklists.scoring.engine import score_inspection
from checklists.template.model import Template

__all__ = ["InspectionSummary", "summarize", "summarize_without_template"]


class InspectionSummary(BaseModel):
    """The few fields needed to list and sort inspections without reading their records."""

    model_config = ConfigDict(frozen=True, extra="ignore")

    id: str
    unit_name: str
    template_title: str
    inspection_date: date
    place: str
    status: str
    criteria_total: int
    criteria_scored: int
    score: float | None
    rating_label: str | None
    pending_sync: bool = False
    updated_counter: int = 0
    changed_after_lock: bool = False
    """Edits merged in after the leader locked the record: the leader should look and decide."""


def summarize(
    inspection: Inspection,
    template: Template,
    *,
    pending_sync: bool = False,
    updated_counter: int = 0,
) -> InspectionSummary:
    """Summarise a record scored against its own template."""
    report = score_inspection(template, inspection)
    return InspectionSummary(
        id=inspection.id,
        unit_name=inspection.header.unit_name,
        template_title=template.title,
        inspection_date=inspection.header.inspection_date,
        place=inspection.header.place,
        status=inspection.status().value,
        criteria_total=report.criteria_count,
        criteria_scored=report.scored_count,
        score=report.final_total if report.scored_count else None,
        # A rating means something only once every criterion is settled; until then the
        # list shows the provisional points and the progress.
        rating_label=report.rating.label if report.rating and not report.provisional else None,
        pending_sync=pending_sync,
        updated_counter=updated_counter,
        changed_after_lock=inspection.changed_since_lock(),
    )


def summarize_without_template(
    inspection: Inspection, *, pending_sync: bool = False, updated_counter: int = 0
) -> InspectionSummary:
    """Summarise a record whose template is not known here: what its header gives, no score.

    Field data is never refused for want of its template: the record is listed (0 criteria,
    no score, the template named by id and version) until the template is installed.
    """
    return InspectionSummary(
        id=inspection.id,
        unit_name=inspection.header.unit_name,
        template_title=f"{inspection.template_id} (phiên bản {inspection.template_version})",
        inspection_date=inspection.header.inspection_date,
        place=inspection.header.place,
        status=inspection.status().value,
        criteria_total=0,
        criteria_scored=0,
        score=None,
        rating_label=None,
        pending_sync=pending_sync,
        updated_counter=updated_counter,
        changed_after_lock=inspection.changed_since_lock(),
    )
