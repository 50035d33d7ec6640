"""The outbox against a real server: delivered once, by content hash, converging tablets."""

from __future__ import annotations

import stat
from collections.abc import Callable

import pytest

from checklists.template.catalog import get_template
from inspect_app.store import InspectionStore, StoreWriteFailed
from sync.client.status import Phase
from sync.client.worker import SyncWorker
from tests.sync.client.conftest import Tablet, server_record
from tests.sync.client.helpers import DAT, KHONG_DAT, attach, ready, score
from tests.sync.server.central import Team, sha
from tests.sync.server.conftest import LiveServer, wait_for


def test_a_scored_record_and_its_photo_are_delivered_and_a_resync_sends_no_record(
    live: LiveServer, team: Team, make_tablet: Callable[..., Tablet]
) -> None:
    tablet = make_tablet("member_1", chunk_bytes=8 * 1024)
    ready(tablet, team.inspection_id)
    score(tablet, team.inspection_id, "A1")
    photo = attach(tablet, team.inspection_id, seed=5, size=(240, 180))
    assert tablet.store.pending() == [team.inspection_id]

    status = tablet.worker.run_once()

    local = tablet.store.get(team.inspection_id)
    assert status.phase is Phase.IDLE and status.last_error is None
    assert status.records_pending == 0 and status.photos_pending == 0
    assert status.bytes_sent == status.bytes_total >= len(photo)
    assert status.last_success is not None
    assert tablet.store.pending() == []
    assert server_record(live, team.inspection_id)[0] == local.content_hash()
    held = team.api.http.get(f"/api/v1/photos/{sha(photo)}", headers=team.leader)
    assert held.content == photo
    again = tablet.worker.run_once()
    assert again.bytes_total == 0  # nothing pending: no push, no upload


def test_the_merged_copy_comes_back_and_is_not_pending_so_no_push_is_wasted(
    live: LiveServer, team: Team, make_tablet: Callable[..., Tablet]
) -> None:
    one, two = make_tablet("member_1"), make_tablet("member_2")
    ready(one, team.inspection_id)
    ready(two, team.inspection_id)
    score(one, team.inspection_id, "A1", DAT)
    score(two, team.inspection_id, "A1", KHONG_DAT)
    score(two, team.inspection_id, "A2", DAT)

    one.worker.run_once()
    two.worker.run_once()  # pushes, gets member 1's work back merged, saves it
    one.worker.run_once()  # pulls member 2's work

    held_hash, revision, changes = server_record(live, team.inspection_id)
    for tablet in (one, two):
        assert tablet.store.get(team.inspection_id).content_hash() == held_hash
        assert tablet.store.pending() == []
    assert {a.status for a in two.store.get(team.inspection_id).assessments["A1"].values()} == {
        DAT.status,
        KHONG_DAT.status,
    }
    assert (revision, changes) == (3, 3)  # planned, member 1, member 2: nothing pushed twice
    assert one.worker.run_once().bytes_total == 0
    assert two.worker.run_once().bytes_total == 0


def test_two_tablets_pushing_the_same_record_in_turn_converge_to_one_hash(
    live: LiveServer, team: Team, make_tablet: Callable[..., Tablet]
) -> None:
    lead, member = make_tablet("leader"), make_tablet("member_1")
    for tablet in (lead, member):
        ready(tablet, team.inspection_id)
    score(lead, team.inspection_id, "A3")
    score(member, team.inspection_id, "A3", KHONG_DAT)
    attach(member, team.inspection_id, seed=9, size=(160, 120))

    for _ in range(2):
        for tablet in (lead, member):
            assert tablet.worker.run_once().phase is Phase.IDLE

    hashes = {t.store.get(team.inspection_id).content_hash() for t in (lead, member)}
    assert hashes == {server_record(live, team.inspection_id)[0]}
    assert lead.store.pending() == member.store.pending() == []
    assert lead.store.missing_photos() == {}  # the member's photo was downloaded too


def test_published_templates_are_cached_so_a_pulled_record_scores_offline(
    team: Team, make_tablet: Callable[..., Tablet]
) -> None:
    tablet = make_tablet("member_1", bundled=False)  # an app built before cqtt-xa v1
    template = get_template("cqtt-xa", 1)
    assert not tablet.templates.has(template.id, 1, template.content_hash())

    ready(tablet, team.inspection_id)
    score(tablet, team.inspection_id, "A1")

    assert tablet.templates.has(template.id, 1, template.content_hash())
    record = tablet.store.get(team.inspection_id)
    assert tablet.store.template_of(record) == template
    [summary] = tablet.store.list_summaries()
    assert summary.score is not None


def test_enrollment_keeps_a_private_token_file_and_wrong_credentials_keep_it_paused(
    team: Team, make_tablet: Callable[..., Tablet]
) -> None:
    tablet = make_tablet("member_2")
    path = tablet.worker.tokens.path
    saved = tablet.worker.tokens.load()
    assert saved is not None and saved.user_id == team.ids["member_2"]
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert "member2-password" not in path.read_text()

    from sync.client.errors import SignInRequired

    with pytest.raises(SignInRequired, match="Wrong username or password"):
        tablet.worker.sign_in("member2", "not-the-password", "tablet")
    assert tablet.worker.tokens.load() == saved


def test_the_background_worker_syncs_on_demand_and_stops(
    live: LiveServer, team: Team, make_tablet: Callable[..., Tablet]
) -> None:
    tablet = make_tablet("member_1")
    tablet.worker.interval = 3600.0  # only sync_now wakes it
    tablet.worker.start()
    wait_for(lambda: tablet.worker.status.passes >= 1, "first pass")
    wait_for(
        lambda: tablet.store.pending() == [] and _has(tablet.store, team.inspection_id), "pull"
    )
    score(tablet, team.inspection_id, "B1")

    tablet.worker.sync_now()  # the only wake-up within the hour-long interval

    wait_for(lambda: tablet.store.pending() == [], "a pass on demand")
    local_hash = tablet.store.get(team.inspection_id).content_hash()
    assert server_record(live, team.inspection_id)[0] == local_hash
    tablet.worker.stop()
    assert tablet.worker.status.phase is Phase.IDLE


def _has(store: InspectionStore, inspection_id: str) -> bool:
    return any(s.id == inspection_id for s in store.list_summaries())


class FailingOnce:
    """The real store, whose next `pending()` fails like a disk error (the fault)."""

    def __init__(self, store: InspectionStore) -> None:
        self.store = store
        self.fail = True

    def pending(self) -> list[str]:
        if self.fail:
            self.fail = False
            raise StoreWriteFailed("Lỗi đọc ghi (thử nghiệm).", "EIO")
        return self.store.pending()

    def __getattr__(self, name: str) -> object:
        return getattr(self.store, name)


def test_a_store_error_in_the_background_is_shown_and_the_worker_keeps_going(
    live: LiveServer, team: Team, make_tablet: Callable[..., Tablet]
) -> None:
    tablet = make_tablet("member_1")
    ready(tablet, team.inspection_id)
    score(tablet, team.inspection_id, "A1")
    worker = SyncWorker(FailingOnce(tablet.store), tablet.worker.tokens, interval=3600.0)
    worker.start()
    wait_for(lambda: worker.status.passes >= 1, "the failing pass")
    assert worker.status.last_error is not None and "Unexpected" in worker.status.last_error.en

    worker.sync_now()

    wait_for(lambda: tablet.store.pending() == [], "the next pass")
    worker.stop()
    local_hash = tablet.store.get(team.inspection_id).content_hash()
    assert server_record(live, team.inspection_id)[0] == local_hash
