"""Bounded fuzzing: no body a client can send makes the server answer 5xx or change a record."""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import quote

from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.sync.server.central import Team
from tests.sync.server.conftest import SQLITE_ONLY

JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=12,
)
FUZZ = settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


def paths(node: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every path into a JSON value (dict keys and list indexes)."""
    found = [prefix]
    if isinstance(node, dict):
        for key, value in node.items():
            found += paths(value, (*prefix, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            found += paths(value, (*prefix, index))
    return found


def replaced(node: Any, path: tuple[Any, ...], value: Any) -> Any:
    if not path:
        return value
    copy = dict(node) if isinstance(node, dict) else list(node)
    inner = value if len(path) == 1 else replaced(node[path[0]], path[1:], value)
    copy[path[0]] = inner  # type: ignore[call-overload, index]
    return copy


@SQLITE_ONLY
@FUZZ
@given(data=st.data())
def test_no_mangled_record_yields_5xx_or_changes_what_is_held(
    client: TestClient, team: Team, data: st.DataObject
) -> None:
    url = f"/api/v1/inspections/{team.inspection_id}"
    held = client.get(url, headers=team.office).content
    record = json.loads(held)
    for _ in range(data.draw(st.integers(1, 3))):
        path = data.draw(st.sampled_from(paths(record)))
        record = replaced(record, path, data.draw(JSON))
    if isinstance(record, dict) and data.draw(st.booleans()):
        record = replaced(
            record, ("schema_version",), data.draw(st.sampled_from([1, 3, "2", None]))
        )

    response = client.put(url, headers=team.member_1, content=json.dumps(record))

    assert response.status_code < 500, response.text
    if response.status_code == 200:
        assert response.json()["changed"] is False or record != json.loads(held)
    else:
        assert client.get(url, headers=team.office).content == held


@SQLITE_ONLY
@FUZZ
@given(
    offset=st.integers(-5, 2**41),
    length=st.integers(-5, 2**41),
    body=st.binary(max_size=64),
    name=st.text(max_size=70),
)
def test_no_upload_request_yields_5xx(
    client: TestClient, team: Team, offset: int, length: int, body: bytes, name: str
) -> None:
    for target in (
        f"/api/v1/photos/{quote(name, safe='')}/upload",
        f"/api/v1/photos/{'a' * 64}/upload",
    ):
        response = client.put(
            target, params={"offset": offset, "length": length}, headers=team.member_1, content=body
        )
        assert response.status_code < 500, response.text


def test_the_openapi_document_builds(client: TestClient) -> None:
    document = client.get("/openapi.json").json()
    assert "/api/v1/inspections/{inspection_id}" in document["paths"]
