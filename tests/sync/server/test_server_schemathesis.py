"""A bounded schemathesis run over every operation of the central endpoint's OpenAPI.

Each operation gets a bounded number of generated requests (valid ones and ones that break the
schema), sent with an admin's device token (every operation is open to it) and with an
inspector's. No answer may be a 5xx, and an answer whose status the document declares must
match its schema. SQLite only: what is looked for is not the database's (the rest of the
suite runs both backends).

(Not `schemathesis.pytest.from_fixture`: its lazy loader sets `Function._nodeid`, which pytest
9.2 no longer has; the operations are walked here with their Hypothesis strategies instead.)
"""

from __future__ import annotations

import os
from typing import Any

import pytest
import schemathesis
from fastapi import FastAPI
from fastapi.responses import JSONResponse
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from schemathesis import APIOperation, Case, GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.core.result import Ok
from schemathesis.specs.openapi.checks import response_schema_conformance

from tests.sync.server.central import Team

EXAMPLES_PER_OPERATION = int(os.environ.get("INSPECT_SCHEMATHESIS_EXAMPLES", "20"))
"""Bounded for CI (~30 s here); set the variable higher to hunt longer."""
CHECKS = [not_a_server_error, response_schema_conformance]
Headers = dict[str, str]
Operation = APIOperation[Any, Any, Any, Any]


@pytest.fixture
def database_url() -> None:
    return None


def operations(app: FastAPI) -> list[Operation]:
    schema = schemathesis.openapi.from_asgi("/openapi.json", app)
    found = []
    for result in schema.get_all_operations():
        assert isinstance(result, Ok), f"the OpenAPI document is invalid: {result}"
        found.append(result.ok())
    return found


def run_operation(
    operation: Operation, who: list[Headers], known: dict[str, str] | None = None
) -> str | None:
    """The first failure of a bounded run on one operation, or None. `known` path parameters
    (a real inspection id, a real template) also reach past the 404s of made-up ids."""
    strategies = [
        operation.as_strategy(GenerationMode.POSITIVE),
        operation.as_strategy(GenerationMode.NEGATIVE),
    ]
    names = {parameter.name for parameter in operation.path_parameters} if known else set()
    if names and names <= set(known or {}):
        real = {name: (known or {})[name] for name in names}
        for mode in GenerationMode:
            strategies.append(operation.as_strategy(mode, path_parameters=real))
    cases = st.one_of(strategies)

    @given(case=cases, token=st.sampled_from(who))
    @settings(
        max_examples=EXAMPLES_PER_OPERATION,
        deadline=None,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    def run(case: Case[Operation], token: Headers) -> None:
        case.call_and_validate(headers=token, checks=CHECKS)

    try:
        run()
    except BaseExceptionGroup as found:  # schemathesis's FailureGroup: the checks that failed
        return f"{found} ({', '.join(str(e) for e in found.exceptions)})"
    except Exception as exc:  # noqa: BLE001 - the server raised: reported with its operation
        return f"{type(exc).__name__}: {exc}"
    return None


def known(team: Team) -> dict[str, str]:
    return {"inspection_id": team.inspection_id, "template_id": "cqtt-xa", "version": "1"}


def test_every_operation_is_listed(app: FastAPI) -> None:
    found = {(op.method.upper(), op.path) for op in operations(app)}

    assert ("PUT", "/api/v1/photos/{sha256}/upload") in found
    assert len(found) >= 16


def test_no_generated_request_answers_5xx_or_off_its_schema(app: FastAPI, team: Team) -> None:
    failures = {
        f"{op.method.upper()} {op.path}": failure
        for op in operations(app)
        if (failure := run_operation(op, [team.admin, team.member_1], known(team))) is not None
    }

    assert failures == {}


def test_the_run_finds_a_5xx_when_there_is_one() -> None:
    """Negative control: an operation that answers 500 to any valid request is reported (one
    failing on a third of the numbers was missed in a full run: half the bounded examples are
    schema-breaking, and the rest may all miss a multiple of three)."""
    broken = FastAPI()

    @broken.get("/api/v1/thirds/{number}")
    def thirds(number: int) -> JSONResponse:
        return JSONResponse({"number": number}, status_code=500)

    [operation] = operations(broken)

    failure = run_operation(operation, [{"Authorization": "Bearer any"}])

    assert failure is not None and "Server error" in failure


def test_the_openapi_documents_the_refusals_real_shape(client: TestClient) -> None:
    document = client.get("/openapi.json").json()
    push = document["paths"]["/api/v1/inspections/{inspection_id}"]["put"]["responses"]

    assert push["422"]["content"]["application/json"]["schema"] == {
        "$ref": "#/components/schemas/ErrorAnswer"
    }
    assert "HTTPValidationError" not in document["components"]["schemas"]
    assert set(document["components"]["schemas"]["ErrorAnswer"]["properties"]) == {
        "detail",
        "refusals",
    }
