"""A district given in its own column of an export (issue 15 §1): folded into the unit name as the qualifier the
resolver reads, on the real register (Đồng Nai, which took in Bình Phước: "Xã Tân Hưng" is 25345 in Huyện Hớn
Quản and 25375 in Huyện Đồng Phú)."""

from __future__ import annotations

import json
from datetime import date, datetime

import pytest
from export_builders import write_csv, write_xlsx

from dashboard.cli import main
from dashboard.ingest.aliases import match_header
from dashboard.ingest.district import with_district
from dashboard.ingest.pipeline import prepare_file
from dashboard.store import Database
from dashboard.text import fold
from dashboard.units.national import national_register
from dashboard.units.resolve import NameIndex

NOW = datetime(2025, 4, 1, 12, 0)
HEADER = ["Mã hồ sơ", "Họ tên", "Xã/Phường", "Quận/Huyện", "Ngày tiếp nhận", "Ngày hẹn trả", "Trạng thái"]
ROWS = [
    ["HQ-250310-0001", "Nguyễn Văn An", "Xã Tân Hưng", "Huyện Hớn Quản", "10/03/2025 08:00", "20/03/2025", "Đang xử lý"],
    ["HQ-250310-0002", "Trần Thị Bình", "Xã Tân Hưng", "huyện Hớn Quản", "10/03/2025 09:00", "20/03/2025", "Đang xử lý"],
    ["DP-250311-0003", "Lê Văn Cường", "Xã Tân Hưng", "Huyện Đồng Phú", "11/03/2025 08:00", "21/03/2025", "Đang xử lý"],
    ["XX-250312-0004", "Phạm Thị Dung", "Xã Tân Hưng", None, "12/03/2025 08:00", "22/03/2025", "Đang xử lý"],
    ["DP-250312-0005", "Hồ Văn Em", "Xã Tân Hưng - huyện Đồng Phú", "Huyện Hớn Quản", "12/03/2025 09:00", "22/03/2025", "Đang xử lý"],
    ["TM-250313-0006", "Võ Thị Giang", "Phường Thác Mơ", "TX. Phước Long", "13/03/2025 08:00", "23/03/2025", "Đang xử lý"],
    ["XX-250313-0007", "Đỗ Văn Hùng", "Xã Tân Hưng", "Hớn Quản", "13/03/2025 09:00", "23/03/2025", "Đang xử lý"],
]  # fmt: skip
EXPECTED_UNIT = {
    "HQ-250310-0001": "Xã Tân Hưng - Huyện Hớn Quản",
    "HQ-250310-0002": "Xã Tân Hưng - huyện Hớn Quản",
    "DP-250311-0003": "Xã Tân Hưng - Huyện Đồng Phú",
    "XX-250312-0004": "Xã Tân Hưng",  # no district: as recorded
    "DP-250312-0005": "Xã Tân Hưng - huyện Đồng Phú",  # the name's own qualifier is kept
    "TM-250313-0006": "Phường Thác Mơ - Thị xã Phước Long",
    "XX-250313-0007": "Xã Tân Hưng",  # a district without its kind word is not folded
}
EXPECTED_ID = {
    "HQ-250310-0001": "25345",
    "HQ-250310-0002": "25345",
    "DP-250311-0003": "25375",
    "XX-250312-0004": None,  # ambiguous: listed on the Dữ liệu page
    "DP-250312-0005": "25375",
    "TM-250313-0006": "25216",
    "XX-250313-0007": None,
}


@pytest.fixture(scope="module")
def names() -> NameIndex:
    return NameIndex(national_register())


@pytest.mark.parametrize(
    "header",
    [
        "Quận/Huyện",
        "Huyện",
        "Quận, huyện",
        "Đơn vị hành chính cấp huyện",
        "Huyện/Thị xã/Thành phố",
        "Quận/huyện (cũ)",
        "QUẬN/HUYỆN",
    ],
)
def test_district_headers_are_recognised(header):
    assert match_header(fold(header)) == "district"


def test_unit_headers_stay_units():
    for header in ("Đơn vị tiếp nhận", "Xã/Phường", "Đơn vị", "Cơ quan giải quyết"):
        assert match_header(fold(header)) == "unit"


def test_with_district_folds_only_a_district_that_says_its_kind():
    assert with_district("Xã Tân Hưng", "Huyện Hớn Quản") == ("Xã Tân Hưng - Huyện Hớn Quản", False)
    assert with_district("Xã Tân Hưng", "TP. Đồng Xoài") == ("Xã Tân Hưng - Thành phố Đồng Xoài", False)
    assert with_district("Xã Tân Hưng", "TP Đồng Xoài")[0] == "Xã Tân Hưng - Thành phố Đồng Xoài"
    assert with_district("Xã Tân Hưng", "Tx. Phước Long")[0] == "Xã Tân Hưng - Thị xã Phước Long"
    assert with_district("Xã Tân Hưng", None) == ("Xã Tân Hưng", False)
    assert with_district("Xã Tân Hưng - huyện Đồng Phú", "Huyện Hớn Quản") == (
        "Xã Tân Hưng - huyện Đồng Phú",
        False,
    )
    assert with_district("Xã Tân Hưng", "Hớn Quản") == ("Xã Tân Hưng", True)
    # A province qualifier is no district: the district is still added.
    assert with_district("Phường Long Phú - tỉnh An Giang", "Quận Ô Môn")[0] == (
        "Phường Long Phú - tỉnh An Giang - Quận Ô Môn"
    )


