"""The database tables (SQLAlchemy 2 declarative); one schema for SQLite and PostgreSQL.

A delegation member's id in a record *is* the server user's id (a UUID4 made here): planned
visits are built that way, and `memberships` indexes, for each stored record, the users among
its active members, rewritten with every new revision. Alembic's migrations create these tables;
`tests/sync/server/test_migrations.py` checks that they match.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import cast

from sqlalchemy import Boolean, Date, Float, ForeignKey, Index, Integer, String, Table, Text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column
from sqlalchemy.types import DateTime

__all__ = [
    "Base",
    "table_of",
    "User",
    "Device",
    "StoredInspection",
    "Membership",
    "PhotoRef",
    "StoredPhoto",
    "Change",
    "ServerKey",
    "OfficeSession",
    "ListedInspection",
    "SignInFailure",
    "CriterionScore",
    "SummaryDue",
    "PublishedTemplate",
]


class Base(DeclarativeBase):
    """The declarative base of every table here."""


def table_of(model: type[Base]) -> Table:
    """A model's table, for the plain (Core) statements of the hot paths: the push, the token
    check, the summaries."""
    return cast(Table, model.__table__)


class User(Base):
    """A person who may sign in: their role on the server and a hashed password."""

    __tablename__ = "users"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    username: Mapped[str] = mapped_column(String(64), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    role: Mapped[str] = mapped_column(String(20))
    password_hash: Mapped[str] = mapped_column(String(200))
    active: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class Device(Base):
    """An enrolled tablet or browser: the sha256 of its token, and when it was revoked."""

    __tablename__ = "devices"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    user_id: Mapped[str] = mapped_column(ForeignKey("users.id"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    revoked_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), default=None)


class StoredInspection(Base):
    """The merged record as the server holds it (canonical JSON), its hash and revision."""

    __tablename__ = "inspections"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    body: Mapped[str] = mapped_column(Text)
    content_hash: Mapped[str] = mapped_column(String(64))
    revision: Mapped[int] = mapped_column(Integer)
    change_seq: Mapped[int] = mapped_column(Integer, index=True)
    template_id: Mapped[str] = mapped_column(String(64))
    template_version: Mapped[int] = mapped_column(Integer)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class Membership(Base):
    """A user who is an active member of a stored record's delegation."""

    __tablename__ = "memberships"

    inspection_id: Mapped[str] = mapped_column(ForeignKey("inspections.id"), primary_key=True)
    user_id: Mapped[str] = mapped_column(String(64), primary_key=True, index=True)


class PhotoRef(Base):
    """A photo hash a stored record points at."""

    __tablename__ = "photo_refs"

    inspection_id: Mapped[str] = mapped_column(ForeignKey("inspections.id"), primary_key=True)
    sha256: Mapped[str] = mapped_column(String(64), primary_key=True, index=True)


class StoredPhoto(Base):
    """A photo whose verified bytes are in the photo folder, named by their hash."""

    __tablename__ = "photos"

    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    byte_size: Mapped[int] = mapped_column(Integer)
    mime: Mapped[str] = mapped_column(String(32))
    width: Mapped[int] = mapped_column(Integer)
    height: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class Change(Base):
    """One new revision of a record: its `seq` orders the pull list (the cursor)."""

    __tablename__ = "changes"

    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    inspection_id: Mapped[str] = mapped_column(String(64))


class ServerKey(Base):
    """The secret that signs receipts, shared by every server process through the database."""

    __tablename__ = "server_keys"

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    secret: Mapped[str] = mapped_column(String(128))


