"""Fault injection against a real server: only the faults are fake (a TCP proxy that drops or
cuts, a captive portal, a transport that tampers with receipts); nothing is lost, duplicated or
marked delivered without a receipt that covers it."""

from __future__ import annotations

import gzip
import io
import json
import random
import re
import socket
from collections.abc import Callable, Iterator
from typing import Any

import pytest
import requests
from PIL import Image

from checklists.record.editing import decide
from inspect_app.store.atomic import atomic_write
from sync.client.api import CentralApi
from sync.client.credentials import TokenFile
from sync.client.errors import NotOurServer, Unavailable
from sync.client.status import Phase
from sync.client.transport import Transport
from sync.client.worker import SyncWorker
from tests.sync.client.conftest import Tablet, server_record
from tests.sync.client.faults import CaptivePortal, FaultProxy
from tests.sync.client.helpers import DAT, attach, ready, revoke_device, score
from tests.sync.server.central import Team
from tests.sync.server.conftest import LiveServer

CHUNK = 16 * 1024


def noisy_jpeg(seed: int, size: tuple[int, int] = (320, 240)) -> bytes:
    """A real JPEG that does not compress away: several upload chunks long."""
    rng = random.Random(seed)
    image = Image.frombytes("RGB", size, rng.randbytes(size[0] * size[1] * 3))
    out = io.BytesIO()
    image.save(out, format="JPEG", quality=90)
    return out.getvalue()


def pushes(proxy: FaultProxy) -> int:
    return sum(1 for line in proxy.requests if line.startswith(b"PUT /api/v1/inspections/"))


def test_a_push_whose_answer_is_lost_after_the_commit_is_retried_and_delivered_once(
    live: LiveServer, team: Team, proxy: FaultProxy, make_tablet: Callable[..., Tablet]
) -> None:
    tablet = make_tablet("member_1", url=proxy.url)
    ready(tablet, team.inspection_id)
    score(tablet, team.inspection_id, "A1")
    local_hash = tablet.store.get(team.inspection_id).content_hash()
    fault = proxy.arm(b"PUT /api/v1/inspections/", "drop_response")

    status = tablet.worker.run_once()  # the push fails on the link, and is made again at once

    assert fault.fired and pushes(proxy) == 2
    assert status.phase is Phase.IDLE and tablet.store.pending() == []
    assert server_record(live, team.inspection_id) == (local_hash, 2, 2)  # one revision


def test_a_push_answer_held_past_the_clients_timeout_is_retried_and_stored_once(
    live: LiveServer, team: Team, proxy: FaultProxy, make_tablet: Callable[..., Tablet]
) -> None:
    """Latency: the server answers, the network holds the answer 1.5 s, the client (1 s read
    timeout) gives up while the server has acted, and pushes again at once."""
    tablet = make_tablet("member_1", url=proxy.url)
    tablet.worker.transport.timeout = (2.0, 1.0)
    ready(tablet, team.inspection_id)
    score(tablet, team.inspection_id, "A1")
    local_hash = tablet.store.get(team.inspection_id).content_hash()
    stall = proxy.arm(b"PUT /api/v1/inspections/", "latency", delay=1.5, direction="down")

    status = tablet.worker.run_once()

    assert stall.fired and pushes(proxy) == 2
    assert status.phase is Phase.IDLE and tablet.store.pending() == []
    assert server_record(live, team.inspection_id) == (local_hash, 2, 2)  # one revision


def test_a_push_that_fails_twice_stays_pending_and_the_next_pass_delivers_it_once(
    live: LiveServer, team: Team, proxy: FaultProxy, make_tablet: Callable[..., Tablet]
) -> None:
    tablet = make_tablet("member_1", url=proxy.url)
    ready(tablet, team.inspection_id)
    score(tablet, team.inspection_id, "A1")
    local_hash = tablet.store.get(team.inspection_id).content_hash()
    faults = [proxy.arm(b"PUT /api/v1/inspections/", "drop_response") for _ in range(2)]

    first = tablet.worker.run_once()

    assert all(f.fired for f in faults) and first.phase is Phase.OFFLINE
    assert first.records_pending == 1 and first.retry_in is not None
    assert tablet.store.pending() == [team.inspection_id]  # the client never heard
    assert server_record(live, team.inspection_id) == (local_hash, 2, 2)  # the server acted
    second = tablet.worker.run_once()
    assert second.phase is Phase.IDLE and tablet.store.pending() == []
    assert server_record(live, team.inspection_id) == (local_hash, 2, 2)  # not a second time
    assert pushes(proxy) == 3


