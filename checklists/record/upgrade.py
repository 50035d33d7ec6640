"""Bringing a record written by an older app up to the current schema, as plain JSON data.

Pure and deterministic: two tablets upgrading the same version-1 record produce the same
version-2 record (ids made with UUID5 from the record's id), so their copies still merge.
"""

from __future__ import annotations

import uuid
from typing import Any

from checklists.errors import RecordMalformed, Refusal
from checklists.record.model import SCHEMA_VERSION, Inspection

__all__ = ["upgrade", "parse_record"]

_V1_ROLE_ORDER = ("truong_doan", "pho_truong_doan", "thu_ky", "thanh_vien")
_UNKNOWN_LEADER = "v1-leader"


def parse_record(data: Any) -> Inspection:
    """A record from JSON data of any known schema version (pydantic ValidationError if bad)."""
    return Inspection.model_validate(upgrade(data))


def upgrade(data: Any) -> Any:
    """The data at the current schema version; data already current is returned as it is.

    RecordMalformed for a version this app does not know (written by a newer app).
    """
    if not isinstance(data, dict):
        return data
    version = data.get("schema_version", 1)
    if version == SCHEMA_VERSION:
        return data
    if version != 1:
        raise RecordMalformed(
            [
                Refusal(
                    "schema_version",
                    "check.schema",
                    {"version": str(version), "expected": str(SCHEMA_VERSION)},
                )
            ]
        )
    return _v1_to_v2(data)


def _v1_to_v2(old: dict[str, Any]) -> dict[str, Any]:
    ns = uuid.uuid5(uuid.NAMESPACE_URL, f"inspection:{old.get('id', '')}")

    def made(name: str) -> str:
        return str(uuid.uuid5(ns, name))

    members = dict(old.get("members") or {})
    leader = _v1_leader(members)
    if leader is None:
        leader = _UNKNOWN_LEADER
        members[leader] = {"id": leader, "name": "(Trưởng đoàn chưa rõ)", "role": "truong_doan"}

    def by(register: dict[str, Any], author: str = leader) -> dict[str, Any]:
        return {"author_id": author, "counter": 1, **register}

    new = {k: v for k, v in old.items() if k not in ("assessments", "photos", "log")}
    new["schema_version"] = SCHEMA_VERSION
    new["leader_id"] = leader
    new["header"] = by(old.get("header") or {})
    for field in ("members", "representatives", "assignments", "self_scores"):
        source = members if field == "members" else old.get(field) or {}
        new[field] = {k: by(v) for k, v in source.items()}
    deputies = sorted(k for k, m in members.items() if m.get("role") == "pho_truong_doan")
    # Version 1 let every deputy decide; keep their decisions valid by saying so.
    new["leadership"] = (
        [
            {
                "id": made("v1-deputies"),
                "leader_id": leader,
                "acting_deputies": deputies,
                "author_id": leader,
                "counter": 1,
            }
        ]
        if deputies
        else []
    )
    photos: dict[str, Any] = {}
    for sha, meta in (old.get("photos") or {}).items():
        photo_id = made(f"photo:{sha}")
        photos[photo_id] = {
            **{k: v for k, v in meta.items() if k != "sha256"},
            "id": photo_id,
            "sha256": sha,
            "counter": meta.get("counter", 1),
        }
    assessments: dict[str, Any] = {}
    for c, by_author in (old.get("assessments") or {}).items():
        assessments[c] = {}
        for author, a in by_author.items():
            assessments[c][author] = {k: v for k, v in a.items() if k != "photos"}
            for sha in a.get("photos") or ():
                known = any(
                    p["sha256"] == sha and p.get("criterion_id") == c for p in photos.values()
                )
                if not known:
                    photo_id = made(f"photo:{c}/{author}/{sha}")
                    photos[photo_id] = {
                        "id": photo_id,
                        "sha256": sha,
                        "criterion_id": c,
                        "author_id": author,
                        "counter": a.get("counter", 1),
                    }
    new["assessments"] = assessments
    new["decisions"] = {
        c: {d.get("author_id", leader): d} for c, d in (old.get("decisions") or {}).items()
    }
    new["photos"] = photos
    new["log"] = [_v1_log(e) for e in old.get("log") or ()]
    return new


def _v1_leader(members: dict[str, Any]) -> str | None:
    for role in _V1_ROLE_ORDER:
        found = sorted(k for k, m in members.items() if m.get("role", "thanh_vien") == role)
        if found:
            return found[0]
    return None


def _v1_log(entry: dict[str, Any]) -> dict[str, Any]:
    counter = entry.get("counter", 1)
    return {
        "id": entry.get("id"),
        "author_id": entry.get("author_id"),
        "code": "log.v1",
        "target": "",
        "params": {"action": entry.get("action", ""), "detail": entry.get("detail", "")},
        "first_counter": counter,
        "counter": counter,
        "first_at": entry.get("at"),
        "at": entry.get("at"),
    }
