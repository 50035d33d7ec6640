"""Published templates: the bundled ones plus every version the central office publishes.

Publishing takes an upload (a template's JSON or its XLSX spreadsheet), validates it through the
domain's one loading path, and stores it as the next version of its id (one above every version
published or bundled): a published version is never changed. Publishing content identical to the
latest version of its id (whatever version number the upload carried) changes nothing and
answers that version: re-sending the same thing is harmless. A preview runs every check and
writes nothing.
"""

from __future__ import annotations

from datetime import UTC, datetime
from functools import lru_cache

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from checklists.errors import Problem, TemplateInvalid, UnknownTemplate
from checklists.template.catalog import Resolver, bundled_templates
from checklists.template.model import Template
from checklists.template.sheet_reader import CellProblem, column_letter, template_from_sheets
from checklists.template.validation import parse_template
from sync.protocol import RefusalPublic, TemplatePreview, TemplateProblem, TemplateRef
from sync.server.access import OFFICE, Caller, require_role
from sync.server.db import lock_record
from sync.server.errors import Refused
from sync.server.tables import PublishedTemplate
from sync.server.workbooks import read_workbook

__all__ = [
    "template_refs",
    "published_on",
    "find_template",
    "latest_version",
    "resolver",
    "read_upload",
    "preview",
    "publish",
    "problem_public",
    "refused",
]


def _ref(template: Template) -> TemplateRef:
    return TemplateRef(
        id=template.id,
        version=template.version,
        content_hash=template.content_hash(),
        title=template.title,
    )


def template_refs(session: Session) -> list[TemplateRef]:
    """Every published version, bundled ones included, sorted by id then version."""
    refs = [_ref(t) for t in bundled_templates()]
    rows = session.execute(
        select(
            PublishedTemplate.template_id,
            PublishedTemplate.version,
            PublishedTemplate.content_hash,
            PublishedTemplate.title,
        )
    )
    refs += [TemplateRef(id=i, version=v, content_hash=h, title=t) for i, v, h, t in rows]
    return sorted(refs, key=lambda r: (r.id, r.version))


def published_on(session: Session) -> dict[tuple[str, int], datetime]:
    """When each published (not bundled) version was published, by (id, version)."""
    rows = session.execute(
        select(
            PublishedTemplate.template_id,
            PublishedTemplate.version,
            PublishedTemplate.published_at,
        )
    )
    return {(i, v): at for i, v, at in rows}


@lru_cache(maxsize=64)
def _loaded(content_hash: str, body: str) -> Template:
    """A stored template (validated when published), parsed once per process."""
    return Template.model_validate_json(body)


def find_template(session: Session, template_id: str, version: int) -> Template:
    """The published template with this id and version, or `UnknownTemplate`."""
    for template in bundled_templates():
        if template.id == template_id and template.version == version:
            return template
    row = session.get(PublishedTemplate, (template_id, version))
    if row is None:
        raise UnknownTemplate.labelled(
            "template.unknown_version", {"id": template_id, "version": version}
        )
    return _loaded(row.content_hash, row.body)


def resolver(session: Session) -> Resolver:
    """`find_template` on this session, in the shape `checklists.template.catalog` takes."""
    return lambda template_id, version: find_template(session, template_id, version)


def read_upload(data: bytes, *, xlsx: bool, source: str = "") -> Template:
    """The template an upload holds: JSON text, or an XLSX spreadsheet (`xlsx`).

    `TemplateInvalid` lists every problem (in a spreadsheet, each placed at its sheet, row and
    column); `WorkbookUnreadable` when the file is no readable XLSX.
    """
    if xlsx:
        return template_from_sheets(read_workbook(data), source)
    return parse_template(data, source)


def latest_version(session: Session, template_id: str) -> Template | None:
    """The highest published version of this id (bundled or not), None for a new id."""
    return _latest(session, template_id)


def _latest(session: Session, template_id: str) -> Template | None:
    bundled = [t for t in bundled_templates() if t.id == template_id]
    top = session.scalar(
        select(func.max(PublishedTemplate.version)).where(
            PublishedTemplate.template_id == template_id
        )
    )
    if top is not None:
        return find_template(session, template_id, top)
    return max(bundled, key=lambda t: t.version) if bundled else None


def _numbered(template: Template, version: int) -> Template:
    return template.model_copy(update={"version": version})


def preview(session: Session, template: Template) -> TemplatePreview:
    """What publishing this template would do (nothing is written)."""
    latest = _latest(session, template.id)
    if latest is not None and _numbered(template, latest.version) == latest:
        return TemplatePreview(
            template=latest.model_dump(mode="json"),
            template_id=latest.id,
            content_hash=latest.content_hash(),
            same_as_version=latest.version,
        )
    numbered = _numbered(template, latest.version + 1 if latest else 1)
    return TemplatePreview(
        template=numbered.model_dump(mode="json"),
        template_id=numbered.id,
        content_hash=numbered.content_hash(),
        next_version=numbered.version,
    )


def publish(*, session: Session, caller: Caller, template: Template) -> tuple[TemplateRef, bool]:
    """Store the template as the next version of its id (the central office and admins only);
    the version that already holds it, unchanged, when it is the latest's content.

    One publish per template id at a time (the id's lock), so two never take one number.
    """
    require_role(caller, OFFICE)
    lock_record(session, f"template:{template.id}")
    latest = _latest(session, template.id)
    if latest is not None and _numbered(template, latest.version) == latest:
        return _ref(latest), False
    numbered = _numbered(template, latest.version + 1 if latest else 1)
    session.add(
        PublishedTemplate(
            template_id=numbered.id,
            version=numbered.version,
            content_hash=numbered.content_hash(),
            title=numbered.title,
            body=numbered.model_dump_json(),
            published_by=caller.user_id,
            published_at=datetime.now(UTC),
        )
    )
    session.flush()
    return _ref(numbered), True


def problem_public(problem: Problem) -> TemplateProblem:
    """One problem as the API shows it, in both languages, with its cell when it has one."""
    if isinstance(problem, CellProblem):
        return TemplateProblem(
            place=problem.place("vi"),
            place_en=problem.place("en"),
            message=problem.message_in("vi"),
            message_en=problem.message_in("en"),
            code=problem.code,
            sheet=problem.sheet,
            row=problem.row,
            column=column_letter(problem.column) if problem.column is not None else "",
        )
    return TemplateProblem(
        place=problem.path,
        place_en=problem.path,
        message=problem.message_in("vi"),
        message_en=problem.message_in("en"),
        code=problem.code,
    )


def refused(exc: TemplateInvalid) -> Refused:
    """The 422 a publish answers for an invalid upload: one refusal per problem."""
    return Refused(
        "template refused",
        [
            RefusalPublic(
                path=problem_public(p).place,
                code=p.code,
                params=dict(p.params),
                message=p.text("vi"),
            )
            for p in exc.problems[:200]
        ],
    )
