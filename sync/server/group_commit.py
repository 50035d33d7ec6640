"""Group commit: pushes that arrive together share one transaction and one commit.

SQLite has one writer at a time, and with `synchronous=FULL` every commit waits for the disk
(~8 ms on a busy virtual disk, several times the work of a push); PostgreSQL's commits flush
its log too, and each statement is a round trip. A thread runs the queued pushes back to
back, then commits them all at once; each caller gets its answer only after that commit, so
nothing is acknowledged before it is durable. Pushes of one record run one after another.

A push that is refused is refused before it writes (parsing, authorization and the merge all
come first), so it needs no savepoint of its own (two statements a push, a tenth of its cost):
the group goes on. A job that fails after writing (a database error, or work written that
way) taints the shared transaction: it is rolled back whole, the failing job gets its error,
and every other job of the group runs again on its own, each in its own transaction, so one
failure never takes another's work with it. Writes are counted on the connection
(`before_cursor_execute`) and in the session's pending objects; a database error behind a
failure taints the transaction too (PostgreSQL refuses every statement after one fails).
On PostgreSQL the per-record locks are held until the group commits (a second process's
pushes of those records wait; a deadlock between two processes fails one group, whose jobs
then run again on their own, the one the database chose as the deadlock's victim too: a
deadlock or a serialization failure says nothing about the job, so it is retried, up to
`_RETRIES` times, rather than answered 503).

Each lane holds one database connection while it runs (a pool checkout and its liveness ping
a group cost as much as a statement): a connection that died meanwhile (the database
restarted) fails its next statement, and that work runs again on a new connection, as the
deadlock's victim does; a connection lost at the commit is not retried (the commit may have
happened), its callers get the error.

Lanes: SQLite has one writer, so one thread does all. On PostgreSQL a push spends much of its
time waiting for the database's answers, statement after statement; several lanes, each its
own thread and transactions, let one lane's push work while another's waits. A record always
goes to the same lane (by its id), so its pushes still run one after another, and two lanes of
one process never wait for each other's record locks.
"""

from __future__ import annotations

import asyncio
import functools
import queue
import threading
import zlib
from collections.abc import Callable
from concurrent.futures import Future
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from sqlalchemy import Connection, Engine, event
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session, sessionmaker

__all__ = ["GroupCommit"]

T = TypeVar("T")
_IDLE_S = 5.0
_GROUP = 32
"""At most this many pushes in one transaction (bounds how long the write lock is held)."""
_RETRIES = 3
"""Times a job alone is run again after a deadlock or a serialization failure."""
_TRANSIENT = frozenset({"40P01", "40001"})
"""PostgreSQL's deadlock_detected and serialization_failure: try the transaction again."""
_LOST = ("08", "57P")
"""SQLSTATE classes of a connection that is gone: connection exceptions, and operator
intervention (an administrator's or a shutdown's end of the session, a crash)."""


@dataclass
class _Job(Generic[T]):
    work: Callable[[Session], T]
    settle: Callable[[T | None, BaseException | None], None]
    """Hands the outcome to the waiting caller (a thread's future, or an event loop's)."""
    result: T | None = None
    error: BaseException | None = None


class GroupCommit:
    """Runs `work(session)` calls in shared transactions, on one thread per lane (see the
    module)."""

    def __init__(self, sessions: sessionmaker[Session], lanes: int = 1) -> None:
        if lanes < 1:
            raise ValueError(f"lanes must be at least 1, not {lanes}")
        self._sessions = sessions
        engine: Engine = sessions.kw["bind"]
        if not event.contains(engine, "before_cursor_execute", _count_writes):
            event.listen(engine, "before_cursor_execute", _count_writes)
        self._lanes = [_Lane(self._commit, engine, n) for n in range(lanes)]

    def lane_of(self, key: str) -> int:
        """The lane that runs the work submitted with `key` (the same key, the same lane)."""
        return zlib.crc32(key.encode("utf-8")) % len(self._lanes)

    def waiting(self) -> int:
        """Jobs queued and not started yet, in every lane."""
        return sum(lane.waiting() for lane in self._lanes)

    def run(self, work: Callable[[Session], T], key: str = "") -> T:
        """`work(session)` inside a transaction, committed before this returns; its exception
        (or the commit's) is raised here."""
        return self.submit(work, key).result()

    def submit(self, work: Callable[[Session], T], key: str = "") -> Future[T]:
        """`work(session)` queued on `key`'s lane (work on one record: its id, so it runs
        after that record's earlier work): the future is done once its transaction is
        committed (its result), or with its exception or the commit's."""
        done: Future[T] = Future()
        self._lanes[self.lane_of(key)].put(_Job(work, functools.partial(_settle, done)))
        return done

    def submit_async(self, work: Callable[[Session], T], key: str = "") -> asyncio.Future[T]:
        """`submit` for a coroutine: the future belongs to the running event loop, which the
        lane's thread hands the outcome to directly (no thread's future in between, whose
        lock and chained callbacks cost a push as much as a statement)."""
        loop = asyncio.get_running_loop()
        done: asyncio.Future[T] = loop.create_future()

        def settle(result: T | None, error: BaseException | None) -> None:
            try:
                loop.call_soon_threadsafe(_settle, done, result, error)
            except RuntimeError:  # the loop closed (the server stopped): no one is waiting
                pass

        self._lanes[self.lane_of(key)].put(_Job(work, settle))
        return done

    def _commit(self, jobs: list[_Job[Any]], connection: Connection) -> None:
        tainted = lost = False
        try:
            with self._sessions(bind=connection) as session, session.begin():
                for job in jobs:
                    before = _writes(session)
                    try:
                        job.result = job.work(session)
                    except Exception as exc:  # noqa: BLE001 - handed to the waiting caller
                        job.error = exc
                        if _database(exc) or _pending(session) or _writes(session) != before:
                            tainted = True
                            if _transient(exc, lost=True):  # not its fault: it runs again alone
                                job.error = None
                            lost = _lost(exc)
                            raise _Tainted from exc
        except _Tainted:
            pass  # rolled back whole: the others run again below, each on its own
        except Exception as exc:  # noqa: BLE001 - the commit failed: no push of the group held
            lost = _lost(exc)
            if _transient(exc):
                tainted = True  # a deadlock at the commit: each runs again alone
            else:
                for job in jobs:
                    if job.error is None:
                        job.error, job.result = exc, None
        if lost:
            connection.invalidate()  # a new one on the next use
        if tainted:
            for job in jobs:
                if job.error is None:
                    self._alone(job, connection)
        for job in jobs:
            job.settle(job.result, job.error)

    def _alone(self, job: _Job[Any], connection: Connection) -> None:
        for attempt in range(_RETRIES + 1):
            committing = False
            try:
                with self._sessions(bind=connection) as session, session.begin():
                    job.result = job.work(session)
                    committing = True
                return
            except Exception as exc:  # noqa: BLE001 - handed to the waiting caller
                job.error, job.result = exc, None
                if _lost(exc):
                    connection.invalidate()
                if not _transient(exc, lost=not committing) or attempt == _RETRIES:
                    return
                job.error = None


