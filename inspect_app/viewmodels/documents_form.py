"""State of the Documents form: what the official documents need beyond the scores (issuing body,
numbers, place and date, times, legal basis, signer, Nơi nhận), prefilled from
`checklists.record.paperwork.document_details` (defaults until the leader saves), checked field
by field, and saved with `set_document_details` through the store's one edit path.
"""

from __future__ import annotations

import asyncio
import re
from dataclasses import dataclass, field
from datetime import date, datetime, time
from typing import Any, Literal

import flet as ft

from checklists.errors import ChecklistError
from checklists.record.authority import Actor
from checklists.record.model import DocumentDetails, DocumentKind, Inspection, Layout
from checklists.record.paperwork import document_details, set_document_details
from checklists.text.format import format_date
from inspect_app.i18n import t
from inspect_app.store import InspectionStore, StoreError
from inspect_app.viewmodels.visit import error_text

__all__ = [
    "AUTHORITIES",
    "DocumentsFormViewModel",
    "LINE_FIELDS",
    "TEXT_FIELDS",
    "form_values",
    "parse_form",
]

TEXT_FIELDS = (
    "superior_body",
    "issuing_body",
    "symbol",
    "place_name",
    "issued_on",
    "start_time",
    "end_time",
    "unit_organisation",
    "addressee",
    "signer_authority",
    "signer_on_behalf",
    "signer_name",
    "signer_position",
)
"""The one-line fields, in the form's order (numbers and the two lists come apart)."""
LINE_FIELDS = ("legal_basis", "distribution")
"""Fields of one entry a line."""
NUMBER_FIELDS = tuple(f"number_{k.value}" for k in DocumentKind)

AUTHORITIES: dict[Layout, tuple[str, ...]] = {
    Layout.STATE: ("", "TM.", "KT.", "TL.", "TUQ.", "Q."),
    Layout.PARTY: ("", "T/M", "K/T", "T/L", "TUQ"),
}
"""The authority prefixes each layout writes (Decree 30/2020; HD 36-HD/VPTW)."""
_SWAP = {"TM.": "T/M", "KT.": "K/T", "TL.": "T/L", "TUQ.": "TUQ"}
_LIMITS = {"symbol": 40, "signer_authority": 10}
_SHORT = 500
_MAX_LINES = 50
_TIME = re.compile(r"^(\d{1,2})\s*(?:[:hg]|giờ)\s*(\d{2})?$", re.IGNORECASE)
_DATE = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$")


def _time_text(moment: time | None) -> str:
    return "" if moment is None else f"{moment.hour:02d}:{moment.minute:02d}"


def form_values(details: DocumentDetails) -> dict[str, str]:
    """The form's fields as text, from saved or default details."""
    values = {name: str(getattr(details, name) or "") for name in TEXT_FIELDS}
    values["issued_on"] = format_date(details.issued_on) if details.issued_on else ""
    values["start_time"] = _time_text(details.start_time)
    values["end_time"] = _time_text(details.end_time)
    for name in LINE_FIELDS:
        values[name] = "\n".join(getattr(details, name))
    for kind in DocumentKind:
        values[f"number_{kind.value}"] = details.numbers.get(kind, "")
    values["layout"] = details.layout.value
    return values


def _parse_time(text: str) -> time | None:
    match = _TIME.match(text)
    if not match:
        raise ValueError(text)
    return time(int(match[1]), int(match[2] or 0))


def _parse_date(text: str) -> date:
    match = _DATE.match(text)
    if not match:
        raise ValueError(text)
    return date(int(match[3]), int(match[2]), int(match[1]))


def _lines(text: str) -> tuple[str, ...]:
    return tuple(
        line.strip().removeprefix("- ").rstrip(";").strip()
        for line in text.splitlines()
        if line.strip()
    )


