"""The reporting body's particulars for the Word report's administrative form (issue 11 §12; Nghị định
30/2020/NĐ-CP, Phụ lục I): who issues it ("UBND PHƯỜNG HẢI CHÂU"), the sign of its number ("Số: …/BC-UBND"),
the place in the date line, the recipients and the signature block. Set once on the Báo cáo page, stored as
name/value rows of the `setting` table (dashboard.store.document_settings writes them).

What is not set is derived from the report's scope when it is one unit ("Phường Hải Châu" → "UBND PHƯỜNG HẢI
CHÂU", place "Hải Châu", "TM. ỦY BAN NHÂN DÂN / CHỦ TỊCH"), else left as the dotted blank a form has for
filling in by hand. Pure except `stored_heading`, which reads the table.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, fields, replace

import duckdb

from dashboard.store import Database, DatabaseError, DatabaseMissing
from dashboard.text import nfc

PREFIX = "document."
BLANK = "……"  # what a form leaves for the hand to fill in
UBND = "UBND"
# Kind words in front of a unit's name (dashboard.units.names knows them too; the heading needs only these).
_KINDS = ("THỊ TRẤN", "ĐẶC KHU", "PHƯỜNG", "THỊ XÃ", "THÀNH PHỐ", "QUẬN", "HUYỆN", "TỈNH", "XÃ")
_UBND_PREFIX = re.compile(r"^(UBND|ỦY BAN NHÂN DÂN|UỶ BAN NHÂN DÂN)\s+", re.IGNORECASE)
DEFAULT_RECIPIENTS = ("Cơ quan cấp trên (để báo cáo);", "Lưu: VT.")


@dataclass(frozen=True)
class DocumentHeading:
    """The document's particulars; an empty field means "derive it" (resolve)."""

    superior: str = ""  # cơ quan chủ quản trực tiếp, if any ("UBND THÀNH PHỐ ĐÀ NẴNG")
    issuer: str = ""  # cơ quan ban hành ("UBND PHƯỜNG HẢI CHÂU")
    code: str = ""  # its sign in the number: "Số: …/BC-UBND"
    place: str = ""  # địa danh of the date line ("Hải Châu")
    recipients: str = ""  # Nơi nhận, one per line
    signer_authority: str = ""  # "TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH"
    signer_title: str = ""  # "CHỦ TỊCH", "PHÓ CHỦ TỊCH"
    signer_name: str = ""

    def recipient_lines(self) -> list[str]:
        lines = [line.strip().lstrip("-–").strip() for line in self.recipients.splitlines()]
        return [line for line in lines if line]


FIELDS = tuple(field.name for field in fields(DocumentHeading))


def stored_heading(db: Database) -> DocumentHeading:
    """What the user set (empty fields for what was not); an older file without the table reads as nothing set."""
    try:
        with db.read() as cur:
            rows = cur.execute(
                "SELECT name, value FROM setting WHERE starts_with(name, ?)", [PREFIX]
            ).fetchall()
    except (duckdb.CatalogException, DatabaseMissing, DatabaseError):
        return DocumentHeading()
    values = {name.removeprefix(PREFIX): value or "" for name, value in rows}
    return DocumentHeading(**{name: values.get(name, "") for name in FIELDS})


def resolve(heading: DocumentHeading, scope: str) -> DocumentHeading:
    """Every field filled: the stored value, else what the scope gives, else the form's blank."""
    single = scope and "," not in scope
    issuer = nfc(heading.issuer) or (f"{UBND} {nfc(scope).upper()}" if single else "")
    is_ubnd = bool(_UBND_PREFIX.match(issuer))
    place = nfc(heading.place) or _place_of(issuer)
    return replace(
        heading,
        superior=nfc(heading.superior),
        issuer=issuer or BLANK,
        code=nfc(heading.code).upper() or (UBND if is_ubnd else BLANK),
        place=place or BLANK,
        recipients=heading.recipients.strip() or "\n".join(DEFAULT_RECIPIENTS),
        signer_authority=nfc(heading.signer_authority) or ("TM. ỦY BAN NHÂN DÂN" if is_ubnd else ""),
        signer_title=nfc(heading.signer_title) or ("CHỦ TỊCH" if is_ubnd else "THỦ TRƯỞNG CƠ QUAN"),
        signer_name=nfc(heading.signer_name),
    )


def _place_of(issuer: str) -> str:
    """ "UBND PHƯỜNG HẢI CHÂU" → "Hải Châu": the name without the body and the kind word, as ND30 writes the
    place of a commune's documents; "" for a body that is not a people's committee."""
    if not _UBND_PREFIX.match(issuer):
        return ""
    name = _UBND_PREFIX.sub("", issuer).strip().upper()
    for kind in _KINDS:
        if name.startswith(kind + " "):
            name = name[len(kind) :].strip()
            break
    return name.title()
