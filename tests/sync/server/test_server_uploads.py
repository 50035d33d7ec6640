"""Photos by hash: resumable chunked uploads, verified bytes, real images only, receipts."""

from __future__ import annotations

import io
import zlib
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from PIL import Image

from checklists.record.model import Inspection
from checklists.record.photos import add_photo
from sync.protocol import MAX_STATES, Receipt, receipt_confirms
from sync.server.receipts import receipt_is_ours
from tests.sync.server.central import Team, make_jpeg, sha
from tests.sync.server.conftest import SQLITE_ONLY


def with_photos(team: Team, *photos: bytes) -> Inspection:
    """Member 1's copy pointing at these photos, pushed; the server now lacks them."""
    m1 = team.ids["member_1"]
    record = team.copy(team.member_1)
    for data in photos:
        record = add_photo(
            record, author_id=m1, sha256=sha(data), criterion_id="A1", byte_size=len(data)
        )
    response = team.api.push(team.member_1, record)
    assert response.status_code == 200, response.text
    assert set(response.json()["missing_photos"]) == {sha(p) for p in photos}
    assert response.json()["receipt"] is None
    return record


def photo_folder(client: TestClient) -> Path:
    return client.app.state.services.settings.photo_dir  # type: ignore[no-any-return, attr-defined]


def held_files(client: TestClient) -> list[str]:
    """Every file in the photo folder: stored blobs, uploads in progress and their locks."""
    return sorted(p.name for p in photo_folder(client).rglob("*") if p.is_file())


def state(client: TestClient, who: dict[str, str], data: bytes) -> dict[str, object]:
    response = client.get(f"/api/v1/photos/{sha(data)}/upload", headers=who)
    assert response.status_code == 200, response.text
    return response.json()  # type: ignore[no-any-return]


def test_a_chunked_upload_stores_the_photo_and_the_receipt_covers_it(
    client: TestClient, team: Team
) -> None:
    photo = make_jpeg(1, (200, 150))
    record = with_photos(team, photo)
    digest = sha(photo)
    assert client.head(f"/api/v1/photos/{digest}", headers=team.member_1).status_code == 404

    done = team.api.upload(team.member_1, photo, chunk=700)

    assert done.json() == {"sha256": digest, "offset": len(photo), "complete": True}
    assert held_files(client) == [digest]  # the photo, and no upload or lock left behind
    assert client.head(f"/api/v1/photos/{digest}", headers=team.member_2).status_code == 200
    fetched = client.get(
        f"/api/v1/photos/{digest}", headers={**team.leader, "Accept-Encoding": "gzip"}
    )
    assert fetched.content == photo and "content-encoding" not in fetched.headers
    again = team.api.push(team.member_1, record).json()
    assert again["missing_photos"] == [] and again["changed"] is False
    receipt = Receipt.model_validate(again["receipt"])
    assert receipt_confirms(receipt, record.id, record.content_hash(), record.photo_hashes())
    with client.app.state.services.sessions() as session:  # type: ignore[attr-defined]
        assert receipt_is_ours(session, receipt)
        assert not receipt_is_ours(session, receipt.model_copy(update={"photos": ()}))


def test_the_receipt_is_409_while_a_photo_is_missing_and_confirms_nothing_else(
    client: TestClient, team: Team
) -> None:
    first, second = make_jpeg(2), make_jpeg(3)
    record = with_photos(team, first, second)
    team.api.upload(team.member_1, first)

    assert (
        client.get(f"/api/v1/inspections/{record.id}/receipt", headers=team.member_1).status_code
        == 409
    )
    team.api.upload(team.member_1, second)
    receipt = Receipt.model_validate(
        client.get(f"/api/v1/inspections/{record.id}/receipt", headers=team.member_1).json()
    )
    assert receipt_confirms(receipt, record.id, record.content_hash(), {sha(first), sha(second)})
    assert not receipt_confirms(receipt, record.id, "0" * 64, {sha(first)})
    assert not receipt_confirms(receipt, record.id, record.content_hash(), {sha(make_jpeg(4))})


