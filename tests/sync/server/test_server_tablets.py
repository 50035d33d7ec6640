"""The server with the tablets' real stores: three `InspectionStore`s sync through a live server.

Not the sync client (another issue builds it): a dozen lines below do what it will do, to show
that what the server answers fits the store: the merged copy saves, and the hashes agree.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from checklists.record.authority import Actor
from checklists.record.editing import assess, decide, move_to
from checklists.record.lifecycle import Lifecycle
from checklists.record.model import Value
from checklists.record.photos import add_photo
from checklists.template.model import Status
from inspect_app.store import InspectionStore
from sync.protocol import Receipt, receipt_confirms
from tests.sync.server.central import Central, Headers, Team, make_jpeg, make_team
from tests.sync.server.conftest import ADMIN_PASSWORD, LiveServer


@pytest.fixture
def team(live: LiveServer) -> Iterator[Team]:
    with httpx.Client(base_url=live.url, timeout=30) as http:
        yield make_team(http, ADMIN_PASSWORD)


def sync(api: Central, who: Headers, store: InspectionStore) -> None:
    """Push what is pending, upload the photos the server lacks, save the merged copy, ack by
    hash; then pull every inspection of ours the server holds. (Whether the store then counts a
    record as pending is the client's issue: acknowledgement by content hash.)"""
    for inspection_id in store.pending():
        record = store.get(inspection_id)
        answer = api.push(who, record).json()
        for digest in answer["missing_photos"]:
            if store.photos.has(digest):
                api.upload(who, store.photos.read(digest), chunk=2048)
        merged = api.pull(who, inspection_id)
        rev = store.save(merged)
        if (
            store.get(inspection_id).content_hash()
            == answer["content_hash"]
            == merged.content_hash()
        ):
            store.mark_synced(inspection_id, rev, merged.content_hash())
    for item in api.http.get("/api/v1/inspections", headers=who).json()["items"]:
        store.save(api.pull(who, item["id"]))


def test_three_tablet_stores_converge_with_the_server(tmp_path: Path, team: Team) -> None:
    names = ("leader", "member_1", "member_2")
    stores = {n: InspectionStore.open(tmp_path / n) for n in names}
    api, vid = team.api, team.inspection_id
    m1, m2, lead = team.ids["member_1"], team.ids["member_2"], team.ids["leader"]
    try:
        for name in names:
            sync(api, getattr(team, name), stores[name])  # each pulls the planned visit
        digest = stores["member_1"].photos.put(make_jpeg(41, (256, 192)))

        def scored_by_member_1(r):  # type: ignore[no-untyped-def]
            r = assess(r, author_id=m1, criterion_id="A1", value=Value(status=Status.DAT))
            return add_photo(r, author_id=m1, sha256=digest, criterion_id="A1")

        stores["member_1"].edit(vid, scored_by_member_1, actor=Actor(m1))
        stores["member_2"].edit(
            vid,
            lambda r: assess(
                r, author_id=m2, criterion_id="A1", value=Value(status=Status.KHONG_DAT)
            ),
            actor=Actor(m2),
        )
        for name in ("member_1", "member_2", "leader"):
            sync(api, getattr(team, name), stores[name])

        def settled(r):  # type: ignore[no-untyped-def]
            r = decide(
                r, author_id=lead, criterion_id="A1", value=Value(status=Status.DAT), reason="Ảnh"
            )
            r = move_to(r, author_id=lead, status=Lifecycle.COMPLETED)
            return move_to(r, author_id=lead, status=Lifecycle.LOCKED)

        stores["leader"].edit(vid, settled, actor=Actor(lead))
        for name in ("leader", "member_1", "member_2"):
            sync(api, getattr(team, name), stores[name])

        server = api.pull(team.office, vid)
        assert {stores[n].get(vid).content_hash() for n in names} == {server.content_hash()}
        assert server.status() is Lifecycle.LOCKED and server.decision("A1") is not None
        receipt = Receipt.model_validate(
            api.http.get(f"/api/v1/inspections/{vid}/receipt", headers=team.member_1).json()
        )
        assert receipt_confirms(receipt, vid, server.content_hash(), {digest})
    finally:
        for store in stores.values():
            store.close()
