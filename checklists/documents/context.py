"""Everything one inspection's documents are written from, gathered once: pure, no docx.

The record is read as `trusted` sees it (forged registers left out); the scores come from the
scoring engine; the conclusion is the leader's text where written, else the draft; photo bytes
come through a `PhotoReader` the caller supplies, so `checklists` never touches the store.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from checklists.conclusion.draft import draft, name_in_sentence
from checklists.documents.rules import Rules, rules_for
from checklists.record.authority import trusted
from checklists.record.model import (
    ConclusionPart,
    DocumentDetails,
    Inspection,
    Layout,
    Member,
    Photo,
    Role,
)
from checklists.record.paperwork import document_details
from checklists.scoring.engine import score_inspection
from checklists.scoring.report import ScoreReport
from checklists.template.model import Template
from checklists.text.labels import Lang

__all__ = ["PhotoReader", "Context", "make_context"]

PhotoReader = Callable[[Photo], bytes | None]
"""Returns the bytes of a photo to print (a thumbnail is best), or None when it is not at hand."""


@dataclass(frozen=True)
class Context:
    """One inspection, ready to be written as documents."""

    record: Inspection
    template: Template
    details: DocumentDetails
    report: ScoreReport
    texts: dict[ConclusionPart, str]
    rules: Rules
    lang: Lang
    photo_reader: PhotoReader | None

    @property
    def layout(self) -> Layout:
        return self.rules.layout

    @property
    def issued_on(self) -> date:
        return self.details.issued_on or self.record.header.inspection_date

    def unit(self) -> str:
        """The inspected unit as titles name it: "phường Vĩnh Trại, thành phố Lạng Sơn"."""
        header = self.record.header
        names = [n for n in (header.unit_name, header.unit_parent) if n]
        return ", ".join(name_in_sentence(n) for n in names)

    def leader(self) -> Member | None:
        return self.record.members.get(self.record.leadership_state().leader_id)

    def members_in_order(self) -> list[Member]:
        """The delegation: leader, deputies, members, secretary; then by name."""
        rank = {Role.TRUONG_DOAN: 0, Role.PHO_TRUONG_DOAN: 1, Role.THANH_VIEN: 2, Role.THU_KY: 3}
        return sorted(self.record.active_members().values(), key=lambda m: (rank[m.role], m.name))


def _written(record: Inspection, part: ConclusionPart) -> str:
    block = record.conclusion.get(part)
    return block.text if block is not None and not block.removed and block.text.strip() else ""


def make_context(
    record: Inspection,
    template: Template,
    layout: Layout | None = None,
    photo_reader: PhotoReader | None = None,
    *,
    lang: Lang = "vi",
    report: ScoreReport | None = None,
) -> Context:
    """Gather what the documents need; `layout` None takes the Documents form's choice."""
    report = report or score_inspection(template, record)
    clean = trusted(record).record
    details = document_details(record, template)
    drafted = draft(record, template, lang=lang, report=report).blocks()
    texts = {part: _written(clean, part) or text for part, text in drafted.items()}
    return Context(
        record=clean,
        template=template,
        details=details,
        report=report,
        texts=texts,
        rules=rules_for(layout or details.layout),
        lang=lang,
        photo_reader=photo_reader,
    )
