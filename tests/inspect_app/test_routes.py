"""Every address the app builds leads to the screen meant, through the router's own matching."""

from __future__ import annotations

import pytest
from flet.components.router import _match_routes

from checklists.template.catalog import bundled_templates
from inspect_app import routes
from inspect_app.app import ROUTES
from inspect_app.views.criterion import CriterionScreen
from inspect_app.views.inspection_list import ListScreen
from inspect_app.views.section import SectionScreen
from inspect_app.views.team_review import TeamReviewScreen
from inspect_app.views.visit import VisitScreen
from inspect_app.views.who_am_i import WhoAmIScreen

VID = "0b9c2d3e-1f2a-4b5c-8d6e-7f8091a2b3c4"


@pytest.mark.parametrize(
    "path,screens,params",
    [
        ("/", [ListScreen], {}),
        (routes.visit_path(VID), [ListScreen, VisitScreen], {"vid": VID}),
        (routes.who_path(VID), [ListScreen, VisitScreen, WhoAmIScreen], {"vid": VID}),
        (routes.review_path(VID), [ListScreen, VisitScreen, TeamReviewScreen], {"vid": VID}),
        (
            routes.criterion_path(VID, "A", "A.3"),
            [ListScreen, VisitScreen, SectionScreen, CriterionScreen],
            {"vid": VID, "sid": "A", "cid": "A.3"},
        ),
    ],
)
def test_each_address_stacks_its_screens(
    path: str, screens: list[object], params: dict[str, str]
) -> None:
    chain = _match_routes(ROUTES, path)
    assert chain is not None
    assert [m.route.component for m in chain] == screens
    found: dict[str, str] = {}
    for m in chain:
        found.update(m.params)
    assert found == params


def test_every_criterion_of_the_bundled_templates_round_trips() -> None:
    # Template ids are URL-safe by their pattern: the router hands back exactly the ids used.
    for template in bundled_templates():
        for section in template.sections:
            for criterion in section.criteria:
                path = routes.criterion_path(VID, section.id, criterion.id)
                chain = _match_routes(ROUTES, path)
                assert chain is not None, path
                assert chain[-1].params == {"vid": VID, "sid": section.id, "cid": criterion.id}


def test_an_unknown_address_matches_nothing() -> None:
    assert _match_routes(ROUTES, "/nowhere/at/all") is None
