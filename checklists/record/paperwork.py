"""The Documents form: what the official documents need beyond the scores, with its defaults.

The leader fills it (`set_document_details`, the leader only, through the one edit path); until
then, and as the form's starting values, `default_details` derives what it can from the header,
the delegation and the template: the layout (a Party body such as "Ban Dân vận Tỉnh ủy" uses
HD 36-HD/VPTW, any other Decree 30/2020), the two header lines, the symbol, the place name of
the date line, the legal basis, the signer and a distribution list.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from datetime import datetime
from typing import Any

from checklists.record.commit import begin, plain_fields, put
from checklists.record.model import DocumentDetails, Inspection, Layout
from checklists.template.model import Template

__all__ = [
    "default_details",
    "document_details",
    "set_document_details",
    "body_symbol",
    "issuer_name",
]

_PARTY_COMMITTEES = ("Tỉnh ủy", "Thành ủy", "Huyện ủy", "Quận ủy", "Thị ủy", "Đảng ủy")
_PROVINCE = re.compile(r"^(?P<body>Sở .+?) (?P<level>tỉnh|thành phố) (?P<place>.+)$")


def _nfc(text: str) -> str:
    # "uỷ" and "ủy" are both in use; compare in one spelling.
    return unicodedata.normalize("NFC", text).replace("uỷ", "ủy").replace("Uỷ", "Ủy")


def _split_body(lead_body: str) -> tuple[str, str, str, Layout]:
    """(superior, issuing body, place name, layout) read from a lead body's name."""
    body = _nfc(lead_body.strip())
    for committee in _PARTY_COMMITTEES:
        at = body.find(committee)
        if at > 0:
            superior = body[at:]
            place = superior[len(committee) :].strip()
            return superior, body[:at].strip(), place, Layout.PARTY
        if at == 0:
            return "", body, body[len(committee) :].strip(), Layout.PARTY
    match = _PROVINCE.match(body)
    if match:
        superior = f"Ủy ban nhân dân {match['level']} {match['place']}"
        return superior, match["body"], match["place"], Layout.STATE
    return "", body, "", Layout.STATE


def body_symbol(issuing_body: str, superior_body: str = "") -> str:
    """The body's abbreviation used after the type code: "Ban Dân vận" under "Tỉnh ủy Lạng Sơn"
    gives "BDVTU"; "Sở Nội vụ" gives "SNV" (initials without tone marks; Đ kept)."""
    words = _nfc(issuing_body).split()
    for committee in _PARTY_COMMITTEES:
        if _nfc(superior_body).startswith(committee):
            words += committee.split()
    letters = []
    for word in words:
        first = word[0].upper()
        if first != "Đ":
            first = unicodedata.normalize("NFD", first)[0]
        if first.isalpha():
            letters.append(first)
    return "".join(letters)


def issuer_name(details: DocumentDetails) -> str:
    """The issuing body as a sentence names it: a Party body with its committee ("Ban Dân vận
    Tỉnh ủy"), any other as written ("Sở Nội vụ")."""
    superior = _nfc(details.superior_body)
    for committee in _PARTY_COMMITTEES:
        if superior.startswith(committee) and committee not in _nfc(details.issuing_body):
            return f"{details.issuing_body} {committee}"
    return details.issuing_body


def default_details(record: Inspection, template: Template) -> DocumentDetails:
    """The Documents form as the header, the delegation and the template suggest it."""
    header = record.header
    superior, issuing, place, layout = _split_body(header.lead_body or template.issued_by)
    leader = record.members.get(record.leadership_state().leader_id)
    unit = header.unit_name
    if header.unit_parent:
        unit = f"{unit}, {_mid_sentence(header.unit_parent)}"
    distribution = [x for x in (unit, "Thành viên Đoàn kiểm tra", "Lưu: VT") if x]
    party = layout is Layout.PARTY
    committee = any(superior.startswith(c) for c in _PARTY_COMMITTEES)
    return DocumentDetails(
        author_id=record.leader_id,
        counter=1,
        layout=layout,
        superior_body=superior,
        issuing_body=issuing,
        symbol=body_symbol(issuing, superior),
        place_name=place,
        legal_basis=(header.decision_ref,) if header.decision_ref else (),
        unit_organisation=header.unit_name,
        # A Party board reports to its committee's standing office (Thường trực Tỉnh ủy).
        addressee=f"Thường trực {superior}" if party and committee else superior,
        signer_name=leader.name if leader else "",
        # The leader signs for the delegation: "T/M ĐOÀN KIỂM TRA" / "TRƯỞNG ĐOÀN".
        signer_authority="T/M" if party else "TM.",
        signer_on_behalf="Đoàn kiểm tra",
        signer_position="Trưởng đoàn",
        distribution=tuple(distribution),
    )


_LEVELS = ("Tỉnh", "Thành phố", "Huyện", "Quận", "Thị xã", "Xã", "Phường", "Thị trấn")


def _mid_sentence(name: str) -> str:
    """ "Thành phố Lạng Sơn" as it reads after a comma: "thành phố Lạng Sơn" (a level word is
    written in small letters except at the start of a line)."""
    for level in _LEVELS:
        if name.startswith(level + " "):
            return level.lower() + name[len(level) :]
    return name


def document_details(record: Inspection, template: Template) -> DocumentDetails:
    """What the documents use: the leader's saved form, or the defaults until there is one."""
    if record.documents is not None and not record.documents.removed:
        return record.documents
    return default_details(record, template)


def set_document_details(
    inspection: Inspection,
    *,
    author_id: str,
    details: DocumentDetails | Mapping[str, Any],
    now: datetime | None = None,
) -> Inspection:
    """Save the whole Documents form; the leader (or an acting deputy) only."""
    counter = begin(inspection, author_id, leaders_only="what.documents")
    saved = DocumentDetails(**plain_fields(details), author_id=author_id, counter=counter)
    return put(inspection, "documents", saved, "log.documents", {}, now)
