"""The authority check: forged copies are refused and never change a score or a status; honest
copies from members and the leader are always accepted."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from checklists.errors import RecordConflict
from checklists.record import editing
from checklists.record.authority import Actor, admit, authorize, trusted
from checklists.record.leadership import LeaderEvent
from checklists.record.lifecycle import Lifecycle, LifecycleEvent
from checklists.record.merge import merge
from checklists.record.model import Assessment, Decision, Inspection, Member, Role, SelfScore, Value
from checklists.record.registers import clock, registers
from checklists.record.sample import DEPUTY, LEAD, MEMBER_1, MEMBER_2, build_sample_inspection
from checklists.scoring.engine import score_inspection
from tests.checklists.strategies import (
    LEADER,
    MEMBER_IDS,
    TEMPLATE,
    apply_op,
    base_records,
    edit_ops,
)

laws = settings(max_examples=150, deadline=None)
BIG = 2**53 - 1


def _outcome(record: Inspection) -> tuple[float, str | None, Lifecycle, frozenset[str]]:
    report = score_inspection(TEMPLATE, record)
    rating = report.rating.code if report.rating else None
    return report.final_total, rating, record.status(), record.leader_ids()


@st.composite
def honest_pushes(draw: st.DrawFn) -> tuple[Inspection, Inspection, str]:
    """(held, incoming, actor): the server's copy, and a tablet's copy with only its own edits."""
    held, criteria = draw(base_records())
    ops = edit_ops(criteria)
    for op in draw(st.lists(ops, max_size=6)):
        held = apply_op(held, op)
    actor = draw(st.sampled_from(MEMBER_IDS))
    incoming = held
    for name, kwargs in draw(st.lists(ops, min_size=1, max_size=8)):
        kwargs = {**kwargs, "author_id": actor}
        if name == "add_photo":
            kwargs["photo_id"] = None
        incoming = apply_op(incoming, (name, kwargs))
    return held, incoming, actor


@laws
@given(honest_pushes())
def test_honest_copies_from_members_and_the_leader_are_always_accepted(
    push: tuple[Inspection, Inspection, str],
) -> None:
    held, incoming, actor = push
    assert authorize(held, incoming, TEMPLATE, Actor(actor)) == []
    assert authorize(held, held, TEMPLATE, Actor(actor)) == []  # nothing new: nothing to refuse


def _forge_decision(record: Inspection, actor: str, author: str) -> Inspection:
    d = Decision(criterion_id="A1", author_id=author, counter=BIG, reason="x", score=0.0)
    a1 = {**record.decisions.get("A1", {}), author: d}
    return record.model_copy(update={"decisions": {**record.decisions, "A1": a1}})


def _forge_lock(record: Inspection, actor: str, author: str) -> Inspection:
    current = record.current_event()
    event = LifecycleEvent(
        id="forged-lock",
        status=Lifecycle.LOCKED,
        author_id=author,
        counter=BIG,
        base=current.id if current else "",
    )
    return record.model_copy(update={"lifecycle": (*record.lifecycle, event)})


def _forge_reopen(record: Inspection, actor: str, author: str) -> Inspection:
    current = record.current_event()
    event = LifecycleEvent(
        id="forged-reopen",
        status=Lifecycle.DRAFT,
        author_id=author,
        counter=BIG,
        reopen=True,
        reason="x",
        base=current.id if current else "",
    )
    return record.model_copy(update={"lifecycle": (*record.lifecycle, event)})


def _forge_promotion(record: Inspection, actor: str, author: str) -> Inspection:
    held = record.members[actor]
    raised = Member(
        **{**held.model_dump(), "role": Role.TRUONG_DOAN, "author_id": author, "counter": BIG}
    )
    return record.model_copy(update={"members": {**record.members, actor: raised}})


def _forge_leadership(record: Inspection, actor: str, author: str) -> Inspection:
    event = LeaderEvent(id="forged-lead", leader_id=actor, author_id=author, counter=BIG)
    return record.model_copy(update={"leadership": (*record.leadership, event)})


def _forge_key_swap(record: Inspection, actor: str, author: str) -> Inspection:
    victim = next(m for m in MEMBER_IDS if m != actor)
    a = Assessment(criterion_id="A1", author_id=actor, counter=BIG, score=0.0)
    a1 = {**record.assessments.get("A1", {}), victim: a}
    return record.model_copy(update={"assessments": {**record.assessments, "A1": a1}})


FORGERIES: dict[str, Callable[[Inspection, str, str], Inspection]] = {
    "decision": _forge_decision,
    "lock": _forge_lock,
    "reopen": _forge_reopen,
    "promotion": _forge_promotion,
    "leadership": _forge_leadership,
    "key_swap": _forge_key_swap,
}


@laws
@given(honest_pushes(), st.sampled_from(sorted(FORGERIES)), st.booleans())
def test_forged_copies_are_refused_and_never_change_a_score_or_status(
    push: tuple[Inspection, Inspection, str],
    kind: str,
    as_leader: bool,
) -> None:
    held, honest, actor = push
    leaders = held.leader_ids()
    # Forging a role one has is no forgery; a removed member is refused anyway.
    assume(actor not in leaders and actor in held.active_members())
    author = LEADER if as_leader else actor  # sign as the leader, or as oneself
    forged = FORGERIES[kind](honest, actor, author)
    refusals = authorize(held, forged, TEMPLATE, Actor(actor))
    assert refusals, f"{kind} by {actor} as {author} was accepted"
    if as_leader and kind != "key_swap":
        return  # impersonation: only the authenticated actor check (above) can catch it
    assert _outcome(trusted(merge(held, forged)).record) == _outcome(
        trusted(merge(held, honest)).record
    )
    assert _outcome(merge(held, forged)) == _outcome(merge(held, honest))


@laws
@given(honest_pushes(), st.integers(0, 2))
def test_rewritten_events_are_refused_whatever_their_counter(
    push: tuple[Inspection, Inspection, str],
    which: int,
) -> None:
    held, honest, actor = push
    if not held.lifecycle:
        return
    event = held.lifecycle[which % len(held.lifecycle)]
    rewritten = event.model_copy(
        update={"status": Lifecycle.DRAFT, "counter": BIG, "author_id": actor}
    )
    forged = honest.model_copy(
        update={"lifecycle": tuple(rewritten if e.id == event.id else e for e in honest.lifecycle)}
    )
    with pytest.raises(RecordConflict):
        merge(held, forged)
    assert authorize(held, forged, TEMPLATE, Actor(actor))


# -- the attacks named in the issue, on the real sample ---------------------------------------


@pytest.fixture
def sample() -> Inspection:
    return build_sample_inspection()


def _cqtt() -> object:
    from checklists.template.catalog import get_template

    return get_template("cqtt-xa", 1)


def test_a_members_decision_signed_by_the_leader_is_refused_and_a_self_signed_one_ignored(
    sample: Inspection,
) -> None:
    template = _cqtt()
    forged = _forge_decision(sample, MEMBER_1, LEAD)
    [refusal] = authorize(sample, forged, template, Actor(MEMBER_1))  # type: ignore[arg-type]
    assert (refusal.path, refusal.code) == (f"decisions/A1/{LEAD}", "auth.other_author")
    own = _forge_decision(sample, MEMBER_1, MEMBER_1)
    [refusal] = authorize(sample, own, template, Actor(MEMBER_1))  # type: ignore[arg-type]
    assert refusal.code == "auth.leaders_only"
    report = score_inspection(template, own)  # type: ignore[arg-type]
    assert report.final_total == 93.0 and report.rating and report.rating.label == "Tốt"
    assert [i.path for i in report.ignored] == [f"decisions/A1/{MEMBER_1}"]
    assert "bị bỏ qua" in report.ignored[0].message


def test_a_member_cannot_reopen_a_lock_or_promote_themselves(sample: Inspection) -> None:
    locked = editing.move_to(sample, author_id=LEAD, status=Lifecycle.LOCKED)
    reopened = _forge_reopen(locked, MEMBER_2, MEMBER_2)
    assert merge(locked, reopened).status() is Lifecycle.LOCKED
    assert {r.code for r in authorize(locked, reopened, None, Actor(MEMBER_2))} == {
        "auth.leaders_only"
    }
    promoted = _forge_promotion(locked, MEMBER_2, MEMBER_2)
    assert merge(locked, promoted).leader_ids() == {LEAD, DEPUTY}
    assert authorize(locked, promoted, None, Actor(MEMBER_2))


def test_a_rewritten_lock_event_cannot_hide_later_edits(sample: Inspection) -> None:
    locked = editing.move_to(sample, author_id=LEAD, status=Lifecycle.LOCKED)
    offline = editing.assess(sample, author_id=MEMBER_1, criterion_id="E1", value=Value(score=4))
    merged = merge(locked, offline)
    assert merged.changed_since_lock()
    lock = locked.lifecycle[-1]
    resealed = lock.model_copy(
        update={"counter": clock(merged) + 1, "sealed": merged.sealed_hash()}
    )
    forged = merged.model_copy(update={"lifecycle": (*merged.lifecycle[:-1], resealed)})
    with pytest.raises(RecordConflict):
        merge(merged, forged)


def test_the_server_refuses_a_new_record_not_created_by_its_leader_or_the_office(
    sample: Inspection,
) -> None:
    template = _cqtt()
    people = [m.model_dump() for m in sample.members.values()]
    planned = editing.new_inspection(
        template,
        sample.header,
        leader_id=LEAD,  # type: ignore[arg-type]
        members=people,
    )
    assert authorize(None, planned, None, Actor(LEAD)) == []
    by_office = editing.new_inspection(
        template,
        sample.header,
        leader_id=LEAD,  # type: ignore[arg-type]
        members=people,
        author_id="office-1",
    )
    assert authorize(None, by_office, None, Actor("office-1", office=True)) == []
    by_member = editing.new_inspection(
        template,
        sample.header,
        leader_id=LEAD,  # type: ignore[arg-type]
        members=people,
        author_id=MEMBER_1,
    )
    assert "auth.leader_or_office" in {
        r.code for r in authorize(None, by_member, None, Actor(MEMBER_1))
    }
    # A whole record full of other people's registers is not one person's to create.
    assert authorize(None, sample, None, Actor(LEAD))


def test_someone_outside_the_delegation_may_change_nothing(sample: Inspection) -> None:
    outsider = sample.model_copy(
        update={
            "header": sample.header.model_copy(
                update={"unit_name": "Xã khác", "counter": BIG, "author_id": "nguoi-la"}
            )
        }
    )
    assert [r.code for r in authorize(sample, outsider, None, Actor("nguoi-la"))] == [
        "auth.not_member"
    ]
    assert authorize(sample, sample, None, Actor("nguoi-la")) == []  # nothing changed


def test_the_office_may_plan_the_visit_but_not_score_it(sample: Inspection) -> None:
    office = Actor("office-1", office=True)
    header = sample.header.model_copy(
        update={"place": "Nhà văn hóa", "author_id": "office-1", "counter": clock(sample) + 1}
    )
    planned = sample.model_copy(update={"header": header})
    assert authorize(sample, planned, None, office) == []
    scored = editing.assess(sample, author_id=MEMBER_1, criterion_id="A1", value=Value(score=1))
    a1 = scored.assessments["A1"][MEMBER_1].model_copy(update={"author_id": "office-1"})
    by_office = scored.model_copy(
        update={"assessments": {**scored.assessments, "A1": {MEMBER_1: a1}}}
    )
    codes = {r.code for r in authorize(sample, by_office, None, office)}
    assert "check.key_mismatch" in codes
    score = SelfScore(criterion_id="A1", points=1, author_id="office-1", counter=BIG)
    self_scored = sample.model_copy(update={"self_scores": {**sample.self_scores, "A1": score}})
    [refusal] = authorize(sample, self_scored, None, office)
    assert (refusal.path, refusal.code) == ("self_scores/A1", "auth.members_only")
    assert refusal.message("en") == "self_scores/A1: only delegation members may write this"


@laws
@given(honest_pushes(), st.data())
def test_any_register_rewritten_in_someone_elses_name_is_refused(
    push: tuple[Inspection, Inspection, str], data: st.DataObject
) -> None:
    held, honest, actor = push
    others = [(p, r) for p, r in registers(honest) if r.author_id != actor]
    assume(others)
    path, register = data.draw(st.sampled_from(others))
    forged_register = register.model_copy(update={"counter": BIG, "removed": True})
    field, *keys = path.split("/")
    value = getattr(honest, field)
    if len(keys) == 0:
        forged = honest.model_copy(update={field: forged_register})
    elif len(keys) == 1:
        forged = honest.model_copy(update={field: {**value, keys[0]: forged_register}})
    else:
        inner = {**value[keys[0]], keys[1]: forged_register}
        forged = honest.model_copy(update={field: {**value, keys[0]: inner}})
    codes = {r.code for r in authorize(held, forged, TEMPLATE, Actor(actor))}
    # Refused as someone else's register (or, when it removes the sender, as a non-member's).
    assert codes & {"auth.other_author", "auth.not_member"}, (path, codes)


@laws
@given(honest_pushes(), st.booleans())
def test_admit_refuses_exactly_what_authorize_does_and_hands_back_the_merge(
    push: tuple[Inspection, Inspection, str], forge: bool
) -> None:
    held, incoming, actor = push
    if forge:  # the same copy sent by someone else: their edits are not theirs to make
        actor = next(m for m in MEMBER_IDS if m != actor)

    admitted = admit(held, incoming, TEMPLATE, Actor(actor))

    assert admitted.refusals == authorize(held, incoming, TEMPLATE, Actor(actor))
    assert admitted.merged == merge(held, incoming)


def test_admit_hands_back_no_merge_when_the_copies_cannot_merge() -> None:
    held = build_sample_inspection()
    other = held.model_copy(update={"id": "another-record"})

    admitted = admit(held, other, None, Actor(LEAD))

    assert admitted.merged is None
    assert [r.code for r in admitted.refusals] == ["auth.other_record"]
