"""Issue 15, "done when": an export of 2025 from a real province's communes counts under the new communes
exactly. An Giang (the new province: old An Giang and Kiên Giang), every old commune of the NSO conversion table
with dossiers before 1/7/2025 and every new one with dossiers after; the expected counts are worked out here from
the raw CSV (../shared, read by the test only) with KPI_SPEC §9's rules, independently of dashboard.units.

The Decision-766 scores published for An Giang (T10/2025, 102 communes) then find their estimate in both ways of
counting (issue 15 §5).
"""

from __future__ import annotations

import csv
import unicodedata
from collections import Counter, defaultdict
from datetime import date
from pathlib import Path

import pytest
from kpi_fixtures import dossier, store

from dashboard.ingest.run import ingest_file
from dashboard.kpi.decision766 import estimate_vs_official
from dashboard.kpi.filters import Filters
from dashboard.kpi.periods import Period
from dashboard.kpi.summary import kpi_table
from dashboard.store import units_store
from dashboard.store.units_settings import set_province

REAL = Path(__file__).resolve().parent.parent.parent / "shared" / "data" / "real"
YEAR = Period(date(2025, 1, 1), date(2025, 12, 31), "Năm 2025", "year")
OCTOBER = Period(date(2025, 10, 1), date(2025, 10, 31), "Tháng 10/2025", "month")
OLD_PER_COMMUNE, NEW_PER_COMMUNE = 2, 1


def _text(cell: str) -> str:
    return " ".join(unicodedata.normalize("NFC", cell).split())


def _key(name: str) -> str:
    return _text(name).casefold()


def _an_giang_rows() -> list[dict]:
    with open(REAL / "nso_crosswalk_2025-07-01.csv", encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    header = next(i for i, row in enumerate(rows) if row and _key(row[1]) == "tên xã mới")
    out = []
    for row in rows[header + 1 :]:
        if len(row) < 8 or not row[2].strip() or "an giang" not in _key(row[0]):
            continue
        out.append({
            "new_code": row[2].strip(), "new_name": _text(row[1]), "old_code": row[4].strip(),
            "old_name": _text(row[3]), "note": _key(row[5]), "district": _text(row[6]).rsplit(" (", 1)[0],
        })  # fmt: skip
    return out


def _expected() -> tuple[dict[str, str], dict[str, str], dict[str, str]]:
    """old code → the new code its dossiers go to (None: stays its own row), old code → its name as the export
    writes it (with its district when the name repeats in the province), new code → new name."""
    rows = _an_giang_rows()
    targets, names, districts, new_names = defaultdict(list), {}, {}, {}
    for row in rows:
        new_names[row["new_code"]] = row["new_name"]
        if row["old_code"]:
            targets[row["old_code"]].append(row)
            names[row["old_code"]], districts[row["old_code"]] = row["old_name"], row["district"]
    goes = {}
    for old, pairs in targets.items():
        codes = {p["new_code"] for p in pairs}
        if len(codes) == 1:
            goes[old] = codes.pop()
            continue
        same = {p["new_code"] for p in pairs if _key(p["new_name"]) == _key(p["old_name"])}
        population = {p["new_code"] for p in pairs if "toàn bộ dân số" in p["note"]}
        goes[old] = same.pop() if len(same) == 1 else population.pop() if len(population) == 1 else None
    repeated = {key for key, n in Counter(_key(name) for name in names.values()).items() if n > 1}
    written = {
        old: f"UBND {name[0].lower()}{name[1:]}"
        + (f" - {districts[old].lower()}" if _key(name) in repeated else "")
        for old, name in names.items()
    }
    return goes, written, new_names


@pytest.fixture(scope="module")
def an_giang(tmp_path_factory):
    goes, written, new_names = _expected()
    rows = []
    for old, name in written.items():
        rows += [dossier(f"{old}-{i}", "17/03/2025", "24/03/2025", "19/03/2025", unit=name) for i in range(2)]
    for new, name in new_names.items():
        rows.append(dossier(f"N{new}", "06/10/2025", "13/10/2025", "08/10/2025", unit=name))
    db = store(tmp_path_factory.mktemp("an_giang") / "ag.duckdb", rows)
    set_province(db, "An Giang")
    return db, goes, written, new_names


def test_every_old_commune_resolves_and_counts_under_its_new_commune(an_giang):
    db, goes, written, new_names = an_giang
    with db.read() as cur:
        assert units_store.unresolved_names(cur).empty
        assert cur.execute("SELECT count(*) FROM dossier WHERE unit_id IS NULL").fetchall()[0][0] == 0
    expected = Counter({name: NEW_PER_COMMUNE for name in new_names.values()})
    split = Counter()
    for old, new in goes.items():
        if new is None:
            split[old] += OLD_PER_COMMUNE
        else:
            expected[new_names[new]] += OLD_PER_COMMUNE
    table = kpi_table(db, YEAR, "unit")
    counted = dict(zip(table["unit"], table["c3"], strict=True))
    marked = {unit: n for unit, n in counted.items() if "đã chia tách" in unit}
    assert {unit: n for unit, n in counted.items() if unit not in marked} == dict(expected)
    assert sorted(marked.values()) == sorted(split.values())
    assert sum(counted.values()) == OLD_PER_COMMUNE * len(written) + NEW_PER_COMMUNE * len(new_names)
    assert len(new_names) == 102 and len(written) == 298
    # The case holds both traps: splits without default (3), and old names repeated in the province that
    # only their district tells apart (17, written "UBND xã Vĩnh Hòa - thị xã tân châu").
    assert len(split) == 3 and sum(" - " in name for name in written.values()) == 17


def test_recorded_units_show_every_old_commune_on_its_own(an_giang):
    db, goes, written, new_names = an_giang
    table = kpi_table(db, YEAR, "unit", Filters(units="recorded"))
    assert len(table) == len(written) + len(new_names)
    assert table["c3"].sum() == kpi_table(db, YEAR)["c3"].iloc[0]


def test_the_published_766_scores_find_their_estimate_in_both_ways(an_giang):
    db, *_ = an_giang
    ingest_file(db, REAL / "new766_bao_cao_T10_2025.xlsx", as_of=date(2025, 10, 16))
    for units in ("current", "recorded"):
        table = estimate_vs_official(db, OCTOBER, filters=Filters(units=units))
        official = table[table["official_total"].notna()]
        assert len(official) == 102
        assert official["estimated_percent"].notna().all(), units  # every published commune has its estimate
    # Over a span crossing 1/7/2025 only current counting puts the old communes' dossiers beside the scores.
    span = Period(date(2025, 3, 1), date(2025, 10, 31), "T3–T10/2025", "custom")
    current = estimate_vs_official(db, span, filters=Filters(units="current"))
    recorded = estimate_vs_official(db, span, filters=Filters(units="recorded"))
    assert (
        current.loc[current["official_total"].notna(), "c3"].sum()
        > recorded.loc[recorded["official_total"].notna(), "c3"].sum()
    )
