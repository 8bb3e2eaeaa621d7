"""Issue 12 §6–§7 through the command line: a file that changes while it is read is refused; a full disk
(during the copy and during the write), a read-only folder and a database path that is no database each give
a message, never a traceback, leave the database byte for byte as it was and leave no temporary file; the
copies of a write killed with SIGKILL are removed by the next write."""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from hostile_files import ROOT, dossier, dossier_count, file_digest, leftovers, run_ingest, write_csv

from dashboard.ingest.stable import CHANGED

PEAK_MB = 700


@pytest.fixture(scope="module")
def small_export(tmp_path_factory) -> Path:
    return write_csv(tmp_path_factory.mktemp("storage") / "xuat.csv", [dossier(n) for n in range(1, 3001)])


@pytest.fixture(scope="module")
def larger_export(tmp_path_factory) -> Path:
    rows = [dossier(n, code=f"000.00.12.H17-2610{1 + n % 28:02d}-{n:06d}") for n in range(1, 60_001)]
    return write_csv(tmp_path_factory.mktemp("storage") / "lon.csv", rows)


@contextlib.contextmanager
def small_filesystem(folder: Path, size: str):
    """A tmpfs of `size` mounted at `folder` (root in a container may mount; elsewhere the test is skipped)."""
    folder.mkdir(parents=True, exist_ok=True)
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(folder)], capture_output=True
    )
    if mounted.returncode != 0:
        pytest.skip(
            f"cannot mount a small file system here: {mounted.stderr.decode(errors='replace').strip()}"
        )
    try:
        yield folder
    finally:
        subprocess.run(["umount", "-l", str(folder)], check=False)


def _assert_clean_failure(run, db: Path, digest: str | None, words: str) -> None:
    run.assert_no_traceback()
    assert run.exit_code == 1, run.stderr
    assert words in run.stderr
    assert run.report["error"] and words in run.report["error"]
    assert file_digest(db) == digest
    assert leftovers(db.parent) == []
    assert run.peak_mb < PEAK_MB


def test_database_path_that_is_no_database(tmp_path, small_export) -> None:
    db = tmp_path / "cchc.duckdb"
    db.write_text("Đây là một tệp văn bản, không phải cơ sở dữ liệu\n", encoding="utf-8")
    digest = file_digest(db)
    run = run_ingest([small_export], db)
    _assert_clean_failure(run, db, digest, "không phải cơ sở dữ liệu của bảng điều khiển")


def test_disk_full_during_the_copy(tmp_path, small_export) -> None:
    with small_filesystem(tmp_path / "disk", "8m") as disk:
        db = disk / "cchc.duckdb"
        assert run_ingest([small_export], db).exit_code == 0
        digest = file_digest(db)
        # Fill the disk so that the copy of the database no longer fits.
        free = os.statvfs(disk).f_bavail * os.statvfs(disk).f_frsize
        (disk / "ballast").write_bytes(b"\0" * max(free - db.stat().st_size // 2, 0))
        run = run_ingest([small_export], db)
        (disk / "ballast").unlink()
        _assert_clean_failure(run, db, digest, "Ổ đĩa đầy")
        assert dossier_count(db) == 3000


def test_disk_full_during_the_write(tmp_path, small_export, larger_export) -> None:
    with small_filesystem(tmp_path / "disk", "4m") as disk:
        db = disk / "cchc.duckdb"
        assert run_ingest([small_export], db).exit_code == 0
        digest = file_digest(db)
        run = run_ingest([larger_export], db)  # the copy fits, 60.000 more dossiers do not
        _assert_clean_failure(run, db, digest, "Ổ đĩa đầy")
        assert dossier_count(db) == 3000


def test_read_only_folder(tmp_path, small_export) -> None:
    with small_filesystem(tmp_path / "disk", "4m") as disk:
        db = disk / "cchc.duckdb"
        assert run_ingest([small_export], db).exit_code == 0
        digest = file_digest(db)
        subprocess.run(["mount", "-o", "remount,ro", str(disk)], check=True)
        run = run_ingest([small_export], db)
        _assert_clean_failure(run, db, digest, "chỉ đọc hoặc không có quyền ghi")


def test_copies_of_a_killed_write_are_removed_by_the_next(tmp_path, small_export, larger_export) -> None:
    db = tmp_path / "cchc.duckdb"
    assert run_ingest([small_export], db).exit_code == 0
    digest = file_digest(db)
    command = [sys.executable, "-m", "dashboard", "ingest", str(larger_export), "--db", str(db), "--json"]
    child = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    while (
        not list(tmp_path.glob(".cchc.duckdb.*.tmp")) and time.monotonic() < deadline and child.poll() is None
    ):
        time.sleep(0.005)
    child.send_signal(signal.SIGKILL)
    child.wait()
    stale = list(tmp_path.glob(".cchc.duckdb.*.tmp*"))
    assert stale, "the write was not caught under way"
    assert file_digest(db) == digest  # kill -9 at any moment leaves the database intact
    (tmp_path / ".cchc.duckdb.99999.0123456789ab.tmp.tmp").mkdir()  # DuckDB's spill folder of a dead write
    run = run_ingest([small_export], db)
    assert run.exit_code == 0
    assert leftovers(tmp_path) == []


def test_file_still_being_written_is_refused(tmp_path, small_export) -> None:
    growing = tmp_path / "dang_ghi.csv"
    growing.write_bytes(small_export.read_bytes())
    stop = threading.Event()

    def keep_writing() -> None:
        number = 10_000
        with open(growing, "a", encoding="utf-8", newline="") as out:
            while not stop.is_set():
                out.write(",".join(dossier(number)) + "\r\n")
                out.flush()
                number += 1
                time.sleep(0.002)

    writer = threading.Thread(target=keep_writing, daemon=True)
    writer.start()
    try:
        db = tmp_path / "cchc.duckdb"
        run = run_ingest([growing], db)
    finally:
        stop.set()
        writer.join()
    run.assert_no_traceback()
    assert run.exit_code == 2
    assert CHANGED in run.stderr and run.report["error"] == CHANGED
    assert file_digest(db) is None  # nothing stored, not even an empty database


@pytest.mark.parametrize("page", ["overview", "units", "data"])
def test_dashboard_says_the_database_cannot_be_read(tmp_path, monkeypatch, page) -> None:
    """A database path naming a file that is no database: every page says so, no exception box."""
    from streamlit.testing.v1 import AppTest

    db = tmp_path / "cchc.duckdb"
    db.write_text("không phải cơ sở dữ liệu", encoding="utf-8")
    digest = file_digest(db)
    monkeypatch.setenv("CCHC_DB", str(db))
    app = AppTest.from_file(str(ROOT / "streamlit_app.py"), default_timeout=60)
    app.run()
    if page != "overview":
        app.switch_page(str(ROOT / f"dashboard/views/pages/{page}.py")).run()
    assert not app.exception, [e.message for e in app.exception]
    # Issue 11 §5's panel: the state as its title, the file looked for in the error box.
    assert "Không đọc được cơ sở dữ liệu" in [header.value for header in app.subheader]
    assert any(db.name in error.value and "không đọc được" in error.value for error in app.error)
    assert file_digest(db) == digest  # left as it was
