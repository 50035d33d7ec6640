"""Sentences the documents share, built from labels and the scoring engine's numbers."""

from __future__ import annotations

from typing import Protocol

from checklists.conclusion.draft import criterion_notes, figure_prose, in_sentence
from checklists.documents.context import Context
from checklists.documents.rules import TYPE_CODES
from checklists.record.model import DocumentKind, Layout, Member
from checklists.text.format import format_document_number
from checklists.text.labels import Lang, label

__all__ = [
    "in_lang",
    "title_in",
    "number_line",
    "basis_lines",
    "basis_phrases",
    "member_line",
    "listed",
    "scores_by_section",
    "total_line",
    "criterion_lines",
]


class _Labelled(Protocol):
    @property
    def label(self) -> str: ...
    @property
    def label_en(self) -> str: ...


def in_lang(item: _Labelled, lang: Lang) -> str:
    """A template item's label in the documents' language: its English label in English where
    the template gives one (as the app and the draft show it), else as written."""
    return item.label_en if lang == "en" and item.label_en else item.label


class _Titled(Protocol):
    @property
    def title(self) -> str: ...
    @property
    def title_en(self) -> str: ...


def title_in(item: _Titled, lang: Lang) -> str:
    """A section's or template's title in the documents' language (English where given)."""
    return item.title_en if lang == "en" and item.title_en else item.title


def number_line(ctx: Context, kind: DocumentKind) -> str:
    """The number and symbol line in the layout's form ("Số: 05/TB-SNV", "Số 05-TB/BDVTU"); in
    English "No." takes the place of "Số" and the symbol stays as issued ("No. 05/TB-SNV")."""
    line = format_document_number(
        ctx.details.numbers.get(kind, ""),
        TYPE_CODES[kind],
        ctx.details.symbol,
        party=ctx.layout is Layout.PARTY,
    )
    if ctx.lang == "en":
        return "No. " + line.removeprefix("Số:").removeprefix("Số").lstrip(" ")
    return line


def basis_lines(ctx: Context) -> list[str]:
    """ "Căn cứ ...;" one per line, the last ending "." (Decree 30: căn cứ in italics)."""
    lines = [b.strip().rstrip(";.") for b in ctx.details.legal_basis if b.strip()]
    shown = []
    for i, line in enumerate(lines):
        text = (
            line
            if line.lower().startswith("căn cứ")
            else label("doc.basis", ctx.lang, {"basis": line})
        )
        shown.append(text + ("." if i == len(lines) - 1 else ";"))
    return shown


def basis_phrases(ctx: Context) -> list[str]:
    """The legal bases as they read after "Thực hiện": without a leading "Căn cứ" or end mark."""
    phrases = []
    for line in ctx.details.legal_basis:
        text = line.strip().rstrip(";.").strip()
        if text.lower().startswith("căn cứ "):
            text = text[len("căn cứ ") :]
        if text:
            phrases.append(text)
    return phrases


def listed(lines: list[str]) -> list[str]:
    """Lines of a list: "- " before each, ";" after all but the last, which ends with "."."""
    cleaned = [line.strip().rstrip(";.").strip() for line in lines]
    return [f"- {x}{'.' if i == len(cleaned) - 1 else ';'}" for i, x in enumerate(cleaned)]


def member_line(member: Member, lang: Lang) -> str:
    """ "Đồng chí Nguyễn Khắc Phương, Phó Trưởng Ban Dân vận Tỉnh ủy - Trưởng đoàn;"."""
    who = ", ".join(x for x in (member.name, member.position) if x)
    if member.body and " ".join(member.body.split()[:3]) not in member.position:
        who = f"{who}, {member.body}"
    role = label(f"role.{member.role.value}", lang)
    return label("doc.member", lang, {"who": who, "role": role})


def scores_by_section(ctx: Context) -> list[str]:
    """Per section: the delegation's points of its applicable maximum and the unit's own."""
    lines = []
    sections = {s.id: s for s in ctx.report.sections}
    for section in ctx.template.sections:
        totals = sections[section.id]
        selfs = [
            r.self_points
            for c in section.criteria
            if (r := ctx.report.criterion(c.id)).self_points is not None
        ]
        values = {
            "title": title_in(section, ctx.lang),
            "points": str(totals.raw_points),
            "max": str(totals.applicable_max),
            "self": str(sum(selfs)),
        }
        code = "doc.section_score_self" if selfs else "doc.section_score"
        lines.append(label(code, ctx.lang, values))
    return lines


def total_line(ctx: Context, *, appendix: bool = True) -> str:
    """The total and the rating, as the scoring engine gave them; with `appendix`, pointing to
    the appendix that details them (only the report carries one)."""
    report = ctx.report
    rating = in_lang(report.rating, ctx.lang) if report.rating else label("doc.unrated", ctx.lang)
    values = {
        "total": str(report.final_total),
        "max": str(ctx.template.total_points),
        "rating": rating,
    }
    return label("doc.total" if appendix else "doc.total_plain", ctx.lang, values)


def criterion_lines(ctx: Context, section_id: str) -> list[str]:
    """ "- <criterion>: 5,5/6 điểm: <figures>; <notes>." for each criterion of a section."""
    section = next(s for s in ctx.template.sections if s.id == section_id)
    lines = []
    for c in section.criteria:
        r = ctx.report.criterion(c.id)
        notes = [in_sentence(n) for n in criterion_notes(ctx.record, c.id)]
        details = [figure_prose(c, r.figures, ctx.lang), *notes]
        detail = "; ".join(d for d in details if d)
        values = {
            "label": in_lang(c, ctx.lang),
            "points": str(r.points),
            "max": str(c.max_points),
            "detail": f": {detail}" if detail else "",
        }
        if r.state == "not_applicable":
            code = "doc.criterion_na"
        elif r.state == "scored" and r.points is not None:
            code = "doc.criterion"
        elif r.state == "info":
            code = "doc.criterion_info"
        else:
            code = "doc.criterion_open"
        lines.append("- " + label(code, ctx.lang, values))
    return lines
