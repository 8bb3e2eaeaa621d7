"""A command-line import while the dashboard runs, with real processes (issue: neither blocks the other).

DuckDB lets no second process write a file that is open anywhere, so only separate processes can show that the
copy-and-swap store works: a reader process stands in for the running dashboard (it queries in a loop through
Database.read(), as every Streamlit rerun does, and keeps one cursor open across an import, as a session in the
middle of a query would), while `python -m dashboard ingest` or a bare Database.write() runs as another process.
"""

from __future__ import annotations

import hashlib
import json
import os
import random
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import openpyxl
import pytest

from dashboard.ingest.run import ingest_file
from dashboard.store import Database
from dashboard.store import database as store_database

ROOT = Path(__file__).resolve().parent.parent
HEADER = [
    "Mã hồ sơ",
    "Đơn vị tiếp nhận",
    "Ngày tiếp nhận",
    "Ngày hẹn trả",
    "Ngày kết thúc xử lý",
    "Trạng thái",
]
READER_SECONDS = 20.0  # the reader gives up after this; every test finishes well before
PROCESS_TIMEOUT = 60.0  # any child still running after this is killed

# The dashboard stand-in. argv: project root, database, count to wait for, seconds, stop file.
# Prints one line per answer: "count <monotonic time> <n>"; "holding <n>" once a cursor is left open in the
# middle of a query; "held <rows> <count>" when that cursor is read to its end (after an import swapped the
# file); "error <exception>" on any failure (and goes on, as a dashboard would).
READER = r"""
import sys, time
from pathlib import Path

sys.path.insert(0, sys.argv[1])
from dashboard.store import Database

db = Database(sys.argv[2])
expected, deadline, stop = int(sys.argv[3]), time.monotonic() + float(sys.argv[4]), Path(sys.argv[5])

held_block = db.read()
held = held_block.__enter__()
held_first = held.execute("SELECT count(*) FROM dossier").fetchone()[0]
held.execute("SELECT dossier_code FROM dossier")
held_rows = len(held.fetchmany(1))
print("holding", held_first, flush=True)

count = None
while time.monotonic() < deadline and not stop.exists():
    try:
        with db.read() as cur:
            count = cur.execute("SELECT count(*) FROM dossier").fetchone()[0]
        print("count", time.monotonic(), count, flush=True)
        if held is not None and count != held_first:
            # An import swapped the file: the query started before it still runs to its end, on the old file.
            held_rows += len(held.fetchall())
            again = held.execute("SELECT count(*) FROM dossier").fetchone()[0]
            held_block.__exit__(None, None, None)
            held = None
            print("held", held_rows, again, flush=True)
        if count >= expected:
            break
    except Exception as error:
        print("error", type(error).__name__, str(error).replace("\n", " "), flush=True)
    time.sleep(0.01)
print("end", count, flush=True)
"""

# A bare write that holds the lock. argv: project root, database, seconds to sleep inside, "commit" or "fail".
# It doubles the dossiers (each code gets a "/b" twin), so it needs no knowledge of the columns.
WRITER = r"""
import sys, time

sys.path.insert(0, sys.argv[1])
from dashboard.store import Database

with Database(sys.argv[2]).write() as con:
    print("locked", time.monotonic(), flush=True)
    time.sleep(float(sys.argv[3]))
    con.execute("INSERT INTO dossier SELECT * REPLACE (dossier_code || '/b' AS dossier_code) FROM dossier")
    print("inserted", time.monotonic(), flush=True)
    if sys.argv[4] == "fail":
        raise RuntimeError("import failed on purpose, after writing")
print("swapped", time.monotonic(), flush=True)
"""


class Child:
    """A child process whose stdout lines are collected as they arrive."""

    def __init__(self, args: list[str]) -> None:
        env = {k: v for k, v in os.environ.items() if k != "CCHC_DB"} | {"PYTHONIOENCODING": "utf-8"}
        self.proc = subprocess.Popen(
            args,
            cwd=ROOT,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            encoding="utf-8",
        )
        self.lines: list[str] = []
        self.stderr = ""
        self._changed = threading.Condition()
        self._threads = [
            threading.Thread(target=self._pump_stdout, daemon=True),
            threading.Thread(target=self._pump_stderr, daemon=True),
        ]
        for thread in self._threads:
            thread.start()

    def _pump_stdout(self) -> None:
        for line in self.proc.stdout:
            with self._changed:
                self.lines.append(line.rstrip("\n"))
                self._changed.notify_all()

    def _pump_stderr(self) -> None:
        self.stderr = self.proc.stderr.read()

    def wait_for(self, predicate: Callable[[list[str]], bool], timeout: float) -> bool:
        """Whether `predicate(lines)` became true within `timeout` seconds."""
        deadline = time.monotonic() + timeout
        with self._changed:
            while not predicate(self.lines):
                remaining = deadline - time.monotonic()
                if remaining <= 0 or (self.proc.poll() is not None and not self._threads[0].is_alive()):
                    return predicate(self.lines)
                self._changed.wait(min(remaining, 0.2))
            return True

    def finish(self, timeout: float = PROCESS_TIMEOUT) -> int:
        code = self.proc.wait(timeout=timeout)
        for thread in self._threads:
            thread.join(timeout=5)
        return code

    def kill(self) -> None:
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait(timeout=10)


