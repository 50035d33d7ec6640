"""A record's canonical JSON made by orjson: byte for byte what the tablets make, in half the time.

Every pushed revision is serialised to its canonical JSON (`RecordModel.canonical`: sorted keys,
no spaces, UTF-8 text) to be stored and hashed, and the standard library's encoder was a tenth
of the server's CPU a push. orjson writes the same JSON for everything a record dumps to
(`model_dump(mode="json")`: dicts with text keys, lists, text, booleans, null, integers up to
2**53, finite floats), with one known exception: floats of magnitude below 1e-4, which Python
writes as `1e-05` and orjson as `0.00001` or `1e-5`. Those two shapes are looked for in the
output, and wherever they occur (in a number, or in text that merely looks like one) the
standard library's encoder makes the text instead; so does anything orjson refuses. Either way
the result equals `record.canonical()`, which `tests/sync/server/test_server_canonical_text.py`
checks on every code point, on floats across their whole range and on generated JSON values.

The tablets keep the standard library (orjson is a compiled package the tablet build does not
carry); the content hashes of both must match, and do, by the above.
"""

from __future__ import annotations

from typing import Any

import orjson

from checklists.record.canonical import RecordModel, canonical_json

__all__ = ["canonical_text", "canonical_of"]

_MANTISSA = frozenset(b"0123456789.")
_BEFORE_A_VALUE = frozenset(b":,[")


def canonical_text(record: RecordModel) -> str:
    """`record.canonical()`, made faster (see the module)."""
    return canonical_of(record.model_dump(mode="json"))


def canonical_of(data: Any) -> str:
    """`canonical_json(data)` for JSON-ready data (what `model_dump(mode="json")` returns)."""
    try:
        made = orjson.dumps(data, option=orjson.OPT_SORT_KEYS)
    except orjson.JSONEncodeError:
        return canonical_json(data)  # what orjson refuses (no record holds it): as the tablets
    if _holds_a_tiny_float(made):
        return canonical_json(data)
    return made.decode("utf-8")


def _holds_a_tiny_float(made: bytes) -> bool:
    """True when orjson's JSON may hold a float below 1e-4, in either of its two shapes for
    those (`0.00001`, `-1e-7`); text that merely looks like one may answer True too."""
    if b"0.0000" in made:
        return True
    # "e-" is common in ids (a UUID part ending in e): a number's is preceded by its mantissa,
    # an optional minus and what comes before a value (a regular expression costs more).
    at = made.find(b"e-")
    while at != -1:
        start = at
        while start > 0 and made[start - 1] in _MANTISSA:
            start -= 1
        if start < at and made[start - 1] == ord("-"):
            start -= 1
        if start < at and (start == 0 or made[start - 1] in _BEFORE_A_VALUE):
            return True
        at = made.find(b"e-", at + 2)
    return False
