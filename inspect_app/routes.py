"""Every screen's address: the one place that spells a route, for links and for the router.

Routes nest, so the view stack (and the back arrow, the Android back button and the browser's
back) follows the address: a criterion sits on its section, which sits on its visit, on the list.
"""

from __future__ import annotations

from urllib.parse import quote

__all__ = [
    "CONCLUSION",
    "CRITERION",
    "DOCUMENTS",
    "NEW_VISIT",
    "PHOTOS",
    "REVIEW",
    "SECTION",
    "SETTINGS",
    "SYNC",
    "VISIT",
    "WHO",
    "conclusion_path",
    "criterion_path",
    "documents_path",
    "photos_path",
    "review_path",
    "section_path",
    "visit_path",
    "who_path",
]

# Path segments under their parent route (Flet's Router syntax).
NEW_VISIT = "new"
SETTINGS = "settings"
SYNC = "sync"
VISIT = "visit/:vid"
WHO = "who"
SECTION = "section/:sid"
CRITERION = "criterion/:cid"
PHOTOS = "photos"
REVIEW = "review"
CONCLUSION = "conclusion"
DOCUMENTS = "documents"


def _seg(value: str) -> str:
    return quote(value, safe="")


def visit_path(inspection_id: str) -> str:
    return f"/visit/{_seg(inspection_id)}"


def who_path(inspection_id: str) -> str:
    return f"{visit_path(inspection_id)}/who"


def section_path(inspection_id: str, section_id: str) -> str:
    return f"{visit_path(inspection_id)}/section/{_seg(section_id)}"


def criterion_path(inspection_id: str, section_id: str, criterion_id: str) -> str:
    return f"{section_path(inspection_id, section_id)}/criterion/{_seg(criterion_id)}"


def photos_path(inspection_id: str) -> str:
    return f"{visit_path(inspection_id)}/photos"


def review_path(inspection_id: str) -> str:
    return f"{visit_path(inspection_id)}/review"


def conclusion_path(inspection_id: str) -> str:
    return f"{visit_path(inspection_id)}/conclusion"


def documents_path(inspection_id: str) -> str:
    return f"{visit_path(inspection_id)}/documents"
