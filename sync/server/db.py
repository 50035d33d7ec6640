"""Opening the database: one engine per app, SQLite made safe for concurrent writers.

SQLite: WAL, `synchronous=FULL` (a receipt is only issued for a commit that survives a power
cut), foreign keys on, and every writing transaction opened with `BEGIN IMMEDIATE`, so two
pushes never both read a record and then fail to upgrade their lock (pushes also share
transactions: `sync.server.group_commit`). Sessions that only read (`read_sessions`:
authentication) open a deferred `BEGIN`, which in WAL mode never waits for a writer.
PostgreSQL: a push locks its record's row (`SELECT … FOR UPDATE`), which serialises pushes of
one record across server processes (within one, its group-commit lane runs them one after
another); a record not stored yet has no row, so its id's advisory lock (`lock_record`) stands
in, taken by a plan and by a first push.
"""

from __future__ import annotations

import hashlib
from typing import Any

from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.orm import Session, sessionmaker

__all__ = ["open_engine", "session_factory", "read_sessions", "lock_record", "write_lanes"]

_BUSY_TIMEOUT_S = 30
_READ_ONLY = "inspect_read_only"
_LOCK = text("SELECT pg_advisory_xact_lock(:key)")
_POSTGRESQL_LANES = 4
"""Pushes of different records one PostgreSQL server process writes at once (its pool holds
10 connections: the rest serve reads)."""


def open_engine(url: str) -> Engine:
    """An engine for `url`; SQLite gets its pragmas and immediate transactions."""
    if not url.startswith("sqlite"):
        return create_engine(url, pool_pre_ping=True, pool_size=10, max_overflow=10)
    engine = create_engine(
        url,
        connect_args={"timeout": _BUSY_TIMEOUT_S, "check_same_thread": False},
        pool_size=10,
        max_overflow=10,
    )

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None  # we send BEGIN ourselves (pysqlite defers it)
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=FULL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA busy_timeout={_BUSY_TIMEOUT_S * 1000}")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Any) -> None:
        reading = connection.get_execution_options().get(_READ_ONLY, False)
        connection.exec_driver_sql("BEGIN" if reading else "BEGIN IMMEDIATE")

    return engine


def session_factory(engine: Engine) -> sessionmaker[Session]:
    """Sessions that keep loaded objects usable after commit (routes read them to answer)."""
    return sessionmaker(engine, expire_on_commit=False)


def read_sessions(engine: Engine) -> sessionmaker[Session]:
    """Sessions for reading only: on SQLite a deferred `BEGIN` (no write lock is taken, so they
    never queue behind a push); a write in one fails rather than racing (SQLite upgrades the
    lock then, and gives up with "database is locked" when another writer holds it)."""
    return sessionmaker(engine.execution_options(**{_READ_ONLY: True}), expire_on_commit=False)


def lock_record(session: Session, inspection_id: str) -> None:
    """Hold this id's lock until the transaction ends: what serialises plans and first pushes
    of a record not stored yet (a stored record's row is locked instead, `records`).

    PostgreSQL: a transaction-scoped advisory lock on the id's hash, which works before the
    record's row exists. SQLite: the transaction already holds the database's write lock.
    """
    if session.get_bind().dialect.name != "postgresql":
        return
    key = int.from_bytes(hashlib.sha256(inspection_id.encode()).digest()[:8], "big", signed=True)
    session.execute(_LOCK, {"key": key})


def write_lanes(engine: Engine) -> int:
    """How many transactions that write run side by side (`group_commit.GroupCommit`'s lanes):
    one on SQLite (one writer at a time), a few on PostgreSQL (a push waits for its statements'
    round trips, and another can work meanwhile)."""
    return 1 if engine.dialect.name == "sqlite" else _POSTGRESQL_LANES
