"""Published templates cached on the tablet: one JSON file per version, read like bundled ones.

A record made on the server names a template the app may not bundle (published after the app
was built). The sync client fetches it, checks it against the content hash the server lists,
and `put`s it here; `resolve` is then the store's `TemplateResolver`, so the record opens and
scores offline. Published templates are immutable: a cached file is never replaced by other
content under the same id and version.
"""

from __future__ import annotations

import logging
from pathlib import Path

from checklists.errors import ChecklistError, UnknownTemplate
from checklists.template.catalog import Resolver, get_template
from checklists.template.model import Template
from checklists.template.validation import parse_template
from inspect_app.store.atomic import atomic_write, read_file
from inspect_app.store.errors import StoreCorrupted, StoreUnreadable

__all__ = ["TemplateFolder"]

logger = logging.getLogger(__name__)


class TemplateFolder:
    """Cached template files in `folder` (`<id>@<version>.json`), the bundled ones first."""

    max_bytes = 4 * 1024 * 1024
    """A template is a few tens of KB; anything this big is not one."""
    name = "templates"
    """The folder's name inside the app's data folder."""

    def __init__(self, folder: Path, bundled: Resolver = get_template) -> None:
        self.folder = folder
        self._bundled = bundled

    @classmethod
    def in_data_dir(cls, data_dir: Path, bundled: Resolver = get_template) -> TemplateFolder:
        """The cached templates of the app's data folder (`<data_dir>/templates`)."""
        return cls(data_dir / cls.name, bundled)

    def path(self, template_id: str, version: int) -> Path:
        """The cached file of a version (ValueError for a name that could leave the folder)."""
        if "/" in template_id or "\\" in template_id or template_id in ("", ".", ".."):
            raise ValueError(f"Mã mẫu không hợp lệ: {template_id[:80]!r}")
        return self.folder / f"{template_id}@{int(version)}.json"

    def resolve(self, template_id: str, version: int) -> Template:
        """The template: bundled, else cached here; UnknownTemplate when neither has it.

        A cached file that does not parse is reported as unknown (and logged), never used.
        """
        try:
            return self._bundled(template_id, version)
        except UnknownTemplate:
            pass
        cached = self._cached(template_id, version)
        if cached is None:
            raise UnknownTemplate(f"Chưa có mẫu {template_id} phiên bản {version} trên máy này.")
        return cached

    def _cached(self, template_id: str, version: int) -> Template | None:
        try:
            data = read_file(self.path(template_id, version), self.max_bytes)
        except (ValueError, StoreCorrupted, StoreUnreadable) as exc:
            logger.warning("cached template %s v%s unusable: %s", template_id, version, exc)
            return None
        if data is None:
            return None
        try:
            template = parse_template(data, f"{template_id}@{version}")
        except ChecklistError as exc:
            logger.warning("cached template %s v%s does not parse: %s", template_id, version, exc)
            return None
        if (template.id, template.version) != (template_id, version):
            return None
        return template

    def has(self, template_id: str, version: int, content_hash: str) -> bool:
        """True when this exact version (same content hash) opens here already."""
        try:
            return self.resolve(template_id, version).content_hash() == content_hash
        except (UnknownTemplate, ValueError):
            return False

    def put(self, template: Template) -> bool:
        """Cache a published template (durably); False when another content is already known
        under its id and version (published templates never change: the first one stays)."""
        try:
            known = self.resolve(template.id, template.version)
        except UnknownTemplate:
            known = None
        if known is not None:
            if known.content_hash() != template.content_hash():
                logger.warning("template %s v%s differs from the one known", *_key(template))
                return False
            return True
        self.folder.mkdir(parents=True, exist_ok=True)
        atomic_write(self.path(template.id, template.version), template.model_dump_json().encode())
        return True


def _key(template: Template) -> tuple[str, int]:
    return template.id, template.version
