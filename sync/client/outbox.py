"""One sync pass: push what changed, upload the photos the server lacks, check the receipt before
anything is marked delivered, then pull teammates' work, planned visits and published templates.

Pure of threads and clocks (`sync.client.worker` runs passes in the background). A record is
read revision first, content second: an edit made in between is pushed again by the next pass,
never acknowledged unsent. The server's merged copy is saved through the store, which merges,
so an edit made while a push was out is never lost.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable
from dataclasses import dataclass, replace

from checklists.errors import ChecklistError
from checklists.record.upgrade import parse_record
from sync.client.api import CentralApi
from sync.client.errors import ReceiptMismatch, RefusedByServer, SyncError, Unavailable
from sync.client.local import LocalStore, TemplateCache
from sync.client.receipts import confirmed_copy
from sync.client.status import RefusedRecord, Words
from sync.client.uploads import CHUNK_BYTES, upload_photo
from sync.protocol import PushResult

__all__ = ["Outbox", "Tally"]

logger = logging.getLogger(__name__)

_PUSH_ROUNDS = 3
"""Push, upload what is missing, push again for the receipt (a third round if a photo was
added by a teammate's push in between)."""
_PHOTOS_PER_PASS = 50


@dataclass(frozen=True)
class Tally:
    """The counts of the pass in progress."""

    records_pending: int = 0
    photos_pending: int = 0
    bytes_sent: int = 0
    bytes_total: int = 0


class Outbox:
    """Sync passes between one store and one server; `refused` survives between passes."""

    give_up_after = 3
    """Records in a row whose delivery failed on the link: the pass ends (the worker backs off)."""
    tries_per_record = 2
    """Deliveries of one record within a pass before moving on to the next."""

    def __init__(
        self,
        api: CentralApi,
        store: LocalStore,
        templates: TemplateCache | None = None,
        *,
        chunk_bytes: int = CHUNK_BYTES,
        progress: Callable[[Tally], None] = lambda t: None,
    ) -> None:
        self.api = api
        self.store = store
        self.templates = templates
        self.chunk_bytes = chunk_bytes
        self.refused: dict[str, RefusedRecord] = {}
        self.cursor = 0
        """The pull cursor: changes after it are fetched (0 after a restart: all, compared
        by content hash, so only what differs is downloaded)."""
        self.tally = Tally()
        self._progress = progress

    def run(self) -> None:
        """One pass. Raises Unavailable (offline: retry later), SignInRequired (pause) and
        ReceiptMismatch, after every other record had its turn; a refused record is kept in
        `refused` and the pass goes on."""
        self.api.health()
        self._count(Tally(records_pending=len(self.store.pending())))
        problem = self.push_all()
        self.pull_templates()
        self.pull_records()
        self.pull_photos()
        self._count(replace(self.tally, records_pending=len(self.store.pending())))
        if problem is not None:
            raise problem

    def push_all(self) -> SyncError | None:
        """Deliver every pending record; returns the first problem met (a receipt mismatch, a
        record whose push failed on the link), if any. A flaky link does not end the pass: the
        next record is tried, until `give_up_after` failures in a row say the link is down."""
        first: SyncError | None = None
        in_a_row = 0
        for inspection_id in self.store.pending():
            try:
                self._deliver_retrying(inspection_id)
                in_a_row = 0
            except Unavailable as exc:
                in_a_row += 1
                if in_a_row >= self.give_up_after:
                    raise
                first = first or exc
            except RefusedByServer as exc:
                self._refuse(inspection_id, exc)
            except ReceiptMismatch as exc:
                logger.warning("receipt mismatch for %s: %s", inspection_id, exc)
                first = first or exc
            except ChecklistError as exc:  # the merged copy would not save (kept pending)
                logger.warning("merged copy of %s not saved: %s", inspection_id, exc)
        return first

    def _deliver_retrying(self, inspection_id: str) -> bool:
        """`deliver`, tried again at once after a link failure (every step is idempotent and
        what the server took is kept: uploads resume, a repeated push changes nothing)."""
        for _ in range(self.tries_per_record - 1):
            try:
                return self.deliver(inspection_id)
            except Unavailable as exc:
                logger.info("push of %s failed on the link, again: %s", inspection_id, exc.en)
        return self.deliver(inspection_id)

    def deliver(self, inspection_id: str) -> bool:
        """Push one record until its receipt is confirmed; True once marked delivered."""
        rev = self.store.sync_state(inspection_id).local_rev  # the revision first, then content
        record = self.store.get(inspection_id)
        known = self.refused.get(inspection_id)
        if known is not None and known.local_rev == rev:
            return False  # refused as it is: not sent again until it changes
        self.refused.pop(inspection_id, None)
        body = record.canonical().encode("utf-8")
        result = self._push(inspection_id, body)
        for _ in range(_PUSH_ROUNDS - 1):
            if result.receipt is not None:
                break
            lacking = [h for h in result.missing_photos if self.store.photos.has(h)]
            if not lacking:
                break  # the server waits for a photo only a teammate's tablet holds
            self._upload(lacking)
            result = self._push(inspection_id, body)
        if result.receipt is None:
            self._save_merged(result)
            return False
        merged = confirmed_copy(result, record)  # ReceiptMismatch: nothing marked
        if result.record is not None:
            self.store.save(merged)
        self.store.mark_synced(inspection_id, rev, merged.content_hash())
        self._count(replace(self.tally, records_pending=max(0, self.tally.records_pending - 1)))
        return True

    def _push(self, inspection_id: str, body: bytes) -> PushResult:
        self._count(replace(self.tally, bytes_total=self.tally.bytes_total + len(body)))
        result = self.api.push(inspection_id, body)
        self._count(replace(self.tally, bytes_sent=self.tally.bytes_sent + len(body)))
        return result

    def _upload(self, hashes: list[str]) -> None:
        photos = {h: self.store.photos.read(h) for h in hashes}
        self._count(
            replace(
                self.tally,
                photos_pending=len(photos),
                bytes_total=self.tally.bytes_total + sum(map(len, photos.values())),
            )
        )
        for digest, data in photos.items():
            state = self.api.upload_state(digest)
            if not state.complete:
                self._count(replace(self.tally, bytes_total=self.tally.bytes_total - state.offset))
                upload_photo(
                    self.api,
                    digest,
                    data,
                    chunk_bytes=self.chunk_bytes,
                    sent=self._sent,
                    offset=state.offset,
                )
            else:
                self._count(replace(self.tally, bytes_total=self.tally.bytes_total - len(data)))
            self._count(replace(self.tally, photos_pending=self.tally.photos_pending - 1))

    def _sent(self, n: int) -> None:
        self._count(replace(self.tally, bytes_sent=self.tally.bytes_sent + n))

    def _save_merged(self, result: PushResult) -> None:
        """Keep teammates' work the server sent back even while the receipt waits."""
        if result.record is None:
            return
        try:
            self.store.save(parse_record(result.record))
        except (ChecklistError, ValueError) as exc:
            logger.warning("merged copy of %s not saved: %s", result.inspection_id, exc)

    def _refuse(self, inspection_id: str, exc: RefusedByServer) -> None:
        rev = self.store.sync_state(inspection_id).local_rev
        self.refused[inspection_id] = RefusedRecord(
            inspection_id, rev, Words(exc.vi, exc.en), exc.refusals
        )
        logger.info("push of %s refused (%s): %s", inspection_id, exc.status, exc.en)

    def pull_templates(self) -> None:
        """Cache every published template this tablet lacks (checked against its listed hash)."""
        if self.templates is None:
            return
        for ref in self.api.templates():
            if self.templates.has(ref.id, ref.version, ref.content_hash):
                continue
            template = self.api.template(ref.id, ref.version)
            if template.content_hash() != ref.content_hash:
                logger.warning("template %s v%s: hash differs from the list", ref.id, ref.version)
                continue
            self.templates.put(template)

    def pull_records(self) -> None:
        """Fetch planned visits and teammates' work: every listed record that is not pending
        here and whose content differs from what this tablet last acknowledged, saved through
        the store (which merges). A pending record gets the merged copy from its push."""
        pending = set(self.store.pending())
        local = {s.id for s in self.store.list_summaries()}
        since = self.cursor
        while True:
            page = self.api.changed(since)
            for item in page.items:
                if item.id in pending:
                    continue  # its push brings the merged copy back
                if item.id in local:
                    if self.store.sync_state(item.id).synced_hash == item.content_hash:
                        continue
                self._pull_one(item.id)
            since = page.cursor
            if not page.more:
                break
        self.cursor = since

    def _pull_one(self, inspection_id: str) -> None:
        pulled = self.api.pull(inspection_id)
        try:
            rev = self.store.save(pulled.record)
        except ChecklistError as exc:
            logger.warning("pulled copy of %s not saved: %s", inspection_id, exc)
            return
        # Nothing of ours was waiting: the store acknowledges it if its content is the
        # server's (an edit made meanwhile keeps it pending).
        self.store.mark_synced(inspection_id, rev, pulled.content_hash)

    def pull_photos(self) -> None:
        """Download photos that records here point at and this tablet lacks (teammates')."""
        wanted = sorted({h for hashes in self.store.missing_photos().values() for h in hashes})
        for digest in wanted[:_PHOTOS_PER_PASS]:
            try:
                data = self.api.photo(digest)
            except RefusedByServer:
                continue  # not on the server yet either
            if hashlib.sha256(data).hexdigest() == digest:
                self.store.photos.put(data)

    def _count(self, tally: Tally) -> None:
        self.tally = tally
        self._progress(tally)
