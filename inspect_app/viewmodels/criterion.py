"""State of the criterion screen: the control for its kind, my value and note, the delegation's
result, evidence warnings, photos, and the edits (each one `store.edit`, off the event loop)."""

from __future__ import annotations

import asyncio
import weakref
from collections.abc import Callable, Coroutine, Mapping
from dataclasses import dataclass, field
from datetime import tzinfo
from typing import Any, Literal

import flet as ft

from checklists.errors import ChecklistError
from checklists.record.authority import Actor
from checklists.record.commit import UNSET, Unset
from checklists.record.editing import assess, withdraw_assessment
from checklists.record.model import Inspection, Value
from checklists.scoring.engine import score_inspection
from checklists.scoring.figures import figure_problems, figures_with_rates
from checklists.template.model import Criterion, Status, Template
from checklists.text.format import format_number, format_percent
from checklists.text.labels import label
from inspect_app.i18n import t
from inspect_app.photos.attach import attach_photo
from inspect_app.photos.errors import PhotoError
from inspect_app.photos.processing import MAX_BYTES
from inspect_app.store import InspectionStore, StoreError
from inspect_app.viewmodels.drafts import TypingDraft, parse_number
from inspect_app.viewmodels.photos import thumbnail_or_none
from inspect_app.viewmodels.visit import error_text

__all__ = [
    "ControlKind",
    "CriterionStatus",
    "Option",
    "FigureInput",
    "PhotoItem",
    "CriterionViewModel",
    "points_values",
    "figure_inputs",
    "NOTE_DEBOUNCE_S",
    "SaveState",
]

ControlKind = Literal["points", "status", "yes_no", "bands", "info"]
CriterionStatus = Literal["loading", "ready", "error"]
SaveState = Literal["", "saving", "saved", "error"]

NOTE_DEBOUNCE_S = 0.7
"""Typing is saved this long after the last keystroke (and at once on blur or leaving)."""

_ERRORS = (StoreError, ChecklistError, LookupError)


def _lang(lang: str) -> str:
    return "en" if lang == "en" else "vi"


@dataclass(frozen=True)
class Option:
    """One choice of a segmented control: the value's key ("dat", "yes", "na") and its label."""

    key: str
    label: str


@dataclass(frozen=True)
class FigureInput:
    """One figure field: entered by the member, or a rate derived live from two others."""

    id: str
    label: str
    unit: str
    integer: bool
    derived: bool
    value: float | None
    value_text: str
    """The value in Vietnamese form ("815", "98,77%"), "" when none."""


@dataclass(frozen=True)
class PhotoItem:
    """A photo attached to the criterion (anyone's, not detached)."""

    id: str
    caption: str
    author_id: str
    sha256: str = ""
    thumbnail: bytes | None = None
    """A small JPEG; None when the photo's file is not on this device."""


_TYPING: dict[tuple[str, str, str], weakref.WeakSet[TypingDraft]] = {}
"""The drafts of every open or just-left screen per (inspection, criterion, member): a screen
opened again first saves what the one left behind still holds (typed, or on its way to disk),
so it never shows older text than was typed."""


def points_values(criterion: Criterion) -> list[float]:
    """The stepper's values: 0 to the maximum on the template's step (the maximum always last)."""
    step = getattr(criterion.scoring, "step", 0.5)
    count = int(criterion.max_points / step + 1e-9)
    values = [round(i * step, 6) for i in range(count + 1)]
    if values[-1] < criterion.max_points:
        values.append(criterion.max_points)
    return values


def figure_inputs(
    criterion: Criterion, figures: Mapping[str, float], lang: str = "vi"
) -> list[FigureInput]:
    """The criterion's figure fields filled from `figures`, derived rates computed (live)."""
    lang = _lang(lang)
    computed = figures_with_rates(criterion, figures)
    out = []
    for f in criterion.figures:
        number = computed.get(f.id)
        percent = f.unit == "%" or f.rate_of is not None
        if number is None:
            text = ""
        elif percent:
            text = format_percent(number, 2, lang)
        else:
            text = format_number(number, 4, lang)
        out.append(
            FigureInput(
                id=f.id,
                label=(f.label_en if lang == "en" else "") or f.label,
                unit=f.unit,
                integer=f.integer,
                derived=f.rate_of is not None,
                value=number,
                value_text=text,
            )
        )
    return out


