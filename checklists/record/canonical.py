"""Canonical building blocks of record models: equal values always serialise to identical JSON.

Merging keeps a register when two copies are equal (`==`), so equality must imply identical
canonical JSON, or `merge(a, b)` and `merge(b, a)` could hash differently. Python's equality
does not guarantee that for two kinds of value, which these types normalise:

- floats: `-0.0 == 0.0`, but JSON writes "-0.0"; every float is stored and written as 0.0.
- datetimes: equal instants at different UTC offsets compare equal; every datetime is converted
  to UTC (aware). A naive datetime has no offset to convert from: it is taken to be UTC already
  (its digits are kept, `tzinfo=UTC` is attached). The app's own clock is UTC, and this keeps all
  record datetimes comparable with each other (naive and aware ones cannot be ordered).

Both are normalised on validation and again on serialisation, so a value slipped in through
`model_copy(update=...)` (which skips validation) still hashes canonically.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Annotated, Any

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    SerializerFunctionWrapHandler,
    WrapSerializer,
)

__all__ = [
    "CanonicalFloat",
    "Instant",
    "Counter",
    "MAX_SAFE_INT",
    "SafeInt",
    "Id",
    "ShortText",
    "LongText",
    "RecordModel",
    "canonical_float",
    "utc_instant",
    "canonical_json",
]

MAX_SAFE_INT = 2**53 - 1
"""The largest integer a record may hold: JavaScript and 64-bit databases both hold it."""
Counter = Annotated[int, Field(ge=1, le=MAX_SAFE_INT)]
SafeInt = Annotated[int, Field(ge=0, le=MAX_SAFE_INT)]
Id = Annotated[str, Field(min_length=1, max_length=64, pattern=r"^[A-Za-z0-9][A-Za-z0-9._:-]*$")]
"""An id or key made on a device: UUIDs, template criterion ids, user ids (no spaces, no paths)."""
ShortText = Annotated[str, Field(max_length=500)]
LongText = Annotated[str, Field(max_length=20_000)]


def canonical_json(data: Any) -> str:
    """Deterministic JSON (sorted keys, no spaces): the basis of content hashes and tie-breaks."""
    return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def canonical_float(value: float) -> float:
    """The float with -0.0 turned into 0.0 (every other value unchanged)."""
    return value + 0.0


def utc_instant(value: datetime) -> datetime:
    """The datetime in UTC (aware); a naive one is taken to be UTC already."""
    if value.tzinfo is None:
        return value.replace(tzinfo=UTC)
    return value.astimezone(UTC)


def _float_out(value: float, handler: SerializerFunctionWrapHandler) -> Any:
    return handler(canonical_float(value))


def _instant_out(value: datetime, handler: SerializerFunctionWrapHandler) -> Any:
    return handler(utc_instant(value))


CanonicalFloat = Annotated[float, AfterValidator(canonical_float), WrapSerializer(_float_out)]
Instant = Annotated[datetime, AfterValidator(utc_instant), WrapSerializer(_instant_out)]


class RecordModel(BaseModel):
    """Base of every record model: frozen, no unknown fields, no NaN or infinity."""

    model_config = ConfigDict(frozen=True, extra="forbid", allow_inf_nan=False)

    def canonical(self) -> str:
        """The canonical JSON of the model (see `canonical_json`)."""
        return canonical_json(self.model_dump(mode="json"))
