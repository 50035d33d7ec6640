"""Storing records: the push (check, authorize, merge, one at a time per record), the planned
visit, reading and listing.

A push is one transaction under the record's lock: read what is held, run the domain's
`authorize`, merge, and write a new revision only when the merged content hash changed, with
the membership and photo indexes and a change row for the pull cursor. Pushing the same copy
twice therefore changes nothing the second time.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from pydantic import ValidationError
from sqlalchemy import bindparam, delete, insert, select, text, update
from sqlalchemy.orm import Session

from checklists.errors import RecordMalformed, Refusal, TemplateChanged, UnknownTemplate
from checklists.record.authority import Actor, admit, authorize
from checklists.record.merge import normalize
from checklists.record.model import Inspection
from checklists.record.upgrade import upgrade
from checklists.template.catalog import template_for
from checklists.template.model import Template
from sync.protocol import InspectionListItem, RefusalPublic
from sync.server.access import PLANNERS, Caller, require_delegation, require_role
from sync.server.canonical_text import canonical_text
from sync.server.db import lock_record
from sync.server.errors import NotAllowed, NotFound, Refused, WrongState
from sync.server.held import HeldRecords
from sync.server.publishing import resolver
from sync.server.summary_queue import mark_due
from sync.server.tables import (
    Change,
    Membership,
    PhotoRef,
    StoredInspection,
    StoredPhoto,
    SummaryDue,
    table_of,
)

__all__ = [
    "Revision",
    "Stored",
    "parse_push",
    "push",
    "create",
    "held_record",
    "list_changed",
    "photo_refs",
    "record_template",
    "refusal_public",
]


@dataclass(frozen=True)
class Revision:
    """A stored record's revision as the push path reads and writes it (plain values: the
    push runs plain statements, no ORM objects, which cost it more than its merge)."""

    id: str
    body: str
    content_hash: str
    revision: int


@dataclass(frozen=True)
class Stored:
    """What the server holds after a push or a plan."""

    row: Revision
    record: Inspection
    changed: bool


_RECORDS = table_of(StoredInspection)
_CHANGES = table_of(Change)
_MEMBERS = table_of(Membership)
_PHOTO_REFS = table_of(PhotoRef)
_PHOTOS = table_of(StoredPhoto)
# The push's statements, built once (building them cost each push more than running them).
_LOCKED_REVISION = (
    select(_RECORDS.c.id, _RECORDS.c.body, _RECORDS.c.content_hash, _RECORDS.c.revision)
    .where(_RECORDS.c.id == bindparam("rid"))
    .with_for_update()  # PostgreSQL: the row's lock (SQLite: the transaction holds the writer's)
)
_NEW_CHANGE = insert(_CHANGES).returning(_CHANGES.c.seq)
_NEW_REVISION = update(_RECORDS).where(_RECORDS.c.id == bindparam("rid"))
_PG_NEW_REVISION = text(
    f"WITH change AS (INSERT INTO {_CHANGES.name} (inspection_id) VALUES (:rid) RETURNING seq), "
    f"due AS (INSERT INTO {table_of(SummaryDue).name} (inspection_id) VALUES (:rid) "
    "ON CONFLICT DO NOTHING) "
    f"UPDATE {_RECORDS.name} SET body = :body, content_hash = :content_hash, "
    "change_seq = (SELECT seq FROM change), revision = :revision, template_id = :template_id, "
    "template_version = :template_version, updated_at = :updated_at WHERE id = :rid"
)
"""PostgreSQL: `_NEW_CHANGE`, `_NEW_REVISION` and `summary_queue.mark_due` as one statement. A
push there pays each statement as a round trip, and its server process a thread switch on
each: three in one took a fifth of a push's server CPU (benchmarks/sync.py). SQLite has no
writing `WITH`, and its statements cost no round trip: it runs the three."""
_PHOTO_STATES = (
    select(_PHOTO_REFS.c.sha256, _PHOTOS.c.sha256)
    .outerjoin(_PHOTOS, _PHOTOS.c.sha256 == _PHOTO_REFS.c.sha256)
    .where(_PHOTO_REFS.c.inspection_id == bindparam("rid"))
    .order_by(_PHOTO_REFS.c.sha256)
)


def refusal_public(refusal: Refusal) -> RefusalPublic:
    """A domain refusal as the wire shows it (its Vietnamese words included)."""
    return RefusalPublic(
        path=refusal.path,
        code=refusal.code,
        params=dict(refusal.params),
        message=refusal.message("vi"),
    )


def parse_push(body: bytes) -> Inspection:
    """The record in a push body; 422 with field paths if it is not a valid record.

    A record of the current schema is read straight from the bytes (one pass, in pydantic's
    own parser); anything else (an older schema to upgrade, or a broken body) goes the long
    way, which says exactly what is wrong."""
    try:
        return Inspection.model_validate_json(body)
    except ValidationError:
        pass
    try:
        data = json.loads(body)
    except (ValueError, RecursionError) as exc:
        raise Refused("body is not JSON", [RefusalPublic(path="", code="push.not_json")]) from exc
    try:
        current = upgrade(data)
    except RecordMalformed as exc:
        raise Refused("not a valid record", [refusal_public(r) for r in exc.refusals]) from exc
    except (TypeError, ValueError, AttributeError, KeyError, IndexError) as exc:
        # An older schema's record whose shape is broken: the upgrade cannot read it.
        found = [
            RefusalPublic(path="", code="schema.old_version_malformed", message=str(exc)[:200])
        ]
        raise Refused("not a valid record", found) from exc
    try:
        return Inspection.model_validate(current)
    except ValidationError as exc:
        found = [
            RefusalPublic(
                path="/".join(str(p) for p in e["loc"]),
                code=f"schema.{e['type']}",
                message=e["msg"],
            )
            for e in exc.errors(include_url=False, include_input=False)[:50]
        ]
        raise Refused("not a valid record", found) from exc


def push(
    *,
    session: Session,
    caller: Caller,
    record: Inspection,
    held_records: HeldRecords | None = None,
    sent_hash: str = "",
    dedupe: bool = True,
) -> Stored:
    """Merge a tablet's copy into what is held, if the caller may make every change in it.

    `held_records` saves parsing the stored copy again; `sent_hash`, the sha256 of the body
    as sent, lets a copy byte-identical to the stored one skip the check and the merge (the
    merge of a record with itself is itself, and it was checked when it was stored).
    `dedupe=False` (`Settings.dedupe`, test-only) writes a revision even when nothing changed."""
    row = _locked_revision(session, record.id)
    if row is None:
        # Not stored yet: the id's lock stands in for the row's (a plan or another first push
        # of the same id waits here), then look again.
        lock_record(session, record.id)
        row = _locked_revision(session, record.id)
    if row is None:
        require_role(caller, PLANNERS)
        held = None
    else:
        held = _held(row, held_records)
        # The rule of `access.require_delegation`, read from the record the membership index
        # is written from (the row just locked: current, whatever ran before).
        if not caller.office and caller.user_id not in held.active_members():
            raise NotAllowed("not a member of this inspection's delegation")
        if dedupe and _holds(row, sent_hash):
            return Stored(row=row, record=held, changed=False)
    admitted = admit(held, record, _template(session, record), _actor(caller))
    if admitted.refusals or admitted.merged is None:
        raise Refused("changes refused", [refusal_public(r) for r in admitted.refusals])
    merged = normalize(record) if held is None else admitted.merged
    stored = _write(session, row, held, merged, dedupe=dedupe)
    if held_records is not None:
        held_records.put(stored.row.id, stored.row.content_hash, stored.record)
    return stored


def create(*, session: Session, caller: Caller, record: Inspection) -> Stored:
    """Store a new record (a planned visit); 409 if its id is taken."""
    lock_record(session, record.id)
    if _revision(session, record.id) is not None:
        raise WrongState("an inspection with this id exists")
    require_role(caller, PLANNERS)
    refusals = authorize(None, record, _template(session, record), _actor(caller))
    if refusals:
        raise Refused("visit refused", [refusal_public(r) for r in refusals])
    return _write(session, None, None, normalize(record))


def held_record(*, session: Session, caller: Caller, inspection_id: str) -> StoredInspection:
    """The stored row of a record the caller may read (404 if none, 403 if not theirs)."""
    row = session.get(StoredInspection, inspection_id)
    if row is None:
        raise NotFound("no such inspection")
    require_delegation(session, caller, inspection_id)
    return row


def list_changed(
    *, session: Session, caller: Caller, since: int, limit: int
) -> tuple[list[InspectionListItem], int, bool]:
    """The caller's inspections changed after cursor `since`, oldest first; next cursor, more.

    The cursor is an optimisation: on PostgreSQL two pushes may commit out of their sequence
    order, so a client that pulls by cursor also lists from 0 now and then (SQLite commits in
    order). Each item's content hash tells whether the copy held is already current.
    """
    query = select(StoredInspection).where(StoredInspection.change_seq > since)
    if not caller.office:
        query = query.join(
            Membership,
            (Membership.inspection_id == StoredInspection.id)
            & (Membership.user_id == caller.user_id),
        )
    rows = list(session.scalars(query.order_by(StoredInspection.change_seq).limit(limit + 1)))
    more = len(rows) > limit
    rows = rows[:limit]
    cursor = rows[-1].change_seq if rows else since
    return [_summary(row) for row in rows], cursor, more


def photo_refs(session: Session, inspection_id: str) -> tuple[list[str], list[str]]:
    """(every photo hash the record points at, those whose bytes are not held yet), sorted:
    one query for what a push answers."""
    refs = [(ref, held) for ref, held in session.execute(_PHOTO_STATES, {"rid": inspection_id})]
    return [ref for ref, _ in refs], [ref for ref, held in refs if held is None]


def _actor(caller: Caller) -> Actor:
    return Actor(caller.user_id, office=caller.office)


def record_template(session: Session, record: Inspection) -> Template:
    """The exact template the record is scored on (bundled or published); 422 when the server
    does not have it."""
    return _template(session, record)


def _template(session: Session, record: Inspection) -> Template:
    try:
        return template_for(record, resolver(session))
    except TemplateChanged as exc:
        raise Refused(
            "template differs", [RefusalPublic(path="template_hash", code="template.changed")]
        ) from exc
    except UnknownTemplate as exc:
        raise Refused(
            "unknown template", [RefusalPublic(path="template_id", code="template.unknown")]
        ) from exc


def _record(row: StoredInspection | Revision) -> Inspection:
    return Inspection.model_validate_json(row.body)


def _revision(session: Session, inspection_id: str) -> Revision | None:
    """The stored revision of a record (None if not held)."""
    r = _RECORDS.c
    query = select(r.id, r.body, r.content_hash, r.revision).where(r.id == inspection_id)
    found = session.execute(query).first()
    return None if found is None else Revision(*found)


def _locked_revision(session: Session, inspection_id: str) -> Revision | None:
    """The stored revision of a record, its row locked until the transaction ends (None if
    not held): one push at a time per record, across server processes."""
    found = session.execute(_LOCKED_REVISION, {"rid": inspection_id}).first()
    return None if found is None else Revision(*found)


def _held(row: Revision, held_records: HeldRecords | None) -> Inspection:
    if held_records is None:
        return _record(row)
    return held_records.get(row.id, row.content_hash, row.body)


def _holds(row: Revision, content_hash: str) -> bool:
    """True when the stored row is already this content: the one de-duplication check."""
    return row.content_hash == content_hash


def _write(
    session: Session,
    row: Revision | None,
    held: Inspection | None,
    merged: Inspection,
    *,
    dedupe: bool = True,
) -> Stored:
    body = canonical_text(merged)  # serialised once: the body, and its hash the content hash
    content_hash = hashlib.sha256(body.encode("utf-8")).hexdigest()
    if dedupe and row is not None and _holds(row, content_hash):
        return Stored(row=row, record=merged, changed=False)
    values: dict[str, Any] = {
        "body": body,
        "content_hash": content_hash,
        "template_id": merged.template_id,
        "template_version": merged.template_version,
        "updated_at": datetime.now(UTC),
    }
    revision = 1 if row is None else row.revision + 1
    if row is not None and session.get_bind().dialect.name == "postgresql":
        # The change row, the revision and the due mark in one round trip (below).
        session.execute(_PG_NEW_REVISION, {"rid": merged.id, "revision": revision, **values})
    else:
        seq = session.execute(_NEW_CHANGE, {"inspection_id": merged.id}).scalar_one()
        values["change_seq"] = seq
        if row is None:
            session.execute(insert(_RECORDS).values(id=merged.id, revision=revision, **values))
        else:
            session.execute(_NEW_REVISION, {"rid": merged.id, "revision": revision, **values})
        mark_due(session, merged.id)  # its summary is written after (sync.server.summary_queue)
    _reindex(session, held, merged)
    return Stored(
        row=Revision(merged.id, body, content_hash, revision), record=merged, changed=True
    )


def _reindex(session: Session, held: Inspection | None, record: Inspection) -> None:
    """Bring the membership and photo indexes to the record's, touching only what changed."""
    rid = record.id
    members_before = set(held.active_members()) if held is not None else set()
    members_now = set(record.active_members())
    photos_before = held.photo_hashes() if held is not None else frozenset()
    photos_now = record.photo_hashes()
    m, p = _MEMBERS.c, _PHOTO_REFS.c
    if gone := members_before - members_now:
        session.execute(delete(_MEMBERS).where(m.inspection_id == rid, m.user_id.in_(gone)))
    if dropped := photos_before - photos_now:
        session.execute(delete(_PHOTO_REFS).where(p.inspection_id == rid, p.sha256.in_(dropped)))
    if joined := members_now - members_before:
        session.execute(insert(_MEMBERS), [{"inspection_id": rid, "user_id": u} for u in joined])
    if added := photos_now - photos_before:
        session.execute(insert(_PHOTO_REFS), [{"inspection_id": rid, "sha256": h} for h in added])


def _summary(row: StoredInspection) -> InspectionListItem:
    record = _record(row)
    return InspectionListItem(
        id=row.id,
        revision=row.revision,
        content_hash=row.content_hash,
        change_seq=row.change_seq,
        template_id=row.template_id,
        template_version=row.template_version,
        unit_name=record.header.unit_name,
        inspection_date=record.header.inspection_date,
        status=record.status().value,
    )
