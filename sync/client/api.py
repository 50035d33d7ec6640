"""The central endpoint's calls as the tablet makes them, each answer parsed into its wire model.

An answer that does not parse as the model it should be (a captive portal's 200 with HTML, a
proxy's page) is `NotOurServer`: the tablet is offline as far as sync is concerned, and nothing
is marked delivered on such an answer.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import TypeVar

import requests
from pydantic import BaseModel, TypeAdapter, ValidationError

from checklists.errors import ChecklistError
from checklists.record.model import Inspection
from checklists.record.upgrade import parse_record
from checklists.template.model import Template
from checklists.template.validation import parse_template
from sync.client.errors import NotOurServer, RefusedByServer, SignInRequired
from sync.client.transport import Transport
from sync.protocol import (
    PROTOCOL_VERSION,
    SERVICE,
    Enrolled,
    Health,
    InspectionPage,
    PushResult,
    TemplateRef,
    UploadState,
    UploadStates,
    UploadStatesQuery,
    UserPublic,
)

__all__ = ["CentralApi", "Pulled"]

M = TypeVar("M", bound=BaseModel)
_TEMPLATE_REFS = TypeAdapter(list[TemplateRef])


class Pulled(BaseModel):
    """A record as the server holds it: the record, its content hash and revision."""

    record: Inspection
    content_hash: str
    revision: int


class CentralApi:
    """Typed calls over a `Transport`; raises only `sync.client.errors`."""

    def __init__(self, transport: Transport) -> None:
        self.transport = transport

    def health(self) -> Health:
        """The cheap call that tells our server from anything else answering 200."""
        response = self.transport.request("GET", "/api/health")
        try:
            data = json.loads(response.content)
            ours = isinstance(data, dict) and data.get("service") == SERVICE
        except ValueError:
            ours = False
        if not ours:
            raise _not_ours()
        health = _parse(response, Health)
        if health.protocol != PROTOCOL_VERSION:
            raise NotOurServer(
                f"Máy chủ dùng giao thức {health.protocol}, ứng dụng dùng {PROTOCOL_VERSION}: "
                "cần cập nhật.",
                f"The server speaks protocol {health.protocol}, this app {PROTOCOL_VERSION}: "
                "an update is needed.",
            )
        return health

    def enroll_tablet(self, username: str, password: str, device_name: str) -> Enrolled:
        """A device token for this person's credentials (401: wrong username or password)."""
        body = json.dumps(
            {"username": username, "password": password, "device_name": device_name}
        ).encode()
        try:
            response = self.transport.request("POST", "/api/v1/devices", body=body)
        except SignInRequired as exc:
            raise SignInRequired(
                "Sai tên đăng nhập hoặc mật khẩu.", "Wrong username or password."
            ) from exc
        return _parse(response, Enrolled)

    def me(self) -> UserPublic:
        """Whose token this device holds."""
        return _parse(self._account("GET", "/api/v1/me"), UserPublic)

    def push(self, inspection_id: str, body: bytes) -> PushResult:
        """Push the whole record (canonical JSON, sent gzip); RefusedByServer with the server's
        words (422 with field paths, 403 for a record this person may not change)."""
        response = self.transport.request(
            "PUT", f"/api/v1/inspections/{inspection_id}", body=body, compress=True
        )
        result = _parse(response, PushResult)
        if result.inspection_id != inspection_id:
            raise _not_ours()
        return result

    def pull(self, inspection_id: str) -> Pulled:
        """The merged record the server holds, with its hash (ETag) and revision."""
        response = self._account("GET", f"/api/v1/inspections/{inspection_id}")
        try:
            record = parse_record(json.loads(response.content))
            revision = int(response.headers.get("X-Revision", "0"))
        except (ValueError, ValidationError, ChecklistError, RecursionError) as exc:
            raise _not_ours() from exc
        content_hash = response.headers.get("ETag", "").strip('"')
        if record.id != inspection_id or len(content_hash) != 64:
            raise _not_ours()
        return Pulled(record=record, content_hash=content_hash, revision=revision)

    def changed(self, since: int, limit: int = 100) -> InspectionPage:
        """This person's inspections changed after cursor `since`, oldest change first."""
        response = self._account("GET", "/api/v1/inspections", {"since": since, "limit": limit})
        return _parse(response, InspectionPage)

    def upload_state(self, sha256: str) -> UploadState:
        """How many bytes of this photo the server holds."""
        return _parse(self._account("GET", f"/api/v1/photos/{sha256}/upload"), UploadState)

    def upload_states(self, hashes: Sequence[str]) -> list[UploadState]:
        """How many bytes of each photo the server holds, in one round trip (in the order
        asked); from a server older than that call (404/405), one call a photo."""
        query = UploadStatesQuery(hashes=tuple(hashes))
        try:
            response = self.transport.request(
                "POST", "/api/v1/photos/upload-states", body=query.model_dump_json().encode()
            )
        except RefusedByServer as exc:
            if exc.status in (404, 405):
                return [self.upload_state(h) for h in hashes]
            if exc.status != 403:
                raise
            raise SignInRequired(
                "Tài khoản trên máy này không được phép đồng bộ: hãy đăng nhập lại.",
                "The account on this device may not sync: please sign in again.",
            ) from exc
        states = _parse(response, UploadStates).states
        if tuple(s.sha256 for s in states) != query.hashes:
            raise _not_ours()
        return list(states)

    def upload_chunk(self, sha256: str, offset: int, length: int, chunk: bytes) -> UploadState:
        """Append `chunk` at `offset` (OutOfStep when the server is elsewhere)."""
        response = self.transport.request(
            "PUT",
            f"/api/v1/photos/{sha256}/upload",
            params={"offset": offset, "length": length},
            body=chunk,
            content_type="application/octet-stream",
        )
        return _parse(response, UploadState)

    def photo(self, sha256: str) -> bytes:
        """A photo's bytes (the caller checks them against the hash); RefusedByServer 404 when the
        server does not hold it either, 403 when no record of this person points at it."""
        return self.transport.request("GET", f"/api/v1/photos/{sha256}").content

    def templates(self) -> list[TemplateRef]:
        """Every published template version."""
        response = self._account("GET", "/api/v1/templates")
        try:
            return _TEMPLATE_REFS.validate_json(response.content)
        except ValidationError as exc:
            raise _not_ours() from exc

    def template(self, template_id: str, version: int) -> Template:
        """One published template (validated like any template the app loads)."""
        response = self._account("GET", f"/api/v1/templates/{template_id}/{version}")
        try:
            return parse_template(response.content, f"{template_id} v{version}")
        except ChecklistError as exc:
            raise _not_ours() from exc

    def _account(
        self, method: str, path: str, params: dict[str, str | int] | None = None
    ) -> requests.Response:
        """A call outside one record's push: a 403 there means this sign-in cannot sync."""
        try:
            return self.transport.request(method, path, params=params)
        except RefusedByServer as exc:
            if exc.status != 403:
                raise
            raise SignInRequired(
                "Tài khoản trên máy này không được phép đồng bộ: hãy đăng nhập lại.",
                "The account on this device may not sync: please sign in again.",
            ) from exc


def _parse(response: requests.Response, model: type[M]) -> M:
    try:
        return model.model_validate_json(response.content)
    except ValidationError as exc:
        raise _not_ours() from exc


def _not_ours() -> NotOurServer:
    return NotOurServer(
        "Có mạng nhưng không phải máy chủ kiểm tra trả lời (có thể cần đăng nhập Wi-Fi).",
        "Something other than the inspection server answered (a Wi-Fi login page?).",
    )
