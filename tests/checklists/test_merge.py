"""The merge laws: commutative, associative, idempotent, no latest edit lost, no wall clock used."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import UTC, datetime, timedelta, timezone
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from checklists.errors import RecordMismatch
from checklists.record import editing, photos
from checklists.record.lifecycle import LIFECYCLE_RANK, Lifecycle, trusted_event
from checklists.record.merge import merge, normalize
from checklists.record.model import (
    ConclusionPart,
    Gps,
    Inspection,
    LogEntry,
    Photo,
    SelfScore,
    Value,
)
from checklists.record.registers import FIELD_KINDS, clock
from tests.checklists.strategies import (
    LEADER,
    fresh,
    raw_records,
    related_copies,
    strip_clocks,
    with_clocks_reassigned,
    with_equal_variants,
)

laws = settings(max_examples=200, deadline=None)

pairs = st.one_of(related_copies(n=2), st.lists(raw_records(), min_size=2, max_size=2))
triples = st.one_of(related_copies(n=3), st.lists(raw_records(), min_size=3, max_size=3))

REGISTER_MAPS = tuple(f for f, kind in FIELD_KINDS.items() if kind == "map")


@laws
@given(pairs)
def test_merge_is_commutative(copies: list[Inspection]) -> None:
    a, b = copies
    ab, ba = merge(a, b), merge(b, a)
    assert ab == ba
    assert ab.content_hash() == ba.content_hash()
    assert ab.model_dump_json() == ba.model_dump_json()  # same key order too, not only content


@laws
@given(pairs)
def test_equal_values_that_print_differently_still_merge_to_one_hash(
    copies: list[Inspection],
) -> None:
    a, b = copies
    b2 = with_equal_variants(b)
    assert b2 == b
    assert b2.content_hash() == b.content_hash()
    assert merge(a, b2).content_hash() == merge(b2, a).content_hash() == merge(a, b).content_hash()


@laws
@given(triples)
def test_merge_is_associative(copies: list[Inspection]) -> None:
    a, b, c = copies
    left, right = merge(merge(a, b), c), merge(a, merge(b, c))
    assert left.content_hash() == right.content_hash()
    assert left == right


@laws
@given(pairs)
def test_merge_is_idempotent(copies: list[Inspection]) -> None:
    a, b = copies
    merged = merge(a, b)
    assert merge(merged, merged) == merged
    assert merge(merged, a) == merged
    assert normalize(normalize(a)) == normalize(a)
    assert merge(a, normalize(b)) == merged


@laws
@given(related_copies(n=2))
def test_records_built_by_edits_are_already_normal(copies: list[Inspection]) -> None:
    for copy in copies:
        assert merge(copy, copy) == copy
        assert merge(copy, copy).content_hash() == copy.content_hash()


def _check_register(merged: Any, candidates: Sequence[Any]) -> None:
    top = max(c.counter for c in candidates)
    assert merged.counter == top
    assert merged in [c for c in candidates if c.counter == top]


def _check_register_map(merged: Mapping[Any, Any], inputs: Sequence[Mapping[Any, Any]]) -> None:
    keys = set().union(*(m.keys() for m in inputs))
    assert set(merged) == keys
    for key in keys:
        _check_register(merged[key], [m[key] for m in inputs if key in m])


@laws
@given(
    st.one_of(
        related_copies(n=2), related_copies(n=3), st.lists(raw_records(), min_size=2, max_size=3)
    )
)
def test_no_latest_register_is_lost(copies: list[Inspection]) -> None:
    merged = copies[0]
    for copy in copies[1:]:
        merged = merge(merged, copy)
    _check_register(merged.header, [c.header for c in copies])
    for name in REGISTER_MAPS:
        _check_register_map(getattr(merged, name), [getattr(c, name) for c in copies])
    seen = {(cid, author) for c in copies for cid, by in c.assessments.items() for author in by}
    assert {(cid, author) for cid, by in merged.assessments.items() for author in by} == seen
    for cid, author in seen:
        inputs = [
            c.assessments[cid][author] for c in copies if author in c.assessments.get(cid, {})
        ]
        _check_register(merged.assessments[cid][author], inputs)


@laws
@given(st.lists(raw_records(), min_size=2, max_size=3))
def test_event_sets_keep_every_id(copies: list[Inspection]) -> None:
    merged = merge(merge(copies[0], copies[1]), copies[-1])
    for name in ("lifecycle", "leadership", "log"):
        kept = {e.id: e for e in getattr(merged, name)}
        assert len(kept) == len(getattr(merged, name))  # one entry per id
        for copy in copies:
            for entry in getattr(copy, name):
                _check_register(
                    kept[entry.id],
                    [e for c in copies for e in getattr(c, name) if e.id == entry.id],
                )
        assert list(getattr(merged, name)) == sorted(kept.values(), key=lambda e: (e.counter, e.id))


@laws
@given(related_copies(n=3))
def test_tablet_copies_lose_no_event_log_entry_or_photo(copies: list[Inspection]) -> None:
    merged = merge(merge(copies[0], copies[1]), copies[2])
    # A history line is kept at the furthest run any copy has of it.
    assert {e.id for e in merged.log} == {e.id for c in copies for e in c.log}
    for entry in merged.log:
        assert entry.counter == max(e.counter for c in copies for e in c.log if e.id == entry.id)
    assert set(merged.lifecycle) == {e for c in copies for e in c.lifecycle}
    assert set(merged.leadership) == {e for c in copies for e in c.leadership}
    assert set(merged.photos) == {h for c in copies for h in c.photos}
    # Moves whose author lacked the role when they made them never count (authority).
    events = [
        e
        for e in {e for c in copies for e in c.lifecycle}
        if trusted_event(e, merged.leader_ids, set(merged.members))
    ]
    if events:
        latest = max(events, key=lambda e: (e.counter, LIFECYCLE_RANK[e.status], e.id))
        closed = {Lifecycle.LOCKED, Lifecycle.DELIVERED}
        if not {e.status for e in events} & closed:
            assert merged.status() is latest.status
        elif latest.status in closed:
            assert merged.status() in closed
        else:  # the latest move counts unless it is a move back that never saw the lock
            assert merged.status() is latest.status or merged.status() in closed
        shuffled = merged.model_copy(update={"lifecycle": tuple(reversed(events))})
        assert shuffled.status() is merged.status()
    assert clock(merged) == max(clock(c) for c in copies)


@laws
@given(st.data(), pairs)
def test_device_clocks_never_decide_the_winner(
    data: st.DataObject, copies: list[Inspection]
) -> None:
    a, b = copies
    a2 = data.draw(with_clocks_reassigned(a))
    b2 = data.draw(with_clocks_reassigned(b))
    assert strip_clocks(merge(a2, b2)) == strip_clocks(merge(a, b))


def test_a_device_clock_never_breaks_a_tie() -> None:
    early, late = datetime(2024, 1, 1, 8), datetime(2025, 6, 1, 17)
    base = fresh("ban-3")

    def with_photo(author: str, at: datetime) -> Inspection:
        photo = Photo(id="p1", sha256="ab" * 32, author_id=author, counter=9, taken_at=at)
        return base.model_copy(update={"photos": {"p1": photo}})

    first = merge(with_photo("m-1", early), with_photo("m-2", late))
    swapped = merge(with_photo("m-1", late), with_photo("m-2", early))
    assert first.photos["p1"].author_id == swapped.photos["p1"].author_id == "m-2"


@pytest.mark.parametrize(
    "field,changed,expected_words",
    [
        ("id", "khac-han", "khác id"),
        ("template_id", "mau-khac", "khác template_id"),
        ("template_version", 2, "khác template_version"),
        ("template_hash", "0" * 64, "khác template_hash"),
        ("leader_id", "m-1", "khác leader_id"),
    ],
)
def test_merging_different_records_is_refused(
    field: str, changed: Any, expected_words: str
) -> None:
    a = fresh("ban-1")
    b = a.model_copy(update={field: changed})
    with pytest.raises(RecordMismatch, match=expected_words):
        merge(a, b)
    with pytest.raises(RecordMismatch, match=expected_words):
        merge(b, a)


def test_two_tablets_keep_both_authors_assessments() -> None:
    start = fresh("ban-2")
    tablet_1, tablet_2 = start, start
    for cid, score in (("A1", 2.0), ("A2", 1.0), ("A3", 2.0)):
        tablet_1 = editing.assess(
            tablet_1, author_id="m-1", criterion_id=cid, value=Value(score=score)
        )
    tablet_2 = editing.assess(
        tablet_2,
        author_id="m-2",
        criterion_id="A3",
        value=Value(score=0.5),
        note="Chưa có sổ theo dõi",
    )
    tablet_2 = editing.assess(tablet_2, author_id="m-2", criterion_id="B1", value=Value(score=1.5))

    for merged in (merge(tablet_1, tablet_2), merge(tablet_2, tablet_1)):
        assert {cid: sorted(by) for cid, by in merged.assessments.items()} == {
            "A1": ["m-1"],
            "A2": ["m-1"],
            "A3": ["m-1", "m-2"],
            "B1": ["m-2"],
        }
        a3 = merged.assessments["A3"]
        assert (a3["m-1"].score, a3["m-2"].score) == (2.0, 0.5)  # the conflict stays visible
        assert a3["m-2"].note == "Chưa có sổ theo dõi"
        assert merged.status().value == "in_progress"
    assert merge(tablet_1, tablet_2).content_hash() == merge(tablet_2, tablet_1).content_hash()

    settled = editing.decide(
        merge(tablet_1, tablet_2),
        author_id=LEADER,
        criterion_id="A3",
        value=Value(score=1.0),
        reason="Đã xem sổ, còn thiếu 2 tháng",
    )
    assert merge(settled, tablet_2).decision("A3").score == 1.0
    assert sorted(merge(settled, tablet_1).assessments["A3"]) == ["m-1", "m-2"]


def test_lock_survives_a_concurrent_move_from_a_tablet_that_had_not_seen_it() -> None:
    """A lock is undone only by a reopen made from it, whatever the counters of stale moves."""
    from checklists.record.model import LifecycleEvent

    def event(
        eid: str, status: Lifecycle, counter: int, base: str, reopen: bool = False
    ) -> LifecycleEvent:
        return LifecycleEvent(
            id=eid,
            status=status,
            author_id=LEADER,
            counter=counter,
            reopen=reopen,
            base=base,
            reason="lý do" if reopen else "",
        )

    base = fresh("ban-3")
    locked = base.model_copy(
        update={
            "lifecycle": (
                event("e1", Lifecycle.COMPLETED, 5, ""),
                event("e2", Lifecycle.LOCKED, 6, "e1"),
            )
        }
    )
    stale = base.model_copy(
        update={
            "lifecycle": (
                event("e1", Lifecycle.COMPLETED, 5, ""),
                event("e3", Lifecycle.IN_PROGRESS, 9, "e1", reopen=True),
            )
        }
    )
    assert merge(locked, stale).status() is Lifecycle.LOCKED
    assert merge(stale, locked).status() is Lifecycle.LOCKED
    reopened = locked.model_copy(
        update={
            "lifecycle": (*locked.lifecycle, event("e4", Lifecycle.COMPLETED, 7, "e2", reopen=True))
        }
    )
    assert merge(reopened, stale).status() is Lifecycle.IN_PROGRESS
    assert merge(reopened, stale).current_event().id == "e3"


def _completed() -> Inspection:
    record = fresh("ban-5")
    for cid in ("A1", "A2"):
        record = editing.assess(record, author_id="m-1", criterion_id=cid, value=Value(score=1))
    return editing.move_to(record, author_id=LEADER, status=Lifecycle.COMPLETED)


@pytest.mark.parametrize("deputy_edits_first", [False, True])
def test_a_deputys_offline_reopen_does_not_undo_a_lock_it_never_saw(
    deputy_edits_first: bool,
) -> None:
    completed = _completed()
    locked = editing.move_to(completed, author_id=LEADER, status=Lifecycle.LOCKED)
    deputy = completed
    if deputy_edits_first:  # a higher counter than the lock's
        deputy = editing.write_conclusion(
            deputy, author_id="m-pho", part=ConclusionPart.LIMITATIONS, text="Thiếu sổ"
        )
    deputy = editing.move_to(
        deputy, author_id="m-pho", status=Lifecycle.IN_PROGRESS, reason="Bổ sung số liệu"
    )
    move = deputy.lifecycle[-1]
    assert move.reopen and move.base == completed.lifecycle[-1].id
    assert locked.lifecycle[-1].base == completed.lifecycle[-1].id
    assert merge(locked, deputy).status() is Lifecycle.LOCKED
    assert merge(deputy, locked).status() is Lifecycle.LOCKED
    # Once the deputy has seen the lock, their reopen is made from it and does undo it.
    seen = editing.move_to(
        merge(locked, deputy),
        author_id="m-pho",
        status=Lifecycle.IN_PROGRESS,
        reason="Bổ sung số liệu",
    )
    assert seen.lifecycle[-1].base == locked.lifecycle[-1].id
    assert merge(seen, locked).status() is Lifecycle.IN_PROGRESS


def test_every_move_names_the_event_it_was_made_from() -> None:
    start = fresh("ban-6")
    record = editing.assess(start, author_id="m-1", criterion_id="A1", value=Value(score=1))
    record = editing.move_to(record, author_id=LEADER, status=Lifecycle.COMPLETED)
    record = editing.move_to(record, author_id=LEADER, status=Lifecycle.LOCKED)
    record = editing.move_to(record, author_id=LEADER, status=Lifecycle.COMPLETED, reason="Sửa")
    ids = [e.id for e in record.lifecycle]
    assert [e.base for e in record.lifecycle] == ["", *ids[:-1]]
    assert record.status() is Lifecycle.COMPLETED


def _scored(score: float) -> Inspection:
    base = fresh("ban-4")
    return editing.assess(
        base,
        author_id=LEADER,
        criterion_id="A1",
        value=Value(score=score),
        now=datetime(2024, 5, 20, 9, tzinfo=UTC),
    )


def test_negative_zero_merges_to_one_hash_either_way() -> None:
    a = _scored(0.0)
    held = a.assessments["A1"][LEADER]
    b = a.model_copy(
        update={
            "assessments": {
                "A1": {LEADER: held.model_copy(update={"score": -0.0, "figures": {"f": -0.0}})}
            }
        }
    )
    a = a.model_copy(
        update={"assessments": {"A1": {LEADER: held.model_copy(update={"figures": {"f": 0.0}})}}}
    )
    assert a == b
    assert merge(a, b).content_hash() == merge(b, a).content_hash() == a.content_hash()
    assert b.content_hash() == a.content_hash()


def test_same_instant_at_another_offset_merges_to_one_hash_either_way() -> None:
    sha = "ab" * 32
    at_plus_7 = datetime(2023, 11, 24, 9, tzinfo=timezone(timedelta(hours=7)))
    p = photos.add_photo(
        _scored(1.0),
        author_id=LEADER,
        sha256=sha,
        criterion_id="A1",
        photo_id="p1",
        taken_at=at_plus_7,
    )
    photo = p.photos["p1"]
    q = p.model_copy(
        update={"photos": {"p1": photo.model_copy(update={"taken_at": at_plus_7.astimezone(UTC)})}}
    )
    assert p == q
    assert merge(p, q).content_hash() == merge(q, p).content_hash() == p.content_hash()


@pytest.mark.parametrize(
    "given_at,stored",
    [
        (datetime(2023, 11, 24, 9, tzinfo=timezone(timedelta(hours=7))), "2023-11-24T02:00:00Z"),
        (datetime(2023, 11, 24, 2, tzinfo=UTC), "2023-11-24T02:00:00Z"),
        (datetime(2023, 11, 24, 2), "2023-11-24T02:00:00Z"),  # naive: taken to be UTC
    ],
)
def test_record_datetimes_are_stored_in_utc(given_at: datetime, stored: str) -> None:
    entry = LogEntry(
        id="l1",
        author_id="m-1",
        code="log.header",
        target="header",
        first_counter=1,
        counter=1,
        at=given_at,
    )
    assert entry.at is not None and entry.at.utcoffset() == timedelta(0)
    assert entry.model_dump(mode="json")["at"] == stored
    assert LogEntry.model_validate_json(entry.model_dump_json()) == entry


def test_record_floats_never_keep_a_negative_zero() -> None:
    value = Value.model_validate_json('{"score": -0.0, "figures": {"f": -0.0}}')
    assert str(value.score) == "0.0" and str(value.figures["f"]) == "0.0"
    gps = Gps(lat=-0.0, lon=-0.0, accuracy_m=-0.0)
    assert gps.model_dump_json() == '{"lat":0.0,"lon":0.0,"accuracy_m":0.0}'
    score = SelfScore(criterion_id="A1", points=-0.0, author_id="m-1", counter=1)
    assert score.model_dump(mode="json")["points"] == 0.0


def test_edits_merged_into_a_locked_record_are_flagged_for_the_leader() -> None:
    completed = _completed()
    locked = editing.move_to(completed, author_id=LEADER, status=Lifecycle.LOCKED)
    assert (locked.status(), locked.changed_since_lock()) == (Lifecycle.LOCKED, False)
    # A member's tablet had not seen the lock and scored B1 offline.
    offline = editing.assess(completed, author_id="m-2", criterion_id="B1", value=Value(score=2))
    merged = merge(locked, offline)
    assert (merged.status(), merged.changed_since_lock()) == (Lifecycle.LOCKED, True)
    assert merge(locked, completed).changed_since_lock() is False  # nothing new arrived
    # The leader reopens from the lock, reviews, and locks again: the new seal covers B1.
    reopened = editing.move_to(
        merged,
        author_id=LEADER,
        status=Lifecycle.COMPLETED,
        reason="Nhận thêm điểm B1 từ máy của thành viên",
    )
    relocked = editing.move_to(reopened, author_id=LEADER, status=Lifecycle.LOCKED)
    assert (relocked.status(), relocked.changed_since_lock()) == (Lifecycle.LOCKED, False)
    delivered = editing.move_to(relocked, author_id=LEADER, status=Lifecycle.DELIVERED)
    assert merge(delivered, offline).changed_since_lock() is False  # B1 already sealed
