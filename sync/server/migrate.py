"""Bringing the database schema up to date at start-up, with Alembic, from code (no alembic.ini)."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, text

__all__ = ["migrate", "alembic_config"]

_SCRIPTS = Path(__file__).resolve().parent / "migrations"
_MIGRATION_LOCK = 7_151_301  # any fixed number: the advisory lock all server processes share


def alembic_config() -> Config:
    """Alembic's configuration pointing at this package's migration scripts."""
    config = Config()
    config.set_main_option("script_location", str(_SCRIPTS))
    return config


def migrate(engine: Engine) -> None:
    """Apply every pending migration in one transaction; two processes starting at once on
    PostgreSQL take turns (an advisory lock), SQLite's immediate transaction does the same."""
    config = alembic_config()
    with engine.begin() as connection:
        if connection.dialect.name == "postgresql":
            connection.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": _MIGRATION_LOCK})
        config.attributes["connection"] = connection
        command.upgrade(config, "head")
