"""Hypothesis strategies for records: tablet copies built by real edits, and raw registers."""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta, timezone
from typing import Any

from hypothesis import strategies as st

from checklists.errors import EditRefused
from checklists.record import editing, photos, roster
from checklists.record.leadership import LeaderEvent
from checklists.record.lifecycle import Lifecycle, LifecycleEvent
from checklists.record.merge import merge
from checklists.record.model import (
    Assessment,
    ConclusionBlock,
    ConclusionPart,
    Decision,
    Header,
    Inspection,
    LogEntry,
    Member,
    Photo,
    Role,
    Value,
)
from checklists.template.model import (
    Criterion,
    PointsScoring,
    RatingBand,
    Section,
    Status,
    StatusScoring,
    Template,
    YesNoScoring,
)

__all__ = [
    "TEMPLATE",
    "MEMBERS",
    "LEADER",
    "CRITERIA",
    "PHOTO_HASHES",
    "HEADER",
    "DEPUTY",
    "fresh",
    "values",
    "base_records",
    "edit_ops",
    "apply_op",
    "related_copies",
    "raw_records",
    "with_clocks_reassigned",
    "strip_clocks",
    "with_equal_variants",
]


def _criterion(cid: str, scoring: Any) -> Criterion:
    return Criterion(id=cid, label=f"Tiêu chí {cid}", max_points=2, scoring=scoring)


TEMPLATE = Template(
    id="mau-thu",
    version=1,
    title="Phiếu chấm thử",
    programme="Chính quyền thân thiện",
    total_points=12,
    sections=(
        Section(
            id="A",
            title="Lãnh đạo, chỉ đạo",
            max_points=6,
            criteria=(
                _criterion("A1", PointsScoring()),
                _criterion("A2", StatusScoring()),
                _criterion("A3", YesNoScoring()),
            ),
        ),
        Section(
            id="B",
            title="Tiếp công dân",
            max_points=6,
            criteria=(
                _criterion("B1", PointsScoring()),
                _criterion("B2", StatusScoring()),
                _criterion("B3", PointsScoring()),
            ),
        ),
    ),
    rating_bands=(
        RatingBand(code="tot", label="Tốt", min=9),
        RatingBand(code="kha", label="Khá", min=6, max=9),
        RatingBand(code="chua_dat", label="Chưa đạt", min=0, max=6),
    ),
)
CRITERIA = ("A1", "A2", "A3", "B1", "B2", "B3")
LEADER = "m-lead"
DEPUTY = "m-pho"
MEMBERS = (
    {"id": LEADER, "name": "Nguyễn Văn Trưởng", "role": Role.TRUONG_DOAN},
    {"id": DEPUTY, "name": "Trần Thị Phó", "role": Role.PHO_TRUONG_DOAN},
    {"id": "m-1", "name": "Lê Văn Một", "role": Role.THANH_VIEN},
    {"id": "m-2", "name": "Phạm Thị Hai", "role": Role.THANH_VIEN},
)
MEMBER_IDS = tuple(m["id"] for m in MEMBERS)
PHOTO_HASHES = tuple(hashlib.sha256(f"ảnh {i}".encode()).hexdigest() for i in range(4))
PHOTO_IDS = ("p-1", "p-2", "p-3")
_TEMPLATE_HASH = TEMPLATE.content_hash()
HEADER = {"unit_name": "UBND xã Thử", "inspection_date": date(2024, 5, 20)}


def fresh(record_id: str) -> Inspection:
    """A new record of the four members, led by LEADER, with DEPUTY acting as leader too."""
    record = editing.new_inspection(TEMPLATE, HEADER, inspection_id=record_id, members=MEMBERS)
    return roster.hand_over(record, author_id=LEADER, leader_id=LEADER, acting_deputies=[DEPUTY])


Op = tuple[str, dict[str, Any]]

_OFFSETS = (UTC, timezone(timedelta(hours=7)), timezone(timedelta(hours=-5)))
# Naive and aware device times, at several UTC offsets: equal instants must hash equally.
_clocks = st.none() | st.datetimes(
    min_value=datetime(2024, 1, 1),
    max_value=datetime(2025, 12, 31),
    timezones=st.none() | st.sampled_from(_OFFSETS),
)
_texts = st.sampled_from(["", "Ghi chú", "Có biên bản họp", "Thiếu sổ theo dõi"])

