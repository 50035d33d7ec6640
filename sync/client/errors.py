"""Errors of the sync client; each subclass says what the worker (and the person) should do.

Every `requests` exception and every unexpected answer is translated into one of these where it
crosses into the client (`sync.client.transport`, `sync.client.api`), with its words in
Vietnamese and English:

    SyncError
      + Unavailable        our server did not answer (network, timeout, 5xx, 429): retry later
        + NotOurServer     something else answered (a captive portal's 200, a redirect, HTML)
      + SignInRequired     401 (or 403 outside a record): pause, ask the person to sign in again
      + RefusedByServer    the server refused this content (422, a record's 403, 413): show
                           its words, keep the record, do not send it again until it changes
      + OutOfStep          409: the server is elsewhere (an upload's offset): read its state
      + ReceiptMismatch    the receipt does not cover what was sent: nothing is delivered
"""

from __future__ import annotations

from collections.abc import Sequence

from sync.protocol import RefusalPublic

__all__ = [
    "SyncError",
    "Unavailable",
    "NotOurServer",
    "SignInRequired",
    "RefusedByServer",
    "OutOfStep",
    "ReceiptMismatch",
]


class SyncError(Exception):
    """Base class of every error the sync client raises; `vi` and `en` are for the person."""

    def __init__(self, vi: str, en: str) -> None:
        self.vi = vi
        self.en = en
        super().__init__(en)

    def message(self, lang: str = "vi") -> str:
        """The words for the person, in Vietnamese (default) or English."""
        return self.en if lang == "en" else self.vi


class Unavailable(SyncError):
    """No usable answer from our server; retry later (after `retry_after` s when it said so)."""

    def __init__(self, vi: str, en: str, retry_after: float | None = None) -> None:
        self.retry_after = retry_after
        super().__init__(vi, en)


class NotOurServer(Unavailable):
    """Something that is not the central endpoint answered: a Wi-Fi login page, a proxy."""


class SignInRequired(SyncError):
    """The device's token is missing, wrong or revoked: nothing is sent until a new sign-in."""


class RefusedByServer(SyncError):
    """The server refused this content; `refusals` names each field path and why."""

    def __init__(
        self, vi: str, en: str, status: int, refusals: Sequence[RefusalPublic] = ()
    ) -> None:
        self.status = status
        self.refusals = tuple(refusals)
        super().__init__(vi, en)


class OutOfStep(SyncError):
    """The request does not fit the server's state (409); read the state again."""


class ReceiptMismatch(SyncError):
    """The server's receipt does not confirm what was sent; the record stays pending."""