def test_an_upload_resumes_from_the_offset_the_server_reports(
    client: TestClient, team: Team
) -> None:
    photo = make_jpeg(5, (300, 200))
    with_photos(team, photo)
    url = f"/api/v1/photos/{sha(photo)}/upload"
    half = len(photo) // 2
    params = {"offset": 0, "length": len(photo)}
    assert (
        client.put(url, params=params, headers=team.member_1, content=photo[:half]).json()["offset"]
        == half
    )

    resumed_at = state(client, team.member_1, photo)["offset"]
    stale = client.put(url, params=params, headers=team.member_1, content=photo[:half])
    after_stale = state(client, team.member_1, photo)["offset"]
    rest = client.put(
        url,
        params={"offset": resumed_at, "length": len(photo)},
        headers=team.member_1,
        content=photo[half:],
    )

    assert resumed_at == half
    assert stale.status_code == 409 and after_stale == half
    assert rest.json()["complete"] is True


def test_bytes_that_do_not_match_the_hash_are_refused_and_leave_nothing(
    client: TestClient, team: Team
) -> None:
    photo, impostor = make_jpeg(6), make_jpeg(7)
    with_photos(team, photo)

    response = team.api.upload(team.member_1, impostor, digest=sha(photo))

    assert response.status_code == 422
    assert response.json()["refusals"][0]["code"] == "photo.hash_mismatch"
    assert held_files(client) == []
    assert state(client, team.member_1, photo) == {
        "sha256": sha(photo),
        "offset": 0,
        "complete": False,
    }
    assert client.head(f"/api/v1/photos/{sha(photo)}", headers=team.member_1).status_code == 404


def _png_bomb() -> bytes:
    """A PNG declaring 6000 x 6000 pixels (36 Mpx) in a few kilobytes."""
    out = io.BytesIO()
    Image.new("1", (6000, 6000)).save(out, format="PNG")
    return out.getvalue()


def _truncated_jpeg() -> bytes:
    return make_jpeg(8, (400, 300))[:-400]


@pytest.mark.parametrize(
    ("make", "status", "code"),
    [
        (lambda: b"<html><body>login</body></html>", 422, "photo.not_image"),
        (_truncated_jpeg, 422, "photo.not_image"),
        (lambda: _gif(), 422, "photo.not_image"),
        (_png_bomb, 413, None),
    ],
    ids=["html renamed .jpg", "truncated jpeg", "gif", "pixel bomb"],
)
@SQLITE_ONLY
def test_what_is_not_an_allowed_image_is_refused_and_leaves_nothing(
    client: TestClient, team: Team, make: object, status: int, code: str | None
) -> None:
    data = make()  # type: ignore[operator]
    with_photos(team, data)

    response = team.api.upload(team.member_1, data, chunk=256 * 1024)

    assert response.status_code == status, response.text
    if code:
        assert response.json()["refusals"][0]["code"] == code
    assert held_files(client) == []
    assert client.get("/api/health").status_code == 200


def _gif() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (10, 10)).save(out, format="GIF")
    return out.getvalue()


@SQLITE_ONLY
def test_oversized_photos_and_chunks_are_413(client: TestClient, team: Team) -> None:
    settings = client.app.state.services.settings  # type: ignore[attr-defined]
    photo = make_jpeg(9)
    with_photos(team, photo)
    url = f"/api/v1/photos/{sha(photo)}/upload"

    too_long = client.put(
        url,
        params={"offset": 0, "length": settings.max_photo_bytes + 1},
        headers=team.member_1,
        content=b"x",
    )
    too_big_chunk = client.put(
        url,
        params={"offset": 0, "length": settings.max_photo_bytes},
        headers=team.member_1,
        content=b"x" * (settings.max_chunk_bytes + 1),
    )
    past_the_end = client.put(
        url, params={"offset": 0, "length": 3}, headers=team.member_1, content=b"abcd"
    )

    assert (too_long.status_code, too_big_chunk.status_code, past_the_end.status_code) == (
        413,
        413,
        422,
    )
    assert held_files(client) == []


@pytest.mark.parametrize("name", ["../../etc/passwd", "ABCDEF" + "0" * 58, "a" * 63, "%2e%2e%2fx"])
@SQLITE_ONLY
def test_path_like_names_are_never_files(client: TestClient, team: Team, name: str) -> None:
    for method in ("GET", "HEAD"):
        response = client.request(method, f"/api/v1/photos/{name}", headers=team.member_1)
        assert response.status_code in (404, 422), (method, response.status_code)
    put = client.put(
        f"/api/v1/photos/{name}/upload",
        params={"offset": 0, "length": 1},
        headers=team.member_1,
        content=b"x",
    )
    assert put.status_code in (404, 422)
    assert held_files(client) == []


