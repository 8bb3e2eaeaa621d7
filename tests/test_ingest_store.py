"""Importing into a database: snapshots, idempotence, privacy, quarantine, bad files, the CLI contract."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from datetime import date, datetime
from pathlib import Path

import duckdb
import openpyxl
import pytest
from export_builders import write_csv, write_xlsx

from dashboard.cli import main
from dashboard.ingest.run import ingest_file
from dashboard.store import Database

ROOT = Path(__file__).resolve().parent.parent
HEADER = [
    "Mã hồ sơ",
    "Chủ hồ sơ",
    "Địa chỉ",
    "Số điện thoại",
    "Email",
    "Số CCCD",
    "Đơn vị tiếp nhận",
    "Ngày tiếp nhận",
    "Ngày hẹn trả",
    "Ngày kết thúc xử lý",
    "Trạng thái",
]
PERSONAL = ["Nguyễn Văn An", "12 Lê Duẩn, Hải Châu", "0905123456", "an.nguyen@example.vn", "048090001234"]


def export(path: Path, rows: list[list[object]], period_to: str = "14/10/2026") -> Path:
    grid = [["DANH SÁCH HỒ SƠ"], [f"(Từ ngày 15/09/2026 đến ngày {period_to})"], HEADER]
    grid += [[code, *PERSONAL, unit, *rest] for code, unit, *rest in rows]
    return write_xlsx(path, grid)


OCTOBER = [
    [
        "H17-260916-0001",
        "Phường Hải Châu",
        "16/09/2026 08:00:00",
        "18/09/2026",
        "17/09/2026",
        "Đã trả kết quả",
    ],
    ["H17-260916-0002", "Phường Hải Châu", "16/09/2026 09:00:00", "25/09/2026", None, "Đang xử lý"],
    ["H17-260917-0003", "Phường An Hải", "17/09/2026 10:00:00", "30/09/2026", None, "Chờ bổ sung"],
]
NOVEMBER = [
    [
        "H17-260916-0001",
        "Phường Hải Châu",
        "16/09/2026 08:00:00",
        "18/09/2026",
        "17/09/2026",
        "Đã trả kết quả",
    ],
    [
        "H17-260916-0002",
        "Phường Hải Châu",
        "16/09/2026 09:00:00",
        "25/09/2026",
        "24/09/2026",
        "Đã trả kết quả",
    ],
    ["H17-260917-0003", "Phường An Hải", "17/09/2026 10:00:00", "30/09/2026", "06/10/2026", "Đã trả kết quả"],
    ["H17-261020-0004", "Phường An Hải", "20/10/2026 10:00:00", "22/10/2026", None, "Đang xử lý"],
]


def dossiers(db: Database) -> dict[str, tuple]:
    with db.read() as cur:
        rows = cur.execute("SELECT dossier_code, status, finished_at, snapshot_at FROM dossier").fetchall()
    return {code: tuple(rest) for code, *rest in rows}


def table_dump(path: Path) -> dict[str, list]:
    """Every row of every table, to compare a database before and after."""
    with duckdb.connect(str(path), read_only=True) as conn:
        tables = [t for (t,) in conn.execute("SELECT table_name FROM duckdb_tables()").fetchall()]
        return {t: sorted(map(repr, conn.execute(f'SELECT * FROM "{t}"').fetchall())) for t in tables}


def test_reimport_changes_nothing_and_newer_snapshot_updates(tmp_path):
    db = Database(tmp_path / "cchc.duckdb")
    first = ingest_file(db, export(tmp_path / "t10.xlsx", OCTOBER))
    assert (first.rows_loaded, first.rows_updated, first.rows_unchanged) == (3, 0, 0)
    before = table_dump(db.path)["dossier"]

    again = ingest_file(db, tmp_path / "t10.xlsx")
    assert (again.rows_loaded, again.rows_updated, again.rows_unchanged) == (0, 0, 3)
    assert table_dump(db.path)["dossier"] == before

    newer = ingest_file(db, export(tmp_path / "t11.xlsx", NOVEMBER, period_to="14/11/2026"))
    assert (newer.rows_loaded, newer.rows_updated, newer.rows_unchanged) == (1, 2, 1)
    stored = dossiers(db)
    assert len(stored) == 4
    assert stored["H17-260917-0003"][:2] == ("resolved", datetime(2026, 10, 6))
    assert all(snapshot == date(2026, 11, 14) for _, _, snapshot in stored.values())


def test_older_snapshot_never_rolls_back(tmp_path):
    db = Database(tmp_path / "cchc.duckdb")
    ingest_file(db, export(tmp_path / "t11.xlsx", NOVEMBER, period_to="14/11/2026"))
    older = ingest_file(db, export(tmp_path / "t10.xlsx", OCTOBER))
    assert (older.rows_loaded, older.rows_updated, older.rows_unchanged) == (0, 0, 3)
    assert any("cũ hơn" in note for note in older.notes)
    assert dossiers(db)["H17-260916-0002"][0] == "resolved"


def test_as_of_overrides_the_title(tmp_path):
    db = Database(tmp_path / "cchc.duckdb")
    ingest_file(db, export(tmp_path / "t10.xlsx", OCTOBER), as_of=date(2026, 10, 20))
    assert {s for _, _, s in dossiers(db).values()} == {date(2026, 10, 20)}
    with db.read() as cur:
        assert cur.execute("SELECT snapshot_source FROM import_log").fetchall() == [("as_of",)]


def test_personal_data_is_never_stored(tmp_path):
    db = Database(tmp_path / "cchc.duckdb")
    rows = [*OCTOBER, ["H17-260918-0005", "Phường An Hải", "31/02/2026", None, None, "Đang xử lý"]]
    report = ingest_file(db, export(tmp_path / "t10.xlsx", rows))
    assert report.rows_rejected == 1  # the quarantine holds a row too: it must be clean as well
    raw = db.path.read_bytes()
    dump = json.dumps(table_dump(db.path), ensure_ascii=False)
    for value in PERSONAL:
        assert value not in dump
        assert value.encode() not in raw
    assert "Chủ hồ sơ" not in dump.split('"quarantine"')[-1]


def test_rejected_rows_are_quarantined_with_reasons(tmp_path):
    db = Database(tmp_path / "cchc.duckdb")
    rows = [
        ["H17-260916-0001", "Phường Hải Châu", "16/09/2026", "18/09/2026", None, "Đang xử lý"],
        ["H17-260916-0002", "Phường Hải Châu", None, "18/09/2026", None, "Đang xử lý"],
        ["H17-260916-0003", "Phường Hải Châu", "31/02/2026", "18/09/2026", None, "Đang xử lý"],
        ["H17-260916-0004", "Phường Hải Châu", "16/09/2026", "15/09/2026", None, "Đang xử lý"],
        ["H17-260916-0005", "Phường Hải Châu", "16/09/2026", "18/09/2026", "14/09/2026", "Đã trả kết quả"],
        ["H17-260916-0006", "Phường Hải Châu", "16/09/2026", "18/09/2026", None, "Đang xử lý"],
        ["H17-260916-0006", "Phường Hải Châu", "16/09/2026", "19/09/2026", None, "Đang xử lý"],
    ]
    report = ingest_file(db, export(tmp_path / "bad.xlsx", rows))
    reasons = {r.row: r.reason for r in report.rejects}
    # Rows start on sheet row 4 (two title rows and the header above them).
    assert reasons[5] == "Thiếu ngày tiếp nhận"
    assert reasons[6] == "Ngày tiếp nhận '31/02/2026' không phải ngày hợp lệ"
    assert reasons[7] == "Ngày hẹn trả 15/09/2026 trước ngày tiếp nhận 16/09/2026"
    assert reasons[8] == "Ngày kết thúc xử lý 14/09/2026 trước ngày tiếp nhận 16/09/2026"
    # A code repeated with other values: the first row is the dossier, the later one is rejected (issue 10 §2).
    assert 9 not in reasons
    assert reasons[10] == "Mã hồ sơ H17-260916-0006 đã có ở dòng 9; dòng này khác ở: Ngày hẹn trả"
    assert (report.rows_loaded, report.rows_rejected, report.rows_read) == (2, 5, 7)
    with db.read() as cur:
        stored = cur.execute(
            "SELECT source_row, reason, cells FROM quarantine ORDER BY source_row"
        ).fetchall()
    assert [(row, reason) for row, reason, _ in stored] == sorted(reasons.items())
    cells = json.loads(stored[1][2])
    assert cells["Ngày tiếp nhận"] == "31/02/2026" and cells["Mã hồ sơ"] == "H17-260916-0003"


def test_identical_repeated_rows_are_skipped_not_rejected(tmp_path):
    db = Database(tmp_path / "cchc.duckdb")
    report = ingest_file(db, export(tmp_path / "dup.xlsx", [OCTOBER[0], OCTOBER[0], OCTOBER[1]]))
    assert (report.rows_loaded, report.rows_rejected, report.rows_skipped) == (2, 0, 1)


def test_a_repeated_code_keeps_its_first_row_and_names_what_differs(tmp_path):
    """Issue 10 §2: the dossier counts once, from the first row; a differing repeat is rejected, naming the
    kept row and the file's headers of the columns that differ; an identical repeat is skipped."""
    first = OCTOBER[1]  # in progress on row 4
    finished = [*first[:4], "20/09/2026", "Đã trả kết quả"]  # the same code, now finished
    db = Database(tmp_path / "cchc.duckdb")
    report = ingest_file(db, export(tmp_path / "dup.xlsx", [first, OCTOBER[0], finished, first, finished]))
    assert (report.rows_loaded, report.rows_rejected, report.rows_skipped, report.rows_read) == (2, 2, 1, 5)
    expected = "Mã hồ sơ H17-260916-0002 đã có ở dòng 4; dòng này khác ở: Ngày kết thúc xử lý, Trạng thái"
    assert [(r.row, r.reason) for r in report.rejects] == [(6, expected), (8, expected)]
    with db.read() as cur:
        stored = cur.execute("SELECT dossier_code, status, source_row FROM dossier ORDER BY 1").fetchall()
        quarantined = cur.execute("SELECT source_row, reason FROM quarantine ORDER BY 1").fetchall()
    assert stored == [("H17-260916-0001", "resolved", 5), ("H17-260916-0002", "in_progress", 4)]
    assert quarantined == [(6, expected), (8, expected)]


