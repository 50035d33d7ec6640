"""The UI's words, one module per screen (or group of screens), merged by `inspect_app.i18n`.

Each module holds one `<NAME>_WORDS = {"vi": {...}, "en": {...}}`: the same keys in both
languages, the same placeholders (tested). A new screen adds its module to `TABLES`.
"""

from __future__ import annotations

from inspect_app.words.base import LIST_WORDS
from inspect_app.words.common import COMMON_WORDS
from inspect_app.words.conclusion import CONCLUSION_WORDS
from inspect_app.words.criterion import CRITERION_WORDS
from inspect_app.words.documents import DOCUMENTS_WORDS
from inspect_app.words.new_visit import NEW_VISIT_WORDS
from inspect_app.words.photos import PHOTOS_WORDS
from inspect_app.words.review import REVIEW_WORDS
from inspect_app.words.section import SECTION_WORDS
from inspect_app.words.settings import SETTINGS_WORDS
from inspect_app.words.sync import SYNC_WORDS
from inspect_app.words.visit import VISIT_WORDS
from inspect_app.words.who import WHO_WORDS

__all__ = ["TABLES"]

TABLES: tuple[dict[str, dict[str, str]], ...] = (
    LIST_WORDS,
    COMMON_WORDS,
    WHO_WORDS,
    VISIT_WORDS,
    SECTION_WORDS,
    REVIEW_WORDS,
    CONCLUSION_WORDS,
    DOCUMENTS_WORDS,
    CRITERION_WORDS,
    PHOTOS_WORDS,
    NEW_VISIT_WORDS,
    SETTINGS_WORDS,
    SYNC_WORDS,
)