def test_only_someone_whose_record_points_at_a_photo_may_send_or_fetch_it(
    client: TestClient, team: Team
) -> None:
    photo = make_jpeg(10)
    with_photos(team, photo)
    team.api.upload(team.member_1, photo)
    stray = make_jpeg(11)

    assert client.get(f"/api/v1/photos/{sha(photo)}", headers=team.outsider).status_code == 403
    assert team.api.upload(team.outsider, photo).status_code == 403
    assert team.api.upload(team.member_1, stray).status_code == 403
    assert client.get(f"/api/v1/photos/{sha(photo)}", headers=team.office).status_code == 200
    assert client.get(f"/api/v1/photos/{sha(photo)}").status_code == 401


def test_a_second_upload_of_a_held_photo_changes_nothing(client: TestClient, team: Team) -> None:
    photo = make_jpeg(12)
    with_photos(team, photo)
    team.api.upload(team.member_1, photo)
    files = held_files(client)

    again = team.api.upload(team.member_2, photo)

    assert again.json()["complete"] is True and held_files(client) == files == [sha(photo)]


def test_deflate_garbage_in_a_png_is_refused() -> None:
    from sync.server.errors import Refused
    from sync.server.images import check_image

    good = io.BytesIO()
    Image.new("RGB", (50, 50), (1, 2, 3)).save(good, format="PNG")
    data = bytearray(good.getvalue())
    start = data.index(b"IDAT") + 4
    data[start : start + 8] = zlib.compress(b"")[:8][::-1]
    with pytest.raises(Refused):
        check_image(bytes(data), 1_000_000)


def states(client: TestClient, who: dict[str, str], hashes: list[str]) -> Any:
    return client.post("/api/v1/photos/upload-states", headers=who, json={"hashes": hashes})


def test_one_call_tells_how_far_each_photo_is_in_the_order_asked(
    client: TestClient, team: Team
) -> None:
    held, half_sent, unsent = make_jpeg(40, (300, 200)), make_jpeg(41, (300, 200)), make_jpeg(42)
    with_photos(team, held, half_sent, unsent)
    team.api.upload(team.member_1, held)
    half = len(half_sent) // 2
    client.put(
        f"/api/v1/photos/{sha(half_sent)}/upload",
        params={"offset": 0, "length": len(half_sent)},
        headers=team.member_1,
        content=half_sent[:half],
    )
    asked = [sha(unsent), sha(held), sha(half_sent)]

    answer = states(client, team.member_2, asked)

    assert answer.status_code == 200, answer.text
    assert answer.json()["states"] == [
        {"sha256": sha(unsent), "offset": 0, "complete": False},
        {"sha256": sha(held), "offset": len(held), "complete": True},
        {"sha256": sha(half_sent), "offset": half, "complete": False},
    ]
    # the same as the one-photo call old tablets make
    assert [state(client, team.member_1, p) for p in (unsent, held, half_sent)] == answer.json()[
        "states"
    ]


def test_asking_about_a_photo_of_no_record_of_yours_answers_nothing(
    client: TestClient, team: Team
) -> None:
    mine = make_jpeg(43)
    with_photos(team, mine)
    stranger = sha(make_jpeg(44))

    outsider = states(client, team.outsider, [sha(mine)])
    mixed = states(client, team.member_1, [sha(mine), stranger])

    assert outsider.status_code == 403 and "states" not in outsider.json()
    assert mixed.status_code == 403 and "states" not in mixed.json()
    assert states(client, team.office, [sha(mine)]).status_code == 200


@SQLITE_ONLY
@pytest.mark.parametrize(
    "hashes",
    [[], ["not-a-hash"], ["A" * 64], ["../" + "0" * 61], ["0" * 64] * (MAX_STATES + 1)],
    ids=["none", "short", "upper-case", "path-like", "too-many"],
)
def test_a_malformed_question_is_a_422_with_its_field_path(
    client: TestClient, team: Team, hashes: list[str]
) -> None:
    answer = states(client, team.member_1, hashes)

    assert answer.status_code == 422
    assert answer.json()["refusals"][0]["path"].startswith("body/hashes")
