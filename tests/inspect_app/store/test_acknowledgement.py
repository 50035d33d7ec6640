"""Acknowledgement by content hash: the server's merged copy saved back is not pending again."""

from __future__ import annotations

from pathlib import Path

from checklists.record.merge import merge
from checklists.record.model import Inspection
from inspect_app.store import InspectionStore
from tests.inspect_app.store.conftest import MakeInspection, tiny_templates

ID_A = "00000000-0000-4000-8000-00000000000a"


def server_merge(mine: Inspection, make_inspection: MakeInspection) -> Inspection:
    """What a server returns after a teammate's push: my copy merged with their assessment."""
    theirs = make_inspection(ID_A, notes={"A2": "của đồng đội"}, author="m2")
    return merge(mine, theirs)


def test_acking_the_push_then_saving_the_merged_copy_leaves_nothing_pending(
    fresh_store: InspectionStore, make_inspection: MakeInspection
) -> None:
    mine = make_inspection(ID_A, notes={"A1": "của tôi"})
    pushed_rev = fresh_store.save(mine)
    merged = server_merge(mine, make_inspection)

    fresh_store.mark_synced(ID_A, pushed_rev, merged.content_hash())
    assert fresh_store.save(merged) == pushed_rev + 1

    state = fresh_store.sync_state(ID_A)
    assert (state.local_rev, state.synced_rev) == (2, 2)
    assert state.synced_hash == merged.content_hash() == fresh_store.get(ID_A).content_hash()
    assert fresh_store.pending() == []
    assert fresh_store.list_summaries()[0].pending_sync is False


def test_saving_the_merged_copy_then_acking_the_pushed_rev_leaves_nothing_pending(
    fresh_store: InspectionStore, make_inspection: MakeInspection
) -> None:
    mine = make_inspection(ID_A, notes={"A1": "của tôi"})
    pushed_rev = fresh_store.save(mine)
    merged = server_merge(mine, make_inspection)
    fresh_store.save(merged)

    fresh_store.mark_synced(ID_A, pushed_rev, merged.content_hash())

    assert fresh_store.sync_state(ID_A).synced_rev == 2
    assert fresh_store.pending() == []


def test_an_edit_made_while_the_push_was_out_stays_pending(
    fresh_store: InspectionStore, make_inspection: MakeInspection
) -> None:
    mine = make_inspection(ID_A, notes={"A1": "của tôi"})
    pushed_rev = fresh_store.save(mine)
    fresh_store.save(make_inspection(ID_A, notes={"A3": "sửa trong lúc gửi"}))  # rev 2
    merged = server_merge(mine, make_inspection)

    fresh_store.mark_synced(ID_A, pushed_rev, merged.content_hash())
    fresh_store.save(merged)  # rev 3: the edit and the teammate's work together

    state = fresh_store.sync_state(ID_A)
    assert (state.local_rev, state.synced_rev) == (3, 1)
    assert fresh_store.pending() == [ID_A]


def test_a_later_edit_after_the_ack_is_pending_again(
    fresh_store: InspectionStore, make_inspection: MakeInspection
) -> None:
    mine = make_inspection(ID_A, notes={"A1": "của tôi"})
    rev = fresh_store.save(mine)
    fresh_store.mark_synced(ID_A, rev, mine.content_hash())
    assert fresh_store.pending() == []

    fresh_store.save(make_inspection(ID_A, notes={"A1": "sửa lại"}))

    assert fresh_store.pending() == [ID_A]


def test_an_ack_of_an_older_rev_whose_hash_is_the_content_held_now_clears_every_rev(
    fresh_store: InspectionStore, make_inspection: MakeInspection
) -> None:
    fresh_store.save(make_inspection(ID_A, notes={"A1": "một"}))
    fresh_store.save(make_inspection(ID_A, notes={"A1": "hai"}))
    current = fresh_store.get(ID_A)

    fresh_store.mark_synced(ID_A, 1, current.content_hash())  # the server already holds rev 2

    state = fresh_store.sync_state(ID_A)
    assert (state.synced_rev, state.synced_hash) == (2, current.content_hash())
    assert fresh_store.pending() == []


def test_the_acknowledgement_survives_reopening(
    data_dir: Path, make_inspection: MakeInspection
) -> None:
    with InspectionStore.open(data_dir, templates=tiny_templates) as store:
        mine = make_inspection(ID_A, notes={"A1": "của tôi"})
        rev = store.save(mine)
        merged = server_merge(mine, make_inspection)
        store.mark_synced(ID_A, rev, merged.content_hash())
        store.save(merged)
    with InspectionStore.open(data_dir, templates=tiny_templates) as store:
        assert store.pending() == []
        assert store.sync_state(ID_A).synced_rev == 2