def test_values_keep_their_meaning_when_the_column_type_changes_after_row_1000(tmp_path):
    """fastexcel guesses types from the first 1,000 rows and nulls what does not fit: not here."""
    workbook = openpyxl.Workbook()
    ws = workbook.active
    ws.append(["Mã hồ sơ", "Đơn vị", "Ngày tiếp nhận", "Trạng thái"])
    for i in range(1500):
        received = datetime(2026, 1, 5, 8) if i < 1000 else "05/01/2026 08:00:00"  # real date, then text
        status = 4 if i < 1000 else "Đã trả kết quả"  # a number, then a label
        ws.append([f"K-260105-{i:04d}", "Xã Hòa Vang", received, status])
    workbook.save(tmp_path / "types.xlsx")
    db = Database(tmp_path / "cchc.duckdb")
    report = ingest_file(db, tmp_path / "types.xlsx")
    assert (report.rows_loaded, report.rows_rejected) == (1500, 0)
    with db.read() as cur:
        rows = cur.execute(
            "SELECT count(*) FILTER (received_at = TIMESTAMP '2026-01-05 08:00:00'), "
            "count(*) FILTER (status_code = 4), count(*) FILTER (status_code = 10) FROM dossier"
        ).fetchall()
    assert rows == [(1500, 1000, 500)]