def _options(criterion: Criterion, lang: str) -> list[Option]:
    kind = criterion.scoring.kind
    options: list[Option] = []
    if kind == "status":
        options = [Option(s.value, label(f"status.{s.value}", lang)) for s in Status]
    elif kind == "yes_no":
        yes, no = t("answer.yes", lang), t("answer.no", lang)
        options = [Option("yes", yes), Option("no", no)]
    if criterion.allow_na:
        options.append(Option("na", label("status.not_applicable", lang)))
    return options


def _option_key(value: Value | None) -> str | None:
    if value is None:
        return None
    if value.not_applicable:
        return "na"
    if value.status is not None:
        return value.status.value
    if value.answer is not None:
        return "yes" if value.answer else "no"
    return None


@dataclass(frozen=True)
class _Snapshot:
    """Everything the screen shows, read and shaped in a worker thread."""

    fields: dict[str, object]


@ft.observable
@dataclass
class CriterionViewModel:
    """The criterion screen's data and edits; store I/O runs in a worker thread.

    Every edit goes through `store.edit(..., actor=Actor(member_id))`; a refusal or a store error
    becomes `error` (in `lang`) and changes nothing else. Fields change only on the event loop.
    """

    store: InspectionStore
    inspection_id: str
    criterion_id: str
    member_id: str
    lang: str = "vi"
    status: CriterionStatus = "loading"
    error: str | None = None
    pending: bool = False
    """An edit is being saved (or waits for the one before it)."""
    _edits: tuple[asyncio.AbstractEventLoop, asyncio.Lock] | None = field(
        default=None, init=False, repr=False, compare=False
    )
    _in_flight: int = field(default=0, init=False, repr=False, compare=False)
    # What the template says
    section_id: str = ""
    label: str = ""
    guidance: str = ""
    hints: tuple[str, ...] = ()
    reference: str = ""
    max_points: float = 0.0
    max_points_text: str = ""
    kind: ControlKind = "info"
    allow_na: bool = False
    step: float | None = None
    points_values: list[float] = field(default_factory=list)
    options: list[Option] = field(default_factory=list)
    critical: bool = False
    criterion: Criterion | None = None
    """The template's criterion itself (for live figure previews)."""
    # The member's own assessment
    value: Value | None = None
    """My current value (None when I have not assessed, or withdrew)."""
    selected: str | None = None
    """The option key my value picks ("dat", "yes", "na"), if a segmented control applies."""
    note: str = ""
    figures: list[FigureInput] = field(default_factory=list)
    """My figures, derived rates computed from them."""
    figure_warnings: list[str] = field(default_factory=list)
    # The unit's and the delegation's
    self_points: float | None = None
    self_points_text: str = ""
    result_state: str = "unscored"
    result_points: float | None = None
    result_points_text: str = ""
    decided_by: str | None = None
    decision_reason: str = ""
    evidence_warnings: list[str] = field(default_factory=list)
    invalid_messages: list[str] = field(default_factory=list)
    photos: list[PhotoItem] = field(default_factory=list)
    previous_id: str | None = None
    next_id: str | None = None
    previous_section_id: str | None = None
    """The section of the previous criterion (it may lie in another section)."""
    next_section_id: str | None = None
    member_name: str = ""
    # Typing, saving and photos
    max_edge: int = 1600
    """The device's cap on a photo's long edge (settings)."""
    zone: tzinfo | None = None
    """The device's time zone for camera times (None: the system's)."""
    unsaved: bool = False
    """Typed text (note, figures) waits for its debounced save or is being saved."""
    saved: bool = False
    """An edit was saved since the screen opened (for "Đã lưu")."""
    figure_errors: dict[str, str] = field(default_factory=dict)
    """Figure id -> why the typed text is no number (nothing saved)."""
    attaching: bool = False
    photo_error: str | None = None
    """Why the last photo was refused, in `lang` (nothing was kept)."""
    _drafts: dict[str, TypingDraft] = field(
        default_factory=dict, init=False, repr=False, compare=False
    )

    # -- reading --------------------------------------------------------------------------

    async def load(self) -> None:
        """Read the record and shape this criterion off the event loop; errors become `error`.

        First waits for the typed text another screen of the same criterion is still saving."""
        loop = asyncio.get_running_loop()
        for draft in list(_TYPING.get(self._key(), ())):
            if draft.loop is loop and draft.busy and draft not in self._drafts.values():
                await draft.flush()
        await self._run(lambda: self.store.get(self.inspection_id))

    @property
    def save_state(self) -> SaveState:
        """ "saving" while an edit or typed text is on its way to disk, "error" when the last
        edit was refused, "saved" once one went through, "" before any."""
        if self.pending or self.unsaved:
            return "saving"
        if self.error:
            return "error"
        return "saved" if self.saved else ""

    # -- typing (debounced) ---------------------------------------------------------------

    def type_note(self, text: str) -> None:
        """The note as typed so far: shown at once, saved `NOTE_DEBOUNCE_S` after the last
        keystroke (or at `flush`)."""
        self.note = text
        self._draft("note", self._save_note).push(text)
        self.unsaved = True

    def type_figure(self, key: str, text: str) -> None:
        """A figure as typed: the derived rates update at once; saved after a pause. Text that
        is no number sets `figure_errors[key]` and saves nothing."""
        lang = _lang(self.lang)
        try:
            number = parse_number(text, lang)
            entered = next((f for f in self.figures if f.id == key), None)
            if number is not None and entered is not None and entered.integer:
                if number != int(number):
                    raise ValueError(text)
        except ValueError:
            self.figure_errors = {**self.figure_errors, key: t("criterion.not_a_number", lang)}
            return
        self.figure_errors = {k: v for k, v in self.figure_errors.items() if k != key}
        self.preview_figure(key, number)
        self._draft(f"figure:{key}", lambda n: self._save_figure(key, n)).push(number)
        self.unsaved = True

    def flush_soon(self) -> None:
        """Start saving every typed text now (from sync code: leaving the screen, a blur)."""
        for draft in list(self._drafts.values()):
            draft.flush_soon()

    async def flush(self) -> None:
        """Save every typed text now and wait until it is on disk."""
        for draft in list(self._drafts.values()):
            await draft.flush()

    def clear_error(self) -> None:
        self.error = None

    def clear_photo_error(self) -> None:
        self.photo_error = None

    # -- photos ---------------------------------------------------------------------------

    async def read_local_file(self, path: str) -> bytes:
        """The bytes of a file the platform picker gave by path (Android, desktop); b"" when
        unreadable (then refused as an empty file)."""

        def read() -> bytes:
            try:
                with open(path, "rb") as handle:
                    return handle.read(MAX_BYTES + 1)
            except OSError:
                return b""

        return await asyncio.to_thread(read)

    async def add_photo(self, data: bytes) -> bool:
        """Process and attach a photo to this criterion; False, and `photo_error` says why,
        when the bytes are no photo kept here or the edit is refused (nothing changed)."""
        self.photo_error = None
        self.attaching = True
        lang = _lang(self.lang)
        try:
            await asyncio.to_thread(
                attach_photo,
                self.store,
                self.inspection_id,
                data,
                author_id=self.member_id,
                criterion_id=self.criterion_id,
                max_edge=self.max_edge,
                zone=self.zone,
            )
        except PhotoError as exc:
            self.photo_error = exc.message(lang)
            return False
        except _ERRORS as exc:
            self.photo_error = error_text(exc, lang)
            return False
        finally:
            self.attaching = False
        await self._run(lambda: self.store.get(self.inspection_id))
        self.saved = True
        return True

    # -- edits ----------------------------------------------------------------------------

    async def set_value(
        self,
        *,
        score: float | None = None,
        status: Status | str | None = None,
        answer: bool | None = None,
        not_applicable: bool = False,
    ) -> None:
        """Give my value (points, a status, a yes/no answer or N/A); my note and figures stay."""
        given = Value(
            not_applicable=not_applicable,
            score=score,
            status=Status(status) if status is not None else None,
            answer=answer,
            figures=self._own_figures(),
        )
        await self._edit(value=given)

    async def choose(self, key: str) -> None:
        """Pick a segmented option by its key ("dat", "dat_mot_phan", "khong_dat", "yes", "no",
        "na")."""
        if key == "na":
            await self.set_value(not_applicable=True)
        elif key in ("yes", "no"):
            await self.set_value(answer=key == "yes")
        else:
            await self.set_value(status=key)

    async def set_note(self, text: str) -> None:
        """Save my note (the view debounces typing); my value stays."""
        await self._edit(note=text)

    async def set_figure(self, key: str, number: float | None) -> None:
        """Save one figure (None clears it); the other figures and my value stay."""
        if number is not None:
            await self._edit(figures={key: number})
            return
        held = self.value or Value()
        kept = {k: v for k, v in self._own_figures().items() if k != key}
        await self._edit(value=held.model_copy(update={"figures": kept}))

    def preview_figure(self, key: str, number: float | None) -> None:
        """Show the figures as if `key` held `number` (derived rates live while typing); saves
        nothing and touches no disk: `set_figure` saves."""
        if self.criterion is None:
            return
        entered = {f.id: f.value for f in self.figures if not f.derived and f.value is not None}
        if number is None:
            entered.pop(key, None)
        else:
            entered[key] = number
        self.figures = figure_inputs(self.criterion, entered, self.lang)

    async def withdraw(self) -> None:
        """Withdraw my assessment of this criterion (value, note and figures)."""
        actor = self.member_id
        await self._change(
            lambda r: withdraw_assessment(r, author_id=actor, criterion_id=self.criterion_id)
        )

    # -- internals ------------------------------------------------------------------------

    def _key(self) -> tuple[str, str, str]:
        return (self.inspection_id, self.criterion_id, self.member_id)

    def _draft(self, name: str, save: Callable[[object], Coroutine[Any, Any, None]]) -> TypingDraft:
        draft = self._drafts.get(name)
        if draft is None:
            draft = self._drafts[name] = TypingDraft(save, NOTE_DEBOUNCE_S)
            _TYPING.setdefault(self._key(), weakref.WeakSet()).add(draft)
        return draft

    async def _save_note(self, text: object) -> None:
        try:
            await self.set_note(str(text))
        finally:
            self._refresh_unsaved()

    async def _save_figure(self, key: str, number: object) -> None:
        try:
            await self.set_figure(key, number if isinstance(number, float) else None)
        finally:
            self._refresh_unsaved()

    def _refresh_unsaved(self) -> None:
        me = asyncio.current_task()
        self.unsaved = any(d.dirty or (d.saves - {me}) for d in self._drafts.values())

    def _busy(self, name: str) -> bool:
        draft = self._drafts.get(name)
        return draft is not None and draft.busy

    def _own_figures(self) -> dict[str, float]:
        return dict(self.value.figures) if self.value is not None else {}

    async def _edit(
        self,
        *,
        value: Value | Unset = UNSET,
        note: str | Unset = UNSET,
        figures: Mapping[str, float] | Unset = UNSET,
    ) -> None:
        author, cid = self.member_id, self.criterion_id
        await self._change(
            lambda r: assess(
                r, author_id=author, criterion_id=cid, value=value, note=note, figures=figures
            )
        )

    async def _change(self, change: Callable[[Inspection], Inspection]) -> None:
        actor = Actor(self.member_id)

        def save() -> Inspection:
            record, _rev = self.store.edit(self.inspection_id, change, actor=actor)
            return record

        self._in_flight += 1
        self.pending = True
        try:
            async with self._edit_lock():  # in the order made: the last note typed wins
                await self._run(save)
            if self.error is None:
                self.saved = True
        finally:
            self._in_flight -= 1
            self.pending = self._in_flight > 0

    def _edit_lock(self) -> asyncio.Lock:
        """One lock per event loop, so edits run one at a time, in the order they were made."""
        loop = asyncio.get_running_loop()
        if self._edits is None or self._edits[0] is not loop:
            self._edits = (loop, asyncio.Lock())
        return self._edits[1]

    async def _run(self, read: Callable[[], Inspection]) -> None:
        if self.status != "ready":
            self.status = "loading"
        try:
            snapshot = await asyncio.to_thread(lambda: self._shape(read()))
        except _ERRORS as exc:
            self.error = error_text(exc, self.lang)
            if self.status != "ready":  # a failed first load; a refused edit keeps the screen
                self.status = "error"
            return
        typing_figures = any(self._busy(n) for n in self._drafts if n.startswith("figure:"))
        for name, number in snapshot.fields.items():
            if (name == "note" and self._busy("note")) or (name == "figures" and typing_figures):
                continue  # what is on screen is newer than the record: typed, not yet saved
            setattr(self, name, number)
        self.error = None
        self.status = "ready"

    def _shape(self, record: Inspection) -> _Snapshot:
        """Everything the screen shows about the criterion (runs in a worker thread)."""
        lang = _lang(self.lang)
        template = self.store.template_of(record)
        criterion = template.criterion(self.criterion_id)
        report = score_inspection(template, record)
        result = report.criterion(self.criterion_id)
        held = record.assessments.get(self.criterion_id, {}).get(self.member_id)
        own = None if held is None or held.removed else held
        value = own.value_only() if own is not None else None
        figures = dict(own.figures) if own is not None else {}
        self_score = record.self_scores.get(self.criterion_id)
        self_points = None if self_score is None or self_score.removed else self_score.points
        decision = record.decision(self.criterion_id)
        (previous_id, previous_sid), (next_id, next_sid) = _neighbours(template, self.criterion_id)
        member = record.members.get(self.member_id)
        en = lang == "en"
        fields: dict[str, object] = {
            "section_id": result.section_id,
            "label": (criterion.label_en if en else "") or criterion.label,
            "guidance": criterion.guidance,
            "hints": criterion.evidence.hints,
            "reference": criterion.reference,
            "max_points": criterion.max_points,
            "max_points_text": format_number(criterion.max_points, 2, lang),
            "kind": criterion.scoring.kind,
            "allow_na": criterion.allow_na,
            "step": getattr(criterion.scoring, "step", None),
            "points_values": points_values(criterion) if criterion.scoring.kind == "points" else [],
            "options": _options(criterion, lang),
            "critical": criterion.critical,
            "criterion": criterion,
            "value": value,
            "selected": _option_key(value),
            "note": own.note if own is not None else "",
            "figures": figure_inputs(criterion, figures, lang),
            "figure_warnings": [r.message(lang) for r in figure_problems(criterion, figures)],
            "self_points": self_points,
            "self_points_text": "" if self_points is None else format_number(self_points, 2, lang),
            "result_state": result.state,
            "result_points": result.points,
            "result_points_text": ""
            if result.points is None
            else format_number(result.points, 2, lang),
            "decided_by": result.decided_by,
            "decision_reason": decision.reason if decision is not None else "",
            "evidence_warnings": [
                m.message_en if en else m.message
                for m in report.missing_evidence
                if m.criterion_id == self.criterion_id
            ],
            "invalid_messages": [
                m.message_en if en else m.message
                for m in report.invalid
                if m.criterion_id == self.criterion_id
            ],
            "photos": [
                PhotoItem(
                    id=p.id,
                    caption=p.caption,
                    author_id=p.author_id,
                    sha256=p.sha256,
                    thumbnail=thumbnail_or_none(self.store, p.sha256),
                )
                for p in record.photos_of(self.criterion_id)
            ],
            "previous_id": previous_id,
            "next_id": next_id,
            "previous_section_id": previous_sid,
            "next_section_id": next_sid,
            "member_name": member.name if member is not None else "",
        }
        return _Snapshot(fields)


_Place = tuple[str | None, str | None]


def _neighbours(template: Template, criterion_id: str) -> tuple[_Place, _Place]:
    """(criterion id, section id) before and after this criterion in template order."""
    places = [(c.id, s.id) for s in template.sections for c in s.criteria]
    at = [cid for cid, _ in places].index(criterion_id)  # known: `template.criterion` checked
    none: _Place = (None, None)
    previous = places[at - 1] if at > 0 else none
    following = places[at + 1] if at + 1 < len(places) else none
    return previous, following
