"""The chaos tests' checker: compares what the tablets hold and sent with what the server holds.

Jepsen-style, after the fact, from the stores and the server's database and photo folder (not
from anything the client said it did):

* lost: a record or a photo the tablets have that the server lacks (no row, a record missing
  part of the tablet's copy, a photo with no verified file, fewer revisions than expected);
* duplicated: more revisions or change events than the distinct states the tablets sent,
  a photo stored twice (its finished file plus an upload copy), a file or row nobody sent;
* hash mismatches: a stored body or photo whose bytes do not hash to its name, a server copy
  whose hash is not the tablet's, a receipt that does not confirm the tablet's copy;
* outbox leftovers: records still pending on a tablet.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from checklists.record.merge import merge, normalize
from checklists.record.model import Inspection
from inspect_app.store import InspectionStore
from sync.protocol import receipt_confirms
from sync.server.receipts import issue_receipt
from sync.server.services import Services
from sync.server.tables import Change, PhotoRef, StoredInspection, StoredPhoto
from tests.sync.server.conftest import LiveServer

__all__ = ["Expected", "Report", "check_delivery"]


@dataclass(frozen=True)
class Expected:
    """What should have arrived: each record with the revisions the server should show for it
    (its plan plus each distinct state the tablets sent), and every photo's bytes by hash."""

    revisions: Mapping[str, int]
    photos: Mapping[str, bytes]


@dataclass
class Report:
    """Every problem found, by kind (each entry says which record or photo, and how)."""

    records: int = 0
    photos: int = 0
    lost: list[str] = field(default_factory=list)
    duplicated: list[str] = field(default_factory=list)
    hash_mismatches: list[str] = field(default_factory=list)
    outbox_left: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not (self.lost or self.duplicated or self.hash_mismatches or self.outbox_left)

    def counts(self) -> dict[str, int]:
        return {
            "lost": len(self.lost),
            "duplicated": len(self.duplicated),
            "hash mismatches": len(self.hash_mismatches),
            "outbox left": len(self.outbox_left),
        }

    def summary(self) -> str:
        figures = ", ".join(f"{n} {kind}" for kind, n in self.counts().items())
        return f"{self.records} records, {self.photos} photos: {figures}"

    def __str__(self) -> str:
        found = [*self.lost, *self.duplicated, *self.hash_mismatches, *self.outbox_left]
        return self.summary() + "".join(f"\n  {line}" for line in found[:20])


def check_delivery(
    server: LiveServer, stores: Sequence[InspectionStore], expected: Expected
) -> Report:
    """Check every expected record and photo against the server and every store holding it."""
    assert server.server is not None, "the server must be running to be checked"
    services: Services = server.server.config.app.state.services  # type: ignore[attr-defined]
    report = Report(records=len(expected.revisions), photos=len(expected.photos))
    for store in stores:
        report.outbox_left += [f"{store.data_dir.name}: {rid} pending" for rid in store.pending()]
    with services.sessions() as session:
        for rid, revisions in sorted(expected.revisions.items()):
            row = session.get(StoredInspection, rid)
            if row is None:
                report.lost.append(f"record {rid}: not on the server")
                continue
            if hashlib.sha256(row.body.encode("utf-8")).hexdigest() != row.content_hash:
                report.hash_mismatches.append(f"record {rid}: stored body differs from its hash")
            changes = session.scalar(
                select(func.count()).select_from(Change).where(Change.inspection_id == rid)
            )
            _count(report, f"record {rid}: revision", row.revision, revisions)
            _count(report, f"record {rid}: change events", int(changes or 0), revisions)
            held = Inspection.model_validate_json(row.body)
            refs = set(
                session.scalars(select(PhotoRef.sha256).where(PhotoRef.inspection_id == rid))
            )
            missing = _lacking(refs, session)
            receipt = None if missing else issue_receipt(session, row)
            for store in stores:
                if rid not in {s.id for s in store.list_summaries()}:
                    continue
                local = store.get(rid)
                where = f"record {rid} on {store.data_dir.name}"
                if normalize(merge(held, local)).content_hash() != row.content_hash:
                    report.lost.append(f"{where}: the server lacks part of the tablet's copy")
                if local.content_hash() != row.content_hash:
                    report.hash_mismatches.append(f"{where}: hash differs from the server's")
                if gone := local.photo_hashes() - refs:
                    report.lost.append(f"{where}: {len(gone)} photo references not on the server")
                if receipt is None or not receipt_confirms(
                    receipt, rid, local.content_hash(), local.photo_hashes()
                ):
                    report.hash_mismatches.append(f"{where}: no receipt confirms the copy")
        _check_photos(report, services, session, expected.photos)
    return report


def _lacking(refs: set[str], session: Session) -> set[str]:
    """The referenced hashes with no stored photo row."""
    held = set(session.scalars(select(StoredPhoto.sha256).where(StoredPhoto.sha256.in_(refs))))
    return refs - held


def _count(report: Report, what: str, found: int, wanted: int) -> None:
    if found > wanted:
        report.duplicated.append(f"{what} {found}, expected {wanted}")
    elif found < wanted:
        report.lost.append(f"{what} {found}, expected {wanted}")


def _check_photos(
    report: Report, services: Services, session: Session, photos: Mapping[str, bytes]
) -> None:
    files = services.photos.files
    rows = {row.sha256: row for row in session.scalars(select(StoredPhoto))}
    for digest, data in sorted(photos.items()):
        row = rows.get(digest)
        path = files.path(digest)
        if row is None or not path.is_file():
            report.lost.append(f"photo {digest[:12]}: not stored (row {row is not None})")
            continue
        held = path.read_bytes()
        if hashlib.sha256(held).hexdigest() != digest or held != data:
            report.hash_mismatches.append(f"photo {digest[:12]}: stored bytes differ")
        if row.byte_size != len(data):
            report.hash_mismatches.append(f"photo {digest[:12]}: size {row.byte_size}")
    blobs = services.settings.photo_dir / "blobs"
    for path in sorted(p for p in blobs.rglob("*") if p.is_file()):
        if path.name not in photos:
            report.duplicated.append(f"photo file {path.name[:12]}: stored, never sent")
        elif hashlib.sha256(path.read_bytes()).hexdigest() != path.name:
            report.hash_mismatches.append(f"photo file {path.name[:12]}: bytes differ from name")
    for digest in sorted(set(rows) - set(photos)):
        report.duplicated.append(f"photo row {digest[:12]}: stored, never sent")
    uploads = services.settings.photo_dir / "uploads"
    for path in sorted(uploads.iterdir()):
        if path.suffix != ".lock" and path.name in rows:
            report.duplicated.append(f"photo {path.name[:12]}: stored twice (an upload copy)")
