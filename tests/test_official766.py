"""Official Decision-766 score tables (issue 3 §5) on the real published files, plus generated edge cases."""

from __future__ import annotations

import json
import subprocess
import sys
import unicodedata
from datetime import date
from pathlib import Path

import pandas as pd
import pytest
from export_builders import write_xlsx

from dashboard.cli import main
from dashboard.ingest.official766 import GROUPS, Prepared766, looks_like_766, parse_score, split_name
from dashboard.ingest.pipeline import PreparedFile
from dashboard.ingest.readers import read_workbook
from dashboard.ingest.run import ingest_file, prepare_any
from dashboard.kpi.official766 import official_scores, rank_changes, snapshots
from dashboard.store import Database
from dashboard.text import nfc, unit_key

ROOT = Path(__file__).resolve().parent.parent
REAL = ROOT.parent / "shared" / "data" / "real"
SNAPSHOT_1011 = REAL / "new766_bao_cao_T10_2025__snapshot_2025-10-11.xlsx"
SNAPSHOT_1016 = REAL / "new766_bao_cao_T10_2025.xlsx"
MONTHLY_REPORT = REAL / "new766_bao_cao_thang_10_2025.xlsx"
OLDER, NEWER = date(2025, 10, 11), date(2025, 10, 16)
PORTAL_HEADER = [
    "ID",
    "TEN",
    "TEN_COQUAN",
    "MA_COQUAN",
    "LOAI_COQUAN",
    "CAPDONVIID",
    "ID_COQUAN",
    "TDGQ",
    "MDHL",
    "MDSH",
    "TTTT",
    "CLGQ",
    "CKMB",
    "TONG_SCORE",
    "ROW_STT",
]
CONTRACT_KEYS = [
    "file",
    "rows_read",
    "rows_loaded",
    "rows_updated",
    "rows_unchanged",
    "rows_rejected",
    "rows_skipped",
    "rejects",
]


def sheet_rows(path: Path, sheet_name: str) -> list[dict[str, str]]:
    """The rows of one sheet of a real file as header → cell, read independently of the importer."""
    sheet = next(s for s in read_workbook(path).sheets if s.name == sheet_name)
    header, *rows = sheet.head(sheet.n_rows)
    return [dict(zip(header, row, strict=True)) for row in rows]


def stored(db: Database, where: str = "true", params: list | None = None) -> list[dict]:
    with db.read() as cur:
        frame = cur.execute(f"SELECT * FROM official_766 WHERE {where}", params or []).df()
    return frame.to_dict("records")


def balanced(report) -> bool:
    return report.rows_read == (
        report.rows_loaded
        + report.rows_updated
        + report.rows_unchanged
        + report.rows_rejected
        + report.rows_skipped
    )


@pytest.fixture(scope="module")
def two_snapshots(tmp_path_factory) -> tuple[Database, list]:
    """The report of 11/10 then the report of 16/10, into one database."""
    db = Database(tmp_path_factory.mktemp("o766") / "cchc.duckdb")
    reports = [
        ingest_file(db, SNAPSHOT_1011, as_of=OLDER),
        ingest_file(db, SNAPSHOT_1016, as_of=NEWER),
    ]
    return db, reports


def test_the_real_files_are_recognised_and_dossier_files_are_not():
    for path in (SNAPSHOT_1011, SNAPSHOT_1016, MONTHLY_REPORT):
        assert looks_like_766(read_workbook(path))
        assert isinstance(prepare_any(path), Prepared766)
    for name in ("motcua_auto_QT-DVCLT-khai_sinh.xlsx", "motcua_auto_qt4_hotich.xlsx"):
        assert not looks_like_766(read_workbook(REAL / name))


def test_both_snapshots_are_kept_with_every_unit_the_files_hold(two_snapshots):
    db, reports = two_snapshots
    communes = [r for r in sheet_rows(SNAPSHOT_1016, "Xã Phường") if r["TEN"]]
    departments = [r for r in sheet_rows(SNAPSHOT_1016, "Sở Ban") if r["TEN"]]
    provinces = [r for r in sheet_rows(SNAPSHOT_1016, "Điểm năm") if r["TEN"]]
    assert (len(communes), len(departments), len(provinces)) == (102, 15, 34)
    for report in reports:
        assert balanced(report)
        assert report.rows_read == 102 + 15 + 34 + 34
        assert (report.rows_loaded, report.rows_rejected, report.rows_skipped) == (185, 0, 0)
        assert report.notes[0] == "Bảng điểm Quyết định 766"
        assert any("Xu hướng tháng" in note for note in report.notes)  # left aside, and said so

    available = snapshots(db)
    counts = {
        (pd.Timestamp(row.snapshot_at).date(), row.level, row.period_kind): row.units
        for row in available.itertuples()
    }
    for day in (OLDER, NEWER):
        assert counts[(day, "xa_phuong", "khong_ro")] == 102
        assert counts[(day, "so_ban", "khong_ro")] == 15
        assert counts[(day, "tinh", "nam")] == 34
        assert counts[(day, "tinh", "thang")] == 34
    assert len(counts) == 8


