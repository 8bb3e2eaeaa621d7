"""A command whose reader stops early (`… | head`) ends without a traceback."""

from __future__ import annotations

import subprocess
import sys

from fixture_data import ROOT


def test_a_closed_pipe_ends_the_command_quietly(tmp_path) -> None:
    db = tmp_path / "cchc.duckdb"
    made = subprocess.run([sys.executable, "-m", "dashboard", "demo", "--db", str(db), "--dossiers", "2000"],
                          cwd=ROOT, capture_output=True, text=True)  # fmt: skip
    assert made.returncode == 0, made.stderr
    listing = subprocess.Popen([sys.executable, "-m", "dashboard", "units", "list", "--db", str(db)], cwd=ROOT,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE)  # fmt: skip
    assert listing.stdout is not None and listing.stdout.readline()  # one line read, then the pipe is closed
    listing.stdout.close()
    _, errors = listing.communicate(timeout=60)
    assert b"Traceback" not in errors and b"BrokenPipeError" not in errors
    assert listing.returncode in (0, 1)
