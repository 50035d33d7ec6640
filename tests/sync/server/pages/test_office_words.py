"""The office pages' words: both languages have the same keys and the same placeholders."""

from __future__ import annotations

import string

import pytest

from sync.server.pages.words import EN, VI, word


def placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_both_languages_have_the_same_keys() -> None:
    assert sorted(VI) == sorted(EN)


@pytest.mark.parametrize("key", sorted(VI))
def test_each_key_has_the_same_placeholders_in_both(key: str) -> None:
    assert placeholders(VI[key]) == placeholders(EN[key]), key


@pytest.mark.parametrize("key", sorted(VI))
def test_no_word_is_empty(key: str) -> None:
    assert VI[key].strip() and EN[key].strip()


def test_word_fills_placeholders_and_shows_an_unknown_key() -> None:
    assert word("vi", "nav.signed_in_as", name="Lan") == "Đăng nhập: Lan"
    assert word("en", "nav.signed_in_as", name="Lan") == "Signed in: Lan"
    assert word("fr", "nav.sign_out") == VI["nav.sign_out"]
    assert word("vi", "no.such.key") == "no.such.key"
