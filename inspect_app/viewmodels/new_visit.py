"""State of the new-visit form: template, unit, date, place, delegation, representatives and
who scores what; validated per field, then created through the checklists' own edits.

The record is created as the leader's (header, members and assignments are the leader's to
write: `checklists.record.authority`); the person filling the form says which member they are,
and the screen remembers it for the new visit.
"""

from __future__ import annotations

import asyncio
import re
from dataclasses import dataclass, field, replace
from datetime import date, time

import flet as ft

from checklists.errors import ChecklistError
from checklists.record.authority import Actor
from checklists.record.editing import new_inspection
from checklists.record.model import Inspection, Role, new_id
from checklists.record.paperwork import default_details, set_document_details
from checklists.record.roster import assign
from checklists.template.catalog import bundled_templates
from checklists.template.model import Template
from checklists.text.format import format_date
from inspect_app.i18n import t
from inspect_app.store import InspectionStore, StoreError
from inspect_app.viewmodels.visit import error_text

__all__ = [
    "MemberDraft",
    "NewVisitViewModel",
    "RepresentativeDraft",
    "latest_templates",
    "parse_clock",
    "parse_day",
    "template_key",
]

_MAX_TEXT = 500  # the record's ShortText
_DAY = re.compile(r"^\s*(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})\s*$")


def template_key(template: Template) -> str:
    return f"{template.id}@{template.version}"


def latest_templates() -> list[Template]:
    """The newest bundled version of each template, in the catalog's order."""
    newest: dict[str, Template] = {}
    for template in bundled_templates():
        newest[template.id] = template  # sorted by id then version: the last one is newest
    return list(newest.values())


def parse_clock(text: str) -> time | None:
    """A time of day typed as hh:mm (also "8h30", "08.30"), or None."""
    match = re.fullmatch(r"\s*(\d{1,2})\s*[:h.]\s*(\d{2})\s*", text)
    if match is None:
        return None
    hour, minute = (int(g) for g in match.groups())
    return time(hour, minute) if hour < 24 and minute < 60 else None


def parse_day(text: str) -> date | None:
    """A day typed as dd/mm/yyyy (also with "." or "-"), or None."""
    match = _DAY.match(text)
    if match is None:
        return None
    day, month, year = (int(g) for g in match.groups())
    try:
        return date(year, month, day)
    except ValueError:
        return None


@dataclass(frozen=True)
class MemberDraft:
    """One delegation member as typed in the form."""

    id: str
    name: str = ""
    position: str = ""
    body: str = ""
    role: Role = Role.THANH_VIEN


@dataclass(frozen=True)
class RepresentativeDraft:
    """One representative of the inspected unit as typed in the form."""

    id: str
    name: str = ""
    position: str = ""


def _first_leader() -> list[MemberDraft]:
    return [MemberDraft(id=new_id(), role=Role.TRUONG_DOAN)]