values = st.builds(
    Value,
    not_applicable=st.booleans(),
    score=st.sampled_from([None, 0.0, -0.0, 0.5, 1.0, 2.0]),
    status=st.none() | st.sampled_from(Status),
    answer=st.none() | st.booleans(),
    figures=st.dictionaries(
        st.sampled_from(["f1", "f2"]), st.sampled_from([0.0, -0.0, 3.0, 98.77]), max_size=2
    ),
)


@st.composite
def base_records(draw: st.DrawFn) -> tuple[Inspection, tuple[str, ...]]:
    """A fresh record with the four members, and the 3-6 criterion ids the copies will score."""
    record_id = str(draw(st.uuids()))
    picked = draw(st.sets(st.sampled_from(CRITERIA), min_size=3, max_size=6))
    return fresh(record_id), tuple(sorted(picked))


@functools.cache
def edit_ops(criteria: tuple[str, ...]) -> st.SearchStrategy[Op]:
    """One edit, as (editing function name, keyword arguments); assessments are most common."""
    authors = st.sampled_from(MEMBER_IDS)
    crit = st.sampled_from(criteria)

    def op(name: str, **kwargs: st.SearchStrategy[Any]) -> st.SearchStrategy[Op]:
        return st.fixed_dictionaries(kwargs).map(lambda kw: (name, kw))

    move = op(
        "move_to",
        author_id=st.sampled_from([LEADER, LEADER, "m-1"]),
        status=st.sampled_from(Lifecycle),
        reason=st.sampled_from(["", "Bổ sung hồ sơ"]),
        now=_clocks,
    )
    assess = op("assess", author_id=authors, criterion_id=crit, value=values, note=_texts)
    note_only = op("assess", author_id=authors, criterion_id=crit, note=_texts)
    return st.sampled_from(
        [
            assess,
            assess,
            assess,
            assess,
            assess,
            note_only,
            op("withdraw_assessment", author_id=authors, criterion_id=crit),
            op("withdraw_decision", author_id=st.sampled_from([LEADER, DEPUTY]), criterion_id=crit),
            op(
                "decide",
                author_id=st.sampled_from([LEADER, "m-pho", "m-1"]),
                criterion_id=crit,
                value=values,
                reason=st.sampled_from(["Theo hồ sơ", "Đã xác minh", ""]),
                now=_clocks,
            ),
            op(
                "set_self_score",
                author_id=authors,
                criterion_id=crit,
                points=st.sampled_from([None, 1.0, 2.0]),
            ),
            op(
                "add_photo",
                author_id=authors,
                sha256=st.sampled_from(PHOTO_HASHES),
                criterion_id=crit,
                photo_id=st.none() | st.sampled_from(PHOTO_IDS),
                now=_clocks,
                taken_at=_clocks,
                caption=_texts,
            ),
            op(
                "edit_photo", author_id=authors, photo_id=st.sampled_from(PHOTO_IDS), caption=_texts
            ),
            op("detach_photo", author_id=authors, photo_id=st.sampled_from(PHOTO_IDS)),
            op(
                "write_conclusion",
                author_id=authors,
                part=st.sampled_from(ConclusionPart),
                text=_texts,
                now=_clocks,
            ),
            op(
                "set_header",
                author_id=authors,
                now=_clocks,
                unit_name=st.sampled_from(["UBND xã Thử", "UBND xã Mới"]),
            ),
            op(
                "upsert_member",
                author_id=authors,
                now=_clocks,
                member=st.fixed_dictionaries(
                    {
                        "id": st.sampled_from(["m-1", "m-2", "m-3"]),
                        "name": st.sampled_from(["Lê Văn Một", "Đỗ Văn Ba"]),
                    }
                ),
            ),
            op("remove_member", author_id=authors, member_id=st.sampled_from(["m-2", "m-3"])),
            op(
                "hand_over",
                author_id=authors,
                leader_id=st.sampled_from([LEADER, DEPUTY]),
                acting_deputies=st.sampled_from([(), (DEPUTY,), ("m-1",)]),
            ),
            op(
                "assign",
                author_id=authors,
                member_id=authors,
                now=_clocks,
                section_ids=st.lists(st.sampled_from(["A", "B"]), max_size=2, unique=True),
            ),
            move,
            move,
        ]
    ).flatmap(lambda strategy: strategy)