@pytest.fixture
def spawn() -> Iterator[Callable[[list[str]], Child]]:
    """Starts children; whatever still runs at the end of the test is killed."""
    children: list[Child] = []

    def start(args: list[str]) -> Child:
        child = Child(args)
        children.append(child)
        return child

    try:
        yield start
    finally:
        for child in children:
            child.kill()


def write_export(path: Path, codes: range, day: int = 3) -> Path:
    """An export of resolved dossiers numbered `codes`, received on `day` April 2026, as a one-stop desk gives."""
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(HEADER)
    for number in codes:
        sheet.append(
            [
                f"H17.10-2604{day:02d}-{number:04d}",
                "Phường Hải Châu" if number % 2 else "Xã Hòa Vang",
                f"{day:02d}/04/2026 08:{number % 60:02d}:00",
                f"{day + 7:02d}/04/2026 17:00:00",
                f"{day + 2:02d}/04/2026 10:30:00",
                "Đã giải quyết",
            ]
        )
    workbook.save(path)
    return path


def start_reader(spawn, tmp_path: Path, db: Path, expected: int) -> tuple[Child, Path]:
    script = tmp_path / "reader.py"
    script.write_text(READER, encoding="utf-8")
    stop = tmp_path / "stop-reader"
    reader = spawn(
        [sys.executable, str(script), str(ROOT), str(db), str(expected), str(READER_SECONDS), str(stop)]
    )
    # It has answered once and left its other cursor open in the middle of a query.
    assert reader.wait_for(lambda lines: any(line.startswith("count") for line in lines), 15), reader.stderr
    assert any(line.startswith("holding") for line in reader.lines)
    return reader, stop


def start_writer(spawn, tmp_path: Path, db: Path, sleep: float, mode: str) -> Child:
    script = tmp_path / "writer.py"
    script.write_text(WRITER, encoding="utf-8")
    return spawn([sys.executable, str(script), str(ROOT), str(db), str(sleep), mode])


def run_ingest(path: Path, db: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "CCHC_DB"} | {"PYTHONIOENCODING": "utf-8"}
    return subprocess.run(
        [sys.executable, "-m", "dashboard", "ingest", str(path), "--db", str(db), "--json"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=PROCESS_TIMEOUT,
    )


def start_ingest(spawn, path: Path, db: Path) -> Child:
    return spawn([sys.executable, "-m", "dashboard", "ingest", str(path), "--db", str(db), "--json"])


def answers(reader: Child) -> list[tuple[float, int]]:
    """(time, count) of each answer of the reader."""
    return [
        (float(t), int(n)) for _, t, n in (line.split() for line in reader.lines if line.startswith("count"))
    ]


def errors(reader: Child) -> list[str]:
    return [line for line in reader.lines if line.startswith("error")]


def stored_count(db: Path) -> int:
    with Database(db).read() as cur:
        return cur.execute("SELECT count(*) FROM dossier").fetchone()[0]


def seeded(tmp_path: Path, dossiers: int = 200) -> Path:
    db = tmp_path / "cchc.duckdb"
    report = ingest_file(Database(db), write_export(tmp_path / "seed.xlsx", range(dossiers), day=1))
    assert report.rows_loaded == dossiers
    return db


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_import_while_the_dashboard_reads_and_it_sees_the_new_data(spawn, tmp_path: Path) -> None:
    db = seeded(tmp_path, 200)
    first = write_export(tmp_path / "first.xlsx", range(200, 500))
    second = write_export(tmp_path / "second.xlsx", range(500, 1000), day=4)
    reader, _ = start_reader(spawn, tmp_path, db, expected=1000)

    result = run_ingest(first, db)
    assert result.returncode == 0, result.stderr
    assert reader.proc.poll() is None, "the reader stopped during the import"
    report = json.loads(result.stdout.splitlines()[-1])
    assert (report["rows_read"], report["rows_loaded"], report["rows_rejected"]) == (300, 300, 0)
    # Same process, no restart: its next queries see the new rows.
    assert reader.wait_for(lambda lines: any(line.endswith(" 500") for line in lines), 10), reader.lines[-5:]

    result = run_ingest(second, db)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout.splitlines()[-1])["rows_loaded"] == 500
    assert reader.finish() == 0, reader.stderr
    assert errors(reader) == []
    counts = [n for _, n in answers(reader)]
    assert counts[0] == 200 and counts[-1] == 1000
    assert counts == sorted(counts) and set(counts) == {200, 500, 1000}
    # The cursor left open across the import read the old file to its end, without an error.
    assert "held 200 200" in reader.lines
    assert reader.lines.index("held 200 200") > next(
        i for i, x in enumerate(reader.lines) if x.endswith(" 500")
    )


