"""Demo data: the generator's invariants and the sample export files (EXPORT_FORMATS.md)."""

from __future__ import annotations

import datetime as dt
import re
import time
import unicodedata

import numpy as np
import openpyxl
import pandas as pd
import pytest

from dashboard.demo import samples
from dashboard.demo.catalog import PREDECESSORS, STATUS_LABELS, UNITS
from dashboard.demo.generator import DEFAULT_END, generate_dossiers
from dashboard.domain import STATUS_CODE_CLASS
from dashboard.store.schema import DOSSIER_COLUMNS
from dashboard.text import unit_key
from dashboard.workdays import default_calendar

CAL = default_calendar()
N = 30_000


@pytest.fixture(scope="module")
def frame() -> pd.DataFrame:
    return generate_dossiers(N, seed=7)


def _days(series: pd.Series) -> np.ndarray:
    return series.dt.normalize().to_numpy().astype("datetime64[D]")


# -- generator ------------------------------------------------------------------------------------------


def test_columns_and_dtypes(frame):
    assert tuple(frame.columns) == DOSSIER_COLUMNS
    assert len(frame) == N
    for column in ("submitted_at", "received_at", "due_at", "finished_at", "returned_at", "snapshot_at"):
        assert frame[column].dtype.kind == "M", column
    assert str(frame["status_code"].dtype) == "Int16"
    assert str(frame["supplement_count"].dtype) == "Int32"
    assert str(frame["source_row"].dtype) == "Int32"
    for column in ("paid_online", "result_digitized", "apology_issued"):
        assert str(frame[column].dtype) == "boolean", column
    assert frame["source_file"].eq("demo").all()
    assert frame["source_row"].tolist() == list(range(1, N + 1))
    assert (frame["snapshot_at"] == pd.Timestamp(DEFAULT_END)).all()


def test_units_and_keys(frame):
    assert frame["unit"].nunique() >= 20
    assert len(UNITS) >= 22
    assert (frame["unit_key"] == frame["unit"].map(unit_key)).all()


def test_two_years_on_working_days_in_office_hours(frame):
    received = frame["received_at"]
    assert received.notna().all()
    assert received.min() >= pd.Timestamp("2024-11-15")
    assert received.max() < pd.Timestamp("2026-11-15")
    assert (received.max() - received.min()).days >= 720
    assert CAL.is_working_day_array(_days(received)).all()
    minutes = received.dt.hour * 60 + received.dt.minute
    assert minutes.between(7 * 60 + 30, 17 * 60).all()
    # Some online submissions were made over a weekend or at night, and received the next working day.
    early = frame["submitted_at"] < received
    assert (early & frame["channel"].eq("online")).sum() > 0
    assert (frame.loc[early, "submitted_at"].dt.day_of_week >= 5).sum() > 0


def test_codes_unique_and_carry_the_receipt_date(frame):
    codes = frame["dossier_code"]
    assert codes.is_unique
    parts = codes.str.extract(r"^(\d{3}\.\d{2}\.\d{2}\.H17)-(\d{6})-(\d{4})$")
    assert parts.notna().all().all()
    assert (parts[1] == frame["received_at"].dt.strftime("%y%m%d")).all()
    # seq runs 1..k per agency per day, in receipt order.
    seq = parts[2].astype(int)
    grouped = seq.groupby([parts[0], parts[1]])
    assert (grouped.min() == 1).all()
    assert (grouped.max() == grouped.count()).all()


def test_dates_never_before_receipt(frame):
    received = _days(frame["received_at"])
    for column in ("due_at", "finished_at", "supplement_requested_at"):
        values = _days(frame[column])
        known = ~np.isnat(values)
        assert (values[known] >= received[known]).all(), column
    both = frame["returned_at"].notna()
    assert (frame.loc[both, "returned_at"] >= frame.loc[both, "finished_at"]).all()
    assert frame.loc[both, "finished_at"].notna().all()


def test_due_dates_follow_the_calendar(frame):
    # due_at is a working day at 17:00 (KPI_SPEC §6).
    due = frame["due_at"].dropna()
    assert (due.dt.hour == 17).all()
    assert CAL.is_working_day_array(_days(due)).all()
    same_day = frame[frame["procedure"].eq("Đăng ký khai sinh") & frame["supplement_count"].eq(0)]
    assert (
        _days(same_day["due_at"].dropna()) == _days(same_day.loc[same_day["due_at"].notna(), "received_at"])
    ).all()