class _Lane:
    """One queue and the thread that runs it in groups; the thread starts with the first job
    and ends after a few idle seconds."""

    def __init__(
        self, commit: Callable[[list[_Job[Any]], Connection], None], engine: Engine, number: int
    ) -> None:
        self._commit = commit
        self._engine = engine
        self._name = f"group-commit-{number}"
        self._queue: queue.Queue[_Job[Any]] = queue.Queue()
        self._lock = threading.Lock()
        self._thread: threading.Thread | None = None

    def waiting(self) -> int:
        return self._queue.qsize()

    def put(self, job: _Job[Any]) -> None:
        self._queue.put(job)
        with self._lock:
            if self._thread is None or not self._thread.is_alive():
                self._thread = threading.Thread(target=self._loop, name=self._name, daemon=True)
                self._thread.start()

    def _loop(self) -> None:
        connection: Connection | None = None  # held while the lane runs (see the module)
        try:
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
                if connection is None:
                    try:
                        connection = self._engine.connect()
                    except Exception as exc:  # noqa: BLE001 - the database is unreachable
                        for job in jobs:
                            job.settle(None, exc)  # each caller gets the error (a 503)
                        continue
                self._commit(jobs, connection)
        finally:
            if connection is not None:
                connection.close()


def _settle(
    done: Future[Any] | asyncio.Future[Any], result: Any, error: BaseException | None
) -> None:
    """Hand a job's outcome to its future (a thread's or an event loop's)."""
    if done.cancelled():  # the caller went away; its work is committed all the same
        return
    if error is not None:
        done.set_exception(error)
    else:
        done.set_result(result)


class _Tainted(Exception):
    """A job failed after writing into the shared transaction."""


_WRITES = "group_commit_writes"
_READS = ("SELECT", "SAVEPOINT", "RELEASE", "BEGIN", "PRAGMA")


def _count_writes(conn: Connection, _cursor: Any, statement: str, *_rest: Any) -> None:
    """Count the statements that change something, per connection."""
    if not statement.lstrip()[:9].upper().startswith(_READS):
        conn.info[_WRITES] = conn.info.get(_WRITES, 0) + 1


def _writes(session: Session) -> int:
    count: int = session.connection().info.get(_WRITES, 0)
    return count


def _database(exc: BaseException | None) -> bool:
    """True when a database error lies behind the exception (PostgreSQL then refuses every
    further statement of the transaction)."""
    while exc is not None:
        if isinstance(exc, DBAPIError):
            return True
        exc = exc.__cause__ or exc.__context__
    return False


def _transient(exc: BaseException | None, *, lost: bool = False) -> bool:
    """True when a deadlock or a serialization failure lies behind the exception, or (`lost`:
    before the commit) a connection that died: the same work in a new transaction may well
    succeed, and nothing of it was committed."""
    while exc is not None:
        if isinstance(exc, DBAPIError):
            if getattr(exc.orig, "sqlstate", None) in _TRANSIENT:
                return True
            if lost and _lost(exc):
                return True
        exc = exc.__cause__ or exc.__context__
    return False


def _lost(exc: BaseException | None) -> bool:
    """True when the connection is gone behind the exception (it must not be used again)."""
    while exc is not None:
        if isinstance(exc, DBAPIError):
            code = getattr(exc.orig, "sqlstate", None) or ""
            if exc.connection_invalidated or code.startswith(_LOST):
                return True
        exc = exc.__cause__ or exc.__context__
    return False


def _pending(session: Session) -> bool:
    return bool(session.new or session.dirty or session.deleted)