def apply_op(record: Inspection, op: Op) -> Inspection:
    """Apply one edit; an edit the rules refuse leaves the record as it was (the tablet says no)."""
    name, kwargs = op
    module = next(m for m in (editing, roster, photos) if hasattr(m, name))
    edit: Callable[..., Inspection] = getattr(module, name)
    try:
        return edit(record, **kwargs)
    except EditRefused:
        return record


@st.composite
def related_copies(draw: st.DrawFn, n: int = 2, max_steps: int = 14) -> list[Inspection]:
    """n tablet copies of one record: a shared start, then random edits and occasional syncs."""
    base, criteria = draw(base_records())
    ops = edit_ops(criteria)
    for op in draw(st.lists(ops, max_size=4)):
        base = apply_op(base, op)
    tablets = [base] * n
    for _ in range(draw(st.integers(2, max_steps))):
        i = draw(st.integers(0, n - 1))
        if draw(st.integers(0, 5)) == 0:
            tablets[i] = merge(tablets[i], tablets[draw(st.integers(0, n - 1))])
        else:
            tablets[i] = apply_op(tablets[i], draw(ops))
    return tablets


_counters = st.integers(1, 4)
_tie_counters = st.integers(1, 2)
# Few distinct device times, so ties that only a clock could break come up often.
# The same instant also appears naive, in UTC and at +07:00 (all one instant once normalised).
_few_clocks = st.sampled_from(
    [
        None,
        datetime(2024, 1, 1, 8),
        datetime(2024, 1, 1, 8, tzinfo=UTC),
        datetime(2024, 1, 1, 15, tzinfo=_OFFSETS[1]),
        datetime(2025, 6, 1, 17),
    ]
)
_authors = st.sampled_from(["m-1", "m-2", LEADER])


def _assessment_maps() -> st.SearchStrategy[dict[str, dict[str, Assessment]]]:
    def by_author(cid: str) -> st.SearchStrategy[dict[str, Assessment]]:
        one = st.builds(
            Assessment,
            criterion_id=st.just(cid),
            author_id=st.just("x"),
            counter=_counters,
            note=_texts,
            removed=st.booleans(),
            score=st.sampled_from([None, -0.0, 0.0, 1.0, 2.0]),
        )
        return st.dictionaries(_authors, one, max_size=3).map(
            lambda d: {a: v.model_copy(update={"author_id": a}) for a, v in d.items()}
        )

    return st.lists(st.sampled_from(CRITERIA[:3]), max_size=3, unique=True).flatmap(
        lambda cids: st.fixed_dictionaries({c: by_author(c) for c in cids})
    )


@st.composite
def raw_records(draw: st.DrawFn) -> Inspection:
    """A record made of arbitrary registers drawn from tiny key sets, so copies collide and tie."""
    crit = st.sampled_from(CRITERIA[:3])
    photos = st.builds(
        Photo,
        id=st.sampled_from(PHOTO_IDS[:2]),
        sha256=st.sampled_from(PHOTO_HASHES[:2]),
        criterion_id=crit,
        author_id=_authors,
        taken_at=_few_clocks,
        caption=_texts,
        counter=_tie_counters,
        removed=st.booleans(),
    )
    decisions = st.builds(
        Decision,
        criterion_id=crit,
        author_id=st.sampled_from([LEADER, DEPUTY, "m-1"]),
        counter=_counters,
        reason=_texts,
        score=st.sampled_from([-0.0, 0.0, 2.0]),
        removed=st.booleans(),
    )
    blocks = st.builds(ConclusionBlock, text=_texts, author_id=_authors, counter=_counters)
    return Inspection(
        id="raw-1",
        template_id=TEMPLATE.id,
        template_version=TEMPLATE.version,
        template_hash=_TEMPLATE_HASH,
        leader_id=LEADER,
        header=draw(
            st.builds(
                Header,
                unit_name=st.sampled_from(["Xã A", "Xã B"]),
                inspection_date=st.just(date(2024, 5, 20)),
                counter=_counters,
                author_id=st.just(LEADER),
            )
        ),
        members={
            m["id"]: Member(
                **m,
                author_id=LEADER,
                counter=draw(_counters),
                removed=m["id"] == "m-2" and draw(st.booleans()),
            )
            for m in MEMBERS
        },
        assessments=draw(_assessment_maps()),
        photos={p.id: p for p in draw(st.lists(photos, max_size=3))},
        decisions=_nested(draw(st.lists(decisions, max_size=3))),
        conclusion=draw(st.dictionaries(st.sampled_from(ConclusionPart), blocks, max_size=3)),
        leadership=tuple(
            draw(st.lists(st.sampled_from(_LEADER_EVENTS), max_size=2, unique_by=lambda e: e.id))
        ),
        lifecycle=tuple(
            draw(st.lists(st.sampled_from(_EVENTS), max_size=4, unique_by=lambda e: e.id))
        ),
        log=tuple(draw(st.lists(_logs, max_size=4, unique_by=lambda e: e.id))),
    )


