"""`python -m dashboard demo` builds a database, and its sample files import as a user would see them."""

from __future__ import annotations

import json

import pytest

from dashboard.cli import main
from dashboard.demo.samples import BAD_ROWS
from dashboard.store import Database


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    folder = tmp_path_factory.mktemp("demo")
    db_path, samples = folder / "cchc.duckdb", folder / "samples"
    assert (
        main(["demo", "--db", str(db_path), "--dossiers", "30000", "--seed", "3", "--samples", str(samples)])
        == 0
    )
    return db_path, samples


def test_demo_database_holds_the_generated_dossiers(demo):
    db = Database(demo[0])
    with db.read() as cur:
        dossiers, units, imports = cur.execute(
            "SELECT (SELECT count(*) FROM dossier), (SELECT count(*) FROM unit), (SELECT count(*) FROM import_log)"
        ).fetchall()[0]
    assert (dossiers, imports) == (30000, 1)
    assert units >= 20


def test_samples_import_with_the_outcome_each_layout_promises(demo, tmp_path, capsys):
    db_path, samples = demo
    copy = tmp_path / "copy.duckdb"
    copy.write_bytes(db_path.read_bytes())
    files = sorted(samples.iterdir())
    assert len(files) == 6
    assert main(["ingest", *map(str, files), "--db", str(copy), "--json"]) == 0
    results = {
        json.loads(line)["file"].rsplit("/", 1)[-1]: json.loads(line)
        for line in capsys.readouterr().out.splitlines()
    }
    for name, result in results.items():
        parts = ("rows_loaded", "rows_updated", "rows_unchanged", "rows_rejected", "rows_skipped")
        assert result["rows_read"] == sum(result[k] for k in parts), name
    assert results["mau_loi.xlsx"]["rows_rejected"] == len(BAD_ROWS)
    assert sorted(r["row"] for r in results["mau_loi.xlsx"]["rejects"]) == sorted(BAD_ROWS)
    assert any("lệch cột" in note for note in results["mau_lech_cot.xlsx"]["notes"])
    others = [name for name in results if name != "mau_loi.xlsx"]
    assert all(results[name]["rows_rejected"] == 0 for name in others)
    grouped = results["mau_xlsx_tieu_de_gop_o.xlsx"]["skipped"]
    assert grouped["dòng nhóm (tên đơn vị / lĩnh vực)"] >= 1 and grouped["dòng tổng"] == 1