def test_statuses_consistent(frame):
    codes = frame["status_code"].astype(int)
    assert codes.between(1, 10).all()
    assert (frame["status"] == codes.map(STATUS_CODE_CLASS)).all()
    assert (frame["status_label"] == codes.map(lambda c: STATUS_LABELS[c][0])).all()
    share = codes.value_counts(normalize=True)
    assert share[[9, 10]].sum() > 0.9
    for rare in (1, 3, 7, 8):
        assert 0 < share[rare] < 0.02, rare
    finished = frame["status"].isin(["resolved", "withdrawn", "stopped"])
    assert frame.loc[finished, "finished_at"].notna().all()
    assert frame.loc[~finished, "finished_at"].isna().all()
    assert frame.loc[codes == 10, "returned_at"].notna().all()
    paused = frame[codes == 5]
    assert len(paused) > 0
    assert paused["supplement_requested_at"].notna().all()
    assert (paused["supplement_count"] >= 1).all()


def test_channel_mix_moves_online(frame):
    quarter = frame["received_at"].dt.to_period("Q")
    online = frame["channel"].eq("online").groupby(quarter).mean()
    assert online.iloc[0] < 0.42
    assert online.iloc[-1] > 0.55
    assert 0.02 < frame["channel"].eq("postal").mean() < 0.05
    # service level only where the dossier went online, and only procedures offered online.
    assert frame.loc[frame["channel"].eq("direct"), "service_level"].isna().all()
    assert set(frame["service_level"].dropna().unique()) == {"full_online", "partial_online"}


def _weekly(frame: pd.DataFrame) -> pd.Series:
    day = frame["received_at"].dt.normalize()
    monday = day - pd.to_timedelta(day.dt.day_of_week, unit="D")
    weeks = pd.date_range(monday.min(), monday.max(), freq="7D")
    return monday.value_counts().reindex(weeks, fill_value=0).sort_index()


def test_tet_dip_visible(frame):
    weekly = _weekly(frame)
    ordinary = weekly.median()
    for year in (2025, 2026):
        tet = pd.Timestamp(CAL.lunar_new_year(year))
        week = tet - pd.Timedelta(days=tet.day_of_week)
        assert weekly[week] < 0.4 * ordinary
        assert weekly[week + pd.Timedelta(days=7)] < 0.6 * ordinary
        rush = weekly[week - pd.Timedelta(days=21) : week - pd.Timedelta(days=14)]
        assert rush.mean() > 1.1 * ordinary


def test_a_few_units_clearly_late(frame):
    done = frame[frame["status"].isin(["resolved", "stopped"]) & frame["due_at"].notna()]
    # Before 1/7/2025 the dossiers name the old communes each unit was made of (issue 15 §6).
    unit_of = {old: new for new, olds in PREDECESSORS.items() for old in olds} | {
        u.name: u.name for u in UNITS
    }
    late = (
        (done["finished_at"].dt.normalize() > done["due_at"].dt.normalize())
        .groupby(done["unit"].map(unit_of))
        .mean()
    )
    assert (late > 0.06).sum() >= 3
    assert late.median() < 0.025
    worse = {u.name for u in UNITS if u.is_worse}
    assert set(late[late > 0.06].index) <= worse
    # Late dossiers get an apology letter some of the time, on-time ones never.
    is_late = done["finished_at"].dt.normalize() > done["due_at"].dt.normalize()
    assert done.loc[is_late, "apology_issued"].any()
    assert not done.loc[~is_late, "apology_issued"].any()


def test_ratings(frame):
    resolved = frame[frame["status"].eq("resolved")]
    rated = resolved["rating"].notna()
    assert 0.3 < rated.mean() < 0.5
    assert frame.loc[~frame["status"].eq("resolved"), "rating"].isna().all()
    shares = resolved["rating"].value_counts(normalize=True)
    assert shares["very_satisfied"] + shares["satisfied"] > 0.9
    worse = {u.name for u in UNITS if u.is_worse}
    in_worse = resolved["unit"].isin(worse)
    dissatisfied = resolved["rating"].eq("dissatisfied")
    assert dissatisfied[in_worse & rated].mean() > 2 * dissatisfied[~in_worse & rated].mean()


