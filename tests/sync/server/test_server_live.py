"""End to end on a real uvicorn over loopback: the whole team syncs, and faults lose nothing.

Dropped connections, a restart between chunks, a cut chunk and concurrent pushes, each on
SQLite and on PostgreSQL.
"""

from __future__ import annotations

import socket
import struct
import threading
from collections.abc import Iterator

import httpx
import pytest
from sqlalchemy import func, select

from checklists.record.editing import assess, decide, move_to
from checklists.record.lifecycle import Lifecycle
from checklists.record.model import Inspection, Value
from checklists.record.photos import add_photo
from checklists.template.model import Status
from sync.protocol import Receipt, receipt_confirms
from sync.server.config import Settings
from sync.server.tables import Change, StoredInspection
from tests.sync.server.central import Central, Team, make_jpeg, make_team, sha
from tests.sync.server.conftest import ADMIN_PASSWORD, LiveServer, free_port, wait_for

DAT, KHONG_DAT = Value(status=Status.DAT), Value(status=Status.KHONG_DAT)


@pytest.fixture
def http(live: LiveServer) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=live.url, timeout=30) as client:
        yield client


@pytest.fixture
def live_team(http: httpx.Client) -> Team:
    return make_team(http, ADMIN_PASSWORD)


def held(live: LiveServer, inspection_id: str) -> tuple[int, int]:
    """The stored record's revision and the number of change rows, read from the database."""
    assert live.server is not None
    services = live.server.config.app.state.services  # type: ignore[attr-defined]
    with services.sessions() as session:
        row = session.get(StoredInspection, inspection_id)
        return row.revision, session.scalar(select(func.count()).select_from(Change))


def sync_up(
    team: Team, who: dict[str, str], record: Inspection, photos: dict[str, bytes]
) -> Inspection:
    """What a tablet does: push, upload what the server lacks, save the merged copy."""
    answer = team.api.push(who, record).json()
    for digest in answer["missing_photos"]:
        if digest in photos:
            assert team.api.upload(who, photos[digest], chunk=4096).json()["complete"]
    return team.api.pull(who, record.id)


def test_a_delegation_syncs_through_a_real_server_and_every_copy_converges(
    live: LiveServer, live_team: Team
) -> None:
    team = live_team
    lead, m1, m2 = team.ids["leader"], team.ids["member_1"], team.ids["member_2"]
    tablets = {who: team.copy(getattr(team, who)) for who in ("leader", "member_1", "member_2")}
    photo = make_jpeg(21, (320, 240))
    # Offline: each scores their part; the two members disagree on A1.
    tablets["member_1"] = assess(tablets["member_1"], author_id=m1, criterion_id="A1", value=DAT)
    tablets["member_1"] = add_photo(
        tablets["member_1"], author_id=m1, sha256=sha(photo), criterion_id="A1"
    )
    tablets["member_2"] = assess(
        tablets["member_2"], author_id=m2, criterion_id="A1", value=KHONG_DAT
    )
    tablets["member_2"] = assess(tablets["member_2"], author_id=m2, criterion_id="A2", value=DAT)
    for who in ("member_1", "member_2", "leader"):
        tablets[who] = sync_up(team, getattr(team, who), tablets[who], {sha(photo): photo})

    leader_view = tablets["leader"]
    assert {a.status for a in leader_view.assessments["A1"].values()} == {
        Status.DAT,
        Status.KHONG_DAT,
    }
    settled = decide(
        leader_view, author_id=lead, criterion_id="A1", value=DAT, reason="Có minh chứng ảnh"
    )
    settled = move_to(
        move_to(settled, author_id=lead, status=Lifecycle.COMPLETED),
        author_id=lead,
        status=Lifecycle.LOCKED,
    )
    tablets["leader"] = sync_up(team, team.leader, settled, {})
    for who in ("member_1", "member_2"):
        tablets[who] = sync_up(team, getattr(team, who), tablets[who], {})

    hashes = {t.content_hash() for t in tablets.values()}
    server = team.api.http.get(f"/api/v1/inspections/{team.inspection_id}", headers=team.office)
    assert hashes == {server.headers["etag"].strip('"')}
    final = tablets["member_2"]
    assert final.status() is Lifecycle.LOCKED and final.decision("A1") is not None
    receipt = Receipt.model_validate(
        team.api.http.get(f"/api/v1/inspections/{final.id}/receipt", headers=team.member_1).json()
    )
    assert receipt_confirms(receipt, final.id, final.content_hash(), final.photo_hashes())
    assert team.api.http.get(f"/api/v1/photos/{sha(photo)}", headers=team.member_2).content == photo


