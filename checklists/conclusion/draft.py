"""Drafting the leader's conclusion from the scores: acknowledgements, limitations, recommendations.

Pure and deterministic: the same record and template always give the same words. The draft
reads the scoring engine's report (never re-scores), the trusted record (notes of members, the
leader's reasons) and the template (criterion labels, recommendation texts, addressees); every
sentence comes from `checklists.text.labels` and every number from `checklists.text.format`.

- Acknowledgements name the groups and criteria that scored well, with the figures the unit
  reported as prose ("1.454 cuộc tiếp công dân, với 1.695 ý kiến, kiến nghị tiếp nhận"; "tỷ lệ
  đơn đã giải quyết đạt 98,77%"), then the total and the rating.
- Limitations are the criteria below their threshold (the template's `limitation_below`, else
  `LIMITATION_BELOW` of the maximum) with the inspectors' notes, and any hard fail.
- Recommendations are the short criteria's recommendation texts plus the template's general
  ones, grouped by addressee in the template's order (the inspected unit first).
"""

from __future__ import annotations

from dataclasses import dataclass

from checklists.record.authority import trusted
from checklists.record.model import ConclusionPart, Inspection
from checklists.scoring.engine import score_inspection
from checklists.scoring.report import CriterionResult, ScoreReport
from checklists.template.model import Criterion, Figure, Template
from checklists.text.format import format_number, format_percent
from checklists.text.labels import Lang, label

__all__ = [
    "LIMITATION_BELOW",
    "RecommendationGroup",
    "Draft",
    "draft",
    "figure_prose",
    "criterion_notes",
    "name_in_sentence",
    "in_sentence",
]

LIMITATION_BELOW = 0.8
"""A criterion scoring below this share of its maximum is a limitation; at or above, it scored
well (a template's criterion may set its own `limitation_below`)."""

_ADMIN_LEVELS = ("Phường", "Xã", "Thị trấn", "Thành phố", "Quận", "Huyện", "Thị xã", "Tỉnh")


@dataclass(frozen=True)
class RecommendationGroup:
    """Recommendations for one addressee ("" = the inspected unit); `heading` is "" when the
    draft has a single group (no "Đối với ..." line is needed)."""

    addressee: str
    heading: str
    items: tuple[str, ...]


@dataclass(frozen=True)
class Draft:
    """The drafted conclusion as paragraphs, for the leader to edit and the documents to print."""

    acknowledgements: tuple[str, ...]
    limitations: tuple[str, ...]
    recommendations: tuple[RecommendationGroup, ...]

    def blocks(self) -> dict[ConclusionPart, str]:
        """The three blocks as texts (one paragraph a line), ready for `write_conclusion`."""
        lines: list[str] = []
        for group in self.recommendations:
            if group.heading:
                lines.append(group.heading)
            lines.extend(f"- {item}" for item in group.items)
        return {
            ConclusionPart.ACKNOWLEDGEMENTS: "\n".join(self.acknowledgements),
            ConclusionPart.LIMITATIONS: "\n".join(self.limitations),
            ConclusionPart.RECOMMENDATIONS: "\n".join(lines),
        }


def draft(
    record: Inspection,
    template: Template,
    *,
    lang: Lang = "vi",
    report: ScoreReport | None = None,
) -> Draft:
    """The conclusion drafted from the record's scores (the report is computed unless given)."""
    report = report or score_inspection(template, record)
    clean = trusted(record).record
    short = _short_criteria(template, report)
    return Draft(
        acknowledgements=_acknowledgements(clean, template, report, short, lang),
        limitations=_limitations(clean, template, report, short, lang),
        recommendations=_recommendations(clean, template, short, lang),
    )


def _threshold(criterion: Criterion) -> float:
    return criterion.limitation_below or LIMITATION_BELOW


def _short_criteria(template: Template, report: ScoreReport) -> list[Criterion]:
    """Scored criteria below their threshold, in template order."""
    found = []
    for c in template.scored_criteria():
        r = report.criterion(c.id)
        if r.state == "scored" and r.points is not None and c.max_points > 0:
            if r.points < _threshold(c) * c.max_points:
                found.append(c)
    return found