@pytest.mark.parametrize(
    "kind,expected_resends",
    [("drop_response", 0), ("cut_request", 1)],
    ids=["chunk-stored-answer-lost", "chunk-cut-mid-body"],
)
def test_a_cut_photo_upload_resumes_from_the_servers_offset(
    live: LiveServer,
    team: Team,
    proxy: FaultProxy,
    make_tablet: Callable[..., Tablet],
    kind: str,
    expected_resends: int,
) -> None:
    tablet = make_tablet("member_1", url=proxy.url, chunk_bytes=CHUNK)
    ready(tablet, team.inspection_id)
    photo = noisy_jpeg(3)
    digest = tablet.store.photos.put(photo)
    assert len(photo) > 4 * CHUNK
    attach_hash(tablet, team.inspection_id, digest, len(photo))
    fault = proxy.arm(b"PUT /api/v1/photos/", kind, after=CHUNK // 3, skip=2)  # the third chunk

    status = tablet.worker.run_once()  # the upload fails on the link and resumes at once

    assert fault.fired
    assert status.phase is Phase.IDLE and tablet.store.pending() == []
    assert status.photos_pending == 0
    offsets = [
        int(m.group(1))
        for line in proxy.requests
        if (m := re.search(rb"PUT /api/v1/photos/\w+/upload\?offset=(\d+)", line))
    ]
    expected = list(range(0, len(photo), CHUNK))
    assert sorted(set(offsets)) == expected  # resumed where the server stood, nothing skipped
    assert len(offsets) - len(expected) == expected_resends  # at most the one cut chunk again
    held = team.api.http.get(f"/api/v1/photos/{digest}", headers=team.leader)
    assert held.content == photo


def attach_hash(tablet: Tablet, inspection_id: str, digest: str, size: int) -> None:
    from checklists.record.photos import add_photo

    tablet.store.edit(
        inspection_id,
        lambda r: add_photo(
            r, author_id=tablet.member_id, sha256=digest, criterion_id="A1", byte_size=size
        ),
    )


def test_a_server_restart_between_pushes_backs_off_with_full_jitter_then_delivers(
    live: LiveServer, team: Team, make_tablet: Callable[..., Tablet]
) -> None:
    tablet = make_tablet("member_1")
    ready(tablet, team.inspection_id)
    score(tablet, team.inspection_id, "A1")
    assert tablet.worker.run_once().phase is Phase.IDLE
    live.stop()
    score(tablet, team.inspection_id, "A2")

    down = [tablet.worker.run_once() for _ in range(3)]

    assert [s.phase for s in down] == [Phase.OFFLINE] * 3
    assert [s.retry_in for s in down] == [0.5, 1.0, 2.0]  # draw 0.5 x min(60, 1 x 2^n)
    assert down[-1].last_error is not None and "server" in down[-1].last_error.en
    assert tablet.store.pending() == [team.inspection_id]
    live.start()
    up = tablet.worker.run_once()
    assert up.phase is Phase.IDLE and up.retry_in is None and up.last_error is None
    assert tablet.store.pending() == []
    local_hash = tablet.store.get(team.inspection_id).content_hash()
    assert server_record(live, team.inspection_id)[0] == local_hash


@pytest.fixture(
    params=[
        (b"<html><body>Wi-Fi login</body></html>", "text/html", 200),
        (b'{"status": "ok"}', "application/json", 200),
        (b"", "text/html", 302),
    ],
    ids=["html-200", "json-200", "redirect"],
)
def portal(request: pytest.FixtureRequest) -> Iterator[CaptivePortal]:
    body, content_type, status = request.param
    server = CaptivePortal(body, content_type, status)
    yield server
    server.close()


def test_a_captive_portal_answering_200_is_offline_and_nothing_is_marked_delivered(
    team: Team, make_tablet: Callable[..., Tablet], portal: CaptivePortal
) -> None:
    tablet = make_tablet("member_1")
    ready(tablet, team.inspection_id)
    score(tablet, team.inspection_id, "A1")
    before = tablet.store.sync_state(team.inspection_id)
    behind_portal = SyncWorker(
        tablet.store,
        TokenFile.in_folder(tablet.store.data_dir, atomic_write),
        server_url=portal.url,
    )

    status = behind_portal.run_once()

    assert status.phase is Phase.OFFLINE
    assert status.last_error is not None and "Wi-Fi" in status.last_error.en
    assert tablet.store.sync_state(team.inspection_id) == before
    assert tablet.store.pending() == [team.inspection_id]
    with pytest.raises(NotOurServer):  # the health call does not take it for ours
        behind_portal.api.health()
    with pytest.raises(NotOurServer):  # and were health skipped, the push's 200 is not ours
        behind_portal.outbox.deliver(team.inspection_id)
    assert tablet.store.sync_state(team.inspection_id) == before
    [(line, headers, body)] = [s for s in portal.seen if s[0].startswith("PUT ")]
    assert line == f"PUT /api/v1/inspections/{team.inspection_id}"  # what the push looks like:
    assert headers["Content-Encoding"] == "gzip" and gzip.decompress(body).startswith(b"{")
    assert headers["Authorization"].startswith("Bearer ") and len(headers["Authorization"]) > 30
    behind_portal.stop()


def test_a_stalled_link_times_out_as_offline() -> None:
    silent = socket.create_server(("127.0.0.1", 0))  # accepts (backlog), never answers
    try:
        transport = Transport(f"http://127.0.0.1:{silent.getsockname()[1]}", timeout=(0.5, 0.5))
        with pytest.raises(Unavailable, match="timed out"):
            CentralApi(transport).health()
    finally:
        silent.close()


def test_a_forged_push_is_refused_with_the_servers_words_kept_and_not_resent_until_changed(
    live: LiveServer, team: Team, proxy: FaultProxy, make_tablet: Callable[..., Tablet]
) -> None:
    tablet = make_tablet("member_1", url=proxy.url)
    ready(tablet, team.inspection_id)
    held_before = server_record(live, team.inspection_id)
    tablet.store.edit(  # a member's tablet writing a decision "by" the leader
        team.inspection_id,
        lambda r: decide(
            r, author_id=team.ids["leader"], criterion_id="A1", value=DAT, reason="giả mạo"
        ),
    )

    status = tablet.worker.run_once()

    assert status.phase is Phase.REFUSED
    [refused] = status.refused
    assert refused.inspection_id == team.inspection_id and refused.refusals
    assert refused.refusals[0].path in refused.words.vi and "422" in refused.words.en
    assert status.last_error == refused.words
    assert tablet.store.pending() == [team.inspection_id]  # kept
    assert server_record(live, team.inspection_id) == held_before
    sent = pushes(proxy)
    assert tablet.worker.run_once().phase is Phase.REFUSED
    assert pushes(proxy) == sent  # not retried blindly
    score(tablet, team.inspection_id, "A2")  # the record changes: it is tried again
    assert tablet.worker.run_once().phase is Phase.REFUSED
    assert pushes(proxy) == sent + 1
    assert server_record(live, team.inspection_id) == held_before


def test_a_revoked_device_pauses_sync_keeps_everything_and_resumes_after_sign_in(
    live: LiveServer, team: Team, make_tablet: Callable[..., Tablet]
) -> None:
    tablet = make_tablet("member_1")
    ready(tablet, team.inspection_id)
    revoke_device(tablet, team)
    score(tablet, team.inspection_id, "A1")

    status = tablet.worker.run_once()

    assert status.phase is Phase.PAUSED_NEED_SIGN_IN
    assert status.last_error is not None and "sign in again" in status.last_error.en
    assert tablet.worker.run_once().passes == status.passes  # paused: no pass at all
    assert tablet.store.pending() == [team.inspection_id]
    tablet.worker.sign_in("member1", "member1-password", "tablet, again")
    assert tablet.worker.run_once().phase is Phase.IDLE
    assert tablet.store.pending() == []
    local_hash = tablet.store.get(team.inspection_id).content_hash()
    assert server_record(live, team.inspection_id)[0] == local_hash


class TamperedReceipts(Transport):
    """The real transport, with the push answers rewritten by `tamper` while it is set."""

    tamper: Callable[[dict[str, Any]], None] | None = None

    def request(self, method: str, path: str, **kwargs: Any) -> requests.Response:
        response = super().request(method, path, **kwargs)
        tamper = type(self).tamper
        if tamper and method == "PUT" and path.startswith("/api/v1/inspections/"):
            data = json.loads(response.content)
            if data.get("receipt"):
                tamper(data)
                response._content = json.dumps(data).encode()
        return response


def _other_hash(data: dict[str, Any]) -> None:
    data["receipt"]["content_hash"] = "0" * 64


def _photo_left_out(data: dict[str, Any]) -> None:
    data["receipt"]["photos"] = []


def _other_record(data: dict[str, Any]) -> None:
    data["receipt"]["inspection_id"] = "00000000-0000-4000-8000-000000000000"


@pytest.mark.parametrize(
    "tamper", [_other_hash, _photo_left_out, _other_record], ids=lambda f: f.__name__[1:]
)
def test_a_receipt_that_does_not_cover_what_was_sent_marks_nothing_delivered(
    team: Team,
    make_tablet: Callable[..., Tablet],
    monkeypatch: pytest.MonkeyPatch,
    tamper: Callable[[dict[str, Any]], None],
) -> None:
    tablet = make_tablet("member_1")
    ready(tablet, team.inspection_id)
    worker = SyncWorker(tablet.store, tablet.worker.tokens, transport_factory=TamperedReceipts)
    score(tablet, team.inspection_id, "A1")
    attach(tablet, team.inspection_id, seed=4, size=(120, 90))
    before = tablet.store.sync_state(team.inspection_id)
    monkeypatch.setattr(TamperedReceipts, "tamper", staticmethod(tamper))

    status = worker.run_once()

    assert status.last_error is not None and "receipt" in status.last_error.en
    assert status.retry_in is not None and status.last_success is None
    assert tablet.store.sync_state(team.inspection_id) == before
    assert tablet.store.pending() == [team.inspection_id]
    monkeypatch.setattr(TamperedReceipts, "tamper", None)
    assert worker.run_once().last_error is None
    assert tablet.store.pending() == []
    worker.stop()


def test_a_merged_copy_that_lacks_what_was_sent_is_not_a_delivery(
    team: Team, make_tablet: Callable[..., Tablet], monkeypatch: pytest.MonkeyPatch
) -> None:
    tablet = make_tablet("member_1")
    ready(tablet, team.inspection_id)
    planned = tablet.store.get(team.inspection_id)
    worker = SyncWorker(tablet.store, tablet.worker.tokens, transport_factory=TamperedReceipts)
    score(tablet, team.inspection_id, "A1")

    def forgot_my_work(data: dict[str, Any]) -> None:  # a server that signs for the old copy
        data["record"] = json.loads(planned.canonical())
        data["content_hash"] = data["receipt"]["content_hash"] = planned.content_hash()

    monkeypatch.setattr(TamperedReceipts, "tamper", staticmethod(forgot_my_work))

    status = worker.run_once()

    assert status.last_error is not None and "lacks part" in status.last_error.en
    assert tablet.store.pending() == [team.inspection_id]
    assert tablet.store.get(team.inspection_id).assessments["A1"]  # nothing of it lost
    worker.stop()


def test_a_busy_server_s_retry_after_is_a_floor_for_the_next_try(
    team: Team, make_tablet: Callable[..., Tablet]
) -> None:
    tablet = make_tablet("member_1")
    busy = CaptivePortal(
        b'{"detail": "database unavailable, retry later"}', "application/json", 503
    )
    try:
        worker = SyncWorker(tablet.store, tablet.worker.tokens, server_url=busy.url)
        status = worker.run_once()
    finally:
        busy.close()
    assert status.phase is Phase.OFFLINE and status.retry_in == 7.0  # not the draw's 0.5 x 2 s
    assert status.last_error is not None and "503" in status.last_error.en
    worker.stop()


def test_a_push_of_a_record_outside_ones_delegation_is_refused_403_and_kept(
    team: Team, make_tablet: Callable[..., Tablet]
) -> None:
    member, outsider = make_tablet("member_1"), make_tablet("outsider")
    ready(member, team.inspection_id)
    outsider.store.save(member.store.get(team.inspection_id))  # a copy handed over by hand

    status = outsider.worker.run_once()

    assert status.phase is Phase.REFUSED  # the record is refused, sync itself is not paused
    [refused] = status.refused
    assert refused.inspection_id == team.inspection_id and "403" in refused.words.en
    assert outsider.store.pending() == [team.inspection_id]
