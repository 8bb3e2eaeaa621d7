"""Server time to re-render each page after a filter change, with 10 million dossiers stored (issue 4 §11).

Each page is opened once (the warm state of a running dashboard), then the period filter is changed to
another official month — a selection whose KPI answers are not cached yet — and the re-run is timed: that is
the server's share of what a user waits for. AppTest runs the app in this process exactly as `streamlit run`
does, without the browser. Baseline, measured in the same run: one plain count over every stored dossier.
Writes bench/RESULTS_PAGES.md. Not a test.

    .venv/bin/python bench/bench_pages.py [--db bench/out/demo_10m.duckdb] [--dossiers 10000000]

The database is built with `python -m dashboard demo` when missing (about 3 minutes and 15 GB of memory
for 10 million dossiers).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from datetime import datetime
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
sys.path.insert(0, str(ROOT))

PAGES = ("overview", "units", "fields", "actions", "satisfaction", "index766", "report", "data")
TARGET_SECONDS = 1.5
RUNS = 3


def _ensure_database(path: Path, dossiers: int) -> None:
    if path.exists():
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        [sys.executable, "-m", "dashboard", "demo", "--db", str(path), "--dossiers", str(dossiers),
         "--samples", str(path.parent / "samples_big")],
        cwd=ROOT, check=True,
    )  # fmt: skip


# The filter changes measured, each on a fresh session whose first view is warm, then timed cold (issue 4 §11):
# another official month; one unit chosen (in the default month); a whole official year.
CHANGES = {
    "month": "the period changed to another official month",
    "unit": "one unit chosen in the units filter",
    "year": "the period changed to a whole official year (kỳ năm)",
}


def _change(app, change: str, run: int, units: list[str]) -> None:
    if change == "month":
        next(box for box in app.sidebar.selectbox if box.key == "so").set_value((9, 8, 7)[run])
    elif change == "unit":
        app.sidebar.multiselect(key="don_vi").set_value([units[run * 7 % len(units)]])
    else:
        app.sidebar.selectbox(key="ky").set_value("official_year").run()
        app.sidebar.selectbox(key="nam").set_value((2026, 2025, 2026)[run])


def _page_seconds(page: str, change: str, units: list[str]) -> list[float]:
    import streamlit as st
    from streamlit.testing.v1 import AppTest

    times = []
    for run in range(RUNS):
        app = AppTest.from_file(str(ROOT / "streamlit_app.py"), default_timeout=600)
        app.run()
        app.switch_page(f"dashboard/views/pages/{page}.py").run()
        _change(app, change, run, units)
        st.cache_data.clear()  # answers another page or run computed for it: every page measured cold
        started = time.perf_counter()
        app.run()
        times.append(time.perf_counter() - started)
        if app.exception:
            raise SystemExit(f"{page}: {app.exception[0].message}")
    return times


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", default=str(BENCH / "out" / "demo_10m.duckdb"))
    parser.add_argument("--dossiers", type=int, default=10_000_000)
    args = parser.parse_args()
    path = Path(args.db)
    _ensure_database(path, args.dossiers)
    os.environ["CCHC_DB"] = str(path)

    from dashboard.store import Database

    db = Database(path)
    db.ensure_schema()
    with db.read() as cur:
        dossiers = cur.execute("SELECT count(*) FROM dossier").fetchall()[0][0]
        units = [key for (key,) in cur.execute("SELECT unit_key FROM unit ORDER BY 1").fetchall()]
        # Baseline: one plain pass over every dossier, counted by unit and month of receipt.
        started = time.perf_counter()
        cur.execute("SELECT unit_key, date_trunc('month', rd), count(*) FROM dossier GROUP BY ALL").fetchall()
        baseline = time.perf_counter() - started
    lines = [
        "# Page speed benchmark",
        "",
        f"Measured {datetime.now():%Y-%m-%d %H:%M} by `bench/bench_pages.py` on {dossiers:,} dossiers "
        f"({os.cpu_count()} cores). Server time of a page's re-run after a filter change (its answers not cached "
        f"yet), as AppTest runs it; median of {RUNS}. Target ≤ {TARGET_SECONDS} s.".replace(",", "."),
        f"Baseline in the same run: one GROUP BY over every dossier (count by unit and month), "
        f"{baseline * 1000:.0f} ms.",
    ]
    for change, words in CHANGES.items():
        results = {page: _page_seconds(page, change, units) for page in PAGES}
        lines += ["", f"## {words}", "", "| page | median s | runs (s) | × baseline | target met |",
                  "|---|---:|---|---:|---|"]  # fmt: skip
        for page, times in results.items():
            median = statistics.median(times)
            runs = ", ".join(f"{t:.2f}" for t in times)
            met = "yes" if median <= TARGET_SECONDS else "**no**"
            lines.append(f"| {page} | {median:.2f} | {runs} | {median / baseline:.1f} | {met} |")
    text = "\n".join(lines) + "\n"
    print(text)
    (BENCH / "RESULTS_PAGES.md").write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
