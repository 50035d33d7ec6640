"""The UI words: both languages say the same things, with the same blanks to fill."""

from __future__ import annotations

import string

import pytest

from inspect_app.i18n import STRINGS
from inspect_app.words import TABLES


def placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def words_of(text: str) -> str:
    """The text without its blanks ("{name} · {role}" has no words of its own)."""
    return "".join(literal for literal, _, _, _ in string.Formatter().parse(text))


def test_every_table_has_both_languages_with_the_same_keys() -> None:
    for words in TABLES:
        assert set(words) == {"vi", "en"}
        assert words["vi"].keys() == words["en"].keys()


@pytest.mark.parametrize("key", sorted(STRINGS["vi"]))
def test_both_languages_fill_the_same_blanks(key: str) -> None:
    assert placeholders(STRINGS["vi"][key]) == placeholders(STRINGS["en"][key])


# The same in both on purpose: a language named in itself, a unit symbol.
SAME_ON_PURPOSE = {"settings.lang.vi", "settings.lang.en", "settings.photo.edge"}


def test_no_english_text_is_left_in_vietnamese() -> None:
    # An untranslated line is the English one copied over: none may be identical unless it
    # carries no words (a placeholder, a number) or is a proper name.
    same = [
        k
        for k in STRINGS["vi"]
        if STRINGS["vi"][k] == STRINGS["en"][k] and k not in SAME_ON_PURPOSE
    ]
    assert [k for k in same if any(c.isalpha() for c in words_of(STRINGS["vi"][k]))] == []


def test_the_merge_refuses_a_key_defined_twice(monkeypatch: pytest.MonkeyPatch) -> None:
    import inspect_app.i18n as i18n

    doubled = (*TABLES, {"vi": {"list.title": "x"}, "en": {"list.title": "x"}})
    monkeypatch.setattr(i18n, "TABLES", doubled)
    with pytest.raises(RuntimeError, match="list.title"):
        i18n.merged_tables()
