"""`python -m dashboard units …` and `kpi … --units` on the demo (issue 15 §1–4), whose history crosses
1/7/2025: old communes and wards before it, the new units after, Xã Hòa Liên split between Phường Hải Vân and
Phường Liên Chiểu without a default successor."""

from __future__ import annotations

import json
import shutil
from datetime import date

import pytest
from units_fixtures import demo_crosswalk_2026_text

from dashboard.cli import main
from dashboard.kpi.filters import Filters
from dashboard.kpi.periods import Period
from dashboard.kpi.summary import kpi_table
from dashboard.store import Database, units_store

YEAR_2025 = ["--from", "2025-01-01", "--to", "2025-12-31"]
SPLIT = "Xã Hòa Liên — đã chia tách, chưa chọn đơn vị kế tiếp"


@pytest.fixture()
def demo(demo_database, tmp_path):
    path = tmp_path / "cchc.duckdb"
    shutil.copy(demo_database[0], path)
    return Database(path)


def _run(capsys, *args) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def _by_unit(capsys, db: Database, *args) -> dict[str, int]:
    code, out, err = _run(capsys, "kpi", *args, "--by", "unit", "--db", str(db.path))
    assert code == 0, err
    answer = json.loads(out)
    return {row["group"]: row["received_total"] for row in answer["rows"]}


def test_the_demo_sets_its_province_and_counts_old_communes_under_the_new_units(demo, capsys):
    with demo.read() as cur:
        assert units_store.province(cur) == "Thành phố Đà Nẵng"
        without_unit = cur.execute("SELECT count(*) FROM dossier WHERE unit_id IS NULL").fetchall()[0][0]
    assert without_unit == 0
    current = _by_unit(capsys, demo, *YEAR_2025)
    recorded = _by_unit(capsys, demo, *YEAR_2025, "--units", "recorded")
    assert len(current) == 31 and SPLIT in current  # 30 units and the split commune
    assert "Phường Thạch Thang" in recorded and "Phường Thạch Thang" not in current
    assert "Phường Hải Châu (cũ, Quận Hải Châu)" in recorded  # the old ward of the new one's name
    assert sum(current.values()) == sum(recorded.values())


def test_units_successor_moves_the_split_commune(demo, capsys):
    before = _by_unit(capsys, demo, *YEAR_2025)
    code, out, err = _run(
        capsys, "units", "successor", "Xã Hòa Liên", "Phường Liên Chiểu", "--db", str(demo.path)
    )
    assert code == 0, err
    assert "Xã Hòa Liên (20296) tính vào Phường Liên Chiểu (20197)" in out and "người dùng chọn" in out
    after = _by_unit(capsys, demo, *YEAR_2025)
    assert SPLIT not in after
    assert after["Phường Liên Chiểu"] == before["Phường Liên Chiểu"] + before[SPLIT]
    assert after["Phường Hải Vân"] == before["Phường Hải Vân"]


def test_units_successor_refuses_a_unit_that_is_no_successor_and_stores_nothing(demo, capsys):
    code, _, err = _run(capsys, "units", "successor", "20296", "Phường Hải Châu", "--db", str(demo.path))
    assert code == 2 and "không thấy đơn vị kế tiếp của Xã Hòa Liên" in err
    with demo.read() as cur:
        assert units_store.successor_choices(cur) == {}


def test_units_province_matches_any_spelling_and_lists_the_provinces_when_none(demo, capsys):
    code, out, err = _run(capsys, "units", "province", "tp đà nẵng", "--db", str(demo.path))
    assert code == 0, err
    assert out.startswith("Tỉnh của cơ sở dữ liệu: Thành phố Đà Nẵng;")
    code, _, err = _run(capsys, "units", "province", "Đà Nẵg", "--db", str(demo.path))
    assert code == 2 and "Tỉnh Tuyên Quang" in err


def test_units_list_at_a_day_shows_the_units_in_force_then(demo, capsys):
    code, out, _ = _run(capsys, "units", "list", "--at", "2025-06-30", "--db", str(demo.path))
    assert code == 0
    assert out.startswith("Danh mục đơn vị: Thành phố Đà Nẵng, có hiệu lực ngày 30/06/2025;")
    assert "Xã Hòa Liên" in out and "chia tách, chưa chọn: giữ riêng" in out
    code, out, _ = _run(capsys, "units", "list", "--at", "2025-07-01", "--db", str(demo.path))
    assert "Xã Hòa Liên" not in out and "Phường Liên Chiểu" in out


