"""End to end through the sync client: the leader's and two members' tablets score offline, sync
through a real server, and end with the same record; the disagreement shows for the leader, and
the leader's decision and lock reach everyone."""

from __future__ import annotations

from collections.abc import Callable

from checklists.record.editing import decide, move_to
from checklists.record.lifecycle import Lifecycle
from checklists.scoring.engine import score_inspection
from sync.client.status import Phase
from tests.sync.client.conftest import Tablet, server_record
from tests.sync.client.helpers import DAT, KHONG_DAT, attach, ready, score
from tests.sync.server.central import Team
from tests.sync.server.conftest import LiveServer


def sync_all(*tablets: Tablet) -> None:
    for tablet in tablets:
        status = tablet.worker.run_once()
        assert status.phase is Phase.IDLE and status.last_error is None, status


def test_a_delegation_syncs_through_the_client_and_the_leaders_lock_reaches_everyone(
    live: LiveServer, team: Team, make_tablet: Callable[..., Tablet]
) -> None:
    lead, one, two = (make_tablet(who) for who in ("leader", "member_1", "member_2"))
    vid = team.inspection_id
    for tablet in (lead, one, two):
        ready(tablet, vid)
    # Offline: each scores their part; the two members disagree on A1.
    score(one, vid, "A1", DAT)
    photo = attach(one, vid, seed=31, size=(200, 150))
    score(two, vid, "A1", KHONG_DAT)
    score(two, vid, "A2", DAT)

    sync_all(one, two, lead)

    record = lead.store.get(vid)
    report = score_inspection(lead.store.template_of(record), record)
    assert "A1" in report.conflict_ids  # the disagreement shows for the leader
    [digest] = record.photo_hashes()
    assert lead.store.photos.read(digest) == photo  # the evidence came along
    lead.store.edit(
        vid,
        lambda r: move_to(
            move_to(
                decide(r, author_id=lead.member_id, criterion_id="A1", value=DAT, reason="Có ảnh"),
                author_id=lead.member_id,
                status=Lifecycle.COMPLETED,
            ),
            author_id=lead.member_id,
            status=Lifecycle.LOCKED,
        ),
    )
    sync_all(lead, one, two)

    held_hash = server_record(live, vid)[0]
    for tablet in (lead, one, two):
        mine = tablet.store.get(vid)
        assert mine.content_hash() == held_hash
        assert mine.status() is Lifecycle.LOCKED and mine.decision("A1") is not None
        assert tablet.store.pending() == []
    final = two.store.get(vid)
    assert "A1" not in score_inspection(two.store.template_of(final), final).conflict_ids