def _raw_request(
    live: LiveServer, method: str, path: str, headers: dict[str, str], body: bytes
) -> socket.socket:
    sock = socket.create_connection(("127.0.0.1", live.port), timeout=30)
    lines = [f"{method} {path} HTTP/1.1", "Host: 127.0.0.1", f"Content-Length: {len(body)}"]
    lines += [f"{k}: {v}" for k, v in headers.items()]
    sock.sendall(("\r\n".join(lines) + "\r\n\r\n").encode() + body)
    return sock


def _reset(sock: socket.socket) -> None:
    """Close with a TCP reset, as a dropped mobile link does."""
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    sock.close()


def push_answer_lost_then_retried(live: LiveServer, team: Team) -> tuple[tuple[int, int], ...]:
    """A member's push whose answer a TCP reset cuts after the server acted, then the retry:
    (revision, change rows) after the plan, after the cut push, after the retry."""
    m1 = team.ids["member_1"]
    record = assess(team.copy(team.member_1), author_id=m1, criterion_id="A1", value=DAT)
    planned = held(live, record.id)
    headers = {**team.member_1, "Content-Type": "application/json"}
    sock = _raw_request(
        live, "PUT", f"/api/v1/inspections/{record.id}", headers, record.canonical().encode()
    )
    assert sock.recv(12).startswith(b"HTTP/1.1 200")  # the server acted; the rest never arrives
    _reset(sock)
    after_drop = held(live, record.id)
    retried = team.api.push(team.member_1, record)
    assert retried.status_code == 200
    assert retried.json()["content_hash"] == record.content_hash()
    return planned, after_drop, held(live, record.id)


def test_a_push_whose_answer_was_lost_is_not_duplicated_when_retried(
    live: LiveServer, live_team: Team
) -> None:
    planned, after_drop, after_retry = push_answer_lost_then_retried(live, live_team)
    assert planned == (1, 1) and after_drop == after_retry == (2, 2)


@pytest.mark.parametrize("dedupe", [False])
def test_the_duplicate_check_fails_when_the_server_forgets_what_it_holds(
    live: LiveServer, live_team: Team, dedupe: bool
) -> None:
    """Negative control: with de-duplication switched off (`Settings.dedupe`, test-only), the
    same steps make a revision."""
    assert live.settings.dedupe is dedupe is False
    planned, after_drop, after_retry = push_answer_lost_then_retried(live, live_team)
    assert after_retry != after_drop == (2, 2)


def test_an_upload_resumes_after_a_server_restart(live: LiveServer, live_team: Team) -> None:
    team = live_team
    photo = make_jpeg(22, (400, 300))
    record = add_photo(team.copy(team.member_1), author_id=team.ids["member_1"], sha256=sha(photo))
    team.api.push(team.member_1, record)
    half = len(photo) // 2
    url = f"/api/v1/photos/{sha(photo)}/upload"
    first = team.api.http.put(
        url, params={"offset": 0, "length": len(photo)}, headers=team.member_1, content=photo[:half]
    )
    assert first.json()["offset"] == half

    live.stop()
    live.start()
    with httpx.Client(base_url=live.url, timeout=30) as http:
        at = http.get(url, headers=team.member_1).json()["offset"]
        rest = http.put(
            url,
            params={"offset": at, "length": len(photo)},
            headers=team.member_1,
            content=photo[at:],
        )
        fetched = http.get(f"/api/v1/photos/{sha(photo)}", headers=team.member_2).content

    assert at == half and rest.json()["complete"] is True and fetched == photo


