"""State of the inspection list screen: summaries, search and status filter, load status and
store problems."""

from __future__ import annotations

import asyncio
import unicodedata
from dataclasses import dataclass, field
from functools import cache
from typing import Literal

import flet as ft

from checklists.errors import ChecklistError
from checklists.record.lifecycle import Lifecycle
from checklists.record.sample import build_sample_inspection
from checklists.scoring.summary import InspectionSummary
from checklists.template.catalog import bundled_templates
from inspect_app.store import InspectionStore, StoreError

__all__ = [
    "ALL_STATUSES",
    "InspectionListViewModel",
    "ListStatus",
    "fold",
    "localized_rating",
    "localized_title",
]

ListStatus = Literal["loading", "ready", "error"]
ALL_STATUSES = ""
"""The status filter that shows every inspection."""


def fold(text: str) -> str:
    """`text` for matching what people type: lower case, no accents, "đ" as "d" (so "vinh trai"
    finds "Vĩnh Trại" on a keyboard without Vietnamese input)."""
    decomposed = unicodedata.normalize("NFD", text.casefold().replace("đ", "d"))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@cache
def _english_words() -> tuple[dict[str, str], dict[tuple[str, str], str]]:
    """Bundled template titles and (title, rating) -> their English words, where given."""
    titles: dict[str, str] = {}
    ratings: dict[tuple[str, str], str] = {}
    for template in bundled_templates():
        if template.title_en:
            titles[template.title] = template.title_en
        for band in template.rating_bands:
            if band.label_en:
                ratings[(template.title, band.label)] = band.label_en
    return titles, ratings


def localized_title(summary: InspectionSummary, lang: str) -> str:
    """The card's template title in `lang` (the summary keeps the Vietnamese one)."""
    if lang != "en":
        return summary.template_title
    return _english_words()[0].get(summary.template_title, summary.template_title)


def localized_rating(summary: InspectionSummary, lang: str) -> str | None:
    """The card's rating in `lang`: the template's English band name on an English screen."""
    if summary.rating_label is None or lang != "en":
        return summary.rating_label
    key = (summary.template_title, summary.rating_label)
    return _english_words()[1].get(key, summary.rating_label)


@ft.observable
@dataclass
class InspectionListViewModel:
    """The list screen's data; its async methods run store I/O in a worker thread.

    Store and checklist errors become `status == "error"` with the message in `error`.

    Fields are only changed on the caller's event loop (never from the worker thread),
    so a Flet component observing this object re-renders safely.
    """

    store: InspectionStore
    summaries: list[InspectionSummary] = field(default_factory=list)
    status: ListStatus = "loading"
    error: str | None = None
    problems: list[str] = field(default_factory=list)
    sample_loading: bool = False
    query: str = ""
    """What the person typed in the search box (unit, place or template)."""
    status_filter: str = ALL_STATUSES
    """A lifecycle code, or ALL_STATUSES."""

    def __post_init__(self) -> None:
        self.problems = list(self.store.problems)

    @property
    def is_empty(self) -> bool:
        """True when the store was read and holds no inspection."""
        return self.status == "ready" and not self.summaries

    @property
    def visible(self) -> list[InspectionSummary]:
        """The summaries matching the search and the status filter, in the store's order."""
        words = fold(self.query).split()
        shown = []
        for summary in self.summaries:
            if self.status_filter and summary.status != self.status_filter:
                continue
            haystack = fold(
                " ".join(
                    (
                        summary.unit_name,
                        summary.place,
                        summary.template_title,
                        localized_title(summary, "en"),
                    )
                )
            )
            if all(word in haystack for word in words):
                shown.append(summary)
        return shown

    @property
    def filtering(self) -> bool:
        """A search or a status filter is in force."""
        return bool(self.query.strip() or self.status_filter)

    def status_counts(self) -> list[tuple[str, int]]:
        """(lifecycle code, how many) for every status held, in lifecycle order."""
        counts = {s.value: 0 for s in Lifecycle}
        for summary in self.summaries:
            counts[summary.status] = counts.get(summary.status, 0) + 1
        return [(code, n) for code, n in counts.items() if n]

    def search(self, query: str) -> None:
        self.query = query

    def filter_status(self, status: str) -> None:
        """Show one status only (the same one again, or ALL_STATUSES, shows all)."""
        self.status_filter = ALL_STATUSES if status == self.status_filter else status

    def clear_filters(self) -> None:
        self.query = ""
        self.status_filter = ALL_STATUSES

    async def refresh(self) -> None:
        """Re-read the summaries from the store; on failure keep the old list and set `error`."""
        if not self.summaries:
            self.status = "loading"
        try:
            summaries = await asyncio.to_thread(self.store.list_summaries)
        except (StoreError, ChecklistError) as exc:  # a bad bundled template, say
            self.error = str(exc)
            self.status = "error"
            return
        self.summaries = summaries
        self.error = None
        self.status = "ready"

    async def load_sample(self) -> None:
        """Save the bundled sample inspection (same id every time, so never duplicated)."""
        if self.sample_loading:
            return
        self.sample_loading = True
        try:
            await asyncio.to_thread(self._save_sample)
        except (StoreError, ChecklistError) as exc:  # a bad bundled template, say
            self.error = str(exc)
            self.status = "error"
            return
        finally:
            self.sample_loading = False
        await self.refresh()

    def dismiss_problems(self) -> None:
        """Hide the banner about files the store set aside."""
        self.problems = []

    def _save_sample(self) -> None:
        """Build and save the sample (runs in a worker thread)."""
        self.store.save(build_sample_inspection())
