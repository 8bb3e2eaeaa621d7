"""Issue 12 §1 and §9: memory stays near the size of the cells, not of Python objects (a 300 MB CSV took 3.45 GB,
11 times the file). A 40 MB CSV, imported by the command line in a child process, within a bound the old reader
could not meet; the full-size figures (a 1,048,576-row sheet, a 300 MB CSV, 2 GB) are measured by
bench/bench_ingest.py and written to bench/RESULTS.md."""

from __future__ import annotations

from hostile_files import dossier, dossier_count, run_ingest, write_csv

BASE_MB = 260  # the interpreter with pyarrow, numpy, duckdb, fastexcel, before any file


def test_csv_import_memory_is_a_few_times_the_file(tmp_path) -> None:
    rows = (
        dossier(n, code=f"000.00.12.H17-2610{1 + n % 28:02d}-{n:06d}", procedure=f"Thủ tục số {n % 500} " * 4)
        for n in range(1, 150_001)
    )
    source = write_csv(tmp_path / "lon.csv", rows)
    size_mb = source.stat().st_size / 1024**2
    assert size_mb > 35
    db = tmp_path / "cchc.duckdb"
    run = run_ingest([source], db)
    run.assert_no_traceback()
    assert run.exit_code == 0
    assert dossier_count(db) == 150_000
    # Measured: 357 MB here for 37 MB; the reader of lists of Python strings took 545 MB.
    assert run.peak_mb < BASE_MB + 4 * size_mb, (run.peak_mb, size_mb)
