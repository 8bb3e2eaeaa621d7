"""Server time to re-render each page after a filter change, with 10 million dossiers stored (issue 4 §11).

Each page is opened once (the warm state of a running dashboard), then a filter changes — another official month,
one unit, a whole official year: selections whose KPI answers are not cached yet — and the re-run is timed: that
is the server's share of what a user waits for. AppTest runs the app in this process exactly as `streamlit run`
does, without the browser. Baseline, measured just before each timed run: one GROUP BY over every stored
dossier. Writes bench/RESULTS_PAGES.md. Not a test.

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
    else:  # both widgets set before the one timed run
        app.sidebar.selectbox(key="nam").set_value((2025, 2026, 2025)[run])
        app.sidebar.selectbox(key="ky").set_value("official_year")


def _baseline_seconds(db) -> float:
    """One plain pass over every dossier, counted by unit and month of receipt."""
    with db.read() as cur:
        started = time.perf_counter()
        cur.execute("SELECT unit_key, date_trunc('month', rd), count(*) FROM dossier GROUP BY ALL").fetchall()
        return time.perf_counter() - started


def _page_seconds(page: str, change: str, units: list[str], db) -> tuple[list[float], list[float]]:
    """The page's timed re-runs, and the baseline measured just before each (the machine's speed varies)."""
    import streamlit as st
    from streamlit.testing.v1 import AppTest

    times, baselines = [], []
    for run in range(RUNS):
        # As in a running dashboard: the page was on screen (its answers, and those that no filter changes, such
        # as the filter options, cached), then a filter changes; nothing cached by other pages or runs.
        st.cache_data.clear()
        app = AppTest.from_file(str(ROOT / "streamlit_app.py"), default_timeout=600)
        app.run()
        app.switch_page(f"dashboard/views/pages/{page}.py").run()
        _change(app, change, run, units)
        baselines.append(_baseline_seconds(db))
        started = time.perf_counter()
        app.run()
        times.append(time.perf_counter() - started)
        if app.exception:
            raise SystemExit(f"{page}: {app.exception[0].message}")
    return times, baselines


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
    lines = [
        "# Page speed benchmark",
        "",
        f"Measured {datetime.now():%Y-%m-%d %H:%M} by `bench/bench_pages.py` on {dossiers:,} dossiers "
        f"({os.cpu_count()} cores). Server time of a page's re-run after a filter change, as AppTest runs it: the "
        f"page was on screen before (its answers cached), the new selection's answers are not; median of {RUNS}. "
        f"Target ≤ {TARGET_SECONDS} s.".replace(",", "."),
        "Baseline, measured just before each timed run: one GROUP BY over every dossier (count by unit and month "
        "of receipt); × baseline is the median of the runs' ratios, steadier than seconds on a shared machine.",
    ]
    for change, words in CHANGES.items():
        lines += ["", f"## {words}", "", "| page | median s | runs (s) | baseline ms | × baseline | target met |",
                  "|---|---:|---|---:|---:|---|"]  # fmt: skip
        for page in PAGES:
            times, baselines = _page_seconds(page, change, units, db)
            median = statistics.median(times)
            ratio = statistics.median(t / b for t, b in zip(times, baselines, strict=True))
            runs = ", ".join(f"{t:.2f}" for t in times)
            met = "yes" if median <= TARGET_SECONDS else "**no**"
            lines.append(
                f"| {page} | {median:.2f} | {runs} | {statistics.median(baselines) * 1000:.0f} | {ratio:.1f} | {met} |"
            )
    text = "\n".join(lines) + "\n"
    print(text)
    (BENCH / "RESULTS_PAGES.md").write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
