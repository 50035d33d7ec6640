"""Sessions that only read, for the office pages: on SQLite they never take the write lock.

The server's engine opens every SQLite transaction with `BEGIN IMMEDIATE` (so two pushes never
deadlock upgrading their locks); a page read that way would hold the database's write lock for
as long as it reads, and an export of 10,000 inspections would make every tablet's push wait.
Here SQLite reads run on a second engine whose transactions are plain deferred `BEGIN`s with
`PRAGMA query_only`: in WAL mode they see one consistent snapshot and never block a writer.
PostgreSQL reads use the server's own sessions (MVCC readers never block writers there).
"""

from __future__ import annotations

from typing import Any
from weakref import WeakKeyDictionary

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.orm import Session, sessionmaker

from sync.server.services import Services

__all__ = ["read_sessions"]

_READERS: WeakKeyDictionary[Engine, sessionmaker[Session]] = WeakKeyDictionary()
_BUSY_TIMEOUT_S = 30


def _sqlite_reader(url: str) -> Engine:
    engine = create_engine(
        url,
        connect_args={"timeout": _BUSY_TIMEOUT_S, "check_same_thread": False},
        pool_size=5,
        max_overflow=10,
    )

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None  # we send BEGIN ourselves
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA query_only=ON")
        cursor.execute(f"PRAGMA busy_timeout={_BUSY_TIMEOUT_S * 1000}")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Any) -> None:
        connection.exec_driver_sql("BEGIN")

    return engine


def read_sessions(svc: Services) -> sessionmaker[Session]:
    """Sessions for reading pages (never use them to write)."""
    engine = svc.engine
    if engine.dialect.name != "sqlite":
        return svc.sessions
    found = _READERS.get(engine)
    if found is None:
        reader = _sqlite_reader(engine.url.render_as_string(hide_password=False))
        found = sessionmaker(reader, expire_on_commit=False)
        _READERS[engine] = found
    return found
