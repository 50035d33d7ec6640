"""Bytes on the wire, counted by the proxy: a full inspection with 30 photos costs little more
than its payload, and a sync with nothing to send costs almost nothing."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from checklists.record.editing import assess
from checklists.record.model import Value
from checklists.template.model import Status
from sync.client.status import Phase
from tests.sync.client.conftest import Tablet, server_record
from tests.sync.client.faults import FaultProxy
from tests.sync.client.helpers import ready
from tests.sync.client.test_client_faults import attach_hash, noisy_jpeg
from tests.sync.server.central import Team
from tests.sync.server.conftest import LiveServer

PHOTOS = 30


def test_a_full_inspection_with_30_photos_costs_its_payload_and_a_resync_almost_nothing(
    live: LiveServer,
    team: Team,
    proxy: FaultProxy,
    make_tablet: Callable[..., Tablet],
    capsys: pytest.CaptureFixture[str],
) -> None:
    tablet = make_tablet("member_1", url=proxy.url, chunk_bytes=256 * 1024)
    vid = team.inspection_id
    ready(tablet, vid)
    record = tablet.store.get(vid)
    template = tablet.store.template_of(record)
    for criterion in (c for s in template.sections for c in s.criteria):
        tablet.store.edit(
            vid,
            lambda r, cid=criterion.id: assess(
                r,
                author_id=tablet.member_id,
                criterion_id=cid,
                value=Value(status=Status.DAT),
                note="Đã kiểm tra hồ sơ và niêm yết tại trụ sở.",
            ),
        )
    photo_bytes = 0
    for n in range(PHOTOS):
        data = noisy_jpeg(100 + n, (400, 300))
        attach_hash(tablet, vid, tablet.store.photos.put(data), len(data))
        photo_bytes += len(data)
    payload = len(tablet.store.get(vid).canonical().encode()) + photo_bytes
    up, down = proxy.bytes_up, proxy.bytes_down

    assert tablet.worker.run_once().phase is Phase.IDLE
    synced = proxy.bytes_up - up + proxy.bytes_down - down
    up, down = proxy.bytes_up, proxy.bytes_down
    assert tablet.worker.run_once().phase is Phase.IDLE
    resync = proxy.bytes_up - up + proxy.bytes_down - down

    with capsys.disabled():
        print(  # noqa: T201
            f"\nclient wire: full inspection ({len(template.sections)} sections, {PHOTOS} photos, "
            f"payload {payload:,} B): {synced:,} B on the wire = {synced / payload:.3f} x "
            f"payload; a re-sync with nothing pending: {resync:,} B"
        )
    assert tablet.store.pending() == []
    assert server_record(live, vid)[0] == tablet.store.get(vid).content_hash()
    assert synced / payload <= 1.05
    assert resync <= 5 * 1024
