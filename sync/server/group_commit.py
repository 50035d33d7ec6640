"""Group commit for SQLite: pushes that arrive together share one transaction and one fsync.

SQLite has one writer at a time, and with `synchronous=FULL` every commit waits for the disk
(~8 ms on a busy virtual disk, several times the work of a push). One thread runs the queued
pushes back to back, each in its own savepoint (a refused or failing push rolls back alone),
then commits them all at once; each caller gets its answer only after that commit, so nothing
is acknowledged before it is durable. Pushes of one record run one after another, as before.
The thread starts with the first push and ends after a few idle seconds.
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable
from concurrent.futures import Future
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

from sqlalchemy.orm import Session, sessionmaker

__all__ = ["GroupCommit"]

T = TypeVar("T")
_IDLE_S = 5.0
_GROUP = 32
"""At most this many pushes in one transaction (bounds how long the write lock is held)."""


@dataclass
class _Job(Generic[T]):
    work: Callable[[Session], T]
    done: Future[T] = field(default_factory=Future)
    result: T | None = None
    error: BaseException | None = None


class GroupCommit:
    """Runs `work(session)` calls in shared transactions on one thread (see the module)."""

    def __init__(self, sessions: sessionmaker[Session]) -> None:
        self._sessions = sessions
        self._queue: queue.Queue[_Job[Any]] = queue.Queue()
        self._lock = threading.Lock()
        self._thread: threading.Thread | None = None

    def run(self, work: Callable[[Session], T]) -> T:
        """`work(session)` inside a transaction, committed before this returns; its exception
        (or the commit's) is raised here."""
        return self.submit(work).result()

    def submit(self, work: Callable[[Session], T]) -> Future[T]:
        """`work(session)` queued: the future is done once its transaction is committed (its
        result), or with its exception or the commit's. An async caller awaits it without a
        thread of its own (`asyncio.wrap_future`)."""
        job: _Job[T] = _Job(work)
        self._queue.put(job)
        self._ensure_thread()
        return job.done

    def _ensure_thread(self) -> None:
        with self._lock:
            if self._thread is None or not self._thread.is_alive():
                self._thread = threading.Thread(target=self._loop, name="group-commit", daemon=True)
                self._thread.start()

    def _loop(self) -> None:
        while True:
            try:
                jobs = [self._queue.get(timeout=_IDLE_S)]
            except queue.Empty:
                with self._lock:
                    if self._queue.empty():
                        self._thread = None
                        return
                continue
            while len(jobs) < _GROUP:
                try:
                    jobs.append(self._queue.get_nowait())
                except queue.Empty:
                    break
            self._commit(jobs)

    def _commit(self, jobs: list[_Job[Any]]) -> None:
        try:
            with self._sessions() as session, session.begin():
                for job in jobs:
                    try:
                        with session.begin_nested():
                            job.result = job.work(session)
                    except Exception as exc:  # noqa: BLE001 - handed to the waiting caller
                        job.error = exc
        except Exception as exc:  # noqa: BLE001 - the commit failed: no push of the group held
            for job in jobs:
                if job.error is None:
                    job.error, job.result = exc, None
        for job in jobs:
            if job.error is not None:
                job.done.set_exception(job.error)
            else:
                job.done.set_result(job.result)
