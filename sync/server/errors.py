"""Errors the server's crud raises; routes never see a database error, only these.

Each carries the HTTP status it maps to (`sync.server.app` turns every one into a JSON answer),
and says what the caller should do:

    ServerError
      + NotAuthenticated    401: no token, an unknown one or a revoked device's: enroll again
      + NotAllowed          403: this person may not do this here: nothing to retry
      + NotFound            404: no such thing (or one this person may not see)
      + WrongState            409: the state moved (wrong upload offset, photos missing): re-read it
      + TooLarge            413: send less
      + Refused             422: the content is wrong; `refusals` lists each field path and why
      + TooManyAttempts     429: too many failed sign-ins: wait `retry_after` seconds
"""

from __future__ import annotations

from collections.abc import Sequence

from sync.protocol import RefusalPublic

__all__ = [
    "ServerError",
    "NotAuthenticated",
    "NotAllowed",
    "NotFound",
    "WrongState",
    "TooLarge",
    "Refused",
    "TooManyAttempts",
]


class ServerError(Exception):
    """Base class of every error the central endpoint raises on purpose."""

    status = 500

    def __init__(self, detail: str = "") -> None:
        self.detail = detail or type(self).__name__
        super().__init__(self.detail)


class NotAuthenticated(ServerError):
    """No valid device token: enroll the device (again)."""

    status = 401


class NotAllowed(ServerError):
    """Authenticated, but this role or delegation may not do this."""

    status = 403


class NotFound(ServerError):
    """No such record, photo, user, device or template visible to this person."""

    status = 404


class WrongState(ServerError):
    """The request does not fit the current state (an upload offset, missing photos)."""

    status = 409


class TooLarge(ServerError):
    """The body, the photo or its pixel count is over the limit."""

    status = 413


class Refused(ServerError):
    """The content breaks a rule; each refusal names a field path and a reason."""

    status = 422

    def __init__(self, detail: str, refusals: Sequence[RefusalPublic] = ()) -> None:
        self.refusals = tuple(refusals)
        super().__init__(detail)


class TooManyAttempts(ServerError):
    """Too many failed sign-ins for a username or from an address: wait, then try again."""

    status = 429

    def __init__(self, detail: str, retry_after: int) -> None:
        self.retry_after = retry_after
        super().__init__(detail)