class OfficeSession(Base):
    """A signed-in browser on the office pages: the sha256 of its cookie, its CSRF token."""

    __tablename__ = "office_sessions"

    id_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    user_id: Mapped[str] = mapped_column(ForeignKey("users.id"), index=True)
    csrf_token: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    seen_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class ListedInspection(Base):
    """One stored record's summary for the office pages: the scoring engine's figures and the
    header's words in columns, written with every new revision (`sync.server.summaries`)."""

    __tablename__ = "inspection_summaries"

    inspection_id: Mapped[str] = mapped_column(ForeignKey("inspections.id"), primary_key=True)
    unit_name: Mapped[str] = mapped_column(String(300), index=True)
    unit_parent: Mapped[str] = mapped_column(String(300))
    lead_body: Mapped[str] = mapped_column(String(300), index=True)
    leader_name: Mapped[str] = mapped_column(String(300))
    inspection_date: Mapped[date] = mapped_column(Date, index=True)
    year: Mapped[int] = mapped_column(Integer, index=True)
    template_id: Mapped[str] = mapped_column(String(64), index=True)
    template_version: Mapped[int] = mapped_column(Integer)
    template_title: Mapped[str] = mapped_column(String(300))
    known_template: Mapped[bool] = mapped_column(Boolean)
    status: Mapped[str] = mapped_column(String(20), index=True)
    total: Mapped[float | None] = mapped_column(Float)
    max_total: Mapped[float] = mapped_column(Float)
    rating_code: Mapped[str] = mapped_column(String(64), index=True)
    """"" while there is no rating."""
    rating_label: Mapped[str] = mapped_column(String(200))
    rating_label_en: Mapped[str] = mapped_column(String(200))
    provisional: Mapped[bool] = mapped_column(Boolean)
    criteria_total: Mapped[int] = mapped_column(Integer)
    criteria_scored: Mapped[int] = mapped_column(Integer)
    completeness: Mapped[float] = mapped_column(Float)
    """Criteria settled, in percent of the template's criteria."""
    photo_count: Mapped[int] = mapped_column(Integer)
    search: Mapped[str] = mapped_column(Text)
    """Unit, parent, place, lead body, members and template title, lower-cased and without
    Vietnamese accents (`summaries.folded`), for a search that works the same on every database."""


class CriterionScore(Base):
    """The delegation's result on one criterion of one stored record, beside the unit's own."""

    __tablename__ = "criterion_scores"

    inspection_id: Mapped[str] = mapped_column(ForeignKey("inspections.id"), primary_key=True)
    criterion_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    section_id: Mapped[str] = mapped_column(String(64))
    position: Mapped[int] = mapped_column(Integer)
    state: Mapped[str] = mapped_column(String(20))
    points: Mapped[float | None] = mapped_column(Float)
    max_points: Mapped[float] = mapped_column(Float)
    self_points: Mapped[float | None] = mapped_column(Float)


class SignInFailure(Base):
    """One failed sign-in, counted against a username (`kind` "user") or a client address
    ("address") for as long as the sign-in window lasts (`sync.server.sign_in_limits`)."""

    __tablename__ = "sign_in_failures"
    __table_args__ = (Index("ix_sign_in_failures_kind_key_at", "kind", "key", "at"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    kind: Mapped[str] = mapped_column(String(8))
    key: Mapped[str] = mapped_column(String(320))
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), index=True)


class SummaryDue(Base):
    """A stored record whose summary is older than its revision: marked by the push that wrote
    the revision, cleared by the one that summarises it (`sync.server.summary_queue`)."""

    __tablename__ = "summaries_due"

    inspection_id: Mapped[str] = mapped_column(ForeignKey("inspections.id"), primary_key=True)


class PublishedTemplate(Base):
    """A template version the central office published: immutable once written (never updated).

    The bundled templates are published too, without a row; a row's version is always above
    every bundled version of its id.
    """

    __tablename__ = "published_templates"

    template_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    version: Mapped[int] = mapped_column(Integer, primary_key=True)
    content_hash: Mapped[str] = mapped_column(String(64))
    title: Mapped[str] = mapped_column(Text)
    body: Mapped[str] = mapped_column(Text)
    """The template's JSON, as `Template.model_dump_json` wrote it."""
    published_by: Mapped[str] = mapped_column(ForeignKey("users.id"))
    published_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
