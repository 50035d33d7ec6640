"""The check a tablet runs before it calls a record delivered: does the receipt cover what it sent?

A receipt names the server's content hash and photo hashes. The tablet trusts it only when:
the copy the server sent back (or, if none, the copy sent) hashes to the receipt's hash, that
copy holds everything that was sent (merging what was sent into it changes nothing), and every
photo the sent copy points at is in the receipt (`sync.protocol.receipt_confirms`).
"""

from __future__ import annotations

from pydantic import ValidationError

from checklists.errors import ChecklistError
from checklists.record.merge import merge, normalize
from checklists.record.model import Inspection
from checklists.record.upgrade import parse_record
from sync.client.errors import ReceiptMismatch
from sync.protocol import PushResult, receipt_confirms

__all__ = ["confirmed_copy"]


def confirmed_copy(result: PushResult, sent: Inspection) -> Inspection:
    """The server's merged copy, once its receipt is checked against `sent`; ReceiptMismatch
    (nothing may be marked delivered) when the receipt is missing or does not cover `sent`."""
    receipt = result.receipt
    if receipt is None:
        raise _mismatch("không có biên nhận", "no receipt")
    try:
        held = sent if result.record is None else parse_record(result.record)
    except (ValidationError, ChecklistError, ValueError) as exc:
        raise _mismatch("bản hợp nhất không đọc được", "unreadable merged copy") from exc
    held = normalize(held)
    held_hash = held.content_hash()
    if held.id != sent.id or held_hash != result.content_hash:
        raise _mismatch("mã băm không khớp bản nhận về", "hash differs from the copy returned")
    if normalize(merge(held, sent)).content_hash() != held_hash:
        raise _mismatch("máy chủ thiếu một phần đã gửi", "the server lacks part of what was sent")
    if receipt.revision != result.revision or not receipt_confirms(
        receipt, sent.id, held_hash, sent.photo_hashes()
    ):
        raise _mismatch("biên nhận không khớp bản đã gửi", "the receipt differs from what was sent")
    return held


def _mismatch(vi: str, en: str) -> ReceiptMismatch:
    return ReceiptMismatch(
        f"Biên nhận của máy chủ không xác nhận bản đã gửi ({vi}); hồ sơ vẫn chờ gửi.",
        f"The server's receipt does not confirm what was sent ({en}); the record stays pending.",
    )
