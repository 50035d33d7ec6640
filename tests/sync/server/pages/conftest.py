"""Fixtures for the office pages: browsers (TestClients with their own cookies) signed in.

`sign_in(app, username, password)` goes through the real sign-in form; the returned
`Browser` knows the CSRF token of its session (read from a page, as a browser would have it).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from tests.sync.server.central import Team

_TOKEN = re.compile(r'name="csrf_token" value="([^"]*)"')


def form_token(html: str) -> str:
    """The first CSRF token in a page's forms."""
    found = _TOKEN.search(html)
    assert found is not None, "no csrf_token field in the page"
    return found.group(1)


@dataclass
class Browser:
    """One browser: its cookies live in its TestClient; `csrf` is its session's token."""

    http: TestClient
    csrf: str = ""

    def post_form(self, url: str, data: dict[str, str], *, token: bool = True) -> object:
        fields = {**data, "csrf_token": self.csrf} if token else data
        return self.http.post(url, data=fields, follow_redirects=False)


def sign_in_browser(app: FastAPI, username: str, password: str) -> Browser:
    """A new browser signed in through the form (asserts it worked)."""
    http = TestClient(app)
    page = http.get("/office/login")
    assert page.status_code == 200
    answer = http.post(
        "/office/login",
        data={"username": username, "password": password, "csrf_token": form_token(page.text)},
        follow_redirects=False,
    )
    assert answer.status_code == 303, answer.text
    home = http.get(answer.headers["location"])
    return Browser(http, form_token(home.text))


@pytest.fixture
def browsers(app: FastAPI, team: Team) -> Iterator[Callable[[str], Browser]]:
    """`browsers("office")`: a browser signed in as one of the team's accounts."""
    opened: list[Browser] = []

    def open_as(username: str) -> Browser:
        browser = sign_in_browser(app, username, f"{username}-password")
        opened.append(browser)
        return browser

    yield open_as
    for browser in opened:
        browser.http.close()


@pytest.fixture
def office(browsers: Callable[[str], Browser]) -> Browser:
    """A browser signed in as the team's central office user."""
    return browsers("office")
