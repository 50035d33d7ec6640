"""A template the central office publishes from a spreadsheet reaches a real tablet store, and a
visit planned on it is pulled and scored offline against it."""

from __future__ import annotations

from collections.abc import Callable

import httpx

from checklists.template.catalog import get_template
from checklists.template.sheet_writer import template_to_sheets
from sync.client.status import Phase
from sync.server.workbooks import XLSX_MIME, write_workbook
from tests.sync.client.conftest import Tablet
from tests.sync.client.helpers import score
from tests.sync.server.central import Team
from tests.sync.server.conftest import LiveServer


def test_a_version_published_from_a_spreadsheet_is_pulled_by_a_tablet_and_scores_a_visit(
    live: LiveServer, team: Team, make_tablet: Callable[..., Tablet]
) -> None:
    tablet = make_tablet("member_1")
    assert tablet.worker.run_once().phase is Phase.IDLE
    changed = get_template("cqtt-xa", 1).model_copy(update={"title": "Bộ tiêu chí năm 2027"})
    with httpx.Client(base_url=live.url, timeout=30) as http:
        published = http.post(
            "/api/v1/templates",
            headers={**team.office, "Content-Type": XLSX_MIME},
            content=write_workbook(template_to_sheets(changed)),
        )
        assert published.status_code == 201, published.text
        ref = published.json()["ref"]
        planned = http.post(
            "/api/v1/visits",
            headers=team.office,
            json={
                "template_id": ref["id"],
                "template_version": ref["version"],
                "unit_name": "Xã Mai Pha",
                "inspection_date": "2027-03-01",
                "leader_id": team.ids["leader"],
                "members": [
                    {"user_id": team.ids["leader"], "role": "truong_doan"},
                    {"user_id": team.ids["member_1"]},
                ],
            },
        )
        assert planned.status_code == 201, planned.text
    assert not tablet.templates.has("cqtt-xa", 2, ref["content_hash"])

    assert tablet.worker.run_once().phase is Phase.IDLE

    assert tablet.templates.has("cqtt-xa", 2, ref["content_hash"])
    visit_id = planned.json()["inspection_id"]
    record = tablet.store.get(visit_id)
    assert tablet.store.template_of(record).title == "Bộ tiêu chí năm 2027"
    score(tablet, visit_id, "A1")
    summary = next(s for s in tablet.store.list_summaries() if s.id == visit_id)
    assert summary.score is not None
    assert tablet.worker.run_once().phase is Phase.IDLE
    assert tablet.store.pending() == []
