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


def _page_seconds(page: str) -> list[float]:
    import streamlit as st
    from streamlit.testing.v1 import AppTest

    times = []
    for month in (9, 8, 7)[:RUNS]:
        app = AppTest.from_file(str(ROOT / "streamlit_app.py"), default_timeout=600)
        app.run()
        app.switch_page(f"dashboard/views/pages/{page}.py").run()
        number = next(box for box in app.sidebar.selectbox if box.key == "so")
        number.set_value(month)  # another official month: its answers are not cached yet
        st.cache_data.clear()  # nor those another page computed for it: every page measured cold
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
    started = time.perf_counter()
    with db.read() as cur:
        dossiers = cur.execute("SELECT count(*) FROM dossier").fetchall()[0][0]
    baseline = time.perf_counter() - started
    results = {page: _page_seconds(page) for page in PAGES}
    lines = [
        "# Page speed benchmark",
        "",
        f"Measured {datetime.now():%Y-%m-%d %H:%M} by `bench/bench_pages.py` on {dossiers:,} dossiers "
        f"({os.cpu_count()} cores). Server time of the re-run after changing the period to another official "
        f"month (its answers not cached yet); median of {RUNS}. Target ≤ {TARGET_SECONDS} s.".replace(
            ",", "."
        ),
        f"Baseline in the same run: one `count(*)` over every dossier, {baseline * 1000:.0f} ms.",
        "",
        "| page | median s | runs (s) | × baseline | target met |",
        "|---|---:|---|---:|---|",
    ]
    for page, times in results.items():
        median = statistics.median(times)
        runs = ", ".join(f"{t:.2f}" for t in times)
        met = "yes" if median <= TARGET_SECONDS else "**no**"
        lines.append(f"| {page} | {median:.2f} | {runs} | {median / baseline:.0f} | {met} |")
    text = "\n".join(lines) + "\n"
    print(text)
    (BENCH / "RESULTS_PAGES.md").write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
