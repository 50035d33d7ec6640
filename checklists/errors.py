"""Errors raised by the inspection domain; each subclass tells the caller what to do."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Self

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
    "ChangesRefused",
]


class ChecklistError(Exception):
    """Base class of every error raised by `checklists`."""


@dataclass(frozen=True)
class Problem:
    """One thing wrong in a template: where it is (a dotted path) and why, as a label code with
    parameters (`checklists.text.labels`); `message` is the Vietnamese rendering.

    Build one with `Problem.labelled`. Two problems are equal when they name the same path with
    the same Vietnamese words (code and params are left out of the comparison, so a test may
    write the problem it expects as `Problem(path, message)`).
    """

    path: str
    message: str
    code: str = field(default="", compare=False)
    params: Mapping[str, str] = field(default_factory=dict, compare=False)

    @classmethod
    def labelled(cls, path: str, code: str, params: Mapping[str, object] | None = None) -> Problem:
        """The problem at `path` whose reason is the label `code` filled with `params`."""
        words = {k: str(v) for k, v in (params or {}).items()}
        return cls(path, label(code, "vi", words), code, words)

    def message_in(self, lang: str = "vi") -> str:
        """Why, in `lang` (Vietnamese unless "en")."""
        return label(self.code, lang, self.params) if self.code else self.message

    def text(self, lang: str = "vi") -> str:
        """The path and why, in `lang`: "sections[0] (A).max_points: ..."."""
        message = self.message_in(lang)
        return f"{self.path}: {message}" if self.path else message

    def __str__(self) -> str:
        return self.text()


class TemplateInvalid(ChecklistError):
    """The template cannot be used; fix every listed problem and load it again."""

    def __init__(self, problems: list[Problem], source: str = "") -> None:
        self.problems = problems
        self.source = source
        super().__init__(self.message())

    def message(self, lang: str = "vi") -> str:
        """The heading and every problem, one a line, in `lang` (Vietnamese unless "en")."""
        code = "template.invalid_one" if len(self.problems) == 1 else "template.invalid"
        where = f" ({self.source})" if self.source else ""
        heading = label(code, lang, {"where": where, "count": len(self.problems)})
        lines = "\n".join(f"  - {p.text(lang)}" for p in self.problems)
        return f"{heading}\n{lines}"


class RecordMismatch(ChecklistError):
    """Two copies that are not the same inspection were asked to merge; do not merge them."""


class UnknownTemplate(ChecklistError):
    """No bundled template has this id and version; install the template first.

    Raised by the catalog with `labelled` (a label code and its parameters, so `message(lang)`
    reads in either language); a plain message is kept as given (Vietnamese in any language).
    """

    code: str = ""
    params: Mapping[str, str] = MappingProxyType({})

    @classmethod
    def labelled(cls, code: str, params: Mapping[str, object] | None = None) -> Self:
        """The error whose message is the label `code` filled with `params`."""
        words = {k: str(v) for k, v in (params or {}).items()}
        error = cls(label(code, "vi", words))
        error.code, error.params = code, words
        return error

    def message(self, lang: str = "vi") -> str:
        """The message in `lang` (Vietnamese unless "en")."""
        return label(self.code, lang, self.params) if self.code else str(self)


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

    heading = ("check.malformed_one", "check.malformed")

    def __init__(self, refusals: list[Refusal]) -> None:
        self.refusals = refusals
        super().__init__(self.message())

    def message(self, lang: str = "vi") -> str:
        """The heading and every refusal, one a line, in `lang` (Vietnamese unless "en")."""
        code = self.heading[0] if len(self.refusals) == 1 else self.heading[1]
        heading = label(code, lang, {"count": len(self.refusals)})
        lines = "\n".join(f"  - {r.message(lang)}" for r in self.refusals)
        return f"{heading}\n{lines}"


class ChangesRefused(RecordMalformed):
    """The sender may not make some of the changes in a copy (`checklists.record.authority`):
    refuse the whole copy, show each refusal, change nothing."""

    heading = ("auth.refused_one", "auth.refused")
