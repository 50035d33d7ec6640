"""Full jitter: a uniform draw under an exponential ceiling, capped, Retry-After as a floor."""

from __future__ import annotations

import pytest

from sync.client.backoff import Backoff


@pytest.mark.parametrize(
    "failures,draw,retry_after,expected",
    [
        (1, 0.5, None, 1.0),
        (2, 0.5, None, 2.0),
        (3, 0.5, None, 4.0),
        (4, 0.0, None, 0.0),  # full jitter may retry at once
        (10, 0.5, None, 150.0),  # 2 x 2^9 = 1024, capped at 300
        (10_000, 0.999, None, 299.7),  # no overflow however long the outage
        (1, 0.1, 30.0, 30.0),  # the server's Retry-After is a floor
        (1, 0.1, 10_000.0, 300.0),  # but never past the cap
    ],
)
def test_the_delay_is_a_uniform_draw_under_a_capped_exponential_ceiling(
    failures: int, draw: float, retry_after: float | None, expected: float
) -> None:
    backoff = Backoff(base=2.0, cap=300.0, draw=lambda: draw)
    assert backoff.delay(failures, retry_after) == pytest.approx(expected)
