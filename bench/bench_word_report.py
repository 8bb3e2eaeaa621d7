"""Time to make the Word report with its four charts for a year-long period (issue 5 §2, target ≤ 15 s).

The report of the demo database's last full year (15/11/2025 – 14/11/2026, every unit, rows by unit) is built
end to end from its ReportContent: the four figures, their PNG through kaleido and Chromium, the .docx. The
ReportContent itself (the KPI queries, the same for every export) is measured separately and NOT included.
"Cold" runs each start a fresh Python process, so they include starting Chromium (what the first report of a
process waits for); "warm" runs reuse the process's renderer (every later report). Baselines in the same run:
python-docx writing the same document without pictures, and one chart image with a warm renderer.
Median of 3. Writes bench/RESULTS_WORD_REPORT.md. Not a test.

    .venv/bin/python bench/bench_word_report.py [--db /tmp/demo.duckdb]

The database is copied to a temporary folder first: the demo database is never written.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date, datetime
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
sys.path.insert(0, str(ROOT))

TARGET_SECONDS = 15.0
RUNS = 3
START, END = date(2025, 11, 15), date(2026, 11, 14)


def _content(path: Path):
    from dashboard.kpi.report import period_between, report_content
    from dashboard.store import Database

    return report_content(Database(path), period_between(START, END), by="unit", scope="Dữ liệu mẫu")


def _cold(path: Path) -> None:
    """One fresh process: content (not timed), then the report with Chromium started inside the timing."""
    from dashboard.exports.word_report import build_word_report

    content = _content(path)
    started = time.perf_counter()
    data = build_word_report(content)
    print(json.dumps({"seconds": time.perf_counter() - started, "bytes": len(data)}))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", default="/tmp/demo.duckdb")
    parser.add_argument("--cold", help=argparse.SUPPRESS)  # internal: one cold run on this copy
    args = parser.parse_args()
    if args.cold:
        _cold(Path(args.cold))
        return

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "demo.duckdb"
        shutil.copyfile(args.db, path)

        from dashboard.exports.chart_images import renderer
        from dashboard.exports.report_charts import report_figures
        from dashboard.exports.word_report import build_word_report, word_report
        from dashboard.formatting import format_count

        content_times = []
        for _ in range(RUNS):
            started = time.perf_counter()
            content = _content(path)
            content_times.append(time.perf_counter() - started)
        figures = report_figures(content)

        cold, size = [], 0
        for _ in range(RUNS):
            result = subprocess.run(
                [sys.executable, __file__, "--cold", str(path)],
                cwd=ROOT,
                check=True,
                capture_output=True,
                text=True,
            )
            line = json.loads(result.stdout.strip().splitlines()[-1])
            cold.append(line["seconds"])
            size = line["bytes"]

        build_word_report(content)  # starts this process's Chromium
        warm = []
        for _ in range(RUNS):
            started = time.perf_counter()
            build_word_report(content)
            warm.append(time.perf_counter() - started)

        no_pictures = []
        for _ in range(RUNS):
            started = time.perf_counter()
            word_report(content, [])
            no_pictures.append(time.perf_counter() - started)

        one_image = []
        first = figures[0]
        for _ in range(RUNS):
            started = time.perf_counter()
            renderer().png(first.figure, first.width, first.height)
            one_image.append(time.perf_counter() - started)

    def row(name: str, times: list[float], baseline: float, target: bool) -> str:
        median = statistics.median(times)
        met = ("yes" if median <= TARGET_SECONDS else "**no**") if target else "–"
        runs = ", ".join(f"{t:.2f}" for t in times)
        return f"| {name} | {median:.2f} | {runs} | {median / baseline:.1f} | {met} |"

    base_docx = statistics.median(no_pictures)
    units = len(content.rows)
    lines = [
        "# Word report benchmark",
        "",
        f"Measured {datetime.now():%Y-%m-%d %H:%M} by `bench/bench_word_report.py` ({os.cpu_count()} cores, load "
        f"average {os.getloadavg()[0]:.2f} at the end: other jobs were running). Report of {START:%d/%m/%Y} – "
        f"{END:%d/%m/%Y} on a copy of the demo database ({format_count(int(content.total['c3']))} dossiers "
        f"handled, {units} units as rows, {len(figures)} charts, {size / 1e6:.2f} MB .docx); median of {RUNS}. "
        f"Target ≤ {TARGET_SECONDS:.0f} s for the report from its ReportContent.",
        "",
        f"Not included: report_content (the KPI queries), median {statistics.median(content_times):.2f} s "
        f"({', '.join(f'{t:.2f}' for t in content_times)}).",
        "A year-long period has no comparison table: its previous period and the same period a year earlier are"
        " the same year, so summary.comparison refuses them and ReportContent.compared is empty.",
        "",
        "| step | median s | runs (s) | × docx without pictures | target met |",
        "|---|---:|---|---:|---|",
        row("report, cold process (Chromium started inside)", cold, base_docx, True),
        row("report, warm renderer", warm, base_docx, True),
        row("baseline: python-docx, same document without pictures", no_pictures, base_docx, False),
        row("baseline: one chart image, warm renderer", one_image, base_docx, False),
    ]
    text = "\n".join(lines) + "\n"
    print(text)
    (BENCH / "RESULTS_WORD_REPORT.md").write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
