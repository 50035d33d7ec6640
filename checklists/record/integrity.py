"""Structural checks every record gets, wherever it comes from: keys match ids, ids exist.

Types and bounds (ids, texts, counters at most 2^53 - 1, the schema version) are enforced by the
record models when a record is parsed; these are the rules that span fields.
"""

from __future__ import annotations

from checklists.errors import Refusal
from checklists.record.model import Inspection
from checklists.record.registers import KEY_FIELDS, key_matches, registers
from checklists.template.model import Template

__all__ = ["check_record"]


def check_record(record: Inspection, template: Template | None = None) -> list[Refusal]:
    """Every structural problem of the record; with its template, unknown criteria and sections."""
    found = _keys(record)
    members = set(record.members)
    for key, assignment in record.assignments.items():
        if assignment.member_id not in members:
            found.append(
                Refusal(
                    f"assignments/{key}", "check.unknown_member", {"member": assignment.member_id}
                )
            )
    if record.leader_id not in members:
        found.append(Refusal("leader_id", "check.unknown_member", {"member": record.leader_id}))
    if template is not None:
        found.extend(_against(record, template))
    return found


def _keys(record: Inspection) -> list[Refusal]:
    found = []
    for path, register in registers(record):
        field, *keys = path.split("/")
        if field in KEY_FIELDS and not key_matches(field, tuple(keys), register):
            inner = "/".join(str(getattr(register, f)) for f in KEY_FIELDS[field])
            found.append(
                Refusal(path, "check.key_mismatch", {"key": "/".join(keys), "inner": inner})
            )
    return found


def _against(record: Inspection, template: Template) -> list[Refusal]:
    criteria = {c.id for c in template.criteria()} | {a.id for a in template.adjustments}
    sections = {s.id for s in template.sections}
    used = [(f"assessments/{c}", c) for c in record.assessments]
    used += [(f"decisions/{c}", c) for c in record.decisions]
    used += [(f"self_scores/{c}", c) for c in record.self_scores]
    used += [(f"photos/{k}", p.criterion_id) for k, p in record.photos.items() if p.criterion_id]
    found = [
        Refusal(path, "check.unknown_criterion", {"criterion": c})
        for path, c in used
        if c not in criteria
    ]
    found += [
        Refusal(f"assignments/{key}", "check.unknown_section", {"section": s})
        for key, a in record.assignments.items()
        for s in a.section_ids
        if s not in sections
    ]
    return found
