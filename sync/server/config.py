"""The server's settings: read from `INSPECT_CENTRAL_*` environment variables, safe defaults.

With nothing set, the server keeps a SQLite file and a photo folder under `./inspect-central-data`
and listens on 127.0.0.1:8000 only. Set `INSPECT_CENTRAL_DATABASE_URL` to use PostgreSQL.
"""

from __future__ import annotations

import os
from pathlib import Path

from pydantic import Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict

__all__ = ["Settings", "get_settings"]

_MB = 1024 * 1024
_AUTO_WORKERS = 4


class Settings(BaseSettings):
    """Everything the central endpoint reads from its environment (prefix `INSPECT_CENTRAL_`)."""

    model_config = SettingsConfigDict(env_prefix="INSPECT_CENTRAL_", frozen=True, extra="ignore")

    data_dir: Path = Path("inspect-central-data")
    """The SQLite file and the photo folder live here (photos also with PostgreSQL)."""
    database_url: str | None = None
    """e.g. postgresql://user:pass@host/db; empty means SQLite in `data_dir`."""
    host: str = "127.0.0.1"
    port: int = Field(default=8000, ge=0, le=65535)
    workers: int = Field(default=0, ge=0, le=32)
    """Server processes. 0: one on SQLite (one writer at a time; the embedded default), and on
    PostgreSQL one per CPU, at most 4 (each holds up to 20 database connections). More than
    one needs PostgreSQL."""
    admin_username: str = "admin"
    admin_password: SecretStr | None = None
    """The first admin's password; unset, a random one is made and printed once."""
    max_record_bytes: int = Field(default=8 * _MB, ge=1024)
    """The largest record a push may carry, after gzip is undone."""
    max_photo_bytes: int = Field(default=20 * _MB, ge=1024)
    max_photo_pixels: int = Field(default=50_000_000, ge=1)
    max_chunk_bytes: int = Field(default=4 * _MB, ge=1024)
    password_memory_kib: int = Field(default=65536, ge=64)
    """argon2's memory cost per password check (tests lower it to run fast)."""
    sign_in_failures_per_user: int = Field(default=5, ge=1)
    """Failed enrollments for one username within the window before it answers 429."""
    sign_in_failures_per_address: int = Field(default=20, ge=1)
    """Failed enrollments from one client address within the window before it answers 429."""
    sign_in_window_seconds: int = Field(default=900, ge=1)
    """The sliding window failed sign-ins are counted over (15 minutes)."""
    token_check_seconds: float = Field(default=1.0, ge=0, le=60)
    """How long a device token checked against the database is trusted without checking again
    (a change to accounts or devices made by this server forgets every token at once; another
    server process sharing the database sees a revocation within this time). 0: every time."""
    summary_delay_seconds: float = Field(default=1.0, ge=0, le=3600)
    """How long after a push the office pages' summary of its record is written in the
    background (pushes meanwhile share one summary); pages bring summaries current anyway."""
    abandoned_upload_hours: float = Field(default=24.0, gt=0)
    """A partial photo upload untouched for this long is deleted."""
    upload_sweep_minutes: float = Field(default=60.0, gt=0)
    """How often (at most) upload calls look for abandoned uploads; also once at start-up."""
    dedupe: bool = True
    """TEST-ONLY switch, never turn it off in service: False makes every push write a new
    revision and change row even when the merged content is what is held, i.e. a retried push
    is applied twice. The chaos test's negative control uses it to show its checker fails."""
    office_idle_minutes: int = Field(default=30, ge=1)
    """An office page session ends after this long without a request."""
    office_absolute_hours: int = Field(default=12, ge=1)
    """An office page session ends this long after sign-in, used or not."""

    @property
    def photo_dir(self) -> Path:
        """Where stored photos (by hash) and uploads in progress live."""
        return self.data_dir / "photos"

    @property
    def on_sqlite(self) -> bool:
        return self.sqlalchemy_url().startswith("sqlite")

    def processes(self) -> int:
        """How many server processes to run (`workers`, or its automatic value)."""
        if self.workers:
            return self.workers
        return 1 if self.on_sqlite else min(os.cpu_count() or 1, _AUTO_WORKERS)

    def sqlalchemy_url(self) -> str:
        """The database URL SQLAlchemy opens (psycopg 3 for PostgreSQL)."""
        url = self.database_url
        if not url:
            return f"sqlite:///{(self.data_dir / 'central.sqlite3').resolve()}"
        for prefix in ("postgresql://", "postgres://"):
            if url.startswith(prefix):
                return "postgresql+psycopg://" + url[len(prefix) :]
        return url


def get_settings() -> Settings:
    """Settings from the environment (called once by the console script, never at import)."""
    return Settings()
