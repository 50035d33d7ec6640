"""The PostgreSQL the server suite runs on: never a silent skip under CI."""

from __future__ import annotations

import pytest

from tests.sync.server.conftest import _no_postgres


@pytest.mark.parametrize("ci", ["true", "1"])
def test_a_missing_postgres_fails_the_run_under_ci(
    monkeypatch: pytest.MonkeyPatch, ci: str
) -> None:
    monkeypatch.setenv("CI", ci)

    with pytest.raises(pytest.fail.Exception, match="CI needs PostgreSQL.*port 1 refused"):
        _no_postgres("port 1 refused")


def test_a_missing_postgres_skips_on_a_developers_machine(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CI", raising=False)

    with pytest.raises(pytest.skip.Exception, match="port 1 refused"):
        _no_postgres("port 1 refused")
