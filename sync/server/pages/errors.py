"""Errors the office pages raise; `sync.server.pages.mount` answers each with a page.

PageError
  + NotSignedIn   303 to the sign-in page (with `next=`): sign in, then come back
  + PageForbidden    403: this account's role may not see the office pages: use another
  + FormRefused      403: the form's CSRF token is missing or wrong: reload the page, resend
  + PageNotFound     404: no such inspection, photo or page: go back to the list
  + BadQuery         400: a filter or form value is not valid: correct it (the page says which)
"""

from __future__ import annotations

__all__ = [
    "PageError",
    "NotSignedIn",
    "PageForbidden",
    "FormRefused",
    "PageNotFound",
    "BadQuery",
]


class PageError(Exception):
    """Base class of every error an office page raises on purpose.

    `key` names the message in `sync.server.pages.words`; `params` fill its placeholders.
    """

    status = 500
    key = "error.unexpected"

    def __init__(self, key: str = "", **params: object) -> None:
        self.key = key or type(self).key
        self.params = params
        self.viewer: object | None = None
        """The signed-in person the page is refused to, when known (the page offers sign-out)."""
        super().__init__(self.key)


class NotSignedIn(PageError):
    """No valid session (never signed in, signed out, or expired): sign in again."""

    status = 303
    key = "error.sign_in"


class PageForbidden(PageError):
    """Signed in, but the role may not see this page."""

    status = 403
    key = "error.role"


class FormRefused(PageError):
    """A POST without the session's CSRF token, or with a wrong one."""

    status = 403
    key = "error.csrf"


class PageNotFound(PageError):
    """No such thing to show."""

    status = 404
    key = "error.not_found"


class BadQuery(PageError):
    """A query or form value is not valid; `params` say which and why."""

    status = 400
    key = "error.bad_query"
