"""What changed between two versions of a template, as ids and field names (pure): what the
central office reads before publishing a new version."""

from __future__ import annotations

from dataclasses import dataclass

from checklists.template.model import Template

__all__ = ["TemplateChanges", "template_changes"]

_HEADER = ("title", "title_en", "programme", "issued_by", "total_points", "na_mode")
_LISTS = ("adjustments", "rating_bands", "hard_fails", "addressees", "general_recommendations")


@dataclass(frozen=True)
class TemplateChanges:
    """Ids of criteria (and sections) added, removed or changed, in template order, and the names
    of the header fields and lists that differ."""

    header: tuple[str, ...] = ()
    sections_added: tuple[str, ...] = ()
    sections_removed: tuple[str, ...] = ()
    sections_changed: tuple[str, ...] = ()
    """Sections whose title or maximum changed (their criteria are listed apart)."""
    criteria_added: tuple[str, ...] = ()
    criteria_removed: tuple[str, ...] = ()
    criteria_changed: tuple[str, ...] = ()
    lists: tuple[str, ...] = ()

    def __bool__(self) -> bool:
        return any(getattr(self, f) for f in self.__dataclass_fields__)


def _added(old: list[str], new: list[str]) -> tuple[str, ...]:
    return tuple(i for i in new if i not in old)


def template_changes(old: Template, new: Template) -> TemplateChanges:
    """How `new` differs from `old` (the version number is not a change)."""
    old_sections = {s.id: s for s in old.sections}
    new_sections = {s.id: s for s in new.sections}
    old_criteria = {c.id: c for c in old.criteria()}
    new_criteria = {c.id: c for c in new.criteria()}
    return TemplateChanges(
        header=tuple(f for f in _HEADER if getattr(old, f) != getattr(new, f)),
        sections_added=_added(list(old_sections), list(new_sections)),
        sections_removed=_added(list(new_sections), list(old_sections)),
        sections_changed=tuple(
            i
            for i, s in new_sections.items()
            if i in old_sections
            and (s.title, s.title_en, s.max_points)
            != (old_sections[i].title, old_sections[i].title_en, old_sections[i].max_points)
        ),
        criteria_added=_added(list(old_criteria), list(new_criteria)),
        criteria_removed=_added(list(new_criteria), list(old_criteria)),
        criteria_changed=tuple(
            i for i, c in new_criteria.items() if i in old_criteria and old_criteria[i] != c
        ),
        lists=tuple(f for f in _LISTS if getattr(old, f) != getattr(new, f)),
    )
