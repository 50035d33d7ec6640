"""What one running server holds: its settings, database engine, sessions, hasher and photos.

Built by `start_services` when the app is created (never at import): it makes the data folder,
runs the migrations, creates the first admin and the receipt key.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from sync.server.accounts import ensure_admin
from sync.server.config import Settings
from sync.server.db import open_engine, read_sessions, session_factory
from sync.server.group_commit import GroupCommit
from sync.server.held import HeldRecords
from sync.server.migrate import migrate
from sync.server.photo_files import PhotoFiles
from sync.server.photos import Photos
from sync.server.receipts import ensure_key
from sync.server.security import Passwords

__all__ = ["Services", "start_services"]


@dataclass(frozen=True)
class Services:
    """The server's parts, shared by every request (`request.app.state.services`)."""

    settings: Settings
    engine: Engine
    sessions: sessionmaker[Session]
    passwords: Passwords
    photos: Photos
    admin_password: str | None
    """The first admin's made-up password, on the start that created it (printed once)."""
    readers: sessionmaker[Session]
    """Sessions that only read (authentication): on SQLite they never wait for a writer."""
    group: GroupCommit | None
    """SQLite: pushes share transactions and fsyncs (None on PostgreSQL: pushes run side by
    side under per-record locks)."""
    held: HeldRecords
    """Stored records, parsed (by id and content hash)."""
    receipt_key: bytes
    """The key that signs receipts (made once, never changed)."""


def start_services(settings: Settings) -> Services:
    """Open the database (migrated), the photo folder, and make the first admin if needed."""
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    engine = open_engine(settings.sqlalchemy_url())
    migrate(engine)
    sessions = session_factory(engine)
    passwords = Passwords(settings.password_memory_kib)
    configured = settings.admin_password.get_secret_value() if settings.admin_password else None
    with sessions() as session, session.begin():
        made_up = ensure_admin(
            session=session,
            passwords=passwords,
            username=settings.admin_username,
            password=configured,
        )
        key = ensure_key(session)
    photos = Photos(sessions, PhotoFiles(settings.photo_dir), settings)
    return Services(
        settings,
        engine,
        sessions,
        passwords,
        photos,
        made_up,
        readers=read_sessions(engine),
        group=GroupCommit(sessions) if engine.dialect.name == "sqlite" else None,
        held=HeldRecords(),
        receipt_key=key,
    )
