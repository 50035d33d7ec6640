"""Summaries written after the push, not in it: a durable list of the records whose summary
is due, brought current in the background and before every page that reads summaries.

The office pages read each record's summary in columns (`sync.server.summaries`); scoring a
record and writing those rows cost a push as much as its merge. A push now only marks its
record due (one row in `summaries_due`, in the push's own transaction: a crash never loses the
mark), and `SummaryQueue` writes the summary:

- in the background, `delay` seconds after a push, so a burst of pushes of one record costs one
  summary, not one each; each server process's writer writes the records pushed through it
  (two processes both writing every due record wrote each twice: measured, twice the summary
  work under load on PostgreSQL);
- before every page that reads summaries (`current()`), so no page shows a summary older than
  the record held;
- at start-up, for marks a stopped server left.

A record is summarised under its row's lock (the push's, `records`) and its mark removed in
the same transaction, so a push landing meanwhile marks it again. On SQLite the work runs in the
group commit's transactions, as pushes are.

The background writer never waits for a record's lock (PostgreSQL: `FOR UPDATE SKIP LOCKED`): a
record locked by a push of another server process keeps its mark, and that push's own process
writes it. Waiting instead held the batch's earlier locks while it waited, and with another
process's push group locking the same records in another order that was a deadlock: a second of
stalled lanes each time, and one push answered 503 (measured: 4 in a 10 s benchmark run on
two processes). A page's `current()` does wait: the summary it shows is never older than the
record.
"""

from __future__ import annotations

import functools
import logging
import threading

from sqlalchemy import bindparam, delete, func, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session, sessionmaker

from sync.server.group_commit import GroupCommit
from sync.server.held import HeldRecords
from sync.server.summaries import store_summary
from sync.server.tables import StoredInspection, SummaryDue, table_of

__all__ = ["SummaryQueue", "mark_due"]

_log = logging.getLogger(__name__)
_BATCH = 32
"""Records summarised in one transaction (bounds how long the write lock is held)."""
_IDLE_S = 5.0
_DUE = table_of(SummaryDue)
_MARK_SQLITE = sqlite.insert(_DUE).on_conflict_do_nothing()
_MARK_POSTGRESQL = postgresql.insert(_DUE).on_conflict_do_nothing()
_RECORDS = table_of(StoredInspection)
_LOCKED_ROW = (
    select(_RECORDS.c.id, _RECORDS.c.body, _RECORDS.c.content_hash)
    .where(_RECORDS.c.id == bindparam("rid"))
    .with_for_update()  # the push's lock (`records`): a push of this record waits, or we do
)
_ROW_UNLESS_LOCKED = _LOCKED_ROW.with_for_update(skip_locked=True)
_STORED = select(_RECORDS.c.id).where(_RECORDS.c.id == bindparam("rid"))


def mark_due(session: Session, inspection_id: str) -> None:
    """Mark a record's summary due, in the caller's transaction (marking twice is one mark)."""
    dialect = session.get_bind().dialect.name
    mark = _MARK_POSTGRESQL if dialect == "postgresql" else _MARK_SQLITE
    session.execute(mark, {"inspection_id": inspection_id})


class SummaryQueue:
    """Brings due summaries current (see the module): `notify()` after a push, `current()`
    before reading summaries, `close()` when the server stops."""

    def __init__(
        self,
        readers: sessionmaker[Session],
        group: GroupCommit,
        held: HeldRecords,
        delay: float,
    ) -> None:
        self._readers = readers
        self._group = group
        self._held = held
        self._delay = delay
        self._wake = threading.Event()
        self._mine: set[str] = set()
        self._everything = False
        self._stop = threading.Event()
        self._lock = threading.Lock()
        self._thread: threading.Thread | None = None

    def notify(self, inspection_id: str | None = None) -> None:
        """The summary of `inspection_id` became due (None: every summary due, as at start):
        write it in the background after `delay` seconds."""
        with self._lock:
            if inspection_id is None:
                self._everything = True
            else:
                self._mine.add(inspection_id)
            self._wake.set()
            if self._stop.is_set():
                return
            if self._thread is None or not self._thread.is_alive():
                self._thread = threading.Thread(target=self._loop, name="summaries", daemon=True)
                self._thread.start()

    def current(self, *, wait: bool = True, only: set[str] | None = None) -> int:
        """Write every summary due when called (those marked meanwhile wait for the next
        call: under steady pushes a pass must end), or those of `only` that are due; how many
        were written. `wait=False` (the background writer) passes over a record another
        transaction has locked: it stays due."""
        with self._readers() as session:
            ids = sorted(session.scalars(select(SummaryDue.inspection_id)))
        if only is not None:
            ids = [i for i in ids if i in only]
        # Each record on its push lane (`GroupCommit`): the lanes run side by side, and a
        # batch never waits for another lane's record locks.
        lanes: dict[int, list[str]] = {}
        for inspection_id in ids:
            lanes.setdefault(self._group.lane_of(inspection_id), []).append(inspection_id)
        waiting = [
            self._group.submit(functools.partial(self._summarise, batch, wait), key=batch[0])
            for lane in lanes.values()
            for batch in (lane[start : start + _BATCH] for start in range(0, len(lane), _BATCH))
        ]
        return sum(future.result() for future in waiting)

    def due(self) -> int:
        """How many records' summaries are due."""
        with self._readers() as session:
            return session.scalar(select(func.count()).select_from(SummaryDue)) or 0

    def close(self) -> None:
        """Stop the background writer (what is still due stays marked for the next start)."""
        with self._lock:
            self._stop.set()
            self._wake.set()
            thread = self._thread
        if thread is not None:
            thread.join(timeout=30)

    def _summarise(self, ids: list[str], wait: bool, session: Session) -> int:
        written = 0
        # In id order, so two server processes' pages seldom wait on each other (a deadlock
        # with another process's pushes fails this group, whose work then runs again).
        for inspection_id in ids:
            key = {"rid": inspection_id}
            row = session.execute(_LOCKED_ROW if wait else _ROW_UNLESS_LOCKED, key).first()
            if row is None and not wait and session.execute(_STORED, key).first() is not None:
                continue  # locked: it stays due, and whoever holds it notifies its own writer
            cleared = session.execute(
                delete(SummaryDue).where(SummaryDue.inspection_id == inspection_id)
            )
            if not cleared.rowcount:  # type: ignore[attr-defined]
                continue  # written meanwhile (another server, or a page)
            if row is not None:
                store_summary(session, self._held.get(row.id, row.content_hash, row.body))
                written += 1
        return written

    def _loop(self) -> None:
        while True:
            if not self._wake.wait(timeout=_IDLE_S):
                with self._lock:
                    if not self._wake.is_set():
                        self._thread = None
                        return
                continue
            if self._stop.wait(self._delay):  # pushes arriving meanwhile share one summary
                return
            with self._lock:
                self._wake.clear()
                mine, self._mine = self._mine, set()
                everything, self._everything = self._everything, False
            try:
                self.current(wait=False, only=None if everything else mine)
            except Exception:  # noqa: BLE001 - logged; the marks stay, the next push retries
                _log.exception("writing due summaries failed; they stay due")
                with self._lock:
                    self._mine |= mine
                    self._everything |= everything