def test_open_dossiers_at_the_end(frame):
    end = np.datetime64(DEFAULT_END)
    open_ = frame[frame["status"].eq("in_progress")]
    due = _days(open_["due_at"])
    overdue = due < end
    soon = (due >= end) & (due <= CAL.add_working_days_array(np.array([end]), 2)[0])
    assert overdue.sum() > 0
    assert soon.sum() > 0
    # Open dossiers are recent.
    assert (open_["received_at"] > pd.Timestamp(DEFAULT_END) - pd.Timedelta(days=90)).all()
    worse = open_["unit"].isin({u.name for u in UNITS if u.is_worse})
    per_unit_worse = overdue[worse.to_numpy()].sum() / 4
    per_unit_other = overdue[~worse.to_numpy()].sum() / (len(UNITS) - 4)
    assert per_unit_worse > per_unit_other


def test_booleans_on_part_of_the_rows(frame):
    for column in ("paid_online", "result_digitized"):
        known = frame[column].notna()
        assert 0.2 < known.mean() < 1.0, column
        assert frame.loc[known, column].any() and not frame.loc[known, column].all(), column


def test_deterministic():
    a = generate_dossiers(3_000, seed=3)
    b = generate_dossiers(3_000, seed=3)
    pd.testing.assert_frame_equal(a, b)
    c = generate_dossiers(3_000, seed=4)
    assert not a["dossier_code"].equals(c["dossier_code"])


def test_other_end_date():
    other = generate_dossiers(2_000, seed=1, end=dt.date(2025, 6, 30))
    assert other["received_at"].max() <= pd.Timestamp("2025-06-30 23:59")
    assert other["received_at"].min() >= pd.Timestamp("2023-07-01")
    assert (other["snapshot_at"] == pd.Timestamp("2025-06-30")).all()


# -- sample files ---------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def written(frame, tmp_path_factory):
    out = tmp_path_factory.mktemp("samples")
    started = time.perf_counter()
    paths = samples.write_samples(frame, out)
    return paths, time.perf_counter() - started


def _rows(path) -> list[tuple]:
    return list(openpyxl.load_workbook(path).active.iter_rows(values_only=True))


def test_samples_written_fast(written):
    paths, seconds = written
    names = [p.name for p in paths]
    assert names == [
        samples.FILE_A,
        samples.FILE_B,
        samples.FILE_C,
        samples.FILE_D,
        samples.FILE_E,
        samples.FILE_F,
    ]
    assert all(p.stat().st_size > 1000 for p in paths)
    assert seconds < 5


def test_sample_a_titles_merged_header_groups_total(written, frame):
    path = written[0][0]
    ws = openpyxl.load_workbook(path).active
    rows = list(ws.iter_rows(values_only=True))
    assert rows[0][0] == "DANH SÁCH HỒ SƠ TIẾP NHẬN"
    assert rows[1][0] == "(Từ ngày 15/09/2026 đến ngày 14/10/2026)"
    merged = {str(r) for r in ws.merged_cells.ranges}
    assert {"A1:O1", "A5:A6", "B5:B6", "J5:M5", "N5:N6"} <= merged
    assert rows[4][9] == "Ngày" and rows[5][9:13] == samples.GROUPED_HEADER_SUB
    assert rows[6][:3] == ("(1)", "(2)", "(3)")
    unit_names = {u.name for u in UNITS}
    groups = [i for i, r in enumerate(rows[7:], start=8) if r[0] in unit_names]
    assert len(groups) == 4
    assert all(ws.cell(g, 1).font.bold for g in groups)
    assert all(all(v is None for v in rows[g - 1][1:]) for g in groups)
    assert any(all(v is None for v in r) for r in rows[7:])  # blank rows
    assert rows[-1][0] == "Tổng cộng"
    data = [r for r in rows[7:] if isinstance(r[0], int)]
    assert 150 <= len(data) <= 400
    assert all(isinstance(r[9], dt.datetime) for r in data)  # received: real Excel dates
    texts = [r[11] for r in data if r[11] is not None]
    assert texts and all(re.fullmatch(r"\d{2}/\d{2}/\d{4} \d{2}:\d{2}:\d{2}", t) for t in texts)
    assert all(re.fullmatch(r"09\d{8}", r[6]) for r in data)  # made-up phone numbers
    assert {r[1] for r in data} <= set(frame["dossier_code"].tolist())
    labels = {label for names in STATUS_LABELS.values() for label in names}
    assert {r[13] for r in data} <= labels
    assert any(r[13] in STATUS_LABELS[4] for r in data)  # some still open on 14/10


