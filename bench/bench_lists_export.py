"""Time to write 50.000 overdue dossiers to Excel (issue 5 §3: the Phụ lục workbook in ≤ 5 s).

A synthetic overdue list (the columns of dashboard.kpi.actions.action_list / late_finished_list, 30 units) —
no database needed — is written end to end, bytes out, by appendix_workbook (the report's Phụ lục) and by
action_lists.workbook_bytes (the Hồ sơ quá hạn page's download). Baseline, measured in the same run: openpyxl
in write-only mode writing the same 50.000 rows × 7 plain values (no styles), the least any openpyxl workbook
of these rows costs. Median of 3. Writes bench/RESULTS_LISTS_EXPORT.md. Not a test.

    .venv/bin/python bench/bench_lists_export.py [--rows 50000] [--no-write]
"""

from __future__ import annotations

import argparse
import io
import os
import statistics
import sys
import time
from datetime import date, datetime
from pathlib import Path

import numpy as np
import pandas as pd

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
sys.path.insert(0, str(ROOT))

from dashboard.exports.action_lists import workbook_bytes  # noqa: E402
from dashboard.exports.appendix_xlsx import appendix_workbook  # noqa: E402
from dashboard.kpi.periods import custom  # noqa: E402
from dashboard.kpi.report import ReportContent  # noqa: E402

RUNS = 3
TARGET_SECONDS = 5.0
UNITS = 30


def overdue_frame(rows: int) -> pd.DataFrame:
    """rows dossiers open and overdue at 14/11/2026, most overdue first, with the late-list columns too."""
    rng = np.random.default_rng(7)
    received = pd.Timestamp("2026-11-14") - pd.to_timedelta(rng.integers(5, 400, rows), unit="D")
    received = received + pd.to_timedelta(rng.integers(7 * 3600, 17 * 3600, rows), unit="s")
    due = received.normalize() + pd.to_timedelta(rng.integers(1, 4, rows), unit="D")
    late = ((pd.Timestamp("2026-11-14") - due).days * 5 // 7).astype("int32")
    unit = np.array([f"Phường Số {n:02d}" for n in range(1, UNITS + 1)], dtype=object)[
        rng.integers(0, UNITS, rows)
    ]
    frame = pd.DataFrame(
        {
            "dossier_code": [f"000.00.{n % 97:02d}.H17-{n:07d}" for n in range(rows)],
            "unit": unit,
            "unit_key": unit,
            "field_name": "Hộ tịch",
            "procedure": "Đăng ký khai sinh",
            "channel": "direct",
            "received_at": received,
            "due_day": due,
            "finished_day": pd.NaT,
            "due_source": "stored",
            "working_days_overdue": late,
            "working_days_late": late,
            "status": "in_progress",
            "status_label": None,
        }
    )
    return frame.sort_values("working_days_overdue", ascending=False, kind="stable").reset_index(drop=True)


def content(frame: pd.DataFrame) -> ReportContent:
    empty = frame.head(0)
    return ReportContent(
        period=custom(date(2026, 10, 15), date(2026, 11, 14)),
        by="unit",
        scope="UBND thành phố (bench)",
        snapshot=date(2026, 11, 14),
        generated_at=datetime(2026, 11, 22),
        total=pd.Series(dtype=object),
        rows=pd.DataFrame(),
        compared=pd.DataFrame(),
        monthly=pd.DataFrame(),
        by_unit=pd.DataFrame(),
        overdue=frame,
        due_soon=empty.rename(columns={"working_days_overdue": "working_days_left"}),
        late_finished=empty,
    )


def baseline(frame: pd.DataFrame) -> bytes:
    """openpyxl write-only, the same rows × 7 plain values, no styles, no formula guard."""
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    sheet = book.create_sheet("Quá hạn")
    columns = zip(
        range(1, len(frame) + 1),
        frame["dossier_code"].tolist(),
        frame["received_at"].dt.date.tolist(),
        frame["due_day"].dt.date.tolist(),
        [None] * len(frame),
        frame["unit"].tolist(),
        [f"Đang giải quyết, quá hạn {n} ngày làm việc" for n in frame["working_days_overdue"].tolist()],
        strict=True,
    )
    for row in columns:
        sheet.append(list(row))
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _median_seconds(job) -> tuple[float, list[float], int]:
    times, size = [], 0
    for _ in range(RUNS):
        started = time.perf_counter()
        size = len(job())
        times.append(time.perf_counter() - started)
    return statistics.median(times), times, size


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=50_000)
    parser.add_argument("--no-write", action="store_true")
    args = parser.parse_args()
    frame = overdue_frame(args.rows)
    report = content(frame)
    load_before = os.getloadavg()[0]
    jobs = {
        "baseline: openpyxl write-only, plain values": lambda: baseline(frame),
        "`appendix_workbook` (Phụ lục, 3 sheets)": lambda: appendix_workbook(report),
        "`action_lists.workbook_bytes` (overdue sheet)": lambda: workbook_bytes({"overdue": frame}),
    }
    results = {name: _median_seconds(job) for name, job in jobs.items()}
    base = results[next(iter(jobs))][0]
    rows = f"{args.rows:,}".replace(",", ".")
    lines = [
        "# Excel export of long lists",
        "",
        f"Measured {datetime.now():%Y-%m-%d %H:%M} by `bench/bench_lists_export.py` ({os.cpu_count()} cores, "
        f"load average {load_before:.2f} before, {os.getloadavg()[0]:.2f} after). {rows} overdue dossiers of "
        f"{UNITS} units (synthetic, the columns of `action_list`), written end to end to .xlsx bytes; "
        f"median of {RUNS}. Target for the Phụ lục workbook: ≤ {TARGET_SECONDS:.0f} s (issue 5 §3).",
        f"Baseline in the same run: openpyxl write-only mode writing the same {rows} rows × 7 plain values "
        "(no styles), the least an openpyxl workbook of these rows costs.",
        "",
        "| what | median s | runs (s) | × baseline | file size | ≤ 5 s |",
        "|---|---:|---|---:|---:|---|",
    ]
    for name, (median, times, size) in results.items():
        runs = ", ".join(f"{t:.2f}" for t in times)
        met = "—" if name.startswith("baseline") else "yes" if median <= TARGET_SECONDS else "**no**"
        lines.append(
            f"| {name} | {median:.2f} | {runs} | {median / base:.2f} | {size / 1e6:.1f} MB | {met} |"
        )
    lines += [
        "",
        "The Phụ lục and the action-list workbooks are written by openpyxl (styles, title block, header, merged",
        "ranges, page setup) and their data rows are then appended as XML (`dashboard/exports/sheet_rows.py`),",
        f"styled by the ids of a few NamedStyles: openpyxl itself costs {base / (args.rows * 7) * 1e6:.0f} µs a "
        "cell here, so even its bare write-only baseline cannot meet the target on this machine.",
    ]
    text = "\n".join(lines) + "\n"
    print(text)
    if not args.no_write:
        (BENCH / "RESULTS_LISTS_EXPORT.md").write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