def test_scores_are_parsed_from_text_and_ranks_kept_with_their_gaps(two_snapshots):
    db, _ = two_snapshots
    (dong_thai,) = stored(db, "snapshot_at = ? AND unit_key = ?", [NEWER, "xã đông thái"])
    assert [dong_thai[g] for g in GROUPS] == [18.0, 19.81, 8.1, 8.55, 18.0, 20.75]
    assert (dong_thai["total"], dong_thai["published_rank"]) == (93.21, 2)
    assert dong_thai["unit_code"] == "H01.187"

    published = {int(r["ROW_STT"]) for r in sheet_rows(SNAPSHOT_1016, "Xã Phường")}
    kept = {r["published_rank"] for r in stored(db, "snapshot_at = ? AND level = 'xa_phuong'", [NEWER])}
    assert kept == published
    assert kept != set(range(1, 103)), "ROW_STT ranks departments too: gaps within the communes"


def test_the_nfd_ward_is_stored_in_nfc_and_matches_the_nfc_spelling(two_snapshots):
    db, _ = two_snapshots
    raw = [r["TEN"] for r in sheet_rows(SNAPSHOT_1016, "Xã Phường") if "Long Phú" in nfc(r["TEN"])]
    assert len(raw) == 1 and raw[0] != unicodedata.normalize("NFC", raw[0]), "the file spells it in NFD"
    rows = stored(db, "unit_name LIKE '%Long Phú%'")
    assert len(rows) == 2  # one per snapshot
    for row in rows:
        assert row["unit_name"] == "Phường Long Phú"
        assert unicodedata.is_normalized("NFC", row["unit_name"])
        assert row["unit_key"] == unit_key("phường Long Phú") == unit_key("Phường Long Phú")
        assert row["province"] == "An Giang"
    nfd_spelling = unicodedata.normalize("NFD", "Phường Long Phú")
    keys = set(official_scores(db, level="xa_phuong")["unit_key"])
    assert unit_key(nfd_spelling) in keys


def test_no_name_keeps_the_province_suffix_and_every_total_is_the_sum(two_snapshots):
    db, _ = two_snapshots
    rows = stored(db)
    assert len(rows) == 2 * 185
    for row in rows:
        assert " - tỉnh" not in row["unit_name"].lower() and not row["unit_name"].startswith("UBND")
        assert unicodedata.is_normalized("NFC", row["unit_name"])
        assert abs(row["total"] - sum(row[g] for g in GROUPS)) <= 0.01 + 1e-9
        assert row["unit_key"] == unit_key(row["unit_name"])
    local = [r for r in rows if r["level"] in ("so_ban", "xa_phuong")]
    assert {r["province"] for r in local} == {"An Giang"}
    assert {r["unit_name"] for r in local if r["unit_name"].startswith("Thanh tra")} == {
        "Thanh tra tỉnh An Giang"
    }
    provinces = {r["province"] for r in rows if r["level"] == "tinh"}
    assert len(provinces) == 34 and "An Giang" in provinces and None not in provinces


def test_official_scores_rank_ties_together(two_snapshots):
    db, _ = two_snapshots
    scores = official_scores(db, level="xa_phuong")
    assert len(scores) == 102 and set(scores["snapshot_at"].astype(str)) == {"2025-10-16"}
    for row in scores.itertuples():
        assert row.rank == 1 + (scores["total"].round(2) > round(row.total, 2)).sum()
    tied = scores[scores["total"] == 93.03]
    assert set(tied["unit_name"]) == {"Xã Chợ Vàm", "Xã Giang Thành"}
    assert set(tied["rank"]) == {4}
    assert set(tied["published_rank"]) == {5, 6}, "the portal breaks the tie; the published rank is kept"

    older = official_scores(db, snapshot_at=OLDER, level="tinh")
    assert len(older) == 34 and set(older["period_kind"]) == {"nam"}  # nam preferred over thang
    monthly = official_scores(db, level="tinh", period_kind="thang")
    assert len(monthly) == 34 and monthly.iloc[0]["unit_name"] == "Tỉnh Bắc Ninh"
    assert official_scores(db, level="so_ban").iloc[0]["unit_name"] == "Ban Quản lý Khu kinh tế"