def test_sample_f_is_a_newer_snapshot_of_a(written):
    paths = written[0]
    older = {r[1]: r for r in _rows(paths[0]) if isinstance(r[0], int)}
    newer_rows = _rows(paths[5])
    assert newer_rows[1][0] == "(Từ ngày 15/09/2026 đến ngày 14/11/2026)"
    newer = {r[1]: r for r in newer_rows if isinstance(r[0], int)}
    assert set(older) < set(newer)
    now_finished = [c for c, r in older.items() if r[11] is None and newer[c][11] is not None]
    assert len(now_finished) > 0


def test_sample_b_is_html_named_xls(written):
    path = written[0][1]
    assert path.suffix == ".xls"
    text = path.read_text(encoding="utf-8")
    assert text.startswith("<html")
    assert 'xmlns:x="urn:schemas-microsoft-com:office:excel"' in text
    assert "charset=utf-8" in text and 'colspan="17"' in text
    assert "(Từ ngày 15/10/2026 đến ngày 14/11/2026)" in text
    rows = re.findall(r"<tr>(.*?)</tr>", text)
    assert sum("colspan" in r for r in rows) == 3  # title rows above the header
    header_at = next(i for i, r in enumerate(rows) if "<th>" in r)
    assert tuple(re.findall(r"<th>(.*?)</th>", rows[header_at])) == samples.HTML_HEADER
    cells = [re.findall(r"<td>(.*?)</td>", r) for r in rows[header_at + 1 :]]
    assert len(cells) >= 100
    assert {c[14] for c in cells} <= {str(i) for i in range(1, 11)}
    assert {c[7] for c in cells} <= {"1", "2", "3"}
    assert all(re.fullmatch(r"\d{2}/\d{2}/\d{4} \d{2}:\d{2}", c[10]) for c in cells)
    assert all(re.fullmatch(r"048\d{9}", c[6]) for c in cells)


def test_sample_c_is_cp1258(written):
    raw = written[0][2].read_bytes()
    with pytest.raises(UnicodeDecodeError):
        raw.decode("utf-8")
    text = unicodedata.normalize("NFC", raw.decode("cp1258"))
    lines = text.split("\r\n")
    assert lines[0].split(";") == list(samples.CSV_HEADER)
    assert "Phường" in text and "Đã trả kết quả" in text and "Nguyễn" in text
    first = lines[1].split(";")
    assert re.fullmatch(r"\d{2}/\d{2}/\d{4}", first[9])


def test_cp1258_round_trip():
    text = "Đăng ký khai sinh; Chứng thực chữ ký; Xã Hòa Tiến; Nguyễn Thị Kim Yến; ỳ ỷ ỹ ỵ ý"
    assert unicodedata.normalize("NFC", samples.encode_cp1258(text).decode("cp1258")) == text


def test_sample_d_shifted_columns(written):
    rows = _rows(written[0][3])
    header = rows[1]
    assert len([h for h in header if h]) == 12 and header[5] == "Người tiếp nhận"
    data = rows[2:]
    assert len(data) >= 100
    assert all(r[11] is None and all(v is not None for v in r[:6]) for r in data)
    assert all(re.fullmatch(r"\d{2}/\d{2}/\d{4} \d{2}:\d{2}:\d{2}", r[5]) for r in data)


def test_sample_e_bad_rows(written):
    rows = _rows(written[0][4])
    by_sheet_row = {i: r for i, r in enumerate(rows, start=1)}
    assert by_sheet_row[6][5].startswith("31/02/2026")
    received = dt.datetime.strptime(by_sheet_row[12][5], "%d/%m/%Y %H:%M")
    due = dt.datetime.strptime(by_sheet_row[12][6], "%d/%m/%Y %H:%M")
    assert due.date() < received.date()
    assert by_sheet_row[18][5] is None
    assert by_sheet_row[24][1] == by_sheet_row[30][1]
    assert by_sheet_row[24][2:] != by_sheet_row[30][2:]
    codes = [r[1] for i, r in by_sheet_row.items() if i > 1]
    assert len(codes) - len(set(codes)) == 1