BAD_FILES = {
    "empty.xlsx": b"",
    "picture.xlsx": b"\x89PNG\r\n\x1a\n" + bytes(200),
    "random.xlsx": __import__("random").Random(1).randbytes(5000),
}


@pytest.mark.parametrize("name", [*BAD_FILES, "truncated.xlsx", "no_header.xlsx"])
def test_unreadable_files_exit_2_and_change_nothing(tmp_path, name, capsys):
    db_path = tmp_path / "cchc.duckdb"
    ingest_file(Database(db_path), export(tmp_path / "t10.xlsx", OCTOBER))
    bad = tmp_path / name
    if name in BAD_FILES:
        bad.write_bytes(BAD_FILES[name])
    elif name == "truncated.xlsx":
        whole = export(tmp_path / "whole.xlsx", OCTOBER).read_bytes()
        bad.write_bytes(whole[: len(whole) // 2])
    else:
        write_xlsx(bad, [["Báo cáo"], ["a", "b", "c"], ["1", "2", "3"]])
    digest = hashlib.sha256(db_path.read_bytes()).hexdigest()
    tables = table_dump(db_path)
    code = main(["ingest", str(bad), "--db", str(db_path)])
    err = capsys.readouterr().err.strip()
    assert code == 2
    assert len(err.splitlines()) == 1 and name in err and "không đọc được" in err
    assert hashlib.sha256(db_path.read_bytes()).hexdigest() == digest
    assert table_dump(db_path) == tables
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []


def test_cli_json_contract(tmp_path, capsys):
    db_path = tmp_path / "cchc.duckdb"
    good = export(tmp_path / "t10.xlsx", [*OCTOBER, ["X", "Phường An Hải", "hôm qua", None, None, "4"]])
    code = main(["ingest", str(good), "--db", str(db_path), "--json"])
    assert code == 0
    (line,) = capsys.readouterr().out.strip().splitlines()
    result = json.loads(line)
    keys = [
        "file",
        "rows_read",
        "rows_loaded",
        "rows_updated",
        "rows_unchanged",
        "rows_rejected",
        "rows_skipped",
        "rejects",
    ]
    assert list(result)[: len(keys)] == keys
    assert result["rows_read"] == sum(result[k] for k in keys[2:7]) == 4
    assert result["rejects"] == [{"row": 7, "reason": "Ngày tiếp nhận 'hôm qua' không phải ngày hợp lệ"}]


def test_cli_mixed_good_and_bad_files(tmp_path, capsys):
    db_path = tmp_path / "cchc.duckdb"
    good = export(tmp_path / "t10.xlsx", OCTOBER)
    bad = tmp_path / "bad.xlsx"
    bad.write_bytes(b"")
    assert main(["ingest", str(bad), str(good), "--db", str(db_path), "--json"]) == 2
    lines = [json.loads(line) for line in capsys.readouterr().out.strip().splitlines()]
    assert [x["rows_loaded"] for x in lines] == [0, 3]
    assert "error" in lines[0]


def test_cli_default_database_from_environment(tmp_path):
    good = export(tmp_path / "t10.xlsx", OCTOBER)
    env = {**os.environ, "CCHC_DB": str(tmp_path / "env.duckdb")}
    done = subprocess.run(
        [sys.executable, "-m", "dashboard", "ingest", str(good)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert "mới 3" in done.stdout
    assert (tmp_path / "env.duckdb").exists()


@pytest.mark.parametrize("suffix", [".toml", ".json"])
def test_mapping_file_names_unknown_columns(tmp_path, suffix):
    rows = [
        ["Số biên nhận hồ sơ", "Nơi xử lý", "Thời điểm nhận", "Hạn"],
        ["M-260105-0001", "Xã Hòa Tiến", "05/01/2026", "08/01/2026"],
    ]
    path = write_csv(tmp_path / "odd.csv", rows)
    mapping = tmp_path / f"map{suffix}"
    pairs = {
        "Số biên nhận hồ sơ": "dossier_code",
        "Nơi xử lý": "unit",
        "Thời điểm nhận": "received_at",
        "Hạn": "due_at",
    }
    if suffix == ".json":
        mapping.write_text(json.dumps(pairs, ensure_ascii=False), encoding="utf-8")
    else:
        mapping.write_text(
            "[columns]\n" + "".join(f'"{k}" = "{v}"\n' for k, v in pairs.items()), encoding="utf-8"
        )
    db_path = tmp_path / "cchc.duckdb"
    assert main(["ingest", str(path), "--db", str(db_path), "--mapping", str(mapping)]) == 0
    stored = dossiers(Database(db_path))
    assert list(stored) == ["M-260105-0001"]


def test_mapping_with_an_unknown_field_is_refused(tmp_path, capsys):
    mapping = tmp_path / "map.json"
    mapping.write_text('{"Cột A": "ten_sai"}', encoding="utf-8")
    good = export(tmp_path / "t10.xlsx", OCTOBER)
    assert main(["ingest", str(good), "--db", str(tmp_path / "x.duckdb"), "--mapping", str(mapping)]) == 2
    assert "ten_sai" in capsys.readouterr().err
    assert not (tmp_path / "x.duckdb").exists()


def test_a_newer_export_with_fewer_columns_keeps_what_it_does_not_say(tmp_path):
    db = Database(tmp_path / "cchc.duckdb")
    rich = [
        ["Mã hồ sơ", "Đơn vị", "Ngày tiếp nhận", "Hình thức nộp", "Đánh giá", "Trạng thái"],
        ["R-260105-0001", "Xã Bà Nà", "05/01/2026", "Trực tuyến", "Rất hài lòng", "Đang xử lý"],
    ]
    ingest_file(db, write_xlsx(tmp_path / "rich.xlsx", rich), as_of=date(2026, 1, 10))
    sparse = [
        ["Mã hồ sơ", "Đơn vị", "Ngày tiếp nhận", "Ngày kết thúc xử lý", "Trạng thái"],
        ["R-260105-0001", "Xã Bà Nà", "05/01/2026", "08/01/2026", "10"],
    ]
    report = ingest_file(db, write_xlsx(tmp_path / "sparse.xlsx", sparse), as_of=date(2026, 1, 20))
    assert report.rows_updated == 1
    with db.read() as cur:
        row = cur.execute("SELECT channel, rating, status, status_label, finished_at FROM dossier").fetchall()
    assert row == [("online", "very_satisfied", "resolved", "Đã trả kết quả", datetime(2026, 1, 8))]
