"""The wire models both ends of sync share, and the pure check a tablet runs on a receipt.

Plain pydantic and stdlib only: the tablet imports this module, so it never pulls the
server's stack (FastAPI, SQLAlchemy) into the app. Every answer of the central endpoint is one
of these shapes; its OpenAPI documents them.
"""

from __future__ import annotations

import hashlib
import hmac
import json
from collections.abc import Iterable
from datetime import date
from enum import StrEnum
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field

__all__ = [
    "TemplateVersion",
    "SERVICE",
    "PROTOCOL_VERSION",
    "UserRole",
    "Health",
    "EnrollRequest",
    "UserPublic",
    "UserCreate",
    "UserUpdate",
    "Enrolled",
    "DevicePublic",
    "PlannedMember",
    "VisitCreate",
    "RefusalPublic",
    "ErrorAnswer",
    "Receipt",
    "PushResult",
    "InspectionListItem",
    "InspectionPage",
    "UploadState",
    "UploadStatesQuery",
    "UploadStates",
    "MAX_STATES",
    "TemplateRef",
    "TemplateProblem",
    "TemplatePreview",
    "TemplatePublished",
    "receipt_payload",
    "receipt_confirms",
    "receipt_signature",
]

SERVICE: Literal["inspect-central"] = "inspect-central"
"""What the health endpoint names: a captive portal's 200 never says it."""
PROTOCOL_VERSION = 1
"""Bumped when a change on the wire would break a tablet that does not know it."""

Sha256 = Annotated[str, Field(pattern=r"^[0-9a-f]{64}$")]
TemplateVersion = Annotated[int, Field(ge=1, le=2**53 - 1)]
"""A template version number (databases keep it as a 64-bit integer: bounded, never a 500)."""
Name = Annotated[str, Field(min_length=1, max_length=200)]
Username = Annotated[str, Field(min_length=1, max_length=64, pattern=r"^[A-Za-z0-9._@-]+$")]
Password = Annotated[str, Field(min_length=8, max_length=200)]


