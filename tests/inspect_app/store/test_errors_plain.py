"""Store errors in words a field user can act on: no file path, no record id, both languages."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from inspect_app.store.errors import (
    PhotoNotFound,
    PhotoTooLarge,
    RecordInvalid,
    RecordNotFound,
    StoreCorrupted,
    StoreError,
    StoreLocked,
    StoreUnreadable,
    StoreWriteFailed,
)

RECORD_ID = "0b9c2d3e-1f2a-4b5c-8d6e-7f8091a2b3c4"
PATH = Path("/data/inspect-app/records") / f"{RECORD_ID}.json"

ERRORS: list[StoreError] = [
    StoreError("boom"),
    StoreLocked(PATH.parent),
    StoreCorrupted(f"Tệp {PATH} bị hỏng", PATH),
    StoreUnreadable(f"Không đọc được {PATH}", PATH, reason="không có quyền đọc"),
    RecordNotFound(RECORD_ID),
    RecordInvalid([("assessments.x.value", "bad")]),
    PhotoTooLarge(25_000_000, 20_000_000),
    PhotoNotFound("ab" * 32),
    StoreWriteFailed(f"Không ghi được {PATH}", reason="bộ nhớ đầy"),
]


@pytest.mark.parametrize("error", ERRORS, ids=lambda e: type(e).__name__)
@pytest.mark.parametrize("lang", ["vi", "en"])
def test_the_plain_message_names_no_path_and_no_id(error: StoreError, lang: str) -> None:
    text = error.message(lang)
    assert text and "{" not in text
    assert "/" not in text.replace(" / ", "")  # "quyền ghi / chỉ đọc" is words, not a path
    assert RECORD_ID not in text and "abab" not in text
    assert not re.search(r"[0-9a-f]{8}-[0-9a-f]{4}", text)


def test_english_has_no_vietnamese_left() -> None:
    for error in ERRORS:
        assert not re.search(
            r"[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]", error.message("en")
        ), error


def test_the_details_keep_what_support_needs() -> None:
    assert RECORD_ID in str(RecordNotFound(RECORD_ID))
    assert "25,0 MB" in PhotoTooLarge(25_000_000, 20_000_000).message("vi")
    assert "storage full" in StoreWriteFailed("x", reason="bộ nhớ đầy").message("en")