def _well(criterion: Criterion, result: CriterionResult) -> bool:
    if result.state == "info":
        return bool(result.figures)
    return (
        result.state == "scored"
        and result.points is not None
        and criterion.max_points > 0
        and result.points >= _threshold(criterion) * criterion.max_points
    )


def name_in_sentence(text: str) -> str:
    """A name as it reads mid-sentence: "Phường Vĩnh Trại" -> "phường Vĩnh Trại"; ordinary text
    starting with a common word loses its capital too, proper names keep theirs."""
    for level in _ADMIN_LEVELS:
        if text.startswith(level + " "):
            return level.lower() + text[len(level) :]
    return text


def _figure_label(figure: Figure, lang: Lang) -> str:
    text = figure.label_en if lang == "en" and figure.label_en else figure.label
    for prefix in ("Số ", "Number of "):
        if text.startswith(prefix):
            return text[len(prefix) :]
    return text[:1].lower() + text[1:]


def figure_prose(criterion: Criterion, figures: dict[str, float], lang: Lang = "vi") -> str:
    """The criterion's reported figures as one phrase: counts as "1.454 cuộc tiếp công dân",
    rates as "tỷ lệ đơn đã giải quyết đạt 98,77%", the second joined by "với" ("" if none)."""
    phrases = []
    for figure in criterion.figures:
        value = figures.get(figure.id)
        if value is None:
            continue
        name = _figure_label(figure, lang)
        if figure.rate_of is not None or figure.unit == "%":
            shown = format_percent(value, 2, lang)
            phrases.append(label("draft.fig.rate", lang, {"label": name, "value": shown}))
        elif figure.unit and _first_word(name) == _first_word(figure.unit):
            shown = format_number(value, 2, lang)
            phrases.append(label("draft.fig.count", lang, {"label": name, "value": shown}))
        else:
            shown = format_number(value, 2, lang)
            if figure.unit:
                shown = f"{shown} {figure.unit}"
            phrases.append(label("draft.fig.other", lang, {"label": name, "value": shown}))
    if len(phrases) > 1:
        phrases[1] = f"{label('draft.fig.with', lang)} {phrases[1]}"
    return ", ".join(phrases)


def _first_word(text: str) -> str:
    return text.split(" ", 1)[0].strip(",;:.")


def _criterion_label(criterion: Criterion, lang: Lang) -> str:
    return criterion.label_en if lang == "en" and criterion.label_en else criterion.label


def _acknowledgements(
    record: Inspection,
    template: Template,
    report: ScoreReport,
    short: list[Criterion],
    lang: Lang,
) -> tuple[str, ...]:
    params = {"unit": name_in_sentence(record.header.unit_name), "programme": template.programme}
    paragraphs = [label("draft.ack.opening", lang, params)]
    sections = {s.id: s for s in report.sections}
    for section in template.sections:
        items = []
        for c in section.criteria:
            result = report.criterion(c.id)
            if c in short or not _well(c, result):
                continue
            item = in_sentence(_criterion_label(c, lang))
            prose = figure_prose(c, result.figures, lang)
            items.append(f"{item} ({prose})" if prose else item)
        if not items:
            continue
        title = section.title_en if lang == "en" and section.title_en else section.title
        totals = sections[section.id]
        whole = totals.applicable_max > 0 and totals.raw_points >= (
            LIMITATION_BELOW * totals.applicable_max
        )
        code = "draft.ack.section" if whole else "draft.ack.criteria"
        values = {
            "section": title,
            "points": str(totals.raw_points),
            "max": str(totals.applicable_max),
            "items": "; ".join(items),
        }
        paragraphs.append(label(code, lang, values))
    paragraphs.extend(_total_sentences(template, report, lang))
    return tuple(paragraphs)


