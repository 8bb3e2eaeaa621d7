"""How fast and how big an import of a 200,000-row export is, against the bare Excel reader and pandas.

Every measurement runs in a fresh Python process, so its peak memory (VmHWM of that process) is its own,
and is timed inside that process, so interpreter start-up is not counted:

1. reader      the plain way to read the file with fastexcel: fastexcel.read_excel(path), then
               load_sheet(i, header_row=None, skip_rows=0, dtypes="string", whitespace_as_null=True)
               .to_arrow_with_errors() for each sheet, on one thread. The baseline. (The import reads the
               sheet in pieces of rows, two at a time: dashboard/ingest/xlsx_reader.py.)
2. end-to-end  dashboard.cli.main(["ingest", FILE, "--db", <fresh database>, "--json"]): everything the
               command does: read, parse, validate, load, copy-and-swap. Both children import their modules
               before the clock starts: Python start-up and imports are not the import's work.
3. pandas      pandas.read_excel(path, engine="openpyxl", header=None): the usual way, for scale (run once).

Writes bench/RESULTS.md. Not a test: the figures depend on the machine and its load.

    .venv/bin/python bench/bench_ingest.py [--repeat 5] [--skip-pandas] [--profile]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
OUT = BENCH / "out"
RESULTS = BENCH / "RESULTS.md"
TARGET_END_TO_END = 1.5  # end-to-end at most this many times the reader
TARGET_VS_PANDAS = 10.0  # end-to-end at least this many times faster than pandas/openpyxl
TARGET_PEAK_MB = 2048  # issue 12 §1: a 1,048,576-row sheet or a 300 MB CSV imported within 2 GB
LARGE_XLSX = OUT / "export_1m.xlsx"  # 1,048,572 dossiers: with the titles and the header, a full sheet
LARGE_XLSX_ROWS = 1_048_572
LARGE_CSV = OUT / "export_300mb.csv"  # 904,000 dossiers, about 300 MB
LARGE_CSV_ROWS = 904_000

sys.path.insert(0, str(BENCH))
sys.path.insert(0, str(ROOT))


def _peak_rss_mb() -> float:
    # VmHWM counts this process's own address space; ru_maxrss also keeps the forking parent's high-water mark.
    status = Path("/proc/self/status")
    if status.exists():
        for line in status.read_text(encoding="ascii").splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024  # bytes on macOS, KiB on Linux


# -- children: one measurement each, a JSON line on stdout ------------------------------------------------------


def _child_reader(path: str) -> dict:
    import fastexcel
    import pyarrow  # noqa: F401 - imported before the clock starts, as the end-to-end child imports its modules

    started, cpu = time.perf_counter(), time.process_time()
    reader = fastexcel.read_excel(path)
    rows = 0
    for index in range(len(reader.sheet_names)):
        sheet = reader.load_sheet(
            index, header_row=None, skip_rows=0, dtypes="string", whitespace_as_null=True
        )
        batch, _errors = sheet.to_arrow_with_errors()
        rows += batch.num_rows
    return {"seconds": time.perf_counter() - started, "cpu_seconds": time.process_time() - cpu, "rows": rows}


def _child_end_to_end(path: str) -> dict:
    import contextlib
    import io

    import holidays.countries.vietnam  # noqa: F401 - the calendar's holidays, imported on first use
    import pandas  # noqa: F401 - pyarrow imports it on its first conversion from Python objects (~0.3 s)

    import dashboard.ingest.pipeline  # noqa: F401 - modules the command imports on first use: not timed,
    import dashboard.ingest.run  # noqa: F401 - as the reader child does not time importing fastexcel
    import dashboard.store.loader  # noqa: F401
    from dashboard.cli import main

    with tempfile.TemporaryDirectory(prefix="bench-") as directory:
        db = Path(directory) / "cchc.duckdb"
        captured = io.StringIO()
        started, cpu = time.perf_counter(), time.process_time()
        with contextlib.redirect_stdout(captured):
            code = main(["ingest", path, "--db", str(db), "--json"])
        seconds, cpu_seconds = time.perf_counter() - started, time.process_time() - cpu
        report = json.loads(captured.getvalue().splitlines()[-1])
        db_mb = db.stat().st_size / 1e6
    if code != 0:
        raise SystemExit(f"ingest exited {code}: {report}")
    return {
        "seconds": seconds,
        "cpu_seconds": cpu_seconds,
        "rows": report["rows_read"],
        "loaded": report["rows_loaded"],
        "rejected": report["rows_rejected"],
        "db_mb": db_mb,
    }


def _child_pandas(path: str) -> dict:
    import pandas as pd

    started, cpu = time.perf_counter(), time.process_time()
    frame = pd.read_excel(path, engine="openpyxl", header=None)
    return {
        "seconds": time.perf_counter() - started,
        "cpu_seconds": time.process_time() - cpu,
        "rows": len(frame),
    }


def _child_profile(path: str) -> dict:
    """End-to-end under cProfile; the statistics go to bench/out/profile_end_to_end.{prof,txt}."""
    import contextlib
    import cProfile
    import io
    import pstats

    from dashboard.cli import main

    profiler = cProfile.Profile()
    with tempfile.TemporaryDirectory(prefix="bench-") as directory:
        started = time.perf_counter()
        with contextlib.redirect_stdout(io.StringIO()):
            profiler.runcall(main, ["ingest", path, "--db", str(Path(directory) / "cchc.duckdb"), "--json"])
        seconds = time.perf_counter() - started
    profiler.dump_stats(OUT / "profile_end_to_end.prof")
    text = io.StringIO()
    stats = pstats.Stats(profiler, stream=text).strip_dirs()
    stats.sort_stats("cumulative").print_stats(45)
    stats.sort_stats("tottime").print_stats(30)
    (OUT / "profile_end_to_end.txt").write_text(text.getvalue(), encoding="utf-8")
    return {"seconds": seconds}


def _child_stages(path: str) -> dict:
    """End-to-end with a wall-clock timer on every function of dashboard.ingest and dashboard.store.

    Inclusive seconds per function (outermost call only when a function calls itself), plus the two halves of
    Database.write: entering (lock, copy of the live file, connect, schema, BEGIN) and leaving (COMMIT,
    CHECKPOINT, close, fsync, rename). Far less overhead than cProfile on this vectorised code, so the seconds
    are close to a plain run. Written to bench/out/profile_stages.txt.
    """
    import contextlib
    import functools
    import importlib
    import inspect
    import io
    import shutil

    from dashboard.cli import main
    from dashboard.store import database

    for name in ("dashboard.ingest.pipeline", "dashboard.ingest.run"):  # what cli imports on first use
        importlib.import_module(name)
    totals: dict[str, list] = {}  # name -> [calls, seconds, depth]

    def timed(name: str, function):
        entry = totals.setdefault(name, [0, 0.0, 0])

        @functools.wraps(function)
        def wrapper(*args, **kwargs):
            entry[2] += 1
            started = time.perf_counter()
            try:
                return function(*args, **kwargs)
            finally:
                entry[2] -= 1
                if entry[2] == 0:
                    entry[0] += 1
                    entry[1] += time.perf_counter() - started

        return wrapper

    modules = [m for n, m in sys.modules.items() if n.startswith(("dashboard.ingest", "dashboard.store"))]
    originals = {}
    for module in modules:
        for attr, value in vars(module).items():
            if (
                inspect.isfunction(value)
                and value.__module__ == module.__name__
                and not hasattr(value, "__wrapped__")  # contextmanagers: the call only makes the generator
            ):
                relative = Path(inspect.getfile(value)).resolve().relative_to(ROOT)
                originals[value] = timed(f"{relative}:{attr}", value)
    for module in [m for n, m in sys.modules.items() if n.startswith("dashboard")]:
        for attr, value in list(vars(module).items()):
            if inspect.isfunction(value) and value in originals:
                setattr(module, attr, originals[value])
    shutil.copyfile = timed("shutil.copyfile (copy of the live file)", shutil.copyfile)
    os.replace = timed("os.replace (swap)", os.replace)

    write = database.Database.write
    enter, leave = (
        totals.setdefault("Database.write: enter", [0, 0.0, 0]),
        totals.setdefault("Database.write: exit (COMMIT, CHECKPOINT, close, fsync, rename)", [0, 0.0, 0]),
    )

    @contextlib.contextmanager
    def timed_write(self, *args, **kwargs):
        manager = write(self, *args, **kwargs)
        started = time.perf_counter()
        connection = manager.__enter__()
        enter[0] += 1
        enter[1] += time.perf_counter() - started
        try:
            yield connection
        except BaseException as error:
            if not manager.__exit__(type(error), error, error.__traceback__):
                raise
        else:
            started = time.perf_counter()
            manager.__exit__(None, None, None)
            leave[0] += 1
            leave[1] += time.perf_counter() - started

    database.Database.write = timed_write

    with tempfile.TemporaryDirectory(prefix="bench-") as directory:
        started = time.perf_counter()
        with contextlib.redirect_stdout(io.StringIO()):
            code = main(["ingest", path, "--db", str(Path(directory) / "cchc.duckdb"), "--json"])
        seconds = time.perf_counter() - started
    if code != 0:
        raise SystemExit(f"ingest exited {code}")
    rows = sorted(((s, c, name) for name, (c, s, _) in totals.items() if c), reverse=True)
    lines = [
        f"End-to-end {seconds:.2f} s (cli.main), inclusive wall-clock seconds per function:",
        "",
        f"{'seconds':>8} {'share':>6} {'calls':>6}  function",
    ]
    lines += [f"{s:8.3f} {s / seconds:6.1%} {c:6d}  {name}" for s, c, name in rows]
    (OUT / "profile_stages.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return {"seconds": seconds, "stages": [[name, c, s] for s, c, name in rows]}


CHILDREN = {
    "reader": _child_reader,
    "end-to-end": _child_end_to_end,
    "pandas": _child_pandas,
    "profile": _child_profile,
    "stages": _child_stages,
}


def _run_child(kind: str, path: Path, timeout: float = 900) -> dict:
    completed = subprocess.run(
        [sys.executable, __file__, "--child", kind, str(path)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    if completed.returncode != 0:
        raise SystemExit(f"{kind} failed ({completed.returncode}):\n{completed.stderr}")
    return json.loads(completed.stdout.splitlines()[-1])


# -- the parent: repetitions, medians, RESULTS.md ---------------------------------------------------------------


def _machine() -> dict[str, str]:
    model = "unknown"
    with open("/proc/cpuinfo", encoding="utf-8") as cpuinfo:
        for line in cpuinfo:
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    with open("/proc/meminfo", encoding="utf-8") as meminfo:
        total_kb = int(meminfo.readline().split()[1])
    versions = {}
    for module in ("fastexcel", "duckdb", "pyarrow", "pandas", "openpyxl"):
        try:
            versions[module] = __import__(module).__version__
        except ImportError:
            versions[module] = "not installed"
    return {
        "cpu": model,
        "nproc": str(os.cpu_count()),
        "memory": f"{total_kb / 1024 / 1024:.1f} GiB",
        "python": platform.python_version(),
        "os": f"{platform.system()} {platform.release()}",
        **versions,
    }


def _cpu_times() -> list[int]:
    """The aggregate `cpu` line of /proc/stat: user nice system idle iowait irq softirq steal …"""
    with open("/proc/stat", encoding="utf-8") as stat:
        return [int(field) for field in stat.readline().split()[1:]]


def _steal_share(before: list[int], after: list[int]) -> float:
    delta = [b - a for a, b in zip(before, after, strict=True)]
    return delta[7] / sum(delta[:8]) if sum(delta[:8]) else 0.0


def _load() -> str:
    one, five, fifteen = os.getloadavg()
    return f"{one:.2f} / {five:.2f} / {fifteen:.2f}"


def _measure(kinds: tuple[str, ...], path: Path, repeat: int) -> dict[str, dict]:
    """`repeat` runs of each kind, interleaved (A B A B …) so that a change in the machine's load hits all alike."""
    runs: dict[str, list[dict]] = {kind: [] for kind in kinds}
    for attempt in range(repeat):
        for kind in kinds:
            result = _run_child(kind, path)
            runs[kind].append(result)
            print(
                f"  {kind} #{attempt + 1}: {result['seconds']:.2f} s (CPU {result['cpu_seconds']:.2f} s), "
                f"peak RSS {result['rss_mb']:.0f} MB",
                flush=True,
            )
    return {
        kind: {
            "seconds": statistics.median(r["seconds"] for r in results),
            "cpu_seconds": statistics.median(r["cpu_seconds"] for r in results),
            "rss_mb": statistics.median(r["rss_mb"] for r in results),
            "all_seconds": [r["seconds"] for r in results],
            "last": results[-1],
        }
        for kind, results in runs.items()
    }