def test_rank_changes_between_the_two_snapshots(two_snapshots):
    db, _ = two_snapshots
    changes = rank_changes(db, OLDER, NEWER, level="xa_phuong")
    assert len(changes) == 102 and changes[["rank_older", "rank_newer"]].notna().all().all()
    before = official_scores(db, snapshot_at=OLDER).set_index("unit_key")
    after = official_scores(db, snapshot_at=NEWER).set_index("unit_key")
    for row in changes.itertuples():
        assert row.rank_older == before.loc[row.unit_key, "rank"]
        assert row.rank_newer == after.loc[row.unit_key, "rank"]
        assert row.places_change == row.rank_older - row.rank_newer
        assert row.points_change == pytest.approx(round(row.total_newer - row.total_older, 2))
    moved = rank_changes(db, OLDER, NEWER, level="xa_phuong", changed_only=True)
    assert 0 < len(moved) < 102
    assert (moved["places_change"] != 0).all()
    long_phu = changes.set_index("unit_name").loc["Phường Long Phú"]
    assert (long_phu.rank_older, long_phu.rank_newer, long_phu.places_change) == (1, 3, -2)

    departments = rank_changes(db, OLDER, NEWER, level="so_ban").set_index("unit_name")
    assert departments.loc["Sở Nội vụ", "places_change"] == 3 - 11


def test_reimporting_a_file_changes_nothing(tmp_path):
    db = Database(tmp_path / "cchc.duckdb")
    first = ingest_file(db, SNAPSHOT_1016, as_of=NEWER)
    before = stored(db)
    again = ingest_file(db, SNAPSHOT_1016, as_of=NEWER)
    assert (again.rows_loaded, again.rows_updated, again.rows_unchanged) == (0, 0, first.rows_read)
    assert balanced(again)
    after = stored(db)
    assert sorted(map(repr, after)) == sorted(map(repr, before))
    with db.read() as cur:
        log = cur.execute(
            "SELECT file_kind, snapshot_source, rows_read, rows_unchanged, notes FROM import_log ORDER BY import_id"
        ).fetchall()
    assert [row[:4] for row in log] == [("xlsx", "as_of", 185, 0), ("xlsx", "as_of", 185, 185)]
    assert json.loads(log[0][4])[0] == "Bảng điểm Quyết định 766"


