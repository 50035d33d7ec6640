"""Scored inspections for the office page tests, made the way tablets make them: the office plans
a visit through the API, the leader scores every criterion and pushes.

Values come from the bundled sample inspection (figures included), with the status criteria
varied by a seed, so units end up with different totals and ratings.
"""

from __future__ import annotations

import random
from datetime import date
from functools import cache

from checklists.record.editing import assess, set_self_score, write_conclusion
from checklists.record.model import ConclusionPart, Inspection, Value
from checklists.record.sample import build_sample_inspection
from checklists.template.model import Status
from tests.sync.server.central import Team

STATUSES = (Status.DAT, Status.DAT_MOT_PHAN, Status.KHONG_DAT)


@cache
def sample_values() -> dict[str, Value]:
    """Each criterion's value in the sample (the decision where there is one)."""
    sample = build_sample_inspection()
    values: dict[str, Value] = {}
    for criterion_id, by_author in sample.assessments.items():
        decision = sample.decision(criterion_id)
        first = min(by_author.values(), key=lambda a: a.author_id)
        values[criterion_id] = (decision if decision is not None else first).value_only()
    return values


def plan(team: Team, unit: str, day: date, body: str = "Ban Dân vận Tỉnh ủy") -> str:
    """A visit planned by the office for the team's delegation; its id."""
    answer = team.api.http.post(
        "/api/v1/visits",
        headers=team.office,
        json={
            "template_id": "cqtt-xa",
            "template_version": 1,
            "unit_name": unit,
            "inspection_date": day.isoformat(),
            "lead_body": body,
            "leader_id": team.ids["leader"],
            "members": [
                {"user_id": team.ids["leader"], "role": "truong_doan"},
                {"user_id": team.ids["member_1"]},
            ],
        },
    )
    assert answer.status_code == 201, answer.text
    inspection_id: str = answer.json()["inspection_id"]
    return inspection_id


def score(team: Team, inspection_id: str, seed: int, *, conclusion: str = "") -> Inspection:
    """The leader scores every criterion (status ones varied by `seed`), enters the unit's
    self-scores and pushes; the record as pushed."""
    rng = random.Random(seed)
    leader = team.ids["leader"]
    record = team.api.pull(team.leader, inspection_id)
    for criterion_id, value in sample_values().items():
        if value.status is not None:
            value = value.model_copy(update={"status": rng.choice(STATUSES)})
        record = assess(record, author_id=leader, criterion_id=criterion_id, value=value)
        record = set_self_score(
            record, author_id=leader, criterion_id=criterion_id, points=float(rng.randint(2, 4))
        )
    if conclusion:
        record = write_conclusion(
            record, author_id=leader, part=ConclusionPart.ACKNOWLEDGEMENTS, text=conclusion
        )
    answer = team.api.push(team.leader, record)
    assert answer.status_code == 200, answer.text
    return record


UNITS = (
    ("Phường Vĩnh Trại", date(2023, 11, 24), "Ban Dân vận Tỉnh ủy"),
    ("Xã Hoàng Đồng", date(2024, 5, 10), "Sở Nội vụ"),
    ("Phường Đông Kinh", date(2024, 9, 3), "Ban Dân vận Tỉnh ủy"),
    ("Phường Vĩnh Trại", date(2025, 4, 2), "Sở Nội vụ"),
)


def scored_set(team: Team) -> dict[str, Inspection]:
    """Four scored inspections of three units over three years (id -> record pushed)."""
    return {
        (inspection_id := plan(team, unit, day, body)): score(team, inspection_id, seed)
        for seed, (unit, day, body) in enumerate(UNITS)
    }
