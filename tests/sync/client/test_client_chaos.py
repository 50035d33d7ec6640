"""Chaos: a share of all requests reset, answered into the void or cut mid-body, and the server
restarted, while one tablet delivers a dozen records with photos. The checker compares every
record and photo with the server: 0 lost, 0 extra revisions, 0 hash mismatches, outbox empty."""

from __future__ import annotations

import os
import random
import time
from collections.abc import Callable

import pytest

from sync.client.status import Phase
from sync.protocol import Receipt, receipt_confirms
from tests.sync.client.conftest import Tablet, server_record
from tests.sync.client.faults import FaultProxy
from tests.sync.client.helpers import ready, score
from tests.sync.client.test_client_faults import attach_hash, noisy_jpeg
from tests.sync.server.central import Team
from tests.sync.server.conftest import LiveServer

VISITS = int(os.environ.get("CHAOS_VISITS", "12"))
"""12 in the suite; `CHAOS_VISITS=200` for the figures in the README."""
SEEDS = [int(s) for s in os.environ.get("CHAOS_SEEDS", "7").split(",")]
RATE = float(os.environ.get("CHAOS_RATE", "0.3"))
"""The share of requests faulted."""
PASSES = 200


def plan_visits(team: Team, count: int) -> list[str]:
    """More visits for the same delegation, planned by the central office."""
    ids = []
    for n in range(count):
        answer = team.api.http.post(
            "/api/v1/visits",
            headers=team.office,
            json={
                "template_id": "cqtt-xa",
                "template_version": 1,
                "unit_name": f"Xã thứ {n}",
                "inspection_date": "2026-12-02",
                "leader_id": team.ids["leader"],
                "members": [
                    {"user_id": team.ids["leader"], "role": "truong_doan"},
                    {"user_id": team.ids["member_1"]},
                ],
            },
        )
        assert answer.status_code == 201, answer.text
        ids.append(answer.json()["inspection_id"])
    return ids


@pytest.mark.parametrize("seed", SEEDS)
def test_under_chaos_every_record_and_photo_arrives_once_and_the_outbox_empties(
    live: LiveServer,
    team: Team,
    proxy: FaultProxy,
    make_tablet: Callable[..., Tablet],
    seed: int,
    capsys: pytest.CaptureFixture[str],
) -> None:
    visits = plan_visits(team, VISITS)
    tablet = make_tablet("member_1", url=proxy.url, chunk_bytes=8 * 1024)
    ready(tablet, visits[0])
    photos: dict[str, bytes] = {}
    rng = random.Random(seed)
    for n, visit in enumerate(visits):
        score(tablet, visit, "A1")
        for k in range(rng.randint(1, 2)):
            data = noisy_jpeg(seed * 1000 + n * 10 + k, (96, 72))
            digest = tablet.store.photos.put(data)
            photos[digest] = data
            attach_hash(tablet, visit, digest, len(data))
    assert sorted(tablet.store.pending()) == sorted(visits)
    drawn = proxy.chaos(seed, rate=RATE)
    started, requests_before = time.monotonic(), len(proxy.requests)

    for n in range(PASSES):
        if n == 3:
            live.stop()
            live.start()
        status = tablet.worker.run_once()
        if status.phase is Phase.IDLE and status.last_error is None and not tablet.store.pending():
            break
    proxy.chaos(None)
    with capsys.disabled():
        print(  # noqa: T201
            f"\nclient chaos: seed {seed}, {VISITS} records, {len(photos)} photos, "
            f"{n + 1} passes, {len(proxy.requests) - requests_before} requests, {RATE:.0%} "
            f"drawn to fault: {sum(f.fired for f in drawn)} faulted, 1 server restart, "
            f"{time.monotonic() - started:.1f}s"
        )

    left = len(tablet.store.pending())
    assert left == 0, f"{left} records still pending after {PASSES} passes"
    for visit in visits:
        local = tablet.store.get(visit)
        held_hash, revision, changes = server_record(live, visit)
        assert held_hash == local.content_hash()  # 0 hash mismatches, 0 lost
        assert (revision, changes) == (2, 2)  # planned, then this tablet's work: nothing twice
        receipt = team.api.http.get(f"/api/v1/inspections/{visit}/receipt", headers=team.leader)
        assert receipt.status_code == 200, receipt.text  # 409 while a photo is missing
        assert receipt_confirms(
            Receipt.model_validate(receipt.json()), visit, held_hash, local.photo_hashes()
        )
    for digest, data in photos.items():
        held = team.api.http.get(f"/api/v1/photos/{digest}", headers=team.leader)
        assert held.content == data  # 0 photos lost or altered
    assert sum(f.fired for f in drawn) >= 10, "the chaos did not bite"