def _nested(decisions: list[Decision]) -> dict[str, dict[str, Decision]]:
    nested: dict[str, dict[str, Decision]] = {}
    for d in decisions:
        nested.setdefault(d.criterion_id, {})[d.author_id] = d
    return nested


# Events are immutable: one id, one content. Pools of fixed events, so copies share some.
_EVENTS = tuple(
    LifecycleEvent(id=f"e{i}", status=status, author_id=author, counter=counter)
    for i, (status, author, counter) in enumerate(
        [
            (Lifecycle.IN_PROGRESS, "m-1", 1),
            (Lifecycle.COMPLETED, LEADER, 2),
            (Lifecycle.LOCKED, LEADER, 3),
            (Lifecycle.IN_PROGRESS, "m-2", 3),
            (Lifecycle.LOCKED, "m-1", 4),
        ]
    )
)
_LEADER_EVENTS = (
    LeaderEvent(id="h1", leader_id=LEADER, acting_deputies=(DEPUTY,), author_id=LEADER, counter=1),
    LeaderEvent(id="h2", leader_id="m-1", author_id="m-1", counter=2),
)
# History lines: the fixed part comes from the id; only the run's end (counter, at) varies.
_logs = st.builds(
    lambda i, extra, at: LogEntry(
        id=f"l{i}",
        author_id=("m-1", "m-2", LEADER)[i],
        code="log.assess",
        target=f"assessments/A{i + 1}",
        first_counter=1,
        counter=1 + extra,
        edits=1 + extra,
        at=at,
    ),
    st.integers(0, 2),
    st.integers(0, 1),
    _few_clocks,
)


@st.composite
def with_clocks_reassigned(draw: st.DrawFn, record: Inspection) -> Inspection:
    """The same record with every device-clock field (photo taken_at, log at) set afresh."""
    clocks = _few_clocks | _clocks
    photos = {k: p.model_copy(update={"taken_at": draw(clocks)}) for k, p in record.photos.items()}
    log = tuple(e.model_copy(update={"at": draw(clocks)}) for e in record.log)
    return record.model_copy(update={"photos": photos, "log": log})


def strip_clocks(record: Inspection) -> dict[str, Any]:
    """The record as JSON data with every device-clock field blanked."""
    data = record.model_dump(mode="json")
    for photo in data["photos"].values():
        photo["taken_at"] = None
    for entry in data["log"]:
        entry["at"] = None
    return data


def _elsewhere(at: datetime | None) -> datetime | None:
    return None if at is None else at.replace(tzinfo=at.tzinfo or UTC).astimezone(_OFFSETS[1])


def _negative_zero(x: float | None) -> float | None:
    return -0.0 if x == 0 else x


def with_equal_variants(record: Inspection) -> Inspection:
    """The same record with values that compare equal but print differently, set behind
    validation's back (model_copy): zero scores and figures as -0.0, device times at +07:00."""
    assessments = {
        cid: {
            a: v.model_copy(
                update={
                    "score": _negative_zero(v.score),
                    "figures": {k: _negative_zero(x) for k, x in v.figures.items()},
                }
            )
            for a, v in by.items()
        }
        for cid, by in record.assessments.items()
    }
    decisions = {
        k: {a: d.model_copy(update={"score": _negative_zero(d.score)}) for a, d in by.items()}
        for k, by in record.decisions.items()
    }
    photos = {
        k: p.model_copy(update={"taken_at": _elsewhere(p.taken_at)})
        for k, p in record.photos.items()
    }
    log = tuple(e.model_copy(update={"at": _elsewhere(e.at)}) for e in record.log)
    return record.model_copy(
        update={"assessments": assessments, "decisions": decisions, "photos": photos, "log": log}
    )
