"""Delivery receipts: the record's hash and every photo it points at, signed with the server's key.

The key lives in the database (`server_keys`), made on first start, so every server process
behind a load balancer signs alike. A receipt is issued only once every photo is held.
"""

from __future__ import annotations

import hmac
import secrets
from collections.abc import Sequence
from typing import Protocol

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from sync.protocol import Receipt, receipt_payload, receipt_signature
from sync.server.tables import PhotoRef, ServerKey, StoredInspection

__all__ = ["HeldRevision", "ensure_key", "issue_receipt", "signed_receipt", "receipt_is_ours"]

_KEY_ID = "receipt-1"


def ensure_key(session: Session) -> bytes:
    """The signing key, made if there is none yet (two processes racing keep the first).

    It never changes once made, so the server reads it once at start-up (`Services`)."""
    if session.get(ServerKey, _KEY_ID) is None:
        try:
            with session.begin_nested():
                session.add(ServerKey(id=_KEY_ID, secret=secrets.token_hex(32)))
        except IntegrityError:
            pass
    return _key(session)


def _key(session: Session) -> bytes:
    key = session.get(ServerKey, _KEY_ID)
    if key is None:
        raise LookupError("the receipt key was never made (ensure_key runs at start-up)")
    return bytes.fromhex(key.secret)


def issue_receipt(session: Session, row: StoredInspection) -> Receipt:
    """The signed receipt for the record as stored now (the caller checked no photo is missing)."""
    photos = session.scalars(select(PhotoRef.sha256).where(PhotoRef.inspection_id == row.id))
    return signed_receipt(row, list(photos), _key(session))


class HeldRevision(Protocol):
    """What a receipt names of a stored revision (a row, or the push path's plain values)."""

    @property
    def id(self) -> str: ...
    @property
    def content_hash(self) -> str: ...
    @property
    def revision(self) -> int: ...


def signed_receipt(row: HeldRevision, photos: Sequence[str], key: bytes) -> Receipt:
    """The receipt for the stored `row` pointing at `photos` (every one held), signed with
    `key` (what `ensure_key` returned)."""
    ordered = sorted(photos)
    payload = receipt_payload(row.id, row.content_hash, row.revision, ordered, _KEY_ID)
    return Receipt(
        inspection_id=row.id,
        content_hash=row.content_hash,
        revision=row.revision,
        photos=tuple(ordered),
        key_id=_KEY_ID,
        signature=receipt_signature(key, payload),
    )


def receipt_is_ours(session: Session, receipt: Receipt) -> bool:
    """True when this server's key made the receipt's signature over its content."""
    payload = receipt_payload(
        receipt.inspection_id,
        receipt.content_hash,
        receipt.revision,
        receipt.photos,
        receipt.key_id,
    )
    expected = receipt_signature(_key(session), payload)
    return receipt.key_id == _KEY_ID and hmac.compare_digest(expected, receipt.signature)
