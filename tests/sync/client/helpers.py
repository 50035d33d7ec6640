"""Steps the client tests share: pull the planned visit, score, attach a real JPEG."""

from __future__ import annotations

from checklists.record.editing import assess
from checklists.record.model import Value
from checklists.record.photos import add_photo
from checklists.template.model import Status
from sync.client.status import Phase
from tests.sync.client.conftest import Tablet
from tests.sync.server.central import Team, make_jpeg

__all__ = ["DAT", "KHONG_DAT", "ready", "score", "attach", "revoke_device"]

DAT, KHONG_DAT = Value(status=Status.DAT), Value(status=Status.KHONG_DAT)


def ready(tablet: Tablet, inspection_id: str) -> None:
    """A first sync pass: the planned visit is on the tablet and nothing is pending."""
    status = tablet.worker.run_once()
    assert status.phase is Phase.IDLE, status
    assert tablet.store.get(inspection_id).id == inspection_id
    assert tablet.store.pending() == []


def score(tablet: Tablet, inspection_id: str, criterion: str, value: Value = DAT) -> None:
    """The member scores a criterion offline (the app's path: store.edit)."""
    tablet.store.edit(
        inspection_id,
        lambda r: assess(r, author_id=tablet.member_id, criterion_id=criterion, value=value),
    )


def attach(tablet: Tablet, inspection_id: str, seed: int, size: tuple[int, int]) -> bytes:
    """A real JPEG stored by hash and attached to A1 by the member; returns its bytes."""
    data = make_jpeg(seed, size)
    digest = tablet.store.photos.put(data)
    tablet.store.edit(
        inspection_id,
        lambda r: add_photo(
            r, author_id=tablet.member_id, sha256=digest, criterion_id="A1", byte_size=len(data)
        ),
    )
    return data


def revoke_device(tablet: Tablet, team: Team) -> None:
    """The admin revokes the tablet's device token (the tablet is not told)."""
    credentials = tablet.worker.tokens.load()
    assert credentials is not None
    revoked = team.api.http.delete(f"/api/v1/devices/{credentials.device_id}", headers=team.admin)
    assert revoked.status_code == 200, revoked.text