def test_a_district_qualifier_narrows_but_never_makes_a_unique_name_fail(names):
    """resolve.NameIndex.resolve: a qualifier that fits a unit of the name keeps only those units; one that fits
    none narrows nothing (with a note). So a unique name resolves with its own district and also with a wrong
    one; a repeated name with a wrong district stays ambiguous, never moved to another unit."""
    on = date(2025, 3, 1)
    right = names.resolve("Phường Thác Mơ - Thị xã Phước Long", on, "Đồng Nai")
    assert (right.status, right.unit.code, right.note) == ("resolved", "25216", "")
    wrong = names.resolve("Phường Thác Mơ - Huyện Hớn Quản", on, "Đồng Nai")
    assert (wrong.status, wrong.unit.code) == ("resolved", "25216")
    assert "không khớp" in wrong.note
    repeated = names.resolve("Xã Tân Hưng - Huyện Bù Đăng", on, "Đồng Nai")
    assert repeated.status == "ambiguous" and "không khớp" in repeated.note
    # After 1/7/2025 the new units have no district: the qualifier fits none, the name resolves as without it.
    later = names.resolve("Xã Tân Hưng - Huyện Hớn Quản", date(2025, 8, 1), "Đồng Nai")
    assert (later.status, later.unit.code) == ("resolved", "25345")


def _export(tmp_path, kind: str, with_column: bool = True):
    header = HEADER if with_column else [h for h in HEADER if h != "Quận/Huyện"]
    rows = ROWS if with_column else [[c for i, c in enumerate(r) if i != 3] for r in ROWS]
    grid = [header, *rows]
    if kind == "csv":
        return write_csv(tmp_path / "tan_hung.csv", grid)
    return write_xlsx(tmp_path / "tan_hung.xlsx", [["DANH SÁCH HỒ SƠ"], *grid])


@pytest.mark.parametrize("kind", ["csv", "xlsx"])
def test_the_district_column_is_folded_into_the_unit_name(tmp_path, kind, names):
    prepared = prepare_file(_export(tmp_path, kind), now=NOW)
    records = prepared.records.to_pydict()
    units = dict(zip(records["dossier_code"], records["unit"], strict=True))
    assert units == EXPECTED_UNIT
    assert prepared.column_map["Quận/Huyện"] == "district"
    assert prepared.column_map["Họ tên"] == "personal"
    assert "Nguyễn Văn An" not in json.dumps(
        records, ensure_ascii=False, default=str
    )  # personal data dropped
    assert any("1 dòng có Quận/huyện (cũ) không ghi rõ" in note for note in prepared.report.notes)
    resolved = {code: names.resolve(unit, date(2025, 3, 10), "Đồng Nai").unit for code, unit in units.items()}
    assert {code: unit.code if unit else None for code, unit in resolved.items()} == EXPECTED_ID


def test_an_export_without_the_column_is_unchanged(tmp_path):
    prepared = prepare_file(_export(tmp_path, "csv", with_column=False), now=NOW)
    records = prepared.records.to_pydict()
    units = dict(zip(records["dossier_code"], records["unit"], strict=True))
    assert units == {row[0]: row[2] for row in ROWS}
    assert "district" not in prepared.column_map.values()
    assert not any("Quận/huyện" in note for note in prepared.report.notes)


def test_cli_import_accounts_every_row_and_units_province_resolves_by_district(tmp_path, capsys):
    db_path = tmp_path / "dn.duckdb"
    path = _export(tmp_path, "xlsx")
    assert main(["ingest", str(path), "--db", str(db_path), "--as-of", "2025-04-01", "--json"]) == 0
    (line,) = capsys.readouterr().out.strip().splitlines()
    result = json.loads(line)
    assert result["rows_read"] == len(ROWS) == result["rows_loaded"]
    assert result["rows_rejected"] == result["rows_skipped"] == 0
    code = main(["units", "province", "Đồng Nai", "--db", str(db_path)])
    out, err = capsys.readouterr()
    assert code == 0, err
    with Database(db_path).read() as cur:
        found = dict(cur.execute("SELECT dossier_code, unit_id FROM dossier").fetchall())
        assert "Nguyễn Văn An" not in json.dumps(cur.execute("SELECT * FROM dossier").fetchall(), default=str)
    assert {code: (unit_id or "").split("@")[0] or None for code, unit_id in found.items()} == EXPECTED_ID