def test_units_crosswalk_applies_a_later_table_counted_from_the_end_of_the_period(demo, capsys, tmp_path):
    table = tmp_path / "bang_chuyen_doi.csv"
    table.write_text(demo_crosswalk_2026_text().replace("30/4/2026", "1/12/2026"), encoding="utf-8")
    code, out, err = _run(
        capsys, "units", "crosswalk", str(table), "--effective", "2026-12-01", "--db", str(demo.path)
    )
    assert code == 0, err
    assert "Đọc 5 dòng: 2 nạp, 3 bỏ qua, 0 loại" in out and "Bất thường: 0" in out
    to_november = _by_unit(capsys, demo, "--from", "2026-01-01", "--to", "2026-11-14")
    to_december = _by_unit(capsys, demo, "--from", "2026-01-01", "--to", "2026-12-31")
    merged = to_november["Phường Hội An Đông"] + to_november["Phường Hội An Tây"]
    assert to_december["Phường Hội An Mới"] == merged and "Phường Hội An Đông" not in to_december
    # The same table twice, or a file that is no conversion table: refused, nothing stored.
    code, _, err = _run(
        capsys, "units", "crosswalk", str(table), "--effective", "2026-12-01", "--db", str(demo.path)
    )
    assert code == 2 and "đã có một lần sắp xếp" in err
    other = tmp_path / "khac.csv"
    other.write_text("Mã hồ sơ,Đơn vị\nA,B\n", encoding="utf-8")
    code, _, err = _run(
        capsys, "units", "crosswalk", str(other), "--effective", "2026-12-02", "--db", str(demo.path)
    )
    assert code == 2
    with demo.read() as cur:
        assert len(units_store.crosswalk_imports(cur)) == 1


def test_kpi_says_how_it_counts(demo, capsys):
    code, out, _ = _run(capsys, "kpi", *YEAR_2025, "--units", "recorded", "--db", str(demo.path))
    assert json.loads(out)["units"] == "recorded"
    code, out, _ = _run(capsys, "kpi", *YEAR_2025, "--format", "table", "--db", str(demo.path))
    assert "Đếm theo đơn vị hiện nay: mỗi hồ sơ tính vào đơn vị có hiệu lực ngày 31/12/2025" in out


def test_kpi_unit_names_todays_unit_with_its_old_communes(demo, capsys):
    code, out, err = _run(capsys, "kpi", *YEAR_2025, "--unit", "phường hải châu", "--db", str(demo.path))
    assert code == 0, err
    year = Period(date(2025, 1, 1), date(2025, 12, 31), "2025", "custom")
    table = kpi_table(demo, year, "unit")
    assert json.loads(out)["total"]["received_total"] == table.set_index("unit").loc["Phường Hải Châu", "c3"]
    code, out, err = _run(
        capsys, "kpi", *YEAR_2025, "--unit", "phường hải châu", "--units", "recorded", "--db", str(demo.path)
    )
    recorded = kpi_table(demo, year, "unit", Filters(units="recorded")).set_index("unit")["c3"]
    both = recorded["Phường Hải Châu"] + recorded["Phường Hải Châu (cũ, Quận Hải Châu)"]
    assert json.loads(out)["total"]["received_total"] == both  # every unit recorded under that name


def test_report_says_how_it_counts(demo, capsys, tmp_path):
    out_file = tmp_path / "bieu06.xlsx"
    code, out, err = _run(capsys, "report", *YEAR_2025, "--units", "recorded", "--out", str(out_file),
                          "--db", str(demo.path))  # fmt: skip
    assert code == 0, err
    assert "đếm theo đơn vị khi tiếp nhận" in out and out_file.stat().st_size > 0


def test_units_province_counts_the_dossiers_it_assigned(demo, capsys):
    """The "x/y hồ sơ đã gắn đơn vị" of `units province` is every stored dossier, all of the demo's resolved."""
    code, out, err = _run(capsys, "units", "province", "Thành phố Đà Nẵng", "--db", str(demo.path))
    assert code == 0, err
    with demo.read() as cur:
        stored = cur.execute("SELECT count(*) FROM dossier").fetchone()[0]
    shown = f"{stored:,}".replace(",", ".")
    assert f"{shown}/{shown} hồ sơ đã gắn đơn vị" in out


def test_kpi_unit_names_a_split_commune_that_stays_its_own_row(demo, capsys):
    """Under current units Xã Hòa Liên (split, nobody chose) is a row of its own: --unit finds it by its name,
    without the mark its row carries."""
    current = _by_unit(capsys, demo, *YEAR_2025)
    for typed in ("xã hòa liên", SPLIT):
        code, out, err = _run(capsys, "kpi", *YEAR_2025, "--unit", typed, "--db", str(demo.path))
        assert code == 0, err
        assert json.loads(out)["total"]["received_total"] == current[SPLIT]
    code, _, err = _run(capsys, "kpi", *YEAR_2025, "--unit", "Phường Thạch Thang", "--db", str(demo.path))
    assert code == 2 and "Phường Hải Châu" in err  # an old ward merged whole: today's unit is asked for


def test_units_successor_prints_the_old_communes_row_not_the_new_one_of_its_code_and_name(tmp_path, capsys):
    from kpi_fixtures import store
    from test_units_store import _rows
    from units_fixtures import five_to_two

    from dashboard.store.units_settings import set_province

    db = store(tmp_path / "mau.duckdb", _rows())
    set_province(db, "Mẫu", register=five_to_two().register)
    code, out, err = _run(capsys, "units", "successor", "90003", "Xã An Bình", "--db", str(db.path))
    assert code == 0, err
    rows = [line for line in out.splitlines()[2:] if "Xã Thái Bình" in line]
    assert len(rows) == 1 and "01/07/2025" in rows[0] and "người dùng chọn" in rows[0], out
