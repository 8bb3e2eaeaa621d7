"""The write side of the Word report's document particulars (issue 11 §12; read by
dashboard.kpi.document_settings): name/value rows "document.<field>" of the `setting` table, created here when
an older file has none (the same table the unit register keeps its settings in)."""

from __future__ import annotations

from collections.abc import Mapping

from dashboard.kpi.document_settings import FIELDS, PREFIX
from dashboard.store.database import Database
from dashboard.text import nfc

SETTING_DDL = "CREATE TABLE IF NOT EXISTS setting (name VARCHAR NOT NULL, value VARCHAR)"
MAX_LENGTH = 500  # a heading line, or the whole list of recipients


def set_document_heading(db: Database, values: Mapping[str, str | None]) -> None:
    """Store the given fields (others unchanged); an empty value clears a field (it is derived again)."""
    unknown = sorted(set(values) - set(FIELDS))
    if unknown:
        raise ValueError(f"Không có mục văn bản {', '.join(unknown)}")
    rows = []
    for name, value in values.items():
        if value is not None and not isinstance(value, str):
            raise ValueError(f"{name} phải là văn bản, không phải {value!r}")
        # Checked on what was typed: nfc() would silently drop a control character.
        if any(ord(ch) < 32 and ch not in "\r\n" for ch in value or ""):
            raise ValueError(f"{name} có ký tự điều khiển")
        text = "\n".join(nfc(line) for line in (value or "").splitlines()).strip()
        if len(text) > MAX_LENGTH:
            raise ValueError(f"{name} dài quá {MAX_LENGTH} ký tự")
        rows.append((PREFIX + name, text))
    with db.write() as conn:
        conn.execute(SETTING_DDL)
        for name, text in rows:
            conn.execute("DELETE FROM setting WHERE name = ?", [name])
            if text:
                conn.execute("INSERT INTO setting VALUES (?, ?)", [name, text])
