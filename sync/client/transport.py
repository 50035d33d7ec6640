"""HTTP to the central endpoint: one `requests.Session`, a timeout on every call, the device
token, gzip request bodies, and every failure translated into `sync.client.errors`.

Redirects are never followed: our server does not redirect, a captive portal does. A status
the server answers is mapped here; whether a 2xx body is really ours is `sync.client.api`'s
check (it parses every answer into a `sync.protocol` model).
"""

from __future__ import annotations

import gzip
import json
from collections.abc import Callable, Mapping
from typing import Any

import requests

from sync.client.errors import NotOurServer, OutOfStep, RefusedByServer, SignInRequired, Unavailable
from sync.protocol import RefusalPublic

__all__ = ["Transport", "Timeout"]

Timeout = tuple[float, float]
"""(connect, read) seconds: `requests` has no default, so a stalled link would hang for ever."""


class Transport:
    """Calls the central endpoint at `base_url`; `token()` gives the device token (or None)."""

    timeout: Timeout = (5.0, 30.0)
    user_agent = "inspect-tablet/1"

    def __init__(
        self,
        base_url: str,
        token: Callable[[], str | None] = lambda: None,
        *,
        session: requests.Session | None = None,
        timeout: Timeout | None = None,
    ) -> None:
        self.base_url = base_url.rstrip("/")
        self._token = token
        self._session = session or requests.Session()
        if timeout is not None:
            self.timeout = timeout

    def close(self) -> None:
        """Close the pooled connections."""
        self._session.close()

    def request(
        self,
        method: str,
        path: str,
        *,
        params: Mapping[str, str | int] | None = None,
        body: bytes | None = None,
        content_type: str = "application/json",
        compress: bool = False,
        headers: Mapping[str, str] | None = None,
    ) -> requests.Response:
        """One call; the response when its status is 2xx or 304, else the mapped SyncError.

        With `compress`, the body goes gzip-encoded (`Content-Encoding: gzip`).
        """
        sent = dict(headers or {})
        sent.setdefault("Accept", "application/json")
        sent["User-Agent"] = self.user_agent
        token = self._token()
        if token:
            sent["Authorization"] = f"Bearer {token}"
        if body is not None:
            sent["Content-Type"] = content_type
            if compress:
                body = gzip.compress(body, compresslevel=6)
                sent["Content-Encoding"] = "gzip"
        try:
            response = self._session.request(
                method,
                self.base_url + path,
                params=params,
                data=body,
                headers=sent,
                timeout=self.timeout,
                allow_redirects=False,
            )
        except requests.Timeout as exc:
            raise Unavailable(
                "Máy chủ không trả lời kịp (hết thời gian chờ).", "The server timed out."
            ) from exc
        except requests.RequestException as exc:
            raise Unavailable(
                "Không kết nối được máy chủ (mất mạng hoặc máy chủ đang tắt).",
                "Cannot reach the server (no network, or the server is down).",
            ) from exc
        if 200 <= response.status_code < 300 or response.status_code == 304:
            return response
        raise _status_error(response)


def _status_error(response: requests.Response) -> Exception:
    status = response.status_code
    detail, refusals = _detail(response)
    if 300 <= status < 400:
        return NotOurServer(
            "Mạng chuyển hướng sang trang khác (có thể cần đăng nhập Wi-Fi).",
            "The network redirected us elsewhere (a Wi-Fi login page?).",
        )
    if status == 401:
        return SignInRequired(
            "Phiên đăng nhập của máy đã hết hoặc bị thu hồi: hãy đăng nhập lại.",
            "This device's sign-in expired or was revoked: please sign in again.",
        )
    if status == 409:
        return OutOfStep(f"Máy chủ: {detail}", f"Server: {detail}")
    if status in (408, 429) or status >= 500:
        return Unavailable(
            f"Máy chủ tạm thời không xử lý được ({status}); sẽ thử lại.",
            f"The server is temporarily unavailable ({status}); will retry.",
            _retry_after(response),
        )
    words = "; ".join(r.message or r.code for r in refusals[:5]) or detail
    return RefusedByServer(
        f"Máy chủ từ chối ({status}): {words}",
        f"The server refused this ({status}): {words}",
        status,
        refusals,
    )


def _detail(response: requests.Response) -> tuple[str, tuple[RefusalPublic, ...]]:
    """The server's `detail` and `refusals`, when the body is ours (JSON); else the status."""
    try:
        data: Any = json.loads(response.content)
    except ValueError:
        return f"HTTP {response.status_code}", ()
    if not isinstance(data, dict):
        return f"HTTP {response.status_code}", ()
    detail = str(data.get("detail", f"HTTP {response.status_code}"))[:500]
    refusals = []
    for item in data.get("refusals", [])[:50] if isinstance(data.get("refusals"), list) else []:
        try:
            refusals.append(RefusalPublic.model_validate(item))
        except ValueError:
            continue
    return detail, tuple(refusals)


def _retry_after(response: requests.Response) -> float | None:
    value = response.headers.get("Retry-After", "")
    try:
        return max(0.0, min(float(value), 3600.0))
    except ValueError:
        return None
