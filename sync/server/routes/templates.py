"""Published templates: the list (id, version, hash) and each one's JSON, for tablets to cache."""

from __future__ import annotations

from fastapi import APIRouter, Response

from checklists.errors import UnknownTemplate
from checklists.template.catalog import bundled_templates, get_template
from sync.protocol import TemplateRef
from sync.server.deps import CallerDep
from sync.server.errors import NotFound

__all__ = ["template_routes", "templates", "template"]

template_routes = APIRouter(prefix="/api/v1/templates", tags=["templates"])


@template_routes.get("")
def templates(caller: CallerDep) -> list[TemplateRef]:
    """Every published template version."""
    return [
        TemplateRef(id=t.id, version=t.version, content_hash=t.content_hash(), title=t.title)
        for t in bundled_templates()
    ]


@template_routes.get("/{template_id}/{version}")
def template(
    template_id: str, version: int, caller: CallerDep, content_hash: str | None = None
) -> Response:
    """One template version's JSON; `ETag` is its content hash (records name it). With
    `content_hash`, 404 unless the template published under this id and version has it."""
    try:
        found = get_template(template_id, version)
    except UnknownTemplate as exc:
        raise NotFound("no such template") from exc
    if content_hash is not None and content_hash != found.content_hash():
        raise NotFound("this template version has other content")
    return Response(
        content=found.model_dump_json(),
        media_type="application/json",
        headers={"ETag": f'"{found.content_hash()}"'},
    )
