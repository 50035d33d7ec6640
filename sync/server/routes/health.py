"""`GET /api/health`: the cheap call that tells a tablet it reached us, not a captive portal."""

from __future__ import annotations

from fastapi import APIRouter

from sync.protocol import Health

__all__ = ["health_routes", "health"]

health_routes = APIRouter(tags=["health"])


@health_routes.get("/api/health")
@health_routes.head("/api/health", include_in_schema=False)
def health() -> Health:
    """Our service name and protocol version (a portal's 200 has neither)."""
    return Health()
