"""Issue 12 §1: the .xlsx reader. A sheet read in pieces gives exactly the cells of the same sheet read whole
(row numbers, blank rows and columns, shared strings, dates, error cells, a namespace prefix on every tag);
formulas without a computed value are found; parts that unpack to more than they say are refused."""

from __future__ import annotations

import datetime as dt
import random
import threading
import time
import zipfile
from pathlib import Path

import openpyxl
import pytest
from hostile_files import SHEET_PART, dossier, understate_sizes, write_xlsx

from dashboard.ingest import xlsx_reader, zip_guard
from dashboard.ingest.grid import UnreadableFile
from dashboard.ingest.readers import read_workbook


def _cells(path: Path) -> list[list[list[str | None]]]:
    return [[column.to_pylist() for column in sheet.table.columns] for sheet in read_workbook(path).sheets]


def _in_pieces(monkeypatch: pytest.MonkeyPatch, chunk_bytes: int = 4096) -> None:
    monkeypatch.setattr(xlsx_reader, "READ_IN_PIECES", True)
    monkeypatch.setattr(xlsx_reader, "CHUNK_BYTES", chunk_bytes)
    monkeypatch.setattr(xlsx_reader, "MIN_PIECE_BYTES", 0)


def _whole(monkeypatch: pytest.MonkeyPatch, read, path: Path):
    """What calamine reads from the whole sheet: the reference the pieces must equal."""
    monkeypatch.setattr(xlsx_reader, "READ_IN_PIECES", False)
    try:
        return read(path)
    finally:
        monkeypatch.setattr(xlsx_reader, "READ_IN_PIECES", True)