def _results_md(
    path: Path,
    measured: dict[str, dict],
    machine: dict,
    loads: list[str],
    repeat: int,
    steal: float,
    memory: list[tuple[str, str, dict]] = (),
) -> str:
    reader = measured["reader"]["seconds"]
    reader_cpu = measured["reader"]["cpu_seconds"]
    e2e = measured["end-to-end"]["seconds"]
    last = measured["end-to-end"]["last"]
    labels = {
        "reader": "fastexcel reader alone (baseline)",
        "end-to-end": "`python -m dashboard ingest … --json` (cli.main)",
        "pandas": '`pandas.read_excel(engine="openpyxl", header=None)`',
    }
    lines = [
        "# Import benchmark: a 200,000-row one-stop export",
        "",
        f"Measured {datetime.now():%Y-%m-%d %H:%M} by `bench/bench_ingest.py` (see bench/README.md). "
        f"File: `{path.relative_to(ROOT)}` ({path.stat().st_size / 1e6:.1f} MB, {last['rows']:,} data rows, "
        "15 columns, written by `bench/make_export.py`).",
        "",
        "| measurement | median seconds | runs (s) | × reader | median CPU seconds | CPU × reader | peak RSS MB |",
        "|---|---:|---|---:|---:|---:|---:|",
    ]
    for kind, result in measured.items():
        runs = ", ".join(f"{s:.2f}" for s in result["all_seconds"])
        lines.append(
            f"| {labels[kind]} | {result['seconds']:.2f} | {runs} | {result['seconds'] / reader:.2f} | "
            f"{result['cpu_seconds']:.2f} | {result['cpu_seconds'] / reader_cpu:.2f} | {result['rss_mb']:.0f} |"
        )
    lines += ["", "Targets:", ""]
    ratio = e2e / reader
    mark = "met" if ratio <= TARGET_END_TO_END else "NOT met"
    lines.append(f"- end-to-end ≤ {TARGET_END_TO_END}× the reader: {ratio:.2f}× — {mark}")
    if "pandas" in measured:
        speedup = measured["pandas"]["seconds"] / e2e
        mark = "met" if speedup >= TARGET_VS_PANDAS else "NOT met"
        lines.append(
            f"- end-to-end ≥ {TARGET_VS_PANDAS:.0f}× faster than pandas/openpyxl: {speedup:.1f}× — {mark}"
        )
    if memory:
        lines += [
            "",
            "## Memory of large imports (issue 12 §1)",
            "",
            f"Measured in the same run, once each, in a fresh process: peak RSS of the whole child. Target: "
            f"≤ {TARGET_PEAK_MB} MB.",
            "",
            "| file | measurement | seconds | peak RSS MB | target |",
            "|---|---|---:|---:|---|",
        ]
        for label, kind, result in memory:
            mark = "" if kind == "reader" else ("met" if result["rss_mb"] <= TARGET_PEAK_MB else "NOT met")
            lines.append(f"| {label} | {kind} | {result['seconds']:.1f} | {result['rss_mb']:.0f} | {mark} |")
        lines += [
            "",
            "The fastexcel reader alone holds a whole sheet in memory (calamine builds every cell first); the "
            "import reads a sheet in pieces of rows (at most 64 MB of XML each, two at a time on two threads) "
            "and a CSV in batches of 50,000 records.",
        ]
    lines += [
        "",
        f"End-to-end result: {last['loaded']:,} dossiers loaded, {last['rejected']:,} rejected; "
        f"database file {last['db_mb']:.1f} MB.",
        "",
        f"Repetitions: {repeat} of the reader and of end-to-end, interleaved (reader, end-to-end, reader, …), "
        f"each in a fresh process; the median is shown{'; pandas once' if 'pandas' in measured else ''}. "
        "Seconds are wall-clock time inside the child; CPU seconds are its user + system time over the same "
        "span, all threads together (less sensitive to a busy host, but larger than wall time where work runs on "
        "several threads). Peak RSS is the child's VmHWM (its whole address space: interpreter, libraries, data).",
        "",
        "Machine:",
        "",
        f"- CPU: {machine['cpu']}, nproc {machine['nproc']}, memory {machine['memory']}",
        f"- {machine['os']}, Python {machine['python']}",
        f"- fastexcel {machine['fastexcel']}, duckdb {machine['duckdb']}, pyarrow {machine['pyarrow']}, "
        f"pandas {machine['pandas']}, openpyxl {machine['openpyxl']}",
        f"- load average (1 / 5 / 15 min) before, between and after the measurements: {'; '.join(loads)}",
        f"- CPU time stolen by the hypervisor during the measurements: {steal:.0%} (a virtual machine shares its "
        "host; a high figure makes every time slower and noisier)",
        "",
    ]
    return "\n".join(lines)


