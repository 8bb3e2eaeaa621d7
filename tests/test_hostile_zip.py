"""Issue 12 §1 and §9 through the command line: decompression bombs and oversized cells are refused before
they take memory, with the caps in the message; the database is not touched; the child's peak memory stays
small. The files are generated here (the 3 GB bomb packs into about 15 MB, as in the report)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from hostile_files import (
    SHEET_PART,
    dossier,
    file_digest,
    run_ingest,
    understate_sizes,
    write_bomb_xlsx,
    write_huge_cell_xlsx,
    write_long_xlsx,
    write_xlsx,
)

REFUSED_PEAK_MB = 400  # the interpreter and its libraries: nothing of the bomb is held


@pytest.fixture(scope="module")
def bomb(tmp_path_factory) -> Path:
    """15 MB that unpack to 3 GB: one dossier and millions of copies of it."""
    path = write_bomb_xlsx(tmp_path_factory.mktemp("bomb") / "bom_nen.xlsx", 3 * 10**9)
    assert path.stat().st_size < 20 * 10**6
    return path


def _refused(run, db: Path, words: str) -> None:
    run.assert_no_traceback()
    assert run.exit_code == 2, run.stderr
    assert words in run.stderr, run.stderr
    assert words in run.report["error"]
    assert run.report["rows_loaded"] == 0
    assert file_digest(db) is None  # not even an empty database
    assert run.peak_mb < REFUSED_PEAK_MB, run.peak_mb


def test_bomb_is_refused_by_its_stated_size(bomb, tmp_path) -> None:
    db = tmp_path / "cchc.duckdb"
    run = run_ingest([bomb], db)
    _refused(run, db, "quá giới hạn 2 GB cho một tệp")
    assert "giải nén ra 2,8 GB" in run.stderr


def test_bomb_that_understates_its_size_is_refused_while_unpacking(bomb, tmp_path) -> None:
    liar = tmp_path / "noi_doi.xlsx"
    shutil.copyfile(bomb, liar)
    understate_sizes(liar, SHEET_PART, declared=150 * 1024**2)  # a plausible size for a real export
    db = tmp_path / "cchc.duckdb"
    run = run_ingest([liar], db)
    # Its one row repeated is seen as rows out of order in its second piece, before 150 MB are unpacked.
    _refused(run, db, "có các dòng không theo thứ tự")


def test_sheet_that_unpacks_to_more_than_it_says_is_refused_with_that_reason(tmp_path) -> None:
    liar = write_long_xlsx(tmp_path / "noi_doi_dai.xlsx", 120 * 1024**2)
    understate_sizes(liar, SHEET_PART, declared=40 * 1024**2)
    db = tmp_path / "cchc.duckdb"
    run = run_ingest([liar], db)
    _refused(run, db, "giải nén ra nhiều hơn kích thước ghi trong tệp (40 MB)")


def test_one_gibibyte_cell_is_refused(tmp_path) -> None:
    huge = write_huge_cell_xlsx(tmp_path / "o_khong_lo.xlsx", 1024**3)
    assert huge.stat().st_size < 5 * 10**6
    db = tmp_path / "cchc.duckdb"
    run = run_ingest([huge], db)
    _refused(run, db, "ô dài hơn 32.767 ký tự")


def test_long_cell_in_an_ordinary_file_is_refused_with_the_cap(tmp_path) -> None:
    path = write_xlsx(
        tmp_path / "dai.xlsx", [dossier(1), dossier(2, procedure="Thủ tục " + "rất dài " * 5000)]
    )
    db = tmp_path / "cchc.duckdb"
    run = run_ingest([path], db)
    _refused(run, db, "ô dài hơn 32.767 ký tự (trang 'Danh sách', cột 5)")


def test_the_other_files_of_the_command_are_still_imported(bomb, tmp_path) -> None:
    good = write_xlsx(tmp_path / "tot.xlsx", [dossier(n) for n in range(1, 11)])
    db = tmp_path / "cchc.duckdb"
    run = run_ingest([bomb, good], db)
    run.assert_no_traceback()
    assert run.exit_code == 2
    assert [report["rows_loaded"] for report in run.reports] == [0, 10]
