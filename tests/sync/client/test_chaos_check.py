"""The chaos checker has teeth: after a clean delivery it reports nothing, and each way of
breaking what the server or the tablet holds shows up under its own kind."""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import delete, update

from sync.client.status import Phase
from sync.server.services import Services
from sync.server.tables import StoredInspection, StoredPhoto
from tests.sync.client.chaos_check import Expected, check_delivery
from tests.sync.client.conftest import Tablet
from tests.sync.client.helpers import KHONG_DAT, score
from tests.sync.client.test_client_chaos import work_offline
from tests.sync.server.central import Team
from tests.sync.server.conftest import LiveServer


def delivered(make_tablet: Callable[..., Tablet], team: Team) -> tuple[Tablet, Expected]:
    tablet = make_tablet("member_1")
    expected = work_offline(tablet, team, 2, seed=3)
    status = tablet.worker.run_once()
    assert status.phase is Phase.IDLE and not tablet.store.pending(), status
    return tablet, expected


def services(live: LiveServer) -> Services:
    assert live.server is not None
    held: Services = live.server.config.app.state.services  # type: ignore[attr-defined]
    return held


def test_a_clean_delivery_reports_nothing(
    live: LiveServer, team: Team, make_tablet: Callable[..., Tablet]
) -> None:
    tablet, expected = delivered(make_tablet, team)
    report = check_delivery(live, [tablet.store], expected)
    assert report.ok, report
    assert (report.records, report.photos) == (3, 3)


def test_damaged_photos_are_counted_as_mismatched_lost_and_duplicated(
    live: LiveServer, team: Team, make_tablet: Callable[..., Tablet]
) -> None:
    tablet, expected = delivered(make_tablet, team)
    first, second, third = sorted(expected.photos)
    svc = services(live)
    files = svc.photos.files
    files.path(first).write_bytes(expected.photos[first][:-10] + b"0123456789")
    with svc.sessions() as session, session.begin():
        session.execute(delete(StoredPhoto).where(StoredPhoto.sha256 == second))
    (svc.settings.photo_dir / "uploads" / third).write_bytes(expected.photos[third][:100])
    report = check_delivery(live, [tablet.store], expected)
    assert any(first[:12] in line for line in report.hash_mismatches), report
    assert any(second[:12] in line for line in report.lost), report
    assert any(third[:12] in line and "twice" in line for line in report.duplicated), report


def test_a_changed_body_a_pending_edit_and_an_extra_revision_are_counted(
    live: LiveServer, team: Team, make_tablet: Callable[..., Tablet]
) -> None:
    tablet, expected = delivered(make_tablet, team)
    first, second = sorted(rid for rid, n in expected.revisions.items() if n == 2)
    with services(live).sessions() as session, session.begin():
        session.execute(
            update(StoredInspection)
            .where(StoredInspection.id == first)
            .values(body=StoredInspection.body + " ")
        )
        session.execute(
            update(StoredInspection)
            .where(StoredInspection.id == second)
            .values(revision=StoredInspection.revision + 1)
        )
    score(tablet, second, "A2", KHONG_DAT)  # not synced: pending, and not on the server
    report = check_delivery(live, [tablet.store], expected)
    assert any(first in line for line in report.hash_mismatches), report
    assert any(second in line and "revision 3" in line for line in report.duplicated), report
    assert any(second in line for line in report.outbox_left), report
    assert any(second in line and "lacks" in line for line in report.lost), report