def _measure_memory() -> list[tuple[str, str, dict]]:
    """The full-size sheet and the 300 MB CSV, imported once each (and the sheet read by fastexcel alone)."""
    from make_export import ensure_export

    xlsx = ensure_export(LARGE_XLSX, LARGE_XLSX_ROWS)
    csv = ensure_export(LARGE_CSV, LARGE_CSV_ROWS)
    found = []
    for label, path, kinds in (
        (
            f"`{xlsx.name}` (1,048,576-row sheet, {xlsx.stat().st_size / 1e6:.0f} MB)",
            xlsx,
            ("reader", "end-to-end"),
        ),
        (f"`{csv.name}` ({csv.stat().st_size / 1e6:.0f} MB CSV)", csv, ("end-to-end",)),
    ):
        for kind in kinds:
            result = _run_child(kind, path, timeout=1800)
            print(
                f"  {path.name} {kind}: {result['seconds']:.1f} s, peak RSS {result['rss_mb']:.0f} MB",
                flush=True,
            )
            found.append((label, kind, result))
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--skip-pandas", action="store_true", help="leave out the slow pandas measurement")
    parser.add_argument(
        "--profile", action="store_true", help="also profile end-to-end (bench/out/profile_*)"
    )
    parser.add_argument("--no-write", action="store_true", help="print only, leave RESULTS.md as it is")
    parser.add_argument(
        "--skip-memory", action="store_true", help="leave out the 1,048,576-row sheet and the 300 MB CSV"
    )
    parser.add_argument("--child", choices=CHILDREN, help=argparse.SUPPRESS)
    parser.add_argument("file", nargs="?", help=argparse.SUPPRESS)
    args = parser.parse_args()

    if args.child:
        result = CHILDREN[args.child](args.file)
        print(json.dumps(result | {"rss_mb": _peak_rss_mb()}))
        return

    from make_export import ensure_export

    path = ensure_export()
    machine = _machine()
    loads = [_load()]
    print(f"{path} — load average {loads[0]}, nproc {machine['nproc']}", flush=True)
    cpu_before = _cpu_times()
    measured = _measure(("reader", "end-to-end"), path, args.repeat)
    loads.append(_load())
    if not args.skip_pandas:
        measured |= _measure(("pandas",), path, 1)
        loads.append(_load())
    memory = [] if args.skip_memory else _measure_memory()
    if memory:
        loads.append(_load())
    steal = _steal_share(cpu_before, _cpu_times())
    text = _results_md(path, measured, machine, loads, args.repeat, steal, memory)
    print()
    print(text)
    if not args.no_write:
        RESULTS.write_text(text, encoding="utf-8")
        print(f"written to {RESULTS.relative_to(ROOT)}")
    if args.profile:
        stages = _run_child("stages", path)
        print(
            f"\nend-to-end with stage timers: {stages['seconds']:.2f} s; top functions (inclusive seconds):"
        )
        for name, calls, seconds in stages["stages"][:25]:
            print(f"  {seconds:7.3f}  {calls:4d}×  {name}")
        seconds = _run_child("profile", path)["seconds"]
        print(
            f"cProfile: {seconds:.1f} s under the profiler; bench/out/profile_end_to_end.txt, "
            "bench/out/profile_stages.txt"
        )


if __name__ == "__main__":
    main()
