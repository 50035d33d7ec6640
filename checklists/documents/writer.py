"""Writing the three documents of one inspection: the API the app's Conclusion screen calls.

`build_documents` makes them in memory (python-docx `Document`s, for tests and previews);
`write_documents` saves them as DOCX files in a folder and returns their paths. Photo bytes
come through the caller's `PhotoReader`, so this package never opens the store itself.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from docx.document import Document

from checklists.documents.context import Context, PhotoReader, make_context
from checklists.documents.minutes import build_minutes
from checklists.documents.notice import build_notice
from checklists.documents.result_report import build_report
from checklists.record.model import DocumentKind, Inspection, Layout
from checklists.record.paperwork import document_details
from checklists.scoring.report import ScoreReport
from checklists.template.model import Template
from checklists.text.labels import Lang

__all__ = ["BUILDERS", "FILE_STEMS", "build_documents", "write_documents"]

BUILDERS: dict[DocumentKind, Callable[[Context], Document]] = {
    DocumentKind.MINUTES: build_minutes,
    DocumentKind.REPORT: build_report,
    DocumentKind.NOTICE: build_notice,
}
FILE_STEMS = {
    DocumentKind.MINUTES: "bien-ban-kiem-tra",
    DocumentKind.REPORT: "bao-cao-ket-qua-kiem-tra",
    DocumentKind.NOTICE: "thong-bao-ket-luan",
}


def build_documents(
    record: Inspection,
    template: Template,
    layout: Layout | None = None,
    photo_reader: PhotoReader | None = None,
    *,
    lang: Lang = "vi",
    report: ScoreReport | None = None,
    kinds: tuple[DocumentKind, ...] = tuple(DocumentKind),
) -> dict[DocumentKind, Document]:
    """The documents as python-docx objects; `layout` None uses the Documents form's choice."""
    ctx = make_context(record, template, layout, photo_reader, lang=lang, report=report)
    return {kind: BUILDERS[kind](ctx) for kind in kinds}


def write_documents(
    record: Inspection,
    template: Template,
    layout: Layout | None,
    photo_reader: PhotoReader | None,
    folder: Path,
    *,
    lang: Lang = "vi",
    report: ScoreReport | None = None,
) -> dict[DocumentKind, Path]:
    """Write the minutes, the report and the conclusion notice as DOCX files into `folder`
    (created if missing), named "<document>-<layout>-<record id>.docx"; returns their paths.

    OSError from the file system is the caller's to handle (the app shows it to the person).
    """
    folder.mkdir(parents=True, exist_ok=True)
    documents = build_documents(record, template, layout, photo_reader, lang=lang, report=report)
    chosen = layout or document_details(record, template).layout
    paths = {}
    for kind, doc in documents.items():
        path = folder / f"{FILE_STEMS[kind]}-{chosen.value}-{record.id}.docx"
        doc.save(str(path))
        paths[kind] = path
    return paths
