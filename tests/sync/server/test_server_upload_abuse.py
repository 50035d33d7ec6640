"""Upload abuse, one table: each request is refused with its status, the server stays healthy,
and nothing is stored (no file in the photo folder, no photo row, no upload in progress)."""

from __future__ import annotations

import gzip
import io
from collections.abc import Callable, Iterator
from dataclasses import dataclass

import pytest
from fastapi.testclient import TestClient
from PIL import Image
from sqlalchemy import func, select

from checklists.record.photos import add_photo
from sync.server.tables import StoredPhoto
from tests.sync.server.central import Team, make_jpeg, sha
from tests.sync.server.conftest import SQLITE_ONLY


def _pixel_bomb() -> bytes:
    """A PNG declaring 6000 x 6000 pixels (36 Mpx, over the tests' 4 Mpx) in a few kB."""
    out = io.BytesIO()
    Image.new("1", (6000, 6000)).save(out, format="PNG")
    return out.getvalue()


@dataclass(frozen=True)
class Abuse:
    data: Callable[[], bytes]
    """The bytes the record points at (their hash names the upload)."""
    status: int
    code: str | None = None
    sent: Callable[[bytes], bytes] | None = None
    """What is actually sent, when it differs from `data`."""
    declared: Callable[[bytes], int] | None = None
    """The photo's declared `length`, when it differs from the bytes sent."""
    headers: dict[str, str] | None = None
    streamed: bool = False
    """Sent without Content-Length (a generator body), so only counting can stop it."""


MB = 1024 * 1024
ABUSES = {
    "photo declared over the limit": Abuse(
        lambda: make_jpeg(70), 413, declared=lambda _: 3 * MB + 1
    ),
    "chunk over the limit": Abuse(
        lambda: make_jpeg(71), 413, sent=lambda _: b"x" * (512 * 1024 + 1), declared=lambda _: MB
    ),
    "chunk over the limit, no Content-Length": Abuse(
        lambda: make_jpeg(72),
        413,
        sent=lambda _: b"x" * (600 * 1024),
        declared=lambda _: MB,
        streamed=True,
    ),
    "gzip bomb chunk": Abuse(
        lambda: make_jpeg(73),
        413,
        sent=lambda _: gzip.compress(b"\0" * (2 * MB)),
        declared=lambda _: MB,
        headers={"Content-Encoding": "gzip"},
    ),
    "pixel bomb": Abuse(_pixel_bomb, 413),
    "HTML renamed .jpg": Abuse(lambda: b"<html><body>login</body></html>", 422, "photo.not_image"),
    "truncated JPEG": Abuse(lambda: make_jpeg(74, (400, 300))[:-400], 422, "photo.not_image"),
    "bytes of another photo (wrong hash)": Abuse(
        lambda: make_jpeg(75), 422, "photo.hash_mismatch", sent=lambda _: make_jpeg(76)
    ),
}


@pytest.fixture
def held(client: TestClient) -> Callable[[], tuple[list[str], int]]:
    """Every file in the photo folder (lock files aside) and the number of photo rows."""
    services = client.app.state.services  # type: ignore[attr-defined]

    def now() -> tuple[list[str], int]:
        folder = services.settings.photo_dir
        files = sorted(
            str(p.relative_to(folder))
            for p in folder.rglob("*")
            if p.is_file() and not p.name.endswith(".lock")
        )
        with services.sessions() as session:
            rows = session.scalar(select(func.count()).select_from(StoredPhoto))
        return files, int(rows or 0)

    return now


@SQLITE_ONLY
@pytest.mark.parametrize("name", ABUSES)
def test_upload_abuse_is_refused_and_stores_nothing(
    client: TestClient, team: Team, held: Callable[[], tuple[list[str], int]], name: str
) -> None:
    abuse = ABUSES[name]
    data = abuse.data()
    record = team.copy(team.member_1)
    record = add_photo(record, author_id=team.ids["member_1"], sha256=sha(data))
    assert team.api.push(team.member_1, record).status_code == 200
    body = abuse.sent(data) if abuse.sent else data
    length = abuse.declared(data) if abuse.declared else len(body)

    def streamed() -> Iterator[bytes]:
        for start in range(0, len(body), 64 * 1024):
            yield body[start : start + 64 * 1024]

    response = client.put(
        f"/api/v1/photos/{sha(data)}/upload",
        params={"offset": 0, "length": length},
        headers={
            **team.member_1,
            "Content-Type": "application/octet-stream",
            **(abuse.headers or {}),
        },
        content=streamed() if abuse.streamed else body,
    )

    assert response.status_code == abuse.status, response.text
    if abuse.code:
        assert response.json()["refusals"][0]["code"] == abuse.code
    assert held() == ([], 0)
    assert client.get("/api/health").status_code == 200
    assert client.head(f"/api/v1/photos/{sha(data)}", headers=team.member_1).status_code == 404


@SQLITE_ONLY
@pytest.mark.parametrize(
    "name",
    ["../../etc/passwd", "..%2F..%2Fetc%2Fpasswd", "ABCDEF" + "0" * 58, "a" * 63, "a" * 65,
     "%2e%2e%2f" + "a" * 55, "a" * 63 + "/", "C:\\windows\\x"],
)  # fmt: skip
def test_a_path_like_name_is_never_a_file(
    client: TestClient, team: Team, held: Callable[[], tuple[list[str], int]], name: str
) -> None:
    statuses = {
        method: client.request(
            method,
            f"/api/v1/photos/{name}{suffix}",
            params={"offset": 0, "length": 1} if method == "PUT" else None,
            headers=team.member_1,
            content=b"x" if method == "PUT" else None,
        ).status_code
        for method, suffix in [("PUT", "/upload"), ("GET", "/upload"), ("GET", ""), ("HEAD", "")]
    }

    assert set(statuses.values()) <= {404, 422}, statuses
    assert held() == ([], 0)
    assert client.get("/api/health").status_code == 200


@SQLITE_ONLY
def test_the_nothing_stored_check_sees_a_stored_photo_and_a_partial_upload(
    client: TestClient, team: Team, held: Callable[[], tuple[list[str], int]]
) -> None:
    photo, partial = make_jpeg(77), make_jpeg(78)
    record = team.copy(team.member_1)
    for data in (photo, partial):
        record = add_photo(record, author_id=team.ids["member_1"], sha256=sha(data))
    team.api.push(team.member_1, record)
    team.api.upload(team.member_1, photo)
    client.put(
        f"/api/v1/photos/{sha(partial)}/upload",
        params={"offset": 0, "length": len(partial)},
        headers=team.member_1,
        content=partial[:100],
    )

    assert held() == (
        sorted([f"blobs/{sha(photo)[:2]}/{sha(photo)}", f"uploads/{sha(partial)}"]),
        1,
    )