@ft.observable
@dataclass
class NewVisitViewModel:
    """The form's values and its errors; `save` validates, creates and stores the record."""

    store: InspectionStore
    lang: str = "vi"
    templates: list[Template] = field(default_factory=latest_templates)
    template: str = ""
    """The chosen template's key (`template_key`)."""
    unit_name: str = ""
    unit_parent: str = ""
    day: str = field(default_factory=lambda: format_date(date.today(), "vi"))
    start: str = ""
    """The visit's start time, hh:mm (optional: it goes on the minutes)."""
    place: str = ""
    lead_body: str = ""
    decision_ref: str = ""
    members: list[MemberDraft] = field(default_factory=_first_leader)
    representatives: list[RepresentativeDraft] = field(default_factory=list)
    assignments: dict[str, tuple[str, ...]] = field(default_factory=dict)
    """Member id -> the section ids they score."""
    me: str = ""
    """The member using this device (empty: the leader)."""
    errors: dict[str, str] = field(default_factory=dict)
    """Field -> what is wrong with it: template, unit_name, day, members, leader, me,
    text fields over length, and "member.<id>" / "rep.<id>" for one row."""
    saving: bool = False
    save_error: str | None = None
    created: str | None = None
    """The new record's id once saved."""

    def __post_init__(self) -> None:
        if not self.template and self.templates:
            self.template = template_key(self.templates[0])

    # -- reading -------------------------------------------------------------------------

    def chosen_template(self) -> Template | None:
        return next((x for x in self.templates if template_key(x) == self.template), None)

    def leader_id(self) -> str | None:
        """The member whose role is Trưởng đoàn, when exactly one is."""
        leaders = [m.id for m in self.members if m.role is Role.TRUONG_DOAN]
        return leaders[0] if len(leaders) == 1 else None

    def current_member(self) -> str | None:
        """Who the person said they are (default: the leader), if that member is in the form."""
        ids = {m.id for m in self.members}
        return self.me if self.me in ids else self.leader_id()

    def unassigned_sections(self) -> list[str]:
        """Ids of the chosen template's sections nobody scores yet."""
        template = self.chosen_template()
        taken = {s for ids in self.assignments.values() for s in ids}
        return [s.id for s in template.sections if s.id not in taken] if template else []

    # -- editing -------------------------------------------------------------------------

    def set_text(self, name: str, value: str) -> None:
        """Change one header field (unit_name, unit_parent, day, place, lead_body,
        decision_ref); its error goes until the next save."""
        if name not in (
            "unit_name",
            "unit_parent",
            "day",
            "start",
            "place",
            "lead_body",
            "decision_ref",
        ):
            raise KeyError(name)
        setattr(self, name, value)
        self._clear(name)

    def choose_template(self, key: str) -> None:
        self.template = key
        sections = {s.id for s in (self.chosen_template() or self.templates[0]).sections}
        self.assignments = {
            m: tuple(s for s in ids if s in sections) for m, ids in self.assignments.items()
        }
        self._clear("template")

    def add_member(self) -> None:
        self.members = [*self.members, MemberDraft(id=new_id())]
        self._clear("members")

    def update_member(self, member_id: str, **changes: str | Role) -> None:
        self.members = [replace(m, **changes) if m.id == member_id else m for m in self.members]  # type: ignore[arg-type]
        self._clear(f"member.{member_id}", "leader")

    def remove_member(self, member_id: str) -> None:
        self.members = [m for m in self.members if m.id != member_id]
        self.assignments = {k: v for k, v in self.assignments.items() if k != member_id}
        if self.me == member_id:
            self.me = ""
        self._clear(f"member.{member_id}", "leader")

    def add_representative(self) -> None:
        self.representatives = [*self.representatives, RepresentativeDraft(id=new_id())]

    def update_representative(self, rep_id: str, **changes: str) -> None:
        self.representatives = [
            replace(r, **changes) if r.id == rep_id else r for r in self.representatives
        ]
        self._clear(f"rep.{rep_id}")

    def remove_representative(self, rep_id: str) -> None:
        self.representatives = [r for r in self.representatives if r.id != rep_id]
        self._clear(f"rep.{rep_id}")

    def toggle_section(self, member_id: str, section_id: str) -> None:
        """Give a section to a member, or take it back."""
        held = self.assignments.get(member_id, ())
        wanted = set(held) ^ {section_id}
        template = self.chosen_template()
        order = [s.id for s in template.sections] if template else sorted(wanted)
        self.assignments = {**self.assignments, member_id: tuple(s for s in order if s in wanted)}

    def choose_me(self, member_id: str) -> None:
        self.me = member_id
        self._clear("me")

    def _clear(self, *names: str) -> None:
        if any(n in self.errors for n in names) or self.save_error:
            self.errors = {k: v for k, v in self.errors.items() if k not in names}
            self.save_error = None

    # -- checking and saving ---------------------------------------------------------------

    def validate(self) -> bool:
        """Fill `errors` (in `lang`) and say whether the form can be saved."""
        errors: dict[str, str] = {}
        lang = self.lang
        if self.chosen_template() is None:
            errors["template"] = t("new.error.template", lang)
        if not self.unit_name.strip():
            errors["unit_name"] = t("new.error.unit", lang)
        if parse_day(self.day) is None:
            errors["day"] = t("new.error.day", lang)
        if self.start.strip() and parse_clock(self.start) is None:
            errors["start"] = t("new.error.start", lang)
        for name in ("unit_name", "unit_parent", "place", "lead_body", "decision_ref"):
            if len(getattr(self, name).strip()) > _MAX_TEXT and name not in errors:
                errors[name] = t("new.error.too_long", lang, limit=_MAX_TEXT)
        if not self.members:
            errors["members"] = t("new.error.members", lang)
        for m in self.members:
            if not m.name.strip():
                errors[f"member.{m.id}"] = t("new.error.member_name", lang)
            elif max(len(m.name), len(m.position), len(m.body)) > _MAX_TEXT:
                errors[f"member.{m.id}"] = t("new.error.too_long", lang, limit=_MAX_TEXT)
        leaders = sum(m.role is Role.TRUONG_DOAN for m in self.members)
        if self.members and leaders != 1:
            errors["leader"] = t("new.error.no_leader" if not leaders else "new.error.two", lang)
        for r in self.representatives:
            if not r.name.strip() and r.position.strip():
                errors[f"rep.{r.id}"] = t("new.error.rep_name", lang)
        self.errors = errors
        return not errors

    def build(self) -> Inspection:
        """The new record, through `new_inspection` and `assign` (the form must validate)."""
        template = self.chosen_template()
        day = parse_day(self.day)
        if template is None or day is None:
            raise ValueError("build() before validate()")
        header = {
            "unit_name": self.unit_name.strip(),
            "unit_parent": self.unit_parent.strip(),
            "inspection_date": day,
            "place": self.place.strip(),
            "lead_body": self.lead_body.strip(),
            "decision_ref": self.decision_ref.strip(),
        }
        members = [
            {
                "id": m.id,
                "name": m.name.strip(),
                "position": m.position.strip(),
                "body": m.body.strip(),
                "role": m.role,
            }
            for m in self.members
        ]
        reps = [
            {"id": r.id, "name": r.name.strip(), "position": r.position.strip()}
            for r in self.representatives
            if r.name.strip()
        ]
        record = new_inspection(template, header, members=members, representatives=reps)
        for m in self.members:
            sections = self.assignments.get(m.id, ())
            if sections:
                record = assign(
                    record, author_id=record.leader_id, member_id=m.id, section_ids=sections
                )
        start = parse_clock(self.start) if self.start.strip() else None
        if start is not None:  # the minutes' "vào hồi …": the Documents form, as the leader
            details = default_details(record, template).model_copy(update={"start_time": start})
            record = set_document_details(record, author_id=record.leader_id, details=details)
        return record

    async def save(self) -> str | None:
        """Validate, create and store the record; its id, or None (see `errors`, `save_error`)."""
        if self.saving or self.created:
            return self.created
        self.save_error = None
        if not self.validate():
            return None
        self.saving = True
        try:
            record = self.build()
            actor = Actor(record.leader_id)
            await asyncio.to_thread(lambda: self.store.save(record, actor=actor))
        except (StoreError, ChecklistError) as exc:
            self.save_error = error_text(exc, self.lang)
            return None
        finally:
            self.saving = False
        self.created = record.id
        return record.id