def parse_form(values: dict[str, str], lang: str = "vi") -> tuple[dict[str, Any], dict[str, str]]:
    """The details to save and the errors by field (in `lang`); errors empty means valid."""
    v = {k: (values.get(k) or "").strip() for k in (*TEXT_FIELDS, *LINE_FIELDS, *NUMBER_FIELDS)}
    errors: dict[str, str] = {}
    layout = Layout(values.get("layout") or Layout.STATE.value)
    out: dict[str, Any] = {"layout": layout}
    for name in TEXT_FIELDS:
        limit = _LIMITS.get(name, _SHORT)
        if len(v[name]) > limit:
            errors[name] = t("documents.too_long", lang, limit=limit)
        out[name] = v[name]
    if not v["issuing_body"]:
        errors["issuing_body"] = t("documents.required", lang)
    if v["symbol"] and not re.fullmatch(r"[0-9A-Za-zĐđ.\-]+", v["symbol"]):
        errors["symbol"] = t("documents.symbol_invalid", lang)
    if v["signer_authority"] not in AUTHORITIES[layout]:
        choices = ", ".join(a for a in AUTHORITIES[layout] if a)
        errors["signer_authority"] = t("documents.authority_invalid", lang, choices=choices)
    out["issued_on"] = None
    if v["issued_on"]:
        try:
            out["issued_on"] = _parse_date(v["issued_on"])
        except ValueError:
            errors["issued_on"] = t("documents.date_invalid", lang)
    for name in ("start_time", "end_time"):
        out[name] = None
        if v[name]:
            try:
                out[name] = _parse_time(v[name])
            except ValueError:
                errors[name] = t("documents.time_invalid", lang)
    if out["start_time"] and out["end_time"] and out["end_time"] <= out["start_time"]:
        errors["end_time"] = t("documents.end_before_start", lang)
    for name in LINE_FIELDS:
        lines = _lines(v[name])
        if len(lines) > _MAX_LINES or any(len(line) > _SHORT for line in lines):
            errors[name] = t("documents.lines_too_long", lang, lines=_MAX_LINES, limit=_SHORT)
        out[name] = lines
    numbers = {}
    for kind in DocumentKind:
        name = f"number_{kind.value}"
        if v[name] and not re.fullmatch(r"\d{1,6}", v[name]):
            errors[name] = t("documents.number_invalid", lang)
        numbers[kind] = v[name]
    out["numbers"] = {k: n for k, n in numbers.items() if n}
    return out, errors


@ft.observable
@dataclass
class DocumentsFormViewModel:
    """The form's values (as typed), their errors, and save; the leader only."""

    store: InspectionStore
    inspection_id: str
    member_id: str = ""
    lang: str = "vi"
    status: Literal["loading", "ready", "error"] = "loading"
    error: str | None = None
    busy: bool = False
    is_leader: bool = False
    from_defaults: bool = True
    """No form saved yet: the values are the suggested defaults."""
    layout: str = Layout.STATE.value
    errors: dict[str, str] = field(default_factory=dict)
    saved_at: datetime | None = None
    """When this screen last saved the form (for "Đã lưu")."""
    revision: int = 0
    """Bumped when the values are replaced from the store (the editors take them anew)."""
    _values: dict[str, str] = field(default_factory=dict, init=False, repr=False)

    def value(self, name: str) -> str:
        return self._values.get(name, "")

    def authorities(self) -> tuple[str, ...]:
        return AUTHORITIES[Layout(self.layout)]

    def set_value(self, name: str, text: str) -> None:
        """A field was typed in; its error clears (checked again on save)."""
        self._values[name] = text
        if name in self.errors:
            self.errors = {k: e for k, e in self.errors.items() if k != name}

    def set_layout(self, layout: str) -> None:
        """State or Party: the authority prefix follows ("KT." <-> "K/T")."""
        chosen = Layout(layout)
        authority = self._values.get("signer_authority", "")
        swap = _SWAP if chosen is Layout.PARTY else {b: a for a, b in _SWAP.items()}
        self._values["signer_authority"] = swap.get(authority, authority)
        self._values["layout"] = chosen.value
        self.layout = chosen.value
        self.revision += 1

    async def load(self) -> None:
        try:
            details, from_defaults, leader = await asyncio.to_thread(self._read)
        except (StoreError, ChecklistError, LookupError) as exc:
            self.error = error_text(exc, self.lang)
            self.status = "error"
            return
        self._take(details, leader)
        self.from_defaults = from_defaults
        self.error = None
        self.status = "ready"

    async def save(self) -> bool:
        """Check every field; save when all are valid (True), else show the errors."""
        details, errors = parse_form(self._values, self.lang)
        self.errors = errors
        if errors or self.busy:
            return False
        self.busy = True
        author = self.member_id

        def change(record: Inspection) -> Inspection:
            return set_document_details(record, author_id=author, details=details)

        try:
            record = await asyncio.to_thread(self._apply, change)
        except (StoreError, ChecklistError, LookupError) as exc:
            self.error = error_text(exc, self.lang)
            return False
        finally:
            self.busy = False
        self.error = None
        self.from_defaults = record.documents is None
        self.saved_at = datetime.now()
        return True

    def dismiss_error(self) -> None:
        self.error = None

    def _take(self, details: DocumentDetails, leader: bool) -> None:
        self._values = form_values(details)
        self.layout = details.layout.value
        self.is_leader = leader
        self.errors = {}
        self.revision += 1

    def _read(self) -> tuple[DocumentDetails, bool, bool]:
        record = self.store.get(self.inspection_id)
        template = self.store.template_of(record)
        details = document_details(record, template)
        saved = record.documents is not None and not record.documents.removed
        return details, not saved, self.member_id in record.leader_ids()

    def _apply(self, change: Any) -> Inspection:
        record, _rev = self.store.edit(self.inspection_id, change, actor=Actor(self.member_id))
        return record