def test_the_dashboard_keeps_answering_while_an_import_holds_the_lock(spawn, tmp_path: Path) -> None:
    db = seeded(tmp_path, 200)
    reader, _ = start_reader(spawn, tmp_path, db, expected=400)
    sleep = 3.0
    writer = start_writer(spawn, tmp_path, db, sleep, "commit")
    assert writer.finish() == 0, writer.stderr
    assert reader.finish() == 0, reader.stderr

    times = {line.split()[0]: float(line.split()[1]) for line in writer.lines}
    assert reader.proc.returncode == 0 and errors(reader) == []
    while_locked = [(t, n) for t, n in answers(reader) if times["locked"] < t < times["locked"] + sleep]
    # Not blocked: it kept answering, with the old count, all the time the import held the lock.
    assert len(while_locked) >= 10, while_locked
    assert {n for _, n in while_locked} == {200}
    gaps = [b - a for (a, _), (b, _) in zip(while_locked, while_locked[1:], strict=False)]
    assert max(gaps) < 1.0, max(gaps)
    assert while_locked[0][0] - times["locked"] < 1.0 and times["locked"] + sleep - while_locked[-1][0] < 1.0
    # And the new count once the copy was swapped in.
    after = [n for t, n in answers(reader) if t > times["swapped"]]
    assert after and after[-1] == 400


def test_two_imports_at_once_are_serialised_and_none_is_lost(spawn, tmp_path: Path) -> None:
    db = tmp_path / "cchc.duckdb"  # does not exist yet: both imports race to create it too
    a = write_export(tmp_path / "a.xlsx", range(0, 400))
    b = write_export(tmp_path / "b.xlsx", range(300, 600))  # 100 dossiers in both, with the same content
    imports = [start_ingest(spawn, a, db), start_ingest(spawn, b, db)]
    for child in imports:
        assert child.finish() == 0, child.stderr
    reports = [json.loads(child.lines[-1]) for child in imports]
    for report, rows in zip(reports, (400, 300), strict=True):
        assert report["rows_read"] == rows
        assert report["rows_loaded"] + report["rows_updated"] + report["rows_unchanged"] == rows
    assert sum(report["rows_loaded"] for report in reports) == 600
    assert sorted(report["import_id"] for report in reports) == [1, 2]
    with Database(db).read() as cur:
        codes = {code for (code,) in cur.execute("SELECT dossier_code FROM dossier").fetchall()}
        assert cur.execute("SELECT count(*) FROM import_log").fetchone()[0] == 2
    assert codes == {f"H17.10-260403-{n:04d}" for n in range(600)}
    assert stored_count(db) == 600


def test_a_failed_import_leaves_the_file_as_it_was(spawn, tmp_path: Path) -> None:
    db = seeded(tmp_path, 200)
    before = sha256(db)
    reader, stop = start_reader(spawn, tmp_path, db, expected=10**9)
    broken = tmp_path / "hong.xlsx"
    broken.write_bytes(random.Random(7).randbytes(64 * 1024))

    result = run_ingest(broken, db)
    assert result.returncode == 2, result.stderr
    assert len(result.stderr.strip().splitlines()) == 1, result.stderr
    assert str(broken) in result.stderr
    assert "error" in json.loads(result.stdout.splitlines()[-1])
    # A write that fails after it has written (the lock taken, rows inserted in the private copy).
    writer = start_writer(spawn, tmp_path, db, 0, "fail")
    assert writer.finish() != 0
    assert "import failed on purpose" in writer.stderr
    assert any(line.startswith("inserted") for line in writer.lines)
    assert reader.proc.poll() is None, "the reader stopped during the imports"

    assert sha256(db) == before
    leftovers = sorted(p.name for p in tmp_path.iterdir() if p.name.endswith((".tmp", ".tmp.wal")))
    assert leftovers == []
    assert not (tmp_path / "cchc.duckdb.wal").exists()
    stop.touch()
    assert reader.finish() == 0, reader.stderr
    assert errors(reader) == []
    assert {n for _, n in answers(reader)} == {200}
    assert stored_count(db) == 200


def test_a_swap_between_stat_and_open_is_seen_by_the_next_query(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The reader keys the connection by the version it saw before opening the file.

    Keyed by a stat() taken after opening, an import that swaps the file in between would pin the old file
    under the new version's key: the dashboard would show the old data until the next import.
    """
    db = seeded(tmp_path, 200)
    original = store_database._open_read_only

    def open_then_an_import_finishes(path: str):
        connection = original(path)
        monkeypatch.setattr(store_database, "_open_read_only", original)
        with Database(path).write() as con:
            con.execute(
                "INSERT INTO dossier SELECT * REPLACE (dossier_code || '/b' AS dossier_code) FROM dossier"
            )
        return connection

    monkeypatch.setattr(store_database, "_open_read_only", open_then_an_import_finishes)
    assert stored_count(db) == 200  # opened before the swap
    assert stored_count(db) == 400
