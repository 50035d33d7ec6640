"""Errors raised by the inspection domain; each subclass tells the caller what to do."""

from __future__ import annotations

from dataclasses import dataclass

__all__ = [
    "ChecklistError",
    "Problem",
    "TemplateInvalid",
    "RecordMismatch",
    "UnknownTemplate",
    "TemplateChanged",
    "EditRefused",
    "RecordLocked",
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


class TemplateChanged(UnknownTemplate):
    """The template known here under the record's id and version has other content than the one
    the record was scored on (its hash differs); do not score the record with it."""


class EditRefused(ChecklistError):
    """This person may not make this edit now; show the message and leave the record unchanged."""


class RecordLocked(EditRefused):
    """The record is locked or delivered; a leader must reopen it, with a reason, to edit it."""
