"""Delivery receipts: the record's hash and every photo it points at, signed with the server's key.

The key lives in the database (`server_keys`), made on first start, so every server process
behind a load balancer signs alike. A receipt is issued only once every photo is held.
"""

from __future__ import annotations

import hmac
import secrets

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from sync.protocol import Receipt, receipt_payload, receipt_signature
from sync.server.tables import PhotoRef, ServerKey, StoredInspection

__all__ = ["ensure_key", "issue_receipt", "receipt_is_ours"]

_KEY_ID = "receipt-1"


def ensure_key(session: Session) -> None:
    """Make the signing key if there is none yet (two processes racing keep the first)."""
    if session.get(ServerKey, _KEY_ID) is not None:
        return
    try:
        with session.begin_nested():
            session.add(ServerKey(id=_KEY_ID, secret=secrets.token_hex(32)))
    except IntegrityError:
        pass


def _key(session: Session) -> bytes:
    key = session.get(ServerKey, _KEY_ID)
    if key is None:
        raise LookupError("the receipt key was never made (ensure_key runs at start-up)")
    return bytes.fromhex(key.secret)


def issue_receipt(session: Session, row: StoredInspection) -> Receipt:
    """The signed receipt for the record as stored now (the caller checked no photo is missing)."""
    photos = sorted(
        session.scalars(select(PhotoRef.sha256).where(PhotoRef.inspection_id == row.id))
    )
    payload = receipt_payload(row.id, row.content_hash, row.revision, photos, _KEY_ID)
    return Receipt(
        inspection_id=row.id,
        content_hash=row.content_hash,
        revision=row.revision,
        photos=tuple(photos),
        key_id=_KEY_ID,
        signature=receipt_signature(_key(session), payload),
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
