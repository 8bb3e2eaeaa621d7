"""How fast the KPI engine answers on the demo database, against a plain scan of the same table.

Baseline, measured in the same run: one GROUP BY over every stored dossier (count and min/max of dates per
unit), the least any per-unit answer has to read. Measured: the KPI layer's answers a page asks for —
Biểu 06 for a year by unit, the same year by month (12 sub-periods), the comparison with the previous period
and a year earlier, the overdue list, and the Decision-766 estimate. Medians of 5 runs, warm (the first run
is dropped: it loads the file and the calendar). Writes bench/RESULTS_KPI.md. Not a test.

    .venv/bin/python bench/bench_kpi.py [--db data/cchc.duckdb]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from datetime import datetime
from pathlib import Path

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH.parent))

from dashboard.kpi import periods  # noqa: E402
from dashboard.kpi.actions import action_list  # noqa: E402
from dashboard.kpi.decision766 import estimate_by_unit  # noqa: E402
from dashboard.kpi.overview import dossiers_per_unit  # noqa: E402
from dashboard.kpi.summary import comparison, kpi_table  # noqa: E402
from dashboard.store import Database  # noqa: E402

RUNS = 5


def _median_seconds(call) -> float:
    times = []
    for _ in range(RUNS + 1):
        started = time.perf_counter()
        call()
        times.append(time.perf_counter() - started)
    return statistics.median(times[1:])


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", default=str(BENCH.parent / "data" / "cchc.duckdb"))
    args = parser.parse_args()
    db = Database(args.db)
    db.ensure_schema()
    year = periods.official_year(2026)
    month = periods.official_month(2026, 10)
    with db.read() as cur:
        dossiers = cur.execute("SELECT count(*) FROM dossier").fetchall()[0][0]
    measured = {
        "baseline: dossiers per unit (one GROUP BY scan)": lambda: dossiers_per_unit(db),
        "Biểu 06, năm 2026, by unit": lambda: kpi_table(db, year, "unit"),
        "Biểu 06, năm 2026, by month": lambda: kpi_table(db, year, "month"),
        "comparison: kỳ tháng 10/2026, previous, year earlier": lambda: comparison(db, month),
        "overdue list at 14/10/2026": lambda: action_list(db, month.end, "overdue"),
        "Decision 766 estimate by unit, năm 2026": lambda: estimate_by_unit(db, year),
    }
    results = {name: _median_seconds(call) for name, call in measured.items()}
    baseline = next(iter(results.values()))
    lines = [
        "# KPI engine benchmark",
        "",
        f"Measured {datetime.now():%Y-%m-%d %H:%M} by `bench/bench_kpi.py` on `{Path(args.db).name}` "
        f"({dossiers:,} dossiers). Median of {RUNS} warm runs each.".replace(",", "."),
        "",
        "| query | median ms | × baseline |",
        "|---|---:|---:|",
        *(
            f"| {name} | {seconds * 1000:.0f} | {seconds / baseline:.1f} |"
            for name, seconds in results.items()
        ),
        "",
    ]
    text = "\n".join(lines)
    print(text)
    (BENCH / "RESULTS_KPI.md").write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
