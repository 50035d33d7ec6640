"""The records a server holds, parsed: a small cache keyed by record id and content hash.

A push reads the stored copy, and parsing its JSON costs as much as the merge. The body
stored under a content hash never changes (the hash is of that body), so a parsed copy
keyed by (id, hash) is never stale: a new revision has a new hash and simply misses. The
merged record a push writes is put in under the hash of the body written, so the next push
of that record finds it. Parsed records are frozen models, shared read-only between threads.
"""

from __future__ import annotations

import threading
from collections import OrderedDict

from checklists.record.model import Inspection

__all__ = ["HeldRecords"]


class HeldRecords:
    """Parsed stored records, the `size` most recently used (thread-safe)."""

    def __init__(self, size: int = 64) -> None:
        self._size = size
        self._records: OrderedDict[tuple[str, str], Inspection] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, inspection_id: str, content_hash: str, body: str) -> Inspection:
        """The record stored as `body` under `content_hash`, parsed once."""
        key = (inspection_id, content_hash)
        with self._lock:
            found = self._records.get(key)
            if found is not None:
                self._records.move_to_end(key)
                return found
        record = Inspection.model_validate_json(body)
        self.put(inspection_id, content_hash, record)
        return record

    def put(self, inspection_id: str, content_hash: str, record: Inspection) -> None:
        """Keep `record`, whose canonical body hashes to `content_hash`."""
        with self._lock:
            self._records[(inspection_id, content_hash)] = record
            self._records.move_to_end((inspection_id, content_hash))
            while len(self._records) > self._size:
                self._records.popitem(last=False)

    def __len__(self) -> int:
        with self._lock:
            return len(self._records)