def test_a_chunk_cut_mid_body_adds_nothing(live: LiveServer, live_team: Team) -> None:
    team = live_team
    photo = make_jpeg(23, (400, 300))
    record = add_photo(team.copy(team.member_1), author_id=team.ids["member_1"], sha256=sha(photo))
    team.api.push(team.member_1, record)
    url = f"/api/v1/photos/{sha(photo)}/upload"
    sock = socket.create_connection(("127.0.0.1", live.port), timeout=30)
    head = [
        f"PUT {url}?offset=0&length={len(photo)} HTTP/1.1",
        "Host: 127.0.0.1",
        f"Content-Length: {len(photo)}",
        f"Authorization: {team.member_1['Authorization']}",
    ]
    sock.sendall(("\r\n".join(head) + "\r\n\r\n").encode() + photo[: len(photo) // 3])
    sock.close()  # the link dies a third of the way through

    wait_for(lambda: team.api.http.get("/api/health").status_code == 200, "server still healthy")
    state = team.api.http.get(url, headers=team.member_1).json()
    assert state == {"sha256": sha(photo), "offset": 0, "complete": False}
    assert team.api.upload(team.member_1, photo, chunk=len(photo)).json()["complete"] is True


def push_side_by_side(team: Team, work: dict[str, tuple[str, list[str]]]) -> list[str]:
    """Members push at once, each through the server at its URL, one push per criterion it
    scores (starting together from the copy each pulled); the refusals' texts."""
    barrier = threading.Barrier(len(work))
    failures: list[str] = []

    def tablet(who: str, url: str, criteria: list[str]) -> None:
        api = Central(httpx.Client(base_url=url, timeout=60))
        headers = getattr(team, who)
        copy = api.pull(headers, team.inspection_id)
        barrier.wait()
        for criterion in criteria:
            copy = assess(copy, author_id=team.ids[who], criterion_id=criterion, value=DAT)
            response = api.push(headers, copy)
            if response.status_code != 200:
                failures.append(response.text)
        api.http.close()

    threads = [threading.Thread(target=tablet, args=(who, *job)) for who, job in work.items()]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    final = team.copy(team.leader)
    for who, (_url, criteria) in work.items():
        assert all(team.ids[who] in final.assessments[c] for c in criteria), who
    return failures


def test_concurrent_pushes_by_two_inspectors_all_land(live: LiveServer, live_team: Team) -> None:
    work = {"member_1": (live.url, ["A1", "A2", "A3"]), "member_2": (live.url, ["A4", "A5", "B1"])}

    assert push_side_by_side(live_team, work) == []
    revision, changes = held(live, live_team.inspection_id)
    assert revision == changes == 1 + 6  # the plan, then each push changed the record once


@pytest.mark.parametrize("database_url", ["postgresql"], indirect=True)
def test_pushes_of_one_record_through_two_server_processes_all_land_once(
    live: LiveServer, live_team: Team, settings: Settings
) -> None:
    """Two servers over one PostgreSQL (as `INSPECT_CENTRAL_WORKERS` runs them): each has its
    own lanes, so only the record's row lock keeps their pushes of one record apart."""
    second = LiveServer(settings, free_port())
    second.start()
    try:
        work = {
            "member_1": (live.url, ["A1", "A2", "A3", "A4"]),
            "member_2": (second.url, ["A5", "B1", "B2", "B3"]),
        }
        failures = push_side_by_side(live_team, work)
    finally:
        second.stop()

    assert failures == []
    revision, changes = held(live, live_team.inspection_id)
    assert revision == changes == 1 + 8  # the plan, then each push changed the record once


def test_a_revoked_device_is_refused_at_once(live: LiveServer, live_team: Team) -> None:
    team = live_team
    http = team.api.http
    me = http.get("/api/v1/devices", headers=team.member_2).json()
    assert (
        http.get(f"/api/v1/inspections/{team.inspection_id}", headers=team.member_2).status_code
        == 200
    )

    revoked = http.delete(f"/api/v1/devices/{me[0]['id']}", headers=team.member_2)

    assert revoked.json()["revoked"] is True
    after = http.get(f"/api/v1/inspections/{team.inspection_id}", headers=team.member_2)
    assert after.status_code == 401 and after.headers["www-authenticate"] == "Bearer"
    assert team.api.push(team.member_2, team.copy(team.member_1)).status_code == 401