def _openpyxl_book(path: Path, rows: int = 800) -> Path:
    """Shared strings, real dates and numbers, blank rows, a gap in the columns, an error cell, two sheets."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Danh sách"
    sheet["B1"] = "DANH SÁCH HỒ SƠ"
    sheet.append([])
    randomness = random.Random(12)
    for number in range(1, rows + 1):
        if number % 97 == 0:
            sheet.append([])
            continue
        received = dt.datetime(2026, 10, 1) + dt.timedelta(minutes=randomness.randrange(40000))
        sheet.append(
            [
                None,
                number,
                f"HS-{number}",
                randomness.choice(["Phường A", "Xã B"]),
                received,
                None,
                "x" * (number % 7),
            ]
        )
    sheet["H5"] = "=1/0"
    other = book.create_sheet("Phụ lục")
    other["A1"] = "Ghi chú"
    book.save(path)
    return path


def test_pieces_give_the_same_cells_as_the_whole_sheet(tmp_path, monkeypatch) -> None:
    path = _openpyxl_book(tmp_path / "book.xlsx")
    whole = _whole(monkeypatch, _cells, path)
    _in_pieces(monkeypatch)
    read_piece, calls = xlsx_reader._read_piece, []
    monkeypatch.setattr(xlsx_reader, "_read_piece", lambda *args: calls.append(args[2]) or read_piece(*args))
    pieces = _cells(path)
    assert pieces == whole
    assert len(calls) > 4  # read in several pieces, each from the row after the previous one
    assert len(whole[0][0]) > 800 and whole[0][0][0] == "DANH SÁCH HỒ SƠ"


def test_pieces_keep_row_numbers_and_columns_when_pieces_differ_in_width(tmp_path, monkeypatch) -> None:
    rows = [dossier(n) for n in range(1, 400)]
    rows[300] = rows[300] + ["extra column far right"]
    path = write_xlsx(tmp_path / "a.xlsx", rows)
    whole = _whole(monkeypatch, read_workbook, path).sheets[0]
    _in_pieces(monkeypatch, chunk_bytes=2000)
    pieces = read_workbook(path).sheets[0]
    assert pieces.table.num_columns == whole.table.num_columns == 12
    assert pieces.row_numbers.tolist() == whole.row_numbers.tolist()
    assert pieces.table.to_pylist() == whole.table.to_pylist()


def test_namespace_prefixed_sheet(tmp_path, monkeypatch) -> None:
    """Some writers (the .NET Open XML SDK) put a prefix on every tag: <x:row>, <x:c>."""
    main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    rows = "".join(
        f'<x:row r="{n}"><x:c r="A{n}" t="inlineStr"><x:is><x:t>HS-{n}</x:t></x:is></x:c>'
        f'<x:c r="B{n}"><x:v>{n}</x:v></x:c></x:row>'
        for n in range(1, 300)
    )
    sheet = [
        f'<?xml version="1.0"?><x:worksheet xmlns:x="{main}"><x:dimension ref="A1:B299"/><x:sheetData>',
        rows,
    ]
    path = write_xlsx(tmp_path / "ns.xlsx", [], sheet=[*sheet, "</x:sheetData></x:worksheet>"])
    whole = _whole(monkeypatch, _cells, path)
    _in_pieces(monkeypatch, chunk_bytes=3000)
    assert _cells(path) == whole
    assert whole[0][0][:2] == ["HS-1", "HS-2"] and whole[0][1][298] == "299"


def test_formulas_without_value_are_found(tmp_path) -> None:
    path = write_xlsx(tmp_path / "f.xlsx", [dossier(1), dossier(2, received="=DATE(2026,10,2)")])
    sheet = read_workbook(path).sheets[0]
    assert sheet.find_empty_formulas() == {(5, 6)}  # sheet row 6, column G (Ngày tiếp nhận)


def test_received_date_formula_is_reported_as_such(tmp_path) -> None:
    from dashboard.ingest.pipeline import prepare_file
    from dashboard.ingest.validate import FORMULA_WITHOUT_VALUE

    path = write_xlsx(tmp_path / "f.xlsx", [dossier(1), dossier(2, received="=DATE(2026,10,2)")])
    report = prepare_file(path).report
    assert [(note.row, note.reason) for note in report.rejects] == [(6, FORMULA_WITHOUT_VALUE)]
    assert any("công thức chưa được tính giá trị" in note for note in report.notes)


def test_part_larger_than_it_says_is_refused(tmp_path, monkeypatch) -> None:
    path = write_xlsx(tmp_path / "lie.xlsx", [dossier(n) for n in range(1, 2000)])
    understate_sizes(path, SHEET_PART, declared=5000)
    for whole in (True, False):
        monkeypatch.setattr(xlsx_reader, "READ_IN_PIECES", not whole)
        with pytest.raises(UnreadableFile, match="giải nén ra nhiều hơn kích thước ghi trong tệp"):
            read_workbook(path)


def test_declared_size_above_the_cap_is_refused_before_unpacking(tmp_path, monkeypatch) -> None:
    path = write_xlsx(tmp_path / "big.xlsx", [dossier(n) for n in range(1, 200)])
    monkeypatch.setattr(zip_guard, "MAX_UNPACKED_BYTES", 10_000)

    def never(*args, **kwargs):
        raise AssertionError("unpacked although the stated size is above the cap")

    monkeypatch.setattr(zip_guard, "unpacked_pieces", never)
    monkeypatch.setattr(
        xlsx_reader._Workbook, "open", classmethod(lambda cls, file, infos: _small_workbook(file, infos))
    )
    with pytest.raises(UnreadableFile, match=r"giải nén ra .* quá giới hạn 9,8 KB cho một tệp"):
        read_workbook(path)


def _small_workbook(file, infos):
    sheet = xlsx_reader.SheetPart("Danh sách", "xl/worksheets/sheet1.xml", True)
    return xlsx_reader._Workbook(file, infos, [sheet])


def test_cell_longer_than_excel_allows_is_refused(tmp_path) -> None:
    path = write_xlsx(tmp_path / "long.xlsx", [dossier(1, procedure="Thủ tục " + "x" * 40_000)])
    with pytest.raises(UnreadableFile, match=r"ô dài hơn 32\.767 ký tự \(trang 'Danh sách', cột 5\)"):
        read_workbook(path)


def test_stored_piece_archive_is_a_valid_zip() -> None:
    data = xlsx_reader._stored_zip([("a.xml", [b"<a>", b"1</a>"]), ("b/c.xml", [b"<b/>"])])
    import io

    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert archive.namelist() == ["a.xml", "b/c.xml"]
        assert archive.getinfo("a.xml").file_size == 8


def test_pieces_are_read_side_by_side_never_more_than_the_threads_at_once(tmp_path, monkeypatch) -> None:
    """Two threads read pieces at the same time (the import's speed), and no more are held (its memory)."""
    path = _openpyxl_book(tmp_path / "book.xlsx")
    whole = _whole(monkeypatch, _cells, path)
    _in_pieces(monkeypatch)
    monkeypatch.setattr(xlsx_reader, "READ_THREADS", 2)
    read_piece, lock, state = (
        xlsx_reader._read_piece,
        threading.Lock(),
        {"now": 0, "most": 0, "threads": set()},
    )

    def watched(*args):
        with lock:
            state["now"] += 1
            state["most"] = max(state["most"], state["now"])
            state["threads"].add(threading.get_ident())
        try:
            time.sleep(0.02)  # long enough for the next piece to be handed out meanwhile
            return read_piece(*args)
        finally:
            with lock:
                state["now"] -= 1

    built, taken, held = xlsx_reader._piece_workbook, xlsx_reader._piece_result, {"now": 0, "most": 0}

    def build(*args):
        held["now"] += 1
        held["most"] = max(held["most"], held["now"])
        return built(*args)

    def take(*args):
        held["now"] -= 1
        return taken(*args)

    monkeypatch.setattr(xlsx_reader, "_read_piece", watched)
    monkeypatch.setattr(xlsx_reader, "_piece_workbook", build)
    monkeypatch.setattr(xlsx_reader, "_piece_result", take)
    assert _cells(path) == whole
    assert state["most"] == 2 and held["most"] == 2  # pieces built and not yet taken back: at most two
    assert len(state["threads"]) == 2 and threading.get_ident() not in state["threads"]


def _rows_without_numbers(path: Path, rows: int) -> Path:
    cells = "".join(
        f'<row><c t="inlineStr"><is><t>HS-{n}</t></is></c><c><v>{n}</v></c></row>' for n in range(1, rows + 1)
    )
    main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    sheet = [f'<?xml version="1.0"?><worksheet xmlns="{main}"><sheetData>', cells, "</sheetData></worksheet>"]
    return write_xlsx(path, [], sheet=sheet)


def test_a_sheet_without_row_numbers_is_read_whole_when_it_cannot_be_cut(tmp_path, monkeypatch) -> None:
    path = _rows_without_numbers(tmp_path / "plain.xlsx", 500)
    _in_pieces(monkeypatch, chunk_bytes=2000)
    cells = _cells(path)
    assert cells[0][0][:2] == ["HS-1", "HS-2"] and cells[0][1][499] == "500"
    monkeypatch.setattr(xlsx_reader, "WHOLE_SHEET_BYTES", 1000)  # too large to read whole: refused, said why
    with pytest.raises(UnreadableFile, match="không ghi số dòng"):
        read_workbook(path)
