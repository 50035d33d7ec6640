"""Errors raised by the inspection domain; each subclass tells the caller what to do."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from checklists.text.labels import has_label, label

__all__ = [
    "ChecklistError",
    "Problem",
    "TemplateInvalid",
    "RecordMismatch",
    "UnknownTemplate",
    "Refusal",
    "TemplateChanged",
    "EditRefused",
    "RecordLocked",
    "StaleEdit",
    "RecordConflict",
    "RecordMalformed",
]


class ChecklistError(Exception):
    """Base class of every error raised by `checklists`."""


@dataclass(frozen=True)
class Problem:
    """One thing wrong in a template: where it is (a dotted path) and why, in words."""

    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.message}" if self.path else self.message


class TemplateInvalid(ChecklistError):
    """The template cannot be used; fix every listed problem and load it again."""

    def __init__(self, problems: list[Problem], source: str = "") -> None:
        self.problems = problems
        self.source = source
        where = f" ({source})" if source else ""
        lines = "\n".join(f"  - {p}" for p in problems)
        super().__init__(f"Mẫu phiếu không hợp lệ{where}: {len(problems)} lỗi\n{lines}")


class RecordMismatch(ChecklistError):
    """Two copies that are not the same inspection were asked to merge; do not merge them."""


class UnknownTemplate(ChecklistError):
    """No bundled template has this id and version; install the template first."""


@dataclass(frozen=True)
class Refusal:
    """Why one register of a record is refused or ignored: where (a path) and a labelled reason."""

    path: str
    code: str
    params: Mapping[str, str] = field(default_factory=dict)

    def message(self, lang: str = "vi") -> str:
        """The reason in words (`checklists.text.labels`), prefixed with the path."""
        params = {k: _words(v, lang) for k, v in self.params.items()}
        where = f"{self.path}: " if self.path else ""
        return f"{where}{label(self.code, lang, params)}"

    def __str__(self) -> str:
        return self.message()


class _Labelled(ChecklistError):
    """An error whose message is a code and parameters, rendered by `checklists.text.labels`."""

    def __init__(self, code: str, params: Mapping[str, object] | None = None) -> None:
        self.code = code
        self.params = {k: str(v) for k, v in (params or {}).items()}
        super().__init__(self.message())

    def message(self, lang: str = "vi") -> str:
        """The message in `lang` (Vietnamese by default)."""
        params = {k: _words(v, lang) for k, v in self.params.items()}
        return label(self.code, lang, params)


def _words(value: str, lang: str) -> str:
    """A parameter that is itself a label code (e.g. "what.lock") is rendered in `lang` too."""
    return label(value, lang) if has_label(value) else value


class TemplateChanged(UnknownTemplate):
    """The template known here under the record's id and version has other content than the one
    the record was scored on (its hash differs); do not score the record with it."""


class EditRefused(_Labelled):
    """This person may not make this edit now; show the message and leave the record unchanged."""


class RecordLocked(EditRefused):
    """The record is locked or delivered; a leader must reopen it, with a reason, to edit it."""


class StaleEdit(ChecklistError):
    """An edit was made from an out-of-date copy; load the stored copy and make the edit again."""


class RecordConflict(ChecklistError):
    """Two copies hold different contents under one immutable id (an event rewritten): refuse the
    incoming copy whole and report it; never pick a winner."""


class RecordMalformed(ChecklistError):
    """A record breaks a structural rule (see `integrity`): refuse it and change nothing."""

    def __init__(self, refusals: list[Refusal]) -> None:
        self.refusals = refusals
        lines = "\n".join(f"  - {r}" for r in refusals)
        super().__init__(f"Biên bản không hợp lệ: {len(refusals)} lỗi\n{lines}")
