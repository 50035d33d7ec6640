"""The server's canonical JSON (orjson) is byte for byte the tablets' (`json.dumps`): every code
point, floats across their range, generated JSON values and real records; where orjson writes a
float otherwise (below 1e-4) the standard library's text is the one returned."""

from __future__ import annotations

import math
import sys
from typing import Any

import orjson
from hypothesis import given, settings
from hypothesis import strategies as st

from checklists.record.canonical import MAX_SAFE_INT, canonical_json
from checklists.record.editing import assess
from checklists.record.sample import MEMBER_1, build_sample_inspection
from sync.server.canonical_text import canonical_of, canonical_text


def test_every_code_point_in_text_and_keys_is_written_as_the_tablets_write_it() -> None:
    # Whole planes at a time (a key per code point, so key order is compared too); surrogates
    # are no text (the server parses bodies as UTF-8, which has none).
    points = [cp for cp in range(sys.maxunicode + 1) if not 0xD800 <= cp <= 0xDFFF]
    for start in range(0, len(points), 4096):
        chunk = "".join(chr(cp) for cp in points[start : start + 4096])
        data = {c: c + '\\"/ x' for c in chunk} | {"text": chunk}
        assert canonical_of(data) == canonical_json(data), hex(points[start])


def _floats_across_the_range() -> list[float]:
    found = [0.0, sys.float_info.max, sys.float_info.min, 1e-4, 1e16, 1e15, 0.1, 98.77]
    for exponent in range(-324, 309):
        for mantissa in ("1", "1.5", "2.5", "9.999999999999999", "3.141592653589793"):
            value = float(f"{mantissa}e{exponent}")
            if value and math.isfinite(value):
                found += [value, -value, math.nextafter(value, 0.0)]
                found.append(math.nextafter(value, math.inf))
    return found


def test_floats_across_their_whole_range_are_written_as_the_tablets_write_them() -> None:
    values = _floats_across_the_range()
    for value in values:
        assert canonical_of({"v": value}) == canonical_json({"v": value}), repr(value)


def test_the_floats_orjson_writes_otherwise_are_the_ones_caught() -> None:
    # Without the check for tiny floats, these would hash differently from the tablets' copy.
    for value in (1e-5, 9.99e-5, 2.5e-7, 1e-7):
        assert orjson.dumps({"v": value}).decode() != canonical_json({"v": value})
        for data in ({"v": value}, {"v": -value}, [1, value], value):
            assert canonical_of(data) == canonical_json(data)
    # text that looks like a tiny number only costs the slower path, never a different text
    for text in ("e-mail", "1e-5", "0.00001", "Dịch vụ e-Gov 2e-3"):
        assert canonical_of({"note": text, "x": 0.5}) == canonical_json({"note": text, "x": 0.5})


def test_what_orjson_refuses_is_written_by_the_standard_library() -> None:
    data = {"big": 2**70, "n": [1, 2]}  # beyond 64 bits (no record holds one: 2**53 at most)
    assert canonical_of(data) == canonical_json(data)


_json = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-MAX_SAFE_INT, MAX_SAFE_INT)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(),
    lambda inner: st.lists(inner, max_size=5) | st.dictionaries(st.text(), inner, max_size=5),
    max_leaves=40,
)


@settings(max_examples=600, deadline=None)
@given(_json)
def test_generated_json_values_are_written_as_the_tablets_write_them(data: Any) -> None:
    assert canonical_of(data) == canonical_json(data)


def test_records_are_written_byte_for_byte_as_the_tablets_write_them() -> None:
    sample = build_sample_inspection()
    tiny = assess(sample, author_id=MEMBER_1, criterion_id="A1", figures={"x": 1e-5})
    notes = assess(sample, author_id=MEMBER_1, criterion_id="A1", note="Đã kiểm tra e-mail 1e-5")
    for record in (sample, tiny, notes):
        assert canonical_text(record) == record.canonical()
