"""Each stored record's summary in columns, for the office pages: written with every revision.

`store_summary(session, record)` is the one call the push path makes (after a new revision is
written): it scores the record with the domain's engine (`checklists.scoring.engine`) and keeps
the header's words, the total, rating, completeness and each criterion's points beside the
unit's self-score, so the list, the comparisons and the exports read columns, never bodies.
A record whose template the server does not know is summarised without scores.
"""

from __future__ import annotations

import unicodedata
from typing import Any

from sqlalchemy import bindparam, delete, insert, select, update
from sqlalchemy.orm import Session

from checklists.errors import TemplateChanged, UnknownTemplate
from checklists.record.model import Inspection
from checklists.scoring.engine import score_inspection
from checklists.template.catalog import Resolver, get_template, template_for
from checklists.template.model import Template
from sync.server.publishing import resolver
from sync.server.tables import CriterionScore, ListedInspection, table_of

__all__ = ["folded", "summary_values", "store_summary"]


def folded(text: str) -> str:
    """Lower case without Vietnamese accents ("Phường Vĩnh Trại" -> "phuong vinh trai")."""
    decomposed = unicodedata.normalize("NFD", text.casefold().replace("đ", "d"))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _template(record: Inspection, resolve: Resolver) -> Template | None:
    try:
        return template_for(record, resolve)
    except (UnknownTemplate, TemplateChanged):
        return None


def summary_values(
    record: Inspection, resolve: Resolver = get_template
) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """The summary row and the per-criterion rows of one record (plain column values); its
    template is found through `resolve` (the bundled catalog unless told)."""
    header = record.header
    members = record.active_members()
    leader = members.get(record.leader_id)
    template = _template(record, resolve)
    row: dict[str, Any] = {
        "inspection_id": record.id,
        "unit_name": header.unit_name,
        "unit_parent": header.unit_parent,
        "lead_body": header.lead_body,
        "leader_name": leader.name if leader is not None else "",
        "inspection_date": header.inspection_date,
        "year": header.inspection_date.year,
        "template_id": record.template_id,
        "template_version": record.template_version,
        "template_title": template.title if template is not None else record.template_id,
        "known_template": template is not None,
        "status": record.status().value,
        "photo_count": len(record.photo_hashes()),
    }
    words = [header.unit_name, header.unit_parent, header.place, header.lead_body]
    words += [m.name for m in members.values()]
    criteria: list[dict[str, Any]] = []
    if template is None:
        row |= {
            "total": None,
            "max_total": 0.0,
            "rating_code": "",
            "rating_label": "",
            "rating_label_en": "",
            "provisional": True,
            "criteria_total": 0,
            "criteria_scored": 0,
            "completeness": 0.0,
        }
    else:
        words.append(template.title)
        report = score_inspection(template, record)
        rating = report.rating
        count = report.criteria_count
        row |= {
            "total": report.final_total if report.scored_count else None,
            "max_total": float(template.total_points),
            "rating_code": rating.code if rating is not None else "",
            "rating_label": rating.label if rating is not None else "",
            "rating_label_en": (rating.label_en or rating.label) if rating is not None else "",
            "provisional": report.provisional,
            "criteria_total": count,
            "criteria_scored": report.scored_count,
            "completeness": round(100.0 * report.scored_count / count, 2) if count else 0.0,
        }
        criteria = [
            {
                "inspection_id": record.id,
                "criterion_id": result.id,
                "section_id": result.section_id,
                "position": position,
                "state": result.state,
                "points": result.points,
                "max_points": result.max_points,
                "self_points": result.self_points,
            }
            for position, result in enumerate(report.criteria)
        ]
    row["search"] = folded(" ".join(w for w in words if w))
    return row, criteria


def store_summary(session: Session, record: Inspection) -> None:
    """Bring the record's summary and criterion rows to this revision's, writing only what
    changed (a push usually changes one criterion of many): plain statements, no ORM objects."""
    row, criteria = summary_values(record, resolver(session))  # published templates too
    summaries, scores = _SUMMARIES, _SCORES
    written = session.execute(
        update(summaries).where(summaries.c.inspection_id == record.id).values(**row)
    )
    if written.rowcount == 0:  # type: ignore[attr-defined]
        session.execute(insert(summaries).values(**row))
    held = {
        found.criterion_id: found._asdict()
        for found in session.execute(select(scores).where(scores.c.inspection_id == record.id))
    }
    wanted = {values["criterion_id"]: values for values in criteria}
    if gone := held.keys() - wanted.keys():
        session.execute(
            delete(scores).where(
                scores.c.inspection_id == record.id, scores.c.criterion_id.in_(gone)
            )
        )
    if added := [values for key, values in wanted.items() if key not in held]:
        session.execute(insert(scores), added)
    if changed := [v for k, v in wanted.items() if k in held and held[k] != v]:
        session.execute(
            update(scores)
            .where(
                scores.c.inspection_id == bindparam("key_inspection"),
                scores.c.criterion_id == bindparam("key_criterion"),
            )
            .values({c: bindparam(c) for c in _SCORE_COLUMNS}),
            [
                {
                    "key_inspection": v["inspection_id"],
                    "key_criterion": v["criterion_id"],
                    **{c: v[c] for c in _SCORE_COLUMNS},
                }
                for v in changed
            ],
        )


_SUMMARIES = table_of(ListedInspection)
_SCORES = table_of(CriterionScore)
_SCORE_COLUMNS = ("section_id", "position", "state", "points", "max_points", "self_points")
