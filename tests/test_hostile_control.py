"""Issue 12 §4: control characters (a NUL after a CSV's first 64 KB, in an HTML page, an xlsx `_x0000_`
escape) never reach a stored name, and a Word report builds even from a database that holds one."""

from __future__ import annotations

from pathlib import Path

import pytest
from hostile_files import (
    SHEET_END,
    SHEET_START,
    cell_xml,
    column_letter,
    dossier,
    export_rows,
    row_xml,
    run_ingest,
    stored_texts,
    write_csv,
    write_xlsx,
)

from dashboard.ingest.cells import clean_cells, has_control_characters

UNIT = "UBND Phường Hải Châu"
PEAK_MB = 700


def _html(path: Path, rows) -> Path:
    body = "".join(
        "<tr>" + "".join(f"<td>{cell}</td>" for cell in row) + "</tr>" for row in export_rows(rows)
    )
    path.write_bytes(
        f'<html><head><meta charset="utf-8"></head><body><table>{body}</table></body></html>'.encode()
    )
    return path


def _xlsx_with_escape(path: Path) -> Path:
    """The unit of row 6 written with the OOXML escape for U+0000 inside the text, as some writers do."""

    def sheet():
        yield SHEET_START
        for number, row in enumerate(export_rows([dossier(1)]), start=1):
            yield row_xml(number, row)
        cells = dossier(2)
        yield '<row r="6">' + "".join(
            cell_xml(f"{column_letter(i)}6", v) for i, v in enumerate(cells) if i != 2
        )
        yield '<c r="C6" t="inlineStr"><is><t>UBND Phường_x0000_ Hải Châu_x001F_</t></is></c></row>'
        yield SHEET_END

    return write_xlsx(path, [], sheet=sheet())


@pytest.mark.parametrize("kind", ["csv", "html", "xlsx"])
def test_control_characters_never_reach_a_stored_name(tmp_path, kind) -> None:
    ordinary = [dossier(n) for n in range(1, 400)]  # more than 64 KB before the NUL
    hostile = dossier(400, unit="UBND Phường\x00 Hải Châu\x07", procedure="Thủ tục\x0b khai sinh\x1f")
    if kind == "csv":
        source = write_csv(tmp_path / "nul.csv", [*ordinary, hostile])
        assert source.read_bytes().index(b"\x00") > 64 * 1024
    elif kind == "html":
        html_row = dossier(400, unit="UBND Phường&#1; Hải Châu\x00")
        source = _html(tmp_path / "nul.html", [*ordinary, html_row])
    else:
        source = _xlsx_with_escape(tmp_path / "nul.xlsx")
    db = tmp_path / "cchc.duckdb"
    run = run_ingest([source], db)
    run.assert_no_traceback()
    assert run.exit_code == 0, run.stderr
    assert run.report["rows_rejected"] == 0
    assert run.peak_mb < PEAK_MB
    assert stored_texts(db, "unit") == [UNIT]
    for name in stored_texts(db, "procedure"):
        assert not any(ord(ch) < 32 for ch in name), repr(name)


def test_clean_cells_removes_every_control_character() -> None:
    import pyarrow as pa

    column = pa.array(["a\x00b", "\x7f", "c\u0085d", "e\ufffef", "tab\tkept", None, "bình thường"])
    assert has_control_characters(column)
    assert clean_cells(column).to_pylist() == ["ab", None, "cd", "ef", "tab\tkept", None, "bình thường"]
    assert not has_control_characters(pa.array(["Phường Hải Châu", "Đã giải quyết"]))


def test_word_report_builds_from_a_stored_nul(tmp_path) -> None:
    """A database imported before this fix may hold a NUL: the Word report is built without it."""
    from docx import Document

    from dashboard.exports.report_files import report_bytes
    from dashboard.kpi import periods
    from dashboard.kpi.report import report_content
    from dashboard.store import Database

    db = tmp_path / "cchc.duckdb"
    assert run_ingest([write_csv(tmp_path / "a.csv", [dossier(n) for n in range(1, 30)])], db).exit_code == 0
    with Database(db).write() as connection:
        connection.execute("UPDATE dossier SET unit = unit || chr(0)")
        connection.execute("UPDATE unit SET unit_name = unit_name || chr(0)")
    content = report_content(Database(db), periods.custom(*_october()))
    import io

    document = Document(io.BytesIO(report_bytes(content, "word")))
    assert all("\x00" not in paragraph.text for paragraph in document.paragraphs)


def _october():
    from datetime import date

    return date(2026, 10, 1), date(2026, 10, 31)