class _Wire(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class UserRole(StrEnum):
    """What a person may do on the server (a delegation's own roles live in the record)."""

    INSPECTOR = "inspector"
    TEAM_LEADER = "team_leader"
    CENTRAL_OFFICE = "central_office"
    ADMIN = "admin"


class Health(_Wire):
    """The answer of `GET /api/health`: who we are, so a tablet can tell us from a portal."""

    service: Literal["inspect-central"] = SERVICE
    protocol: int = PROTOCOL_VERSION
    status: Literal["ok"] = "ok"


class EnrollRequest(_Wire):
    """A device asking for a token with a person's credentials."""

    username: Username
    password: Annotated[str, Field(min_length=1, max_length=200)]
    device_name: Name


class UserPublic(_Wire):
    """A person as others see them; `id` is the member id they carry in records."""

    id: str
    username: str
    name: str
    role: UserRole
    active: bool = True


class UserCreate(_Wire):
    """A new account, made by an admin."""

    username: Username
    password: Password
    name: Name
    role: UserRole = UserRole.INSPECTOR


class UserUpdate(_Wire):
    """What an admin changes in an account (fields left out stay as they are)."""

    name: Name | None = None
    role: UserRole | None = None
    active: bool | None = None
    """False disables the account: its devices stop working at once; True enables it again."""


class Enrolled(_Wire):
    """A device's token (shown once, stored hashed on the server) and whose it is."""

    device_id: str
    token: str
    user: UserPublic


class DevicePublic(_Wire):
    """An enrolled device; a revoked one has `revoked` set and its token no longer works."""

    id: str
    name: str
    user_id: str
    revoked: bool


class PlannedMember(_Wire):
    """One delegation member of a planned visit: a server user and their role in the record."""

    user_id: str
    role: Literal["truong_doan", "pho_truong_doan", "thanh_vien", "thu_ky"] = "thanh_vien"
    position: Annotated[str, Field(max_length=500)] = ""
    body: Annotated[str, Field(max_length=500)] = ""


class VisitCreate(_Wire):
    """A visit planned on the server: template, unit and date, delegation and its leader."""

    template_id: str
    template_version: TemplateVersion
    unit_name: Annotated[str, Field(min_length=1, max_length=500)]
    inspection_date: date
    unit_parent: Annotated[str, Field(max_length=500)] = ""
    place: Annotated[str, Field(max_length=500)] = ""
    lead_body: Annotated[str, Field(max_length=500)] = ""
    decision_ref: Annotated[str, Field(max_length=500)] = ""
    leader_id: str
    """The user who leads the delegation; they must be among `members`."""
    members: Annotated[tuple[PlannedMember, ...], Field(min_length=1, max_length=100)]
    inspection_id: str | None = None
    """The record's id, when the planner made one; the server makes a UUID4 otherwise."""


class RefusalPublic(_Wire):
    """Why one part of a request was refused: a field path, a code, its words."""

    path: str
    code: str
    params: dict[str, str] = Field(default_factory=dict)
    message: str = ""


class ErrorAnswer(_Wire):
    """Every refusal's body: what is wrong (`detail`) and, for 422, each field path and why."""

    detail: str
    refusals: tuple[RefusalPublic, ...] = ()


class Receipt(_Wire):
    """What the server holds of a record: its content hash and every photo it points at.

    `signature` is an HMAC-SHA256 by the server's key over `receipt_payload`; a tablet cannot
    check it (it has no key) but checks the rest against what it sent (`receipt_confirms`), and
    the server can prove later that it issued the receipt.
    """

    inspection_id: str
    content_hash: Sha256
    revision: int
    photos: tuple[Sha256, ...]
    key_id: str
    signature: str


class PushResult(_Wire):
    """The answer to a push: the merged record's hash and revision, and what is still missing.

    `record` is the merged record when it differs from what was sent (teammates' work, the
    leader's decisions); `receipt` is there once every referenced photo is held.
    """

    inspection_id: str
    content_hash: Sha256
    revision: int
    changed: bool
    """True when this push changed what the server holds (a new revision)."""
    missing_photos: tuple[Sha256, ...]
    record: dict[str, Any] | None = None
    receipt: Receipt | None = None


class InspectionListItem(_Wire):
    """One line of the inspection list: enough to see what changed since the last pull."""

    id: str
    revision: int
    content_hash: Sha256
    change_seq: int
    template_id: str
    template_version: int
    unit_name: str
    inspection_date: date
    status: str


class InspectionPage(_Wire):
    """Inspections changed after `since`, oldest change first; pass `cursor` as the next `since`."""

    items: tuple[InspectionListItem, ...]
    cursor: int
    more: bool


class UploadState(_Wire):
    """How far a photo's upload has come: bytes received, and whether it is stored."""

    sha256: Sha256
    offset: int
    complete: bool


MAX_STATES = 500
"""The most photo hashes one `POST /api/v1/photos/upload-states` may ask about."""


class UploadStatesQuery(_Wire):
    """The photos a tablet is about to upload: one round trip asks how far each one is."""

    hashes: tuple[Sha256, ...] = Field(min_length=1, max_length=MAX_STATES)


class UploadStates(_Wire):
    """How far each asked photo's upload has come, in the order asked."""

    states: tuple[UploadState, ...]


class TemplateRef(_Wire):
    """A published template: id, version and the hash of its content."""

    id: str
    version: int
    content_hash: Sha256
    title: str = ""


class TemplateProblem(_Wire):
    """One thing wrong in an uploaded template: where (a spreadsheet's sheet, row and column,
    or a JSON path) and why, in Vietnamese and English."""

    place: str
    """Where, in Vietnamese ("Trang tính “Tiêu chí”, dòng 7, cột G (Điểm tối đa)")."""
    place_en: str
    message: str
    message_en: str
    code: str = ""
    sheet: str = ""
    row: int | None = None
    column: str = ""
    """The column's letter ("G"), when the problem is in one cell."""


class TemplatePreview(_Wire):
    """What publishing an upload would do, written nowhere: the template read from it (None
    when it has problems), the version it would get, or the version that already has it."""

    problems: tuple[TemplateProblem, ...] = ()
    template: dict[str, Any] | None = None
    template_id: str = ""
    content_hash: str = ""
    """The hash the template would have once numbered `next_version`."""
    next_version: int | None = None
    same_as_version: int | None = None
    """The latest published version of this id already has this content (publishing it again
    changes nothing)."""


class TemplatePublished(_Wire):
    """The result of a publish: the version that holds the content, and whether it is new."""

    ref: TemplateRef
    created: bool


def receipt_payload(
    inspection_id: str, content_hash: str, revision: int, photos: Iterable[str], key_id: str
) -> bytes:
    """The canonical bytes a receipt's signature covers (sorted keys, photos sorted)."""
    body = {
        "content_hash": content_hash,
        "inspection_id": inspection_id,
        "key_id": key_id,
        "photos": sorted(set(photos)),
        "revision": revision,
        "service": SERVICE,
    }
    return json.dumps(body, sort_keys=True, separators=(",", ":")).encode("utf-8")


def receipt_signature(key: bytes, payload: bytes) -> str:
    """HMAC-SHA256 of the payload with the server's key, as hex."""
    return hmac.new(key, payload, hashlib.sha256).hexdigest()


def receipt_confirms(
    receipt: Receipt, inspection_id: str, content_hash: str, photo_hashes: Iterable[str]
) -> bool:
    """True when the receipt covers this record exactly as the tablet holds it: same record,
    same content hash, and every photo the record points at. Only then is it delivered."""
    return (
        receipt.inspection_id == inspection_id
        and receipt.content_hash == content_hash
        and set(photo_hashes) <= set(receipt.photos)
    )
