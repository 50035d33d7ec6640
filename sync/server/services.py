"""What one running server holds: its settings, database engine, sessions, hasher and photos.

Built by `start_services` when the app is created (never at import): it makes the data folder,
runs the migrations, creates the first admin and the receipt key.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from sync.server.accounts import ensure_admin
from sync.server.clock import Clock, system_clock
from sync.server.config import Settings
from sync.server.db import open_engine, read_sessions, session_factory, write_lanes
from sync.server.group_commit import GroupCommit
from sync.server.held import HeldRecords
from sync.server.migrate import migrate
from sync.server.photo_files import PhotoFiles
from sync.server.photos import Photos
from sync.server.receipts import ensure_key
from sync.server.security import Passwords
from sync.server.sign_in_limits import SignInLimits
from sync.server.summary_queue import SummaryQueue
from sync.server.token_cache import TokenCache
from sync.server.upload_sweeper import UploadSweeper

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
    sign_ins: SignInLimits
    """Failed enrollments per username and address (429 past the limit)."""
    sweeper: UploadSweeper
    """Deletes abandoned partial uploads (at start-up, then lazily on upload calls)."""
    readers: sessionmaker[Session]
    """Sessions that only read (authentication): on SQLite they never wait for a writer."""
    group: GroupCommit
    """Pushes share transactions and commits (on SQLite and PostgreSQL alike; PostgreSQL's
    per-record locks also keep other server processes' pushes of a record apart)."""
    held: HeldRecords
    """Stored records, parsed (by id and content hash)."""
    receipt_key: bytes
    """The key that signs receipts (made once, never changed)."""
    summaries: SummaryQueue
    """Writes the office pages' summaries of pushed records (after the push, not in it)."""
    tokens: TokenCache
    """Device tokens checked a moment ago (forgotten when an account or device changes)."""


def start_services(settings: Settings, clock: Clock = system_clock) -> Services:
    """Open the database (migrated), the photo folder, and make the first admin if needed;
    abandoned uploads are swept. `clock` is "now" for sign-in limits and uploads (tests set it)."""
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    engine = open_engine(settings.sqlalchemy_url())
    migrate(engine)
    sessions = session_factory(engine)
    tokens = TokenCache(settings.token_check_seconds)
    tokens.watch(sessions)
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
    files = PhotoFiles(settings.photo_dir, clock)
    sweeper = UploadSweeper(
        files,
        max_age=timedelta(hours=settings.abandoned_upload_hours),
        every=timedelta(minutes=settings.upload_sweep_minutes),
        clock=clock,
    )
    sweeper.sweep()
    group = GroupCommit(sessions, lanes=write_lanes(engine))
    held = HeldRecords()
    readers = read_sessions(engine)
    summaries = SummaryQueue(readers, group, held, settings.summary_delay_seconds)
    if summaries.due():
        summaries.notify()  # what a stopped server left due
    return Services(
        settings=settings,
        engine=engine,
        sessions=sessions,
        passwords=passwords,
        photos=Photos(sessions, files, settings),
        admin_password=made_up,
        sign_ins=SignInLimits(
            sessions,
            readers,
            per_user=settings.sign_in_failures_per_user,
            per_address=settings.sign_in_failures_per_address,
            window=timedelta(seconds=settings.sign_in_window_seconds),
            clock=clock,
        ),
        sweeper=sweeper,
        readers=readers,
        group=group,
        held=held,
        receipt_key=key,
        summaries=summaries,
        tokens=tokens,
    )