def in_sentence(text: str) -> str:
    """A label or note inside a sentence: its first letter in lower case ("Ban hành ..." ->
    "ban hành ...") unless it starts with an acronym ("UBND ...") or a proper name whose
    second word is capitalised too ("Ban Chỉ đạo ...")."""
    words = text.split(" ", 2)
    if len(words[0]) > 1 and words[0].isupper():
        return text
    if len(words) > 1 and words[1][:1].isupper():
        return text
    return text[:1].lower() + text[1:]


def _total_sentences(template: Template, report: ScoreReport, lang: Lang) -> list[str]:
    total = {"total": str(report.final_total), "max": str(template.total_points)}
    if report.rating is not None:
        rating = report.rating.label_en if lang == "en" and report.rating.label_en else None
        total["rating"] = rating or report.rating.label
        sentences = [label("draft.ack.total", lang, total)]
    else:
        sentences = [label("draft.ack.total_unrated", lang, total)]
    comparison = report.self_comparison
    if any(row.self_points is not None for row in comparison.rows):
        values = {
            "self": str(comparison.self_total),
            "delegation": str(comparison.delegation_total),
        }
        sentences.append(label("draft.ack.self", lang, values))
    if report.provisional:
        pending = len(report.unscored_ids) + len(report.conflict_ids) + len(report.invalid_ids)
        sentences.append(label("draft.ack.provisional", lang, {"count": str(pending)}))
    return sentences


def criterion_notes(record: Inspection, criterion_id: str) -> list[str]:
    """The leader's reason (if decided) and the members' notes, each once, in edit order."""
    found: list[str] = []
    decision = record.decision(criterion_id)
    texts = [decision.reason] if decision is not None else []
    notes = sorted(record.assessments.get(criterion_id, {}).values(), key=lambda a: a.counter)
    texts += [a.note for a in notes]
    for text in texts:
        text = text.strip().rstrip(".").strip()
        if text and text not in found:
            found.append(text)
    return found


def _limitations(
    record: Inspection,
    template: Template,
    report: ScoreReport,
    short: list[Criterion],
    lang: Lang,
) -> tuple[str, ...]:
    paragraphs = []
    for c in short:
        result = report.criterion(c.id)
        notes = criterion_notes(record, c.id)
        prose = figure_prose(c, result.figures, lang)
        details = [*([prose] if prose else []), *(in_sentence(n) for n in notes)]
        values = {
            "criterion": _criterion_label(c, lang),
            "points": str(result.points),
            "max": str(c.max_points),
            "detail": (": " + "; ".join(details)) if details else "",
        }
        paragraphs.append(label("draft.lim.criterion", lang, values))
    for fail in report.hard_fails:
        cap = template.band(fail.cap)
        values = {
            "label": fail.label_en if lang == "en" and fail.label_en else fail.label,
            "cap": cap.label_en if lang == "en" and cap.label_en else cap.label,
        }
        paragraphs.append(label("draft.lim.hard_fail", lang, values))
    if not paragraphs:
        paragraphs.append(label("draft.lim.none", lang))
    return tuple(paragraphs)


def _recommendations(
    record: Inspection, template: Template, short: list[Criterion], lang: Lang
) -> tuple[RecommendationGroup, ...]:
    order = ["", *(a.id for a in template.addressees)]
    items: dict[str, list[str]] = {key: [] for key in order}
    for c in short:
        if c.recommendation and c.recommendation not in items[c.recommendation_to]:
            items[c.recommendation_to].append(c.recommendation)
    for general in template.general_recommendations:
        if general.text not in items[general.to]:
            items[general.to].append(general.text)
    if not any(items.values()):
        items[""].append(label("draft.rec.keep_up", lang, {"programme": template.programme}))
    names = {
        a.id: (a.label_en if lang == "en" and a.label_en else a.label) for a in template.addressees
    }
    names[""] = name_in_sentence(record.header.unit_name)
    used = [key for key in order if items[key]]
    return tuple(
        RecommendationGroup(
            addressee=key,
            heading=label("draft.rec.to", lang, {"to": names[key]}) if len(used) > 1 else "",
            items=tuple(items[key]),
        )
        for key in used
    )
