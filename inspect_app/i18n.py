"""The UI string table: Vietnamese first, English available, looked up by key with `t`."""

from __future__ import annotations

from inspect_app.words import TABLES

__all__ = ["DEFAULT_LANGUAGE", "STRINGS", "merged_tables", "t"]

DEFAULT_LANGUAGE = "vi"


def merged_tables() -> dict[str, dict[str, str]]:
    """Every screen's words in one table per language; a key defined twice is a bug."""
    merged: dict[str, dict[str, str]] = {"vi": {}, "en": {}}
    for words in TABLES:
        for lang in ("vi", "en"):
            clash = merged[lang].keys() & words[lang].keys()
            if clash:
                raise RuntimeError(f"UI words defined twice: {sorted(clash)}")
            merged[lang].update(words[lang])
    return merged


STRINGS: dict[str, dict[str, str]] = merged_tables()


def t(key: str, lang: str = DEFAULT_LANGUAGE, **values: object) -> str:
    """Return the string for `key` in `lang` (Vietnamese if missing), filled with `values`."""
    table = STRINGS.get(lang, STRINGS[DEFAULT_LANGUAGE])
    text = table.get(key)
    if text is None:
        text = STRINGS[DEFAULT_LANGUAGE][key]  # an unknown key is a bug: KeyError
    return text.format(**values) if values else text