def test_cli_json_contract_for_a_766_file(tmp_path):
    db_path = tmp_path / "cchc.duckdb"
    done = subprocess.run(
        [sys.executable, "-m", "dashboard", "ingest", str(SNAPSHOT_1016), "--db", str(db_path), "--json"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    (line,) = done.stdout.strip().splitlines()
    result = json.loads(line)
    assert list(result)[: len(CONTRACT_KEYS)] == CONTRACT_KEYS
    assert result["rows_read"] == sum(result[k] for k in CONTRACT_KEYS[2:7]) == 185
    assert result["rows_loaded"] == 185 and result["import_id"] == 1
    assert "Ngày chốt 16/10/2025 lấy từ ngày tạo tệp (thuộc tính của tệp Excel)" in result["notes"]


def test_the_monthly_report_imports_its_34_provinces_dated_by_the_file(tmp_path, capsys):
    db_path = tmp_path / "cchc.duckdb"
    assert main(["ingest", str(MONTHLY_REPORT), "--db", str(db_path), "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert (result["rows_read"], result["rows_loaded"]) == (34, 34)
    db = Database(db_path)
    rows = stored(db)
    assert len(rows) == 34 and {r["level"] for r in rows} == {"tinh"}
    # The sheet "Báo cáo 766" does not say whether it holds yearly or monthly scores: not guessed.
    assert {r["period_kind"] for r in rows} == {"khong_ro"}
    # No --as-of and no date in the sheet: the workbook's creation time, 08:37 UTC = 15:37 in Vietnam.
    assert {r["snapshot_at"].date() for r in rows} == {date(2025, 10, 11)}
    with db.read() as cur:
        assert cur.execute("SELECT snapshot_source, sheet_name FROM import_log").fetchall() == [
            ("file_created", "Báo cáo 766")
        ]


def portal_row(name: str, scores: list[str], total: str, rank: str, kind: str = "3") -> list[str]:
    """A row as the portal writes it: text cells, groups in the order TDGQ MDHL MDSH TTTT CLGQ CKMB."""
    return ["1", name, name, "H01.1", kind, "2", "1", *scores, total, rank]


def test_a_broken_total_is_rejected_with_a_reason(tmp_path):
    rows = [
        PORTAL_HEADER,
        portal_row("UBND xã Mỹ Hòa Hưng - tỉnh An Giang", ["19.5", "18", "20", "8", "8", "18"], "91.5", "1"),
        # decimal commas, as a hand-typed sheet writes them
        portal_row("UBND xã Bình Hòa - tỉnh An Giang", ["19,5", "17,5", "20", "8", "8", "18"], "91", "3"),
        # the total is not the sum of the six groups (91.5)
        portal_row("UBND xã Hội An - tỉnh An Giang", ["19.5", "18", "20", "8", "8", "18"], "92", "2"),
        [None] * len(PORTAL_HEADER),
        portal_row("UBND xã An Châu - tỉnh An Giang", ["19.5", "18", "n/a", "8", "8", "18"], "91.5", "4"),
    ]
    path = write_xlsx(tmp_path / "diem.xlsx", rows, sheet="Xã Phường")
    db = Database(tmp_path / "cchc.duckdb")
    report = ingest_file(db, path, as_of=date(2025, 10, 20))
    assert balanced(report)
    assert (report.rows_read, report.rows_loaded, report.rows_rejected, report.rows_skipped) == (5, 2, 2, 1)
    assert [r.row for r in report.rejects] == [4, 6]
    assert report.rejects[0].reason == (
        "Trang 'Xã Phường': Tổng điểm 92 khác tổng sáu nhóm điểm 91,5 (lệch 0,5)"
    )
    assert report.rejects[1].reason == "Trang 'Xã Phường': Điểm MDSH 'n/a' không phải số"
    with db.read() as cur:
        quarantined = cur.execute(
            "SELECT source_row, reason, cells FROM quarantine ORDER BY source_row"
        ).fetchall()
        binh_hoa = cur.execute(
            "SELECT tdgq, mdhl, total FROM official_766 WHERE unit_name = 'Xã Bình Hòa'"
        ).fetchall()
    assert [(r, reason) for r, reason, _ in quarantined] == [(r.row, r.reason) for r in report.rejects]
    assert json.loads(quarantined[0][2])["TONG_SCORE"] == "92"
    assert binh_hoa == [(19.5, 17.5, 91.0)]


def test_snapshots_side_by_side_list_units_of_one_snapshot_with_the_other_side_null(tmp_path):
    scores = ["19.5", "18", "20", "8", "8", "18"]
    first = [
        PORTAL_HEADER,
        portal_row("UBND xã A", scores, "91.5", "1"),
        portal_row("UBND xã B", scores, "91.5", "2"),
    ]
    second = [
        PORTAL_HEADER,
        portal_row("UBND xã B", scores, "91.5", "1"),
        portal_row("UBND xã C", scores, "91.5", "2"),
    ]
    db = Database(tmp_path / "cchc.duckdb")
    ingest_file(db, write_xlsx(tmp_path / "a.xlsx", first, sheet="Xã Phường"), as_of=date(2025, 9, 1))
    ingest_file(db, write_xlsx(tmp_path / "b.xlsx", second, sheet="Xã Phường"), as_of=date(2025, 10, 1))
    changes = rank_changes(db, date(2025, 9, 1), date(2025, 10, 1)).set_index("unit_name")
    assert sorted(changes.index) == ["Xã A", "Xã B", "Xã C"]
    assert changes.loc["Xã A", ["rank_older", "rank_newer"]].tolist()[0] == 1
    assert changes[["rank_newer", "total_newer", "places_change"]].loc["Xã A"].isna().all()
    assert changes[["rank_older", "total_older", "points_change"]].loc["Xã C"].isna().all()
    assert (changes.loc["Xã B", "rank_older"], changes.loc["Xã B", "rank_newer"]) == (1, 1)  # a tie: 1, 1
    assert changes.loc["Xã B", "places_change"] == 0


def test_snapshot_date_from_a_title_line_period_from_the_sheet_name_level_from_the_name(tmp_path):
    header = ["STT", "Tên đơn vị", "tong_score", "Ckmb", "tdgq", "CLGQ", "tttt", "mdhl", "mdsh"]
    rows = [
        ["BẢNG ĐIỂM CHỈ SỐ PHỤC VỤ NGƯỜI DÂN, DOANH NGHIỆP"],
        ["Ngày cập nhật: 15/10/2025"],
        header,
        ["1", "Sở Tư pháp - Tỉnh An Giang", "90", "18", "20", "10", "10", "14", "18"],
        ["2", "Tổng cộng", None, None, None, None, None, None, None],
    ]
    path = write_xlsx(tmp_path / "tay.xlsx", rows, sheet="Điểm quý")
    prepared = prepare_any(path)
    assert isinstance(prepared, Prepared766)
    assert (prepared.snapshot_at, prepared.snapshot_source) == (date(2025, 10, 15), "title")
    assert prepared.report.skipped == {"dòng tổng": 1}
    (record,) = prepared.records.to_pylist()
    assert (record["level"], record["period_kind"], record["published_rank"]) == ("so_ban", "quy", 1)
    assert (record["unit_name"], record["province"]) == ("Sở Tư pháp", "An Giang")


def test_a_unit_twice_in_one_file(tmp_path):
    scores = ["19.5", "18", "20", "8", "8", "18"]
    rows = [
        PORTAL_HEADER,
        portal_row("UBND xã A", scores, "91.5", "1"),
        portal_row("UBND xã A", scores, "91.5", "1"),  # identical: skipped
        portal_row("UBND xã B", scores, "91.5", "2"),
        portal_row("UBND xã B", ["19", "18", "20", "8", "8", "18"], "91", "3"),  # differing: both rejected
    ]
    report = prepare_any(write_xlsx(tmp_path / "dup.xlsx", rows, sheet="Xã Phường")).report
    assert (report.rows_read, report.rows_rejected, report.rows_skipped) == (4, 2, 1)
    assert [r.row for r in report.rejects] == [4, 5]
    assert "xuất hiện nhiều lần với điểm khác nhau" in report.rejects[0].reason


def test_dossier_exports_still_go_to_the_dossier_pipeline(tmp_path):
    rows = [["Mã hồ sơ", "Đơn vị", "Ngày tiếp nhận"], ["H17-260105-0001", "Xã Hòa Tiến", "05/01/2026"]]
    assert isinstance(prepare_any(write_xlsx(tmp_path / "hs.xlsx", rows)), PreparedFile)


@pytest.mark.parametrize(
    ("published", "level", "name", "province"),
    [
        ("UBND phường Long Phú - tỉnh An Giang", "xa_phuong", "Phường Long Phú", "An Giang"),
        ("Sở Du lịch - Tỉnh An Giang", "so_ban", "Sở Du lịch", "An Giang"),
        ("UBND xã Hòa Vang - thành phố Đà Nẵng", "xa_phuong", "Xã Hòa Vang", "Đà Nẵng"),
        ("UBND tỉnh Bắc Ninh", "tinh", "Tỉnh Bắc Ninh", "Bắc Ninh"),
        ("UBND Thành phố Huế", "tinh", "Thành phố Huế", "Huế"),
        ("Thanh tra tỉnh An Giang", "so_ban", "Thanh tra tỉnh An Giang", "An Giang"),
        ("UBND xã Tân Tỉnh", "xa_phuong", "Xã Tân Tỉnh", None),
    ],
)
def test_names(published, level, name, province):
    assert split_name(unicodedata.normalize("NFD", published), level) == (name, province)


def test_a_score_above_its_maximum_is_kept_with_a_warning(tmp_path):
    rows = [PORTAL_HEADER, portal_row("UBND xã A", ["19.5", "18", "20", "8", "13", "18"], "96.5", "1")]
    db = Database(tmp_path / "cchc.duckdb")
    report = ingest_file(
        db, write_xlsx(tmp_path / "x.xlsx", rows, sheet="Xã Phường"), as_of=date(2025, 10, 1)
    )
    assert (report.rows_loaded, report.rows_rejected) == (1, 0)
    assert [w.reason for w in report.warnings] == ["Trang 'Xã Phường': điểm CLGQ 13 ngoài khoảng 0–12"]
    with db.read() as cur:
        assert cur.execute("SELECT source_row, message FROM import_warning").fetchall() == [
            (2, report.warnings[0].reason)
        ]


def test_scores_as_text():
    assert [parse_score(t) for t in ("18", "17.5", "17,5", " 9.31 ", "abc", "1.2.3")] == [
        18.0,
        17.5,
        17.5,
        9.31,
        None,
        None,
    ]
    with pytest.raises(KeyError):
        parse_score("  ")
